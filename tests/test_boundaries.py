"""Boundaries a mutation check found unguarded: each test here fails if its boundary moves by one (a hundredth of an
hour, a year, a word, a day, a schema version)."""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, ActivityRecord
from wethrive_desktop.models.annual_report import (
    MultiraterStatus,
    ReportActivity,
    ReportData,
    ReportDraft,
    activity_problems,
    assemble_report,
    readiness,
)
from wethrive_desktop.models.backups import KEEP_DAYS, Backup, list_backups, thin, to_keep
from wethrive_desktop.models.dashboard import DUE, OVERDUE, multirater_milestone
from wethrive_desktop.models.profile import ProfileData
from wethrive_desktop.models.reflections import MIN_LEARNED_WORDS, attestation_text

D = Decimal
YEAR = 2024
TODAY = date(2025, 2, 10)
STAMP = datetime(2024, 1, 1)
PROFILE = ProfileData(name="Member Name", member_number="123456", credential_status="credentialed",
                      program_entry_date=date(2021, 3, 1))
LEARNED = " ".join(["learned"] * MIN_LEARNED_WORDS)


def record(i: int, hours: str) -> ActivityRecord:
    data = ActivityData(date(YEAR, 3, i), f"Course {i}", D(hours), "workshop", practices=(1,),
                        description="Attended.", learned=LEARNED)
    return ActivityRecord(i, data, STAMP, STAMP)


def report(*hours: str, profile: ProfileData = PROFILE) -> ReportData:
    return assemble_report(YEAR, [record(i, h) for i, h in enumerate(hours, 1)], profile, None, None,
                           ReportDraft(YEAR), TODAY)


def pdf_text(data: ReportData) -> str:
    from wethrive_desktop.reports.pdf import render_report_pdf

    pdf = render_report_pdf(data, invariant=True)
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


# --- the PDF's "commitment met" at exactly 40 hours -------------------------------------------------------


def test_the_pdf_says_met_at_exactly_40_hours() -> None:
    text = pdf_text(report("20", "20"))
    assert "totalling 40 hours, meeting the 40-hour commitment of the ICMA Code of Ethics" in text
    assert "hour commitment · met" in text and "to go" not in text and "short of" not in text


def test_the_pdf_says_short_a_hundredth_below() -> None:
    text = pdf_text(report("20", "19.99"))
    assert "totalling 39.99 hours, 0.01 hours short of the 40-hour commitment of the ICMA Code of Ethics" in text
    assert "0.01 h to go" in text and "meeting the" not in text


def test_the_pdf_prints_the_one_attestation_sentence() -> None:
    assert attestation_text(YEAR) in pdf_text(report("40"))


# --- the catalogue of a year, in models/challenge.py ------------------------------------------------------


def test_the_challenge_lookup_uses_the_years_own_catalogue_or_the_newest_earlier_one(db: object) -> None:
    from wethrive_desktop.models.challenge import (
        ChallengeItemData,
        add_item,
        catalogue_for_year,
        load_catalogues,
        load_items,
        points_earned,
        zero_hour_entry,
    )

    add_item(ChallengeItemData(2020, "fund-donation", "Give to The Fund (2020)", 7))
    items_2017, items_2020 = load_items(2017), load_items(2020)
    assert catalogue_for_year(2016) == []  # none before the first
    assert catalogue_for_year(2017) == items_2017  # exactly its year: its own
    assert catalogue_for_year(2019) == items_2017  # a year with none: the newest earlier one
    assert catalogue_for_year(2020) == items_2020  # exactly its year: its own, not the earlier one
    assert catalogue_for_year(2021) == items_2020
    assert zero_hour_entry(date(2019, 5, 1), "fund-donation").title == "The Fund donation"
    assert zero_hour_entry(date(2020, 5, 1), "fund-donation").title == "Give to The Fund (2020)"
    catalogues = load_catalogues()
    assert points_earned([], load_items(), catalogues, 2019, True).catalogue_year == 2017
    assert points_earned([], load_items(), catalogues, 2020, True).catalogue_year == 2020


# --- 25 words learned --------------------------------------------------------------------------------------


def activity(words: int) -> ReportActivity:
    return ReportActivity(1, 1, "Course", date(YEAR, 3, 1), None, "ICMA", "workshop", D(3), (1,), "Attended.",
                          " ".join(["word"] * words))


def test_exactly_25_words_learned_pass_readiness_and_24_do_not() -> None:
    assert activity_problems(activity(25)) == []
    assert activity_problems(activity(24)) == [("\u201cwhat I learned\u201d has 24 of 25 words", "learned")]
    data = report("40")
    enough = replace(data, activities=(replace(data.activities[0], learned=" ".join(["word"] * 25)),))
    short = replace(data, activities=(replace(data.activities[0], learned=" ".join(["word"] * 24)),))
    assert {i.key: i for i in readiness(enough, TODAY)}["activities"].ok
    items = {i.key: i for i in readiness(short, TODAY)}
    assert "activities" not in items and items["activity-1"].blocking and items["activity-1"].field == "learned"


