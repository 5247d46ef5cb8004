"""Cell values as people write them in their spreadsheets, read into the fields of an activity.

Dates: ISO (2026-03-05), M/D/YYYY or D/M/YYYY (the file decides which: `decide_date_order`), D.M.YYYY (always day
first), two-digit years (3/5/26), month names (March 5, 2026; 5 Mar 2026; 05-Mar-26), Excel date cells and Excel
serial numbers (1900 system). Hours: 1.5, 1,5, 1:30, 90 min, 1h30, 1.5 hrs, 2 CEUs (a credit is read as an hour),
numeric and time cells. Types, statuses and practices by name or synonym. Every reader returns a `Reading`: the
value, or an error message (the caller prefixes the column), and maybe a warning. Numbers are ASCII digits only.

Every message goes through i18n's `tr` (the wizard shows it in the user's language; `wethrive import` prints the
English as written), and so do the labels below where they are shown (`tr(DATE_ORDER_LABELS["dmy"])`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Generic, TypeVar

from wethrive_desktop.exchange.csv_io import shown
from wethrive_desktop.i18n import tr
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, Status
from wethrive_desktop.models.topics import clean_topics

# What a cell can hold: text (every cell of a CSV), or a number, date, time or duration from an Excel cell.
Cell = str | int | float | date | time | timedelta | None

T = TypeVar("T")

DATE_ORDER_LABELS = {"mdy": "month first (M/D/YYYY, US)", "dmy": "day first (D/M/YYYY)",
                     "ymd": "year first (YYYY/M/D)"}
ALL_ORDERS = frozenset(DATE_ORDER_LABELS)
DATE_EXAMPLES = "e.g. 2026-03-05, 3/5/2026 or March 5, 2026"
HOURS_EXAMPLES = "e.g. 1.5, 1:30 or 90 min"
HUNDREDTH = Decimal("0.01")
MAX_HOURS_DIGITS = 6  # whole hours; more is no activity (and keeps every Decimal within the default precision)
MAX_VALUE_CHARS = 40  # a date or hours cell longer than this is not one
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 system, as from 1 March 1900 (it counts a 29 February 1900)
# The serial numbers read as dates: 1927-05-18 to 2173-10-13. A smaller number is no date someone meant ("2026" is a
# year, 45 a count), and none of this app's years (1900-2200) needs one.
MIN_SERIAL, MAX_SERIAL = 10_000, 99_999


@dataclass(frozen=True)
class Reading(Generic[T]):
    """A value read from a cell; `error` (the value is then None) or `warning` say what went wrong or was guessed."""

    value: T | None
    error: str | None = None
    warning: str | None = None


def cell_text(cell: Cell) -> str:
    """A cell as text: as typed for text, ISO for dates, plain notation for numbers, h:mm for times."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time(0) else cell.isoformat(" ", timespec="minutes")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, time):
        return cell.strftime("%H:%M" if not cell.second else "%H:%M:%S")
    seconds = int(cell.total_seconds())
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}"


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


# --- dates ---------------------------------------------------------------------------------------------------------

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.ASCII)
_TIME_TAIL = re.compile(r"(?:[ t]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?:z|[+-]\d{2}:?\d{2})?)$",
                        re.ASCII)
_YEAR_FIRST = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$", re.ASCII)
_YEAR_LAST = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$", re.ASCII)
_MONTH_NAME_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", re.ASCII)
_DAY_FIRST_NAMED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})$", re.ASCII)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII)
_SERIAL = re.compile(r"^(\d{1,7})(?:\.\d+)?$", re.ASCII)


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_year(two_digits: int) -> int:
    """A two-digit year as Python's %y reads it: 00-68 are 2000-2068, 69-99 are 1969-1999."""
    return 2000 + two_digits if two_digits < 69 else 1900 + two_digits


