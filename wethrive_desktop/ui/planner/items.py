""""3. Planned activities": the table of the plan's items (its columns: dates, title, hours, practices, goal,
status) and the buttons under it, which the page connects to its actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from wethrive_desktop.models.dates import date_range
from wethrive_desktop.models.domain import type_label
from wethrive_desktop.models.plans import GoalData, ItemStatus, PlanItemData, Term
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.assessment.style import GREEN
from wethrive_desktop.ui.planner.widgets import practices_text, practices_tip
from wethrive_desktop.ui.widgets.record_table import Col, RecordTableModel, record_view

STATUS_LABELS = {"planned": "Planned", "done": "Done", "dropped": "Dropped"}


def dates_text(item: PlanItemData) -> str:
    """Short dates within the plan's year: "Mar 5", "Oct 4–7", "Sep 30 – Oct 2" (models.dates.date_range)."""
    start = item.start_date
    return date_range(start, item.end_date, "short", year=start.year if start else None, undated="not dated")



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


class ItemsBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("3. Planned activities", parent)
        self.model: RecordTableModel[PlanItemData] = RecordTableModel(item_columns({}, {}), self)
        self.view = record_view(self.model, name="planItems")
        goal_column = 4  # long goal texts are cut short (the tooltip has them), so the title keeps its room
        self.view.horizontalHeader().setSectionResizeMode(goal_column, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(goal_column, 140)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("addItemButton")
        self.edit_button = QPushButton("Edit")
        self.edit_button.setObjectName("editItemButton")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteItemButton")
        self.log_button = QPushButton("Log it...")
        self.log_button.setObjectName("logItButton")
        self.log_button.setToolTip("Record this planned activity as done: opens the activity form, pre-filled")
        self.drop_button = QPushButton("Drop")
        self.drop_button.setObjectName("dropItemButton")
        buttons = QHBoxLayout()
        for b in (self.log_button, self.add_button, self.edit_button, self.drop_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
