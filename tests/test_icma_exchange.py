"""What ICMA's counting added to the files a member moves records with (issue 14): topics, teaching's delivery hours,
whether a mentoring or coaching given meets ICMA's conditions and its mentoring facts go out and come back whole
through CSV, JSON and the spreadsheet import; the whole-database JSON also carries the requirement definitions, the
profile's program statuses and the reports' whole-year narrative; a file written before them still imports; and
calendar events and spreadsheet types read coaching and mentoring as given or received."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import dump, run

from wethrive_desktop.exchange import json_io
from wethrive_desktop.exchange.calendar_import import guess_type
from wethrive_desktop.exchange.csv_io import preview_import
from wethrive_desktop.exchange.json_io import JsonImportError, export_json, import_json
from wethrive_desktop.exchange.tabular_map import guess_mapping
from wethrive_desktop.exchange.tabular_values import read_topics, read_yes_no
from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.models.requirements import standing
from wethrive_desktop.models.requirements.store import add_template, load_requirements
from wethrive_desktop.models.tables import AnnualReport, Profile

MENTORING = MentoringData(mentee="Jo Park", position="MPA intern", own_employee=False, program="",
                          relationship_start=date(2025, 9, 1), relationship_end=date(2026, 6, 30),
                          frequency="every two weeks", subjects="budgets; council relations")
COACHING = MentoringData(mentee="A. Rivera", position="assistant city manager", own_employee=True,
                         program="ICMA Coaching Program", relationship_start=date(2026, 1, 15),
                         subjects="=career planning")  # a formula-like cell goes out neutralised and back whole


def log_with_everything() -> list[ActivityData]:
    """One of each new thing, saved through the store (as the GUI saves them)."""
    rows = [
        ActivityData(date(2026, 1, 10), "Mentoring an MPA intern", Decimal(13), "mentoring", end_date=date(2026, 6, 30),
                     meets_conditions=True, topics=("leadership", "ethics"), mentoring=MENTORING),
        ActivityData(date(2026, 2, 1), "Coaching in the ICMA Coaching Program", Decimal("7.5"), "coaching-given",
                     end_date=date(2026, 5, 1), meets_conditions=False, mentoring=COACHING),
        ActivityData(date(2026, 3, 3), "Taught a budgeting workshop", Decimal(6), "teaching",
                     delivery_hours=Decimal("1.75"), topics=("Sustainability and resilience",),
                     practices=(12,), provider="GFOA"),
        ActivityData(date(2026, 4, 4), "Coaching sessions", Decimal(2), "coaching", type_review=True),
        ActivityData(date(2026, 5, 5), "Plain webinar", Decimal("1.25"), "webinar"),
    ]
    for row in rows:
        save_activity(row)
    return rows


def stored() -> list[ActivityData]:
    return sorted((r.data for r in load_activities()), key=lambda d: d.start_date)


# --- CSV ---------------------------------------------------------------------------------------------------------

def test_a_csv_round_trip_keeps_topics_delivery_conditions_and_mentoring(db_path: Path, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_path)
    log_with_everything()
    before = stored()
    close_database()
    out = tmp_path / "log.csv"
    assert run("export-csv", out, "--db", db_path) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    mentoring = rows[0]
    assert (mentoring["topics"], mentoring["meets_conditions"], mentoring["mentee"], mentoring["own_employee"],
            mentoring["relationship_start"], mentoring["relationship_end"]) == (
        "ethics;leadership", "yes", "Jo Park", "no", "2025-09-01", "2026-06-30")
    assert (rows[1]["meets_conditions"], rows[1]["own_employee"], rows[1]["subjects"]) == ("no", "yes",
                                                                                         "'=career planning")
    assert (rows[2]["delivery_hours"], rows[2]["topics"]) == ("1.75", "sustainability and resilience")
    assert (rows[4]["delivery_hours"], rows[4]["meets_conditions"], rows[4]["mentee"]) == ("", "", "")

    fresh = tmp_path / "fresh.sqlite3"
    assert run("import-csv", out, "--db", fresh) == 0
    assert capsys.readouterr().out.endswith("5 added, 0 duplicates skipped.\n")
    open_database(fresh)
    # Everything but the flag asking to confirm an old row's type, which only the database and the JSON carry.
    assert stored() == [replace(d, type_review=False) for d in before]
    assert stored()[3].type_review is False and before[3].type_review is True


def test_an_old_csv_without_the_new_columns_still_imports(db: object, tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text("date,end_date,title,provider,type,hours,practices,description,learned,status,challenge\n"
                   "2025-03-01,,Coaching,ICMA,coaching,2,,,,completed,\n", encoding="utf-8")
    preview = preview_import(old)
    assert preview.errors == []
    (row,) = preview.to_add
    assert (row.type, row.topics, row.delivery_hours, row.meets_conditions, row.mentoring) == (
        "coaching", (), Decimal(0), None, None)


@pytest.mark.parametrize(("row", "error"), [
    ("2026-01-05,Mentoring,13,mentoring,maybe,,,", "line 2: meets_conditions: 'maybe' is not yes or no (leave it "
                                                   "empty when not said)"),
    ("2026-01-05,Webinar,1,webinar,yes,,,", "line 2: meets_conditions: is only for a mentoring or coaching given "
                                            "(types mentoring, coaching-given), not for type webinar; leave it empty"),
    ("2026-01-05,Workshop,1,workshop,,Jo,,", "line 2: mentee: the mentoring columns are only for a mentoring or "
                                             "coaching given (types mentoring, coaching-given), not for type "
                                             "workshop; leave them empty"),
    ("2026-01-05,Mentoring,13,mentoring,,Jo,2026-06-01,2026-01-01",
     "line 2: relationship_end: the relationship ends (Jan 1, 2026) before it starts (Jun 1, 2026)"),
    ("2026-01-05,Mentoring,13,mentoring,,Jo,06/31/2026,", "line 2: relationship_start: '06/31/2026' is not a real "
                                                          "date"),
    ("2026-01-05,Mentoring,13,mentoring,,Jo,1800-01-01,", "line 2: relationship_start: 1800-01-01 is not a date "
                                                          "between 1900 and 2200"),
])
def test_bad_cells_of_the_new_columns_are_named_and_nothing_imports(db: object, tmp_path: Path, row: str,
                                                                    error: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,title,hours,type,meets_conditions,mentee,relationship_start,relationship_end\n"
                    f"{row}\n", encoding="utf-8")
    preview = preview_import(path)
    assert [str(e) for e in preview.errors] == [error]


def test_topics_and_delivery_hours_in_the_csv(db: object, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("date,title,hours,type,topics,delivery_hours\n"
                    "2026-01-05,Taught ethics,4,teaching, Ethics ;Law;;ethics,1:30\n"
                    f"2026-01-06,Long tag,1,webinar,{'x' * 41},\n"
                    "2026-01-07,Negative,1,teaching,,-1\n", encoding="utf-8")
    preview = preview_import(path)
    assert [str(e) for e in preview.errors] == [
        f"line 3: topics: '{'x' * 20}...' is longer than 40 characters",
        "line 4: delivery_hours: must not be negative",
    ]
    path.write_text("date,title,hours,type,topics,delivery_hours\n"
                    "2026-01-05,Taught ethics,4,teaching, Ethics ;Law;;ethics,1:30\n", encoding="utf-8")
    (row,) = preview_import(path).to_add
    assert (row.topics, row.delivery_hours) == (("ethics", "law"), Decimal("1.50"))


# --- JSON --------------------------------------------------------------------------------------------------------

def fill_everything() -> None:
    log_with_everything()
    Profile.update(credential_status="retired", service_status="transition", multirater_instrument="ICMA 360",
                   multirater_preapproved=True, multirater_raters=8, multirater_status="waived").execute()
    AnnualReport.insert(year=2025, wholistic=True, narrative="My year, as one story.",
                        extension_until=date(2026, 3, 31), created_at=datetime(2026, 1, 2, 9, 0),
                        updated_at=datetime(2026, 1, 3, 9, 0)).execute()
    add_template("aicp-cm", date(2026, 2, 1), start=date(2025, 7, 1))
    add_template("fccma-ethics", date(2026, 2, 1))


def test_a_json_round_trip_loses_nothing(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path)
    fill_everything()
    before = (stored(), get_profile(), load_requirements())
    exported = tmp_path / "all.json"
    export_json(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format_version"] == 2
    assert data["section_versions"]["requirements"] == 1
    mentoring = next(a for a in data["activities"] if a["type"] == "mentoring")
    assert (mentoring["topics"], mentoring["meets_conditions"], mentoring["delivery_hours"]) == (
        ["ethics", "leadership"], True, "0")
    assert mentoring["mentoring"] == {"mentee": "Jo Park", "position": "MPA intern", "own_employee": False,
                                      "program": "", "relationship_start": "2025-09-01",
                                      "relationship_end": "2026-06-30", "frequency": "every two weeks",
                                      "subjects": "budgets; council relations"}
    assert next(a for a in data["activities"] if a["type"] == "coaching")["type_review"] is True
    assert next(a for a in data["activities"] if a["type"] == "webinar")["mentoring"] is None
    assert {k: data["profile"][k] for k in ("credential_status", "service_status", "multirater_preapproved",
                                            "multirater_raters", "multirater_status")} == {
        "credential_status": "retired", "service_status": "transition", "multirater_preapproved": True,
        "multirater_raters": 8, "multirater_status": "waived"}
    (report,) = data["annual_reports"]
    assert (report["wholistic"], report["narrative"], report["extension_until"]) == (
        True, "My year, as one story.", "2026-03-31")
    assert [r["key"] for r in data["requirements"]] == ["icma-tenet-8", "aicp-cm", "fccma-ethics"]

    close_database()
    open_database(tmp_path / "empty.sqlite3")
    assert import_json(exported)["requirements"] == 3
    assert (stored(), get_profile(), load_requirements()) == before
    report_row = AnnualReport.get(AnnualReport.year == 2025)
    assert (report_row.wholistic, report_row.narrative, report_row.extension_until) == (
        True, "My year, as one story.", date(2026, 3, 31))
    again = tmp_path / "again.json"
    export_json(again)
    assert again.read_bytes() == exported.read_bytes()
    # And what the requirements count, the same on both sides.
    counted = {r.requirement.key: r.counted for r in standing(load_activities(), date(2026, 8, 1))}
    # (Tenet 8 leaves out the coaching given marked as not meeting ICMA's conditions; AICP has no such rule.)
    assert counted == {"icma-tenet-8": Decimal("22.25"), "aicp-cm": Decimal("29.75"), "fccma-ethics": Decimal(13)}


def as_format_1(data: dict[str, Any]) -> dict[str, Any]:
    """`data` as a file of format 1 has it: none of what format 2 added."""
    old: dict[str, Any] = json.loads(json.dumps(data))
    old["format_version"] = 1
    old["section_versions"] = {k: 1 for k in old["section_versions"] if k != "requirements"}
    del old["requirements"]
    for activity in old["activities"]:
        for key in ("topics", "delivery_hours", "meets_conditions", "type_review", "mentoring"):
            del activity[key]
    for key in ("service_status", "multirater_instrument", "multirater_preapproved", "multirater_raters",
                "multirater_status"):
        del old["profile"][key]
    for report in old["annual_reports"]:
        for key in ("wholistic", "narrative", "extension_until"):
            del report[key]
    return old


def test_a_file_of_format_1_still_imports_with_the_defaults(db_path: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_path)
    fill_everything()
    Profile.update(credential_status="credentialed").execute()  # format 1 knew no 'retired'
    old = tmp_path / "old.json"
    old.write_text(json.dumps(as_format_1(json_io.export_data())), encoding="utf-8")
    close_database()
    fresh = tmp_path / "fresh.sqlite3"
    assert run("import-json", old, "--db", fresh) == 0
    assert "5 activities" in capsys.readouterr().out
    open_database(fresh)
    rows = stored()
    assert [(r.type, r.topics, r.delivery_hours, r.meets_conditions, r.mentoring, r.type_review) for r in rows] == [
        (kind, (), Decimal(0), None, None, False)
        for kind in ("mentoring", "coaching-given", "teaching", "coaching", "webinar")]
    profile = get_profile()
    assert (profile.credential_status, profile.service_status, profile.multirater_preapproved,
            profile.multirater_raters, profile.multirater_status) == ("credentialed", "serving", None, None, "")
    report = AnnualReport.get(AnnualReport.year == 2025)
    assert (report.wholistic, report.narrative, report.extension_until) == (False, "", None)
    assert [r.key for r in load_requirements()] == ["icma-tenet-8"]  # the new database's own


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    target: Any = data
    *keys, last = path.split(".")
    for key in keys:
        target = target[int(key)] if key.isdigit() else target[key]
    if last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(("path", "value", "message"), [
    ("activities.4.meets_conditions", True, "activities[4] (id 5): 'meets_conditions' is only for the types "
                                            "mentoring and coaching-given, not 'webinar'; use null"),
    ("activities.0.meets_conditions", "yes", "'meets_conditions' must be true, false or null, not 'yes'"),
    ("activities.4.mentoring", {"mentee": "Jo"}, "'mentoring' is only for the types mentoring and coaching-given"),
    ("activities.0.mentoring.relationship_end", "2025-01-01", "activities[0] (id 1).mentoring: 'relationship_end' "
                                                              "is before 'relationship_start'"),
    ("activities.0.mentoring.own_employee", "no", "'own_employee' must be true, false or null"),
    ("activities.0.mentoring", [], "activities[0] (id 1).mentoring: must be an object"),
    ("activities.0.topics", ["ethics;law"], "'topics': 'ethics;law': a topic cannot contain ';'"),
    ("activities.0.topics", "ethics", "'topics' must be a list"),
    ("activities.0.delivery_hours", "-1", "'delivery_hours' must be hours"),
    ("activities.4.type_review", True, "'type_review' is only for the type coaching, not 'webinar'"),
    ("profile.service_status", "retired", "profile: 'service_status' must be serving, transition or left, not "
                                          "'retired'"),
    ("profile.multirater_status", "skipped", "profile: 'multirater_status' must be \"\" (not said), postponed or "
                                             "waived"),
    ("profile.multirater_raters", 0, "profile: 'multirater_raters' must be from 1 to 999"),
    ("profile.multirater_preapproved", 1, "profile: 'multirater_preapproved' must be true, false or null"),
    ("annual_reports.0.wholistic", "yes", "annual_reports[1]: 'wholistic' must be true or false"),
    ("annual_reports.0.extension_until", "soon", "'extension_until' must be a date as YYYY-MM-DD"),
    ("requirements.0.definition.hours", -4, "requirements[0] ('icma-tenet-8'): the definition cannot be used: "
                                            "required hours must be more than 0 and at most 1000 hours, not -4"),
    ("requirements.1.key", "AICP CM", "requirements[1] ('AICP CM'): the key must be 1 to 60 lower-case letters"),
    ("requirements.2.key", "aicp-cm", "requirements[2] ('aicp-cm'): the key appears twice"),
    ("requirements.2.definition.key", "other", "the definition's key is 'other', not 'fccma-ethics'"),
    ("requirements.0", "tenet", "requirements[0]: must be an object"),
    ("requirements.0.definition.period", {"kind": "fiscal", "start_month": 7},
     "requirements[0] ('icma-tenet-8'): ICMA's Tenet 8 runs by calendar year"),
])
def test_bad_values_of_format_2_are_refused_with_where_they_are(db_path: Path, tmp_path: Path, path: str, value: Any,
                                                                message: str) -> None:
    open_database(db_path)
    fill_everything()
    data = _set(json_io.export_data(), path, value)
    close_database()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "target.sqlite3"
    open_database(target)
    close_database()
    before = dump(target)
    open_database(target)
    with pytest.raises(JsonImportError) as refused:
        import_json(bad)
    assert message in str(refused.value) and "nothing was imported" in str(refused.value)
    close_database()
    assert dump(target) == before


# --- a member's own spreadsheet ----------------------------------------------------------------------------------

TRACKER = ("Activity,Date,Hours,Type,Topics,Mentee,Mentee position,Own employee?,Relationship started,"
           "Meets ICMA conditions,Delivery hours\n"
           "Mentoring Jo,03/02/2026,6,Mentor,Leadership; ethics,Jo Park,Intern,N,09/01/2025,Yes,\n"
           "Budget webinar,03/05/2026,1.5,Webinar,,Sam,,,,,\n"
           "Taught a class,03/20/2026,4,Presenting,Equity | Law,,,,,,2\n"
           "Coached by my manager,04/01/2026,1,Coached by,,,,,,,\n")


def test_the_spreadsheet_import_reads_topics_types_and_mentoring(db_path: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    headers = TRACKER.splitlines()[0].split(",")
    assert dict(guess_mapping(headers).columns) == {
        "title": 0, "date": 1, "hours": 2, "type": 3, "topics": 4, "mentee": 5, "mentee_position": 6,
        "own_employee": 7, "relationship_start": 8, "meets_conditions": 9, "delivery_hours": 10}
    source = tmp_path / "tracker.csv"
    source.write_text(TRACKER, encoding="utf-8")
    assert run("import", source, "--db", db_path) == 0
    out = capsys.readouterr().out
    assert "  topics             <- Topics" in out and "  relationship_start <- Relationship started" in out
    # A mentee on a webinar is kept out, and said so.
    assert ("Warning: line 3: Mentee: ignored: only a mentoring or coaching given keeps whether it meets ICMA's "
            "conditions and the mentoring details (this row's type is webinar)") in out
    assert "4 added, 0 duplicates skipped." in out
    open_database(db_path)
    mentoring, webinar, taught, coached = stored()
    assert (mentoring.type, mentoring.topics, mentoring.meets_conditions) == ("mentoring", ("ethics", "leadership"),
                                                                              True)
    assert mentoring.mentoring == MentoringData(mentee="Jo Park", position="Intern", own_employee=False,
                                                relationship_start=date(2025, 9, 1))
    assert (webinar.mentoring, webinar.meets_conditions) == (None, None)
    assert (taught.type, taught.topics, taught.delivery_hours) == ("teaching", ("equity", "law"), Decimal(2))
    assert coached.type == "coaching"


def test_cell_readers_for_topics_and_yes_or_no() -> None:
    assert read_topics("Ethics, law|ethics\nEquity").value == ("equity", "ethics", "law")
    assert read_topics("").value == () and read_topics(None).value == ()
    assert [read_yes_no(v).value for v in ("Yes", "n", "TRUE", 0, True, "x", "", None)] == [
        True, False, True, False, True, True, None, None]
    assert read_yes_no("perhaps").error == "'perhaps' is not yes or no (leave it empty when not said)"


# --- calendar events ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("summary", "expected"), [
    ("Mentoring session with Jo", "mentoring"), ("Mentee check-in", "mentoring"),
    ("ICMA Coaching Program session", "coaching-given"), ("Coaching call", "coaching"),
    ("Meeting with my mentor", "coaching"), ("Coached by Sam", "coaching"), ("Lunch with my team", "other"),
    ("Ethics workshop", "workshop"),
])
def test_calendar_events_guess_coaching_and_mentoring_given_or_received(summary: str, expected: str) -> None:
    assert guess_type(summary) == expected



def test_a_definition_that_no_longer_reads_is_kept_and_the_rest_restored(db_path: Path, tmp_path: Path) -> None:
    """A newer WeThrive's rule (or a hand edit) in one definition does not make a whole backup unrestorable: it is
    kept as written, listed as unreadable, and removable."""
    from wethrive_desktop.models.requirements.store import remove_requirement, unreadable_requirements

    open_database(db_path)
    fill_everything()
    data = _set(json_io.export_data(), "requirements.1.definition.period", {"kind": "months", "months": 18})
    close_database()
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "target.sqlite3"
    open_database(target)
    import_json(backup)
    assert len(load_activities()) == len(data["activities"])
    assert unreadable_requirements() == ["aicp-cm"]
    assert [r.key for r in load_requirements()] == ["icma-tenet-8", "fccma-ethics"]
    again = json_io.export_data()
    assert again["requirements"][1]["definition"]["period"] == {"kind": "months", "months": 18}
    assert remove_requirement("aicp-cm") is None and unreadable_requirements() == []
    close_database()
