"""Preferences: the file (read back, defaults for what is wrong), the dialog driven as a user would (the look
previewed at once and put back by Cancel, OK saving, checks with clear messages, a save that fails), the data
folder chosen for the next start (a pointer in the config folder, which tests move), and the theme the app applies
at start."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
from pytestqt.qtbot import QtBot
from ui_checks import clipped, mnemonic_problems, untranslated

from wethrive_desktop import paths
from wethrive_desktop.preferences import (
    Preferences,
    load_preferences,
    next_text_size,
    parse_reminder_days,
    preferences_path,
    save_preferences,
    update_preferences,
)
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.colors import is_dark
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.preferences import PreferencesDialog
from wethrive_desktop.ui.theme import apply_preferences, apply_text_size, apply_theme

WINDOW = QPalette.ColorRole.Window


def opening(opened: list[Path]) -> Callable[[Path], bool]:
    """A stand-in for prompts.open_with_system that notes what it was asked to open."""
    def open_with_system(path: Path) -> bool:
        opened.append(path)
        return True

    return open_with_system


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data-folder pointer goes here, never to the real config folder."""
    folder = tmp_path / "config"
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(folder))
    return folder


@pytest.fixture(autouse=True)
def system_look(qapp: QApplication) -> Iterator[None]:
    """The application's theme and text size are back to the system's after each test."""
    yield
    apply_theme(qapp, "system")
    apply_text_size(qapp, 100)


@pytest.fixture
def dialog(window: MainWindow, qtbot: QtBot) -> PreferencesDialog:
    """Edit > Preferences..., opened from the menu and active."""
    window.preferences_action.trigger()
    found = window.findChild(PreferencesDialog)
    assert found is not None and found.isVisible()
    found.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is found)
    return found


def choose(dialog: PreferencesDialog, name: str, data: object) -> None:
    """Pick the item of the combo box `name` whose data is `data`, as a click in its list does."""
    combo = dialog.findChild(QComboBox, name)
    assert combo is not None
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


# --- the file and its rules -------------------------------------------------------------------------------------

def test_preferences_are_read_back_and_a_wrong_value_falls_back_to_its_default() -> None:
    assert load_preferences() == Preferences()  # no file yet
    save_preferences(Preferences(theme="dark", text_size=125, import_date_order="dmy", reminders_enabled=False,
                                 reminder_days=(14,)))
    assert load_preferences() == Preferences("dark", 125, "dmy", False, (14,))
    preferences_path().write_text(json.dumps({"theme": "purple", "text_size": 125, "reminder_days": [0, 7]}))
    assert load_preferences() == Preferences(text_size=125)


@pytest.mark.parametrize(("text", "days"), [("30, 7", (30, 7)), ("7 30 30", (30, 7)), (" ", ()), ("1;366", (366, 1))])
def test_reminder_days_are_read_from_what_was_typed(text: str, days: tuple[int, ...]) -> None:
    assert parse_reminder_days(text) == days


@pytest.mark.parametrize(("text", "message"), [("30, a week", "“a week” is not a number of days"),
                                               ("0", "1 to 366 days before a due date, not 0"),
                                               ("400", "not 400"), ("7.5", "“7.5” is not a number")])
def test_reminder_days_that_make_no_sense_are_refused_with_a_sentence(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_reminder_days(text)


def test_zoom_steps_through_the_text_sizes_and_stops_at_the_ends() -> None:
    assert [next_text_size(100, 1), next_text_size(100, -1), next_text_size(150, 1), next_text_size(90, -1)] == [
        110, 90, 150, 90]
    assert next_text_size(104, 1) == 110  # an odd size first goes to the nearest


# --- the dialog ---------------------------------------------------------------------------------------------------

def test_the_look_is_previewed_at_once_and_ok_keeps_it(dialog: PreferencesDialog, qapp: QApplication,
                                                       qtbot: QtBot) -> None:
    base = qapp.font().pointSizeF()
    assert QApplication.focusWidget() is dialog.theme_combo  # the first field
    choose(dialog, "themeCombo", "dark")
    assert is_dark(qapp.palette()) and qapp.style().name().lower() == "fusion"
    choose(dialog, "textSizeCombo", 125)
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.25)
    choose(dialog, "dateOrderCombo", "mdy")
    QTest.mouseClick(dialog.reminders_check, Qt.MouseButton.LeftButton)
    assert not dialog.days_edit.isEnabled()
    with qtbot.waitSignal(dialog.saved) as saved:
        QTest.keyClick(dialog, Qt.Key.Key_Return)  # OK, the default button
    assert not dialog.isVisible()
    assert load_preferences() == Preferences("dark", 125, "mdy", False, (30, 7)) == saved.args[0]
    assert is_dark(qapp.palette())


