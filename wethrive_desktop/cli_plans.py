"""Plan subcommands: `wethrive import-ics FILE` adds calendar registrations to the plans of their years."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from wethrive_desktop.cli_common import CommandAdder, database_for_import

if TYPE_CHECKING:
    from wethrive_desktop.exchange.calendar_import import CalendarEvent


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
    lines += already_imported_lines(result.already_imported)
    lines += [f"  note: {warning}" for warning in result.warnings]
    print("\n".join([*lines, result.describe()]))
    return 0


def already_imported_lines(events: Sequence[CalendarEvent]) -> list[str]:
    """A line for each skipped event; the skipped occurrences of one repeating event share one line, with the
    dates of the first and the last and how many there are."""
    lines = []
    for _series, group in groupby(events, key=lambda event: event.series or object()):
        run = list(group)
        first, last = run[0], run[-1]
        if len(run) == 1:
            lines.append(f"  already imported: {first.start_date.isoformat()}  {first.title}")
        else:
            lines.append(f"  already imported: {first.start_date.isoformat()} to {last.start_date.isoformat()}  "
                         f"{first.title} ({len(run)} dates)")
    return lines


def register(command: CommandAdder) -> None:
    p = command("import-ics", cmd_import_ics,
                "add the events of an iCalendar (.ics) file as planned activities in the plans of their years")
    p.add_argument("file", metavar="FILE", help="the .ics file (a conference or webinar registration)")
