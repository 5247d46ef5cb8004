"""The professional development planner: one plan per year with development needs, goals and planned activities,
"Log it" to turn a planned activity into a logged one, progress against the plan, carry-over of unfinished items
to next year, and the calendar (.ics) import.

Dialogs (goal, planned item, the activity dialog for "Log it") are opened with `open()`, never `exec()`, through
small factories, so tests drive them without blocking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityData
from wethrive_desktop.models.assessments import PRACTICE_SHORT, current_needs
from wethrive_desktop.models.dates import date_range
from wethrive_desktop.models.db import StoreError
from wethrive_desktop.models.domain import (
    ACTIVITY_TYPES,
    MAX_YEAR,
    MIN_YEAR,
    PRACTICES,
    REQUIRED_HOURS,
    Status,
    valid_year,
)
from wethrive_desktop.models.plans import (
    GoalData,
    GoalProgress,
    ItemStatus,
    PlanData,
    PlanItemData,
    PracticeProgress,
    Term,
    activity_for_item,
    carry_over,
    check_goal,
    check_item,
    delete_goal,
    delete_item,
    ensure_plan,
    get_plan,
    link_activity,
    new_item,
    normalized_item,
    plan_progress,
    plan_years,
    planned_activity_for_item,
    restore_item,
    save_goal,
    save_item,
    set_item_status,
    set_needs,
    unfinished_items,
)
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activity_dialog import ActivityDialog
from wethrive_desktop.ui.activity_model import type_label
from wethrive_desktop.ui.assessment_page import GREEN, RED
from wethrive_desktop.ui.record_table import Col, RecordTableModel, record_view
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import FunctionCommand

V = TypeVar("V")
ICS_FILTER = "iCalendar files (*.ics *.ical *.ifb *.icalendar);;All files (*)"
STATUS_LABELS = {"planned": "Planned", "done": "Done", "dropped": "Dropped"}


def make_activity_dialog(page: Page, initial: ActivityData, activity_id: int | None = None) -> ActivityDialog:
    """The activity dialog "Log it" opens, pre-filled; with `activity_id` it completes that stored record
    (tests patch this)."""
    return ActivityDialog(page, initial=initial, activity_id=activity_id, shell=page.shell)


def practices_text(practices: Iterable[int]) -> str:
    return ", ".join(str(p) for p in practices)


def practices_tip(practices: Iterable[int]) -> str:
    return "\n".join(f"{p}. {PRACTICES[p]}" for p in practices)


def dates_text(item: PlanItemData) -> str:
    """Short dates within the plan's year: "Mar 5", "Oct 4–7", "Sep 30 – Oct 2" (models.dates.date_range)."""
    start = item.start_date
    return date_range(start, item.end_date, "short", year=start.year if start else None, undated="not dated")


def parse_hours(text: str) -> Decimal:
    cleaned = text.strip().replace(",", ".").removesuffix("h").strip()
    if not cleaned:
        return Decimal(0)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError([FieldError("estimated_hours", f"'{text.strip()}' is not a number of hours")]) from None
    if not value.is_finite():
        raise ValidationError([FieldError("estimated_hours", f"'{text.strip()}' is not a number of hours")])
    return value


FIELD_NAMES = {"estimated_hours": "Estimated hours", "start_date": "Start date", "end_date": "End date",
               "title": "Title", "type": "Type", "practices": "Practices", "goal": "Goal", "term": "Term",
               "status": "Status", "year": "Year"}


def error_text(errors: Iterable[FieldError]) -> str:
    return "\n".join(f"{FIELD_NAMES.get(e.field, e.field)}: {e.message}" for e in errors)


# --- small widgets -----------------------------------------------------------------------------------------