@dataclass(frozen=True)
class DateReading:
    """A date cell read: a `fixed` date, or a numeric date with the year last (`first`/`second`/`year`) whose
    day/month order the file decides, or an `error`."""

    fixed: date | None = None
    first: int = 0
    second: int = 0
    year: int = 0
    error: str | None = None
    serial: bool = False  # read from an Excel serial number
    two_digit_year: bool = False

    @property
    def depends_on_order(self) -> bool:
        return self.year != 0

    def orders(self) -> frozenset[str]:
        """The orders that read it as a real date (ymd, meaningless with the year last, counts as month first)."""
        if not self.depends_on_order:
            return ALL_ORDERS
        found: set[str] = set()
        if _real(self.year, self.first, self.second):
            found |= {"mdy", "ymd"}
        if _real(self.year, self.second, self.first):
            found.add("dmy")
        return frozenset(found)

    def resolve(self, order: str) -> date | None:
        if not self.depends_on_order:
            return self.fixed
        if order == "dmy":
            return _real(self.year, self.second, self.first)
        return _real(self.year, self.first, self.second)


def _number_not_a_date(number: float) -> DateReading:
    return DateReading(error=tr("{value} is not a date ({examples})").format(value=shown(cell_text(number)),
                                                                            examples=tr(DATE_EXAMPLES)))


def _serial_date(number: float) -> DateReading:
    whole = int(number)
    if not MIN_SERIAL <= whole <= MAX_SERIAL:
        return _number_not_a_date(number)
    return DateReading(fixed=EXCEL_EPOCH + timedelta(days=whole), serial=True)


def _not_a_date(raw: str) -> DateReading:
    return DateReading(error=tr("'{value}' is not a date ({examples})").format(value=shown(raw),
                                                                              examples=tr(DATE_EXAMPLES)))


def _not_real(raw: str) -> DateReading:
    return DateReading(error=tr("'{value}' is not a real date").format(value=shown(raw)))


def read_date(cell: Cell) -> DateReading:
    """A date cell, read without knowing the file's day/month order (see DateReading)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return DateReading()
    if isinstance(cell, datetime):
        return DateReading(fixed=cell.date())
    if isinstance(cell, date):
        return DateReading(fixed=cell)
    if isinstance(cell, (time, timedelta)):
        return DateReading(error=tr("{value} is a time, not a date").format(value=cell_text(cell)))
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return _serial_date(cell) if cell == cell and abs(cell) < 1e9 else _number_not_a_date(cell)
    raw = cell_text(cell).strip()
    if len(raw) > MAX_VALUE_CHARS:
        return _not_a_date(raw)
    text = _WEEKDAY.sub("", " ".join(raw.casefold().split()))
    text = _TIME_TAIL.sub("", text) or text
    match = _YEAR_FIRST.match(text) or _COMPACT.match(text)
    if match:
        groups = [g for g in match.groups() if g not in ("-", "/", ".")]
        day = _real(int(groups[0]), int(groups[1]), int(groups[2]))
        return DateReading(fixed=day) if day else _not_real(raw)
    match = _YEAR_LAST.match(text)
    if match:
        first, separator, second, year_text = match.groups()
        two_digits = len(year_text) == 2
        year = full_year(int(year_text)) if two_digits else int(year_text)
        a, b = int(first), int(second)
        if separator == ".":  # D.M.YYYY: written day first wherever dots are used
            day = _real(year, b, a)
            return DateReading(fixed=day, two_digit_year=two_digits) if day else _not_real(raw)
        reading = DateReading(first=a, second=b, year=year, two_digit_year=two_digits)
        orders = reading.orders()
        if not orders:
            return _not_real(raw)
        if a == b:  # the same date either way
            return DateReading(fixed=reading.resolve("mdy"), two_digit_year=two_digits)
        return reading
    match = _MONTH_NAME_FIRST.match(text)
    if match and match.group(1) in _MONTHS:
        day = _real(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
        return DateReading(fixed=day) if day else _not_real(raw)
    match = _DAY_FIRST_NAMED.match(text)
    if match and match.group(2) in _MONTHS:
        year_text = match.group(3)
        year = full_year(int(year_text)) if len(year_text) == 2 else int(year_text)
        day = _real(year, _MONTHS[match.group(2)], int(match.group(1)))
        return DateReading(fixed=day, two_digit_year=len(year_text) == 2) if day else _not_real(raw)
    match = _SERIAL.match(text)
    if match:
        return _serial_date(float(text))
    return _not_a_date(raw)


@dataclass(frozen=True)
class DateOrder:
    """The day/month order a file's numeric dates are read in, and why.

    `how`: "given" (the user chose it), "file" (the file's own dates allow only this one), "assumed" (every such date
    reads either way: the preference), "unneeded" (no date depends on it) or "conflict" (the file contradicts itself:
    `conflict` names both rows; `order` is then the preference, and the file cannot be imported as it is)."""

    order: str
    how: str
    reason: str
    conflict: tuple[tuple[int, str], tuple[int, str]] | None = None

    @property
    def label(self) -> str:
        """The order in words, in the user's language."""
        return tr(DATE_ORDER_LABELS[self.order])


