"""Desktop notifications of the reminders (models.reminders: pace, annual report, 360 assessment, eligibility).

`ReminderNotifier(window)` checks when the app starts and again each time the app runs past midnight (a timer to
the next midnight of models.clock), and shows each reminder not yet notified that day: as a system notification
(QSystemTrayIcon.showMessage) where the desktop has a tray, else in the window's status bar. Which reminders were
notified on which day is kept in the window's settings (settings.ini in the data folder), per database, so a
restart the same day does not repeat them and the next day does. Nothing is shown when the member turned reminders
off (Preferences: `reminders_enabled`); the dashboard's Reminders card shows them all the same.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from wethrive_desktop import APP_NAME
from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.reminders import URGENT, Reminder, reminders
from wethrive_desktop.preferences import load_preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from wethrive_desktop.ui.main_window import MainWindow

NOTIFIED_KEY = "reminders/notified"  # {"day": ISO date, "keys": ["<database>|<reminder key>", ...]} as JSON
MESSAGE_MS = 15_000  # how long a notification (or the status bar message) stays
PAST_MIDNIGHT_MS = 1_000  # the timer fires a second after midnight, so the clock's day has surely turned


def ms_to_next_midnight(now: datetime) -> int:
    """Milliseconds from `now` to a second past the next midnight."""
    midnight = datetime.combine(now.date() + timedelta(days=1), time())
    return int((midnight - now).total_seconds() * 1000) + PAST_MIDNIGHT_MS


def notification_text(r: Reminder) -> str:
    """A notification's body: when it is due (if dated) and what to do."""
    if r.due is None:
        return r.detail
    return tr("Due {date}. {detail}").format(date=format_date(r.due), detail=r.detail)


class ReminderNotifier(QObject):
    """Notifies the reminders of `window`'s database once a day; a child of the window, it lives as long."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire half an hour early
        self.midnight.timeout.connect(self.check_now)
        QTimer.singleShot(0, self, self.check_now)  # once the window is up: it shows before anything is checked

    def check_now(self) -> list[Reminder]:
        """Check today (the app started, or midnight passed), and set the timer for the next midnight."""
        notified = self.check(clock.today())
        self.midnight.start(ms_to_next_midnight(clock.now()))
        return notified

    def check(self, today: date) -> list[Reminder]:
        """Notify the reminders of `today` not yet notified that day; what was notified."""
        if not load_preferences().reminders_enabled:
            return []
        store = self._settings()
        done = self._notified_on(store, today)
        new = [r for r in reminders(today) if self._key(r) not in done]
        if new:
            self._show(new)
            store.setValue(NOTIFIED_KEY, json.dumps({"day": today.isoformat(),
                                                     "keys": sorted(done | {self._key(r) for r in new})}))
        return new

    # --- what was notified -----------------------------------------------------------------------------------

    @staticmethod
    def _settings() -> QSettings:
        from wethrive_desktop.ui.main_window import settings  # here: main_window imports this module

        return settings()

    def _key(self, r: Reminder) -> str:
        return f"{self.window.db_path}|{r.key}"

    @staticmethod
    def _notified_on(store: QSettings, today: date) -> set[str]:
        """The keys notified on `today` (none when what is stored is of another day, or unreadable)."""
        try:
            stored = json.loads(str(store.value(NOTIFIED_KEY, "{}")))
        except ValueError:
            return set()
        if not isinstance(stored, dict) or stored.get("day") != today.isoformat():
            return set()
        keys = stored.get("keys")
        return {k for k in keys if isinstance(k, str)} if isinstance(keys, list) else set()

    # --- showing ---------------------------------------------------------------------------------------------

    def _show(self, new: list[Reminder]) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray = self._tray()
            for r in new:
                icon = (QSystemTrayIcon.MessageIcon.Warning if r.severity == URGENT
                        else QSystemTrayIcon.MessageIcon.Information)
                tray.showMessage(r.title, notification_text(r), icon, MESSAGE_MS)
            return
        if len(new) == 1:
            text = tr("Reminder: {title}").format(title=new[0].title)
        else:
            text = trn("%n reminders: {titles}", "%n reminders: {titles}", len(new)).format(
                titles="; ".join(r.title for r in new))
        self.window.show_message(text, MESSAGE_MS)

    def _tray(self) -> QSystemTrayIcon:
        """The tray icon the notifications come from (made when first needed); a click on one shows the
        dashboard."""
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self.tray.setToolTip(APP_NAME)
            self.tray.messageClicked.connect(self.show_dashboard)
            self.tray.show()
        return self.tray

    def show_dashboard(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        self.window.show_page("dashboardPage")
