"""The assessment editor: the form that fits the page (not a modal dialog, so the 14 rows stay in view and tests
drive it directly): date, kind and notes, then one row per practice with its rating, optional score, notes and
whether to develop it. `value()` reads it back as an AssessmentData; the page saves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.assessments import (
    KIND_LABELS,
    RATING_LABELS,
    AssessmentData,
    PracticeRating,
    parse_score,
    suggest_needs,
)
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, PRACTICES
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui.assessment.style import NOT_RATED, RED


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
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)

        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("assessmentDate")
        self.date_edit.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.setObjectName("assessmentKind")
        for key, kind_text in KIND_LABELS.items():
            self.kind.addItem(kind_text, key)
        self.notes = QLineEdit()
        self.notes.setObjectName("assessmentNotes")
        self.notes.setPlaceholderText("Notes on the whole assessment (who rated, what it was based on)")
        top = QHBoxLayout()
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.date_edit)
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind)
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        notes_label = QLabel("N&otes:")
        notes_label.setBuddy(self.notes)
        top.addWidget(notes_label)
        top.addWidget(self.notes, 1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        for col, title in enumerate(["Practice", "Rating", "Score", "Notes", "Develop"]):
            label = QLabel(f"<b>{title}</b>")
            if title == "Score":
                label.setToolTip("Optional: the score a Management Assessment reported for this practice")
            if title == "Develop":
                label.setToolTip("Mark the practices you will develop (your development needs)")
            grid.addWidget(label, 0, col)
        self.rows: dict[int, _Row] = {}
        for n, name in PRACTICES.items():
            label = QLabel(f"{n}. {name}")
            rating = QComboBox()
            rating.setObjectName(f"rating{n}")
            rating.addItem(NOT_RATED, None)
            for value, text in RATING_LABELS.items():
                rating.addItem(f"{value} \u2013 {text}", value)
            rating.setAccessibleName(f"Rating for {name}")
            score = QLineEdit()
            score.setObjectName(f"score{n}")
            score.setFixedWidth(64)
            score.setAccessibleName(f"Score for {name}")
            notes = QLineEdit()
            notes.setObjectName(f"notes{n}")
            notes.setAccessibleName(f"Notes for {name}")
            need = QCheckBox()
            need.setObjectName(f"need{n}")
            need.setAccessibleName(f"Develop {name}")
            label.setBuddy(rating)
            widgets: list[QWidget] = [label, rating, score, notes, need]
            for col, widget in enumerate(widgets):
                grid.addWidget(widget, n, col)
            self.rows[n] = _Row(rating, score, notes, need)
        grid.setColumnStretch(3, 1)

        self.error = QLabel()
        self.error.setObjectName("assessmentError")
        self.error.setStyleSheet(f"color: {RED.name()}")
        self.error.setWordWrap(True)
        self.suggest_button = QPushButton("Suggest needs")
        self.suggest_button.setObjectName("suggestNeedsButton")
        self.suggest_button.setToolTip("Mark the lowest-rated practices (up to 3) as development needs")
        self.suggest_button.clicked.connect(self.apply_suggestion)
        self.save_button = QPushButton("&Save assessment")
        self.save_button.setObjectName("saveAssessmentButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelAssessmentButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.suggest_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(grid)
        form_layout.addStretch(1)
        # At 1366x768 the rows fit; a smaller screen scrolls down, never sideways.
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows_area = scroll

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def load(self, data: AssessmentData | None) -> None:
        self.error.clear()
        self.assessment_id = data.id if data else None
        self.heading.setText("Edit assessment" if data else "New assessment")
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
                errors.append(FieldError(f"practice {n} score", f"'{row.score.text().strip()}' is not a number"))
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
        self.error.setText("; ".join(str(e) for e in exc.errors))
