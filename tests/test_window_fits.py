"""The window fits small screens: it takes the sizes of a 1366x768 laptop at 150 % (800x480) and of a 1024x600
netbook when asked, leaves the pages the room they are promised there, never opens larger than the screen's
available area (a first start, and a remembered size or place that no longer fits), and keeps its status bar and
menus whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_checks import clipped

from wethrive_desktop.app import create_main_window, open_window
from wethrive_desktop.models.db import close_database
from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.ui.main_window import DEFAULT_SIZE, MainWindow

SMALL_SIZES = [(800, 480), (1024, 600)]
# What a page gets at the smallest window (800x480): the room the page owners lay their pages out for.
PAGE_AREA = QSize(600, 400)


def available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def demo_window(make_window: Callable[..., MainWindow], data_dir: Path,
                size: tuple[int, int] | None = (1366, 768)) -> MainWindow:
    return make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True, size=size)


@pytest.mark.parametrize("size", SMALL_SIZES)
def test_the_window_takes_the_small_sizes_asked_for(make_window: Callable[..., MainWindow], data_dir: Path,
                                                    size: tuple[int, int]) -> None:
    window = demo_window(make_window, data_dir, size)
    for row in range(window.nav.count()):  # whichever page is shown
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        assert window.size() == QSize(*size), window.current_page()


def test_the_shell_leaves_the_pages_their_room_at_800x480(make_window: Callable[..., MainWindow],
                                                          data_dir: Path) -> None:
    """Whatever the pages need, the page list, menu bar and status bar take no more than this from 800x480."""
    window = demo_window(make_window, data_dir)
    for page in window.pages.values():
        page.setMinimumSize(1, 1)  # the pages' own minimums are their owners' tests: here only the shell's count
    assert window.minimumSizeHint().boundedTo(QSize(800, 480)) == window.minimumSizeHint()
    window.resize(800, 480)
    QApplication.processEvents()
    assert window.size() == QSize(800, 480)
    assert window.stack.width() >= PAGE_AREA.width() and window.stack.height() >= PAGE_AREA.height()


@pytest.mark.parametrize("size", SMALL_SIZES)
def test_the_status_bar_and_menus_stay_whole_in_the_window(make_window: Callable[..., MainWindow], data_dir: Path,
                                                           size: tuple[int, int]) -> None:
    window = demo_window(make_window, data_dir)
    for page in window.pages.values():
        page.setMinimumSize(1, 1)
    window.resize(*size)
    QApplication.processEvents()
    inside = window.rect()
    status, bar = window.statusBar(), window.menuBar()
    assert inside.contains(status.geometry()) and inside.contains(bar.geometry())
    assert clipped(status) == []
    for action in bar.actions():
        assert bar.rect().contains(bar.actionGeometry(action)), action.text()  # no menu pushed out of sight
    names = window.nav
    longest = max(names.fontMetrics().horizontalAdvance(names.item(r).text()) for r in range(names.count()))
    assert names.width() > longest  # no page name cut


def test_a_first_start_opens_within_the_screen(make_window: Callable[..., MainWindow]) -> None:
    window = make_window(size=None)
    area = available()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert window.size() == QSize(*DEFAULT_SIZE).boundedTo(area.size())  # as large as it may, up to its default


@pytest.fixture
def reopen(qtbot: QtBot, db_path: Path) -> Iterator[Callable[[], MainWindow]]:
    """Open the database as the app does (app.open_window: shown, then fitted again with its frame)."""
    opened: list[MainWindow] = []

    def open_it() -> MainWindow:
        window = open_window(db_path)
        opened.append(window)
        qtbot.waitExposed(window)
        return window

    yield open_it
    for window in opened:
        window.close()
    close_database()


def test_a_remembered_size_larger_than_the_screen_is_shrunk_to_it(make_window: Callable[..., MainWindow],
                                                                  reopen: Callable[[], MainWindow],
                                                                  qtbot: QtBot) -> None:
    area = available()
    window = make_window(size=(area.width() + 600, area.height() + 400))
    window.close()  # remembers that size
    again = reopen()
    qtbot.waitUntil(lambda: area.contains(again.frameGeometry()))


def test_a_window_remembered_on_a_screen_that_is_gone_opens_on_this_one(make_window: Callable[..., MainWindow],
                                                                       reopen: Callable[[], MainWindow],
                                                                       qtbot: QtBot) -> None:
    area = available()
    window = make_window(size=None)
    size = window.minimumSizeHint().expandedTo(QSize(700, 450))  # fits the screen, and the window allows it
    window.resize(size)
    window.move(area.right() + 1500, area.bottom() + 300)  # on a second monitor, unplugged since
    window.close()
    again = reopen()
    qtbot.waitUntil(lambda: area.contains(again.frameGeometry()))
    assert again.size() == size  # the size it had, which fits


def test_fitting_moves_a_window_back_onto_the_screen(db_path: Path) -> None:
    """app.open_window fits the window again once shown (with its frame): a window hanging off the bottom-right
    comes back whole."""
    window = create_main_window(db_path)
    try:
        area = available()
        window.resize(640, 420)
        window.move(area.right() - 100, area.bottom() - 100)
        window.fit_to_screen()
        assert area.contains(window.frameGeometry()) and window.size() == QSize(640, 420)
    finally:
        window.close()
        close_database()
