"""The self-assessment page: the history of assessments, a chart of the latest against the previous one, a side-by-side
comparison of any two, development needs, and the 14-row form to enter or edit an assessment.

The page has two faces in a QStackedWidget: the overview and the editor (a form that fits the page, not a modal
dialog, so the 14 rows stay in view and tests drive it directly).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.assessments import (
    KIND_LABELS,
    PRACTICE_SHORT,
    RATING_LABELS,
    AssessmentData,
    PracticeRating,
    compare,
    delete_assessment,
    get_assessment,
    latest_two,
    load_assessments,
    ordered_pair,
    parse_score,
    restore_assessment,
    save_assessment,
    set_needs,
    suggest_needs,
)
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, PRACTICES
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.record_table import Col, RecordTableModel, record_view
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import FunctionCommand

GREEN = QColor("#1b7a3a")
RED = QColor("#b3261e")
NOT_RATED = "—"
KIND_SHORT = {"self": "Self-assessment", "management": "Management Assessment", "multirater": "360 summary"}


def rating_text(rating: int | None) -> str:
    return NOT_RATED if rating is None else f"{rating} {RATING_LABELS[rating]}"


def change_text(change: int | None) -> str:
    if change is None:
        return ""
    if change == 0:
        return "0"
    return f"+{change}" if change > 0 else f"\u2212{-change}"


# --- table models ------------------------------------------------------------------------------------------


def needs_text(needs: Sequence[int]) -> str:
    return ", ".join(str(n) for n in needs)


HISTORY_COLUMNS: list[Col[AssessmentData]] = [
    Col("Date", lambda a: a.date.isoformat(), lambda a: (a.date, a.id)),
    Col("Kind", lambda a: KIND_SHORT.get(a.kind, a.kind), tip=lambda a: a.kind_label, stretch=True),
    Col("Rated", lambda a: f"{a.rated} of 14", lambda a: a.rated, right=True),
    Col("Needs", lambda a: needs_text(a.needs), lambda a: a.needs,
        tip=lambda a: "\n".join(f"{n} {PRACTICES[n]}" for n in a.needs)),
]


@dataclass(frozen=True)
class CompareRow:
    practice: int
    before: int | None
    after: int | None
    change: int | None
    score_before: str
    score_after: str


def _change_color(row: CompareRow) -> QColor | None:
    if row.change is None or row.change == 0:
        return None
    return GREEN if row.change > 0 else RED


def compare_columns(earlier: AssessmentData | None, later: AssessmentData | None) -> list[Col[CompareRow]]:
    first = earlier.date.isoformat() if earlier else "Earlier"
    second = later.date.isoformat() if later else "Later"
    return [
        Col("Practice", lambda r: f"{r.practice} {PRACTICES[r.practice]}", lambda r: r.practice, stretch=True),
        Col(first, lambda r: rating_text(r.before), lambda r: r.before or 0,
            tip=lambda r: f"score {r.score_before}" if r.score_before else ""),
        Col(second, lambda r: rating_text(r.after), lambda r: r.after or 0,
            tip=lambda r: f"score {r.score_after}" if r.score_after else ""),
        Col("Change", lambda r: change_text(r.change), lambda r: r.change or 0, right=True,
            color=_change_color, bold=lambda r: bool(r.change)),
    ]


def compare_rows(earlier: AssessmentData, later: AssessmentData) -> list[CompareRow]:
    def score(value: Any) -> str:
        return "" if value is None else format_hours(value)

    return [CompareRow(c.practice, c.before, c.after, c.change, score(c.score_before), score(c.score_after))
            for c in compare(earlier, later)]


# --- the chart ---------------------------------------------------------------------------------------------


class RatingsChart(QChartView):
    """Horizontal bars per practice: the latest assessment against the previous one (practice 1 at the top)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("assessmentChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(300)
        self.series_sets: dict[str, list[float]] = {}
        self.show_pair(None, None)

    def show_pair(self, latest: AssessmentData | None, previous: AssessmentData | None) -> None:
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        self.series_sets = {}
        if latest is None:
            chart.setTitle("No assessment yet: add one to see your ratings here")
            self.setChart(chart)
            return
        chart.setTitle("Ratings: latest against the previous assessment" if previous else "Ratings")
        series = QHorizontalBarSeries()
        numbers = list(reversed(PRACTICES))  # the first category is drawn at the bottom
        pairs = [(previous, QColor("#9aa5b1")), (latest, QColor("#2a6fb0"))] if previous else [
            (latest, QColor("#2a6fb0"))]
        for data, color in pairs:
            assert data is not None
            label = f"{data.date.isoformat()} {data.kind_label}"
            bar_set = QBarSet(label)
            values = [float(data.rating_of(n).rating or 0) for n in numbers]
            bar_set.append(values)
            bar_set.setColor(color)
            bar_set.setBorderColor(color)
            series.append(bar_set)
            self.series_sets[label] = list(reversed(values))
        series.setBarWidth(0.8)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([f"{n} {PRACTICE_SHORT[n]}" for n in numbers])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values_axis = QValueAxis()
        values_axis.setRange(0, 5)
        values_axis.setTickCount(6)
        values_axis.setLabelFormat("%d")
        chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values_axis)
        self.setChart(chart)


