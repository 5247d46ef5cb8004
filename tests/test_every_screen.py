"""Every page of the main window, as a user meets it on the demo data (issue 15): at the three screen sizes nothing
is cut or off screen and nothing scrolls sideways; every access key shown works and none is used twice; and under a
pseudo-translation every text shown went through `tr` (so a translation would reach all of it). The dialogs are
checked the same way by the tests of the pages that open them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget
from ui_checks import clipped, mnemonic_problems, untranslated

from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.pages import PAGES

SIZES = [(1366, 768), (1024, 600), (800, 480)]  # a laptop; a netbook; a 1366x768 laptop at 150% scaling


def each_view(window: MainWindow) -> Iterator[str]:
    """Show each page in turn, and each tab of a page with tabs; yields what is shown ("Annual report: Preview")."""
    for row, entry in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        page = window.stack.currentWidget()
        assert page is not None
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(window)]
        if not tabs:
            yield entry.title
            continue
        for index in range(tabs[0].count()):
            tabs[0].setCurrentIndex(index)
            QApplication.processEvents()
            yield f"{entry.title}: {tabs[0].tabText(index)}"


@pytest.fixture
def demo_window(make_window: Callable[..., MainWindow], data_dir: Path) -> Callable[..., MainWindow]:
    def make(size: tuple[int, int]) -> MainWindow:
        return make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True, size=size)
    return make


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_fits(demo_window: Callable[..., MainWindow], size: tuple[int, int]) -> None:
    window = demo_window(size)
    assert (window.width(), window.height()) == size
    problems = [f"{view}: {problem}" for view in each_view(window) for problem in clipped(window)]
    assert problems == []


def test_every_access_key_works_once(demo_window: Callable[..., MainWindow]) -> None:
    window = demo_window((1366, 768))
    problems = [f"{view}: {problem}" for view in each_view(window) for problem in mnemonic_problems(window)]
    assert problems == []


def test_every_text_goes_through_translation(demo_window: Callable[..., MainWindow],
                                             pseudo_translation: None) -> None:
    window = demo_window((1366, 768))
    problems = [f"{view}: {problem}" for view in each_view(window) for problem in untranslated(window)]
    assert problems == []
