"""Shared fixtures. Every test gets its own data folder, so none can touch the user's real data."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from wethrive_desktop.ui.main_window import MainWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test's own data folder (WETHRIVE_DATA_DIR) and config folder (WETHRIVE_CONFIG_DIR, where the data-folder
    pointer of Preferences lives): no test reads or writes the user's real ones. Afterwards, the data folder is
    worked out afresh, as at a new start."""
    from wethrive_desktop import paths

    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("WETHRIVE_DATA_DIR", str(folder))
    monkeypatch.setenv("WETHRIVE_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    yield folder
    paths.forget_this_run()


@pytest.fixture
def frozen_today() -> Iterator[Callable[[date], None]]:
    """Set the app's one clock (models.clock): `frozen_today(date(2026, 3, 15))` and every today() in the app,
    models and pages alike, is that day until the test ends (then the real clock is back)."""
    from wethrive_desktop.models import clock

    yield clock.set_today
    clock.set_today(None)


@pytest.fixture(autouse=True)
def english_dates() -> Iterator[None]:
    """Dates as a US-English system writes them in the GUI ("November 16, 2026", "11/16/2026"), whatever this
    machine's locale (a test of another locale sets its own QLocale default); after the test, `i18n` is back to
    plain English as the command line has it (a window installs Qt's translation: see ui/i18n.install_qt)."""
    from PySide6.QtCore import QLocale

    from wethrive_desktop import i18n

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    i18n.install(None)


@pytest.fixture(autouse=True)
def plain_look() -> Iterator[None]:
    """After a test that changed the look (Preferences' theme, a zoom), the system theme and text size are back,
    so no later test runs in a dark palette or a larger font by accident."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        from wethrive_desktop.ui.theme import apply_text_size, apply_theme

        apply_theme(app, "system")
        apply_text_size(app, 100)


@pytest.fixture
def pseudo_translation(qapp: object) -> Iterator[None]:
    """Every text that goes through `tr` reads ⟦text⟧ while the test runs (tests/ui_checks.untranslated finds the
    ones that do not)."""
    from PySide6.QtCore import QCoreApplication

    from wethrive_desktop import i18n
    from wethrive_desktop.ui.i18n import PseudoTranslator, install_qt

    translator = PseudoTranslator()
    install_qt()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)
    i18n.install(None)


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "test.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    """An open, migrated, empty database."""
    from wethrive_desktop.models.db import close_database, open_database

    database = open_database(db_path)
    yield database
    close_database()


@pytest.fixture
def make_window(qtbot: QtBot, db_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """Build main windows the way the app does, shown at the 1366x768 the app is designed for (`size=None` keeps
    the size the window picks or remembers; `defer_pages` builds each page when first shown, as the app does).
    After the test each is closed, its undo stack cleared first (so no command outlives the database), and the
    database is closed. Set what the pages read at construction (the date, with `frozen_today`) before calling
    it."""
    from wethrive_desktop.app import create_main_window
    from wethrive_desktop.models.db import close_database

    windows: list[MainWindow] = []

    def make(path: Path | None = None, demo: bool | None = None,
             size: tuple[int, int] | None = (1366, 768), defer_pages: bool = False) -> MainWindow:
        window = create_main_window(path or db_path, demo, defer_pages=defer_pages)
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.undo_stack.clear()
        window.close()
    close_database()


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    """A main window on the test's (empty) database, shown at 1366x768."""
    return make_window()
