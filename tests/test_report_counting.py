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
from wethrive_desktop.models.annual_report.hours import duration_text, whole_months
from wethrive_desktop.models.annual_report.readiness import undocumented
from wethrive_desktop.models.mentoring import MentoringData, lasted_six_months, missing
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.report_status import due_with_extension, extension_until, report_due
from wethrive_desktop.models.requirements.counting import progress
from wethrive_desktop.models.requirements.definitions import ALWAYS_ON, template
from wethrive_desktop.models.requirements.store import add_template, save_requirement
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
TENET_8 = template(ALWAYS_ON, TODAY)


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
    assert hours.ok and hours.message == "56 h logged, 50 h count (40 required)"
    # Fully documented and confirmed: nothing asked of the mentoring.
    assert not [i for i in items if i.activity_id == ids["mentoring"]]

    text = pdf_text(data)
    # The cap reads as models.requirements says it everywhere (CapUse.describe), in the PDF and in Word.
    cap_line = "Mentoring given: 26 h logged, 20 h count (at most 20 h a year)"
    assert cap_line == progress(TENET_8, load_activities(status="completed"), TODAY, date(YEAR, 6, 1)).caps[
        0].describe()
    assert f"• {cap_line} " in text and f"{cap_line}." not in text
    assert "hours count · 56 h logged" in text and "of which 50 count toward the commitment" in text
    assert "26 h logged, 20 h count (Mentoring given: at most 20 h a year)" in text
    assert "hours reported" not in text and "(counted)" not in text
    for shown in ("Jordan Lee, MPA student intern", "Twice a month", "January 8 – December 16, 2024 (11 months)",
                  "Budgeting, council relations and career planning"):
        assert shown in text
    word = docx_text(data)
    assert cap_line in word and "Jordan Lee" in word
    assert "Hours logged: 56 h" in word and "Hours that count: 50 h (40 required)" in word
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
    assert hours.blocking and hours.message == "42 h logged, 32 h count: 8 h more needed (40 required)"
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
    # One sentence for the fact, as models.requirements says it (RequirementProgress.explanations): in the list of
    # why the hours differ and on the activity.
    said = "Teaching: 3 h of delivery shown, not counted (the preparation counts)"
    assert said in progress(TENET_8, load_activities(status="completed"), TODAY, date(YEAR, 6, 1)).explanations()
    assert text.count(said) == 2 and "(counted)" not in text
    assert docx_text(data).count(said) == 2
    # Without delivery hours, the activity says its hours are the preparation, and they count.
    save_activity(ActivityData(date(YEAR, 6, 1), "Prepared a planning workshop", D(4), "teaching", practices=(7,),
                               description="Taught.", learned=LEARNED))
    assert "Teaching: the 4 h of preparation count" in pdf_text(build_report_data(YEAR, TODAY))


