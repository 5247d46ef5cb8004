"""Leaving the demo data for one's own records, opening another database, and keeping what was typed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from wethrive_desktop import app
from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.paths import default_db_path, demo_db_path
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.main_window import MainWindow

LAST_YEAR = date.today().year - 1


@pytest.fixture
def opened(qtbot: QtBot) -> Iterator[list[MainWindow]]:
    """Windows the test opens through the app; all closed afterwards."""
    windows: list[MainWindow] = []
    yield windows
    for window in [*windows, *app._current]:
        window.undo_stack.clear()
        window.close()
    close_database()


def open_window(opened: list[MainWindow], path: Path, demo: bool | None = None) -> MainWindow:
    window = app.open_window(path, demo)
    opened.append(window)
    return window


def learned_in(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [v for (v,) in con.execute("SELECT learned FROM activity ORDER BY id")]
    finally:
        con.close()


def test_start_my_own_records_leaves_the_demo_for_a_new_empty_database(opened: list[MainWindow]) -> None:
    from wethrive_desktop.models.demo import ensure_demo_database

    demo = open_window(opened, ensure_demo_database(demo_db_path()), True)
    assert not default_db_path().exists()
    demo.own_records_action.trigger()
    (own,) = app._current
    assert own is not demo and not own.demo and own.db_path == default_db_path()
    assert default_db_path().exists() and "Demo" not in own.windowTitle()
    assert not demo.isVisible()
    open_demo = own.findChild(QAction, "openDemoAction")
    assert open_demo is not None
    open_demo.trigger()
    (back,) = app._current
    assert back.demo and back.db_path == demo_db_path()
    start_own = back.findChild(QPushButton, "startOwnRecordsButton")
    assert start_own is not None
    start_own.click()  # the same, from the demo note in the status bar
    (own_again,) = app._current
    assert own_again.db_path == default_db_path() and not own_again.demo


def test_a_file_that_is_not_a_database_is_refused_and_the_user_stays(
        opened: list[MainWindow], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(opened, db_path)
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("my notes")
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(prompts, "choose_open_file", lambda *a, **k: notes)
    open_database_action = window.findChild(QAction, "openDatabaseAction")
    assert open_database_action is not None
    open_database_action.trigger()
    assert errors and "not a WeThrive database" in errors[0]
    assert app._current == [window] and window.isVisible()
    assert notes.read_text() == "my notes"


def typing_a_reflection(opened: list[MainWindow], db_path: Path, qtbot: QtBot, text: str) -> MainWindow:
    """A window on last year's report, with `text` just typed as an activity's "what I learned" (not yet saved)."""
    open_database(db_path)
    activity_id = save_activity(ActivityData(date(LAST_YEAR, 3, 2), "Budget webinar", Decimal(2), "webinar"))
    close_database()
    window = open_window(opened, db_path)
    page = window.show_page("reportPage")
    page.select_activity(activity_id)  # type: ignore[attr-defined]
    QTest.keyClicks(page.learned_field.edit, text)  # type: ignore[attr-defined]
    return window


def test_a_reflection_typed_just_before_switching_is_saved_to_its_own_database(
        opened: list[MainWindow], db_path: Path, tmp_path: Path, qtbot: QtBot) -> None:
    window = typing_a_reflection(opened, db_path, qtbot, "Outcome budgets need targets.")
    other = tmp_path / "other.sqlite3"
    app.switch_database(window, other, False)  # at once: the editor had not saved yet
    assert learned_in(db_path) == ["Outcome budgets need targets."]
    assert learned_in(other) == []


def test_closing_the_window_keeps_a_reflection_not_yet_saved(
        opened: list[MainWindow], db_path: Path, qtbot: QtBot) -> None:
    window = typing_a_reflection(opened, db_path, qtbot, "Typed, then closed at once.")
    window.close()
    assert learned_in(db_path) == ["Typed, then closed at once."]
