"""A read-only table model over a list of plain records, described by columns, and a compact view for it.

Used by the dashboard, assessment, planner, challenge and Legacy Leaders pages for their record lists. Roles:
display, tooltip, alignment, and (for columns that ask) foreground colour and bold; `SORT_ROLE` gives the raw value
(so 10.5 sorts after 9) and `RECORD_ROLE` the record itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 2
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)


class Col(NamedTuple, Generic[R]):
    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None  # raw value for sorting; the text when None
    right: bool = False  # numbers align right
    tip: Callable[[R], str] | None = None
    stretch: bool = False  # this column takes the spare width
    color: Callable[[R], QColor | None] | None = None  # text colour of a cell, None for the default
    bold: Callable[[R], bool] | None = None


class RecordTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Col[R]], parent: QObject | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> R:
        return self.records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.records)):
            return None
        record = self.records[index.row()]
        col = self.columns[index.column()]
        if role == _DISPLAY:
            return col.text(record)
        if role == SORT_ROLE:
            return col.sort(record) if col.sort else col.text(record)
        if role == RECORD_ROLE:
            return record
        if role == _TOOLTIP:
            return (col.tip(record) or None) if col.tip else None
        if role == _ALIGN:
            horizontal = Qt.AlignmentFlag.AlignRight if col.right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == _FOREGROUND and col.color is not None:
            color = col.color(record)
            return QBrush(color) if color is not None else None
        if role == _FONT and col.bold is not None and col.bold(record):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None


class RecordSortProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE, so dates and numbers sort by value; None sorts first."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


CONTENTS_PRECISION = 200  # rows, beyond those in view, that a column sized to its contents looks at


class RecordView(QTableView):
    """A table whose preferred height is `rows` rows, so pages in scroll areas stay compact."""

    def __init__(self, parent: QWidget | None = None, rows: int = 6):
        super().__init__(parent)
        self.preferred_rows = rows

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        height = self.horizontalHeader().sizeHint().height() + self.verticalHeader().defaultSectionSize() * (
            self.preferred_rows) + 2 * self.frameWidth()
        return QSize(hint.width(), height)


def record_view(model: RecordTableModel[Any], parent: QWidget | None = None, *, sortable: bool = False,
                name: str = "", rows: int = 6, multi: bool = False) -> QTableView:
    """A compact, row-selecting, read-only table for `model` (behind a sorting proxy when `sortable`; several
    rows may be selected when `multi`)."""
    view = RecordView(parent, rows)
    if name:
        view.setObjectName(name)
        view.setAccessibleName(name)
    if sortable:
        proxy = RecordSortProxy(view)
        proxy.setSourceModel(model)
        view.setModel(proxy)
        # Start in the model's own order (newest first, say); a click on a header sorts.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    # A column sized to its contents reads the rows in view and this many more (Qt's default: 1,000): with
    # thousands of rows (a year's challenge lines at 100,000 activities) each layout asked ~140,000 cells for
    # their data, half a second every time the page showed. A longer value further down is elided.
    header.setResizeContentsPrecision(CONTENTS_PRECISION)
    for i, col in enumerate(model.columns):
        mode = QHeaderView.ResizeMode.Stretch if col.stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(i, mode)
    return view


def selected_record(view: QTableView) -> Any:
    """The record of the view's current selected row, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].data(RECORD_ROLE) if rows else None
