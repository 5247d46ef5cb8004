"""Repeating calendar events (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides): one planned item per occurrence, each in
the plan of its own year, never twice, within bounds; a broken rule refuses the whole file."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_helpers import dump, run
from pytestqt.qtbot import QtBot

from wethrive_desktop.exchange.calendar_import import REPEAT_LIMIT, CalendarError, import_ics, parse_ics
from wethrive_desktop.models.plans import PlanItemData, get_item, get_plan, new_item, save_item
from wethrive_desktop.ui.main_window import MainWindow

CHICAGO = ZoneInfo("America/Chicago")
NY = ";TZID=America/New_York:"
D = Decimal


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def event(uid: str, start: str, end: str = "", summary: str = "Coaching call", **more: str) -> str:
    lines = [f"UID:{uid}", f"SUMMARY:{summary}", f"DTSTART{start}"] + ([f"DTEND{end}"] if end else [])
    lines += [f"{k.replace('_', '-')}{'' if v.startswith(';') else ':'}{v}" for k, v in more.items()]
    return "\r\n".join(lines)


def weekly(uid: str = "coach@icma.org", rule: str = "FREQ=WEEKLY;COUNT=4", **more: str) -> str:
    """A one-hour call on Thursdays at 10:00 in New York, from 5 March 2026."""
    return event(uid, f"{NY}20260305T100000", f"{NY}20260305T110000", RRULE=rule, **more)


def write(tmp_path: Path, data: bytes, name: str = "series.ics") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def items_of(year: int) -> list[PlanItemData]:
    plan = get_plan(year)
    return sorted(plan.items, key=lambda i: (i.start_date or date.min, i.id or 0)) if plan is not None else []


def dates_of(year: int) -> list[date | None]:
    return [i.start_date for i in items_of(year)]


def test_a_weekly_rule_with_count_plans_each_occurrence(db: object, tmp_path: Path) -> None:
    result = import_ics(write(tmp_path, ics(weekly(DESCRIPTION="Hosted by: ICMA Coaching"))), zone=CHICAGO)
    assert result.describe() == "Added 4 planned items (2026: 4), all dates of repeating events."
    items = items_of(2026)
    assert [i.start_date for i in items] == [date(2026, 3, 5), date(2026, 3, 12), date(2026, 3, 19), date(2026, 3, 26)]
    # Each occurrence is a whole item: its hours, provider and type guessed as for a single event.
    assert {(i.title, i.estimated_hours, i.provider, i.type, i.end_date) for i in items} == {
        ("Coaching call", D(1), "ICMA Coaching", "coaching", None)}
    assert [i.ics_uid for i in items] == ["coach@icma.org#2026-03-05", "coach@icma.org#2026-03-12",
                                          "coach@icma.org#2026-03-19", "coach@icma.org#2026-03-26"]
    assert result.warnings == []


def test_a_monthly_rule_until_next_year_lands_in_both_plans(db: object, tmp_path: Path) -> None:
    monthly = event("m@x", f"{NY}20261105T100000", f"{NY}20261105T113000", "Monthly coaching call",
                    RRULE="FREQ=MONTHLY;UNTIL=20270305T150000Z")
    result = import_ics(write(tmp_path, ics(monthly)), zone=CHICAGO)
    assert result.years == [2026, 2027]
    assert dates_of(2026) == [date(2026, 11, 5), date(2026, 12, 5)]
    assert dates_of(2027) == [date(2027, 1, 5), date(2027, 2, 5), date(2027, 3, 5)]  # UNTIL is that day's 10:00
    assert {i.estimated_hours for i in items_of(2027)} == {D("1.5")}
    assert result.describe().startswith("Added 5 planned items (2026: 2, 2027: 3)")


def test_exdate_removes_an_occurrence_and_rdate_adds_one(db: object, tmp_path: Path) -> None:
    series = weekly(EXDATE=f"{NY}20260312T100000", RDATE=f"{NY}20260401T150000")
    import_ics(write(tmp_path, ics(series)), zone=CHICAGO)
    assert dates_of(2026) == [date(2026, 3, 5), date(2026, 3, 19), date(2026, 3, 26), date(2026, 4, 1)]
    added = items_of(2026)[-1]
    assert (added.ics_uid, added.estimated_hours) == ("coach@icma.org#2026-04-01", D(1))  # the event's length


def test_an_override_moves_one_occurrence_and_a_cancelled_one_is_left_out(db: object, tmp_path: Path) -> None:
    # The overrides come first in the file, as some exporters write them: they still belong to the series.
    moved = event("coach@icma.org", f"{NY}20260320T140000", f"{NY}20260320T163000", "Coaching call (moved)",
                  RECURRENCE_ID=f"{NY}20260319T100000")
    cancelled = event("coach@icma.org", f"{NY}20260326T100000", f"{NY}20260326T110000",
                      RECURRENCE_ID=f"{NY}20260326T100000", STATUS="CANCELLED")
    result = import_ics(write(tmp_path, ics(moved, cancelled, weekly())), zone=CHICAGO)
    items = items_of(2026)
    assert [(i.start_date, i.title, i.estimated_hours) for i in items] == [
        (date(2026, 3, 5), "Coaching call", D(1)),
        (date(2026, 3, 12), "Coaching call", D(1)),
        (date(2026, 3, 20), "Coaching call (moved)", D("2.5")),
    ]
    # Known by the date the rule gives it, so an invitation moving it again does not add it twice.
    assert items[2].ics_uid == "coach@icma.org#2026-03-19"
    assert result.warnings == ["'Coaching call' is cancelled on Mar 26, 2026; skipped"]


def test_an_endless_rule_is_planned_through_the_end_of_this_year(
        db: object, tmp_path: Path, frozen_today: Callable[[date], None]) -> None:
    frozen_today(date(2026, 3, 15))
    endless = event("m@x", f"{NY}20261105T100000", f"{NY}20261105T110000", "Monthly coaching call",
                    RRULE="FREQ=MONTHLY")
    result = import_ics(write(tmp_path, ics(endless)), zone=CHICAGO)
    assert dates_of(2026) == [date(2026, 11, 5), date(2026, 12, 5)] and result.years == [2026]
    assert result.warnings == ["'Monthly coaching call' repeats without end: planned through 2026"]
    # A series that starts in a later year is planned through the end of that year.
    later = parse_ics(ics(event("l@x", ";VALUE=DATE:20280110", RRULE="FREQ=WEEKLY;INTERVAL=26")), zone=CHICAGO)
    assert [e.start_date for e in later.events] == [date(2028, 1, 10), date(2028, 7, 10)]
    assert later.warnings == ("'Coaching call' repeats without end: planned through 2028",)


def test_reimports_add_nothing_or_only_the_new_occurrences(db: object, tmp_path: Path) -> None:
    path = write(tmp_path, ics(weekly(rule="FREQ=WEEKLY;COUNT=3")))
    assert len(import_ics(path, zone=CHICAGO).added) == 3
    again = import_ics(path, zone=CHICAGO)
    assert again.added == [] and len(again.already_imported) == 3
    assert again.describe() == "No new events; 3 already imported, skipped."
    # The organizer extends the series: only the two new weeks are added.
    longer = import_ics(write(tmp_path, ics(weekly(rule="FREQ=WEEKLY;COUNT=5")), "longer.ics"), zone=CHICAGO)
    assert [get_item(i).start_date for _, i in longer.added] == [date(2026, 3, 26), date(2026, 4, 2)]
    assert len(longer.already_imported) == 3 and len(items_of(2026)) == 5


def test_items_stored_by_earlier_imports_are_not_added_again(db: object, tmp_path: Path) -> None:
    # Before repeats were followed, a repeating event's first date was stored under its plain UID...
    save_item(2026, new_item("Coaching call", start_date=date(2026, 3, 5), ics_uid="coach@icma.org"))
    # ... and a lone override (its series not in the file) under "UID@" and its RECURRENCE-ID, as it still is.
    lone = event("coach@icma.org", f"{NY}20260320T140000", f"{NY}20260320T150000", "Coaching call (moved)",
                 RECURRENCE_ID=f"{NY}20260319T100000")
    (stored,) = import_ics(write(tmp_path, ics(lone), "update.ics"), zone=CHICAGO).added
    assert get_item(stored[1]).ics_uid == "coach@icma.org@2026-03-19T10:00:00-04:00"
    result = import_ics(write(tmp_path, ics(weekly())), zone=CHICAGO)
    assert [get_item(i).start_date for _, i in result.added] == [date(2026, 3, 12), date(2026, 3, 26)]
    assert [e.start_date for e in result.already_imported] == [date(2026, 3, 5), date(2026, 3, 19)]
    assert len(items_of(2026)) == 4
    # The lone override after the whole series: the occurrence it changes is stored already.
    assert import_ics(write(tmp_path, ics(lone), "update.ics"), zone=CHICAGO).added == []
    # A single event keeps its plain UID, as stored before this change.
    single = event("webinar@x", f"{NY}20260610T130000", f"{NY}20260610T140000", "Budget webinar")
    (added,) = import_ics(write(tmp_path, ics(single), "single.ics"), zone=CHICAGO).added
    assert get_item(added[1]).ics_uid == "webinar@x"
    assert import_ics(write(tmp_path, ics(single), "single.ics"), zone=CHICAGO).added == []


RULE = "event 2 ('Coaching call'): its repeat rule (RRULE)"


@pytest.mark.parametrize(("rule", "message"), [
    ("FREQ=WEEKLY;BYDAY=XX", f"{RULE} cannot be read (Expected weekday"),
    ("FREQ=", f"{RULE} cannot be read (Expected frequency"),
    ("COUNT=3", f"{RULE} has no frequency (FREQ)"),
    ("garbage", f"{RULE} has no frequency (FREQ)"),
    # Read by the library, these would never end, or give no dates without a word.
    ("FREQ=DAILY;INTERVAL=0", f"{RULE} cannot be read (INTERVAL=0 is out of range)"),
    ("FREQ=MONTHLY;BYMONTHDAY=40", f"{RULE} cannot be read (BYMONTHDAY=40 is out of range)"),
])
def test_a_broken_rule_refuses_the_file_with_one_sentence(db_path: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str], rule: str,
                                                         message: str) -> None:
    from wethrive_desktop.models.db import close_database, open_database

    good = event("w@x", f"{NY}20260610T130000", f"{NY}20260610T140000", "Budget webinar")
    path = write(tmp_path, ics(good, weekly(rule=rule)))
    with pytest.raises(CalendarError, match=re.escape(message)):
        parse_ics(path.read_bytes(), zone=CHICAGO)
    open_database(db_path)
    close_database()
    before = dump(db_path)
    capsys.readouterr()
    assert run("import-ics", path, "--db", db_path) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"wethrive: error: {message}") and err.count("\n") == 1
    assert dump(db_path) == before  # not even the webinar before it


@pytest.mark.parametrize(("end", "message"), [
    (":20260101T000000Z", "event 1 ('Coaching call') ends (DTEND) before it starts (DTSTART)"),
    (":21000101T000000Z", "event 1 ('Coaching call') lasts more than a year and repeats; a repeating event cannot be "
                          "that long"),
])
def test_a_repeating_event_must_end_after_it_starts_and_within_a_year(end: str, message: str) -> None:
    data = ics(event("x@x", ":20260305T100000Z", end, RRULE="FREQ=MONTHLY;BYMONTHDAY=31"))
    with pytest.raises(CalendarError, match=f"^{re.escape(message)}$"):
        parse_ics(data, zone=CHICAGO)
    all_day = ";VALUE=DATE:" + end[1:9]
    data = ics(event("x@x", ";VALUE=DATE:20260305", all_day, RRULE="FREQ=MONTHLY;BYMONTHDAY=31"))
    with pytest.raises(CalendarError, match=f"^{re.escape(message)}$"):
        parse_ics(data, zone=CHICAGO)


def test_at_most_400_occurrences_of_one_event(frozen_today: Callable[[date], None]) -> None:
    frozen_today(date(2026, 3, 15))
    parsed = parse_ics(ics(event("d@x", ":20260305T140000Z", ":20260305T150000Z", "Daily stand-up",
                                 RRULE="FREQ=DAILY;COUNT=1000")), zone=CHICAGO)
    assert len(parsed.events) == REPEAT_LIMIT == 400
    assert parsed.events[-1].start_date == date(2027, 4, 8)
    assert parsed.warnings == ("'Daily stand-up' repeats more than 400 times: only its first 400 dates "
                               "(through Apr 8, 2027) were imported",)


def test_occurrences_outside_the_plan_years_are_left_out() -> None:
    parsed = parse_ics(ics(event("y@x", ";VALUE=DATE:21970101", summary="Annual retreat",
                                 RRULE="FREQ=YEARLY;COUNT=10")), zone=CHICAGO)
    assert [e.year for e in parsed.events] == [2197, 2198, 2199, 2200]
    assert parsed.warnings == ("'Annual retreat' has dates outside the plan years (1900 to 2200); those were left "
                               "out",)


def test_each_occurrence_follows_the_time_zone_rule() -> None:
    # 03:30 UTC on a Tuesday is Monday evening in Chicago, every week; a TZID keeps its own wall-clock dates.
    utc = parse_ics(ics(event("u@x", ":20260303T033000Z", ":20260303T043000Z", RRULE="FREQ=WEEKLY;COUNT=2")),
                    zone=CHICAGO)
    assert [(e.start_date, e.hours) for e in utc.events] == [(date(2026, 3, 2), D(1)), (date(2026, 3, 9), D(1))]
    tokyo = parse_ics(ics(event("t@x", ";TZID=Asia/Tokyo:20260303T090000", ";TZID=Asia/Tokyo:20260303T100000",
                                RRULE="FREQ=WEEKLY;COUNT=2")), zone=CHICAGO)
    assert [e.start_date for e in tokyo.events] == [date(2026, 3, 3), date(2026, 3, 10)]


def test_two_occurrences_on_one_date_are_told_apart_by_their_time() -> None:
    sessions = parse_ics(ics(event("s@x", ":20260305T090000", ":20260305T100000", "Summit session",
                                   RDATE="20260305T140000")), zone=CHICAGO)
    assert [e.uid for e in sessions.events] == ["s@x#2026-03-05", "s@x#2026-03-05T14:00"]


def test_a_rule_that_gives_no_dates_says_so() -> None:
    parsed = parse_ics(ics(weekly(rule="FREQ=WEEKLY;UNTIL=20260101T000000Z")), zone=CHICAGO)
    assert parsed.events == ()
    assert parsed.warnings == ("event 1 ('Coaching call') has no dates once its repeats are worked out (RRULE, "
                               "RDATE, EXDATE); skipped",)


def test_cli_import_ics_counts_occurrences(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           frozen_today: Callable[[date], None]) -> None:
    frozen_today(date(2026, 3, 15))
    monthly = event("m@x", f"{NY}20261105T100000", f"{NY}20261105T113000", "Monthly coaching call",
                    RRULE="FREQ=MONTHLY;UNTIL=20270305T150000Z")
    single = event("w@x", f"{NY}20260610T130000", f"{NY}20260610T140000", "Budget webinar")
    path = write(tmp_path, ics(single, monthly))
    assert run("import-ics", path, "--db", db_path) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  2027  2027-01-05  Monthly coaching call  (1.5 h)" in out
    assert sum("Monthly coaching call" in line for line in out) == 5
    assert out[-1] == "Added 6 planned items (2026: 3, 2027: 3), 5 of them dates of repeating events."
    assert run("import-ics", path, "--db", db_path) == 0
    assert capsys.readouterr().out.splitlines() == [
        "  already imported: 2026-06-10  Budget webinar",
        "  already imported: 2026-11-05 to 2027-03-05  Monthly coaching call (5 dates)",
        "No new events; 6 already imported, skipped.",
    ]


def test_the_planner_tells_how_many_dates_it_planned(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                      frozen_today: Callable[[date], None]) -> None:
    from wethrive_desktop.ui.planner.page import PlannerPage

    frozen_today(date(2026, 3, 15))
    page = window.show_page("plannerPage")
    assert isinstance(page, PlannerPage)
    cancelled = event("coach@icma.org", f"{NY}20260326T100000", f"{NY}20260326T110000",
                      RECURRENCE_ID=f"{NY}20260326T100000", STATUS="CANCELLED")
    assert page.import_calendar(write(tmp_path, ics(weekly(rule="FREQ=WEEKLY"), cancelled))) is not None
    qtbot.waitUntil(lambda: page.import_worker is None, timeout=10000)
    # The 44 Thursdays from 5 March to 31 December 2026 (a Thursday), but 26 March.
    assert page.message.text() == (
        "Added 43 planned items (2026: 43), all dates of repeating events. "
        "Note: 'Coaching call' repeats without end: planned through 2026. "
        "Note: 'Coaching call' is cancelled on March 26, 2026; skipped.")
    assert len(page.items_model.records) == 43
