"""Building and running the GUI. `create_main_window` is what tests and the `wethrive` command share.

The first window is painted as soon as it can be (issue 12; tests/test_startup_imports.py): what it does not need
waits. The dialogs (ui/prompts.py) load when one is shown; the daily backup starts once the window has painted
(`after_first_paint`)."""

from __future__ import annotations

import logging
import os
import platform
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import peewee
import PySide6
import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from wethrive_desktop import APP_ID, APP_NAME, __version__, crash_log, resources_path
from wethrive_desktop.i18n import tr
from wethrive_desktop.models.db import DamagedDatabaseError, StoreError, check_openable, database_proxy, open_database
from wethrive_desktop.paths import DATA_DIR_ENV, data_dir, demo_db_path, missing_chosen_folder
from wethrive_desktop.preferences import load_preferences, update_preferences
from wethrive_desktop.ui.crash_dialog import CrashNet, install_crash_net
from wethrive_desktop.ui.garbage import collect_on_gui_thread
from wethrive_desktop.ui.i18n import install_qt
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.theme import apply_preferences
from wethrive_desktop.ui.workers import Worker, release_memory, run_in_worker

log = logging.getLogger(__name__)

# What an unusable data folder or database raises while the app opens it: a message, not a crash.
STARTUP_ERRORS = (StoreError, OSError, sqlite3.Error, peewee.DatabaseError)
PREVIOUS_CRASH_TEXT = f"{APP_NAME} closed unexpectedly last time. Your records are safe."  # shown through tr
INTERRUPT_POLL_MS = 250
FIRST_PAINT_WAIT_MS = 2000  # after_first_paint's work runs by then even when the window has not painted


def create_main_window(db_path: Path | str, demo: bool | None = None, defer_pages: bool = False) -> MainWindow:
    """Open the database at `db_path` and build the main window for it (needs a running QApplication).

    `demo`: mark the window as showing the demo data (by default, when `db_path` is the demo database).
    `defer_pages`: build the pages not shown first only once the window is up (the app does; see MainWindow).
    """
    collect_on_gui_thread()  # before any worker can run: see ui/garbage.py
    install_qt()  # every text and date from now on in the user's language and locale
    db_path = Path(db_path)
    open_database(db_path)
    if demo is None:
        demo = db_path.resolve() == demo_db_path().resolve()
    return MainWindow(db_path, demo=demo, defer_pages=defer_pages)


def run_gui(db_path: Path, demo: bool = False) -> int:
    """Run the app on `db_path` until its window closes; the exit status. `demo`: the built-in demo data at
    `db_path`, created and filled the first time.

    The log and the crash net are up before anything can fail; a data folder or database that cannot be used gets a
    message box (and status 1), and Ctrl+C in the terminal closes the window as File > Quit does.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("WeThrive")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # so a Wayland or X11 desktop matches the window to data/<APP_ID>.desktop
    app.setWindowIcon(app_icon())
    install_qt()  # every message from here on in the user's language, those about a start that fails too
    apply_preferences(app, load_preferences())  # the theme and text size chosen, before the first window
    crash_log.setup_logging()
    log.info("%s %s starting: Python %s, Qt %s, PySide6 %s, %s; database %s%s", APP_NAME, __version__,
             platform.python_version(), qVersion(), PySide6.__version__, system_text(), db_path,
             " (demo)" if demo else "")
    net = install_crash_net(app)
    try:
        with quit_on_interrupt(app):
            return _run(app, net, db_path, demo)
    finally:
        net.uninstall()


def system_text() -> str:
    """The system the app runs on, for the log: "Linux 6.8.0 x86_64 glibc 2.39", "Windows 10 AMD64".

    What platform.platform() says, less the processor's name, which it asks `uname -p` for in a subprocess on Linux
    (several milliseconds of every start, before the first window)."""
    parts = [platform.system(), platform.release(), platform.machine(), " ".join(platform.libc_ver()).strip()]
    return " ".join(part for part in parts if part)


def app_icon() -> QIcon:
    """The app's icon in every size rendered from data/icons/*.svg (scripts/make_icons.py), from the package."""
    icon = QIcon()
    for path in sorted(resources_path("icons").glob("icon-*.png")):
        icon.addFile(str(path))
    return icon


