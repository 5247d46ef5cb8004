"""The activity table's filter: a QSortFilterProxyModel over model.py's ActivityTableModel that keeps the rows
matching the search text, the type and the practice (sorting stays in the source model: see model.py)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt, Signal

from wethrive_desktop.models.activities import ActivityRecord
from wethrive_desktop.ui.activities.model import ActivityTableModel, Index
from wethrive_desktop.ui.widgets.record_table import SORT_ROLE

# One row as the filter sees it: id, type, practices, and the searchable text (casefolded).
_FilterRow = tuple[int, str, tuple[int, ...], str]


class ActivityFilterProxy(QSortFilterProxyModel):
    """Filters the rows by search text (title, provider, description, learned), type and practice.

    Every word typed must appear (in any case). Typing more narrows the search: only the rows that matched the
    shorter text are searched again, so each keystroke gets cheaper.
    """

    filter_changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._model: ActivityTableModel | None = None
        self._text = ""
        self._type: str | None = None
        self._practice: int | None = None
        self._rows: list[_FilterRow] = []
        self._matching_rows: list[_FilterRow] | None = None  # None: every row passes
        self._accepted: set[int] | None = None

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if not isinstance(model, ActivityTableModel):
            raise TypeError("ActivityFilterProxy filters an ActivityTableModel")
        if self._model is not None:
            self._model.modelReset.disconnect(self._source_reset)
        super().setSourceModel(model)
        self._model = model
        model.modelReset.connect(self._source_reset)
        self._source_reset()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (see model.py's docstring); the proxy keeps its order."""
        if self._model is not None:
            self._model.sort(column, order)

    # --- criteria --------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        text = " ".join(text.casefold().split())
        if text != self._text:
            # Appending to the text can only narrow the result (each old word is within a new one).
            narrower = text.startswith(self._text)
            self._text = text
            self._refilter(narrower)

    def set_type(self, key: str | None) -> None:
        if key != self._type:
            narrower = self._type is None
            self._type = key
            self._refilter(narrower)

    def set_practice(self, number: int | None) -> None:
        if number != self._practice:
            narrower = self._practice is None
            self._practice = number
            self._refilter(narrower)

    def is_filtered(self) -> bool:
        return bool(self._text) or self._type is not None or self._practice is not None

    def accepted_ids(self) -> set[int] | None:
        """Ids of the rows shown; None when no filter is set (every row is shown)."""
        return self._accepted

    def matching_records(self) -> list[ActivityRecord]:
        """The records the filter lets through, in the table's order (no per-row calls through Qt)."""
        if self._model is None:
            return []
        if self._accepted is None:
            return list(self._model.records)
        return [r for r in self._model.records if r.id in self._accepted]

    def record_at(self, proxy_row: int) -> ActivityRecord:
        source_row = self.mapToSource(self.index(proxy_row, 0)).row()
        assert self._model is not None
        return self._model.record(source_row)

    def row_of(self, activity_id: int) -> int | None:
        """The proxy row showing `activity_id`, or None when it is filtered out or not loaded."""
        if self._model is None:
            return None
        source_row = self._model.row_of(activity_id)
        if source_row is None:
            return None
        index = self.mapFromSource(self._model.index(source_row, 0))
        return index.row() if index.isValid() else None

    # --- filtering -------------------------------------------------------------------------------------

    def _source_reset(self) -> None:
        assert self._model is not None
        self._rows = [
            (r.id, r.data.type, r.data.practices,
             "\n".join((r.data.title, r.data.provider, r.data.description, r.data.learned)).casefold())
            for r in self._model.records
        ]
        self._apply(narrower=False)
        self.filter_changed.emit()

    def _matching(self, rows: list[_FilterRow]) -> list[_FilterRow]:
        kind, practice, terms = self._type, self._practice, self._text.split()
        if kind is not None:
            rows = [row for row in rows if row[1] == kind]
        if practice is not None:
            rows = [row for row in rows if practice in row[2]]
        for term in terms:
            rows = [row for row in rows if term in row[3]]
        return rows

    def _apply(self, narrower: bool) -> None:
        if not self.is_filtered():
            self._matching_rows, self._accepted = None, None
            return
        start = self._matching_rows if narrower and self._matching_rows is not None else self._rows
        self._matching_rows = self._matching(start)
        self._accepted = {row[0] for row in self._matching_rows}

    def _refilter(self, narrower: bool = False) -> None:
        self._apply(narrower)
        # One layout change rebuilds the mapping in a single pass; row-by-row removal (beginFilterChange) emits
        # an interval per gap and was several times slower on a large table.
        self.invalidate()
        self.filter_changed.emit()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        accepted = self._accepted
        return accepted is None or (self._model is not None and self._model.ids[source_row] in accepted)
