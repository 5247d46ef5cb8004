"""The domain rules: yearly totals, the practice split, progress toward 40 hours, challenge points."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from wethrive_desktop.models.activities import ActivityData
from wethrive_desktop.models.rules import (
    Catalogues,
    Progress,
    challenge_points,
    counts_in_year,
    format_hours,
    hours_by_practice,
    split_hours,
    total_hours,
)


def act(day: date, hours: str, practices: tuple[int, ...] = (), status: str = "completed",
        challenge: str | None = None, end: date | None = None) -> ActivityData:
    return ActivityData(day, "Activity", Decimal(hours), "workshop", end_date=end, practices=practices,
                        status=status, challenge_key=challenge)


def test_the_start_date_decides_the_year_of_a_multi_day_activity() -> None:
    conference = act(date(2025, 12, 30), "20", end=date(2026, 1, 2))
    assert total_hours([conference], 2025) == Decimal("20.00")
    assert total_hours([conference], 2026) == Decimal("0.00")


def test_only_completed_activities_count() -> None:
    activities = [act(date(2026, 3, 1), "1.5"), act(date(2026, 4, 1), "8", status="planned")]
    assert total_hours(activities, 2026) == Decimal("1.50")
    assert hours_by_practice(activities, 2026).untagged == Decimal("1.50")


def test_split_is_equal_and_leftover_hundredths_go_to_the_lowest_numbers() -> None:
    assert split_hours(Decimal("1"), (14, 2, 7)) == {2: Decimal("0.34"), 7: Decimal("0.33"), 14: Decimal("0.33")}
    assert split_hours(Decimal("1.5"), (12, 14)) == {12: Decimal("0.75"), 14: Decimal("0.75")}
    assert split_hours(Decimal("2"), ()) == {}


hundredths = st.integers(min_value=0, max_value=240_000).map(lambda c: Decimal(c) / 100)
practice_sets = st.lists(st.integers(min_value=1, max_value=14), max_size=14)


@given(hours=hundredths, practices=practice_sets)
def test_split_parts_always_sum_exactly_to_the_whole(hours: Decimal, practices: list[int]) -> None:
    parts = split_hours(hours, practices)
    if practices:
        assert sum(parts.values()) == hours
        assert set(parts) == set(practices)
        assert max(parts.values()) - min(parts.values()) <= Decimal("0.01")
    else:
        assert parts == {}


activities = st.lists(
    st.builds(
        act,
        day=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
        hours=st.integers(min_value=0, max_value=2400).map(lambda c: str(Decimal(c) / 100)),
        practices=st.lists(st.integers(1, 14), max_size=4, unique=True).map(tuple),
        status=st.sampled_from(["completed", "planned"]),
    ),
    max_size=30,
)


@given(records=activities, year=st.integers(min_value=2024, max_value=2027))
def test_hours_by_practice_plus_untagged_always_sum_to_the_year_total(records: list[ActivityData],
                                                                     year: int) -> None:
    split = hours_by_practice(records, year)
    assert set(split.by_practice) == set(range(1, 15))
    assert split.total == total_hours(records, year)


@given(records=activities, year=st.integers(min_value=2024, max_value=2027))
def test_each_practice_gets_the_parts_split_hours_gives_it(records: list[ActivityData], year: int) -> None:
    # hours_by_practice sums the parts in whole hundredths, each split worked out once per amount and practices: the
    # same as adding split_hours's Decimals (whose split the tests above pin down).
    expected = dict.fromkeys(range(1, 15), Decimal("0"))
    for record in records:
        if counts_in_year(record, year):
            for practice, part in split_hours(record.hours, record.practices).items():
                expected[practice] += part
    assert hours_by_practice(records, year).by_practice == expected


def test_untagged_holds_activities_without_practices() -> None:
    split = hours_by_practice([act(date(2026, 1, 5), "2"), act(date(2026, 1, 6), "3", (4,))], 2026)
    assert split.untagged == Decimal("2.00")
    assert split.by_practice[4] == Decimal("3.00")
    assert sum(split.by_practice.values()) == Decimal("3.00")


def test_hours_by_practice_for_all_years() -> None:
    records = [act(date(2025, 1, 5), "2", (1,)), act(date(2026, 1, 6), "3", (1,))]
    assert hours_by_practice(records, None).by_practice[1] == Decimal("5.00")


def test_progress_toward_40_hours() -> None:
    short = Progress(Decimal("31.5"))
    assert (short.met, short.status, short.remaining) == (False, "short", Decimal("8.50"))
    assert short.describe() == "31.5 of 40 h"
    assert short.fraction == 31.5 / 40
    exactly = Progress(Decimal("40"))
    assert exactly.met and exactly.remaining == Decimal("0.00")
    over = Progress(Decimal("77.25"))
    assert over.describe() == "77.25 h: commitment met"
    assert over.fraction == 1.0
    assert Progress(Decimal(0)).fraction == 0.0


def test_format_hours_has_no_trailing_zeros() -> None:
    assert [format_hours(Decimal(h)) for h in ("40", "31.50", "77.25", "0", "0.10")] == [
        "40", "31.5", "77.25", "0", "0.1"]


CATALOGUES = Catalogues({
    2017: {"annual-conference": 20, "icmau-webinar": 10, "challenge-signup": 3},
    2025: {"annual-conference": 25, "icmau-webinar": 10, "challenge-signup": 5},
})


def test_points_use_the_catalogue_of_the_year() -> None:
    records = [act(date(2025, 10, 1), "12", challenge="annual-conference"),
               act(date(2025, 3, 1), "1", challenge="icmau-webinar"),
               act(date(2025, 4, 1), "1", challenge="icmau-webinar")]
    assert challenge_points(records, CATALOGUES, 2025, signed_up=False) == 25 + 10 + 10


def test_points_use_the_newest_earlier_catalogue_when_the_year_has_none() -> None:
    records = [act(date(2019, 10, 1), "12", challenge="annual-conference"),
               act(date(2026, 10, 1), "12", challenge="annual-conference")]
    assert challenge_points(records, CATALOGUES, 2019, signed_up=False) == 20  # 2017's, not 2025's
    assert challenge_points(records, CATALOGUES, 2026, signed_up=False) == 25  # 2025's


def test_no_points_before_the_first_catalogue_or_for_planned_or_other_years() -> None:
    assert challenge_points([act(date(2016, 1, 1), "1", challenge="icmau-webinar")], CATALOGUES, 2016, True) == 0
    planned = act(date(2025, 9, 1), "1", status="planned", challenge="icmau-webinar")
    other_year = act(date(2024, 9, 1), "1", challenge="icmau-webinar")
    assert challenge_points([planned, other_year], CATALOGUES, 2025, signed_up=False) == 0


def test_sign_up_points_come_from_the_applicable_catalogue() -> None:
    assert challenge_points([], CATALOGUES, 2020, signed_up=True) == 3
    assert challenge_points([], CATALOGUES, 2025, signed_up=True) == 5
    assert challenge_points([], CATALOGUES, 2025, signed_up=False) == 0


def test_an_unknown_key_earns_nothing() -> None:
    assert challenge_points([act(date(2025, 1, 1), "1", challenge="gone")], CATALOGUES, 2025, False) == 0
