"""Building and running the GUI. `create_main_window` is what tests and the `wethrive` command share."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from wethrive_desktop import APP_NAME
from wethrive_desktop.models.backups import daily_backup
from wethrive_desktop.models.db import StoreError, open_database
from wethrive_desktop.paths import demo_db_path
from wethrive_desktop.ui.main_window import MainWindow


def create_main_window(db_path: Path | str, demo: bool | None = None, defer_pages: bool = False) -> MainWindow:
    """Open the database at `db_path` and build the main window for it (needs a running QApplication).

    `demo`: mark the window as showing the demo data (by default, when `db_path` is the demo database).
    `defer_pages`: build the pages not shown first only once the window is up (the app does; see MainWindow).
    """
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
        window = create_main_window(db_path, demo or None, defer_pages=True)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window.show()
    if not window.demo:
        # One copy a day, thinned (about 25 ms for twenty years of records), once the window is up.
        QTimer.singleShot(0, lambda: _daily_backup(window))
    return app.exec()


def _daily_backup(window: MainWindow) -> None:
    try:
        daily_backup()
    except (OSError, StoreError) as exc:
        window.statusBar().showMessage(f"The daily backup could not be written: {exc}", 10000)
