"""Activities as CSV: the one format a manager's spreadsheet speaks. Import and export share it.

Reading is forgiving where spreadsheets differ (a UTF-8 byte-order mark, column names in any case and order,
`MM/DD/YYYY` dates, `1:30` hours, practices by number or by name) and strict where a guess could store a wrong
record: every problem becomes a `LineError` (`line N: column: message`, the header being line 1) and, if there is
any, nothing is imported. Export writes the columns in a fixed order, with a BOM so Excel shows accented names
correctly, through a temp file moved into place; an exported file imports back to the same records.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from wethrive_desktop.files import write_atomically
from wethrive_desktop.models.activities import (
    ActivityData,
    ActivityRecord,
    check,
    import_activities,
    load_activities,
    plan_import,
)
from wethrive_desktop.models.backups import backup_before
from wethrive_desktop.models.challenge import load_catalogues
from wethrive_desktop.models.db import StoreError
from wethrive_desktop.models.domain import PRACTICES, Status
from wethrive_desktop.models.rules import Catalogues, format_hours
from wethrive_desktop.models.validation import FIELD_LABELS

COLUMNS = ("date", "end_date", "title", "provider", "type", "hours", "practices", "description", "learned",
           "status", "challenge")
REQUIRED_COLUMNS = ("date", "title", "hours")
ENCODING_OUT = "utf-8-sig"  # Excel needs the BOM to read UTF-8; the import accepts files with or without it

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_HOURS_MINUTES = re.compile(r"^(\d+):([0-5]\d)$")
_PRACTICE_LABEL = re.compile(r"^(\d+)\s*[-\u2013:.]\s*(.+)$")
_PRACTICE_BY_NAME = {name.casefold(): number for number, name in PRACTICES.items()}


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

    @property
    def ok(self) -> bool:
        return not self.errors


class CsvImportRefused(StoreError):
    """apply_import was asked to import a file with errors."""


class _RowParser:
    """Turns one CSV row (a dict of column -> text) into ActivityData plus the errors found on the way."""

    def __init__(self, catalogues: Catalogues):
        self.catalogues = catalogues
        self.line = 0
        self.errors: list[LineError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(LineError(self.line, column, message))

    def parse(self, line: int, cells: dict[str, str]) -> ActivityData | None:
        self.line = line
        self.errors = []
        failed: set[str] = set()

        def text(column: str) -> str:
            return cells.get(column, "").strip()

        start = self.date(text("date"), "date", required=True)
        if start is None:
            failed.add("date")
        end = self.date(text("end_date"), "end_date", required=False)
        if text("end_date") and end is None:
            failed.add("end_date")
        hours = self.hours(text("hours"))
        if hours is None:
            failed.add("hours")
        practices = self.practices(text("practices"))
        if practices is None:
            failed.add("practices")
        data = ActivityData(
            # A placeholder date lets the other fields still be checked; its own error is already recorded.
            start_date=start or end or date(2000, 1, 1),
            end_date=end,
            title=text("title"),
            provider=text("provider"),
            type=" ".join(text("type").lower().split()) or "other",
            hours=hours if hours is not None else Decimal(0),
            practices=practices or (),
            description=cells.get("description", "").strip(),
            learned=cells.get("learned", "").strip(),
            status=text("status").lower() or Status.COMPLETED.value,
            challenge_key=text("challenge").lower() or None,
        )
        if "date" in failed:
            failed |= {"end_date", "challenge"}  # both are judged against the start date
        keys = self.catalogues.for_year(data.start_date.year).keys()
        for problem in check(data, keys):
            column = FIELD_LABELS.get(problem.field, problem.field)
            if column not in failed:
                self.error(column, problem.message)
        if self.errors:
            order = {c: i for i, c in enumerate(COLUMNS)}
            self.errors.sort(key=lambda e: order.get(e.column, len(order)))
            return None
        return data

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
            self.error(column, f"'{value}' is not a real date")
            return None
        self.error(column, f"'{value}' is not a date (use YYYY-MM-DD or MM/DD/YYYY)")
        return None

    def hours(self, value: str) -> Decimal | None:
        if not value:
            self.error("hours", "is required (e.g. 1.5 or 1:30)")
            return None
        hm = _HOURS_MINUTES.match(value)
        if hm:
            minutes = int(hm.group(1)) * 60 + int(hm.group(2))
            # h:mm that is not a whole number of hundredths (1:20) is rounded to the nearest hundredth.
            return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        try:
            hours = Decimal(value)
        except InvalidOperation:
            hours = Decimal("NaN")
        if not hours.is_finite() or "e" in value.lower():
            self.error("hours", f"'{value}' is not a number of hours (use e.g. 1.5 or 1:30)")
            return None
        return hours

    def practices(self, value: str) -> tuple[int, ...] | None:
        numbers: list[int] = []
        unknown: list[str] = []
        for token in (t.strip() for t in value.split(";")):
            if not token:
                continue
            if token.isdigit():
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
            listed = ", ".join(f"'{u}'" for u in unknown)
            self.error("practices", f"{listed}: not a practice number (1-14) or the exact name of a practice; "
                                    "separate practices with ';'")
            return None
        return tuple(numbers)


def _column_name(raw: str) -> str:
    return "_".join(raw.strip().lower().replace("-", " ").split())


def _read_text(path: Path) -> tuple[str | None, list[LineError]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [LineError(0, "file", f"{path} does not exist")]
    except IsADirectoryError:
        return None, [LineError(0, "file", f"{path} is a folder, not a CSV file")]
    except OSError as exc:
        return None, [LineError(0, "file", f"{path} could not be read: {exc.strerror or exc}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start: exc.start + 1].hex().upper()
        return None, [LineError(line, "file", f"is not UTF-8 text (byte 0x{byte}); in Excel, save it as "
                                              "'CSV UTF-8 (Comma delimited)'")]


def parse_csv(path: Path) -> tuple[list[ActivityData], list[LineError], int]:
    """Every valid row, every error, and the number of data rows read."""
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
        return [], [LineError(1, "header", f"cannot be read: {exc}")], 0

    names = [_column_name(h) for h in header]
    seen: set[str] = set()
    for raw, name in zip(header, names, strict=True):
        if not name:
            continue
        if name not in COLUMNS:
            hint = "; columns must be separated by commas" if (";" in raw or "\t" in raw) else ""
            errors.append(LineError(1, raw.strip(), f"unknown column (the columns are: {', '.join(COLUMNS)}){hint}"))
        elif name in seen:
            errors.append(LineError(1, raw.strip(), "this column appears twice"))
        seen.add(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    for column in missing:
        errors.append(LineError(1, column, "required column is missing from the header"))
    if missing or any(e.message == "this column appears twice" for e in errors):
        return [], errors, 0

    parser = _RowParser(load_catalogues())
    rows: list[ActivityData] = []
    count = 0
    end_of_last = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(LineError(end_of_last + 1, "row", f"cannot be read: {exc}"))
            break
        line, end_of_last = end_of_last + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        count += 1
        extra = [c for c in cells[len(names):] if c.strip()]
        if extra:
            errors.append(LineError(line, "row", f"has {len(cells)} values but the header names {len(names)} "
                                                 "columns"))
            continue
        values: dict[str, str] = {}
        stray = False
        for name, value in zip(names, cells, strict=False):
            if not name and value.strip():
                stray = True
            elif name in COLUMNS:
                values[name] = value
        if stray:
            errors.append(LineError(line, "row", "has a value under a column with no name in the header"))
            continue
        data = parser.parse(line, values)
        errors.extend(parser.errors)
        if data is not None:
            rows.append(data)
    return rows, errors, count


def preview_import(path: Path) -> ImportPreview:
    """Read and check a CSV file without writing anything; duplicates of stored records are set apart."""
    rows, errors, count = parse_csv(Path(path))
    plan = plan_import(rows)
    return ImportPreview(plan.to_add, plan.duplicates, errors, rows=count, path=Path(path))


def apply_import(preview: ImportPreview, progress: Callable[[int, int], None] | None = None) -> int:
    """Store the previewed rows in one transaction; returns how many were added. Refuses a preview with errors.

    Duplicates are checked again, in case records were added since the preview.
    """
    if preview.errors:
        raise CsvImportRefused(f"the file has {len(preview.errors)} error(s); nothing was imported")
    plan = plan_import(preview.to_add)
    if plan.to_add:
        backup_before("csv import")
    return import_activities(plan.to_add, progress)


# --- export ------------------------------------------------------------------------------------------------

def activity_row(data: ActivityData) -> list[str]:
    return [
        data.start_date.isoformat(),
        data.end_date.isoformat() if data.end_date else "",
        data.title,
        data.provider,
        data.type,
        format_hours(data.hours),
        ";".join(str(p) for p in data.practices),
        data.description,
        data.learned,
        data.status,
        data.challenge_key or "",
    ]


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
