"""The activity table model, without any widget: roles, raw-value sorting, and filtering of its own rows."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import (
    ActivityData,
    ActivityRecord,
    ActivityRow,
    AttachmentData,
    RowExtras,
    listed_text,
)
from wethrive_desktop.models.dates import date_range
from wethrive_desktop.models.rules import Catalogues
from wethrive_desktop.ui.activities import model as model_module
from wethrive_desktop.ui.activities.model import (
    SHORT_ROLE,
    SORT_KEYS,
    ActivityTableModel,
    Column,
    Index,
    ShownTotals,
    planned_color,
    prepare_rows,
)
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, SORT_ROLE

if TYPE_CHECKING:
    from qt_types import ModelTester

NOW = datetime(2025, 1, 1, 12, 0)


def record(activity_id: int, title: str, hours: str, day: date, **fields: object) -> ActivityRecord:
    attachments = fields.pop("attachments", ())
    data = ActivityData(start_date=day, title=title, hours=Decimal(hours), **fields)  # type: ignore[arg-type]
    return ActivityRecord(activity_id, data, NOW, NOW, attachments)  # type: ignore[arg-type]


def as_row(r: ActivityRecord) -> ActivityRow:
    """The row the activity log lists for `r` (as models.activities.load_activity_rows reads it)."""
    d = r.data
    return ActivityRow(r.id, d.start_date, d.end_date, d.title, d.provider, d.type, d.hours, d.practices, d.status,
                       d.topics, RowExtras(d.challenge_key, d.delivery_hours, d.meets_conditions, d.type_review,
                                           d.mentoring, r.attachments))


def haystack(r: ActivityRecord, labels: dict[str, str] | None = None) -> str:
    d = r.data
    return listed_text(d.title, d.provider, d.description, d.learned, d.topics, labels)


def listed(records: list[ActivityRecord]) -> tuple[list[ActivityRow], list[str]]:
    """`records` as the log loads them: their rows, and the search texts made from their long texts."""
    labels: dict[str, str] = {}
    return [as_row(r) for r in records], [haystack(r, labels) for r in records]


RECORDS = [
    record(1, "Budgeting for Outcomes", "9", date(2025, 3, 25), provider="GFOA", type="webinar", practices=(12,),
           description="Attended the live session", learned="Priority-based budgeting"),
    record(2, "ICMA Annual Conference", "10.5", date(2025, 10, 4), end_date=date(2025, 10, 7), provider="ICMA",
           type="conference", practices=(2, 6, 14), challenge_key="annual-conference", topics=("ethics", "zoning"),
           attachments=(AttachmentData("badge.pdf", "abc.pdf", "abc", 10, NOW, 7),)),
    record(3, "Ethics 101", "1.25", date(2025, 1, 15), provider="ICMA University", type="e-course",
           practices=(1,), challenge_key="ethics-101", status="planned"),
    record(4, "Équité et inclusion", "2", date(2025, 6, 2), provider="Ville de Montréal", type="workshop",
           practices=(3,), learned="Listening sessions before budgets"),
]
CATALOGUES = Catalogues({2017: {"annual-conference": 20, "ethics-101": 10}})


@pytest.fixture
def model(qapp: QApplication) -> ActivityTableModel:
    m = ActivityTableModel()
    m.set_records(*listed(RECORDS), CATALOGUES,
                  {"annual-conference": "Register and attend the ICMA Annual Conference"})
    return m


@pytest.fixture
def table(model: ActivityTableModel) -> ActivityTableModel:
    """The model as the view sees it: it filters its own rows (there is no proxy in between)."""
    return model


def column(table: ActivityTableModel, col: Column, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    return [table.index(row, col).data(role) for row in range(table.rowCount())]


def titles(table: ActivityTableModel) -> list[str]:
    return [str(t) for t in column(table, Column.TITLE)]


# One tester per test: a ModelTester follows one model at a time.
def test_table_model_passes_qtmodeltester(qtmodeltester: ModelTester, model: ActivityTableModel) -> None:
    qtmodeltester.check(model, force_py=True)
    model.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    model.set_records(*listed(RECORDS[1:]), CATALOGUES)
    qtmodeltester.check(model, force_py=True)


def test_filtered_model_passes_qtmodeltester(qtmodeltester: ModelTester, table: ActivityTableModel) -> None:
    qtmodeltester.check(table, force_py=True)
    table.set_search("icma")
    table.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    table.set_type("conference")
    qtmodeltester.check(table, force_py=True)


def test_the_header_says_each_column_in_the_users_language(table: ActivityTableModel) -> None:
    from wethrive_desktop import i18n

    horizontal = Qt.Orientation.Horizontal
    english = [table.headerData(c, horizontal) for c in Column]
    assert english == ["Date", "Title", "Provider", "Type", "Topics", "Hours", "Practices", "Points", ""]
    i18n.install(lambda context, source, plural, n: f"<{source}>")
    try:
        assert [table.headerData(c, horizontal) for c in Column] == [f"<{t}>" if t else "" for t in english]
        assert table.headerData(Column.HOURS, horizontal, Qt.ItemDataRole.ToolTipRole).startswith("<Hours (for")
    finally:
        i18n.install(None)
    assert table.headerData(Column.HOURS, horizontal, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert table.headerData(Column.TITLE, horizontal, Qt.ItemDataRole.TextAlignmentRole) is None
    assert table.headerData(Column.ATTACHMENTS, horizontal, Qt.ItemDataRole.DecorationRole) is not None
    assert table.headerData(Column.TITLE, horizontal, Qt.ItemDataRole.DecorationRole) is None
    assert table.headerData(len(Column), horizontal) is None
    assert table.headerData(0, Qt.Orientation.Vertical) is None


def test_newest_first_by_default_with_the_cells_the_user_sees(table: ActivityTableModel) -> None:
    assert titles(table) == ["ICMA Annual Conference", "Équité et inclusion", "Budgeting for Outcomes",
                             "Ethics 101"]
    first = [table.index(0, c).data() for c in Column]
    # No locale installed: format_date(short=True) writes ISO dates (the GUI's are the locale's: test_screens_*).
    assert first == ["2025-10-04 – 2025-10-07", "ICMA Annual Conference", "ICMA", "Conference", "Ethics, zoning",
                     "10.5", "2, 6, 14", "20", ""]
    assert table.index(0, Column.TOPICS).data(Qt.ItemDataRole.ToolTipRole).splitlines() == ["Ethics", "zoning"]
    assert table.index(1, Column.TOPICS).data(Qt.ItemDataRole.ToolTipRole) == "No topic tagged"
    assert table.headerData(Column.TOPICS, Qt.Orientation.Horizontal) == "Topics"
    assert table.index(0, Column.ATTACHMENTS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert table.index(1, Column.ATTACHMENTS).data(Qt.ItemDataRole.DecorationRole) is None
    assert table.index(0, Column.PRACTICES).data(Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "2 - Community Engagement", "6 - Strategic Leadership", "14 - Communication and Information Sharing"]
    assert "badge.pdf" in table.index(0, Column.ATTACHMENTS).data(Qt.ItemDataRole.ToolTipRole)
    assert "20 points" in table.index(0, Column.POINTS).data(Qt.ItemDataRole.ToolTipRole)
    # A planned activity is set apart (italic) and says why in its tooltip.
    planned_row = titles(table).index("Ethics 101")
    assert table.index(planned_row, Column.TITLE).data(Qt.ItemDataRole.FontRole).italic()
    assert "Planned" in table.index(planned_row, Column.DATE).data(Qt.ItemDataRole.ToolTipRole)


def test_roles_give_raw_values_and_the_record(table: ActivityTableModel) -> None:
    assert table.index(0, Column.HOURS).data(SORT_ROLE) == Decimal("10.5")
    assert table.index(0, Column.DATE).data(SORT_ROLE) == (date(2025, 10, 4), date(2025, 10, 7))
    assert table.index(0, Column.PRACTICES).data(SORT_ROLE) == (2, 6, 14)
    assert table.index(0, Column.POINTS).data(SORT_ROLE) == 20
    assert table.index(0, Column.TOPICS).data(SORT_ROLE) == ("ethics", "zoning")
    assert table.index(0, Column.TITLE).data(RECORD_ROLE) == as_row(RECORDS[1])


ROLES = [*map(int, (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole,
                    Qt.ItemDataRole.AccessibleTextRole)), SORT_ROLE, RECORD_ROLE, SHORT_ROLE]


def multi_data(table: ActivityTableModel, index: QModelIndex, role: int, stale: object = "stale") -> object:
    """What `table.multiData` answers for one role (PySide builds spans of one role only), in a slot that held
    `stale` before."""
    slot = QModelRoleData(role)
    slot.setData(stale)
    table.multiData(index, QModelRoleDataSpan(slot))
    return comparable(slot.data())


def comparable(value: object) -> object:
    return value.cacheKey() if isinstance(value, QIcon) else value  # a QIcon has no ==


def test_a_paint_asks_every_role_of_a_cell_at_once_and_gets_what_data_gives(db: object,
                                                                             table: ActivityTableModel) -> None:
    # The view paints through multiData (one call per cell); the rest of the app reads data(): they must agree.
    # (`db`: a title's tooltip reads what was learned from the database.)
    table.set_search("e")
    assert table.rowCount() > 1
    for row in range(table.rowCount()):
        for col in Column:
            index = table.index(row, col)
            for role in ROLES:
                assert multi_data(table, index, role) == comparable(table.data(index, role)), (row, col, role)
    # A role the model has nothing for, or an index it does not have, leaves no stale value in the slot.
    assert multi_data(table, table.index(0, Column.TITLE), int(Qt.ItemDataRole.CheckStateRole)) is None
    assert multi_data(table, QModelIndex(), int(Qt.ItemDataRole.DisplayRole)) is None
    one = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))  # a single role, not in a span
    table.multiData(table.index(0, Column.TITLE), one)
    assert one.data() == table.index(0, Column.TITLE).data()


def test_a_repaint_calls_into_python_once_a_cell_not_once_a_role(qapp: QApplication) -> None:
    # A search repaints the whole table on each key: one call per role (seven a cell) made the model's share of
    # a repaint half as long again.
    calls = {"data": 0, "multiData": 0}

    class Counting(ActivityTableModel):
        def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            calls["data"] += 1
            return super().data(index, role)

        def multiData(self, index: Index, span: QModelRoleDataSpan | QModelRoleData) -> None:
            calls["multiData"] += 1
            super().multiData(index, span)

    model = Counting()
    model.set_records(*listed(RECORDS), CATALOGUES)
    view = QTableView()
    view.setModel(model)
    view.resize(900, 300)
    view.viewport().grab()
    assert calls == {"data": 0, "multiData": len(RECORDS) * len(Column)}


def test_the_answers_kept_for_painting_are_few_rows_and_stay_right(qapp: QApplication, db: object,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # multiData answers a repaint from the answers kept for the rows shown last: however many rows are scrolled
    # through, only so many are kept, and a row whose answers were dropped is answered right when shown again.
    # (`db`: a title's tooltip reads what was learned from the database.)
    monkeypatch.setattr(model_module, "_PAINTED_ROWS", 5)
    many = [record(i, f"Session {i}", "1", date(2025, 1, 1 + i % 28), status="planned" if i % 3 else "completed",
                   attachments=RECORDS[1].attachments if i % 4 == 0 else (),
                   **({"type": "coaching", "type_review": True} if i % 5 == 0 else {}))  # "Confirm type"
            for i in range(1, 41)]
    model = ActivityTableModel()
    model.set_records(*listed(many))
    italic = int(Qt.ItemDataRole.FontRole)
    for _ in range(2):  # the second time round, every row's answers are made again
        for row in range(model.rowCount()):
            shown = model.record(row)
            for col in Column:
                index = model.index(row, col)
                for role in ROLES:
                    assert multi_data(model, index, role) == comparable(model.data(index, role)), (row, col, role)
            font = multi_data(model, model.index(row, Column.TITLE), italic)
            assert isinstance(font, QFont) if shown.status == "planned" else font is None
            assert multi_data(model, model.index(row, Column.TITLE), int(Qt.ItemDataRole.DisplayRole)) == shown.title
        assert len(model._painted) <= 5
    # New rows loaded: none of the old answers is given for them.
    model.set_records(*listed([record(1, "Renamed", "2", date(2025, 2, 1))]))
    assert multi_data(model, model.index(0, Column.TITLE), int(Qt.ItemDataRole.DisplayRole)) == "Renamed"
    assert multi_data(model, model.index(0, Column.HOURS), int(Qt.ItemDataRole.DisplayRole)) == "2"
    assert multi_data(model, model.index(0, Column.TITLE), italic) is None


def test_the_paperclip_painted_follows_the_palette(qapp: QApplication, table: ActivityTableModel) -> None:
    # The answers are kept across repaints, the paperclip's is not: on a dark palette it is drawn in its shade.
    from wethrive_desktop.ui.theme import dark_palette

    row = titles(table).index("ICMA Annual Conference")
    clip = table.index(row, Column.ATTACHMENTS)
    decoration = int(Qt.ItemDataRole.DecorationRole)
    light = multi_data(table, clip, decoration)
    assert light == model_module.paperclip_icon().cacheKey()
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    try:
        dark = multi_data(table, clip, decoration)
        assert dark == model_module.paperclip_icon().cacheKey()
        assert dark != light
    finally:
        qapp.setPalette(before)


def test_the_view_paints_a_planned_activity_in_italics_and_the_hours_to_the_right(qapp: QApplication,
                                                                                 table: ActivityTableModel) -> None:
    # What the item delegate reads of a cell before painting it, through the one multiData call it makes.
    view = QTableView()
    view.setModel(table)
    delegate = view.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)

    def painted(row: int, col: Column) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, table.index(row, col))
        return option

    planned = titles(table).index("Ethics 101")
    completed = titles(table).index("ICMA Annual Conference")
    assert painted(planned, Column.TITLE).text == "Ethics 101"
    assert painted(planned, Column.TITLE).font.italic()
    assert not painted(completed, Column.TITLE).font.italic()
    assert painted(planned, Column.TITLE).palette.color(QPalette.ColorRole.Text) == planned_color()
    hours = painted(completed, Column.HOURS)
    assert hours.text == "10.5"
    assert hours.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert not painted(completed, Column.TITLE).displayAlignment & Qt.AlignmentFlag.AlignRight
    assert not painted(completed, Column.ATTACHMENTS).icon.isNull()  # the paperclip: it has a file
    assert painted(planned, Column.ATTACHMENTS).icon.isNull()


def test_teaching_shows_its_preparation_and_says_its_delivery(qapp: QApplication) -> None:
    model = ActivityTableModel()
    model.set_records(*listed([record(1, "Taught budgeting at the state conference", "6", date(2025, 5, 1),
                                      type="teaching", delivery_hours=Decimal("1.5"))]))
    assert model.index(0, Column.HOURS).data() == "6"  # the preparation: the hours that count
    assert model.index(0, Column.HOURS).data(Qt.ItemDataRole.ToolTipRole) == (
        "6 h of preparation (they count), 1.5 h of delivery (not counted)")


def test_hours_sort_numerically_not_as_text(table: ActivityTableModel) -> None:
    table.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    assert column(table, Column.HOURS) == ["1.25", "2", "9", "10.5"]  # as text "10.5" < "2" < "9"
    table.sort(Column.HOURS, Qt.SortOrder.DescendingOrder)
    assert column(table, Column.HOURS) == ["10.5", "9", "2", "1.25"]


def test_every_column_sorts_by_its_raw_value(table: ActivityTableModel) -> None:
    table.sort(Column.DATE, Qt.SortOrder.AscendingOrder)
    assert titles(table)[0] == "Ethics 101"
    table.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(table) == ["Budgeting for Outcomes", "Ethics 101", "ICMA Annual Conference",
                             "Équité et inclusion"]
    table.sort(Column.POINTS, Qt.SortOrder.DescendingOrder)
    assert column(table, Column.POINTS)[:2] == ["20", "10"]
    table.sort(Column.PRACTICES, Qt.SortOrder.AscendingOrder)
    assert column(table, Column.PRACTICES) == ["1", "2, 6, 14", "3", "12"]
    table.sort(Column.ATTACHMENTS, Qt.SortOrder.DescendingOrder)
    assert titles(table)[0] == "ICMA Annual Conference"


def test_sort_keeps_the_selection_on_the_same_record(model: ActivityTableModel,
                                                     table: ActivityTableModel) -> None:
    kept = QPersistentModelIndex(table.index(table.row_of(1) or 0, Column.TITLE))
    table.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    assert kept.isValid() and kept.data() == "Budgeting for Outcomes"


def test_search_matches_every_word_in_title_provider_description_and_learned(table: ActivityTableModel) -> None:
    table.set_search("icma")
    assert set(titles(table)) == {"ICMA Annual Conference", "Ethics 101"}
    table.set_search("  PRIORITY-based ")  # what I learned, any case
    assert titles(table) == ["Budgeting for Outcomes"]
    table.set_search("live budgeting")  # description and learned; all words must match
    assert titles(table) == ["Budgeting for Outcomes"]
    table.set_search("live conference")
    assert titles(table) == []
    table.set_search("équité")
    assert titles(table) == ["Équité et inclusion"]
    table.set_search("")
    assert table.rowCount() == 4 and not table.is_filtered()


def test_a_search_that_leaves_the_same_rows_shown_lays_nothing_out_again(table: ActivityTableModel) -> None:
    # Typing into a long log, the first letter is in nearly every row: nothing on screen moves, so the view is not
    # asked to lay out (and repaint) 10,000 rows again; the footer still hears of it (it says "Showing n of n").
    events: list[str] = []
    table.layoutChanged.connect(lambda: events.append("layout"))
    table.filter_changed.connect(lambda: events.append("filter"))
    table.set_search("i")  # in every row
    assert table.rowCount() == 4 and table.is_filtered()
    assert events == ["filter"]
    table.set_search("ic")  # narrows: one layout change
    assert set(titles(table)) == {"ICMA Annual Conference", "Ethics 101"}
    assert events == ["filter", "layout", "filter"]
    table.set_search("ic ")  # the same words: nothing to do
    table.set_search("ic i")  # another word, in both rows shown: the same rows
    assert events == ["filter", "layout", "filter", "filter"]
    table.set_type("conference")
    assert events[-2:] == ["layout", "filter"] and titles(table) == ["ICMA Annual Conference"]
    table.set_type(None)
    table.set_search("")  # every row again
    assert table.rowCount() == 4 and not table.is_filtered() and events[-2:] == ["layout", "filter"]


def test_type_and_practice_filters_combine_with_search(table: ActivityTableModel) -> None:
    table.set_type("conference")
    assert titles(table) == ["ICMA Annual Conference"]
    table.set_type(None)
    table.set_practice(1)
    assert titles(table) == ["Ethics 101"]
    table.set_practice(14)
    table.set_search("budget")
    assert titles(table) == []
    table.set_practice(None)
    assert titles(table) == ["Équité et inclusion", "Budgeting for Outcomes"]  # "budgets" in what was learned
    assert [r.id for r in table.shown_records()] == [4, 1]


def test_filter_survives_a_reload_and_a_sort(model: ActivityTableModel, table: ActivityTableModel) -> None:
    table.set_search("icma")
    model.set_records(*listed(RECORDS[:2]), CATALOGUES)
    assert titles(table) == ["ICMA Annual Conference"]
    table.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(table) == ["ICMA Annual Conference"]
    assert table.row_of(1) is None and table.row_of(2) == 0


def test_date_labels() -> None:
    """The table's dates are models.dates.date_range in its "iso" style."""
    assert date_range(date(2025, 3, 5), None, "iso") == "2025-03-05"
    assert date_range(date(2025, 3, 5), date(2025, 3, 7), "iso") == "2025-03-05 – 07"
    assert date_range(date(2025, 3, 30), date(2025, 4, 2), "iso") == "2025-03-30 – 04-02"
    assert date_range(date(2025, 12, 30), date(2026, 1, 2), "iso") == "2025-12-30 – 2026-01-02"


