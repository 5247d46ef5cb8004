"""The crash dialog itself (ui/crash_dialog.py's crash net builds it through `make_crash_dialog`).

Kept apart from the net so that a start-up, which installs the net before anything can fail, loads none of the
dialog's widget classes (PySide6 creates a class's enums when it is first used): they load when a crash is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
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

from wethrive_desktop import APP_NAME
from wethrive_desktop.i18n import tr
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.crash_dialog import MESSAGE
from wethrive_desktop.ui.widgets.naming import named


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