class PracticePicker(QToolButton):
    """A button that shows the chosen practices ("2, 12") and opens a checkable list of all 14."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMinimumWidth(180)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self)
        self.actions_by_number: dict[int, QAction] = {}
        for n, name in PRACTICES.items():
            action = menu.addAction(f"{n}. {name}")
            action.setCheckable(True)
            action.toggled.connect(self._update)
            self.actions_by_number[n] = action
        self.setMenu(menu)
        self._update()

    def practices(self) -> tuple[int, ...]:
        return tuple(n for n, a in self.actions_by_number.items() if a.isChecked())

    def set_practices(self, practices: Iterable[int]) -> None:
        wanted = set(practices)
        for n, action in self.actions_by_number.items():
            action.setChecked(n in wanted)
        self._update()

    def _update(self) -> None:
        chosen = self.practices()
        self.setText(practices_text(chosen) if chosen else "Choose practices")
        self.setToolTip(practices_tip(chosen) or "The practices this develops")
        self.changed.emit()


class OptionalDate(QWidget):
    """A date that may be left out (a book to read some time this year)."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.enabled = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumWidth(130)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.set_value(None)

    def value(self) -> date | None:
        if not self.enabled.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None, default: date | None = None) -> None:
        shown = value or default or clock.today()
        self.edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)


# --- dialogs -----------------------------------------------------------------------------------------------


class SaveDialog(QDialog, Generic[V]):
    """A form whose Save checks `value()` with `check` and stores it with `save(value)`. A ValidationError (from
    reading the fields, the check or the save) or a LookupError (the record went meanwhile) is shown under the form
    and the dialog stays open with what was typed. Subclasses add their rows to `self.form`."""

    def __init__(self, parent: QWidget, name: str, title: str, save: Callable[[V], int],
                 check: Callable[[V], list[FieldError]]):
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.setWindowTitle(title)
        self.save = save
        self.check = check
        self.saved_id: int | None = None
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName(f"{name}Error")
        self.error.setStyleSheet(f"color: {RED.name()}")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def value(self) -> V:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            value = self.value()
            errors = self.check(value)
            if errors:
                raise ValidationError(errors)
            self.saved_id = self.save(value)
        except ValidationError as exc:
            self.error.setText(error_text(exc.errors))
            return
        except LookupError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class GoalDialog(SaveDialog[GoalData]):
    """Add or edit a goal. `save(goal)` stores it; a ValidationError keeps the dialog open with the message."""

    def __init__(self, parent: QWidget, year: int, goal: GoalData | None, save: Callable[[GoalData], int],
                 has_long_term: bool):
        super().__init__(parent, "goal", f"{'Edit' if goal else 'New'} goal for {year}", save, check_goal)
        self.goal = goal
        self.text = QPlainTextEdit()
        self.text.setObjectName("goalText")
        self.text.setPlaceholderText("What you want to be able to do, e.g. 'Lead the update of the strategic plan'")
        self.text.setFixedHeight(80)
        self.term = QComboBox()
        self.term.setObjectName("goalTerm")
        for term in Term:
            self.term.addItem(term.label, term.value)
        self.practices = PracticePicker()
        self.practices.setObjectName("goalPractices")
        self.form.addRow("&Goal:", self.text)
        self.form.addRow("&Term:", self.term)
        self.form.addRow("&Practices:", self.practices)
        self.resize(520, 240)
        if goal is not None:
            self.text.setPlainText(goal.text)
            self.term.setCurrentIndex(self.term.findData(goal.term))
            self.practices.set_practices(goal.practices)
        else:
            self.term.setCurrentIndex(self.term.findData(Term.SHORT if has_long_term else Term.LONG))

    def value(self) -> GoalData:
        return GoalData(self.goal.id if self.goal else None, self.text.toPlainText().strip(),
                        str(self.term.currentData()), self.practices.practices())


