"""Every tracked requirement's current period, loaded cheaply for the dashboard and the reminders (the first page
shown, and the notifications at start-up): only the columns counting needs, of the completed activities since the
earliest day any tracked requirement looks at (its period's start, or the previous period's for a carry-over).
With only ICMA's Tenet 8 tracked, that is this year's activities, which the dashboard has loaded already.

A requirement due some days after its period ends (`due_days`, and a grace period after that) is still owed for the
period just ended while the next one runs: that earlier period is kept for the reminders until its grace period
ends (without one, for LATE_DAYS after its due date), so "overdue" can be said at all.

The requirements page and `wethrive requirements` count from full records (models.requirements.standing); the
answer is the same.

Loaded before the first window, its records are NamedTuples rather than dataclasses: a frozen dataclass costs some
0.6 ms to define (its methods are compiled from source as the module loads).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import Status
from wethrive_desktop.models.requirements.counting import (
    CountedFacts,
    RequirementProgress,
    period_containing,
    previous_period,
    progress,
)
from wethrive_desktop.models.requirements.definitions import Requirement
from wethrive_desktop.models.requirements.store import load_requirements

HUNDREDTH = Decimal("0.01")
LATE_DAYS = 30  # how long an overdue period without a grace period is still reminded after its due date


class Counted(NamedTuple):
    """What counting needs of one activity (models.requirements.counting.CountedFacts)."""

    id: int
    start_date: date
    hours: Decimal
    status: str
    type: str
    title: str
    provider: str
    topics: tuple[str, ...]
    meets_conditions: bool | None
    delivery_hours: Decimal


def _first_day(requirement: Requirement, period_start: date) -> date:
    """The first day a period that starts on `period_start` counts activities from (its carry-over included)."""
    if requirement.carry_over is not None:
        period_start, _ = previous_period(requirement, period_start)
    return period_start


def still_owed(requirement: Requirement, on: date) -> tuple[date, date] | None:
    """The period before the one holding `on`, when it is due after it ends and its due date (and grace period, or
    LATE_DAYS without one) has not passed long ago on `on`; else None."""
    if not requirement.due_days and not requirement.grace_days:
        return None
    start, _ = period_containing(requirement, on)
    p_start, p_end = previous_period(requirement, start)
    due = p_end + timedelta(days=requirement.due_days)
    return (p_start, p_end) if on <= due + timedelta(days=requirement.grace_days or LATE_DAYS) else None


def earliest_day(requirement: Requirement, on: date) -> date:
    """The first day whose activities the requirement's current period (with its carry-over), and the period
    before it while still owed, look at."""
    owed = still_owed(requirement, on)
    start = owed[0] if owed is not None else period_containing(requirement, on)[0]
    return _first_day(requirement, start)


def load_counted(since: date) -> list[Counted]:
    """The completed activities started on or after `since`, with only what counting reads (one query)."""
    rows = database_proxy.execute_sql(
        "SELECT id, start_date, hours, status, type, title, provider, topics, meets_conditions, delivery_hours "
        "FROM activity WHERE status = ? AND start_date >= ?", [Status.COMPLETED.value, since.isoformat()])
    return [Counted(row_id, date.fromisoformat(str(start)), (Decimal(hours) / 100).quantize(HUNDREDTH), status,
                    type_, title, provider, tuple(topics.split(";")) if topics else (),
                    None if meets is None else bool(meets), (Decimal(delivery or 0) / 100).quantize(HUNDREDTH))
            for row_id, start, hours, status, type_, title, provider, topics, meets, delivery in rows]


class TrackedStanding(NamedTuple):
    current: list[RequirementProgress]  # every tracked requirement's current period, ICMA's Tenet 8 first
    owed: list[RequirementProgress]  # periods ended but still owed (their due date or grace period not long past)


def load_standing(on: date, this_year: Sequence[CountedFacts] | None = None) -> TrackedStanding:
    """Every tracked requirement's current period on `on` and the ended periods still owed. `this_year`: the
    activities of `on`'s year when the caller has them (all the completed ones at least: counting reads no other):
    used when no period looked at reaches outside that year."""
    requirements = load_requirements(on)
    owed = {r.key: period for r in requirements if (period := still_owed(r, on)) is not None}
    since = min(earliest_day(r, on) for r in requirements)
    until = max(period_containing(r, on)[1] for r in requirements)
    facts: Sequence[CountedFacts]
    if this_year is not None and date(on.year, 1, 1) <= since and until <= date(on.year, 12, 31):
        facts = this_year
    else:
        facts = load_counted(since)
    return TrackedStanding([progress(r, facts, on) for r in requirements],
                           [progress(r, facts, on, period_of=owed[r.key][1]) for r in requirements if r.key in owed])


def tracked_standing(on: date, this_year: Sequence[CountedFacts] | None = None) -> list[RequirementProgress]:
    """Every tracked requirement's current period on `on`, ICMA's Tenet 8 first (see load_standing)."""
    return load_standing(on, this_year).current
