"""One place per rule: each rule of the house plan at its boundaries, and the places that used to copy it now
giving the same answer (a moved boundary in the rule, or a copy coming back, fails here)."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from wethrive_desktop.cli_common import year_arg
from wethrive_desktop.models import clock, migrations
from wethrive_desktop.models.activities import ActivityData, ActivityRecord, check
from wethrive_desktop.models.challenge import ChallengeItemData, validate_item
from wethrive_desktop.models.dashboard import hours_by_month, pace
from wethrive_desktop.models.dates import date_range
from wethrive_desktop.models.db import APPLICATION_ID, NewerSchemaError, check_openable, close_database, open_database
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, REQUIRED_HOURS, type_label, valid_year
from wethrive_desktop.models.plans import GoalData, new_item, save_goal
from wethrive_desktop.models.reflections import (
    DESCRIPTION_PROMPT,
    LEARNED_PROMPT,
    MIN_LEARNED_WORDS,
    attestation_text,
    enough_words,
    learned_is_enough,
    word_count,
)
from wethrive_desktop.models.rules import (
    Catalogues,
    Progress,
    commitment_met,
    counts_in_year,
    hours_by_practice,
    hours_short,
    past_due,
    total_hours,
)
from wethrive_desktop.models.validation import ValidationError

D = Decimal
STAMP = datetime(2026, 1, 1)


def rec(i: int, start: date, hours: str, status: str = "completed") -> ActivityRecord:
    return ActivityRecord(i, ActivityData(start, f"Activity {i}", D(hours), "webinar", status=status,
                                          practices=(1,)), STAMP, STAMP)


# --- 40 hours met ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("hours,met,short", [("39.99", False, "0.01"), ("40", True, "0.00"),
                                             ("40.00", True, "0.00"), ("40.01", True, "0.00"), ("0", False, "40.00")])
def test_the_commitment_is_met_at_exactly_40_hours(hours: str, met: bool, short: str) -> None:
    assert REQUIRED_HOURS == 40
    assert commitment_met(D(hours)) is met
    assert hours_short(D(hours)) == D(short)
    assert Progress(D(hours)).met is met and Progress(D(hours)).remaining == D(short)


@pytest.mark.parametrize("last,met", [("19.99", False), ("20", True)])
def test_the_dashboard_pace_and_the_plan_use_the_same_rule(last: str, met: bool) -> None:
    records = [rec(1, date(2026, 2, 1), "20"), rec(2, date(2026, 3, 1), last)]
    p = pace(records, 2026, date(2026, 6, 1))
    assert p.met is met and (p.met_on == date(2026, 3, 1)) is met
    assert (p.per_month is None) is met and p.remaining == hours_short(p.total)


# --- counts in the year ------------------------------------------------------------------------------------


def test_an_activity_counts_in_the_year_it_starts_once_completed() -> None:
    new_year = rec(1, date(2026, 1, 1), "1")
    eve = rec(2, date(2025, 12, 31), "2")
    planned = rec(3, date(2026, 6, 1), "4", status="planned")
    assert counts_in_year(new_year, 2026) and not counts_in_year(new_year, 2025)
    assert counts_in_year(eve, 2025) and not counts_in_year(eve, 2026)
    assert not counts_in_year(planned, 2026) and not counts_in_year(planned, None)
    assert counts_in_year(eve, None)  # None: any year
    records = [new_year, eve, planned]
    # every total built on it agrees
    assert total_hours(records, 2026) == D("1.00")
    assert hours_by_month(records, 2026)[1] == D("1.00") and hours_by_month(records, 2026)[6] == 0
    assert hours_by_practice(records, 2026).total == D("1.00")
    assert hours_by_practice(records, None).total == D("3.00")
    assert pace(records, 2026, date(2026, 6, 1)).total == D("1.00")


# --- the catalogue of a year -------------------------------------------------------------------------------


def test_the_catalogue_of_a_year_is_its_own_or_the_newest_earlier_one() -> None:
    catalogues = Catalogues({2017: {"a": 1}, 2020: {"a": 2}})
    assert catalogues.year_for(2016) is None and catalogues.for_year(2016) == {}
    assert catalogues.year_for(2017) == 2017
    assert catalogues.year_for(2019) == 2017 and catalogues.for_year(2019) == {"a": 1}
    assert catalogues.year_for(2020) == 2020 and catalogues.for_year(2020) == {"a": 2}
    assert catalogues.year_for(2030) == 2020


# --- the valid years ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("year,ok", [(MIN_YEAR - 1, False), (MIN_YEAR, True), (MAX_YEAR, True),
                                     (MAX_YEAR + 1, False)])
def test_one_year_range_everywhere(year: int, ok: bool) -> None:
    assert (MIN_YEAR, MAX_YEAR) == (1900, 2200)
    assert valid_year(year) is ok
    errors = check(ActivityData(date(year, 6, 1), "Webinar", D(1), "webinar"), catalogue_keys=())
    assert (not any(e.field == "start_date" for e in errors)) is ok
    assert (not any(e.field == "year" for e in validate_item(ChallengeItemData(year, "key", "Name", 1)))) is ok
    if ok:
        assert year_arg(str(year)) == year
    else:
        with pytest.raises(argparse.ArgumentTypeError, match=f"between {MIN_YEAR} and {MAX_YEAR}"):
            year_arg(str(year))


@pytest.mark.parametrize("year,ok", [(MAX_YEAR, True), (MAX_YEAR + 1, False)])
def test_plans_take_the_same_years(db: object, year: int, ok: bool) -> None:
    if ok:
        save_goal(year, GoalData(None, "Budget", "short", (12,)))
    else:
        with pytest.raises(ValidationError, match="not a plan year"):
            save_goal(year, GoalData(None, "Budget", "short", (12,)))


def test_the_ui_date_and_year_fields_use_the_same_range(qapp: object) -> None:
    from wethrive_desktop.ui.activities import fields
    from wethrive_desktop.ui.widgets import form_dialog

    assert fields.MIN_DATE.toPython() == date(MIN_YEAR, 1, 1)
    assert fields.MAX_DATE.toPython() == date(MAX_YEAR, 12, 31)
    edit = form_dialog.date_edit(date(2026, 3, 15))
    assert (edit.minimumDate().toPython(), edit.maximumDate().toPython()) == (date(MIN_YEAR, 1, 1),
                                                                              date(MAX_YEAR, 12, 31))


# --- due dates ---------------------------------------------------------------------------------------------


def test_a_due_date_is_on_time_on_the_day_and_overdue_the_day_after() -> None:
    due = date(2027, 3, 14)
    assert not past_due(due, date(2027, 3, 13))
    assert not past_due(due, due)
    assert past_due(due, date(2027, 3, 15))


# --- the newer schema --------------------------------------------------------------------------------------


def _file_with_version(path: Path, version: int) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
    return path


def test_a_schema_newer_than_the_latest_is_refused_and_the_latest_opens(tmp_path: Path) -> None:
    latest = tmp_path / "latest.sqlite3"
    open_database(latest)
    close_database()
    assert check_openable(latest) == migrations.LATEST_VERSION
    newer = _file_with_version(tmp_path / "newer.sqlite3", migrations.LATEST_VERSION + 1)
    before = newer.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version"):
        check_openable(newer)
    with pytest.raises(NewerSchemaError):
        open_database(newer)
    assert newer.read_bytes() == before


# --- the reflections: prompts, words, attestation ---------------------------------------------------------


def test_25_words_learned_are_enough_and_24_are_not() -> None:
    assert MIN_LEARNED_WORDS == 25
    assert not enough_words(24) and enough_words(25)
    assert not learned_is_enough(" ".join(["word"] * 24))
    assert learned_is_enough(" ".join(["word"] * 25))
    assert word_count("Self-assessment isn't hard: 市民参加") == 7  # hyphen and apostrophe words, CJK per character


def test_the_activity_dialog_and_the_report_editor_prompt_the_same() -> None:
    from wethrive_desktop.ui.activities import dialog as activity_dialog
    from wethrive_desktop.ui.report import reflections

    # vars(): neither module re-exports the prompts it imports, and the test is that they use these very objects
    assert vars(activity_dialog)["DESCRIPTION_PROMPT"] is vars(reflections)["DESCRIPTION_PROMPT"] is DESCRIPTION_PROMPT
    assert vars(activity_dialog)["LEARNED_PROMPT"] is vars(reflections)["LEARNED_PROMPT"] is LEARNED_PROMPT
    assert str(MIN_LEARNED_WORDS) in LEARNED_PROMPT


def test_one_attestation_sentence() -> None:
    assert attestation_text(2025) == ("I attest that this report is a true and complete account of my professional "
                                      "development activities in 2025.")


# --- date ranges -------------------------------------------------------------------------------------------


def test_one_date_range_in_three_styles() -> None:
    assert date_range(None, None) == "not scheduled" and date_range(None, None, undated="") == ""
    assert date_range(date(2024, 5, 2), None) == "May 2, 2024"
    assert date_range(date(2024, 5, 2), date(2024, 5, 2)) == "May 2, 2024"
    assert date_range(date(2024, 5, 2), date(2024, 5, 4)) == "May 2\u20134, 2024"
    assert date_range(date(2024, 5, 30), date(2024, 6, 2)) == "May 30 \u2013 June 2, 2024"
    assert date_range(date(2024, 5, 30), date(2024, 6, 2), "short") == "May 30 \u2013 Jun 2, 2024"
    assert date_range(date(2024, 12, 30), date(2025, 1, 2)) == "December 30, 2024 \u2013 January 2, 2025"
    assert date_range(date(2024, 3, 5), date(2024, 3, 7), "iso") == "2024-03-05 \u2013 07"
    # within a plan's year, the year is left out; across years it is not
    assert date_range(date(2026, 3, 5), None, "short", year=2026) == "Mar 5"
    assert date_range(date(2026, 10, 4), date(2026, 10, 7), "short", year=2026) == "Oct 4\u20137"
    assert date_range(date(2026, 9, 30), date(2026, 10, 2), "short", year=2026) == "Sep 30 \u2013 Oct 2"
    assert date_range(date(2026, 12, 30), date(2027, 1, 2), "short", year=2026) == \
        "Dec 30, 2026 \u2013 Jan 2, 2027"


def test_the_planner_shows_a_span_through_the_one_table_spelling_and_the_cli_through_date_range(
        qapp: object) -> None:
    """The plan's table writes an item's dates as every table does (ui/widgets/dates.short_range, the locale's
    figures), the command line with date_range's ISO span."""
    from wethrive_desktop.ui.i18n import install_qt
    from wethrive_desktop.ui.planner.items import shown_dates
    from wethrive_desktop.ui.widgets.dates import short_range

    install_qt()
    item = new_item("Conference", start_date=date(2026, 10, 4), end_date=date(2026, 10, 7))
    assert shown_dates(item) == short_range(date(2026, 10, 4), date(2026, 10, 7)) == "10/4/2026 \u2013 10/7/2026"
    assert shown_dates(new_item("Book")) == "not dated"
    assert date_range(item.start_date, item.end_date, "iso") == "2026-10-04 \u2013 07"


