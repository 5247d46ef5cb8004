"""The activity table model and its filter proxy, without any widget: roles, raw-value sorting, filtering."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

from wethrive_desktop.models.activities import ActivityData, ActivityRecord, AttachmentData
from wethrive_desktop.models.dates import date_range
from wethrive_desktop.models.rules import Catalogues
from wethrive_desktop.ui.activities.filter import ActivityFilterProxy
from wethrive_desktop.ui.activities.model import ActivityTableModel, Column
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, SORT_ROLE

if TYPE_CHECKING:
    from qt_types import ModelTester

NOW = datetime(2025, 1, 1, 12, 0)


def record(activity_id: int, title: str, hours: str, day: date, **fields: object) -> ActivityRecord:
    attachments = fields.pop("attachments", ())
    data = ActivityData(start_date=day, title=title, hours=Decimal(hours), **fields)  # type: ignore[arg-type]
    return ActivityRecord(activity_id, data, NOW, NOW, attachments)  # type: ignore[arg-type]


RECORDS = [
    record(1, "Budgeting for Outcomes", "9", date(2025, 3, 25), provider="GFOA", type="webinar", practices=(12,),
           description="Attended the live session", learned="Priority-based budgeting"),
    record(2, "ICMA Annual Conference", "10.5", date(2025, 10, 4), end_date=date(2025, 10, 7), provider="ICMA",
           type="conference", practices=(2, 6, 14), challenge_key="annual-conference",
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
    m.set_records(RECORDS, CATALOGUES, {"annual-conference": "Register and attend the ICMA Annual Conference"})
    return m


@pytest.fixture
def proxy(model: ActivityTableModel) -> ActivityFilterProxy:
    p = ActivityFilterProxy()
    p.setSourceModel(model)
    return p


def column(proxy: ActivityFilterProxy, col: Column, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    return [proxy.index(row, col).data(role) for row in range(proxy.rowCount())]


def titles(proxy: ActivityFilterProxy) -> list[str]:
    return [str(t) for t in column(proxy, Column.TITLE)]


# One tester per test: a ModelTester follows one model at a time.
def test_table_model_passes_qtmodeltester(qtmodeltester: ModelTester, model: ActivityTableModel) -> None:
    qtmodeltester.check(model, force_py=True)
    model.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    model.set_records(RECORDS[1:], CATALOGUES)
    qtmodeltester.check(model, force_py=True)


def test_filter_proxy_passes_qtmodeltester(qtmodeltester: ModelTester, proxy: ActivityFilterProxy) -> None:
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_search("icma")
    proxy.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    proxy.set_type("conference")
    qtmodeltester.check(proxy, force_py=True)


def test_newest_first_by_default_with_the_cells_the_user_sees(proxy: ActivityFilterProxy) -> None:
    assert titles(proxy) == ["ICMA Annual Conference", "Équité et inclusion", "Budgeting for Outcomes",
                             "Ethics 101"]
    first = [proxy.index(0, c).data() for c in Column]
    assert first == ["2025-10-04 – 07", "ICMA Annual Conference", "ICMA", "Conference", "10.5", "2, 6, 14", "20", ""]
    assert proxy.index(0, Column.ATTACHMENTS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert proxy.index(1, Column.ATTACHMENTS).data(Qt.ItemDataRole.DecorationRole) is None
    assert proxy.index(0, Column.PRACTICES).data(Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "2 - Community Engagement", "6 - Strategic Leadership", "14 - Communication and Information Sharing"]
    assert "badge.pdf" in proxy.index(0, Column.ATTACHMENTS).data(Qt.ItemDataRole.ToolTipRole)
    assert "20 points" in proxy.index(0, Column.POINTS).data(Qt.ItemDataRole.ToolTipRole)
    # A planned activity is set apart (italic) and says why in its tooltip.
    planned_row = titles(proxy).index("Ethics 101")
    assert proxy.index(planned_row, Column.TITLE).data(Qt.ItemDataRole.FontRole).italic()
    assert "Planned" in proxy.index(planned_row, Column.DATE).data(Qt.ItemDataRole.ToolTipRole)


def test_roles_give_raw_values_and_the_record(proxy: ActivityFilterProxy) -> None:
    assert proxy.index(0, Column.HOURS).data(SORT_ROLE) == Decimal("10.5")
    assert proxy.index(0, Column.DATE).data(SORT_ROLE) == (date(2025, 10, 4), date(2025, 10, 7))
    assert proxy.index(0, Column.PRACTICES).data(SORT_ROLE) == (2, 6, 14)
    assert proxy.index(0, Column.POINTS).data(SORT_ROLE) == 20
    assert proxy.index(0, Column.TITLE).data(RECORD_ROLE) is RECORDS[1]
    assert proxy.sortRole() == SORT_ROLE


def test_hours_sort_numerically_not_as_text(proxy: ActivityFilterProxy) -> None:
    proxy.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    assert column(proxy, Column.HOURS) == ["1.25", "2", "9", "10.5"]  # as text "10.5" < "2" < "9"
    proxy.sort(Column.HOURS, Qt.SortOrder.DescendingOrder)
    assert column(proxy, Column.HOURS) == ["10.5", "9", "2", "1.25"]


def test_every_column_sorts_by_its_raw_value(proxy: ActivityFilterProxy) -> None:
    proxy.sort(Column.DATE, Qt.SortOrder.AscendingOrder)
    assert titles(proxy)[0] == "Ethics 101"
    proxy.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(proxy) == ["Budgeting for Outcomes", "Ethics 101", "ICMA Annual Conference",
                             "Équité et inclusion"]
    proxy.sort(Column.POINTS, Qt.SortOrder.DescendingOrder)
    assert column(proxy, Column.POINTS)[:2] == ["20", "10"]
    proxy.sort(Column.PRACTICES, Qt.SortOrder.AscendingOrder)
    assert column(proxy, Column.PRACTICES) == ["1", "2, 6, 14", "3", "12"]
    proxy.sort(Column.ATTACHMENTS, Qt.SortOrder.DescendingOrder)
    assert titles(proxy)[0] == "ICMA Annual Conference"


def test_sort_keeps_the_selection_on_the_same_record(model: ActivityTableModel,
                                                     proxy: ActivityFilterProxy) -> None:
    kept = QPersistentModelIndex(proxy.index(proxy.row_of(1) or 0, Column.TITLE))
    proxy.sort(Column.HOURS, Qt.SortOrder.AscendingOrder)
    assert kept.isValid() and kept.data() == "Budgeting for Outcomes"


def test_search_matches_every_word_in_title_provider_description_and_learned(proxy: ActivityFilterProxy) -> None:
    proxy.set_search("icma")
    assert set(titles(proxy)) == {"ICMA Annual Conference", "Ethics 101"}
    proxy.set_search("  PRIORITY-based ")  # what I learned, any case
    assert titles(proxy) == ["Budgeting for Outcomes"]
    proxy.set_search("live budgeting")  # description and learned; all words must match
    assert titles(proxy) == ["Budgeting for Outcomes"]
    proxy.set_search("live conference")
    assert titles(proxy) == []
    proxy.set_search("équité")
    assert titles(proxy) == ["Équité et inclusion"]
    proxy.set_search("")
    assert proxy.rowCount() == 4 and not proxy.is_filtered()


def test_type_and_practice_filters_combine_with_search(proxy: ActivityFilterProxy) -> None:
    proxy.set_type("conference")
    assert titles(proxy) == ["ICMA Annual Conference"]
    proxy.set_type(None)
    proxy.set_practice(1)
    assert titles(proxy) == ["Ethics 101"]
    proxy.set_practice(14)
    proxy.set_search("budget")
    assert titles(proxy) == []
    proxy.set_practice(None)
    assert titles(proxy) == ["Équité et inclusion", "Budgeting for Outcomes"]  # "budgets" in what was learned
    assert [r.id for r in proxy.matching_records()] == [4, 1]


def test_filter_survives_a_reload_and_a_sort(model: ActivityTableModel, proxy: ActivityFilterProxy) -> None:
    proxy.set_search("icma")
    model.set_records(RECORDS[:2], CATALOGUES)
    assert titles(proxy) == ["ICMA Annual Conference"]
    proxy.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(proxy) == ["ICMA Annual Conference"]
    assert proxy.row_of(1) is None and proxy.row_of(2) == 0


def test_date_labels() -> None:
    """The table's dates are models.dates.date_range in its "iso" style."""
    assert date_range(date(2025, 3, 5), None, "iso") == "2025-03-05"
    assert date_range(date(2025, 3, 5), date(2025, 3, 7), "iso") == "2025-03-05 – 07"
    assert date_range(date(2025, 3, 30), date(2025, 4, 2), "iso") == "2025-03-30 – 04-02"
    assert date_range(date(2025, 12, 30), date(2026, 1, 2), "iso") == "2025-12-30 – 2026-01-02"


def test_invalid_index_and_parent_are_empty(model: ActivityTableModel) -> None:
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0
