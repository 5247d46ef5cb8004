"""File > Import spreadsheet...: a member's own tracker in three steps, on the functions `wethrive import` calls.

1. The file: how it was read (encoding, delimiter, header line; for a workbook, the sheet, which can be changed).
2. The columns: each with its first values and the field it fills (guessed from the headers, or the mapping the
   member confirmed for files with the same headers), unmapped columns ignored or added to the description.
3. The rows: every row with its status (new, duplicate, error, skipped totals), the day/month order of the dates,
   errors corrected in the table itself; the rows with errors can be saved to a CSV file to fix later.
Finish imports the new rows in a worker, with progress, as one step on the undo stack ("Undo Import of 212
activities from log.xlsx"). Nothing is written before Finish; reading and checking run off the GUI thread.

The day/month order of the dates starts as the member's preference (Edit > Preferences: "auto" lets the file's own
dates decide) unless the mapping remembered for the file says otherwise. Each page scrolls vertically where the
wizard is small (it opens at most as large as its screen, down to 800x480), and every text goes through `tr`.
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
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wethrive_desktop.errors import describe
from wethrive_desktop.exchange import tabular
from wethrive_desktop.exchange.tabular_read import DELIMITER_NAMES
from wethrive_desktop.exchange.tabular_values import cell_text
from wethrive_desktop.i18n import noop, tr, trn
from wethrive_desktop.preferences import load_preferences
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.import_wizard.rows import FIELD_LABELS, ImportRowsModel, row_message
from wethrive_desktop.ui.undo import import_undoable
from wethrive_desktop.ui.widgets.naming import named, show_as_error
from wethrive_desktop.ui.workers import Worker, run_in_worker

if TYPE_CHECKING:
    from wethrive_desktop.ui.main_window import MainWindow

IGNORED = noop("(ignore this column)")  # (shown through tr)
AUTO_ORDER = "auto"  # as the preference says it too: the file's own dates decide
# How long the rows page waits after a correction before checking the file again (typing several fixes quickly).
RECHECK_MS = 250
SAMPLE_ROWS = 8  # rows shown on the first page
FIRST_SIZE = (900, 600)  # the wizard's size where the screen has room for it
SCREEN_SHARE = 0.9  # else at most this share of the screen's free area


def describe_table(table: tabular.Table) -> str:
    """How the file was read, in a sentence."""
    rows = trn("%n data row", "%n data rows", len(table.rows))
    if table.kind == "xlsx":
        return tr("Sheet “{sheet}”, header on row {row}, {rows}.").format(sheet=table.sheet, row=table.header_line,
                                                                          rows=rows)
    name = DELIMITER_NAMES.get(table.delimiter or ",")
    delimiter = tr(name) if name is not None else repr(table.delimiter)
    return tr("{encoding} text, {delimiter}-separated, header on line {line}, {rows}.").format(
        encoding=table.encoding or "UTF-8", delimiter=delimiter, line=table.header_line, rows=rows)


def sentence(exc: BaseException) -> str:
    """What went wrong, in a sentence the user can act on; a bug is raised again (the crash net reports it)."""
    message = describe(exc)
    if message is None:
        raise exc
    return message


def _scrolling(page: QWizardPage) -> QVBoxLayout:
    """The layout of `page`'s content, which scrolls vertically when the wizard is too small for it (never
    sideways: its labels wrap and its tables scroll themselves)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    body = QWidget()
    scroll.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 4, 0)
    return layout


def _focus_soon(widget: QWidget) -> None:
    """Put the keyboard on `widget`, the first field of a page being shown, once the wizard has shown it (the wizard
    gives the page's first focusable widget the focus after initializePage: here a table, not the first choice)."""
    QTimer.singleShot(0, widget, widget.setFocus)


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
        self.setWindowTitle(tr("Import {file}").format(file=path.name))
        self.setAccessibleName(tr("Import activities from a spreadsheet"))
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
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Import"))
        self._first_size()
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

    def _first_size(self) -> None:
        """FIRST_SIZE, or less on a small screen (a 1366x768 laptop at 150% has 800x480 for windows)."""
        width, height = FIRST_SIZE
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else None
        if screen is not None:
            free = screen.availableGeometry()
            width = min(width, int(free.width() * SCREEN_SHARE))
            height = min(height, int(free.height() * SCREEN_SHARE))
        self.resize(width, height)

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
        message = (tr("Imported {activities} from {file} (Edit > Undo removes them again)") if ids
                   else tr("Imported {activities} from {file}"))
        self.main_window.show_message(message.format(
            activities=trn("%n activity", "%n activities", len(ids)), file=source), 10000)
        super().accept()


