"""A kinder activity dialog (issue 15, item 5): messages wait for an edit or a save attempt, a save attempt shows them
all and goes to the first field in error, a completed activity of 0 hours is saved only after one question (not a
#WeThriveHere action without hours, not a planned activity), and undo and redo of a save say what they did.
(Deleting without a question: test_activity_page.py.)"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from test_activity_dialog import open_new  # Ctrl+N, as a user opens it

from wethrive_desktop.models.activities import ActivityData, get_activity, load_activities
from wethrive_desktop.models.activity_edits import save_with_attachments
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.main_window import MainWindow


class Questions:
    """The 0-hour question, answered with `answer` ("Save" when True, "Go back" when False), and what was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str, str]] = []
        self.answer = True

    def ask(self, parent: QWidget | None, title: str, text: str, yes_label: str, no_label: str) -> bool:
        self.asked.append((title, text, yes_label, no_label))
        return self.answer


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    answers = Questions()
    monkeypatch.setattr(prompts, "ask", answers.ask)
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: False)  # never discard by accident
    return answers


def shown_messages(dialog: ActivityDialog) -> dict[str, str]:
    """The field messages on screen, by label name (titleError, hoursError...)."""
    return {label.objectName(): label.text() for label in dialog.findChildren(QLabel)
            if label.objectName().endswith("Error") and label.isVisible()}


def test_a_fresh_dialog_shows_no_message(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new(qtbot, window)
    assert dialog.errors()  # there is something to fix (the title)...
    assert shown_messages(dialog) == {}  # ...but nothing was typed yet
    assert dialog.save_problem.text() == "" and dialog.save_button.isEnabled()
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Tab)  # passing through a field is no edit
    assert shown_messages(dialog) == {}


def test_typing_then_clearing_the_title_shows_its_message(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "B")
    assert shown_messages(dialog) == {}
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Backspace)
    assert shown_messages(dialog) == {"titleError": "Title is required"}
    QTest.keyClicks(dialog.title_edit, "Budget")  # checked as typed from then on
    assert shown_messages(dialog) == {}


