"""The activity table: a QAbstractTableModel of ActivityRecords (filter.py's proxy filters it).

Roles: Qt's display, tooltip, alignment, font and foreground roles; `SORT_ROLE` gives each cell's raw value
(hours as Decimal, dates as date, practices as a tuple of numbers) and `RECORD_ROLE` the ActivityRecord itself.

Sorting is done by the source model (`ActivityTableModel.sort`, Python's sort on the SORT_ROLE values) and the
proxy keeps the source order, because a QSortFilterProxyModel sorting in C++ calls back into Python for every
comparison: with 10,000 activities that is over a second per sort, and again whenever a search widens. Filtering
stays in the proxy (filter.py), with the criteria evaluated in one Python pass per change, so each
`filterAcceptsRow` is a set lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from wethrive_desktop.models.activities import ActivityRecord
from wethrive_desktop.models.dates import date_range
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, Status, practice_label, type_label
from wethrive_desktop.models.rules import Catalogues, format_hours
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, SORT_ROLE

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    DATE = 0
    TITLE = 1
    PROVIDER = 2
    TYPE = 3
    HOURS = 4
    PRACTICES = 5
    POINTS = 6
    ATTACHMENTS = 7


HEADERS = {
    Column.DATE: "Date",
    Column.TITLE: "Title",
    Column.PROVIDER: "Provider",
    Column.TYPE: "Type",
    Column.HOURS: "Hours",
    Column.PRACTICES: "Practices",
    Column.POINTS: "Points",
    Column.ATTACHMENTS: "",
}
HEADER_TIPS = {
    Column.DATE: "Start date (and end date for activities over several days)",
    Column.PRACTICES: "The practices the activity developed, by number (hover a row for their names)",
    Column.POINTS: "#WeThriveHere challenge points",
    Column.ATTACHMENTS: "Attachments (certificates, agendas, notes)",
}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ALIGNMENT = {Column.HOURS: _RIGHT, Column.POINTS: _RIGHT, Column.ATTACHMENTS: _CENTER}


def _sort_keys() -> dict[Column, Callable[[ActivityRecord, int], Any]]:
    """For each column, the raw value it sorts by (ties: by date, then by id, so the order is stable)."""
    return {
        Column.DATE: lambda r, p: (r.data.start_date, r.data.end_date or r.data.start_date),
        Column.TITLE: lambda r, p: r.data.title.casefold(),
        Column.PROVIDER: lambda r, p: r.data.provider.casefold(),
        Column.TYPE: lambda r, p: r.data.type,
        Column.HOURS: lambda r, p: r.data.hours,
        Column.PRACTICES: lambda r, p: r.data.practices,
        Column.POINTS: lambda r, p: p,
        Column.ATTACHMENTS: lambda r, p: len(r.attachments),
    }


SORT_KEYS = _sort_keys()


class ActivityTableModel(QAbstractTableModel):
    """ActivityRecords, one per row, in the order of the last `sort` (newest first until then)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.records: list[ActivityRecord] = []
        self.ids: list[int] = []  # activity id per row (the proxy's filter reads it)
        self._points: dict[int, int] = {}
        self._item_names: dict[str, str] = {}
        self._row_of: dict[int, int] = {}
        self._sort_column = Column.DATE
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._cache: dict[int, tuple[str, ...]] = {}  # display texts by activity id, made when first shown
        self._italic = QFont()
        self._italic.setItalic(True)
        self._planned_color = QApplication.palette().placeholderText().color()

    # --- loading ---------------------------------------------------------------------------------------

    def set_records(self, records: Sequence[ActivityRecord], catalogues: Catalogues | None = None,
                    item_names: dict[str, str] | None = None) -> None:
        """Replace every row; `catalogues` give the challenge points, `item_names` name the items in tooltips."""
        self.beginResetModel()
        self.records = list(records)
        catalogues = catalogues or Catalogues()
        self._item_names = dict(item_names or {})
        by_year: dict[int, Any] = {}
        points: dict[int, int] = {}
        for r in self.records:
            if r.data.challenge_key:
                year = r.data.start_date.year
                if year not in by_year:
                    by_year[year] = catalogues.for_year(year)
                points[r.id] = int(by_year[year].get(r.data.challenge_key, 0))
        self._points = points
        self._cache.clear()
        self._apply_sort()
        self.endResetModel()

    def record(self, row: int) -> ActivityRecord:
        return self.records[row]

    def row_of(self, activity_id: int) -> int | None:
        return self._row_of.get(activity_id)

    def points(self, record: ActivityRecord) -> int:
        return self._points.get(record.id, 0)

    # --- sorting ---------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort_column, self._sort_order = Column(column), order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.ids[i.row()] for i in before]
        self._apply_sort()
        after = [self.index(self._row_of[i], p.column()) for i, p in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return int(self._sort_column), self._sort_order

    def _apply_sort(self) -> None:
        key = SORT_KEYS[self._sort_column]
        points = self._points
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        # Ties fall back on date then id; `reverse` keeps that secondary order newest-first as well.
        self.records.sort(key=lambda r: (key(r, points.get(r.id, 0)), r.data.start_date, r.id), reverse=descending)
        self.ids = [r.id for r in self.records]
        self._row_of = {activity_id: row for row, activity_id in enumerate(self.ids)}

    # --- Qt model interface ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == _DISPLAY:
            return HEADERS[column]
        if role == _DECORATION and column == Column.ATTACHMENTS:
            return paperclip_icon()
        if role in (_TOOLTIP, _ACCESSIBLE):
            return HEADER_TIPS.get(column, HEADERS[column]) or "Attachments"
        if role == _ALIGN and column in _ALIGNMENT:
            return _ALIGNMENT[column]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every visible cell and many roles on each repaint: keep the common path short.
        row = index.row()
        if not index.isValid() or row >= len(self.records):
            return None
        record = self.records[row]
        column = index.column()
        if role == _DISPLAY or role == _ACCESSIBLE:
            texts = self._cache.get(record.id)
            if texts is None:
                texts = self._cache[record.id] = self._texts(record)
            if role == _ACCESSIBLE and column == Column.ATTACHMENTS:
                return f"{len(record.attachments)} attachments" if record.attachments else "no attachments"
            return texts[column]
        if role == _DECORATION:
            return paperclip_icon() if column == Column.ATTACHMENTS and record.attachments else None
        if role == _ALIGN:
            return _ALIGNMENT.get(Column(column))
        if role == _FONT or role == _FOREGROUND:
            if record.data.status != Status.COMPLETED:
                return self._italic if role == _FONT else self._planned_color
            return None
        if role == _TOOLTIP:
            return self._tooltip(record, Column(column))
        if role == SORT_ROLE:
            return SORT_KEYS[Column(column)](record, self._points.get(record.id, 0))
        if role == RECORD_ROLE:
            return record
        return None

    def _texts(self, record: ActivityRecord) -> tuple[str, ...]:
        d = record.data
        points = self._points.get(record.id)
        return (
            date_range(d.start_date, d.end_date, "iso"),
            d.title,
            d.provider,
            type_label(d.type),
            format_hours(d.hours),
            ", ".join(str(p) for p in d.practices),
            str(points) if points else "",
            "",
        )

    def _tooltip(self, record: ActivityRecord, column: Column) -> str | None:
        d = record.data
        planned = "Planned: not counted until it is marked completed.\n" if d.status != Status.COMPLETED else ""
        if column == Column.PRACTICES:
            return "\n".join(practice_label(p) for p in d.practices if p in PRACTICES) or "No practice tagged"
        if column == Column.TYPE:
            return ACTIVITY_TYPES.get(d.type)
        if column == Column.POINTS and d.challenge_key:
            name = self._item_names.get(d.challenge_key, d.challenge_key)
            return f"{name}: {self._points.get(record.id, 0)} points"
        if column == Column.ATTACHMENTS and record.attachments:
            return "\n".join(a.original_name for a in record.attachments)
        if column == Column.TITLE:
            return planned + d.title + (f"\nLearned: {d.learned[:300]}" if d.learned else "")
        return planned.strip() or None


@cache
def paperclip_icon() -> QIcon:
    """A paperclip, drawn (no icon font or image file needed): three straight runs joined by two bends."""
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(size / 2, size / 2)
    painter.rotate(40)
    painter.translate(-size / 2, -size / 2)
    pen = QPen(QColor("#4a5868"), 2.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    path = QPainterPath(QPointF(14.5, 21))
    path.lineTo(14.5, 10)
    path.arcTo(QRectF(14.5, 7.5, 5, 5), 180, -180)  # inner bend, over the top
    path.lineTo(19.5, 25)
    path.arcTo(QRectF(9.5, 20, 10, 10), 0, -180)  # bottom bend
    path.lineTo(9.5, 8)
    path.arcTo(QRectF(9.5, 1.5, 14, 13), 180, -180)  # outer bend, over the top
    path.lineTo(23.5, 22)
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)
