"""The JSON export sections for assessments and development plans (docs/data-format.md describes them).

Ids are kept, so links stay exact: a planned item names its goal, its logged activity (the activities section is
loaded first) and, once carried over, its copy in the next year's plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from wethrive_desktop.exchange.json_format import (
    JsonImportError,
    Section,
    read_date,
    read_datetime,
    read_hours,
    read_int,
    read_list,
    read_object,
    read_records,
    read_str,
    shown,
    unique_id,
)
from wethrive_desktop.models.activities import insert_rows
from wethrive_desktop.models.assessments import KIND_LABELS, MAX_SCORE
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import ACTIVITY_TYPES, MAX_YEAR, MIN_YEAR, PRACTICES, valid_year
from wethrive_desktop.models.plans import ItemStatus, Term
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.tables import (
    Assessment,
    AssessmentRating,
    Plan,
    PlanGoal,
    PlanGoalPractice,
    PlanItem,
    PlanItemPractice,
    PlanNeed,
)


def _practices(record: Mapping[str, Any], key: str, where: str) -> list[int]:
    values = read_list(record, key, where)
    if any(not isinstance(p, int) or isinstance(p, bool) or p not in PRACTICES for p in values):
        raise JsonImportError(f"{where}: '{key}' must be practice numbers 1-14, not {shown(values)}")
    if len(set(values)) != len(values):
        raise JsonImportError(f"{where}: '{key}' names a practice twice")
    return sorted(values)


def _optional_int(record: Mapping[str, Any], key: str, where: str) -> int | None:
    if record.get(key) is None:
        return None
    return read_int(record, key, where)


def _optional_str(record: Mapping[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise JsonImportError(f"{where}: '{key}' must be text or null")
    return value


def _flag(record: Mapping[str, Any], key: str, where: str) -> bool:
    value = record.get(key, False)
    if not isinstance(value, bool):
        raise JsonImportError(f"{where}: '{key}' must be true or false")
    return value


# --- assessments -------------------------------------------------------------------------------------------


def dump_assessments() -> list[dict[str, Any]]:
    ratings: dict[int, list[dict[str, Any]]] = {}
    for r in AssessmentRating.select().order_by(AssessmentRating.assessment, AssessmentRating.practice):
        ratings.setdefault(r.assessment_id, []).append({
            "practice": r.practice_id,
            "rating": r.rating,
            "score": None if r.score is None else format_hours(r.score),
            "notes": r.notes,
            "need": bool(r.need),
        })
    return [
        {"id": a.id, "date": a.date.isoformat(), "kind": a.kind, "notes": a.notes,
         "created_at": a.created_at.isoformat(), "ratings": ratings.get(a.id, [])}
        for a in Assessment.select().order_by(Assessment.id)
    ]


def _score(record: Mapping[str, Any], where: str) -> Decimal | None:
    value = record.get("score")
    if value is None:
        return None
    try:
        score = Decimal(value) if isinstance(value, str) else Decimal("NaN")
    except InvalidOperation:
        score = Decimal("NaN")
    if not score.is_finite() or not 0 <= score <= MAX_SCORE or score != score.quantize(Decimal("0.01")):
        raise JsonImportError(f"{where}: 'score' must be a number as text from 0 to {MAX_SCORE} with at most two "
                              f"decimals, or null, not {shown(value)}")
    return score


def load_assessments(data: Any) -> None:
    """Every assessment (with its id) and its ratings: all checked, then inserted a few hundred rows per statement."""
    assessments: list[tuple[Any, ...]] = []
    ratings: list[tuple[Any, ...]] = []
    for record, assessment_id, where in read_records(data, "assessments"):
        kind = read_str(record, "kind", where)
        if kind not in KIND_LABELS:
            raise JsonImportError(f"{where}: 'kind' must be one of {', '.join(KIND_LABELS)}, not {shown(kind)}")
        assessments.append((assessment_id, read_date(record, "date", where, required=True), kind,
                            read_str(record, "notes", where, default=""),
                            read_datetime(record, "created_at", where)))
        seen: set[int] = set()
        for m, rating in enumerate(read_list(record, "ratings", where)):
            at = f"{where}.ratings[{m}]"
            r = read_object(rating, at)
            practice = read_int(r, "practice", at)
            if practice not in PRACTICES or practice in seen:
                raise JsonImportError(f"{at}: 'practice' must be a practice number 1-14, once each")
            seen.add(practice)
            value = _optional_int(r, "rating", at)
            if value is not None and not 1 <= value <= 5:
                raise JsonImportError(f"{at}: 'rating' must be 1 to 5 or null, not {value}")
            ratings.append((assessment_id, practice, value, _score(r, at), read_str(r, "notes", at, default=""),
                            _flag(r, "need", at)))
    insert_rows(Assessment, (Assessment.id, Assessment.date, Assessment.kind, Assessment.notes, Assessment.created_at),
                assessments)
    insert_rows(AssessmentRating, (AssessmentRating.assessment, AssessmentRating.practice, AssessmentRating.rating,
                                   AssessmentRating.score, AssessmentRating.notes, AssessmentRating.need), ratings)


# --- plans -------------------------------------------------------------------------------------------------


def dump_plans() -> list[dict[str, Any]]:
    def links(model: Any, key: Any) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for owner, practice in model.select(key, model.practice).order_by(key, model.practice).tuples():
            found.setdefault(owner, []).append(practice)
        return found

    needs = links(PlanNeed, PlanNeed.plan)
    goal_practices = links(PlanGoalPractice, PlanGoalPractice.goal)
    item_practices = links(PlanItemPractice, PlanItemPractice.item)
    goals: dict[int, list[dict[str, Any]]] = {}
    for g in PlanGoal.select().order_by(PlanGoal.id):
        goals.setdefault(g.plan_id, []).append({
            "id": g.id, "term": g.term, "text": g.text, "position": g.position,
            "practices": goal_practices.get(g.id, []),
        })
    items: dict[int, list[dict[str, Any]]] = {}
    for i in PlanItem.select().order_by(PlanItem.id):
        items.setdefault(i.plan_id, []).append({
            "id": i.id, "title": i.title, "provider": i.provider, "type": i.type,
            "start_date": None if i.start_date is None else i.start_date.isoformat(),
            "end_date": None if i.end_date is None else i.end_date.isoformat(),
            "estimated_hours": format_hours(i.estimated_hours), "goal_id": i.goal_id,
            "practices": item_practices.get(i.id, []), "status": i.status, "activity_id": i.activity_id,
            "notes": i.notes, "ics_uid": i.ics_uid, "carried_to_id": i.carried_to_id,
            "created_at": i.created_at.isoformat(),
        })
    return [
        {"id": p.id, "year": p.year, "created_at": p.created_at.isoformat(), "needs": needs.get(p.id, []),
         "goals": goals.get(p.id, []), "items": items.get(p.id, [])}
        for p in Plan.select().order_by(Plan.year)
    ]


_ITEM_FIELDS = (PlanItem.id, PlanItem.plan, PlanItem.title, PlanItem.provider, PlanItem.type, PlanItem.start_date,
                PlanItem.end_date, PlanItem.estimated_hours, PlanItem.goal, PlanItem.status, PlanItem.activity,
                PlanItem.notes, PlanItem.ics_uid, PlanItem.created_at)


def load_plans(data: Any) -> None:
    """Every plan (with its id), its needs, goals and items: all checked, then inserted a few hundred rows per
    statement; the links of carried-over items last, once every item exists."""
    if not isinstance(data, list):
        raise JsonImportError("plans: must be a list")
    activity_ids = {a for (a,) in database_proxy.execute_sql("SELECT id FROM activity")}
    plans: list[tuple[Any, ...]] = []
    needs: list[tuple[int, int]] = []
    goals: list[tuple[Any, ...]] = []
    goal_practices: list[tuple[int, int]] = []
    items: list[tuple[Any, ...]] = []
    item_practices: list[tuple[int, int]] = []
    plan_ids: set[int] = set()
    years: set[int] = set()
    goal_plan: dict[int, int] = {}
    item_ids: set[int] = set()
    uids: set[str] = set()
    carried: list[tuple[int, int, str]] = []
    for n, entry in enumerate(data):
        record = read_object(entry, f"plans[{n}]")
        year = read_int(record, "year", f"plans[{n}]")
        where = f"plans[{n}] ({year})"
        plan_id = read_int(record, "id", where)
        unique_id(plan_ids, plan_id, where)
        if year in years or not valid_year(year):
            raise JsonImportError(f"{where}: 'year' must be a year from {MIN_YEAR} to {MAX_YEAR}, one plan each")
        years.add(year)
        plans.append((plan_id, year, read_datetime(record, "created_at", where)))
        needs += [(plan_id, p) for p in _practices(record, "needs", where)]
        has_long = False
        for m, goal in enumerate(read_list(record, "goals", where)):
            at = f"{where}.goals[{m}]"
            g = read_object(goal, at)
            goal_id = read_int(g, "id", at)
            if goal_id in goal_plan:
                raise JsonImportError(f"{at}: the id appears twice")
            term = read_str(g, "term", at)
            if term not in tuple(Term):
                raise JsonImportError(f"{at}: 'term' must be long or short, not {shown(term)}")
            if term == Term.LONG:
                if has_long:
                    raise JsonImportError(f"{at}: a plan has one long-term goal")
                has_long = True
            text = read_str(g, "text", at)
            if not text.strip():
                raise JsonImportError(f"{at}: 'text' is empty")
            goal_plan[goal_id] = plan_id
            goals.append((goal_id, plan_id, term, text, read_int(g, "position", at)))
            goal_practices += [(goal_id, p) for p in _practices(g, "practices", at)]
        for m, item in enumerate(read_list(record, "items", where)):
            at = f"{where}.items[{m}]"
            i = read_object(item, at)
            item_id = read_int(i, "id", at)
            unique_id(item_ids, item_id, at)
            title = read_str(i, "title", at)
            if not title.strip():
                raise JsonImportError(f"{at}: 'title' is empty")
            kind = read_str(i, "type", at)
            if kind not in ACTIVITY_TYPES:
                raise JsonImportError(f"{at}: 'type' {shown(kind)} is not one of: {', '.join(ACTIVITY_TYPES)}")
            status = read_str(i, "status", at)
            if status not in tuple(ItemStatus):
                raise JsonImportError(f"{at}: 'status' must be planned, done or dropped, not {shown(status)}")
            start, end = read_date(i, "start_date", at), read_date(i, "end_date", at)
            if end is not None and (start is None or end < start):
                raise JsonImportError(f"{at}: 'end_date' needs a 'start_date' on or before it")
            item_goal = _optional_int(i, "goal_id", at)
            if item_goal is not None and goal_plan.get(item_goal) != plan_id:
                raise JsonImportError(f"{at}: 'goal_id' {item_goal} is not a goal of this plan")
            activity_id = _optional_int(i, "activity_id", at)
            if activity_id is not None and activity_id not in activity_ids:
                raise JsonImportError(f"{at}: 'activity_id' {activity_id} is not an activity in the file")
            uid = _optional_str(i, "ics_uid", at)
            if uid is not None:
                if uid in uids:
                    raise JsonImportError(f"{at}: 'ics_uid' {shown(uid)} appears twice")
                uids.add(uid)
            target = _optional_int(i, "carried_to_id", at)
            if target is not None:
                carried.append((item_id, target, at))
            items.append((  # in the order of _ITEM_FIELDS
                item_id, plan_id, title, read_str(i, "provider", at, default=""), kind, start, end,
                read_hours(i, "estimated_hours", at), item_goal, status, activity_id,
                read_str(i, "notes", at, default=""), uid, read_datetime(i, "created_at", at),
            ))
            item_practices += [(item_id, p) for p in _practices(i, "practices", at)]
    for _item, target, at in carried:
        if target not in item_ids:
            raise JsonImportError(f"{at}: 'carried_to_id' {target} is not a planned item in the file")
    insert_rows(Plan, (Plan.id, Plan.year, Plan.created_at), plans)
    insert_rows(PlanNeed, (PlanNeed.plan, PlanNeed.practice), needs)
    insert_rows(PlanGoal, (PlanGoal.id, PlanGoal.plan, PlanGoal.term, PlanGoal.text, PlanGoal.position), goals)
    insert_rows(PlanGoalPractice, (PlanGoalPractice.goal, PlanGoalPractice.practice), goal_practices)
    insert_rows(PlanItem, _ITEM_FIELDS, items)
    insert_rows(PlanItemPractice, (PlanItemPractice.item, PlanItemPractice.practice), item_practices)
    # Carried-over copies may come later in the file, so these links are set once every item exists.
    for item_id, target, _at in carried:
        PlanItem.update(carried_to=target).where(PlanItem.id == item_id).execute()


SECTIONS: tuple[Section, ...] = (
    Section("assessments", dump_assessments, load_assessments,
            has_records=lambda: Assessment.select().exists()),
    Section("plans", dump_plans, load_plans, has_records=lambda: Plan.select().exists()),
)
