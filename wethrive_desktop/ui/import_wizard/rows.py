"""The wizard's last page table: every row of the file with its status, what is wrong or notable about it, and
the mapped columns as the file has them (a row with an error is corrected in place; the cells at fault stand out).
The statuses, headers and field labels are shown through `tr`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from wethrive_desktop.exchange.tabular import DUPLICATE, ERROR, FIELDS, NEW, SKIPPED, RowResult, TabularPreview
from wethrive_desktop.exchange.tabular_values import cell_text
from wethrive_desktop.i18n import noop, tr

Index = QModelIndex | QPersistentModelIndex

STATUS_TEXT = {NEW: noop("New"), DUPLICATE: noop("Duplicate"), ERROR: noop("Error"),
               SKIPPED: noop("Skipped")}  # (shown through tr)
# Light tints that keep dark text readable (and a dark palette's light text on the same rows readable enough).
_TINT = {ERROR: QColor(255, 224, 224), DUPLICATE: QColor(234, 234, 234), SKIPPED: QColor(234, 234, 234)}
_AT_FAULT = QColor(255, 176, 176)
FIRST_FIELD = 3  # line, status, problem, then the fields
_DARK_TEXT = QColor(20, 20, 20)
# The fields as the wizard names them (shown through tr).
FIELD_LABELS = {"title": noop("Title"), "date": noop("Date"), "end_date": noop("End date"),
                "provider": noop("Provider"), "hours": noop("Hours"), "type": noop("Type"),
                "practices": noop("Practices"), "description": noop("How I took part"),
                "learned": noop("What I learned"), "status": noop("Status"), "challenge": noop("Challenge"),
                "topics": noop("Topics"), "delivery_hours": noop("Delivery hours (teaching)"),
                "meets_conditions": noop("Meets ICMA's conditions"), "mentee": noop("Mentee (or person coached)"),
                "mentee_position": noop("Mentee's position"), "own_employee": noop("Mentee is my own employee"),
                "mentoring_program": noop("Mentoring program"),
                "relationship_start": noop("Relationship started"), "relationship_end": noop("Relationship ended"),
                "frequency": noop("How often we met"), "subjects": noop("Subjects covered")}
SHOW = {"all": None, "errors": (ERROR,), "new": (NEW,), "other": (DUPLICATE, SKIPPED)}


def row_message(row: RowResult) -> str:
    """What is wrong with `row` (its errors), else what is notable (why it is a duplicate or skipped, warnings)."""
    said = tr("{column}: {message}")
    if row.errors:
        return "; ".join(said.format(column=e.column, message=e.message) for e in row.errors)
    parts = [row.note] if row.note else []
    parts += [said.format(column=w.column, message=w.message) for w in row.warnings]
    return "; ".join(parts)


class ImportRowsModel(QAbstractTableModel):
    """Columns: line, status, the message, then one per mapped field (the file's own text). `cell_edited(row index
    in the table, column index in the file, text)` when the user corrects a cell; the wizard then previews again."""

    cell_edited = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.preview: TabularPreview | None = None
        self.fields: list[tuple[str, int]] = []  # (field, file column) shown, in FIELDS order
        self.shown: list[RowResult] = []
        self.show = "all"

    def set_preview(self, preview: TabularPreview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self.fields = [] if preview is None else [(f, i) for f, i in preview.mapping.columns if f in FIELDS]
        self._filter()
        self.endResetModel()

    def set_show(self, show: str) -> None:
        self.beginResetModel()
        self.show = show
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        rows = [] if self.preview is None else self.preview.rows
        wanted = SHOW[self.show]
        self.shown = list(rows) if wanted is None else [r for r in rows if r.status in wanted]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_FIELD + len(self.fields)

    def result(self, row: int) -> RowResult:
        return self.shown[row]

    def _file_column(self, column: int) -> int | None:
        return self.fields[column - FIRST_FIELD][1] if FIRST_FIELD <= column < FIRST_FIELD + len(self.fields) else None

    def at_fault(self, row: RowResult, column: int) -> bool:
        """Whether an error of `row` names this column's header."""
        file_column = self._file_column(column)
        if file_column is None or self.preview is None or not row.errors:
            return False
        header = self.preview.table.headers[file_column]
        return any(e.column == header for e in row.errors)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.preview is None:
            return None
        row = self.shown[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.line)
            if column == 1:
                return tr(STATUS_TEXT[row.status])
            file_column = self._file_column(column)
            if file_column is not None:
                text = cell_text(self.preview.table.cell(row.index, file_column))
                return text if role != Qt.ItemDataRole.ToolTipRole or len(text) > 40 else None
            return row_message(row) or None
        if role == Qt.ItemDataRole.BackgroundRole and row.status in _TINT:
            return QBrush(_AT_FAULT if self.at_fault(row, column) else _TINT[row.status])
        if role == Qt.ItemDataRole.ForegroundRole and row.status in _TINT:
            return QBrush(_DARK_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or self.preview is None:
            return None
        if section == 0:
            return tr("Line")
        if section == 1:
            return tr("Status")
        file_column = self._file_column(section)
        if file_column is not None:
            field_name = self.fields[section - FIRST_FIELD][0]
            return tr("{column} ({field})").format(column=self.preview.table.headers[file_column],
                                                   field=tr(FIELD_LABELS[field_name]))
        return tr("Problem or note")

    def flags(self, index: Index) -> Qt.ItemFlag:
        found = super().flags(index)
        if index.isValid() and self._file_column(index.column()) is not None \
                and self.shown[index.row()].status == ERROR:
            found |= Qt.ItemFlag.ItemIsEditable
        return found

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        file_column = self._file_column(index.column())
        if role != Qt.ItemDataRole.EditRole or file_column is None or self.preview is None:
            return False
        text = str(value)
        row = self.shown[index.row()]
        if text == cell_text(self.preview.table.cell(row.index, file_column)):
            return False
        self.cell_edited.emit(row.index, file_column, text)
        return True
