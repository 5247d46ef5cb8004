"""Automatic backups: one a day, one before each import, thinned to days, then weeks, then months."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from wethrive_desktop.exchange.calendar_import import import_ics
from wethrive_desktop.exchange.csv_io import apply_import, preview_import
from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.backups import (
    Backup,
    backups_folder,
    daily_backup,
    list_backups,
    to_keep,
)

NOW = datetime(2026, 11, 23, 9, 30)


def titles_in(copy: Path) -> list[str]:
    con = sqlite3.connect(copy)
    try:
        return [t for (t,) in con.execute("SELECT title FROM activity ORDER BY id")]
    finally:
        con.close()


def add(title: str) -> None:
    save_activity(ActivityData(date(2026, 5, 1), title, Decimal(1), "webinar"))


def test_daily_backup_once_a_day_with_the_records(db: object, db_path: Path) -> None:
    add("Budgeting for Outcomes")
    first = daily_backup(NOW)
    assert first is not None and first.parent == backups_folder(db_path)
    assert titles_in(first) == ["Budgeting for Outcomes"]
    assert daily_backup(NOW + timedelta(hours=3)) is None  # one a day is enough
    assert daily_backup(NOW + timedelta(days=1)) is not None
    assert len(list_backups(db_path)) == 2


def test_thinning_keeps_the_newest_of_each_day_then_week_then_month(tmp_path: Path) -> None:
    today = date(2026, 11, 23)
    evening = datetime(2026, 11, 23, 20, 0)
    copies = [Backup(tmp_path / f"{i}.sqlite3", evening - timedelta(days=d, hours=h), "daily")
              for i, (d, h) in enumerate([(0, 0), (0, 5), (3, 0), (10, 0), (11, 0), (40, 0), (41, 0), (200, 0),
                                          (500, 0)])]
    kept = {p.name for p in to_keep(copies, today)}
    # today: the newer of two; day 3; one of the week holding days 10-11; one of the month holding days 40-41;
    # day 200 is within 12 months; day 500 is not.
    assert "0.sqlite3" in kept and "1.sqlite3" not in kept
    assert "2.sqlite3" in kept
    assert len(kept & {"3.sqlite3", "4.sqlite3"}) == 1
    assert len(kept & {"5.sqlite3", "6.sqlite3"}) == 1
    assert "7.sqlite3" in kept and "8.sqlite3" not in kept


def test_thinning_removes_old_copies_and_only_ours(db: object, db_path: Path) -> None:
    add("Ethics 101")
    old = daily_backup(NOW - timedelta(days=800))
    assert old is not None and old.exists()
    stranger = backups_folder(db_path) / "my-notes.txt"
    stranger.write_text("mine")
    daily_backup(NOW)
    assert not old.exists()
    assert stranger.exists()


def test_csv_import_takes_a_copy_of_what_was_there_first(db: object, db_path: Path, tmp_path: Path) -> None:
    add("Before the import")
    source = tmp_path / "more.csv"
    source.write_text("date,title,hours,type\n2026-06-01,Strategic Planning Workshop,3,workshop\n")
    assert apply_import(preview_import(source)) == 1
    (copy,) = list_backups(db_path)
    assert copy.reason == "before-csv-import"
    assert titles_in(copy.path) == ["Before the import"]


def test_an_import_into_an_empty_database_needs_no_copy(db: object, db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "first.csv"
    source.write_text("date,title,hours\n2026-06-01,Strategic Planning Workshop,3\n")
    apply_import(preview_import(source))
    assert list_backups(db_path) == []


def test_calendar_import_takes_a_copy_only_when_it_adds(db: object, db_path: Path, tmp_path: Path) -> None:
    add("Before the calendar")
    ics = tmp_path / "c.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:abc-1\r\n"
                   "DTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270311\r\n"
                   "SUMMARY:Regional Summit\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    import_ics(ics)
    assert [b.reason for b in list_backups(db_path)] == ["before-calendar-import"]
    import_ics(ics)  # nothing new: no second copy
    assert len(list_backups(db_path)) == 1