def test_invalid_index_and_parent_are_empty(model: ActivityTableModel) -> None:
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0


# --- search: fields, case, sorting, and what a keystroke costs -------------------------------------------


def test_search_looks_in_title_provider_description_learned_and_topics_in_any_case(table: ActivityTableModel) -> None:
    for text, expected in [("OUTCOMES", ["Budgeting for Outcomes"]),  # title
                           ("ville de", ["Équité et inclusion"]),  # provider
                           ("LiVe SeSsIoN", ["Budgeting for Outcomes"]),  # description
                           ("listening", ["Équité et inclusion"]),  # what I learned
                           ("ÉQUITÉ", ["Équité et inclusion"]),  # beyond ASCII
                           ("webinar", []),  # the type is a filter of its own, not searched
                           ("outcomesgfoa", []),  # a word never spans two fields (title, provider)
                           ("outcomes gfoa", ["Budgeting for Outcomes"]),
                           ("ZONING", ["ICMA Annual Conference"]),  # a topic of the member's own
                           ("ethics", ["ICMA Annual Conference", "Ethics 101"])]:  # a topic, and a title
        table.set_search(text)
        assert titles(table) == expected, text


def test_sorting_and_searching_combine(table: ActivityTableModel) -> None:
    table.set_search("icma")
    assert titles(table) == ["ICMA Annual Conference", "Ethics 101"]  # newest first
    table.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    assert titles(table) == ["Ethics 101", "ICMA Annual Conference"]
    table.set_search("ic")  # wider, after the sort
    assert titles(table) == ["Ethics 101", "ICMA Annual Conference"]
    table.set_search("")
    assert column(table, Column.HOURS) == ["1.25", "2", "9", "10.5"]
    table.set_search("icma")  # found again, in the new order
    assert titles(table) == ["Ethics 101", "ICMA Annual Conference"]
    table.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(table) == ["ICMA Annual Conference", "Ethics 101"]
    assert [table.record(row).id for row in range(table.rowCount())] == [2, 3]
    assert table.row_of(3) == 1 and table.row_of(1) is None


