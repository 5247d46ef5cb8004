"""File > Restore from backup...: the automatic copies (when, why, how many activities), and the restore of one.

The restore itself (models.backups.restore_backup: a copy of the current records first, then the chosen copy's
content in one step) runs in a worker while the dialog shows it is busy; the window then reloads every page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from wethrive_desktop.errors import describe
from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.backups import BackupSummary, restore_backup
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.widgets.naming import named, show_as_error
from wethrive_desktop.ui.workers import Worker, run_in_worker

if TYPE_CHECKING:
    from wethrive_desktop.ui.main_window import MainWindow

COLUMNS = ("Taken", "Reason", "Activities")  # shown through tr
UPGRADE = re.compile(r"before-upgrade-from-v(\d+)-to-v(\d+)")


def reason_text(reason: str) -> str:
    """Why a copy was taken, for the user: 'before-csv-import' -> 'Before a spreadsheet import'; a reason not
    known here in its own words ('before-something' -> 'Before something'); '' -> 'Copy'."""
    known = {"daily": tr("Daily"), "before-csv-import": tr("Before a spreadsheet import"),
             "before-calendar-import": tr("Before a calendar import"), "before-restore": tr("Before a restore")}
    if reason in known:
        return known[reason]
    if upgrade := UPGRADE.fullmatch(reason):
        return tr("Before the upgrade from version {old} to {new}").format(old=upgrade[1], new=upgrade[2])
    words = reason.replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else tr("Copy")


class RestoreDialog(QDialog):
    """Choose a copy; Restore asks nothing more (the current records are copied first, so it can be undone by
    restoring that copy), runs the restore in a worker and closes when it is done."""

    def __init__(self, window: MainWindow, summaries: list[BackupSummary],
                 on_restored: Callable[[Path, Path], None]):
        """`on_restored(copy, safety_copy)`: called once the records are restored, even if this dialog was closed
        meanwhile (the window must reload all the same)."""
        super().__init__(window)
        self.on_restored = on_restored
        self.setObjectName("restoreDialog")
        self.setWindowTitle(tr("Restore from backup"))
        self.window_ = window
        self.summaries = summaries
        self.worker: Worker | None = None
        self.restored_from: Path | None = None
        self.safety_copy: Path | None = None

        intro = QLabel(tr("Put the records of {name} back as they were in one of its automatic copies. What it "
                          "holds now is copied first, so a restore can itself be undone by restoring that copy.")
                       .format(name=window.db_path.name))
        intro.setWordWrap(True)
        self.table = named(QTableWidget(len(summaries), len(COLUMNS)), "backupTable", tr("Backups"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, summary in enumerate(summaries):
            taken = summary.backup.taken
            count = tr("unreadable") if summary.activities is None else str(summary.activities)
            when = tr("{date}, {time}").format(date=format_date(taken.date()), time=f"{taken:%H:%M}")
            cells = (when, reason_text(summary.backup.reason), count)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore())

        self.progress = named(QProgressBar(), "restoreProgress", tr("Restore progress"))
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.restore_button: QPushButton = self.buttons.addButton(tr("&Restore"),
                                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        if summaries:
            self.table.selectRow(0)
        self._selection_changed()

    def chosen(self) -> BackupSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.summaries[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        summary = self.chosen()
        self.restore_button.setEnabled(summary is not None and summary.activities is not None and self.worker is None)

    def restore(self) -> None:
        summary = self.chosen()
        if summary is None or summary.activities is None or self.worker is not None:
            return
        self.restore_button.setEnabled(False)
        self.table.setEnabled(False)
        self.progress.show()
        path = summary.backup.path
        # The callbacks must not need this dialog: it may be gone (closed by force) when the restore ends.
        window, on_restored = self.window_, self.on_restored

        def restored(before: Path) -> None:
            on_restored(path, before)
            if shiboken6.isValid(self):
                self.restored_from, self.safety_copy = path, before
                self.accept()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self._failed(exc)
            else:
                prompts.show_error(window, tr("Restore from backup"), tr("The records were not restored: {error}")
                                   .format(error=describe(exc) or exc))

        self.worker = run_in_worker(restore_backup, path, window.db_path, on_result=restored, on_error=failed)

    def _failed(self, exc: BaseException) -> None:
        self.worker = None
        self.progress.hide()
        self.table.setEnabled(True)
        self._selection_changed()
        message = describe(exc)
        if message is None:
            raise exc  # a bug: the crash net reports it
        error = named(QLabel(tr("The records were not restored: {error}").format(error=message)), "restoreError")
        error.setWordWrap(True)
        show_as_error(error)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, error)

    def reject(self) -> None:
        if self.worker is None:  # a restore under way finishes; the dialog closes with it
            super().reject()