def test_cancel_puts_back_the_look_it_previewed(dialog: PreferencesDialog, qapp: QApplication,
                                               qtbot: QtBot) -> None:
    light = qapp.palette().color(WINDOW).name()
    size = qapp.font().pointSizeF()
    choose(dialog, "themeCombo", "dark")
    choose(dialog, "textSizeCombo", 150)
    assert qapp.palette().color(WINDOW).name() != light
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert qapp.palette().color(WINDOW).name() == light and qapp.font().pointSizeF() == pytest.approx(size)
    assert not preferences_path().exists()  # nothing saved


def test_the_light_theme_is_fusion_with_its_light_palette(qapp: QApplication) -> None:
    apply_preferences(qapp, Preferences(theme="light"))
    assert qapp.style().name().lower() == "fusion" and not is_dark(qapp.palette())
    apply_preferences(qapp, Preferences(theme="dark", text_size=90))
    assert is_dark(qapp.palette())
    apply_preferences(qapp, Preferences())
    assert not is_dark(qapp.palette())


def test_reminder_days_that_make_no_sense_keep_the_dialog_open_with_the_reason(dialog: PreferencesDialog,
                                                                               qtbot: QtBot) -> None:
    dialog.days_edit.clear()
    QTest.keyClicks(dialog.days_edit, "30, soon")
    dialog.buttons.accepted.emit()  # OK
    error = dialog.findChild(QLabel, "reminderDaysError")
    assert error is not None and error.isVisible() and "“soon” is not a number of days" in error.text()
    assert dialog.isVisible() and not preferences_path().exists()
    assert QApplication.focusWidget() is dialog.days_edit
    QTest.keyClick(dialog.days_edit, Qt.Key.Key_Backspace)
    assert not error.isVisible()  # typing again clears it
    dialog.days_edit.setText("14")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible() and load_preferences().reminder_days == (14,)


def test_a_save_that_fails_is_told_and_the_dialog_stays(dialog: PreferencesDialog, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocker / "data"))  # its folder cannot be made
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    dialog.buttons.accepted.emit()
    assert errors and errors[0].startswith("The preferences could not be saved:")
    assert dialog.isVisible()


