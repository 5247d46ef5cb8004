"""#WeThriveHere: editing catalogues, copying one to a new year, 0-hour entries and points earned."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.challenge import (
    ChallengeItemData,
    add_item,
    catalogue_years,
    challenge_points_for_year,
    copy_catalogue,
    delete_catalogue,
    delete_item,
    load_items,
    record_zero_hour_entry,
    restore_items,
    set_signup,
    update_item,
)
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.models.summary import year_summary
from wethrive_desktop.models.validation import ValidationError


def points(year: int, key: str) -> int:
    return {i.key: i.points for i in load_items(year)}[key]


def test_copy_catalogue_to_a_new_year_then_edit_it_without_touching_the_old_one(db: object) -> None:
    assert copy_catalogue(2017, 2026) == 19
    assert catalogue_years() == [2017, 2026]
    old = update_item(ChallengeItemData(2026, "annual-conference", "Attend the Annual Conference", 25))
    assert old.points == 20
    assert points(2026, "annual-conference") == 25
    assert points(2017, "annual-conference") == 20


def test_copy_refuses_an_existing_year_or_a_missing_source(db: object) -> None:
    copy_catalogue(2017, 2026)
    with pytest.raises(ValidationError, match="year: 2026 already has a catalogue"):
        copy_catalogue(2017, 2026)
    with pytest.raises(ValidationError, match="there is no 2019 catalogue"):
        copy_catalogue(2019, 2027)
    with pytest.raises(ValidationError, match="not a challenge year"):
        copy_catalogue(2017, 3000)


def test_add_item_validates_each_field(db: object) -> None:
    add_item(ChallengeItemData(2017, " podcast-series ", " ICMA podcast series ", 2))
    assert points(2017, "podcast-series") == 2
    with pytest.raises(ValidationError, match="key: 'podcast-series' is already in the 2017 catalogue"):
        add_item(ChallengeItemData(2017, "podcast-series", "Again", 2))
    with pytest.raises(ValidationError) as err:
        add_item(ChallengeItemData(2017, "Bad Key!", " ", -3))
    assert {e.field for e in err.value.errors} == {"key", "name", "points"}
    with pytest.raises(LookupError):
        update_item(ChallengeItemData(2017, "no-such-item", "x", 1))


def test_a_new_catalogue_applies_from_its_year(db: object) -> None:
    save_activity(ActivityData(date(2026, 2, 1), "Ethics 101", Decimal(2), "e-course", challenge_key="ethics-101"))
    assert challenge_points_for_year(2026).total == 10  # the 2017 catalogue still applies
    copy_catalogue(2017, 2026)
    update_item(ChallengeItemData(2026, "ethics-101", "Ethics 101 e-course", 12))
    assert challenge_points_for_year(2026).total == 12


def test_zero_hour_entries_are_activities_that_earn_points(db: object) -> None:
    record_zero_hour_entry(date(2026, 3, 2), "fund-donation", description="Donation to The Fund")
    record_zero_hour_entry(date(2026, 1, 20), "early-renewal")
    (renewal,) = [r for r in load_activities() if r.challenge_key == "early-renewal"]
    assert renewal.data.title == "Renew ICMA membership before the renewal deadline"
    assert (renewal.hours, renewal.data.type, renewal.status) == (Decimal("0.00"), "other", "completed")
    summary = year_summary(2026)
    assert summary.progress.total == 0
    assert summary.challenge_points == 8


def test_zero_hour_entry_with_a_key_not_in_the_catalogue_is_refused(db: object) -> None:
    with pytest.raises(ValidationError, match="challenge: 'charity-run' is not in the challenge catalogue"):
        record_zero_hour_entry(date(2026, 3, 2), "charity-run")
    assert load_activities() == []


def test_points_earned_lists_each_entry_and_months_and_matches_the_rule(db: object) -> None:
    save_activity(ActivityData(date(2026, 2, 10), "Budget webinar", Decimal("1.5"), "webinar",
                               challenge_key="icmau-webinar"))
    save_activity(ActivityData(date(2026, 2, 20), "Equity webinar", Decimal("1"), "webinar",
                               challenge_key="icmau-webinar"))
    save_activity(ActivityData(date(2026, 9, 27), "Annual Conference", Decimal(15), "conference",
                               challenge_key="annual-conference", status="planned"))
    save_activity(ActivityData(date(2025, 9, 27), "Annual Conference", Decimal(15), "conference",
                               challenge_key="annual-conference"))
    record_zero_hour_entry(date(2026, 4, 1), "ebook-purchase", "E-book: Leading Change")
    set_signup(True)
    cp = challenge_points_for_year(2026)
    assert [(line.activity.data.title if line.activity else None, line.points) for line in cp.lines] == [
        ("Budget webinar", 10), ("Equity webinar", 10), ("E-book: Leading Change", 3), (None, 3)]
    assert cp.lines[-1].item_name == "Automatic on signing up for the challenge"
    assert cp.by_month[2] == 20 and cp.by_month[4] == 3 and cp.by_month[9] == 0
    assert cp.total == 26 == year_summary(2026).challenge_points
    assert cp.signup_points == 3


def test_signup_toggle_changes_only_that_field(db: object) -> None:
    from wethrive_desktop.models.profile import ProfileData, save_profile

    save_profile(ProfileData(name="Ana", email="ana@example.org"))
    set_signup(True)
    assert get_profile() == ProfileData(name="Ana", email="ana@example.org", challenge_signup=True)
    set_signup(False)
    assert get_profile().challenge_signup is False


def test_items_in_use_cannot_be_deleted_but_unused_ones_can(db: object) -> None:
    record_zero_hour_entry(date(2026, 3, 2), "fund-donation")
    with pytest.raises(ValidationError, match="earns the points of 1 entry"):
        delete_item(2017, "fund-donation")
    removed = delete_item(2017, "new-member")
    assert "new-member" not in {i.key for i in load_items(2017)}
    restore_items([removed])
    assert points(2017, "new-member") == 3


def test_delete_catalogue_undoes_a_copy(db: object) -> None:
    copy_catalogue(2017, 2026)
    items = delete_catalogue(2026)
    assert catalogue_years() == [2017] and len(items) == 19
    restore_items(items)
    assert catalogue_years() == [2017, 2026]
    record_zero_hour_entry(date(2026, 3, 2), "fund-donation")
    with pytest.raises(ValidationError):
        delete_catalogue(2026)


def test_entry_counts_follow_the_catalogue_that_applies(db: object) -> None:
    from wethrive_desktop.models.challenge import entry_counts

    copy_catalogue(2017, 2026)
    record_zero_hour_entry(date(2025, 5, 1), "fund-donation")  # the 2017 catalogue applies in 2025
    record_zero_hour_entry(date(2026, 5, 1), "fund-donation")
    record_zero_hour_entry(date(2026, 6, 1), "fund-donation")
    assert entry_counts(2017) == {"fund-donation": 1}
    assert entry_counts(2026) == {"fund-donation": 2}
