"""The activity table: a QAbstractTableModel of ActivityRows that sorts and filters its own rows.

Roles: Qt's display, tooltip, alignment, font and foreground roles; `SORT_ROLE` gives each cell's raw value
(hours as Decimal, dates as date, practices as a tuple of numbers) and `RECORD_ROLE` the ActivityRow itself (an
activity without its long texts: models.activities.get_activity reads it whole);
`SHORT_ROLE` the Type column's shorter word, which the column displays when the full label does not fit the room the
view gives it (`set_type_room`; the screen reader and the tooltip have the label whole).

There is no QSortFilterProxyModel in between, because one calls back into Python for every row (filterAcceptsRow)
or every comparison, on every change: with 10,000 activities a sort took over a second and a keystroke in the
search box tens of milliseconds. Instead `records` holds every loaded activity in the sort order (Python's sort on
the SORT_ROLE values) and the rows shown are a list of positions in it, from filter.py's `ActivityFilter`, which
matches the search in plain Python over texts casefolded once per load. A filter change is one layout change (none
when the rows shown stay the same): the view and the selection follow, and nothing is called per row. A repaint
asks each cell's roles in one call (multiData), not one call per role, and no delegate calls into Python per cell: the
Type column's word is chosen once per type and width (`set_type_room`), not measured at each paint (a delegate doing
that cost a tenth of a repaint of the table).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPainterPath, QPen, QPixmap

from wethrive_desktop.i18n import format_date, noop, tr, trn
from wethrive_desktop.models.activities import ActivityRow, learned_excerpt
from wethrive_desktop.models.domain import PRACTICES, Status, type_label
from wethrive_desktop.models.rules import Catalogues, format_hours
from wethrive_desktop.models.topics import BUILTIN_TOPICS, topic_label
from wethrive_desktop.ui.activities.filter import MASKS_FROM, ActivityFilter, letter_masks
from wethrive_desktop.ui.colors import MUTED, WARN, application_palette, graphic_color, live_color
from wethrive_desktop.ui.widgets.dates import short_range
from wethrive_desktop.ui.widgets.labels import practice_label, type_tip
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, SORT_ROLE

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_HORIZONTAL = Qt.Orientation.Horizontal
# What Qt's item delegate asks of every cell it paints (QStyledItemDelegate::initStyleOption, in one multiData call):
# the model keeps each shown cell's answers to these (ActivityTableModel._cells), so a repaint reads them, not works
# them out again.
_PAINT_ROLES = (_FONT, _ALIGN, _FOREGROUND, int(Qt.ItemDataRole.CheckStateRole), _DECORATION, _DISPLAY,
                int(Qt.ItemDataRole.BackgroundRole))
_PAINTED_ROWS = 512  # the rows whose answers are kept: a few screens of the table, however long it is
_ASK = object()  # a role not kept: answered by _value
_CLIP = object()  # the paperclip, drawn for the palette of the moment (paperclip_icon) when it is asked for

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    DATE = 0
    TITLE = 1
    PROVIDER = 2
    TYPE = 3
    TOPICS = 4
    HOURS = 5
    PRACTICES = 6
    POINTS = 7
    ATTACHMENTS = 8


# Each column's header (the attachments column shows a paperclip instead), translated where it is shown.
_HEADERS = (noop("Date"), noop("Title"), noop("Provider"), noop("Type"), noop("Topics"), noop("Hours"),
            noop("Practices"), noop("Points"), "")


def header_text(column: int) -> str:
    """A column's header, in the user's language (the attachments column shows a paperclip instead)."""
    label = _HEADERS[column]
    return tr(label) if label else ""


def header_tip(column: Column) -> str:
    """A column header's tooltip (and accessible text): what the column holds."""
    tips = {
        Column.DATE: tr("Start date (and end date for activities over several days)"),
        Column.TOPICS: tr("Topic tags ({topics}, or your own)").format(
            topics=", ".join(topic_label(key) for key in BUILTIN_TOPICS)),
        Column.HOURS: tr("Hours (for teaching, the preparation: the hours that count)"),
        Column.PRACTICES: tr("The practices the activity developed, by number (hover a row for their names)"),
        Column.POINTS: tr("#WeThriveHere challenge points"),
        Column.ATTACHMENTS: tr("Attachments (certificates, agendas, notes)"),
    }
    return tips.get(column) or header_text(column)


