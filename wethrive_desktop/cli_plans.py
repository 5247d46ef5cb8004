"""Plan subcommands: `wethrive import-ics FILE` adds calendar registrations to the plans of their years."""

from __future__ import annotations

import argparse
from pathlib import Path

from wethrive_desktop.cli_common import CommandAdder, database_for_import


def cmd_import_ics(args: argparse.Namespace) -> int:
    from wethrive_desktop.exchange.calendar_import import import_ics
    from wethrive_desktop.models.dates import date_range
    from wethrive_desktop.models.plans import get_item
    from wethrive_desktop.models.rules import format_hours

    path = Path(args.file).expanduser()
    with database_for_import(args) as done:
        result = import_ics(path)
        lines = []
        for year, item_id in result.added:
            item = get_item(item_id)
            dates = date_range(item.start_date, item.end_date, "iso", undated="")
            lines.append(f"  {year}  {dates}  {item.title}  ({format_hours(item.estimated_hours)} h)")
        done(0)
    # Said once the file is in place (a new database is given its name only when the import succeeded).
    lines += [f"  already imported: {event.start_date.isoformat()}  {event.title}"
              for event in result.already_imported]
    lines += [f"  note: {warning}" for warning in result.warnings]
    print("\n".join([*lines, result.describe()]))
    return 0


def register(command: CommandAdder) -> None:
    p = command("import-ics", cmd_import_ics,
                "add the events of an iCalendar (.ics) file as planned activities in the plans of their years")
    p.add_argument("file", metavar="FILE", help="the .ics file (a conference or webinar registration)")
