"""The activity dialog and log as a new user met them at 800x480 and 1366x768 (issue 14's walk-through): nothing
laid over anything else (the "what ICMA asks" section once covered the last practices), every practice in view,
the topic suggestion on one line beside its button, stored values shown from their start, and the log's Type
column readable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from layout_checks import overlaps
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot
from ui_checks import clipped

from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.activities.model import Column
from wethrive_desktop.ui.activities.page import ActivityLogPage
from wethrive_desktop.ui.activities.topics import TopicsField
from wethrive_desktop.ui.main_window import MainWindow

TODAY = date(2026, 11, 30)
SIZES = [(1366, 768), (800, 480)]
Window = Callable[..., MainWindow]

PARTIAL = ActivityData(date(2026, 9, 10), "Mentoring a new budget analyst", Decimal(4), "mentoring",
                       mentoring=MentoringData("Chris Wu", "", True, "", date(2026, 9, 1), None, "", ""),
                       practices=(13,))
COACHING_GIVEN = ActivityData(
    date(2026, 4, 15), "ICMA Coaching Program sessions", Decimal(8), "coaching-given", end_date=date(2026, 9, 30),
    meets_conditions=True, practices=(3,),
    mentoring=MentoringData("Sam Ortiz", "Assistant city manager, Lakeview", None, "ICMA Coaching Program",
                            date(2026, 4, 1), date(2026, 9, 30), "Monthly, one hour",
                            "Preparing for a first manager interview"))
TEACHING = ActivityData(date(2026, 6, 1), "Teaching a budget class", Decimal(5), "teaching",
                        delivery_hours=Decimal(3), practices=(12,))
OLD_COACHING = ActivityData(date(2026, 7, 20), "Mentored two new department heads", Decimal(6), "coaching",
                            type_review=True, practices=(13,))
WEBINAR = ActivityData(date(2026, 10, 5), "Ethics in local government", Decimal(6), "webinar", provider="TML",
                       topics=("ethics",), practices=(1,))
ROWS = {"mentoring": PARTIAL, "coaching-given": COACHING_GIVEN, "teaching": TEACHING, "old coaching": OLD_COACHING}


@pytest.fixture(autouse=True)
def today(frozen_today: Callable[[date], None]) -> Iterator[date]:
    frozen_today(TODAY)
    yield TODAY


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing with typed text discards without asking."""
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: True)


def settle() -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def seeded(make_window: Window, db_path: Path, *rows: ActivityData,
           size: tuple[int, int] = (1366, 768)) -> tuple[MainWindow, list[int]]:
    open_database(db_path)
    ids = [save_activity(row) for row in rows]
    close_database()
    return make_window(size=size), ids


def sized(dialog: ActivityDialog, size: tuple[int, int]) -> ActivityDialog:
    """`dialog` as a screen of `size` shows it: the size it asks for, at most the screen's."""
    wanted = dialog.sizeHint().expandedTo(dialog.size())
    dialog.resize(min(wanted.width(), size[0]), min(wanted.height(), size[1]))
    settle()
    return dialog


def practices_out_of_view(dialog: ActivityDialog) -> list[str]:
    """The practices not wholly in the list's view (the list never scrolls: all 14 are to be seen)."""
    practices = dialog.practice_list
    view = practices.viewport().rect()
    return [practices.item(row).text() for row in range(practices.count())
            if not view.contains(practices.visualItemRect(practices.item(row)))]


def layout_problems(dialog: ActivityDialog) -> list[str]:
    return clipped(dialog) + overlaps(dialog) + practices_out_of_view(dialog)


# --- 1. nothing laid over anything else -------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", list(ROWS))
def test_a_stored_activity_opens_with_nothing_covered(qtbot: QtBot, make_window: Window, db_path: Path,
                                                     kind: str, size: tuple[int, int]) -> None:
    """At 800x480 the "Mentoring given: what ICMA asks" section covered practices 13 and 14: the list had been
    squeezed below its height while the window and the scroll area held everything (ui_checks.clipped saw
    nothing). Every section keeps its room; the form scrolls instead."""
    window, [activity_id] = seeded(make_window, db_path, ROWS[kind])
    dialog = sized(window.open_activity_dialog(activity_id=activity_id), size)
    assert layout_problems(dialog) == []
    if size == (800, 480):
        assert dialog.form_area.verticalScrollBar().isVisible()  # the form scrolls; Save stays in view
    dialog.title_edit.clear()  # a save attempt is refused and every message shows
    dialog.accept()
    settle()
    assert dialog.isVisible() and dialog.save_problem.text()
    assert layout_problems(dialog) == []
    dialog.reject()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", ["mentoring", "coaching-given", "teaching", "webinar"])
