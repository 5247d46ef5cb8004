"""The self-assessment page: the history of assessments, a chart of the latest against the previous one, a side-by-side
comparison of any two, development needs, and the 14-row form to enter or edit an assessment.

The page has two faces in a QStackedWidget: the overview and the editor (form.py). The package's __init__ lists
every module.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.models.assessments import (
    PRACTICE_SHORT,
    AssessmentData,
    delete_assessment,
    get_assessment,
    latest_two,
    load_assessments,
    ordered_pair,
    restore_assessment,
    save_assessment,
    set_needs,
    suggest_needs,
)
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.assessment.chart import RatingsChart
from wethrive_desktop.ui.assessment.compare import CompareRow, compare_columns, compare_rows
from wethrive_desktop.ui.assessment.form import AssessmentEditor
from wethrive_desktop.ui.assessment.history import HISTORY_COLUMNS
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import FunctionCommand
from wethrive_desktop.ui.widgets.record_table import RecordTableModel, record_view


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
