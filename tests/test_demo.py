"""The demo data: two realistic years of a city manager's records, created once, relative to today."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from wethrive_desktop.models import demo
from wethrive_desktop.models.activities import check, listed_text, load_activities, load_activity_rows
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.domain import REQUIRED_HOURS, Status
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.models.rules import total_hours

TODAY = date(2026, 11, 15)


def words(text: str) -> int:
    return len(text.split())


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[Path]:
    path = demo.ensure_demo_database(tmp_path / "demo.sqlite3", today=TODAY)
    open_database(path)
    yield path
    close_database()


def test_two_years_of_varied_completed_activities(demo_db: Path) -> None:
    records = load_activities()
    for year in (TODAY.year - 1, TODAY.year):
        done = [r for r in records if r.start_date.year == year and r.status == Status.COMPLETED]
        assert len(done) >= 20
        assert len({r.data.type for r in done}) >= 6
        assert len({p for r in done for p in r.practices}) == 14
    assert total_hours(records, TODAY.year - 1) >= REQUIRED_HOURS
    assert Decimal(30) <= total_hours(records, TODAY.year) <= Decimal(50)


def test_every_record_is_valid_and_reflections_are_real(demo_db: Path) -> None:
    records = load_activities()
    assert all(check(r.data) == [] for r in records)
    ours = {d.identity() for d in demo.demo_activities(TODAY)}  # extensions may add records of their own
    for record in records:
        if record.data.identity() in ours and record.status == Status.COMPLETED:
            assert words(record.data.description) >= 25, record.data.title
            assert words(record.data.learned) >= 25, record.data.title
            assert record.data.description.count(".") >= 2  # more than one sentence
            assert record.data.practices


def test_conferences_challenge_items_attachments_and_planned_activities(demo_db: Path) -> None:
    records = load_activities()
    assert any(r.data.type == "conference" and r.data.end_date for r in records)
    keys = {r.challenge_key for r in records if r.challenge_key}
    assert {"annual-conference", "ethics-101", "icmau-webinar"} <= keys
    assert sum(len(r.attachments) for r in records) >= 2
    planned = [r for r in records if r.status == Status.PLANNED]
    assert len(planned) >= 3
    assert all(r.start_date > TODAY for r in planned)
    assert all((r.data.end_date or r.start_date) <= TODAY for r in records if r.status == Status.COMPLETED)


def test_profile_is_a_credentialed_manager_with_an_accented_name(demo_db: Path) -> None:
    profile = get_profile()
    assert any(ord(c) > 127 for c in profile.name)
    assert profile.designation == "ICMA-CM"
    assert profile.member_number.isdigit() and profile.title and profile.organization
    assert profile.program_entry_date is not None and TODAY.year - profile.program_entry_date.year == 3
    assert profile.challenge_signup


def test_created_on_first_use_only(tmp_path: Path) -> None:
    path = demo.ensure_demo_database(tmp_path / "demo.sqlite3", today=TODAY)
    open_database(path)
    count = len(load_activities())
    close_database()
    assert demo.ensure_demo_database(path, today=TODAY) == path
    open_database(path)
    assert len(load_activities()) == count
    close_database()


def test_early_in_the_year_nothing_completed_lies_in_the_future(db: object) -> None:
    early = date(2027, 1, 10)
    demo.populate_demo(early)
    records = load_activities()
    assert all((r.data.end_date or r.start_date) <= early for r in records if r.status == Status.COMPLETED)
    assert total_hours(records, 2026) >= REQUIRED_HOURS
    assert any(r.status == Status.PLANNED and r.start_date.year == 2027 for r in records)


def test_extensions_run_after_the_activities_with_today(db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[date, int]] = []
    monkeypatch.setattr(demo, "DEMO_EXTENSIONS", [lambda today: seen.append((today, len(load_activities())))])
    demo.populate_demo(TODAY)
    assert seen and seen[0][0] == TODAY and seen[0][1] >= 50


def test_a_failing_extension_leaves_the_database_empty(db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_today: date) -> None:
        raise RuntimeError("bug in an extension")

    monkeypatch.setattr(demo, "DEMO_EXTENSIONS", [broken])
    with pytest.raises(RuntimeError):
        demo.populate_demo(TODAY)
    assert load_activities() == []
    assert get_profile().name == ""


# --- ICMA's counting (issue 14) ------------------------------------------------------------------------------

def test_mentoring_and_coaching_given_are_typed_and_documented_as_icma_asks(demo_db: Path) -> None:
    from wethrive_desktop.models.mentoring import missing

    records = [r for r in load_activities() if r.status == Status.COMPLETED]
    given = [r for r in records if r.data.type in ("mentoring", "coaching-given")]
    coaching_given = {r.data.title for r in given if r.data.type == "coaching-given"}
    assert coaching_given == {"Coaching a new assistant city manager",
                              "Coaching a new assistant city manager (follow-up)"}  # the year-end one is planned
    mentees = {r.data.mentoring.mentee for r in given if r.data.type == "mentoring" and r.data.mentoring}
    assert mentees == {"Maya Okafor", "Jordan Ellis"}  # an ELDP participant and an MPA intern
    for r in given:
        assert r.data.meets_conditions is True, r.data.title
        assert r.data.mentoring is not None and missing(r.data.type, r.data.mentoring, TODAY) == [], r.data.title
    intern = next(r.data.mentoring for r in given if r.data.mentoring and r.data.mentoring.mentee == "Jordan Ellis")
    assert intern.own_employee and intern.program == "College internship"  # the member's own intern: a program
    received = {r.data.title for r in records if r.data.type == "coaching"}
    assert received == {"Executive coaching: leading through a council transition"}
    assert not any(r.data.type_review for r in records)


def test_a_relationship_still_going_on_has_no_end_yet(db: object) -> None:
    spring = date(2026, 4, 1)  # the intern's relationship ends May 15
    rows = [d for d in demo.demo_activities(spring) if d.mentoring and d.mentoring.mentee == "Jordan Ellis"]
    assert rows and all(d.mentoring is not None and d.mentoring.relationship_end is None for d in rows)


def test_topics_teaching_and_a_second_requirement(demo_db: Path) -> None:
    from wethrive_desktop.models.requirements import icma_year, standing
    from wethrive_desktop.models.requirements.store import load_requirements
    from wethrive_desktop.models.topics import suggest_topics

    records = load_activities()
    ethics = {r.data.title for r in records if "ethics" in r.data.topics}
    assert {"Ethics 101 e-course", "Ethics in the Age of Social Media",
            "ICMA Code of Ethics with Guidelines (annual review)"} <= ethics
    assert any("equity" in r.data.topics for r in records)
    for r in records:  # the tags are the ones the titles suggest
        assert set(r.data.topics) == set(suggest_topics(r.data.title)), r.data.title
    teaching = [r for r in records if r.data.type == "teaching"]
    assert teaching and all(r.data.delivery_hours > 0 for r in teaching)

    assert [r.key for r in load_requirements(TODAY)] == ["icma-tenet-8", "fccma-ethics"]
    # The Florida year that ended September 30, seen on its last day (standing counts what was known that day).
    florida = standing(records, date(TODAY.year, 9, 30))[1]
    assert florida.counted == Decimal("2.25") and florida.status == "short"  # 0.5 + 1 + 0.75 h of ethics
    last_year = icma_year(records, TODAY.year - 1, TODAY)
    assert last_year.counted == last_year.logged >= REQUIRED_HOURS  # the caps are not reached: every hour counts
    assert last_year.delivery_hours == Decimal("1.50")


def test_a_recent_ethics_webinar_counts_toward_tenet_8_and_the_florida_year_under_way(
        demo_db: Path, frozen_today: Callable[[date], None]) -> None:
    from wethrive_desktop.models.requirements import standing

    frozen_today(TODAY)
    records = load_activities()
    [webinar] = [r for r in records if r.data.title == "FCCMA Ethics Webinar: Ethical Decision-Making for Managers"]
    assert webinar.start_date == date(2026, 10, 23) and webinar.status == Status.COMPLETED  # three weeks back
    assert webinar.data.topics == ("ethics",) and webinar.hours == Decimal(2)
    tenet_8, florida = standing(records, TODAY)
    assert (florida.period_start, florida.period_end) == (date(2026, 10, 1), date(2027, 9, 30))
    assert [(a.activity_id, a.counted) for a in florida.activities] == [(webinar.id, Decimal(2))]
    assert (florida.logged, florida.counted, florida.status) == (Decimal("2.00"), Decimal("2.00"), "short")
    assert webinar.id in {a.activity_id for a in tenet_8.activities if a.counted == Decimal(2)}


@pytest.mark.parametrize("today", [date(2026, 10, 1), date(2026, 10, 10), date(2026, 10, 25), date(2026, 11, 30),
                                   date(2026, 12, 31), date(2027, 1, 5), date(2026, 9, 10), date(2026, 3, 1),
                                   date(2028, 2, 29)])
def test_the_recent_ethics_webinar_is_in_the_florida_year_of_today_and_never_ahead(today: date) -> None:
    from wethrive_desktop.models.requirements.counting import period_containing
    from wethrive_desktop.models.requirements.definitions import template

    rows = demo.demo_activities(today)
    [webinar] = [r for r in rows if r.title.startswith("FCCMA Ethics Webinar")]
    start, end = period_containing(template(demo.DEMO_REQUIREMENT, today), today)
    assert start <= webinar.start_date <= today <= end and webinar.status == Status.COMPLETED
    assert (today - webinar.start_date).days <= 28  # a few weeks back, or since the Florida year began
    others = [r for r in rows if r is not webinar]
    assert not any(r.start_date <= webinar.start_date <= (r.end_date or r.start_date) for r in others)
    assert check(webinar) == []


def test_no_recent_ethics_webinar_when_its_florida_year_has_no_free_day_yet() -> None:
    first_day = date(2026, 10, 1)
    taken = [r for r in demo.demo_activities(first_day) if not r.title.startswith("FCCMA Ethics Webinar")]
    busy = replace(taken[0], start_date=first_day, end_date=None)
    assert demo.recent_ethics_day(first_day, [*taken, busy]) is None


@pytest.mark.parametrize("year", [None, TODAY.year])
def test_the_logs_rows_are_the_activities_without_their_long_texts(demo_db: Path, year: int | None) -> None:
    # The activity log lists ActivityRows (built by position, for speed): each must hold exactly what the full
    # record holds but the description and what was learned, which only its search text has.
    records = {r.id: r for r in load_activities(year=year)}
    rows, texts = load_activity_rows(year)
    assert sorted(r.id for r in rows) == sorted(records)
    if year is None:  # the demo has each of the fields the rows share
        assert any(r.mentoring for r in rows) and any(r.attachments for r in rows) and any(r.topics for r in rows)
    for row, text in zip(rows, texts, strict=True):
        whole = records[row.id]
        d = whole.data
        assert (row.start_date, row.end_date, row.title, row.provider, row.type, row.hours, row.practices,
                row.status, row.challenge_key, row.delivery_hours, row.topics, row.meets_conditions, row.type_review,
                row.mentoring, row.attachments) == (
            d.start_date, d.end_date, d.title, d.provider, d.type, d.hours, d.practices, d.status, d.challenge_key,
            d.delivery_hours, d.topics, d.meets_conditions, d.type_review, d.mentoring, whole.attachments)
        assert text == listed_text(d.title, d.provider, d.description, d.learned, d.topics)
