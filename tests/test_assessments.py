"""Assessments against the 14 practices: saving, validation, history, comparison and the needs suggestion."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from wethrive_desktop.models.assessments import (
    AssessmentData,
    PracticeRating,
    compare,
    current_needs,
    delete_assessment,
    get_assessment,
    latest_two,
    load_assessments,
    ordered_pair,
    parse_score,
    restore_assessment,
    save_assessment,
    set_needs,
    suggest_needs,
)
from wethrive_desktop.models.tables import Activity
from wethrive_desktop.models.validation import ValidationError

TODAY = date(2026, 6, 1)


def ratings(values: dict[int, int]) -> tuple[PracticeRating, ...]:
    return tuple(PracticeRating(n, r) for n, r in values.items())


def make(day: date, values: dict[int, int], kind: str = "self") -> int:
    return save_assessment(AssessmentData(day, kind, ratings(values)), today=TODAY)


def test_saved_assessment_reads_back_with_every_practice(db: object) -> None:
    data = AssessmentData(
        date(2026, 3, 2), "management",
        (PracticeRating(1, 4, Decimal("82.5"), "strong"), PracticeRating(12, 2, Decimal(61), need=True)),
        notes="  Entry assessment  ",
    )
    saved = get_assessment(save_assessment(data, today=TODAY))
    assert saved.kind_label == "Management Assessment results"
    assert saved.notes == "Entry assessment"
    assert [r.practice for r in saved.ratings] == list(range(1, 15))
    assert saved.rating_of(1) == PracticeRating(1, 4, Decimal("82.50"), "strong", False)
    assert saved.rating_of(12).need and saved.needs == (12,)
    assert saved.rating_of(5).rating is None and saved.rated == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (AssessmentData(date(2026, 7, 1), "self", (PracticeRating(1, 3),)), "date"),
        (AssessmentData(date(2026, 1, 1), "peer", (PracticeRating(1, 3),)), "kind"),
        (AssessmentData(date(2026, 1, 1), "self", (PracticeRating(1, 6),)), "practice 1 rating"),
        (AssessmentData(date(2026, 1, 1), "self", (PracticeRating(15, 3),)), "practices"),
        (AssessmentData(date(2026, 1, 1), "self", (PracticeRating(2, 3, Decimal(-1)),)), "practice 2 score"),
        (AssessmentData(date(2026, 1, 1), "self", (PracticeRating(2, 3, Decimal("1.005")),)), "practice 2 score"),
        (AssessmentData(date(2026, 1, 1), "self", ()), "ratings"),
    ],
)
def test_bad_assessment_is_refused_naming_the_field(db: object, data: AssessmentData, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        save_assessment(data, today=TODAY)
    assert field in [e.field for e in caught.value.errors]
    assert load_assessments() == []


def test_score_text_is_parsed_or_refused() -> None:
    assert parse_score(" 71,5 ") == Decimal("71.5")
    assert parse_score("") is None
    with pytest.raises(ValidationError, match="score: 'abc' is not a number"):
        parse_score("abc")


def test_history_is_newest_first_and_latest_two_are_the_newest(db: object) -> None:
    old = make(date(2023, 2, 20), {1: 3}, "management")
    new = make(date(2026, 1, 10), {1: 4})
    mid = make(date(2024, 5, 5), {1: 2}, "multirater")
    assert [a.id for a in load_assessments()] == [new, mid, old]
    latest, previous = latest_two()
    assert latest is not None and previous is not None
    assert (latest.id, previous.id) == (new, mid)


def test_compare_gives_the_change_per_practice_in_time_order(db: object) -> None:
    a = get_assessment(make(date(2025, 1, 1), {1: 2, 2: 4, 3: 3}))
    b = get_assessment(make(date(2026, 1, 1), {1: 4, 2: 3, 4: 5}))
    earlier, later = ordered_pair(b, a)
    assert (earlier.id, later.id) == (a.id, b.id)
    changes = {c.practice: c for c in compare(earlier, later)}
    assert len(changes) == 14
    assert changes[1].change == 2
    assert changes[2].change == -1
    assert changes[3].change is None  # not rated the second time
    assert changes[4].before is None and changes[4].after == 5


def test_suggestion_is_the_three_lowest_never_a_strength(db: object) -> None:
    data = get_assessment(make(date(2026, 1, 1), {1: 5, 2: 2, 3: 1, 4: 2, 5: 2, 6: 4, 7: 3}))
    assert suggest_needs(data) == (3, 2, 4)  # lowest first, ties by practice number
    strong = get_assessment(make(date(2026, 2, 1), {1: 5, 2: 5, 3: 4}))
    assert suggest_needs(strong) == (3,)


def test_marked_needs_win_over_the_suggestion(db: object) -> None:
    assessment_id = make(date(2026, 1, 1), {1: 1, 2: 2, 3: 3, 12: 4})
    assert current_needs() == (1, 2, 3)
    set_needs(assessment_id, [12, 7])
    assert get_assessment(assessment_id).needs == (7, 12)
    assert get_assessment(assessment_id).rating_of(12).rating == 4  # marking keeps the rating
    assert current_needs() == (7, 12)
    with pytest.raises(ValidationError, match="needs: 15"):
        set_needs(assessment_id, [15])


def test_update_replaces_ratings(db: object) -> None:
    assessment_id = make(date(2026, 1, 1), {1: 1, 2: 2})
    data = get_assessment(assessment_id)
    save_assessment(AssessmentData(data.date, "self", (PracticeRating(2, 5),), id=assessment_id), today=TODAY)
    again = get_assessment(assessment_id)
    assert again.rating_of(1).rating is None and again.rating_of(2).rating == 5


def test_delete_and_restore_keep_everything(db: object) -> None:
    assessment_id = save_assessment(AssessmentData(
        date(2026, 1, 1), "multirater", (PracticeRating(3, 2, None, "from peers", True),), "360"), today=TODAY)
    before = get_assessment(assessment_id)
    delete_assessment(assessment_id)
    assert load_assessments() == []
    restore_assessment(before)
    assert get_assessment(assessment_id) == before


def test_assessments_do_not_touch_activities(db: object) -> None:
    make(date(2026, 1, 1), {1: 3})
    assert Activity.select().count() == 0