# --- the editor --------------------------------------------------------------------------------------------


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


# --- undo --------------------------------------------------------------------------------------------------


# --- the page ----------------------------------------------------------------------------------------------


class AssessmentPage(Page):
    title = "Self-assessment"
    object_name = "assessmentPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.assessments: list[AssessmentData] = []

        title = QLabel("Self-assessment against the 14 Practices")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.new_button = QPushButton("&New assessment")
        self.new_button.setObjectName("newAssessmentButton")
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton("&Edit")
        self.edit_button.setObjectName("editAssessmentButton")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("deleteAssessmentButton")
        self.delete_button.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(title, 1)
        for b in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(b)

        self.history_model: RecordTableModel[AssessmentData] = RecordTableModel(HISTORY_COLUMNS, self)
        self.history = record_view(self.history_model, name="assessmentHistory", multi=True)
        self.history.setToolTip("Select two assessments (Ctrl+click) to compare them")
        self.history.doubleClicked.connect(lambda _index: self.edit_selected())
        self.history.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())

        self.needs_label = QLabel()
        self.needs_label.setObjectName("needsLabel")
        self.needs_label.setWordWrap(True)
        self.needs_label.setTextFormat(Qt.TextFormat.RichText)
        self.needs_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.mark_suggested_button = QPushButton("Mark suggested as needs")
        self.mark_suggested_button.setObjectName("markSuggestedButton")
        self.mark_suggested_button.clicked.connect(self.mark_suggested)
        self.edit_needs_button = QPushButton("Change needs...")
        self.edit_needs_button.setObjectName("editNeedsButton")
        self.edit_needs_button.clicked.connect(self.edit_selected)
        needs_box = QGroupBox("Development needs")
        needs_layout = QVBoxLayout(needs_box)
        needs_layout.addWidget(self.needs_label, 1)
        needs_buttons = QHBoxLayout()
        needs_buttons.addWidget(self.mark_suggested_button)
        needs_buttons.addWidget(self.edit_needs_button)
        needs_buttons.addStretch(1)
        needs_layout.addLayout(needs_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>History</b> (select two to compare)"))
        left_layout.addWidget(self.history, 3)
        left_layout.addWidget(needs_box, 2)

        self.chart = RatingsChart()
        self.compare_model: RecordTableModel[CompareRow] = RecordTableModel(compare_columns(None, None), self)
        self.compare_view = record_view(self.compare_model, name="compareTable")
        self.compare_label = QLabel()
        self.compare_label.setObjectName("compareLabel")
        self.compare_label.setWordWrap(True)
        compare_page = QWidget()
        compare_layout = QVBoxLayout(compare_page)
        compare_layout.addWidget(self.compare_label)
        compare_layout.addWidget(self.compare_view, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("assessmentTabs")
        self.tabs.addTab(self.chart, "Chart")
        self.tabs.addTab(compare_page, "Compare")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 640])
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.setContentsMargins(0, 0, 0, 0)
        overview_layout.addLayout(bar)
        overview_layout.addWidget(splitter, 1)

        self.editor = AssessmentEditor()
        self.editor.save_button.clicked.connect(self.save_editor)
        self.editor.cancel_button.clicked.connect(self.show_overview)

        self.stack = QStackedWidget()
        self.stack.addWidget(overview)
        self.stack.addWidget(self.editor)
        self.overview = overview
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.refresh()

    # --- data ----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = [a.id for a in self.selected()]
        self.assessments = load_assessments()
        self.history_model.set_records(self.assessments)
        latest, previous = latest_two()
        self.chart.show_pair(latest, previous)
        self.select_ids([i for i in selected if any(a.id == i for a in self.assessments)]
                        or ([latest.id] if latest and latest.id is not None else []))
        self.selection_changed()

    def changed(self) -> None:
        """Data was written: refresh every page."""
        self.shell.notify_data_changed()

    def selected(self) -> list[AssessmentData]:
        rows = sorted({i.row() for i in self.history.selectionModel().selectedRows()})
        return [self.history_model.record(r) for r in rows if r < len(self.history_model.records)]

    def select_ids(self, ids: Sequence[int | None]) -> None:
        selection = self.history.selectionModel()
        selection.clearSelection()
        for row, a in enumerate(self.history_model.records):
            if a.id in ids:
                selection.select(self.history_model.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def focus_assessment(self) -> AssessmentData | None:
        """The one the needs panel is about: the selected one, else the latest."""
        chosen = self.selected()
        if chosen:
            return chosen[0]
        return self.assessments[0] if self.assessments else None

    def selection_changed(self) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(len(chosen) == 1)
        self.delete_button.setEnabled(len(chosen) == 1)
        self.update_needs()
        self.update_compare(chosen)

    def update_needs(self) -> None:
        data = self.focus_assessment()
        self.mark_suggested_button.setEnabled(False)
        self.edit_needs_button.setEnabled(data is not None)
        if data is None:
            self.needs_label.setText("Add an assessment; the practices you rate lowest are suggested as needs.")
            return
        suggestion = suggest_needs(data)
        lines = [f"From the {data.kind_label.lower()} of {data.date.isoformat()}:"]
        if data.needs:
            lines += [f"&nbsp;&nbsp;<b>{n}. {PRACTICES[n]}</b>" for n in data.needs]
        else:
            lines.append("&nbsp;&nbsp;<i>No needs marked yet.</i>")
        if suggestion:
            lines.append("Suggested (lowest rated): " + ", ".join(f"{n}. {PRACTICE_SHORT[n]}" for n in suggestion))
        self.needs_label.setText("<br>".join(lines))
        self.mark_suggested_button.setEnabled(bool(suggestion) and tuple(sorted(suggestion)) != data.needs)

    def update_compare(self, chosen: list[AssessmentData]) -> None:
        if len(chosen) == 2:
            earlier, later = ordered_pair(chosen[0], chosen[1])
        else:
            if len(self.assessments) < 2:
                self.compare_model.columns = compare_columns(None, None)
                self.compare_model.set_records([])
                self.compare_label.setText("Two assessments are needed to compare. Select any two in the history.")
                return
            earlier, later = self.assessments[1], self.assessments[0]
        self.compare_model.columns = compare_columns(earlier, later)
        self.compare_model.set_records(compare_rows(earlier, later))
        rows = self.compare_model.records
        up = sum(1 for r in rows if r.change and r.change > 0)
        down = sum(1 for r in rows if r.change and r.change < 0)
        self.compare_label.setText(
            f"<b>{earlier.kind_label}</b> of {earlier.date.isoformat()} against <b>{later.kind_label}</b> of "
            f"{later.date.isoformat()}: {up} practice{'s' if up != 1 else ''} up, {down} down.")

    # --- actions -------------------------------------------------------------------------------------------

    def edit(self, data: AssessmentData | None) -> None:
        self.editor.load(data)
        self.stack.setCurrentWidget(self.editor)
        self.editor.date_edit.setFocus()

    def edit_selected(self) -> None:
        data = self.focus_assessment()
        if data is not None:
            assert data.id is not None
            self.edit(get_assessment(data.id))

    def show_overview(self) -> None:
        self.stack.setCurrentWidget(self.overview)

    def save_editor(self) -> int | None:
        try:
            assessment_id = save_assessment(self.editor.value())
        except ValidationError as exc:
            self.editor.show_errors(exc)
            return None
        except LookupError as exc:
            self.editor.error.setText(str(exc))
            return None
        self.show_overview()
        self.changed()
        self.select_ids([assessment_id])
        self.shell.show_message("Assessment saved", 4000)
        return assessment_id

    def delete_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].id is None:
            return
        data, assessment_id = chosen[0], chosen[0].id
        if not prompts.confirm(self, "Delete assessment",
                               f"Delete the {data.kind_label.lower()} of {data.date.isoformat()}? "
                               "(Edit > Undo brings it back.)", "Delete"):
            return
        before = delete_assessment(assessment_id)
        self.shell.undo_stack.push(FunctionCommand(
            self.shell, f"Delete {before.kind_label.lower()} of {before.date.isoformat()}",
            redo=lambda: delete_assessment(assessment_id), undo=lambda: restore_assessment(before)))
        self.changed()

    def mark_suggested(self) -> None:
        data = self.focus_assessment()
        if data is None or data.id is None:
            return
        set_needs(data.id, suggest_needs(data))
        self.changed()
        self.select_ids([data.id])
