"""`wethrive requirements`: every requirement the member tracks (ICMA's Tenet 8 and the others of DOMAIN.md section
8), each in its current period, with the hours logged and the hours that count; and the commands that change the
list: add a built-in template, remove one, list the templates, export and import definitions as JSON.

Thin wrappers over models/requirements (the functions the Requirements page calls too). The models load only when a
command runs: building the parser costs nothing (the GUI's start-up builds it too).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wethrive_desktop.cli_common import (
    CommandAdder,
    CommandError,
    Handler,
    add_db_option,
    format_table,
    open_db,
    write_error,
)

if TYPE_CHECKING:
    from wethrive_desktop.models.requirements.counting import RequirementProgress

# The keys of each requirement in `wethrive requirements --json`, in this order (README's command-line section).
JSON_KEYS = ("key", "name", "period_start", "period_end", "required", "logged", "counted", "remaining", "due",
             "status")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def requirement_json(result: RequirementProgress) -> dict[str, object]:
    """One requirement's line of `--json`: exactly JSON_KEYS, as RequirementProgress.to_json writes them."""
    found = result.to_json()
    return {key: found[key] for key in JSON_KEYS}


def _table(results: list[RequirementProgress]) -> str:
    from wethrive_desktop.i18n import format_date
    from wethrive_desktop.models.rules import format_hours

    rows = [["Key", "Name", "Period", "Required", "Logged", "Counted", "Remaining", "Due", "Status"]]
    for r in results:
        rows.append([
            r.requirement.key, r.requirement.name,
            f"{format_date(r.period_start, short=True)} to {format_date(r.period_end, short=True)}",
            format_hours(r.required), format_hours(r.logged), format_hours(r.counted), format_hours(r.remaining),
            format_date(r.due, short=True), r.status,
        ])
    return format_table(rows, right=(3, 4, 5, 6))


def _details(result: RequirementProgress) -> list[str]:
    """What a member needs besides the figures: why hours do not count, topics still short, the grace period."""
    from wethrive_desktop.i18n import format_date
    from wethrive_desktop.models.requirements.counting import topic_shortfalls

    lines = list(result.explanations())
    lines += [f"Still short: {gap}" for gap in topic_shortfalls(result)]
    if result.grace_until is not None and result.status != "met":
        lines.append(f"Grace period until {format_date(result.grace_until, short=True)}")
    return lines


def cmd_requirements(args: argparse.Namespace) -> int:
    from wethrive_desktop.models import clock
    from wethrive_desktop.models.activities import load_activities
    from wethrive_desktop.models.requirements import standing
    from wethrive_desktop.models.requirements.store import unreadable_requirements

    open_db(args, readonly=True)
    on = args.date or clock.today()
    results = standing(load_activities(), on)
    for key in unreadable_requirements():
        print(f"wethrive: warning: the stored definition of '{key}' cannot be read; it is left out "
              "(remove it, or import a corrected definition)", file=sys.stderr)
    if args.json:
        print(json.dumps([requirement_json(r) for r in results], indent=2, ensure_ascii=False))
        return 0
    print(f"Requirements on {on.isoformat()}")
    print(_table(results))
    for r in results:
        details = _details(r)
        if details:
            print()
            print(f"{r.requirement.name}:")
            print("\n".join(f"  {line}" for line in details))
    return 0


def _requirement_error(exc: Exception) -> CommandError:
    # RequirementError and the store's LookupError carry a sentence for the member; a KeyError's str() is quoted.
    return CommandError(str(exc.args[0]) if exc.args else str(exc))


def cmd_requirements_add(args: argparse.Namespace) -> int:
    from wethrive_desktop.models import clock
    from wethrive_desktop.models.requirements.definitions import PeriodKind, RequirementError, template
    from wethrive_desktop.models.requirements.store import add_template

    today = clock.today()
    try:
        found = template(args.template, today)
    except RequirementError as exc:
        raise _requirement_error(exc) from None
    if args.start is not None and found.period.kind != PeriodKind.YEARS:
        raise CommandError(f"--start: {found.key} runs {found.period.describe()}; only a requirement counted in "
                           "periods of years from a start date takes one")
    open_db(args)
    try:
        added = add_template(args.template, today, args.start)
    except RequirementError as exc:
        raise _requirement_error(exc) from None
    print(f"Now tracking {added.name} ({added.key}): {_hours(added.hours)} h {added.period.describe()}.")
    return 0


