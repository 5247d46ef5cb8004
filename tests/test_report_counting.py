"""The annual report counts hours as ICMA does (issue 14): counted vs logged in the data, the readiness check, the PDF
and the Word document; what ICMA asks of mentoring and coaching given; teaching's delivery hours; the other
requirements tracked; the wholistic narrative; an extension; the 360's statuses; and snapshots of either format."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from wethrive_desktop.models.activities import ActivityData, get_activity, load_activities, save_activity
from wethrive_desktop.models.annual_report import (
    NARRATIVE_MIN_WORDS,
    SNAPSHOT_FORMAT,
    Fix,
    ReportData,
    build_report_data,
    changes_since_submitted,
    get_draft,
    is_ready,
    readiness,
    reprint_revision,
    save_draft,
    submit_report,
)
from wethrive_desktop.models.annual_report.drafts import ensure_report_row
from wethrive_desktop.models.annual_report.readiness import undocumented
from wethrive_desktop.models.mentoring import MentoringData, missing
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.report_status import due_with_extension, extension_until, report_due
from wethrive_desktop.models.requirements.counting import progress
from wethrive_desktop.models.requirements.store import add_template
from wethrive_desktop.models.summary import year_summary
from wethrive_desktop.models.tables import AnnualReportRevision, Profile
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.reports import pdf as pdf_module
from wethrive_desktop.reports.pdf import builder, render_report_pdf, render_revision_pdf
from wethrive_desktop.reports.portal import portal_fields, portal_report_fields
from wethrive_desktop.reports.word import render_report_docx

D = Decimal
YEAR = 2024
TODAY = date(2025, 2, 10)
LEARNED = ("I learned to frame every budget request around the service level it protects, and I applied it when "
           "our department rewrote its capital requests, which the council then discussed far more easily.")
MENTEE = MentoringData("Jordan Lee", "MPA student intern", False, "", date(2024, 1, 8), date(2024, 12, 16),
                       "Twice a month", "Budgeting, council relations and career planning")
NARRATIVE = " ".join(["This year I learned to lead budget work with the people who deliver the services."] * 15)
FIXTURE = Path(__file__).parent / "data" / "report_snapshot_v1.json"


def profile(**more: object) -> None:
    save_profile(ProfileData(name="Nguyễn Thị Hồng", member_number="123456", credential_status="credentialed",
                             program_entry_date=date(2021, 3, 1), **more), today=TODAY)  # type: ignore[arg-type]


def done_when() -> dict[str, int]:
    """The issue's member: 26 hours of mentoring given (meeting ICMA's conditions, all documented) and 30 of
    workshops."""
    profile()
    return {
        "mentoring": save_activity(ActivityData(date(YEAR, 1, 8), "Mentoring an MPA intern", D(26), "mentoring",
                                                end_date=date(YEAR, 12, 16), practices=(4,), description="Met.",
                                                learned=LEARNED, meets_conditions=True, mentoring=MENTEE)),
        "budget": save_activity(ActivityData(date(YEAR, 3, 5), "Budgeting workshop", D(14), "workshop",
                                             provider="ICMA", practices=(12,), description="Attended.",
                                             learned=LEARNED, topics=("ethics",))),
        "change": save_activity(ActivityData(date(YEAR, 9, 10), "Leading change workshop", D(16), "workshop",
                                             provider="TCMA", practices=(6,), description="Attended.",
                                             learned=LEARNED)),
    }


def pdf_text(data: ReportData) -> str:
    reader = PdfReader(io.BytesIO(render_report_pdf(data, invariant=True)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def docx_text(data: ReportData) -> str:
    doc = Document(io.BytesIO(render_report_docx(data)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


# --- counted vs logged -----------------------------------------------------------------------------------------

def test_26_hours_of_mentoring_and_30_of_workshops_count_50_and_say_why(db: object) -> None:
    ids = done_when()
    data = build_report_data(YEAR, TODAY)
    assert (data.total_hours, data.counted_hours, data.commitment_met) == (D(56), D(50), True)
    mentoring = next(a for a in data.activities if a.activity_id == ids["mentoring"])
    assert (mentoring.hours, mentoring.counted, mentoring.not_counted) == (D(26), D(20), "cap")
    assert mentoring.mentoring == MENTEE
    assert data.counting is not None and [(c.type, c.logged, c.counted) for c in data.counting.caps] == [
        ("mentoring", D(26), D(20))]

    items = readiness(data, TODAY)
    hours = next(i for i in items if i.key == "hours")
    assert hours.ok and hours.message == "50 of the 56 hours logged count (at least 40)"
    # Fully documented and confirmed: nothing asked of the mentoring.
    assert not [i for i in items if i.activity_id == ids["mentoring"]]

    text = pdf_text(data)
    assert "Mentoring given: 26 h logged, 20 h count (at most 20 h a year)." in text
    assert "hours counted · 56 logged" in text and "of which 50 count toward the commitment" in text
    assert "20 of 26 h count (Mentoring given: at most 20 h a year)." in text
    for shown in ("Jordan Lee, MPA student intern", "Twice a month", "January 8 – December 16, 2024 (11 months)",
                  "Budgeting, council relations and career planning"):
        assert shown in text
    word = docx_text(data)
    assert "Mentoring given: 26 h logged, 20 h count (at most 20 h a year)." in word and "Jordan Lee" in word
    portal = {f.label: f.text for f in portal_fields(mentoring, data)}
    assert portal["Mentee"] == "Jordan Lee, MPA student intern" and portal["Frequency"] == "Twice a month"


def test_the_report_and_the_summary_agree(db: object) -> None:
    done_when()
    save_activity(ActivityData(date(YEAR, 6, 1), "More mentoring", D(4), "mentoring", practices=(4,),
                               meets_conditions=False))
    data = build_report_data(YEAR, TODAY)
    summary = year_summary(YEAR).to_json()
    assert summary["counted_hours"] == float(data.counted_hours) == 50.0
    assert summary["total_hours"] == float(data.total_hours) == 60.0
    assert summary["status"] == ("met" if data.commitment_met else "short") == "met"
    assert summary["caps"]["mentoring"] == {"logged": 26.0, "counted": 20.0}


def test_short_by_the_hours_that_count_though_met_by_those_logged(db: object) -> None:
    profile()
    save_activity(ActivityData(date(YEAR, 2, 1), "Mentoring", D(30), "mentoring", end_date=date(YEAR, 12, 1),
                               practices=(4,), meets_conditions=True, mentoring=MENTEE))
    save_activity(ActivityData(date(YEAR, 3, 1), "Workshop", D(12), "workshop", practices=(6,)))
    data = build_report_data(YEAR, TODAY)
    assert data.total_hours == D(42) and data.counted_hours == D(32) and not data.commitment_met
    hours = next(i for i in readiness(data, TODAY) if i.key == "hours")
    assert hours.blocking and hours.message == "32 of 40 hours count (42 h logged): 8 h more needed"
    text = pdf_text(data)
    assert "8 h to go" in text and "of which 32 count toward the commitment" in text
    assert "8 hours short of the 40-hour commitment" in text


def test_teaching_prints_its_preparation_and_delivery(db: object) -> None:
    profile()
    save_activity(ActivityData(date(YEAR, 5, 1), "Taught a budgeting course", D(6), "teaching", practices=(12,),
                               delivery_hours=D(3), description="Taught.", learned=LEARNED))
    data = build_report_data(YEAR, TODAY)
    assert data.counted_hours == data.total_hours == D(6)  # the preparation counts; delivery is not in `hours`
    text = pdf_text(data)
    assert "Preparation: 6 h (counted). Delivery: 3 h (shown, not counted)." in text
    assert "Teaching: 3 h of delivery shown, not counted (the hours of preparation count)." in text


def test_other_requirements_are_printed_as_requirements_counts_them(db: object) -> None:
    done_when()
    fccma = add_template("fccma-ethics", TODAY)
    tcma = add_template("tcma-ethics", TODAY, start=date(2023, 1, 1))
    save_activity(ActivityData(date(YEAR - 1, 11, 2), "Ethics for managers", D(3), "webinar", provider="TML",
                               topics=("ethics",)))
    data = build_report_data(YEAR, TODAY)
    assert data.requirements_on == date(YEAR, 12, 31)
    lines = {line.key: line for line in data.requirements}
    assert set(lines) == {"fccma-ethics", "tcma-ethics"}
    everything = load_activities(status="completed")
    for requirement, line in ((fccma, lines["fccma-ethics"]), (tcma, lines["tcma-ethics"])):
        expected = progress(requirement, everything, date(YEAR, 12, 31))
        assert (line.period_start, line.period_end, line.counted, line.status) == (
            expected.period_start, expected.period_end, expected.counted, expected.status)
    assert (lines["tcma-ethics"].period_start, lines["tcma-ethics"].counted) == (date(2023, 1, 1), D(17))
    assert (lines["fccma-ethics"].period_start, lines["fccma-ethics"].counted) == (date(2024, 10, 1), D(0))
    # What is logged after the year's end does not change what the year's report says.
    save_activity(ActivityData(date(YEAR + 1, 1, 20), "Ethics refresher", D(2), "webinar", provider="ICMA",
                               topics=("ethics",)))
    assert build_report_data(YEAR, TODAY).requirements == data.requirements
    text = pdf_text(data)
    assert "Other requirements tracked (as of December 31, 2024)" in text
    assert "TCMA (Texas) ethics Jan 1, 2023 – Dec 31, 2024 2 17 met" in text
    assert "FCCMA (Florida) ethics Oct 1, 2024 – Sep 30, 2025 4 0 short" in text


# --- mentoring and coaching given ------------------------------------------------------------------------------

def test_readiness_flags_what_icma_asks_and_the_old_coaching_rows(db: object) -> None:
    profile()
    undocumented_id = save_activity(ActivityData(
        date(YEAR, 2, 1), "Mentoring Sam", D(10), "mentoring", practices=(4,), description="Met.", learned=LEARNED,
        meets_conditions=True, mentoring=MentoringData(mentee="Sam Park", own_employee=True,
                                                       relationship_start=date(YEAR, 9, 1))))
    unsaid = save_activity(ActivityData(date(YEAR, 3, 1), "Coaching a new manager", D(4), "coaching-given",
                                        practices=(4,), description="Met.", learned=LEARNED,
                                        mentoring=MentoringData(position="Assistant to the manager",
                                                                relationship_start=date(YEAR, 3, 1),
                                                                subjects="Budget presentations")))
    refused = save_activity(ActivityData(date(YEAR, 4, 1), "Mentoring a neighbour", D(5), "mentoring",
                                         practices=(4,), description="Met.", learned=LEARNED,
                                         meets_conditions=False, mentoring=MENTEE))
    review = save_activity(ActivityData(date(YEAR, 5, 1), "Coaching sessions", D(3), "coaching", practices=(5,),
                                        description="Coached Sam.", learned=LEARNED, type_review=True))
    data = build_report_data(YEAR, TODAY)
    items = {i.key: i for i in readiness(data, date(YEAR + 1, 1, 15))}

    flagged = items[f"mentoring-{undocumented_id}"]
    assert flagged.blocking and flagged.fix == Fix.ACTIVITY and flagged.activity_id == undocumented_id
    assert flagged.message.splitlines() == [
        "Activity #1 \u201cMentoring Sam\u201d (mentoring given) does not yet record what ICMA asks:",
        "\u2022 The mentee\u2019s position (student, employee or intern) is not recorded.",
        "\u2022 Your own employee counts only through a formal program, and none is recorded.",
        "\u2022 The relationship has run less than six months.",
        "\u2022 How often you met is not recorded.",
        "\u2022 The subjects covered are not recorded.",
    ]
    confirm = items[f"confirm-{unsaid}"]
    assert confirm.blocking and "confirm in the activity that it was coaching given" in confirm.message
    assert f"mentoring-{unsaid}" not in items  # documented
    not_counted = items[f"conditions-{refused}"]
    assert not_counted.warning and not not_counted.ok and "its 5 h do not count" in not_counted.message
    assert f"mentoring-{refused}" not in items  # not counted: nothing more is asked of it
    asked = items[f"type-{review}"]
    assert asked.warning and asked.fix == Fix.ACTIVITY and "confirm its type" in asked.message
    assert not is_ready(items.values())

    by_id = {a.activity_id: a for a in data.activities}
    assert by_id[refused].counted == 0 and by_id[refused].not_counted == "conditions"
    text = pdf_text(data)
    assert "Not counted (Mentoring given): marked as not meeting ICMA’s conditions." in text
    assert ("\u201cMentoring a neighbour\u201d (Mentoring given, 5 h) does not count: it is marked as not meeting "
            "ICMA\u2019s conditions.") in text
    assert "Position coached Assistant to the manager" in text and "Nature of the coaching Budget presentations" in text

    # Documented and confirmed, the items go.
    save_activity(replace(get_activity(undocumented_id).data, meets_conditions=True, mentoring=MENTEE),
                  undocumented_id)
    save_activity(replace(get_activity(unsaid).data, meets_conditions=True), unsaid)
    items = {i.key: i for i in readiness(build_report_data(YEAR, TODAY), TODAY)}
    assert f"mentoring-{undocumented_id}" not in items and f"confirm-{unsaid}" not in items


@pytest.mark.parametrize("type_", ["mentoring", "coaching-given"])
def test_the_readiness_conditions_are_models_mentorings(type_: str) -> None:
    """Each sentence the readiness check writes stands for one condition models.mentoring.missing finds."""
    on = date(2025, 6, 1)
    variants = [
        None, MENTEE, replace(MENTEE, mentee=" "), replace(MENTEE, own_employee=None),
        replace(MENTEE, own_employee=True), replace(MENTEE, own_employee=True, program="ELDP"),
        replace(MENTEE, relationship_start=None), replace(MENTEE, relationship_end=date(2024, 3, 1)),
        replace(MENTEE, relationship_end=None, relationship_start=date(2025, 3, 1)), replace(MENTEE, frequency=""),
        replace(MENTEE, subjects=""), replace(MENTEE, position=""), MentoringData(),
    ]
    for variant in variants:
        assert len(undocumented(type_, variant, on)) == len(missing(type_, variant, on)), variant
    assert undocumented("workshop", None, on) == missing("workshop", None, on) == []


# --- the wholistic report --------------------------------------------------------------------------------------

def test_a_wholistic_report_prints_the_narrative_and_asks_no_reflection_per_activity(db: object) -> None:
    profile()
    bare = save_activity(ActivityData(date(YEAR, 2, 1), "Budgeting institute", D(40), "leadership institute",
                                      end_date=date(YEAR, 2, 5), practices=(12,)))
    items = {i.key: i for i in readiness(build_report_data(YEAR, TODAY), TODAY)}
    assert items[f"activity-{bare}"].blocking  # a reflection per activity is asked

    draft = save_draft(YEAR, wholistic=True, narrative="Too short.", today=TODAY)
    assert (draft.wholistic, draft.narrative) == (True, "Too short.")
    data = build_report_data(YEAR, TODAY)
    items = {i.key: i for i in readiness(data, TODAY)}
    assert f"activity-{bare}" not in items and items["activities"].message == "Every activity has practices"
    assert items["narrative"].blocking and items["narrative"].fix == Fix.NARRATIVE
    assert items["narrative"].message == f"The narrative for the year has 2 of {NARRATIVE_MIN_WORDS} words"

    save_draft(YEAR, narrative=NARRATIVE, today=TODAY)
    data = build_report_data(YEAR, TODAY)
    items = {i.key: i for i in readiness(data, TODAY)}
    assert items["narrative"].ok and items["narrative"].message.startswith("The narrative for the year has 225 words")
    text = pdf_text(data)
    assert "Reflection on the year" in text and NARRATIVE[:80] in text
    assert "Reflected on in the member’s narrative for the year." in text
    assert "What I learned" not in text and "How I took part" not in text
    word = docx_text(data)
    assert NARRATIVE in word and "What I learned" not in word
    assert {f.label: f.text for f in portal_report_fields(data)}["Reflection on the year (wholistic report)"] == (
        NARRATIVE)

    save_draft(YEAR, wholistic=False, today=TODAY)  # back to a reflection per activity: the narrative is kept
    assert get_draft(YEAR).narrative == NARRATIVE and not build_report_data(YEAR, TODAY).wholistic


# --- extension and the 360 -------------------------------------------------------------------------------------

def test_an_extension_is_stored_shown_and_moves_the_due_date(db: object) -> None:
    done_when()
    assert extension_until(YEAR) is None and report_due(YEAR, date(2025, 3, 31)) == date(2025, 3, 31)
    with pytest.raises(ValidationError, match="runs to a day after 2024"):
        save_draft(YEAR, extension_until=date(YEAR, 12, 1), today=TODAY)
    save_draft(YEAR, extension_until=date(2025, 6, 30), today=TODAY)
    assert get_draft(YEAR).extension_until == extension_until(YEAR) == date(2025, 6, 30)
    assert report_due(YEAR, date(2025, 3, 31)) == report_due(YEAR, None) == date(2025, 6, 30)
    assert due_with_extension(date(2025, 9, 1), date(2025, 6, 30)) == date(2025, 9, 1)  # never earlier
    data = build_report_data(YEAR, TODAY)
    assert "Status Draft; extension granted until June 30, 2025" in pdf_text(data)
    assert "extension granted until June 30, 2025" in docx_text(data)
    save_draft(YEAR, extension_until=None, today=TODAY)
    assert extension_until(YEAR) is None


def test_the_360_is_waived_for_a_retired_manager_and_postponed_in_transition(db: object) -> None:
    done_when()
    Profile.update(credential_status="retired", program_entry_date=date(2015, 1, 1)).execute()
    data = build_report_data(YEAR, TODAY)
    assert data.multirater.status == "waived" and not data.multirater.overdue(TODAY)
    assert "Waived: the member is a Retired Credentialed Manager." in pdf_text(data)
    item = next(i for i in readiness(data, TODAY) if i.key == "multirater")
    assert item.ok and item.message == "360 assessment waived (Retired Credentialed Manager)"

    Profile.update(credential_status="credentialed", service_status="transition",
                   multirater_status="postponed").execute()
    data = build_report_data(YEAR, TODAY)
    assert data.multirater.describe(TODAY) == "Postponed while the member is in transition between positions."
    item = next(i for i in readiness(data, TODAY) if i.key == "multirater")
    assert item.ok and item.message == "360 assessment postponed (member in transition)"

    Profile.update(service_status="serving", multirater_status="", multirater_completed_date=date(2024, 6, 1),
                   multirater_instrument="Homemade survey", multirater_preapproved=False,
                   multirater_raters=6).execute()
    data = build_report_data(YEAR, TODAY)
    assert data.multirater.describe(TODAY) == ("Completed on June 1, 2024. Instrument: Homemade survey, not one of "
                                               "ICMA\u2019s pre-approved instruments. Raters: 6.")
    warning = next(i for i in readiness(data, TODAY) if i.key == "multirater-instrument")
    assert warning.warning and warning.fix == Fix.PROFILE


# --- snapshots -------------------------------------------------------------------------------------------------

def test_a_snapshot_keeps_the_new_fields(db: object) -> None:
    done_when()
    add_template("tcma-ethics", TODAY, start=date(2023, 1, 1))
    save_draft(YEAR, wholistic=True, narrative=NARRATIVE, extension_until=date(2025, 6, 30), today=TODAY)
    data = build_report_data(YEAR, TODAY)
    payload = json.loads(json.dumps(data.to_json()))
    assert payload["format"] == SNAPSHOT_FORMAT == 2
    assert ReportData.from_json(payload) == data
    submission = submit_report(YEAR, TODAY, today=TODAY, renderer=render_revision_pdf)
    assert reprint_revision(YEAR, renderer=render_revision_pdf).identical
    assert submission.data.wholistic and submission.data.requirements and submission.data.counting is not None
    assert changes_since_submitted(YEAR) == []


def test_a_snapshot_from_before_the_counting_reads_and_reprints_byte_for_byte(monkeypatch: pytest.MonkeyPatch
                                                                              ) -> None:
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data = ReportData.from_json(fixture["snapshot"])
    assert fixture["snapshot"]["format"] == 1 and data.counting is None and not data.wholistic
    assert data.counted_hours == data.total_hours == D(44) and data.commitment_met
    monkeypatch.setattr(builder, "__version__", fixture["app_version"])  # (the PDF names the app that made it)
    assert hashlib.sha256(pdf_module.render_revision_pdf(data)).hexdigest() == fixture["pdf_sha256"]


def test_a_revision_submitted_before_the_counting_shows_no_change_that_was_not_made(db: object) -> None:
    ids = done_when()
    data = replace(build_report_data(YEAR, TODAY), revision=1, submitted_on=TODAY)
    stored = data.to_json()
    # The snapshot as the app wrote it before issue 14: none of format 2's fields, format 1.
    old = {k: v for k, v in stored.items() if k not in ("counting", "requirements", "requirements_on", "wholistic",
                                                         "narrative", "extension_until")}
    new_activity_keys = ("counted", "not_counted", "delivery_hours", "mentoring", "meets_conditions", "type_review")
    old["activities"] = [{k: v for k, v in a.items() if k not in new_activity_keys} for a in stored["activities"]]
    old["multirater"] = {k: stored["multirater"][k] for k in ("program_entry", "completed_on", "due_by")}
    old["format"] = 1
    row = ensure_report_row(YEAR)
    AnnualReportRevision.insert(report=row.id, revision=1, submitted_date=TODAY, snapshot=json.dumps(old),
                                pdf_sha256="0" * 64).execute()
    assert ReportData.from_json(old).counting is None
    assert changes_since_submitted(YEAR) == []
    save_activity(replace(get_activity(ids["budget"]).data, hours=D(15)), ids["budget"])
    assert changes_since_submitted(YEAR) == ["activity \u201cBudgeting workshop\u201d: hours changed"]


def test_the_command_line_reports_counted_hours_and_lists_what_icma_asks_under_its_item(
        db: object, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wethrive_desktop.cli import main
    from wethrive_desktop.models.db import close_database

    done_when()
    save_activity(ActivityData(date(YEAR, 2, 1), "Mentoring Sam", D(2), "mentoring", practices=(4,),
                               description="Met.", learned=LEARNED, meets_conditions=True,
                               mentoring=MentoringData(mentee="Sam Park")))
    close_database()
    capsys.readouterr()
    out = tmp_path / "report.pdf"
    assert main(["report", "--year", str(YEAR), "--out", str(out), "--db", str(db_path)]) == 0
    assert "58 h logged, 50 h count, in 4 activities for 2024" in capsys.readouterr().out
    assert main(["report-check", "--year", str(YEAR), "--db", str(db_path)]) == 3
    lines = capsys.readouterr().out.splitlines()
    first = next(n for n, line in enumerate(lines) if "“Mentoring Sam” (mentoring given) does not yet" in line)
    assert lines[first].startswith("  [todo] Activity #")
    assert lines[first + 1] == ("         \u2022 The mentee\u2019s position (student, employee or intern) is not "
                                "recorded.")
