"""The worker helper that imports, exports and checks run on: off the GUI thread, reporting back on it (the import
wizard that uses it is tested in test_import_wizard.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.ui.workers import run_in_worker


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
