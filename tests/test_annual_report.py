"""The annual report's data, editor writes, readiness check, frozen revisions, JSON section, migration and CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import peewee
import pytest

from wethrive_desktop.cli import main
from wethrive_desktop.exchange.json_io import export_json, import_json
from wethrive_desktop.models import migrations
from wethrive_desktop.models.activities import (
    ActivityData,
    ActivityRecord,
    get_activity,
    load_activities,
    save_activity,
)
from wethrive_desktop.models.annual_report import (
    Fix,
    ReportData,
    ReportDraft,
    assemble_report,
    build_report_data,
    changes_since_submitted,
    get_draft,
    get_revision,
    is_ready,
    list_revisions,
    ordinary_work_match,
    readiness,
    report_status,
    reprint_revision,
    save_draft,
    save_reflection,
    submit_report,
)
from wethrive_desktop.models.dates import date_range
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.plan_actions import link_activity
from wethrive_desktop.models.plans import GoalData, new_item, save_goal, save_item, set_needs
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.reflections import MIN_LEARNED_WORDS, word_count
from wethrive_desktop.models.tables import AnnualReportRevision
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.reports.pdf import render_revision_pdf

D = Decimal
YEAR = 2024
TODAY = date(2025, 2, 10)
LEARNED = ("I learned to frame every budget request around the service level it protects, and I applied it when "
           "our department rewrote its capital requests, which the council then discussed far more easily.")
assert word_count(LEARNED) >= MIN_LEARNED_WORDS


def fill() -> dict[str, int]:
    """A profile, the 2024 activities (with the entries a report must leave out) and the 2024 and 2025 plans."""
    save_profile(ProfileData(name="Nguyễn Thị Hồng", member_number="123456", title="Assistant City Manager",
                             organization="City of Springfield", credential_status="credentialed",
                             program_entry_date=date(2021, 3, 1)), today=TODAY)
    ids = {
        "summit": save_activity(ActivityData(date(YEAR, 5, 2), "Regional Summit", D("12.5"), "conference",
                                             end_date=date(YEAR, 5, 3), provider="ICMA", practices=(6, 7),
                                             description="Attended every session.", learned=LEARNED)),
        "webinar": save_activity(ActivityData(date(YEAR, 2, 1), "Budgeting webinar", D("1.5"), "webinar",
                                              practices=(12,), description="Watched it live.", learned=LEARNED)),
        "gettysburg": save_activity(ActivityData(date(YEAR, 9, 9), "Gettysburg Leadership Institute", D(30),
                                                 "leadership institute", end_date=date(YEAR, 9, 12),
                                                 practices=(1, 6), description="All four days.", learned=LEARNED)),
        # Left out of the report: a challenge-only action (0 h), a planned activity, another year.
        "donation": save_activity(ActivityData(date(YEAR, 3, 1), "The Fund donation", D(0), "other",
                                               challenge_key="fund-donation")),
        "planned": save_activity(ActivityData(date(YEAR, 11, 1), "Planned webinar", D(1), "webinar",
                                              status="planned")),
        "other_year": save_activity(ActivityData(date(YEAR + 1, 1, 5), "Next year's course", D(3), "e-course")),
    }
    set_needs(YEAR, [6, 12, 3])
    long_goal = save_goal(YEAR, GoalData(None, "Be ready to lead a city within five years", "long", (6,)))
    short_goal = save_goal(YEAR, GoalData(None, "Master capital budgeting", "short", (12,)))
    item = save_item(YEAR, new_item("Gettysburg", type="leadership institute", goal_id=short_goal))
    link_activity(item, ids["gettysburg"])  # linked to a goal whose practices it does not share
    ids["long_goal"] = long_goal
    save_goal(YEAR + 1, GoalData(None, "Lead an equity audit", "short", (3,)))
    save_item(YEAR + 1, new_item("Annual Conference", type="conference", estimated_hours=D(24), practices=(3,)))
    dropped = save_item(YEAR + 1, new_item("Dropped course", type="e-course", estimated_hours=D(5)))
    from wethrive_desktop.models.plans import set_item_status

    set_item_status(dropped, "dropped")
    return ids


# --- the data ---------------------------------------------------------------------------------------------------

def test_report_lists_completed_activities_with_hours_oldest_first(db: object) -> None:
    fill()
    data = build_report_data(YEAR, TODAY)
    assert [a.title for a in data.activities] == ["Budgeting webinar", "Regional Summit",
                                                  "Gettysburg Leadership Institute"]
    assert [a.number for a in data.activities] == [1, 2, 3]
    assert data.total_hours == D("44.00") and data.commitment_met
    by_practice = dict(data.practice_hours)
    assert list(by_practice) == list(range(1, 15))
    assert by_practice[6] == D("21.25") and by_practice[12] == D("1.5")
    assert sum(by_practice.values()) + data.untagged_hours == data.total_hours
    assert data.type_hours == (("conference", 1, D("12.50")), ("webinar", 1, D("1.50")),
                               ("leadership institute", 1, D("30.00")))
    assert data.member.designation == "ICMA-CM" and data.member.name == "Nguyễn Thị Hồng"
    assert data.multirater.due_by == date(2026, 3, 1) and not data.multirater.overdue(TODAY)


def test_needs_and_goals_addressed_come_from_the_plan(db: object) -> None:
    fill()
    data = build_report_data(YEAR, TODAY)
    needs = {n.practice: n for n in data.needs}
    assert needs[6].hours == D("21.25") and needs[6].addressed_by == (2, 3)
    assert needs[3].hours == 0 and needs[3].addressed_by == ()
    long_goal, short_goal = data.goals
    assert long_goal.term == "long" and long_goal.addressed_by == (2, 3) and long_goal.hours == D("42.50")
    # The webinar shares the goal's practice; Gettysburg was logged from a plan item of that goal.
    assert short_goal.addressed_by == (1, 3) and short_goal.hours == D("31.50")


def test_next_years_plan_leaves_out_dropped_items(db: object) -> None:
    fill()
    nxt = build_report_data(YEAR, TODAY).next_year
    assert nxt is not None and nxt.year == YEAR + 1
    assert [i.title for i in nxt.items] == ["Annual Conference"] and nxt.planned_hours == D(24)
    assert [g.text for g in nxt.goals] == ["Lead an equity audit"]


def test_a_year_without_plans_or_activities_still_makes_a_report(db: object) -> None:
    data = build_report_data(2019, TODAY)
    assert data.activities == () and data.total_hours == 0
    assert not data.has_plan and data.next_year is None and data.needs == ()


def test_snapshot_json_round_trip_is_exact(db: object) -> None:
    fill()
    save_draft(YEAR, summary_reflection="Ένα καλό έτος & <more>", attestation_name="Hồng",
               attestation_date=date(2025, 1, 15), today=TODAY)
    data = replace(build_report_data(YEAR, TODAY), revision=2, submitted_on=TODAY)
    payload = json.loads(json.dumps(data.to_json()))
    assert ReportData.from_json(payload) == data
    with pytest.raises(ValueError, match="format"):
        ReportData.from_json({**payload, "format": 99})


def test_dates_read_naturally() -> None:
    assert date_range(date(2024, 5, 2), None) == "May 2, 2024"
    assert date_range(date(2024, 5, 2), date(2024, 5, 4)) == "May 2\u20134, 2024"
    assert date_range(date(2024, 5, 30), date(2024, 6, 2), "short") == "May 30 \u2013 Jun 2, 2024"
    assert date_range(date(2024, 12, 30), date(2025, 1, 2)) == "December 30, 2024 \u2013 January 2, 2025"


# --- word counts and ordinary work ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("", 0), ("  one  ", 1), ("Don't stop the well-known plan.", 5), ("Line one\nline two", 4),
    ("我学到了很多", 6), ("Tôi đã học được nhiều điều", 6), ("12 practices, 40 hours", 4),
])
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words


@pytest.mark.parametrize("title", [
    "Prepared the budget", "Preparing the FY2025 budget", "City council meeting", "Council meetings",
    "Weekly staff meeting", "Department head meeting", "Wrote the city's strategic plan", "Budget hearing",
    "Drafted the agenda", "Regular duties", "Performance reviews of my staff",
])
def test_titles_that_read_like_ordinary_work_are_flagged(title: str) -> None:
    assert ordinary_work_match(title) is not None


@pytest.mark.parametrize("title", [
    "Workshop on preparing the budget", "Webinar: running effective council meetings", "Strategic planning course",
    "ICMA Annual Conference", "Coaching session on staff meetings", "Reading: Budgeting for outcomes",
    "Gettysburg Leadership Institute", "Mentoring an ELDP participant",
])
def test_learning_about_work_topics_is_not_flagged(title: str) -> None:
    assert ordinary_work_match(title) is None


# --- readiness on crafted data ------------------------------------------------------------------------------

def _record(i: int, title: str, hours: str, practices: tuple[int, ...] = (1,), description: str = "Took part.",
            learned: str = LEARNED) -> ActivityRecord:
    data = ActivityData(date(YEAR, 1, i), title, D(hours), "workshop", practices=practices,
                        description=description, learned=learned)
    return ActivityRecord(100 + i, data, datetime(2024, 1, 1), datetime(2024, 1, 1))


def _crafted(records: list[ActivityRecord], profile: ProfileData, next_goals: bool = True,
             draft: ReportDraft | None = None) -> ReportData:
    from wethrive_desktop.models.plans import PlanData

    plan = PlanData(YEAR + 1, (3,), (GoalData(1, "Goal", "short", (3,)),) if next_goals else (), ())
    return assemble_report(YEAR, records, profile, None, plan,
                           draft or ReportDraft(YEAR, "", "Me", date(2025, 1, 10), True), TODAY)


GOOD_PROFILE = ProfileData(name="A. Manager", member_number="42", program_entry_date=date(2022, 1, 1))


def test_a_complete_report_is_ready() -> None:
    items = readiness(_crafted([_record(1, "Leadership course", "40")], GOOD_PROFILE), TODAY)
    assert all(i.ok for i in items) and is_ready(items)
    assert [i.key for i in items] == ["hours", "activities", "work", "plan", "profile", "multirater", "attestation"]


def test_readiness_names_every_problem_with_its_fix() -> None:
    records = [
        _record(1, "Strategic planning workshop", "10"),
        _record(2, "Webinar on equity", "5", practices=()),  # no practices: the activity dialog
        _record(3, "Reading on budgets", "4", description="", learned="Short."),  # text only: the editor
        _record(4, "Prepared the budget", "3"),  # ordinary work: a warning
    ]
    profile = ProfileData(name="", member_number="", program_entry_date=date(2019, 6, 1))  # 360 overdue
    data = _crafted(records, profile, next_goals=False, draft=ReportDraft(YEAR))
    items = {i.key: i for i in readiness(data, TODAY)}
    assert not items["hours"].ok and items["hours"].message == "22 h logged, all count: 18 h more needed (40 required)"
    no_practices = items["activity-102"]
    assert (no_practices.fix, no_practices.activity_id) == (Fix.ACTIVITY, 102)
    assert "has no practices" in no_practices.message
    text_only = items["activity-103"]
    assert (text_only.fix, text_only.field) == (Fix.REFLECTION, "description")
    assert "no description" in text_only.message and "1 of 25 words" in text_only.message
    work = items["work-104"]
    assert work.warning and not work.ok and work.fix == Fix.ACTIVITY and "Prepared the budget" in work.message
    assert items["plan"].fix == Fix.PLANNER and not items["plan"].ok
    assert "no name or ICMA member number" in items["profile"].message
    assert not items["multirater"].ok and "June 1, 2024" in items["multirater"].message
    assert items["attestation"].warning and not items["attestation"].ok
    assert "activity-101" not in items and "activity-104" not in items
    assert not is_ready(items.values())


def test_warnings_alone_do_not_stop_a_report() -> None:
    data = _crafted([_record(1, "Council meeting", "40")], GOOD_PROFILE, draft=ReportDraft(YEAR))
    items = readiness(data, TODAY)
    assert [i.key for i in items if not i.ok] == ["work-101", "attestation"]
    assert is_ready(items)


def test_a_completed_360_is_never_overdue() -> None:
    profile = replace(GOOD_PROFILE, program_entry_date=date(2010, 1, 1), multirater_completed_date=date(2014, 5, 1))
    items = {i.key: i for i in readiness(_crafted([_record(1, "Course", "40")], profile), TODAY)}
    assert items["multirater"].ok and "May 1, 2014" in items["multirater"].message


# --- editor writes ---------------------------------------------------------------------------------------------

def test_reflections_are_saved_to_the_activity_and_start_a_draft(db: object) -> None:
    ids = fill()
    assert report_status(YEAR) == "not started"
    save_reflection(ids["webinar"], learned="A new lesson, written in the report editor.", year=YEAR)
    assert get_activity(ids["webinar"]).data.learned == "A new lesson, written in the report editor."
    assert get_activity(ids["webinar"]).data.description == "Watched it live."
    assert report_status(YEAR) == "draft"
    assert build_report_data(YEAR, TODAY).activities[0].learned == "A new lesson, written in the report editor."
    with pytest.raises(LookupError):
        save_reflection(9999, learned="x")


def test_the_draft_text_is_saved_and_checked(db: object) -> None:
    draft = save_draft(YEAR, summary_reflection="  A good year.  ", attestation_name="Me",
                       attestation_date=date(2025, 1, 2), today=TODAY)
    assert (draft.summary_reflection, draft.attestation_name, draft.attestation_date) == (
        "A good year.", "Me", date(2025, 1, 2))
    save_draft(YEAR, attestation_name="Me Too", today=TODAY)  # other fields keep their values
    assert get_draft(YEAR).summary_reflection == "A good year." and get_draft(YEAR).attestation_date is not None
    with pytest.raises(ValidationError, match="attestation_date"):
        save_draft(YEAR, attestation_date=date(2025, 3, 1), today=TODAY)
    with pytest.raises(ValidationError, match="year"):
        save_draft(12, summary_reflection="x", today=TODAY)


# --- submitted revisions ---------------------------------------------------------------------------------------

def test_a_submitted_report_stays_the_same_after_its_activities_change(db: object) -> None:
    ids = fill()
    first = submit_report(YEAR, date(2025, 1, 31), today=TODAY, renderer=render_revision_pdf)
    assert (first.info.revision, report_status(YEAR)) == (1, "submitted")
    assert first.info.pdf_sha256 == AnnualReportRevision.get().pdf_sha256
    assert first.pdf.startswith(b"%PDF") and changes_since_submitted(YEAR) == []

    save_reflection(ids["summit"], learned="Rewritten after submitting.")
    save_activity(replace(get_activity(ids["webinar"]).data, hours=D(2)), ids["webinar"])
    save_activity(ActivityData(date(YEAR, 10, 1), "Late course", D(2), "e-course", practices=(11,)))

    info, frozen = get_revision(YEAR)
    assert frozen == first.data and frozen.activities[1].learned == LEARNED and frozen.total_hours == D(44)
    reprint = reprint_revision(YEAR, renderer=render_revision_pdf)
    assert reprint.identical and reprint.pdf == first.pdf  # printed exactly as sent
    changes = changes_since_submitted(YEAR)
    assert "activity \u201cLate course\u201d added" in changes
    assert "activity \u201cRegional Summit\u201d: what I learned changed" in changes
    assert "activity \u201cBudgeting webinar\u201d: hours changed" in changes
    assert list_revisions(YEAR) == [info]

    second = submit_report(YEAR, date(2025, 2, 3), today=TODAY, renderer=render_revision_pdf)  # only when asked
    assert second.info.revision == 2 and second.data.total_hours == D("46.50")
    assert get_revision(YEAR, 1)[1] == first.data and changes_since_submitted(YEAR) == []
    assert [r.revision for r in list_revisions(YEAR)] == [1, 2]


def test_a_stored_revision_cannot_be_changed(db: object) -> None:
    fill()
    submit_report(YEAR, date(2025, 1, 31), today=TODAY, renderer=lambda data: b"%PDF-fake")
    with pytest.raises(peewee.IntegrityError, match="cannot be changed"):
        AnnualReportRevision.update(snapshot="{}").execute()


def test_submission_dates_are_checked_and_nothing_is_stored_on_error(db: object) -> None:
    fill()
    with pytest.raises(ValidationError, match="submitted_date.*future"):
        submit_report(YEAR, date(2025, 3, 1), today=TODAY, renderer=render_revision_pdf)
    with pytest.raises(ValidationError, match="submitted_date.*before"):
        submit_report(YEAR, date(2023, 12, 31), today=TODAY, renderer=render_revision_pdf)

    def broken(data: ReportData) -> bytes:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        submit_report(YEAR, date(2025, 1, 31), today=TODAY, renderer=broken)
    assert list_revisions(YEAR) == [] and report_status(YEAR) == "not started"


def test_json_export_round_trip_keeps_reports_and_revisions_exact(db: object, tmp_path: Path) -> None:
    fill()
    save_draft(YEAR, summary_reflection="Reflexión «final»", attestation_name="Hồng", today=TODAY)
    sent = submit_report(YEAR, date(2025, 1, 31), today=TODAY, renderer=render_revision_pdf)
    first = tmp_path / "a.json"
    export_json(first)
    section = json.loads(first.read_text(encoding="utf-8"))["annual_reports"]
    assert section[0]["year"] == YEAR and section[0]["revisions"][0]["snapshot"]["member"]["name"] == "Nguyễn Thị Hồng"
    close_database()
    open_database(tmp_path / "new.sqlite3")
    import_json(first)
    second = tmp_path / "b.json"
    export_json(second)
    assert second.read_bytes() == first.read_bytes()
    assert reprint_revision(YEAR, renderer=render_revision_pdf).pdf == sent.pdf and report_status(YEAR) == "submitted"


def test_a_broken_snapshot_in_a_file_is_refused(db: object, tmp_path: Path) -> None:
    fill()
    submit_report(YEAR, date(2025, 1, 31), today=TODAY, renderer=lambda data: b"%PDF-fake")
    good = tmp_path / "a.json"
    export_json(good)
    data = json.loads(good.read_text(encoding="utf-8"))
    data["annual_reports"][0]["revisions"][0]["snapshot"]["format"] = 7
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    close_database()
    open_database(tmp_path / "new.sqlite3")
    from wethrive_desktop.exchange.json_io import JsonImportError

    with pytest.raises(JsonImportError, match=r"annual_reports\[1\]\.revisions\[1\]: 'snapshot'"):
        import_json(bad)
    assert load_activities() == []


def test_upgrade_from_schema_2_keeps_records_and_adds_reports(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, path, target=2)
    db.execute_sql(
        "INSERT INTO activity (id, start_date, title, type, hours, learned, created_at, updated_at) VALUES "
        "(5, '2024-04-01', 'Ethics 101', 'e-course', 350, 'Old lesson', '2024-04-01 00:00:00', "
        "'2024-04-01 00:00:00')")
    db.execute_sql("INSERT INTO activity_practice VALUES (5, 1)")
    close_database()
    db = open_database(path)
    try:
        assert migrations.schema_version(db) == migrations.LATEST_VERSION
        (record,) = load_activities()
        assert (record.id, record.data.learned, record.data.practices) == (5, "Old lesson", (1,))
        assert report_status(2024) == "not started"
        save_reflection(5, learned="New lesson", year=2024)
        assert report_status(2024) == "draft" and get_activity(5).data.learned == "New lesson"
    finally:
        close_database()


# --- command line -------------------------------------------------------------------------------------------

@pytest.fixture
def filled_db(db_path: Path) -> Path:
    open_database(db_path)
    fill()
    close_database()
    return db_path


def test_cli_report_writes_the_pdf(filled_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.pdf"
    assert main(["report", "--year", str(YEAR), "--out", str(out), "--db", str(filled_db)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "44 h in 3 activities" in capsys.readouterr().out
    assert main(["report", "--year", str(YEAR), "--out", str(tmp_path / "r.txt"), "--db", str(filled_db)]) == 1
    assert "should end in .pdf" in capsys.readouterr().err


def test_cli_check_submit_and_reprint(filled_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report-check", "--year", str(YEAR), "--db", str(filled_db)]) == 3  # the attestation is missing
    out = capsys.readouterr().out
    assert "[ok  ] 44 h logged, all count (40 required)" in out and "Annual report 2024: not started" in out
    sent = tmp_path / "sent.pdf"
    assert main(["report-submit", "--year", str(YEAR), "--date", "2025-01-31", "--out", str(sent),
                 "--db", str(filled_db)]) == 0
    assert "as revision 1" in capsys.readouterr().out
    assert main(["report-submit", "--year", str(YEAR), "--db", str(filled_db)]) == 1
    assert "--new-revision" in capsys.readouterr().err
    again = tmp_path / "again.pdf"
    assert main(["report", "--year", str(YEAR), "--submitted", "--out", str(again), "--db", str(filled_db)]) == 0
    assert again.read_bytes() == sent.read_bytes()
    assert main(["report", "--year", str(YEAR), "--revision", "4", "--out", str(again), "--db", str(filled_db)]) == 1
    assert "has no revision 4" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report-submit", "--year", str(YEAR), "--date", "31/01/2025", "--db", str(filled_db)])


def test_text_the_pdf_cannot_print_gets_a_warning() -> None:
    from wethrive_desktop.reports.pdf.fonts import missing_glyphs

    records = [_record(1, "Workshop with สมชาย", "40"), _record(2, "王小明 and Ωμέγα coaching", "1")]
    profile = replace(GOOD_PROFILE, name="Nguyễn Thị Hồng")
    items = {i.key: i for i in readiness(_crafted(records, profile), TODAY, unprintable=missing_glyphs)}
    glyphs = items["glyphs-101"]
    assert glyphs.warning and glyphs.fix == Fix.ACTIVITY and glyphs.activity_id == 101
    assert "cannot print: ช ม ย ส" in glyphs.message
    assert "glyphs-102" not in items and "glyphs-profile" not in items  # CJK, Greek and Vietnamese print
    assert is_ready(items.values())


# --- fast at every size (issue 12): the check is linear and counts only what changed; the year alone is loaded ------


def _year_of(n: int, token: str) -> ReportData:
    """A report of `n` activities whose texts are this test's own (`token`), so no check made elsewhere is reused."""
    records = [
        ActivityRecord(1000 + i, ActivityData(date(YEAR, 1 + i % 12, 1 + i % 28), f"Course {token} {i}", D(1),
                                              "workshop", practices=(1 + i % 14,), description="Took part.",
                                              learned=f"{LEARNED} {token} {i}"), datetime(2024, 1, 1),
                       datetime(2024, 1, 1))
        for i in range(n)
    ]
    return _crafted(records, GOOD_PROFILE)