def _not_an_order(order: str) -> ValueError:
    return ValueError(tr("'{order}' is not a date order ({orders})").format(order=order,
                                                                          orders=", ".join(sorted(ALL_ORDERS))))


def _conflict(first: tuple[int, str], earlier: frozenset[str], second: tuple[int, str]) -> str:
    """Why two dates contradict each other: the first only a date one way, the second only the other."""
    template = (tr("the dates contradict each other: line {line} ('{value}') is only a date day first and line "
                   "{other_line} ('{other_value}') only month first; correct one of them, or choose the order")
                if earlier == {"dmy"} else
                tr("the dates contradict each other: line {line} ('{value}') is only a date month first and line "
                   "{other_line} ('{other_value}') only day first; correct one of them, or choose the order"))
    return template.format(line=first[0], value=shown(first[1]), other_line=second[0], other_value=shown(second[1]))


def _decided_by(order: str, line: int, raw: str, orders: frozenset[str]) -> str:
    """Why the file's dates are read in `order`: line `line` ('raw') is a date only in `orders`."""
    template = (tr("{order}: line {line} has '{value}', which is only a date day first") if orders == {"dmy"} else
                tr("{order}: line {line} has '{value}', which is only a date month first"))
    return template.format(order=tr(DATE_ORDER_LABELS[order]), line=line, value=shown(raw))


def decide_date_order(readings: Sequence[tuple[int, str, DateReading]], *, given: str | None = None,
                      prefer: str = "mdy") -> DateOrder:
    """The order to read a file's numeric dates in, from every (line, cell text, reading) of its date columns."""
    if given is not None:
        if given not in ALL_ORDERS:
            raise _not_an_order(given)
        return DateOrder(given, "given", tr("{order}, as chosen").format(order=tr(DATE_ORDER_LABELS[given])))
    if prefer not in ALL_ORDERS:
        raise _not_an_order(prefer)
    pending = [(line, raw, r.orders()) for line, raw, r in readings if r.depends_on_order and r.orders()]
    if not pending:
        return DateOrder(prefer, "unneeded", tr("no date in the file depends on the day/month order"))
    possible = set(ALL_ORDERS)
    deciders: list[tuple[int, str, frozenset[str]]] = []
    for line, raw, orders in pending:
        if orders == ALL_ORDERS:
            continue
        if not possible & orders:
            earlier = next((d for d in deciders if not d[2] & orders), deciders[0])
            first, second = (earlier[0], earlier[1]), (line, raw)
            return DateOrder(prefer, "conflict", _conflict(first, earlier[2], second), (first, second))
        possible &= orders
        deciders.append((line, raw, orders))
    if not deciders:
        line, raw, _ = pending[0]
        return DateOrder(prefer, "assumed", tr("{order}, assumed: every date in the file reads either way (e.g. line "
                                               "{line}: '{value}'); choose the other order if that is wrong").format(
            order=tr(DATE_ORDER_LABELS[prefer]), line=line, value=shown(raw)))
    order = prefer if prefer in possible else next(o for o in ("mdy", "dmy", "ymd") if o in possible)
    line, raw, orders = deciders[0]
    return DateOrder(order, "file", _decided_by(order, line, raw, orders))


