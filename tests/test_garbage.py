"""The cyclic garbage collector runs on the GUI thread only (never inside a worker, where it would destroy widgets)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wethrive_desktop.ui.garbage import BULK_YOUNG, INTERVAL_MS, GuiThreadCollector, collect_on_gui_thread
from wethrive_desktop.ui.workers import run_in_worker


class Cycle:
    def __init__(self, log: list[str]):
        self.me = self
        self.log = log

    def __del__(self) -> None:
        self.log.append(threading.current_thread().name)


def test_the_window_switches_automatic_collection_off_and_its_timer_collects(make_window: object,
                                                                            qtbot: QtBot) -> None:
    make_window()  # type: ignore[operator]
    assert not gc.isenabled()
    # Earlier tests' widgets go now, not during the wait: freeing objects lowers gc's allocation count, and the
    # timer (like automatic collection) only collects once that count is past the threshold.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    log: list[str] = []
    made = 3 * gc.get_threshold()[0]
    for _ in range(made):  # far past the generation-0 threshold: automatic collection would have collected some
        Cycle(log)
    assert log == []  # nobody collected: automatic collection is off
    # Nothing here collects: only the window's timer can, on its next tick.
    qtbot.waitUntil(lambda: len(log) == made, timeout=5 * INTERVAL_MS)
    assert set(log) == {threading.main_thread().name}


def test_the_timer_collects_the_generation_past_its_threshold(qapp: object) -> None:
    collect_on_gui_thread()
    log: list[str] = []
    for _ in range(gc.get_threshold()[0] + 100):
        Cycle(log)
    GuiThreadCollector().collect()
    assert log and gc.get_count()[0] < gc.get_threshold()[0]


def test_cycles_made_in_a_worker_are_collected_on_the_gui_thread(make_window: object, qtbot: QtBot) -> None:
    make_window()  # type: ignore[operator]
    log: list[str] = []

    def make_garbage() -> None:
        for _ in range(5000):  # far past the generation-0 threshold: automatic gc would run here
            Cycle(log)

    worker = run_in_worker(make_garbage)
    qtbot.waitUntil(lambda: worker.done)
    gc.collect()  # here, on the GUI thread (its timer may already have collected some during the wait)
    assert len(log) == 5000
    assert set(log) == {threading.main_thread().name}  # none on the worker's thread


class Record:
    """A long-lived record, as a bulk load makes them (no cycle)."""

    def __init__(self, n: int):
        self.n = n
        self.fields = [n]


def test_a_bulk_load_is_frozen_not_examined(qapp: object) -> None:
    collect_on_gui_thread()
    gc.collect()
    frozen = gc.get_freeze_count()
    try:
        records = [Record(n) for n in range(BULK_YOUNG)]  # about 2 * BULK_YOUNG young tracked objects
        GuiThreadCollector().collect()
        assert gc.get_freeze_count() >= frozen + len(records)  # out of every later collection's way
        assert gc.get_count()[0] < gc.get_threshold()[0]
        held = gc.get_freeze_count()
        count = len(records)
        del records  # refcounting still frees frozen objects
        assert gc.get_freeze_count() <= held - count
        log: list[str] = []
        for _ in range(gc.get_threshold()[0] + 100):  # an ordinary amount of garbage is still collected
            Cycle(log)
        GuiThreadCollector().collect()
        assert log
    finally:
        gc.unfreeze()

