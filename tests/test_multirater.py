"""The program statuses of the profile (issue 14, item 5): the 360's standing on known profiles (done, due, overdue,
waived for Retired Credentialed Managers, postponed for members in transition, not asked), what the profile refuses
and what it only warns about, and the new fields stored and read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from wethrive_desktop.models.multirater import DONE, DUE, NOT_APPLICABLE, POSTPONED, WAIVED, multirater_standing
from wethrive_desktop.models.profile import (
    ProfileData,
    get_profile,
    profile_warnings,
    save_profile,
    validate_profile,
)
from wethrive_desktop.models.validation import FieldError, ValidationError

TODAY = date(2026, 3, 15)
CM = ProfileData(credential_status="credentialed", program_entry_date=date(2022, 1, 10))


def fields_of(errors: list[FieldError]) -> dict[str, str]:
    return {e.field: e.message for e in errors}


def test_due_within_five_years_of_entry() -> None:
    s = multirater_standing(CM, TODAY)
    assert (s.status, s.due, s.overdue, s.asked) == (DUE, date(2027, 1, 10), False, True)
    assert s.sentence == "Due by Jan 10, 2027 (five years after program entry)"


def test_overdue_the_day_after_it_was_due() -> None:
    on_the_day = multirater_standing(CM, date(2027, 1, 10))
    assert (on_the_day.status, on_the_day.overdue) == (DUE, False)
    late = multirater_standing(CM, date(2027, 1, 11))
    assert (late.status, late.overdue, late.due) == (DUE, True, date(2027, 1, 10))
    assert late.sentence == "Overdue: was due by Jan 10, 2027"


def test_done_whatever_the_statuses_say_now() -> None:
    done = replace(CM, multirater_completed_date=date(2024, 5, 2))
    s = multirater_standing(done, TODAY)
    assert (s.status, s.completed, s.sentence, s.asked) == (DONE, date(2024, 5, 2), "Done on May 2, 2024", False)
    retired = replace(done, credential_status="retired")
    assert multirater_standing(retired, TODAY).status == DONE


def test_waived_for_a_retired_credentialed_manager() -> None:
    retired = replace(CM, credential_status="retired", program_entry_date=date(2019, 1, 1))  # it would be overdue
    s = multirater_standing(retired, TODAY)
    assert (s.status, s.due, s.overdue, s.asked) == (WAIVED, None, False, False)
    assert s.sentence == "Waived for Retired Credentialed Managers"


def test_postponed_for_a_member_in_transition_when_set() -> None:
    transition = replace(CM, service_status="transition")
    assert multirater_standing(transition, TODAY).status == DUE  # in transition alone changes nothing
    postponed = replace(transition, multirater_status="postponed")
    s = multirater_standing(postponed, TODAY)
    assert (s.status, s.due, s.asked) == (POSTPONED, date(2027, 1, 10), False)
    assert s.sentence == "Postponed while you are in transition (it was due by Jan 10, 2027)"


def test_not_asked_outside_the_program_or_out_of_local_government() -> None:
    assert multirater_standing(ProfileData(), TODAY).status == NOT_APPLICABLE
    left = multirater_standing(replace(CM, service_status="left"), TODAY)
    assert (left.status, left.sentence) == (NOT_APPLICABLE, "Not asked while you are no longer in local-government "
                                                            "service")


def test_an_unknown_entry_date_is_due_without_a_date() -> None:
    s = multirater_standing(ProfileData(credential_status="candidate"), TODAY)
    assert (s.status, s.due) == (DUE, None) and "program entry date" in s.sentence


def test_json_for_the_report() -> None:
    assert multirater_standing(CM, TODAY).to_json() == {
        "status": "due", "due": "2027-01-10", "completed": None, "overdue": False,
        "sentence": "Due by Jan 10, 2027 (five years after program entry)"}


# --- what the profile refuses and what it warns about -------------------------------------------------------------

def test_waived_is_refused_for_anyone_but_a_retired_credentialed_manager() -> None:
    errors = fields_of(validate_profile(replace(CM, multirater_status="waived"), TODAY))
    assert list(errors) == ["multirater_status"]
    assert "waived only for Retired Credentialed Managers" in errors["multirater_status"]
    assert validate_profile(replace(CM, credential_status="retired", multirater_status="waived"), TODAY) == []


def test_a_completed_360_is_neither_postponed_nor_waived() -> None:
    done = replace(CM, multirater_completed_date=date(2024, 5, 2), multirater_status="postponed",
                   service_status="transition")
    assert "marked completed on May 2, 2024" in fields_of(validate_profile(done, TODAY))["multirater_status"]


def test_bad_values_are_refused_at_their_field() -> None:
    bad = replace(CM, service_status="away", multirater_status="skipped", multirater_raters=0,
                  multirater_instrument="x" * 201, credential_status="emeritus")
    errors = fields_of(validate_profile(bad, TODAY))
    assert set(errors) == {"service_status", "multirater_status", "multirater_raters", "multirater_instrument",
                           "credential_status"}
    assert errors["credential_status"] == "'emeritus' is not none, candidate, credentialed or retired"
    assert errors["multirater_raters"] == "give a number from 1 to 999, or leave it empty"


def test_another_instrument_and_few_raters_are_warnings_while_the_360_is_due_or_done() -> None:
    questioned = replace(CM, multirater_preapproved=False, multirater_raters=2)
    assert validate_profile(questioned, TODAY) == []  # all of it can be saved
    warnings = fields_of(profile_warnings(questioned))
    assert set(warnings) == {"multirater_preapproved", "multirater_raters"}
    assert "pre-approved instruments" in warnings["multirater_preapproved"]
    assert warnings["multirater_raters"] == "2 raters are few: a 360 gathers the views of several"
    done = replace(questioned, credential_status="retired", multirater_completed_date=date(2020, 5, 2))
    assert set(fields_of(profile_warnings(done))) == {"multirater_preapproved", "multirater_raters"}
    fine = replace(questioned, multirater_preapproved=True, multirater_raters=8)
    assert profile_warnings(fine) == []


def test_a_postponement_while_serving_is_a_warning() -> None:
    postponed = replace(CM, multirater_status="postponed")
    assert validate_profile(postponed, TODAY) == []
    assert "for members in transition" in fields_of(profile_warnings(postponed))["multirater_status"]
    assert profile_warnings(replace(postponed, service_status="transition")) == []


@pytest.mark.parametrize("changes", [
    {"credential_status": "retired", "multirater_status": "waived"},  # waived, as set
    {"credential_status": "retired"},  # waived for a Retired Credentialed Manager all the same
    {"service_status": "transition", "multirater_status": "postponed"},
    {"service_status": "left"},  # not asked
    {"credential_status": "none"},  # not asked: outside the program
])
def test_nothing_is_said_of_the_360s_instrument_or_raters_when_waived_postponed_or_not_asked(
        changes: dict[str, Any]) -> None:
    profile = replace(CM, multirater_instrument="Our own survey", multirater_preapproved=False, multirater_raters=2,
                      **changes)
    assert validate_profile(profile, TODAY) == []
    assert profile_warnings(profile) == []


def test_a_postponement_is_not_questioned_once_the_360_is_waived_or_not_asked() -> None:
    postponed = replace(CM, multirater_status="postponed")
    for profile in (replace(postponed, credential_status="retired"), replace(postponed, service_status="left")):
        assert multirater_standing(profile, TODAY).status in (WAIVED, NOT_APPLICABLE)
        assert profile_warnings(profile) == [], profile


def test_every_new_field_is_stored_and_read_back(db: object) -> None:
    profile = replace(CM, credential_status="retired", service_status="transition",
                      multirater_instrument="  Leadership 360 (ICMA)  ", multirater_preapproved=True,
                      multirater_raters=11, multirater_status="waived")
    save_profile(profile, TODAY)
    assert get_profile() == replace(profile, multirater_instrument="Leadership 360 (ICMA)")
    save_profile(replace(profile, multirater_preapproved=False, multirater_raters=None, multirater_status=""), TODAY)
    stored = get_profile()
    assert (stored.multirater_preapproved, stored.multirater_raters, stored.multirater_status) == (False, None, "")
    with pytest.raises(ValidationError):
        save_profile(replace(stored, credential_status="credentialed", multirater_status="waived"), TODAY)
    assert get_profile() == stored
