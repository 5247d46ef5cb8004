"""How many of the hours logged count toward a requirement, and why the others do not (DOMAIN.md sections 7, 8).

On plain data, like models/rules.py: callers pass the activities in. For one period of one requirement:
- the completed activities started in the period are considered; with `topics`, only those tagged with one;
- an activity from a provider the requirement does not accept does not count;
- a mentoring or coaching given the member marked as not meeting ICMA's conditions does not count;
- each capped type counts up to its cap, earliest activities first;
- teaching counts its preparation hours (`hours`); its delivery hours are shown, never counted;
- with carry-over, the previous period's surplus (up to the limit) counts too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple, Protocol

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.domain import Status, type_label
from wethrive_desktop.models.mentoring import add_months
from wethrive_desktop.models.requirements.definitions import PeriodKind, Requirement
from wethrive_desktop.models.rules import HUNDREDTH, ZERO, LoggedHours, format_hours
from wethrive_desktop.models.topics import topic_label


class CountedFacts(LoggedHours, Protocol):
    """What counting needs of an activity (ActivityRecord has it)."""

    @property
    def id(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def provider(self) -> str: ...
    @property
    def topics(self) -> tuple[str, ...]: ...
    @property
    def meets_conditions(self) -> bool | None: ...
    @property
    def delivery_hours(self) -> Decimal: ...


# --- periods -----------------------------------------------------------------------------------------------------


def _years_later(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def period_containing(requirement: Requirement, on: date) -> tuple[date, date]:
    """The first and last day of the requirement's period that holds `on`."""
    period = requirement.period
    if period.kind == PeriodKind.CALENDAR:
        return date(on.year, 1, 1), date(on.year, 12, 31)
    if period.kind == PeriodKind.FISCAL:
        year = on.year if on.month >= period.start_month else on.year - 1
        start = date(year, period.start_month, 1)
        return start, _years_later(start, 1) - timedelta(days=1)
    anchor = period.start or date(on.year, 1, 1)
    # Whole periods between the anchor and `on`, forward or back; then step by one until `on` is inside.
    k = ((on.year - anchor.year) * 12 + on.month - anchor.month) // (12 * period.years)
    start = _years_later(anchor, k * period.years)
    while start > on:
        k -= 1
        start = _years_later(anchor, k * period.years)
    while _years_later(anchor, (k + 1) * period.years) <= on:
        k += 1
        start = _years_later(anchor, k * period.years)
    return start, _years_later(anchor, (k + 1) * period.years) - timedelta(days=1)


def previous_period(requirement: Requirement, start: date) -> tuple[date, date]:
    return period_containing(requirement, start - timedelta(days=1))


# --- counting ----------------------------------------------------------------------------------------------------


class ActivityCount(NamedTuple):
    """One activity's part in a requirement's period: its logged hours, the hours that count, and why not all.
    (A named tuple: a period of 10,000 activities makes 10,000 of them per count.)"""

    activity_id: int
    title: str
    start_date: date
    type: str
    logged: Decimal
    counted: Decimal
    reason: str = ""  # empty when every logged hour counts


class CapUse(NamedTuple):
    type: str
    cap: Decimal
    logged: Decimal
    counted: Decimal
    per: str = ""  # how long the requirement's period is: 'a year', 'every 2 years' (Requirement.per_period)

    def describe(self) -> str:
        """'Mentoring given: 26 h logged, 20 h count (at most 20 h a year)'."""
        return tr("{type}: {logged} h logged, {counted} h count (at most {cap} h {per})").format(
            type=tr(type_label(self.type)), logged=format_hours(self.logged), counted=format_hours(self.counted),
            cap=format_hours(self.cap), per=self.per or tr("a year"))


class TopicProgress(NamedTuple):
    topic: str
    required: Decimal
    counted: Decimal
    carried: Decimal = ZERO

    @property
    def met(self) -> bool:
        return self.counted + self.carried >= self.required


