"""Domain rules on plain data: yearly totals, the practice split, progress toward 40 hours, challenge points.

Nothing here touches the database; callers load the facts and pass them in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple, Protocol

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.domain import PRACTICES, REQUIRED_HOURS, SIGNUP_KEY, Status

HUNDREDTH = Decimal("0.01")
ZERO = Decimal("0.00")


class LoggedHours(Protocol):
    """An activity's hours as logged: when it started, how long, and whether it is completed."""

    @property
    def start_date(self) -> date: ...
    @property
    def hours(self) -> Decimal: ...
    @property
    def status(self) -> str: ...


class ActivityFacts(LoggedHours, Protocol):
    """What the rules need of an activity (ActivityData has it)."""

    @property
    def practices(self) -> tuple[int, ...]: ...
    @property
    def challenge_key(self) -> str | None: ...


def counts_in_year(activity: ActivityFacts, year: int | None) -> bool:
    """An activity counts in the year of its start date, and only once completed; `year` None: in any year."""
    return activity.status == Status.COMPLETED and (year is None or activity.start_date.year == year)


def commitment_met(hours: Decimal, required: Decimal = REQUIRED_HOURS) -> bool:
    """The 40-hour commitment is met at exactly 40 hours (the app's one test of it)."""
    return hours >= required


def hours_short(hours: Decimal, required: Decimal = REQUIRED_HOURS) -> Decimal:
    """Hours still needed to meet the commitment (0 once met), in hundredths."""
    return ZERO if commitment_met(hours, required) else (required - hours).quantize(HUNDREDTH)


def total_hours(activities: Iterable[ActivityFacts], year: int) -> Decimal:
    return sum((a.hours for a in activities if counts_in_year(a, year)), ZERO).quantize(HUNDREDTH)


def split_hours(hours: Decimal, practices: Iterable[int]) -> dict[int, Decimal]:
    """Split hours equally over the practices, in whole hundredths, so the parts sum exactly to the whole.

    The hundredths left over go one each to the lowest-numbered practices.
    """
    return {n: Decimal(part) / 100 for n, part in split_cents(hours, practices)}


def split_cents(hours: Decimal, practices: Iterable[int]) -> list[tuple[int, int]]:
    """split_hours in whole hundredths: (practice, hundredths) in practice order. In integers, as hours_by_practice
    sums them: a year of thousands of activities splits in a few milliseconds, not a dozen."""
    numbers = sorted(set(practices))
    if not numbers:
        return []
    cents = int((Decimal(hours) * 100).to_integral_value())
    share, rest = divmod(cents, len(numbers))
    return [(n, share + 1 if i < rest else share) for i, n in enumerate(numbers)]


def past_due(due: date, on: date) -> bool:
    """Something due by `due` (the 360 assessment) is still on time on that day, and overdue from the day after."""
    return due < on


class PracticeHours(NamedTuple):
    by_practice: dict[int, Decimal]
    untagged: Decimal

    @property
    def total(self) -> Decimal:
        return sum(self.by_practice.values(), self.untagged)


def hours_by_practice(activities: Iterable[ActivityFacts], year: int | None) -> PracticeHours:
    """Hours per practice (all 14, zeros included) for a year, or for every year when `year` is None."""
    cents = dict.fromkeys(PRACTICES, 0)  # split_cents's parts: summed as integers
    untagged = ZERO
    # An amount and its practices repeat over many activities (1.5 h for practice 3): each split is worked out once.
    splits: dict[tuple[Decimal, tuple[int, ...]], list[tuple[int, int]]] = {}
    for a in activities:
        if not counts_in_year(a, year):
            continue
        if not a.practices:
            untagged += a.hours
            continue
        key = (a.hours, a.practices)
        split = splits.get(key)
        if split is None:
            split = splits[key] = split_cents(a.hours, a.practices)
        for n, part_cents in split:
            cents[n] += part_cents
    return PracticeHours({n: (Decimal(c) / 100).quantize(HUNDREDTH) for n, c in cents.items()},
                         untagged.quantize(HUNDREDTH))


class Progress(NamedTuple):
    total: Decimal
    required: Decimal = REQUIRED_HOURS

    @property
    def remaining(self) -> Decimal:
        return hours_short(self.total, self.required)

    @property
    def met(self) -> bool:
        return commitment_met(self.total, self.required)

    @property
    def fraction(self) -> float:
        return min(float(self.total / self.required), 1.0) if self.required else 1.0

    @property
    def status(self) -> str:
        return "met" if self.met else "short"

    def describe(self) -> str:
        if self.met:
            return tr("{hours} h: commitment met").format(hours=format_hours(self.total))
        return tr("{hours} of {required} h").format(hours=format_hours(self.total),
                                                    required=format_hours(self.required))


def format_hours(hours: Decimal) -> str:
    """31.5, 77.25, 40: no trailing zeros, never scientific notation."""
    text = f"{Decimal(hours).quantize(HUNDREDTH):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class Catalogues(NamedTuple):
    """Challenge catalogues by year: {year: {key: points}}."""

    by_year: Mapping[int, Mapping[str, int]] = MappingProxyType({})  # none (read-only: the default is shared)

    def year_for(self, year: int) -> int | None:
        """The year of the catalogue that applies to activities of `year`: its own, or the newest earlier one;
        None when there is none (the app's one lookup of it)."""
        return max((y for y in self.by_year if y <= year), default=None)

    def for_year(self, year: int) -> Mapping[str, int]:
        """The catalogue of that year, or the newest earlier one; empty when there is none."""
        found = self.year_for(year)
        return self.by_year[found] if found is not None else {}


def challenge_points(
    activities: Iterable[ActivityFacts], catalogues: Catalogues, year: int, signed_up: bool
) -> int:
    catalogue = catalogues.for_year(year)
    points = sum(
        catalogue.get(a.challenge_key, 0) for a in activities if a.challenge_key and counts_in_year(a, year)
    )
    if signed_up:
        points += catalogue.get(SIGNUP_KEY, 0)
    return points