def test_the_editors_word_count_turns_green_at_25(qtbot: QtBot) -> None:
    from wethrive_desktop.ui.report.fields import ReflectionField
    from wethrive_desktop.ui.report.style import OK_COLOR, TODO_COLOR

    field = ReflectionField("What I learned", "prompt", "learnedTest", MIN_LEARNED_WORDS)
    qtbot.addWidget(field)
    field.edit.setPlainText(" ".join(["word"] * 24))
    assert TODO_COLOR in field.count.text() and "24 / 25" in field.count.text()
    field.edit.setPlainText(" ".join(["word"] * 25))
    assert OK_COLOR in field.count.text() and "25 / 25" in field.count.text()


# --- the 360 assessment on its due date -------------------------------------------------------------------


def test_the_360_is_not_overdue_on_its_due_date_and_overdue_the_day_after() -> None:
    due = PROFILE.multirater_due()
    assert due == date(2026, 3, 1)
    status = MultiraterStatus(PROFILE.program_entry_date, None, due)
    assert not status.overdue(due - timedelta(days=1))
    assert not status.overdue(due) and "overdue" not in status.describe(due)
    assert status.overdue(due + timedelta(days=1)) and "overdue" in status.describe(due + timedelta(days=1))
    assert multirater_milestone(PROFILE, due).state == DUE
    assert multirater_milestone(PROFILE, due + timedelta(days=1)).state == OVERDUE
    data = report("40")
    assert {i.key: i for i in readiness(data, due)}["multirater"].ok
    assert not {i.key: i for i in readiness(data, due + timedelta(days=1))}["multirater"].ok


# --- the newer schema, when switching databases -----------------------------------------------------------


@pytest.fixture
def opened(qtbot: QtBot) -> Iterator[list[object]]:
    from wethrive_desktop import app
    from wethrive_desktop.models.db import close_database

    windows: list[object] = []
    yield windows
    for window in [*windows, *app._current]:
        window.undo_stack.clear()  # type: ignore[attr-defined]
        window.close()  # type: ignore[attr-defined]
    close_database()


def set_user_version(path: Path, version: int) -> None:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()


def test_switching_to_a_newer_schema_is_refused_and_the_latest_opens(
        opened: list[object], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop import app
    from wethrive_desktop.models import migrations
    from wethrive_desktop.models.db import close_database, open_database
    from wethrive_desktop.ui import prompts

    newer, latest = tmp_path / "newer.sqlite3", tmp_path / "latest.sqlite3"
    for path in (newer, latest):
        open_database(path)
        close_database()
    set_user_version(newer, migrations.LATEST_VERSION + 1)
    before = newer.read_bytes()
    window = app.open_window(db_path)
    opened.append(window)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))

    assert app.switch_database(window, newer, False) is None
    assert len(errors) == 1 and "newer version" in errors[0]
    assert app._current == [window] and window.isVisible()
    assert newer.read_bytes() == before

    moved = app.switch_database(window, latest, False)  # exactly the latest version: opens
    assert moved is not None and app._current == [moved] and moved.db_path == latest
    assert len(errors) == 1


# --- backups keep exactly the last 7 days -----------------------------------------------------------------


def test_backups_keep_each_of_exactly_the_last_7_days(db: object, db_path: Path,
                                                      frozen_today: Callable[[date], None]) -> None:
    from wethrive_desktop.models.backups import backups_folder

    # A Thursday: the copies 6, 7 and 8 days old fall in one ISO week (Wednesday to Friday of the week before), so
    # a day more or less in the daily tier changes which of them survive.
    today = date(2026, 11, 26)
    assert today.isoweekday() == 4
    evening = datetime.combine(today, datetime.min.time()) + timedelta(hours=20)
    copies = [Backup(Path(f"{age}.sqlite3"), evening - timedelta(days=age), "daily") for age in range(9)]
    assert KEEP_DAYS == 7
    kept = {int(p.stem) for p in to_keep(copies, today)}
    assert kept == {0, 1, 2, 3, 4, 5, 6, 7}  # every day of the last 7, then the newest of that week (day 7)

    # The same through the files, with the clock's today.
    folder = backups_folder(db_path)
    folder.mkdir()
    for age in range(9):
        (folder / f"{db_path.stem}-{evening - timedelta(days=age):%Y%m%d-%H%M%S}-daily.sqlite3").write_bytes(b"")
    frozen_today(today)
    removed = thin(db_path)
    assert [p.name for p in removed] == [f"{db_path.stem}-{evening - timedelta(days=8):%Y%m%d-%H%M%S}-daily.sqlite3"]
    assert len(list_backups(db_path)) == 8
