"""The activity dialog: keyboard-only entry, validation as typed, edit, pre-fill, challenge suggestion, attachments.
(When messages show and the 0-hour question: test_kinder_dialog.py.)"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, attachment_path, get_activity, load_activities
from wethrive_desktop.models.activity_edits import save_with_attachments
from wethrive_desktop.models.challenge import suggest_item, suggest_key
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation asked (answered No; a test that wants Yes patches prompts.confirm itself)."""
    asked: list[str] = []

    def confirm(parent: QWidget | None, title: str, text: str, ok_label: str = "OK") -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(prompts, "confirm", confirm)
    return asked


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question asked with prompts.ask (the 0-hour one), answered with its first choice ("Save")."""
    asked: list[str] = []

    def ask(parent: QWidget | None, title: str, text: str, yes_label: str, no_label: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(prompts, "ask", ask)
    return asked


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_to(qtbot: QtBot, target: QWidget, limit: int = 30) -> None:
    """Press Tab until `target` (or a widget inside it) has the focus, as a keyboard user would."""
    for _ in range(limit):
        widget = focused()
        if widget is target or target.isAncestorOf(widget):
            return
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}")


def open_new(qtbot: QtBot, window: MainWindow) -> ActivityDialog:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ActivityDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)
    return dialog


def test_add_an_activity_with_the_keyboard_only(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new(qtbot, window)
    assert dialog.objectName() == "activityDialog"
    QTest.keyClicks(focused(), "Ethics in the Age of Social Media")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "ICMA University")
    tab_to(qtbot, dialog.type_combo)
    QTest.keyClicks(focused(), "We")  # type-ahead picks "Webinar"
    assert dialog.type_combo.currentData() == "webinar"
    tab_to(qtbot, dialog.hours_spin)
    QTest.keyClicks(focused(), "1.5")
    tab_to(qtbot, dialog.practice_list)
    QTest.keyClick(focused(), Qt.Key.Key_Space)  # 1 - Personal and Professional Integrity
    QTest.keyClick(focused(), Qt.Key.Key_End)
    QTest.keyClick(focused(), Qt.Key.Key_Space)  # 14 - Communication and Information Sharing
    tab_to(qtbot, dialog.learned_edit)
    QTest.keyClicks(focused(), "Answer a post in one business day.")
    with qtbot.waitSignal(dialog.activity_saved) as saved:
        QTest.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible()
    [record] = load_activities()
    assert saved.args == [record.id] and dialog.saved_id == record.id
    assert record.data.title == "Ethics in the Age of Social Media"
    assert record.data.provider == "ICMA University"
    assert record.data.type == "webinar"
    assert record.data.hours == Decimal("1.5")
    assert record.data.practices == (1, 14)
    assert record.data.learned == "Answer a post in one business day."
    assert record.data.start_date == date.today()
    # The new row is in the table, selected, and Ctrl+Z takes it back out.
    page = window.pages["activityLogPage"]
    assert page.current_record() is not None and page.current_record().id == record.id  # type: ignore[attr-defined]
    window.undo_action.trigger()
    assert load_activities() == []


def test_enter_in_the_title_saves(qtbot: QtBot, window: MainWindow, questions: list[str]) -> None:
    dialog = open_new(qtbot, window)
    QTest.keyClicks(focused(), "Budgeting for Outcomes")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert len(questions) == 1 and "0 hours" in questions[0]  # no hours typed: asked, and Save was chosen
    assert [r.data.title for r in load_activities()] == ["Budgeting for Outcomes"]
    assert not dialog.isVisible()


def test_the_message_is_next_to_the_field_as_typed(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new(qtbot, window)
    save = dialog.findChild(QWidget, "saveButton")
    title_error = dialog.findChild(QWidget, "titleError")
    hours_error = dialog.findChild(QWidget, "hoursError")
    assert save is dialog.save_button and title_error is not None and hours_error is not None

    assert save.isEnabled() and not title_error.isVisible()  # nothing typed yet: no message
    QTest.keyClicks(dialog.title_edit, "   ")
    assert title_error.isVisible() and "required" in title_error.text()  # type: ignore[attr-defined]
    assert dialog.title_edit.accessibleDescription() == "Title is required"  # read out with the field
    QTest.keyClicks(dialog.title_edit, "Regional Summit")
    assert not title_error.isVisible() and dialog.title_edit.accessibleDescription() == ""

    dialog.hours_spin.setValue(30)  # a single day holds at most 24 h
    assert hours_error.isVisible() and "24" in hours_error.text()  # type: ignore[attr-defined]
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Enter does not save an invalid record
    assert dialog.isVisible() and load_activities() == []
    assert QApplication.focusWidget() is dialog.hours_spin  # it goes to the field to correct
    assert "correct the 1 problem marked in red" in dialog.save_problem.text()

    dialog.end_edit.setDate(dialog.start_edit.date().addDays(1))  # over two days, 30 h is possible
    assert not hours_error.isVisible() and dialog.save_problem.text() == ""


def test_end_date_follows_the_start_date_until_it_is_a_span(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new(qtbot, window)
    start = dialog.start_edit.date()
    dialog.start_edit.setDate(start.addDays(-10))
    assert dialog.end_edit.date() == start.addDays(-10)
    dialog.end_edit.setDate(start.addDays(-8))
    dialog.start_edit.setDate(start.addDays(-9))
    assert dialog.end_edit.date() == start.addDays(-8)  # a span the user made is kept
    dialog.end_edit.setDate(start.addDays(-12))
    assert "before the start date" in dialog.findChild(QWidget, "endDateError").text()  # type: ignore[union-attr]
    dialog.accept()
    assert dialog.isVisible() and load_activities() == []


def test_escape_asks_before_discarding_typed_text(qtbot: QtBot, window: MainWindow,
                                                  confirmations: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_new(qtbot, window)
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible() and confirmations == []

    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Half-typed")
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert len(confirmations) == 1 and dialog.isVisible()  # refused: stays open with the text
    assert dialog.title_edit.text() == "Half-typed"
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: True)
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and load_activities() == []


def test_edit_loads_the_record_and_saves_changes(qtbot: QtBot, window: MainWindow) -> None:
    activity_id = save_with_attachments(ActivityData(
        start_date=date(2024, 3, 5), end_date=date(2024, 3, 7), title="CCCMA Winter Conference",
        provider="CCCMA", type="conference", hours=Decimal("12.5"), practices=(1, 2),
        description="Attended", learned="Plenty", status="completed"))
    dialog = window.open_activity_dialog(activity_id=activity_id)
    assert dialog.title_edit.text() == "CCCMA Winter Conference"
    assert dialog.end_edit.date().toString("yyyy-MM-dd") == "2024-03-07"
    assert dialog.hours_spin.value() == 12.5
    assert dialog.current_data().practices == (1, 2)
    assert not dialog.is_dirty()
    dialog.hours_spin.setValue(13.25)
    dialog.accept()
    assert get_activity(activity_id).data.hours == Decimal("13.25")
    window.undo_action.trigger()
    assert get_activity(activity_id).data.hours == Decimal("12.5")
    window.redo_action.trigger()
    assert get_activity(activity_id).data.hours == Decimal("13.25")


def test_initial_data_pre_fills_a_new_activity(qtbot: QtBot, window: MainWindow) -> None:
    planned = ActivityData(start_date=date(2025, 9, 18), title="Gettysburg Leadership Institute",
                           hours=Decimal(20), type="leadership institute", provider="ICMA",
                           end_date=date(2025, 9, 21), practices=(6,), status="planned")
    dialog = ActivityDialog(window, initial=planned)
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == "Gettysburg Leadership Institute"
    assert dialog.hours_spin.value() == 20 and dialog.current_data().status == "planned"
    assert dialog.challenge_combo.currentData() == "gettysburg"  # suggested from the title
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("completed"))
    dialog.accept()
    stored = get_activity(dialog.saved_id or 0)
    assert stored.data.end_date == date(2025, 9, 21) and stored.data.challenge_key == "gettysburg"
    assert stored.data.status == "completed"


def test_dialog_without_a_main_window_saves_directly(qtbot: QtBot, db: object) -> None:
    dialog = ActivityDialog(None)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Reading: The Effective Local Government Manager")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("reading"))
    dialog.hours_spin.setValue(3)
    dialog.accept()
    assert dialog.saved_id is not None
    assert get_activity(dialog.saved_id).data.type == "reading"


def test_challenge_suggestion_follows_the_title_until_chosen(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Annual Conference")
    assert dialog.challenge_combo.currentData() is None  # type "other": not the conference item
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("conference"))
    assert dialog.challenge_combo.currentData() == "annual-conference"
    assert dialog.challenge_hint.text()
    dialog.challenge_combo.setCurrentIndex(0)
    dialog.challenge_combo.activated.emit(0)  # the user picked "None" on purpose
    dialog.title_edit.setText("Gettysburg Leadership Institute")
    assert dialog.challenge_combo.currentData() is None


def test_suggest_item_rules(db: object) -> None:
    keys = ["annual-conference", "gettysburg", "icmau-webinar", "icmau-workshop", "ethics-101", "fund-donation",
            "lg101-201", "challenge-signup"]
    assert suggest_key("Gettysburg Leadership Institute", "leadership institute", keys) == "gettysburg"
    assert suggest_key("ICMA Annual Conference", "conference", keys) == "annual-conference"
    assert suggest_key("Annual Conference", "workshop", keys) == "icmau-workshop"
    assert suggest_key("Annual conference of the state association", "other", keys) is None
    assert suggest_key("Ethics 101", "e-course", keys) == "ethics-101"
    assert suggest_key("Managing Fiscal Stress", "webinar", keys, provider="ICMA University") == "icmau-webinar"
    assert suggest_key("Local Government 201", "certificate program", keys) == "lg101-201"
    assert suggest_key("Fund donation", "other", keys) == "fund-donation"  # a key's words in the title
    assert suggest_key("Gettysburg", "leadership institute", ["eldp"]) is None  # not in that catalogue
    assert suggest_key("Budgeting basics", "workshop", keys) is None
    # Against the stored catalogues: the 2017 one applies to later years too.
    assert suggest_item("Gettysburg", "leadership institute", 2026) == "gettysburg"
    assert suggest_item("Annual Conference", "conference", 2017) == "annual-conference"
    assert suggest_item("Gettysburg", "leadership institute", 2000) is None  # no catalogue yet


def test_attachments_are_copied_and_survive_undo_and_redo(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          confirmations: list[str]) -> None:
    certificate = tmp_path / "certificate.pdf"
    certificate.write_bytes(b"%PDF-1.4 certificate of completion")
    agenda = tmp_path / "agenda.txt"
    agenda.write_text("Day 1: budgeting")
    monkeypatch.setattr(prompts, "choose_open_files", lambda *args, **kwargs: [certificate, agenda])

    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Budget workshop")
    dialog.add_file_button.click()
    assert dialog.attachment_list.count() == 2
    dialog.accept()
    activity_id = dialog.saved_id
    assert activity_id is not None
    record = get_activity(activity_id)
    assert sorted(a.original_name for a in record.attachments) == ["agenda.txt", "certificate.pdf"]
    stored = {a.original_name: attachment_path(a.stored_name) for a in record.attachments}
    certificate.unlink()  # the copy in the data folder is what counts
    assert stored["certificate.pdf"].read_bytes() == b"%PDF-1.4 certificate of completion"
    page = window.pages["activityLogPage"]
    assert page.table.model().rowCount() == 1  # type: ignore[attr-defined]

    # Remove one attachment in an edit; undo brings it back, redo removes it again.
    edit = window.open_activity_dialog(activity_id=activity_id)
    edit.attachment_list.setCurrentRow(1)
    removed_name = edit.attachment_list.currentItem().text()
    edit.remove_file_button.click()
    edit.accept()
    assert [a.original_name for a in get_activity(activity_id).attachments] != sorted(stored)
    window.undo_action.trigger()
    assert sorted(a.original_name for a in get_activity(activity_id).attachments) == sorted(stored)
    window.redo_action.trigger()
    assert removed_name not in [a.original_name for a in get_activity(activity_id).attachments]
    window.undo_action.trigger()

    # Undo the add (the activity goes, its files stay on disk); redo puts both back, with the same files.
    window.undo_action.trigger()
    assert load_activities() == []
    assert all(path.exists() for path in stored.values())
    window.redo_action.trigger()
    back = get_activity(activity_id)
    assert {a.original_name: attachment_path(a.stored_name) for a in back.attachments} == stored
    window.redo_action.trigger()
    assert removed_name not in [a.original_name for a in get_activity(activity_id).attachments]


def test_attachment_opens_with_the_system_viewer(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("notes")
    activity_id = save_with_attachments(ActivityData(start_date=date(2025, 1, 8), title="Coaching session",
                                                     hours=Decimal(1)), add=[notes])
    opened: list[Path] = []

    def open_with_system(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(prompts, "open_with_system", open_with_system)
    dialog = window.open_activity_dialog(activity_id=activity_id)
    dialog.attachment_list.setCurrentRow(0)
    dialog.open_file_button.click()
    assert len(opened) == 1 and opened[0].read_text() == "notes"
    assert opened[0] != notes  # the stored copy
