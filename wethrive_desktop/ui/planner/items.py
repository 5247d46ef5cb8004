""""3. Planned activities": the table of the plan's items (its columns: dates, title, hours, practices, goal,
status) and the buttons under it, which the page connects to its actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import noop, tr
from wethrive_desktop.models.plans import GoalData, ItemStatus, PlanItemData, Term
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.colors import MUTED, OK, live_color
from wethrive_desktop.ui.planner.widgets import practices_text, practices_tip
from wethrive_desktop.ui.widgets.dates import short_range
from wethrive_desktop.ui.widgets.fit import ColumnFitter
from wethrive_desktop.ui.widgets.labels import type_name
from wethrive_desktop.ui.widgets.record_table import Col, RecordTableModel, record_view

# The source texts of the statuses; shown through tr (status_label).
STATUS_LABELS = {"planned": noop("Planned"), "done": noop("Done"), "dropped": noop("Dropped")}
# Kept at a shade readable on the palette of the moment (light, dark, high contrast): see ui/colors.py.
DONE_COLOR = live_color(OK)
DROPPED_COLOR = live_color(MUTED)


def status_label(status: str) -> str:
    return tr(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def shown_dates(item: PlanItemData) -> str:
    """The item's dates as the table shows them, in the locale's figures: "10/4/2026", "10/4/2026 – 10/7/2026"."""
    return short_range(item.start_date, item.end_date) if item.start_date else tr("not dated")


def _status_text(item: PlanItemData, years: dict[int, int]) -> str:
    if item.carried_to is not None:
        year = years.get(item.carried_to)
        return tr("Carried to {year}").format(year=year) if year is not None else tr("Carried to next year")
    if item.status == ItemStatus.DONE and item.activity_id is not None:
        return tr("Done (logged)")
    return status_label(item.status)


def _status_color(item: PlanItemData) -> QColor | None:
    if item.status == ItemStatus.DONE:
        return DONE_COLOR
    if item.status == ItemStatus.DROPPED:
        return DROPPED_COLOR
    return None


def _title_tip(item: PlanItemData) -> str:
    kind = type_name(item.type)
    about = tr("{type}, {provider}").format(type=kind, provider=item.provider) if item.provider else kind
    return "\n".join(x for x in (item.title, about, item.notes) if x)


def item_columns(goals: dict[int, GoalData], carried_years: dict[int, int]) -> list[Col[PlanItemData]]:
    def goal_text(item: PlanItemData) -> str:
        goal = goals.get(item.goal_id) if item.goal_id is not None else None
        if goal is None:
            return ""
        if goal.term == Term.LONG:
            return tr("Long-term")
        return goal.text if len(goal.text) <= GOAL_CHARACTERS else goal.text[:GOAL_CHARACTERS - 1] + "…"

    return [
        Col(tr("Dates"), shown_dates, lambda i: (i.start_date is None, i.start_date or date.min)),
        Col(tr("Title"), lambda i: i.title, lambda i: i.title.casefold(), stretch=True, tip=_title_tip),
        Col(tr("Hours"), lambda i: format_hours(i.estimated_hours), lambda i: i.estimated_hours, right=True,
            tip=lambda _i: tr("Estimated hours")),
        Col(tr("Practices"), lambda i: practices_text(i.practices), lambda i: i.practices,
            tip=lambda i: practices_tip(i.practices)),
        Col(tr("Goal"), goal_text, tip=lambda i: goals[i.goal_id].text if i.goal_id in goals else ""),
        Col(tr("Status"), lambda i: _status_text(i, carried_years), lambda i: i.status, color=_status_color),
    ]


TITLE_COLUMN = 1
GOAL_CHARACTERS = 24  # a long goal is cut short in its column (the tooltip has it whole): the title keeps its room


class ItemsBox(QGroupBox):
    """The table and the buttons under it; in a narrow table the other columns give up width to the title, their
    text elided (a date keeps its room)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("3. Planned activities"), parent)
        self.model: RecordTableModel[PlanItemData] = RecordTableModel(item_columns({}, {}), self)
        self.view = record_view(self.model, name="planItems")
        self.log_button = QPushButton(tr("L&og it..."))
        self.log_button.setObjectName("logItButton")
        self.log_button.setToolTip(tr("Record this planned activity as done: opens the activity form, pre-filled"))
        self.add_button = QPushButton(tr("&Add"))
        self.add_button.setObjectName("addItemButton")
        self.edit_button = QPushButton(tr("Ed&it"))
        self.edit_button.setObjectName("editItemButton")
        self.drop_button = QPushButton(tr("D&rop"))
        self.drop_button.setObjectName("dropItemButton")
        self.delete_button = QPushButton(tr("De&lete"))
        self.delete_button.setObjectName("deleteItemButton")
        buttons = QHBoxLayout()
        for b in (self.log_button, self.add_button, self.edit_button, self.drop_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        a_date = self.view.fontMetrics().horizontalAdvance(short_range(date(2026, 12, 31))) + 12
        self.columns = ColumnFitter(self.view, TITLE_COLUMN, share=0.3, minimums={0: a_date})