SHORT_ROLE = int(Qt.ItemDataRole.UserRole) + 20
# The Type column's words for a type whose label is long: shorter, for the table, where the tooltip has the label
# whole ("Coaching given" for "Coaching given (ICMA program)")...
TABLE_TYPE_LABELS = {"coaching-given": noop("Coaching given")}
# ... and, when even those do not fit (a narrow window), the shortest: the member's part, or the kind's noun.
SHORT_TYPE_LABELS = {"coaching": noop("Mentee"), "mentoring": noop("Mentor"), "coaching-given": noop("Coach"),
                     "leadership institute": noop("Institute"), "certificate program": noop("Certificate"),
                     "academic course": noop("Course")}
CONFIRM_TYPE = noop("Confirm type")  # an old "coaching" activity whose type the member is asked to confirm
CONFIRM_SHORT = noop("Confirm")


def table_type_name(key: str) -> str:
    """A type as the log's Type column shows it: "Coaching given" for "Coaching given (ICMA program)"."""
    return tr(TABLE_TYPE_LABELS.get(key) or type_label(key))


def short_type_name(key: str) -> str:
    """A type in the fewest words the Type column shows: "Mentor" for "Mentoring given"."""
    short = SHORT_TYPE_LABELS.get(key)
    return tr(short) if short else table_type_name(key)


def type_review(row: ActivityRow) -> bool:
    """Whether `row` is an old "coaching" activity the member is asked to confirm the type of."""
    return row.type_review and row.type == "coaching"


def type_words(key: str, review: bool) -> tuple[str, str]:
    """The Type column's label for type `key` and its shorter word ("Mentoring given", "Mentor"); `review`: an old
    "coaching" activity whose type the member is asked to confirm (type_review)."""
    if review:
        return tr(CONFIRM_TYPE), tr(CONFIRM_SHORT)
    return table_type_name(key), short_type_name(key)


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ALIGNMENT: dict[int, int] = {Column.HOURS: _RIGHT, Column.POINTS: _RIGHT, Column.ATTACHMENTS: _CENTER}


def _sort_keys() -> dict[Column, Callable[[ActivityRow, int], Any]]:
    """For each column, the raw value it sorts by (ties: by date, then by id, so the order is stable)."""
    return {
        Column.DATE: lambda r, p: (r.start_date, r.end_date or r.start_date),
        Column.TITLE: lambda r, p: r.title.casefold(),
        Column.PROVIDER: lambda r, p: r.provider.casefold(),
        Column.TYPE: lambda r, p: r.type,
        Column.TOPICS: lambda r, p: r.topics,
        Column.HOURS: lambda r, p: r.hours,
        Column.PRACTICES: lambda r, p: r.practices,
        Column.POINTS: lambda r, p: p,
        Column.ATTACHMENTS: lambda r, p: len(r.attachments),
    }


SORT_KEYS = _sort_keys()
_COLUMN_COUNT = len(Column)


class ShownTotals(NamedTuple):
    """The rows shown, for the footer: how many, and their hours in hundredths (completed / planned apart)."""

    shown: int
    planned: int
    completed_hundredths: int
    planned_hundredths: int


@dataclass(frozen=True)
class PreparedRows:
    """Rows made ready for the table by `prepare_rows`, which touches no widget: the page makes them on a worker
    when there are many, and the table only takes them (set_prepared)."""

    records: list[ActivityRow]  # in the sort order below
    haystacks: list[str]  # their search texts, in the same order
    points: dict[int, int]  # activity id -> its challenge points
    item_names: dict[str, str]
    sort_column: int
    sort_order: Qt.SortOrder
    # By position in `records`:
    ids: list[int]
    hundredths: list[int]  # hours * 100, for the footer's sums (shared_ints: no object per row)
    is_planned: list[bool]
    by_id: array[int]  # the positions, in the order of their activity ids (for row_of's binary search)
    planned: list[int]  # ascending positions of the planned activities (usually few)
    totals: ShownTotals  # of every row
    masks: array[int] | None  # the letters and digits in each search text (filter.letter_masks), when many rows