class RequirementProgress(NamedTuple):
    requirement: Requirement
    period_start: date
    period_end: date
    on: date
    logged: Decimal
    counted: Decimal  # carried-in hours included
    carried_in: Decimal
    activities: tuple[ActivityCount, ...]
    caps: tuple[CapUse, ...]
    topics: tuple[TopicProgress, ...]
    delivery_hours: Decimal = ZERO

    @property
    def required(self) -> Decimal:
        return self.requirement.hours

    @property
    def due(self) -> date:
        return self.period_end + timedelta(days=self.requirement.due_days)

    @property
    def grace_until(self) -> date | None:
        days = self.requirement.grace_days
        return self.due + timedelta(days=days) if days else None

    @property
    def remaining(self) -> Decimal:
        return max(self.required - self.counted, ZERO).quantize(HUNDREDTH)

    @property
    def met(self) -> bool:
        return self.counted >= self.required and all(t.met for t in self.topics)

    @property
    def status(self) -> str:
        """met, short (still time) or overdue (past the due date and not met)."""
        if self.met:
            return "met"
        return "overdue" if self.on > self.due else "short"

    @property
    def fraction(self) -> float:
        return min(float(self.counted / self.required), 1.0) if self.required else 1.0

    def explanations(self) -> list[str]:
        """Why counted differs from logged, one sentence each: the caps that cut, then the activities left out."""
        lines = [cap.describe() for cap in self.caps if cap.counted < cap.logged]
        lines += [tr("{title} ({hours} h): {reason}").format(title=a.title, hours=format_hours(a.logged),
                                                             reason=a.reason)
                  for a in self.activities if a.reason and not a.reason.startswith(_CAP_PREFIX)]
        if self.carried_in:
            lines.append(tr("{hours} h carried over from the previous period").format(
                hours=format_hours(self.carried_in)))
        if self.delivery_hours:
            lines.append(tr("Teaching: {hours} h of delivery shown, not counted (the preparation counts)").format(
                hours=format_hours(self.delivery_hours)))
        return lines

    def to_json(self) -> dict[str, object]:
        """The command line's record: key, name, period, required, logged, counted, remaining, due, status."""
        def num(d: Decimal) -> float:
            return float(round(d, 2))

        return {
            "key": self.requirement.key,
            "name": self.requirement.name,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "required": num(self.required),
            "logged": num(self.logged),
            "counted": num(self.counted),
            "remaining": num(self.remaining),
            "due": self.due.isoformat(),
            "status": self.status,
            "carried_in": num(self.carried_in),
            "grace_until": self.grace_until.isoformat() if self.grace_until else None,
            "caps": {c.type: {"cap": num(c.cap), "logged": num(c.logged), "counted": num(c.counted)}
                     for c in self.caps},
            "topics": {t.topic: {"required": num(t.required), "counted": num(t.counted + t.carried)}
                       for t in self.topics},
        }


_CAP_PREFIX = "\u2264"  # reasons about a cap start with it, so explanations() lists the cap once, not per activity


def provider_accepted(provider: str, accepted: Sequence[str]) -> bool:
    """Whether `provider` is one of `accepted` (as a whole word, any case): 'TML Annual Conference' is TML's."""
    if not accepted:
        return True
    return any(re.search(r"\b" + re.escape(a) + r"\b", provider, re.IGNORECASE) for a in accepted)


def _considered(requirement: Requirement, activities: Iterable[CountedFacts], start: date,
                end: date) -> list[CountedFacts]:
    wanted = set(requirement.topics)
    completed = Status.COMPLETED.value
    chosen = [a for a in activities if start <= a.start_date <= end and a.status == completed]
    if wanted:
        chosen = [a for a in chosen if wanted.intersection(a.topics)]
    chosen.sort(key=attrgetter("start_date", "id"))
    return chosen


