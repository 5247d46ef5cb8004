"""Bring your history in: any spreadsheet (CSV, TSV, text or Excel), its columns mapped to fields, row by row.

The steps, each a plain function (the GUI wizard and `wethrive import` call the same ones; no Qt here):

    table = read_table(path, sheet=None)        # tabular_read: the file, its header row and data rows
    mapping = guess_mapping(table.headers)      # tabular_map: columns to fields (or load_mapping / override_mapping)
    result = preview(table, mapping)            # every row: new, duplicate or error (with its column), warnings
    added = apply(result, skip_invalid=False)   # the new rows in one transaction, after a backup
    write_rejected(result, out_csv)             # the rows with errors, with their messages, to fix later

Nothing is written before `apply`; `apply` is all or nothing unless `skip_invalid` (then the valid rows are
imported and the rest are left for `write_rejected`). A file that contradicts itself (dates that are only valid
day first and others only month first) or lacks a column for a required field cannot be imported at all.

Messages and notes go through i18n's `tr`: the wizard shows them in the user's language, `wethrive import` prints
the English as written.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from wethrive_desktop.exchange.csv_io import (
    ENCODING_OUT,
    ImportPreview,
    LineError,
    neutralise,
    printable,
    shown,
    store_import,
    unneutralise,
)
from wethrive_desktop.exchange.tabular_map import (
    CREDIT_WORDS,
    FIELDS,
    MENTORING_FIELDS,
    REQUIRED_FIELDS,
    Mapping,
    MappingError,
    RememberedMapping,
    column_letter,
    find_column,
    forget_mapping,
    guess_mapping,
    load_mapping,
    mapping_key,
    normalize_name,
    override_mapping,
    save_mapping,
)
from wethrive_desktop.exchange.tabular_read import Table, TableError, TableRow, read_table
from wethrive_desktop.exchange.tabular_values import (
    DATE_EXAMPLES,
    DATE_ORDER_LABELS,
    HOURS_EXAMPLES,
    Cell,
    DateOrder,
    DateReading,
    cell_text,
    challenge_names,
    decide_date_order,
    read_challenge,
    read_date,
    read_hours,
    read_practices,
    read_status,
    read_topics,
    read_type,
    read_yes_no,
)
from wethrive_desktop.files import write_atomically
from wethrive_desktop.i18n import tr
from wethrive_desktop.models.activities import ActivityData, check, plan_import
from wethrive_desktop.models.challenge import load_catalogues, load_items
from wethrive_desktop.models.db import StoreError
from wethrive_desktop.models.domain import GIVEN_TYPES, Status
from wethrive_desktop.models.mentoring import MentoringData

__all__ = [
    "DUPLICATE", "ERROR", "NEW", "SKIPPED", "FIELDS", "REQUIRED_FIELDS", "DATE_ORDER_LABELS", "DateOrder", "Mapping",
    "MappingError", "RememberedMapping", "RowResult", "Table", "TableError", "TableRow", "TabularImportRefused",
    "TabularPreview", "apply", "column_letter", "find_column", "forget_mapping", "guess_mapping", "load_mapping",
    "mapping_key", "override_mapping", "preview", "read_table", "save_mapping", "store", "write_rejected",
]

NEW, DUPLICATE, ERROR, SKIPPED = "new", "duplicate", "error", "skipped"
REJECTED_ERRORS_COLUMN = "Import errors"  # the file's own header (English, as the file's format is)
# ActivityData fields (as validation names them) -> the import's fields.
_FIELD_OF = {"start_date": "date", "challenge_key": "challenge", "mentoring": "relationship_end"}
# The fields that hold dates: all read in the one day/month order the file's dates decide.
_DATE_FIELDS = ("date", "end_date", "relationship_start", "relationship_end")
_TOTAL = re.compile(r"^(?:grand\s+|sub)?totals?:?$|^sum:?$", re.IGNORECASE)


class TabularImportRefused(StoreError):
    """apply() was asked to import a file that cannot be imported as it is: the sentence says why."""


@dataclass(frozen=True)
class RowResult:
    """One data row: `status` NEW, DUPLICATE, ERROR or SKIPPED (a totals row); `data` the activity it makes (None for
    an error); `errors` and `warnings` name the column; `note` says why a row is a duplicate or was skipped."""

    index: int  # in table.rows
    line: int
    status: str
    data: ActivityData | None = None
    errors: tuple[LineError, ...] = ()
    warnings: tuple[LineError, ...] = ()
    note: str = ""


@dataclass
class TabularPreview:
    """What an import of `table` with `mapping` would do, row by row. Nothing is written until apply()."""

    table: Table
    mapping: Mapping
    date_order: DateOrder
    rows: list[RowResult]
    file_errors: list[LineError] = field(default_factory=list)  # the file cannot be imported at all
    notes: list[str] = field(default_factory=list)
    append_unmapped: bool = False

    @property
    def to_add(self) -> list[ActivityData]:
        return [r.data for r in self.rows if r.status == NEW and r.data is not None]

    @property
    def duplicates(self) -> list[ActivityData]:
        return [r.data for r in self.rows if r.status == DUPLICATE and r.data is not None]

    @property
    def rejected(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == ERROR]

    @property
    def errors(self) -> list[LineError]:
        """The file's errors, then every row's, in line order."""
        return self.file_errors + [e for r in self.rejected for e in r.errors]

    @property
    def warnings(self) -> list[LineError]:
        return [w for r in self.rows for w in r.warnings]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def importable(self) -> bool:
        """Whether the valid rows can be imported (with skip_invalid when some rows have errors)."""
        return not self.file_errors

    def counts(self) -> dict[str, int]:
        found = Counter(r.status for r in self.rows)
        return {status: found.get(status, 0) for status in (NEW, DUPLICATE, ERROR, SKIPPED)}


class _Context:
    """What every row of one preview shares: the mapping, the date order, the challenge catalogues."""

    def __init__(self, table: Table, mapping: Mapping, order: str, append_unmapped: bool):
        self.table = table
        self.mapping = mapping
        self.order = order
        self.append_unmapped = append_unmapped
        self.catalogues = load_catalogues()
        self.names = challenge_names([(item.key, item.name) for item in load_items()])
        self._keys: dict[int, frozenset[str]] = {}
        self.columns = mapping.as_dict()
        # Where each field's errors go in a row's list: in the file's column order, fields without a column last.
        self.place = {f: self.columns.get(f, len(table.headers) + n) for n, f in enumerate(FIELDS)}

    def keys(self, year: int) -> frozenset[str]:
        found = self._keys.get(year)
        if found is None:
            found = self._keys[year] = frozenset(self.catalogues.for_year(year).keys())
        return found

    def label(self, field_name: str) -> str:
        """How a message names a field's column: its header, or the field when no column holds it."""
        index = self.mapping.column(field_name)
        return shown(self.table.headers[index]) if index is not None else field_name

    def cell(self, row: TableRow, field_name: str) -> Cell:
        index = self.columns.get(field_name)
        if index is None or index >= len(row.cells):
            return None
        value = row.cells[index]
        return unneutralise(value) if isinstance(value, str) else value