class PlanItemDialog(SaveDialog[PlanItemData]):
    """Add or edit a planned activity. `save(item)` stores it; a ValidationError keeps the dialog open."""

    def __init__(self, parent: QWidget, plan: PlanData, item: PlanItemData | None,
                 save: Callable[[PlanItemData], int]):
        super().__init__(parent, "planItem", f"{'Edit' if item else 'New'} planned activity for {plan.year}", save,
                         lambda i: check_item(i, plan.year))
        self.plan = plan
        self.item = item or new_item("")

        self.title = QLineEdit()
        self.title.setObjectName("itemTitle")
        self.title.setPlaceholderText("Name it: the conference, the course, the book")
        self.provider = QLineEdit()
        self.provider.setObjectName("itemProvider")
        self.type = QComboBox()
        self.type.setObjectName("itemType")
        for key, covers in ACTIVITY_TYPES.items():
            self.type.addItem(type_label(key), key)
            self.type.setItemData(self.type.count() - 1, covers, Qt.ItemDataRole.ToolTipRole)
        self.start = OptionalDate("Dated")
        self.start.setObjectName("itemStart")
        self.end = OptionalDate("Ends on a later day")
        self.end.setObjectName("itemEnd")
        self.hours = QLineEdit()
        self.hours.setObjectName("itemHours")
        self.hours.setPlaceholderText("e.g. 1.5")
        self.hours.setMaximumWidth(100)
        self.goal = QComboBox()
        self.goal.setObjectName("itemGoal")
        self.goal.addItem("(no goal)", None)
        for g in plan.goals:
            label = ("Long-term: " if g.term == Term.LONG else "") + g.text
            self.goal.addItem(label if len(label) <= 70 else label[:69] + "…", g.id)
            self.goal.setItemData(self.goal.count() - 1, g.text, Qt.ItemDataRole.ToolTipRole)
        self.practices = PracticePicker()
        self.practices.setObjectName("itemPractices")
        self.status = QComboBox()
        self.status.setObjectName("itemStatus")
        for value, label in STATUS_LABELS.items():
            self.status.addItem(label, value)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("itemNotes")
        self.notes.setFixedHeight(70)
        self.form.addRow("&Title:", self.title)
        self.form.addRow("&Provider:", self.provider)
        self.form.addRow("T&ype:", self.type)
        self.form.addRow("&Start:", self.start)
        self.form.addRow("&End:", self.end)
        self.form.addRow("Estimated &hours:", self.hours)
        self.form.addRow("&Goal:", self.goal)
        self.form.addRow("P&ractices:", self.practices)
        self.form.addRow("Stat&us:", self.status)
        self.form.addRow("&Notes:", self.notes)
        self.resize(560, 480)

        it = self.item
        self.title.setText(it.title)
        self.provider.setText(it.provider)
        self.type.setCurrentIndex(max(self.type.findData(it.type), 0))
        today = clock.today()
        year_default = date(plan.year, 1, 1) if today.year != plan.year else today
        self.start.set_value(it.start_date, year_default)
        self.end.set_value(it.end_date, it.start_date or year_default)
        self.hours.setText(format_hours(it.estimated_hours) if it.id is not None or it.estimated_hours else "")
        self.goal.setCurrentIndex(max(self.goal.findData(it.goal_id), 0))
        self.practices.set_practices(it.practices)
        self.status.setCurrentIndex(max(self.status.findData(it.status), 0))
        self.notes.setPlainText(it.notes)

    def value(self) -> PlanItemData:
        start = self.start.value()
        return normalized_item(replace(
            self.item, title=self.title.text(), provider=self.provider.text(), type=str(self.type.currentData()),
            start_date=start, end_date=self.end.value() if start is not None else None,
            estimated_hours=parse_hours(self.hours.text()), goal_id=self.goal.currentData(),
            practices=self.practices.practices(), status=str(self.status.currentData()),
            notes=self.notes.toPlainText(),
        ))


# --- undo --------------------------------------------------------------------------------------------------


# --- table columns -----------------------------------------------------------------------------------------


def _status_text(item: PlanItemData, years: dict[int, int]) -> str:
    if item.carried_to is not None:
        return f"Carried to {years.get(item.carried_to, 'next year')}"
    text = STATUS_LABELS.get(item.status, item.status)
    if item.status == ItemStatus.DONE and item.activity_id is not None:
        text += " (logged)"
    return text


