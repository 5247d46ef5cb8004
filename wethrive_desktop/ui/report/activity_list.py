"""The Reflections tab's list of the report's activities: a list model and its view, cheap at any size.

A report can list thousands of activities (a year of a 100,000-activity record has 5,000). The model holds the
activities (a tuple, and their rows by id); each row's text, status icon and tooltip are made only when the view
asks for them, i.e. for the rows on screen, and rows have one height (two lines, long titles elided), so the view
never measures them all. New activities (the same rows) only repaint; other rows reset the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.annual_report import ReportActivity, activity_problems
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.report.readiness_panel import status_icon
from wethrive_desktop.ui.report.style import date_span

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_USER = int(Qt.ItemDataRole.UserRole)
_CHANGING_ROLES = [_DISPLAY, _DECORATION, _TOOLTIP]


def list_text(a: ReportActivity) -> str:
    """A row's two lines: the number and title, then the dates (in the user's figures) and hours (and those that
    count, where not all of them do)."""
    if a.counted_hours != a.hours:
        hours = tr("{hours} h, {counted} h count").format(hours=format_hours(a.hours),
                                                          counted=format_hours(a.counted_hours))
    else:
        hours = tr("{hours} h").format(hours=format_hours(a.hours))
    return f"#{a.number}  {a.title}\n{date_span(a.start_date, a.end_date, short=True)} \u00b7 {hours}"


class ActivityListModel(QAbstractListModel):
    """The report's activities, one a row (UserRole: the activity id), marked complete or not from the activity as
    given (the page passes them with the text being typed)."""

    def __init__(self, style_widget: QWidget):
        super().__init__(style_widget)
        self._style_widget = style_widget  # whose style draws the status icons
        self.activities: tuple[ReportActivity, ...] = ()
        self._row_of: dict[int, int] = {}
        self._icons: dict[bool, QIcon] = {}

    def set_activities(self, activities: Sequence[ReportActivity]) -> bool:
        """Show `activities`; True when the rows changed (the model was reset: no row is current any more)."""
        activities = tuple(activities)
        if activities is self.activities:
            return False
        same_rows = len(activities) == len(self.activities) and all(
            a.activity_id == b.activity_id for a, b in zip(activities, self.activities, strict=True))
        if same_rows:
            self.activities = activities
            if activities:
                self.dataChanged.emit(self.index(0), self.index(len(activities) - 1), _CHANGING_ROLES)
            return False
        self.beginResetModel()
        self.activities = activities
        self._row_of = {a.activity_id: row for row, a in enumerate(activities)}
        self.endResetModel()
        return True

    def row_of(self, activity_id: int | None) -> int | None:
        """The row of `activity_id`, or None when it is not listed."""
        return None if activity_id is None else self._row_of.get(activity_id)

    def activity(self, row: int) -> ReportActivity | None:
        return self.activities[row] if 0 <= row < len(self.activities) else None

    def _icon(self, ok: bool) -> QIcon:
        icon = self._icons.get(ok)
        if icon is None:
            icon = self._icons[ok] = status_icon(self._style_widget, ok, False)
        return icon

    # --- the Qt interface --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.activities)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self.activities):
            return None
        a = self.activities[row]
        if role == _DISPLAY:
            return list_text(a)
        if role == _USER:
            return a.activity_id
        if role == _DECORATION:
            return self._icon(not activity_problems(a))
        if role == _TOOLTIP:
            return "; ".join(p for p, _ in activity_problems(a)) or tr("Complete")
        return None


class _FitWidthDelegate(QStyledItemDelegate):
    """Rows as wide as the view (their text elided), never wider: no sideways scrolling."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt's name
        return QSize(1, super().sizeHint(option, index).height())


class ActivityRow:
    """One row of an `ActivityList`, read like a QListWidgetItem (`text()`, `data(role)`)."""

    def __init__(self, index: QModelIndex):
        self._index = index

    def text(self) -> str:
        return str(self._index.data(_DISPLAY))

    def data(self, role: int) -> Any:
        return self._index.data(role)

    def toolTip(self) -> str:  # noqa: N802 - as QListWidgetItem
        return str(self._index.data(_TOOLTIP))

    def icon(self) -> QIcon:
        value = self._index.data(_DECORATION)
        return value if isinstance(value, QIcon) else QIcon()


class ActivityList(QListView):
    """The view of an `ActivityListModel` (`list_model`), with a QListWidget's row interface (`count`, `item`,
    `currentRow`, `setCurrentRow`); `current_activity_changed` says which activity became current (or None)."""

    current_activity_changed = Signal(object)  # the activity id (int), or None

    def __init__(self) -> None:
        super().__init__()
        self.list_model = ActivityListModel(self)
        self.setModel(self.list_model)
        self.setUniformItemSizes(True)  # one row height: the view never lays out every row
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(_FitWidthDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setIconSize(QSize(16, 16))
        self.setSpacing(1)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        selection = self.selectionModel()
        selection.currentChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        a = self.list_model.activity(current.row()) if current.isValid() else None
        self.current_activity_changed.emit(a.activity_id if a is not None else None)

    def count(self) -> int:
        return self.list_model.rowCount()

    def item(self, row: int) -> ActivityRow:
        return ActivityRow(self.list_model.index(row))

    def currentRow(self) -> int:  # noqa: N802 - as QListWidget
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def setCurrentRow(self, row: int) -> None:  # noqa: N802 - as QListWidget
        """Make `row` current and selected (-1: none), as a click would."""
        if row < 0:
            self.selectionModel().clearCurrentIndex()
            return
        self.selectionModel().setCurrentIndex(self.list_model.index(row),
                                              QItemSelectionModel.SelectionFlag.ClearAndSelect)
