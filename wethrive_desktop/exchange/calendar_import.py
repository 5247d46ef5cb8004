"""Conference and webinar registrations from iCalendar (.ics) files, turned into planned items.

Each VEVENT becomes a planned item in the plan of its year: the title from SUMMARY, the dates from DTSTART/DTEND,
the provider and notes from DESCRIPTION (an "Organizer:"-style line, else the ORGANIZER's name), and an hours
estimate from the duration: a timed event counts its length, at most 8 h on any one day; an all-day event counts
6 h a day. The estimate is only a starting point; the member edits it in the planner.

A repeating event (RRULE, RDATE, EXDATE, and RECURRENCE-ID overrides of single occurrences, worked out by the
recurring-ical-events library) becomes one planned item per occurrence, each in the plan of its own year, each dated
and estimated as above. An override gives its occurrence its own date, title and length; a cancelled override leaves
that date out. A rule without COUNT or UNTIL is followed through 31 December of the later of this year (clock.today())
and the year of its first occurrence; one event gives at most REPEAT_LIMIT occurrences; occurrences outside the plan
years (MIN_YEAR to MAX_YEAR) are left out. A note says so each time.

Dates: an event written with a TZID keeps the wall-clock dates of its own time zone (where the event happens);
an event in UTC ("Z") is moved to the member's local time zone first (that is when they attend it online);
a floating time is taken as it is.

The whole file is read and checked before anything is written: a broken file changes nothing. An event already
imported is not added twice. Its planned item keeps where it came from in `ics_uid`: a single event's UID as it is;
for an occurrence of a repeating event, the UID, "#" and the date the rule gives that occurrence (its RECURRENCE-ID,
in the zone the event is written in): "UID#2026-03-05". That date stays the same when the organizer moves the one
occurrence, so an updated invitation adds only occurrences not stored yet. A second occurrence of one event on the
same date adds its time ("UID#2026-03-05T14:00"). Items stored by earlier versions of this import are recognised
too: a repeating event's first date under its plain UID, a lone override under "UID@" and its RECURRENCE-ID.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import icalendar
import icalendar.parser
import recurring_ical_events
from icalendar.error import GloballyUniqueTZIDGuessed

from wethrive_desktop.files import InputFileError, read_input_file
from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ROWS_PER_STATEMENT
from wethrive_desktop.models.backups import backup_before
from wethrive_desktop.models.db import StoreError, database_proxy
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, valid_year
from wethrive_desktop.models.plans import PlanItemData, check_item, insert_items, new_item, normalized_item, plan_id_of
from wethrive_desktop.models.tables import PlanItem
from wethrive_desktop.models.validation import MAX_TITLE_LENGTH, ValidationError

TIMED_CAP_PER_DAY = Decimal(8)
ALL_DAY_HOURS = Decimal(6)
QUARTER = Decimal("0.25")
MAX_FILE_BYTES = 20 * 1024 * 1024
UNTITLED = "Untitled calendar event"
# Components nest a few deep (VCALENDAR > VEVENT > VALARM, VTIMEZONE > STANDARD); far deeper is not a calendar.
MAX_NESTING = 16
# How much of a broken line or value an error message shows.
SHOWN_CHARS = 60
# Occurrences of one repeating event at most: a rule gone wrong (every day for a century) plans nothing absurd.
REPEAT_LIMIT = 400
# How long a repeating event (each occurrence) may last.
REPEATING_LENGTH_LIMIT = timedelta(days=366)
# The numbers a part of an RRULE may have (RFC 5545, 3.3.10): (lowest, highest, whether counting back (-1 the last)
# is allowed too).
RULE_PART_RANGES: dict[str, tuple[int, int, bool]] = {
    "COUNT": (1, 10**9, False), "INTERVAL": (1, 10**9, False), "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False), "BYHOUR": (0, 23, False), "BYMONTHDAY": (1, 31, True), "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True), "BYMONTH": (1, 12, False), "BYSETPOS": (1, 366, True),
}
# Between the UID and the occurrence's date in an occurrence's ics_uid.
OCCURRENCE_MARK = "#"
# Occurrences are looked for from here on at the earliest: nothing before the plan years can be planned (and the
# library steps back from where it starts by the event's length, which must not run off the calendar).
EARLIEST_LOOKUP = date(MIN_YEAR - 1, 1, 1)
# The spans of time the occurrences are looked up in: from an hour, wider while a look finds fewer than LOOKUP_FEW,
# narrower while it finds more than LOOKUP_MANY.
LOOKUP_FEW, LOOKUP_MANY = 50, 200
LOOKUP_NARROWEST, LOOKUP_WIDEST = timedelta(minutes=1), timedelta(days=3660)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every control character but tab and newline
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")

# Labelled lines in a DESCRIPTION that name the provider.
PROVIDER_LINE = re.compile(
    r"^\s*(?:provider|organi[sz]er|organi[sz]ed by|hosted by|host|presented by|sponsor)\s*[:\-]\s*(?P<name>.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)

# The first matching keyword (in SUMMARY, then CATEGORIES) picks the activity type.
TYPE_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("webinar", ("webinar", "web seminar", "webcast")),
    ("leadership institute", ("leadership institute", "eldp", "mcmi", "leadership icma", "gettysburg",
                              "williamsburg", "sei ")),
    ("certificate program", ("certificate", "local government 101", "local government 201")),
    ("conference", ("conference", "summit", "convention", "annual meeting")),
    ("workshop", ("workshop", "seminar", "training", "bootcamp", "boot camp")),
    ("e-course", ("e-course", "ecourse", "online course")),
    ("academic course", ("university", "college", "semester")),
    # Received is said outright ("my mentor", "coached by"); a mentor or coach otherwise is the member, giving it
    # ("Mentoring session with Jo", "ICMA Coaching Program session"); bare "coaching" reads as received.
    ("coaching", ("coached by", "mentored by", "my mentor", "my coach", "coaching received", "mentoring received",
                  "executive coaching")),
    ("coaching-given", ("coaching program", "coaching given", "as coach")),
    ("mentoring", ("mentoring", "mentor", "mentee", "mentorship")),
    ("coaching", ("coaching", "coached")),
    ("exchange", ("exchange", "site visit", "study tour")),
    ("teaching", ("presenting", "presentation", "keynote", "teaching", "panelist")),
    ("reading", ("book club", "reading")),
]


class CalendarError(StoreError):
    """The file cannot be imported; nothing was changed. The message is one line of plain text."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(str(message)))