def _status_color(item: PlanItemData) -> QColor | None:
    if item.status == ItemStatus.DONE:
        return GREEN
    if item.status == ItemStatus.DROPPED:
        return QColor("#777777")
    return None


def item_columns(goals: dict[int, GoalData], carried_years: dict[int, int]) -> list[Col[PlanItemData]]:
    def goal_text(item: PlanItemData) -> str:
        goal = goals.get(item.goal_id) if item.goal_id is not None else None
        if goal is None:
            return ""
        return "Long-term" if goal.term == Term.LONG else goal.text

    return [
        Col("Dates", dates_text, lambda i: (i.start_date is None, i.start_date or date.min)),
        Col("Title", lambda i: i.title, lambda i: i.title.casefold(), stretch=True,
            tip=lambda i: "\n".join(x for x in (i.title, f"{type_label(i.type)}, {i.provider}".strip(", "), i.notes)
                                     if x)),
        Col("Hours", lambda i: format_hours(i.estimated_hours), lambda i: i.estimated_hours, right=True,
            tip=lambda _i: "Estimated hours"),
        Col("Practices", lambda i: practices_text(i.practices), lambda i: i.practices,
            tip=lambda i: practices_tip(i.practices)),
        Col("Goal", goal_text, tip=lambda i: goals[i.goal_id].text if i.goal_id in goals else ""),
        Col("Status", lambda i: _status_text(i, carried_years), lambda i: i.status, color=_status_color),
    ]


def _hours(value: Decimal) -> str:
    return format_hours(value)


GOAL_COLUMNS: list[Col[GoalProgress]] = [
    Col("Goal", lambda g: ("Long-term: " if g.goal.term == Term.LONG else "") + g.goal.text,
        tip=lambda g: g.goal.text, stretch=True),
    Col("Practices", lambda g: practices_text(g.goal.practices), lambda g: g.goal.practices,
        tip=lambda g: practices_tip(g.goal.practices)),
    Col("Planned h", lambda g: _hours(g.planned), lambda g: g.planned, right=True),
    Col("Logged h", lambda g: _hours(g.logged), lambda g: g.logged, right=True,
        tip=lambda _g: "Hours of the activities logged from this goal's planned items"),
]


def practice_columns(future: bool) -> list[Col[PracticeProgress]]:
    """In a year not begun, nothing can be logged yet, so nothing is flagged."""

    def flag_text(p: PracticeProgress) -> str:
        return "No hours logged yet" if p.flagged and not future else ""

    def flag_color(p: PracticeProgress) -> QColor | None:
        return RED if p.flagged and not future else None

    return [
        Col("Practice", lambda p: f"{p.practice}. {PRACTICES[p.practice]}", lambda p: p.practice, stretch=True,
            bold=lambda p: p.is_need, tip=lambda p: "A development need" if p.is_need else ""),
        Col("Planned h", lambda p: _hours(p.planned), lambda p: p.planned, right=True),
        Col("Logged h", lambda p: _hours(p.logged), lambda p: p.logged, right=True,
            tip=lambda _p: "Its share of every activity logged this year, planned or not"),
        Col("", flag_text, lambda p: p.flagged, color=flag_color, bold=lambda p: bool(flag_text(p))),
    ]


# --- the page ----------------------------------------------------------------------------------------------


