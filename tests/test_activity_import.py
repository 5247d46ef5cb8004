"""Importing a CSV file from the GUI (preview, errors with line numbers, cancel, import in a worker) and the
worker helper it runs on."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.import_dialog import ImportDialog
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.workers import run_in_worker

HEADER = "date,title,provider,type,hours,practices\n"


def open_import(qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> ImportDialog:
    monkeypatch.setattr(prompts, "choose_open_file", lambda *args, **kwargs: path)
    dialog = window.import_csv()
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.preview is not None or "Nothing" in dialog.summary.text())
    return dialog


def test_preview_lists_every_error_with_its_line_and_imports_nothing(qtbot: QtBot, window: MainWindow,
                                                                    tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.csv"
    path.write_text(HEADER
                    + "2025-02-03,Ethics 101,ICMA,e-course,2,1\n"
                    + "2025-02-10,Budget webinar,GFOA,webinar,lots,12\n"
                    + "2025-02-31,Bad date,,workshop,1,\n", encoding="utf-8")
    dialog = open_import(qtbot, window, path, monkeypatch)
    errors = dialog.findChild(QListWidget, "importErrorList")
    assert errors is not None and errors.isVisible()
    lines = [errors.item(i).text() for i in range(errors.count())]
    assert lines[0].startswith("line 3: hours:") and "'lots'" in lines[0]
    assert lines[1].startswith("line 4: date:")
    summary = dialog.findChild(QLabel, "importSummary")
    assert summary is not None and "2 problems" in summary.text()
    import_button = dialog.findChild(QPushButton, "importButton")
    assert import_button is not None and not import_button.isEnabled()
    dialog.accept()  # Enter cannot import a file with errors either
    dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert load_activities() == []


def test_cancel_after_a_clean_preview_imports_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.csv"
    path.write_text(HEADER + "2025-02-03,Ethics 101,ICMA,e-course,2,1\n", encoding="utf-8")
    dialog = open_import(qtbot, window, path, monkeypatch)
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 1 activity"
    dialog.reject()
    qtbot.wait(50)
    assert load_activities() == []


def test_import_runs_in_a_worker_then_refreshes_and_clears_undo(qtbot: QtBot, window: MainWindow,
                                                                tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    save_activity(ActivityData(start_date=date(2025, 2, 3), title="Ethics 101", hours=Decimal(2)))
    window.data_changed.emit()
    window.undo_stack.push(earlier_edit())
    rows = "".join(f"2025-03-{1 + i % 28:02d},Session {i},ICMA,webinar,1.5,{1 + i % 14}\n" for i in range(600))
    path = tmp_path / "many.csv"
    path.write_text(HEADER + "2025-02-03,Ethics 101,ICMA,e-course,2,1\n" + rows, encoding="utf-8")
    dialog = open_import(qtbot, window, path, monkeypatch)
    assert "600 new activities to add" in dialog.summary.text() and "1 row already in your log" in dialog.summary.text()

    progress: list[tuple[int, int]] = []
    changed: list[bool] = []
    window.data_changed.connect(lambda: changed.append(True))
    shown_progress = ImportDialog._progressed

    def progressed(self: ImportDialog, done: int, total: int) -> None:
        progress.append((done, total))
        shown_progress(self, done, total)

    monkeypatch.setattr(ImportDialog, "_progressed", progressed)
    dialog.import_button.click()
    assert not dialog.import_button.isEnabled() and not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=20000)
    assert dialog.imported == 600  # and the dialog closed itself
    assert len(load_activities()) == 601
    assert progress and progress[-1] == (600, 600)
    assert changed and not window.undo_stack.canUndo()
    assert "Imported 600 activities" in window.statusBar().currentMessage()
    page = window.pages["activityLogPage"]
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))  # type: ignore[attr-defined]
    assert page.table.model().rowCount() == 601  # type: ignore[attr-defined]


def test_unreadable_file_is_reported(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + "2025-02-03,Équipe,ICMA,e-course,2,1\n".encode("latin-1"))
    dialog = open_import(qtbot, window, path, monkeypatch)
    assert "UTF-8" in dialog.error_list.item(0).text()
    assert not dialog.import_button.isEnabled()


def earlier_edit() -> QUndoCommand:
    """A command already on the stack before the import (it must be gone afterwards)."""
    return QUndoCommand("earlier edit")


# --- the worker helper -------------------------------------------------------------------------------------

def test_worker_runs_off_the_gui_thread_and_reports_back_on_it(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def job(n: int, progress: Callable[[int, int], None]) -> int:
        seen["thread"] = threading.get_ident()
        for i in range(1, n + 1):
            progress(i, n)
        return n * 2

    steps: list[tuple[int, int, bool]] = []
    worker = run_in_worker(job, 3, with_progress=True,
                           on_progress=lambda d, t: steps.append((d, t, threading.get_ident() == gui)),
                           on_result=lambda r: seen.update(result=r, on_gui=threading.get_ident() == gui))
    qtbot.waitUntil(lambda: worker.done)
    assert seen["thread"] != gui
    assert seen["result"] == 6 and seen["on_gui"] is True
    assert steps == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_worker_hands_errors_to_the_gui_thread(qtbot: QtBot) -> None:
    def job() -> None:
        raise ValueError("line 7: hours: not a number")

    errors: list[BaseException] = []
    results: list[object] = []
    worker = run_in_worker(job, on_error=errors.append, on_result=results.append)
    qtbot.waitUntil(lambda: worker.done)
    assert results == [] and isinstance(errors[0], ValueError) and "line 7" in str(errors[0])


def test_worker_uses_the_database_in_its_own_connection(qtbot: QtBot, db: object) -> None:
    def job() -> int:
        return save_activity(ActivityData(start_date=date(2025, 1, 2), title="From a worker", hours=Decimal(1)))

    results: list[int] = []
    worker = run_in_worker(job, on_result=results.append)
    qtbot.waitUntil(lambda: worker.done)
    assert [r.id for r in load_activities()] == results