def _text(cell: Cell) -> str:
    return cell_text(cell).strip()


def _is_totals(ctx: _Context, row: TableRow) -> bool:
    """A totals row: no date, and "Total" as its title or no title but a number of hours; nothing else but
    numbers (a formula without a value Excel computed is empty)."""
    if ctx.cell(row, "date") is not None:
        return False
    title = _text(ctx.cell(row, "title"))
    if not (_TOTAL.match(title) if title else ctx.cell(row, "hours") is not None):
        return False
    others = [c for i, c in enumerate(row.cells) if c is not None and i not in (ctx.mapping.column("title"),
                                                                                 ctx.mapping.column("hours"))]
    return all(isinstance(c, (int, float)) or re.fullmatch(r"[\d\s.,:$%()-]+", str(c)) for c in others)


def _date_value(ctx: _Context, reading: DateReading, raw: str) -> tuple[date | None, str | None]:
    if reading.error is not None:
        return None, reading.error
    value = reading.resolve(ctx.order)
    if value is None:
        return None, tr("'{value}' is not a real date read {order}, the order used for this file").format(
            value=shown(raw), order=tr(DATE_ORDER_LABELS[ctx.order]))
    return value, None


def _row(ctx: _Context, index: int, row: TableRow, dates: dict[str, DateReading]) -> RowResult:
    errors: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    failed: set[str] = set()

    def error(field_name: str, message: str) -> None:
        errors.append((field_name, message))
        failed.add(field_name)

    start: date | None = None
    raw_date = _text(ctx.cell(row, "date"))
    if ctx.cell(row, "date") is None:
        error("date", tr("is required ({examples})").format(examples=tr(DATE_EXAMPLES)))
    else:
        start, problem = _date_value(ctx, dates["date"], raw_date)
        if problem:
            error("date", problem)
    end: date | None = None
    if ctx.cell(row, "end_date") is not None:
        end, problem = _date_value(ctx, dates["end_date"], _text(ctx.cell(row, "end_date")))
        if problem:
            error("end_date", problem)
    hours = read_hours(ctx.cell(row, "hours"))
    if hours.error:
        error("hours", hours.error)
    elif hours.value is None:
        error("hours", tr("is required ({examples})").format(examples=tr(HOURS_EXAMPLES)))
    kind = read_type(ctx.cell(row, "type"))
    practices = read_practices(ctx.cell(row, "practices"))
    status = read_status(ctx.cell(row, "status"))
    challenge = read_challenge(ctx.cell(row, "challenge"), ctx.names)
    for name, problem, warning in (("hours", None, hours.warning), ("type", kind.error, kind.warning),
                                   ("practices", practices.error, practices.warning),
                                   ("status", status.error, status.warning),
                                   ("challenge", challenge.error, challenge.warning)):
        if problem:
            error(name, problem)
        if warning:
            warnings.append((name, warning))
    topics = read_topics(ctx.cell(row, "topics"))
    delivery = read_hours(ctx.cell(row, "delivery_hours"))
    meets = read_yes_no(ctx.cell(row, "meets_conditions"))
    for name, reading in (("delivery_hours", delivery), ("meets_conditions", meets)):
        if reading.error:
            error(name, reading.error)
        if reading.warning:
            warnings.append((name, reading.warning))
    kind_value = kind.value or "other"
    mentoring = _mentoring(ctx, row, dates, error)
    given = kind_value in GIVEN_TYPES
    if not given:
        ignored = [f for f in ("meets_conditions", *MENTORING_FIELDS) if ctx.cell(row, f) is not None
                   and _text(ctx.cell(row, f)) and f not in failed]
        if ignored:
            warnings.append((ignored[0], tr("ignored: only a mentoring or coaching given keeps whether it meets "
                                            "ICMA's conditions and the mentoring details (this row's type is "
                                            "{type})").format(type=kind_value)))
    description = _text(ctx.cell(row, "description"))
    if ctx.append_unmapped:
        extra = [f"{ctx.table.headers[i]}: {_text(row.cells[i])}" for i in ctx.mapping.unmapped()
                 if i < len(row.cells) and _text(row.cells[i])]
        description = "\n".join([description, *extra] if description else extra)
    data = ActivityData(
        start_date=start or end or date(2000, 1, 1),  # a placeholder lets the other fields still be checked
        end_date=end,
        title=_text(ctx.cell(row, "title")),
        provider=_text(ctx.cell(row, "provider")),
        type=kind_value,
        hours=hours.value if hours.value is not None else Decimal(0),
        practices=practices.value or (),
        description=description,
        learned=_text(ctx.cell(row, "learned")),
        status=status.value or Status.COMPLETED.value,
        challenge_key=challenge.value,
        topics=topics.value or (),
        delivery_hours=delivery.value if delivery.value is not None else Decimal(0),
        meets_conditions=meets.value if given else None,
        mentoring=mentoring if given else None,
    )
    if "date" in failed:
        failed |= {"end_date", "challenge"}  # both are judged against the start date
    if failed & {"relationship_start", "relationship_end"}:
        failed.add("mentoring")  # a date already said to be wrong: no second message about the relationship
    for found in check(data, ctx.keys(data.start_date.year)):
        name = _FIELD_OF.get(found.field, found.field)
        if name not in failed:
            error(name, found.message)
    errors.sort(key=lambda e: ctx.place.get(e[0], 0))

    def line_errors(found: list[tuple[str, str]]) -> tuple[LineError, ...]:
        return tuple(LineError(row.line, ctx.label(f), printable(m)) for f, m in found)

    if errors:
        return RowResult(index, row.line, ERROR, None, line_errors(errors), line_errors(warnings))
    return RowResult(index, row.line, NEW, data, (), line_errors(warnings))


