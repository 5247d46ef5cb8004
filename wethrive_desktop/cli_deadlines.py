"""`wethrive deadlines`: the reminders of the dashboard (models.reminders) on the command line, as text, as JSON,
and an iCalendar file whose events (each with an alarm the day before) put every known due date in a phone's
calendar, however far ahead (models.reminders.build_deadlines), not only today's reminders."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from wethrive_desktop.cli_common import CommandAdder, CommandError, open_db
from wethrive_desktop.i18n import format_date, tr, trn

if TYPE_CHECKING:
    from wethrive_desktop.models.reminders import Reminder

UID_DOMAIN = "wethrive"
PRODID = "-//WeThrive//WeThrive Desktop deadlines//EN"
ALARM_BEFORE = timedelta(hours=15)  # 9:00 the day before an all-day event (an alarm at midnight goes unseen)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from exc


def severity_text(severity: str) -> str:
    return {"urgent": tr("urgent"), "warning": tr("warning"), "info": tr("info")}.get(severity, severity)


def reminder_line(r: Reminder) -> str:
    """One line, due date first (ISO, so the lines sort as dates), then how pressing, the title and the detail."""
    due = format_date(r.due, short=True) if r.due else "-"
    return f"{due:<10}  {severity_text(r.severity):<7}  {r.title}. {r.detail}"


def calendar_file(items: Sequence[Reminder], stamp: datetime) -> bytes:
    """An iCalendar file with one all-day event per dated reminder. Its UID is the reminder's key, so importing a
    newer file updates the events instead of adding copies."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", tr("WeThrive deadlines"))
    for r in items:
        if r.due is None:
            continue
        event = icalendar.Event()
        event.add("uid", f"{r.key}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", r.due)
        event.add("dtend", r.due + timedelta(days=1))
        event.add("summary", r.title)
        event.add("description", r.detail)
        event.add("transp", "TRANSPARENT")  # a deadline does not make the member busy all day
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", r.title)
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def cmd_deadlines(args: argparse.Namespace) -> int:
    from wethrive_desktop.files import write_atomically
    from wethrive_desktop.models import clock
    from wethrive_desktop.models.reminders import build_deadlines, build_reminders, load_facts

    out = Path(args.ics).expanduser() if args.ics else None
    if out is not None and out.suffix.lower() != ".ics":
        raise CommandError(f"--ics: {out} should end in .ics")
    open_db(args, readonly=True)
    facts = load_facts(args.date or clock.today())
    items = build_reminders(facts)
    if args.json:
        print(json.dumps([r.to_json() for r in items], indent=2, ensure_ascii=False))
    elif items:
        print("\n".join(reminder_line(r) for r in items))
    else:
        print(tr("Nothing due."))
    if out is not None:
        events = build_deadlines(facts)  # every dated deadline, so the calendar has them in advance
        write_atomically(out, calendar_file(events, clock.now().astimezone(UTC)), make_parents=True)
        dated = sum(1 for r in events if r.due is not None)
        message = trn("Wrote {path}: %n event", "Wrote {path}: %n events", dated).format(path=out)
        print(message, file=sys.stderr if args.json else sys.stdout)  # the JSON on stdout stays parseable
    return 0


def register(command: CommandAdder) -> None:
    p = command("deadlines", cmd_deadlines, "what is due soon (pace, annual report, 360 assessment, eligibility, "
                                            "the other requirements tracked), "
                                            "as the dashboard's reminders show it. The reminder days and the "
                                            "report's due date come from the preferences of the data folder, "
                                            "also with --db.")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="as seen on this day (default: today)")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p.add_argument("--ics", metavar="OUT.ics", help="also write every known due date (however far ahead) as "
                                                    "calendar events, each with an alarm the day before")
