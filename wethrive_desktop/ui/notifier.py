"""Desktop notifications of the reminders (models.reminders: pace, annual report, 360 assessment, eligibility, the
other tracked requirements).

`ReminderNotifier(window)` checks when the app starts and again each time the app runs past midnight (a timer to
the next midnight of models.clock), and shows each reminder not yet notified that day: as a system notification
(QSystemTrayIcon.showMessage) where the desktop has a tray, else in the window's status bar. Which reminders were
notified on which day is kept in the window's settings (settings.ini in the data folder), per database, so a
restart the same day does not repeat them and the next day does. A warning or an urgent reminder is notified each
day it holds; a mere information (eligibility, an undated report note) only once ever, its key kept there too.
Several new reminders make one notification (each tray message would replace the last on Windows). Nothing is shown
when the member turned reminders off (Preferences: `reminders_enabled`); the dashboard's Reminders card shows them
all the same. A check that cannot read the database (locked, unreadable) is logged and tried again next midnight.

The check when the app starts reads the database on a worker thread (at 100,000 activities the reminders take some
40 ms to work out): the window is not held up by it, before or after its first paint. The others (midnight, the
preferences changed) are quick enough in passing, and give their result at once.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import peewee
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from wethrive_desktop import APP_NAME
from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.db import StoreError
from wethrive_desktop.models.reminders import INFO, URGENT, Reminder, reminders
from wethrive_desktop.preferences import load_preferences
from wethrive_desktop.ui.workers import run_in_worker

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from wethrive_desktop.ui.main_window import MainWindow

NOTIFIED_KEY = "reminders/notified"  # {"day": ISO date, "keys": ["<database>|<reminder key>", ...]} as JSON
INFORMED_KEY = "reminders/informed"  # ["<database>|<reminder key>", ...] as JSON: the INFO ones, notified once ever
MESSAGE_MS = 15_000  # how long a notification (or the status bar message) stays
PAST_MIDNIGHT_MS = 1_000  # the timer fires a second after midnight, so the clock's day has surely turned

log = logging.getLogger(__name__)


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
        self.stopped = False
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire half an hour early
        self.midnight.timeout.connect(self.check_now)
        QTimer.singleShot(0, self, self.check_in_background)  # once the window is up: it shows before any check

    def check_now(self) -> list[Reminder]:
        """Check today (the app started, midnight passed, or the preferences changed), the timer set for the next
        midnight first. A database that cannot be read now (locked, gone) is logged, not shown: a notification is
        no reason for a crash dialog, and the next midnight tries again."""
        if self.stopped:
            return []
        self.midnight.start(ms_to_next_midnight(clock.now()))
        try:
            return self.check(clock.today())
        except (StoreError, peewee.DatabaseError, OSError) as exc:
            log.warning("The reminders were not checked: %s", exc)
            return []

    def check_in_background(self) -> None:
        """Check today with the reminders worked out on a worker thread, then notified here (the app's first check);
        the timer is set for the next midnight first, as check_now does."""
        if self.stopped:
            return
        self.midnight.start(ms_to_next_midnight(clock.now()))
        if not load_preferences().reminders_enabled:
            return
        today = clock.today()

        def notify(found: list[Reminder]) -> None:
            # Not if the day turned meanwhile (midnight's check has its own) or reminders were turned off.
            if clock.today() == today and load_preferences().reminders_enabled:
                self._notify(today, found)

        run_in_worker(reminders, today, on_result=notify, on_error=self._background_check_failed)

    def _background_check_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, (StoreError, peewee.DatabaseError, OSError)):
            raise exc  # a bug: the crash net reports it
        log.warning("The reminders were not checked: %s", exc)

    def stop(self) -> None:
        """The window is leaving: no more checks (nothing may reach its database after that)."""
        self.stopped = True
        self.midnight.stop()

    def check(self, today: date) -> list[Reminder]:
        """Notify the reminders of `today` not yet notified that day; what was notified."""
        if not load_preferences().reminders_enabled:
            return []
        return self._notify(today, reminders(today))

    def _notify(self, today: date, found: list[Reminder]) -> list[Reminder]:
        """Notify those of `found` (the reminders of `today`) not yet notified that day; what was notified."""
        if self.stopped:  # the window left while a worker worked them out
            return []
        store = self._settings()
        done = self._notified_on(store, today)
        informed = self._informed(store)
        new = [r for r in found
               if self._key(r) not in done and not (r.severity == INFO and self._key(r) in informed)]
        if new:
            self._show(new)
            store.setValue(NOTIFIED_KEY, json.dumps({"day": today.isoformat(),
                                                     "keys": sorted(done | {self._key(r) for r in new})}))
            info = {self._key(r) for r in new if r.severity == INFO}
            if info:
                store.setValue(INFORMED_KEY, json.dumps(sorted(informed | info)))
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

    @staticmethod
    def _informed(store: QSettings) -> set[str]:
        """The keys of the information reminders ever notified (none when what is stored is unreadable)."""
        try:
            stored = json.loads(str(store.value(INFORMED_KEY, "[]")))
        except ValueError:
            return set()
        return {k for k in stored if isinstance(k, str)} if isinstance(stored, list) else set()

    # --- showing ---------------------------------------------------------------------------------------------

    def _show(self, new: list[Reminder]) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            # One message, however many: on Windows each balloon replaces the last, so only one would be seen.
            icon = (QSystemTrayIcon.MessageIcon.Warning if any(r.severity == URGENT for r in new)
                    else QSystemTrayIcon.MessageIcon.Information)
            if len(new) == 1:
                title, text = new[0].title, notification_text(new[0])
            else:
                title = trn("%n reminder", "%n reminders", len(new))
                text = "\n".join(r.title for r in new)
            self._tray().showMessage(title, text, icon, MESSAGE_MS)
            return
        if len(new) == 1:
            text = tr("Reminder: {title}").format(title=new[0].title)
        else:
            text = trn("%n reminder: {titles}", "%n reminders: {titles}", len(new)).format(
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
