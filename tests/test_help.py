"""The help, offline in the app: the Help menu's topics in one non-modal help window, F1 on the page shown, links
between topics, the keyboard shortcuts read from the window itself, where the data lives, and About's versions."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee
import PySide6
import pytest
import reportlab
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from ui_checks import clipped, mnemonic_problems, untranslated

from wethrive_desktop.crash_log import log_dir
from wethrive_desktop.models.backups import backups_folder
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.help.places import DataPlacesDialog
from wethrive_desktop.ui.help.topics import TOPICS, topic, topic_of_file
from wethrive_desktop.ui.help.window import HelpWindow
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.pages import PAGES

LINK = re.compile(r"\]\(([^)]+)\)")


def opening(opened: list[Path]) -> Callable[[Path], bool]:
    """A stand-in for prompts.open_with_system that notes what it was asked to open."""
    def open_with_system(path: Path) -> bool:
        opened.append(path)
        return True

    return open_with_system


def click_link(help_window: HelpWindow, href: str) -> None:
    """Click the link to `href` on the page shown, where it is drawn."""
    browser = help_window.browser
    document = browser.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 browser.cursorRect(cursor).center())
                return
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link to {href} on {browser.source().toString()}")


def test_every_topic_has_its_page_and_every_link_leads_to_one() -> None:
    for entry in TOPICS:
        text = entry.path.read_text(encoding="utf-8")
        assert text.startswith("# "), entry.slug
        for href in LINK.findall(text):
            if not href.startswith("https://"):
                assert topic_of_file(href) is not None, f"{entry.slug}: {href}"


def test_the_help_pages_ship_with_every_install() -> None:
    """A wheel carries what pyproject.toml declares as package data (build.spec collects the whole resources
    folder for the bundle)."""
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = pyproject["tool"]["setuptools"]["package-data"]["wethrive_desktop"]
    assert any(pattern in declared for pattern in ("resources/help/*", "resources/help/*.md"))


def test_every_page_has_its_help_topic() -> None:
    for entry in PAGES:
        assert topic(entry.help_topic).path.is_file(), entry.title


def test_the_help_menu_opens_its_topics_in_one_window_that_does_not_block(window: MainWindow) -> None:
    for name, heading in (("gettingStartedAction", "Getting started"), ("icmaHoursAction", "How ICMA counts hours"),
                          ("shortcutsAction", "Keyboard shortcuts")):
        action = window.findChild(QAction, name)
        assert action is not None and action in window.help_menu.actions()
        action.trigger()
        help_window = window.help_window
        assert help_window is not None and help_window.isVisible() and not help_window.isModal()
        assert help_window.browser.toPlainText().startswith(heading)
        assert help_window.topics.currentItem().text() == heading
    assert window.findChildren(HelpWindow) == [window.help_window]  # one, raised again each time
    assert "40 hours" in topic("icma-hours").path.read_text(encoding="utf-8")
    assert window.isEnabled() and QApplication.activeModalWidget() is None


def test_f1_opens_the_help_on_the_page_shown(make_window: Callable[..., MainWindow], qtbot: QtBot) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("plannerPage")
    QTest.keyClick(window, Qt.Key.Key_F1)
    help_window = window.help_window
    assert help_window is not None and help_window.current_topic() == topic("development-plan")
    assert help_window.browser.toPlainText().startswith("Development plan")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("reportPage")
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert window.help_window is help_window and help_window.current_topic() == topic("annual-report")


def test_links_lead_from_topic_to_topic_and_back(window: MainWindow, qtbot: QtBot) -> None:
    help_window = window.show_help("getting-started")
    help_window.resize(800, 480)
    click_link(help_window, "activities.md")
    qtbot.waitUntil(lambda: help_window.current_topic() == topic("activities"))
    assert help_window.browser.toPlainText().startswith("Activities")
    assert help_window.topics.currentItem().text() == "Activities"  # the list follows
    assert help_window.back_button.isEnabled()
    help_window.back_button.click()
    assert help_window.current_topic() == topic("getting-started")
    assert help_window.topics.currentItem().text() == "Getting started"
    help_window.topics.setCurrentRow(len(TOPICS) - 1)  # a topic chosen in the list
    assert help_window.current_topic() == TOPICS[-1]


def test_the_shortcuts_page_lists_every_shortcut_the_window_has_now(window: MainWindow) -> None:
    help_window = window.show_help("keyboard-shortcuts")
    text = help_window.browser.toPlainText()
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            assert keys.toString() in text, action.text()
    for expected in ("Ctrl+Tab", "Ctrl+PgDown", "Ctrl+W", "F1", "Ctrl+,", "Ctrl+1", "Go to Dashboard"):
        assert expected in text
    assert "Ctrl+D" in text  # a page's own (Duplicate, on the activity log), with the page it works on
    table = help_window.browser.document().rootFrame().childFrames()
    assert table, "the shortcuts are in a table"
    added = QAction("Jump somewhere", window)
    added.setShortcut("Ctrl+Alt+J")
    window.addAction(added)
    window.show_help("keyboard-shortcuts")
    assert "Jump somewhere" in help_window.browser.toPlainText()  # written afresh: it cannot go stale


def test_the_help_window_fits_800x480_and_its_keys_work(window: MainWindow, qtbot: QtBot) -> None:
    help_window = window.show_help("annual-report")
    help_window.resize(800, 480)
    qtbot.waitExposed(help_window)
    help_window.activateWindow()  # access keys work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is help_window)
    assert help_window.size().width() <= 800 and help_window.size().height() <= 480
    assert clipped(help_window) == []
    assert mnemonic_problems(help_window) == []


def test_the_help_window_speaks_through_tr(window: MainWindow, pseudo_translation: None) -> None:
    help_window = window.show_help("getting-started")
    assert untranslated(help_window) == []
    assert "\u27e6" in help_window.topics.item(0).text()


def test_where_my_data_lives_shows_each_place_and_opens_it(window: MainWindow, data_dir: Path, db_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(prompts, "open_with_system", opening(opened))
    action = window.findChild(QAction, "dataPlacesAction")
    assert action is not None
    action.trigger()
    dialog = window.findChild(DataPlacesDialog)
    assert dialog is not None and dialog.isVisible()
    places = {"dataFolder": data_dir, "database": db_path, "backups": backups_folder(db_path), "logs": log_dir()}
    for name, path in places.items():
        edit = dialog.findChild(QLineEdit, f"{name}Path")
        assert edit is not None and edit.text() == str(path), name
    buttons = {name: button for name in places if (button := dialog.findChild(QPushButton, f"{name}Button"))}
    assert list(buttons) == list(places)
    assert not buttons["backups"].isEnabled()  # no backup yet: nothing to open
    for name in ("dataFolder", "database", "logs"):
        buttons[name].click()
    assert opened == [data_dir, db_path.parent, log_dir()] and log_dir().is_dir()


def test_where_my_data_lives_fits_800x480(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.show_data_places()
    dialog.resize(800, 480)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # access keys work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert clipped(dialog) == []
    assert mnemonic_problems(dialog) == []


def test_about_tells_every_version(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_about", lambda parent, title, text: shown.append(text))
    about = window.findChild(QAction, "aboutAction")
    assert about is not None
    about.trigger()
    for version in (qVersion(), PySide6.__version__, reportlab.Version, peewee.__version__, sqlite3.sqlite_version):
        assert version in shown[0]
    for name in ("Python", "Qt", "PySide6", "ReportLab", "peewee", "SQLite", "WeThrive Desktop"):
        assert name in shown[0]


def test_a_translated_help_page_is_shown_in_its_locale_and_english_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A translator adds help/de/dashboard.md: a German locale gets it, any locale without one gets English."""
    from PySide6.QtCore import QLocale

    from wethrive_desktop.ui.help import topics as topics_module

    folder = tmp_path / "resources"
    (folder / "help" / "de").mkdir(parents=True)
    (folder / "help" / "dashboard.md").write_text("# Dashboard\n", encoding="utf-8")
    (folder / "help" / "activities.md").write_text("# Activities\n", encoding="utf-8")
    (folder / "help" / "de" / "dashboard.md").write_text("# Übersicht\n", encoding="utf-8")
    monkeypatch.setattr(topics_module, "resources_path", lambda *parts: folder.joinpath(*parts))
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert topic("dashboard").path == folder / "help" / "de" / "dashboard.md"
    assert topic("activities").path == folder / "help" / "activities.md"  # not translated yet: English
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    assert topic("dashboard").path == folder / "help" / "dashboard.md"