def _run(app: QApplication, net: CrashNet, db_path: Path, demo: bool) -> int:
    try:
        if demo:
            from wethrive_desktop.models.demo import ensure_demo_database

            ensure_demo_database(db_path)
        # The demo file opened by path (--db) is still the demo data, and is marked so.
        window = open_window(db_path, demo or None)
    except STARTUP_ERRORS as exc:
        log.error("%s could not be opened: %s: %s", db_path, type(exc).__name__, exc)
        from wethrive_desktop.ui import prompts  # (the dialogs are loaded when one is shown)

        prompts.show_error(None, APP_NAME, cannot_open_text(db_path, exc))
        crash_log.end_session(1)
        return 1
    except Exception as exc:  # a bug: logged and told, as any other
        net.show_crash(*crash_log.log_exception(type(exc), exc, exc.__traceback__, "the start"))
        crash_log.end_session(1)
        return 1
    QTimer.singleShot(0, window, lambda: tell_previous_crash(window))
    QTimer.singleShot(0, window, lambda: tell_missing_data_folder(window))
    log.info("%s started", APP_NAME)
    status = app.exec()
    crash_log.end_session(status)
    return status


def cannot_open_text(db_path: Path, exc: BaseException) -> str:
    """What to tell when the database at `db_path` cannot be used: the file's fault, or its folder's."""
    folder = db_path.parent
    if isinstance(exc, StoreError):
        if folder.is_dir() and os.access(folder, os.W_OK):
            return str(exc)
        text = str(exc)
    else:
        text = tr("{app} could not open or write its data at {path}:\n{error}").format(app=APP_NAME, path=db_path,
                                                                                     error=exc)
    return tr("{problem}\n\nCheck that {folder} is a folder you can write to, or choose another place "
              "({variable}, or --db PATH).").format(problem=text, folder=folder, variable=DATA_DIR_ENV)


def tell_missing_data_folder(parent: QWidget | None) -> Path | None:
    """When the data folder chosen in Preferences was not there at the start (a drive not connected), say which
    folder this session uses instead, rather than let the user think their records are gone. The folder missed."""
    missing = missing_chosen_folder()
    if missing is not None:
        from wethrive_desktop.ui import prompts

        prompts.show_notice(parent, APP_NAME, tr(
            "The data folder chosen in Preferences, {missing}, is not there (a drive not connected, or a folder "
            "moved?). This session uses {folder}. Connect the drive and start the app again, or choose another "
            "folder in Edit > Preferences...").format(missing=missing, folder=data_dir()))
    return missing


def tell_previous_crash(parent: QWidget | None) -> bool:
    """Once, after a session that did not end cleanly (a fatal error, or killed): say so; offer the log folder."""
    details = crash_log.previous_session_crashed()
    if details is None:
        return False
    from wethrive_desktop.ui import prompts

    if prompts.show_notice(parent, APP_NAME, tr(PREVIOUS_CRASH_TEXT), details, tr("Open log folder")):
        prompts.open_with_system(crash_log.log_dir())
    return True


@contextmanager
def quit_on_interrupt(app: QApplication) -> Iterator[None]:
    """Within: Ctrl+C (SIGINT) closes the windows, which save as on File > Quit, and the app exits with status 0.

    Python runs a signal handler only when the interpreter gets control, which the Qt event loop does not give it:
    a timer calls into Python a few times a second. The handler only posts the quit, which also works when the
    signal comes before the event loop runs."""
    def interrupted(signum: int, frame: FrameType | None) -> None:
        log.info("Interrupted (signal %s): quitting", signum)
        QTimer.singleShot(0, app, lambda: (app.closeAllWindows(), app.quit()))

    previous = signal.signal(signal.SIGINT, interrupted)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(INTERRUPT_POLL_MS)
    try:
        yield
    finally:
        timer.stop()
        timer.deleteLater()
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


# The window on screen: kept here, because a switch to another database replaces it.
_current: list[MainWindow] = []


def open_window(db_path: Path, demo: bool | None = None) -> MainWindow:
    """Open `db_path` in a new main window, shown, answering its requests for another database."""
    window = create_main_window(db_path, demo, defer_pages=True)
    window.database_requested.connect(lambda path, is_demo: switch_database(window, path, is_demo))
    _current[:] = [window]
    # Its native window made before it is shown, the window knows its frame where the platform tells it then
    # (Windows, Wayland, offscreen): fitted with it, it appears at the size it keeps (not laid out and painted at
    # one size, then shrunk and laid out again).
    window.winId()
    window.fit_to_screen()
    window.show()
    # Shown, its title bar and frame are known (on X11 a moment later): keep the whole window on the screen.
    QTimer.singleShot(0, window, window.fit_to_screen)
    if not window.demo:
        # First in File > Open recent: a write of the preferences, which the first paint need not wait for (a window
        # closed before it painted is not recorded).
        after_first_paint(window, lambda: remember_database(db_path) if window.isVisible() else None)
        # Desktop notifications of what is due or behind, once the window has painted (the first check reads on a
        # worker thread) and again each midnight; never of the demo data's made-up records.
        after_first_paint(window, lambda: start_notifier(window))
        # One copy a day, thinned, on a worker thread (the quick check and the copy take a second at 100,000
        # activities), once the window has painted: its reading of the whole file is not in the way of the first
        # paint. A window gone by then takes no backup.
        after_first_paint(window, lambda: start_daily_backup(window))
    # What starting read and imported and no longer needs (installed after the work above, this runs before it:
    # before the workers start, while the source lines are safe to drop).
    after_first_paint(window, release_memory)
    # The log's rotation, which the first paint need not wait for (installed last, this runs first: what it imports
    # is released with the rest).
    after_first_paint(window, crash_log.rotate_log)
    return window