def test_a_new_activity_with_suggested_topics_has_nothing_covered(qtbot: QtBot, make_window: Window,
                                                                  db_path: Path, kind: str,
                                                                  size: tuple[int, int]) -> None:
    window, _ids = seeded(make_window, db_path)
    dialog = window.open_activity_dialog()
    dialog.title_edit.setText("Ethics and public law update for planners")
    dialog.provider_edit.setText("TCMA")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(kind))
    sized(dialog, size)
    assert dialog.topics.suggestion_row.isVisibleTo(dialog)
    assert layout_problems(dialog) == []
    dialog.reject()


# --- 5. the topic suggestion ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_topic_suggestion_is_one_line_beside_its_button(qtbot: QtBot, make_window: Window, db_path: Path,
                                                            size: tuple[int, int]) -> None:
    window, _ids = seeded(make_window, db_path)
    dialog = window.open_activity_dialog()
    dialog.title_edit.setText("Ethics and public law update for planners")
    sized(dialog, size)
    label, button = dialog.topics.suggestion, dialog.topics.add_button
    assert label.text() == "Suggested: Ethics, Law"  # the built-in topics by their names
    assert label.height() < 2 * label.fontMetrics().lineSpacing()  # one line: "Law" no longer wraps under
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    gap = button.x() - label.geometry().right()
    assert 0 < gap <= 20  # the button right after the words
    dialog.reject()


def test_a_long_suggestion_wraps_rather_than_being_cut(qtbot: QtBot) -> None:
    field = TopicsField()
    qtbot.addWidget(field)
    field.suggest("Ethics, law, equity and sustainability and resilience in local government", "other", "", "")
    label = field.suggestion
    assert label.text() == "Suggested: Equity, Ethics, Law, Sustainability and resilience"
    field.resize(300, field.heightForWidth(300))
    field.show()
    qtbot.waitExposed(field)
    settle()
    assert label.fontMetrics().horizontalAdvance(label.text()) > label.width()  # too long for one line here
    assert label.height() >= label.heightForWidth(label.width()) > 1.5 * label.fontMetrics().lineSpacing()
    assert clipped(field) == [] and overlaps(field) == []  # wrapped, whole, beside its button


# --- 6. stored values from their start ---------------------------------------------------------------------------


def test_stored_values_show_from_their_start(qtbot: QtBot, make_window: Window, db_path: Path) -> None:
    """setText leaves the cursor at the end, so a long stored value showed only its end ("...city of Lakeview")."""
    long = "Assistant city manager for budgeting, finance and performance management, City of Lakeview"
    facts = MentoringData("Alexandra Katherine Montgomery-Fitzgerald", long, True, "A program of our own, long named "
                          "for the test of it", date(2026, 1, 5), None,
                          "Twice a month, an hour each time, more often during the budget season", "Budgeting")
    row = ActivityData(date(2026, 2, 1), "Mentoring an MPA intern through the whole budget cycle of the City of "
                       "Lakeview, from the kickoff to the adoption hearings", Decimal(14), "mentoring",
                       provider="Florida City and County Management Association, Central Florida chapter",
                       topics=("ethics", "law", "equity", "sustainability and resilience", "budgeting", "zoning"),
                       mentoring=facts)
    window, [activity_id] = seeded(make_window, db_path, row, size=(800, 480))
    dialog = sized(window.open_activity_dialog(activity_id=activity_id), (800, 480))
    edits = [e for e in dialog.findChildren(QLineEdit)
             if e.isVisibleTo(dialog) and e.text() and not isinstance(e.parentWidget(), QAbstractSpinBox)]
    names = {e.objectName() or (e.parentWidget() or e).objectName() for e in edits}
    assert {"titleEdit", "providerEdit", "topicsEdit", "menteeEdit", "positionEdit", "frequencyEdit",
            "programCombo"} <= names
    longer = [e for e in edits if e.fontMetrics().horizontalAdvance(e.text()) > e.width()]
    assert {e.objectName() for e in longer} >= {"titleEdit", "positionEdit", "frequencyEdit"}  # too long to fit
    assert dialog.title_edit.selectedText() == dialog.title_edit.text()  # all selected: typing replaces it
    for edit in edits:
        assert edit.cursorPosition() == 0, edit.objectName()
        assert edit.cursorRect().left() < 10, edit.objectName()  # the start of the text at the left edge
    dialog.reject()


# --- 4. the log's Type column ------------------------------------------------------------------------------------


