"""File > Import spreadsheet...: a member's own tracker in three steps, on the functions `wethrive import` calls.

1. The file: how it was read (encoding, delimiter, header line; for a workbook, the sheet, which can be changed).
2. The columns: each with its first values and the field it fills (guessed from the headers, or the mapping the
   member confirmed for files with the same headers), unmapped columns ignored or added to the description.
3. The rows: every row with its status (new, duplicate, error, skipped totals), the day/month order of the dates,
   errors corrected in the table itself; the rows with errors can be saved to a CSV file to fix later.
Finish imports the new rows in a worker, with progress, as one step on the undo stack ("Undo Import of 212
activities from log.xlsx"). Nothing is written before Finish; reading and checking run off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from wethrive_desktop.errors import describe
from wethrive_desktop.exchange import tabular
from wethrive_desktop.exchange.tabular_read import DELIMITER_NAMES
from wethrive_desktop.exchange.tabular_values import cell_text
from wethrive_desktop.models.wording import count
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.import_wizard.rows import FIELD_LABELS, ImportRowsModel, row_message
from wethrive_desktop.ui.undo import import_undoable
from wethrive_desktop.ui.widgets.naming import named, show_as_error
from wethrive_desktop.ui.workers import Worker, run_in_worker

if TYPE_CHECKING:
    from wethrive_desktop.ui.main_window import MainWindow

IGNORED = "(ignore this column)"
AUTO_ORDER = "auto"
# How long the rows page waits after a correction before checking the file again (typing several fixes quickly).
RECHECK_MS = 250
SAMPLE_ROWS = 8  # rows shown on the first page


def describe_table(table: tabular.Table) -> str:
    """How the file was read, in a sentence."""
    rows = count(len(table.rows), "data row", "data rows")
    if table.kind == "xlsx":
        return f"Sheet “{table.sheet}”, header on row {table.header_line}, {rows}."
    delimiter = DELIMITER_NAMES.get(table.delimiter or ",", repr(table.delimiter))
    return f"{table.encoding} text, {delimiter}-separated, header on line {table.header_line}, {rows}."


def sentence(exc: BaseException) -> str:
    """What went wrong, in a sentence the user can act on; a bug is raised again (the crash net reports it)."""
    message = describe(exc)
    if message is None:
        raise exc
    return message


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class ImportWizard(QWizard):
    def __init__(self, window: MainWindow, path: Path):
        super().__init__(window)
        self.setObjectName("importWizard")
        self.setWindowTitle(f"Import {path.name}")
        self.setAccessibleName("Import activities from a spreadsheet")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.main_window = window
        self.path = Path(path)
        self.table: tabular.Table | None = None
        self.mapping: tabular.Mapping | None = None
        self.remembered: tabular.RememberedMapping | None = None
        self.checked: tabular.TabularPreview | None = None
        self.imported: list[int] | None = None
        self.workers: list[Worker] = []
        self.closed = False
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.rows_page = RowsPage(self)
        for page in (self.source_page, self.mapping_page, self.rows_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Import")
        self.resize(900, 600)
        self.finished.connect(self._closing)

    def run(self, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], None],
            on_error: Callable[[BaseException], None], with_progress: bool = False,
            on_progress: Callable[[int, int], None] | None = None, **kwargs: Any) -> None:
        """Run `fn` in a worker; its result or error reaches the page only while the wizard is open. The wizard is
        `busy` until the result or error is handed over (so the page's buttons follow)."""
        worker: Worker | None = None

        def done() -> None:
            if worker in self.workers:
                self.workers.remove(worker)

        def result(value: Any) -> None:
            done()
            if not self.closed:
                on_result(value)

        def error(exc: BaseException) -> None:
            done()
            if not self.closed:
                on_error(exc)

        def progress(finished: int, total: int) -> None:
            if not self.closed and on_progress is not None:
                on_progress(finished, total)

        def finished() -> None:
            done()
            page = self.currentPage()
            if not self.closed and page is not None:
                page.completeChanged.emit()

        worker = run_in_worker(fn, *args, with_progress=with_progress, on_result=result, on_error=error,
                               on_progress=progress, on_finished=finished, **kwargs)
        self.workers.append(worker)

    @property
    def busy(self) -> bool:
        return bool(self.workers)

    def _closing(self) -> None:
        self.closed = True

    def reject(self) -> None:
        if self.rows_page.importing:
            return  # the import runs in one transaction: it cannot be stopped halfway
        super().reject()

    def accept(self) -> None:
        """Finish: import (in a worker); the wizard closes when the rows are stored."""
        if self.currentPage() is self.rows_page:
            self.rows_page.start_import()
        else:
            super().accept()

    def imported_done(self, ids: list[int]) -> None:
        self.imported = ids
        source = self.path.name
        import_undoable(self.main_window, ids, source)
        if self.mapping is not None and self.mapping_page.remember.isChecked():
            try:
                tabular.save_mapping(self.mapping, date_order=self.rows_page.chosen_order(),
                                     append_unmapped=self.mapping_page.append.isChecked())
            except OSError:
                pass  # remembering is a convenience: the import itself is done
        undo = " (Edit > Undo removes them again)" if ids else ""
        self.main_window.show_message(f"Imported {count(len(ids), 'activity', 'activities')} from {source}{undo}",
                                      10000)
        super().accept()


class SourcePage(QWizardPage):
    """Step 1: the file, how it was read, and (for a workbook) which sheet."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Your file")
        self.setSubTitle("The table is read as it is; nothing is imported before the last step.")
        self.file_label = _label(f"File: {wizard.path}", "importFile")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_label = QLabel("&Sheet:")
        self.sheet_combo = named(QComboBox(), "importSheet", "Sheet")
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet_combo, 1)
        self.info = _label("Reading the file...", "importSourceInfo")
        self.error = _label("", "importSourceError")
        show_as_error(self.error)
        self.error.hide()
        self.busy = named(QProgressBar(), "importReading", "Reading the file")
        self.busy.setRange(0, 0)
        # The first rows as read, under the header found: the member sees at once whether it is the right table.
        self.sample = named(QTableWidget(0, 0), "importSample", "The first rows of the table")
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().hide()
        self.sample.setWordWrap(False)
        self.sample.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(sheet_row)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.sample, 1)
        self._show_sheets(())
        self.read(None)

    def _show_sheets(self, sheets: tuple[str, ...]) -> None:
        visible = len(sheets) > 1
        self.sheet_label.setVisible(visible)
        self.sheet_combo.setVisible(visible)

    def read(self, sheet: str | None) -> None:
        self.w.table = None
        self.busy.show()
        self.error.hide()
        self.completeChanged.emit()
        self.w.run(tabular.read_table, self.w.path, sheet, on_result=self._read, on_error=self._failed)

    def _sheet_chosen(self) -> None:
        table = self.w.table
        sheet = self.sheet_combo.currentText()
        if table is not None and sheet != table.sheet:
            self.info.setText(f"Reading sheet “{sheet}”...")
            self.read(sheet)

    def _read(self, table: tabular.Table) -> None:
        self.busy.hide()
        self.w.table = table
        self.w.remembered = tabular.load_mapping(table.headers)
        self.w.mapping = (self.w.remembered.mapping if self.w.remembered is not None
                          else tabular.guess_mapping(table.headers))
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(table.sheets))
        if table.sheet is not None:
            self.sheet_combo.setCurrentText(table.sheet)
        self._show_sheets(table.sheets)
        lines = [describe_table(table), *table.notes]
        if not table.rows:
            lines.append("The table has a header but no rows to import.")
        self.info.setText("\n".join(lines))
        self._show_sample(table)
        self.completeChanged.emit()
        self.w.button(QWizard.WizardButton.NextButton).setFocus()

    def _show_sample(self, table: tabular.Table) -> None:
        shown = min(len(table.rows), SAMPLE_ROWS)
        self.sample.clear()
        self.sample.setColumnCount(len(table.headers))
        self.sample.setRowCount(shown)
        self.sample.setHorizontalHeaderLabels(list(table.headers))
        for row in range(shown):
            for column in range(len(table.headers)):
                text = cell_text(table.cell(row, column))
                self.sample.setItem(row, column, QTableWidgetItem(text if len(text) <= 60 else text[:59] + "…"))
        self.sample.resizeColumnsToContents()
        self.sample.setVisible(shown > 0)

    def _failed(self, exc: BaseException) -> None:
        self.busy.hide()
        self.sample.hide()
        self.info.setText("")
        self.error.setText(sentence(exc))
        self.error.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        table = self.w.table
        return table is not None and bool(table.rows) and not self.w.busy


class MappingPage(QWizardPage):
    """Step 2: the field each column fills."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("Your columns")
        self.setSubTitle("Choose the field each column fills. Title, date and hours need a column; the other "
                         "columns are optional, and columns left out are ignored.")
        self.origin = _label("", "importMappingOrigin")
        self.grid = named(QTableWidget(0, 3), "importMapping", "Columns and the fields they fill")
        self.grid.setHorizontalHeaderLabels(["Column in your file", "First values", "Fills"])
        self.grid.verticalHeader().hide()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.missing = _label("", "importMappingMissing")
        show_as_error(self.missing)
        self.append = named(QCheckBox("&Add the ignored columns to “How I took part” (e.g. “Cost ($): 120”)"),
                            "importAppendUnmapped")
        self.remember = named(QCheckBox("&Remember these choices for files with the same columns"),
                              "importRemember")
        self.remember.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.append)
        layout.addWidget(self.remember)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        table, mapping = self.w.table, self.w.mapping
        if table is None or mapping is None:
            return
        origin = {"guessed": "Guessed from your column names: check them.",
                  "remembered": "As you chose them for a file with the same columns.",
                  "given": "As you chose them."}[mapping.source]
        self.origin.setText(origin)
        if self.w.remembered is not None:
            self.append.setChecked(self.w.remembered.append_unmapped)
        self.grid.setRowCount(len(table.headers))
        self.combos = []
        for index, header in enumerate(table.headers):
            name = QTableWidgetItem(header)
            samples = QTableWidgetItem(" · ".join(s if len(s) <= 40 else s[:39] + "…"
                                                  for s in table.samples(index)))
            self.grid.setItem(index, 0, name)
            self.grid.setItem(index, 1, samples)
            combo = named(QComboBox(), f"importField{index}", f"Field filled by column {header}")
            combo.addItem(IGNORED, None)
            for field_name in tabular.FIELDS:
                required = " (required)" if field_name in tabular.REQUIRED_FIELDS else ""
                combo.addItem(FIELD_LABELS[field_name] + required, field_name)
            combo.currentIndexChanged.connect(lambda _=0, column=index: self._chosen(column))
            self.grid.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        self._show(mapping)
        self.grid.resizeRowsToContents()

    def _show(self, mapping: tabular.Mapping) -> None:
        for index, combo in enumerate(self.combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(mapping.field_of(index))))
            combo.blockSignals(False)
        missing = [FIELD_LABELS[f] for f in mapping.missing()]
        self.missing.setText(f"Choose a column for: {', '.join(missing)}." if missing else "")
        self.missing.setVisible(bool(missing))
        self.completeChanged.emit()

    def _chosen(self, column: int) -> None:
        mapping = self.w.mapping
        if mapping is None:
            return
        field_name = self.combos[column].currentData()
        if field_name is None:
            previous = mapping.field_of(column)
            mapping = mapping.with_column(previous, None) if previous is not None else mapping
        else:
            mapping = mapping.with_column(field_name, column)  # another column that filled it loses it
        self.w.mapping = mapping
        self._show(mapping)

    def isComplete(self) -> bool:
        return self.w.mapping is not None and not self.w.mapping.missing()