# --- hours ---------------------------------------------------------------------------------------------------------

_NUMBER = r"(\d+(?:[.,]\d+)?|[.,]\d+)"
_HOURS_UNIT = r"(?:h|hr|hrs|hour|hours)"
_MINUTES_UNIT = r"(?:m|min|mins|minute|minutes)"
_CREDIT_UNIT = r"(?:ceu|ceus|credit|credits|credit hours?|contact hours?|pdh|pdhs|cpe)"
_PLAIN_HOURS = re.compile(rf"^(-?)\s*{_NUMBER}\s*(?:{_HOURS_UNIT}|{_CREDIT_UNIT})?\.?$", re.ASCII)
_MINUTES = re.compile(rf"^{_NUMBER}\s*{_MINUTES_UNIT}\.?$", re.ASCII)
_HOURS_AND_MINUTES = re.compile(rf"^(\d+)\s*{_HOURS_UNIT}\.?,?\s*(?:and\s+)?(\d{{1,2}})\s*(?:{_MINUTES_UNIT}\.?)?$",
                                re.ASCII)
_CLOCK = re.compile(r"^(\d+):([0-5]\d)(?::([0-5]\d))?$", re.ASCII)


def _from_minutes(minutes: Decimal) -> Decimal:
    return (minutes / 60).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _not_hours(raw: str) -> str:
    return tr("'{value}' is not a number of hours ({examples})").format(value=shown(raw), examples=tr(HOURS_EXAMPLES))


def _negative() -> str:
    return tr("must not be negative")


def _too_large(value: str, typed: bool) -> str:
    """`value` (a number cell, or text `typed` in a cell) is too large to be hours."""
    template = tr("'{value}' is too large to be a number of hours") if typed else \
        tr("{value} is too large to be a number of hours")
    return template.format(value=shown(value))


