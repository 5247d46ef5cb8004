"""The crash net's GUI half: an uncaught exception, from any thread, is logged and told in one calm dialog.

`install_crash_net(app)` (the app calls it from run_gui; never at import, so pytest-qt's own hook keeps working)
replaces sys.excepthook and threading.excepthook. Each logs the traceback (crash_log.log_exception) and hands
(summary, details) to the GUI thread through a queued signal; there `prompts.show_crash` shows the dialog. While a
crash dialog is up, further exceptions are only logged, and the same traceback is shown once per session.

The net is up before anything can fail, so it is light: the dialog (ui/crash_window.py) and what it needs load only
when a crash is shown (not at every start, before the first window).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from wethrive_desktop import crash_log

if TYPE_CHECKING:
    from wethrive_desktop.ui.crash_window import CrashDialog

log = logging.getLogger(__name__)

MESSAGE = "Something went wrong. Your records are safe."  # shown through tr


def make_crash_dialog(parent: QWidget | None, summary: str, details: str, log_folder: Path) -> CrashDialog:
    """The crash dialog, built but not shown (prompts.show_crash runs it; tests inspect it)."""
    from wethrive_desktop.ui.crash_window import CrashDialog

    return CrashDialog(parent, summary, details, log_folder)


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]


class CrashNet(QObject):
    """Catches what nothing else did. Lives on the GUI thread; `crashed` is queued, so it can be emitted from any."""

    crashed = Signal(str, str)  # summary, details

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.showing = False
        self.shown: set[str] = set()  # tracebacks already shown: a bug that repeats (in a paint event, say) is logged
        self.crashed.connect(self.show_crash, Qt.ConnectionType.QueuedConnection)
        self._previous: tuple[ExceptHook, ThreadHook] | None = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """sys.excepthook: log, then tell on the GUI thread (from wherever this runs)."""
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C reached Python code inside a slot: quit, calmly
            log.info("Interrupted; quitting")
            app = QCoreApplication.instance()
            if app is not None:
                QTimer.singleShot(0, app, app.quit)
            return
        summary, details = crash_log.log_exception(exc_type, exc, tb)
        from wethrive_desktop.errors import describe  # loaded by log_exception already (crash_log.summarize)

        if sys.stderr is not None and describe(exc) is None:  # a bug: a terminal, if any, still sees the traceback
            sys.stderr.write(details)
        self.report(summary, details)

    def report(self, summary: str, details: str) -> None:
        try:
            self.crashed.emit(summary, details)
        except RuntimeError:  # the app is being torn down: the log has it
            pass

    def show_crash(self, summary: str, details: str) -> None:
        """The dialog, on the GUI thread: one at a time, and one per distinct traceback."""
        if self.showing or details in self.shown:
            return
        self.showing = True
        self.shown.add(details)
        try:
            from wethrive_desktop.ui import prompts

            prompts.show_crash(QApplication.activeWindow(), summary, details, crash_log.log_dir())
        except Exception:
            log.exception("The crash dialog itself failed")
        finally:
            self.showing = False

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        crash_log.install_thread_excepthook(self.report)

    def uninstall(self) -> None:
        """Put back the hooks install() replaced (tests do; the app keeps the net to the end)."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None


def install_crash_net(app: QCoreApplication) -> CrashNet:
    """Route every uncaught exception (GUI thread, pool threads, Python threads) to the log and the crash dialog."""
    net = CrashNet(app)
    net.install()
    return net