class RowsPage(QWizardPage):
    """Step 3: every row, its status and problems; corrections; the import."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.importing = False
        self.dirty = False  # a correction was made while a check ran: check again when it ends
        self.setTitle("Your rows")
        self.setSubTitle("Rows with an error can be corrected here: double-click a cell. Rows already in your log "
                         "are skipped.")
        self.summary = _label("Checking every row...", "importSummary")
        self.order_label = QLabel("&Dates like 05/03/2026:")
        self.order = named(QComboBox(), "importDateOrder", "Dates like 05/03/2026")
        self.order_label.setBuddy(self.order)
        self.order.addItem("as the file's own dates show", AUTO_ORDER)
        for key, label in tabular.DATE_ORDER_LABELS.items():
            self.order.addItem(label, key)
        self.order.activated.connect(lambda _=0: self.check())
        self.order_reason = _label("", "importDateReason")
        self.show_label = QLabel("S&how:")
        self.show_combo = named(QComboBox(), "importShow", "Rows shown")
        self.show_label.setBuddy(self.show_combo)
        for key, text in (("all", "every row"), ("errors", "rows with errors"), ("new", "new rows"),
                          ("other", "duplicates and skipped rows")):
            self.show_combo.addItem(text, key)
        self.model = ImportRowsModel()
        self.show_combo.activated.connect(lambda _=0: self.model.set_show(self.show_combo.currentData()))
        self.model.cell_edited.connect(self.corrected)
        self.view = named(QTableView(), "importRows", "Rows of the file")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(False)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)
        self.details = _label("", "importRowDetails")  # the current row's whole message, however long
        self.view.selectionModel().currentChanged.connect(self._current_row)
        self.notes = _label("", "importNotes")
        self.save_rejected = named(QPushButton("Sa&ve rows with errors..."), "importSaveRejected",
                                   "Save the rows with errors to a CSV file")
        self.save_rejected.clicked.connect(self.save_rejected_rows)
        self.progress = named(QProgressBar(), "importProgress", "Import progress")
        self.progress.hide()
        self.error = _label("", "importError")
        show_as_error(self.error)
        self.error.hide()
        self.recheck = QTimer(self)
        self.recheck.setSingleShot(True)
        self.recheck.setInterval(RECHECK_MS)
        self.recheck.timeout.connect(self.check)

        top = QHBoxLayout()
        top.addWidget(self.order_label)
        top.addWidget(self.order)
        top.addStretch(1)
        top.addWidget(self.show_label)
        top.addWidget(self.show_combo)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notes, 1)
        bottom.addWidget(self.save_rejected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.order_reason)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addLayout(bottom)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)

    def initializePage(self) -> None:
        remembered = self.w.remembered
        if remembered is not None and remembered.date_order is not None and self.order.currentIndex() == 0:
            self.order.setCurrentIndex(max(0, self.order.findData(remembered.date_order)))
        self.check()

    def cleanupPage(self) -> None:  # Back: the mapping may change, so this page's result is stale
        self.recheck.stop()
        self.w.checked = None
        self.model.set_preview(None)

    def chosen_order(self) -> str | None:
        data = self.order.currentData()
        return None if data == AUTO_ORDER else str(data)

    # --- checking ---------------------------------------------------------------------------------------------

    def check(self) -> None:
        table, mapping = self.w.table, self.w.mapping
        if table is None or mapping is None or self.importing:
            return
        if self.w.busy:
            self.dirty = True
            return
        self.dirty = False
        self.w.checked = None
        self.summary.setText("Checking every row...")
        self.completeChanged.emit()
        self.w.run(tabular.preview, table, mapping, on_result=self._checked, on_error=self._failed,
                   date_order=self.chosen_order(), append_unmapped=self.w.mapping_page.append.isChecked())

    def _checked(self, result: tabular.TabularPreview) -> None:
        if self.dirty or result.table is not self.w.table:
            self.check()  # a correction arrived meanwhile: this result is already stale
            return
        self.w.checked = result
        self.model.set_preview(result)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 300 if column == 2 else 220))
        self._describe(result)
        self.completeChanged.emit()

    def _current_row(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            self.details.setText("")
            return
        row = self.model.result(index.row())
        message = row_message(row)
        self.details.setText(f"Line {row.line}: {message}" if message else "")

    def _describe(self, result: tabular.TabularPreview) -> None:
        counts = result.counts()
        new, errors = counts[tabular.NEW], counts[tabular.ERROR]
        parts = [f"{count(len(result.rows), 'row', 'rows')}: {count(new, 'new activity', 'new activities')}"]
        if counts[tabular.DUPLICATE]:
            parts.append(f"{counts[tabular.DUPLICATE]} already in your log")
        if counts[tabular.SKIPPED]:
            parts.append(f"{counts[tabular.SKIPPED]} skipped")
        if errors:
            parts.append(f"{count(errors, 'row', 'rows')} with errors")
        text = ", ".join(parts) + "."
        if result.file_errors:
            text += " " + " ".join(e.message for e in result.file_errors) + ": choose the date order above."
        elif errors:
            text += (" Rows with errors are left out unless corrected (double-click the red cell), or save them "
                     "to a CSV file to fix later.")
        self.summary.setText(text)
        order = result.date_order
        self.order_reason.setText("" if order.how == "conflict" else f"Dates: {order.reason}.")
        self.notes.setText("\n".join(result.notes + [f"Warning: {w}" for w in result.warnings[:5]]))
        self.save_rejected.setEnabled(bool(errors))
        finish = f"Import {count(new, 'activity', 'activities')}" if new else "Nothing new to import"
        self.w.setButtonText(QWizard.WizardButton.FinishButton, finish)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(f"The file could not be checked: {sentence(exc)}")
        self.completeChanged.emit()

    def corrected(self, row: int, column: int, text: str) -> None:
        table = self.w.table
        if table is None:
            return
        self.w.table = table.with_cell(row, column, text)
        if self.w.checked is not None:  # show the new text at once; its status follows when checked
            self.w.checked.table = self.w.table
        self.w.checked = None
        self.completeChanged.emit()
        self.recheck.start()

    def isComplete(self) -> bool:
        result = self.w.checked
        return (result is not None and result.importable and bool(result.to_add) and not self.w.busy
                and not self.importing)

    # --- saving the rejected rows, importing ---------------------------------------------------------------

    def save_rejected_rows(self) -> Path | None:
        result = self.w.checked
        if result is None or not result.rejected:
            return None
        suggested = str(self.w.path.with_name(f"{self.w.path.stem}-to-fix.csv"))
        out = prompts.choose_save_file(self, "Save the rows with errors", suggested, "CSV files (*.csv)")
        if out is None:
            return None
        try:
            written = tabular.write_rejected(result, out)
        except OSError as exc:
            prompts.show_error(self, "Save the rows with errors", f"{out} could not be written: {sentence(exc)}")
            return None
        self.notes.setText(f"{count(written, 'row', 'rows')} with errors saved to {out}, each with what is wrong.")
        return out

    def start_import(self) -> None:
        result = self.w.checked
        if result is None or not self.isComplete():
            return
        self.importing = True
        self.completeChanged.emit()
        for widget in (self.view, self.order, self.save_rejected, self.w.button(QWizard.WizardButton.BackButton),
                       self.w.button(QWizard.WizardButton.CancelButton)):
            widget.setEnabled(False)
        self.error.hide()
        self.progress.setRange(0, max(len(result.to_add), 1))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(f"Importing {count(len(result.to_add), 'activity', 'activities')}...")
        self.w.run(tabular.store, result, on_result=self._imported, on_error=self._import_failed,
                   with_progress=True, on_progress=self._progressed, skip_invalid=True)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _imported(self, ids: list[int]) -> None:
        self.importing = False
        self.w.imported_done(ids)

    def _import_failed(self, exc: BaseException) -> None:
        self.importing = False
        self.progress.hide()
        for widget in (self.view, self.order, self.w.button(QWizard.WizardButton.BackButton),
                       self.w.button(QWizard.WizardButton.CancelButton)):
            widget.setEnabled(True)
        self.error.setText(f"Nothing was imported: {sentence(exc)}")
        self.error.show()
        if self.w.checked is not None:
            self._describe(self.w.checked)
        self.completeChanged.emit()


def open_import_wizard(window: MainWindow, path: Path) -> ImportWizard:
    wizard = ImportWizard(window, path)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard

