""""Log it" and carry-over, the planner page's two actions built on models/plan_actions.py.

"Log it" opens the activity dialog through `make_activity_dialog`, which tests patch: `log_item` looks it up in
this module when it runs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models.activities import ActivityData
from wethrive_desktop.models.domain import Status
from wethrive_desktop.models.plan_actions import (
    activity_for_item,
    carry_over,
    link_activity,
    planned_activity_for_item,
    unfinished_items,
)
from wethrive_desktop.models.plans import PlanItemData
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.shell import Page

if TYPE_CHECKING:
    from wethrive_desktop.ui.planner.page import PlannerPage


def make_activity_dialog(page: Page, initial: ActivityData, activity_id: int | None = None) -> ActivityDialog:
    """The activity dialog "Log it" opens, pre-filled; with `activity_id` it completes that stored record
    (tests patch this)."""
    return ActivityDialog(page, initial=initial, activity_id=activity_id, shell=page.shell)


def log_item(page: PlannerPage, item: PlanItemData | None) -> QDialog | None:
    """The activity dialog, pre-filled from `item`; once saved, the item is done. None when there is nothing to
    log (no item, or one already logged)."""
    if item is None or item.id is None or item.activity_id is not None:
        return None
    planned = planned_activity_for_item(item)
    if planned is not None:
        # The member put it in the log as planned: complete that record rather than add a second one.
        dialog = make_activity_dialog(page, replace(planned.data, status=Status.COMPLETED.value), planned.id)
    else:
        dialog = make_activity_dialog(page, activity_for_item(item))
    item_id = item.id
    dialog.activity_saved.connect(lambda activity_id: _logged(page, item_id, activity_id))
    return page.open_dialog(dialog)


def _logged(page: PlannerPage, item_id: int, activity_id: int) -> None:
    try:
        link_activity(item_id, activity_id)
    except LookupError as exc:  # the item was deleted meanwhile; the activity stays logged
        page.show_message(tr("The activity was logged, but {problem}.").format(problem=exc))
    page.changed()
    page.select_item(item_id)
    page.shell.show_message(tr("Logged; the planned activity is done"), 4000)


def carry_over_unfinished(page: PlannerPage) -> list[int]:
    """Copy the unfinished items of the page's year into next year's plan, once the member confirms."""
    year = page.year
    items = unfinished_items(year)
    if not items:
        return []
    question = trn("Copy the %n activity still planned in {year} into the {next} plan (dates move on a year)? "
                   "In {year} it is marked dropped and “Carried to {next}”.",
                   "Copy the %n activities still planned in {year} into the {next} plan (dates move on a year)? "
                   "In {year} they are marked dropped and “Carried to {next}”.", len(items))
    if not prompts.confirm(page, tr("Carry over unfinished activities"), question.format(year=year, next=year + 1),
                           tr("Carry over")):
        return []
    new_ids = carry_over(year)
    page.changed()
    page.show_message(trn("%n planned activity carried over to {year}.", "%n planned activities carried over to "
                          "{year}.", len(new_ids)).format(year=year + 1))
    return new_ids