def one_line(text: str) -> str:
    """`text` for a one-line message: control characters (NUL, newlines, escapes) become one space, and a byte of a
    file name that is not UTF-8 (a lone surrogate) is written as its escape, so the message can be printed and
    logged."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _LINE_BREAKS.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """Text from the file as stored: control characters other than tab and newline become a space."""
    return _CONTROL.sub(" ", text)


def _shown(text: object) -> str:
    """A library's message or a bad value, cut short if long, for an error message."""
    shown = one_line(str(text))
    return shown if len(shown) <= SHOWN_CHARS else shown[:SHOWN_CHARS - 3] + "..."


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    start_date: date
    end_date: date | None
    hours: Decimal
    all_day: bool
    provider: str = ""
    notes: str = ""
    type: str = "other"
    # An occurrence of a repeating event: that event's UID ("" for a single event).
    series: str = ""
    # Other ics_uids the event may be stored under (by an earlier version of this import).
    aliases: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        return self.start_date.year

    @property
    def uids(self) -> tuple[str, ...]:
        """Every ics_uid that means this event is already imported."""
        return (self.uid, *self.aliases)

    def to_item(self) -> PlanItemData:
        return new_item(self.title, provider=self.provider, type=self.type, start_date=self.start_date,
                        end_date=self.end_date, estimated_hours=self.hours, notes=self.notes, ics_uid=self.uid)


@dataclass(frozen=True)
class ParsedCalendar:
    events: tuple[CalendarEvent, ...]
    warnings: tuple[str, ...] = ()


@dataclass
class ImportResult:
    added: list[tuple[int, int]] = field(default_factory=list)  # (year, item id)
    already_imported: list[CalendarEvent] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    repeated: int = 0  # how many of the added items are occurrences of repeating events

    @property
    def years(self) -> list[int]:
        return sorted({y for y, _ in self.added})

    def describe(self) -> str:
        added = len(self.added)
        if self.added:
            per_year = ", ".join(tr("{year}: {count}").format(year=y, count=sum(1 for yy, _ in self.added if yy == y))
                                 for y in self.years)
            if self.repeated == added == 1:
                text = tr("Added 1 planned item ({per_year}), a date of a repeating event")
            elif self.repeated == added:
                text = trn("Added %n planned item ({per_year}), all dates of repeating events",
                           "Added %n planned items ({per_year}), all dates of repeating events", added)
            elif self.repeated == 1:  # so at least two were added
                text = trn("Added %n planned item ({per_year}), 1 of them date of repeating events",
                           "Added %n planned items ({per_year}), 1 of them date of repeating events", added)
            elif self.repeated:
                text = trn("Added %n planned item ({per_year}), {repeated} of them dates of repeating events",
                           "Added %n planned items ({per_year}), {repeated} of them dates of repeating events", added)
            else:
                text = trn("Added %n planned item ({per_year})", "Added %n planned items ({per_year})", added)
            text = text.format(per_year=per_year, repeated=self.repeated)
        else:
            text = tr("No new events")
        if self.already_imported:
            skipped = len(self.already_imported)
            return tr("{added}; {skipped}.").format(
                added=text, skipped=trn("%n already imported, skipped", "%n already imported, skipped", skipped))
        return tr("{added}.").format(added=text)


# --- hours -------------------------------------------------------------------------------------------------


def round_quarter(hours: Decimal) -> Decimal:
    return ((hours / QUARTER).to_integral_value(rounding=ROUND_HALF_UP) * QUARTER).quantize(Decimal("0.01"))


