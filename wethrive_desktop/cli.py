"""The `wethrive` command: the GUI by default, and headless subcommands that call the same functions as the GUI.

Bad input gets a one-line message on stderr and exit status 1 (2 for bad usage); never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.cli_common import (
    CommandAdder,
    CommandError,
    Handler,
    add_db_option,
    format_table,
    open_db,
    resolve_db,
    year_arg,
)
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.paths import default_db_path, demo_db_path

# --- subcommands -------------------------------------------------------------------------------------------

def cmd_summary(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.domain import PRACTICES
    from wethrive_desktop.models.rules import format_hours
    from wethrive_desktop.models.summary import year_summary

    open_db(args, readonly=True)
    summary = year_summary(args.year)
    if args.json:
        print(json.dumps(summary.to_json(), indent=2))
        return 0
    p = summary.progress  # the hours ICMA counts (caps and conditions applied)
    logged = summary.logged if summary.logged is not None else p.total
    print(f"Professional development {summary.year}: {p.describe()}")
    print(f"Logged: {format_hours(logged)} h   Counted: {format_hours(p.total)} h   "
          f"Remaining: {format_hours(p.remaining)} h   Activities: {summary.activities}   "
          f"Challenge points: {summary.challenge_points}")
    why = summary.icma.explanations() if summary.icma is not None else []
    if why:
        print("Not every hour logged counts:")
        print("\n".join(f"  {line}" for line in why))
    print()
    rows = [["#", "Practice", "Hours"]]
    rows += [[str(n), name, format_hours(summary.practice_hours.by_practice[n])] for n, name in PRACTICES.items()]
    rows.append(["", "Untagged", format_hours(summary.practice_hours.untagged)])
    print(format_table(rows, right=(0, 2)))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from wethrive_desktop.models import clock
    from wethrive_desktop.models.db import backup_to

    path = open_db(args, readonly=True, check=False)  # backup_to checks, and refuses a damaged file
    out = Path(args.out) if args.out else path.with_name(
        f"{path.stem}-backup-{clock.now():%Y%m%d-%H%M%S}.sqlite3")
    backup_to(out)
    print(f"Backed up {path} to {out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.activities import count_activities
    from wethrive_desktop.models.backups import restore_backup

    path = open_db(args, check=False)  # a damaged file is what a restore is for
    before = restore_backup(Path(args.backup).expanduser(), path)
    print(f"Restored {path} from {args.backup}: {count_activities()} activities. What it held before is in {before}.")
    return 0


# Every module with more subcommands, by its `register(command)`, in the order they appear in --help.
def command_groups() -> tuple[Callable[[CommandAdder], None], ...]:
    """Each subcommand module's `register`, in the order of `wethrive --help`. Imported here, when the whole parser
    is built, not by every start of the app (which needs none of them)."""
    from wethrive_desktop import (
        cli_data,
        cli_deadlines,
        cli_exports,
        cli_import,
        cli_plans,
        cli_programs,
        cli_report,
        cli_requirements,
    )

    return (cli_data.register, cli_import.register, cli_plans.register, cli_report.register, cli_exports.register,
            cli_programs.register, cli_deadlines.register, cli_requirements.register)


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

    p = command("summary", cmd_summary, "hours toward the 40-hour commitment for a year: logged, and counted as ICMA "
                                        "counts them (mentoring and coaching given at most 20 h each)")
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = command("backup", cmd_backup, "a consistent copy of the database")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: beside the database, dated)")

    p = command("restore", cmd_restore, "put a backup's content back into the database (after a copy of the "
                                        "current content)")
    p.add_argument("backup", metavar="BACKUP", help="a copy from the backups folder beside the database")

    for register in command_groups():
        register(command)
    return parser


def run_gui_from_args(args: argparse.Namespace) -> int:
    """The GUI. Nothing here touches the data folder: run_gui does, once it can show a message if that fails.

    The GUI collects garbage from a timer on its own thread, never automatically (ui/garbage.py, which takes over
    when the first window is built): switched off from here already, so that the start-up's imports (tens of
    thousands of objects, nearly all kept) are not examined over and over on the way to the first window. This
    module imports neither Qt nor the store (peewee): all of those imports come after this
    (tests/test_startup_imports.py). Before them too, PySide's check of each module imported after it is made quick
    (ui/pyside_feature.py)."""
    gc.disable()
    from wethrive_desktop.ui.pyside_feature import quicken_pyside_imports

    quicken_pyside_imports()
    from wethrive_desktop.app import run_gui

    if args.demo or (getattr(args, "db", None) is None and not _exists(default_db_path())):
        # A first run with no data of the user's own opens the demo data (created here), clearly marked as such.
        return run_gui(demo_db_path(), demo=True)
    return run_gui(resolve_db(args))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a folder we may not look into: opening it will say so
        return False


def gui_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when all they do is open the app (none, `--db PATH`, `--demo`), as build_parser's parser reads
    them, without building that parser and its many subcommands (some 5 ms of every start, before the first
    window); None for anything else (a command, --help, a mistake), which the whole parser reads and reports on."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    add_db_option(parser)
    parser.add_argument("--demo", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = gui_args(argv) or build_parser().parse_args(argv)
    try:
        if args.command is None:
            return run_gui_from_args(args)
        handler: Handler = args.handler
        return handler(args)
    except ValidationError as exc:
        for error in exc.errors:
            print(f"wethrive: {error}", file=sys.stderr)
        return 1
    except CommandError as exc:
        print(f"wethrive: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`wethrive summary ... | head`): nothing more to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not fail again
        return 1
    except Exception as exc:  # the one boundary: a sentence for the user, the traceback for the log
        return _report(args, exc)


def _report(args: argparse.Namespace, exc: Exception) -> int:
    from wethrive_desktop import crash_log
    from wethrive_desktop.errors import describe, parse_failure

    message = describe(exc)
    source = getattr(args, "file", None)
    if message is None and source is not None and parse_failure(exc):
        message = f"{source} could not be read: {exc}"
    where = crash_log.log_command_error(args.command, exc)
    if message is None:
        message = f"an unexpected problem stopped the command ({type(exc).__name__}); nothing more was written."
        if where is not None:
            message += f" The details are in {where}."
    print(f"wethrive: error: {_printable(message)}", file=sys.stderr)
    return 1


def _printable(text: str) -> str:
    """No control characters (a NUL from a file name or a hostile input) reach the terminal."""
    return "".join(c if c.isprintable() or c == " " else "\ufffd" for c in text)