def test_the_readiness_check_counts_the_words_of_each_activity_once_then_only_of_what_changed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    module = importlib.import_module("wethrive_desktop.models.annual_report.readiness")
    counted: list[str] = []

    def counting(text: str) -> int:
        counted.append(text)
        return word_count(text)

    monkeypatch.setattr(module, "word_count", counting)
    token = "c0unt3d"
    data = _year_of(300, token)
    first = readiness(data, TODAY)
    assert len(counted) == 300  # one "what I learned" an activity
    counted.clear()
    assert readiness(_year_of(300, token), TODAY) == first  # equal activities, loaded again: nothing recounted
    assert counted == []

    typed = replace(data.activities[7], learned="Too short to count")
    items = {i.key: i for i in readiness(replace(data, activities=(*data.activities[:7], typed,
                                                                   *data.activities[8:])), TODAY)}
    assert counted == ["Too short to count"]  # the one activity typed in
    assert "4 of 25 words" in items[f"activity-{typed.activity_id}"].message
    assert "activities" not in items  # the "every activity is complete" item is gone


def test_an_activity_that_cannot_be_remembered_is_still_checked() -> None:
    from wethrive_desktop.models.annual_report import ReportActivity, activity_problems

    activity = ReportActivity(1, 5, "Course", date(YEAR, 1, 1), None, "", "workshop", D(1),
                              [3], "", "")  # type: ignore[arg-type]  # a list: not hashable
    assert [p for p, _ in activity_problems(activity)] == ["has no description of how you took part",
                                                          "has no \u201cwhat I learned\u201d"]
    data = replace(_year_of(1, "unhashable"), activities=(activity,))
    assert "activity-5" in {i.key for i in readiness(data, TODAY)}


