"""Progress against a plan: planned against logged hours per goal, per practice of the plan, and in total.

Pure sums over a PlanData and the year's activities (models/plans.py reads the plan, models/rules.py splits and
totals the hours).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from wethrive_desktop.models.activities import load_activities
from wethrive_desktop.models.domain import REQUIRED_HOURS, Status
from wethrive_desktop.models.plans import GoalData, ItemStatus, PlanData
from wethrive_desktop.models.rules import HUNDREDTH, ZERO, hours_by_practice, hours_short, split_hours, total_hours


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
