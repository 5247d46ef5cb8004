"""The app's side of figures 2-7 and 9, each run by bench/child.py in a fresh process (its floor: bench/floors.py).

Every function takes the arguments the parent (bench/figures.py) gives and returns its figures in milliseconds. The
app is driven through its own functions, as the GUI or the `wethrive` command calls them; only the time of the work
itself is taken (the process start, imports and opening the database are the same for app and floor, and not timed).
A database that the work writes to is the parent's copy, made for this process.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.child import median, ms_since

if TYPE_CHECKING:
    from wethrive_desktop.ui.main_window import MainWindow

WINDOW_SIZE = (1366, 740)  # a laptop screen, as bench_ui measures
# One letter each, typed into an empty search box and deleted again. Each narrows the table (the probe checks it).
# In the generated data most other letters (e, w, p, c, r, the letters typed before) are in every row, j in none;
# a letter in every row shown lays nothing out again (model.py's _refilter), which would measure less than a
# search. Figures taken with those letters are not comparable with these.
SEARCH_LETTERS = "bkqvxz"
REFLECTION_TEXT = " insight"  # typed at the end of "What I learned", then deleted
REFRESHES = 6


def _window_on(db: Path, page: str) -> MainWindow:
    """The main window on `db` as the app starts it (pages deferred), with `page` remembered and so built first;
    shown at WINDOW_SIZE, painted, its start-up work done (workers, timers)."""
    from PySide6.QtCore import QThreadPool

    from bench.probe import app_instance, settle, wait_until
    from wethrive_desktop.app import create_main_window
    from wethrive_desktop.paths import data_dir

    app_instance()
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.ini").write_text(f"[window]\npage={page}\n", encoding="utf-8")
    window = create_main_window(db, defer_pages=True)
    window.resize(*WINDOW_SIZE)
    window.show()
    settle(0.3)
    wait_until(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    return window


def _close(window: MainWindow) -> None:
    from bench.probe import settle
    from wethrive_desktop.models.db import close_database

    window.close()
    window.deleteLater()
    settle(0.05)
    close_database()


def search(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 2: a letter typed into the activity log's search box with all years shown (every row searched), until
    the table has repainted; and its floor, in the same process: a repaint of the same table, filled the same way."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from bench.probe import settle, until_loaded, until_painted
    from wethrive_desktop.ui.activities.page import ActivityLogPage

    window = _window_on(Path(args["db"]), ActivityLogPage.object_name)
    page = window.page(ActivityLogPage)
    page.year_combo.setCurrentIndex(page.year_combo.count() - 1)  # "All years"
    until_loaded(page)
    settle(0.3)
    model = page.table.model()
    rows = model.rowCount()
    viewport = page.table.viewport()
    floor = [until_painted(viewport, lambda: None) for _ in range(6)]
    typed: list[float] = []
    deleted: list[float] = []
    late = 0
    for letter in SEARCH_LETTERS:
        floor.append(until_painted(viewport, lambda: None))  # interleaved, so a noisy moment hits both alike
        typed.append(until_painted(viewport, partial(QTest.keyClick, page.search_edit, letter)))
        # The figure is the work done until the repaint; a search applied later (after a delay, on a worker)
        # would escape it, so the rows shown are counted right after the key and again after a pause.
        counted = model.rowCount()
        if not 0 < counted < rows:
            raise AssertionError(f"typing {letter!r} left {counted:,} of {rows:,} rows: it must narrow the table")
        settle(0.05)
        late += model.rowCount() != counted
        deleted.append(until_painted(viewport, lambda: QTest.keyClick(page.search_edit, Qt.Key.Key_Backspace)))
    assert page.search_edit.text() == ""
    _close(window)
    return {"app_ms": median(typed), "floor_ms": median(floor), "typed_max_ms": max(typed),
            "deleted_median_ms": median(deleted), "deleted_max_ms": max(deleted), "rows": rows,
            "late_changes": late}


def reflection(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 3: a key typed at the end of "What I learned" on the annual report page (a year of `size`
    activities), until the field has repainted and the events the key posted are processed (word count, readiness
    check, the list's marks)."""
    from bench.probe import settle, type_and_delete
    from wethrive_desktop.ui.report.page import ReportPage

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "report.sqlite3"
        shutil.copyfile(args["db"], db)  # typing saves after a pause: never into the parent's file
        window = _window_on(db, ReportPage.object_name)
        page = window.page(ReportPage)
        page.set_year(int(args["year"]))
        settle(0.2)
        page.reflections.focus_field("learned")  # the page shows the year's first activity
        settle(0.2)
        edit = page.reflections.learned_field.edit
        activities = len(page.data.activities) if page.data is not None else 0
        typed, deleted = type_and_delete(edit, edit.viewport(), REFLECTION_TEXT)
        page.reflections.commit_timer.stop()
        _close(window)
    keys = typed + deleted
    return {"ms": median(keys), "max_ms": max(keys), "activities": activities}