def test_other_requirements_are_printed_as_requirements_counts_them(db: object) -> None:
    """Each in the period a yearly report judges: the last that ends within the year (final: met or short), else
    the one going on at the year's end (in progress); with the hours logged, and why one is not met under it."""
    done_when()
    fccma = add_template("fccma-ethics", TODAY)
    tcma = add_template("tcma-ethics", TODAY, start=date(2023, 1, 1))
    aicp = add_template("aicp-cm", TODAY, start=date(2024, 1, 1))  # 2024-2025: no period ends in 2024
    gccma = save_requirement({"key": "gccma-ethics", "name": "Georgia (GCCMA) ethics", "hours": 3,
                              "period": {"kind": "calendar"}, "topics": ["ethics"], "providers": ["GCCMA"]})
    save_activity(ActivityData(date(YEAR - 1, 11, 2), "Ethics for managers", D(3), "webinar", provider="TML",
                               topics=("ethics",)))
    data = build_report_data(YEAR, TODAY)
    assert data.requirements_on == date(YEAR, 12, 31)
    lines = {line.key: line for line in data.requirements}
    assert set(lines) == {"fccma-ethics", "tcma-ethics", "aicp-cm", "gccma-ethics"}
    periods = {"fccma-ethics": (date(2023, 10, 1), date(2024, 9, 30)),  # FCCMA's year that ended in 2024
               "tcma-ethics": (date(2023, 1, 1), date(2024, 12, 31)), "gccma-ethics": (date(2024, 1, 1),
                                                                                      date(2024, 12, 31)),
               "aicp-cm": (date(2024, 1, 1), date(2025, 12, 31))}
    everything = load_activities(status="completed")
    for requirement in (fccma, tcma, aicp, gccma):
        line = lines[requirement.key]
        assert (line.period_start, line.period_end) == periods[requirement.key]
        expected = progress(requirement, everything, date(YEAR, 12, 31), period_of=line.period_start)
        assert (line.logged, line.counted) == (expected.logged, expected.counted)
    assert [(lines[k].logged, lines[k].counted, lines[k].status) for k in ("fccma-ethics", "tcma-ethics")] == [
        (D(17), D(17), "met"), (D(17), D(17), "met")]
    # Not met when the period ended: short, and by how much (the logged hours came from a provider not accepted).
    assert (lines["gccma-ethics"].logged, lines["gccma-ethics"].counted, lines["gccma-ethics"].status) == (
        D(14), D(0), "short")
    # A two-year window ending in 2025 is in progress, not short; its topic minimums not met say why.
    assert lines["aicp-cm"].status == "in progress"
    assert [t.topic for t in lines["aicp-cm"].topics] == ["law", "equity", "sustainability and resilience"]
    # What is logged after the year's end does not change what the year's report says.
    save_activity(ActivityData(date(YEAR + 1, 1, 20), "Ethics refresher", D(2), "webinar", provider="ICMA",
                               topics=("ethics",)))
    assert build_report_data(YEAR, TODAY).requirements == data.requirements
    text = pdf_text(data)
    assert "Other requirements tracked (as of December 31, 2024)" in text
    assert "Requirement Period Required Logged Counted Status" in text
    assert "TCMA (Texas) ethics Jan 1, 2023 – Dec 31, 2024 2 17 17 met" in text
    assert "FCCMA (Florida) ethics Oct 1, 2023 – Sep 30, 2024 4 17 17 met" in text
    assert "Georgia (GCCMA) ethics Jan 1 – Dec 31, 2024 3 14 0 short 3 h short" in text
    assert ("AICP Certification Maintenance Jan 1, 2024 – Dec 31, 2025 32 56 56 in progress Law: 0 of 1 h; "
            "Equity: 0 of 1 h; Sustainability and resilience: 0 of 1 h") in text
    word = docx_text(data)
    assert "3 h short" in word and "Law: 0 of 1 h; Equity: 0 of 1 h; Sustainability and resilience: 0 of 1 h" in word
    doc = Document(io.BytesIO(render_report_docx(data)))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Requirement")
    assert [c.text for c in table.rows[0].cells] == ["Requirement", "Period", "Required", "Logged", "Counted",
                                                     "Status"]
    rows = [tuple(dict.fromkeys(c.text for c in row.cells)) for row in table.rows[1:]]
    assert ("Georgia (GCCMA) ethics", "Jan 1 – Dec 31, 2024", "3", "14", "0", "short") in rows
    assert ("3 h short",) in rows  # the line under it spans the table


def test_a_final_period_short_by_hours_and_a_topic_says_both(db: object) -> None:
    profile()
    save_requirement({"key": "ethics-and-law", "name": "State ethics and law", "hours": 6,
                      "period": {"kind": "calendar"}, "topic_minimums": {"law": 1}})
    save_activity(ActivityData(date(YEAR, 4, 1), "Ethics webinar", D(2), "webinar", topics=("ethics",),
                               practices=(1,)))
    line = build_report_data(YEAR, TODAY).requirements[0]
    assert (line.status, line.logged, line.counted) == ("short", D(2), D(2))
    assert "State ethics and law Jan 1 – Dec 31, 2024 6 2 2 short 4 h short; Law: 0 of 1 h" in pdf_text(
        build_report_data(YEAR, TODAY))
    # This year's report, made before the year ends: the calendar year is still going on, so "in progress".
    this_year = build_report_data(YEAR + 1, date(YEAR + 1, 3, 1)).requirements[0]
    assert (this_year.status, this_year.period_end) == ("in progress", date(YEAR + 1, 12, 31))
    assert "6 h to go; Law: 0 of 1 h" in pdf_text(build_report_data(YEAR + 1, date(YEAR + 1, 3, 1)))


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
    assert "5 h logged, 0 h count: marked as not meeting ICMA's conditions" in text
    # The list of why the hours differ says it as models.requirements does (RequirementProgress.explanations).
    said = "Mentoring a neighbour (5 h): marked as not meeting ICMA's conditions for Mentoring given"
    assert said in progress(TENET_8, load_activities(status="completed"), TODAY, date(YEAR, 6, 1)).explanations()
    assert said in text
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


