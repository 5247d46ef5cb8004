"""What the measuring child processes with a window share: peak RSS, timing until painted, typing, and the start-up
probe (first paint of a window, then a heartbeat that finds the longest block of the GUI thread)."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from bench.child import ms_since

HEARTBEAT_MS = 10
HEARTBEAT_CAP_S = 120.0  # a start-up that is still not finished by then is reported as it stands
SETTLE_S = 0.5  # the heartbeat goes on this long after the app says it has finished starting


def peak_rss_mib() -> float:
    """The peak resident set size of this process so far.

    On Linux, VmHWM of /proc/self/status: ru_maxrss is kept across execve, so a child started by a big parent (the
    bench runner, after generating a database of 100,000) would report the parent's peak as its own. Elsewhere
    ru_maxrss (KiB on Linux, bytes on macOS)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class _Painted(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def until_painted(widget: QWidget, action: Callable[[], object]) -> float:
    """Milliseconds `action()` takes until `widget` has repainted (once, as the event loop paints it: the whole
    widget is marked for repainting after the action, so a floor's empty action paints as much as any other) and
    the events it posted are processed.

    Not `action(); widget.repaint()`: an action that already asked for a repaint (a model's layout change) would
    then be painted twice, once by repaint() and once more by the update it had asked for."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    painted = _Painted()
    widget.installEventFilter(painted)
    try:
        start = time.perf_counter()
        action()
        widget.update()
        app.processEvents()
        while painted.count == 0 and ms_since(start) < 5000:  # a paint the first pass did not reach yet
            app.processEvents()
        return ms_since(start)
    finally:
        widget.removeEventFilter(painted)


def until_loaded(page: Any, cap_s: float = HEARTBEAT_CAP_S) -> None:
    """Process events until the activity log has its rows: with many activities it reads every year's on a worker
    (its `loading` is True meanwhile)."""
    app = app_instance()
    start = time.perf_counter()
    while getattr(page, "loading", False) and time.perf_counter() - start < cap_s:
        app.processEvents()
        time.sleep(0.001)


def app_instance() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def type_and_delete(edit: QWidget, painted: QWidget, text: str) -> tuple[list[float], list[float]]:
    """Type `text` into `edit` one key at a time, then delete it with as many Backspaces: the milliseconds of each
    key until `painted` has repainted (typed, deleted)."""
    typed = [until_painted(painted, partial(QTest.keyClick, edit, char)) for char in text]
    deleted = [until_painted(painted, lambda: QTest.keyClick(edit, Qt.Key.Key_Backspace)) for _ in text]
    return typed, deleted


def settle(seconds: float = 0.3) -> None:
    """Let posted events, timers and workers run for a while (nothing is measured meanwhile)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def wait_until(done: Callable[[], bool], timeout_s: float = 30.0) -> bool:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    end = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > end:
            return False
        app.processEvents()
        time.sleep(0.005)
    return True


class StartupProbe(QObject):
    """Watches `window` for its first paint (milliseconds since `launched`, a time.time() taken by the parent just
    before it started this process), then runs a QTimer heartbeat every HEARTBEAT_MS on the GUI thread: the longest
    gap between two beats is the longest time the GUI thread could not answer.

    The heartbeat runs for at least `heartbeat_s` after the first paint and until `finished()` has been true for
    SETTLE_S without a break (the app: no worker thread running, so the daily backup is done), then calls
    `then(figures)`. `activity()` names what has happened since the last beat (e.g. a page built, a worker running),
    so the longest gap can say what blocked.
    """

    def __init__(self, launched: float, heartbeat_s: float, then: Callable[[dict[str, Any]], None],
                 finished: Callable[[], bool] = lambda: True, activity: Callable[[], str] = lambda: ""):
        super().__init__()
        self.launched = launched
        self.heartbeat_s = heartbeat_s
        self.then = then
        self.finished = finished
        self.activity = activity
        self.window: QWidget | None = None
        self.first_paint_ms: float | None = None
        self.painted_at = 0.0
        self.last_beat = 0.0
        self.finished_at: float | None = None
        self.max_gap_ms = 0.0
        self.max_gap_at_ms = 0.0
        self.max_gap_during = ""
        self.first_gap_ms: float | None = None  # from the first Paint event to the first beat: finishing that paint
        self.max_later_gap_ms = 0.0
        self.paint_pass_ms: float | None = None  # the first Paint event to the end of that paint pass
        self.gaps_over_100 = 0
        self.beats = 0
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)

    def watch(self, window: QWidget) -> None:
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self.first_paint_ms is None and watched is self.window and event.type() == QEvent.Type.Paint:
            self.first_paint_ms = (time.time() - self.launched) * 1000
            self.painted_at = self.last_beat = time.perf_counter()
            self.timer.start()
            # Runs once the paint pass (the window and every child) is over, with the events posted before it.
            QTimer.singleShot(0, self._paint_done)
        return False

    def _paint_done(self) -> None:
        self.paint_pass_ms = ms_since(self.painted_at)

    def _beat(self) -> None:
        now = time.perf_counter()
        gap_ms = (now - self.last_beat) * 1000
        self.beats += 1
        happened = self.activity()
        if self.first_gap_ms is None:
            self.first_gap_ms = gap_ms
        else:
            self.max_later_gap_ms = max(self.max_later_gap_ms, gap_ms)
        if gap_ms > self.max_gap_ms:
            self.max_gap_ms = gap_ms
            self.max_gap_at_ms = (self.last_beat - self.painted_at) * 1000
            self.max_gap_during = happened
        if gap_ms > 100:
            self.gaps_over_100 += 1
        self.last_beat = now
        if not self.finished():
            self.finished_at = None
        elif self.finished_at is None:
            self.finished_at = now
        elapsed = now - self.painted_at
        settled = self.finished_at is not None and now - self.finished_at >= SETTLE_S
        if (elapsed >= self.heartbeat_s and settled) or elapsed >= HEARTBEAT_CAP_S:
            self.timer.stop()
            if self.window is not None:
                self.window.removeEventFilter(self)
            self.then(self.figures())

    def figures(self) -> dict[str, Any]:
        return {
            "first_paint_ms": self.first_paint_ms,
            "max_gap_ms": self.max_gap_ms,
            "max_gap_at_ms": self.max_gap_at_ms,
            "max_gap_during": self.max_gap_during,
            "first_gap_ms": self.first_gap_ms,
            "max_later_gap_ms": self.max_later_gap_ms,
            "paint_pass_ms": self.paint_pass_ms,
            # The longest block after the first paint pass: the first gap without that pass, or any later one.
            "max_block_ms": max(self.max_later_gap_ms, (self.first_gap_ms or 0.0) - (self.paint_pass_ms or 0.0)),
            "gaps_over_100": self.gaps_over_100,
            "beats": self.beats,
            "finished_ms": None if self.finished_at is None else (self.finished_at - self.painted_at) * 1000,
            "heartbeat_s": time.perf_counter() - self.painted_at,
        }
