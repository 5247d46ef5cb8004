"""The development plan page: one plan per year with development needs, goals and planned activities, "Log it" to
turn a planned activity into a logged one, progress against the plan, carry-over of unfinished items to next year,
and the calendar (.ics) import. `PlannerPage` holds the year and the plan shown and their actions; the package's
__init__ lists the parts it is built from.

Dialogs (goal, planned item, the activity dialog for "Log it") are opened with `open()`, never `exec()`, through
small factories, so tests drive them without blocking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.assessments import current_needs
from wethrive_desktop.models.domain import valid_year
from wethrive_desktop.models.plan_actions import (
    unfinished_items,
)
from wethrive_desktop.models.plans import (
    GoalData,
    ItemStatus,
    PlanData,
    PlanItemData,
    delete_goal,
    delete_item,
    ensure_plan,
    get_plan,
    item_year,
    plan_years,
    restore_item,
    save_goal,
    save_item,
    set_item_status,
    set_needs,
)
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.colors import hint_style, themed_style_sheet
from wethrive_desktop.ui.planner import log_it
from wethrive_desktop.ui.planner.calendar_import import CalendarImport
from wethrive_desktop.ui.planner.dialogs import GoalDialog, PlanItemDialog
from wethrive_desktop.ui.planner.goals import NeedsAndGoals
from wethrive_desktop.ui.planner.items import ItemsBox, item_columns
from wethrive_desktop.ui.planner.progress import ProgressBox
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import FunctionCommand
from wethrive_desktop.ui.widgets.fit import Reflow, StackingSplitter, vertical_scroll

SIDE_BY_SIDE_ITEMS = 34  # the width, in lines of text, the items need beside the needs and goals


class PlannerPage(Page):
    title = "Development plan"
    object_name = "plannerPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.year = clock.today().year
        self.plan: PlanData | None = None
        self.current_dialog: QDialog | None = None
        self._filling = False

        # Top bar: the title and the year; start plan, import, carry over (under them when the page is narrow).
        title = QLabel(tr("Development plan"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.year_box = QComboBox()
        self.year_box.setObjectName("planYear")
        self.year_box.setAccessibleName(tr("Plan year"))
        self.year_box.currentIndexChanged.connect(self._year_picked)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(tr("Previous year"))
        self.prev_button.setAccessibleName(tr("Previous year"))
        self.prev_button.clicked.connect(lambda: self.show_year(self.year - 1))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(tr("Next year"))
        self.next_button.setAccessibleName(tr("Next year"))
        self.next_button.clicked.connect(lambda: self.show_year(self.year + 1))
        self.start_button = QPushButton(tr("&Start this plan"))
        self.start_button.setObjectName("startPlanButton")
        self.start_button.clicked.connect(self.start_plan)
        self.calendar = CalendarImport(self)
        self.import_button = self.calendar.button
        self.import_action = self.calendar.action
        self.carry_button = QPushButton()
        self.carry_button.setObjectName("carryOverButton")
        self.carry_button.clicked.connect(self.carry_over)
        year_row = QHBoxLayout()
        year_row.addWidget(title)
        year_row.addSpacing(12)
        year_row.addWidget(self.prev_button)
        year_row.addWidget(self.year_box)
        year_row.addWidget(self.next_button)
        year_row.addStretch(1)
        actions_row = QHBoxLayout()
        actions_row.addStretch(1)
        actions_row.addWidget(self.start_button)
        actions_row.addWidget(self.import_button)
        actions_row.addWidget(self.carry_button)
        bar = Reflow([year_row, actions_row], stretches=[1, 0])

        self.message = QLabel()
        self.message.setObjectName("plannerMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        # Shown instead of the (disabled) plan while the year has none: what to do first.
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("planEmptyHint")
        self.empty_hint.setWordWrap(True)
        themed_style_sheet(self.empty_hint, lambda palette: hint_style(palette, "QLabel#planEmptyHint"))
        self.empty_hint.hide()

        # Left: needs and goals.
        left = NeedsAndGoals()
        self.need_boxes = left.need_boxes
        for box in self.need_boxes.values():
            box.toggled.connect(self._need_toggled)
        self.needs_from_assessment = left.needs_from_assessment
        self.needs_from_assessment.clicked.connect(self.needs_from_latest_assessment)
        self.goals_panel = left
        self.goal_list = left.goal_list
        self.goal_list.itemDoubleClicked.connect(lambda _item: self.edit_goal())
        self.goal_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.add_goal_button = left.add_goal_button
        self.add_goal_button.clicked.connect(self.add_goal)
        self.edit_goal_button = left.edit_goal_button
        self.edit_goal_button.clicked.connect(self.edit_goal)
        self.delete_goal_button = left.delete_goal_button
        self.delete_goal_button.clicked.connect(self.delete_goal)

        # Right: planned items, then progress.
        items_box = ItemsBox()
        self.items_model = items_box.model
        self.items_view = items_box.view
        self.items_view.doubleClicked.connect(lambda index: self.edit_item_at(index.row()))
        self.items_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.add_item_button = items_box.add_button
        self.add_item_button.clicked.connect(self.add_item)
        self.edit_item_button = items_box.edit_button
        self.edit_item_button.clicked.connect(lambda: self.edit_item_at(self.selected_row()))
        self.delete_item_button = items_box.delete_button
        self.delete_item_button.clicked.connect(self.delete_selected_item)
        self.log_button = items_box.log_button
        self.log_button.clicked.connect(self.log_selected)
        self.drop_button = items_box.drop_button
        self.drop_button.clicked.connect(self.toggle_dropped)

        progress_box = ProgressBox()
        self.progress = progress_box
        self.total_label = progress_box.total_label
        self.planned_bar = progress_box.planned_bar
        self.goal_model = progress_box.goal_model
        self.practice_model = progress_box.practice_model
        self.progress_tabs = progress_box.progress_tabs

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(items_box)
        right.addWidget(progress_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        # Side by side while the items keep a usable width beside the needs and goals, else one above the other.
        self.body = StackingSplitter(left.minimumSizeHint().width() + SIDE_BY_SIDE_ITEMS * self.fontMetrics().height())
        self.body.addWidget(left)
        self.body.addWidget(right)
        self.body.setStretchFactor(0, 0)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([250, 810])
        self.body.stacked.connect(self._stacked)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(9, 6, 9, 6)
        layout.addWidget(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.body, 1)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(vertical_scroll(content, "plannerArea"))  # scrolls down when the parts stack

        self.refresh()

    def _stacked(self, stacked: bool) -> None:
        """Stacked (a narrow window): the needs in two columns, and each list and table tall enough to use, each
        the whole width (the page scrolls down). Side by side: the needs in a column beside the plan."""
        self.goals_panel.set_needs_columns(2 if stacked else 1)
        line = self.fontMetrics().height()
        for view, lines in ((self.goal_list, 5), (self.items_view, 9), (self.progress.practice_progress, 7),
                            (self.progress.goal_progress, 7)):
            view.setMinimumHeight(lines * (line + 8) if stacked else 0)
        if not stacked:  # once the splitter knows the needs' new (narrower) column: it keeps the widths it had
            QTimer.singleShot(0, self.body, lambda: self.body.setSizes([250, 810]))

    @property
    def import_worker(self) -> Any:
        """The calendar import's worker while one runs, else None."""
        return self.calendar.worker

    @property
    def last_import(self) -> Any:
        return self.calendar.last_import

    # --- data ----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._filling = True
        try:
            now = clock.today().year
            years = sorted(y for y in set(plan_years()) | {now - 1, now, now + 1, self.year} if valid_year(y))
            self.year_box.clear()
            for y in years:
                self.year_box.addItem(str(y), y)
            self.year_box.setCurrentIndex(self.year_box.findData(self.year))
        finally:
            self._filling = False
        self.load_plan()

    def changed(self) -> None:
        self.shell.notify_data_changed()

    def _year_picked(self, index: int) -> None:
        if self._filling or index < 0:
            return
        year = self.year_box.itemData(index)
        if year is not None and year != self.year:
            self.year = int(year)
            self.load_plan()

    def show_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def load_plan(self) -> None:
        selected = self.selected_item()
        selected_id = selected.id if selected is not None else None
        self.plan = get_plan(self.year)
        plan = self.plan
        has_plan = plan is not None
        self.start_button.setVisible(not has_plan)
        self.body.setEnabled(has_plan)
        self.empty_hint.setText(tr(
            "<b>No development plan for {year} yet.</b> Press <b>Start this plan</b> to choose the practices you "
            "want to develop, set your learning goals and list the activities you intend to take; or <b>Import "
            "calendar...</b> to add the conferences and webinars you have registered for.").format(year=self.year))
        self.empty_hint.setVisible(not has_plan)
        self.carry_button.setText(tr("Carr&y unfinished to {year}...").format(year=self.year + 1))

        self._filling = True
        try:
            self.goals_panel.show_plan(plan)
        finally:
            self._filling = False

        goals = plan.goals if plan else ()
        items = list(plan.items) if plan else []
        carried_years = self._carried_years(items)
        self.items_model.columns = item_columns({g.id: g for g in goals if g.id is not None}, carried_years)
        self.items_model.set_records(items)
        if selected_id is not None:
            self.select_item(selected_id)
        self.progress.show_plan(plan, self.year)
        self._update_buttons()

    @staticmethod
    def _carried_years(items: list[PlanItemData]) -> dict[int, int]:
        return {i.carried_to: item_year(i.carried_to) for i in items if i.carried_to is not None}

    # --- selection -----------------------------------------------------------------------------------------

    def selected_row(self) -> int:
        rows = self.items_view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_item(self) -> PlanItemData | None:
        row = self.selected_row()
        if 0 <= row < len(self.items_model.records):
            item: PlanItemData = self.items_model.record(row)
            return item
        return None

    def select_item(self, item_id: int) -> None:
        for row, item in enumerate(self.items_model.records):
            if item.id == item_id:
                self.items_view.selectRow(row)
                return

    def selected_goal(self) -> GoalData | None:
        return self.goals_panel.selected_goal(self.plan)

    def _update_buttons(self) -> None:
        item = self.selected_item()
        has_plan = self.plan is not None
        self.edit_item_button.setEnabled(item is not None)
        self.delete_item_button.setEnabled(item is not None)
        self.log_button.setEnabled(item is not None and item.activity_id is None
                                   and item.status != ItemStatus.DROPPED)
        self.drop_button.setEnabled(item is not None and item.status != ItemStatus.DONE
                                    and item.carried_to is None)
        self.drop_button.setText(tr("&Restore") if item is not None and item.status == ItemStatus.DROPPED
                                 else tr("D&rop"))
        has_goal = self.selected_goal() is not None
        self.edit_goal_button.setEnabled(has_goal)
        self.delete_goal_button.setEnabled(has_goal)
        unfinished = bool(has_plan and unfinished_items(self.year))
        self.carry_button.setEnabled(unfinished)
        self.carry_button.setToolTip(tr("Copy the items still planned into the {year} plan").format(
            year=self.year + 1) if unfinished else tr("Nothing left to carry over"))

    # --- actions: plan, needs, goals -------------------------------------------------------------------------

    def start_plan(self) -> None:
        ensure_plan(self.year)
        self.changed()

    def _need_toggled(self) -> None:
        if self._filling:
            return
        set_needs(self.year, self.goals_panel.needs())
        self.changed()

    def needs_from_latest_assessment(self) -> None:
        needs = current_needs()
        if not needs:
            self.show_message(tr("There is no assessment yet: add one on the Self-assessment page."))
            return
        set_needs(self.year, needs)
        self.changed()

    def open_dialog(self, dialog: QDialog) -> QDialog:
        """Show a dialog window-modal without blocking (tests reach it as `current_dialog`)."""
        self.current_dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.current_dialog is dialog:
            self.current_dialog = None
        dialog.deleteLater()

    def _save_goal(self, goal: GoalData) -> int:
        goal_id = save_goal(self.year, goal)
        self.changed()
        return goal_id

    def add_goal(self) -> QDialog:
        has_long = self.plan is not None and self.plan.long_term_goal is not None
        return self.open_dialog(GoalDialog(self, self.year, None, self._save_goal, has_long))

    def edit_goal(self) -> QDialog | None:
        goal = self.selected_goal()
        if goal is None:
            return None
        return self.open_dialog(GoalDialog(self, self.year, goal, self._save_goal, True))

    def delete_goal(self) -> None:
        goal = self.selected_goal()
        if goal is None or goal.id is None:
            return
        question = tr("Delete the goal “{goal}”? Its planned activities stay in the plan, without a goal.")
        if not prompts.confirm(self, tr("Delete goal"), question.format(goal=goal.text), tr("Delete")):
            return
        delete_goal(goal.id)
        self.changed()

    # --- actions: items ------------------------------------------------------------------------------------

    def _save_item(self, item: PlanItemData) -> int:
        item_id = save_item(self.year, item)
        self.changed()
        self.select_item(item_id)
        return item_id

    def add_item(self) -> QDialog:
        plan = self.plan or ensure_plan(self.year)
        return self.open_dialog(PlanItemDialog(self, plan, None, self._save_item))

    def edit_item_at(self, row: int) -> QDialog | None:
        if self.plan is None or not 0 <= row < len(self.items_model.records):
            return None
        return self.open_dialog(PlanItemDialog(self, self.plan, self.items_model.record(row), self._save_item))

    def delete_selected_item(self) -> None:
        item = self.selected_item()
        if item is None or item.id is None:
            return
        question = tr("Delete “{title}” from the {year} plan? (Edit > Undo brings it back; a logged activity stays "
                      "in the log.)")
        if not prompts.confirm(self, tr("Delete planned activity"), question.format(title=item.title, year=self.year),
                               tr("Delete")):
            return
        item_id: int = item.id
        before, year = delete_item(item_id), self.year
        self.shell.undo_stack.push(FunctionCommand(
            self.shell, tr("Delete planned “{title}”").format(title=before.title[:40]),
            redo=lambda: delete_item(item_id), undo=lambda: restore_item(year, before)))
        self.changed()

    def toggle_dropped(self) -> None:
        item = self.selected_item()
        if item is None or item.id is None:
            return
        set_item_status(item.id, ItemStatus.PLANNED if item.status == ItemStatus.DROPPED else ItemStatus.DROPPED)
        self.changed()

    def log_selected(self) -> QDialog | None:
        """"Log it": the activity dialog, pre-filled from the planned item; once saved, the item is done."""
        return log_it.log_item(self, self.selected_item())

    def carry_over(self) -> list[int]:
        """Copy the year's unfinished items into next year's plan (once the member confirms); their new ids."""
        return log_it.carry_over_unfinished(self)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- calendar import -----------------------------------------------------------------------------------

    def import_calendar(self, path: Path | None = None) -> Any:
        """Import a calendar file (asked for when `path` is None) on a worker; the worker, or None (cancelled)."""
        return self.calendar.run(path)
