"""The main window on the benchmark database: start-up to first paint, loading the table, each search keystroke.

Figures (milliseconds):
- startup_first_paint_ms: a fresh `python` process, from launch to the first paint of the main window (imports,
  opening the database, building the page shown first, as `wethrive` does); startup_activity_log_paint_ms: the
  same until the activity table has painted its rows, with the activity log as the remembered page.
- window_build_ms: create_main_window (every page built) + show + first paint, in an already running process.
- load_year_ms / load_all_years_ms: (re)loading the activity table for one year / for all years (three queries,
  the model reset and the repaint), as after a save or when switching years.
- keystroke_filter_median_ms / keystroke_filter_max_ms: typing a word into the search box and deleting it again
  with all years shown (every activity in the table), each key measured until the table has repainted.
- sort_hours_all_ms: sorting every activity by hours.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402 - the platform must be chosen first
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.probe import until_loaded  # noqa: E402
from bench.run import timed_ms  # noqa: E402

# Started in a fresh interpreter: prints the milliseconds from its launch to the first paint of WATCH.
_STARTUP_SCRIPT = r"""
import os, sys, time
launched = float(sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from wethrive_desktop.app import create_main_window
window = create_main_window(sys.argv[1], defer_pages=True)  # as the app starts
target = window if sys.argv[3] == "window" else window.pages["activityLogPage"].table.viewport()

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is target:
            print(f"{(time.time() - launched) * 1000:.1f}", flush=True)
            QTimer.singleShot(0, lambda: os._exit(0))
        return False

watcher = FirstPaint()
target.installEventFilter(watcher)
window.show()
app.exec()
"""


def _startup_ms(db_path: Path, watch: str, remembered_page: str | None) -> float:
    with tempfile.TemporaryDirectory() as data:
        if remembered_page:
            Path(data, "settings.ini").write_text(f"[window]\npage={remembered_page}\n")
        env = {**os.environ, "WETHRIVE_DATA_DIR": data, "QT_QPA_PLATFORM": "offscreen"}
        out = subprocess.run([sys.executable, "-c", _STARTUP_SCRIPT, str(db_path), repr(time.time()), watch],
                             env=env, capture_output=True, text=True, timeout=120, check=True)
        return float(out.stdout.split()[-1])


def run(db_path: Path) -> dict[str, float]:
    from wethrive_desktop.app import create_main_window
    from wethrive_desktop.models.db import close_database
    from wethrive_desktop.ui.activities.model import Column
    from wethrive_desktop.ui.activities.page import ActivityLogPage

    figures = {
        "startup_first_paint_ms": _startup_ms(db_path, "window", None),
        "startup_activity_log_paint_ms": _startup_ms(db_path, "table", "activityLogPage"),
    }
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as data:
        old_data = os.environ.get("WETHRIVE_DATA_DIR")
        os.environ["WETHRIVE_DATA_DIR"] = data  # fresh window settings; the database is only read
        try:
            window = None

            def build() -> None:
                nonlocal window
                window = create_main_window(db_path)
                window.resize(1366, 740)
                window.show()
                app.processEvents()

            figures["window_build_ms"] = timed_ms(build)
            assert window is not None
            page = window.show_page("activityLogPage")
            assert isinstance(page, ActivityLogPage)
            app.processEvents()
            viewport = page.table.viewport()

            def until_painted(action: Callable[[], object]) -> Callable[[], None]:
                def step() -> None:
                    action()
                    viewport.repaint()
                    app.processEvents()
                return step

            figures["load_year_ms"] = timed_ms(until_painted(lambda: page.reload(force=True)))
            all_years = page.year_combo.count() - 1

            def show_all_years() -> None:
                page.year_combo.setCurrentIndex(all_years)
                until_loaded(page)  # read on a worker when there are many

            figures["load_all_years_ms"] = timed_ms(until_painted(show_all_years))
            assert page.model.rowCount() > 0

            keys: list[float] = []
            word = "budget"
            for char in word:
                keys.append(timed_ms(until_painted(partial(QTest.keyClick, page.search_edit, char))))
            for _ in word:
                keys.append(timed_ms(until_painted(lambda: QTest.keyClick(page.search_edit, Qt.Key.Key_Backspace))))
            assert page.search_edit.text() == ""
            figures["keystroke_filter_median_ms"] = statistics.median(keys)
            figures["keystroke_filter_max_ms"] = max(keys)
            figures["sort_hours_all_ms"] = timed_ms(
                until_painted(lambda: page.table.sortByColumn(Column.HOURS, Qt.SortOrder.AscendingOrder)))
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            close_database()
            if old_data is None:
                os.environ.pop("WETHRIVE_DATA_DIR", None)
            else:
                os.environ["WETHRIVE_DATA_DIR"] = old_data
    return {key: round(value, 1) for key, value in figures.items()}
