"""The desktop notifications of the reminders: at start, once a day, again after midnight on a new day, never when
turned off; in the status bar where there is no system tray (offscreen), as tray messages where there is one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.preferences import load_preferences, save_preferences
from wethrive_desktop.ui import notifier as notifier_module
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.notifier import ReminderNotifier, ms_to_next_midnight

DAY = date(2026, 3, 15)  # an empty database is behind pace on March 15


@pytest.fixture
def window(make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None]) -> MainWindow:
    frozen_today(DAY)
    return make_window()


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_at_start_a_reminder_goes_to_the_status_bar_without_a_tray(window: MainWindow, qtbot: QtBot) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen
    notifier = ReminderNotifier(window)
    qtbot.waitUntil(lambda: status(window) == "Reminder: Behind pace for 40 h in 2026")
    assert notifier.midnight.isActive() and notifier.tray is None


def test_each_reminder_is_notified_once_a_day(window: MainWindow) -> None:
    notifier = ReminderNotifier(window)
    assert [r.key for r in notifier.check(DAY)] == ["pace-2026"]
    window.statusBar().clearMessage()
    assert notifier.check(DAY) == []
    assert ReminderNotifier(window).check(DAY) == []  # the app started again the same day
    assert status(window) == ""


def test_a_new_reminder_the_same_day_is_notified_alone(window: MainWindow) -> None:
    notifier = ReminderNotifier(window)
    assert [r.key for r in notifier.check(DAY)] == ["pace-2026"]
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2021, 4, 1)), today=DAY)
    assert [r.key for r in notifier.check(DAY)] == ["multirater-due", "report-due-2025"]  # not the pace again
    assert status(window) == ("2 reminders: The 360-degree assessment is due; The 2025 annual report is not "
                              "submitted yet")


def test_after_midnight_the_new_day_notifies_again(window: MainWindow,
                                                   frozen_today: Callable[[date], None]) -> None:
    notifier = ReminderNotifier(window)
    notifier.check(DAY)
    window.statusBar().clearMessage()
    frozen_today(date(2026, 3, 16))
    notifier.midnight.timeout.emit()  # what the timer does at midnight
    assert status(window) == "Reminder: Behind pace for 40 h in 2026"
    assert notifier.midnight.isActive()  # set again for the next midnight


def test_the_timer_aims_a_second_past_the_next_midnight() -> None:
    assert ms_to_next_midnight(datetime(2026, 3, 15, 23, 59, 59)) == 2_000
    assert ms_to_next_midnight(datetime(2026, 3, 15, 0, 0)) == 86_401_000
    assert ms_to_next_midnight(datetime(2026, 12, 31, 12, 0)) == 43_201_000


def test_nothing_is_notified_when_reminders_are_off(window: MainWindow, qtbot: QtBot) -> None:
    save_preferences(replace(load_preferences(), reminders_enabled=False))
    notifier = ReminderNotifier(window)
    assert notifier.check(DAY) == []
    qtbot.wait(20)  # the check at start has run too
    assert status(window) == ""
    save_preferences(replace(load_preferences(), reminders_enabled=True))
    assert [r.key for r in notifier.check(DAY)] == ["pace-2026"]


def test_several_reminders_share_one_status_bar_message(window: MainWindow) -> None:
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2021, 4, 1)), today=DAY)
    assert len(ReminderNotifier(window).check(DAY)) == 3
    assert status(window) == ("3 reminders: The 360-degree assessment is due; Behind pace for 40 h in 2026; "
                              "The 2025 annual report is not submitted yet")


def test_each_database_is_notified_for_itself(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    ReminderNotifier(window).check(DAY)
    monkeypatch.setattr(window, "db_path", Path(window.db_path.parent / "other.sqlite3"))
    assert [r.key for r in ReminderNotifier(window).check(DAY)] == ["pace-2026"]


class FakeTray:
    """Stands for QSystemTrayIcon on a desktop with a tray (offscreen has none)."""

    MessageIcon = QSystemTrayIcon.MessageIcon
    made: list[FakeTray] = []

    def __init__(self, icon: QIcon, parent: object) -> None:
        self.messages: list[tuple[str, str, QSystemTrayIcon.MessageIcon]] = []
        self.shown = False
        self.clicked: list[Callable[[], None]] = []
        self.made.append(self)
        self.messageClicked = self

    def connect(self, slot: Callable[[], None]) -> None:  # messageClicked.connect
        self.clicked.append(slot)

    @staticmethod
    def isSystemTrayAvailable() -> bool:
        return True

    def setToolTip(self, text: str) -> None:
        pass

    def show(self) -> None:
        self.shown = True

    def showMessage(self, title: str, text: str, icon: QSystemTrayIcon.MessageIcon, ms: int) -> None:
        self.messages.append((title, text, icon))


def test_with_a_tray_each_reminder_is_a_notification_that_leads_to_the_dashboard(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeTray.made = []
    monkeypatch.setattr(notifier_module, "QSystemTrayIcon", FakeTray)
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2020, 2, 1)), today=DAY)
    notifier = ReminderNotifier(window)
    assert len(notifier.check(DAY)) == 3
    (tray,) = FakeTray.made
    assert tray.shown
    assert [(title, icon) for title, _, icon in tray.messages] == [
        ("The 360-degree assessment is overdue", QSystemTrayIcon.MessageIcon.Warning),
        ("Behind pace for 40 h in 2026", QSystemTrayIcon.MessageIcon.Information),
        ("The 2025 annual report is not submitted yet", QSystemTrayIcon.MessageIcon.Information)]
    assert tray.messages[0][1].startswith("Due February 1, 2025. It is due within five years")
    assert status(window) == ""  # not in the status bar as well
    window.show_page("challengePage")
    raised: list[bool] = []
    monkeypatch.setattr(window, "raise_", lambda: raised.append(True))  # offscreen warns it cannot raise
    tray.clicked[0]()
    assert raised == [True] and window.stack.currentWidget() is window.pages["dashboardPage"]


def test_the_running_app_starts_its_notifier_once_the_window_is_up(qtbot: QtBot, db_path: Path,
                                                                  frozen_today: Callable[[date], None]) -> None:
    """app.open_window (what `wethrive` runs) starts the reminders after the first paint; a window built for a
    test or script (create_main_window) notifies nothing."""
    from wethrive_desktop.app import open_window
    from wethrive_desktop.models.db import close_database

    frozen_today(date(2026, 3, 15))
    window = open_window(db_path)
    try:
        assert window.notifier is None  # not before the window is up
        qtbot.waitUntil(lambda: isinstance(window.notifier, ReminderNotifier))
        # A new, empty database: far behind the 40 hours in March is a reminder, told in the status bar offscreen.
        qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Reminder: "))
    finally:
        window.close()
        close_database()
