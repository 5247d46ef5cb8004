"""The desktop notifications of the reminders: at start, once a day, again after midnight on a new day, never when
turned off; in the status bar where there is no system tray (offscreen), as tray messages where there is one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import peewee
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.db import StoreError
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.reminders import Reminder, reminders
from wethrive_desktop.preferences import load_preferences, save_preferences
from wethrive_desktop.ui import notifier as notifier_module
from wethrive_desktop.ui.dashboard.page import DashboardPage
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


def test_another_requirement_due_soon_is_notified_and_a_waived_360_is_not(window: MainWindow) -> None:
    from wethrive_desktop.models.activities import ActivityData, save_activity
    from wethrive_desktop.models.requirements.store import add_template

    save_activity(ActivityData(date(2026, 1, 12), "Institute", Decimal(24), "leadership institute",
                               end_date=date(2026, 1, 14)))  # on pace
    add_template("ca-ab1234", DAY, start=date(2024, 4, 1))  # two years from April 1, 2024: due March 31
    save_profile(ProfileData(credential_status="retired", program_entry_date=date(2019, 4, 1)), today=DAY)
    # The 360 is waived; the yearly report is asked of a Retired Credentialed Manager as of any other.
    assert [r.key for r in ReminderNotifier(window).check(DAY)] == ["requirement-ca-ab1234-2026-03-31",
                                                                    "report-due-2025"]
    assert status(window) == ("2 reminders: California AB 1234 ethics: 2 h to go; The 2025 annual report is not "
                              "submitted yet")


def test_a_requirement_due_december_31_is_notified_a_month_ahead_from_november_30(
        window: MainWindow, frozen_today: Callable[[date], None]) -> None:
    from wethrive_desktop.models.activities import ActivityData, save_activity
    from wethrive_desktop.models.requirements.store import save_requirement

    save_activity(ActivityData(date(2026, 1, 12), "Institute", Decimal(40), "leadership institute",
                               end_date=date(2026, 1, 14)))  # Tenet 8 met: no pace reminder
    save_requirement({"key": "gccma-ethics", "name": "Georgia (GCCMA) ethics", "hours": 3,
                      "period": {"kind": "calendar"}, "topics": ["ethics"]})
    notifier = ReminderNotifier(window)
    frozen_today(date(2026, 11, 29))
    assert notifier.check(date(2026, 11, 29)) == []  # 32 days ahead: not yet
    frozen_today(date(2026, 11, 30))
    assert [r.key for r in notifier.check(date(2026, 11, 30))] == ["requirement-gccma-ethics-2026-12-31"]
    assert status(window) == "Reminder: Georgia (GCCMA) ethics: 3 h to go"


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


def test_with_a_tray_several_reminders_are_one_notification_that_leads_to_the_dashboard(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """One message for them all: on Windows each balloon replaces the last, so one each would show only one."""
    FakeTray.made = []
    monkeypatch.setattr(notifier_module, "QSystemTrayIcon", FakeTray)
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2020, 2, 1)), today=DAY)
    notifier = ReminderNotifier(window)
    assert len(notifier.check(DAY)) == 3
    (tray,) = FakeTray.made
    assert tray.shown
    assert tray.messages == [
        ("3 reminders", "The 360-degree assessment is overdue\nBehind pace for 40 h in 2026\n"
                        "The 2025 annual report is not submitted yet", QSystemTrayIcon.MessageIcon.Warning)]
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


def test_with_a_tray_one_reminder_is_told_with_its_due_date(window: MainWindow,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    FakeTray.made = []
    monkeypatch.setattr(notifier_module, "QSystemTrayIcon", FakeTray)
    ReminderNotifier(window).check(DAY)
    (tray,) = FakeTray.made
    ((title, text, icon),) = tray.messages
    assert (title, icon) == ("Behind pace for 40 h in 2026", QSystemTrayIcon.MessageIcon.Information)
    assert text.startswith("Due December 31, 2026. 0 h done")


def test_the_count_has_a_singular_form() -> None:
    from wethrive_desktop.i18n import trn

    assert trn("%n reminder: {titles}", "%n reminders: {titles}", 1) == "1 reminder: {titles}"
    assert trn("%n reminder", "%n reminders", 1) == "1 reminder"


@pytest.mark.parametrize("error", [peewee.OperationalError("database is locked"), StoreError("unreadable"),
                                   OSError("disk gone")])
def test_a_check_that_fails_is_logged_and_the_timer_set_again(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        error: Exception) -> None:
    notifier = ReminderNotifier(window)

    def fail(today: date) -> list[object]:
        raise error

    monkeypatch.setattr(notifier_module, "reminders", fail)
    notifier.midnight.stop()
    with caplog.at_level(logging.WARNING, logger=notifier_module.__name__):
        assert notifier.check_now() == []  # no crash dialog
    assert notifier.midnight.isActive()  # the next midnight tries again
    assert "The reminders were not checked" in caplog.text and str(error) in caplog.text


def test_an_information_is_notified_once_ever_a_warning_each_day(
        window: MainWindow, frozen_today: Callable[[date], None], monkeypatch: pytest.MonkeyPatch) -> None:
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2021, 4, 1)), today=DAY)
    notifier = ReminderNotifier(window)
    # The 360 due April 1 (a warning), behind pace (a warning), the undated 2025 report (information).
    assert [r.key for r in notifier.check(DAY)] == ["multirater-due", "pace-2026", "report-due-2025"]
    for day in (date(2026, 3, 16), date(2026, 3, 17)):
        frozen_today(day)
        assert [r.key for r in notifier.check(day)] == ["multirater-due", "pace-2026"]  # not the report again
        assert [r.key for r in ReminderNotifier(window).check(day)] == []  # a restart the same day
    page = window.page(DashboardPage)
    page.refresh()
    assert "report-due-2025" in page.reminder_list.texts()  # the dashboard still shows it
    monkeypatch.setattr(window, "db_path", Path(window.db_path.parent / "other.sqlite3"))
    assert "report-due-2025" in [r.key for r in ReminderNotifier(window).check(date(2026, 3, 17))]  # per database


def test_leaving_stops_the_notifier(window: MainWindow, qtbot: QtBot) -> None:
    notifier = ReminderNotifier(window)  # its first check is queued: it must not run after leaving either
    window.notifier = notifier
    window.prepare_to_leave()
    assert not notifier.midnight.isActive()
    qtbot.wait(20)
    assert status(window) == "" and notifier.check_now() == [] and not notifier.midnight.isActive()


def test_leaving_without_a_notifier(window: MainWindow) -> None:
    assert window.notifier is None
    window.prepare_to_leave()


def test_new_preferences_check_the_reminders_and_refresh_the_dashboard(window: MainWindow, qtbot: QtBot) -> None:
    save_preferences(replace(load_preferences(), reminders_enabled=False))
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2021, 4, 1)), today=DAY)
    page = window.page(DashboardPage)
    page.refresh()
    assert "Due" not in page.reminder_list.texts()["report-due-2025"]
    window.notifier = ReminderNotifier(window)
    qtbot.wait(20)  # the check at start: reminders are off
    assert status(window) == ""
    prefs = replace(load_preferences(), reminders_enabled=True, report_due="04-01")
    save_preferences(prefs)
    window.preferences_changed.emit(prefs)  # what Edit > Preferences... and View > Zoom do once saved
    assert "Due" in page.reminder_list.texts()["report-due-2025"]  # the dashboard follows the due date
    assert status(window).startswith("3 reminders: ")  # notified at once, not at the next start


def test_the_demo_data_notifies_nothing(qtbot: QtBot, db_path: Path, frozen_today: Callable[[date], None]) -> None:
    from wethrive_desktop.app import open_window, start_notifier
    from wethrive_desktop.models.db import close_database

    frozen_today(DAY)
    window = open_window(db_path, demo=True)
    try:
        qtbot.wait(50)
        start_notifier(window)
        assert window.notifier is None
        assert not window.statusBar().currentMessage().startswith("Reminder: ")
    finally:
        window.close()
        close_database()


def test_the_check_at_start_works_the_reminders_out_on_a_worker(window: MainWindow, qtbot: QtBot,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """At 100,000 activities the reminders take tens of milliseconds: the first check keeps them off the window's
    thread, and notifies on it."""
    import threading

    threads: list[threading.Thread] = []
    real = reminders

    def on_which_thread(today: date) -> list[Reminder]:
        threads.append(threading.current_thread())
        return real(today)

    monkeypatch.setattr(notifier_module, "reminders", on_which_thread)
    notifier = ReminderNotifier(window)
    qtbot.waitUntil(lambda: status(window) == "Reminder: Behind pace for 40 h in 2026")
    assert threads and threads[0] is not threading.main_thread()
    assert notifier.midnight.isActive()
    assert notifier.check(DAY) == []  # notified: not again the same day


def test_a_check_at_start_that_cannot_read_is_logged_not_shown(window: MainWindow, qtbot: QtBot,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    def locked(today: date) -> list[Reminder]:
        raise peewee.OperationalError("database is locked")

    monkeypatch.setattr(notifier_module, "reminders", locked)
    with caplog.at_level(logging.WARNING):
        notifier = ReminderNotifier(window)
        qtbot.waitUntil(lambda: "The reminders were not checked" in caplog.text)
    assert status(window) == "" and notifier.midnight.isActive()  # tried again next midnight


def _check_at_start_meanwhile(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                               meanwhile: Callable[[ReminderNotifier], None]) -> None:
    """Start a notifier whose first check waits on its worker until `meanwhile` has run, then let it finish and its
    result reach the window's thread."""
    import threading

    started, release = threading.Event(), threading.Event()

    def slow(today: date) -> list[Reminder]:
        started.set()
        release.wait(10)
        return reminders(today)

    monkeypatch.setattr(notifier_module, "reminders", slow)
    notifier = ReminderNotifier(window)
    qtbot.waitUntil(started.is_set)
    meanwhile(notifier)
    release.set()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    qtbot.wait(50)  # the worker's result reaches the window's thread


def test_a_window_leaving_during_the_check_at_start_is_told_nothing(window: MainWindow, qtbot: QtBot,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _check_at_start_meanwhile(window, qtbot, monkeypatch, lambda notifier: notifier.stop())  # as a closing window
    assert status(window) == ""


def test_reminders_turned_off_during_the_check_at_start_are_not_shown(window: MainWindow, qtbot: QtBot,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def turn_off(notifier: ReminderNotifier) -> None:  # in Preferences, meanwhile
        save_preferences(replace(load_preferences(), reminders_enabled=False))

    _check_at_start_meanwhile(window, qtbot, monkeypatch, turn_off)
    assert status(window) == ""


def test_the_check_at_start_notifies_when_nothing_changed_meanwhile(window: MainWindow, qtbot: QtBot,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The two tests above, with nothing done meanwhile: the reminder is shown (they are not passing vacuously)."""
    _check_at_start_meanwhile(window, qtbot, monkeypatch, lambda notifier: None)
    assert status(window) == "Reminder: Behind pace for 40 h in 2026"