def test_another_data_folder_is_used_from_the_next_start(dialog: PreferencesDialog, tmp_path: Path,
                                                         config_dir: Path, data_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert dialog.folder_edit.text() == str(data_dir)
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    monkeypatch.setattr(prompts, "choose_folder", lambda *args: elsewhere)
    dialog.change_folder_button.click()
    assert dialog.folder_edit.text() == str(elsewhere)
    note = dialog.folder_note
    assert note.isVisible() and "next start" in note.text() and str(data_dir) in note.text()
    assert "WETHRIVE_DATA_DIR is set" in note.text()
    dialog.buttons.accepted.emit()
    assert (config_dir / paths.POINTER_FILENAME).read_text(encoding="utf-8").strip() == str(elsewhere)
    assert paths.data_dir() == data_dir  # the variable still decides while it is set
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.data_dir() == elsewhere and paths.default_db_path() == elsewhere / "wethrive.sqlite3"
    assert json.loads((elsewhere / "preferences.json").read_text(encoding="utf-8"))["theme"] == "system"
    paths.choose_data_dir(paths.default_data_dir())  # back to the default: no pointer left
    assert not (config_dir / paths.POINTER_FILENAME).exists()
    assert paths.data_dir() == elsewhere  # this run keeps the folder it started with
    paths.forget_this_run()  # the next start
    assert paths.data_dir() == paths.default_data_dir()


def test_a_folder_that_cannot_be_written_is_refused(dialog: PreferencesDialog, tmp_path: Path,
                                                    config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "no-such-folder"
    monkeypatch.setattr(prompts, "choose_folder", lambda *args: missing)
    assert dialog.change_folder() is None
    assert "cannot be written to" in dialog.folder_note.text() and dialog.folder_edit.text() != str(missing)
    dialog.buttons.accepted.emit()
    assert not (config_dir / paths.POINTER_FILENAME).exists()


def test_open_folder_opens_the_data_folder(dialog: PreferencesDialog, data_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(prompts, "open_with_system", opening(opened))
    dialog.open_folder_button.click()
    assert opened == [data_dir]


def test_the_dialog_fits_800x480_and_its_access_keys_work(dialog: PreferencesDialog, qtbot: QtBot) -> None:
    dialog.resize(800, 480)
    qtbot.waitUntil(lambda: dialog.width() == 800)
    assert dialog.height() <= 480
    assert clipped(dialog) == []
    assert mnemonic_problems(dialog) == []
    dialog.reject()


def test_the_dialog_speaks_through_tr(make_window: Callable[..., MainWindow], pseudo_translation: None) -> None:
    window = make_window()
    dialog = window.open_preferences()
    assert untranslated(dialog) == []
    dialog.reject()


def test_the_reports_due_date_is_saved_or_refused_with_the_reason(dialog: PreferencesDialog) -> None:
    dialog.report_due_edit.setText("31-03")
    dialog.buttons.accepted.emit()
    error = dialog.findChild(QLabel, "reportDueError")
    assert error is not None and error.isVisible() and "is not a month and day" in error.text()
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.report_due_edit
    dialog.report_due_edit.setText("3-31")
    assert not error.isVisible()
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible() and load_preferences().report_due == "03-31"


def test_the_folder_this_run_uses_does_not_change_when_another_is_chosen(tmp_path: Path, config_dir: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    paths.choose_data_dir(first)
    assert paths.data_dir() == first
    paths.choose_data_dir(second)
    assert paths.data_dir() == first and paths.chosen_data_dir() == second  # the next start's
    paths.forget_this_run()
    assert paths.data_dir() == second


def test_a_chosen_folder_not_there_at_the_start_is_told_and_the_default_used(
        tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    from wethrive_desktop import app

    monkeypatch.delenv(paths.DATA_DIR_ENV)
    unplugged = tmp_path / "usb-drive" / "WeThrive"
    paths.choose_data_dir(unplugged)
    told: list[str] = []
    def notice(parent: object, title: str, text: str, *rest: object) -> bool:
        told.append(text)
        return False

    monkeypatch.setattr(prompts, "show_notice", notice)
    assert paths.data_dir() == paths.default_data_dir() and paths.missing_chosen_folder() == unplugged
    assert app.tell_missing_data_folder(None) == unplugged
    assert len(told) == 1 and str(unplugged) in told[0] and str(paths.default_data_dir()) in told[0]


def test_a_relative_pointer_is_not_followed(config_dir: Path) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / paths.POINTER_FILENAME).write_text("data\n", encoding="utf-8")
    assert paths.chosen_data_dir() is None


def test_an_unreadable_preferences_file_is_not_overwritten_by_an_update(data_dir: Path) -> None:
    path = data_dir / "preferences.json"
    path.write_text('{"theme": "dark", "text_size": 1', encoding="utf-8")  # cut short (a sync in progress?)
    assert update_preferences(lambda p: p.with_recent(data_dir / "x.sqlite3")) is None
    assert path.read_text(encoding="utf-8") == '{"theme": "dark", "text_size": 1'
    path.write_text('{"theme": "dark"}', encoding="utf-8")
    updated = update_preferences(lambda p: p.with_recent(data_dir / "x.sqlite3"))
    assert updated is not None and updated.theme == "dark" and load_preferences().recent_files == (
        str(data_dir / "x.sqlite3"),)