def read_hours(cell: Cell) -> Reading[Decimal]:
    """Hours from a cell; None (no error) for an empty one. At most two decimals are validation's to check, except
    for a number cell, rounded to hundredths with a warning (a spreadsheet shows 1.3333333 as 1.33)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return Reading(None)
    if isinstance(cell, bool) or isinstance(cell, date):
        return Reading(None, _not_hours(cell_text(cell)))
    if isinstance(cell, time):
        return Reading(_from_minutes(Decimal(cell.hour * 60 + cell.minute) + Decimal(cell.second) / 60))
    if isinstance(cell, timedelta):
        if cell < timedelta(0):
            return Reading(None, _negative())
        return Reading(_from_minutes(Decimal(int(cell.total_seconds())) / 60))
    if isinstance(cell, (int, float)):
        if cell != cell or abs(cell) >= 10 ** MAX_HOURS_DIGITS:
            return Reading(None, _too_large(cell_text(cell), typed=False))
        if cell < 0:
            return Reading(None, _negative())
        exact = Decimal(repr(cell)) if isinstance(cell, float) else Decimal(cell)
        rounded = exact.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
        if rounded != exact:
            return Reading(rounded, warning=tr("{value} rounded to {rounded}").format(value=cell_text(cell),
                                                                                     rounded=rounded))
        return Reading(exact)
    raw = cell_text(cell).strip()
    text = " ".join(raw.casefold().split())
    if len(text) > MAX_VALUE_CHARS:
        return Reading(None, _not_hours(raw))
    try:
        match = _CLOCK.match(text)
        if match:
            hours, minutes, seconds = match.groups()
            whole = int(_small(hours))
            return Reading(_from_minutes(Decimal(whole * 60 + int(minutes)) + Decimal(int(seconds or 0)) / 60))
        match = _MINUTES.match(text)
        if match:
            return Reading(_from_minutes(_decimal(_small(match.group(1)))))
        match = _HOURS_AND_MINUTES.match(text)
        if match:
            minutes = int(match.group(2))
            if minutes >= 60:
                return Reading(None, _not_hours(raw))
            return Reading(_from_minutes(Decimal(int(_small(match.group(1))) * 60 + minutes)))
        match = _PLAIN_HOURS.match(text)
        if match:
            if match.group(1):
                return Reading(None, _negative())
            return Reading(_decimal(_small(match.group(2))))
    except _TooLarge:
        return Reading(None, _too_large(raw, typed=True))
    except InvalidOperation:
        return Reading(None, _not_hours(raw))
    return Reading(None, _not_hours(raw))


class _TooLarge(Exception):
    pass


def _small(number: str) -> str:
    """`number` (digits, maybe a decimal point or comma) if its whole part has at most MAX_HOURS_DIGITS digits."""
    whole = re.split(r"[.,]", number, maxsplit=1)[0].lstrip("0")
    if len(whole) > MAX_HOURS_DIGITS:
        raise _TooLarge(number)
    return number


# --- types, statuses, practices, challenge items ---------------------------------------------------------------

_TYPE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "conference": ("conf", "annual conference", "regional summit", "summit", "convention", "symposium", "congress",
                   "state conference", "conference session"),
    "workshop": ("seminar", "training", "training session", "in person training", "bootcamp", "boot camp", "clinic",
                 "workshops", "seminars", "class"),
    "webinar": ("webcast", "web seminar", "online seminar", "virtual seminar", "on demand webinar", "live webinar",
                "virtual session", "online session", "webinars", "web conference"),
    "e-course": ("ecourse", "online course", "online training", "e learning", "elearning", "self paced course",
                 "self paced", "mooc", "online module", "online class", "web course", "distance learning",
                 "online learning", "e courses", "ecourses"),
    "certificate program": ("certificate", "certificate programme", "certification", "certification program",
                            "certificate course", "credential program"),
    "leadership institute": ("institute", "leadership program", "leadership programme", "leadership academy",
                             "eldp", "mcmi", "leadership icma"),
    "academic course": ("university course", "college course", "graduate course", "university", "college", "degree",
                        "graduate", "academic", "course for credit", "masters course"),
    "reading": ("book", "books", "article", "articles", "report", "reports", "journal", "professional reading",
                "book club", "read"),
    # Coaching or mentoring RECEIVED is "coaching"; given, "mentoring" (the member as mentor) or "coaching-given"
    # (the member as coach, in the ICMA Coaching Program). A bare "coaching" reads as received.
    "coaching": ("coaching session", "coaching received", "mentoring received", "coached", "coached by",
                 "mentored by", "being coached", "being mentored", "executive coaching", "my coach", "my mentor",
                 "coaching mentoring", "mentoring coaching", "coaching or mentoring",
                 "coaching or mentoring given or received"),
    "mentoring": ("mentor", "mentorship", "mentoring given", "mentoring session", "mentoring a student",
                  "mentoring an intern", "peer mentoring", "mentor program", "as mentor"),
    "coaching-given": ("coach", "coach given", "coaching given", "coaching program", "icma coaching program",
                       "coaching provided", "gave coaching", "as coach"),
    "teaching": ("presenting", "presentation", "presenter", "speaker", "speaking", "panelist", "panel", "instructor",
                 "guest lecture", "lecture", "teaching presenting", "writing"),
    "exchange": ("peer exchange", "site visit", "study tour", "international management exchange", "peer learning"),
    "other": ("misc", "miscellaneous", "various", "n a", "na"),
}
_TYPE_BY_NAME = {_words(key): key for key in ACTIVITY_TYPES} | {
    synonym: key for key, synonyms in _TYPE_SYNONYMS.items() for synonym in synonyms}
_TYPE_BY_SQUASHED = {name.replace(" ", ""): key for name, key in _TYPE_BY_NAME.items()}


def read_type(cell: Cell) -> Reading[str]:
    """An activity type by key, name or synonym ("Online course" -> e-course), also found inside a longer label
    ("Live webinar"); else 'other' with a warning. Empty: 'other'."""
    raw = cell_text(cell).strip()
    if not raw:
        return Reading("other")
    name = _words(raw)
    found = _TYPE_BY_NAME.get(name) or _TYPE_BY_SQUASHED.get(name.replace(" ", ""))
    if found is None and name:
        words = name.split()
        best = 0
        for synonym, key in _TYPE_BY_NAME.items():
            parts = synonym.split()
            if len(parts) > best and any(words[i:i + len(parts)] == parts for i in range(len(words))):
                found, best = key, len(parts)
    if found is None:
        return Reading("other", warning=tr("'{value}' is not a type the app knows ({types}); stored as 'other'").format(
            value=shown(raw), types=", ".join(ACTIVITY_TYPES)))
    said = set(name.split())
    if found == "coaching" and (name in _EITHER_WAY or said & {"mentoring", "mentor"} and not said & _SAID_RECEIVED):
        return Reading(found, warning=tr("'{value}' read as coaching received; if you gave it, choose mentoring given "
                                         "or coaching given").format(value=shown(raw)))
    return Reading(found)


# The old single type, "coaching or mentoring, given or received" ("Coaching/Mentoring"), reads as received, with a
# warning: unless the words say it was received.
_SAID_RECEIVED = frozenset({"received", "by", "my"})
_EITHER_WAY = frozenset({"coaching or mentoring given or received", "coaching mentoring given or received"})


_YES = frozenset({"yes", "y", "true", "1", "x"})
_NO = frozenset({"no", "n", "false", "0"})


def read_yes_no(cell: Cell) -> Reading[bool]:
    """yes or no (y/n, true/false, 1/0, an x for yes, an Excel TRUE/FALSE); None (no error) for an empty cell."""
    if cell is None:
        return Reading(None)
    if isinstance(cell, bool):
        return Reading(cell)
    raw = cell_text(cell).strip()
    word = _words(raw)
    if not word:
        return Reading(None)
    if word in _YES:
        return Reading(True)
    if word in _NO:
        return Reading(False)
    return Reading(None, tr("'{value}' is not yes or no (leave it empty when not said)").format(value=shown(raw)))


_TOPIC_SPLIT = re.compile(r"[;,|\n]+")


def read_topics(cell: Cell) -> Reading[tuple[str, ...]]:
    """Topic tags separated by ; , | or line breaks ("Ethics; Law" -> ethics, law); none for an empty cell. A tag
    that cannot be stored (too long) is validation's to name."""
    text = cell_text(cell)
    return Reading(clean_topics(_TOPIC_SPLIT.split(text)) if text.strip() else ())