def test_the_report_loads_its_year_alone_through_the_start_date_index(db: object) -> None:
    from wethrive_desktop.models.db import database_proxy

    fill()
    for year in range(YEAR - 5, YEAR + 2):
        save_activity(ActivityData(date(year, 6, 1), f"Course of {year}", D(2), "webinar", practices=(1,)))
    connection = database_proxy.connection()
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    try:
        data = build_report_data(YEAR, TODAY)
    finally:
        connection.set_trace_callback(None)
    assert {a.start_date.year for a in data.activities} == {YEAR}
    reading = [s for s in statements if 'FROM "activity"' in s or 'JOIN "activity"' in s]
    assert len(reading) == 1  # the activities, once: their practices and attachments are read by their ids
    plan = " | ".join(row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + reading[0]))
    assert "USING INDEX activity_start_date (start_date>? AND start_date<?)" in plan, plan
    assert "SCAN" not in plan, plan
    linked = [s for s in statements if "FROM activity_practice" in s or 'FROM "attachment"' in s]
    assert len(linked) == 2
    for sql in linked:
        plan = " | ".join(row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING" in plan and "INDEX" in plan, plan  # by activity_id, never a scan of the whole table
        assert "SCAN activity_practice" not in plan and "SCAN t1" not in plan, plan
