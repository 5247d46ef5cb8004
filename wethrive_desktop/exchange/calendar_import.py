"""Conference and webinar registrations from iCalendar (.ics) files, turned into planned items.

Each VEVENT becomes a planned item in the plan of its year: the title from SUMMARY, the dates from DTSTART/DTEND,
the provider and notes from DESCRIPTION (an "Organizer:"-style line, else the ORGANIZER's name), and an hours
estimate from the duration: a timed event counts its length, at most 8 h on any one day; an all-day event counts
6 h a day. The estimate is only a starting point; the member edits it in the planner.

Dates: an event written with a TZID keeps the wall-clock dates of its own time zone (where the event happens);
an event in UTC ("Z") is moved to the member's local time zone first (that is when they attend it online);
a floating time is taken as it is.

The whole file is read and checked before anything is written: a broken file changes nothing. An event already
imported (same UID) is not added twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import icalendar

from wethrive_desktop.models.backups import backup_before
from wethrive_desktop.models.db import StoreError, database_proxy
from wethrive_desktop.models.domain import valid_year
from wethrive_desktop.models.plans import PlanItemData, new_item, save_item
from wethrive_desktop.models.tables import PlanItem
from wethrive_desktop.models.validation import MAX_TITLE_LENGTH, ValidationError

TIMED_CAP_PER_DAY = Decimal(8)
ALL_DAY_HOURS = Decimal(6)
QUARTER = Decimal("0.25")
MAX_FILE_BYTES = 20 * 1024 * 1024
UNTITLED = "Untitled calendar event"

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
    ("coaching", ("coaching", "mentoring", "mentor")),
    ("exchange", ("exchange", "site visit", "study tour")),
    ("teaching", ("presenting", "presentation", "keynote", "teaching", "panelist")),
    ("reading", ("book club", "reading")),
]


class CalendarError(StoreError):
    """The file cannot be imported; nothing was changed."""


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

    @property
    def year(self) -> int:
        return self.start_date.year

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

    @property
    def years(self) -> list[int]:
        return sorted({y for y, _ in self.added})

    def describe(self) -> str:
        if self.added:
            per_year = ", ".join(f"{y}: {sum(1 for yy, _ in self.added if yy == y)}" for y in self.years)
            text = f"Added {len(self.added)} planned item{'s' if len(self.added) != 1 else ''} ({per_year})"
        else:
            text = "No new events"
        if self.already_imported:
            text += f"; {len(self.already_imported)} already imported, skipped"
        return text + "."


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
        value = value[0]
    return str(value).replace("\r\n", "\n").strip()


def _provider(description: str, component: Any) -> str:
    match = PROVIDER_LINE.search(description)
    if match:
        return match.group("name")[:200]
    organizer = component.get("ORGANIZER")
    if organizer is not None and not isinstance(organizer, list):
        name = organizer.params.get("CN")
        if name:
            return str(name).strip().strip('"')
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
            found.append(str(v))
        else:
            found.extend(str(c) for c in cats)
    return found


def _uid(component: Any, title: str, start: date) -> str:
    uid = _text(component, "UID")
    if not uid:
        # No UID (RFC 5545 requires one, some exporters forget): a stable stand-in, so re-imports still match.
        uid = "no-uid-" + hashlib.sha256(f"{title}\n{start.isoformat()}".encode()).hexdigest()[:24]
    recurrence = component.get("RECURRENCE-ID")
    if recurrence is not None:
        uid += "@" + recurrence.dt.isoformat()
    return uid


def _event(component: Any, zone: tzinfo, position: int) -> tuple[CalendarEvent | None, str | None]:
    """One VEVENT as a CalendarEvent, or (None, why it is skipped). Raises CalendarError if it is broken."""
    title = " ".join(_text(component, "SUMMARY").split())[:MAX_TITLE_LENGTH] or UNTITLED
    where = f"event {position} ('{title}')"
    for name, problem in getattr(component, "errors", []):
        raise CalendarError(f"{where}: {name} cannot be read ({problem})")
    if "DTSTART" not in component:
        raise CalendarError(f"{where} has no start (DTSTART)")
    try:
        start, end = component.start, component.end
    except Exception as exc:  # icalendar raises several kinds for inconsistent start/end
        raise CalendarError(f"{where}: {exc}") from exc

    if _text(component, "STATUS").upper() == "CANCELLED":
        return None, f"{where} is cancelled; skipped"

    all_day = not isinstance(start, datetime)
    if all_day:
        days = max((end - start).days, 1)
        start_date, end_date = start, start + timedelta(days=days - 1)
        hours = all_day_hours(days)
    else:
        assert isinstance(end, datetime)
        if end < start:
            raise CalendarError(f"{where} ends (DTEND) before it starts (DTSTART)")
        params = component["DTSTART"].params
        if start.tzinfo is not None and "TZID" not in params:
            # UTC: shown (and attended) at the member's local time.
            start, end = start.astimezone(zone), end.astimezone(zone)
        elif start.tzinfo is not None and end.tzinfo is not None:
            end = end.astimezone(start.tzinfo)
        hours = timed_hours(start, end)
        last = end - timedelta(microseconds=1) if end > start else start  # ending at midnight ends the day before
        start_date, end_date = start.date(), last.date()
    description = _text(component, "DESCRIPTION")
    location = _text(component, "LOCATION")
    notes = description + (f"\nLocation: {location}" if location else "")
    event = CalendarEvent(
        uid=_uid(component, title, start_date),
        title=title,
        start_date=start_date,
        end_date=end_date if end_date != start_date else None,
        hours=hours,
        all_day=all_day,
        provider=_provider(description, component),
        notes=notes.strip(),
        type=guess_type(title, _categories(component)),
    )
    if not valid_year(event.year):
        raise CalendarError(f"{where} is dated {start_date.isoformat()}, outside any plan year")
    if component.get("RRULE") is not None:
        return event, f"'{title}' repeats; only its first date was imported"
    return event, None


def parse_ics(data: bytes, zone: tzinfo | None = None, source: str = "the file") -> ParsedCalendar:
    """Every event of an .ics file. Raises CalendarError (with what is wrong) if the file is broken."""
    zone = zone or local_zone()
    if not data.strip():
        raise CalendarError(f"{source} is empty")
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CalendarError(f"{source} is not a readable iCalendar (.ics) file: {exc}") from exc
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        if b"BEGIN:VCALENDAR" in data.upper():
            raise CalendarError(f"{source} is cut short or damaged: its calendar has no END:VCALENDAR")
        raise CalendarError(f"{source} is not an iCalendar file (no BEGIN:VCALENDAR)")
    events: list[CalendarEvent] = []
    warnings: list[str] = []
    seen: set[str] = set()
    position = 0
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            position += 1
            event, warning = _event(component, zone, position)
            if warning:
                warnings.append(warning)
            if event is None:
                continue
            if event.uid in seen:
                warnings.append(f"'{event.title}' appears twice in the file (same UID); added once")
                continue
            seen.add(event.uid)
            events.append(event)
    if position == 0:
        raise CalendarError(f"{source} contains no events (VEVENT)")
    return ParsedCalendar(tuple(events), tuple(warnings))


def read_ics(path: Path | str, zone: tzinfo | None = None) -> ParsedCalendar:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CalendarError(f"{path.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
                                "it is not a calendar invitation")
        data = path.read_bytes()
    except OSError as exc:
        raise CalendarError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    return parse_ics(data, zone, source=path.name)


# --- storing -----------------------------------------------------------------------------------------------


def imported_uids() -> set[str]:
    return {u for (u,) in PlanItem.select(PlanItem.ics_uid).where(PlanItem.ics_uid.is_null(False)).tuples()}


def import_events(parsed: ParsedCalendar,
                  progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Add each new event to the plan of its year, in one transaction (all or nothing)."""
    result = ImportResult(warnings=list(parsed.warnings))
    known = imported_uids()
    total = len(parsed.events)
    if any(event.uid not in known for event in parsed.events):
        backup_before("calendar import")
    with database_proxy.atomic():
        for i, event in enumerate(parsed.events, 1):
            if event.uid in known:
                result.already_imported.append(event)
            else:
                try:
                    item_id = save_item(event.year, event.to_item())
                except ValidationError as exc:
                    raise CalendarError(f"'{event.title}' cannot be planned: {exc}") from exc
                result.added.append((event.year, item_id))
                known.add(event.uid)
            if progress is not None:
                progress(i, total)
    return result


def import_ics(path: Path | str, zone: tzinfo | None = None,
               progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Read `path` and add its events as planned items. Raises CalendarError (nothing changed) if it is broken."""
    return import_events(read_ics(path, zone), progress)

