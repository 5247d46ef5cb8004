"""Automatic backups: one a day, one before each import, thinned to days, then weeks, then months."""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import peewee
import pytest

from wethrive_desktop import files
from wethrive_desktop.exchange.calendar_import import import_ics
from wethrive_desktop.exchange.csv_io import apply_import, preview_import
from wethrive_desktop.models import backups
from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.backups import (
    Backup,
    BackupError,
    backup_before,
    backup_now,
    backups_folder,
    daily_backup,
    list_backups,
    thin,
    to_keep,
)
from wethrive_desktop.models.db import StoreError

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


# --- leftovers, same-second copies, a full disk (issue "data safety") ---------------------------------------

def test_thinning_removes_temp_files_of_killed_backups_but_not_a_running_ones(db: object, db_path: Path) -> None:
    add("Ethics 101")
    folder = backups_folder(db_path)
    folder.mkdir()
    two_hours_ago = time.time() - 2 * 3600
    killed = folder / f".{db_path.stem}-20261122-093000-daily.sqlite3.k1ll3d_x.part"
    killed_numbered = folder / f".{db_path.stem}-20261122-093000-2-before-csv-import.sqlite3.abcd1234.part"
    running = folder / f".{db_path.stem}-20261123-093000-daily.sqlite3.runn1ng_.part"
    strangers = [folder / ".my-notes.txt.abcd1234.part",  # not a copy's temp file
                 folder / ".other-20261122-093000-daily.sqlite3.abcd1234.part",  # another database's
                 folder / f".{db_path.stem}-20261122-093000-daily.sqlite3.abcd1234.part.keep"]
    for path in [killed, killed_numbered, running, *strangers]:
        path.write_bytes(b"half a copy")
    for path in [killed, killed_numbered, *strangers]:
        os.utime(path, (two_hours_ago, two_hours_ago))
    assert daily_backup(NOW) is not None
    assert not killed.exists() and not killed_numbered.exists()
    assert running.exists()  # a backup still being written keeps its temp file
    assert all(path.exists() for path in strangers)
    assert thin(db_path, NOW.date()) == []  # nothing more to remove


def test_two_backups_in_the_same_second_get_two_names(db: object, db_path: Path) -> None:
    add("Budgeting for Outcomes")
    first = backup_now("before csv import", NOW)
    second = backup_now("before csv import", NOW)
    third = backup_now("daily", NOW)
    assert len({first, second, third}) == 3 and all(p.exists() for p in (first, second, third))
    assert second.name == f"{db_path.stem}-20261123-093000-2-before-csv-import.sqlite3"
    assert third.name == f"{db_path.stem}-20261123-093000-3-daily.sqlite3"
    backups = list_backups(db_path)
    assert [b.path for b in backups] == [first, second, third]  # in the order taken
    assert [b.reason for b in backups] == ["before-csv-import", "before-csv-import", "daily"]
    assert {b.taken for b in backups} == {NOW.replace(microsecond=0)}
    # Thinning sees them all: the newest of the day is kept.
    assert thin(db_path, NOW.date()) == [first, second]
    assert [b.path for b in list_backups(db_path)] == [third]


def test_two_backups_at_once_from_two_threads_get_two_names(db: peewee.SqliteDatabase, db_path: Path) -> None:
    add("Budgeting for Outcomes")
    start = threading.Barrier(2)
    taken: list[Path] = []
    failed: list[BaseException] = []

    def take() -> None:
        try:
            start.wait()
            taken.append(backup_now("daily", NOW))
        except BaseException as exc:  # reported below, on the test's thread
            failed.append(exc)
        finally:
            db.close()  # this thread's connection

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    assert len(set(taken)) == 2
    assert sorted(b.path for b in list_backups(db_path)) == sorted(taken)
    assert all(titles_in(path) == ["Budgeting for Outcomes"] for path in taken)


def test_a_full_disk_stops_the_import_with_a_clear_message(db: object, db_path: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    add("Before the import")
    source = tmp_path / "more.csv"
    source.write_text("date,title,hours,type\n2026-06-01,Strategic Planning Workshop,3,workshop\n")
    preview = preview_import(source)

    def disk_full(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(files, "_fsync", disk_full)  # the copy's temp file cannot be flushed to disk
    with pytest.raises(BackupError) as raised:
        apply_import(preview)
    message = str(raised.value)
    assert message.startswith("could not make the backup before csv import: the disk is full (")
    assert str(backups_folder(db_path)) in message
    assert message.endswith("; nothing was imported")
    assert isinstance(raised.value, StoreError) and raised.value.folder == backups_folder(db_path)
    assert [a.data.title for a in load_activities()] == ["Before the import"]
    assert list(backups_folder(db_path).iterdir()) == []  # no copy, no temp file left behind


def test_sqlite_reporting_a_full_disk_is_a_backup_error_too(db: object, db_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    add("Ethics 101")

    def full(dest: Path, source: object = None, check: bool = True) -> Path:
        exc = sqlite3.OperationalError("database or disk is full")
        exc.sqlite_errorcode = 13  # SQLITE_FULL
        raise exc

    monkeypatch.setattr(backups, "backup_to", full)
    with pytest.raises(BackupError, match=r"^could not make the daily backup: the disk is full \("):
        daily_backup(NOW)
    with pytest.raises(BackupError, match=r"the disk is full .*; nothing was imported$"):
        backup_before("calendar import")


def test_other_failures_of_a_backup_are_not_dressed_up(db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    add("Ethics 101")

    def broken(dest: Path, source: object = None, check: bool = True) -> Path:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backups, "backup_to", broken)
    with pytest.raises(OSError) as raised:
        backup_now("daily", NOW)
    assert not isinstance(raised.value, BackupError) and raised.value.errno == errno.EIO
