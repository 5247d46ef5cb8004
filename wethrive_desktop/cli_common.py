"""What every subcommand module shares: the user-facing error, the database options and the argument types.

cli.py builds the parser from the subcommand modules (cli_data, cli_plans, cli_report, cli_programs), which import
this module, not cli.py, so cli.py can import them.

The store (models.db, and peewee with it) is imported when a command opens a database, not with this module: the
GUI's start (cli.run_gui_from_args) imports it, as all it needs, after switching the garbage collector off.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from wethrive_desktop.files import place_if_absent, temp_file_beside
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, valid_year
from wethrive_desktop.paths import DATA_DIR_ENV, default_db_path


class CommandError(Exception):
    """A message for the user; exit status 1."""


def write_error(path: Path, exc: OSError) -> CommandError:
    """'cannot write PATH: REASON', for a file a command could not write."""
    return CommandError(f"cannot write {path}: {exc.strerror or exc}")


def resolve_db(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()


def open_db(args: argparse.Namespace, *, readonly: bool = False, check: bool = True) -> Path:
    """Open the database the command names (database_for_import may create a new one), after SQLite's quick check.

    `readonly`: the command only reads it, through a read-only connection; a damaged file is then read with a warning
    (exporting what can still be read is how a member rescues it). A command that writes refuses a damaged file.
    `check=False`: the command checks for itself (backup) or is meant for a damaged file (restore).
    """
    from wethrive_desktop.models.db import DamagedDatabaseError, check_integrity, open_database

    path = resolve_db(args)
    if not path.exists():
        raise CommandError(f"there is no database at {path} (use --db PATH to name one)")
    db = open_database(path, readonly=readonly)
    try:
        if check:
            check_integrity(db)
    except DamagedDatabaseError as exc:
        if not readonly:
            raise
        print(f"wethrive: warning: {exc}; what follows may be incomplete.", file=sys.stderr)
    return path


@contextmanager
def database_for_import(args: argparse.Namespace) -> Iterator[Callable[[int], int]]:
    """Open the target database for an import. A new one is built beside its name and given the name only when the
    import succeeded, and only if no other process created that file meanwhile: a failed import leaves nothing
    behind, and of two imports into the same new file neither removes nor overwrites what the other made.

    Yields `done(exit_code) -> exit_code`, which the handler calls with its result.
    """
    from wethrive_desktop.models.db import close_database, create_database, open_database, remove_database_files

    path = resolve_db(args)
    result: list[int] = []

    def done(code: int) -> int:
        result.append(code)
        return code

    if path.exists() or path.is_symlink():
        open_db(args)
        yield done
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    built = temp_file_beside(path)
    try:
        built.unlink()  # create_database makes it, stamped as ours
        create_database(built)
        open_database(built)
        yield done
        close_database()
        if result and result[-1] == 0 and not place_if_absent(built, path):
            result[-1] = 1
            raise CommandError(f"another WeThrive created {path} while this import ran; nothing was imported. "
                               "Run the command again to import into that file.")
    finally:
        close_database()
        remove_database_files(built)
    if result and result[-1] == 0:
        open_database(path)  # what the command reads afterwards comes from the file in place, not the one built


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
