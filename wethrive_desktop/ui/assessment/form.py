"""The assessment editor: the form that fits the page (not a modal dialog, so the 14 rows stay in view and tests
drive it directly): date, kind and notes, then one row per practice with its rating, optional score, notes and
whether to develop it. `value()` reads it back as an AssessmentData; the page saves it.

On a narrow window the date and kind go above the notes, the practices' names wrap and the rows scroll down, so
every field keeps a usable width (the notes most of all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.assessments import (
    KIND_LABELS,
    RATING_LABELS,
    AssessmentData,
    PracticeRating,
    not_a_number,
    parse_score,
    suggest_needs,
)
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui.assessment.style import NOT_RATED
from wethrive_desktop.ui.widgets.dates import DateEdit
from wethrive_desktop.ui.widgets.fit import Reflow, vertical_scroll
from wethrive_desktop.ui.widgets.labels import kind_name, practice_name, rating_name
from wethrive_desktop.ui.widgets.naming import show_as_error

PRACTICE_FIELD = re.compile(r"practice (\d+)(?: (rating|score))?$")


def error_text(error: FieldError) -> str:
    """A model's message with its field's name in the user's language: "practice 4 score: 'lots' is not a
    number", "Date: 2027-01-01 is in the future"."""
    names = {"date": tr("Date"), "kind": tr("Kind"), "ratings": tr("Ratings"), "practices": tr("Practices"),
             "needs": tr("Needs"), "score": tr("Score")}
    field = names.get(error.field)
    found = PRACTICE_FIELD.match(error.field)
    if found is not None:
        number, part = int(found.group(1)), found.group(2)
        field = {"rating": tr("practice {number} rating"), "score": tr("practice {number} score")}.get(
            part or "", tr("practice {number}")).format(number=number)
    if error.field == "ratings":  # "rate at least one practice" says it all
        return error.message
    return tr("{field}: {problem}").format(field=field or error.field, problem=error.message)


@dataclass
class _Row:
    rating: QComboBox
    score: QLineEdit
    notes: QLineEdit
    need: QCheckBox