def _real_seconds(a: datetime, b: datetime) -> float:
    """b - a in elapsed seconds (aware datetimes in one zone subtract by wall clock in Python, so go via UTC)."""
    if a.tzinfo is not None and b.tzinfo is not None:
        return (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds()
    return (b - a).total_seconds()


def _day_start(d: date, tz: tzinfo | None) -> datetime:
    return datetime.combine(d, time(0), tzinfo=tz)


def timed_hours(start: datetime, end: datetime, cap: Decimal = TIMED_CAP_PER_DAY) -> Decimal:
    """The event's length, each calendar day (in the start's zone) counted at most `cap` hours, to a quarter hour."""
    if _real_seconds(start, end) <= 0:
        return Decimal("0.00")
    if start.tzinfo is not None and end.tzinfo is not None:
        end = end.astimezone(start.tzinfo)
    total = Decimal(0)
    day = start.date()
    while day <= end.date():
        lo = max(start, _day_start(day, start.tzinfo))
        hi = min(end, _day_start(day + timedelta(days=1), start.tzinfo))
        seconds = _real_seconds(lo, hi)
        if seconds > 0:
            total += min(Decimal(str(seconds)) / 3600, cap)
        day += timedelta(days=1)
    return round_quarter(total)


def all_day_hours(days: int) -> Decimal:
    return (ALL_DAY_HOURS * max(days, 1)).quantize(Decimal("0.01"))


# --- reading the file --------------------------------------------------------------------------------------


def local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    if not isinstance(value, str):  # e.g. SUMMARY;VALUE=DATE:20260101 is read as a date: take the text as written
        try:
            raw = value.to_ical()
        except Exception:  # not a property value of the library's: its text
            raw = str(value)
        value = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return clean_text(value.replace("\r\n", "\n")).strip()


def _provider(description: str, component: Any) -> str:
    match = PROVIDER_LINE.search(description)
    if match:
        return match.group("name")[:200]
    organizer = component.get("ORGANIZER")
    if organizer is not None and not isinstance(organizer, list):
        name = organizer.params.get("CN")
        if name:
            return one_line(str(name)).strip('"')[:200]
    return ""


def guess_type(summary: str, categories: Sequence[str] = ()) -> str:
    for text in (summary, " ".join(categories)):
        lowered = f" {text.casefold()} "
        for activity_type, words in TYPE_KEYWORDS:
            if any(w in lowered for w in words):
                return activity_type
    return "other"


def _categories(component: Any) -> list[str]:
    values = component.get("CATEGORIES")
    if values is None:
        return []
    found: list[str] = []
    for v in values if isinstance(values, list) else [values]:
        cats = getattr(v, "cats", None)
        if cats is None:
            found.append(one_line(str(v)))
        else:
            found.extend(one_line(str(c)) for c in cats)
    return found


def _stand_in_uid(title: str, start: date) -> str:
    """For an event without a UID (RFC 5545 requires one, some exporters forget): a stable stand-in, so re-imports
    still match."""
    return "no-uid-" + hashlib.sha256(f"{title}\n{start.isoformat()}".encode()).hexdigest()[:24]


def _recurrence_id(component: Any) -> date | None:
    """The RECURRENCE-ID of an override (or of an occurrence the library made), as written; None if it has none."""
    recurrence = component.get("RECURRENCE-ID")
    if isinstance(recurrence, list):  # written twice: the first counts
        recurrence = recurrence[0] if recurrence else None
    moment = getattr(recurrence, "dt", None)
    return moment if isinstance(moment, date) else None


def _uid(component: Any, title: str, start: date) -> str:
    """A single event's ics_uid: its UID, and for a lone override "@" and its RECURRENCE-ID."""
    uid = _text(component, "UID") or _stand_in_uid(title, start)
    moment = _recurrence_id(component)
    if moment is not None:
        uid += "@" + moment.isoformat()
    return uid


def _own_date(moment: date) -> date:
    """The date of a start as written (in its own zone)."""
    return moment.date() if isinstance(moment, datetime) else moment


def _occurrence_uid(uid: str, recurrence: date, taken: set[str]) -> str:
    """An occurrence's ics_uid, not in `taken` (which it joins): "UID#YYYY-MM-DD", or with the time when another
    occurrence of the event already has that date."""
    forms = [_own_date(recurrence).isoformat()]
    if isinstance(recurrence, datetime):
        wall = recurrence.replace(tzinfo=None)
        forms += [wall.isoformat(timespec="minutes"), wall.isoformat(timespec="seconds"), recurrence.isoformat()]
    for form in forms:
        candidate = f"{uid}{OCCURRENCE_MARK}{form}"
        if candidate not in taken:
            break
    else:  # two occurrences at the very same moment (the library gives none): numbered, to stay apart
        candidate = f"{uid}{OCCURRENCE_MARK}{forms[-1]}#{len(taken)}"
    taken.add(candidate)
    return candidate


def _same_kind(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """A start and an end that can be compared: a floating (zone-less) end of a zoned start is read in the start's
    zone; a floating start with a zoned end keeps the end's wall-clock time, floating too."""
    if start.tzinfo is not None and end.tzinfo is None:
        return start, end.replace(tzinfo=start.tzinfo)
    if start.tzinfo is None and end.tzinfo is not None:
        return start, end.replace(tzinfo=None)
    return start, end


class _OutsidePlanYears(CalendarError):
    """An event dated outside MIN_YEAR..MAX_YEAR: the file is refused, or the occurrence of a repeating event left
    out."""


@dataclass(frozen=True)
class _Dates:
    start_date: date
    end_date: date | None
    hours: Decimal
    all_day: bool


def _title_and_where(component: Any, position: int) -> tuple[str, str]:
    """The event's title as stored, and how a message names it ("event 3 ('Budget webinar')")."""
    title = " ".join(_text(component, "SUMMARY").split())[:MAX_TITLE_LENGTH]
    where = (tr("event {position} ('{title}')").format(position=position, title=_shown(title)) if title
             else tr("event {position} (an untitled event)").format(position=position))
    return title or UNTITLED, where


def _span(component: Any, where: str) -> tuple[date, date, bool]:
    """The start and end of a VEVENT as written, and whether it is written in UTC. Raises CalendarError if a line of
    it cannot be read or it has no start."""
    for name, problem in getattr(component, "errors", []):
        if str(name).upper() == "RRULE":
            raise CalendarError(tr("{event}: its repeat rule (RRULE) cannot be read ({problem})").format(
                event=where, problem=_shown(problem)))
        if name:
            raise CalendarError(tr("{event}: {name} cannot be read ({problem})").format(
                event=where, name=_shown(name), problem=_shown(problem)))
        raise CalendarError(tr("{event}: one of its lines cannot be read ({problem})").format(
            event=where, problem=_shown(problem)))
    if "DTSTART" not in component:
        raise CalendarError(tr("{event} has no start (DTSTART)").format(event=where))
    try:
        start, end = component.start, component.end
        params = component["DTSTART"].params
    except Exception as exc:  # icalendar raises several kinds for inconsistent or repeated start/end
        raise CalendarError(tr("{event}: its start and end cannot be read ({problem})").format(
            event=where, problem=_shown(exc))) from exc
    if not isinstance(start, date) or not isinstance(end, date):
        raise CalendarError(tr("{event}: its start and end cannot be read").format(event=where))
    in_utc = isinstance(start, datetime) and start.tzinfo is not None and "TZID" not in params
    return start, end, in_utc


def _check_kind(start: date, end: date, where: str) -> None:
    """A start and end of the same kind (dates or times), near enough to the plan years to work with."""
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise CalendarError(tr("{event}: DTSTART and DTEND must be of the same type, either date or datetime").format(
            event=where))
    for day in (start, end):  # far outside the plan years: refused before any arithmetic could overflow on it
        if not MIN_YEAR - 1 <= day.year <= MAX_YEAR + 1:
            raise CalendarError(tr("{event} is dated {date}, outside any plan year").format(
                event=where, date=format_date(day)))


def _cancelled(component: Any) -> bool:
    return _text(component, "STATUS").upper() == "CANCELLED"


def _dates(start: date, end: date, in_utc: bool, zone: tzinfo, where: str) -> _Dates:
    """The planned dates and hours of an event from its start and end (checked by _check_kind). Raises
    _OutsidePlanYears for dates outside the plan years, CalendarError for an end before the start."""
    timed: tuple[datetime, datetime] | None = None
    if not isinstance(start, datetime):
        days = max((end - start).days, 1)
        start_date, end_date = start, start + timedelta(days=days - 1)
        hours = all_day_hours(days)
    else:
        assert isinstance(end, datetime)
        begins, ends = _same_kind(start, end)
        if ends < begins:
            raise CalendarError(tr("{event} ends (DTEND) before it starts (DTSTART)").format(event=where))
        if in_utc:  # shown (and attended) at the member's local time
            begins, ends = begins.astimezone(zone), ends.astimezone(zone)
        elif begins.tzinfo is not None and ends.tzinfo is not None:
            ends = ends.astimezone(begins.tzinfo)
        last = ends - timedelta(microseconds=1) if ends > begins else begins  # ending at midnight: the day before
        start_date, end_date = begins.date(), last.date()
        timed = begins, ends
    for day in (start_date, end_date):
        if not valid_year(day.year):
            raise _OutsidePlanYears(tr("{event} is dated {date}, outside any plan year").format(
                event=where, date=format_date(day)))
    if timed is not None:
        hours = timed_hours(*timed)  # a day at a time: only once the dates are known to be plan years
    all_day = timed is None
    return _Dates(start_date, end_date if end_date != start_date else None, hours, all_day)


def _calendar_event(component: Any, title: str, dates: _Dates, uid: str, series: str = "",
                    aliases: tuple[str, ...] = ()) -> CalendarEvent:
    description = _text(component, "DESCRIPTION")
    location = _text(component, "LOCATION")
    notes = description + ("\nLocation: " + location if location else "")  # stored in the item's notes: English
    return CalendarEvent(
        uid=uid,
        title=title,
        start_date=dates.start_date,
        end_date=dates.end_date,
        hours=dates.hours,
        all_day=dates.all_day,
        provider=_provider(description, component),
        notes=notes.strip(),
        type=guess_type(title, _categories(component)),
        series=series,
        aliases=aliases,
    )


def _event(component: Any, zone: tzinfo, position: int) -> tuple[CalendarEvent | None, str | None]:
    """One VEVENT that does not repeat as a CalendarEvent, or (None, why it is skipped). Raises CalendarError if it
    is broken."""
    title, where = _title_and_where(component, position)
    start, end, in_utc = _span(component, where)
    if _cancelled(component):
        return None, tr("{event} is cancelled; skipped").format(event=where)
    _check_kind(start, end, where)
    dates = _dates(start, end, in_utc, zone, where)
    uid = _uid(component, title, dates.start_date)
    recurrence = _recurrence_id(component)
    own_uid = _text(component, "UID")
    # A lone override (its series is not in the file) is the occurrence an import of the whole series stores as
    # "UID#date".
    aliases = (f"{own_uid}{OCCURRENCE_MARK}{_own_date(recurrence).isoformat()}",) if recurrence and own_uid else ()
    return _calendar_event(component, title, dates, uid, aliases=aliases), None


# --- repeating events ---------------------------------------------------------------------------------------------


def _repeats(component: Any) -> bool:
    """Whether a VEVENT (not an override of one occurrence) repeats: it has a rule or more dates."""
    return "RECURRENCE-ID" not in component and ("RRULE" in component or "RDATE" in component)


def _endless(component: Any, where: str) -> bool:
    """Whether one of the event's rules repeats without end (no COUNT, no UNTIL). Raises CalendarError for a rule
    the library would misread: without a frequency (read as no rule at all) or with a part out of its range (an
    INTERVAL of 0 never moves on; a 40th day of the month is read as no date at all)."""
    rules = component.get("RRULE")
    if rules is None:
        return False
    endless = False
    for rule in rules if isinstance(rules, list) else [rules]:
        if not isinstance(rule, icalendar.vRecur) or "FREQ" not in rule:
            raise CalendarError(tr("{event}: its repeat rule (RRULE) has no frequency (FREQ)").format(event=where))
        for name, (low, high, signed) in RULE_PART_RANGES.items():
            values = rule.get(name)
            for value in values if isinstance(values, list) else [] if values is None else [values]:
                fits = isinstance(value, int) and (low <= value <= high or signed and -high <= value <= -low)
                if not fits:
                    raise CalendarError(tr("{event}: its repeat rule (RRULE) cannot be read ({part}={value} is out "
                                           "of range)").format(event=where, part=name, value=_shown(value)))
        endless = endless or ("COUNT" not in rule and "UNTIL" not in rule)
    return endless


def _extra_dates(component: Any) -> list[date]:
    """The start of each RDATE (a date, a time, or a period's start)."""
    values = component.get("RDATE")
    found: list[date] = []
    for value in values if isinstance(values, list) else [values] if values is not None else []:
        for one in getattr(value, "dts", []):
            moment = one.dt[0] if isinstance(one.dt, tuple) else one.dt
            if isinstance(moment, date):
                found.append(_own_date(moment))
    return found


def _listed(days: list[date], shown: int = 5) -> str:
    text = "; ".join(format_date(day) for day in days[:shown])  # "Mar 26, 2026" has a comma of its own
    if len(days) <= shown:
        return text
    return trn("{dates} and %n more", "{dates} and %n more", len(days) - shown).format(dates=text)


def _wall_time(moment: date) -> datetime:
    """A start as the library takes a query's bounds: the wall-clock time in the event's own zone, without it."""
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=None)
    return datetime.combine(moment, time(0))


def _start_order(component: Any) -> tuple[date, datetime]:
    moment = component["DTSTART"].dt
    return _own_date(moment), _wall_time(moment)


def _occurrences(query: Any, earliest: datetime, first: datetime) -> Iterator[Any]:
    """The occurrences of a series (a recurring_ical_events query) from `earliest` on, in order of start, as
    components; `first` is the start of its rule. Before it there are only the event's extra dates (RDATE) and moved
    occurrences: few, so one look finds them all. From it on, the look-ups (each over a span of time) widen while
    they find few and narrow while they find many, so a rule for every minute and one for every year both take a
    few steps. (The library's own `after` narrows to 15 minutes whenever it finds anything, and an all-day event is
    found in each quarter hour of its day: a daily one took seconds.)"""
    seen: set[date] = set()

    def new(found: list[Any]) -> list[Any]:
        fresh = []
        for component in found:
            recurrence = _recurrence_id(component) or component["DTSTART"].dt
            if recurrence not in seen:  # a long occurrence reaches into the next span too
                seen.add(recurrence)
                fresh.append(component)
        return sorted(fresh, key=_start_order)

    yield from new(query.between(earliest, first))
    cursor, span = first, timedelta(hours=1)
    last = datetime(MAX_YEAR + 1, 1, 2)  # nothing after it is in a plan year, in any zone
    while cursor <= last:
        found = new(query.between(cursor, cursor + span))
        yield from found
        cursor += span
        if len(found) < LOOKUP_FEW:
            span = min(span * 2, LOOKUP_WIDEST)
        elif len(found) > LOOKUP_MANY:
            span = max(span / 2, LOOKUP_NARROWEST)


def _check_occurrence(start: date, end: date, in_utc: bool, zone: tzinfo, where: str) -> None:
    """Check the start and end of a repeating event or of an override as a single event's are checked (dates outside
    the plan years aside: those occurrences are left out), and that it lasts at most a year: the library looks for
    the occurrences of a series over spans widened by its length, so an event of a century took minutes."""
    _check_kind(start, end, where)
    with contextlib.suppress(_OutsidePlanYears):
        _dates(start, end, in_utc, zone, where)
    if isinstance(start, datetime) and isinstance(end, datetime):
        begins, ends = _same_kind(start, end)
        length = timedelta(seconds=_real_seconds(begins, ends))
    else:
        length = end - start
    if length < timedelta(0):  # an all-day one too: the library would start it at its end
        raise CalendarError(tr("{event} ends (DTEND) before it starts (DTSTART)").format(event=where))
    if length > REPEATING_LENGTH_LIMIT:
        raise CalendarError(tr("{event} lasts more than a year and repeats; a repeating event cannot be that "
                               "long").format(event=where))


def _series(master: Any, overrides: list[tuple[int, Any]], zone: tzinfo, position: int,
            notes: list[str]) -> list[CalendarEvent]:
    """The occurrences of a repeating event (`master`, the VEVENT at `position`, and the overrides of single
    occurrences with its UID), in order of date; what the member should know goes to `notes`. Raises CalendarError
    if the event, an override or its rule is broken."""
    title, where = _title_and_where(master, position)
    start, end, in_utc = _span(master, where)
    in_utc_by_override: dict[date, bool] = {}
    starts = [_own_date(start), *_extra_dates(master)]
    for override_position, override in overrides:
        override_where = _title_and_where(override, override_position)[1]
        override_start, override_end, override_in_utc = _span(override, override_where)
        _check_occurrence(override_start, override_end, override_in_utc, zone, override_where)
        recurrence = override.get("RECURRENCE-ID")
        if isinstance(recurrence, list) or not isinstance(getattr(recurrence, "dt", None), date):
            raise CalendarError(tr("{event}: its RECURRENCE-ID must be one date or time").format(event=override_where))
        in_utc_by_override[recurrence.dt] = override_in_utc
        starts.append(_own_date(override_start))
    if _cancelled(master):
        notes.append(tr("{event} is cancelled; skipped").format(event=where))
        return []
    _check_occurrence(start, end, in_utc, zone, where)
    endless = _endless(master, where)
    uid = _text(master, "UID")
    series_uid = uid or _stand_in_uid(title, _own_date(start))

    calendar = icalendar.Calendar()
    for component in (master, *(override for _, override in overrides)):
        calendar.add_component(component)
    earliest = _wall_time(max(min(starts), EARLIEST_LOOKUP) - timedelta(days=1))
    events: list[CalendarEvent] = []
    taken: set[str] = set()
    cancelled: list[date] = []
    bound: date | None = None
    count = 0
    last: date | None = None
    outside = False
    try:
        for occurrence in _occurrences(recurring_ical_events.of(calendar), earliest, _wall_time(start)):
            moment = occurrence["DTSTART"].dt
            day = _own_date(moment)
            if endless and bound is None:
                bound = date(max(clock.today().year, day.year), 12, 31)
            if bound is not None and day > bound:
                notes.append(tr("'{title}' repeats without end: planned through {year}").format(
                    title=title, year=bound.year))
                break
            if day.year > MAX_YEAR:  # so are all the ones after it
                outside = True
                break
            if count == REPEAT_LIMIT:
                notes.append(tr("'{title}' repeats more than {limit} times: only its first {limit} dates (through "
                                "{last}) were imported").format(
                    title=title, limit=REPEAT_LIMIT, last=format_date(last) if last else ""))
                break
            count, last = count + 1, day
            recurrence = _recurrence_id(occurrence) or moment  # the library gives every occurrence one
            occurrence_uid = _occurrence_uid(series_uid, recurrence, taken)
            if _cancelled(occurrence):
                cancelled.append(day)
                continue
            occurrence_title, _ = _title_and_where(occurrence, position)
            try:
                dates = _dates(moment, occurrence["DTEND"].dt, in_utc_by_override.get(recurrence, in_utc), zone,
                               tr("{event} on {date}").format(event=where, date=format_date(day)))
            except _OutsidePlanYears:
                outside = True
                continue
            # As earlier versions stored it: the first date under the plain UID, a lone override under "UID@...".
            aliases: tuple[str, ...] = (f"{uid}@{recurrence.isoformat()}",) if uid else ()
            if recurrence == start:
                aliases += (_uid(master, title, dates.start_date),)
            events.append(_calendar_event(occurrence, occurrence_title, dates, occurrence_uid, series_uid, aliases))
    except CalendarError:
        raise
    except Exception as exc:  # the library (and dateutil below it) raise many kinds for rules they cannot follow
        raise CalendarError(tr("{event}: its repeat rule cannot be followed ({problem})").format(
            event=where, problem=_shown(exc))) from exc
    if count == 0 and not outside:
        notes.append(tr("{event} has no dates once its repeats are worked out (RRULE, RDATE, EXDATE); skipped").format(
            event=where))
    if cancelled:
        notes.append(tr("'{title}' is cancelled on {dates}; skipped").format(title=title, dates=_listed(cancelled)))
    if outside:
        notes.append(tr("'{title}' has dates outside the plan years ({first} to {last}); those were left out").format(
            title=title, first=MIN_YEAR, last=MAX_YEAR))
    return events


# A component's first or last line with no parameters, as nearly all are: what the library's Contentline.parts()
# would give for it (the name, then the value), without its general parse.
_PLAIN_BOUNDARY = re.compile(r"(BEGIN|END):([A-Za-z0-9-]+)", re.IGNORECASE)
# In the text as written: a line starting with BEGIN or END; a line starting with B or E that the next line
# continues (a fold: a line break, maybe blank lines, then a space or a tab), which unfolded might start so; and a
# fold at the very start, whose continuation unfolded starts the first line.
_BOUNDARY_LINE = re.compile(r"^(?:BEGIN|END)[^\n]*", re.IGNORECASE | re.MULTILINE)
_FOLDED_B_OR_E = re.compile(r"^[BE][^\n]*\n(?:\r?\n)*[ \t]", re.IGNORECASE | re.MULTILINE)
_FOLD_AT_START = re.compile(r"(?:\r?\n)+[ \t]")


def _boundaries_as_written(data: bytes) -> list[tuple[str, str]] | None:
    """(BEGIN or END, component name) of each line that opens or closes a component, read from the text as it is
    written: what `_boundaries_unfolded` gives, in a tenth of the time, when every such line is plain and none
    is folded (as calendar apps write them). None when one is not: those need the library's reading."""
    text = data.decode("utf-8-sig", "replace")  # as the library decodes it (strictly first, but the same text)
    if _FOLDED_B_OR_E.search(text) or _FOLD_AT_START.match(text):
        return None
    found: list[tuple[str, str]] = []
    for line in _BOUNDARY_LINE.findall(text):
        plain = _PLAIN_BOUNDARY.fullmatch(line.removesuffix("\r"))
        if plain is None:
            return None
        kind, name = plain.groups()
        if kind.upper() not in ("BEGIN", "END"):  # "BEGİN": the pattern's case folding takes İ for I, upper() not
            return None
        found.append((kind.upper(), _shown(name).upper()))
    return found


def _boundaries_unfolded(data: bytes) -> list[tuple[str, str]] | None:
    """(BEGIN or END, component name) of each line that opens or closes a component, read as the library reads
    them (unfolded, with their parameters). None when the library cannot read the text: its own parse then says
    what is wrong with it; a line it cannot split is left to it too."""
    try:
        lines = icalendar.parser.Contentlines.from_ical(data)
    except Exception:
        return None
    found: list[tuple[str, str]] = []
    for line in lines:
        if not line[:5].upper().startswith(("BEGIN", "END")):
            continue
        plain = _PLAIN_BOUNDARY.fullmatch(line)
        if plain is not None:
            kind, value = plain.groups()
        else:
            try:
                kind, _params, value = line.parts()
            except Exception:
                continue
        found.append((kind.upper(), _shown(value).upper()))
    return found


def _check_nesting(data: bytes, source: str) -> None:
    """Every BEGIN: closed by the END: of the same name, innermost first, at most MAX_NESTING deep. The library
    pops whatever component is open at any END:, so an event closed by END:VTIMEZONE fails later, deep inside it.
    The lines are read as the library reads them; what it cannot read, it reports itself."""
    boundaries = _boundaries_as_written(data)
    if boundaries is None:
        boundaries = _boundaries_unfolded(data)
    if boundaries is None:
        return
    open_: list[str] = []
    for kind, name in boundaries:
        if kind == "BEGIN":
            if len(open_) >= MAX_NESTING:
                raise CalendarError(tr("{source} is not a readable iCalendar (.ics) file: its components nest more "
                                       "than {limit} deep").format(source=source, limit=MAX_NESTING))
            open_.append(name)
        elif kind == "END":
            if not open_:
                raise CalendarError(tr("{source} is not a readable iCalendar (.ics) file: END:{name} has no "
                                       "BEGIN:{name} before it").format(source=source, name=name))
            if open_[-1] != name:
                raise CalendarError(tr("{source} is not a readable iCalendar (.ics) file: BEGIN:{open} is closed by "
                                       "END:{name}; the file is damaged").format(source=source, open=open_[-1],
                                                                                name=name))
            open_.pop()
    if open_ and open_[0] == "VCALENDAR":
        raise CalendarError(tr("{source} is cut short or damaged: its calendar has no END:VCALENDAR").format(
            source=source))
    if open_:
        raise CalendarError(tr("{source} is cut short or damaged: its BEGIN:{name} has no END:{name}").format(
            source=source, name=open_[0]))


def parse_ics(data: bytes, zone: tzinfo | None = None, source: str | None = None) -> ParsedCalendar:
    """Every event of an .ics file (`source`, its name in messages: "the file" if not given). Raises CalendarError
    (with what is wrong) if the file is broken."""
    zone = zone or local_zone()
    source = tr("the file") if source is None else source
    with warnings.catch_warnings():
        # A TZID such as "/mozilla.org/20050126_1/America/New_York" (Thunderbird writes them) is read as the zone it
        # ends with, which is right; the library warns about the guess on stderr. Only that warning is silenced.
        warnings.filterwarnings("ignore", category=GloballyUniqueTZIDGuessed)
        return _parse(data, zone, source)


def _parse(data: bytes, zone: tzinfo, source: str) -> ParsedCalendar:
    if not data.strip():
        raise CalendarError(tr("{source} is empty").format(source=source))
    _check_nesting(data, source)
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # the library raises ValueError mostly, but TypeError/AttributeError on odd input
        raise CalendarError(tr("{source} is not a readable iCalendar (.ics) file: {problem}").format(
            source=source, problem=_shown(exc))) from exc
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        if b"BEGIN:VCALENDAR" in data.upper():
            raise CalendarError(tr("{source} is cut short or damaged: its calendar has no END:VCALENDAR").format(
                source=source))
        raise CalendarError(tr("{source} is not an iCalendar file (no BEGIN:VCALENDAR)").format(source=source))
    components = [component for calendar in calendars for component in calendar.walk("VEVENT")]
    if not components:
        raise CalendarError(tr("{source} contains no events (VEVENT)").format(source=source))
    # A repeating event is its first VEVENT without RECURRENCE-ID (a second one with its UID is a duplicate) and the
    # overrides of single occurrences with its UID, wherever they are in the file.
    first_of: dict[str, int] = {}
    overrides: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    for position, component in enumerate(components, 1):
        uid = _text(component, "UID")
        if not uid:
            continue
        if "RECURRENCE-ID" in component:
            overrides[uid].append((position, component))
        else:
            first_of.setdefault(uid, position)
    repeating = {uid for uid, position in first_of.items() if _repeats(components[position - 1])}

    events: list[CalendarEvent] = []
    notes: list[str] = []
    seen: set[str] = set()
    for position, component in enumerate(components, 1):
        uid = _text(component, "UID")
        found: list[CalendarEvent]
        if uid in repeating and "RECURRENCE-ID" in component:
            continue  # with its series
        if uid in repeating and first_of[uid] != position:
            title, where = _title_and_where(component, position)
            _span(component, where)
            notes.append(tr("'{title}' appears twice in the file (same UID); added once").format(title=title))
            continue
        if uid in repeating or (not uid and _repeats(component)):
            found = _series(component, overrides.get(uid, []) if uid else [], zone, position, notes)
        else:
            event, note = _event(component, zone, position)
            if note:
                notes.append(note)
            found = [event] if event is not None else []
        for event in found:
            if any(u in seen for u in event.uids):
                notes.append(tr("'{title}' appears twice in the file (same UID); added once").format(title=event.title))
                continue
            seen.update(event.uids)
            events.append(event)
    return ParsedCalendar(tuple(events), tuple(notes))


def read_ics(path: Path | str, zone: tzinfo | None = None) -> ParsedCalendar:
    """Parse the file at `path`: a regular file (not a folder, device or pipe) of at most MAX_FILE_BYTES."""
    path = Path(path)
    try:
        data = read_input_file(path, MAX_FILE_BYTES)
    except InputFileError as exc:
        if exc.reason == "too_large":
            raise CalendarError(tr("{name} is larger than {size} MB; it is not a calendar invitation").format(
                name=path.name, size=MAX_FILE_BYTES // (1024 * 1024))) from None
        if exc.reason == "missing":
            message = tr("{path} cannot be read: No such file or directory")
        elif exc.reason == "folder":
            message = tr("{path} is a folder, not an .ics file")
        elif exc.reason == "special":
            message = tr("{path} is not a regular file (a device, pipe or socket), so not an .ics file")
        else:
            message = tr("{path} cannot be read: {problem}")
        raise CalendarError(message.format(path=path, problem=exc.detail)) from None
    return parse_ics(data, zone, source=path.name)


# --- storing -----------------------------------------------------------------------------------------------


def imported_uids() -> set[str]:
    return {u for (u,) in PlanItem.select(PlanItem.ics_uid).where(PlanItem.ics_uid.is_null(False)).tuples()}


def _planned(event: CalendarEvent, plan_ids: dict[int, int]) -> tuple[int, PlanItemData]:
    """The event's plan (started if needed, as save_item starts it) and its item, normalized and checked as save_item
    checks a new item (an event's item names no goal, so there is no goal to check)."""
    item = normalized_item(event.to_item())
    try:
        errors = check_item(item, event.year)
        if errors:
            raise ValidationError(errors)
        plan_id = plan_ids.get(event.year)
        if plan_id is None:
            plan_id = plan_ids[event.year] = plan_id_of(event.year)
    except ValidationError as exc:
        if event.series:
            message = tr("'{title}' on {date} cannot be planned: {problem}")
        else:
            message = tr("'{title}' cannot be planned: {problem}")
        raise CalendarError(message.format(title=_shown(event.title), date=format_date(event.start_date),
                                           problem=exc)) from exc
    return plan_id, item


def _stored(event: CalendarEvent, known: set[str]) -> bool:
    return any(uid in known for uid in event.uids)


def import_events(parsed: ParsedCalendar,
                  progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Add each new event (each occurrence of a repeating one) to the plan of its year, in one transaction (all or
    nothing), ROWS_PER_STATEMENT events at a time (plans.insert_items); `progress(done, total)` is called after each
    batch. Events already imported (an ics_uid of theirs stored) are looked up again inside the transaction, which
    holds the write lock."""
    result = ImportResult(warnings=list(parsed.warnings))
    events = parsed.events
    total = len(events)
    known = imported_uids()
    if any(not _stored(event, known) for event in events):
        backup_before("calendar import")
    with database_proxy.atomic():
        known = imported_uids()  # another import may have added some since
        plan_ids: dict[int, int] = {}
        for start in range(0, total, ROWS_PER_STATEMENT):
            batch: list[tuple[int, PlanItemData]] = []
            years: list[int] = []
            for event in events[start:start + ROWS_PER_STATEMENT]:
                if _stored(event, known):
                    result.already_imported.append(event)
                    continue
                batch.append(_planned(event, plan_ids))
                years.append(event.year)
                known.add(event.uid)
                result.repeated += bool(event.series)
            result.added += zip(years, insert_items(batch), strict=True)
            if progress is not None:
                progress(min(start + ROWS_PER_STATEMENT, total), total)
    return result


def import_ics(path: Path | str, zone: tzinfo | None = None,
               progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Read `path` and add its events as planned items. Raises CalendarError (nothing changed) if it is broken."""
    return import_events(read_ics(path, zone), progress)

