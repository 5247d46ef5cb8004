"""Requirements as data (DOMAIN.md section 8): what one requirement asks, read from and written to JSON, and the
built-in templates. Nothing here touches the database or Qt.

A definition is a JSON object:

    {"key": "fccma-ethics", "name": "FCCMA (Florida) ethics", "template": "fccma-ethics", "hours": 4,
     "period": {"kind": "fiscal", "start_month": 10},      # or {"kind": "calendar"},
                                                           # or {"kind": "years", "years": 2, "start": "2025-01-01"}
     "topics": ["ethics"],              # only activities tagged with one of these count (empty: any activity)
     "topic_minimums": {"ethics": 1},   # hours of a topic the total must include
     "caps": {"mentoring": 20},         # the most an activity type counts in one period
     "conditions": ["mentoring"],       # types that count only when they meet ICMA's conditions
     "providers": ["TCMA", "TML"],      # only activities from these providers count (empty: any provider)
     "carry_over": {"max_hours": 16, "general_only": ["ethics"]},   # or null
     "due_days": 0, "grace_days": 0,    # due this many days after the period ends; a grace period after that
     "notes": "..."}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, NamedTuple

from wethrive_desktop.i18n import format_date, noop, tr, trn
from wethrive_desktop.models.domain import ACTIVITY_TYPES, MAX_YEAR, MIN_YEAR, REQUIRED_HOURS, valid_year
from wethrive_desktop.models.topics import clean_topics, normalize_topic, topic_problem

ALWAYS_ON = "icma-tenet-8"
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
MAX_HOURS = Decimal(1000)
MAX_YEARS = 10
MAX_DAYS = 3660


class RequirementError(ValueError):
    """A definition that cannot be used, with a message for the member."""


class PeriodKind(StrEnum):
    CALENDAR = "calendar"
    FISCAL = "fiscal"
    YEARS = "years"


class Period(NamedTuple):
    """How a requirement's periods run: calendar years; years starting on the first of `start_month`; or `years`
    years at a time counted from `start`."""

    kind: PeriodKind = PeriodKind.CALENDAR
    start_month: int = 1
    years: int = 1
    start: date | None = None

    def describe(self) -> str:
        if self.kind == PeriodKind.CALENDAR:
            return tr("each calendar year")
        if self.kind == PeriodKind.FISCAL:
            return tr("each year from the first of {month}").format(month=month_name(self.start_month))
        start = format_date(self.start) if self.start else "?"
        return trn("each year from {start}", "every %n years from {start}", self.years).format(start=start)


class CarryOver(NamedTuple):
    """Up to `max_hours` of a period's surplus count in the next one; the surplus of the topics in `general_only`
    carries as general hours only (toward the total, not toward that topic's minimum)."""

    max_hours: Decimal
    general_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class Requirement:
    key: str
    name: str
    hours: Decimal
    period: Period = field(default_factory=Period)
    template: str = ""
    topics: tuple[str, ...] = ()
    topic_minimums: Mapping[str, Decimal] = field(default_factory=dict)
    caps: Mapping[str, Decimal] = field(default_factory=dict)
    conditions: tuple[str, ...] = ()
    providers: tuple[str, ...] = ()
    carry_over: CarryOver | None = None
    due_days: int = 0
    grace_days: int = 0
    notes: str = ""

    @property
    def always_on(self) -> bool:
        return self.key == ALWAYS_ON

    def per_period(self) -> str:
        """How long one period is, said after an amount: 'a year' (calendar, fiscal or one-year periods), or
        'every 2 years'."""
        if self.period.kind != PeriodKind.YEARS or self.period.years == 1:
            return tr("a year")
        return trn("every year", "every %n years", self.period.years)

    def to_json(self) -> dict[str, Any]:
        period: dict[str, Any] = {"kind": self.period.kind.value}
        if self.period.kind == PeriodKind.FISCAL:
            period["start_month"] = self.period.start_month
        if self.period.kind == PeriodKind.YEARS:
            period["years"] = self.period.years
            period["start"] = self.period.start.isoformat() if self.period.start else None
        return {
            "key": self.key,
            "name": self.name,
            "template": self.template,
            "hours": _number(self.hours),
            "period": period,
            "topics": list(self.topics),
            "topic_minimums": {t: _number(h) for t, h in self.topic_minimums.items()},
            "caps": {t: _number(h) for t, h in self.caps.items()},
            "conditions": list(self.conditions),
            "providers": list(self.providers),
            "carry_over": None if self.carry_over is None else {
                "max_hours": _number(self.carry_over.max_hours),
                "general_only": list(self.carry_over.general_only)},
            "due_days": self.due_days,
            "grace_days": self.grace_days,
            "notes": self.notes,
        }


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


_MONTHS = (noop("January"), noop("February"), noop("March"), noop("April"), noop("May"), noop("June"),
           noop("July"), noop("August"), noop("September"), noop("October"), noop("November"), noop("December"))


def month_name(month: int) -> str:
    return tr(_MONTHS[month - 1])


# --- reading a definition ------------------------------------------------------------------------------------


def _hours(value: object, what: str, *, allow_zero: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RequirementError(tr("{what} must be a number of hours").format(what=what))
    try:
        hours = Decimal(str(value))
    except InvalidOperation:
        raise RequirementError(tr("{what} must be a number of hours, not '{value}'").format(
            what=what, value=value)) from None
    if not hours.is_finite() or hours < 0 or (hours == 0 and not allow_zero) or hours > MAX_HOURS:
        if allow_zero:
            message = tr("{what} must be from 0 to {high} hours, not {value}")
        else:
            message = tr("{what} must be more than 0 and at most {high} hours, not {value}")
        raise RequirementError(message.format(what=what, high=MAX_HOURS, value=value))
    if hours != hours.quantize(Decimal("0.01")):
        raise RequirementError(tr("{what}: use at most two decimals").format(what=what))
    return hours.quantize(Decimal("0.01"))


def _whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RequirementError(tr("{what} must be a whole number from {low} to {high}").format(
            what=what, low=low, high=high))
    return value


def _texts(value: object, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RequirementError(tr("{what} must be a list of texts").format(what=what))
    return tuple(v.strip() for v in value if v.strip())


def _topics(value: object, what: str) -> tuple[str, ...]:
    topics = clean_topics(_texts(value, what))
    for t in topics:
        problem = topic_problem(t)
        if problem:
            raise RequirementError(f"{what}: {problem}")
    return topics


def _hours_by(value: object, what: str, keys_are_types: bool) -> dict[str, Decimal]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RequirementError(tr("{what} must map names to hours").format(what=what))
    found: dict[str, Decimal] = {}
    for name, hours in value.items():
        key = str(name).strip().lower() if keys_are_types else normalize_topic(str(name))
        if keys_are_types and key not in ACTIVITY_TYPES:
            raise RequirementError(tr("{what}: '{name}' is not an activity type ({choices})").format(
                what=what, name=name, choices=", ".join(ACTIVITY_TYPES)))
        found[key] = _hours(hours, f"{what} ({key})")
    return found


def _period(value: object) -> Period:
    if value is None:
        return Period()
    if not isinstance(value, dict):
        raise RequirementError(tr("period must be an object such as {example}").format(example='{"kind": "calendar"}'))
    kind = value.get("kind", "calendar")
    if not isinstance(kind, str) or kind not in {k.value for k in PeriodKind}:
        raise RequirementError(tr("period kind must be calendar, fiscal or years, not '{kind}'").format(kind=kind))
    if kind == PeriodKind.CALENDAR:
        return Period()
    if kind == PeriodKind.FISCAL:
        return Period(PeriodKind.FISCAL, start_month=_whole(value.get("start_month"), tr("period start month"), 1, 12))
    years = _whole(value.get("years", 1), tr("period years"), 1, MAX_YEARS)
    start_text = value.get("start")
    try:
        start = date.fromisoformat(str(start_text))
    except ValueError:
        raise RequirementError(tr("period start must be a date (YYYY-MM-DD), not '{value}'").format(
            value=start_text)) from None
    if not valid_year(start.year):
        raise RequirementError(tr("period start must be between {first} and {last}").format(
            first=MIN_YEAR, last=MAX_YEAR))
    return Period(PeriodKind.YEARS, years=years, start=start)


def from_json(value: object) -> Requirement:
    """A requirement read from its JSON definition; RequirementError says what is wrong. A definition edited by
    hand into shapes no check foresaw (a list where a text belongs) is refused the same way, never raised as a
    crash."""
    try:
        return _from_json(value)
    except RequirementError:
        raise
    except (TypeError, AttributeError, ValueError, KeyError) as error:
        raise RequirementError(tr("the definition cannot be read ({error})").format(error=error)) from None


def _from_json(value: object) -> Requirement:
    if not isinstance(value, dict):
        raise RequirementError(tr("a requirement must be a JSON object"))
    key = str(value.get("key", "")).strip()
    if not KEY_PATTERN.match(key):
        raise RequirementError(tr("key '{key}' must be 1 to 60 lower-case letters, digits and dashes").format(key=key))
    name = str(value.get("name", "")).strip()
    if not name:
        raise RequirementError(tr("requirement '{key}' needs a name").format(key=key))
    carry = value.get("carry_over")
    carry_over = None
    if carry is not None:
        if not isinstance(carry, dict):
            raise RequirementError(tr("carry_over must be an object or null"))
        carry_over = CarryOver(_hours(carry.get("max_hours"), tr("carry-over hours")),
                               _topics(carry.get("general_only"), tr("carry-over topics")))
    conditions = tuple(t.lower() for t in _texts(value.get("conditions"), tr("conditions")))
    for t in conditions:
        if t not in ACTIVITY_TYPES:
            raise RequirementError(tr("conditions: '{name}' is not an activity type").format(name=t))
    return Requirement(
        key=key,
        name=name[:200],
        hours=_hours(value.get("hours"), tr("required hours")),
        period=_period(value.get("period")),
        template=str(value.get("template") or ""),
        topics=_topics(value.get("topics"), tr("topics")),
        topic_minimums=_hours_by(value.get("topic_minimums"), tr("topic minimums"), keys_are_types=False),
        caps=_hours_by(value.get("caps"), tr("caps"), keys_are_types=True),
        conditions=conditions,
        providers=_texts(value.get("providers"), tr("providers")),
        carry_over=carry_over,
        due_days=_whole(value.get("due_days", 0), tr("due days"), 0, MAX_DAYS),
        grace_days=_whole(value.get("grace_days", 0), tr("grace days"), 0, MAX_DAYS),
        notes=str(value.get("notes") or "")[:2000],
    )


# --- the built-in templates (DOMAIN.md sections 1, 7 and 8; editable and copyable once added) ------------------

def _templates(this_year: int) -> dict[str, dict[str, Any]]:
    two_years = {"kind": "years", "years": 2, "start": f"{this_year}-01-01"}
    return {
        ALWAYS_ON: {
            "key": ALWAYS_ON, "name": "ICMA Code of Ethics, Tenet 8", "hours": int(REQUIRED_HOURS),
            "period": {"kind": "calendar"}, "caps": {"mentoring": 20, "coaching-given": 20},
            "conditions": ["mentoring", "coaching-given"],
            "notes": "40 hours of professional development a calendar year. Mentoring given and coaching given in "
                     "the ICMA Coaching Program count for at most 20 hours each, and only when ICMA's conditions "
                     "hold; for teaching, the hours spent preparing count.",
        },
        "fccma-ethics": {
            "key": "fccma-ethics", "name": "FCCMA (Florida) ethics", "hours": 4,
            "period": {"kind": "fiscal", "start_month": 10}, "topics": ["ethics"],
            "notes": "4 hours of ethics training each FCCMA year, October 1 to September 30. Any ethics training "
                     "counts (city, county, ICMA). Attested with dues; a grace period, then suspension.",
        },
        "tcma-ethics": {
            "key": "tcma-ethics", "name": "TCMA (Texas) ethics", "hours": 2, "period": two_years,
            "topics": ["ethics"], "providers": ["TCMA", "TML", "ICMA"],
            "notes": "2 hours of ethics every 2 years, only from TCMA, TML or ICMA sessions or TCMA's online course. "
                     "Attested with dues by December 31. Set the period's start to your own cycle.",
        },
        "ca-ab1234": {
            "key": "ca-ab1234", "name": "California AB 1234 ethics", "hours": 2, "period": two_years,
            "topics": ["ethics"],
            "notes": "2 hours of ethics training every 2 years for local officials and designated staff. Keep the "
                     "signed certificate (attach it to the activity). Set the period's start to your own cycle.",
        },
        "aicp-cm": {
            "key": "aicp-cm", "name": "AICP Certification Maintenance", "hours": 32, "period": two_years,
            "topic_minimums": {"ethics": 1, "law": 1, "equity": 1, "sustainability and resilience": 1},
            "carry_over": {"max_hours": 16, "general_only": ["ethics", "law"]},
            "notes": "32 credits every 2 years, including 1 each of ethics, law, equity, and sustainability and "
                     "resilience. Up to 16 general credits carry over; surplus ethics and law credits carry only as "
                     "general credits. Set the period's start to your own reporting period.",
        },
    }


TEMPLATE_KEYS: tuple[str, ...] = (ALWAYS_ON, "fccma-ethics", "tcma-ethics", "ca-ab1234", "aicp-cm")


def template(key: str, today: date) -> Requirement:
    """A built-in template as a requirement; a two-year period starts on January 1 of `today`'s year."""
    found = _templates(today.year).get(key)
    if found is None:
        raise RequirementError(tr("'{key}' is not a template; the templates are: {keys}").format(
            key=key, keys=", ".join(TEMPLATE_KEYS)))
    return from_json({**found, "template": key})