def test_in_a_wholistic_report_the_narrative_is_the_years_one_reflection(db: object) -> None:
    """DOMAIN.md section 7: the narrative comes instead of the reflections, so the summary reflection is neither
    printed nor asked for; it is kept, and comes back with a reflection per activity."""
    done_when()
    summary = "A year of mentoring and budgeting."
    narrative = NARRATIVE + " It closed with a budget retreat I ran myself."
    save_draft(YEAR, summary_reflection=summary, wholistic=True, narrative=narrative, today=TODAY)
    data = build_report_data(YEAR, TODAY)
    assert data.summary_reflection == summary and data.printed_summary == ""  # kept, not printed
    text = pdf_text(data)
    assert text.count("Reflection on the year") == 1 and text.count("a budget retreat I ran myself") == 1
    assert "Summary reflection" not in text and summary not in text
    doc = Document(io.BytesIO(render_report_docx(data)))
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert "Reflection on the year" in headings and "Summary reflection" not in headings
    assert summary not in docx_text(data)
    fields = {f.label: f.text for f in portal_report_fields(data)}
    assert "Summary reflection" not in fields and fields["Reflection on the year (wholistic report)"] == narrative
    assert not [i for i in readiness(data, TODAY) if "summary" in i.message.lower()]

    submit_report(YEAR, TODAY, today=TODAY, renderer=render_revision_pdf)
    save_draft(YEAR, summary_reflection="Changed, but not printed.", today=TODAY)
    assert changes_since_submitted(YEAR) == []  # nothing printed changed

    save_draft(YEAR, wholistic=False, today=TODAY)  # back: the summary prints again, the narrative does not
    data = build_report_data(YEAR, TODAY)
    text = pdf_text(data)
    assert "Summary reflection Changed, but not printed." in text and "Reflection on the year" not in text
    assert {f.label: f.text for f in portal_report_fields(data)}["Summary reflection"] == "Changed, but not printed."
    assert get_draft(YEAR).narrative == narrative


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


def multirater_section(text: str) -> str:
    return text.split("Multi-rater (360-degree) assessment", 1)[1].split("Attestation", 1)[0].strip()


def test_the_360_section_is_worded_by_its_status(db: object) -> None:
    """Due or done: the five-year rule; waived or postponed: why; not asked: said so (no rule that does not apply)."""
    done_when()
    five_years = ("Credentialed members complete a multi-rater assessment within their first five years in the "
                  "program.")
    cases: list[tuple[dict[str, object], str]] = [
        ({}, "Not yet completed. Due by March 1, 2026 (five years after entering the program on March 1, 2021). "
             + five_years),
        ({"credential_status": "retired"}, "Waived: the member is a Retired Credentialed Manager. ICMA waives the "
                                           "multi-rater assessment for Retired Credentialed Managers."),
        ({"service_status": "transition", "multirater_status": "postponed"},
         "Postponed while the member is in transition between positions. ICMA allows a member in transition between "
         "positions to postpone the multi-rater assessment."),
        ({"service_status": "left"}, "Not asked while the member is no longer in local-government service."),
        ({"multirater_completed_date": date(2024, 6, 1)}, "Completed on June 1, 2024. " + five_years),
    ]
    for change, said in cases:
        values: dict[str, object] = {"credential_status": "credentialed", "service_status": "serving",
                                     "multirater_status": "", "multirater_completed_date": None}
        Profile.update(**{**values, **change}).execute()
        data = build_report_data(YEAR, TODAY)
        assert multirater_section(pdf_text(data)) == said, change
        word = docx_text(data)
        assert said.split(". ")[0] in word and (five_years in word) == (five_years in said), change


