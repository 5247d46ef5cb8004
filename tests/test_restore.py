"""Restoring an automatic backup: the list with counts, the restore in one step (after a copy of the current
content), a copy from an older version brought up to date, and refusals that leave the database as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from wethrive_desktop.cli import main
from wethrive_desktop.models import migrations
from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.backups import backup_now, list_backups, restore_backup, summarize_backups
from wethrive_desktop.models.db import StoreError, close_database, open_database

NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture(autouse=True)
def closed() -> Iterator[None]:
    yield
    close_database()


def add(*titles: str) -> None:
    for title in titles:
        save_activity(ActivityData(date(2026, 3, 1), title, Decimal(2), "workshop"))


def titles() -> list[str]:
    return sorted(r.data.title for r in load_activities())


def test_restore_brings_back_the_copy_and_keeps_a_copy_of_what_it_replaced(db: object, db_path: Path) -> None:
    add("Ethics 101", "Budgeting")
    copy = backup_now("before csv import", NOW)
    add("Imported by mistake", "Also by mistake")
    summaries = summarize_backups(db_path)
    assert [(s.backup.path, s.activities) for s in summaries] == [(copy, 2)]
    before = restore_backup(copy)
    assert titles() == ["Budgeting", "Ethics 101"]
    assert before in [b.path for b in list_backups(db_path)]
    assert [s.activities for s in summarize_backups(db_path)][0] == 4  # the newest: what the restore replaced
    add("After the restore")  # the database is still usable, in WAL mode
    assert len(titles()) == 3
    close_database()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_restoring_a_copy_from_an_older_version_brings_it_up_to_date(tmp_path: Path, db_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    database = open_database(old, migrate=False)
    migrations.migrate(database, old, target=3)
    database.execute_sql("INSERT INTO activity (id, start_date, title, type, hours, created_at, updated_at) "
                         "VALUES (1, '2025-03-01', 'Ethics 101', 'e-course', 150, '2025-03-01', '2025-03-01')")
    close_database()
    database = open_database(db_path)
    add("Newer record")
    restore_backup(old)
    assert titles() == ["Ethics 101"]
    assert migrations.schema_version(database) == migrations.LATEST_VERSION


def test_a_file_that_is_not_a_copy_is_refused_and_nothing_changes(db: object, db_path: Path, tmp_path: Path) -> None:
    add("Ethics 101")
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a database")
    other = tmp_path / "music.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE songs (t)")
    con.close()
    for bad in (notes, other, tmp_path / "missing.sqlite3", db_path):
        with pytest.raises(StoreError):
            restore_backup(bad)
    assert titles() == ["Ethics 101"]
    assert list_backups(db_path) == []  # refused before the safety copy


def test_restore_command(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_path)
    add("Kept")
    copy = backup_now("daily", NOW - timedelta(days=1))
    add("Dropped")
    close_database()
    assert main(["restore", str(copy), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "1 activit" in out
    open_database(db_path)
    assert titles() == ["Kept"]


def test_file_restore_from_backup_in_the_window(make_window: object, qtbot: object, db_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog
    from pytestqt.qtbot import QtBot

    from wethrive_desktop.ui import prompts
    from wethrive_desktop.ui.activities.page import ActivityLogPage
    from wethrive_desktop.ui.restore_dialog import RestoreDialog

    assert isinstance(qtbot, QtBot)
    window = make_window()  # type: ignore[operator]
    add("Kept")
    copy = backup_now("before csv import", NOW)
    add("Dropped")
    window.notify_data_changed()
    seen: list[list[str]] = []

    def choose_first(dialog: QDialog) -> bool:
        assert isinstance(dialog, RestoreDialog)
        items = [dialog.table.item(0, c) for c in range(3)]
        seen.append([item.text() if item is not None else "" for item in items])
        assert dialog.restore_button.isEnabled()
        dialog.restore_button.click()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
        return True

    monkeypatch.setattr(prompts, "run_modal", choose_first)
    assert window.restore_from_backup() == copy
    assert seen == [["November 23, 2026, 09:30", "Before a spreadsheet import", "1"]]
    assert titles() == ["Kept"]
    page = window.page(ActivityLogPage)
    assert page.model.rowCount() == 1  # the window shows the restored records
    assert not window.undo_stack.canUndo()
    assert "Restored from" in window.statusBar().currentMessage()


def test_restore_with_no_backups_says_so(make_window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.ui import prompts

    window = make_window()  # type: ignore[operator]
    told: list[str] = []
    def notice(parent: object, title: str, text: str, *rest: str) -> bool:
        told.append(text)
        return False

    monkeypatch.setattr(prompts, "show_notice", notice)
    assert window.restore_from_backup() is None
    assert told and "no automatic backups" in told[0]


def test_a_restore_ended_after_its_dialog_was_closed_still_reloads_the_window(
        make_window: object, qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the monkey: the dialog closed by force while the restore ran, then deleted; the restore's end must
    neither touch the deleted dialog nor leave the window showing records that are gone."""
    from PySide6.QtWidgets import QDialog
    from pytestqt.qtbot import QtBot

    from wethrive_desktop.ui import prompts
    from wethrive_desktop.ui.restore_dialog import RestoreDialog

    assert isinstance(qtbot, QtBot)
    window = make_window()  # type: ignore[operator]
    add("Kept")
    backup_now("daily", NOW)
    add("Dropped")

    def click_then_close(dialog: QDialog) -> bool:
        assert isinstance(dialog, RestoreDialog)
        dialog.restore_button.click()
        dialog.done(QDialog.DialogCode.Rejected)
        return False

    monkeypatch.setattr(prompts, "run_modal", click_then_close)
    window.restore_from_backup()
    qtbot.waitUntil(lambda: "Restored from" in window.statusBar().currentMessage())
    assert titles() == ["Kept"]


def test_a_damaged_database_can_be_restored_from_its_backup(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged file is what a restore is for: neither the command nor the copy taken first refuses it."""
    open_database(db_path)
    for i in range(300):
        save_activity(ActivityData(date(2026, 3, 1), f"Course {i} " + "notes " * 30, Decimal(2), "workshop"))
    copy = backup_now("daily", NOW)
    close_database()
    size = db_path.stat().st_size
    with db_path.open("r+b") as fh:  # a page in the middle overwritten with garbage; the header stays valid
        fh.seek((size // 4096 // 2) * 4096)
        fh.write(b"\xa5" * 4096)
    assert main(["restore", str(copy), "--db", str(db_path)]) == 0
    assert "Restored" in capsys.readouterr().out
    open_database(db_path)
    assert len(titles()) == 300
