"""The main window: names, title, menus, status bar, settings it remembers, backup and CSV export."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from wethrive_desktop.app import create_main_window
from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.main_window import MainWindow, settings
from wethrive_desktop.ui.pages import PAGES


@pytest.fixture
def make_window(make_window: Callable[..., MainWindow]) -> Callable[..., MainWindow]:
    """Windows at the size they pick or remember themselves: these tests check that size."""
    return functools.partial(make_window, size=None)


def test_window_names_and_title(make_window: object, db_path: Path) -> None:
    window = make_window()  # type: ignore[operator]
    assert window.objectName() == "mainWindow"
    assert window.windowTitle() == f"{db_path.name} - WeThrive Desktop"
    for cls, name in ((QWidget, "activityLogPage"), (QTableView, "activityTable"),
                      (QWidget, "activitySearchEdit"), (QWidget, "yearCombo"),
                      (QPushButton, "addActivityButton"), (QProgressBar, "hoursProgress")):
        assert window.findChild(cls, name) is not None, name
    note = window.findChild(QLabel, "demoStatus")
    assert note is not None and not note.isVisible()


def test_demo_data_is_marked_in_the_title_and_status_bar(make_window: object, data_dir: Path) -> None:
    from wethrive_desktop.paths import demo_db_path

    window = make_window(demo_db_path())  # type: ignore[operator]
    assert window.demo and "Demo" in window.windowTitle()
    note = window.findChild(QLabel, "demoStatus")
    assert note is not None and note.isVisible() and "Demo data" in note.text()


def test_menus_have_the_actions_with_their_shortcuts(make_window: object) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    texts = {a.text().replace("&", ""): a for a in window.file_menu.actions() if a.text()}
    mine = ["New activity...", "Import spreadsheet...", "Export", "Backup...", "Restore from backup...", "Quit"]
    assert [t for t in texts if t in mine] == mine  # other features add theirs among the imports and exports
    assert list(texts)[-3:] == ["Backup...", "Restore from backup...", "Quit"]
    assert texts["New activity..."].shortcut().toString() == "Ctrl+N"
    assert texts["Import spreadsheet..."].shortcut().toString() == "Ctrl+I"
    exports = [a.text().replace("&", "") for a in window.export_menu.actions()]
    assert exports == ["Activities (CSV)...", "Annual report (Word)...", "Transcript (PDF or CSV)...",
                       "Evidence pack (zip)..."]
    edit = [a.text().replace("&", "") for a in window.edit_menu.actions() if a.text()]
    assert edit[0].startswith("Undo") and edit[1].startswith("Redo") and edit[2:] == ["Find", "Profile...",
                                                                                     "Preferences..."]
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert {s.toString() for s in window.redo_action.shortcuts()} >= {"Ctrl+Shift+Z"}
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert [a.text().replace("&", "") for a in window.help_menu.actions() if a.text()] == [
        "Getting started", "Help on this page", "How ICMA counts hours", "Keyboard shortcuts", "Where my data lives",
        "Open log folder", "About"]


def test_other_features_add_file_actions_with_the_imports(make_window: object) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    window.add_file_action(QAction("Import something else...", window))
    texts = [a.text().replace("&", "") for a in window.file_menu.actions() if a.text()]
    assert texts.index("Import something else...") > texts.index("Export")
    assert texts[-4:] == ["Import something else...", "Backup...", "Restore from backup...", "Quit"]


def test_status_bar_shows_name_and_designation(make_window: object, db_path: Path) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    label = window.findChild(QLabel, "profileStatus")
    assert label is not None and "Profile..." in label.text()
    save_profile(ProfileData(name="Ana Nguyễn", credential_status="credentialed"))
    window.data_changed.emit()
    assert label.text() == "Ana Nguyễn · ICMA-CM"


def test_fits_a_1366x768_screen(make_window: object, qtbot: QtBot) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    assert window.minimumSizeHint().boundedTo(QSize(1366, 740)) == window.minimumSizeHint()
    assert window.width() <= 1366 and window.height() <= 740
    window.show_page("activityLogPage")
    window.resize(1366, 740)
    table = window.findChild(QTableView, "activityTable")
    assert table is not None
    qtbot.waitUntil(lambda: table.viewport().width() > 900)
    # No column is pushed past the right edge.
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width() + 1


def test_window_remembers_geometry_columns_and_page(make_window: object, qtbot: QtBot) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    # The offscreen platform's screen is 800 px wide, narrower than the window may be, so restoring clamps the
    # width to it; the height is within the screen and must come back as it was.
    window.resize(window.minimumSizeHint().width(), 650)
    window.show_page("activityLogPage")  # a column is dragged on the table shown
    table = window.findChild(QTableView, "activityTable")
    assert table is not None
    table.horizontalHeader().resizeSection(2, 222)
    table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    window.close()
    assert settings().value("window/page") == "activityLogPage"

    again: MainWindow = make_window()  # type: ignore[operator]
    assert again.size().height() == 650
    again_table = again.findChild(QTableView, "activityTable")
    assert again_table is not None
    # The page fits its columns to the table's width (ui/widgets/fit.py): with room, the width left comes back.
    again.resize(1800, 768)
    qtbot.waitUntil(lambda: again_table.horizontalHeader().sectionSize(2) == 222)
    assert again_table.horizontalHeader().sortIndicatorSection() == 4
    assert again.current_page() is again.pages["activityLogPage"]


def test_backup_writes_a_consistent_copy_where_the_user_chose(make_window: object, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    save_activity(ActivityData(start_date=date(2025, 2, 3), title="Ethics 101", hours=Decimal(2)))
    target = tmp_path / "copies" / "my-backup.sqlite3"
    monkeypatch.setattr(prompts, "choose_save_file", lambda *args, **kwargs: target)
    assert window.backup() == target
    con = sqlite3.connect(target)
    try:
        assert con.execute("SELECT title FROM activity").fetchall() == [("Ethics 101",)]
    finally:
        con.close()
    assert "Backed up" in window.statusBar().currentMessage()


def test_backup_onto_the_database_itself_is_refused(make_window: object, db_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    errors: list[str] = []
    monkeypatch.setattr(prompts, "choose_save_file", lambda *args, **kwargs: db_path)
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    assert window.backup() is None
    assert errors and "cannot overwrite" in errors[0]


def test_backup_cancelled_writes_nothing(make_window: object, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    monkeypatch.setattr(prompts, "choose_save_file", lambda *args, **kwargs: None)
    assert window.backup() is None


def test_export_csv_writes_the_selected_year(make_window: object, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    year = date.today().year
    window: MainWindow = make_window()  # type: ignore[operator]
    save_activity(ActivityData(start_date=date(year, 2, 3), title="This year", hours=Decimal(2)))
    save_activity(ActivityData(start_date=date(year - 1, 2, 3), title="Last year", hours=Decimal(2)))
    window.data_changed.emit()
    target = tmp_path / "export"
    monkeypatch.setattr(prompts, "choose_save_file", lambda *args, **kwargs: target)
    written = window.export_csv()
    assert written == target.with_suffix(".csv")
    text = written.read_text(encoding="utf-8-sig")
    assert "This year" in text and "Last year" not in text


def test_create_main_window_works_on_an_existing_database(make_window: object, db_path: Path) -> None:
    open_database(db_path)
    save_activity(ActivityData(start_date=date.today(), title="Already here", hours=Decimal(1)))
    close_database()
    window: MainWindow = make_window()  # type: ignore[operator]
    assert [r.data.title for r in load_activities()] == ["Already here"]
    table = window.findChild(QTableView, "activityTable")
    assert table is not None and table.model().rowCount() == 1


def test_about_goes_through_prompts(make_window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    window: MainWindow = make_window()  # type: ignore[operator]
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_about", lambda parent, title, text: shown.append(text))
    window.show_about()
    assert shown and "WeThrive Desktop" in shown[0]


def test_the_app_builds_the_first_page_before_showing_and_each_other_when_first_shown(qtbot: QtBot,
                                                                                      db_path: Path) -> None:
    """Nothing heavy runs after the first paint: a page not shown is not built (at 100,000 activities, building
    them all in a row froze the window for seconds)."""
    settings().setValue("window/page", "activityLogPage")
    settings().sync()
    window = create_main_window(db_path, defer_pages=True)
    qtbot.addWidget(window)
    try:
        assert list(window.pages) == ["activityLogPage"]  # the remembered page, and only it
        assert window.current_page() is window.pages["activityLogPage"]
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(100)
        assert list(window.pages) == ["activityLogPage"]
        window.nav.setCurrentRow(0)
        assert window.current_page() is window.pages[PAGES[0].object_name]
        assert len(window.pages) == 2
    finally:
        window.close()
        close_database()


def test_a_deferred_page_is_built_when_asked_for(qtbot: QtBot, db_path: Path) -> None:
    window = create_main_window(db_path, defer_pages=True)
    qtbot.addWidget(window)
    last = PAGES[-1].object_name
    try:
        assert last not in window.pages
        page = window.show_page(last)
        assert window.pages[last] is page and window.current_page() is page
        window.nav.setCurrentRow(1)  # choosing a page in the list builds it too
        assert window.current_page() in window.pages.values()
    finally:
        window.close()
        close_database()


def test_ctrl_and_a_digit_switches_page(make_window: object, qtbot: QtBot) -> None:
    window = make_window()  # type: ignore[operator]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for row in (1, 3, 0):
        QTest.keyClick(window, getattr(Qt.Key, f"Key_{row + 1}"), Qt.KeyboardModifier.ControlModifier)
        assert window.nav.currentRow() == row
        assert window.stack.currentIndex() == row
    assert "Ctrl+2" in window.nav.item(1).toolTip()


def test_data_changes_reload_the_page_shown_and_the_others_when_next_shown(
        make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    window.show_page("activityLogPage")
    reloads: list[str] = []
    for name, page in window.pages.items():
        def counting(name: str = name, real: Callable[[], None] = page.refresh) -> None:
            reloads.append(name)
            real()

        monkeypatch.setattr(page, "refresh", counting)
    save_activity(ActivityData(start_date=date.today(), title="Ethics 101", hours=Decimal(2)))
    window.data_changed.emit()
    assert reloads == ["activityLogPage"]  # the hidden pages wait
    others = [name for name in window.pages if name != "activityLogPage"]
    assert len(others) == len(PAGES) - 1
    for name in others:
        reloads.clear()
        window.show_page(name)
        assert reloads == [name], name  # caught up as it was shown
    reloads.clear()
    window.show_page("activityLogPage")
    window.show_page(others[0])
    assert reloads == []  # nothing changed since: shown as they are


def test_an_activity_added_on_the_activities_page_is_on_the_dashboard_when_shown(
        make_window: Callable[..., MainWindow], qtbot: QtBot) -> None:
    window = make_window()
    dashboard = window.pages["dashboardPage"]
    assert dashboard.ring.big == "0"  # type: ignore[attr-defined]
    page = window.show_page("activityLogPage")
    add = page.findChild(QPushButton, "addActivityButton")
    assert add is not None
    QTest.mouseClick(add, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ActivityDialog)
    assert dialog is not None
    dialog.title_edit.setText("Ethics 101")
    dialog.hours_spin.setValue(2.5)
    with qtbot.waitSignal(dialog.activity_saved):
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.show_page("dashboardPage") is dashboard
    assert dashboard.ring.big == "2.5"  # type: ignore[attr-defined]


def test_each_page_entry_names_its_class() -> None:
    for entry in PAGES:
        cls = entry.load()
        assert (entry.title, entry.object_name) == (cls.title, cls.object_name)


def test_start_up_loads_only_the_page_shown_first(tmp_path: Path) -> None:
    """What start-up imports is start-up time: the other pages' modules (ReportLab behind the report page) wait
    until those pages are shown."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from wethrive_desktop.app import create_main_window\n"
        f"window = create_main_window({str(tmp_path / 'x.sqlite3')!r}, defer_pages=True)\n"
        "print(sorted(m for m in sys.modules if m.startswith('wethrive_desktop.ui.') and m.endswith('.page')))\n"
        "print('reportlab' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WETHRIVE_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
                            check=True)
    pages, reportlab = result.stdout.splitlines()
    assert pages == "['wethrive_desktop.ui.dashboard.page']"
    assert reportlab == "False"


def test_a_column_width_dragged_on_a_wide_window_survives_closing_on_a_narrow_one(make_window: object,
                                                                                  qtbot: QtBot) -> None:
    window: MainWindow = make_window(size=(1366, 768))  # type: ignore[operator]
    window.show_page("activityLogPage")
    table = window.findChild(QTableView, "activityTable")
    assert table is not None
    table.horizontalHeader().resizeSection(2, 260)  # the provider column, dragged wider
    window.resize(800, 480)  # the columns are squeezed to fit, the provider's included
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(2) < 260)
    window.close()

    again: MainWindow = make_window(size=(1800, 768))  # type: ignore[operator]  # with room for every column
    again_table = again.findChild(QTableView, "activityTable")
    assert again_table is not None
    qtbot.waitUntil(lambda: again_table.horizontalHeader().sectionSize(2) == 260)
