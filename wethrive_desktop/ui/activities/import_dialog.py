"""Import activities from a CSV file: read and check it, show what would happen, then import or cancel.

Both the check (exchange.csv_io.preview_import) and the import (apply_import, one transaction) run in a worker, so
a file of thousands of rows never freezes the window; the import reports its progress. A file with any error
imports nothing (the errors are listed with their line numbers to be fixed first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QProgressBar,
    QVBoxLayout,
)

from wethrive_desktop.exchange.csv_io import ImportPreview, apply_import, preview_import
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.workers import Worker, run_in_worker

if TYPE_CHECKING:
    from wethrive_desktop.ui.main_window import MainWindow

MAX_LISTED_ERRORS = 500


def _count(n: int, one: str, many: str | None = None) -> str:
    """'1 row', '3 rows', '2 new activities'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


class ImportDialog(QDialog):
    def __init__(self, window: MainWindow, path: Path):
        super().__init__(window)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {path.name}")
        self.setAccessibleName("Import activities from CSV")
        self.main_window = window
        self.path = Path(path)
        self.preview: ImportPreview | None = None
        self.imported: int | None = None
        self.worker: Worker | None = None
        self._busy = False
        self._closed = False

        self.file_label = named(QLabel(f"File: {self.path}"), "importFile")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = named(QLabel("Reading the file..."), "importSummary")
        self.summary.setWordWrap(True)
        self.error_list = named(QListWidget(), "importErrorList", "Problems in the file")
        self.error_list.hide()
        # Messages are long ("line 5: type: 'seminar' is not one of: ..."): wrap them rather than scroll sideways.
        self.error_list.setWordWrap(True)
        self.error_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.error_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.progress = named(QProgressBar(), "importProgress", "Import progress")
        self.progress.setRange(0, 0)  # busy until the file is read
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.error_list, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self._run(preview_import, self.path, on_result=self._previewed)

    def _run(self, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], None],
             with_progress: bool = False) -> None:
        self._busy = True
        self.worker = run_in_worker(fn, *args, with_progress=with_progress, on_result=on_result,
                                    on_error=self._failed, on_progress=self._progressed,
                                    on_finished=self._finished)

    def _finished(self) -> None:
        self._busy = False

    # --- preview ---------------------------------------------------------------------------------------

    def _previewed(self, preview: ImportPreview) -> None:
        if self._closed:
            return
        self.preview = preview
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()
        adds, dups, errors = len(preview.to_add), len(preview.duplicates), len(preview.errors)
        if errors:
            self.summary.setText(
                f"{_count(errors, 'problem')} in the file: nothing will be imported until they are fixed. "
                f"Correct the lines below in your spreadsheet and import again.")
            self.error_list.clear()
            self.error_list.addItems([str(e) for e in preview.errors[:MAX_LISTED_ERRORS]])
            if errors > MAX_LISTED_ERRORS:
                self.error_list.addItem(f"... and {errors - MAX_LISTED_ERRORS} more")
            self.error_list.show()
            self.import_button.setEnabled(False)
            return
        parts = [f"{_count(preview.rows, 'row')} read", f"{_count(adds, 'new activity', 'new activities')} to add"]
        if dups:
            parts.append(f"{_count(dups, 'row')} already in your log (same date, title and hours): skipped")
        self.summary.setText("; ".join(parts) + ".")
        self.import_button.setText(f"Import {_count(adds, 'activity', 'activities')}")
        self.import_button.setEnabled(adds > 0)
        if adds:
            self.import_button.setDefault(True)
            self.import_button.setFocus()

    # --- import ----------------------------------------------------------------------------------------

    def start_import(self) -> None:
        if self.preview is None or self._busy or not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, max(len(self.preview.to_add), 1))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(f"Importing {len(self.preview.to_add)}...")
        self._run(apply_import, self.preview, on_result=self._imported, with_progress=True)

    def _progressed(self, done: int, total: int) -> None:
        if not self._closed:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    def _imported(self, count: int) -> None:
        self.imported = count
        window = self.main_window
        # The import wrote around the undo stack (and may reuse ids of deleted records): its commands are stale.
        window.undo_stack.clear()
        window.notify_data_changed()
        window.show_message(f"Imported {_count(count, 'activity', 'activities')} from {self.path.name}", 8000)
        self._closed = True
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self.progress.hide()
        self.summary.setText(f"Nothing was imported: {exc}")
        self.cancel_button.setEnabled(True)
        self.import_button.setEnabled(False)

    # --- closing ---------------------------------------------------------------------------------------

    def accept(self) -> None:
        self.start_import()

    def reject(self) -> None:
        if self._busy and self.preview is not None:
            return  # the import is one transaction; it finishes (or fails) as a whole, shortly
        self._closed = True
        super().reject()