def test_one_type_label() -> None:
    from wethrive_desktop.ui.activities import model as activity_model

    assert type_label("leadership institute") == "Leadership institute"
    assert vars(activity_model)["type_label"] is type_label


# --- the clock ---------------------------------------------------------------------------------------------


def test_the_clock_is_the_real_one_unless_set(frozen_today: Callable[[date], None]) -> None:
    real = date.today()
    assert clock.today() in (real, date.today())  # (midnight may pass between the two calls)
    frozen_today(date(2026, 3, 15))
    assert clock.today() == date(2026, 3, 15) and clock.now().date() == date(2026, 3, 15)
    with clock.frozen(date(2020, 2, 29)) as day:
        assert day == clock.today() == date(2020, 2, 29)
    assert clock.today() == date(2026, 3, 15)  # back to what it was
    clock.set_today(datetime(2030, 1, 2, 9, 0))  # a datetime counts as its day
    assert clock.today() == date(2030, 1, 2)
    clock.set_today(None)
    assert clock.today() in (real, date.today())


def test_defaults_come_from_the_clock(db: object, frozen_today: Callable[[date], None]) -> None:
    from wethrive_desktop.models.dashboard import dashboard_data
    from wethrive_desktop.models.plan_actions import activity_for_item

    frozen_today(date(2031, 7, 4))
    assert dashboard_data().today == date(2031, 7, 4)
    assert activity_for_item(new_item("Book")).start_date == date(2031, 7, 4)


def test_no_module_keeps_its_own_today() -> None:
    root = Path(__file__).resolve().parents[1] / "wethrive_desktop"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "date.today()" in text or "def today(" in text:
            offenders.append(path.relative_to(root).as_posix())
    assert offenders == []
