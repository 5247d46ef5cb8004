"""The main window opens on a database and says which one; on the demo data it says Demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wethrive_desktop.app import create_main_window
from wethrive_desktop.models.db import close_database
from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.paths import demo_db_path


@pytest.fixture(autouse=True)
def closed() -> Iterator[None]:
    yield
    close_database()


def test_main_window_shows_the_database_name(qtbot: QtBot, db_path: Path) -> None:
    window = create_main_window(db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.objectName() == "mainWindow"
    assert db_path.name in window.windowTitle()
    assert "Demo" not in window.windowTitle()


def test_demo_database_window_says_demo(qtbot: QtBot) -> None:
    path = ensure_demo_database(demo_db_path())
    window = create_main_window(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Demo" in window.windowTitle()
    assert path.name in window.windowTitle()
