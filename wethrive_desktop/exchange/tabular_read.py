"""One reader for every tabular file a member keeps their history in: CSV, TSV or text, and Excel workbooks.

`read_table(path, sheet=None)` gives a `Table`: its header row (found below any title or blank rows), the headers
and the data rows, each with its line (the text line, or the sheet's row number) so that a message can point at it.
Text files: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"), else Windows-1252 (a note says
so); the delimiter is sniffed among `,` `;` tab and `|`. `.xlsx`: openpyxl in read-only mode with the values Excel
last computed; date cells are dates and numbers are numbers; one sheet is read (the first with data, or the one
named).

Only a regular file of at most MAX_FILE_BYTES is read. A file that is not a table (a PDF, an image, a Word document,
a zip renamed .xlsx, an empty file) is refused with `TableError`: one sentence naming the file. Sentences and notes go
through i18n's `tr` (English as written on the command line); so do DELIMITER_NAMES and the encodings' names where
they are shown.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from wethrive_desktop.exchange.csv_io import printable, shown, unneutralise
from wethrive_desktop.exchange.tabular_map import column_letter, field_for_header
from wethrive_desktop.exchange.tabular_values import Cell, cell_text
from wethrive_desktop.files import InputFileError, read_input_file
from wethrive_desktop.i18n import tr
from wethrive_desktop.models.db import StoreError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000  # data rows; far more than a lifetime of activities
MAX_COLUMNS = 200  # a sheet's columns beyond this are not read
HEADER_SEARCH_ROWS = 30  # the header is looked for among the first non-empty rows
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
SAVE_AS = "save it from Excel as .xlsx or CSV"


class TableError(StoreError):
    """A file that cannot be read as a table, said in one sentence that names it."""


@dataclass(frozen=True)
class TableRow:
    """A data row: its line in the file (for text) or its row number (in a sheet), and one cell per header."""

    line: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A file's table. `headers` are unique (an unnamed column is "Column F", a repeated name gets " (2)")."""

    path: Path
    kind: str  # "text" or "xlsx"
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    header_line: int  # the header's line (text) or row number (sheet)
    sheets: tuple[str, ...] = ()  # a workbook's sheets, in order
    sheet: str | None = None  # the sheet read
    encoding: str | None = None  # text: the encoding read, e.g. "UTF-8 (with BOM)"
    delimiter: str | None = None  # text: the delimiter sniffed
    notes: tuple[str, ...] = ()  # what the reader chose or guessed, for the preview to show

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row].cells
        return cells[column] if column < len(cells) else None

    def samples(self, column: int, limit: int = 3) -> list[str]:
        """The first `limit` non-empty values of a column, as text (the wizard shows them beside each header)."""
        found: list[str] = []
        for index in range(len(self.rows)):
            text = cell_text(self.cell(index, column)).strip()
            if text:
                found.append(text)
                if len(found) == limit:
                    break
        return found

    def with_cell(self, row: int, column: int, value: Cell) -> Table:
        """This table with one cell changed (a fix made in the wizard's table)."""
        cells = list(self.rows[row].cells) + [None] * (len(self.headers) - len(self.rows[row].cells))
        cells[column] = value
        rows = list(self.rows)
        rows[row] = replace(rows[row], cells=tuple(cells))
        return replace(self, rows=tuple(rows))


# --- bytes ---------------------------------------------------------------------------------------------------------

def _refuse(path: Path, template: str, **values: object) -> TableError:
    """The error for `path`: `template` (translated) names the file as {file}, and may end with {save_as}."""
    return TableError(template.format(file=printable(str(path)), save_as=tr(SAVE_AS), **values))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_FILE_BYTES (files.read_input_file)."""
    try:
        return read_input_file(path, MAX_FILE_BYTES)
    except InputFileError as exc:
        problem = {
            "missing": tr("{file} does not exist."),
            "folder": tr("{file} is a folder, not a table file."),
            "special": tr("{file} is not a regular file (a device, a pipe or a socket); choose a saved spreadsheet."),
            "too_large": tr("{file} is larger than {size} MB, too large for a list of activities; is it the right "
                            "file?"),
        }.get(exc.reason, tr("{file} could not be read: {detail}."))
        raise _refuse(path, problem, size=MAX_FILE_BYTES // (1024 * 1024), detail=printable(exc.detail)) from None


_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
           (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))


def _not_a_table(raw: bytes) -> tuple[str, str] | None:
    """Why bytes that are no table are not, recognised by their first bytes (a sentence for `_refuse`, and the kind
    of image it names); None when they may be one."""
    head = raw[:16]
    if head.startswith(b"%PDF"):
        return tr("{file} is a PDF document, not a table; export the table from where it was made as CSV or Excel "
                  "(.xlsx)."), ""
    for magic, kind in _IMAGES:
        if head.startswith(magic):
            return tr("{file} is an image ({kind}), not a table; type the activities into a spreadsheet, then import "
                      "that."), kind
    if (head.startswith(b"RIFF") and raw[8:12] == b"WEBP") or raw[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return tr("{file} is an image, not a table; type the activities into a spreadsheet, then import that."), ""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return tr("{file} is an old Office file (an Excel 97-2003 .xls workbook or a .doc); {save_as}."), ""
    if head.startswith(b"{\\rtf"):
        return tr("{file} is a rich-text document, not a table; copy its table into a spreadsheet and save that as "
                  "CSV."), ""
    start = raw[:512].lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return tr("{file} is a web page (HTML), not a table file; open it in Excel and save it as .xlsx or CSV."), ""
    return None


def _zip_kind(path: Path, raw: bytes) -> None:
    """Refuse a zip that is not an Excel workbook (a Word document, an OpenDocument sheet, any other archive)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(path, tr("{file} is a damaged or incomplete zip file, not an Excel workbook; {save_as}.")) \
            from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise _refuse(path, tr("{file} is an Excel binary workbook (.xlsb); {save_as}."))
        return
    if "word/document.xml" in names:
        raise _refuse(path, tr("{file} is a Word document, not a table; copy its table into Excel and save that as "
                               ".xlsx or CSV."))
    if "content.xml" in names:
        raise _refuse(path, tr("{file} is an OpenDocument file; save it from LibreOffice as .xlsx or CSV."))
    raise _refuse(path, tr("{file} is a zip archive, not an Excel workbook; {save_as}."))


# --- text ----------------------------------------------------------------------------------------------------------

def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text without a byte-order mark (every other byte NUL in ASCII)."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    if odd >= pairs * 0.4 and even <= pairs * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.4 and odd <= pairs * 0.05:
        return "utf-16-be"
    return None


def _binary(path: Path) -> TableError:
    return _refuse(path, tr("{file} is not a text table or an Excel workbook (it holds binary data)."))


def decode(path: Path, raw: bytes) -> tuple[str, str, str | None]:
    """(text, encoding as said to the user (in English: shown through `tr`), a note when the user should know);
    TableError for binary data."""
    name = printable(str(path))
    note: str | None = None
    try:
        if raw.startswith(b"\xef\xbb\xbf"):
            text, encoding = raw.decode("utf-8-sig"), "UTF-8 (with BOM)"
        elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            text, encoding = raw.decode("utf-16"), "UTF-16"
        elif (utf16 := _utf16_without_bom(raw)) is not None:
            text, encoding = raw.decode(utf16), "UTF-16"
        else:
            text, encoding = raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
            raise _binary(path) from None
        try:
            text, encoding = raw.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "ISO-8859-1"
        note = tr("{file} is not UTF-8 text: it was read as {encoding} (Western European). If accented letters look "
                  "wrong, save it from Excel as 'CSV UTF-8'.").format(file=name, encoding=encoding)
    controls = sum(1 for c in text[:65536] if c < " " and c not in "\t\r\n\f")
    if "\x00" in text or controls > max(8, len(text[:65536]) // 100):
        raise _binary(path)
    return text, encoding, note


def _widths(text: str, delimiter: str) -> list[int]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found: list[int] = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                found.append(len(cells))
            if len(found) >= 50:
                break
    except csv.Error:
        pass
    return found


def sniff_delimiter(text: str, prefer: str | None = None) -> str:
    """The delimiter among DELIMITERS that splits the first rows most consistently into the most columns."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[:sample.rindex("\n")]
    best: tuple[tuple[int, int, int], str] | None = None
    for rank, delimiter in enumerate(DELIMITERS):
        widths = _widths(sample, delimiter)
        if not widths:
            continue
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        if common < 2:
            continue
        score = (widths.count(common) + (len(widths) if delimiter == prefer else 0), common, -rank)
        if best is None or score > best[0]:
            best = (score, delimiter)
    return best[1] if best else (prefer or ",")


def _lines(text: str) -> str:
    """A cell's line breaks as \\n (a cell typed in Excel on Windows and saved as CSV has \\r\\n)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_rows(path: Path, text: str, delimiter: str) -> list[TableRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[TableRow] = []
    end_of_last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _refuse(path, tr("{file} cannot be read from line {line}: {problem}."), line=end_of_last + 1,
                          problem=printable(str(exc))) from None
        line, end_of_last = end_of_last + 1, reader.line_num
        if any(c.strip() for c in cells):
            rows.append(TableRow(line, tuple(_lines(c) if c.strip() else None for c in cells)))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _too_many_rows(path)
    return rows


# --- workbooks -----------------------------------------------------------------------------------------------------

def _excel_cell(value: Any) -> Cell:
    """A value from openpyxl as a Cell: blank text is None, a whole float an int, TRUE/FALSE text."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return _lines(value) if value.strip() else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if value is None or isinstance(value, (int, date, time, timedelta)):
        return value
    return str(value)


def _choose_sheet(path: Path, names: Sequence[str], wanted: str) -> str:
    if wanted in names:
        return wanted
    loose = [n for n in names if n.strip().casefold() == wanted.strip().casefold()]
    if len(loose) == 1:
        return loose[0]
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    listed = ", ".join(f"'{printable(n)}'" for n in names)
    raise _refuse(path, tr("{file} has no sheet named '{sheet}' (its sheets are: {sheets})."), sheet=printable(wanted),
                  sheets=listed)


def _sheet_rows(path: Path, sheet: Any) -> list[TableRow]:
    rows: list[TableRow] = []
    for number, values in enumerate(sheet.iter_rows(max_row=MAX_ROWS + HEADER_SEARCH_ROWS + 1,
                                                    max_col=MAX_COLUMNS, values_only=True), start=1):
        cells = [_excel_cell(v) for v in values]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            rows.append(TableRow(number, tuple(cells)))
            if number > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _too_many_rows(path)
    return rows


def _damaged(path: Path) -> TableError:
    return _refuse(path, tr("{file} is not an Excel workbook WeThrive can read (it may be damaged); {save_as}."))


def _too_many_rows(path: Path) -> TableError:
    return _refuse(path, tr("{file} has more than {rows} rows, too many for a list of activities."),
                   rows=f"{MAX_ROWS:,}")


def _read_workbook(path: Path, raw: bytes, wanted: str | None) -> tuple[tuple[str, ...], str, list[TableRow]]:
    import openpyxl

    _zip_kind(path, raw)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions it skips
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any failure of a damaged workbook is the same sentence
        raise _damaged(path) from None
    try:
        names = tuple(str(n) for n in book.sheetnames)
        if not names:
            raise _refuse(path, tr("{file} has no sheets."))
        order = [_choose_sheet(path, names, wanted)] if wanted is not None else list(names)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for name in order:
                    sheet = book[name]
                    if not hasattr(sheet, "iter_rows"):  # a chart sheet
                        if wanted is not None:
                            raise _refuse(path, tr("{file} has a chart, not a table, in sheet '{sheet}'."),
                                          sheet=printable(name))
                        continue
                    rows = _sheet_rows(path, sheet)
                    if rows or wanted is not None:
                        return names, name, rows
        except TableError:
            raise
        except Exception:  # noqa: BLE001
            raise _damaged(path) from None
        return names, order[0], []
    finally:
        book.close()


# --- the header --------------------------------------------------------------------------------------------------

_NUMERIC_TEXT = re.compile(r"^[\d\s.,:/$%()+-]+$")


def _texts(row: TableRow) -> list[str]:
    return [cell_text(c).strip() for c in row.cells if cell_text(c).strip()]


def find_header(rows: Sequence[TableRow], width: int) -> int:
    """The index of the header among `rows` (non-empty rows): the first whose cells mostly name known columns, else
    the first with at least two cells (one if the table has one column) that are mostly text, else the first."""
    search = list(enumerate(rows[:HEADER_SEARCH_ROWS]))
    least = min(2, max(1, width))
    for index, row in search:
        texts = _texts(row)
        known = sum(1 for t in texts if field_for_header(t))
        if known >= least and known * 2 >= len(texts):
            return index
    for index, row in search:
        texts = [cell_text(c).strip() for c in row.cells if isinstance(c, str) and c.strip()]
        words = [t for t in texts if not _NUMERIC_TEXT.match(t)]
        if len(words) >= least and len(words) * 5 >= len(_texts(row)) * 4:
            return index
    return 0


def header_names(cells: Iterable[Cell], width: int) -> tuple[str, ...]:
    """Unique, printable header names; an unnamed column is "Column F", a repeated name "Notes (2)"."""
    given = [" ".join(cell_text(c).split()) for c in cells] + [""] * width
    names: list[str] = []
    seen: set[str] = set()
    for index, text in enumerate(given[:width]):
        # Not translated: a header is the table's own, and names the column in remembered mappings and --map.
        name = shown(unneutralise(text), 80) or f"Column {column_letter(index)}"
        candidate, count = name, 1
        while candidate.casefold() in seen:
            count += 1
            candidate = f"{name} ({count})"
        seen.add(candidate.casefold())
        names.append(candidate)
    return tuple(names)


def _build(path: Path, kind: str, raw_rows: list[TableRow], **extra: Any) -> Table:
    if not raw_rows:
        if extra.get("sheet"):
            raise _refuse(path, tr("{file} has no rows (sheet '{sheet}'): there is no table to import."),
                          sheet=printable(extra["sheet"]))
        raise _refuse(path, tr("{file} has no rows: there is no table to import."))
    width = min(MAX_COLUMNS, max(len(r.cells) for r in raw_rows))
    header_index = find_header(raw_rows, width)
    header = raw_rows[header_index]
    headers = header_names(header.cells, width)
    notes = list(extra.pop("notes", ()))
    if header_index:
        skipped = ", ".join(str(r.line) for r in raw_rows[:header_index][:5])
        notes.append(tr("The column names were read from line {line}; the line(s) above it ({lines}) were skipped "
                        "as titles.").format(line=header.line, lines=skipped))
    data: list[TableRow] = []
    repeated = 0
    first = cell_text(header.cells[0]).strip() if header.cells else ""
    for row in raw_rows[header_index + 1:]:
        cells = tuple(row.cells[:width]) + (None,) * (width - len(row.cells[:width]))
        if first and cell_text(cells[0]).strip() == first and header_names(cells, width) == headers:
            repeated += 1  # the header again (files pasted together): not a record
            continue
        data.append(TableRow(row.line, cells))
    if repeated:
        notes.append(tr("The header row is repeated {count} time(s) further down; those lines were skipped.").format(
            count=repeated))
    if len(data) > MAX_ROWS:
        raise _too_many_rows(path)
    return Table(path=path, kind=kind, headers=headers, rows=tuple(data), header_line=header.line,
                 notes=tuple(notes), **extra)


def read_table(path: Path | str, sheet: str | None = None) -> Table:
    """Read a .csv, .tsv, .txt or .xlsx file (recognised by its content, not its name) as a Table. `sheet`: the
    workbook sheet to read (its name or number; default the first with data). TableError, one sentence naming the
    file, when it is not a table."""
    path = Path(path)
    raw = read_bytes(path)
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise _refuse(path, tr("{file} is empty: there is no table to import."))
    why = _not_a_table(raw)
    if why is not None:
        raise _refuse(path, why[0], kind=why[1])
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        names, chosen, rows = _read_workbook(path, raw, sheet)
        notes = []
        if len(names) > 1:
            listed = ", ".join(f"'{printable(n)}'" for n in names)
            notes.append(tr("Sheet '{sheet}' was read; the workbook's sheets are {sheets}.").format(
                sheet=printable(chosen), sheets=listed))
        return _build(path, "xlsx", rows, sheets=names, sheet=chosen, notes=notes)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        raise _refuse(path, tr("{file} is named like an Excel workbook but is not one; {save_as}."))
    if sheet is not None:
        raise _refuse(path, tr("{file} is a text file, which has no sheets; leave out the sheet."))
    text, encoding, note = decode(path, raw)
    delimiter = sniff_delimiter(text, "\t" if path.suffix.lower() == ".tsv" else None)
    notes = [note] if note else []
    return _build(path, "text", _text_rows(path, text, delimiter), encoding=encoding, delimiter=delimiter,
                  notes=notes)
