"""The crash net's GUI half: an uncaught exception, from any thread, is logged and told in one calm dialog.

`install_crash_net(app)` (the app calls it from run_gui; never at import, so pytest-qt's own hook keeps working)
replaces sys.excepthook and threading.excepthook. Each logs the traceback (crash_log.log_exception) and hands
(summary, details) to the GUI thread through a queued signal; there `prompts.show_crash` shows the dialog. While a
crash dialog is up, further exceptions are only logged, and the same traceback is shown once per session.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop import APP_NAME, crash_log
from wethrive_desktop.errors import describe
from wethrive_desktop.i18n import tr
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.widgets.naming import named

log = logging.getLogger(__name__)

MESSAGE = "Something went wrong. Your records are safe."  # shown through tr


class CrashDialog(QDialog):
    """The message, the summary, the traceback (behind "Show details"), Copy, Open log folder and Close."""

    def __init__(self, parent: QWidget | None, summary: str, details: str, log_folder: Path):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(APP_NAME)
        self.details = details
        self.log_folder = log_folder

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        self.message = named(QLabel(tr(MESSAGE)), "crashMessage")
        self.message.setStyleSheet("font-weight: bold;")
        self.summary = named(QLabel(tr("{summary}\n\nWhat happened is written in the log, in {folder}. You can go "
                                       "on working; if it happens again, the details help to fix it.")
                                    .format(summary=summary, folder=log_folder)), "crashSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_view = named(QPlainTextEdit(details), "crashDetails", tr("Details"))
        self.details_view.setReadOnly(True)
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.setMinimumSize(560, 220)
        self.details_view.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.details_button = named(QPushButton(tr("Show &details")), "crashDetailsButton", tr("Show details"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self.show_details)
        self.copy_button = named(QPushButton(tr("&Copy")), "crashCopyButton", tr("Copy the details"))
        self.copy_button.setToolTip(tr("Copy the details to the clipboard, to paste them into a message"))
        self.copy_button.clicked.connect(self.copy_details)
        self.open_button = named(QPushButton(tr("Open &log folder")), "crashOpenLogButton", tr("Open log folder"))
        self.open_button.clicked.connect(self.open_log_folder)
        for button in (self.details_button, self.copy_button, self.open_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("crashCloseButton")
        close.setText(tr("Close"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(self.message)
        text.addWidget(self.summary)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)

    def show_details(self, shown: bool) -> None:
        self.details_view.setVisible(shown)
        self.details_button.setText(tr("Hide &details") if shown else tr("Show &details"))
        self.adjustSize()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(tr("Copied"))

    def open_log_folder(self) -> bool:
        return prompts.open_with_system(self.log_folder)


def make_crash_dialog(parent: QWidget | None, summary: str, details: str, log_folder: Path) -> CrashDialog:
    """The crash dialog, built but not shown (prompts.show_crash runs it; tests inspect it)."""
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