def _mentoring(ctx: _Context, row: TableRow, dates: dict[str, DateReading],
               error: Callable[[str, str], None]) -> MentoringData | None:
    """What the mentoring columns of a row say (None when they are all empty)."""
    if not any(ctx.cell(row, f) is not None and _text(ctx.cell(row, f)) for f in MENTORING_FIELDS):
        return None
    own = read_yes_no(ctx.cell(row, "own_employee"))
    if own.error:
        error("own_employee", own.error)
    days: dict[str, date | None] = {}
    for name in ("relationship_start", "relationship_end"):
        days[name] = None
        if ctx.cell(row, name) is not None and _text(ctx.cell(row, name)):
            days[name], problem = _date_value(ctx, dates[name], _text(ctx.cell(row, name)))
            if problem:
                error(name, problem)
    return MentoringData(
        mentee=_text(ctx.cell(row, "mentee")), position=_text(ctx.cell(row, "mentee_position")), own_employee=own.value,
        program=_text(ctx.cell(row, "mentoring_program")), relationship_start=days["relationship_start"],
        relationship_end=days["relationship_end"], frequency=_text(ctx.cell(row, "frequency")),
        subjects=_text(ctx.cell(row, "subjects")))


def _missing_columns(table: Table, mapping: Mapping) -> LineError | None:
    missing = mapping.missing()
    if not missing:
        return None
    listed = ", ".join(f"'{shown(h)}'" for h in table.headers[:20]) + (" ..." if len(table.headers) > 20 else "")
    fields = missing[0] if len(missing) == 1 else tr("{fields} and {last}").format(fields=", ".join(missing[:-1]),
                                                                                    last=missing[-1])
    return LineError(0, "columns", tr("no column is chosen for the {fields} (required); the columns found on line "
                                      "{line} are: {columns}").format(fields=fields, line=table.header_line,
                                                                     columns=listed))


