"""The dashboard's rules: pace toward 40 hours, hours by month, recent activities and credential milestones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from wethrive_desktop.models.activities import ActivityData, ActivityRecord, save_activity
from wethrive_desktop.models.dashboard import (
    DONE,
    DUE,
    INFO,
    OVERDUE,
    TODO,
    Milestone,
    dashboard_data,
    hours_by_month,
    milestones,
    months_left,
    pace,
    recent_activities,
    reports_yearly,
    requirement_status_text,
)
from wethrive_desktop.models.eligibility import ExperienceData, assess
from wethrive_desktop.models.profile import ProfileData

_ids = iter(range(1, 10_000))


def rec(start: date, hours: str, status: str = "completed", end: date | None = None,
        title: str = "Webinar") -> ActivityRecord:
    data = ActivityData(start, title, Decimal(hours), "webinar", end_date=end, status=status)
    now = datetime(2026, 1, 1)
    return ActivityRecord(next(_ids), data, now, now)


# --- pace --------------------------------------------------------------------------------------------------

def test_pace_spreads_the_remaining_hours_over_the_months_left() -> None:
    records = [rec(date(2026, 1, 10), "10"), rec(date(2026, 2, 3), "6")]
    p = pace(records, 2026, date(2026, 3, 15))
    assert (p.total, p.remaining, p.months_left) == (Decimal("16.00"), Decimal("24.00"), 10)
    assert p.per_month == Decimal("2.40")
    assert p.describe() == "2.4 h a month for the 10 months left (24 h to go)"
    assert p.met_on is None and not p.met


def test_pace_rounds_hours_per_month_up() -> None:
    p = pace([rec(date(2026, 1, 10), "39")], 2026, date(2026, 10, 1))  # 1 h over 3 months
    assert p.per_month == Decimal("0.34")


def test_pace_on_december_31_is_the_whole_remainder_by_the_end_of_the_day() -> None:
    p = pace([rec(date(2026, 1, 10), "30.5")], 2026, date(2026, 12, 31))
    assert (p.months_left, p.per_month) == (0, Decimal("9.50"))
    assert p.describe() == "9.5 h to go by December 31"


def test_pace_on_november_30_has_one_month_left_not_two() -> None:
    p = pace([rec(date(2026, 1, 10), "39")], 2026, date(2026, 11, 30))
    assert p.months_left == 1
    assert p.describe() == "1 h to go by December 31"


def test_pace_on_january_1_spreads_over_twelve_months() -> None:
    p = pace([], 2026, date(2026, 1, 1))
    assert (p.months_left, p.per_month) == (12, Decimal("3.34"))
    assert p.describe() == "3.34 h a month for the 12 months left (40 h to go)"


@pytest.mark.parametrize("today,left", [
    (date(2026, 1, 1), 12), (date(2026, 3, 16), 10), (date(2026, 3, 17), 9), (date(2026, 6, 15), 7),
    (date(2026, 6, 16), 7), (date(2026, 6, 17), 6), (date(2026, 2, 15), 11), (date(2026, 2, 16), 10),
    (date(2026, 11, 30), 1), (date(2026, 12, 1), 1), (date(2026, 12, 16), 1), (date(2026, 12, 17), 0),
    (date(2026, 12, 31), 0), (date(2027, 1, 1), 0), (date(2025, 12, 31), 12)])
def test_the_current_month_counts_only_while_half_of_it_remains(today: date, left: int) -> None:
    assert months_left(2026, today) == left


def test_pace_with_two_months_left_uses_the_plural() -> None:
    p = pace([], 2026, date(2026, 11, 1))
    assert p.describe() == "20 h a month for the 2 months left (40 h to go)"


def test_pace_gives_the_date_the_commitment_was_met() -> None:
    records = [rec(date(2026, 1, 10), "20"), rec(date(2026, 4, 1), "12"),
               rec(date(2026, 5, 5), "9", end=date(2026, 5, 7)),  # crosses 40 when it ends
               rec(date(2026, 6, 1), "5")]
    p = pace(records, 2026, date(2026, 8, 1))
    assert p.met and p.met_on == date(2026, 5, 7)
    assert p.per_month is None
    assert p.describe() == "Commitment met on May 7, 2026"
    assert p.fraction == 1.0


def test_pace_ignores_planned_and_other_years() -> None:
    records = [rec(date(2026, 1, 10), "30", status="planned"), rec(date(2025, 12, 30), "30"),
               rec(date(2026, 2, 1), "4")]
    p = pace(records, 2026, date(2026, 2, 10))
    assert p.total == Decimal("4.00") and not p.met


def test_pace_of_a_past_year_says_how_short_it_ended() -> None:
    p = pace([rec(date(2025, 3, 1), "31.5")], 2025, date(2026, 2, 1))
    assert (p.months_left, p.per_month) == (0, None)
    assert p.describe() == "2025 ended 8.5 h short of 40 h"


def test_exactly_forty_is_met() -> None:
    p = pace([rec(date(2026, 1, 1), "25"), rec(date(2026, 2, 1), "15")], 2026, date(2026, 2, 2))
    assert p.met and p.met_on == date(2026, 2, 1)


def test_hours_by_month_and_recent() -> None:
    records = [rec(date(2026, 1, 10), "1.5"), rec(date(2026, 1, 20), "2"), rec(date(2026, 3, 1), "4"),
               rec(date(2026, 4, 1), "9", status="planned"), rec(date(2026, 5, 1), "3"),
               rec(date(2026, 3, 2), "0", title="Donation to The Fund")]
    months = hours_by_month(records, 2026)
    assert months[1] == Decimal("3.50") and months[3] == Decimal("4.00") and months[4] == 0
    assert sum(months.values()) == Decimal("10.50")
    recent = recent_activities(records, date(2026, 4, 15), limit=2)
    assert [r.start_date for r in recent] == [date(2026, 3, 1), date(2026, 1, 20)]


# --- milestones --------------------------------------------------------------------------------------------

TODAY = date(2026, 3, 15)


def by_key(items: list[Milestone]) -> dict[str, Milestone]:
    return {m.key: m for m in items}


def test_credentialed_member_milestones() -> None:
    profile = ProfileData(credential_status="credentialed", program_entry_date=date(2022, 3, 14),
                          credentialed_date=date(2022, 6, 18))
    ms = by_key(milestones(profile, "draft", None, TODAY))
    assert list(ms) == ["designation", "multirater", "annual-report"]
    # Dates go through i18n.format_date: without the GUI's QLocale (as here) it writes "Jun 18, 2022".
    assert ms["designation"].text == "ICMA Credentialed Manager (ICMA-CM) since Jun 18, 2022"
    assert (ms["multirater"].state, ms["multirater"].text) == (DUE, "Due by Mar 14, 2027 (five years after "
                                                                     "program entry)")
    assert ms["annual-report"].label == "2025 annual report"
    assert (ms["annual-report"].text, ms["annual-report"].state) == ("Draft", DUE)


@pytest.mark.parametrize("status,state", [("submitted", DONE), ("draft", DUE), ("not started", TODO)])
def test_report_status_states(status: str, state: str) -> None:
    profile = ProfileData(credential_status="credentialed", program_entry_date=date(2020, 1, 1))
    assert by_key(milestones(profile, status, None, TODAY))["annual-report"].state == state


def test_multirater_done_overdue_or_unknown() -> None:
    base = ProfileData(credential_status="candidate", program_entry_date=date(2020, 2, 1))
    assert by_key(milestones(base, "submitted", None, TODAY))["multirater"].state == OVERDUE
    done = ProfileData(**{**base.__dict__, "multirater_completed_date": date(2024, 5, 2)})
    assert by_key(milestones(done, "submitted", None, TODAY))["multirater"].text == "Done on May 2, 2024"
    unknown = ProfileData(credential_status="candidate")
    assert by_key(milestones(unknown, "submitted", None, TODAY))["multirater"].state == TODO


def test_no_report_is_due_for_a_year_before_program_entry() -> None:
    profile = ProfileData(credential_status="candidate", program_entry_date=date(2026, 1, 20))
    m = by_key(milestones(profile, "not started", None, TODAY))["annual-report"]
    assert m.state == INFO and "Not required" in m.text


def test_candidate_sees_when_the_experience_requirement_is_met() -> None:
    profile = ProfileData(credential_status="candidate", program_entry_date=date(2025, 1, 1))
    eligibility = assess(ExperienceData("mpa", Decimal("5.5"), Decimal(0), TODAY, "senior"), TODAY)
    m = by_key(milestones(profile, "submitted", eligibility, TODAY))["experience"]
    assert (m.state, m.text) == (DUE, "Expected Sep 14, 2027 (1.5 years to go)")
    missing = by_key(milestones(profile, "submitted", None, TODAY))["experience"]
    assert missing.state == TODO
    met = assess(ExperienceData("mpa", Decimal(7), Decimal(0), TODAY, "senior"), TODAY)
    assert by_key(milestones(profile, "submitted", met, TODAY))["experience"].state == DONE


def test_member_outside_the_program_sees_eligibility_not_program_milestones() -> None:
    eligibility = assess(ExperienceData("bachelors", Decimal(8), Decimal(0), TODAY, "other"), TODAY)
    ms = by_key(milestones(ProfileData(), "not started", eligibility, TODAY))
    assert list(ms) == ["designation", "eligibility"]
    assert ms["designation"].text == "No designation"
    assert ms["eligibility"].text.startswith("Eligible as Candidate")


# --- loading -----------------------------------------------------------------------------------------------

def test_dashboard_data_from_the_store(db: object) -> None:
    from wethrive_desktop.models.plans import PlanItemData, save_item

    save_activity(ActivityData(date(2026, 2, 1), "Ethics 101", Decimal(2), "e-course", practices=(1,),
                               challenge_key="ethics-101"))
    save_activity(ActivityData(date(2025, 12, 1), "Old webinar", Decimal(1), "webinar"))
    save_item(2026, PlanItemData(None, "Regional Summit", "ICMA", "conference", date(2026, 5, 6), None,
                                 Decimal(7), None, (6,), "planned", None))
    data = dashboard_data(date(2026, 3, 1))
    assert data.pace.total == Decimal("2.00")
    assert data.practice_hours.by_practice[1] == Decimal("2.00")
    assert [r.data.title for r in data.recent] == ["Ethics 101", "Old webinar"]
    assert [i.title for i in data.upcoming] == ["Regional Summit"]
    assert data.challenge.total == 10
    assert data.milestones[0].key == "designation"


# --- the hours that count (issue 14) ----------------------------------------------------------------------------

def typed(start: date, hours: str, type_: str, meets: bool | None = None, delivery: str = "0",
          end: date | None = None) -> ActivityRecord:
    data = ActivityData(start, f"{type_} activity", Decimal(hours), type_, end_date=end, meets_conditions=meets,
                        delivery_hours=Decimal(delivery))
    now = datetime(2026, 1, 1)
    return ActivityRecord(next(_ids), data, now, now)


def test_the_pace_counts_mentoring_given_up_to_its_cap() -> None:
    records = [typed(date(2026, 1, 12), "14", "mentoring"), typed(date(2026, 2, 9), "12", "mentoring"),
               typed(date(2026, 3, 2), "15", "workshop"), typed(date(2026, 4, 6), "15", "workshop")]
    p = pace(records, 2026, date(2026, 6, 1))
    assert (p.total, p.hours_logged, p.required) == (Decimal("50.00"), Decimal("56.00"), Decimal(40))
    # 41 h logged by March 2, but 35 count: the commitment is met in April, with the second workshop
    assert p.met and p.met_on == date(2026, 4, 6)
    assert p.counting() == "56 h logged, 50 h count"
    assert p.explanations == ("Mentoring given: 26 h logged, 20 h count (at most 20 h a year)",)


def test_what_does_not_count_is_explained_and_the_pace_follows_what_does() -> None:
    records = [typed(date(2026, 1, 12), "10", "mentoring", meets=False), typed(date(2026, 2, 2), "4", "teaching",
                                                                               delivery="2"),
               typed(date(2026, 2, 20), "6", "coaching-given", meets=True)]
    p = pace(records, 2026, date(2026, 3, 15))
    assert (p.total, p.hours_logged) == (Decimal("10.00"), Decimal("20.00"))
    assert p.remaining == Decimal("30.00") and p.per_month == Decimal("3.00")
    assert p.explanations == (
        "mentoring activity (10 h): marked as not meeting ICMA's conditions for Mentoring given",
        "Teaching: 2 h of delivery shown, not counted (the preparation counts)")


def test_when_every_hour_counts_nothing_is_said_about_counting() -> None:
    p = pace([typed(date(2026, 1, 12), "5", "workshop")], 2026, date(2026, 3, 15))
    assert (p.total, p.hours_logged, p.counted_differs, p.counting()) == (Decimal("5.00"), Decimal("5.00"), False,
                                                                         "")


# --- program statuses in the milestones --------------------------------------------------------------------

def test_a_retired_credentialed_manager_has_the_360_waived_and_still_reports_yearly() -> None:
    profile = ProfileData(credential_status="retired", program_entry_date=date(2015, 3, 1),
                          credentialed_date=date(2016, 6, 1))
    assert reports_yearly(profile)  # DOMAIN.md section 7 waives only the 360 for Retired Credentialed Managers
    ms = by_key(milestones(profile, "not started", None, TODAY))
    assert list(ms) == ["designation", "multirater", "annual-report"]
    assert (ms["designation"].text, ms["designation"].state) == ("Retired Credentialed Manager since Jun 1, 2016",
                                                                 DONE)
    assert (ms["multirater"].text, ms["multirater"].state) == ("Waived for Retired Credentialed Managers", INFO)
    assert (ms["annual-report"].label, ms["annual-report"].text, ms["annual-report"].state) == (
        "2025 annual report", "Not started", TODO)
    draft = by_key(milestones(profile, "draft", None, TODAY, date(2026, 6, 30)))["annual-report"]
    assert (draft.text, draft.state) == ("Draft, extended to Jun 30, 2026", DUE)
    submitted = by_key(milestones(profile, "submitted", None, TODAY))["annual-report"]
    assert (submitted.text, submitted.state) == ("Submitted", DONE)
    left = replace(profile, service_status="left")  # no longer in local-government service: neither is asked
    assert not reports_yearly(left)
    assert by_key(milestones(left, "not started", None, TODAY))["annual-report"].text == (
        "Not asked while you are no longer in local-government service")


def test_a_member_in_transition_or_out_of_local_government() -> None:
    base = ProfileData(credential_status="credentialed", program_entry_date=date(2022, 3, 14),
                       service_status="transition", multirater_status="postponed")
    ms = by_key(milestones(base, "draft", None, TODAY))
    assert list(ms) == ["designation", "service", "multirater", "annual-report"]
    assert ms["service"].text == "Member in transition"
    assert ms["multirater"].text == "Postponed while you are in transition (it was due by Mar 14, 2027)"
    assert (ms["annual-report"].text, ms["annual-report"].state) == ("Draft", DUE)  # still asked in transition
    left = by_key(milestones(ProfileData(**{**base.__dict__, "service_status": "left"}), "draft", None, TODAY))
    assert left["service"].text == "No longer in local-government service"
    assert left["multirater"].state == INFO and left["annual-report"].state == INFO
    assert left["annual-report"].text == "Not asked while you are no longer in local-government service"


def test_an_extension_shows_with_the_reports_status() -> None:
    profile = ProfileData(credential_status="credentialed", program_entry_date=date(2022, 3, 14))
    m = by_key(milestones(profile, "draft", None, TODAY, date(2026, 6, 30)))["annual-report"]
    assert (m.text, m.state) == ("Draft, extended to Jun 30, 2026", DUE)
    done = by_key(milestones(profile, "submitted", None, TODAY, date(2026, 6, 30)))["annual-report"]
    assert done.text == "Submitted"


def test_the_dashboard_lists_every_tracked_requirement_tenet_8_first(db: object) -> None:
    from wethrive_desktop.models.requirements.store import add_template

    save_activity(ActivityData(date(2026, 2, 1), "Ethics in the council chamber", Decimal(2), "webinar",
                               topics=("ethics",)))
    add_template("fccma-ethics", date(2026, 3, 1))
    data = dashboard_data(date(2026, 3, 1))
    assert [(r.requirement.key, r.counted, r.status) for r in data.requirements] == [
        ("icma-tenet-8", Decimal("2.00"), "short"), ("fccma-ethics", Decimal("2.00"), "short")]
    assert [requirement_status_text(r) for r in data.requirements] == [
        "Period began Jan 1, 2026; due Dec 31, 2026", "Due Sep 30, 2026"]  # Tenet 8's year is two months old


def test_a_requirement_is_marked_due_only_when_its_date_is_near() -> None:
    from wethrive_desktop.models.dashboard import requirement_state
    from wethrive_desktop.models.requirements.counting import progress
    from wethrive_desktop.models.requirements.definitions import template

    florida = template("fccma-ethics", TODAY)
    assert requirement_state(progress(florida, [], date(2026, 3, 15))) == TODO  # due September 30
    assert requirement_state(progress(florida, [], date(2026, 8, 31))) == DUE
    untagged = typed(date(2026, 8, 3), "4", "webinar")
    assert requirement_state(progress(florida, [untagged], date(2026, 8, 31))) == DUE  # not ethics: it counts nothing
    tagged = ActivityRecord(untagged.id, replace(untagged.data, topics=("ethics",)), untagged.created_at,
                            untagged.updated_at)
    assert requirement_state(progress(florida, [tagged], date(2026, 8, 31))) == DONE


def tagged(start: date, hours: str, topics: tuple[str, ...], provider: str = "") -> ActivityRecord:
    data = ActivityData(start, "Tagged workshop", Decimal(hours), "workshop", topics=topics, provider=provider)
    now = datetime(2026, 1, 1)
    return ActivityRecord(next(_ids), data, now, now)


def test_a_requirement_short_only_of_a_topic_minimum_says_which() -> None:
    from wethrive_desktop.models.dashboard import requirement_hours_text, requirement_state, requirement_tip
    from wethrive_desktop.models.requirements.counting import progress
    from wethrive_desktop.models.requirements.definitions import template

    aicp = template("aicp-cm", date(2025, 1, 1))  # two years, January 1, 2025 to December 31, 2026
    records = [tagged(date(2026, 2, 1), "75", ()), tagged(date(2026, 4, 1), "4", ("ethics",))]
    result = progress(aicp, records, date(2026, 6, 1))
    assert (result.counted, result.remaining, result.status) == (Decimal("79.00"), Decimal("0.00"), "short")
    assert requirement_hours_text(result) == "79 h count (32 required)"
    assert requirement_status_text(result) == ("Law, Equity, Sustainability and resilience still short · Due Dec "
                                               "31, 2026")
    assert requirement_state(result) == TODO  # half a year to go: to do, not due
    assert requirement_tip(result).splitlines()[-1] == ("Still needed: Law: 0 of 1 h; Equity: 0 of 1 h; "
                                                        "Sustainability and resilience: 0 of 1 h.")
    short_of_hours = progress(aicp, [tagged(date(2026, 4, 1), "4", ("ethics", "law"))], date(2026, 6, 1))
    assert requirement_hours_text(short_of_hours) == "4 h count of 32 h"
    assert requirement_status_text(short_of_hours) == "Equity, Sustainability and resilience still short · Due Dec " \
                                                      "31, 2026"


def test_a_period_just_begun_says_when_it_began_not_what_is_missing() -> None:
    from wethrive_desktop.models.dashboard import requirement_hours_text, requirement_state
    from wethrive_desktop.models.requirements.counting import progress
    from wethrive_desktop.models.requirements.definitions import template

    florida = template("fccma-ethics", TODAY)
    begun = progress(florida, [], date(2026, 11, 30))  # its year began October 1
    assert (requirement_hours_text(begun), requirement_status_text(begun), requirement_state(begun)) == (
        "0 h count of 4 h", "Period began Oct 1, 2026; due Sep 30, 2027", TODO)
    aicp = template("aicp-cm", date(2027, 1, 1))  # a two-year period begun in January, its topics all short
    assert requirement_status_text(progress(aicp, [], date(2027, 2, 1))) == ("Period began Jan 1, 2027; due Dec "
                                                                             "31, 2028")
    later = progress(florida, [], date(2027, 1, 5))  # three months on: its due date, as any other
    assert requirement_status_text(later) == "Due Sep 30, 2027"
    met = progress(florida, [tagged(date(2026, 10, 20), "4", ("ethics",))], date(2026, 11, 30))
    assert requirement_status_text(met) == "Met"


def test_a_requirement_due_at_a_months_end_is_due_from_the_end_of_the_month_before() -> None:
    from wethrive_desktop.models.dashboard import requirement_state
    from wethrive_desktop.models.requirements.counting import progress
    from wethrive_desktop.models.requirements.definitions import from_json

    georgia = from_json({"key": "ga", "name": "Georgia ethics", "hours": 3, "period": {"kind": "calendar"},
                         "topics": ["ethics"]})
    assert requirement_state(progress(georgia, [], date(2026, 11, 29))) == TODO
    on = date(2026, 11, 30)  # 31 days before December 31: a month ahead
    assert (requirement_state(progress(georgia, [], on)), requirement_status_text(progress(georgia, [], on))) == (
        DUE, "Due Dec 31, 2026")


def test_the_hours_logged_are_said_when_not_all_of_them_count() -> None:
    from wethrive_desktop.models.dashboard import requirement_hours_text
    from wethrive_desktop.models.requirements.counting import progress
    from wethrive_desktop.models.requirements.definitions import from_json, template

    georgia = from_json({"key": "ga", "name": "Georgia ethics", "hours": 3, "period": {"kind": "calendar"},
                         "topics": ["ethics"], "providers": ["GCCMA"]})
    records = [tagged(date(2026, 10, 5), "6", ("ethics",), provider="TML")]
    assert requirement_hours_text(progress(georgia, records, TODAY)) == "6 h logged, 0 h count of 3 h"
    every_hour = replace(georgia, providers=())
    assert requirement_hours_text(progress(every_hour, records, TODAY)) == "6 h count (3 required)"
    tenet_8 = progress(template("icma-tenet-8", TODAY), [typed(date(2026, 1, 12), "26", "mentoring"),
                                                          typed(date(2026, 2, 2), "30", "workshop")], TODAY)
    assert requirement_hours_text(tenet_8) == "56 h logged, 50 h count (40 required)"  # mentoring: 20 h count
    aicp = template("aicp-cm", date(2025, 1, 1))
    carried = progress(aicp, [tagged(date(2025, 3, 1), "40", ()), tagged(date(2027, 3, 1), "10", ())],
                       date(2027, 6, 1))
    assert requirement_hours_text(carried) == "10 h logged, 18 h count of 32 h (including 8 h carried over)"
