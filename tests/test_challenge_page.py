"""The #WeThriveHere page driven with pytest-qt: total and entries, 0-hour entries, sign-up, points by month, the
catalogue editor and copying a catalogue to a new year, each write undoable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.challenge import (
    add_item,
    catalogue_years,
    copy_catalogue,
    load_items,
    record_zero_hour_entry,
)
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.challenge.dialogs import CopyDialog, EntryDialog, ItemDialog
from wethrive_desktop.ui.challenge.page import ChallengePage
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.widgets import form_dialog
from wethrive_desktop.ui.widgets.form_dialog import to_qdate

if TYPE_CHECKING:
    from qt_types import ModelTester

TODAY = date(2026, 3, 15)


@pytest.fixture
def window(make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None]) -> MainWindow:
    frozen_today(TODAY)
    return make_window()


def page_of(window: MainWindow) -> ChallengePage:
    page = window.show_page("challengePage")
    assert isinstance(page, ChallengePage)
    return page


def fill_dialog(monkeypatch: pytest.MonkeyPatch, fill: Callable[[Any], None]) -> list[Any]:
    """Patch run_dialog: fill the dialog, press OK, and keep it for inspection."""
    seen: list[Any] = []

    def run(dialog: Any) -> bool:
        seen.append(dialog)
        fill(dialog)
        dialog.accept()
        return bool(dialog.result())

    monkeypatch.setattr(form_dialog, "run_dialog", run)
    return seen


def test_total_and_entries_of_the_year(window: MainWindow, qtmodeltester: ModelTester) -> None:
    save_activity(ActivityData(date(2026, 2, 10), "Budget webinar", Decimal("1.5"), "webinar",
                               challenge_key="icmau-webinar"))
    save_activity(ActivityData(date(2025, 2, 10), "Last year's webinar", Decimal("1"), "webinar",
                               challenge_key="icmau-webinar"))
    record_zero_hour_entry(date(2026, 3, 1), "fund-donation", "Donation to The Fund")
    page = page_of(window)
    window.data_changed.emit()
    assert page.total_label.text() == "15"
    assert [(ln.activity.data.title if ln.activity else None, ln.points) for ln in page.lines_model.records] == [
        ("Budget webinar", 10), ("Donation to The Fund", 5)]
    model = page.lines_view.model()
    assert model.index(1, 3).data() == "no hours"
    assert page.month_chart.values()[1:3] == [10.0, 5.0]
    qtmodeltester.check(page.lines_model)
    page.year_spin.setValue(2025)
    assert page.total_label.text() == "10"


def test_signup_toggle_adds_points_and_undoes(window: MainWindow) -> None:
    page = page_of(window)
    page.signup_box.setChecked(True)
    assert get_profile().challenge_signup is True
    assert page.total_label.text() == "3"
    assert page.lines_model.records[-1].activity is None
    window.undo_stack.undo()
    assert get_profile().challenge_signup is False
    assert not page.signup_box.isChecked() and page.total_label.text() == "0"


def test_record_an_entry_without_hours(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)

    def fill(dialog: EntryDialog) -> None:
        dialog.date_edit.setDate(to_qdate(date(2026, 1, 20)))
        dialog.set_key("early-renewal")
        dialog.note_edit.setText("Renewed in December")

    seen = fill_dialog(monkeypatch, fill)
    page.record_button.click()
    assert seen and seen[0].item_combo.itemData(0) == "fund-donation"  # the no-hour items come first
    assert seen[0].item_combo.findData("challenge-signup") == -1
    (record,) = load_activities()
    assert (record.data.title, record.hours, record.data.type, record.challenge_key) == (
        "Renew ICMA membership before the renewal deadline", Decimal("0.00"), "other", "early-renewal")
    assert record.data.description == "Renewed in December"
    assert page.total_label.text() == "3"
    window.undo_stack.undo()
    assert load_activities() == [] and page.total_label.text() == "0"
    window.undo_stack.redo()
    assert [r.id for r in load_activities()] == [record.id]


def test_entry_dialog_without_a_catalogue_keeps_the_dialog_open(window: MainWindow,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)

    def fill(dialog: EntryDialog) -> None:
        dialog.date_edit.setDate(to_qdate(date(2010, 5, 1)))
        assert dialog.item_combo.count() == 0  # no catalogue covers 2010

    seen = fill_dialog(monkeypatch, fill)
    page.record_button.click()
    (dialog,) = seen
    assert dialog.result() == 0
    assert "there is no challenge catalogue for 2010" in dialog.error_label.text()
    assert load_activities() == []


def test_delete_a_zero_hour_entry_and_undo(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    record_zero_hour_entry(date(2026, 3, 1), "ebook-purchase", "E-book")
    page = page_of(window)
    window.data_changed.emit()
    page.lines_view.selectRow(0)
    assert page.delete_entry_button.isEnabled()
    asked: list[object] = []

    def confirm(*args: object, **kwargs: object) -> bool:
        asked.append(args)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    page.delete_entry_button.click()
    assert asked == []  # deleted at once, as in the activity log: undo brings it back
    assert load_activities() == []
    window.undo_stack.undo()
    assert [r.data.title for r in load_activities()] == ["E-book"]


def test_entries_with_hours_are_edited_in_the_activity_dialog_not_deleted_here(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    save_activity(ActivityData(date(2026, 2, 10), "Budget webinar", Decimal("1.5"), "webinar",
                               challenge_key="icmau-webinar"))
    page = page_of(window)
    window.data_changed.emit()
    page.lines_view.selectRow(0)
    assert not page.delete_entry_button.isEnabled()
    opened: list[Any] = []
    monkeypatch.setattr(form_dialog, "open_activity_dialog", lambda parent, record: opened.append(record))
    page.edit_entry_button.click()
    assert [r.data.title for r in opened] == ["Budget webinar"]


def test_add_and_edit_catalogue_items(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                      qtmodeltester: ModelTester) -> None:
    page = page_of(window)
    page.tabs.setCurrentIndex(1)
    assert page.catalogue_year == 2017 and page.items_model.rowCount() == 19
    qtmodeltester.check(page.items_model)

    def add(dialog: ItemDialog) -> None:
        dialog.key_edit.setText("state-conference")
        dialog.name_edit.setText("State association conference")
        dialog.points_spin.setValue(8)

    fill_dialog(monkeypatch, add)
    page.add_item_button.click()
    assert ("state-conference", 8) in {(i.key, i.points) for i in load_items(2017)}

    proxy = page.items_view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 2).data() == "state-conference")
    page.items_view.selectRow(row)
    fill_dialog(monkeypatch, lambda d: d.points_spin.setValue(12))
    page.edit_item_button.click()
    assert ("state-conference", 12) in {(i.key, i.points) for i in load_items(2017)}
    window.undo_stack.undo()
    assert ("state-conference", 8) in {(i.key, i.points) for i in load_items(2017)}
    window.undo_stack.undo()
    assert "state-conference" not in {i.key for i in load_items(2017)}


def test_bad_item_keeps_the_dialog_open_with_the_message(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    dialog = ItemDialog(page, 2017, None)
    qtbot.addWidget(dialog)
    dialog.submit = lambda: add_item(dialog.item())
    dialog.key_edit.setText("annual-conference")
    dialog.name_edit.setText("Again")
    dialog.accept()
    assert dialog.result() == 0
    assert "Key: 'annual-conference' is already in the 2017 catalogue" in dialog.error_label.text()  # the field's label


def test_copy_catalogue_to_a_new_year_and_undo(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    page.tabs.setCurrentIndex(1)
    seen = fill_dialog(monkeypatch, lambda d: None)
    page.copy_button.click()
    assert isinstance(seen[0], CopyDialog) and seen[0].year_spin.value() == 2026
    assert catalogue_years() == [2017, 2026]
    assert page.catalogue_year == 2026
    assert "applies to entries from 2026 on" in page.catalogue_note.text()
    page.catalogue_combo.setCurrentIndex(0)
    assert "applies to entries from 2017 to 2025" in page.catalogue_note.text()
    window.undo_stack.undo()
    assert catalogue_years() == [2017]
    window.undo_stack.redo()
    assert catalogue_years() == [2017, 2026] and len(load_items(2026)) == 19


def test_copy_to_a_year_that_has_a_catalogue_is_refused_in_the_dialog(window: MainWindow,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    copy_catalogue(2017, 2026)
    page = page_of(window)
    window.data_changed.emit()
    page.tabs.setCurrentIndex(1)
    page.catalogue_combo.setCurrentIndex(0)
    seen = fill_dialog(monkeypatch, lambda d: d.year_spin.setValue(2026))
    page.copy_button.click()
    assert seen[0].result() == 0
    assert "2026 already has a catalogue" in seen[0].error_label.text()


def test_removing_an_item_in_use_is_refused(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    record_zero_hour_entry(date(2026, 3, 1), "fund-donation")
    page = page_of(window)
    window.data_changed.emit()
    page.tabs.setCurrentIndex(1)
    proxy = page.items_view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 2).data() == "fund-donation")
    page.items_view.selectRow(row)
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    page.remove_item_button.click()
    assert errors and "earns the points of 1 entry" in errors[0]
    assert "fund-donation" in {i.key for i in load_items(2017)}
