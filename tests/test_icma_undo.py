"""Undo and redo keep everything issue 14 added to an activity: topics, delivery hours, ICMA's conditions, the
old-coaching flag and the mentoring facts (an import's redo, an edit's undo)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from wethrive_desktop.models.activities import ActivityData, get_activity, insert_activities, load_activities
from wethrive_desktop.models.activity_batches import remove_activities, restore_activities
from wethrive_desktop.models.activity_edits import restore_state, save_with_attachments, snapshot
from wethrive_desktop.models.mentoring import MentoringData

MENTEE = MentoringData("Ann Diaz", "MPA student intern", True, "College internship", date(2025, 1, 6), None,
                       "Every two weeks", "Budgeting")
ROWS = [
    ActivityData(date(2025, 3, 1), "Mentoring Ann", Decimal(6), "mentoring", topics=("ethics",),
                 meets_conditions=False, mentoring=MENTEE),
    ActivityData(date(2025, 4, 1), "Teaching budgeting", Decimal(4), "teaching", delivery_hours=Decimal(3)),
    ActivityData(date(2025, 5, 1), "Coaching sessions", Decimal(2), "coaching", type_review=True),
]


def test_an_imports_redo_puts_back_every_field(db: object) -> None:
    ids = insert_activities(ROWS)
    before = {r.id: r.data for r in load_activities()}
    records = remove_activities(ids)  # the import's undo
    assert load_activities() == []
    restore_activities(records)  # its redo
    assert {r.id: r.data for r in load_activities()} == before
    assert before[ids[0]].mentoring == MENTEE and before[ids[0]].meets_conditions is False
    assert before[ids[1]].delivery_hours == 3 and before[ids[2]].type_review


def test_an_edits_undo_puts_back_the_mentoring_facts(db: object) -> None:
    (activity_id,) = insert_activities(ROWS[:1])
    as_was = snapshot(activity_id)
    save_with_attachments(replace(as_was.data, type="workshop"), activity_id)  # the facts go with the type
    assert get_activity(activity_id).data.mentoring is None
    restore_state(as_was)  # undo
    assert get_activity(activity_id).data == as_was.data
    save_with_attachments(replace(as_was.data, mentoring=replace(MENTEE, mentee="Bob Lee")), activity_id)
    restore_state(as_was)
    assert get_activity(activity_id).data.mentoring == MENTEE
