"""The window's menus and keys, driven as a user would: the access keys of every menu, View's pages and zoom, the
keys that go from page to page, Print where a page can print, Ctrl+W, Open recent, the first focus, and every text
of the shell through tr."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot
from ui_checks import mnemonic, mnemonic_problems, untranslated

from wethrive_desktop import app
from wethrive_desktop.models.db import close_database
from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.preferences import Preferences, load_preferences, save_preferences
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.main_window import MainWindow, settings
from wethrive_desktop.ui.pages import PAGES
from wethrive_desktop.ui.preferences import PreferencesDialog
from wethrive_desktop.ui.theme import apply_text_size, apply_theme

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data-folder pointer of Preferences goes here, never to the real config folder."""
    folder = tmp_path / "config"
    monkeypatch.setenv("WETHRIVE_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def system_look(qapp: QApplication) -> Iterator[None]:
    """The application's theme and text size are back to the system's after the test."""
    yield
    apply_theme(qapp, "system")
    apply_text_size(qapp, 100)


@pytest.fixture
def active(make_window: Callable[..., MainWindow], qtbot: QtBot) -> Callable[..., MainWindow]:
    """A shown window that is the active one, so its shortcuts answer keys as they do for a user."""
    def make(*args: object, **kwargs: object) -> MainWindow:
        window = make_window(*args, **kwargs)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return make


def menus(window: MainWindow) -> list[QMenu]:
    """Every menu of the menu bar, submenus included."""
    found: list[QMenu] = []
    todo = [m for a in window.menuBar().actions() if isinstance(m := a.menu(), QMenu)]
    while todo:
        menu = todo.pop(0)
        found.append(menu)
        todo += [m for a in menu.actions() if isinstance(m := a.menu(), QMenu)]
    return found


def duplicate_keys(menu: QMenu) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for action in menu.actions():
        letter = mnemonic(action.text())
        if not action.isVisible() or letter is None:
            continue
        if letter in seen:
            problems.append(f"{menu.title()!r}: Alt+{letter} is {seen[letter]!r} and {action.text()!r}")
        seen[letter] = action.text()
    return problems


@pytest.mark.parametrize("demo", [False, True])
def test_every_menu_item_has_its_own_access_key_in_its_menu(make_window: Callable[..., MainWindow],
                                                            data_dir: Path, demo: bool) -> None:
    window = make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True) if demo else make_window()
    assert [mnemonic(a.text()) for a in window.menuBar().actions()] == ["F", "E", "V", "H"]
    problems = [p for menu in menus(window) for p in duplicate_keys(menu)]
    assert problems == []
    without_key = [f"{m.title()!r}: {a.text()!r}" for m in menus(window) for a in m.actions()
                   if a.isVisible() and not a.isSeparator() and a.isEnabled() and not mnemonic(a.text())]
    assert without_key == []


def test_the_status_bar_button_takes_no_page_letter_and_the_first_focus_is_the_page_list(
        active: Callable[..., MainWindow], data_dir: Path) -> None:
    window = active(ensure_demo_database(data_dir / "demo.sqlite3"), True)
    button = window.findChild(QPushButton, "startOwnRecordsButton")
    assert button is not None and button.isVisible() and mnemonic(button.text()) is None
    assert QApplication.focusWidget() is window.nav


def test_the_view_menu_lists_the_pages_with_their_keys_and_checks_the_one_shown(
        active: Callable[..., MainWindow], qtbot: QtBot) -> None:
    window = active()
    assert [a.shortcut().toString() for a in window.page_actions] == [f"Ctrl+{n}" for n in range(1, len(PAGES) + 1)]
    for row in (3, 0, len(PAGES) - 1):
        window.page_actions[row].trigger()
        assert window.nav.currentRow() == row and window.stack.currentIndex() == row
        assert [a.isChecked() for a in window.page_actions] == [r == row for r in range(len(PAGES))]
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.current_page() is window.pages["activityLogPage"] and window.page_actions[1].isChecked()


