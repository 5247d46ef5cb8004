"""Running slow work off the GUI thread: a QRunnable on the global QThreadPool that reports back by signal.

Use `run_in_worker` for anything that can take longer than a blink (an import, a many-page PDF, an .ics file):

    from wethrive_desktop.ui.workers import run_in_worker

    def build(path: Path, progress: Callable[[int, int], None]) -> int:   # runs on a pool thread
        ...
        progress(done, total)
        return pages

    worker = run_in_worker(build, out_path, with_progress=True,
                           on_result=self.report_built,          # called on the GUI thread with the return value
                           on_error=self.report_failed,          # ... with the exception raised, if any
                           on_progress=self.progress_bar_update) # ... with (done, total)

Rules for the function: it must not touch any widget (build plain data; the callbacks update the GUI). It may use
the models freely: peewee connections are per thread, so a pool thread opens its own on first use, and the worker
closes it when the function returns, so no connection outlives the job. Callbacks run on the GUI thread, in order:
progress..., then result or error, then finished.

Pass the callbacks to `run_in_worker` rather than connecting to `worker.signals` afterwards: a short job can
finish before the next line runs, and a signal only reaches the slots connected when it was emitted. For the same
reason tests wait with `qtbot.waitUntil(lambda: worker.done)`, not with `waitSignal` on a running worker.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wethrive_desktop.memory import release_unused_memory
from wethrive_desktop.models.db import database_proxy

ProgressCallback = Callable[[int, int], None]


class WorkerSignals(QObject):
    """Signals of one job. The object lives on the GUI thread, so every connected callback runs there."""

    progress = Signal(int, int)  # done, total
    result = Signal(object)  # the function's return value
    error = Signal(object)  # the exception it raised
    finished = Signal()  # always, last


class Worker(QRunnable):
    """Calls `fn(*args, **kwargs)` on a pool thread (with `progress=` a callable when `with_progress`)."""

    def __init__(self, fn: Callable[..., Any], *args: Any, with_progress: bool = False, **kwargs: Any):
        super().__init__()
        # Python keeps the object (see _running); the pool must not delete it under us.
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self.done = False  # set on the GUI thread once every callback has run
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        if with_progress:
            self.kwargs["progress"] = self.report_progress

    def report_progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # every failure is handed to the GUI thread, which reports it
            self.signals.error.emit(exc)
        else:
            self.signals.result.emit(result)
        finally:
            _close_thread_connection()
            self.signals.finished.emit()


def _close_thread_connection() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()  # closes only this thread's connection


# Workers still running: holding them here keeps their Python objects (and signals) alive until `finished`.
_running: set[Worker] = set()
# And a while after: `finished` reaches the GUI thread while the pool thread may still be returning from its emit,
# so a worker is only let go once many later ones have finished.
_finished: deque[Worker] = deque(maxlen=64)


def run_in_worker(fn: Callable[..., Any], *args: Any, with_progress: bool = False,
                  on_result: Callable[[Any], None] | None = None,
                  on_error: Callable[[BaseException], None] | None = None,
                  on_progress: ProgressCallback | None = None,
                  on_finished: Callable[[], None] | None = None,
                  pool: QThreadPool | None = None, **kwargs: Any) -> Worker:
    """Start `fn(*args, **kwargs)` on `pool` (the global pool by default) and return the worker.

    With `with_progress`, `fn` also receives `progress=callable(done, total)`, safe to call from its thread.
    An error with no `on_error` is re-raised on the GUI thread (so it is reported as a bug, not swallowed).
    """
    worker = Worker(fn, *args, with_progress=with_progress, **kwargs)
    signals = worker.signals
    if on_progress is not None:
        signals.progress.connect(on_progress)
    if on_result is not None:
        signals.result.connect(on_result)
    signals.error.connect(on_error if on_error is not None else _reraise)
    if on_finished is not None:
        signals.finished.connect(on_finished)
    signals.finished.connect(lambda: _finish(worker))
    _running.add(worker)
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


def _finish(worker: Worker) -> None:
    worker.done = True
    _running.discard(worker)
    _finished.append(worker)


def _reraise(exc: BaseException) -> None:
    raise exc


def release_memory() -> None:
    """memory.release_unused_memory, the source lines left while a worker runs (it may be importing: PySide6's check
    may read and cache lines from that thread, and linecache is not made to be cleared under it)."""
    release_unused_memory(source_lines=QThreadPool.globalInstance().activeThreadCount() == 0)


def wait_for_workers(timeout_ms: int = 30000) -> bool:
    """Block until the global pool is idle (used when closing the window, so no job outlives the database)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
