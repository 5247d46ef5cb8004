"""The development plan: needs, goals, items, Log it, carry-over, progress figures and the schema upgrade."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from wethrive_desktop.models import migrations
from wethrive_desktop.models.activities import (
    ActivityData,
    delete_activity,
    get_activity,
    load_activities,
    save_activity,
)
from wethrive_desktop.models.assessments import AssessmentData, PracticeRating, save_assessment
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.plan_actions import (
    activity_for_item,
    carry_over,
    log_plan_item,
    planned_activity_for_item,
    unfinished_items,
)
from wethrive_desktop.models.plan_progress import plan_progress
from wethrive_desktop.models.plans import (
    GoalData,
    delete_goal,
    delete_item,
    ensure_plan,
    get_item,
    get_plan,
    new_item,
    restore_item,
    save_goal,
    save_item,
    set_needs,
    upcoming_items,
)
from wethrive_desktop.models.validation import ValidationError

D = Decimal


def test_no_plan_until_started_then_needs_come_from_the_latest_assessment(db: object) -> None:
    assert get_plan(2026) is None
    save_assessment(AssessmentData(date(2023, 2, 1), "management", (PracticeRating(9, 1),)), today=date(2026, 1, 1))
    save_assessment(AssessmentData(date(2026, 1, 5), "self", tuple(
        PracticeRating(n, r) for n, r in {1: 4, 7: 2, 12: 1, 14: 2, 3: 3}.items())), today=date(2026, 1, 5))
    plan = ensure_plan(2026)
    assert plan.needs == (7, 12, 14)  # the three lowest of the latest assessment
    set_needs(2026, [12, 6])
    assert get_plan(2026).needs == (6, 12)  # type: ignore[union-attr]


def test_one_long_term_goal_and_short_term_goals_tied_to_practices(db: object) -> None:
    long_id = save_goal(2026, GoalData(None, "Become a county administrator", "long", (6, 12)))
    short_id = save_goal(2026, GoalData(None, "Lead the budget engagement process", "short", (2, 12)))
    with pytest.raises(ValidationError, match="term: the 2026 plan already has a long-term goal"):
        save_goal(2026, GoalData(None, "Another", "long", ()))
    with pytest.raises(ValidationError, match="goal: is required"):
        save_goal(2026, GoalData(None, "  ", "short", ()))
    save_goal(2026, GoalData(long_id, "Become a county manager", "long", (6,)))  # editing it is fine
    plan = get_plan(2026)
    assert plan is not None and plan.long_term_goal == GoalData(long_id, "Become a county manager", "long", (6,))
    assert plan.short_term_goals == (GoalData(short_id, "Lead the budget engagement process", "short", (2, 12)),)


def test_items_validate_and_sort_by_date(db: object) -> None:
    save_item(2026, new_item("Read Strong Towns", type="reading", estimated_hours=D(3)))
    save_item(2026, new_item("Annual Conference", type="conference", start_date=date(2026, 10, 4),
                             end_date=date(2026, 10, 7), estimated_hours=D(24), practices=(6, 2)))
    save_item(2026, new_item("Budget webinar", type="webinar", start_date=date(2026, 3, 5), estimated_hours=D("1.5")))
    assert [i.title for i in get_plan(2026).items] == [  # type: ignore[union-attr]
        "Budget webinar", "Annual Conference", "Read Strong Towns"]
    bad = [
        (new_item("", estimated_hours=D(1)), "title"),
        (new_item("x", type="party"), "type"),
        (new_item("x", start_date=date(2027, 1, 1)), "start_date"),
        (new_item("x", start_date=date(2026, 5, 2), end_date=date(2026, 5, 1)), "end_date"),
        (new_item("x", start_date=date(2026, 5, 2), estimated_hours=D(25)), "estimated_hours"),
        (new_item("x", practices=(0,)), "practices"),
        (new_item("x", goal_id=999), "goal"),
    ]
    for item, field in bad:
        with pytest.raises(ValidationError) as caught:
            save_item(2026, item)
        assert field in [e.field for e in caught.value.errors], field
    assert len(get_plan(2026).items) == 3  # type: ignore[union-attr]


def test_upcoming_items_are_planned_from_today_soonest_first(db: object) -> None:
    for title, day, status in [("past", date(2026, 2, 1), "planned"), ("later", date(2026, 9, 1), "planned"),
                               ("soon", date(2026, 6, 1), "planned"), ("dropped", date(2026, 7, 1), "dropped"),
                               ("undated", None, "planned"), ("next year", date(2027, 1, 5), "planned")]:
        save_item(day.year if day else 2026, new_item(title, start_date=day, status=status))
    assert [i.title for i in upcoming_items(date(2026, 6, 1))] == ["soon", "later", "next year"]
    assert [i.title for i in upcoming_items(date(2026, 6, 1), limit=1)] == ["soon"]


def test_log_it_saves_links_and_completes_in_one_go(db: object) -> None:
    item_id = save_item(2026, new_item("Budgeting for Outcomes", provider="GFOA", type="webinar",
                                       start_date=date(2026, 3, 5), estimated_hours=D("1.5"), practices=(12,)))
    prefill = activity_for_item(get_item(item_id))
    assert (prefill.title, prefill.provider, prefill.type, prefill.hours, prefill.practices, prefill.status) == (
        "Budgeting for Outcomes", "GFOA", "webinar", D("1.5"), (12,), "completed")
    activity_id = log_plan_item(item_id, replace(prefill, hours=D(2), learned="Outcome budgets need targets."))
    item = get_item(item_id)
    assert (item.status, item.activity_id) == ("done", activity_id)
    assert get_activity(activity_id).data.hours == D(2)
    delete_activity(activity_id)  # the link is cleared, the item stays
    assert get_item(item_id).activity_id is None


def test_log_it_completes_the_planned_activity_already_in_the_log(db: object) -> None:
    """A member who put the webinar in the log as planned gets that record completed, not a second one."""
    planned_id = save_activity(ActivityData(date(2026, 3, 5), "Budgeting for Outcomes", D("1.5"), "webinar",
                                            status="planned", practices=(12,)))
    save_activity(ActivityData(date(2026, 3, 6), "Budgeting for Outcomes", D("1.5"), "webinar", status="planned"))
    item_id = save_item(2026, new_item(" budgeting for outcomes", type="webinar", start_date=date(2026, 3, 5),
                                       estimated_hours=D("1.5")))
    found = planned_activity_for_item(get_item(item_id))
    assert found is not None and found.id == planned_id
    logged = log_plan_item(item_id, replace(found.data, status="completed"), activity_id=found.id)
    assert logged == planned_id
    assert get_activity(planned_id).data.status == "completed"
    assert len(load_activities()) == 2
    assert planned_activity_for_item(get_item(item_id)) is None  # completed now: nothing planned is left to match


def test_log_it_with_bad_activity_changes_nothing(db: object) -> None:
    item_id = save_item(2026, new_item("Webinar", type="webinar", start_date=date(2026, 3, 5)))
    with pytest.raises(ValidationError):
        log_plan_item(item_id, ActivityData(date(2026, 3, 5), "Webinar", D(30), "webinar"))
    assert get_item(item_id).status == "planned" and load_activities() == []
    with pytest.raises(LookupError):
        log_plan_item(9999, ActivityData(date(2026, 3, 5), "Webinar", D(1), "webinar"))
    assert load_activities() == []


def test_undated_item_logs_on_the_day_it_is_logged(db: object) -> None:
    item = get_item(save_item(2026, new_item("Dare to Lead", type="reading", estimated_hours=D(3))))
    assert activity_for_item(item, today=date(2026, 8, 2)).start_date == date(2026, 8, 2)


def test_carry_over_moves_unfinished_items_once(db: object) -> None:
    goal = save_goal(2026, GoalData(None, "Strengthen budgeting", "short", (12,)))
    done = save_item(2026, new_item("Done one", start_date=date(2026, 2, 1), status="done"))
    dropped = save_item(2026, new_item("Dropped one", status="dropped"))
    open_id = save_item(2026, new_item("GFOA course", type="e-course", start_date=date(2026, 11, 3),
                                       estimated_hours=D(6), goal_id=goal, practices=(12,), ics_uid="uid-1"))
    undated = save_item(2026, new_item("Read a book", type="reading", estimated_hours=D(2)))
    assert [i.id for i in unfinished_items(2026)] == [open_id, undated]
    new_ids = carry_over(2026)
    assert len(new_ids) == 2
    nxt = get_plan(2027)
    assert nxt is not None
    copy = next(i for i in nxt.items if i.title == "GFOA course")
    assert (copy.start_date, copy.estimated_hours, copy.practices, copy.status) == (
        date(2027, 11, 3), D(6), (12,), "planned")
    assert copy.goal_id is not None and nxt.goals[0].text == "Strengthen budgeting"
    original = get_item(open_id)
    assert (original.status, original.carried_to) == ("dropped", copy.id)
    assert original.ics_uid == "uid-1" and copy.ics_uid is None  # re-importing the .ics will not duplicate it
    assert get_item(done).status == "done" and get_item(dropped).carried_to is None
    assert carry_over(2026) == []  # nothing left to carry
    assert len(get_plan(2027).items) == 2  # type: ignore[union-attr]


def test_delete_goal_keeps_its_items_and_item_restores(db: object) -> None:
    goal = save_goal(2026, GoalData(None, "Goal", "short", (1,)))
    item_id = save_item(2026, new_item("Item", goal_id=goal, practices=(1, 2)))
    delete_goal(goal)
    item = get_item(item_id)
    assert item.goal_id is None
    gone = delete_item(item_id)
    assert get_plan(2026).items == ()  # type: ignore[union-attr]
    restore_item(2026, gone)
    assert get_item(item_id) == item


def test_progress_on_a_known_plan(db: object) -> None:
    """Goal, practice and total figures, hand-checked."""
    long_goal = save_goal(2026, GoalData(None, "County manager in 5 years", "long", (6,)))
    budget = save_goal(2026, GoalData(None, "Budget engagement", "short", (2, 12)))
    set_needs(2026, [12, 2, 11])
    conf = save_item(2026, new_item("Annual Conference", type="conference", start_date=date(2026, 10, 4),
                                    estimated_hours=D(20), goal_id=long_goal, practices=(6, 2)))
    web = save_item(2026, new_item("Budget webinar", type="webinar", start_date=date(2026, 3, 5),
                                   estimated_hours=D("1.5"), goal_id=budget, practices=(12,)))
    save_item(2026, new_item("Engagement workshop", type="workshop", start_date=date(2026, 5, 5),
                             estimated_hours=D(5), goal_id=budget, practices=(2, 12, 14)))
    save_item(2026, new_item("Dropped course", estimated_hours=D(10), goal_id=budget, practices=(12,),
                             status="dropped"))
    log_plan_item(web, ActivityData(date(2026, 3, 5), "Budget webinar", D(2), "webinar", practices=(12,)))
    # An activity that is not in the plan still counts for its practices and the year.
    save_activity(ActivityData(date(2026, 4, 1), "Strategy reading", D(3), "reading", practices=(6,)))
    save_activity(ActivityData(date(2025, 4, 1), "Last year", D(9), "reading", practices=(2,)))
    progress = plan_progress(get_plan(2026))  # type: ignore[arg-type]

    goals = {g.goal.id: (g.planned, g.logged) for g in progress.goals}
    assert goals == {long_goal: (D(20), D(0)), budget: (D("6.5"), D(2))}
    practices = {p.practice: (p.planned, p.logged, p.is_need, p.flagged) for p in progress.practices}
    assert practices == {
        2: (D("11.67"), D(0), True, True),  # 10 from the conference + 1.67 of the workshop
        6: (D(10), D(3), False, False),
        11: (D(0), D(0), True, True),  # a need with nothing planned or logged
        12: (D("3.17"), D(2), True, False),  # 1.5 + 1.67
        14: (D("1.66"), D(0), False, True),
    }
    assert progress.flagged == (2, 11, 14)
    assert (progress.planned_total, progress.logged_total, progress.planned_short) == (D("26.5"), D(5), D("13.5"))
    assert get_item(conf).status == "planned"


def test_upgrade_from_schema_1_keeps_activities_and_adds_empty_plans(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, path, target=1)
    db.execute_sql(
        "INSERT INTO activity (id, start_date, title, type, hours, created_at, updated_at) VALUES "
        "(7, '2025-05-01', 'Regional Summit', 'conference', 700, '2025-05-01 00:00:00', '2025-05-01 00:00:00')")
    db.execute_sql("INSERT INTO activity_practice VALUES (7, 5), (7, 6)")
    close_database()

    db = open_database(path)
    assert migrations.schema_version(db) == migrations.LATEST_VERSION
    (record,) = load_activities()
    assert (record.id, record.data.title, record.data.hours, record.data.practices) == (
        7, "Regional Summit", D(7), (5, 6))
    assert get_plan(2025) is None
    # The new tables work against the old rows: log the old activity into a plan item and delete it again.
    item_id = save_item(2025, new_item("Regional Summit", type="conference", start_date=date(2025, 5, 1)))
    from wethrive_desktop.models.plan_actions import link_activity

    link_activity(item_id, 7)
    assert get_item(item_id).activity_id == 7
    close_database()


def _plan_data_set() -> None:
    save_assessment(AssessmentData(date(2023, 2, 20), "management", (
        PracticeRating(1, 4, D("82.5"), "solid"), PracticeRating(12, 2, D(55), "", True))), today=date(2026, 1, 1))
    save_assessment(AssessmentData(date(2025, 12, 1), "self", tuple(PracticeRating(n, 1 + n % 5) for n in range(1, 15)),
                                   notes="Year-end «review»"), today=date(2026, 1, 1))
    long_goal = save_goal(2025, GoalData(None, "County manager within five years", "long", (6, 12)))
    short = save_goal(2025, GoalData(None, "Budget engagement", "short", (2,)))
    logged = save_item(2025, new_item("GFOA webinar", type="webinar", start_date=date(2025, 3, 5),
                                      estimated_hours=D("1.5"), goal_id=short, practices=(12,), ics_uid="u-1"))
    log_plan_item(logged, ActivityData(date(2025, 3, 5), "GFOA webinar", D("1.75"), "webinar", practices=(12,)))
    save_item(2025, new_item("Gettysburg", type="leadership institute", start_date=date(2025, 11, 2),
                             end_date=date(2025, 11, 5), estimated_hours=D(30), goal_id=long_goal, practices=(6,),
                             notes="Apply by June"))
    carry_over(2025)
    set_needs(2026, [12, 2])


def test_json_round_trip_is_exact(db_path: Path, tmp_path: Path) -> None:
    from wethrive_desktop.exchange.json_io import export_json, import_json

    open_database(db_path)
    _plan_data_set()
    first = tmp_path / "first.json"
    counts = export_json(first)
    assert (counts["assessments"], counts["plans"]) == (2, 2)
    close_database()

    open_database(tmp_path / "copy.sqlite3")
    import_json(first)
    second = tmp_path / "second.json"
    export_json(second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    carried = next(i for i in get_plan(2025).items if i.title == "Gettysburg")  # type: ignore[union-attr]
    assert carried.status == "dropped" and get_item(carried.carried_to).start_date == date(2026, 11, 2)  # type: ignore[arg-type]
    logged = next(i for i in get_plan(2025).items if i.title == "GFOA webinar")  # type: ignore[union-attr]
    assert get_activity(logged.activity_id).data.hours == D("1.75")  # type: ignore[arg-type]
    close_database()


def test_json_import_with_a_broken_plan_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    import json

    from wethrive_desktop.exchange.json_io import JsonImportError, export_json, import_json

    open_database(db_path)
    _plan_data_set()
    good = tmp_path / "good.json"
    export_json(good)
    close_database()
    data = json.loads(good.read_text(encoding="utf-8"))
    data["plans"][0]["items"][0]["activity_id"] = 999
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")

    open_database(tmp_path / "empty.sqlite3")
    with pytest.raises(JsonImportError, match=r"plans\[0\] \(2025\)\.items\[0\]: 'activity_id' 999"):
        import_json(bad)
    assert load_activities() == [] and get_plan(2025) is None
    from wethrive_desktop.models.assessments import load_assessments

    assert load_assessments() == []
    close_database()