class _FirstPaint(QObject):
    """Runs its work once the window it watches has painted for the first time (a timer queued before the window
    was shown runs before that paint: the event that paints it comes later), or after FIRST_PAINT_WAIT_MS when no
    paint comes (a window shown minimized). A child of the window: gone with it, work not done."""

    def __init__(self, window: QWidget, work: Callable[[], object]):
        super().__init__(window)
        self.watched = window
        self.work: Callable[[], object] | None = work
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self.run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.watched and event.type() == QEvent.Type.Paint:
            self.watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.run)  # once this paint is done
        return False

    def run(self) -> None:
        work, self.work = self.work, None
        if work is not None:
            self.watched.removeEventFilter(self)
            work()


def after_first_paint(window: QWidget, work: Callable[[], object]) -> None:
    """Run `work` (on the GUI thread) once `window` is on the screen: what the first paint does not need waits."""
    _FirstPaint(window, work)


def start_notifier(window: MainWindow) -> None:
    """The desktop reminders of `window`'s database; none for the demo data (a first start would be told of
    made-up deadlines)."""
    if window.demo or not window.isVisible():  # the demo data, or a window closed (or switched away from) by now
        return
    from wethrive_desktop.ui.notifier import ReminderNotifier

    window.notifier = ReminderNotifier(window)


def remember_database(path: Path) -> None:
    """Put `path` first in File > Open recent (a list that cannot be saved is only logged: it is a convenience)."""
    try:
        update_preferences(lambda prefs: prefs.with_recent(path.resolve()))
    except OSError as exc:
        log.warning("The recent databases were not saved: %s", exc)


def switch_database(old: MainWindow, path: Path, demo: bool) -> MainWindow | None:
    """Replace `old` by a window on `path` (the demo data, or the user's own records, created empty if new).

    The target is checked before anything closes, so a file that cannot be opened leaves the user where they were.
    """
    from wethrive_desktop.models.demo import ensure_demo_database
    from wethrive_desktop.ui import prompts

    path = Path(path)
    try:
        check_openable(path)
        if demo:
            ensure_demo_database(path)
    except (StoreError, OSError) as exc:
        prompts.show_error(old, tr("Open database"), f"{exc}")
        return None
    old.prepare_to_leave()  # its pending edits go to its own database, before the switch
    # The new window opens before the old one closes, or closing the last window would end the app.
    new = open_window(path, demo)
    old.close()
    old.deleteLater()
    return new


def start_daily_backup(window: MainWindow) -> Worker | None:
    """Today's copy of the window's database, taken on a worker thread; a problem is told in the window."""
    if not window.isVisible():  # closed (or switched away from) before the event loop got here
        return None
    from wethrive_desktop.models.backups import daily_backup

    source = database_proxy.obj
    return run_in_worker(daily_backup, db_path=window.db_path, source=source,
                         on_error=lambda exc: _daily_backup_failed(window, exc))


def _daily_backup_failed(window: MainWindow, exc: BaseException) -> None:
    from wethrive_desktop.models.backups import BackupError
    from wethrive_desktop.ui import prompts

    if not shiboken6.isValid(window) or not window.isVisible():
        log.warning("The daily backup failed after its window closed: %s", exc)
        return
    if isinstance(exc, DamagedDatabaseError):  # found by the quick check before the copy: the user must know now
        prompts.show_error(window, tr("The database is damaged"), str(exc))
    elif isinstance(exc, BackupError):  # says itself that it is the daily backup, and why
        window.statusBar().showMessage(f"{str(exc)[:1].upper()}{str(exc)[1:]}", 10000)
    elif isinstance(exc, (OSError, StoreError)):
        window.statusBar().showMessage(tr("The daily backup could not be written: {error}").format(error=exc), 10000)
    else:
        raise exc  # a bug: the crash net reports it