_STATUS_BY_NAME = {
    **{word: Status.COMPLETED.value for word in ("completed", "complete", "done", "finished", "attended", "yes", "y",
                                                 "passed", "certified", "earned")},
    **{word: Status.PLANNED.value for word in ("planned", "plan", "upcoming", "scheduled", "registered", "to do",
                                               "todo", "future", "not started", "pending", "in progress")},
}


def read_status(cell: Cell) -> Reading[str]:
    """completed (also done, attended...) or planned (also upcoming, registered...); empty is completed."""
    raw = cell_text(cell).strip()
    if not raw:
        return Reading(Status.COMPLETED.value)
    found = _STATUS_BY_NAME.get(_words(raw))
    if found is None:
        return Reading(None, tr("'{value}' is not 'completed' or 'planned'").format(value=shown(raw)))
    return Reading(found)


_PRACTICE_SPLIT = re.compile(r"[;,|/\n]+")
_PRACTICE_NUMBER = re.compile(r"^(?:practice|p|no|#)?\s*\.?\s*#?\s*(\d{1,3})$", re.ASCII)
_PRACTICE_LABEL = re.compile(r"^(\d{1,2})\s*[-\u2013:.)]\s*(.+)$")
_PRACTICE_BY_NAME = {_words(name): number for number, name in PRACTICES.items()}
_SMALL_WORDS = frozenset({"and", "of", "the", "in", "for"})
_PRACTICE_WORDS = {number: frozenset(_words(name).split()) - _SMALL_WORDS for number, name in PRACTICES.items()}


