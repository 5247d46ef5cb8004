"""The reminders' rules on known data (behind pace, the annual report, the 360 assessment, eligibility to become a
Credentialed Manager), their order, and the same list loaded from a database with the member's preferences."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from wethrive_desktop.models.activities import ActivityData, ActivityRecord, save_activity
from wethrive_desktop.models.dashboard import pace
from wethrive_desktop.models.due_windows import months_before, window_opens, windows_reached
from wethrive_desktop.models.eligibility import ExperienceData, assess, save_experience
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.reminders import (
    ELIGIBILITY,
    INFO,
    MULTIRATER,
    PACE,
    REPORT,
    REQUIREMENT,
    URGENT,
    WARNING,
    Reminder,
    ReminderFacts,
    build_deadlines,
    build_reminders,
    deadlines,
    eligibility_reminder,
    months_later,
    multirater_reminder,
    pace_reminder,
    reminders,
    report_reminder,
    report_required,
    requirement_reminder,
    severity,
)
from wethrive_desktop.models.requirements.counting import progress
from wethrive_desktop.models.requirements.definitions import ALWAYS_ON, from_json, template
from wethrive_desktop.preferences import Preferences, parse_report_due, report_due_date, save_preferences

TODAY = date(2026, 3, 15)
WINDOWS = (30, 7)
CANDIDATE = ProfileData(credential_status="candidate", program_entry_date=date(2022, 1, 10))
_ids = iter(range(1, 10_000))


def rec(start: date, hours: str) -> ActivityRecord:
    stamp = datetime(2026, 1, 1)
    return ActivityRecord(next(_ids), ActivityData(start, "Webinar", Decimal(hours), "webinar"), stamp, stamp)


# --- pace --------------------------------------------------------------------------------------------------

def test_behind_pace_when_the_hours_a_month_now_needed_exceed_an_even_pace() -> None:
    r = pace_reminder(pace([rec(date(2026, 1, 20), "4")], 2026, TODAY))  # 36 h over 10 months: 3.6 > 3.34
    assert r is not None
    assert (r.key, r.kind, r.due, r.severity, r.year) == ("pace-2026", PACE, date(2026, 12, 31), WARNING, 2026)
    assert r.title == "Behind pace for 40 h in 2026"
    assert r.detail == ("4 h done: 3.6 h a month for the 10 months left reaches 40 h (an even pace is 3.34 h a "
                        "month).")


def test_on_pace_is_not_reminded() -> None:
    assert pace_reminder(pace([rec(date(2026, 1, 20), "16")], 2026, TODAY)) is None  # 2.4 h a month
    assert pace_reminder(pace([rec(date(2026, 1, 20), "6.6")], 2026, TODAY)) is None  # exactly 3.34 h a month
    assert pace_reminder(pace([], 2026, date(2026, 1, 1))) is None  # nothing done yet, but all year to do it
    assert pace_reminder(pace([rec(date(2026, 1, 20), "40")], 2026, date(2026, 12, 20))) is None  # met


def test_the_last_weeks_of_the_year_are_urgent() -> None:
    r = pace_reminder(pace([rec(date(2026, 1, 20), "30")], 2026, date(2026, 12, 20)))
    assert r is not None and r.severity == URGENT
    assert r.detail == "30 h done: 10 h to go by December 31."


# --- the annual report -------------------------------------------------------------------------------------

DUE = date(2026, 3, 1)  # a due date the member's program might set: ICMA publishes none


@pytest.mark.parametrize("days,level,title", [
    (31, None, None),
    (30, WARNING, "The 2025 annual report is due"),
    (8, WARNING, "The 2025 annual report is due"),
    (7, URGENT, "The 2025 annual report is due"),
    (0, URGENT, "The 2025 annual report is due today"),
    (-1, URGENT, "The 2025 annual report is overdue"),
])
def test_a_report_is_reminded_within_the_windows_and_once_overdue(days: int, level: str | None,
                                                                   title: str | None) -> None:
    r = report_reminder(CANDIDATE, 2025, "draft", DUE, DUE - timedelta(days=days), WINDOWS)
    if level is None:
        assert r is None
        return
    assert r is not None
    assert (r.key, r.kind, r.due, r.severity, r.title, r.year) == ("report-due-2025", REPORT, DUE, level, title, 2025)
    assert r.detail == "A draft is saved: finish and submit it on the Annual report page."


def test_a_submitted_report_is_not_reminded() -> None:
    for day in (DUE - timedelta(days=3), DUE, DUE + timedelta(days=20)):
        assert report_reminder(CANDIDATE, 2025, "submitted", DUE, day, WINDOWS) is None
        assert report_reminder(CANDIDATE, 2025, "submitted", None, day, WINDOWS) is None


def test_without_a_due_date_an_unsubmitted_report_is_an_undated_note() -> None:
    r = report_reminder(CANDIDATE, 2025, "not started", None, TODAY, WINDOWS)
    assert r is not None and (r.due, r.severity) == (None, INFO)
    assert r.title == "The 2025 annual report is not submitted yet"
    assert r.detail.startswith("Not started")


def test_no_report_is_asked_outside_the_program_before_entry_or_before_the_year_ends() -> None:
    assert report_reminder(ProfileData(), 2025, "not started", DUE, DUE, WINDOWS) is None
    entered_2026 = ProfileData(credential_status="credentialed", program_entry_date=date(2026, 1, 5))
    assert report_reminder(entered_2026, 2025, "not started", DUE, DUE, WINDOWS) is None
    assert report_reminder(CANDIDATE, 2026, "not started", None, date(2026, 12, 31), WINDOWS) is None


# --- the 360 assessment ------------------------------------------------------------------------------------

def entered(on: date, **values: object) -> ProfileData:
    return ProfileData(credential_status="candidate", program_entry_date=on, **values)  # type: ignore[arg-type]


def test_the_360_is_reminded_from_six_months_before_it_is_due() -> None:
    assert multirater_reminder(entered(date(2021, 10, 15)), TODAY, WINDOWS) is None  # due in 7 months
    r = multirater_reminder(entered(date(2021, 8, 15)), TODAY, WINDOWS)  # due in 5 months
    assert r is not None
    assert (r.key, r.kind, r.due, r.severity) == ("multirater-due", MULTIRATER, date(2026, 8, 15), INFO)
    assert r.title == "The 360-degree assessment is due"
    assert "(Aug 15, 2021)" in r.detail  # when the member entered the program
    assert multirater_reminder(entered(date(2021, 9, 15)), TODAY, WINDOWS) is not None  # exactly six months


def test_the_360_grows_pressing_and_stays_while_overdue() -> None:
    soon = multirater_reminder(entered(date(2021, 4, 10)), TODAY, WINDOWS)  # due in 26 days
    assert soon is not None and soon.severity == WARNING
    late = multirater_reminder(entered(date(2020, 2, 1)), TODAY, WINDOWS)
    assert late is not None and (late.severity, late.title) == (URGENT, "The 360-degree assessment is overdue")


def test_a_completed_or_unknown_360_is_not_reminded() -> None:
    assert multirater_reminder(entered(date(2021, 8, 15), multirater_completed_date=date(2025, 5, 1)),
                               TODAY, WINDOWS) is None
    assert multirater_reminder(ProfileData(credential_status="candidate"), TODAY, WINDOWS) is None
    assert multirater_reminder(ProfileData(program_entry_date=date(2021, 8, 15)), TODAY, WINDOWS) is None


# --- eligibility -------------------------------------------------------------------------------------------

def test_a_candidate_with_enough_experience_may_apply_to_become_a_credentialed_manager() -> None:
    met = assess(ExperienceData("mpa", Decimal("7.5"), Decimal(0), TODAY, "senior"), TODAY)
    r = eligibility_reminder(CANDIDATE, met)
    assert r is not None
    assert (r.key, r.kind, r.due, r.severity) == ("eligibility-cm", ELIGIBILITY, None, INFO)
    assert r.title == "You can apply to become a Credentialed Manager"
    assert r.detail == "Your 7.5 credited years of experience meet the 7 years your education requires."


def test_no_eligibility_reminder_short_of_the_requirement_or_once_credentialed() -> None:
    short = assess(ExperienceData("mpa", Decimal("6.5"), Decimal(0), TODAY, "senior"), TODAY)
    assert eligibility_reminder(CANDIDATE, short) is None
    met = assess(ExperienceData("mpa", Decimal(9), Decimal(0), TODAY, "senior"), TODAY)
    assert eligibility_reminder(ProfileData(credential_status="credentialed"), met) is None
    assert eligibility_reminder(ProfileData(credential_status="retired"), met) is None
    assert eligibility_reminder(CANDIDATE, None) is None


# --- together ----------------------------------------------------------------------------------------------

def test_dated_reminders_come_first_soonest_first() -> None:
    met = assess(ExperienceData("mpa", Decimal(8), Decimal(0), TODAY, "senior"), TODAY)
    facts = ReminderFacts(TODAY, entered(date(2021, 4, 10)), pace([], 2026, TODAY), "not started", met, WINDOWS)
    found = build_reminders(facts)
    assert [r.key for r in found] == ["multirater-due", "pace-2026", "eligibility-cm", "report-due-2025"]
    assert [r.due for r in found] == [date(2026, 4, 10), date(2026, 12, 31), None, None]


def test_every_dated_deadline_whatever_the_windows() -> None:
    """What a calendar gets: the report's due date and the 360's months ahead, not only inside the windows; no
    undated note (eligibility, a report without a due date)."""
    met = assess(ExperienceData("mpa", Decimal(8), Decimal(0), TODAY, "senior"), TODAY)
    due = date(2026, 6, 30)  # 107 days ahead: no reminder yet
    facts = ReminderFacts(TODAY, entered(date(2022, 1, 10)), pace([], 2026, TODAY), "draft", met, WINDOWS, due)
    assert [r.key for r in build_reminders(facts)] == ["pace-2026", "eligibility-cm"]
    found = build_deadlines(facts)
    assert [(r.key, r.due, r.severity) for r in found] == [
        ("report-due-2025", due, INFO), ("pace-2026", date(2026, 12, 31), WARNING),
        ("multirater-due", date(2027, 1, 10), INFO)]  # the 360: ten months ahead
    assert found[0].title == "The 2025 annual report is due"


def test_no_deadline_for_what_is_done_or_undated() -> None:
    done = ReminderFacts(TODAY, entered(date(2022, 1, 10), multirater_completed_date=date(2025, 5, 1)),
                         pace([rec(date(2026, 1, 2), "20")], 2026, TODAY), "submitted", None, WINDOWS,
                         date(2026, 6, 30))
    assert build_deadlines(done) == []
    undated = ReminderFacts(TODAY, entered(date(2022, 1, 10), multirater_completed_date=date(2025, 5, 1)),
                            pace([rec(date(2026, 1, 2), "20")], 2026, TODAY), "not started", None, WINDOWS)
    assert [r.key for r in build_reminders(undated)] == ["report-due-2025"] and build_deadlines(undated) == []


def test_nothing_is_reminded_when_nothing_holds() -> None:
    facts = ReminderFacts(TODAY, ProfileData(), pace([rec(date(2026, 1, 2), "20")], 2026, TODAY), "not started",
                          None, WINDOWS)
    assert build_reminders(facts) == []


@pytest.mark.parametrize("days,level", [(45, INFO), (31, INFO), (30, WARNING), (8, WARNING), (7, URGENT),
                                        (1, URGENT), (0, URGENT), (-3, URGENT)])
def test_severity_follows_the_windows(days: int, level: str) -> None:
    due = date(2026, 7, 1)  # June has 30 days: a month before July 1 is 30 days before it
    assert severity(due, due - timedelta(days=days), WINDOWS) == level


def test_one_window_warns_and_only_the_due_day_is_urgent() -> None:
    due = date(2026, 7, 15)
    assert [severity(due, due - timedelta(days=d), (14,)) for d in (15, 14, 1, 0)] == [INFO, WARNING, WARNING, URGENT]


@pytest.mark.parametrize("due,opens", [
    (date(2026, 12, 31), date(2026, 11, 30)),  # a month's end: from the end of the month before, 31 days ahead
    (date(2027, 3, 31), date(2027, 2, 28)),
    (date(2028, 3, 31), date(2028, 2, 29)),
    (date(2026, 9, 30), date(2026, 8, 31)),  # 30 days and a month are the same day
    (date(2027, 1, 15), date(2026, 12, 15)),  # the same day a month before (31 days)
    (date(2026, 3, 1), date(2026, 1, 30)),  # never later than 30 days before (a month is 28 days here)
])
def test_a_window_of_30_days_opens_a_month_ahead(due: date, opens: date) -> None:
    assert window_opens(due, 30) == opens
    assert severity(due, opens, WINDOWS) == WARNING  # the first day is inside
    assert severity(due, opens - timedelta(days=1), WINDOWS) == INFO


def test_windows_of_other_lengths() -> None:
    assert window_opens(date(2026, 12, 31), 7) == date(2026, 12, 24)
    assert window_opens(date(2026, 12, 31), 31) == date(2026, 11, 30)  # days alone: 31 days
    assert window_opens(date(2026, 12, 31), 60) == date(2026, 10, 31)  # two months, to the end of October
    assert window_opens(date(2026, 12, 31), 14) == date(2026, 12, 17)
    assert months_before(date(2026, 3, 30), 1) == date(2026, 2, 28)
    assert months_before(date(2027, 1, 31), 2) == date(2026, 11, 30)
    assert windows_reached(date(2026, 12, 31), date(2026, 11, 30), WINDOWS) == 1
    assert windows_reached(date(2026, 12, 31), date(2026, 12, 24), WINDOWS) == 2


def test_a_requirement_and_a_report_due_december_31_are_both_reminded_on_november_30() -> None:
    on = date(2026, 11, 30)
    georgia = from_json({"key": "ga", "name": "Georgia ethics", "hours": 3, "period": {"kind": "calendar"},
                         "topics": ["ethics"]})
    r = requirement_reminder(progress(georgia, [], on), on, WINDOWS)
    assert r is not None and (r.due, r.severity, r.title) == (date(2026, 12, 31), WARNING, "Georgia ethics: 3 h to go")
    assert requirement_reminder(progress(georgia, [], on - timedelta(days=1)), on - timedelta(days=1), WINDOWS) is None
    year_end = date(2026, 12, 31)  # a report due at a month's end follows the same rule
    report = report_reminder(CANDIDATE, 2025, "draft", year_end, on, WINDOWS)
    assert report is not None and report.severity == WARNING
    assert report_reminder(CANDIDATE, 2025, "draft", year_end, on - timedelta(days=1), WINDOWS) is None
    urgent = requirement_reminder(progress(georgia, [], date(2026, 12, 24)), date(2026, 12, 24), WINDOWS)
    assert urgent is not None and urgent.severity == URGENT  # inside the 7-day window too


def test_months_later_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_later(date(2026, 3, 15), 6) == date(2026, 9, 15)
    assert months_later(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert months_later(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_json_has_the_documented_fields() -> None:
    r = Reminder("pace-2026", PACE, date(2026, 12, 31), "Behind pace", "Detail", WARNING, 2026)
    assert r.to_json() == {"key": "pace-2026", "kind": "pace", "title": "Behind pace", "detail": "Detail",
                           "due": "2026-12-31", "severity": "warning"}


# --- from the store ----------------------------------------------------------------------------------------

def test_reminders_from_the_database_use_the_members_windows(db: object) -> None:
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2021, 4, 29)), today=TODAY)
    save_experience(ExperienceData("mpa", Decimal(8), Decimal(0), TODAY, "senior"), TODAY)
    save_activity(ActivityData(date(2026, 2, 1), "Institute", Decimal(20), "leadership institute"))
    found = {r.key: r for r in reminders(TODAY)}
    assert list(found) == ["multirater-due", "eligibility-cm", "report-due-2025"]  # 20 h by March: on pace
    assert (found["multirater-due"].due, found["multirater-due"].severity) == (date(2026, 4, 29), INFO)  # 45 days
    save_preferences(Preferences(reminder_days=(60, 7)))
    assert {r.key: r for r in reminders(TODAY)}["multirater-due"].severity == WARNING


def test_the_reports_due_date_set_in_the_preferences_dates_its_reminder(db: object) -> None:
    """ICMA publishes no due date, so the member sets one ("03-31"): last year's unsubmitted report is then
    reminded with that date in this year, inside the windows; without it, the reminder has no date."""
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2021, 4, 29)), today=TODAY)
    assert {r.key: r for r in reminders(TODAY)}["report-due-2025"].due is None
    save_preferences(Preferences(report_due="03-31"))
    report = {r.key: r for r in reminders(TODAY)}["report-due-2025"]
    assert report.due == date(2026, 3, 31) and report.severity != INFO  # 16 days before: inside the 30-day window
    assert report_due_date(Preferences(report_due="02-29"), 2026) == date(2027, 2, 28)  # no 29th in 2027


@pytest.mark.parametrize(("text", "stored"), [("3-31", "03-31"), (" 03-31 ", "03-31"), ("", ""), ("02-29", "02-29")])
def test_a_due_date_is_read_as_month_and_day(text: str, stored: str) -> None:
    assert parse_report_due(text) == stored


@pytest.mark.parametrize("text", ["31-03", "March 31", "02-30", "3/31"])
def test_a_due_date_that_is_not_a_month_and_day_is_refused_with_a_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="is not a month and day: write them as MM-DD"):
        parse_report_due(text)


def test_deadlines_from_the_database_use_the_due_date_of_the_preferences(db: object) -> None:
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2022, 1, 10)), today=TODAY)
    save_activity(ActivityData(date(2026, 2, 1), "Institute", Decimal(20), "leadership institute"))
    assert [(r.key, r.due) for r in deadlines(TODAY)] == [("multirater-due", date(2027, 1, 10))]
    save_preferences(Preferences(report_due="09-30"))
    assert [(r.key, r.due) for r in deadlines(TODAY)] == [("report-due-2025", date(2026, 9, 30)),
                                                         ("multirater-due", date(2027, 1, 10))]
    assert [r.key for r in reminders(TODAY)] == []  # neither is inside a window yet


# --- the program statuses (issue 14) ----------------------------------------------------------------------------

def test_the_360_is_not_reminded_when_waived_postponed_or_not_asked() -> None:
    due_soon = entered(date(2021, 4, 10))  # due in 26 days
    assert multirater_reminder(due_soon, TODAY, WINDOWS) is not None
    for profile in (replace(due_soon, credential_status="retired"),
                    replace(due_soon, service_status="transition", multirater_status="postponed"),
                    replace(due_soon, service_status="left")):
        assert multirater_reminder(profile, TODAY, WINDOWS) is None, profile
        assert multirater_reminder(profile, TODAY, WINDOWS, ahead=True) is None, profile
    in_transition = replace(due_soon, service_status="transition")  # not postponed: still reminded
    assert multirater_reminder(in_transition, TODAY, WINDOWS) is not None


def test_members_out_of_local_government_are_not_asked_for_the_report() -> None:
    left = replace(CANDIDATE, service_status="left")
    assert not report_required(left, 2025)
    assert report_reminder(left, 2025, "not started", DUE, DUE, WINDOWS) is None
    assert report_required(replace(CANDIDATE, service_status="transition"), 2025)


def test_a_retired_credentialed_manager_is_reminded_of_the_report_as_any_credentialed_manager() -> None:
    retired = ProfileData(credential_status="retired", program_entry_date=date(2015, 3, 1),
                          credentialed_date=date(2016, 6, 1))
    assert report_required(retired, 2025)
    r = report_reminder(retired, 2025, "not started", DUE, DUE, WINDOWS)
    assert r is not None and (r.key, r.severity, r.title) == ("report-due-2025", URGENT,
                                                              "The 2025 annual report is due today")
    undated = report_reminder(retired, 2025, "not started", None, TODAY, WINDOWS)
    assert undated is not None and undated.title == "The 2025 annual report is not submitted yet"
    facts = ReminderFacts(TODAY, retired, pace([rec(date(2026, 1, 2), "20")], 2026, TODAY), "draft", None, WINDOWS,
                          date(2026, 3, 31))
    assert [r.key for r in build_reminders(facts)] == ["report-due-2025"]  # no 360: waived
    assert not report_required(replace(retired, service_status="left"), 2025)


def test_an_extension_moves_the_reports_reminder_to_its_date() -> None:
    extension = date(2026, 6, 30)
    base = ReminderFacts(TODAY, CANDIDATE, pace([rec(date(2026, 1, 2), "20")], 2026, TODAY), "draft", None,
                         WINDOWS, date(2026, 3, 1))
    assert {r.key: r for r in build_reminders(base)}["report-due-2025"].title == "The 2025 annual report is overdue"
    extended = base._replace(report_extension=extension)
    assert "report-due-2025" not in {r.key for r in build_reminders(extended)}  # 107 days ahead: not yet
    [deadline] = [r for r in build_deadlines(extended) if r.key == "report-due-2025"]
    assert deadline.due == extension and deadline.detail.endswith("An extension was granted to Jun 30, 2026.")
    near = extended._replace(today=date(2026, 6, 10))
    reminder = {r.key: r for r in build_reminders(near)}["report-due-2025"]
    assert (reminder.due, reminder.severity, reminder.title) == (extension, WARNING, "The 2025 annual report is due")
    without_date = base._replace(report_due=None, report_extension=extension)  # the extension alone dates it
    assert [r.due for r in build_deadlines(without_date) if r.key == "report-due-2025"] == [extension]


def test_the_pace_reminder_speaks_of_the_hours_that_count() -> None:
    def given(start: date, hours: str) -> ActivityRecord:
        stamp = datetime(2026, 1, 1)
        return ActivityRecord(next(_ids), ActivityData(start, "Mentoring", Decimal(hours), "mentoring"), stamp, stamp)

    records = [given(date(2026, 1, 10), "12"), given(date(2026, 2, 10), "12")]  # 24 h logged, 20 count
    r = pace_reminder(pace(records, 2026, date(2026, 9, 1)))
    assert r is not None and r.detail == ("24 h logged, 20 h count: 5 h a month for the 4 months left reaches "
                                          "40 h (an even pace is 3.34 h a month).")


# --- other requirements ---------------------------------------------------------------------------------------

def ethics(start: date, hours: str, provider: str = "ICMA") -> ActivityRecord:
    stamp = datetime(2026, 1, 1)
    data = ActivityData(start, "Ethics webinar", Decimal(hours), "webinar", provider=provider, topics=("ethics",))
    return ActivityRecord(next(_ids), data, stamp, stamp)


FLORIDA = from_json({"key": "fl", "name": "Florida ethics", "hours": 4, "period": {"kind": "fiscal",
                                                                                     "start_month": 10},
                     "topics": ["ethics"]})
WITH_GRACE = from_json({**FLORIDA.to_json(), "key": "late", "name": "Late ethics", "due_days": 30,
                        "grace_days": 60})


@pytest.mark.parametrize("on,level,title", [
    (date(2026, 8, 30), None, None),  # 31 days before September 30
    (date(2026, 8, 31), WARNING, "Florida ethics: 3 h to go"),
    (date(2026, 9, 23), URGENT, "Florida ethics: 3 h to go"),
    (date(2026, 9, 30), URGENT, "Florida ethics is due today"),
])
def test_another_requirement_short_of_its_hours_is_reminded_within_the_windows(on: date, level: str | None,
                                                                               title: str | None) -> None:
    r = requirement_reminder(progress(FLORIDA, [ethics(date(2025, 11, 5), "1")], on), on, WINDOWS)
    if level is None:
        assert r is None
        return
    assert r is not None
    assert (r.kind, r.due, r.severity, r.title) == (REQUIREMENT, date(2026, 9, 30), level, title)
    assert r.key == "requirement-fl-2026-09-30"
    assert r.detail == "1 h count of 4 h for Oct 1, 2025 to Sep 30, 2026."


def test_an_overdue_requirement_is_urgent_with_its_grace_period() -> None:
    facts = [ethics(date(2025, 11, 5), "1")]
    on = date(2026, 10, 10)  # the period ended September 30 and is due 30 days later
    result = progress(WITH_GRACE, facts, on, period_of=date(2026, 9, 30))
    r = requirement_reminder(result, on, WINDOWS)
    assert r is not None and (r.severity, r.due, r.title) == (WARNING, date(2026, 10, 30), "Late ethics: 3 h to go")
    late = progress(WITH_GRACE, facts, date(2026, 11, 5), period_of=date(2026, 9, 30))
    assert late.status == "overdue"
    r = requirement_reminder(late, date(2026, 11, 5), WINDOWS)
    assert r is not None and (r.severity, r.title) == (URGENT, "Late ethics is overdue")
    assert r.detail.endswith("Grace period until Dec 29, 2026.")


def test_a_met_requirement_or_tenet_8_is_not_reminded() -> None:
    on = date(2026, 9, 20)
    met = progress(FLORIDA, [ethics(date(2025, 11, 5), "4")], on)
    assert met.status == "met" and requirement_reminder(met, on, WINDOWS) is None
    assert requirement_reminder(met, on, WINDOWS, ahead=True) is None
    tenet = progress(template(ALWAYS_ON, on), [], on)  # short, but the pace reminds of it
    assert requirement_reminder(tenet, on, WINDOWS, ahead=True) is None


def test_a_requirement_far_ahead_is_a_deadline_not_a_reminder() -> None:
    result = progress(FLORIDA, [], TODAY)
    facts = ReminderFacts(TODAY, ProfileData(), pace([rec(date(2026, 1, 2), "20")], 2026, TODAY), "not started",
                          None, WINDOWS, requirements=(result,))
    assert build_reminders(facts) == []
    assert [(r.key, r.due, r.severity) for r in build_deadlines(facts)] == [
        ("requirement-fl-2026-09-30", date(2026, 9, 30), INFO)]


def test_requirement_reminders_from_the_database(db: object) -> None:
    from wethrive_desktop.models.requirements.store import add_template
    from wethrive_desktop.models.tables import AnnualReport

    on = date(2026, 9, 10)
    save_activity(ActivityData(date(2026, 1, 20), "Institute", Decimal(40), "leadership institute",
                               end_date=date(2026, 1, 22)))
    save_activity(ActivityData(date(2025, 11, 3), "Ethics in local government", Decimal(1), "webinar",
                               topics=("ethics",)))
    assert reminders(on) == []  # Tenet 8 is met; nothing else is tracked
    add_template("fccma-ethics", on)
    [florida] = reminders(on)
    assert (florida.key, florida.severity, florida.title) == ("requirement-fccma-ethics-2026-09-30", WARNING,
                                                              "FCCMA (Florida) ethics: 3 h to go")
    save_activity(ActivityData(date(2026, 9, 1), "Ethics refresher", Decimal(3), "e-course", topics=("ethics",)))
    assert reminders(on) == []  # met: no reminder

    save_profile(ProfileData(credential_status="credentialed", program_entry_date=date(2024, 1, 5)), today=on)
    save_preferences(Preferences(report_due="03-31"))
    assert [r.key for r in reminders(date(2026, 3, 20))] == ["report-due-2025"]
    AnnualReport.insert(year=2025, extension_until=date(2026, 5, 31), created_at=datetime(2026, 1, 1),
                        updated_at=datetime(2026, 1, 1)).execute()
    assert reminders(date(2026, 3, 20)) == []  # moved to May 31: not inside a window yet
    [moved] = [r for r in deadlines(date(2026, 3, 20)) if r.kind == REPORT]
    assert moved.due == date(2026, 5, 31)


def test_a_period_due_after_it_ends_is_reminded_from_the_database_until_its_grace_ends(db: object) -> None:
    from wethrive_desktop.models.requirements.store import save_requirement

    save_activity(ActivityData(date(2026, 1, 20), "Institute", Decimal(40), "leadership institute",
                               end_date=date(2026, 1, 22)))
    save_activity(ActivityData(date(2025, 11, 3), "Ethics in local government", Decimal(1), "webinar",
                               topics=("ethics",)))
    save_requirement(WITH_GRACE)
    assert {r.key: r.severity for r in reminders(date(2026, 10, 10))} == {"requirement-late-2026-09-30": WARNING}
    overdue = {r.key: r for r in reminders(date(2026, 11, 5))}["requirement-late-2026-09-30"]
    assert (overdue.severity, overdue.title) == (URGENT, "Late ethics is overdue")
    assert reminders(date(2026, 12, 30)) == []  # the grace period ended December 29