def prepare_rows(records: Sequence[ActivityRow], haystacks: Sequence[str], catalogues: Catalogues | None,
                 item_names: dict[str, str] | None, sort: tuple[int, Qt.SortOrder],
                 points: dict[int, int] | None = None, masks: array[int] | None = None) -> PreparedRows:
    """`records` (with their search texts) sorted by `sort` (column, order) and what the table reads of them; pure
    Python, safe on a worker. `catalogues` give the challenge points (or `points`, already worked out); the search
    texts' letter masks are made here when there are many rows (or given: `masks`, in the order of `records`)."""
    if len(haystacks) != len(records):
        raise ValueError(f"{len(records)} rows but {len(haystacks)} search texts")
    if masks is None and len(records) >= MASKS_FROM:
        masks = letter_masks(haystacks)
    if points is None:
        catalogues = catalogues or Catalogues()
        by_year: dict[int, Any] = {}
        points = {}
        for r in records:
            if r.challenge_key:
                year = r.start_date.year
                if year not in by_year:
                    by_year[year] = catalogues.for_year(year)
                points[r.id] = int(by_year[year].get(r.challenge_key, 0))
    column, order = Column(sort[0]), sort[1]
    positions = sort_order(records, points, column, order)
    ordered = [records[i] for i in positions]
    ids = [r.id for r in ordered]
    hundredths = shared_ints(int(r.hours * 100) for r in ordered)
    completed = Status.COMPLETED.value
    is_planned = [r.status != completed for r in ordered]
    by_id, planned = _by_id_and_planned(ids, is_planned)
    planned_hundredths = _sum_at(hundredths, planned)
    totals = ShownTotals(len(ordered), len(planned), sum(hundredths) - planned_hundredths, planned_hundredths)
    return PreparedRows(ordered, [haystacks[i] for i in positions], points, dict(item_names or {}), column, order,
                        ids, hundredths, is_planned, by_id, planned, totals,
                        None if masks is None else array("Q", map(masks.__getitem__, positions)))