def test_ctrl_tab_and_ctrl_page_down_go_to_the_next_page_and_back_round_the_ends(
        active: Callable[..., MainWindow], qtbot: QtBot) -> None:
    window = active()
    last = len(PAGES) - 1
    window.nav.setCurrentRow(last)
    QTest.keyClick(window, Qt.Key.Key_Tab, CTRL)
    assert window.nav.currentRow() == 0  # round from the last to the first
    QTest.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert window.nav.currentRow() == 1
    QTest.keyClick(window, Qt.Key.Key_PageUp, CTRL)
    assert window.nav.currentRow() == 0
    QTest.keyClick(window, Qt.Key.Key_Backtab, CTRL | SHIFT)  # what Ctrl+Shift+Tab sends
    assert window.nav.currentRow() == last
    QTest.keyClick(window, Qt.Key.Key_Tab, CTRL | SHIFT)
    assert window.nav.currentRow() == last - 1
    assert window.current_page() is window.stack.widget(last - 1)


def test_ctrl_tab_goes_to_the_next_page_from_inside_a_page(active: Callable[..., MainWindow],
                                                            qtbot: QtBot) -> None:
    window = active()
    page = window.show_page("activityLogPage")
    year = page.findChild(QComboBox, "yearCombo")
    assert year is not None
    year.setFocus()
    QTest.keyClick(year, Qt.Key.Key_Tab, CTRL)
    assert window.nav.currentRow() == 2
    page = window.show_page("dashboardPage")
    notes = QPlainTextEdit(page)  # a multi-line field takes Tab itself, but not Ctrl+Tab
    notes.show()
    notes.setFocus()
    QTest.keyClick(notes, Qt.Key.Key_Tab, CTRL)
    assert window.nav.currentRow() == 1 and notes.toPlainText() == ""


def test_print_is_offered_only_where_the_page_can_print(active: Callable[..., MainWindow], qtbot: QtBot,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    window = active()
    printed: list[str] = []
    report = window.pages["reportPage"]
    monkeypatch.setattr(report, "can_print", lambda: True)
    monkeypatch.setattr(report, "print_page", lambda: printed.append("report"))
    window.show_page("dashboardPage")
    assert not window.print_action.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_P, CTRL)
    assert printed == []
    window.show_page("reportPage")
    assert window.print_action.isEnabled() and window.print_action.shortcut().toString() == "Ctrl+P"
    QTest.keyClick(window, Qt.Key.Key_P, CTRL)
    assert printed == ["report"]


def test_ctrl_w_closes_the_window_as_quit_does(active: Callable[..., MainWindow], qtbot: QtBot) -> None:
    window = active()
    window.show_page("plannerPage")
    QTest.keyClick(window, Qt.Key.Key_W, CTRL)
    assert not window.isVisible()
    assert settings().value("window/page") == "plannerPage"  # saved on the way out, as on File > Quit
    assert {s.toString() for s in window.quit_action.shortcuts()} == {"Ctrl+Q", "Ctrl+W"}


def test_ctrl_comma_opens_the_preferences(active: Callable[..., MainWindow], qtbot: QtBot) -> None:
    window = active()
    QTest.keyClick(window, Qt.Key.Key_Comma, CTRL)
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_zoom_keys_change_the_text_size_at_once_and_remember_it(active: Callable[..., MainWindow], qtbot: QtBot,
                                                                qapp: QApplication, system_look: None) -> None:
    window = active()
    base = qapp.font().pointSizeF()
    QTest.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert load_preferences().text_size == 110
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.1)
    QTest.keyClick(window, Qt.Key.Key_Equal, CTRL)  # Ctrl+= too, the same key without Shift
    assert load_preferences().text_size == 125
    for _ in range(5):
        QTest.keyClick(window, Qt.Key.Key_Minus, CTRL)
    assert load_preferences().text_size == 90  # the smallest: held there
    assert qapp.font().pointSizeF() == pytest.approx(base * 0.9)
    QTest.keyClick(window, Qt.Key.Key_0, CTRL)
    assert load_preferences().text_size == 100 and qapp.font().pointSizeF() == pytest.approx(base)