def cmd_requirements_remove(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.requirements.definitions import RequirementError
    from wethrive_desktop.models.requirements.store import remove_requirement

    open_db(args)
    try:
        removed = remove_requirement(args.key)
    except (RequirementError, LookupError) as exc:
        raise _requirement_error(exc) from None
    if removed is None:
        print(f"Removed the unreadable definition '{args.key}'; your activities are unchanged.")
    else:
        print(f"No longer tracking {removed.name} ({removed.key}); your activities are unchanged.")
    return 0


def cmd_requirements_templates(args: argparse.Namespace) -> int:
    from wethrive_desktop.models import clock
    from wethrive_desktop.models.requirements.definitions import TEMPLATE_KEYS, template

    today = clock.today()
    rows = [["Template", "Name", "Hours", "Period"]]
    for key in TEMPLATE_KEYS:
        t = template(key, today)
        rows.append([key, t.name, _hours(t.hours), t.period.describe()])
    print(format_table(rows, right=(2,)))
    print()
    print("Add one with: wethrive requirements add TEMPLATE [--start YYYY-MM-DD]")
    return 0


def cmd_requirements_export(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.requirements.store import export_requirements

    open_db(args, readonly=True)
    out = Path(args.file)
    try:
        count = export_requirements(out)
    except OSError as exc:
        raise write_error(out, exc) from exc
    print(f"Exported {count} requirement definition(s) to {out}")
    return 0


def cmd_requirements_import(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.requirements.definitions import RequirementError
    from wethrive_desktop.models.requirements.store import import_requirements, read_requirements_file

    source = Path(args.file)
    if not source.is_file():
        raise CommandError(f"{source} does not exist" if not source.exists() else f"{source} is not a file")
    try:
        read_requirements_file(source)  # a bad file is refused before the database is opened for writing
        open_db(args)
        found = import_requirements(source)
    except RequirementError as exc:
        raise _requirement_error(exc) from None
    keys = ", ".join(r.key for r in found)
    print(f"Imported {len(found)} requirement definition(s) from {source}" + (f": {keys}" if keys else ""))
    return 0


def _hours(value: object) -> str:
    from decimal import Decimal

    from wethrive_desktop.models.rules import format_hours

    return format_hours(Decimal(str(value)))


def register(command: CommandAdder) -> None:
    p = command("requirements", cmd_requirements,
                "every requirement you track (ICMA's Tenet 8, state ethics hours, AICP...) in its current period: "
                "hours required, logged and counted, what remains, when it is due")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="as seen on this day (default: today)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    actions = p.add_subparsers(dest="action", metavar="[ACTION]",
                               description="without an action: the table (or --json) of every tracked requirement")

    def action(name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help, description=help)
        add_db_option(sub)
        sub.set_defaults(handler=handler)
        return sub

    a = action("add", cmd_requirements_add, "track a built-in template (see: wethrive requirements templates)")
    a.add_argument("template", metavar="TEMPLATE", help="fccma-ethics, tcma-ethics, ca-ab1234 or aicp-cm")
    a.add_argument("--start", type=_date, metavar="YYYY-MM-DD",
                   help="for a requirement counted every N years: the day your current cycle began "
                        "(default: January 1 of this year)")
    r = action("remove", cmd_requirements_remove, "stop tracking a requirement (ICMA's Tenet 8 always stays; "
                                                  "your activities are unchanged)")
    r.add_argument("key", metavar="KEY", help="its key, as `wethrive requirements` lists it")
    action("templates", cmd_requirements_templates, "the built-in templates")
    e = action("export", cmd_requirements_export, "write the definitions of every tracked requirement to a JSON file")
    e.add_argument("file", metavar="FILE")
    i = action("import", cmd_requirements_import, "add or replace (by key) requirements from a JSON file of "
                                                  "definitions")
    i.add_argument("file", metavar="FILE")