def sort_order(records: Sequence[ActivityRow], points: dict[int, int], column: Column,
               order: Qt.SortOrder) -> list[int]:
    """The positions of `records` sorted by `column` in `order` (ties: by date, then by id, so it is stable)."""
    key = SORT_KEYS[column]
    keys = [(key(r, points.get(r.id, 0)), r.start_date, r.id) for r in records]
    # `reverse` keeps the tie-breaking date and id newest-first as well.
    return sorted(range(len(records)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)


def shared_ints(values: Iterable[int]) -> list[int]:
    """`values` as a list that holds one int object per distinct value (hours repeat: a few hundred of them for
    100,000 activities), so it takes no more memory than an array of machine integers, and reading it makes none."""
    shared: dict[int, int] = {}
    return [shared.setdefault(v, v) for v in values]


def _sum_at(values: list[int], positions: Sequence[int]) -> int:
    """The sum of `values` at `positions`: one itemgetter reads them all in C, with no int made per value (2 ms for
    90,000 of 100,000 rows; a map of an array's __getitem__ took 7.5)."""
    if len(positions) < 2:  # itemgetter of one position gives the value itself, of none is an error
        return sum(values[p] for p in positions)
    return sum(itemgetter(*positions)(values))


def _by_id_and_planned(ids: list[int], is_planned: list[bool]) -> tuple[array[int], list[int]]:
    """The positions in the order of their ids, and those of the planned activities (ascending)."""
    positions = range(len(ids))
    # Not a dict of id -> position: at 100,000 activities that is 8 MiB, this is 0.8 (and row_of is rare).
    return array("l", sorted(positions, key=ids.__getitem__)), list(compress(positions, is_planned))


class ActivityTableModel(QAbstractTableModel):
    """ActivityRows in the order of the last `sort` (newest first until then), the rows passing the filter.

    `records` is every record loaded; the row numbers of the Qt interface (`rowCount`, `index`, `record`,
    `row_of`) count only the rows shown.
    """

    filter_changed = Signal()  # the criteria or the rows shown changed: a search, type or practice, new records

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.records: list[ActivityRow] = []
        self._rows: Sequence[int] = range(0)  # the rows shown, as ascending positions in `records`
        self._filter = ActivityFilter()
        # By position in `records`, made once per load and reordered (not remade) by a sort:
        self._ids: list[int] = []
        self._hundredths: list[int] = []  # hours * 100, for the footer's sums (shared_ints: no object per row)
        self._is_planned: list[bool] = []
        # ... and derived from them:
        self._by_id = array("l")  # the positions, in the order of their activity ids (for row_of's binary search)
        self._planned: list[int] = []  # ascending positions of the planned activities (usually few)
        self._planned_set: frozenset[int] = frozenset()
        self._all_totals = ShownTotals(0, 0, 0, 0)
        self._points: dict[int, int] = {}
        self._item_names: dict[str, str] = {}
        self._sort_column = Column.DATE
        self._sort_order = Qt.SortOrder.DescendingOrder
        # The answers to _PAINT_ROLES of each column of a row shown, by activity id (oldest first; _cells).
        self._painted: dict[int, tuple[dict[int, Any], ...]] = {}
        self._looks: dict[tuple[bool, bool, bool], tuple[dict[int, Any], ...]] = {}  # by kind of row (_look)
        self._italic = QFont()
        self._italic.setItalic(True)
        # The Type column's room (set_type_room): its width and font's key; the width with the font's metrics
        # (upright, italic: a planned activity's font); the word shown for each (type, to confirm, planned) there.
        self._type_room: tuple[int, str] | None = None
        self._type_fit: tuple[int, QFontMetrics, QFontMetrics] | None = None
        self._type_shown: dict[tuple[str, bool, bool], str] = {}

    # --- loading ---------------------------------------------------------------------------------------

    def set_records(self, records: Sequence[ActivityRow], haystacks: Sequence[str],
                    catalogues: Catalogues | None = None, item_names: dict[str, str] | None = None) -> None:
        """Replace every row; `haystacks` are their search texts (models.activities.load_activity_rows gives both),
        `catalogues` give the challenge points, `item_names` name the items in tooltips.

        The search, type and practice criteria stay, applied to the new rows.
        """
        self.set_prepared(prepare_rows(records, haystacks, catalogues, item_names, self.sort_state()))

    def set_prepared(self, prepared: PreparedRows) -> None:
        """Replace every row with rows `prepare_rows` made (on a worker, say): sorted again first if the table's
        sort changed meanwhile."""
        if (prepared.sort_column, prepared.sort_order) != self.sort_state():
            prepared = prepare_rows(prepared.records, prepared.haystacks, None, prepared.item_names,
                                    self.sort_state(), prepared.points, prepared.masks)
        self.beginResetModel()
        self._item_names = prepared.item_names
        self._points = prepared.points
        self._painted.clear()
        self._type_shown.clear()  # words in the language of the moment, as the texts
        self.records = prepared.records
        # Everything a filter change reads, made once per load and reordered (not remade) by a sort.
        self._filter.load(prepared.records, prepared.haystacks, prepared.masks)
        self._ids = prepared.ids
        self._hundredths = prepared.hundredths
        self._is_planned = prepared.is_planned
        self._by_id, self._planned = prepared.by_id, prepared.planned
        self._planned_set = frozenset(self._planned)
        self._all_totals = prepared.totals
        self._rows = self._shown_positions()
        self.endResetModel()
        self.filter_changed.emit()

    def set_type_room(self, width: int | None, font: QFont | None = None) -> None:
        """The room the view gives the Type column's text, in pixels, in `font` (its cells' font; a planned
        activity's is its italic): a label wider than that shows as its shorter word (SHORT_ROLE), which the view
        elides if even it does not fit. None (as without a view): every label whole."""
        room = None if width is None or font is None else (width, font.key())
        if room == self._type_room:
            return
        self._type_room = room
        if width is None or font is None:
            self._type_fit = None
        else:
            italic = QFont(font)
            italic.setItalic(True)
            self._type_fit = (width, QFontMetrics(font), QFontMetrics(italic))
        # The words chosen so far, chosen again: only a change of one is shown (a column dragged a pixel at a time
        # changes none, mostly).
        before = self._type_shown
        self._type_shown = {key: self._choose_type_word(*key) for key in before}
        if self._type_shown == before:
            return
        self._painted.clear()  # the texts hold the word shown
        if self._rows:
            self.dataChanged.emit(self.index(0, Column.TYPE), self.index(len(self._rows) - 1, Column.TYPE),
                                  [Qt.ItemDataRole.DisplayRole])

    def _type_word(self, record: ActivityRow) -> str:
        """The Type column's text for `record`: its label, or its shorter word when the label does not fit."""
        key = (record.type, type_review(record), record.status != Status.COMPLETED)
        shown = self._type_shown.get(key)
        if shown is None:
            shown = self._type_shown[key] = self._choose_type_word(*key)
        return shown

    def _choose_type_word(self, key: str, review: bool, planned: bool) -> str:
        label, short = type_words(key, review)
        if self._type_fit is None:
            return label
        width, upright, italic = self._type_fit
        return label if (italic if planned else upright).horizontalAdvance(label) <= width else short

    def record(self, row: int) -> ActivityRow:
        """The record shown at `row`."""
        return self.records[self._rows[row]]

    def row_of(self, activity_id: int) -> int | None:
        """The row showing `activity_id`, or None when it is filtered out or not loaded."""
        position = self._position(activity_id)
        return None if position is None else self._row_at(position)

    def shown_records(self) -> list[ActivityRow]:
        """The records shown, in the table's order."""
        records = self.records
        return [records[i] for i in self._rows]

    def points(self, record: ActivityRow) -> int:
        return self._points.get(record.id, 0)

    def _position(self, activity_id: int) -> int | None:
        """The position of `activity_id` in `records` (None when not loaded)."""
        by_id, ids = self._by_id, self._ids
        i = bisect_left(by_id, activity_id, key=ids.__getitem__)
        return by_id[i] if i < len(by_id) and ids[by_id[i]] == activity_id else None

    def _row_at(self, position: int) -> int | None:
        rows = self._rows
        row = bisect_left(rows, position)
        return row if row < len(rows) and rows[row] == position else None

    def _positions_changed(self) -> None:
        self._by_id, self._planned = _by_id_and_planned(self._ids, self._is_planned)
        self._planned_set = frozenset(self._planned)

    # --- filtering -------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Show the rows containing every word of `text`, in any case (see filter.py)."""
        if self._filter.set_search(text):
            self._refilter()

    def set_type(self, key: str | None) -> None:
        if self._filter.set_type(key):
            self._refilter()

    def set_practice(self, number: int | None) -> None:
        if self._filter.set_practice(number):
            self._refilter()

    def is_filtered(self) -> bool:
        return self._filter.is_filtered()

    def shown_totals(self) -> ShownTotals:
        """How many rows are shown and their hours: sums over precomputed numbers, no per-row call."""
        rows = self._rows
        if isinstance(rows, range):  # every row
            return self._all_totals
        hundredths = self._hundredths
        total = _sum_at(hundredths, rows)
        if len(self._planned) * 16 < len(rows):  # few planned: a binary search for each
            row_at = self._row_at
            planned = [p for p in self._planned if row_at(p) is not None]
        else:
            planned = list(filter(self._planned_set.__contains__, rows))
        planned_hundredths = _sum_at(hundredths, planned)
        return ShownTotals(len(rows), len(planned), total - planned_hundredths, planned_hundredths)

    def _shown_positions(self) -> Sequence[int]:
        matches = self._filter.matches()
        return range(len(self.records)) if matches is None else matches

    def _refilter(self) -> None:
        """Show the rows the filter now passes: one layout change, the persistent indexes (selection, current
        row) moved to where their rows went, or invalidated when their rows are filtered out.

        No layout change when the rows shown stay the same (a first letter that every row contains, as most do in a
        long log): the view has nothing to lay out or repaint, and only the footer (filter_changed) says that a
        search is on."""
        rows = self._shown_positions()
        if rows == self._rows:
            self.filter_changed.emit()
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        positions = [self._rows[i.row()] for i in before]
        self._rows = rows
        after = []
        for position, old in zip(positions, before, strict=True):
            row = self._row_at(position)
            after.append(QModelIndex() if row is None else self.index(row, old.column()))
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
        self.filter_changed.emit()

    # --- sorting ---------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < _COLUMN_COUNT or (column, order) == (self._sort_column, self._sort_order):
            return  # the rows are always in the current order (QTableView.sortByColumn asks twice)
        self._sort_column, self._sort_order = Column(column), order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._ids[self._rows[i.row()]] for i in before]
        new_order = sort_order(self.records, self._points, self._sort_column, self._sort_order)
        self.records = list(map(self.records.__getitem__, new_order))
        self._filter.reorder(new_order, self.records)
        self._ids = list(map(self._ids.__getitem__, new_order))
        self._hundredths = list(map(self._hundredths.__getitem__, new_order))
        self._is_planned = list(map(self._is_planned.__getitem__, new_order))
        self._positions_changed()
        self._rows = self._shown_positions()
        after = []
        for activity_id, old in zip(ids, before, strict=True):
            row = self.row_of(activity_id)
            after.append(QModelIndex() if row is None else self.index(row, old.column()))
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return int(self._sort_column), self._sort_order

    # --- Qt model interface ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        # Asked for every role of every header section at each repaint of the header (a search's, too): the common
        # answers come without making a Column of the section.
        if orientation != _HORIZONTAL or not 0 <= section < _COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            return header_text(section)
        if role == _ALIGN:
            return _ALIGNMENT.get(section)
        if role == _DECORATION:
            return paperclip_icon() if section == Column.ATTACHMENTS else None
        if role in (_TOOLTIP, _ACCESSIBLE):
            return header_tip(Column(section))
        return None

    def multiData(self, index: Index, span: QModelRoleDataSpan | QModelRoleData) -> None:
        """Every role asked of a cell at once: Qt 6's item delegate asks seven on each paint of each cell, and
        answering them in one call into Python, not seven (data()), takes a third off the model's share of a repaint
        (which a search keystroke makes of the whole table). The answers are those kept for the row (_cells), not
        worked out again at each paint; a role not kept is answered as data() answers it."""
        row = index.row()
        rows = self._rows
        # PySide's stubs give a span neither len() nor [] (it has both); a caller in Python may give one role.
        slots = cast("Sequence[QModelRoleData]", span if isinstance(span, QModelRoleDataSpan)
                     else QModelRoleDataSpan(span))
        if not 0 <= row < len(rows):
            for i in range(len(slots)):
                slots[i].clearData()
            return
        record = self.records[rows[row]]
        column = index.column()
        cell = (self._painted.get(record.id) or self._cells(record))[column]
        for i in range(len(slots)):
            slot = slots[i]
            answer = cell.get(slot.role(), _ASK)
            if answer is _ASK:
                answer = self._value(record, column, slot.role())
            elif answer is _CLIP:
                answer = paperclip_icon()
            if answer is None:
                slot.clearData()
            else:
                slot.setData(answer)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        rows = self._rows
        if not index.isValid() or row >= len(rows):
            return None
        return self._value(self.records[rows[row]], index.column(), role)

    def _cells(self, record: ActivityRow) -> tuple[dict[int, Any], ...]:
        """The answers to _PAINT_ROLES of each of `record`'s cells (the paperclip as _CLIP), kept for the
        _PAINTED_ROWS rows made last: made when a row is first shown (or its text asked), dropped when the rows load
        again or a text changes (the Type column's word), and the one made first dropped to make room for a new one.
        Each is its text added to the answers of its column for rows of the same kind (_looks)."""
        painted = self._painted
        cells = painted.get(record.id)
        if cells is not None:
            return cells
        if len(painted) >= _PAINTED_ROWS:
            del painted[next(iter(painted))]
        kind = (record.status != Status.COMPLETED, type_review(record), bool(record.attachments))
        looks = self._looks.get(kind) or self._look(record, kind)
        cells = painted[record.id] = tuple({**look, _DISPLAY: text}
                                           for look, text in zip(looks, self._texts(record), strict=True))
        return cells

    def _look(self, record: ActivityRow, kind: tuple[bool, bool, bool]) -> tuple[dict[int, Any], ...]:
        """The answers to _PAINT_ROLES but the text, for each column, of every row of `kind` (planned, type to
        confirm, with attachments): _value's, which depend on nothing else of a row."""
        value = self._value
        looks = self._looks[kind] = tuple(
            {role: _CLIP if role == _DECORATION and column == Column.ATTACHMENTS and record.attachments
             else value(record, column, role) for role in _PAINT_ROLES if role != _DISPLAY}
            for column in range(_COLUMN_COUNT))
        return looks

    def _value(self, record: ActivityRow, column: int, role: int) -> Any:
        """A cell's value for `role` (data(); multiData asks it for a role whose answers are not kept)."""
        if role == _DISPLAY or role == _ACCESSIBLE:
            if role == _ACCESSIBLE and column == Column.ATTACHMENTS:
                return (trn("%n attachment", "%n attachments", len(record.attachments)) if record.attachments
                        else tr("no attachments"))
            if role == _ACCESSIBLE and column == Column.TYPE:
                return type_words(record.type, type_review(record))[0]  # whole, where the column shows a word
            return self._cells(record)[column][_DISPLAY]
        if role == _DECORATION:
            return paperclip_icon() if column == Column.ATTACHMENTS and record.attachments else None
        if role == _ALIGN:
            return _ALIGNMENT.get(column)
        # What a cell's font, colours, alignment and icon depend on is the kind of row _look keeps them for (planned,
        # type to confirm, attachments): an answer here that reads more of a row must be added to that kind.
        if role == _FONT or role == _FOREGROUND:
            if role == _FOREGROUND and column == Column.TYPE and type_review(record):
                return review_color()
            if record.status != Status.COMPLETED:
                return self._italic if role == _FONT else planned_color()
            return None
        if role == _TOOLTIP:
            return self._tooltip(record, Column(column))
        if role == SORT_ROLE:
            return SORT_KEYS[Column(column)](record, self._points.get(record.id, 0))
        if role == RECORD_ROLE:
            return record
        if role == SHORT_ROLE and column == Column.TYPE:
            return type_words(record.type, type_review(record))[1]
        return None

    def _texts(self, record: ActivityRow) -> tuple[str, ...]:
        d = record
        points = self._points.get(record.id)
        return (
            short_range(d.start_date, d.end_date),
            d.title,
            d.provider,
            self._type_word(record),
            ", ".join(map(topic_label, d.topics)),
            format_hours(d.hours),
            ", ".join(str(p) for p in d.practices),
            str(points) if points else "",
            "",
        )

    def _tooltip(self, record: ActivityRow, column: Column) -> str | None:
        d = record
        planned = tr("Planned: not counted until it is marked completed.") if d.status != Status.COMPLETED else ""
        if column == Column.PRACTICES:
            return "\n".join(practice_label(p) for p in d.practices if p in PRACTICES) or tr("No practice tagged")
        if column == Column.TYPE:
            if type_review(record):
                return tr("{type}, to confirm: logged when coaching and mentoring, given or received, were a single "
                          "type, its words read as given. Open it (Enter) to say which type it was.").format(
                    type=tr(type_label(d.type)))
            tip = type_tip(d.type)
            return tr("{type}: {covers}").format(type=tr(type_label(d.type)), covers=tip) if tip else None
        if column == Column.TOPICS:
            return "\n".join(map(topic_label, d.topics)) or tr("No topic tagged")
        if column == Column.HOURS and d.type == "teaching" and d.delivery_hours:
            lines = [planned] if planned else []
            lines.append(tr("{preparation} h of preparation (they count), {delivery} h of delivery (not counted)")
                         .format(preparation=format_hours(d.hours), delivery=format_hours(d.delivery_hours)))
            return "\n".join(lines)
        if column == Column.POINTS and d.challenge_key:
            name = self._item_names.get(d.challenge_key, d.challenge_key)
            return trn("{item}: %n point", "{item}: %n points", self._points.get(record.id, 0)).format(item=name)
        if column == Column.ATTACHMENTS and record.attachments:
            return "\n".join(a.original_name for a in record.attachments)
        if column == Column.DATE:  # in words, whole (the column may be too narrow for a span)
            end = d.end_date
            when = (format_date(d.start_date) if end is None or end == d.start_date
                    else tr("{start} to {end}").format(start=format_date(d.start_date), end=format_date(end)))
            return "\n".join([planned, when]) if planned else when
        if column == Column.TITLE:
            lines = [planned, d.title] if planned else [d.title]
            learned = learned_excerpt(record.id)  # read when asked (a row does not keep the long texts)
            if learned:
                lines.append(tr("Learned: {text}").format(text=learned))
            return "\n".join(lines)
        return planned or None


@cache
def review_color() -> QColor:
    """The warning colour of "Confirm type", kept readable on the palette as it changes."""
    return live_color(WARN)


@cache
def planned_color() -> QColor:
    """The muted text of a planned activity, kept readable on the palette as it changes (ui/colors.py)."""
    return live_color(MUTED)


def paperclip_icon() -> QIcon:
    """The paperclip in the muted colour at its shade for the application's palette (so it shows on a dark
    table too)."""
    palette = application_palette()
    return _paperclip(graphic_color(MUTED, palette).name() if palette is not None else MUTED)


@cache
def _paperclip(color: str) -> QIcon:
    """A paperclip, drawn (no icon font or image file needed): three straight runs joined by two bends."""
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(size / 2, size / 2)
    painter.rotate(40)
    painter.translate(-size / 2, -size / 2)
    pen = QPen(QColor(color), 2.4)
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
