"""The main window opens on a database and says which one; on the demo data it says Demo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.paths import demo_db_path
from wethrive_desktop.ui.main_window import MainWindow


def test_main_window_shows_the_database_name(window: MainWindow, db_path: Path) -> None:
    assert window.objectName() == "mainWindow"
    assert db_path.name in window.windowTitle()
    assert "Demo" not in window.windowTitle()


def test_demo_database_window_says_demo(make_window: Callable[..., MainWindow]) -> None:
    path = ensure_demo_database(demo_db_path())
    window = make_window(path)
    assert "Demo" in window.windowTitle()
    assert path.name in window.windowTitle()
