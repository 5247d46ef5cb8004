"""Activities as CSV: the one format a manager's spreadsheet speaks. Import and export share it.

Reading is forgiving where spreadsheets differ (a UTF-8 byte-order mark, column names in any case and order,
`MM/DD/YYYY` dates, `1:30` hours, practices by number or by name) and strict where a guess could store a wrong
record: every problem becomes a `LineError` (`line N: column: message`, the header being line 1) and, if there is
any, nothing is imported. Export writes the columns in a fixed order, with a BOM so Excel shows accented names
correctly, through a temp file moved into place; an exported file imports back to the same records.

Hostile or broken input is refused with a message, never a traceback: only a regular file of at most
MAX_FILE_BYTES is read (not a pipe or a device), text with NUL bytes or that is not UTF-8 is refused naming the file,
numbers are ASCII digits only, and every value a message quotes is shortened and shown without control characters.
A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is
exported with a leading `'`, which the import removes again (see `neutralise` and `unneutralise`).

The columns of ICMA's counting (migration 6) follow the others: `topics` (tags separated by ';'), `delivery_hours`
(teaching's delivery, shown, not counted), `meets_conditions` (yes, no or empty: not said) and the mentoring columns
(mentee, mentee_position, own_employee, mentoring_program, relationship_start, relationship_end, frequency,
subjects), which only a mentoring or coaching given may fill. A file without them imports as before.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from operator import itemgetter
from pathlib import Path
from typing import Any

from wethrive_desktop.files import InputFileError, read_input_file, write_atomically
from wethrive_desktop.models.activities import (
    ActivityData,
    ActivityRecord,
    check,
    insert_activities,
    load_activities,
    normalized,
    plan_import,
    stored_identities,
)
from wethrive_desktop.models.backups import backup_before
from wethrive_desktop.models.challenge import load_catalogues
from wethrive_desktop.models.db import StoreError, database_proxy
from wethrive_desktop.models.domain import (
    ACTIVITY_TYPES,
    GIVEN_TYPES,
    MAX_YEAR,
    MIN_YEAR,
    PRACTICES,
    Status,
    valid_year,
)
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.models.rules import Catalogues, format_hours
from wethrive_desktop.models.topics import join_topics, parse_topics
from wethrive_desktop.models.validation import FIELD_LABELS

# The mentoring columns: what ICMA asks of a mentoring or coaching given (models/mentoring.py), one row per activity.
MENTORING_COLUMNS = ("mentee", "mentee_position", "own_employee", "mentoring_program", "relationship_start",
                     "relationship_end", "frequency", "subjects")
# The columns of migration 6 come last, so a file written before them keeps its column places.
COLUMNS = ("date", "end_date", "title", "provider", "type", "hours", "practices", "description", "learned",
           "status", "challenge", "topics", "delivery_hours", "meets_conditions", *MENTORING_COLUMNS)
REQUIRED_COLUMNS = ("date", "title", "hours")
ENCODING_OUT = "utf-8-sig"  # Excel needs the BOM to read UTF-8; the import accepts files with or without it

MAX_FILE_BYTES = 50 * 1024 * 1024  # far more than any real activity list; read whole, so bounded before reading
# Free text: the cells a formula could hide in.
TEXT_COLUMNS = ("title", "provider", "description", "learned", "topics", "mentee", "mentee_position",
                "mentoring_program", "frequency", "subjects")
FORMULA_STARTS = frozenset("=+-@\t\r")  # OWASP "CSV injection": what makes a spreadsheet read a cell as a formula

# Numbers are ASCII digits only (re.ASCII: \d would match "١٢" or "²", which int() and Decimal() read oddly or not).
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", re.ASCII)
_HOURS_MINUTES = re.compile(r"^(\d+):([0-5]\d)$", re.ASCII)
_HOURS_DECIMAL = re.compile(r"^(-?)(\d+(?:\.\d*)?|\.\d+)$", re.ASCII)  # plain notation: no exponent, NaN, Infinity
_MAX_HOURS_CHARS = 32  # longer is no number of hours; bounds the digits the decimal context below must hold
_PRACTICE_NUMBER = re.compile(r"^\d{1,3}$", re.ASCII)  # 15 or 100 still reach validation ("run from 1 to 14")
_PRACTICE_LABEL = re.compile(r"^(\d{1,2})\s*[-\u2013:.]\s*(.+)$", re.ASCII)
_PRACTICE_BY_NAME = {name.casefold(): number for number, name in PRACTICES.items()}
# Decimal arithmetic for checking a row: wide enough for any hours cell the parser lets through (at most
# _MAX_HOURS_CHARS digits), so validation's quantize and limits answer with a message instead of InvalidOperation.
_ROW_DECIMALS = Context(prec=4 * _MAX_HOURS_CHARS, traps=[InvalidOperation, DivisionByZero, Overflow])
_SHOWN_CHARS = 40  # how much of a value a message quotes
_MAX_LISTED = 5  # how many bad practices a message lists
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})
_ZERO_HOURS = Decimal("0.00")


def printable(text: str) -> str:
    """`text` with every control or otherwise unprintable character escaped (no NUL or ESC reaches a terminal)."""
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(value: str, limit: int = _SHOWN_CHARS) -> str:
    """A value as a message quotes it: printable and at most `limit` characters (then '...')."""
    clean = printable(value)
    return clean if len(clean) <= limit else clean[:limit] + "..."


def neutralise(text: str) -> str:
    """A text cell as exported: prefixed with `'` when a spreadsheet would read it as a formula. Also when it
    already starts with quotes before such a character, so that `unneutralise` gives back exactly `text`."""
    return "'" + text if text.lstrip("'")[:1] in FORMULA_STARTS else text


def unneutralise(text: str) -> str:
    """The inverse of `neutralise`: drops the one `'` it adds (a cell like 'quoted keeps its quote)."""
    return text[1:] if text.startswith("'") and text[1:].lstrip("'")[:1] in FORMULA_STARTS else text


@dataclass(frozen=True)
class LineError:
    """One problem in an import file. Line 0 means the file as a whole (it could not be read)."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.column}: {self.message}"
        return f"line {self.line}: {self.column}: {self.message}"


@dataclass
class ImportPreview:
    """What an import would do: rows to add, rows already stored, and every error (nothing imports if any)."""

    to_add: list[ActivityData]
    duplicates: list[ActivityData]
    errors: list[LineError]
    rows: int = 0  # data rows read (blank lines excluded)
    path: Path | None = field(default=None, compare=False)
    # True when `to_add` holds normalized rows, as preview_import makes them: apply_import stores them as they are
    # (a preview built otherwise has its rows normalized there).
    normalized: bool = field(default=False, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors


class CsvImportRefused(StoreError):
    """apply_import was asked to import a file with errors."""


_HUNDREDTH = Decimal("0.01")
# The column a validation message about a field of migration 6 belongs to (the relationship's dates).
_COLUMN_OF = {"mentoring": "relationship_end"}
_COLUMN_ORDER = {column: i for i, column in enumerate(COLUMNS)}  # errors are listed by column, in file order
# A row reaches _RowParser as a list of its cells in COLUMNS order: each column's place in that list.
_DATE, _END_DATE, _TITLE, _PROVIDER, _TYPE, _HOURS, _PRACTICES, _DESCRIPTION, _LEARNED, _STATUS, _CHALLENGE, \
    _TOPICS, _DELIVERY, _MEETS = (_COLUMN_ORDER[c] for c in (
        "date", "end_date", "title", "provider", "type", "hours", "practices", "description", "learned", "status",
        "challenge", "topics", "delivery_hours", "meets_conditions"))
_TEXT_PLACES = tuple(_COLUMN_ORDER[c] for c in TEXT_COLUMNS)
_MENTORING_CELLS = itemgetter(*(_COLUMN_ORDER[c] for c in MENTORING_COLUMNS))
_PLACEHOLDER_DAY = date(2000, 1, 1)
# (as written, in hundredths) of a row whose hours are missing or unreadable (its error is already recorded), and of
# a row without delivery hours.
_NO_HOURS: tuple[Decimal, Decimal | None] = (Decimal(0), _ZERO_HOURS)
_NO_DELIVERY: tuple[Decimal, Decimal | None] = (_ZERO_HOURS, _ZERO_HOURS)


class _RowParser:
    """Turns one CSV row (its cells in COLUMNS order) into ActivityData plus the errors found on the way.

    A file repeats the same few dates, hours, practices and types over many rows: each distinct cell is read once,
    and what it read well is looked up for the next row that has it (a cell read badly is read again, for the row's
    message). Hours are stored in hundredths (1.5 -> 1.50) but quoted as written: a row is checked with its hours in
    hundredths when that changes no value (1.5 or 1.500, not 1.555), and built a second time, as written, only when
    it has a problem to report."""

    def __init__(self, catalogues: Catalogues):
        self.catalogues = catalogues
        self.line = 0
        self.errors: list[LineError] = []
        self._keys: dict[int, frozenset[str]] = {}  # the challenge keys of each year's catalogue, looked up once
        self._days: dict[str, date] = {}  # a date cell read well -> its date
        # an hours cell read well -> (its hours as written, in hundredths or None when that would change the value)
        self._hours: dict[str, tuple[Decimal, Decimal | None]] = {}
        self._practices: dict[str, tuple[int, ...]] = {}  # a practices cell read well -> its practices, sorted
        self._kinds: dict[str, str] = {}  # a type cell -> the type

    def error(self, column: str, message: str) -> None:
        self.errors.append(LineError(self.line, column, printable(message)))

    def parse(self, line: int, cells: list[str]) -> ActivityData | None:
        """One row: `cells` has a cell for every column of COLUMNS, in that order, stripped ("" when the file has no
        such column). Runs in the _ROW_DECIMALS context (parse_csv enters it once for every row)."""
        self.line = line
        self.errors = []
        return self._parse(cells)

    def _new_day(self, value: str, column: str, *, required: bool) -> date | None:
        """A date cell not read well before (`date`), remembered when it is."""
        day = self.date(value, column, required=required)
        if day is not None:
            self._days[value] = day
        return day

    def _hours_of(self, value: str, column: str = "hours", *,
                  required: bool = True) -> tuple[Decimal, Decimal | None] | None:
        """An hours cell (`hours`) as written and in hundredths (None when rounding would change it), remembered
        when it is read well; None, with an error, when it is not."""
        found = self._hours.get(value)
        if found is None:
            typed = self.hours(value, column, required=required)
            if typed is None:
                return None
            stored = typed.quantize(_HUNDREDTH)
            found = self._hours[value] = (typed, stored if stored == typed else None)
        return found

    def _parse(self, text: list[str]) -> ActivityData | None:
        failed: set[str] = set()
        for i in _TEXT_PLACES:  # the free-text cells lose the quote an export put before a formula
            if text[i][:1] == "'":
                text[i] = unneutralise(text[i]).strip()

        days = self._days  # each cell read well before is looked up here first, without a call
        start = days.get(text[_DATE]) or self._new_day(text[_DATE], "date", required=True)
        if start is None:
            failed.add("date")
        end = None
        if text[_END_DATE]:
            end = days.get(text[_END_DATE]) or self._new_day(text[_END_DATE], "end_date", required=False)
            if end is None:
                failed.add("end_date")
        hours = _NO_HOURS  # as written, and in hundredths
        read = self._hours.get(text[_HOURS]) or self._hours_of(text[_HOURS])
        if read is None:
            failed.add("hours")
        else:
            hours = read
        practices = self._practices.get(text[_PRACTICES])
        if practices is None:
            found = self.practices(text[_PRACTICES])
            if found is None:
                failed.add("practices")
                practices = ()
            else:  # stored sorted, once each, as activities.normalized would leave them
                practices = self._practices[text[_PRACTICES]] = tuple(sorted(set(found)))
        kind = self._kinds.get(text[_TYPE])
        if kind is None:
            kind = self._kinds[text[_TYPE]] = " ".join(text[_TYPE].lower().split()) or "other"
        delivery = _NO_DELIVERY
        if text[_DELIVERY]:
            read = self._hours_of(text[_DELIVERY], "delivery_hours", required=False)
            if read is None:
                failed.add("delivery_hours")
            else:
                delivery = read
        meets = self.yes_no(text[_MEETS], "meets_conditions") if text[_MEETS] else None
        mentoring = self.mentoring(text, kind, failed) if any(_MENTORING_CELLS(text)) else None
        given = kind in GIVEN_TYPES
        if meets is not None and not given and kind in ACTIVITY_TYPES:
            self.error("meets_conditions", f"is only for a mentoring or coaching given (types {', '.join(GIVEN_TYPES)}"
                                           f"), not for type {kind}; leave it empty")
        # Built as activities.normalized would leave it (cells stripped, type and keys lower-case, practices sorted
        # once each, an end date on the start day dropped, hours in hundredths), so no row needs normalizing again.
        row: dict[str, Any] = dict(
            # A placeholder date lets the other fields still be checked; its own error is already recorded.
            start_date=start or end or _PLACEHOLDER_DAY,
            end_date=end if end != start else None,
            title=text[_TITLE],
            provider=text[_PROVIDER],
            type=kind,
            hours=hours[1],
            practices=practices,
            description=text[_DESCRIPTION],
            learned=text[_LEARNED],
            status=text[_STATUS].lower() or Status.COMPLETED.value,
            challenge_key=text[_CHALLENGE].lower() or None,
            topics=parse_topics(text[_TOPICS]) if text[_TOPICS] else (),
            delivery_hours=delivery[1],
            meets_conditions=meets if given else None,
            mentoring=mentoring if given else None,
        )
        year = row["start_date"].year
        keys = self._keys.get(year)
        if keys is None:
            keys = self._keys[year] = frozenset(self.catalogues.for_year(year).keys())
        if hours[1] is not None and delivery[1] is not None:
            # In hundredths, each the same value as written: validation (which compares values) answers the same.
            data = ActivityData(**row)
            if not self.errors and not check(data, keys):
                return data
        # Hours with more than two decimals, or a problem to report: checked as written (a message quotes the hours
        # as typed), so the messages are those of the row as it is in the file.
        row["hours"], row["delivery_hours"] = hours[0], delivery[0]
        data = ActivityData(**row)
        if "date" in failed:
            failed |= {"end_date", "challenge"}  # both are judged against the start date
        for problem in check(data, keys):
            column = _COLUMN_OF.get(problem.field) or FIELD_LABELS.get(problem.field, problem.field)
            if column not in failed:
                message = problem.message
                value = getattr(data, problem.field, None)
                if isinstance(value, str) and value:  # a quoted value (type, status, challenge): shortened
                    message = message.replace(f"'{value}'", f"'{shown(value)}'")
                self.error(column, message)
        if self.errors:
            self.errors.sort(key=lambda e: _COLUMN_ORDER.get(e.column, len(_COLUMN_ORDER)))
            return None
        # Reached only by hours that rounding to hundredths would change, which validation refuses ("use at most two
        # decimals"); were it to accept them, they would be stored rounded, as activities.normalized does.
        row["hours"] = data.hours.quantize(_HUNDREDTH)
        row["delivery_hours"] = data.delivery_hours.quantize(_HUNDREDTH)
        return ActivityData(**row)

    def yes_no(self, value: str, column: str) -> bool | None:
        """yes or no (also y/n, true/false, 1/0, any case); None, with an error, for anything else."""
        word = value.casefold()
        if word in _YES:
            return True
        if word in _NO:
            return False
        self.error(column, f"'{shown(value)}' is not yes or no (leave it empty when not said)")
        return None

    def mentoring(self, text: list[str], kind: str, failed: set[str]) -> MentoringData | None:
        """The mentoring columns of a row (None when all are empty). Only a mentoring or coaching given has them:
        for another (known) type a filled cell is an error, not silently dropped."""
        cell = dict(zip(MENTORING_COLUMNS, _MENTORING_CELLS(text), strict=True))
        filled = [c for c in MENTORING_COLUMNS if cell[c]]
        if not filled:
            return None
        if kind in ACTIVITY_TYPES and kind not in GIVEN_TYPES:
            self.error(filled[0], f"the mentoring columns are only for a mentoring or coaching given (types "
                                  f"{', '.join(GIVEN_TYPES)}), not for type {kind}; leave them empty")
            return None
        own = self.yes_no(cell["own_employee"], "own_employee") if cell["own_employee"] else None
        days: list[date | None] = []
        for column in ("relationship_start", "relationship_end"):
            day = self.date(cell[column], column, required=False)
            if day is not None and not valid_year(day.year):
                self.error(column, f"{day.isoformat()} is not a date between {MIN_YEAR} and {MAX_YEAR}")
                day = None
            if cell[column] and day is None:
                failed.add("mentoring")  # no second message about the relationship's dates
            days.append(day)
        return MentoringData(
            mentee=cell["mentee"], position=cell["mentee_position"], own_employee=own,
            program=cell["mentoring_program"], relationship_start=days[0], relationship_end=days[1],
            frequency=cell["frequency"], subjects=cell["subjects"])

    def date(self, value: str, column: str, *, required: bool) -> date | None:
        if not value:
            if required:
                self.error(column, "is required (YYYY-MM-DD or MM/DD/YYYY)")
            return None
        try:
            if _ISO_DATE.match(value):
                return date.fromisoformat(value)
            us = _US_DATE.match(value)
            if us:
                month, day, year = (int(g) for g in us.groups())
                return date(year, month, day)
        except ValueError:
            self.error(column, f"'{shown(value)}' is not a real date")
            return None
        self.error(column, f"'{shown(value)}' is not a date (use YYYY-MM-DD or MM/DD/YYYY)")
        return None

    def hours(self, value: str, column: str = "hours", *, required: bool = True) -> Decimal | None:
        """A plain decimal (1.5) or h:mm (1:30) in ASCII digits; the limits (not negative, two decimals, 24 h a day)
        are validation's, checked with the rest of the row."""
        if not value:
            if required:
                self.error(column, "is required (e.g. 1.5 or 1:30)")
            return None
        if len(value) > _MAX_HOURS_CHARS:
            self.error(column, f"'{shown(value)}' is too long for a number of hours (use e.g. 1.5 or 1:30)")
            return None
        hm = _HOURS_MINUTES.match(value)
        if hm:
            minutes = int(hm.group(1)) * 60 + int(hm.group(2))
            # h:mm that is not a whole number of hundredths (1:20) is rounded to the nearest hundredth.
            return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        number = _HOURS_DECIMAL.match(value)
        if number is None:
            self.error(column, f"'{shown(value)}' is not a number of hours (use e.g. 1.5 or 1:30)")
            return None
        if number.group(1):  # a minus sign, even on zero ("-0", which Decimal would keep as a negative zero)
            self.error(column, "must not be negative")
            return None
        return Decimal(number.group(2))

    def practices(self, value: str) -> tuple[int, ...] | None:
        tokens = value.split(";")
        if all(t.isascii() and t.isdigit() and len(t) <= 3 for t in tokens):  # "4;5;14", as exports write them
            return tuple(map(int, tokens))  # the range is checked by validation, with its own message
        numbers: list[int] = []
        unknown: list[str] = []
        for token in (t.strip() for t in tokens):
            if not token:
                continue
            if _PRACTICE_NUMBER.match(token):
                numbers.append(int(token))  # the range is checked by validation, with its own message
                continue
            by_name = _PRACTICE_BY_NAME.get(" ".join(token.split()).casefold())
            label = _PRACTICE_LABEL.match(token)
            if by_name is None and label and _PRACTICE_BY_NAME.get(label.group(2).strip().casefold()) == int(
                    label.group(1)):
                by_name = int(label.group(1))
            if by_name is None:
                unknown.append(token)
            else:
                numbers.append(by_name)
        if unknown:
            listed = ", ".join(f"'{shown(u)}'" for u in unknown[:_MAX_LISTED])
            if len(unknown) > _MAX_LISTED:
                listed += f" and {len(unknown) - _MAX_LISTED} more"
            self.error("practices", f"{listed}: not a practice number (1-14) or the exact name of a practice; "
                                    "separate practices with ';'")
            return None
        return tuple(numbers)


def _column_name(raw: str) -> str:
    return "_".join(raw.strip().lower().replace("-", " ").split())


def _read_bytes(path: Path) -> tuple[bytes | None, list[LineError]]:
    """The file's bytes, if it is a regular file of at most MAX_FILE_BYTES (files.read_input_file)."""
    try:
        return read_input_file(path, MAX_FILE_BYTES), []
    except InputFileError as exc:
        problem = {
            "missing": "does not exist",
            "folder": "is a folder, not a CSV file",
            "special": "is not a regular file (it is a device, a pipe or a socket); choose a saved CSV file",
            "too_large": f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, too large for a list of activities; "
                         "is it the right file?",
        }.get(exc.reason, f"could not be read: {printable(exc.detail)}")
        return None, [LineError(0, "file", f"{printable(str(path))} {problem}")]


def _read_text(path: Path) -> tuple[str | None, list[LineError]]:
    """The file's text; else its first problem: unreadable, not UTF-8, or a NUL byte (no CSV text has one; a
    workbook or UTF-16 text does), at its line and naming the file."""
    raw, errors = _read_bytes(path)
    if raw is None:
        return None, errors
    name = printable(str(path))
    save_as = "in Excel, save it as 'CSV UTF-8 (Comma delimited)'"
    nul = raw.find(b"\x00")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not 0 <= nul < exc.start:
            line = raw[: exc.start].count(b"\n") + 1
            byte = raw[exc.start: exc.start + 1].hex().upper()
            return None, [LineError(line, "file", f"is not UTF-8 text (byte 0x{byte} in {name}); {save_as}")]
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        return None, [LineError(line, "file", f"is not CSV text (a NUL byte in {name}: a workbook, or UTF-16 "
                                              f"text?); {save_as}")]
    return text, []


def parse_csv(path: Path) -> tuple[list[ActivityData], list[LineError], int]:
    """Every valid row (normalized, as activities.normalized would make it), every error, and the number of data
    rows read."""
    text, errors = _read_text(Path(path))
    if text is None:
        return [], errors, 0
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [LineError(1, "header", "the file is empty; the first line must name the columns, e.g. "
                                           "date,title,hours")], 0
    except csv.Error as exc:
        return [], [LineError(1, "header", f"cannot be read: {printable(str(exc))}")], 0

    names = [_column_name(h) for h in header]
    seen: set[str] = set()
    for raw, name in zip(header, names, strict=True):
        if not name:
            continue
        if name not in COLUMNS:
            hint = "; columns must be separated by commas" if (";" in raw or "\t" in raw) else ""
            errors.append(LineError(1, shown(raw.strip()),
                                    f"unknown column (the columns are: {', '.join(COLUMNS)}){hint}"))
        elif name in seen:
            errors.append(LineError(1, shown(raw.strip()), "this column appears twice"))
        seen.add(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    for column in missing:
        errors.append(LineError(1, column, "required column is missing from the header"))
    if missing or any(e.message == "this column appears twice" for e in errors):
        return [], errors, 0

    place = {name: i for i, name in enumerate(names) if name in COLUMNS}  # each known column's place in a row
    unnamed = [i for i, name in enumerate(names) if not name]
    # A row's cells in COLUMNS order, picked all at once: a column the file lacks picks the empty cell put at the end
    # of the row (-1). A row that is short of the last column picked (a spreadsheet drops empty cells at a row's
    # end) is padded first. COLUMNS has several columns, so itemgetter gives a tuple.
    order = [place.get(c, -1) for c in COLUMNS]
    pick = itemgetter(*order)
    width = max(order) + 1
    padding = [""] * width
    parser = _RowParser(load_catalogues())
    parse = parser.parse
    rows: list[ActivityData] = []
    count = 0
    end_of_last = 1
    with localcontext(_ROW_DECIMALS):  # the decimal arithmetic of checking a row (see _ROW_DECIMALS)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                errors.append(LineError(end_of_last + 1, "row", f"cannot be read: {printable(str(exc))}"))
                break
            line, end_of_last = end_of_last + 1, reader.line_num
            cells = list(map(str.strip, cells))  # every cell stripped once
            if not any(cells):
                continue
            count += 1
            if len(cells) > len(names) and any(cells[len(names):]):
                errors.append(LineError(line, "row", f"has {len(cells)} values but the header names {len(names)} "
                                                     "columns"))
                continue
            if unnamed and any(cells[i] for i in unnamed if i < len(cells)):
                errors.append(LineError(line, "row", "has a value under a column with no name in the header"))
                continue
            if len(cells) < width:
                cells += padding[len(cells):]
            cells.append("")
            data = parse(line, list(pick(cells)))
            if data is None:
                errors.extend(parser.errors)
            else:
                rows.append(data)
    return rows, errors, count  # built normalized (see _RowParser._parse)


def preview_import(path: Path) -> ImportPreview:
    """Read and check a CSV file without writing anything; duplicates of stored records are set apart."""
    rows, errors, count = parse_csv(Path(path))
    plan = plan_import(rows, normalize=False)  # parse_csv normalized them
    return ImportPreview(plan.to_add, plan.duplicates, errors, rows=count, path=Path(path), normalized=True)


def apply_import(preview: ImportPreview, progress: Callable[[int, int], None] | None = None) -> int:
    """store_import, returning how many were added."""
    return len(store_import(preview, progress))


def store_import(preview: ImportPreview, progress: Callable[[int, int], None] | None = None) -> list[int]:
    """Store the previewed rows in one transaction; returns the new activities' ids (the import's undo removes
    them). Refuses a preview with errors.

    Duplicates are checked again, in case records were added since the preview, and that check is made inside the
    write transaction (BEGIN IMMEDIATE: it holds the write lock), so two imports of one file at once, by two
    windows or commands, store its rows once.
    """
    if preview.errors:
        raise CsvImportRefused(f"the file has {len(preview.errors)} error(s); nothing was imported")
    # Each row is normalized once: by preview_import (or here, for a preview made otherwise), not again below.
    rows = preview.to_add if preview.normalized else [normalized(row) for row in preview.to_add]
    stored = stored_identities()
    if all(row.identity() in stored for row in rows):  # nothing new: no backup needed, nothing to write
        return []
    backup_before("csv import")
    with database_proxy.atomic():
        return insert_activities(plan_import(rows, normalize=False).to_add, progress, normalize=False)


# --- export ------------------------------------------------------------------------------------------------

def activity_row(data: ActivityData) -> list[str]:
    """One record's cells, in COLUMNS order; the free-text cells neutralised (no formula runs when it is opened)."""
    return [
        data.start_date.isoformat(),
        data.end_date.isoformat() if data.end_date else "",
        neutralise(data.title),
        neutralise(data.provider),
        data.type,
        format_hours(data.hours),
        ";".join(str(p) for p in data.practices),
        neutralise(data.description),
        neutralise(data.learned),
        data.status,
        data.challenge_key or "",
        neutralise(join_topics(data.topics)),
        format_hours(data.delivery_hours) if data.delivery_hours else "",
        _yes_no(data.meets_conditions),
        *_mentoring_cells(data.mentoring),
    ]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


_NO_MENTORING = ("",) * len(MENTORING_COLUMNS)


def _mentoring_cells(m: MentoringData | None) -> tuple[str, ...]:
    if m is None:
        return _NO_MENTORING
    return (neutralise(m.mentee), neutralise(m.position), _yes_no(m.own_employee), neutralise(m.program),
            m.relationship_start.isoformat() if m.relationship_start else "",
            m.relationship_end.isoformat() if m.relationship_end else "", neutralise(m.frequency),
            neutralise(m.subjects))


def write_csv(path: Path, records: Sequence[ActivityRecord]) -> int:
    """Write `records` in the given order; returns how many rows were written."""

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(activity_row(record.data))
    write_atomically(Path(path), buffer.getvalue(), encoding=ENCODING_OUT)
    return len(records)


def export_csv(path: Path, year: int | None = None) -> int:
    """Every activity (or a year's, by start date), oldest first, as CSV."""
    records = sorted(load_activities(year=year), key=lambda r: (r.data.start_date, r.id))
    return write_csv(path, records)
