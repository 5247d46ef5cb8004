"""`wethrive deadlines`: the reminders as lines (due date first), as JSON and as a calendar file read back with
icalendar (one all-day event per dated reminder, an alarm the day before), and its bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest
from cli_helpers import run

from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.eligibility import ExperienceData, save_experience
from wethrive_desktop.models.profile import ProfileData, save_profile

DAY = "2026-05-15"


@pytest.fixture(autouse=True)
def closed() -> Iterator[None]:
    yield
    close_database()


@pytest.fixture
def member(db_path: Path) -> Path:
    """A Candidate who entered the program on September 1, 2021 (360 due September 1, 2026), with 8 years of
    senior experience after an MPA (Credentialed Manager: 7), no hours logged in 2026 and no 2025 report."""
    open_database(db_path)
    today = date.fromisoformat(DAY)
    save_profile(ProfileData(name="Ana", credential_status="candidate", program_entry_date=date(2021, 9, 1)),
                 today=today)
    save_experience(ExperienceData("mpa", Decimal(8), Decimal(0), today, "senior"), today)
    close_database()
    return db_path


def test_one_line_each_due_date_first(member: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("deadlines", "--db", member, "--date", DAY) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["2026-09-01", "2026-12-31", "-", "-"]
    assert "The 360-degree assessment is due." in lines[0]
    assert "warning  Behind pace for 40 h in 2026." in lines[1]
    assert "You can apply to become a Credentialed Manager." in lines[2]
    assert "The 2025 annual report is not submitted yet." in lines[3]


def test_json_lists_the_documented_fields(member: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("deadlines", "--db", member, "--date", DAY, "--json") == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["key"], i["kind"], i["due"], i["severity"]) for i in items] == [
        ("multirater-due", "multirater", "2026-09-01", "info"),
        ("pace-2026", "pace", "2026-12-31", "warning"),
        ("eligibility-cm", "eligibility", None, "info"),
        ("report-due-2025", "report", None, "info")]
    assert all(set(i) == {"key", "kind", "title", "detail", "due", "severity"} for i in items)
    assert items[1]["detail"].startswith("0 h done: 5 h a month for the 8 months left")


def test_ics_has_an_all_day_event_with_an_alarm_the_day_before_per_dated_reminder(
        member: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "phone" / "deadlines.ics"
    assert run("deadlines", "--db", member, "--date", DAY, "--ics", out) == 0
    assert "Wrote" in capsys.readouterr().out
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["multirater-due@wethrive", "pace-2026@wethrive"]
    assert [str(e["SUMMARY"]) for e in events] == ["The 360-degree assessment is due",
                                                   "Behind pace for 40 h in 2026"]
    for event, day in zip(events, (date(2026, 9, 1), date(2026, 12, 31)), strict=True):
        start = event.decoded("DTSTART")
        assert start == day and not isinstance(start, datetime)  # all day
        assert event.decoded("DTEND") == day + timedelta(days=1)
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        ring = datetime.combine(day, datetime.min.time()) + alarm.decoded("TRIGGER")
        assert ring.date() == day - timedelta(days=1) and ring.hour == 9
    assert [p.name for p in out.parent.iterdir()] == ["deadlines.ics"]  # no temporary file left beside it


def test_writing_the_calendar_again_replaces_it(member: Path, tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    out.write_text("an older file\n")
    assert run("deadlines", "--db", member, "--date", "2026-09-10", "--ics", out, "--json") == 0
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["multirater-due@wethrive", "pace-2026@wethrive"]
    assert str(events[0]["SUMMARY"]) == "The 360-degree assessment is overdue"


def test_nothing_due(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_path)
    close_database()
    assert run("deadlines", "--db", db_path, "--date", "2026-01-01") == 0
    assert capsys.readouterr().out == "Nothing due.\n"
    assert run("deadlines", "--db", db_path, "--date", "2026-01-01", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_bad_input_is_told_in_a_line(member: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("deadlines", "--db", member, "--ics", tmp_path / "deadlines.txt") == 1
    assert "should end in .ics" in capsys.readouterr().err
    assert not (tmp_path / "deadlines.txt").exists()
    with pytest.raises(SystemExit) as exit_info:
        run("deadlines", "--db", member, "--date", "15/05/2026")
    assert exit_info.value.code == 2
    assert "is not a date (use YYYY-MM-DD)" in capsys.readouterr().err
    assert run("deadlines", "--db", tmp_path / "missing.sqlite3") == 1
    assert "there is no database" in capsys.readouterr().err


def test_the_calendar_has_every_known_due_date_in_advance(member: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The report's due date months ahead is in the calendar, though not yet among the reminders listed."""
    from wethrive_desktop.preferences import Preferences, save_preferences

    save_preferences(Preferences(report_due="10-15"))
    out = tmp_path / "deadlines.ics"
    assert run("deadlines", "--db", member, "--date", DAY, "--ics", out, "--json") == 0
    captured = capsys.readouterr()
    assert [i["key"] for i in json.loads(captured.out)] == ["multirater-due", "pace-2026", "eligibility-cm"]
    assert "3 events" in captured.err
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [(str(e["UID"]), e.decoded("DTSTART")) for e in events] == [
        ("multirater-due@wethrive", date(2026, 9, 1)), ("report-due-2025@wethrive", date(2026, 10, 15)),
        ("pace-2026@wethrive", date(2026, 12, 31))]


def test_help_tells_where_the_preferences_come_from(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run("deadlines", "--help")
    text = " ".join(capsys.readouterr().out.split())
    assert "from the preferences of the data folder, also with --db" in text
