"""Validation of activities and the profile: each rule, and every message names its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from wethrive_desktop.models.activities import ActivityData, check, load_activities, save_activity
from wethrive_desktop.models.profile import ProfileData, save_profile, validate_profile
from wethrive_desktop.models.validation import ValidationError, validate_activity

GOOD: dict[str, Any] = dict(start_date=date(2026, 3, 2), end_date=None, title="Budget webinar", type="webinar",
                            hours=Decimal("1.5"), practices=(12,), status="completed", challenge_key=None,
                            challenge_keys={"icmau-webinar"})


def errors(**changes: Any) -> list[str]:
    return [str(e) for e in validate_activity(**{**GOOD, **changes})]


def test_a_good_activity_has_no_errors() -> None:
    assert errors() == []
    assert errors(challenge_key="icmau-webinar") == []


@pytest.mark.parametrize("changes, expected", [
    ({"title": ""}, "title: is required"),
    ({"title": "   "}, "title: is required"),
    ({"title": "x" * 301}, "title: is longer than 300 characters"),
    ({"end_date": date(2026, 3, 1)}, "end_date: Mar 1, 2026 is before the start date"),
    ({"start_date": date(1, 1, 1)}, "date: 0001-01-01 is not a date between 1900 and 2200"),
    ({"end_date": date(9999, 12, 31)}, "end_date: 9999-12-31 is not a date between 1900 and 2200"),
    ({"hours": Decimal("-1")}, "hours: must not be negative"),
    ({"hours": Decimal("24.25")}, "hours: 24.25 h is more than 24 h, the most a single day can hold"),
    ({"hours": Decimal("1.555")}, "hours: use at most two decimals (e.g. 1.25)"),
    ({"end_date": date(2026, 3, 3), "hours": Decimal("48.5")}, "hours: 48.5 h is more than 48 h, the most 2 days"),
    ({"type": "party"}, "type: 'party' is not one of: conference, workshop"),
    ({"practices": (0, 15)}, "practices: 0, 15: practice numbers run from 1 to 14"),
    ({"status": "done"}, "status: 'done' is not 'completed' or 'planned'"),
    ({"challenge_key": "free-lunch"}, "challenge: 'free-lunch' is not in the challenge catalogue for 2026"),
])
def test_each_rule_names_its_field(changes: dict[str, Any], expected: str) -> None:
    found = errors(**changes)
    assert len(found) == 1, found
    assert found[0].startswith(expected)


def test_hours_limit_grows_with_the_days_spanned() -> None:
    assert errors(end_date=date(2026, 3, 3), hours=Decimal("48")) == []
    assert errors(hours=Decimal("24")) == []
    assert errors(hours=Decimal("0")) == []


def test_several_problems_are_all_reported() -> None:
    assert [e.split(":")[0] for e in errors(title="", type="x", practices=(99,))] == ["title", "type", "practices"]


def test_challenge_key_is_checked_against_the_catalogue_that_applies_to_the_year(db: object) -> None:
    webinar = ActivityData(date(2026, 5, 1), "Webinar", Decimal(1), "webinar", challenge_key="icmau-webinar")
    assert check(webinar) == []  # 2026 has no catalogue of its own: 2017's applies
    before_any = ActivityData(date(2016, 5, 1), "Webinar", Decimal(1), "webinar", challenge_key="icmau-webinar")
    assert [str(e) for e in check(before_any)] == [
        "challenge: 'icmau-webinar' is not in the challenge catalogue for 2016"]


def test_save_refuses_an_invalid_activity_and_writes_nothing(db: object) -> None:
    with pytest.raises(ValidationError, match="title: is required"):
        save_activity(ActivityData(date(2026, 5, 1), " ", Decimal(1), "webinar"))
    assert load_activities() == []


@pytest.mark.parametrize("changes, field", [
    ({"email": "elena at city"}, "email"),
    ({"credential_status": "expert"}, "credential_status"),
    ({"program_entry_date": date(2030, 1, 1)}, "program_entry_date"),
    ({"member_number": "12-34"}, "member_number"),
])
def test_profile_rules_name_their_field(changes: dict[str, Any], field: str) -> None:
    found = validate_profile(ProfileData(**changes), today=date(2026, 6, 1))
    assert [e.field for e in found] == [field]
    assert str(found[0]).startswith(f"{field}: ")


def test_profile_with_errors_is_not_saved(db: object) -> None:
    from wethrive_desktop.models.profile import get_profile

    with pytest.raises(ValidationError):
        save_profile(ProfileData(name="Elena", email="nope"))
    assert get_profile().name == ""