def test_an_edit_elsewhere_shows_the_message_it_causes(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new(qtbot, window)
    dialog.end_edit.setDate(dialog.start_edit.date().addDays(-2))
    assert list(shown_messages(dialog)) == ["endDateError"]  # the empty title still waits


def test_save_on_an_empty_dialog_shows_every_message_and_focuses_the_first(qtbot: QtBot, window: MainWindow,
                                                                          questions: Questions) -> None:
    dialog = open_new(qtbot, window)
    dialog.hours_spin.setFocus()
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and load_activities() == [] and questions.asked == []
    assert shown_messages(dialog) == {"titleError": "Title is required"}
    assert QApplication.focusWidget() is dialog.title_edit
    assert dialog.save_problem.text() == "Not saved yet: correct the 1 problem marked in red"


def test_a_save_attempt_shows_all_messages_hidden_until_then(qtbot: QtBot, window: MainWindow) -> None:
    # Pre-filled (say, a duplicate) with two problems: neither shows until Save is pressed.
    day = date(2025, 6, 2)
    dialog = window.open_activity_dialog(initial=ActivityData(start_date=day, title="", hours=Decimal(30)))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert shown_messages(dialog) == {}
    QTest.keyClick(dialog.learned_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves
    assert set(shown_messages(dialog)) == {"titleError", "hoursError"}
    assert QApplication.focusWidget() is dialog.title_edit  # the first field in error, in form order
    assert "2 problems" in dialog.save_problem.text()
    QTest.keyClicks(dialog.title_edit, "Regional Summit")
    assert set(shown_messages(dialog)) == {"hoursError"} and "1 problem marked" in dialog.save_problem.text()
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.hours_spin and load_activities() == []
    QTest.keyClicks(dialog.hours_spin, "6")
    assert shown_messages(dialog) == {} and dialog.save_problem.text() == ""
    QTest.keyClick(dialog.hours_spin, Qt.Key.Key_Return)
    assert [(r.data.title, r.data.hours) for r in load_activities()] == [("Regional Summit", Decimal(6))]


def test_zero_hours_asks_and_save_saves(qtbot: QtBot, window: MainWindow, questions: Questions) -> None:
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Budgeting for Outcomes")
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    [(title, text, yes, no)] = questions.asked
    assert text.startswith("Save a completed activity of 0 hours?") and (yes, no) == ("Save", "Go back")
    assert not dialog.isVisible()
    [record] = load_activities()
    assert (record.data.title, record.data.hours, record.data.status) == (
        "Budgeting for Outcomes", Decimal(0), "completed")


def test_go_back_keeps_the_dialog_open_on_the_hours(qtbot: QtBot, window: MainWindow,
                                                   questions: Questions) -> None:
    questions.answer = False
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Budgeting for Outcomes")
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert len(questions.asked) == 1
    assert dialog.isVisible() and load_activities() == [] and not window.undo_stack.canUndo()
    assert QApplication.focusWidget() is dialog.hours_spin
    assert shown_messages(dialog) == {}  # nothing is wrong, only unusual
    QTest.keyClicks(dialog.hours_spin, "1.5")
    QTest.keyClick(dialog.hours_spin, Qt.Key.Key_Return)
    assert len(questions.asked) == 1 and not dialog.isVisible()
    assert [r.data.hours for r in load_activities()] == [Decimal("1.5")]


def test_asked_once_per_dialog(qtbot: QtBot, window: MainWindow, questions: Questions, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Saving fails after the answer (the file to attach went away): the next Save does not ask again.
    vanished = tmp_path / "agenda.txt"
    vanished.write_text("agenda")
    monkeypatch.setattr(prompts, "choose_open_files", lambda *args, **kwargs: [vanished])
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Coffee with the mayor")
    dialog.add_file_button.click()
    vanished.unlink()
    dialog.save_button.click()
    assert len(questions.asked) == 1 and dialog.isVisible() and load_activities() == []
    assert dialog.save_problem.text().startswith("Not saved:")
    dialog.attachment_list.setCurrentRow(0)
    dialog.remove_file_button.click()
    dialog.save_button.click()
    assert len(questions.asked) == 1 and not dialog.isVisible()
    assert [r.data.title for r in load_activities()] == ["Coffee with the mayor"]


def test_not_asked_for_a_challenge_action_without_hours(qtbot: QtBot, window: MainWindow,
                                                        questions: Questions) -> None:
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Fund donation")  # suggests the item, one that carries no hours
    assert dialog.challenge_combo.currentData() == "fund-donation"
    dialog.save_button.click()
    assert questions.asked == [] and not dialog.isVisible()

    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Renewed my membership in March")
    dialog.challenge_combo.setFocus()
    index = dialog.challenge_combo.findData("early-renewal")
    dialog.challenge_combo.setCurrentIndex(index)
    dialog.challenge_combo.activated.emit(index)  # chosen by the member
    dialog.save_button.click()
    assert questions.asked == [] and not dialog.isVisible()
    assert sorted(r.data.challenge_key or "" for r in load_activities()) == ["early-renewal", "fund-donation"]


def test_a_suggested_event_item_does_not_excuse_0_hours(qtbot: QtBot, window: MainWindow,
                                                        questions: Questions) -> None:
    questions.answer = False
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "ICMA Annual Conference")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("conference"))
    assert dialog.challenge_combo.currentData() == "annual-conference"  # suggested: the hours were forgotten
    dialog.save_button.click()
    assert len(questions.asked) == 1 and dialog.isVisible() and load_activities() == []


def test_not_asked_for_a_planned_activity(qtbot: QtBot, window: MainWindow, questions: Questions) -> None:
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Leadership ICMA, hours not known yet")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("planned"))
    dialog.save_button.click()
    assert questions.asked == [] and not dialog.isVisible()
    assert [r.data.status for r in load_activities()] == ["planned"]


def test_not_asked_again_when_editing_a_stored_activity_of_0_hours(qtbot: QtBot, window: MainWindow,
                                                                   questions: Questions) -> None:
    activity_id = save_with_attachments(ActivityData(start_date=date(2025, 2, 3), title="Book club",
                                                     hours=Decimal(0)))
    dialog = window.open_activity_dialog(activity_id=activity_id)
    dialog.title_edit.setText("Book club: Good to Great")
    dialog.save_button.click()
    assert questions.asked == [] and get_activity(activity_id).data.title == "Book club: Good to Great"


def test_undo_and_redo_of_a_save_say_what_they_did(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new(qtbot, window)
    QTest.keyClicks(dialog.title_edit, "Ethics 101")
    dialog.hours_spin.setValue(2)
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    status = window.statusBar()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load_activities() == [] and status.currentMessage() == "Undone: Add “Ethics 101”"
    QTest.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(load_activities()) == 1 and status.currentMessage() == "Redone: Add “Ethics 101”"
