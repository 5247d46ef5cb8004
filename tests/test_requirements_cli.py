"""ICMA's counting on the command line (issue 14): `wethrive summary` shows logged and counted hours and each cap that
cuts; `wethrive requirements` shows every tracked requirement in its current period (Florida's October-September
year, Texas's two-year window from approved providers only) and adds, removes, lists, exports and imports them. Every
case runs end to end through `wethrive`, from a CSV import to what the member reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import dump, run

from wethrive_desktop.cli_requirements import JSON_KEYS

HEADER = "date,end_date,title,provider,type,hours,topics,meets_conditions,mentee,mentee_position,own_employee," \
         "relationship_start,frequency,subjects\n"
# The member: 26 hours of mentoring given (a formal relationship, meeting ICMA's conditions) and 30 of
# workshops in 2026.
DONE_WHEN = HEADER + (
    "2026-01-10,2026-06-30,Mentoring an MPA intern,,mentoring,26,,yes,Jo Park,MPA intern,no,2026-01-10,"
    "every two weeks,budgets and council relations\n"
    "2026-02-02,2026-02-03,Budget workshop,GFOA,workshop,14,,,,,,,,\n"
    "2026-03-02,2026-03-03,Ethics in local government,TML,workshop,16,ethics,,,,,,,\n"
)

@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def make(text: str, name: str = "log.csv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return make


@pytest.fixture
def member(db_path: Path, write: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> Path:
    assert run("import-csv", write(DONE_WHEN), "--db", db_path) == 0
    capsys.readouterr()
    return db_path


def output(capsys: pytest.CaptureFixture[str], *argv: str | Path, code: int = 0) -> str:
    assert run(*argv) == code, capsys.readouterr()
    return capsys.readouterr().out


def as_json(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Any:
    return json.loads(output(capsys, *argv))


def by_key(capsys: pytest.CaptureFixture[str], db: Path, on: str) -> dict[str, dict[str, Any]]:
    return {r["key"]: r for r in as_json(capsys, "requirements", "--json", "--date", on, "--db", db)}


# --- the done-when case: 26 h of mentoring and 30 of workshops -----------------------------------------------------

def test_mentoring_counts_twenty_of_its_twenty_six_hours_and_the_summary_says_why(
        member: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = as_json(capsys, "summary", "--year", "2026", "--json", "--db", member)
    assert (summary["total_hours"], summary["counted_hours"], summary["status"]) == (56.0, 50.0, "met")
    assert summary["remaining_hours"] == 0.0
    assert summary["caps"] == {"mentoring": {"logged": 26.0, "counted": 20.0},
                               "coaching-given": {"logged": 0.0, "counted": 0.0}}

    text = output(capsys, "summary", "--year", "2026", "--db", member)
    assert text.startswith("Professional development 2026: 50 h: commitment met\n"
                           "Logged: 56 h   Counted: 50 h   Remaining: 0 h   Activities: 3   Challenge points: 0\n"
                           "Not every hour logged counts:\n"
                           "  Mentoring given: 26 h logged, 20 h count (at most 20 h a year)\n\n")


def test_requirements_json_for_tenet_8_agrees_with_the_summary(member: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    summary = as_json(capsys, "summary", "--year", "2026", "--json", "--db", member)
    (tenet,) = as_json(capsys, "requirements", "--json", "--date", "2026-11-30", "--db", member)
    assert tenet == {"key": "icma-tenet-8", "name": "ICMA Code of Ethics, Tenet 8", "period_start": "2026-01-01",
                     "period_end": "2026-12-31", "required": 40.0, "logged": 56.0, "counted": 50.0,
                     "remaining": 0.0, "due": "2026-12-31", "status": "met"}
    assert list(tenet) == list(JSON_KEYS)
    assert (tenet["logged"], tenet["counted"], tenet["remaining"], tenet["status"]) == (
        summary["total_hours"], summary["counted_hours"], summary["remaining_hours"], summary["status"])

    text = output(capsys, "requirements", "--date", "2026-11-30", "--db", member)
    lines = text.splitlines()
    assert lines[0] == "Requirements on 2026-11-30"
    assert lines[1].split() == ["Key", "Name", "Period", "Required", "Logged", "Counted", "Remaining", "Due", "Status"]
    assert lines[2].split() == ["icma-tenet-8", "ICMA", "Code", "of", "Ethics,", "Tenet", "8", "2026-01-01", "to",
                                "2026-12-31", "40", "56", "50", "0", "2026-12-31", "met"]
    assert "  Mentoring given: 26 h logged, 20 h count (at most 20 h a year)" in lines


def test_mentoring_marked_as_not_meeting_the_conditions_does_not_count(
        db_path: Path, write: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-csv", write(DONE_WHEN.replace(",26,,yes,", ",26,,no,")), "--db", db_path) == 0
    capsys.readouterr()
    summary = as_json(capsys, "summary", "--year", "2026", "--json", "--db", db_path)
    assert (summary["total_hours"], summary["counted_hours"], summary["status"]) == (56.0, 30.0, "short")
    assert summary["remaining_hours"] == 10.0
    text = output(capsys, "summary", "--year", "2026", "--db", db_path)
    assert ("  Mentoring an MPA intern (26 h): marked as not meeting ICMA's conditions for Mentoring given"
            in text.splitlines())


def test_exactly_twenty_hours_of_mentoring_count_whole_and_nothing_is_said(
        db_path: Path, write: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + ("2026-01-10,2026-06-30,Mentoring,,mentoring,12,,yes,,,,,,\n"
                     "2026-07-01,2026-09-30,Mentoring again,,mentoring,8,,,,,,,,\n"
                     "2026-04-01,2026-04-02,Coaching in the ICMA Coaching Program,,coaching-given,21,,,,,,,,\n")
    assert run("import-csv", write(text), "--db", db_path) == 0
    capsys.readouterr()
    summary = as_json(capsys, "summary", "--year", "2026", "--json", "--db", db_path)
    assert summary["caps"] == {"mentoring": {"logged": 20.0, "counted": 20.0},
                               "coaching-given": {"logged": 21.0, "counted": 20.0}}
    assert (summary["total_hours"], summary["counted_hours"], summary["status"]) == (41.0, 40.0, "met")
    out = output(capsys, "summary", "--year", "2026", "--db", db_path)
    assert "Coaching given (ICMA program): 21 h logged, 20 h count (at most 20 h a year)" in out
    assert "Mentoring given:" not in out  # its cap does not cut


# --- other requirements, on their own calendars ------------------------------------------------------------------

ETHICS = HEADER + (
    "2025-09-30,,Ethics update,City of Tampa,workshop,2,ethics,,,,,,,\n"
    "2025-10-01,,Florida ethics course,FCCMA,e-course,3,ethics,,,,,,,\n"
    "2026-09-30,,Ethics refresher,ICMA,webinar,1.5,ethics,,,,,,,\n"
    "2026-10-01,,Ethics in contracting,FCCMA,webinar,1,Ethics; law,,,,,,,\n"
    "2026-05-05,,Budget webinar,ICMA,webinar,4,,,,,,,,\n"
)


def test_florida_counts_ethics_hours_by_october_to_september_year(
        db_path: Path, write: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-csv", write(ETHICS), "--db", db_path) == 0
    assert run("requirements", "add", "fccma-ethics", "--db", db_path) == 0
    assert capsys.readouterr().out.endswith(
        "Now tracking FCCMA (Florida) ethics (fccma-ethics): 4 h each year from the first of October.\n")

    before = by_key(capsys, db_path, "2025-09-30")["fccma-ethics"]
    assert (before["period_start"], before["period_end"], before["counted"]) == ("2024-10-01", "2025-09-30", 2.0)
    year = by_key(capsys, db_path, "2026-09-30")["fccma-ethics"]
    assert (year["period_start"], year["period_end"], year["due"]) == ("2025-10-01", "2026-09-30", "2026-09-30")
    # Only the ethics-tagged activities of the year: 3 + 1.5; the budget webinar is not ethics.
    assert (year["logged"], year["counted"], year["remaining"], year["status"]) == (4.5, 4.5, 0.0, "met")
    after = by_key(capsys, db_path, "2026-10-01")
    assert (after["fccma-ethics"]["period_start"], after["fccma-ethics"]["period_end"]) == ("2026-10-01",
                                                                                            "2027-09-30")
    assert (after["fccma-ethics"]["counted"], after["fccma-ethics"]["status"]) == (1.0, "short")
    assert after["icma-tenet-8"]["period_start"] == "2026-01-01"  # ICMA's year goes on meanwhile


TEXAS = HEADER + (
    "2024-12-15,,Ethics for managers,ICMA,webinar,2,ethics,,,,,,,\n"
    "2025-03-10,,TML Annual Conference ethics session,TML,conference,1,ethics,,,,,,,\n"
    "2026-06-01,,Ethics for city staff,City of Austin,workshop,3,ethics,,,,,,,\n"
)


def test_texas_counts_two_years_of_ethics_from_approved_providers_only(
        db_path: Path, write: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-csv", write(TEXAS), "--db", db_path) == 0
    assert run("requirements", "add", "tcma-ethics", "--start", "2025-01-01", "--db", db_path) == 0
    assert capsys.readouterr().out.endswith(
        "Now tracking TCMA (Texas) ethics (tcma-ethics): 2 h every 2 years from Jan 1, 2025.\n")

    window = by_key(capsys, db_path, "2026-06-30")["tcma-ethics"]
    assert (window["period_start"], window["period_end"]) == ("2025-01-01", "2026-12-31")
    # The city's workshop is ethics but not from TCMA, TML or ICMA; the ICMA webinar of 2024 is the window before.
    assert (window["logged"], window["counted"], window["remaining"], window["status"]) == (4.0, 1.0, 1.0, "short")
    course = HEADER + "2026-11-02,,TCMA ethics online course,TCMA,e-course,1,ethics,,,,,,,\n"
    assert run("import-csv", write(course, "course.csv"), "--db", db_path) == 0
    capsys.readouterr()
    done = by_key(capsys, db_path, "2026-12-31")["tcma-ethics"]
    assert (done["logged"], done["counted"], done["status"]) == (5.0, 2.0, "met")
    earlier = by_key(capsys, db_path, "2024-12-31")["tcma-ethics"]
    assert (earlier["period_start"], earlier["period_end"], earlier["counted"]) == ("2023-01-01", "2024-12-31", 2.0)
    later = by_key(capsys, db_path, "2027-01-01")["tcma-ethics"]
    assert (later["period_start"], later["period_end"], later["counted"]) == ("2027-01-01", "2028-12-31", 0.0)

    text = output(capsys, "requirements", "--date", "2026-12-31", "--db", db_path)
    assert "TCMA (Texas) ethics:" in text
    assert ("  Ethics for city staff (3 h): from City of Austin: only activities from TCMA, TML, ICMA count"
            in text.splitlines())


# --- add, remove, templates, export, import --------------------------------------------------------------------

def test_templates_are_listed(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = output(capsys, "requirements", "templates", "--db", db_path).splitlines()
    assert [line.split()[0] for line in lines[1:6]] == ["icma-tenet-8", "fccma-ethics", "tcma-ethics", "ca-ab1234",
                                                        "aicp-cm"]
    assert "FCCMA (Florida) ethics" in lines[2] and "each year from the first of October" in lines[2]
    assert lines[-1] == "Add one with: wethrive requirements add TEMPLATE [--start YYYY-MM-DD]"


def test_add_remove_export_and_import(member: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      frozen_today: Callable[[date], None]) -> None:
    frozen_today(date(2026, 8, 1))
    assert run("requirements", "add", "aicp-cm", "--start", "2025-07-01", "--db", member) == 0
    assert output(capsys, "requirements", "add", "ca-ab1234", "--db", member).endswith(
        "Now tracking California AB 1234 ethics (ca-ab1234): 2 h every 2 years from Jan 1, 2026.\n")
    keys = [r["key"] for r in as_json(capsys, "requirements", "--json", "--date", "2026-08-01", "--db", member)]
    assert keys == ["icma-tenet-8", "aicp-cm", "ca-ab1234"]

    saved = tmp_path / "mine.json"
    assert output(capsys, "requirements", "export", saved, "--db", member) == (
        f"Exported 3 requirement definition(s) to {saved}\n")
    assert [d["key"] for d in json.loads(saved.read_text(encoding="utf-8"))["requirements"]] == keys

    assert output(capsys, "requirements", "remove", "aicp-cm", "--db", member) == (
        "No longer tracking AICP Certification Maintenance (aicp-cm); your activities are unchanged.\n")
    output(capsys, "requirements", "remove", "ca-ab1234", "--db", member)
    after = as_json(capsys, "requirements", "--json", "--date", "2026-08-01", "--db", member)
    assert [r["key"] for r in after] == ["icma-tenet-8"]
    assert after[0]["counted"] == 50.0  # the activities are untouched

    assert output(capsys, "requirements", "import", saved, "--db", member) == (
        f"Imported 3 requirement definition(s) from {saved}: icma-tenet-8, aicp-cm, ca-ab1234\n")
    back = by_key(capsys, member, "2026-08-01")
    assert list(back) == keys
    assert (back["aicp-cm"]["period_start"], back["aicp-cm"]["period_end"]) == ("2025-07-01", "2027-06-30")


@pytest.mark.parametrize(("argv", "code", "message"), [
    (("add", "nope"), 1, "wethrive: error: 'nope' is not a template; the templates are: icma-tenet-8, fccma-ethics, "
                         "tcma-ethics, ca-ab1234, aicp-cm\n"),
    (("add", "icma-tenet-8"), 1, "wethrive: error: 'icma-tenet-8' is already tracked\n"),
    (("add", "fccma-ethics", "--start", "2026-01-01"), 1,
     "wethrive: error: --start: fccma-ethics runs each year from the first of October; only a requirement counted in "
     "periods of years from a start date takes one\n"),
    (("add", "tcma-ethics", "--start", "January"), 2, "'January' is not a date (use YYYY-MM-DD)"),
    (("remove", "icma-tenet-8"), 1, "wethrive: error: ICMA's Tenet 8 is always tracked; it cannot be removed\n"),
    (("remove", "fccma-ethics"), 1, "wethrive: error: no requirement 'fccma-ethics' is tracked\n"),
    (("--date", "2026-13-01"), 2, "'2026-13-01' is not a date (use YYYY-MM-DD)"),
    (("add",), 2, "the following arguments are required: TEMPLATE"),
])
def test_bad_requests_get_one_clear_line_and_change_nothing(member: Path, capsys: pytest.CaptureFixture[str],
                                                            argv: tuple[str, ...], code: int, message: str) -> None:
    before = dump(member)
    assert exit_status("requirements", *argv, "--db", member) == code
    err = capsys.readouterr().err
    assert err.endswith(message) if code == 1 else message in err  # usage errors: argparse's usage, then the line
    assert "Traceback" not in err
    assert dump(member) == before


def exit_status(*argv: str | Path) -> int:
    """The exit status of `wethrive ARGV...`, bad usage (argparse's SystemExit) included."""
    try:
        return run(*argv)
    except SystemExit as exited:
        assert isinstance(exited.code, int)
        return exited.code


@pytest.mark.parametrize(("content", "message"), [
    ("not json at all", "bad.json is not JSON (line 1)"),
    ('{"requirements": [{"key": "x", "hours": 2, "period": {"kind": "calendar"}}]}',
     "requirement 1 in bad.json: requirement 'x' needs a name"),
    ('{"requirements": "nope"}', "bad.json holds no list of requirements"),
])
def test_a_bad_definitions_file_is_refused_whole(member: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 content: str, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = dump(member)
    assert run("requirements", "import", bad, "--db", member) == 1
    err = capsys.readouterr().err
    assert err.startswith("wethrive: error: ") and message in err and "Traceback" not in err
    assert dump(member) == before
    assert run("requirements", "import", tmp_path / "missing.json", "--db", member) == 1
    assert capsys.readouterr().err == f"wethrive: error: {tmp_path / 'missing.json'} does not exist\n"


def test_requirements_on_a_missing_database_creates_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo.sqlite3"
    for argv in (("requirements",), ("requirements", "add", "fccma-ethics"), ("requirements", "remove", "x"),
                 ("requirements", "export", tmp_path / "out.json")):
        assert run(*argv, "--db", missing) == 1
        assert "there is no database at" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_date_far_from_today_is_still_read(member: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tenet,) = as_json(capsys, "requirements", "--json", "--date", "2031-02-03", "--db", member)
    assert (tenet["period_start"], tenet["logged"], tenet["status"]) == ("2031-01-01", 0.0, "short")
    assert date.fromisoformat(tenet["due"]) == date(2031, 12, 31)


def test_as_of_a_past_date_the_command_line_counts_what_the_page_counts(db: object) -> None:
    """`requirements --date` and the Requirements page's As of leave out what was started after that day."""
    from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
    from wethrive_desktop.models.requirements import standing

    for month in (2, 5, 9):
        save_activity(ActivityData(date(2025, month, 1), f"Workshop {month}", Decimal(10), "workshop"))
    (tenet,) = standing(load_activities(), date(2025, 3, 1))
    assert (tenet.logged, tenet.counted) == (Decimal(10), Decimal(10))
    (now,) = standing(load_activities(), date(2025, 12, 31))
    assert now.counted == Decimal(30)
