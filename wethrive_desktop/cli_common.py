"""What every subcommand module shares: the user-facing error, the database options and the argument types.

cli.py builds the parser from the subcommand modules (cli_data, cli_plans, cli_report, cli_programs), which import
this module, not cli.py, so cli.py can import them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from wethrive_desktop.models.db import open_database
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, valid_year
from wethrive_desktop.paths import DATA_DIR_ENV, default_db_path


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
    if not valid_year(year):
        raise argparse.ArgumentTypeError(f"{year} is not a year between {MIN_YEAR} and {MAX_YEAR}")
    return year


def format_table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


Handler = Callable[[argparse.Namespace], int]
CommandAdder = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help=f"database file (default: the data folder, or ${DATA_DIR_ENV})")