class AssessmentEditor(QWidget):
    """The form: date, kind, notes, and one row per practice (rating, optional score, notes, develop?)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("assessmentEditor")
        self.assessment_id: int | None = None
        self.heading = QLabel()
        self.heading.setObjectName("assessmentHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)

        self.date_edit = DateEdit()
        self.date_edit.setObjectName("assessmentDate")
        self.date_edit.setAccessibleName(tr("Date"))
        self.kind = QComboBox()
        self.kind.setObjectName("assessmentKind")
        self.kind.setAccessibleName(tr("Kind"))
        for key in KIND_LABELS:
            self.kind.addItem(kind_name(key), key)
        self.notes = QLineEdit()
        self.notes.setObjectName("assessmentNotes")
        self.notes.setAccessibleName(tr("Notes"))
        self.notes.setPlaceholderText(tr("Notes on the whole assessment (who rated, what it was based on)"))
        self.notes.setMinimumWidth(200)
        when = QHBoxLayout()
        date_label = QLabel(tr("&Date:"))
        date_label.setBuddy(self.date_edit)
        when.addWidget(date_label)
        when.addWidget(self.date_edit)
        kind_label = QLabel(tr("&Kind:"))
        kind_label.setBuddy(self.kind)
        when.addWidget(kind_label)
        when.addWidget(self.kind, 1)
        about = QHBoxLayout()
        notes_label = QLabel(tr("N&otes:"))
        notes_label.setBuddy(self.notes)
        about.addWidget(notes_label)
        about.addWidget(self.notes, 1)
        top = Reflow([when, about], stretches=[0, 1])  # the notes under the date and kind on a narrow window

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        headings = [(tr("Practice"), ""), (tr("Rating"), ""),
                    (tr("Score"), tr("Optional: the score a Management Assessment reported for this practice")),
                    (tr("Notes"), ""),
                    (tr("Develop"), tr("Mark the practices you will develop (your development needs)"))]
        for col, (title, tip) in enumerate(headings):
            label = QLabel(title)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            label.setToolTip(tip)
            grid.addWidget(label, 0, col)
        self.rows: dict[int, _Row] = {}
        for n in PRACTICES:
            name = practice_name(n)
            label = QLabel(tr("{number}. {name}").format(number=n, name=name))
            label.setWordWrap(True)  # a long name takes two lines rather than the notes' width
            label.setMinimumWidth(label.fontMetrics().averageCharWidth() * 14)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            rating = QComboBox()
            rating.setObjectName(f"rating{n}")
            rating.addItem(NOT_RATED, None)
            for value in RATING_LABELS:
                rating.addItem(tr("{rating} \u2013 {label}").format(rating=value, label=rating_name(value)), value)
            # The chosen rating elides on a narrow window; the list shows the labels whole.
            rating.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            rating.setMinimumContentsLength(12)
            rating.setAccessibleName(tr("Rating for {practice}").format(practice=name))
            score = QLineEdit()
            score.setObjectName(f"score{n}")
            score.setFixedWidth(64)
            score.setAccessibleName(tr("Score for {practice}").format(practice=name))
            notes = QLineEdit()
            notes.setObjectName(f"notes{n}")
            notes.setAccessibleName(tr("Notes for {practice}").format(practice=name))
            notes.setMinimumWidth(120)
            need = QCheckBox()
            need.setObjectName(f"need{n}")
            need.setAccessibleName(tr("Develop {practice}").format(practice=name))
            label.setBuddy(rating)
            widgets: list[QWidget] = [label, rating, score, notes, need]
            for col, widget in enumerate(widgets):
                grid.addWidget(widget, n, col)
            self.rows[n] = _Row(rating, score, notes, need)
        # The names and the notes share the spare width, the notes more of it.
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 3)

        self.error = QLabel()
        self.error.setObjectName("assessmentError")
        show_as_error(self.error)
        self.error.setWordWrap(True)
        self.error.hide()
        self.suggest_button = QPushButton(tr("Su&ggest needs"))
        self.suggest_button.setObjectName("suggestNeedsButton")
        self.suggest_button.setToolTip(tr("Mark the lowest-rated practices (up to 3) as development needs"))
        self.suggest_button.clicked.connect(self.apply_suggestion)
        self.save_button = QPushButton(tr("&Save assessment"))
        self.save_button.setObjectName("saveAssessmentButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("cancelAssessmentButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.suggest_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(grid)
        form_layout.addStretch(1)
        # At 1366x768 the rows fit; a smaller screen scrolls down, never sideways.
        self.rows_area = vertical_scroll(form, "assessmentRows")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(top)
        layout.addWidget(self.rows_area, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def load(self, data: AssessmentData | None) -> None:
        self.show_message("")
        self.assessment_id = data.id if data else None
        self.heading.setText(tr("Edit assessment") if data else tr("New assessment"))
        when = data.date if data else clock.today()
        self.date_edit.setDate(QDate(when.year, when.month, when.day))
        self.kind.setCurrentIndex(max(self.kind.findData(data.kind if data else "self"), 0))
        self.notes.setText(data.notes if data else "")
        for n, row in self.rows.items():
            r = data.rating_of(n) if data else PracticeRating(n)
            row.rating.setCurrentIndex(max(row.rating.findData(r.rating), 0))
            row.score.setText("" if r.score is None else format_hours(r.score))
            row.notes.setText(r.notes)
            row.notes.setCursorPosition(0)
            row.notes.setToolTip(r.notes)
            row.need.setChecked(r.need)

    def value(self) -> AssessmentData:
        """What the form holds. Raises ValidationError for a score that is not a number."""
        ratings = []
        errors: list[FieldError] = []
        for n, row in self.rows.items():
            try:
                score = parse_score(row.score.text())
            except ValidationError:
                errors.append(FieldError(f"practice {n} score", not_a_number(row.score.text().strip())))
                score = None
            ratings.append(PracticeRating(n, row.rating.currentData(), score, row.notes.text(),
                                          row.need.isChecked()))
        if errors:
            raise ValidationError(errors)
        when = self.date_edit.date()
        return AssessmentData(date(when.year(), when.month(), when.day()), str(self.kind.currentData()),
                              tuple(ratings), self.notes.text(), self.assessment_id)

    def apply_suggestion(self) -> tuple[int, ...]:
        try:
            data = self.value()
        except ValidationError as exc:
            self.show_errors(exc)
            return ()
        suggestion = suggest_needs(data)
        for n, row in self.rows.items():
            row.need.setChecked(n in suggestion)
        return suggestion

    def show_errors(self, exc: ValidationError) -> None:
        self.show_message("; ".join(error_text(e) for e in exc.errors))

    def show_message(self, text: str) -> None:
        """A problem with what was typed, under the rows (none: the line is hidden)."""
        self.error.setText(text)
        self.error.setVisible(bool(text))