class SourcePage(QWizardPage):
    """Step 1: the file, how it was read, and (for a workbook) which sheet."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(tr("Your file"))
        self.setSubTitle(tr("The table is read as it is; nothing is imported before the last step."))
        self.file_label = _label(tr("File: {path}").format(path=wizard.path), "importFile")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_label = QLabel(tr("&Sheet:"))
        self.sheet_combo = named(QComboBox(), "importSheet", tr("Sheet"))
        self.sheet_combo.setProperty("userText", True)  # the workbook's own sheet names
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet_combo, 1)
        self.info = _label(tr("Reading the file..."), "importSourceInfo")
        self.error = _label("", "importSourceError")
        show_as_error(self.error)
        self.error.hide()
        self.busy = named(QProgressBar(), "importReading", tr("Reading the file"))
        self.busy.setRange(0, 0)
        # The first rows as read, under the header found: the member sees at once whether it is the right table.
        self.sample = named(QTableWidget(0, 0), "importSample", tr("The first rows of the table"))
        self.sample.setProperty("userText", True)  # the file's own headers and cells
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().hide()
        self.sample.setWordWrap(False)
        self.sample.hide()
        layout = _scrolling(self)
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
            self.info.setText(tr("Reading sheet “{sheet}”...").format(sheet=sheet))
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
            lines.append(tr("The table has a header but no rows to import."))
        self.info.setText("\n".join(lines))
        self._show_sample(table)
        self.completeChanged.emit()
        # The first field: the sheet of a workbook, else Next (the file is read: nothing else to choose here).
        next_button = self.w.button(QWizard.WizardButton.NextButton)
        (self.sheet_combo if self.sheet_combo.isVisibleTo(self) else next_button).setFocus()

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
        self.setTitle(tr("Your columns"))
        self.setSubTitle(tr("Choose the field each column fills. Title, date and hours need a column; the other "
                            "columns are optional, and columns left out are ignored."))
        self.origin = _label("", "importMappingOrigin")
        self.grid = named(QTableWidget(0, 3), "importMapping", tr("Columns and the fields they fill"))
        self.grid.setHorizontalHeaderLabels([tr("Column in your file"), tr("First values"), tr("Fills")])
        self.grid.verticalHeader().hide()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.missing = _label("", "importMappingMissing")
        show_as_error(self.missing)
        self.append = named(QCheckBox(tr("&Add the ignored columns to “How I took part” (e.g. “Cost ($): 120”)")),
                            "importAppendUnmapped")
        self.remember = named(QCheckBox(tr("&Remember these choices for files with the same columns")),
                              "importRemember")
        self.remember.setChecked(True)
        layout = _scrolling(self)
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
        origin = {"guessed": tr("Guessed from your column names: check them."),
                  "remembered": tr("As you chose them for a file with the same columns."),
                  "given": tr("As you chose them.")}[mapping.source]
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
            combo = named(QComboBox(), f"importField{index}", tr("Field filled by column {column}").format(
                column=header))
            combo.addItem(tr(IGNORED), None)
            for field_name in tabular.FIELDS:
                label = tr(FIELD_LABELS[field_name])
                if field_name in tabular.REQUIRED_FIELDS:
                    label = tr("{field} (required)").format(field=label)
                combo.addItem(label, field_name)
            combo.currentIndexChanged.connect(lambda _=0, column=index: self._chosen(column))
            self.grid.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        self._show(mapping)
        self.grid.resizeRowsToContents()
        if self.combos:
            _focus_soon(self.combos[0])

    def _show(self, mapping: tabular.Mapping) -> None:
        for index, combo in enumerate(self.combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(mapping.field_of(index))))
            combo.blockSignals(False)
        missing = [tr(FIELD_LABELS[f]) for f in mapping.missing()]
        self.missing.setText(tr("Choose a column for: {fields}.").format(fields=", ".join(missing)) if missing else "")
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
        self.order_chosen = False  # the member chose the date order here: the default no longer applies
        self.setTitle(tr("Your rows"))
        self.setSubTitle(tr("Rows with an error can be corrected here: double-click a cell. Rows already in your log "
                            "are skipped."))
        self.summary = _label(tr("Checking every row..."), "importSummary")
        self.order_label = QLabel(tr("&Dates like 05/03/2026:"))
        self.order = named(QComboBox(), "importDateOrder", tr("Dates like 05/03/2026"))
        self.order_label.setBuddy(self.order)
        self.order.addItem(tr("as the file's own dates show"), AUTO_ORDER)
        for key, label in tabular.DATE_ORDER_LABELS.items():
            self.order.addItem(tr(label), key)
        self.order.activated.connect(self._order_chosen)
        self.order_reason = _label("", "importDateReason")
        self.show_label = QLabel(tr("S&how:"))
        self.show_combo = named(QComboBox(), "importShow", tr("Rows shown"))
        self.show_label.setBuddy(self.show_combo)
        for key, text in (("all", tr("every row")), ("errors", tr("rows with errors")), ("new", tr("new rows")),
                          ("other", tr("duplicates and skipped rows"))):
            self.show_combo.addItem(text, key)
        self.model = ImportRowsModel()
        self.show_combo.activated.connect(lambda _=0: self.model.set_show(self.show_combo.currentData()))
        self.model.cell_edited.connect(self.corrected)
        self.view = named(QTableView(), "importRows", tr("Rows of the file"))
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
        self.save_rejected = named(QPushButton(tr("Sa&ve rows with errors...")), "importSaveRejected",
                                   tr("Save the rows with errors to a CSV file"))
        self.save_rejected.clicked.connect(self.save_rejected_rows)
        self.progress = named(QProgressBar(), "importProgress", tr("Import progress"))
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
        top.addWidget(self.order, 1)
        top.addSpacing(12)
        top.addWidget(self.show_label)
        top.addWidget(self.show_combo, 1)
        for combo in (self.order, self.show_combo):  # narrow windows elide their entries rather than overflow
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notes, 1)
        bottom.addWidget(self.save_rejected, 0, Qt.AlignmentFlag.AlignTop)
        layout = _scrolling(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.order_reason)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addLayout(bottom)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)

    def initializePage(self) -> None:
        if not self.order_chosen:
            self.order.setCurrentIndex(max(0, self.order.findData(self.default_order())))
        _focus_soon(self.order)
        self.check()

    def default_order(self) -> str:
        """The date order to start with: the one remembered for files with these columns, else the member's
        preference ("auto": the file's own dates decide)."""
        remembered = self.w.remembered
        if remembered is not None and remembered.date_order is not None:
            return remembered.date_order
        return load_preferences().import_date_order

    def _order_chosen(self) -> None:
        self.order_chosen = True
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
        self.summary.setText(tr("Checking every row..."))
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
        self.details.setText(tr("Line {line}: {message}").format(line=row.line, message=message) if message else "")

    def _describe(self, result: tabular.TabularPreview) -> None:
        counts = result.counts()
        new, errors = counts[tabular.NEW], counts[tabular.ERROR]
        parts = [tr("{rows}: {new}").format(rows=trn("%n row", "%n rows", len(result.rows)),
                                            new=trn("%n new activity", "%n new activities", new))]
        if counts[tabular.DUPLICATE]:
            parts.append(tr("{count} already in your log").format(count=counts[tabular.DUPLICATE]))
        if counts[tabular.SKIPPED]:
            parts.append(tr("{count} skipped").format(count=counts[tabular.SKIPPED]))
        if errors:
            parts.append(trn("%n row with errors", "%n rows with errors", errors))
        text = tr("{counts}.").format(counts=", ".join(parts))
        if result.file_errors:
            text += " " + tr("{errors}: choose the date order above.").format(
                errors=" ".join(e.message for e in result.file_errors))
        elif errors:
            text += " " + tr("Rows with errors are left out unless corrected (double-click the red cell), or save "
                             "them to a CSV file to fix later.")
        self.summary.setText(text)
        order = result.date_order
        self.order_reason.setText("" if order.how == "conflict" else tr("Dates: {reason}.").format(reason=order.reason))
        warnings = [tr("Warning: line {line}: {column}: {message}").format(line=w.line, column=w.column,
                                                                           message=w.message)
                    for w in result.warnings[:5]]
        self.notes.setText("\n".join(result.notes + warnings))
        self.save_rejected.setEnabled(bool(errors))
        finish = (trn("Import %n activity", "Import %n activities", new) if new
                  else tr("Nothing new to import"))
        self.w.setButtonText(QWizard.WizardButton.FinishButton, finish)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(tr("The file could not be checked: {error}").format(error=sentence(exc)))
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
        out = prompts.choose_save_file(self, tr("Save the rows with errors"), suggested, tr("CSV files (*.csv)"))
        if out is None:
            return None
        try:
            written = tabular.write_rejected(result, out)
        except OSError as exc:
            prompts.show_error(self, tr("Save the rows with errors"), tr("{path} could not be written: {error}").format(
                path=out, error=sentence(exc)))
            return None
        self.notes.setText(tr("{rows} with errors saved to {path}, each with what is wrong.").format(
            rows=trn("%n row", "%n rows", written), path=out))
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
        self.summary.setText(tr("Importing {activities}...").format(
            activities=trn("%n activity", "%n activities", len(result.to_add))))
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
        self.error.setText(tr("Nothing was imported: {error}").format(error=sentence(exc)))
        self.error.show()
        if self.w.checked is not None:
            self._describe(self.w.checked)
        self.completeChanged.emit()


def open_import_wizard(window: MainWindow, path: Path) -> ImportWizard:
    wizard = ImportWizard(window, path)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard

