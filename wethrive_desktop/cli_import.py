"""`wethrive import`: a member's own spreadsheet (CSV, TSV, text or .xlsx), columns named their way.

A thin wrapper over exchange/tabular.py, the functions the GUI wizard calls too: read the table, map its columns
(the mapping remembered for these headers, else a guess; `--map FIELD=COLUMN` on top), preview every row, import.
Without --skip-invalid it is all or nothing (exit 1, every error as `line N: column: message` on stderr); with it the
valid rows are imported, the others reported the same way (and written to --rejected). A file that is not a table
gets one sentence and exit 1, before any database is opened or created.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wethrive_desktop.cli_common import CommandAdder, CommandError, database_for_import, write_error

if TYPE_CHECKING:
    from wethrive_desktop.exchange.tabular import Table


_BASE_FIELDS = ("description",)  # the column of field names is at least this wide


def _say(text: str) -> None:
    print(text)


def _describe_table(table: Table) -> str:
    from wethrive_desktop.exchange.tabular_read import DELIMITER_NAMES

    if table.kind == "xlsx":
        where = f"sheet '{table.sheet}', header on row {table.header_line}"
    else:
        delimiter = DELIMITER_NAMES.get(table.delimiter or ",", repr(table.delimiter))
        where = f"{table.encoding} text, {delimiter}-separated, header on line {table.header_line}"
    return f"Read {table.path}: {where}, {len(table.rows)} data row(s)."


def cmd_import(args: argparse.Namespace) -> int:
    from wethrive_desktop.exchange import tabular

    source = Path(args.file)
    try:
        table = tabular.read_table(source, sheet=args.sheet)
    except tabular.TableError as exc:
        raise CommandError(str(exc)) from None
    remembered = None if args.ignore_remembered else tabular.load_mapping(table.headers)
    mapping = remembered.mapping if remembered is not None else tabular.guess_mapping(table.headers)
    try:
        mapping = tabular.override_mapping(mapping, args.map or ())
    except tabular.MappingError as exc:
        raise CommandError(f"--map: {exc}") from None
    date_order = args.date_order or (remembered.date_order if remembered is not None else None)
    append = args.append_unmapped or (remembered is not None and remembered.append_unmapped)

    _say(_describe_table(table))
    origin = {"guessed": "guessed from the headers", "remembered": "remembered for these headers",
              "given": "with --map"}[mapping.source]
    _say(f"Columns ({origin}):")
    shown = [f for f, _ in mapping.columns] + list(mapping.missing())
    width = max(len(f) for f in (*_BASE_FIELDS, *shown))  # the long mentoring fields widen it only when shown
    for field_name, index in mapping.columns:
        _say(f"  {field_name.ljust(width)} <- {table.headers[index]}")
    for field_name in mapping.missing():
        _say(f"  {field_name.ljust(width)} <- (no column)")

    with database_for_import(args) as done:
        result = tabular.preview(table, mapping, date_order=date_order, append_unmapped=append)
        order = result.date_order
        if order.how != "conflict":
            hint = " (change it with --date-order)" if order.how == "assumed" else ""
            _say(f"Dates: {order.reason}{hint}.")
        for note in result.notes:
            _say(f"Note: {note}")
        for warning in result.warnings:
            _say(f"Warning: {warning}")
        if result.file_errors:
            for error in result.file_errors:
                print(error, file=sys.stderr)
            hint = " Choose the order with --date-order." if order.how == "conflict" else (
                " Name the columns with --map FIELD=COLUMN." if mapping.missing() else "")
            print(f"{source} cannot be imported as it is: nothing was imported.{hint}", file=sys.stderr)
            return done(1)
        counts = result.counts()
        skipped = f", {counts[tabular.SKIPPED]} skipped" if counts[tabular.SKIPPED] else ""
        _say(f"{len(result.rows)} row(s): {counts[tabular.NEW]} new, {counts[tabular.DUPLICATE]} duplicate(s), "
             f"{counts[tabular.ERROR]} with errors{skipped}.")
        for error in result.errors:
            print(error, file=sys.stderr)
        if args.rejected and result.rejected:
            out = Path(args.rejected)
            try:
                tabular.write_rejected(result, out)
            except OSError as exc:
                raise write_error(out, exc) from exc
            _say(f"The {len(result.rejected)} row(s) with errors were written to {out}.")
        if result.rejected and not args.skip_invalid:
            print(f"{len(result.rejected)} row(s) with errors in {source}: nothing was imported (correct them, or "
                  f"use --skip-invalid to import the {counts[tabular.NEW]} valid new row(s)).", file=sys.stderr)
            return done(1)
        if args.dry_run:
            _say(f"Dry run: {counts[tabular.NEW]} would be added, {counts[tabular.DUPLICATE]} duplicates would be "
                 "skipped; the database was not changed.")
            added = None
            done(1)  # not a failure: a new database built for the dry run is not kept
        else:
            added = tabular.apply(result, skip_invalid=args.skip_invalid)
            done(0)
    if args.remember:
        saved = tabular.save_mapping(mapping, date_order=date_order, append_unmapped=append)
        _say(f"The mapping is remembered for files with these headers (in {saved}).")
    if added is not None:
        # Said once the file is in place (a new database is given its name only when the import succeeded).
        duplicates = counts[tabular.DUPLICATE] + counts[tabular.NEW] - added
        rejected = f", {len(result.rejected)} rejected" if result.rejected else ""
        _say(f"{added} added, {duplicates} duplicates skipped{rejected}.")
    return 0


def register(command: CommandAdder) -> None:
    p = command("import", cmd_import, "import activities from any spreadsheet: CSV, TSV, text or Excel (.xlsx), "
                                      "its columns named your way")
    p.add_argument("file", metavar="FILE", help="a .csv, .tsv, .txt or .xlsx file with a header row")
    p.add_argument("--sheet", metavar="NAME", help="the workbook sheet to read (default: the first with data)")
    p.add_argument("--map", metavar="FIELD=COLUMN", action="extend", nargs="+",
                   help="read FIELD from COLUMN (its header, letter or number); FIELD= reads it from no column. "
                        "Fields: title, date, end_date, provider, hours, type, practices, description, learned, "
                        "status, challenge, topics, delivery_hours, meets_conditions, mentee, mentee_position, "
                        "own_employee, mentoring_program, relationship_start, relationship_end, frequency, subjects")
    p.add_argument("--date-order", choices=("mdy", "dmy", "ymd"),
                   help="how to read dates like 05/03/2026 (default: as the file's own dates show, else mdy)")
    p.add_argument("--skip-invalid", action="store_true",
                   help="import the valid rows and report the others (default: all or nothing)")
    p.add_argument("--rejected", metavar="OUT.csv", help="write the rows with errors, and why, to this CSV file")
    p.add_argument("--append-unmapped", action="store_true",
                   help="add the other columns' values to the description (\"Cost ($): 120\")")
    p.add_argument("--remember", action="store_true",
                   help="remember this mapping (and date order) for files with the same headers")
    p.add_argument("--ignore-remembered", action="store_true",
                   help="ignore a remembered mapping: guess, then apply --map")
    p.add_argument("--dry-run", action="store_true", help="only check the file and show what would be added")
