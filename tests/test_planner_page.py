"""The planner page driven with pytest-qt: starting a plan, needs, goals, items, Log it, progress, carry-over,
and the calendar import in a worker."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.assessments import AssessmentData, PracticeRating, save_assessment
from wethrive_desktop.models.plans import GoalData, get_item, get_plan, new_item, save_goal, save_item
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.planner import log_it
from wethrive_desktop.ui.planner.dialogs import GoalDialog, PlanItemDialog
from wethrive_desktop.ui.planner.page import PlannerPage

DATA = Path(__file__).parent / "data"
YEAR = date.today().year
D = Decimal


def page_of(window: MainWindow) -> PlannerPage:
    page = window.show_page("plannerPage")
    assert isinstance(page, PlannerPage)
    return page


def row_of(page: PlannerPage, title: str) -> int:
    return next(r for r, i in enumerate(page.items_model.records) if i.title == title)


def test_page_is_registered_after_the_assessment_page(window: MainWindow) -> None:
    names = list(window.pages)
    assert names.index("plannerPage") == names.index("assessmentPage") + 1
    action = window.findChild(type(window.undo_stack.createUndoAction(window)), "importCalendarAction")
    assert action is not None and action in window.file_menu.actions()


def test_start_plan_prefills_needs_and_needs_toggle(window: MainWindow, qtbot: QtBot) -> None:
    save_assessment(AssessmentData(date(YEAR, 1, 2), "self", (PracticeRating(3, 1), PracticeRating(8, 2),
                                                              PracticeRating(10, 4))), today=date(YEAR, 1, 2))
    page = page_of(window)
    page.show_year(YEAR)
    assert page.start_button.isVisibleTo(page) and not page.body.isEnabled()
    QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert get_plan(YEAR).needs == (3, 8, 10)  # type: ignore[union-attr]
    assert page.need_boxes[3].isChecked() and not page.start_button.isVisibleTo(page)
    page.need_boxes[14].setChecked(True)
    page.need_boxes[10].setChecked(False)
    assert get_plan(YEAR).needs == (3, 8, 14)  # type: ignore[union-attr]


def test_goals_through_the_dialog_one_long_term(window: MainWindow) -> None:
    page = page_of(window)
    page.show_year(YEAR)
    dialog = page.add_goal()
    assert isinstance(dialog, GoalDialog) and dialog.isVisible()
    assert dialog.term.currentData() == "long"  # the first goal defaults to the long-term one
    dialog.text.setPlainText("Lead a larger city within five years")
    dialog.practices.set_practices([6, 12])
    dialog.accept()
    assert not dialog.isVisible()
    second = page.add_goal()
    assert isinstance(second, GoalDialog)
    second.text.setPlainText("Another long goal")
    second.term.setCurrentIndex(second.term.findData("long"))
    second.accept()
    assert second.isVisible() and "already has a long-term goal" in second.error.text()
    second.term.setCurrentIndex(second.term.findData("short"))
    second.accept()
    plan = get_plan(YEAR)
    assert plan is not None and plan.long_term_goal is not None
    assert plan.long_term_goal.practices == (6, 12) and len(plan.short_term_goals) == 1
    assert page.goal_list.count() == 2
    assert page.goal_list.item(0).text().startswith("Long-term (3-5 years): Lead a larger city")


def test_add_item_validates_then_saves(window: MainWindow) -> None:
    goal = save_goal(YEAR, GoalData(None, "Budget", "short", (12,)))
    window.data_changed.emit()
    page = page_of(window)
    dialog = page.add_item()
    assert isinstance(dialog, PlanItemDialog)
    dialog.title.setText("GFOA Budget Academy")
    dialog.type.setCurrentIndex(dialog.type.findData("workshop"))
    dialog.start.enabled.setChecked(True)
    dialog.start.edit.setDate(QDate(YEAR, 10, 20))
    dialog.end.enabled.setChecked(True)
    dialog.end.edit.setDate(QDate(YEAR, 10, 22))
    dialog.hours.setText("lots")
    dialog.accept()
    assert dialog.isVisible() and "Estimated hours: 'lots' is not a number of hours" in dialog.error.text()
    dialog.hours.setText("80")
    dialog.accept()
    assert "Estimated hours: 80 h is more than 72 h" in dialog.error.text()
    dialog.hours.setText("12,5")
    dialog.goal.setCurrentIndex(dialog.goal.findData(goal))
    dialog.practices.set_practices([12, 7])
    dialog.accept()
    assert not dialog.isVisible()
    (item,) = get_plan(YEAR).items  # type: ignore[union-attr]
    assert (item.title, item.type, item.start_date, item.end_date, item.estimated_hours, item.goal_id,
            item.practices) == ("GFOA Budget Academy", "workshop", date(YEAR, 10, 20), date(YEAR, 10, 22), D("12.5"),
                                goal, (7, 12))
    assert page.items_model.rowCount() == 1
    # the span in the locale's figures (en_US here), as every table of dates shows them
    assert page.items_model.data(page.items_model.index(0, 0)) == f"10/20/{YEAR} – 10/22/{YEAR}"


class FakeActivityDialog(QDialog):
    activity_saved = Signal(int)

    def __init__(self, parent: QWidget, initial: ActivityData):
        super().__init__(parent)
        self.initial = initial


def test_log_it_links_the_saved_activity_and_completes_the_item(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    item_id = save_item(YEAR, new_item("Budgeting for Outcomes", provider="GFOA", type="webinar",
                                       start_date=date(YEAR, 3, 25), estimated_hours=D("1.5"), practices=(12,)))
    window.data_changed.emit()
    page = page_of(window)
    made: list[FakeActivityDialog] = []

    def make_activity_dialog(parent: QWidget, initial: ActivityData) -> FakeActivityDialog:
        made.append(FakeActivityDialog(parent, initial))
        return made[-1]

    monkeypatch.setattr(log_it, "make_activity_dialog", make_activity_dialog)
    page.items_view.selectRow(row_of(page, "Budgeting for Outcomes"))
    assert page.log_button.isEnabled()
    page.log_button.click()
    (dialog,) = made
    assert (dialog.initial.title, dialog.initial.provider, dialog.initial.hours, dialog.initial.practices) == (
        "Budgeting for Outcomes", "GFOA", D("1.5"), (12,))
    activity_id = save_activity(dialog.initial)
    dialog.activity_saved.emit(activity_id)
    dialog.accept()
    item = get_item(item_id)
    assert (item.status, item.activity_id) == ("done", activity_id)
    assert page.items_model.data(page.items_model.index(row_of(page, "Budgeting for Outcomes"), 5)) == "Done (logged)"
    assert not page.log_button.isEnabled()  # cannot be logged twice


def test_log_it_with_the_real_activity_dialog(window: MainWindow) -> None:
    item_id = save_item(YEAR, new_item("Ethics in the Age of Social Media", type="webinar",
                                       start_date=date(YEAR, 1, 5), estimated_hours=D(1), practices=(1, 14)))
    window.data_changed.emit()
    page = page_of(window)
    page.items_view.selectRow(0)
    dialog = page.log_selected()
    assert dialog is not None and dialog.isVisible()
    assert dialog.title_edit.text() == "Ethics in the Age of Social Media"  # type: ignore[attr-defined]
    dialog.accept()
    (activity,) = load_activities()
    assert (activity.data.title, activity.data.hours, activity.data.status) == (
        "Ethics in the Age of Social Media", D(1), "completed")
    assert get_item(item_id).activity_id == activity.id and get_item(item_id).status == "done"


def test_log_it_completes_the_planned_activity_already_in_the_log(window: MainWindow) -> None:
    planned_id = save_activity(ActivityData(date(YEAR, 3, 25), "Budgeting for Outcomes", D("1.5"), "webinar",
                                            status="planned", practices=(12,)))
    item_id = save_item(YEAR, new_item("Budgeting for Outcomes", type="webinar", start_date=date(YEAR, 3, 25),
                                       estimated_hours=D("1.5"), practices=(12,)))
    window.data_changed.emit()
    page = page_of(window)
    page.items_view.selectRow(row_of(page, "Budgeting for Outcomes"))
    dialog = page.log_selected()
    assert dialog is not None
    assert dialog.activity_id == planned_id  # type: ignore[attr-defined]
    assert dialog.status_combo.currentData() == "completed"  # type: ignore[attr-defined]
    dialog.accept()
    (activity,) = load_activities()
    assert (activity.id, activity.data.status) == (planned_id, "completed")
    assert get_item(item_id).activity_id == planned_id and get_item(item_id).status == "done"


def test_progress_figures_and_flags_are_shown(window: MainWindow) -> None:
    goal = save_goal(YEAR, GoalData(None, "Budget engagement", "short", (2, 12)))
    save_item(YEAR, new_item("Workshop", start_date=date(YEAR, 1, 3), estimated_hours=D(6), goal_id=goal,
                             practices=(2, 12)))
    save_activity(ActivityData(date(YEAR, 1, 3), "Budget webinar", D(2), "webinar", practices=(12,)))
    window.data_changed.emit()
    page = page_of(window)
    text = page.total_label.text()
    assert "Planned <b>6 h</b> of the 40-hour commitment; logged 2 h this year." in text
    assert "Plan 34 h more." in text and "1 practice without logged hours" in text
    rows = {p.practice: p for p in page.practice_model.records}
    assert rows[2].flagged and not rows[12].flagged
    flag_cell = page.practice_model.index(list(rows).index(2), 3)
    assert page.practice_model.data(flag_cell) == "No hours logged yet"
    assert page.goal_model.data(page.goal_model.index(0, 2)) == "6"
    assert page.planned_bar.value() == 15


def test_carry_over_after_confirming(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    save_item(YEAR, new_item("Unfinished course", type="e-course", start_date=date(YEAR, 12, 1),
                             estimated_hours=D(4)))
    window.data_changed.emit()
    page = page_of(window)
    page.show_year(YEAR)
    assert page.carry_button.isEnabled()
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    page.carry_button.click()
    assert [i.title for i in get_plan(YEAR + 1).items] == ["Unfinished course"]  # type: ignore[union-attr]
    assert page.items_model.data(page.items_model.index(0, 5)) == f"Carried to {YEAR + 1}"
    assert not page.carry_button.isEnabled()
    assert f"carried over to {YEAR + 1}" in page.message.text()


def test_delete_item_and_undo(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    item_id = save_item(YEAR, new_item("Reading", type="reading", estimated_hours=D(2), practices=(5,)))
    window.data_changed.emit()
    page = page_of(window)
    page.items_view.selectRow(0)
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    page.delete_item_button.click()
    assert page.items_model.rowCount() == 0
    window.undo_stack.undo()
    assert get_item(item_id).practices == (5,) and page.items_model.rowCount() == 1


def test_calendar_import_runs_in_a_worker(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    worker = page.import_calendar(DATA / "registrations.ics")
    assert worker is not None and not page.import_button.isEnabled()
    # Not waitSignal: the job may finish before it could connect. The page's own handlers were connected first.
    qtbot.waitUntil(lambda: page.import_worker is None, timeout=10000)
    assert page.import_button.isEnabled()
    plan = get_plan(2026)
    assert plan is not None and len(plan.items) == 3
    assert "Added 4 planned items (2026: 3, 2027: 1)." in page.message.text()
    page.show_year(2026)
    assert "ICMA Annual Conference 2026" in [i.title for i in page.items_model.records]
    assert page.import_calendar(DATA / "registrations.ics") is not None
    qtbot.waitUntil(lambda: page.import_worker is None, timeout=10000)
    assert "4 already imported" in page.message.text()
    assert len(get_plan(2026).items) == 3  # type: ignore[union-attr]


def test_broken_calendar_shows_an_error_and_imports_nothing(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    bad = tmp_path / "broken.ics"
    bad.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:half\n")
    page = page_of(window)
    assert page.import_calendar(bad) is not None
    qtbot.waitUntil(lambda: page.import_worker is None, timeout=10000)
    assert errors == ["broken.ics is cut short or damaged: its calendar has no END:VCALENDAR\n\nNothing was imported."]
    assert get_plan(2026) is None


def test_import_asks_for_a_file_and_cancel_does_nothing(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompts, "choose_open_file", lambda *a, **k: None)
    page = page_of(window)
    assert page.import_calendar() is None and page.import_worker is None


def test_models_pass_the_model_tester(window: MainWindow, qtmodeltester: object) -> None:
    goal = save_goal(YEAR, GoalData(None, "Goal", "short", (1,)))
    save_item(YEAR, new_item("Item", goal_id=goal, practices=(1,), estimated_hours=D(3)))
    window.data_changed.emit()
    page = page_of(window)
    for model in (page.items_model, page.goal_model, page.practice_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
