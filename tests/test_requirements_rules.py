"""Every counting rule of issue 14 on known data sets, on plain data (no database): caps, conditions, periods
across year ends, two-year windows, carry-over limits, provider restrictions, topic filters and minimums, due
dates and grace periods. The store's own rules are at the end."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from wethrive_desktop.models.requirements.counting import period_containing, progress, topic_shortfalls
from wethrive_desktop.models.requirements.definitions import (
    TEMPLATE_KEYS,
    Requirement,
    RequirementError,
    from_json,
    template,
)

TODAY = date(2026, 11, 30)


@dataclass(frozen=True)
class Row:
    id: int
    start_date: date
    hours: Decimal
    type: str = "workshop"
    title: str = "Workshop"
    provider: str = ""
    topics: tuple[str, ...] = ()
    meets_conditions: bool | None = None
    status: str = "completed"
    delivery_hours: Decimal = Decimal(0)


def rows(*specs: tuple[Any, ...]) -> list[Row]:
    """Rows numbered from 1: each spec is (start_date, hours, **optional fields as a dict)."""
    made = []
    for n, spec in enumerate(specs, 1):
        day, hours, *rest = spec
        made.append(Row(n, day, Decimal(str(hours)), **(rest[0] if rest else {})))
    return made


def tenet_8() -> Requirement:
    return template("icma-tenet-8", TODAY)


# --- caps and ICMA's conditions -----------------------------------------------------------------------------


def test_the_issue_example_26_h_mentoring_and_30_h_workshops_count_50() -> None:
    log = rows(*[(date(2026, m, 5), 2, {"type": "mentoring"}) for m in range(1, 12)],
               (date(2026, 12, 5), 4, {"type": "mentoring"}),
               *[(date(2026, 3, d), 6) for d in range(1, 6)])
    result = progress(tenet_8(), log, TODAY, period_of=date(2026, 1, 1))
    assert (result.logged, result.counted, result.status) == (Decimal(56), Decimal(50), "met")
    (cap,) = result.caps
    assert (cap.type, cap.logged, cap.counted) == ("mentoring", Decimal(26), Decimal(20))
    assert result.explanations() == ["Mentoring given: 26 h logged, 20 h count (at most 20 h a year)"]
    # Earliest first: January to October (20 h) count whole, November and December not at all.
    counted = {a.start_date.month: a.counted for a in result.activities if a.type == "mentoring"}
    assert counted[10] == 2 and counted[11] == 0 and counted[12] == 0


def test_a_cap_is_reached_exactly_at_20_and_cuts_one_hundredth_past_it() -> None:
    exactly = rows((date(2026, 2, 1), 20, {"type": "coaching-given"}))
    result = progress(tenet_8(), exactly, TODAY)
    assert result.counted == 20 and result.explanations() == []
    past = rows((date(2026, 2, 1), 20, {"type": "coaching-given"}), (date(2026, 2, 2), "0.01", {"type":
                                                                                               "coaching-given"}))
    result = progress(tenet_8(), past, TODAY)
    assert result.counted == 20 and result.logged == Decimal("20.01")
    assert [a.counted for a in result.activities] == [20, 0]


def test_caps_are_per_type_and_per_period() -> None:
    log = rows((date(2025, 6, 1), 20, {"type": "mentoring"}), (date(2026, 1, 2), 20, {"type": "mentoring"}),
               (date(2026, 1, 3), 20, {"type": "coaching-given"}), (date(2026, 1, 4), 5, {"type": "coaching"}))
    result = progress(tenet_8(), log, TODAY)  # coaching RECEIVED has no cap
    assert (result.logged, result.counted) == (Decimal(45), Decimal(45))


def test_given_activities_marked_as_not_meeting_the_conditions_do_not_count() -> None:
    log = rows((date(2026, 1, 5), 6, {"type": "mentoring", "meets_conditions": False, "title": "Informal chats"}),
               (date(2026, 1, 6), 4, {"type": "mentoring", "meets_conditions": None}),
               (date(2026, 1, 7), 3, {"type": "coaching-given", "meets_conditions": True}))
    result = progress(tenet_8(), log, TODAY)
    assert (result.logged, result.counted) == (Decimal(13), Decimal(7))
    assert result.explanations() == ["Informal chats (6 h): marked as not meeting ICMA's conditions for "
                                     "Mentoring given"]
    # Another requirement does not apply ICMA's conditions unless it says so.
    other = from_json({"key": "state", "name": "State hours", "hours": 10})
    assert progress(other, log, TODAY).counted == 13


def test_teaching_counts_preparation_and_shows_delivery() -> None:
    log = rows((date(2026, 4, 1), 8, {"type": "teaching", "delivery_hours": Decimal(3)}))
    result = progress(tenet_8(), log, TODAY)
    assert (result.logged, result.counted, result.delivery_hours) == (Decimal(8), Decimal(8), Decimal(3))
    assert result.explanations() == ["Teaching: 3 h of delivery shown, not counted (the preparation counts)"]


def test_planned_activities_and_other_years_do_not_count() -> None:
    log = rows((date(2026, 5, 1), 10, {"status": "planned"}), (date(2025, 12, 31), 10), (date(2027, 1, 1), 10))
    assert progress(tenet_8(), log, TODAY).logged == 0


# --- periods ------------------------------------------------------------------------------------------------


def test_a_fiscal_year_runs_october_to_september_across_the_year_end() -> None:
    florida = template("fccma-ethics", TODAY)
    assert period_containing(florida, date(2026, 9, 30)) == (date(2025, 10, 1), date(2026, 9, 30))
    assert period_containing(florida, date(2026, 10, 1)) == (date(2026, 10, 1), date(2027, 9, 30))
    assert period_containing(florida, date(2027, 1, 15)) == (date(2026, 10, 1), date(2027, 9, 30))
    log = rows((date(2026, 9, 30), 2, {"topics": ("ethics",)}), (date(2026, 10, 1), 3, {"topics": ("ethics",)}),
               (date(2026, 12, 1), 8))  # not ethics: FCCMA counts ethics only
    assert progress(florida, log, date(2026, 12, 15)).counted == 3
    assert progress(florida, log, date(2026, 12, 15), period_of=date(2026, 9, 1)).counted == 2


def test_two_year_windows_from_a_start_date() -> None:
    texas = from_json({**template("tcma-ethics", TODAY).to_json(),
                       "period": {"kind": "years", "years": 2, "start": "2025-01-01"}})
    assert period_containing(texas, date(2026, 12, 31)) == (date(2025, 1, 1), date(2026, 12, 31))
    assert period_containing(texas, date(2027, 1, 1)) == (date(2027, 1, 1), date(2028, 12, 31))
    assert period_containing(texas, date(2024, 6, 1)) == (date(2023, 1, 1), date(2024, 12, 31))
    assert period_containing(texas, date(2019, 1, 1)) == (date(2019, 1, 1), date(2020, 12, 31))


def test_a_window_started_on_february_29_stays_contiguous() -> None:
    leap = from_json({"key": "leap", "name": "Leap", "hours": 2,
                      "period": {"kind": "years", "years": 2, "start": "2024-02-29"}})
    first = period_containing(leap, date(2025, 6, 1))
    second = period_containing(leap, first[1].replace(day=first[1].day) + (date(2000, 1, 2) - date(2000, 1, 1)))
    assert first == (date(2024, 2, 29), date(2026, 2, 27))
    assert second[0] == date(2026, 2, 28)


# --- providers, topics, carry-over ----------------------------------------------------------------------------


def test_only_accepted_providers_count_matched_as_whole_words() -> None:
    texas = template("tcma-ethics", date(2025, 1, 1))
    ethics: dict[str, Any] = {"topics": ("ethics",)}
    log = rows((date(2025, 3, 1), 1, {**ethics, "provider": "TML Annual Conference"}),
               (date(2025, 4, 1), 1, {**ethics, "provider": "Florida League of Cities", "title": "FL ethics"}),
               (date(2025, 5, 1), 1, {**ethics, "provider": "HTMLX Academy", "title": "Web ethics"}),
               (date(2025, 6, 1), "0.5", {**ethics, "provider": "icma"}))
    result = progress(texas, log, date(2025, 12, 1))
    assert (result.logged, result.counted, result.status) == (Decimal("3.5"), Decimal("1.5"), "short")
    assert ("FL ethics (1 h): from Florida League of Cities: only activities from TCMA, TML, ICMA count"
            in result.explanations())


def test_topic_minimums_must_each_be_met() -> None:
    aicp = from_json({**template("aicp-cm", TODAY).to_json(),
                      "period": {"kind": "years", "years": 2, "start": "2025-01-01"}})
    log = rows((date(2025, 2, 1), 30), (date(2025, 3, 1), 1, {"topics": ("ethics",)}),
               (date(2025, 4, 1), 1, {"topics": ("equity", "sustainability and resilience")}))
    result = progress(aicp, log, date(2026, 6, 1))
    assert result.counted == 32 and not result.met and result.status == "short"
    assert topic_shortfalls(result) == ["Law: 0 of 1 h"]
    after = progress(aicp, log, date(2027, 1, 2), period_of=date(2026, 6, 1))
    assert after.status == "overdue"
    log.append(Row(99, date(2026, 5, 1), Decimal(1), topics=("law",)))
    assert progress(aicp, log, date(2026, 6, 1)).status == "met"


def test_carry_over_is_limited_and_surplus_ethics_carries_only_as_general() -> None:
    aicp = from_json({**template("aicp-cm", TODAY).to_json(),
                      "period": {"kind": "years", "years": 2, "start": "2025-01-01"}})
    previous = rows((date(2023, 2, 1), 40), (date(2023, 3, 1), 5, {"topics": ("ethics",)}),
                    (date(2023, 4, 1), 3, {"topics": ("equity",)}), (date(2023, 5, 1), 1, {"topics": ("law",)}),
                    (date(2023, 6, 1), 1, {"topics": ("sustainability and resilience",)}))
    result = progress(aicp, previous, date(2025, 6, 1))
    assert result.carried_in == 16  # surplus 50 - 32 = 18, at most 16 carry
    assert result.counted == 16
    topics = {t.topic: t for t in result.topics}
    assert topics["ethics"].carried == 0  # ethics surplus (4 h) carries only as general hours
    assert topics["equity"].carried == 2  # equity surplus carries as equity
    assert "16 h carried over from the previous period" in result.explanations()
    small = rows((date(2023, 2, 1), 35))
    assert progress(aicp, small, date(2025, 6, 1)).carried_in == 3


# --- due dates and statuses --------------------------------------------------------------------------------------


def test_due_and_grace_and_overdue() -> None:
    req = from_json({"key": "x", "name": "X", "hours": 4, "period": {"kind": "fiscal", "start_month": 10},
                     "due_days": 30, "grace_days": 60})
    mid = progress(req, [], date(2026, 10, 20), period_of=date(2026, 9, 1))
    assert mid.due == date(2026, 10, 30) and mid.grace_until == date(2026, 12, 29)
    assert mid.status == "short"
    assert progress(req, [], date(2026, 10, 31), period_of=date(2026, 9, 1)).status == "overdue"
    assert progress(req, [], date(2026, 10, 20), period_of=date(2026, 9, 1)).to_json()["status"] == "short"


def test_json_record_keys() -> None:
    result = progress(tenet_8(), rows((date(2026, 1, 1), 41)), TODAY)
    record = result.to_json()
    assert {k: record[k] for k in ("key", "period_start", "period_end", "required", "logged", "counted",
                                   "remaining", "due", "status")} == {
        "key": "icma-tenet-8", "period_start": "2026-01-01", "period_end": "2026-12-31", "required": 40.0,
        "logged": 41.0, "counted": 41.0, "remaining": 0.0, "due": "2026-12-31", "status": "met"}


# --- definitions ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_every_template_survives_a_json_round_trip(key: str) -> None:
    requirement = template(key, TODAY)
    assert from_json(json.loads(json.dumps(requirement.to_json()))) == requirement


@pytest.mark.parametrize(("change", "message"), [
    ({"key": "Bad Key"}, "lower-case letters"),
    ({"hours": 0}, "more than 0"),
    ({"hours": "many"}, "number of hours"),
    ({"period": {"kind": "weekly"}}, "calendar, fiscal or years"),
    ({"period": {"kind": "fiscal", "start_month": 13}}, "start month"),
    ({"period": {"kind": "years", "years": 2, "start": "someday"}}, "must be a date"),
    ({"caps": {"golf": 5}}, "not an activity type"),
    ({"topics": ["a;b"]}, "cannot contain ';'"),
    ({"name": " "}, "needs a name"),
    ({"period": {"kind": ["fiscal"]}}, "calendar, fiscal or years"),  # shapes a hand edit may leave
    ({"caps": ["mentoring"]}, "must map names to hours"),
    ({"topics": "ethics"}, "must be a list of texts"),
    ({"providers": [1, 2]}, "must be a list of texts"),
])
def test_a_bad_definition_is_refused_with_a_reason(change: dict[str, Any], message: str) -> None:
    with pytest.raises(RequirementError, match=message):
        from_json({**template("fccma-ethics", TODAY).to_json(), **change})


# --- the store ------------------------------------------------------------------------------------------------


def test_the_store_keeps_tenet_8_and_refuses_what_would_break_it(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.models.requirements import store

    assert [r.key for r in store.load_requirements()] == ["icma-tenet-8"]
    with pytest.raises(RequirementError, match="cannot be removed"):
        store.remove_requirement("icma-tenet-8")
    with pytest.raises(RequirementError, match="calendar year"):
        store.save_requirement({**store.get_requirement("icma-tenet-8").to_json(),
                                "period": {"kind": "fiscal", "start_month": 7}})
    # Read year by year from that year's activities everywhere: no topic, provider or carry-over rule either.
    for rule in ({"topics": ["ethics"]}, {"topic_minimums": {"ethics": 1}}, {"providers": ["ICMA"]},
                 {"carry_over": {"max_hours": 10}}):
        with pytest.raises(RequirementError, match="no topic, provider or carry-over rule"):
            store.save_requirement({**store.get_requirement("icma-tenet-8").to_json(), **rule})
    assert store.save_requirement({**store.get_requirement("icma-tenet-8").to_json(), "hours": 45}).hours == 45
    store.add_template("fccma-ethics", TODAY)
    with pytest.raises(RequirementError, match="already tracked"):
        store.add_template("fccma-ethics", TODAY)
    copy = store.copy_requirement("fccma-ethics")
    assert copy.key == "fccma-ethics-copy" and store.copy_requirement("fccma-ethics").key == "fccma-ethics-copy-2"
    edited = store.save_requirement({**copy.to_json(), "key": "my-county", "hours": 6}, replacing=copy.key)
    # A renamed requirement keeps its place in the list.
    assert [r.key for r in store.load_requirements()] == ["icma-tenet-8", "fccma-ethics", "my-county",
                                                           "fccma-ethics-copy-2"]
    assert edited.hours == 6
    out = tmp_path / "mine.json"
    assert store.export_requirements(out) == 4
    store.remove_requirement("my-county")
    assert "my-county" in [r.key for r in store.import_requirements(out)]
    assert store.get_requirement("my-county").hours == 6


def test_a_bad_file_imports_nothing(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.models.requirements import store

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"requirements": [template("ca-ab1234", TODAY).to_json(), {"key": "x", "hours": 1}]}))
    with pytest.raises(RequirementError, match="requirement 2 in bad.json: requirement 'x' needs a name"):
        store.import_requirements(bad)
    assert [r.key for r in store.load_requirements()] == ["icma-tenet-8"]
    bad.write_text("{not json")
    with pytest.raises(RequirementError, match="is not JSON"):
        store.import_requirements(bad)


def test_an_undone_removal_puts_the_requirement_back_in_its_place(db: object) -> None:
    from wethrive_desktop.models.requirements import store

    for key in ("fccma-ethics", "tcma-ethics", "ca-ab1234"):
        store.add_template(key, TODAY)
    position = store.position_of("tcma-ethics")
    removed = store.remove_requirement("tcma-ethics")
    assert removed is not None
    store.save_requirement(removed, position=position)
    assert [r.key for r in store.load_requirements()] == ["icma-tenet-8", "fccma-ethics", "tcma-ethics", "ca-ab1234"]
    store.replace_requirements([template("aicp-cm", TODAY)], ["fccma-ethics"])
    assert [r.key for r in store.load_requirements()] == ["icma-tenet-8", "tcma-ethics", "ca-ab1234", "aicp-cm"]


def test_six_months_count_both_ends() -> None:
    from wethrive_desktop.models.mentoring import MentoringData, lasted_six_months, missing

    semester = MentoringData(relationship_start=date(2026, 1, 1), relationship_end=date(2026, 6, 30))
    assert lasted_six_months(semester, TODAY)
    assert not lasted_six_months(replace_end(semester, date(2026, 6, 29)), TODAY)
    assert lasted_six_months(MentoringData(relationship_start=date(2026, 4, 1), relationship_end=date(2026, 9, 30)),
                             TODAY)
    ongoing = MentoringData(relationship_start=date(2026, 6, 1))
    assert lasted_six_months(ongoing, date(2026, 11, 30)) and not lasted_six_months(ongoing, date(2026, 11, 29))
    assert "a relationship of at least six months (it has run less)" not in missing("mentoring", semester, TODAY)


def replace_end(data: Any, end: date) -> Any:
    from dataclasses import replace

    return replace(data, relationship_end=end)