def test_a_retired_manager_and_a_member_who_left_are_asked_all_but_the_360(db: object) -> None:
    """DOMAIN.md section 7: the 360 is waived for Retired Credentialed Managers and nothing else is; a member no
    longer in local-government service is not asked for a 360 (models.multirater, as the dashboard says it) and is
    asked the rest. The report page lists what the readiness check finds: next year's plan stays among the fixes, and
    it says when the program asks no report at all, as the dashboard does."""
    from wethrive_desktop.models.dashboard import reports_yearly
    from wethrive_desktop.models.multirater import NOT_APPLICABLE, WAIVED, multirater_standing
    from wethrive_desktop.models.profile import get_profile

    done_when()
    for change, standing, message in (
            ({"credential_status": "retired"}, WAIVED, "360 assessment waived (Retired Credentialed Manager)"),
            ({"service_status": "left"}, NOT_APPLICABLE,
             "360 assessment not asked (no longer in local-government service)")):
        Profile.update(credential_status="credentialed", service_status="serving").execute()
        Profile.update(program_entry_date=date(2015, 1, 1), **change).execute()  # the 360 would be long overdue
        member = get_profile()
        assert multirater_standing(member, TODAY).status == standing  # what the dashboard shows
        items = {i.key: i for i in readiness(build_report_data(YEAR, TODAY), TODAY, profile=member)}
        assert items["multirater"].ok and items["multirater"].message == message
        assert items["plan"].blocking and items["plan"].message == "The 2025 plan has not been started"
        assert items["hours"].ok and items["profile"].ok and not items["attestation"].ok
        assert not is_ready(items.values())
        # Whether the program asks a yearly report at all is the dashboard's rule (its reminders follow it): the
        # Retired Credentialed Manager is asked; the member who left is told the report is not asked, not that it
        # is missing.
        assert ("asked" in items) == (not reports_yearly(member)) == (change == {"service_status": "left"})
    note = items["asked"]
    assert note.ok and note.warning and note.fix == Fix.PROFILE and list(items)[0] == "asked"
    assert note.message == ("The program asks no yearly report of a member no longer in local-government service; "
                            "you can still write one")


def test_a_relationship_lasts_its_months_counting_both_days(db: object) -> None:
    """As models.mentoring.lasted_six_months counts them: April 1 to September 30 is six months."""
    profile()
    coached = MentoringData(position="Assistant city manager", relationship_start=date(YEAR, 4, 1),
                            relationship_end=date(YEAR, 9, 30), subjects="A first manager interview")
    save_activity(ActivityData(date(YEAR, 4, 15), "ICMA Coaching Program sessions", D(8), "coaching-given",
                               end_date=date(YEAR, 9, 30), practices=(3,), meets_conditions=True, mentoring=coached))
    text = pdf_text(build_report_data(YEAR, TODAY))
    assert "Duration April 1 – September 30, 2024 (6 months)" in text
    for start, end, months in ((date(2024, 1, 1), date(2024, 6, 30), 6), (date(2024, 1, 1), date(2024, 6, 29), 5),
                               (date(2024, 3, 1), date(2024, 8, 30), 5), (date(2023, 8, 31), date(2024, 2, 28), 6),
                               (date(2024, 1, 15), date(2024, 7, 13), 5), (date(2024, 1, 15), date(2024, 7, 14), 6),
                               (date(2024, 5, 1), date(2024, 5, 31), 1), (date(2024, 5, 1), date(2024, 5, 1), 0)):
        data = MentoringData(relationship_start=start, relationship_end=end)
        assert whole_months(start, end) == months, (start, end)
        assert (months >= 6) == lasted_six_months(data, end), (start, end)
    assert duration_text(MentoringData(relationship_start=date(2024, 5, 1), relationship_end=date(2024, 5, 31))) == (
        "May 1–31, 2024 (1 month)")


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