def csv_import(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 4: File > Import CSV / `wethrive import-csv` into a new database: preview_import then apply_import."""
    from wethrive_desktop.exchange.csv_io import apply_import, preview_import
    from wethrive_desktop.models.db import close_database, open_database

    open_database(Path(args["db"]))
    try:
        gc.collect()
        start = time.perf_counter()
        preview = preview_import(Path(args["csv"]))
        if preview.errors:
            raise RuntimeError(f"{len(preview.errors)} errors in the CSV, e.g. {preview.errors[0]}")
        added = apply_import(preview)
        ms = ms_since(start)
    finally:
        close_database()
    return {"ms": ms, "rows": added}


def json_import(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 5a: `wethrive import-json` into a new database: import_json."""
    from wethrive_desktop.exchange.json_io import import_json
    from wethrive_desktop.models.db import close_database, open_database

    open_database(Path(args["db"]))
    try:
        gc.collect()
        start = time.perf_counter()
        counts = import_json(Path(args["json"]))
        ms = ms_since(start)
    finally:
        close_database()
    return {"ms": ms, "rows": counts.get("activities", 0)}


def json_export(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 5b: `wethrive export-json` of the benchmark database (opened read-only, as the command does)."""
    from wethrive_desktop.exchange.json_io import export_json
    from wethrive_desktop.models.db import close_database, open_database

    open_database(Path(args["db"]), readonly=True)
    try:
        gc.collect()
        start = time.perf_counter()
        counts = export_json(Path(args["out"]))
        ms = ms_since(start)
    finally:
        close_database()
    return {"ms": ms, "rows": counts.get("activities", 0), "bytes": Path(args["out"]).stat().st_size}


def calendar_import(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 6: the planner's Import calendar: import_ics of the file into a new database."""
    from wethrive_desktop.exchange.calendar_import import import_ics
    from wethrive_desktop.models.db import close_database, open_database

    open_database(Path(args["db"]))
    try:
        gc.collect()
        start = time.perf_counter()
        result = import_ics(Path(args["ics"]))
        ms = ms_since(start)
    finally:
        close_database()
    return {"ms": ms, "rows": len(result.added)}


def report_refresh(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 7: the annual report page refreshed, until repainted. `ms`: a refresh that rebuilds everything (the
    year switched, alternately to the year before and back: the report reloaded, its activity list refilled);
    `same_ms`: refresh() with nothing changed, as after a write elsewhere."""
    from bench.probe import settle, until_painted
    from wethrive_desktop.ui.report.page import ReportPage

    window = _window_on(Path(args["db"]), ReportPage.object_name)
    page = window.page(ReportPage)
    settle(0.2)
    year = page.year()
    activities = len(page.data.activities) if page.data is not None else 0
    switches = [until_painted(window, partial(page.set_year, year - 1 if i % 2 == 0 else year))
                for i in range(REFRESHES)]
    same = [until_painted(window, page.refresh) for _ in range(REFRESHES)]
    _close(window)
    return {"ms": median(switches), "same_ms": median(same), "max_ms": max(switches), "year": year,
            "activities": activities}


def report_pdf(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 9: the annual report PDF (its data from the store, then the PDF) of each database given, one year of
    n activities each; after the process's first build (fonts registered, ReportLab's first-use work), as in the
    app, which registers the fonts when the report page is made."""
    from bench.bench_report import _empty_report, _measure
    from wethrive_desktop.reports.pdf.builder import render_report
    from wethrive_desktop.reports.pdf.fonts import register_fonts

    register_fonts()
    render_report(_empty_report())
    out: dict[str, Any] = {}
    for size, db in args["dbs"].items():
        gc.collect()
        data_ms, pdf_ms, pages = _measure(Path(db), int(args["year"]))
        out[f"{size}_ms"] = data_ms + pdf_ms
        out[f"{size}_pages"] = pages
    return out