def _count(requirement: Requirement, chosen: Sequence[CountedFacts]) -> tuple[list[ActivityCount], list[CapUse]]:
    used: dict[str, Decimal] = defaultdict(lambda: ZERO)
    logged_by_type: dict[str, Decimal] = defaultdict(lambda: ZERO)
    counts: list[ActivityCount] = []
    providers, conditions, capped = requirement.providers, requirement.conditions, requirement.caps
    for a in chosen:
        hours, type_ = a.hours, a.type
        if not providers and type_ not in conditions and type_ not in capped:  # the common case: it all counts
            counts.append(ActivityCount(a.id, a.title, a.start_date, type_, hours, hours))
            continue
        counted, reason = hours, ""
        if not provider_accepted(a.provider, requirement.providers):
            counted = ZERO
            if a.provider:
                reason = tr("from {provider}: only activities from {accepted} count").format(
                    provider=a.provider, accepted=", ".join(requirement.providers))
            else:
                reason = tr("no provider given: only activities from {accepted} count").format(
                    accepted=", ".join(requirement.providers))
        elif a.type in requirement.conditions and a.meets_conditions is False:
            counted = ZERO
            reason = tr("marked as not meeting ICMA's conditions for {type}").format(type=tr(type_label(a.type)))
        elif a.type in requirement.caps:
            logged_by_type[a.type] += hours
            room = max(requirement.caps[a.type] - used[a.type], ZERO)
            if hours > room:
                counted = room
                reason = _CAP_PREFIX + " " + tr("{type} counts at most {cap} h {per}").format(
                    type=tr(type_label(a.type)), cap=format_hours(requirement.caps[a.type]),
                    per=requirement.per_period())
            used[a.type] += counted
        counts.append(ActivityCount(a.id, a.title, a.start_date, a.type, hours, counted, reason))
    per = requirement.per_period()
    caps = [CapUse(t, cap, logged_by_type[t].quantize(HUNDREDTH), used[t].quantize(HUNDREDTH), per)
            for t, cap in requirement.caps.items() if logged_by_type[t]]
    return counts, caps


def _topic_hours(counts: Sequence[ActivityCount], facts: Mapping[int, CountedFacts],
                 topics: Iterable[str]) -> dict[str, Decimal]:
    found = {t: ZERO for t in topics}
    if not found:
        return found
    for c in counts:
        for t in facts[c.activity_id].topics:
            if t in found:
                found[t] += c.counted
    return found


def _bare(requirement: Requirement, activities: Sequence[CountedFacts], start: date, end: date
          ) -> tuple[list[ActivityCount], list[CapUse], Decimal, dict[str, Decimal], dict[int, CountedFacts]]:
    """A period counted on its own (no carry-over): counts, caps, counted total, counted hours per minimum topic."""
    chosen = _considered(requirement, activities, start, end)
    counts, caps = _count(requirement, chosen)
    total = sum((c.counted for c in counts), ZERO).quantize(HUNDREDTH)
    facts = {a.id: a for a in chosen}
    by_topic = _topic_hours(counts, facts, requirement.topic_minimums)
    return counts, caps, total, by_topic, facts


def progress(requirement: Requirement, activities: Sequence[CountedFacts], on: date,
             period_of: date | None = None) -> RequirementProgress:
    """The requirement's standing on `on`, for the period that holds `period_of` (default: `on`)."""
    start, end = period_containing(requirement, period_of or on)
    counts, caps, counted, by_topic, facts = _bare(requirement, activities, start, end)
    carried = ZERO
    carried_topics = {t: ZERO for t in requirement.topic_minimums}
    if requirement.carry_over is not None:
        p_start, p_end = previous_period(requirement, start)
        _, _, p_counted, p_topics, _ = _bare(requirement, activities, p_start, p_end)
        carried = min(max(p_counted - requirement.hours, ZERO), requirement.carry_over.max_hours)
        for t, minimum in requirement.topic_minimums.items():
            if t not in requirement.carry_over.general_only:
                carried_topics[t] = min(max(p_topics[t] - minimum, ZERO), carried)
    topics = tuple(TopicProgress(t, minimum, by_topic[t].quantize(HUNDREDTH), carried_topics[t].quantize(HUNDREDTH))
                   for t, minimum in requirement.topic_minimums.items())
    delivery = sum((facts[c.activity_id].delivery_hours for c in counts if c.type == "teaching"), ZERO)
    logged = sum((c.logged for c in counts), ZERO).quantize(HUNDREDTH)
    return RequirementProgress(
        requirement=requirement, period_start=start, period_end=end, on=on, logged=logged,
        counted=(counted + carried).quantize(HUNDREDTH), carried_in=carried.quantize(HUNDREDTH),
        activities=tuple(counts), caps=tuple(caps), topics=topics, delivery_hours=delivery.quantize(HUNDREDTH),
    )


def topic_shortfalls(result: RequirementProgress) -> list[str]:
    """'Ethics: 0.5 of 1 h', for each topic minimum not yet met."""
    return [tr("{topic}: {counted} of {required} h").format(topic=topic_label(t.topic),
                                                            counted=format_hours(t.counted + t.carried),
                                                            required=format_hours(t.required))
            for t in result.topics if not t.met]
