"""The professional development plan of a year: needs, goals, planned items, and progress against them.

ICMA's sample plan has three parts: development needs (practices), learning goals (one long-term goal of 3-5 years
and short-term goals for the year, each tied to practices) and specific planned activities. A planned item becomes
"done" when it is logged as an activity ("Log it"); unfinished items can be carried over to next year's plan.

Why one module of about 600 lines: it is the whole model of the planner page, which imports some thirty names from
it (ui/planner_page.py), so a split has to move those imports with it. Its seams are marked by the section rules
below: the plain data, reading and writing stay here; "Log it" and carry-over (which only call this module's public
functions) and progress (pure sums over a PlanData and the year's activities) can each become a module of their own
(plan_actions.py, plan_progress.py) once the page imports them from there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

import peewee

from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityData, ActivityRecord, load_activities, save_activity
from wethrive_desktop.models.dates import add_years
from wethrive_desktop.models.db import BaseModel, database_proxy
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, REQUIRED_HOURS, Status, valid_year
from wethrive_desktop.models.rules import (
    HUNDREDTH,
    ZERO,
    format_hours,
    hours_by_practice,
    hours_short,
    split_hours,
    total_hours,
)
from wethrive_desktop.models.tables import (
    Activity,
    Plan,
    PlanGoal,
    PlanGoalPractice,
    PlanItem,
    PlanItemPractice,
    PlanNeed,
    utc_now,
)
from wethrive_desktop.models.validation import (
    MAX_TITLE_LENGTH,
    FieldError,
    ValidationError,
    validate_hours,
)

# --- plain data --------------------------------------------------------------------------------------------


class Term(StrEnum):
    LONG = "long"
    SHORT = "short"

    @property
    def label(self) -> str:
        return "Long-term (3-5 years)" if self is Term.LONG else "Short-term (this year)"


class ItemStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class GoalData:
    id: int | None
    text: str
    term: str  # "long" (one, 3-5 years) or "short" (for the year)
    practices: tuple[int, ...]


@dataclass(frozen=True)
class PlanItemData:
    id: int | None
    title: str
    provider: str
    type: str
    start_date: date | None
    end_date: date | None
    estimated_hours: Decimal
    goal_id: int | None
    practices: tuple[int, ...]
    status: str  # "planned" | "done" | "dropped"
    activity_id: int | None  # the logged activity, once "Log it" was used
    ics_uid: str | None = None
    notes: str = ""
    carried_to: int | None = None  # the copy in next year's plan, once carried over (this one is then dropped)


@dataclass(frozen=True)
class PlanData:
    year: int
    needs: tuple[int, ...]  # development needs: practice numbers
    goals: tuple[GoalData, ...]  # the long-term goal (term "long") and the short-term goals
    items: tuple[PlanItemData, ...]

    @property
    def long_term_goal(self) -> GoalData | None:
        return next((g for g in self.goals if g.term == Term.LONG), None)

    @property
    def short_term_goals(self) -> tuple[GoalData, ...]:
        return tuple(g for g in self.goals if g.term == Term.SHORT)

    @property
    def practices(self) -> tuple[int, ...]:
        """Every practice the plan names: needs, goals and items."""
        found = set(self.needs)
        for g in self.goals:
            found.update(g.practices)
        for i in self.items:
            if i.status != ItemStatus.DROPPED:
                found.update(i.practices)
        return tuple(sorted(found))


def new_item(title: str, **values: object) -> PlanItemData:
    """A PlanItemData with sensible defaults (type "other", no dates, 0 h, planned)."""
    base = PlanItemData(id=None, title=title, provider="", type="other", start_date=None, end_date=None,
                        estimated_hours=ZERO, goal_id=None, practices=(), status=ItemStatus.PLANNED.value,
                        activity_id=None)
    return replace(base, **values)  # type: ignore[arg-type]


# --- reading -----------------------------------------------------------------------------------------------


def _links(model: type[BaseModel], key: peewee.Field, ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    found: dict[int, list[int]] = defaultdict(list)
    if ids:
        query = model.select(key, model.practice).where(key.in_(list(ids))).order_by(model.practice)
        for owner, practice in query.tuples():
            found[owner].append(practice)
    return {k: tuple(v) for k, v in found.items()}


def _item_data(row: PlanItem, practices: dict[int, tuple[int, ...]]) -> PlanItemData:
    return PlanItemData(
        id=row.id, title=row.title, provider=row.provider, type=row.type, start_date=row.start_date,
        end_date=row.end_date, estimated_hours=row.estimated_hours, goal_id=row.goal_id,
        practices=practices.get(row.id, ()), status=row.status, activity_id=row.activity_id, ics_uid=row.ics_uid,
        notes=row.notes, carried_to=row.carried_to_id,
    )


def _load_items(query: Iterable[PlanItem]) -> list[PlanItemData]:
    rows = list(query)
    practices = _links(PlanItemPractice, PlanItemPractice.item, [r.id for r in rows])
    return [_item_data(r, practices) for r in rows]


def _item_order() -> tuple[peewee.Ordering | peewee.Field, ...]:
    # Undated items sort last; then by date and entry order.
    return (PlanItem.start_date.is_null(), PlanItem.start_date, PlanItem.id)


def get_plan(year: int) -> PlanData | None:
    """The plan of `year`, or None if the member has not started one."""
    plan = Plan.get_or_none(Plan.year == year)
    if plan is None:
        return None
    needs = tuple(p for (p,) in PlanNeed.select(PlanNeed.practice).where(PlanNeed.plan == plan.id)
                  .order_by(PlanNeed.practice).tuples())
    goal_rows = list(PlanGoal.select().where(PlanGoal.plan == plan.id)
                     .order_by(PlanGoal.term, PlanGoal.position, PlanGoal.id))  # "long" sorts before "short"
    goal_practices = _links(PlanGoalPractice, PlanGoalPractice.goal, [g.id for g in goal_rows])
    goals = tuple(GoalData(g.id, g.text, g.term, goal_practices.get(g.id, ())) for g in goal_rows)
    items = tuple(_load_items(PlanItem.select().where(PlanItem.plan == plan.id).order_by(*_item_order())))
    return PlanData(year=year, needs=needs, goals=goals, items=items)


def plan_years() -> list[int]:
    return [y for (y,) in Plan.select(Plan.year).order_by(Plan.year).tuples()]


def upcoming_items(today: date, limit: int = 5) -> list[PlanItemData]:
    """Planned items dated today or later, soonest first."""
    query = (PlanItem.select()
             .where((PlanItem.status == ItemStatus.PLANNED) & (PlanItem.start_date >= today))
             .order_by(PlanItem.start_date, PlanItem.id).limit(limit))
    return _load_items(query)


def get_item(item_id: int) -> PlanItemData:
    row = PlanItem.get_or_none(PlanItem.id == item_id)
    if row is None:
        raise LookupError(f"planned item {item_id} no longer exists")
    return _load_items([row])[0]


def item_year(item_id: int) -> int:
    row = PlanItem.select(Plan.year).join(Plan).where(PlanItem.id == item_id).tuples().first()
    if row is None:
        raise LookupError(f"planned item {item_id} no longer exists")
    return int(row[0])


# --- writing -----------------------------------------------------------------------------------------------


def _practice_errors(field: str, practices: Iterable[int]) -> list[FieldError]:
    bad = sorted(p for p in practices if p not in PRACTICES)
    if bad:
        return [FieldError(field, f"{', '.join(map(str, bad))}: practice numbers run from 1 to 14")]
    return []


def _plan_id(year: int, prefill_needs: bool = True) -> int:
    """The id of the plan of `year`, creating it (needs pre-filled from the latest assessment) if needed."""
    plan = Plan.get_or_none(Plan.year == year)
    if plan is not None:
        return int(plan.id)
    if not valid_year(year):
        raise ValidationError([FieldError("year", f"{year} is not a plan year")])
    with database_proxy.atomic():
        plan_id = int(Plan.insert(year=year, created_at=utc_now()).execute())
        if prefill_needs:
            from wethrive_desktop.models.assessments import current_needs

            _set_needs(plan_id, current_needs())
    return plan_id


def ensure_plan(year: int) -> PlanData:
    """The plan of `year`, started if there is none yet (its needs pre-filled from the latest assessment)."""
    _plan_id(year)
    plan = get_plan(year)
    assert plan is not None
    return plan


def delete_plan(year: int) -> None:
    with database_proxy.atomic():
        Plan.delete().where(Plan.year == year).execute()


def _set_needs(plan_id: int, needs: Iterable[int]) -> None:
    PlanNeed.delete().where(PlanNeed.plan == plan_id).execute()
    rows = [(plan_id, p) for p in sorted(set(needs))]
    if rows:
        PlanNeed.insert_many(rows, fields=[PlanNeed.plan, PlanNeed.practice]).execute()


def set_needs(year: int, needs: Iterable[int]) -> None:
    needs = tuple(needs)
    errors = _practice_errors("needs", needs)
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        _set_needs(_plan_id(year), needs)


def check_goal(goal: GoalData) -> list[FieldError]:
    errors: list[FieldError] = []
    if not goal.text.strip():
        errors.append(FieldError("goal", "is required"))
    if goal.term not in tuple(Term):
        errors.append(FieldError("term", f"'{goal.term}' is not 'long' or 'short'"))
    errors += _practice_errors("practices", goal.practices)
    return errors


def save_goal(year: int, goal: GoalData) -> int:
    """Insert (id None) or update a goal of the plan of `year`. A plan has one long-term goal."""
    errors = check_goal(goal)
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        plan_id = _plan_id(year)
        other_long = PlanGoal.select().where((PlanGoal.plan == plan_id) & (PlanGoal.term == Term.LONG))
        if goal.id is not None:
            other_long = other_long.where(PlanGoal.id != goal.id)
        if goal.term == Term.LONG and other_long.exists():
            raise ValidationError([FieldError("term", f"the {year} plan already has a long-term goal; edit that one")])
        values = {"term": goal.term, "text": goal.text.strip()}
        if goal.id is None:
            position = PlanGoal.select(peewee.fn.COALESCE(peewee.fn.MAX(PlanGoal.position), 0)).where(
                PlanGoal.plan == plan_id).scalar() + 1
            goal_id = int(PlanGoal.insert(plan=plan_id, position=position, **values).execute())
        else:
            updated = PlanGoal.update(**values).where((PlanGoal.id == goal.id) & (PlanGoal.plan == plan_id)).execute()
            if not updated:
                raise LookupError(f"goal {goal.id} is not in the {year} plan")
            goal_id = goal.id
        PlanGoalPractice.delete().where(PlanGoalPractice.goal == goal_id).execute()
        rows = [(goal_id, p) for p in sorted(set(goal.practices))]
        if rows:
            PlanGoalPractice.insert_many(rows, fields=[PlanGoalPractice.goal, PlanGoalPractice.practice]).execute()
    return goal_id


def delete_goal(goal_id: int) -> None:
    """Delete a goal; items tied to it stay in the plan, without a goal."""
    with database_proxy.atomic():
        PlanGoal.delete().where(PlanGoal.id == goal_id).execute()


def normalized_item(item: PlanItemData) -> PlanItemData:
    hours = Decimal(item.estimated_hours)
    return replace(
        item,
        title=item.title.strip(),
        provider=item.provider.strip(),
        type=item.type.strip().lower(),
        notes=item.notes.strip(),
        practices=tuple(sorted(set(item.practices))),
        estimated_hours=hours.quantize(HUNDREDTH) if hours.is_finite() else hours,
        end_date=item.end_date if item.end_date != item.start_date else None,
        ics_uid=(item.ics_uid or "").strip() or None,
    )


def check_item(item: PlanItemData, year: int | None = None) -> list[FieldError]:
    errors: list[FieldError] = []
    if not item.title.strip():
        errors.append(FieldError("title", "is required"))
    elif len(item.title) > MAX_TITLE_LENGTH:
        errors.append(FieldError("title", f"is longer than {MAX_TITLE_LENGTH} characters"))
    if item.type not in ACTIVITY_TYPES:
        errors.append(FieldError("type", f"'{item.type}' is not one of: {', '.join(ACTIVITY_TYPES)}"))
    if item.end_date is not None and item.start_date is None:
        errors.append(FieldError("start_date", "is required when an end date is given"))
    elif item.end_date is not None and item.start_date is not None and item.end_date < item.start_date:
        errors.append(FieldError("end_date", f"{item.end_date.isoformat()} is before the start date"))
    hours = Decimal(item.estimated_hours)
    if not hours.is_finite():
        errors.append(FieldError("estimated_hours", "is not a number"))
    else:
        # Through format_hours, so the message says "80 h", not "80.00 h".
        shown = Decimal(format_hours(hours)) if hours == hours.quantize(HUNDREDTH) else hours
        problem = validate_hours(shown, item.start_date or date(2000, 1, 1), item.end_date)
        if problem:
            errors.append(FieldError("estimated_hours", problem))
    if year is not None and item.start_date is not None and item.start_date.year != year:
        errors.append(FieldError("start_date", f"{item.start_date.isoformat()} is not in {year}, the plan's year"))
    if item.status not in tuple(ItemStatus):
        errors.append(FieldError("status", f"'{item.status}' is not planned, done or dropped"))
    errors += _practice_errors("practices", item.practices)
    return errors


def _item_values(item: PlanItemData) -> dict[str, object]:
    return {
        "title": item.title, "provider": item.provider, "type": item.type, "start_date": item.start_date,
        "end_date": item.end_date, "estimated_hours": item.estimated_hours, "goal": item.goal_id,
        "status": item.status, "activity": item.activity_id, "notes": item.notes, "ics_uid": item.ics_uid,
        "carried_to": item.carried_to,
    }


def _set_item_practices(item_id: int, practices: Sequence[int]) -> None:
    PlanItemPractice.delete().where(PlanItemPractice.item == item_id).execute()
    if practices:
        PlanItemPractice.insert_many([(item_id, p) for p in practices],
                                     fields=[PlanItemPractice.item, PlanItemPractice.practice]).execute()


def _check_goal_in_plan(goal_id: int | None, plan_id: int) -> list[FieldError]:
    if goal_id is not None and not PlanGoal.select().where(
            (PlanGoal.id == goal_id) & (PlanGoal.plan == plan_id)).exists():
        return [FieldError("goal", "is not a goal of this plan")]
    return []


def _insert_item(plan_id: int, item: PlanItemData) -> int:
    item_id = int(PlanItem.insert(plan=plan_id, created_at=utc_now(), **_item_values(item)).execute())
    _set_item_practices(item_id, item.practices)
    return item_id


def save_item(year: int, item: PlanItemData) -> int:
    """Insert (id None) or update a planned item in the plan of `year`. Raises ValidationError; writes nothing then."""
    item = normalized_item(item)
    errors = check_item(item, year)
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        plan_id = _plan_id(year)
        errors = _check_goal_in_plan(item.goal_id, plan_id)
        if errors:
            raise ValidationError(errors)
        if item.id is None:
            return _insert_item(plan_id, item)
        updated = PlanItem.update(plan=plan_id, **_item_values(item)).where(PlanItem.id == item.id).execute()
        if not updated:
            raise LookupError(f"planned item {item.id} no longer exists")
        _set_item_practices(item.id, item.practices)
        return item.id


def delete_item(item_id: int) -> PlanItemData:
    """Delete and return the item as it was (for undo)."""
    item = get_item(item_id)
    with database_proxy.atomic():
        PlanItem.delete().where(PlanItem.id == item_id).execute()
    return item


def restore_item(year: int, item: PlanItemData) -> int:
    """Put back a deleted item with its id."""
    assert item.id is not None
    with database_proxy.atomic():
        plan_id = _plan_id(year)
        goal_ok = item.goal_id is None or PlanGoal.get_or_none(PlanGoal.id == item.goal_id) is not None
        activity_ok = item.activity_id is None or Activity.get_or_none(Activity.id == item.activity_id) is not None
        values = _item_values(replace(item, goal_id=item.goal_id if goal_ok else None,
                                      activity_id=item.activity_id if activity_ok else None))
        PlanItem.insert(id=item.id, plan=plan_id, created_at=utc_now(), **values).execute()
        _set_item_practices(item.id, item.practices)
    return item.id


def set_item_status(item_id: int, status: str) -> None:
    if status not in tuple(ItemStatus):
        raise ValidationError([FieldError("status", f"'{status}' is not planned, done or dropped")])
    with database_proxy.atomic():
        if not PlanItem.update(status=status).where(PlanItem.id == item_id).execute():
            raise LookupError(f"planned item {item_id} no longer exists")


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
            raise LookupError(f"planned item {item_id} no longer exists")


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
        target_plan = _plan_id(year + 1)
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
            new_id = _insert_item(target_plan, copy)
            PlanItem.update(status=ItemStatus.DROPPED, carried_to=new_id).where(PlanItem.id == item.id).execute()
            new_ids.append(new_id)
    return new_ids


# --- progress ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursPair:
    planned: Decimal
    logged: Decimal


@dataclass(frozen=True)
class GoalProgress:
    goal: GoalData
    planned: Decimal  # estimated hours of its items that are not dropped
    logged: Decimal  # hours of the activities logged from its items


@dataclass(frozen=True)
class PracticeProgress:
    practice: int
    planned: Decimal  # its share of the items' estimated hours (split equally over each item's practices)
    logged: Decimal  # its share of every completed activity of the year
    is_need: bool

    @property
    def flagged(self) -> bool:
        """In the plan, but nothing logged on it yet."""
        return self.logged == ZERO


@dataclass(frozen=True)
class PlanProgress:
    year: int
    goals: tuple[GoalProgress, ...]
    practices: tuple[PracticeProgress, ...]
    planned_total: Decimal
    logged_total: Decimal  # every completed activity of the year, planned or not
    required: Decimal = REQUIRED_HOURS

    @property
    def flagged(self) -> tuple[int, ...]:
        return tuple(p.practice for p in self.practices if p.flagged)

    @property
    def planned_short(self) -> Decimal:
        """How far the plan falls short of the 40-hour commitment (0 when it reaches it)."""
        return hours_short(self.planned_total, self.required)


def plan_progress(plan: PlanData) -> PlanProgress:
    """Planned vs logged hours per goal, per practice of the plan, and in total."""
    live = [i for i in plan.items if i.status != ItemStatus.DROPPED]
    linked_ids = [i.activity_id for i in live if i.activity_id is not None]
    # Only completed activities count (an undone "Log it" can leave an item linked to a planned one).
    linked_hours = {r.id: r.hours for r in load_activities(ids=linked_ids, status=Status.COMPLETED.value)} \
        if linked_ids else {}
    year_records = load_activities(year=plan.year)

    goals = []
    for goal in plan.goals:
        mine = [i for i in live if i.goal_id == goal.id]
        planned = sum((i.estimated_hours for i in mine), ZERO)
        logged = sum((linked_hours.get(i.activity_id, ZERO) for i in mine if i.activity_id is not None), ZERO)
        goals.append(GoalProgress(goal, planned.quantize(HUNDREDTH), logged.quantize(HUNDREDTH)))

    planned_by_practice: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for item in live:
        for n, part in split_hours(item.estimated_hours, item.practices).items():
            planned_by_practice[n] += part
    logged_by_practice = hours_by_practice(year_records, plan.year).by_practice
    practices = tuple(
        PracticeProgress(n, planned_by_practice[n].quantize(HUNDREDTH), logged_by_practice[n], n in plan.needs)
        for n in plan.practices
    )
    planned_total = sum((i.estimated_hours for i in live), ZERO).quantize(HUNDREDTH)
    logged_total = total_hours(year_records, plan.year)
    return PlanProgress(plan.year, tuple(goals), practices, planned_total, logged_total)


def all_items() -> list[tuple[int, PlanItemData]]:
    """(year, item) for every planned item, for exports."""
    rows = list(PlanItem.select(PlanItem, Plan.year).join(Plan).order_by(Plan.year, PlanItem.id))
    practices = _links(PlanItemPractice, PlanItemPractice.item, [r.id for r in rows])
    return [(r.plan.year, _item_data(r, practices)) for r in rows]
