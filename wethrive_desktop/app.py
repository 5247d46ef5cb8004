"""Building and running the GUI. `create_main_window` is what tests and the `wethrive` command share."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from wethrive_desktop import APP_NAME
from wethrive_desktop.models.db import StoreError, open_database
from wethrive_desktop.paths import demo_db_path
from wethrive_desktop.ui.main_window import MainWindow


def create_main_window(db_path: Path | str, demo: bool | None = None) -> MainWindow:
    """Open the database at `db_path` and build the main window for it (needs a running QApplication)."""
    db_path = Path(db_path)
    open_database(db_path)
    if demo is None:
        demo = db_path.resolve() == demo_db_path().resolve()
    return MainWindow(db_path, demo=demo)


def run_gui(db_path: Path, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("WeThrive")
    try:
        window = create_main_window(db_path, demo)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window.show()
    return app.exec()
