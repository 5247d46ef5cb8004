"""The `wethrive` command: the GUI by default, and headless subcommands that call the same functions as the GUI.

Bad input gets a one-line message on stderr and exit status 1 (2 for bad usage); never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import peewee

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.models.db import StoreError, backup_to, open_database
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.paths import DATA_DIR_ENV, default_db_path, demo_db_path


class CommandError(Exception):
    """A message for the user; exit status 1."""


def resolve_db(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()


def open_db(args: argparse.Namespace, create: bool = False) -> Path:
    """Open the database the command names. Only commands that add records may create a new, empty one."""
    path = resolve_db(args)
    if not create and not path.exists():
        raise CommandError(f"there is no database at {path} (use --db PATH to name one)")
    open_database(path)
    return path




def year_arg(text: str) -> int:
    """The type of every --year option: a clear usage error instead of a traceback for a year like 0 or 99999."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a year") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"{year} is not a year between {MIN_YEAR} and {MAX_YEAR}")
    return year


def format_table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# --- subcommands -------------------------------------------------------------------------------------------

def cmd_summary(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.domain import PRACTICES
    from wethrive_desktop.models.rules import format_hours
    from wethrive_desktop.models.summary import year_summary

    open_db(args)
    summary = year_summary(args.year)
    if args.json:
        print(json.dumps(summary.to_json(), indent=2))
        return 0
    p = summary.progress
    print(f"Professional development {summary.year}: {p.describe()}")
    print(f"Activities: {summary.activities}   Remaining: {format_hours(p.remaining)} h   "
          f"Challenge points: {summary.challenge_points}")
    print()
    rows = [["#", "Practice", "Hours"]]
    rows += [[str(n), name, format_hours(summary.practice_hours.by_practice[n])] for n, name in PRACTICES.items()]
    rows.append(["", "Untagged", format_hours(summary.practice_hours.untagged)])
    print(format_table(rows, right=(0, 2)))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from datetime import datetime

    path = open_db(args)
    out = Path(args.out) if args.out else path.with_name(
        f"{path.stem}-backup-{datetime.now():%Y%m%d-%H%M%S}.sqlite3")
    backup_to(out)
    print(f"Backed up {path} to {out}")
    return 0


Handler = Callable[[argparse.Namespace], int]
CommandAdder = Callable[[str, Handler, str], argparse.ArgumentParser]

# Modules with more subcommands; each has `register(command: CommandAdder) -> None`.
COMMAND_MODULES: list[str] = [
    "wethrive_desktop.cli_data",
    "wethrive_desktop.cli_plans",
    "wethrive_desktop.cli_report",
    "wethrive_desktop.cli_programs",
]


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help=f"database file (default: the data folder, or ${DATA_DIR_ENV})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wethrive", description=f"{APP_NAME}: professional-development records for ICMA members. "
                                     "Without a command, opens the app.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_db_option(parser)
    parser.add_argument("--demo", action="store_true", help="open the built-in demo data")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        add_db_option(p)
        p.set_defaults(handler=handler)
        return p

    p = command("summary", cmd_summary, "hours toward the 40-hour commitment for a year")
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = command("backup", cmd_backup, "a consistent copy of the database")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: beside the database, dated)")

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(command)
    return parser


def run_gui_from_args(args: argparse.Namespace) -> int:
    from wethrive_desktop.app import run_gui
    from wethrive_desktop.models.demo import ensure_demo_database

    if args.demo or (getattr(args, "db", None) is None and not default_db_path().exists()):
        # A first run with no data of the user's own opens the demo data, clearly marked as such.
        return run_gui(ensure_demo_database(demo_db_path()), demo=True)
    return run_gui(resolve_db(args))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_gui_from_args(args)
        handler: Handler = args.handler
        return handler(args)
    except ValidationError as exc:
        for error in exc.errors:
            print(f"wethrive: {error}", file=sys.stderr)
        return 1
    except (CommandError, StoreError, OSError, LookupError) as exc:
        print(f"wethrive: error: {exc}", file=sys.stderr)
        return 1
    except peewee.DatabaseError as exc:  # e.g. a damaged file whose header still looks like SQLite
        print(f"wethrive: error: the database could not be read: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