def _practice(token: str) -> tuple[int | None, str | None, str | None]:
    """(number, error, warning) for one practice as written."""
    text = token.strip()
    match = _PRACTICE_NUMBER.match(_words(text)) if text else None
    if match:
        return int(match.group(1)), None, None  # the range is validation's to check, with its own message
    label = _PRACTICE_LABEL.match(text)
    if label and int(label.group(1)) in PRACTICES and (
            _PRACTICE_BY_NAME.get(_words(label.group(2))) == int(label.group(1))
            or _words(PRACTICES[int(label.group(1))]).startswith(_words(label.group(2)))):
        return int(label.group(1)), None, None
    name = _words(text)
    exact = _PRACTICE_BY_NAME.get(name)
    if exact is not None:
        return exact, None, None
    words = frozenset(name.split()) - _SMALL_WORDS
    matches = [n for n, names in _PRACTICE_WORDS.items() if words and words <= names]
    if len(matches) == 1:
        number = matches[0]
        return number, None, tr("'{value}' read as practice {number} ({name})").format(
            value=shown(text), number=number, name=tr(PRACTICES[number]))
    if len(matches) > 1:
        listed = ", ".join(f"{n} {tr(PRACTICES[n])}" for n in matches)
        return None, tr("'{value}' could be several practices ({practices}); use the number").format(
            value=shown(text), practices=listed), None
    return None, tr("'{value}' is not a practice number (1-14) or name").format(value=shown(text)), None


def read_practices(cell: Cell) -> Reading[tuple[int, ...]]:
    """Practice numbers 1-14 or names, separated by ; , | or /; a number cell is one practice."""
    if cell is None:
        return Reading(())
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if float(cell).is_integer():
            return Reading((int(cell),))
        return Reading(None, tr("{value} is not a practice number (1-14); separate practices with ';'").format(
            value=cell_text(cell)))
    numbers: list[int] = []
    errors: list[str] = []
    warnings: list[str] = []
    for token in _PRACTICE_SPLIT.split(cell_text(cell)):
        if not token.strip():
            continue
        number, error, warning = _practice(token)
        if number is not None:
            numbers.append(number)
        if error:
            errors.append(error)
        if warning:
            warnings.append(warning)
    if errors:
        listed = "; ".join(errors[:3])
        if len(errors) > 3:
            return Reading(None, tr("{errors} and {count} more (separate practices with ';')").format(
                errors=listed, count=len(errors) - 3))
        return Reading(None, tr("{errors} (separate practices with ';')").format(errors=listed))
    return Reading(tuple(numbers), warning="; ".join(warnings) or None)


def read_challenge(cell: Cell, names: Mapping[str, str]) -> Reading[str]:
    """A challenge item by key (ethics-101) or by its catalogue name (`names`: name as _words -> key); None when
    empty. Whether it is in the year's catalogue is validation's to check."""
    raw = cell_text(cell).strip()
    if not raw:
        return Reading(None)
    return Reading(names.get(_words(raw), raw.casefold()))


def challenge_names(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    """(key, name) pairs of the catalogues as read_challenge's `names`."""
    return {_words(name): key for key, name in items}