class PlannerPage(Page):
    title = "Development plan"
    object_name = "plannerPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.year = clock.today().year
        self.plan: PlanData | None = None
        self.current_dialog: QDialog | None = None
        self.import_worker: Any = None
        self.last_import: Any = None
        self._filling = False

        # Top bar: year, start plan, import, carry over.
        title = QLabel("Development plan")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.year_box = QComboBox()
        self.year_box.setObjectName("planYear")
        self.year_box.setAccessibleName("Plan year")
        self.year_box.currentIndexChanged.connect(self._year_picked)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip("Previous year")
        self.prev_button.clicked.connect(lambda: self.show_year(self.year - 1))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip("Next year")
        self.next_button.clicked.connect(lambda: self.show_year(self.year + 1))
        self.start_button = QPushButton("Start this plan")
        self.start_button.setObjectName("startPlanButton")
        self.start_button.clicked.connect(self.start_plan)
        self.import_button = QPushButton("Import calendar...")
        self.import_button.setObjectName("importCalendarButton")
        self.import_button.setToolTip("Add conference and webinar registrations (.ics files) as planned activities")
        self.import_button.clicked.connect(lambda: self.import_calendar())  # not clicked(bool) as the path
        self.carry_button = QPushButton()
        self.carry_button.setObjectName("carryOverButton")
        self.carry_button.clicked.connect(self.carry_over)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(12)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.year_box)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.start_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.carry_button)

        self.message = QLabel()
        self.message.setObjectName("plannerMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        # Shown instead of the (disabled) plan while the year has none: what to do first.
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("planEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("QLabel#planEmptyHint { background: #fff8e1; border: 1px solid #e0c97a;"
                                      " padding: 6px; }")
        self.empty_hint.hide()

        # Left: needs and goals.
        self.need_boxes: dict[int, QCheckBox] = {}
        needs_grid = QGridLayout()
        needs_grid.setVerticalSpacing(2)
        needs_grid.setContentsMargins(0, 0, 0, 0)
        for i, (n, name) in enumerate(PRACTICES.items()):
            box = QCheckBox(f"{n} {PRACTICE_SHORT[n]}")
            box.setObjectName(f"planNeed{n}")
            box.setToolTip(f"{n}. {name}")
            box.toggled.connect(self._need_toggled)
            self.need_boxes[n] = box
            needs_grid.addWidget(box, i, 0)
        self.needs_from_assessment = QPushButton("Use latest assessment")
        self.needs_from_assessment.setObjectName("needsFromAssessmentButton")
        self.needs_from_assessment.setToolTip("Set the needs to those of your latest assessment")
        self.needs_from_assessment.clicked.connect(self.needs_from_latest_assessment)
        needs_box = QGroupBox("1. Development needs")
        needs_layout = QVBoxLayout(needs_box)
        needs_layout.addLayout(needs_grid)
        needs_layout.addWidget(self.needs_from_assessment, 0, Qt.AlignmentFlag.AlignLeft)

        self.goal_list = QListWidget()
        self.goal_list.setObjectName("goalList")
        self.goal_list.setWordWrap(True)
        self.goal_list.setAlternatingRowColors(True)
        self.goal_list.itemDoubleClicked.connect(lambda _item: self.edit_goal())
        self.goal_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.add_goal_button = QPushButton("Add goal")
        self.add_goal_button.setObjectName("addGoalButton")
        self.add_goal_button.clicked.connect(self.add_goal)
        self.edit_goal_button = QPushButton("Edit")
        self.edit_goal_button.setObjectName("editGoalButton")
        self.edit_goal_button.clicked.connect(self.edit_goal)
        self.delete_goal_button = QPushButton("Delete")
        self.delete_goal_button.setObjectName("deleteGoalButton")
        self.delete_goal_button.clicked.connect(self.delete_goal)
        goal_buttons = QHBoxLayout()
        for b in (self.add_goal_button, self.edit_goal_button, self.delete_goal_button):
            goal_buttons.addWidget(b)
        goal_buttons.addStretch(1)
        goals_box = QGroupBox("2. Learning goals")
        goals_layout = QVBoxLayout(goals_box)
        goals_layout.addWidget(self.goal_list, 1)
        goals_layout.addLayout(goal_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(needs_box)
        left_layout.addWidget(goals_box, 1)

        # Right: planned items, then progress.
        self.items_model: RecordTableModel[PlanItemData] = RecordTableModel(item_columns({}, {}), self)
        self.items_view = record_view(self.items_model, name="planItems")
        goal_column = 4  # long goal texts are cut short (the tooltip has them), so the title keeps its room
        self.items_view.horizontalHeader().setSectionResizeMode(goal_column, QHeaderView.ResizeMode.Interactive)
        self.items_view.setColumnWidth(goal_column, 140)
        self.items_view.doubleClicked.connect(lambda index: self.edit_item_at(index.row()))
        self.items_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.add_item_button = QPushButton("Add")
        self.add_item_button.setObjectName("addItemButton")
        self.add_item_button.clicked.connect(self.add_item)
        self.edit_item_button = QPushButton("Edit")
        self.edit_item_button.setObjectName("editItemButton")
        self.edit_item_button.clicked.connect(lambda: self.edit_item_at(self.selected_row()))
        self.delete_item_button = QPushButton("Delete")
        self.delete_item_button.setObjectName("deleteItemButton")
        self.delete_item_button.clicked.connect(self.delete_selected_item)
        self.log_button = QPushButton("Log it...")
        self.log_button.setObjectName("logItButton")
        self.log_button.setToolTip("Record this planned activity as done: opens the activity form, pre-filled")
        self.log_button.clicked.connect(self.log_selected)
        self.drop_button = QPushButton("Drop")
        self.drop_button.setObjectName("dropItemButton")
        self.drop_button.clicked.connect(self.toggle_dropped)
        item_buttons = QHBoxLayout()
        for b in (self.log_button, self.add_item_button, self.edit_item_button, self.drop_button,
                  self.delete_item_button):
            item_buttons.addWidget(b)
        item_buttons.addStretch(1)
        items_box = QGroupBox("3. Planned activities")
        items_layout = QVBoxLayout(items_box)
        items_layout.addWidget(self.items_view, 1)
        items_layout.addLayout(item_buttons)

        self.total_label = QLabel()
        self.total_label.setObjectName("planTotals")
        self.planned_bar = QProgressBar()
        self.planned_bar.setObjectName("plannedBar")
        self.planned_bar.setTextVisible(True)
        self.planned_bar.setMaximumHeight(18)
        self.goal_model: RecordTableModel[GoalProgress] = RecordTableModel(GOAL_COLUMNS, self)
        self.goal_progress = record_view(self.goal_model, name="goalProgress")
        self.practice_model: RecordTableModel[PracticeProgress] = RecordTableModel(practice_columns(False), self)
        self.practice_progress = record_view(self.practice_model, name="practiceProgress")
        self.progress_tabs = QTabWidget()
        self.progress_tabs.setObjectName("progressTabs")
        self.progress_tabs.addTab(self.practice_progress, "By practice")
        self.progress_tabs.addTab(self.goal_progress, "By goal")
        progress_box = QGroupBox("Progress: planned against logged")
        progress_layout = QVBoxLayout(progress_box)
        totals = QHBoxLayout()
        totals.addWidget(self.total_label, 1)
        totals.addWidget(self.planned_bar, 1)
        progress_layout.addLayout(totals)
        progress_layout.addWidget(self.progress_tabs, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(items_box)
        right.addWidget(progress_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        self.body = QSplitter()
        self.body.addWidget(left)
        self.body.addWidget(right)
        self.body.setStretchFactor(0, 0)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([250, 810])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.body, 1)

        self._add_file_menu_action()
        self.refresh()

    def _add_file_menu_action(self) -> None:
        """File > Import calendar (.ics)..."""
        self.import_action = QAction("Import &calendar (.ics)...", self)
        self.import_action.setObjectName("importCalendarAction")
        self.import_action.setStatusTip("Add conference and webinar registrations as planned activities")
        self.import_action.triggered.connect(self._import_from_menu)
        self.shell.add_file_action(self.import_action)

    def _import_from_menu(self) -> None:
        self.shell.page(PlannerPage)
        self.import_calendar()

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
        self.empty_hint.setText(
            f"<b>No development plan for {self.year} yet.</b> Press <b>Start this plan</b> to choose the practices "
            "you want to develop, set your learning goals and list the activities you intend to take; or "
            "<b>Import calendar...</b> to add the conferences and webinars you have registered for.")
        self.empty_hint.setVisible(not has_plan)
        self.carry_button.setText(f"Carry unfinished to {self.year + 1}...")

        self._filling = True
        try:
            for n, box in self.need_boxes.items():
                box.setChecked(bool(plan) and n in plan.needs)  # type: ignore[union-attr]
                font = box.font()
                font.setBold(box.isChecked())
                box.setFont(font)
        finally:
            self._filling = False

        self.goal_list.clear()
        goals = plan.goals if plan else ()
        for g in goals:
            prefix = "Long-term (3-5 years)" if g.term == Term.LONG else "This year"
            text = f"{prefix}: {g.text}" + (f"  [{practices_text(g.practices)}]" if g.practices else "")
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, g.id)
            entry.setToolTip(practices_tip(g.practices))
            if g.term == Term.LONG:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.goal_list.addItem(entry)

        items = list(plan.items) if plan else []
        carried_years = self._carried_years(items)
        self.items_model.columns = item_columns({g.id: g for g in goals if g.id is not None}, carried_years)
        self.items_model.set_records(items)
        if selected_id is not None:
            self.select_item(selected_id)

        if plan is None:
            self.total_label.setText(f"No plan for {self.year} yet. Start one, or import a calendar.")
            self.planned_bar.setValue(0)
            self.planned_bar.setFormat("")
            self.goal_model.set_records([])
            self.practice_model.set_records([])
        else:
            progress = plan_progress(plan)
            future = plan.year > clock.today().year
            self.practice_model.columns = practice_columns(future)
            self.goal_model.set_records(list(progress.goals))
            self.practice_model.set_records(list(progress.practices))
            flagged = len(progress.flagged)
            text = (f"Planned <b>{format_hours(progress.planned_total)} h</b> of the "
                    f"{format_hours(REQUIRED_HOURS)}-hour commitment; logged {format_hours(progress.logged_total)} h "
                    "this year.")
            if progress.planned_short:
                text += f" <span style='color:{RED.name()}'>Plan {format_hours(progress.planned_short)} h more.</span>"
            if flagged and not future:
                text += (f" <span style='color:{RED.name()}'>{flagged} practice{'s' if flagged != 1 else ''} "
                         "without logged hours.</span>")
            self.total_label.setText(text)
            self.total_label.setWordWrap(True)
            cap = float(REQUIRED_HOURS)
            self.planned_bar.setMaximum(100)
            self.planned_bar.setValue(int(min(float(progress.planned_total) / cap, 1.0) * 100))
            self.planned_bar.setFormat(f"{format_hours(progress.planned_total)} of {format_hours(REQUIRED_HOURS)} h "
                                       "planned")
        self._update_buttons()

    @staticmethod
    def _carried_years(items: list[PlanItemData]) -> dict[int, int]:
        from wethrive_desktop.models.plans import item_year

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
        entry = self.goal_list.currentItem()
        if entry is None or self.plan is None:
            return None
        goal_id = entry.data(Qt.ItemDataRole.UserRole)
        return next((g for g in self.plan.goals if g.id == goal_id), None)

    def _update_buttons(self) -> None:
        item = self.selected_item()
        has_plan = self.plan is not None
        self.edit_item_button.setEnabled(item is not None)
        self.delete_item_button.setEnabled(item is not None)
        self.log_button.setEnabled(item is not None and item.activity_id is None
                                   and item.status != ItemStatus.DROPPED)
        self.drop_button.setEnabled(item is not None and item.status != ItemStatus.DONE
                                    and item.carried_to is None)
        self.drop_button.setText("Restore" if item is not None and item.status == ItemStatus.DROPPED else "Drop")
        has_goal = self.selected_goal() is not None
        self.edit_goal_button.setEnabled(has_goal)
        self.delete_goal_button.setEnabled(has_goal)
        unfinished = bool(has_plan and unfinished_items(self.year))
        self.carry_button.setEnabled(unfinished)
        self.carry_button.setToolTip(f"Copy the items still planned into the {self.year + 1} plan"
                                     if unfinished else "Nothing left to carry over")

    # --- actions: plan, needs, goals -------------------------------------------------------------------------

    def start_plan(self) -> None:
        ensure_plan(self.year)
        self.changed()

    def _need_toggled(self) -> None:
        if self._filling:
            return
        set_needs(self.year, [n for n, box in self.need_boxes.items() if box.isChecked()])
        self.changed()

    def needs_from_latest_assessment(self) -> None:
        needs = current_needs()
        if not needs:
            self.show_message("There is no assessment yet: add one on the Self-assessment page.")
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
        if not prompts.confirm(self, "Delete goal", f"Delete the goal “{goal.text}”? Its planned activities stay "
                                                    "in the plan, without a goal.", "Delete"):
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
        if not prompts.confirm(self, "Delete planned activity",
                               f"Delete “{item.title}” from the {self.year} plan? (Edit > Undo brings it back; "
                               "a logged activity stays in the log.)", "Delete"):
            return
        item_id: int = item.id
        before, year = delete_item(item_id), self.year
        self.shell.undo_stack.push(FunctionCommand(
            self.shell, f"Delete planned “{before.title[:40]}”",
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
        item = self.selected_item()
        if item is None or item.id is None or item.activity_id is not None:
            return None
        planned = planned_activity_for_item(item)
        if planned is not None:
            # The member put it in the log as planned: complete that record rather than add a second one.
            dialog = make_activity_dialog(self, replace(planned.data, status=Status.COMPLETED.value), planned.id)
        else:
            dialog = make_activity_dialog(self, activity_for_item(item))
        item_id = item.id
        dialog.activity_saved.connect(lambda activity_id: self._logged(item_id, activity_id))
        return self.open_dialog(dialog)

    def _logged(self, item_id: int, activity_id: int) -> None:
        try:
            link_activity(item_id, activity_id)
        except LookupError as exc:  # the item was deleted meanwhile; the activity stays logged
            self.show_message(f"The activity was logged, but {exc}.")
        self.changed()
        self.select_item(item_id)
        self.shell.show_message("Logged; the planned activity is done", 4000)

    def carry_over(self) -> list[int]:
        items = unfinished_items(self.year)
        if not items:
            return []
        if not prompts.confirm(
                self, "Carry over unfinished activities",
                f"Copy the {len(items)} activit{'ies' if len(items) != 1 else 'y'} still planned in {self.year} "
                f"into the {self.year + 1} plan (dates move on a year)? In {self.year} they are marked dropped "
                f"and “Carried to {self.year + 1}”.", "Carry over"):
            return []
        new_ids = carry_over(self.year)
        self.changed()
        self.show_message(f"{len(new_ids)} planned activit{'ies' if len(new_ids) != 1 else 'y'} carried over to "
                          f"{self.year + 1}.")
        return new_ids

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- calendar import -----------------------------------------------------------------------------------

    def import_calendar(self, path: Path | None = None) -> Any:
        if self.import_worker is not None:
            return None
        if path is None:
            path = prompts.choose_open_file(self, "Import calendar", ICS_FILTER)
            if path is None:
                return None
        from wethrive_desktop.exchange.calendar_import import import_ics
        from wethrive_desktop.ui.workers import run_in_worker

        self.import_button.setEnabled(False)
        self.show_message(f"Importing {path.name}...")
        self.import_worker = run_in_worker(import_ics, path, with_progress=True, on_result=self._imported,
                                           on_error=self._import_failed, on_finished=self._import_finished)
        return self.import_worker

    def _imported(self, result: Any) -> None:
        self.last_import = result
        text = result.describe()
        if result.warnings:
            text += " " + " ".join(f"Note: {w}." for w in result.warnings)
        self.show_message(text)
        if result.years and self.year not in result.years:
            self.year = result.years[0]
        self.changed()
        self.shell.show_message(result.describe(), 6000)

    def _import_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, StoreError | OSError):
            raise exc  # a bug, not a bad file: let it be reported as one
        self.show_message("")
        prompts.show_error(self, "Import calendar", f"{exc}\n\nNothing was imported.")

    def _import_finished(self) -> None:
        self.import_worker = None
        self.import_button.setEnabled(True)