@pytest.mark.parametrize("masks_from", [5_000, 1], ids=["texts", "letter masks"])
def test_search_and_sort_match_a_plain_recomputation(qapp: QApplication, masks_from: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing, Backspace, sorting and filters in a random order: the rows shown are always those a plain
    filter-then-sort of every record gives (the narrowing, the cache of recent results and, for a word of one
    letter or digit, the letter masks a long log has change nothing)."""
    monkeypatch.setattr(model_module, "MASKS_FROM", masks_from)  # 300 rows: with masks and without
    rng = random.Random(12)
    words = ["budget", "ethics", "equity", "council", "water", "icma", "gfoa", "plan"]
    records = [record(i, f"{rng.choice(words)} {rng.choice(words)} {i}", str(rng.randint(1, 40) / 4),
                      date(2020 + rng.randint(0, 5), rng.randint(1, 12), rng.randint(1, 28)),
                      provider=rng.choice(["ICMA", "GFOA", "NLC"]), description=rng.choice(words),
                      learned=rng.choice(words).upper(), type=rng.choice(["webinar", "reading"]),
                      practices=(rng.randint(1, 14),))
               for i in range(1, 301)]
    model = ActivityTableModel()
    rows, haystacks = listed(records)
    model.set_records(rows, haystacks)
    assert (model._filter._masks is not None) == (masks_from == 1)
    text, kind, practice = "", None, None
    column_, order = Column.DATE, Qt.SortOrder.DescendingOrder
    for _ in range(400):
        step = rng.random()
        if step < 0.45:
            text += rng.choice("abcdeilnoprstuw 0123 é-")
        elif step < 0.75:
            text = text[:-1]
        elif step < 0.85:
            column_, order = rng.choice(list(Column)), rng.choice(list(Qt.SortOrder))
            model.sort(column_, order)
        elif step < 0.93:
            kind = rng.choice([None, "webinar", "reading"])
            model.set_type(kind)
        else:
            practice = rng.choice([None, 3, 7])
            model.set_practice(practice)
        model.set_search(text)
        key = SORT_KEYS[column_]
        ordered = sorted(zip(rows, haystacks, strict=True), key=lambda p: (key(p[0], 0), p[0].start_date, p[0].id),
                         reverse=order == Qt.SortOrder.DescendingOrder)
        expected = [r for r, text_of_r in ordered if all(w in text_of_r for w in text.casefold().split())
                    and kind in (None, r.type) and (practice is None or practice in r.practices)]
        assert model.shown_records() == expected, (text, kind, practice, column_, order)
        assert model.rowCount() == len(expected)


def test_footer_totals_are_of_the_rows_shown(table: ActivityTableModel) -> None:
    assert table.shown_totals() == ShownTotals(4, 1, 2150, 125)  # Ethics 101 is planned
    table.set_search("icma")
    assert table.shown_totals() == ShownTotals(2, 1, 1050, 125)
    table.set_type("conference")
    assert table.shown_totals() == ShownTotals(1, 0, 1050, 0)
    table.set_search("nothing like it")
    assert table.shown_totals() == ShownTotals(0, 0, 0, 0)


class CallCountingModel(ActivityTableModel):
    """Counts the calls Qt makes into the model's Python methods."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        self.calls += 1
        return super().rowCount(parent)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        self.calls += 1
        return super().columnCount(parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.calls += 1
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.calls += 1
        return super().headerData(section, orientation, role)


def _calls_per_key(qtbot: QtBot, rows: int, texts: list[str]) -> list[int]:
    """The calls into the model's Python methods for each search, until the view has repainted."""
    model = CallCountingModel()
    model.set_records(*listed([record(i, f"Activity {i} on budgets", "1", date(2025, 1, 1 + i % 28),
                                      provider="ICMA") for i in range(1, rows + 1)]))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.verticalHeader().hide()  # as on the page (its width would follow the number of digits)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    view.selectRow(3)
    QApplication.processEvents()
    calls = []
    for text in texts:
        model.calls = 0
        model.set_search(text)
        view.viewport().repaint()
        QApplication.processEvents()
        calls.append(model.calls)
    return calls


def test_a_keystroke_makes_no_call_per_row(qtbot: QtBot) -> None:
    """Qt asks for the cells it paints (a screenful), never once per row loaded or matched: the calls a key
    costs are the same with 500 rows as with 10,000."""
    texts = ["b", "bu", "budget", "budgets", "budget", "b", "", "activity 4", "activity 4 on"]
    assert _calls_per_key(qtbot, 500, texts) == _calls_per_key(qtbot, 10_000, texts)


def test_the_search_texts_given_at_load_follow_their_rows_through_sorts_and_filters(qapp: QApplication) -> None:
    """The search texts are made once, as the rows are read (models.activities.listed_text), and the table only
    reorders them with their rows: after a sort each row is still found by its own texts."""
    rows, haystacks = listed(RECORDS)
    model = ActivityTableModel()
    model.set_records(rows, haystacks)
    for text in ["i", "ic", "icm", "icma", "icm", "", "budget"]:
        model.set_search(text)
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    model.set_search("budgets")  # only in "what I learned" of the last record: sorted first now
    model.set_type("workshop")
    assert titles(model) == ["Équité et inclusion"]
    model.set_type(None)
    model.set_search("priority-based")
    assert titles(model) == ["Budgeting for Outcomes"]
    with pytest.raises(ValueError, match="4 rows but 3 search texts"):
        model.set_records(rows, haystacks[:3])


@pytest.mark.parametrize("masks_from", [5_000, 1], ids=["texts", "letter masks"])
def test_rows_prepared_for_one_sort_are_sorted_again_when_the_table_was_sorted_meanwhile(
        qapp: QApplication, masks_from: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # A worker prepares every year's rows for the table's sort when the read began; the user may click a header
    # while they are read (ui/activities/page.py). The letter masks of a long log follow their rows.
    monkeypatch.setattr(model_module, "MASKS_FROM", masks_from)
    rows, haystacks = listed(RECORDS)
    model = ActivityTableModel()
    prepared = prepare_rows(rows, haystacks, CATALOGUES, {}, model.sort_state())
    model.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    model.set_prepared(prepared)
    assert [r.hours for r in model.shown_records()] == [Decimal("1.25"), Decimal("2"), Decimal("9"), Decimal("10.5")]
    model.set_search("listening")
    assert titles(model) == ["Équité et inclusion"]  # each row kept its own search text through the new sort
    model.set_search("Q")  # one letter: found in the masks, when made
    assert titles(model) == ["Équité et inclusion"]
    assert model.index(0, Column.POINTS).data() == ""
    model.set_search("")
    assert model.index(3, Column.POINTS).data() == "20"  # the points worked out before are kept
    assert model.shown_totals() == ShownTotals(4, 1, 2150, 125)


def test_the_type_column_shows_the_shorter_word_where_its_room_is_too_small(qapp: QApplication,
                                                                          qtbot: QtBot) -> None:
    """The model picks each type's label or its shorter word for the room the view gives the column (the page sets
    it as the column resizes): the screen reader and the tooltip keep the label whole, and the view repaints."""
    mentoring = record(5, "Mentoring a new budget analyst", "2", date(2025, 4, 1), type="mentoring")
    planned = record(6, "Mentoring, next cohort", "2", date(2025, 9, 1), type="mentoring", status="planned")
    model = ActivityTableModel()
    model.set_records(*listed([mentoring, planned]))
    font = QApplication.font()
    label, short = "Mentoring given", "Mentor"
    assert column(model, Column.TYPE) == [label, label]  # no view yet: every label whole

    italic = QFont(font)
    italic.setItalic(True)
    widths = [QFontMetrics(f).horizontalAdvance(label) for f in (font, italic)]  # upright; a planned row's italics
    room = min(widths) - 1  # one pixel short of the label in either
    assert QFontMetrics(italic).horizontalAdvance(short) <= room and QFontMetrics(font).horizontalAdvance(short) <= room
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_type_room(room, font)
    first, last = changed.args[0], changed.args[1]
    assert (first.column(), last.column(), first.row(), last.row()) == (Column.TYPE, Column.TYPE, 0, 1)
    assert column(model, Column.TYPE) == [short, short]
    assert column(model, Column.TYPE, Qt.ItemDataRole.AccessibleTextRole) == [label, label]
    assert all(str(tip).startswith(label) for tip in column(model, Column.TYPE, Qt.ItemDataRole.ToolTipRole))

    model.set_type_room(max(widths), font)  # room for the label upright and in italics
    assert column(model, Column.TYPE) == [label, label]
    room = max(widths) - 1  # the wider form of the label no longer fits: its row shows the word
    model.set_type_room(room, font)
    shown = {model.record(row).id: model.index(row, Column.TYPE).data() for row in range(model.rowCount())}
    assert shown == {5: short if widths[0] > room else label, 6: short if widths[1] > room else label}
    assert short in shown.values()
    model.set_type_room(None)
    assert column(model, Column.TYPE) == [label, label]