def shown_types(page: ActivityLogPage) -> dict[int, str]:
    """The Type cell of each row as the table paints it (the model gives the label or the shorter word, as the
    column's room allows), by activity id; each must fit its column whole."""
    table = page.table
    shown = {}
    for row in range(page.model.rowCount()):
        index = page.model.index(row, Column.TYPE)
        delegate = table.itemDelegateForIndex(index)
        assert isinstance(delegate, QStyledItemDelegate)
        option = QStyleOptionViewItem()
        option.initFrom(table)
        option.rect = table.visualRect(index)
        option.widget = table
        delegate.initStyleOption(option, index)
        text = option.text
        fits = option.fontMetrics.horizontalAdvance(text) + 8 <= option.rect.width()
        assert fits, (text, option.rect.width())
        shown[page.model.record(row).id] = text
    return shown


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_log_shows_each_type_whole(qtbot: QtBot, make_window: Window, db_path: Path,
                                       size: tuple[int, int]) -> None:
    """At 800 px the Type column showed "Co…" and "Me…"."""
    received = ActivityData(date(2026, 5, 2), "Coached by our HR director", Decimal(2), "coaching")
    window, ids = seeded(make_window, db_path, PARTIAL, COACHING_GIVEN, TEACHING, OLD_COACHING, WEBINAR, received,
                         size=size)
    window.show_page("activityLogPage")
    settle()
    assert (window.width(), window.height()) == size
    page = window.page(ActivityLogPage)
    assert isinstance(page, ActivityLogPage)
    shown = shown_types(page)
    if size == (1366, 768):
        assert [shown[i] for i in ids] == ["Mentoring given", "Coaching given", "Teaching", "Confirm type",
                                           "Webinar", "Coaching received"]
    else:  # the labels would leave the title too little: the shortest words, whole
        assert [shown[i] for i in ids] == ["Mentor", "Coach", "Teaching", "Confirm", "Webinar", "Mentee"]
    given = page.model.index(page.model.row_of(ids[1]) or 0, Column.TYPE)
    assert str(given.data(Qt.ItemDataRole.ToolTipRole)).startswith("Coaching given (ICMA program): ")
    table = page.table
    assert table.columnWidth(Column.TITLE) >= table.viewport().width() * 0.28  # the title keeps its share
    assert page.table.isColumnHidden(Column.POINTS)  # no #WeThriveHere points: their room goes to the others
    assert clipped(window) == []


def test_the_type_column_follows_its_width_and_the_tables_font(qtbot: QtBot, make_window: Window,
                                                              db_path: Path) -> None:
    """Dragged narrower, the Type column shows the shorter words; wider again, the labels. With a larger font (a
    text size chosen), each type still fits whole: the words are chosen again for it."""
    window, ids = seeded(make_window, db_path, PARTIAL, COACHING_GIVEN, OLD_COACHING)
    window.show_page("activityLogPage")
    settle()
    page = window.page(ActivityLogPage)
    assert isinstance(page, ActivityLogPage)
    labels = ["Mentoring given", "Coaching given", "Confirm type"]
    assert [shown_types(page)[i] for i in ids] == labels
    header = page.table.horizontalHeader()
    wide = header.sectionSize(Column.TYPE)
    metrics = page.table.fontMetrics()
    header.resizeSection(Column.TYPE, max(metrics.horizontalAdvance(word) for word in ("Mentor", "Coach", "Confirm"))
                         + 12)
    settle()
    assert [shown_types(page)[i] for i in ids] == ["Mentor", "Coach", "Confirm"]
    header.resizeSection(Column.TYPE, wide)
    settle()
    assert [shown_types(page)[i] for i in ids] == labels

    header.resizeSection(Column.TYPE, max(metrics.horizontalAdvance(label) for label in labels) + 12)  # just room
    settle()
    assert [shown_types(page)[i] for i in ids] == labels
    font = page.table.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    page.table.setFont(font)
    settle()
    shown_types(page)  # each fits its cell whole (asserted there), the label or the word


def test_the_log_shows_labels_whole_at_800_when_they_leave_the_title_its_share(
        qtbot: QtBot, make_window: Window, db_path: Path) -> None:
    window, ids = seeded(make_window, db_path, PARTIAL, COACHING_GIVEN, TEACHING, OLD_COACHING, WEBINAR,
                         size=(800, 480))
    window.show_page("activityLogPage")
    settle()
    page = window.page(ActivityLogPage)
    assert isinstance(page, ActivityLogPage)
    shown = shown_types(page)
    assert [shown[i] for i in ids] == ["Mentoring given", "Coaching given", "Teaching", "Confirm type", "Webinar"]
    assert page.table.columnWidth(Column.TITLE) >= page.table.viewport().width() * 0.28
