"""The Legacy Leaders page driven with pytest-qt: status by year with what is missing, and the coaching,
recruitment and menu editors (each write undoable)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.legacy import load_actions, load_coaching, save_action, save_coaching
from wethrive_desktop.models.legacy_rule import (
    MENU_KINDS,
    RECRUITMENT_KINDS,
    ActionData,
    CoachingData,
    CoachingYearData,
)
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.legacy.dialogs import ActionDialog, CoachingDialog
from wethrive_desktop.ui.legacy.page import LegacyPage
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.widgets import form_dialog
from wethrive_desktop.ui.widgets.form_dialog import to_qdate

if TYPE_CHECKING:
    from qt_types import ModelTester

TODAY = date(2026, 3, 15)


@pytest.fixture
def window(make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None]) -> MainWindow:
    frozen_today(TODAY)
    win = make_window()
    save_profile(ProfileData(credential_status="credentialed", credentialed_date=date(2019, 5, 1)), today=TODAY)
    return win


def button(page: LegacyPage, name: str) -> QPushButton:
    found = page.findChild(QPushButton, name)
    assert found is not None
    return found


def page_of(window: MainWindow) -> LegacyPage:
    page = window.show_page("legacyPage")
    assert isinstance(page, LegacyPage)
    page.refresh()
    return page


def fill_dialog(monkeypatch: pytest.MonkeyPatch, fill: Callable[[Any], None]) -> list[Any]:
    seen: list[Any] = []

    def run(dialog: Any) -> bool:
        seen.append(dialog)
        fill(dialog)
        dialog.accept()
        return bool(dialog.result())

    monkeypatch.setattr(form_dialog, "run_dialog", run)
    return seen


def test_no_records_says_how_to_start(window: MainWindow) -> None:
    page = page_of(window)
    assert "no Legacy Leaders records yet" in page.banner.text()
    assert page.years_model.rowCount() == 0
    assert "No years yet" in page.detail.toPlainText()


def test_status_by_year_with_what_is_missing(window: MainWindow, qtmodeltester: ModelTester) -> None:
    save_coaching(CoachingData("Maya Okafor", "eldp", date(2025, 1, 10), end_date=date(2025, 12, 1)))
    save_action(ActionData(date(2025, 4, 1), "member-recruited", "Daniel Reyes"))
    page = page_of(window)
    assert [(y.year, y.status) for y in page.years_model.records] == [(2026, "not yet"), (2025, "earned")]
    assert page.years_view.model().index(1, 1).data() == "Earned"
    assert "2026: " in page.banner.text() and "Not yet" in page.banner.text()
    assert "continue coaching for another year" in page.banner.text()
    page.years_view.selectRow(1)
    text = page.detail.toPlainText()
    assert "2025: Earned" in text and "coached Maya Okafor (ELDP, year 1)" in text
    assert "ICMA member recruited: Daniel Reyes" in text
    qtmodeltester.check(page.years_model)


def test_add_coaching_with_yearly_notes_then_undo(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)

    def fill(dialog: CoachingDialog) -> None:
        dialog.person_edit.setText("Luis Romero")
        dialog.program_combo.setCurrentIndex(dialog.program_combo.findData("state"))
        dialog.program_name_edit.setText("CAL-ICMA")
        dialog.start_edit.setDate(to_qdate(date(2025, 2, 1)))
        assert dialog.years_table.rowCount() == 2  # 2025 and 2026 (still coaching)
        dialog.set_year(2025, "monthly calls", "CAL-ICMA Spring Conference")

    fill_dialog(monkeypatch, fill)
    page.add_coaching_button.click()
    (record,) = load_coaching()
    assert (record.data.person, record.data.program, record.data.program_name) == ("Luis Romero", "state",
                                                                                   "CAL-ICMA")
    assert record.data.years == (CoachingYearData(2025, "monthly calls", "CAL-ICMA Spring Conference"),)
    assert page.coaching_model.records[0].data.program_label == "CAL-ICMA"
    window.undo_stack.undo()
    assert load_coaching() == []
    window.undo_stack.redo()
    assert load_coaching() == [record]


def test_coaching_dialog_keeps_notes_typed_for_a_year_when_the_dates_move(window: MainWindow,
                                                                           qtbot: QtBot) -> None:
    dialog = CoachingDialog(page_of(window), None)
    qtbot.addWidget(dialog)
    dialog.start_edit.setDate(to_qdate(date(2024, 3, 1)))
    dialog.set_year(2024, "first year", "")
    dialog.start_edit.setDate(to_qdate(date(2025, 3, 1)))  # 2024 drops out ...
    assert dialog.years_table.rowCount() == 2
    dialog.start_edit.setDate(to_qdate(date(2024, 3, 1)))  # ... and comes back with its notes
    notes = dialog.years_table.item(0, 2)
    assert notes is not None and notes.text() == "first year"


def test_bad_coaching_keeps_the_dialog_open_and_writes_nothing(window: MainWindow,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)

    def fill(dialog: CoachingDialog) -> None:
        dialog.start_edit.setDate(to_qdate(date(2025, 6, 1)))
        dialog.ongoing_box.setChecked(False)
        dialog.end_edit.setDate(to_qdate(date(2025, 1, 1)))

    seen = fill_dialog(monkeypatch, fill)
    page.add_coaching_button.click()
    assert seen[0].result() == 0
    errors = seen[0].error_label.text()
    # each field by its name in the dialog, the date as the user's locale writes it
    assert "Person: is required" in errors and "End date: January 1, 2025 is before the start date" in errors
    assert load_coaching() == []
    assert window.undo_stack.count() == 0


def test_edit_coaching_marks_the_final_project_approved(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    save_coaching(CoachingData("Maya Okafor", "eldp", date(2025, 1, 10)))
    page = page_of(window)
    page.coaching_view.selectRow(0)

    def fill(dialog: CoachingDialog) -> None:
        dialog.approved_box.setChecked(True)
        dialog.approved_edit.setDate(to_qdate(date(2026, 3, 1)))

    fill_dialog(monkeypatch, fill)
    page.edit_coaching_button.click()
    assert load_coaching()[0].data.final_project_approved == date(2026, 3, 1)
    window.undo_stack.undo()
    assert load_coaching()[0].data.final_project_approved is None


def test_recruitment_and_menu_activity_move_the_status(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    save_coaching(CoachingData("Maya Okafor", "eldp", date(2024, 1, 10), end_date=date(2025, 12, 1)))
    save_action(ActionData(date(2024, 4, 1), "member-recruited", "Daniel Reyes"))
    page = page_of(window)
    assert [y.status for y in page.years_model.records] == ["not yet", "not yet", "earned"]

    def sponsor(dialog: ActionDialog) -> None:
        assert dialog.kind_combo.count() == len(RECRUITMENT_KINDS)
        dialog.date_edit.setDate(to_qdate(date(2025, 3, 3)))
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("participant-sponsored"))
        assert dialog.program_combo.isEnabled()
        dialog.program_combo.setCurrentIndex(dialog.program_combo.findData("mcmi"))
        dialog.person_edit.setText("Priya Shah")

    fill_dialog(monkeypatch, sponsor)
    page.tabs.setCurrentIndex(1)
    button(page, "add-recruit").click()
    assert [(a.data.kind, a.data.program) for a in load_actions(2025)] == [("participant-sponsored", "mcmi")]
    assert [y.status for y in page.years_model.records] == ["not yet", "maintained", "earned"]
    assert page.recruit_view.model().index(0, 3).data() == "MCMI"

    def intern(dialog: ActionDialog) -> None:
        assert dialog.kind_combo.count() == len(MENU_KINDS)
        assert not dialog.program_combo.isEnabled()
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("intern-position"))
        dialog.notes_edit.setText("Summer intern")

    fill_dialog(monkeypatch, intern)
    button(page, "add-menu").click()
    assert [y.status for y in page.years_model.records] == ["maintained", "maintained", "earned"]
    assert "goal met" in page.banner.text()

    page.menu_view.selectRow(0)
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    button(page, "delete-menu").click()
    assert [a.data.kind for a in load_actions(2026)] == []
    window.undo_stack.undo()
    assert [a.data.kind for a in load_actions(2026)] == ["intern-position"]