def _notes(table: Table, mapping: Mapping, rows: Sequence[RowResult], readings: Sequence[DateReading],
           ctx: _Context) -> list[str]:
    notes = list(table.notes)
    hours_column = mapping.column("hours")
    if hours_column is not None and CREDIT_WORDS & set(normalize_name(table.headers[hours_column]).split()):
        notes.append(tr("The column '{column}' holds credits: each is read as one hour (1 CEU = 1 hour); check your "
                        "provider's rate if it differs.").format(column=table.headers[hours_column]))
    unmapped = [table.headers[i] for i in mapping.unmapped()]
    if unmapped:
        note = (tr("Columns without a field (appended to the description): {columns}.") if ctx.append_unmapped
                else tr("Columns without a field (ignored): {columns}."))
        notes.append(note.format(columns=", ".join(unmapped)))
    serials = sum(1 for r in readings if r.serial)
    if serials:
        notes.append(tr("{count} date(s) were Excel serial numbers (days since 1899-12-30) and were read as "
                        "dates.").format(count=serials))
    if any(r.two_digit_year for r in readings):
        notes.append(tr("Two-digit years were read as 2000-2068 (00-68) or 1969-1999 (69-99)."))
    types: Counter[tuple[str, str]] = Counter()
    type_column = mapping.column("type")
    if type_column is not None:
        for result in rows:
            raw = _text(table.cell(result.index, type_column))
            if result.data is not None and raw and normalize_name(raw) != normalize_name(result.data.type):
                types[(raw, result.data.type)] += 1
    if types:
        listed = ", ".join(f"'{raw}' -> {key} ({n})" for (raw, key), n in types.most_common(10))
        notes.append(tr("Types read as: {types}.").format(types=listed))
    skipped = [r.line for r in rows if r.status == SKIPPED]
    if skipped:
        notes.append(tr("Line(s) {lines} look like totals and were skipped.").format(
            lines=", ".join(map(str, skipped[:5]))))
    return notes


def preview(table: Table, mapping: Mapping, *, date_order: str | None = None, prefer: str = "mdy",
            append_unmapped: bool = False) -> TabularPreview:
    """Read every row of `table` through `mapping` without writing anything (the database must be open: duplicates
    and the challenge catalogue are looked up). `date_order` ("mdy", "dmy", "ymd"): the order the user chose for
    this file; None: the file's own dates decide, else `prefer`. `append_unmapped`: the unmapped columns' values are
    added to the description ("Cost ($): 120")."""
    missing = _missing_columns(table, mapping)
    # (The relationship's dates only when a column holds them: most files have none.)
    readings: dict[str, list[DateReading]] = {name: [] for name in _DATE_FIELDS
                                              if name in ("date", "end_date") or mapping.column(name) is not None}
    evidence: list[tuple[int, str, DateReading]] = []
    for name in readings:
        index = mapping.column(name)
        for row in table.rows:
            cell = row.cells[index] if index is not None and index < len(row.cells) else None
            reading = read_date(cell)
            readings[name].append(reading)
            evidence.append((row.line, cell_text(cell).strip(), reading))
    evidence.sort(key=lambda e: e[0])
    order = decide_date_order(evidence, given=date_order, prefer=prefer)
    ctx = _Context(table, mapping, order.order, append_unmapped)
    file_errors: list[LineError] = []
    if missing is not None:
        file_errors.append(missing)
    if order.how == "conflict":
        file_errors.append(LineError(0, ctx.label("date"), order.reason))
    results: list[RowResult] = []
    if missing is None:
        for index, row in enumerate(table.rows):
            if _is_totals(ctx, row):
                results.append(RowResult(index, row.line, SKIPPED, note=tr("a totals row")))
                continue
            dates = {name: readings[name][index] for name in readings}
            results.append(_row(ctx, index, row, dates))
    results = _mark_duplicates(results)
    all_readings = [r for found in readings.values() for r in found]
    return TabularPreview(table, mapping, order, results, file_errors, _notes(table, mapping, results, all_readings,
                                                                               ctx), append_unmapped)


