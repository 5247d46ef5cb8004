"""The professional development plan of a year: its plain data, reading it and writing it.

ICMA's sample plan has three parts: development needs (practices), learning goals (one long-term goal of 3-5 years
and short-term goals for the year, each tied to practices) and specific planned activities. A planned item becomes
"done" when it is logged as an activity ("Log it"); unfinished items can be carried over to next year's plan.

"Log it" and carry-over are in models/plan_actions.py, planned against logged hours in models/plan_progress.py;
both build on this module's public functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

import peewee

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.activities import insert_rows, new_ids
from wethrive_desktop.models.db import BaseModel, database_proxy
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, valid_year
from wethrive_desktop.models.rules import HUNDREDTH, ZERO, format_hours
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
        return tr("Long-term (3-5 years)") if self is Term.LONG else tr("Short-term (this year)")


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


def item_gone(item_id: int) -> LookupError:
    """The error of an item deleted meanwhile (its message is shown to the user)."""
    return LookupError(tr("planned item {id} no longer exists").format(id=item_id))


def get_item(item_id: int) -> PlanItemData:
    row = PlanItem.get_or_none(PlanItem.id == item_id)
    if row is None:
        raise item_gone(item_id)
    return _load_items([row])[0]


def item_year(item_id: int) -> int:
    row = PlanItem.select(Plan.year).join(Plan).where(PlanItem.id == item_id).tuples().first()
    if row is None:
        raise item_gone(item_id)
    return int(row[0])


def all_items() -> list[tuple[int, PlanItemData]]:
    """(year, item) for every planned item, for exports."""
    rows = list(PlanItem.select(PlanItem, Plan.year).join(Plan).order_by(Plan.year, PlanItem.id))
    practices = _links(PlanItemPractice, PlanItemPractice.item, [r.id for r in rows])
    return [(r.plan.year, _item_data(r, practices)) for r in rows]


# --- writing -----------------------------------------------------------------------------------------------


def _practice_errors(field: str, practices: Iterable[int]) -> list[FieldError]:
    bad = sorted(p for p in practices if p not in PRACTICES)
    if bad:
        return [FieldError(field, tr("{numbers}: practice numbers run from 1 to 14").format(
            numbers=", ".join(map(str, bad))))]
    return []


def plan_id_of(year: int, prefill_needs: bool = True) -> int:
    """The id of the plan of `year`, creating it (needs pre-filled from the latest assessment) if needed."""
    plan = Plan.get_or_none(Plan.year == year)
    if plan is not None:
        return int(plan.id)
    if not valid_year(year):
        raise ValidationError([FieldError("year", tr("{year} is not a plan year").format(year=year))])
    with database_proxy.atomic():
        plan_id = int(Plan.insert(year=year, created_at=utc_now()).execute())
        if prefill_needs:
            from wethrive_desktop.models.assessments import current_needs

            _set_needs(plan_id, current_needs())
    return plan_id


def ensure_plan(year: int) -> PlanData:
    """The plan of `year`, started if there is none yet (its needs pre-filled from the latest assessment)."""
    plan_id_of(year)
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
        _set_needs(plan_id_of(year), needs)


def check_goal(goal: GoalData) -> list[FieldError]:
    errors: list[FieldError] = []
    if not goal.text.strip():
        errors.append(FieldError("goal", tr("is required")))
    if goal.term not in tuple(Term):
        errors.append(FieldError("term", tr("'{term}' is not 'long' or 'short'").format(term=goal.term)))
    errors += _practice_errors("practices", goal.practices)
    return errors


def save_goal(year: int, goal: GoalData) -> int:
    """Insert (id None) or update a goal of the plan of `year`. A plan has one long-term goal."""
    errors = check_goal(goal)
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        plan_id = plan_id_of(year)
        other_long = PlanGoal.select().where((PlanGoal.plan == plan_id) & (PlanGoal.term == Term.LONG))
        if goal.id is not None:
            other_long = other_long.where(PlanGoal.id != goal.id)
        if goal.term == Term.LONG and other_long.exists():
            raise ValidationError([FieldError("term", tr("the {year} plan already has a long-term goal; edit that "
                                                         "one").format(year=year))])
        values = {"term": goal.term, "text": goal.text.strip()}
        if goal.id is None:
            position = PlanGoal.select(peewee.fn.COALESCE(peewee.fn.MAX(PlanGoal.position), 0)).where(
                PlanGoal.plan == plan_id).scalar() + 1
            goal_id = int(PlanGoal.insert(plan=plan_id, position=position, **values).execute())
        else:
            updated = PlanGoal.update(**values).where((PlanGoal.id == goal.id) & (PlanGoal.plan == plan_id)).execute()
            if not updated:
                raise LookupError(tr("goal {id} is not in the {year} plan").format(id=goal.id, year=year))
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
        errors.append(FieldError("title", tr("is required")))
    elif len(item.title) > MAX_TITLE_LENGTH:
        errors.append(FieldError("title", tr("is longer than {limit} characters").format(limit=MAX_TITLE_LENGTH)))
    if item.type not in ACTIVITY_TYPES:
        errors.append(FieldError("type", tr("'{type}' is not one of: {types}").format(
            type=item.type, types=", ".join(ACTIVITY_TYPES))))
    if item.end_date is not None and item.start_date is None:
        errors.append(FieldError("start_date", tr("is required when an end date is given")))
    elif item.end_date is not None and item.start_date is not None and item.end_date < item.start_date:
        errors.append(FieldError("end_date", tr("{date} is before the start date").format(
            date=format_date(item.end_date))))
    hours = Decimal(item.estimated_hours)
    if not hours.is_finite():
        errors.append(FieldError("estimated_hours", tr("is not a number")))
    else:
        # Through format_hours, so the message says "80 h", not "80.00 h".
        shown = Decimal(format_hours(hours)) if hours == hours.quantize(HUNDREDTH) else hours
        problem = validate_hours(shown, item.start_date or date(2000, 1, 1), item.end_date)
        if problem:
            errors.append(FieldError("estimated_hours", problem))
    if year is not None and item.start_date is not None and item.start_date.year != year:
        errors.append(FieldError("start_date", tr("{date} is not in {year}, the plan's year").format(
            date=format_date(item.start_date), year=year)))
    if item.status not in tuple(ItemStatus):
        errors.append(FieldError("status", not_a_status(item.status)))
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
        return [FieldError("goal", tr("is not a goal of this plan"))]
    return []


def insert_item(plan_id: int, item: PlanItemData) -> int:
    """Insert `item` as it is (not checked: save_item checks; carry-over copies checked items)."""
    item_id = int(PlanItem.insert(plan=plan_id, created_at=utc_now(), **_item_values(item)).execute())
    _set_item_practices(item_id, item.practices)
    return item_id


_INSERTED_ITEM_FIELDS = (PlanItem.id, PlanItem.plan, PlanItem.created_at, PlanItem.title, PlanItem.provider,
                         PlanItem.type, PlanItem.start_date, PlanItem.end_date, PlanItem.estimated_hours,
                         PlanItem.goal, PlanItem.status, PlanItem.activity, PlanItem.notes, PlanItem.ics_uid,
                         PlanItem.carried_to)


def insert_items(items: Sequence[tuple[int, PlanItemData]]) -> list[int]:
    """Insert each (plan id, item) as it is (not checked, as insert_item) with its practices, a few hundred rows
    per statement (activities.insert_rows), in one transaction; returns the new ids, in order."""
    now = utc_now()
    with database_proxy.atomic():
        ids = new_ids(PlanItem, len(items))  # inside the write transaction, which holds the lock
        if ids is None:  # no room left after the highest id: SQLite picks each row's id
            return [insert_item(plan_id, item) for plan_id, item in items]
        insert_rows(PlanItem, _INSERTED_ITEM_FIELDS, [
            (item_id, plan_id, now, item.title, item.provider, item.type, item.start_date, item.end_date,
             item.estimated_hours, item.goal_id, item.status, item.activity_id, item.notes, item.ics_uid,
             item.carried_to)
            for item_id, (plan_id, item) in zip(ids, items, strict=True)
        ])
        insert_rows(PlanItemPractice, (PlanItemPractice.item, PlanItemPractice.practice),
                    [(item_id, p) for item_id, (_plan, item) in zip(ids, items, strict=True) for p in item.practices])
    return list(ids)


def save_item(year: int, item: PlanItemData) -> int:
    """Insert (id None) or update a planned item in the plan of `year`. Raises ValidationError; writes nothing then."""
    item = normalized_item(item)
    errors = check_item(item, year)
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        plan_id = plan_id_of(year)
        errors = _check_goal_in_plan(item.goal_id, plan_id)
        if errors:
            raise ValidationError(errors)
        if item.id is None:
            return insert_item(plan_id, item)
        updated = PlanItem.update(plan=plan_id, **_item_values(item)).where(PlanItem.id == item.id).execute()
        if not updated:
            raise item_gone(item.id)
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
        plan_id = plan_id_of(year)
        goal_ok = item.goal_id is None or PlanGoal.get_or_none(PlanGoal.id == item.goal_id) is not None
        activity_ok = item.activity_id is None or Activity.get_or_none(Activity.id == item.activity_id) is not None
        values = _item_values(replace(item, goal_id=item.goal_id if goal_ok else None,
                                      activity_id=item.activity_id if activity_ok else None))
        PlanItem.insert(id=item.id, plan=plan_id, created_at=utc_now(), **values).execute()
        _set_item_practices(item.id, item.practices)
    return item.id


def not_a_status(status: str) -> str:
    return tr("'{status}' is not planned, done or dropped").format(status=status)


def set_item_status(item_id: int, status: str) -> None:
    if status not in tuple(ItemStatus):
        raise ValidationError([FieldError("status", not_a_status(status))])
    with database_proxy.atomic():
        if not PlanItem.update(status=status).where(PlanItem.id == item_id).execute():
            raise item_gone(item_id)
