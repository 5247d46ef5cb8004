"""What is done with a plan's items beyond editing them: "Log it" (a planned item becomes a logged activity, and
the item is done) and carry-over (a year's unfinished items copied into next year's plan).

Only models/plans.py's public functions and the plan tables are used here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityData, ActivityRecord, load_activities, save_activity
from wethrive_desktop.models.dates import add_years
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import Status
from wethrive_desktop.models.plans import (
    ItemStatus,
    PlanItemData,
    Term,
    get_item,
    get_plan,
    insert_item,
    item_gone,
    plan_id_of,
    save_goal,
)
from wethrive_desktop.models.tables import PlanGoal, PlanItem

# --- Log it ------------------------------------------------------------------------------------------------


def activity_for_item(item: PlanItemData, today: date | None = None) -> ActivityData:
    """The activity "Log it" pre-fills: the item's title, provider, type, dates, hours and practices."""
    start = item.start_date or (today or clock.today())
    return ActivityData(
        start_date=start,
        end_date=item.end_date if item.start_date is not None else None,
        title=item.title,
        hours=item.estimated_hours,
        type=item.type,
        provider=item.provider,
        practices=item.practices,
        status=Status.COMPLETED.value,
    )


def planned_activity_for_item(item: PlanItemData) -> ActivityRecord | None:
    """A *planned* activity already in the log for this item (same title; same start date when the item has
    one, else the same year), so "Log it" completes that record instead of adding a second one."""
    if item.start_date is not None:
        candidates = [r for r in load_activities(year=item.start_date.year, status=Status.PLANNED.value)
                      if r.start_date == item.start_date]
    else:
        candidates = load_activities(status=Status.PLANNED.value)
    title = item.title.strip().casefold()
    return next((r for r in candidates if r.data.title.strip().casefold() == title), None)


def link_activity(item_id: int, activity_id: int) -> None:
    """Tie a logged activity to the item and mark the item done."""
    with database_proxy.atomic():
        if not PlanItem.update(activity=activity_id, status=ItemStatus.DONE).where(PlanItem.id == item_id).execute():
            raise item_gone(item_id)


def unlink_activity(item_id: int, status: str = ItemStatus.PLANNED.value) -> None:
    with database_proxy.atomic():
        PlanItem.update(activity=None, status=status).where(PlanItem.id == item_id).execute()


def log_plan_item(item_id: int, activity_data: ActivityData, activity_id: int | None = None) -> int:
    """Save the activity (new, or the stored `activity_id`, e.g. the planned one it completes), link it to the
    item and mark the item done, all in one transaction."""
    with database_proxy.atomic():
        get_item(item_id)  # fail before saving anything if the item has gone
        activity_id = save_activity(activity_data, activity_id)
        link_activity(item_id, activity_id)
    return activity_id


# --- carry-over --------------------------------------------------------------------------------------------


def unfinished_items(year: int) -> list[PlanItemData]:
    plan = get_plan(year)
    if plan is None:
        return []
    return [i for i in plan.items if i.status == ItemStatus.PLANNED and i.carried_to is None]


def carry_over(year: int, item_ids: Sequence[int] | None = None) -> list[int]:
    """Copy the unfinished items of `year` (or those of `item_ids`) into next year's plan.

    The copies keep title, provider, type, hours and practices; their dates move on one year; their goal carries
    over by its text when next year's plan has (or gets) a goal of the same text. The originals are marked dropped
    and point to their copies, so that year's planned hours no longer count them and they cannot be carried twice.
    Returns the new items' ids.
    """
    items = unfinished_items(year)
    if item_ids is not None:
        wanted = set(item_ids)
        items = [i for i in items if i.id in wanted]
    if not items:
        return []
    plan = get_plan(year)
    assert plan is not None
    goals = {g.id: g for g in plan.goals}
    new_ids: list[int] = []
    with database_proxy.atomic():
        target_plan = plan_id_of(year + 1)
        target_goals = {(g.term, g.text.casefold()): g.id
                        for g in PlanGoal.select().where(PlanGoal.plan == target_plan)}
        for item in items:
            goal_id = None
            if item.goal_id is not None:
                goal = goals[item.goal_id]
                key = (goal.term, goal.text.casefold())
                if key not in target_goals:
                    if goal.term == Term.LONG and any(t == Term.LONG for t, _ in target_goals):
                        key = next(k for k in target_goals if k[0] == Term.LONG)
                    else:
                        target_goals[key] = save_goal(year + 1, replace(goal, id=None))
                goal_id = target_goals[key]
            copy = replace(item, id=None, start_date=item.start_date and add_years(item.start_date, 1),
                           end_date=item.end_date and add_years(item.end_date, 1), goal_id=goal_id, activity_id=None,
                           ics_uid=None, carried_to=None, status=ItemStatus.PLANNED.value)
            new_id = insert_item(target_plan, copy)
            PlanItem.update(status=ItemStatus.DROPPED, carried_to=new_id).where(PlanItem.id == item.id).execute()
            new_ids.append(new_id)
    return new_ids
