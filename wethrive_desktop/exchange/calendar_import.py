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
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import icalendar
import icalendar.parser
from icalendar.error import GloballyUniqueTZIDGuessed

from wethrive_desktop.files import InputFileError, read_input_file
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
    ("coaching", ("coaching", "mentoring", "mentor")),
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


def _uid(component: Any, title: str, start: date) -> str:
    uid = _text(component, "UID")
    if not uid:
        # No UID (RFC 5545 requires one, some exporters forget): a stable stand-in, so re-imports still match.
        uid = "no-uid-" + hashlib.sha256(f"{title}\n{start.isoformat()}".encode()).hexdigest()[:24]
    recurrence = component.get("RECURRENCE-ID")
    if isinstance(recurrence, list):  # written twice: the first counts
        recurrence = recurrence[0] if recurrence else None
    moment = getattr(recurrence, "dt", None)
    if isinstance(moment, date):
        uid += "@" + moment.isoformat()
    return uid


def _same_kind(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """A start and an end that can be compared: a floating (zone-less) end of a zoned start is read in the start's
    zone; a floating start with a zoned end keeps the end's wall-clock time, floating too."""
    if start.tzinfo is not None and end.tzinfo is None:
        return start, end.replace(tzinfo=start.tzinfo)
    if start.tzinfo is None and end.tzinfo is not None:
        return start, end.replace(tzinfo=None)
    return start, end


def _event(component: Any, zone: tzinfo, position: int) -> tuple[CalendarEvent | None, str | None]:
    """One VEVENT as a CalendarEvent, or (None, why it is skipped). Raises CalendarError if it is broken."""
    title = " ".join(_text(component, "SUMMARY").split())[:MAX_TITLE_LENGTH]
    where = f"event {position} ('{_shown(title)}')" if title else f"event {position} (an untitled event)"
    title = title or UNTITLED
    for name, problem in getattr(component, "errors", []):
        what = _shown(name) if name else "one of its lines"
        raise CalendarError(f"{where}: {what} cannot be read ({_shown(problem)})")
    if "DTSTART" not in component:
        raise CalendarError(f"{where} has no start (DTSTART)")
    try:
        start, end = component.start, component.end
        params = component["DTSTART"].params
    except Exception as exc:  # icalendar raises several kinds for inconsistent or repeated start/end
        raise CalendarError(f"{where}: its start and end cannot be read ({_shown(exc)})") from exc
    if not isinstance(start, date) or not isinstance(end, date):
        raise CalendarError(f"{where}: its start and end cannot be read")

    if _text(component, "STATUS").upper() == "CANCELLED":
        return None, f"{where} is cancelled; skipped"

    all_day = not isinstance(start, datetime)
    if all_day != (not isinstance(end, datetime)):
        raise CalendarError(f"{where}: DTSTART and DTEND must be of the same type, either date or datetime")
    for day in (start, end):  # far outside the plan years: refused before any arithmetic could overflow on it
        if not MIN_YEAR - 1 <= day.year <= MAX_YEAR + 1:
            raise CalendarError(f"{where} is dated {day.isoformat()[:10]}, outside any plan year")
    if all_day:
        days = max((end - start).days, 1)
        start_date, end_date = start, start + timedelta(days=days - 1)
        hours = all_day_hours(days)
    else:
        assert isinstance(start, datetime) and isinstance(end, datetime)
        start, end = _same_kind(start, end)
        if end < start:
            raise CalendarError(f"{where} ends (DTEND) before it starts (DTSTART)")
        if start.tzinfo is not None and "TZID" not in params:
            # UTC: shown (and attended) at the member's local time.
            start, end = start.astimezone(zone), end.astimezone(zone)
        elif start.tzinfo is not None and end.tzinfo is not None:
            end = end.astimezone(start.tzinfo)
        last = end - timedelta(microseconds=1) if end > start else start  # ending at midnight ends the day before
        start_date, end_date = start.date(), last.date()
    for day in (start_date, end_date):
        if not valid_year(day.year):
            raise CalendarError(f"{where} is dated {day.isoformat()}, outside any plan year")
    if not all_day:
        hours = timed_hours(start, end)  # a day at a time: only once the dates are known to be plan years
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
    if component.get("RRULE") is not None:
        return event, f"'{title}' repeats; only its first date was imported"
    return event, None


def _check_nesting(data: bytes, source: str) -> None:
    """Every BEGIN: closed by the END: of the same name, innermost first, at most MAX_NESTING deep. The library
    pops whatever component is open at any END:, so an event closed by END:VTIMEZONE fails later, deep inside it.
    The lines are read as the library reads them (unfolded, with their parameters); what it cannot read, it
    reports itself."""
    try:
        lines = icalendar.parser.Contentlines.from_ical(data)
    except Exception:  # the library's own parse says what is wrong with the text
        return
    open_: list[str] = []
    for line in lines:
        if not line[:5].upper().startswith(("BEGIN", "END")):
            continue
        try:
            kind, _params, value = line.parts()
        except Exception:  # a line the library cannot split: it reports it
            continue
        kind, name = kind.upper(), _shown(value).upper()
        if kind == "BEGIN":
            if len(open_) >= MAX_NESTING:
                raise CalendarError(f"{source} is not a readable iCalendar (.ics) file: its components nest more "
                                    f"than {MAX_NESTING} deep")
            open_.append(name)
        elif kind == "END":
            if not open_:
                raise CalendarError(f"{source} is not a readable iCalendar (.ics) file: END:{name} has no BEGIN:{name} "
                                    "before it")
            if open_[-1] != name:
                raise CalendarError(f"{source} is not a readable iCalendar (.ics) file: BEGIN:{open_[-1]} is closed "
                                    f"by END:{name}; the file is damaged")
            open_.pop()
    if open_:
        what = "calendar" if open_[0] == "VCALENDAR" else f"BEGIN:{open_[0]}"
        raise CalendarError(f"{source} is cut short or damaged: its {what} has no END:{open_[0]}")


def parse_ics(data: bytes, zone: tzinfo | None = None, source: str = "the file") -> ParsedCalendar:
    """Every event of an .ics file. Raises CalendarError (with what is wrong) if the file is broken."""
    zone = zone or local_zone()
    with warnings.catch_warnings():
        # A TZID such as "/mozilla.org/20050126_1/America/New_York" (Thunderbird writes them) is read as the zone it
        # ends with, which is right; the library warns about the guess on stderr. Only that warning is silenced.
        warnings.filterwarnings("ignore", category=GloballyUniqueTZIDGuessed)
        return _parse(data, zone, source)


def _parse(data: bytes, zone: tzinfo, source: str) -> ParsedCalendar:
    if not data.strip():
        raise CalendarError(f"{source} is empty")
    _check_nesting(data, source)
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # the library raises ValueError mostly, but TypeError/AttributeError on odd input
        raise CalendarError(f"{source} is not a readable iCalendar (.ics) file: {_shown(exc)}") from exc
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        if b"BEGIN:VCALENDAR" in data.upper():
            raise CalendarError(f"{source} is cut short or damaged: its calendar has no END:VCALENDAR")
        raise CalendarError(f"{source} is not an iCalendar file (no BEGIN:VCALENDAR)")
    events: list[CalendarEvent] = []
    notes: list[str] = []
    seen: set[str] = set()
    position = 0
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            position += 1
            event, note = _event(component, zone, position)
            if note:
                notes.append(note)
            if event is None:
                continue
            if event.uid in seen:
                notes.append(f"'{event.title}' appears twice in the file (same UID); added once")
                continue
            seen.add(event.uid)
            events.append(event)
    if position == 0:
        raise CalendarError(f"{source} contains no events (VEVENT)")
    return ParsedCalendar(tuple(events), tuple(notes))


def read_ics(path: Path | str, zone: tzinfo | None = None) -> ParsedCalendar:
    """Parse the file at `path`: a regular file (not a folder, device or pipe) of at most MAX_FILE_BYTES."""
    path = Path(path)
    try:
        data = read_input_file(path, MAX_FILE_BYTES)
    except InputFileError as exc:
        if exc.reason == "too_large":
            raise CalendarError(f"{path.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; it is not a "
                                "calendar invitation") from None
        problem = {
            "missing": "cannot be read: No such file or directory",
            "folder": "is a folder, not an .ics file",
            "special": "is not a regular file (a device, pipe or socket), so not an .ics file",
        }.get(exc.reason, f"cannot be read: {exc.detail}")
        raise CalendarError(f"{path} {problem}") from None
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
        raise CalendarError(f"'{_shown(event.title)}' cannot be planned: {exc}") from exc
    return plan_id, item


def import_events(parsed: ParsedCalendar,
                  progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Add each new event to the plan of its year, in one transaction (all or nothing), ROWS_PER_STATEMENT events
    at a time (plans.insert_items); `progress(done, total)` is called after each batch. Events already imported
    (same UID) are looked up again inside the transaction, which holds the write lock."""
    result = ImportResult(warnings=list(parsed.warnings))
    events = parsed.events
    total = len(events)
    known = imported_uids()
    if any(event.uid not in known for event in events):
        backup_before("calendar import")
    with database_proxy.atomic():
        known = imported_uids()  # another import may have added some since
        plan_ids: dict[int, int] = {}
        for start in range(0, total, ROWS_PER_STATEMENT):
            batch: list[tuple[int, PlanItemData]] = []
            years: list[int] = []
            for event in events[start:start + ROWS_PER_STATEMENT]:
                if event.uid in known:
                    result.already_imported.append(event)
                    continue
                batch.append(_planned(event, plan_ids))
                years.append(event.year)
                known.add(event.uid)
            result.added += zip(years, insert_items(batch), strict=True)
            if progress is not None:
                progress(min(start + ROWS_PER_STATEMENT, total), total)
    return result


def import_ics(path: Path | str, zone: tzinfo | None = None,
               progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Read `path` and add its events as planned items. Raises CalendarError (nothing changed) if it is broken."""
    return import_events(read_ics(path, zone), progress)