def test_a_larger_text_widens_the_page_list_so_no_name_is_cut(make_window: Callable[..., MainWindow],
                                                              qapp: QApplication, system_look: None) -> None:
    window = make_window()
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    QApplication.processEvents()
    metrics = window.nav.fontMetrics()
    longest = max(metrics.horizontalAdvance(window.nav.item(r).text()) for r in range(window.nav.count()))
    assert window.nav.width() > longest


def test_show_all_years_goes_to_the_activities_of_every_year(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    window.show_page("dashboardPage")
    window.all_years_action.trigger()
    page = window.current_page()
    assert page is window.pages["activityLogPage"]
    year = page.findChild(QComboBox, "yearCombo")
    assert year is not None and year.currentData() is None


def recorded_first(path: Path) -> Callable[[], bool]:
    return lambda: load_preferences().recent_files[:1] == (str(path),)


def test_open_recent_lists_the_databases_opened_and_tells_of_one_gone(
        qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second, gone = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3", tmp_path / "gone.sqlite3"
    opened: list[MainWindow] = []
    try:
        for path in (gone, first, second):
            opened.append(app.open_window(path))
            # Recorded once the window has painted (the first paint does not wait for the write).
            qtbot.waitUntil(recorded_first(path))
        gone.unlink()
        window = app._current[0]
        assert load_preferences().recent_files[:3] == (str(second), str(first), str(gone))
        window.recent_menu.aboutToShow.emit()  # as when the menu opens
        entries = [a for a in window.recent_menu.actions() if a.property("userText")]
        assert [a.text() for a in entries] == [f"&1 {second}", f"&2 {first}", f"&3 {gone} (not found)"]
        assert [a.isEnabled() for a in entries] == [True, True, False]
        with qtbot.waitSignal(window.database_requested) as requested:
            entries[1].trigger()
        assert requested.args == [first, False]
        window = app._current[0]  # the app switched to it, and it is now the most recent
        assert window.db_path == first
        qtbot.waitUntil(lambda: load_preferences().recent_files[:2] == (str(first), str(second)))

        errors: list[str] = []
        monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
        window.open_recent(gone)  # gone since the menu was shown
        assert errors and str(gone) in errors[0] and "taken off the list" in errors[0]
        assert load_preferences().recent_files == (str(first), str(second))

        clear = window.recent_menu.findChild(QAction, "clearRecentAction")
        assert clear is not None and clear.isEnabled()
        clear.trigger()
        assert load_preferences().recent_files == ()
        assert [a.isEnabled() for a in window.recent_menu.actions() if not a.isSeparator()] == [False, False]
    finally:
        for window in [*opened, *app._current]:
            if shiboken6.isValid(window):  # (one switched away from is deleted once the events it waits for run)
                window.undo_stack.clear()
                window.close()
        close_database()


def test_the_demo_is_not_listed_among_the_recent_databases(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    from wethrive_desktop.paths import demo_db_path

    own = tmp_path / "own.sqlite3"
    window = app.open_window(own)
    try:
        qtbot.waitUntil(recorded_first(own))  # the user's own, once its window has painted
    finally:
        window.close()
        close_database()
    window = app.open_window(ensure_demo_database(demo_db_path()), True)
    try:
        painted: list[bool] = []
        app.after_first_paint(window, lambda: painted.append(True))
        qtbot.waitUntil(lambda: painted == [True])
        qtbot.wait(50)  # the work queued with it after the first paint has run too
        assert load_preferences().recent_files == (str(own),)
    finally:
        window.close()
        close_database()


def test_recent_files_saved_before_are_in_the_menu_when_the_window_opens(
        make_window: Callable[..., MainWindow], tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    other.write_bytes(b"")
    save_preferences(Preferences().with_recent(other))
    window = make_window()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert f"&1 {other}" in texts


def test_nothing_the_shell_shows_misses_tr(make_window: Callable[..., MainWindow], data_dir: Path,
                                           pseudo_translation: None) -> None:
    for demo in (False, True):
        window = (make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True) if demo
                  else make_window())
        window.fill_recent_menu()
        window.stack.hide()  # the pages' own texts are their owners' tests
        assert untranslated(window) == []
        assert "\u27e6" in window.windowTitle() and "\u27e6" in window.nav.item(0).text()


def test_the_shell_access_keys_work(make_window: Callable[..., MainWindow], data_dir: Path) -> None:
    window = make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True)
    window.stack.hide()  # the pages' letters are their owners' tests
    assert mnemonic_problems(window) == []


def test_the_page_remembered_is_the_one_checked_in_view(make_window: Callable[..., MainWindow]) -> None:
    store = settings()
    last = PAGES[-1].object_name
    store.setValue("window/page", last)
    store.sync()
    window = make_window()
    assert window.current_page() is window.pages[last] and window.page_actions[-1].isChecked()


def test_a_page_chosen_from_the_keyboard_takes_the_focus(active: Callable[..., MainWindow], qtbot: QtBot) -> None:
    """Ctrl+2 or Ctrl+Tab lands in the page (its first field), so the user types on without reaching for the mouse;
    a click in the page list leaves the focus in the list."""
    window = active()
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.current_page()
    focus = QApplication.focusWidget()
    assert page is window.pages["activityLogPage"] and focus is not None and page.isAncestorOf(focus)
    QTest.keyClick(focus, Qt.Key.Key_Tab, CTRL)
    page = window.current_page()
    focus = QApplication.focusWidget()
    assert page is not None and page is window.stack.widget(2)
    assert focus is not None and page.isAncestorOf(focus)
    window.nav.setFocus()
    window.nav.setCurrentRow(0)
    assert QApplication.focusWidget() is window.nav


def test_zoom_leaves_an_unreadable_preferences_file_as_it_is(make_window: Callable[..., MainWindow],
                                                             qapp: QApplication, system_look: None) -> None:
    """A file that cannot be read (half written by another copy, hand-edited) is not overwritten with defaults:
    the new size applies, but is not remembered, and the user is told."""
    from wethrive_desktop.preferences import preferences_path

    window = make_window()
    base = qapp.font().pointSizeF()
    preferences_path().parent.mkdir(parents=True, exist_ok=True)
    preferences_path().write_text('{"theme": "dark", "recent_files": [', encoding="utf-8")
    changed: list[object] = []
    window.preferences_changed.connect(changed.append)
    assert window.zoom(1) == 110
    assert preferences_path().read_text(encoding="utf-8") == '{"theme": "dark", "recent_files": ['
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.1)
    assert window.statusBar().currentMessage() == ("Text size 110 %, not remembered: the preferences file could "
                                                   "not be read")
    assert changed == []


def test_zoom_tells_when_the_size_cannot_be_saved(make_window: Callable[..., MainWindow],
                                                 monkeypatch: pytest.MonkeyPatch, system_look: None) -> None:
    from wethrive_desktop import preferences

    window = make_window()
    save_preferences(Preferences(text_size=110))

    def refuse(prefs: Preferences, folder: Path | None = None) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(preferences, "save_preferences", refuse)
    assert window.zoom(1) == 125  # applied all the same
    assert window.statusBar().currentMessage() == "The text size could not be saved: read-only"
    assert load_preferences().text_size == 110


def test_saved_preferences_refresh_the_pages(make_window: Callable[..., MainWindow],
                                             monkeypatch: pytest.MonkeyPatch, system_look: None) -> None:
    window = make_window()
    refreshed: list[bool] = []
    monkeypatch.setattr(window, "refresh_pages", lambda: refreshed.append(True))
    window.zoom(1)  # saved, so preferences_changed
    assert refreshed == [True]
