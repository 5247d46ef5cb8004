"""Building and running the GUI. `create_main_window` is what tests and the `wethrive` command share."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from wethrive_desktop import APP_NAME
from wethrive_desktop.models.backups import daily_backup
from wethrive_desktop.models.db import NewerSchemaError, StoreError, check_file, open_database, read_user_version
from wethrive_desktop.models.migrations import LATEST_VERSION
from wethrive_desktop.paths import demo_db_path
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.garbage import collect_on_gui_thread
from wethrive_desktop.ui.main_window import MainWindow


def create_main_window(db_path: Path | str, demo: bool | None = None, defer_pages: bool = False) -> MainWindow:
    """Open the database at `db_path` and build the main window for it (needs a running QApplication).

    `demo`: mark the window as showing the demo data (by default, when `db_path` is the demo database).
    `defer_pages`: build the pages not shown first only once the window is up (the app does; see MainWindow).
    """
    collect_on_gui_thread()  # before any worker can run: see ui/garbage.py
    db_path = Path(db_path)
    open_database(db_path)
    if demo is None:
        demo = db_path.resolve() == demo_db_path().resolve()
    return MainWindow(db_path, demo=demo, defer_pages=defer_pages)


def run_gui(db_path: Path, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("WeThrive")
    try:
        # The demo file opened by path (--db) is still the demo data, and is marked so.
        open_window(db_path, demo or None)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    return app.exec()


# The window on screen: kept here, because a switch to another database replaces it.
_current: list[MainWindow] = []


def open_window(db_path: Path, demo: bool | None = None) -> MainWindow:
    """Open `db_path` in a new main window, shown, answering its requests for another database."""
    window = create_main_window(db_path, demo, defer_pages=True)
    window.database_requested.connect(lambda path, is_demo: switch_database(window, path, is_demo))
    _current[:] = [window]
    window.show()
    if not window.demo:
        # One copy a day, thinned (about 25 ms for twenty years of records), once the window is up.
        # `window` as the timer's context: a window gone by then takes no backup.
        QTimer.singleShot(0, window, lambda: _daily_backup(window))
    return window


def switch_database(old: MainWindow, path: Path, demo: bool) -> MainWindow | None:
    """Replace `old` by a window on `path` (the demo data, or the user's own records, created empty if new).

    The target is checked before anything closes, so a file that cannot be opened leaves the user where they were.
    """
    from wethrive_desktop.models.demo import ensure_demo_database

    path = Path(path)
    try:
        check_file(path)
        if read_user_version(path) > LATEST_VERSION:
            raise NewerSchemaError(f"{path} was written by a newer version of {APP_NAME}; update the app to open it")
        if demo:
            ensure_demo_database(path)
    except (StoreError, OSError) as exc:
        prompts.show_error(old, "Open database", f"{exc}")
        return None
    old.prepare_to_leave()  # its pending edits go to its own database, before the switch
    # The new window opens before the old one closes, or closing the last window would end the app.
    new = open_window(path, demo)
    old.close()
    old.deleteLater()
    return new


def _daily_backup(window: MainWindow) -> None:
    if not window.isVisible():  # closed (or switched away from) before the event loop got here
        return
    try:
        daily_backup()
    except (OSError, StoreError) as exc:
        window.statusBar().showMessage(f"The daily backup could not be written: {exc}", 10000)
