"""The self-assessment page: the history of assessments, a chart of the latest against the previous one, a side-by-side
comparison of any two, development needs, and the 14-row form to enter or edit an assessment.

The page has two faces in a QStackedWidget: the overview and the editor (form.py). The package's __init__ lists
every module. On a narrow window the overview's two panels (history and needs; chart and compare) stack and the
page scrolls down.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models.assessments import (
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
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.assessment.chart import RatingsChart
from wethrive_desktop.ui.assessment.compare import CompareRow, compare_columns, compare_rows
from wethrive_desktop.ui.assessment.form import AssessmentEditor
from wethrive_desktop.ui.assessment.history import history_columns
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import FunctionCommand
from wethrive_desktop.ui.widgets.fit import ColumnFitter, Reflow, StackingSplitter, vertical_scroll
from wethrive_desktop.ui.widgets.labels import kind_name, practice_name, practice_short
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, RecordTableModel, record_view

STACK_BELOW = 820  # px: a narrower page puts the chart and the comparison under the history
CHART_HEIGHT, STACKED_CHART_HEIGHT = 300, 460  # px: the chart's least height beside the history, and under it
STACKED_HISTORY_HEIGHT = 140


def kind_in_sentence(kind: str) -> str:
    """An assessment's kind inside a sentence ("the self-assessment of ..."): lower-case source strings of their
    own, since a translation may not lower-case a name (German keeps "Selbsteinschätzung")."""
    names = {"self": tr("self-assessment"), "management": tr("management assessment results"),
             "multirater": tr("multi-rater (360) summary")}
    return names.get(kind, kind)


class AssessmentPage(Page):
    title = "Self-assessment"
    object_name = "assessmentPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.assessments: list[AssessmentData] = []

        title = QLabel(tr("Self-assessment against the 14 Practices"))
        title.setObjectName("assessmentTitle")
        title.setWordWrap(True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        # Access keys: F, E, V and H belong to the menu bar (File, Edit, View, Help).
        self.new_button = QPushButton(tr("&New assessment"))
        self.new_button.setObjectName("newAssessmentButton")
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton(tr("Ed&it"))
        self.edit_button.setObjectName("editAssessmentButton")
        self.edit_button.setToolTip(tr("Edit the selected assessment (or double-click it)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(tr("&Delete"))
        self.delete_button.setObjectName("deleteAssessmentButton")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        bar = Reflow([title, buttons], stretches=[1, 0])  # the buttons under the title on a narrow window

        self.history_model: RecordTableModel[AssessmentData] = RecordTableModel(history_columns(), self)
        # Sortable: a click on Date sorts by the date itself (the text is the locale's figures).
        self.history = record_view(self.history_model, name="assessmentHistory", multi=True, sortable=True)
        self.history.setAccessibleName(tr("Assessment history"))
        self.history.setToolTip(tr("Select two assessments (Ctrl+click) to compare them"))
        self.history_columns = ColumnFitter(self.history, 1)
        self.history.doubleClicked.connect(lambda _index: self.edit_selected())
        self.history.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())

        self.needs_label = QLabel()
        self.needs_label.setObjectName("needsLabel")
        self.needs_label.setWordWrap(True)
        self.needs_label.setTextFormat(Qt.TextFormat.RichText)
        self.needs_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.mark_suggested_button = QPushButton(tr("&Mark suggested as needs"))
        self.mark_suggested_button.setObjectName("markSuggestedButton")
        self.mark_suggested_button.clicked.connect(self.mark_suggested)
        self.edit_needs_button = QPushButton(tr("Chan&ge needs..."))
        self.edit_needs_button.setObjectName("editNeedsButton")
        self.edit_needs_button.clicked.connect(self.edit_selected)
        needs_box = QGroupBox(tr("Development needs"))
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
        history_label = QLabel(tr("Histor&y (select two to compare)"))
        history_label.setBuddy(self.history)
        left_layout.addWidget(history_label)
        left_layout.addWidget(self.history, 3)
        left_layout.addWidget(needs_box, 2)

        self.chart = RatingsChart()
        self.compare_model: RecordTableModel[CompareRow] = RecordTableModel(compare_columns(None, None), self)
        self.compare_view = record_view(self.compare_model, name="compareTable")
        self.compare_view.setAccessibleName(tr("Comparison of two assessments"))
        self.compare_columns = ColumnFitter(self.compare_view, 0)
        self.compare_label = QLabel()
        self.compare_label.setObjectName("compareLabel")
        self.compare_label.setWordWrap(True)
        compare_page = QWidget()
        compare_layout = QVBoxLayout(compare_page)
        compare_layout.addWidget(self.compare_label)
        compare_layout.addWidget(self.compare_view, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("assessmentTabs")
        self.tabs.addTab(self.chart, tr("&Chart"))
        self.tabs.addTab(compare_page, tr("C&ompare"))

        # Side by side when the page is wide enough for the chart's labels and the history; else one above the
        # other, and the page scrolls down.
        self.splitter = StackingSplitter(STACK_BELOW)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([420, 640])
        self.splitter.stacked.connect(self._stacked)
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.setContentsMargins(0, 0, 0, 0)
        overview_layout.addWidget(bar)
        overview_layout.addWidget(self.splitter, 1)

        self.editor = AssessmentEditor()
        self.editor.save_button.clicked.connect(self.save_editor)
        self.editor.cancel_button.clicked.connect(self.show_overview)

        self.stack = QStackedWidget()
        # The overview scrolls down when its panels stack (a narrow window).
        self.overview = vertical_scroll(overview, "assessmentOverviewArea")
        self.stack.addWidget(self.overview)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.refresh()

    def _stacked(self, stacked: bool) -> None:
        """One above the other, the panels have the page's height to share no more: the history shows a few rows
        and the chart all 14 practices, and the page scrolls down to them."""
        self.history.setMinimumHeight(STACKED_HISTORY_HEIGHT if stacked else 0)
        self.chart.setMinimumHeight(STACKED_CHART_HEIGHT if stacked else CHART_HEIGHT)

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
        """The assessments selected in the history, in the order it shows them (sorted, perhaps)."""
        rows = sorted(self.history.selectionModel().selectedRows(), key=lambda index: index.row())
        return [index.data(RECORD_ROLE) for index in rows]

    def select_ids(self, ids: Sequence[int | None]) -> None:
        selection = self.history.selectionModel()
        selection.clearSelection()
        shown = self.history.model()
        for row in range(shown.rowCount()):
            index = shown.index(row, 0)
            if index.data(RECORD_ROLE).id in ids:
                selection.select(index,
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
            self.needs_label.setText(tr("Add an assessment; the practices you rate lowest are suggested as needs."))
            return
        suggestion = suggest_needs(data)
        lines = [html.escape(tr("From the {kind} of {date}:").format(kind=kind_in_sentence(data.kind),
                                                                     date=format_date(data.date)))]
        if data.needs:
            lines += ["&nbsp;&nbsp;<b>{}</b>".format(html.escape(tr("{number}. {name}").format(
                number=n, name=practice_name(n)))) for n in data.needs]
        else:
            lines.append("&nbsp;&nbsp;<i>{}</i>".format(html.escape(tr("No needs marked yet."))))
        if suggestion:
            names = ", ".join(tr("{number}. {name}").format(number=n, name=practice_short(n)) for n in suggestion)
            lines.append(html.escape(tr("Suggested (lowest rated): {practices}").format(practices=names)))
        self.needs_label.setText("<br>".join(lines))
        self.mark_suggested_button.setEnabled(bool(suggestion) and tuple(sorted(suggestion)) != data.needs)

    def update_compare(self, chosen: list[AssessmentData]) -> None:
        if len(chosen) == 2:
            earlier, later = ordered_pair(chosen[0], chosen[1])
        else:
            if len(self.assessments) < 2:
                self.compare_model.columns = compare_columns(None, None)
                self.compare_model.set_records([])
                self.compare_label.setText(tr("Two assessments are needed to compare. Select any two in the history."))
                return
            earlier, later = self.assessments[1], self.assessments[0]
        self.compare_model.columns = compare_columns(earlier, later)
        self.compare_model.set_records(compare_rows(earlier, later))
        rows = self.compare_model.records
        up = sum(1 for r in rows if r.change and r.change > 0)
        down = sum(1 for r in rows if r.change and r.change < 0)
        self.compare_label.setText(trn(
            "<b>{earlier}</b> of {earlier_date} against <b>{later}</b> of {later_date}: %n practice up, {down} down.",
            "<b>{earlier}</b> of {earlier_date} against <b>{later}</b> of {later_date}: %n practices up, {down} down.",
            up).format(earlier=html.escape(kind_name(earlier.kind)), earlier_date=format_date(earlier.date),
                       later=html.escape(kind_name(later.kind)), later_date=format_date(later.date), down=down))

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
            self.editor.show_message(str(exc))
            return None
        self.show_overview()
        self.changed()
        self.select_ids([assessment_id])
        self.shell.show_message(tr("Assessment saved"), 4000)
        return assessment_id

    def delete_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].id is None:
            return
        data, assessment_id = chosen[0], chosen[0].id
        if not prompts.confirm(self, tr("Delete assessment"),
                               tr("Delete the {kind} of {date}? (Edit > Undo brings it back.)").format(
                                   kind=kind_in_sentence(data.kind), date=format_date(data.date)), tr("Delete")):
            return
        before = delete_assessment(assessment_id)
        self.shell.undo_stack.push(FunctionCommand(
            self.shell, tr("Delete {kind} of {date}").format(kind=kind_in_sentence(before.kind),
                                                             date=format_date(before.date)),
            redo=lambda: delete_assessment(assessment_id), undo=lambda: restore_assessment(before)))
        self.changed()

    def mark_suggested(self) -> None:
        data = self.focus_assessment()
        if data is None or data.id is None:
            return
        set_needs(data.id, suggest_needs(data))
        self.changed()
        self.select_ids([data.id])