def _mark_duplicates(results: list[RowResult]) -> list[RowResult]:
    """NEW rows that are already stored, or repeat an earlier row of the file, become DUPLICATE (the CSV import's
    rule, models.activities.plan_import: same date, title and hours); every NEW row gets its normalized data."""
    valid = [r for r in results if r.status == NEW and r.data is not None]
    plan = plan_import([r.data for r in valid if r.data is not None])
    added = iter(plan.to_add)
    dropped = iter(plan.duplicates)
    upcoming = next(added, None)
    first_line: dict[tuple[date, str, Decimal], int] = {}
    marked: dict[int, RowResult] = {}
    for result in valid:
        assert result.data is not None
        identity = result.data.identity()
        if upcoming is not None and upcoming.identity() == identity and identity not in first_line:
            marked[result.index] = RowResult(result.index, result.line, NEW, upcoming, (), result.warnings)
            first_line[identity] = result.line
            upcoming = next(added, None)
        else:
            earlier = first_line.get(identity)
            note = (tr("same date, title and hours as line {line}").format(line=earlier) if earlier is not None
                    else tr("already stored (same date, title and hours)"))
            marked[result.index] = RowResult(result.index, result.line, DUPLICATE, next(dropped, result.data), (),
                                             result.warnings, note)
    return [marked.get(r.index, r) for r in results]


def apply(result: TabularPreview, progress: Callable[[int, int], None] | None = None, *,
          skip_invalid: bool = False) -> int:
    """store(), returning how many were added."""
    return len(store(result, progress, skip_invalid=skip_invalid))


def store(result: TabularPreview, progress: Callable[[int, int], None] | None = None, *,
          skip_invalid: bool = False) -> list[int]:
    """Store the previewed new rows in one transaction, after a backup (the CSV import's store_import: duplicates
    are checked again inside the write transaction); returns the new activities' ids. All or nothing: refused when
    any row has an error, unless `skip_invalid` (the valid rows are stored, the others left out). Always refused
    for a file that cannot be imported (a required column missing, dates that contradict each other)."""
    if result.file_errors:
        raise TabularImportRefused(tr("{errors}; nothing was imported").format(
            errors="; ".join(e.message for e in result.file_errors)))
    if result.rejected and not skip_invalid:
        raise TabularImportRefused(tr("{count} row(s) have errors; nothing was imported (correct them, or import only "
                                      "the valid rows)").format(count=len(result.rejected)))
    # to_add holds plan_import's rows (_mark_duplicates), normalized once there.
    plan = ImportPreview(result.to_add, result.duplicates, [], rows=len(result.rows), path=result.table.path,
                         normalized=True)
    return store_import(plan, progress)


def rejected_csv(result: TabularPreview) -> str:
    """The rows with errors as CSV text: the file's headers plus a last column with the errors, every value as text
    (a cell a spreadsheet would run as a formula is neutralised)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    headers = list(result.table.headers)
    writer.writerow(headers + [REJECTED_ERRORS_COLUMN])
    for row in result.rejected:
        cells = result.table.rows[row.index].cells
        values = [neutralise(cell_text(cells[i])) if i < len(cells) else "" for i in range(len(headers))]
        messages = "; ".join(f"{e.column}: {e.message}" for e in row.errors)
        writer.writerow(values + [neutralise(tr("line {line}: {errors}").format(line=row.line, errors=messages))])
    return buffer.getvalue()


def write_rejected(result: TabularPreview, out: Path | str) -> int:
    """Write the rows with errors to `out` (CSV, UTF-8 with a BOM for Excel), atomically; returns how many."""
    write_atomically(Path(out), rejected_csv(result), encoding=ENCODING_OUT)
    return len(result.rejected)
