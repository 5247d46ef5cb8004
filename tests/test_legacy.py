"""Legacy Leaders: the per-year status rule (earned / maintained / not yet, with what is missing) and the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from wethrive_desktop.models.legacy import (
    delete_action,
    delete_coaching,
    legacy_overview,
    load_actions,
    load_coaching,
    restore_action,
    restore_coaching,
    save_action,
    save_coaching,
)
from wethrive_desktop.models.legacy_rule import (
    EARNED,
    GOAL_EARN,
    GOAL_MENU,
    GOAL_YEAR_TWO,
    MAINTAINED,
    MISSING_COACHING,
    MISSING_COACHING_TWO,
    MISSING_CREDENTIAL,
    MISSING_MENU,
    MISSING_RECRUIT,
    MISSING_RECRUIT_TWO,
    NOT_YET,
    ActionData,
    CoachingData,
    CoachingYearData,
    LegacyYear,
    credentialed_from,
    legacy_years,
)
from wethrive_desktop.models.validation import ValidationError

CM_SINCE = date(2015, 6, 1)


def coach(person: str = "Jordan Lee", start: date = date(2021, 2, 1), end: date | None = None,
          program: str = "eldp", **kw: object) -> CoachingData:
    return CoachingData(person=person, program=program, start_date=start, end_date=end, **kw)  # type: ignore[arg-type]


def recruit(on: date, person: str = "Sam Ortiz") -> ActionData:
    return ActionData(on, "member-recruited", person)


def statuses(years: list[LegacyYear]) -> dict[int, str]:
    return {y.year: y.status for y in years}


def by_year(years: list[LegacyYear]) -> dict[int, LegacyYear]:
    return {y.year: y for y in years}


# --- the rule ----------------------------------------------------------------------------------------------

def test_no_records_no_years() -> None:
    assert legacy_years([], [], CM_SINCE, 2026) == []


def test_first_year_of_coaching_and_recruiting_earns_it() -> None:
    years = legacy_years([coach(end=date(2021, 12, 31))], [recruit(date(2021, 5, 3))], CM_SINCE, 2021)
    (y,) = years
    assert (y.status, y.goal, y.leader_year, y.missing) == (EARNED, GOAL_EARN, 1, ())
    assert "coached Jordan Lee (ELDP, year 1)" in y.met
    assert "ICMA member recruited: Sam Ortiz" in y.met


def test_full_path_earned_maintained_then_menu_years() -> None:
    coaching = [coach(start=date(2021, 2, 1), end=date(2022, 11, 30), final_project_approved=date(2022, 10, 1))]
    actions = [
        recruit(date(2021, 5, 3)),
        ActionData(date(2022, 3, 1), "participant-sponsored", "Ana Ruiz", program="mcmi"),
        ActionData(date(2023, 9, 9), "intern-position", notes="Summer intern in the manager's office"),
        ActionData(date(2024, 4, 2), "student-outreach", notes="Civics class visit"),
    ]
    years = by_year(legacy_years(coaching, actions, CM_SINCE, 2024))
    assert [(y, years[y].status, years[y].goal, years[y].leader_year) for y in sorted(years)] == [
        (2021, EARNED, GOAL_EARN, 1),
        (2022, MAINTAINED, GOAL_YEAR_TWO, 2),
        (2023, MAINTAINED, GOAL_MENU, 3),
        (2024, MAINTAINED, GOAL_MENU, 4),
    ]
    assert "MCMI participant sponsored: Ana Ruiz" in years[2022].met
    assert any("Intern position" in m for m in years[2023].met)


def test_recruiting_without_coaching_is_not_yet_and_says_coaching_is_missing() -> None:
    (y,) = legacy_years([], [recruit(date(2025, 4, 1))], CM_SINCE, 2025)
    assert y.status == NOT_YET
    assert y.leader_year is None
    assert y.missing == (MISSING_COACHING,)


def test_coaching_without_recruiting_is_not_yet_and_says_recruiting_is_missing() -> None:
    (y,) = legacy_years([coach(start=date(2025, 1, 10))], [], CM_SINCE, 2025)
    assert (y.status, y.missing) == (NOT_YET, (MISSING_RECRUIT,))


@pytest.mark.parametrize("kind,program", [
    ("member-recruited", None),
    ("participant-sponsored", "eldp"),
    ("participant-recruited", "leadership-icma"),
    ("fellow-sponsored", None),
])
def test_every_recruitment_or_sponsorship_counts(kind: str, program: str | None) -> None:
    (y,) = legacy_years([coach(start=date(2025, 1, 10))], [ActionData(date(2025, 6, 1), kind, "X", program)],
                        CM_SINCE, 2025)
    assert y.status == EARNED


def test_a_menu_activity_does_not_earn_the_designation() -> None:
    actions = [ActionData(date(2025, 6, 1), "discussion-group", notes="ELDP discussion group")]
    (y,) = legacy_years([coach(start=date(2025, 1, 10))], actions, CM_SINCE, 2025)
    assert (y.status, y.missing) == (NOT_YET, (MISSING_RECRUIT,))


def test_only_credentialed_managers_earn_it() -> None:
    coaching, actions = [coach(start=date(2025, 1, 10))], [recruit(date(2025, 2, 2))]
    (y,) = legacy_years(coaching, actions, None, 2025)
    assert (y.status, y.missing) == (NOT_YET, (MISSING_CREDENTIAL,))
    # Credentialed later that year: the year counts; credentialed the next year: it does not.
    assert legacy_years(coaching, actions, date(2025, 11, 1), 2025)[0].status == EARNED
    assert legacy_years(coaching, actions, date(2026, 1, 5), 2025)[0].status == NOT_YET


def test_year_two_needs_both_more_coaching_and_one_more_recruit() -> None:
    one_year = coach(start=date(2024, 1, 10), end=date(2024, 12, 20))
    two_years = coach(start=date(2024, 1, 10))
    first = [recruit(date(2024, 3, 1))]
    second = [recruit(date(2025, 3, 1), "Kim Park")]

    y = by_year(legacy_years([one_year], first + second, CM_SINCE, 2025))[2025]
    assert (y.status, y.goal, y.missing) == (NOT_YET, GOAL_YEAR_TWO, (MISSING_COACHING_TWO,))

    y = by_year(legacy_years([two_years], first, CM_SINCE, 2025))[2025]
    assert (y.status, y.missing) == (NOT_YET, (MISSING_RECRUIT_TWO,))

    y = by_year(legacy_years([two_years], first + second, CM_SINCE, 2025))[2025]
    assert (y.status, y.leader_year, y.missing) == (MAINTAINED, 2, ())


def test_year_two_may_coach_a_new_participant() -> None:
    coaching = [coach(start=date(2024, 1, 10), end=date(2024, 12, 1)),
                coach("Pat Quinn", start=date(2025, 2, 1), program="state", program_name="CAL-ICMA")]
    years = by_year(legacy_years(coaching, [recruit(date(2024, 3, 1)), recruit(date(2025, 3, 1), "B")],
                                 CM_SINCE, 2025))
    assert years[2025].status == MAINTAINED
    assert "coached Pat Quinn (CAL-ICMA, year 1)" in years[2025].met


@pytest.mark.parametrize("third_year", [
    [ActionData(date(2026, 2, 1), "intern-position", notes="Intern")],
    [ActionData(date(2026, 2, 1), "discussion-group", notes="Leadership ICMA group")],
    [ActionData(date(2026, 2, 1), "student-outreach", notes="High school")],
    [ActionData(date(2026, 2, 1), "other-menu", notes="Career fair")],
    [recruit(date(2026, 2, 1), "New member")],
])
def test_from_year_three_any_menu_activity_keeps_it(third_year: list[ActionData]) -> None:
    coaching = [coach(start=date(2024, 1, 10), end=date(2025, 12, 1))]
    actions = [recruit(date(2024, 3, 1)), recruit(date(2025, 3, 1), "B"), *third_year]
    y = by_year(legacy_years(coaching, actions, CM_SINCE, 2026))[2026]
    assert (y.status, y.goal, y.leader_year) == (MAINTAINED, GOAL_MENU, 3)


def test_coaching_alone_keeps_it_from_year_three() -> None:
    coaching = [coach(start=date(2024, 1, 10))]  # still coaching
    actions = [recruit(date(2024, 3, 1)), recruit(date(2025, 3, 1), "B")]
    assert statuses(legacy_years(coaching, actions, CM_SINCE, 2027)) == {
        2024: EARNED, 2025: MAINTAINED, 2026: MAINTAINED, 2027: MAINTAINED}


def test_a_missed_year_loses_it_and_the_next_year_must_earn_it_again() -> None:
    coaching = [coach(start=date(2020, 1, 10), end=date(2021, 12, 1)),
                coach("Robin Fox", start=date(2024, 2, 1))]
    actions = [recruit(date(2020, 3, 1)), recruit(date(2021, 3, 1), "B"),  # earned, maintained
               # 2022 and 2023: nothing -> lost in 2022, 2023 still not yet
               recruit(date(2024, 5, 1), "C")]  # 2024: earned again
    years = by_year(legacy_years(coaching, actions, CM_SINCE, 2024))
    assert statuses(list(years.values())) == {
        2020: EARNED, 2021: MAINTAINED, 2022: NOT_YET, 2023: NOT_YET, 2024: EARNED}
    assert years[2022].goal == GOAL_MENU and years[2022].missing == (MISSING_MENU,)
    assert years[2023].goal == GOAL_EARN
    assert set(years[2023].missing) == {MISSING_COACHING, MISSING_RECRUIT}
    assert years[2024].leader_year == 1


def test_failing_year_two_means_earning_again_the_year_after() -> None:
    coaching = [coach(start=date(2020, 1, 10))]
    actions = [recruit(date(2020, 3, 1)), recruit(date(2022, 3, 1), "C")]  # nothing recruited in 2021
    years = by_year(legacy_years(coaching, actions, CM_SINCE, 2022))
    assert statuses(list(years.values())) == {2020: EARNED, 2021: NOT_YET, 2022: EARNED}
    assert years[2021].missing == (MISSING_RECRUIT_TWO,)


def test_years_run_to_this_year_so_the_current_year_says_what_is_left() -> None:
    years = legacy_years([coach(start=date(2024, 1, 10), end=date(2024, 12, 1))], [recruit(date(2024, 3, 1))],
                         CM_SINCE, 2026)
    assert [y.year for y in years] == [2024, 2025, 2026]
    assert years[-1].status == NOT_YET and years[-1].goal == GOAL_EARN


def test_reminders_for_the_meeting_and_the_final_project() -> None:
    c = coach(start=date(2024, 1, 10), years=(CoachingYearData(2024, "monthly calls", "CAL-ICMA conference"),))
    years = by_year(legacy_years([c], [ActionData(date(2024, 3, 1), "fellow-sponsored", "Fellow"),
                                       recruit(date(2025, 3, 1))], CM_SINCE, 2025))
    assert not any("meeting" in r for r in years[2024].reminders)  # a meeting was attended together
    assert any("recruits at least one new ICMA member" in r for r in years[2024].reminders)
    assert any("attend a meeting with Jordan Lee" in r for r in years[2025].reminders)
    assert any("approve Jordan Lee's final project" in r for r in years[2025].reminders)
    # Reminders never decide the status.
    assert years[2025].status == MAINTAINED
    approved = coach(start=date(2024, 1, 10), final_project_approved=date(2025, 11, 1))
    y = by_year(legacy_years([approved], [recruit(date(2024, 3, 1)), recruit(date(2025, 3, 1))],
                             CM_SINCE, 2025))[2025]
    assert not any("final project" in r for r in y.reminders)


def test_state_programs_have_no_final_project_reminder() -> None:
    c = coach(start=date(2024, 1, 10), program="state", program_name="CAL-ICMA")
    y = legacy_years([c], [recruit(date(2024, 3, 1))], CM_SINCE, 2025)[-1]
    assert not any("final project" in r for r in y.reminders)


def test_credentialed_from_profile() -> None:
    assert credentialed_from("credentialed", date(2019, 1, 1)) == date(2019, 1, 1)
    assert credentialed_from("credentialed", None) == date.min
    assert credentialed_from("candidate", date(2019, 1, 1)) is None


# --- the store ---------------------------------------------------------------------------------------------

def test_coaching_round_trip_with_yearly_notes(db: object) -> None:
    data = coach("  Jordan Lee ", start=date(2024, 1, 10), notes=" sounding board ",
                 years=(CoachingYearData(2025, "second year", ""), CoachingYearData(2024, "first", "ICMA Annual")))
    cid = save_coaching(data)
    (record,) = load_coaching()
    assert record.id == cid
    assert record.data.person == "Jordan Lee" and record.data.notes == "sounding board"
    assert [y.year for y in record.data.years] == [2024, 2025]
    assert record.data.year_data(2024) == CoachingYearData(2024, "first", "ICMA Annual")

    save_coaching(replace(record.data, years=()), cid)
    assert load_coaching()[0].data.years == ()


def test_bad_coaching_names_the_fields_and_writes_nothing(db: object) -> None:
    bad = CoachingData(person=" ", program="gym", start_date=date(2024, 5, 1), end_date=date(2024, 1, 1),
                       years=(CoachingYearData(2030),))
    with pytest.raises(ValidationError) as err:
        save_coaching(bad)
    fields = {e.field for e in err.value.errors}
    assert fields == {"person", "program", "end_date", "year"}
    assert load_coaching() == []


def test_bad_actions_name_the_fields(db: object) -> None:
    with pytest.raises(ValidationError, match="program: choose ELDP, MCMI or Leadership ICMA"):
        save_action(ActionData(date(2024, 1, 1), "participant-sponsored", "Ana"))
    with pytest.raises(ValidationError, match="person: is required"):
        save_action(ActionData(date(2024, 1, 1), "member-recruited"))
    with pytest.raises(ValidationError, match="kind: 'bribe' is not one of"):
        save_action(ActionData(date(2024, 1, 1), "bribe"))
    with pytest.raises(ValidationError, match="notes: say what the activity was"):
        save_action(ActionData(date(2024, 1, 1), "other-menu"))
    assert load_actions() == []


def test_action_program_is_dropped_where_it_does_not_apply(db: object) -> None:
    save_action(ActionData(date(2024, 1, 1), "member-recruited", "Sam", program="eldp"))
    assert load_actions()[0].data.program is None


def test_deleting_coaching_deletes_its_years_and_restore_brings_them_back(db: object) -> None:
    from wethrive_desktop.models.tables import LegacyCoachingYear

    cid = save_coaching(coach(start=date(2024, 1, 1), years=(CoachingYearData(2024, "notes", "x"),)))
    record = delete_coaching(cid)
    assert load_coaching() == [] and LegacyCoachingYear.select().count() == 0
    restore_coaching(record)
    assert load_coaching() == [record]


def test_delete_and_restore_action(db: object) -> None:
    aid = save_action(recruit(date(2025, 1, 5)))
    record = delete_action(aid)
    assert load_actions() == []
    restore_action(record)
    assert load_actions() == [record]
    assert load_actions(2024) == []


def test_overview_uses_the_profile_credential(db: object) -> None:
    from wethrive_desktop.models.profile import ProfileData, save_profile

    save_coaching(coach(start=date(2025, 1, 10)))
    save_action(recruit(date(2025, 2, 1)))
    overview = legacy_overview(date(2025, 6, 1))
    assert overview.current(2025) is not None and overview.current(2025).status == NOT_YET  # type: ignore[union-attr]
    save_profile(ProfileData(credential_status="credentialed", credentialed_date=date(2018, 1, 1)),
                 today=date(2025, 6, 1))
    assert legacy_overview(date(2025, 6, 1)).current(2025).status == EARNED  # type: ignore[union-attr]


# --- migration and export ----------------------------------------------------------------------------------

def test_migration_4_keeps_existing_records(tmp_path: object) -> None:
    """Upgrade a version-3 database holding an activity with practices and a profile; nothing is lost."""
    from decimal import Decimal
    from pathlib import Path

    from wethrive_desktop.models import migrations
    from wethrive_desktop.models.activities import load_activities
    from wethrive_desktop.models.db import close_database, open_database
    from wethrive_desktop.models.eligibility import ExperienceData, get_experience
    from wethrive_desktop.models.profile import get_profile

    path = Path(str(tmp_path)) / "v3.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, path, target=3)
    assert not db.table_exists("legacy_coaching")
    db.execute_sql(
        "INSERT INTO activity (id, start_date, title, type, hours, challenge_key, created_at, updated_at) "
        "VALUES (7, '2025-03-01', 'The Fund', 'other', 0, 'fund-donation', '2025-03-01 00:00:00', "
        "'2025-03-01 00:00:00')")
    db.execute_sql("INSERT INTO activity_practice VALUES (7, 1)")
    db.execute_sql("UPDATE profile SET name = 'Ana', credential_status = 'credentialed'")
    close_database()

    db = open_database(path)
    assert migrations.schema_version(db) >= 4
    (record,) = load_activities()
    assert (record.id, record.data.hours, record.data.practices) == (7, Decimal("0.00"), (1,))
    assert get_profile().name == "Ana"
    assert get_experience() == ExperienceData()
    save_coaching(coach(start=date(2025, 1, 1)))
    save_action(recruit(date(2025, 2, 1)))
    assert legacy_overview(date(2025, 6, 1)).current(2025).status == EARNED  # type: ignore[union-attr]
    close_database()


def test_export_import_export_is_identical_with_legacy_and_eligibility(tmp_path: object) -> None:
    from decimal import Decimal
    from pathlib import Path

    from wethrive_desktop.exchange.json_io import export_json, import_json
    from wethrive_desktop.models.challenge import copy_catalogue, record_zero_hour_entry
    from wethrive_desktop.models.db import close_database, open_database
    from wethrive_desktop.models.eligibility import ExperienceData, save_experience

    folder = Path(str(tmp_path))
    open_database(folder / "a.sqlite3")
    save_coaching(coach("Zoë O'Neill", start=date(2024, 9, 1), final_project_approved=date(2026, 5, 1),
                        years=(CoachingYearData(2024, "first calls", "ICMA Annual Conference"),
                               CoachingYearData(2025, "capstone", ""))))
    save_coaching(coach("Pat", start=date(2025, 1, 1), program="state", program_name="CAL-ICMA",
                        end=date(2025, 12, 1)))
    save_action(ActionData(date(2025, 3, 1), "participant-sponsored", "Ana", program="leadership-icma"))
    save_action(ActionData(date(2025, 4, 1), "student-outreach", notes="Career day"))
    save_experience(ExperienceData("masters", Decimal("6.25"), Decimal("3.5"), date(2025, 1, 1),
                                   "department-head"), today=date(2025, 6, 1))
    copy_catalogue(2017, 2025)
    record_zero_hour_entry(date(2025, 2, 2), "fund-donation")
    first = folder / "first.json"
    export_json(first)
    close_database()

    open_database(folder / "b.sqlite3")
    import_json(first)
    second = folder / "second.json"
    export_json(second)
    close_database()
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    text = first.read_text(encoding="utf-8")
    assert '"legacy_coaching"' in text and '"senior_years": "6.25"' in text and "Zoë O'Neill" in text


def test_import_refuses_a_bad_legacy_record_and_changes_nothing(tmp_path: object) -> None:
    import json
    from pathlib import Path

    from wethrive_desktop.exchange.json_io import JsonImportError, export_json, import_json
    from wethrive_desktop.models.db import close_database, open_database

    folder = Path(str(tmp_path))
    open_database(folder / "a.sqlite3")
    save_action(recruit(date(2025, 2, 1)))
    path = folder / "x.json"
    export_json(path)
    close_database()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["legacy_actions"][0]["kind"] = "bribe"
    path.write_text(json.dumps(data), encoding="utf-8")
    open_database(folder / "b.sqlite3")
    with pytest.raises(JsonImportError, match=r"legacy_actions\[0\] \(id 1\): kind: 'bribe'"):
        import_json(path)
    assert load_actions() == []
    close_database()
