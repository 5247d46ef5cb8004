"""The self-assessment page driven with pytest-qt: entering, history, needs, comparison, chart, delete and undo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.assessments import (
    AssessmentData,
    PracticeRating,
    get_assessment,
    load_assessments,
    save_assessment,
)
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.assessment.page import AssessmentPage
from wethrive_desktop.ui.main_window import MainWindow


def page_of(window: MainWindow) -> AssessmentPage:
    page = window.show_page("assessmentPage")
    assert isinstance(page, AssessmentPage)
    return page


def add(day: date, ratings: dict[int, int], kind: str = "self") -> int:
    return save_assessment(AssessmentData(day, kind, tuple(PracticeRating(n, r) for n, r in ratings.items())))


def test_page_is_registered_after_activities(window: MainWindow) -> None:
    names = list(window.pages)
    assert names.index("assessmentPage") == names.index("activityLogPage") + 1
    assert page_of(window).objectName() == "assessmentPage"


def test_enter_an_assessment_in_the_form(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert page.stack.currentWidget() is editor
    editor.date_edit.setDate(QDate(2026, 1, 15))
    editor.kind.setCurrentIndex(editor.kind.findData("management"))
    editor.rows[12].rating.setCurrentIndex(editor.rows[12].rating.findData(2))
    editor.rows[12].score.setText("61,5")
    editor.rows[12].notes.setText("Debt management")
    editor.rows[1].rating.setCurrentIndex(editor.rows[1].rating.findData(5))
    editor.rows[3].rating.setCurrentIndex(editor.rows[3].rating.findData(3))
    assert editor.rows[1].rating.currentText() == "5 \u2013 A strength"
    QTest.mouseClick(editor.suggest_button, Qt.MouseButton.LeftButton)
    assert [n for n, r in editor.rows.items() if r.need.isChecked()] == [3, 12]  # never the strength
    with qtbot.waitSignal(window.data_changed):
        QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.overview
    (saved,) = load_assessments()
    assert (saved.date, saved.kind, saved.needs) == (date(2026, 1, 15), "management", (3, 12))
    assert saved.rating_of(12) == PracticeRating(12, 2, Decimal("61.50"), "Debt management", True)
    assert page.history_model.rowCount() == 1
    assert "12. Financial Management and Budgeting" in page.needs_label.text()


def test_bad_score_names_the_field_and_saves_nothing(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    page.edit(None)
    page.editor.rows[4].rating.setCurrentIndex(3)
    page.editor.rows[4].score.setText("lots")
    QTest.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert "practice 4 score: 'lots' is not a number" in page.editor.error.text()
    assert page.stack.currentWidget() is page.editor
    assert load_assessments() == []


def test_empty_form_is_refused(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    page.edit(None)
    QTest.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert "rate at least one practice" in page.editor.error.text()


def test_edit_keeps_id_and_form_shows_stored_values(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id = add(date(2025, 6, 1), {2: 4, 9: 1})
    window.data_changed.emit()
    page = page_of(window)
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert page.editor.rows[9].rating.currentData() == 1
    assert page.editor.rows[2].rating.currentData() == 4
    page.editor.rows[9].rating.setCurrentIndex(page.editor.rows[9].rating.findData(3))
    assert page.save_editor() == assessment_id
    assert get_assessment(assessment_id).rating_of(9).rating == 3


def test_compare_latest_two_and_any_two_selected(window: MainWindow, qtmodeltester: object) -> None:
    old = add(date(2023, 2, 20), {1: 3, 12: 1}, "management")
    mid = add(date(2025, 1, 10), {1: 4, 12: 2})
    new = add(date(2026, 1, 10), {1: 4, 12: 4})
    window.data_changed.emit()
    page = page_of(window)
    # Default: the latest against the previous.
    rows = {r.practice: r for r in page.compare_model.records}
    assert rows[12].change == 2 and page.compare_model.headerData(1, Qt.Orientation.Horizontal) == "1/10/2025"
    assert page.compare_model.data(page.compare_model.index(11, 3)) == "+2"
    # Pick the oldest and the newest.
    page.select_ids([old, new])
    assert {a.id for a in page.selected()} == {old, new}
    rows = {r.practice: r for r in page.compare_model.records}
    assert (rows[12].before, rows[12].after, rows[12].change) == (1, 4, 3)
    assert (rows[1].change, rows[5].change) == (1, None)
    assert "2 practices up, 0 down" in page.compare_label.text()
    assert mid in [a.id for a in page.assessments]
    qtmodeltester.check(page.compare_model)  # type: ignore[attr-defined]
    qtmodeltester.check(page.history_model)  # type: ignore[attr-defined]


def test_chart_shows_latest_against_previous(window: MainWindow) -> None:
    page = page_of(window)
    assert page.chart.series_sets == {}
    add(date(2025, 1, 10), {1: 2, 14: 5})
    add(date(2026, 1, 10), {1: 4})
    window.data_changed.emit()
    sets = page.chart.series_sets
    assert list(sets) == ["1/10/2025 Self-assessment", "1/10/2026 Self-assessment"]  # the locale's dates (en_US)
    assert sets["1/10/2026 Self-assessment"][0] == 4.0  # practice 1
    assert sets["1/10/2025 Self-assessment"][13] == 5.0  # practice 14
    series = page.chart.chart().series()[0]
    assert isinstance(series, QAbstractBarSeries)
    assert series.count() == 2


def test_mark_suggested_needs(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id = add(date(2026, 1, 10), {1: 1, 2: 2, 3: 2, 4: 4, 5: 1})
    window.data_changed.emit()
    page = page_of(window)
    assert page.mark_suggested_button.isEnabled()
    QTest.mouseClick(page.mark_suggested_button, Qt.MouseButton.LeftButton)
    assert get_assessment(assessment_id).needs == (1, 2, 5)
    assert not page.mark_suggested_button.isEnabled()  # already marked


def test_delete_asks_and_undo_restores(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    assessment_id = save_assessment(AssessmentData(date(2026, 1, 10), "multirater",
                                                   (PracticeRating(4, 2, None, "peers", True),), "360"))
    before = get_assessment(assessment_id)
    window.data_changed.emit()
    page = page_of(window)
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: False)
    QTest.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert len(load_assessments()) == 1
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    QTest.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert load_assessments() == [] and page.history_model.rowCount() == 0
    window.undo_stack.undo()
    assert get_assessment(assessment_id) == before
    assert page.history_model.rowCount() == 1
    window.undo_stack.redo()
    assert load_assessments() == []


def test_form_fits_1366x768_without_sideways_scrolling(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    page.edit(None)
    qtbot.waitExposed(window)
    last = page.editor.rows[14].need
    assert last.isVisible()
    # All 14 rows are in view: nothing to scroll, down or sideways, and the last column is inside the page.
    assert page.editor.rows_area.verticalScrollBar().maximum() == 0
    content = page.editor.rows_area.widget()
    assert content is not None
    assert content.width() <= page.editor.rows_area.viewport().width()
    right_edge = last.mapTo(page, last.rect().bottomRight())
    assert right_edge.x() <= page.width() and right_edge.y() <= page.height()
