"""Subcommands that move records in and out: import-csv, export-csv, export-json, import-json.

Each is a thin wrapper over exchange/csv_io.py and exchange/json_io.py, the functions the GUI calls too. Bad input
gets a clear message and exit status 1, and the database stays as it was: an import that fails into a database
file the command itself created removes that file again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wethrive_desktop.cli_common import (
    CommandAdder,
    CommandError,
    database_for_import,
    open_db,
    resolve_db,
    write_error,
    year_arg,
)


def cmd_import_csv(args: argparse.Namespace) -> int:
    from wethrive_desktop.exchange.csv_io import apply_import, preview_import

    source = Path(args.file)
    if not source.is_file():
        raise CommandError(f"{source} does not exist" if not source.exists() else f"{source} is not a file")
    with database_for_import(args) as done:
        preview = preview_import(source)
        if preview.errors:
            for error in preview.errors:
                print(error, file=sys.stderr)
            print(f"{len(preview.errors)} error(s) in {source}: nothing was imported "
                  f"(0 added, {len(preview.duplicates)} duplicates).", file=sys.stderr)
            return done(1)
        if args.dry_run:
            print(f"Dry run: {len(preview.to_add)} would be added, {len(preview.duplicates)} duplicates would be "
                  "skipped; nothing was written.")
            return done(0)
        added = apply_import(preview)
        done(0)
    # Said once the file is in place (a new database is given its name only when the import succeeded).
    skipped = len(preview.duplicates) + len(preview.to_add) - added
    print(f"{added} added, {skipped} duplicates skipped.")
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    from wethrive_desktop.exchange.csv_io import export_csv

    open_db(args, readonly=True)
    out = Path(args.file)
    try:
        count = export_csv(out, args.year)
    except OSError as exc:
        raise write_error(out, exc) from exc
    which = f" of {args.year}" if args.year else ""
    print(f"Exported {count} activities{which} to {out}")
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    from wethrive_desktop.exchange.json_io import export_json

    open_db(args, readonly=True)
    out = Path(args.file)
    try:
        counts = export_json(out)
    except OSError as exc:
        raise write_error(out, exc) from exc
    listed = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
    print(f"Exported {listed} to {out}")
    return 0


def cmd_import_json(args: argparse.Namespace) -> int:
    from wethrive_desktop.exchange.json_io import import_json, read_export

    if getattr(args, "db", None) is None:
        args.parser.error("import-json needs --db PATH: the database to fill (a new file, or an empty one)")
    source = Path(args.file)
    read_export(source)  # a bad file is refused before any database is created
    with database_for_import(args) as done:
        counts = import_json(source)
        done(0)
    listed = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
    print(f"Imported {listed} from {source} into {resolve_db(args)}")
    return 0


def register(command: CommandAdder) -> None:
    p = command("import-csv", cmd_import_csv, "import activities from a CSV file (all rows, or none if any is bad)")
    p.add_argument("file", metavar="FILE", help="CSV with a header row: date, title, hours, and optional columns")
    p.add_argument("--dry-run", action="store_true", help="only check the file and count what would be added")

    p = command("export-csv", cmd_export_csv, "export activities to a CSV file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--year", type=year_arg, help="only activities starting in this year")

    p = command("export-json", cmd_export_json, "export every record to a JSON file (see docs/data-format.md)")
    p.add_argument("file", metavar="FILE")

    p = command("import-json", cmd_import_json, "fill an empty database from a JSON export (requires --db)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(parser=p)
