"""ICMA's counting in the activity dialog and the log (issue 14, items 2-4): mentoring and coaching given with the
facts ICMA asks and what is still missing, teaching's preparation and delivery hours, topic tags with suggestions
the member accepts, the banner asking to confirm an old "coaching" activity's type, and the log's footer saying
the hours logged and the hours that count."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from layout_checks import overlaps
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from test_dark_palette import DARK, label_problems, make_palette
from ui_checks import clipped, mnemonic_problems, untranslated

from wethrive_desktop.models.activities import ActivityData, get_activity, load_activities, save_activity
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.activities.model import Column
from wethrive_desktop.ui.activities.page import OLD_WIDTHS_KEY, WIDTHS_KEY, ActivityLogPage
from wethrive_desktop.ui.activities.topics import parse_shown
from wethrive_desktop.ui.i18n import PSEUDO_OPEN
from wethrive_desktop.ui.main_window import MainWindow

TODAY = date(2026, 9, 15)
Window = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing with typed text discards without asking; the 0-hour question is answered "Save"."""
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: True)
    monkeypatch.setattr(prompts, "ask", lambda *args, **kwargs: True)


@pytest.fixture(autouse=True)
def today(frozen_today: Callable[[date], None]) -> Iterator[date]:
    """Every test's today (set before any window is made: the pages read it as they are built)."""
    frozen_today(TODAY)
    yield TODAY


def settle() -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def seeded(make_window: Window, db_path: Path, *rows: ActivityData) -> tuple[MainWindow, list[int]]:
    open_database(db_path)
    ids = [save_activity(row) for row in rows]
    close_database()
    return make_window(), ids


def new_dialog(window: MainWindow, **fields: object) -> ActivityDialog:
    dialog = window.open_activity_dialog()
    dialog.title_edit.setText(str(fields.pop("title", "Mentoring a management intern")))
    dialog.hours_spin.setValue(float(fields.pop("hours", 12)))  # type: ignore[arg-type]
    kind = fields.pop("type", None)
    if kind is not None:
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(kind))
    settle()
    return dialog


def shown_errors(dialog: QWidget) -> dict[str, str]:
    return {label.objectName(): label.text() for label in dialog.findChildren(QLabel)
            if label.objectName().endswith("Error") and label.isVisibleTo(dialog)}


# --- the types -----------------------------------------------------------------------------------------------------


def test_the_type_list_names_received_and_given_apart_and_says_what_each_covers(qtbot: QtBot,
                                                                              window: MainWindow) -> None:
    dialog = window.open_activity_dialog()
    combo = dialog.type_combo
    names = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert names["coaching"] == "Coaching received"
    assert names["mentoring"] == "Mentoring given"
    assert names["coaching-given"] == "Coaching given (ICMA program)"
    tip = combo.itemData(combo.findData("mentoring"), Qt.ItemDataRole.ToolTipRole)
    assert "six months" in tip and "20 h" in tip
    combo.setCurrentIndex(combo.findData("coaching"))
    assert combo.toolTip() == "coaching or mentoring received"  # the chosen type says what it covers
    assert not dialog.given.isVisibleTo(dialog)  # received: nothing more to document
    dialog.reject()


# --- mentoring given -----------------------------------------------------------------------------------------------


def test_mentoring_shows_what_icma_asks_and_what_is_still_missing(qtbot: QtBot, today: date,
                                                                 window: MainWindow) -> None:
    dialog = new_dialog(window)
    section = dialog.given
    assert not section.isVisibleTo(dialog)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("mentoring"))
    assert section.isVisibleTo(dialog) and section.title() == "Mentoring given: what ICMA asks"
    assert "up to 20 h a year" in section.note.text()
    assert section.mentee_edit.isVisibleTo(dialog)
    missing = section.missing_label

    def count() -> int:
        assert missing.isVisibleTo(dialog)
        return len(missing.text().split("; "))

    assert missing.text().startswith("Not yet documented: the mentee's name; ")
    before = count()
    assert before == 6  # name, position, own employee, start, how often, subjects
    QTest.keyClicks(section.mentee_edit, "Jordan Lee")
    assert count() == before - 1 and "mentee's name" not in missing.text()
    QTest.keyClicks(section.position_edit, "MPA student, management intern")
    assert count() == before - 2
    section.own_combo.setCurrentIndex(section.own_combo.findData(True))  # own employee: then a program is asked
    assert "formal program" in missing.text()
    section.program_combo.setCurrentIndex(section.program_combo.findText("College internship"))
    assert "formal program" not in missing.text() and count() == before - 3
    section.start.check.click()  # the start: the activity's date, less than six months before today
    section.start.edit.setDate(section.start.edit.date().addMonths(-2))
    assert "at least six months" in missing.text()
    section.start.edit.setDate(section.start.edit.date().addMonths(-6))
    assert "six months" not in missing.text() and "when the relationship started" not in missing.text()
    QTest.keyClicks(section.frequency_edit, "An hour every two weeks")
    QTest.keyClicks(section.subjects_edit, "Budget hearings, council relations")
    assert not missing.isVisibleTo(dialog)
    assert section.complete_label.isVisibleTo(dialog)
    assert section.complete_label.text() == "Everything ICMA asks for is documented."
    dialog.reject()


def test_saving_a_mentoring_stores_its_facts_and_whether_it_meets_the_conditions(qtbot: QtBot, window: MainWindow,
                                                                                today: date) -> None:
    dialog = new_dialog(window, type="mentoring", hours=20)
    dialog.start_edit.setDate(dialog.start_edit.date().addMonths(-1))  # 2026-08-15
    section = dialog.given
    section.mentee_edit.setText("Jordan Lee")
    section.position_edit.setText("Management intern")
    section.own_combo.setCurrentIndex(section.own_combo.findData(False))
    assert not section.program_combo.isEnabled()  # not the member's own employee: no program needed
    section.start.check.click()
    section.start.edit.setDate(section.start.edit.date().addMonths(-7))
    section.end.check.click()
    assert section.end.value() == date(2026, 8, 15)  # checked: from the activity's date
    section.frequency_edit.setText("Monthly")
    section.subjects_edit.setPlainText("Budgeting and council relations")
    section.conditions_combo.setCurrentIndex(section.conditions_combo.findData(True))
    with qtbot.waitSignal(dialog.activity_saved):
        dialog.accept()

    stored = get_activity(dialog.saved_id or 0).data
    assert stored.type == "mentoring" and stored.hours == Decimal(20)
    assert stored.meets_conditions is True
    assert stored.mentoring == MentoringData(mentee="Jordan Lee", position="Management intern", own_employee=False,
                                             program="", relationship_start=date(2026, 1, 15),
                                             relationship_end=date(2026, 8, 15), frequency="Monthly",
                                             subjects="Budgeting and council relations")

    # Edited again: every fact is back in its field; "No - does not count" is saved as such.
    again = window.open_activity_dialog(activity_id=dialog.saved_id)
    again_section = again.given
    assert again_section.isVisibleTo(again) and again_section.mentee_edit.text() == "Jordan Lee"
    assert again_section.start.value() == date(2026, 1, 15) and again_section.end.value() == date(2026, 8, 15)
    assert not again.is_dirty()
    again_section.conditions_combo.setCurrentIndex(again_section.conditions_combo.findData(False))
    assert again_section.conditions_combo.currentText() == "No - does not count"
    again.accept()
    assert get_activity(dialog.saved_id or 0).data.meets_conditions is False


def test_a_program_from_the_list_is_stored_in_english_and_one_typed_as_typed(qtbot: QtBot, window: MainWindow,
                                                                           today: date) -> None:
    dialog = new_dialog(window, type="mentoring")
    section = dialog.given
    section.own_combo.setCurrentIndex(section.own_combo.findData(True))
    section.program_combo.setCurrentIndex(section.program_combo.findText("ICMA Coaching Program"))
    dialog.accept()
    assert get_activity(dialog.saved_id or 0).data.mentoring == MentoringData(own_employee=True,
                                                                             program="ICMA Coaching Program")
    typed = new_dialog(window, type="mentoring", title="Mentoring through the county's fellowship")
    typed.given.own_combo.setCurrentIndex(typed.given.own_combo.findData(True))
    typed.given.program_combo.setEditText("County management fellowship")
    typed.accept()
    saved = get_activity(typed.saved_id or 0).data.mentoring
    assert saved is not None and saved.program == "County management fellowship"


def test_coaching_given_asks_for_the_position_and_the_nature_of_the_coaching(qtbot: QtBot, window: MainWindow,
                                                                            today: date) -> None:
    dialog = new_dialog(window, type="coaching-given", title="ICMA Coaching Program sessions")
    section = dialog.given
    assert section.isVisibleTo(dialog)
    assert not section.mentee_edit.isVisibleTo(dialog)  # the report names the position only
    assert not section.own_combo.isVisibleTo(dialog) and not section.program_combo.isVisibleTo(dialog)
    assert section.subjects_label.text() == "&Nature of the coaching"
    assert section.missing_label.text() == ("Not yet documented: the position of the person coached; when the "
                                            "relationship started; the nature of the coaching.")
    section.position_edit.setText("Assistant city manager")
    section.subjects_edit.setPlainText("Preparing for a first city manager post")
    section.start.check.click()
    assert section.complete_label.isVisibleTo(dialog)
    dialog.accept()
    stored = get_activity(dialog.saved_id or 0).data
    assert stored.type == "coaching-given" and stored.meets_conditions is None  # not said yet
    assert stored.mentoring is not None and stored.mentoring.position == "Assistant city manager"


def test_the_facts_of_a_mentoring_are_not_kept_when_the_type_changes(qtbot: QtBot, window: MainWindow,
                                                                    today: date) -> None:
    dialog = new_dialog(window, type="mentoring")
    dialog.given.mentee_edit.setText("Jordan Lee")
    dialog.given.conditions_combo.setCurrentIndex(dialog.given.conditions_combo.findData(True))
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("workshop"))
    assert not dialog.given.isVisibleTo(dialog)
    dialog.accept()
    stored = get_activity(dialog.saved_id or 0).data
    assert stored.type == "workshop" and stored.mentoring is None and stored.meets_conditions is None


def test_a_relationship_ending_before_it_began_is_said_at_the_dates(qtbot: QtBot, window: MainWindow,
                                                                   today: date) -> None:
    dialog = new_dialog(window, type="mentoring")
    section = dialog.given
    section.start.check.click()
    section.end.check.click()
    section.end.edit.setDate(section.start.edit.date().addDays(-3))
    settle()
    assert shown_errors(dialog) == {"mentoringError": "The relationship ends (September 12, 2026) before it starts "
                                                      "(September 15, 2026)"}
    dialog.accept()
    assert dialog.isVisible() and load_activities() == []
    assert QApplication.focusWidget() is section.start.check  # the first field in error


# --- teaching ------------------------------------------------------------------------------------------------------


def test_teaching_records_preparation_and_delivery_hours(qtbot: QtBot, window: MainWindow) -> None:
    dialog = new_dialog(window, title="Taught a budgeting workshop", hours=6)
    assert dialog.hours_label.text() == "&Hours" and not dialog.delivery_spin.isVisibleTo(dialog)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("teaching"))
    assert dialog.hours_label.text() == "Preparation &hours"
    assert dialog.delivery_spin.isVisibleTo(dialog) and dialog.delivery_note.isVisibleTo(dialog)
    assert "not counted" in dialog.delivery_note.text()
    dialog.delivery_spin.setValue(1.5)
    dialog.accept()
    stored = get_activity(dialog.saved_id or 0).data
    assert (stored.type, stored.hours, stored.delivery_hours) == ("teaching", Decimal(6), Decimal("1.5"))

    # Edited into a workshop: the delivery hours are hidden and saved as 0.
    again = window.open_activity_dialog(activity_id=dialog.saved_id)
    assert again.delivery_spin.value() == 1.5
    again.type_combo.setCurrentIndex(again.type_combo.findData("workshop"))
    assert not again.delivery_spin.isVisibleTo(again) and again.hours_label.text() == "&Hours"
    again.accept()
    assert get_activity(dialog.saved_id or 0).data.delivery_hours == 0


# --- topics --------------------------------------------------------------------------------------------------------


def test_suggested_topics_are_added_only_with_a_click(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_activity_dialog()
    topics = dialog.topics
    assert not topics.suggestion_row.isVisibleTo(dialog)
    QTest.keyClicks(dialog.title_edit, "Ethics in local government")
    assert topics.suggestion_row.isVisibleTo(dialog)
    assert topics.suggestion.text() == "Suggested: Ethics"
    assert topics.add_button.text() == "Add"
    assert dialog.topics_edit.text() == ""  # never added silently
    QTest.mouseClick(topics.add_button, Qt.MouseButton.LeftButton)
    assert dialog.topics_edit.text() == "Ethics"
    assert not topics.suggestion_row.isVisibleTo(dialog)  # nothing left to suggest
    dialog.topics_edit.setText(dialog.topics_edit.text() + ", zoning")
    dialog.hours_spin.setValue(1)
    dialog.accept()
    assert get_activity(dialog.saved_id or 0).data.topics == ("ethics", "zoning")


def test_topics_read_either_separator_and_built_in_names(qtbot: QtBot) -> None:
    assert parse_shown("Ethics; LAW , my  own topic;;") == ("ethics", "law", "my own topic")
    assert parse_shown("Sustainability and Resilience") == ("sustainability and resilience",)


def test_the_topics_complete_the_one_being_typed(qtbot: QtBot, make_window: Window, db_path: Path) -> None:
    window, _ids = seeded(make_window, db_path, ActivityData(start_date=date(2026, 2, 2), title="Zoning board",
                                                             hours=Decimal(2), topics=("land use",)))
    dialog = window.open_activity_dialog()
    completer = dialog.topics.completer
    words = [completer.model().index(row, 0).data() for row in range(completer.model().rowCount())]
    assert words == ["Ethics", "Law", "Equity", "Sustainability and resilience", "land use"]
    dialog.topics_edit.setText("Ethics; la")
    completer.setCompletionPrefix(completer.splitPath(dialog.topics_edit.text())[0])
    found = [completer.pathFromIndex(completer.completionModel().index(row, 0))
             for row in range(completer.completionCount())]
    assert found == ["Ethics; Law", "Ethics; land use"]  # the topics before the one typed stay
    completer.activated.emit("Ethics; land use")  # chosen from the list
    assert dialog.topics.topics() == ("ethics", "land use")
    dialog.reject()


def test_a_topic_problem_is_said_at_the_topics(qtbot: QtBot, window: MainWindow) -> None:
    dialog = new_dialog(window, title="Budget workshop")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)
    dialog.topics_edit.setText("a" * 41)
    settle()
    assert list(shown_errors(dialog)) == ["topicsError"]
    assert "longer than 40 characters" in shown_errors(dialog)["topicsError"]
    dialog.accept()
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.topics_edit


# --- an old "coaching" activity to confirm ---------------------------------------------------------------------


FLAGGED = ActivityData(start_date=date(2026, 4, 1), title="Mentored an MPA intern", hours=Decimal(10),
                       type="coaching", type_review=True)


def type_cell(window: MainWindow, activity_id: int) -> tuple[str, str]:
    """The log's Type cell of `activity_id`: its text and its tooltip."""
    page = window.page(ActivityLogPage)
    assert isinstance(page, ActivityLogPage)
    row = page.model.row_of(activity_id)
    assert row is not None
    cell = page.model.index(row, Column.TYPE)
    return str(cell.data()), str(cell.data(Qt.ItemDataRole.ToolTipRole))


def test_an_old_coaching_activity_keeps_its_question_until_the_member_answers(
        qtbot: QtBot, make_window: Window, db_path: Path) -> None:
    window, [activity_id] = seeded(make_window, db_path, FLAGGED)
    text, tip = type_cell(window, activity_id)
    assert text == "Confirm type"  # the log marks it, so the member can find it
    assert tip.startswith("Coaching received, to confirm:") and "Open it" in tip

    dialog = window.open_activity_dialog(activity_id=activity_id)
    banner = dialog.review_banner
    assert banner.isVisibleTo(dialog)
    assert "confirm this activity's type" in banner.text() and "Which was it?" in banner.text()
    assert "one type then" not in banner.text()
    assert "saving keeps this question" in banner.text()
    answers = {kind: button.text().replace("&", "") for kind, button in dialog.review_buttons.items()
               if button.isVisibleTo(dialog)}
    assert answers == {"coaching": "Coaching I received", "mentoring": "Mentoring I gave",
                       "coaching-given": "Coaching I gave (ICMA program)"}
    assert not dialog.is_dirty()  # nothing typed: Cancel closes without asking
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)  # the first field, as always

    # Saved without an answer (another field edited): the question stays, and the status bar says so.
    dialog.title_edit.setText("Mentored an MPA intern (spring)")
    dialog.accept()
    assert not dialog.isVisible()
    stored = get_activity(activity_id).data
    assert (stored.title, stored.type, stored.type_review) == ("Mentored an MPA intern (spring)", "coaching", True)
    assert "Its type is still to confirm" in window.statusBar().currentMessage()
    assert type_cell(window, activity_id)[0] == "Confirm type"

    # The answer: mentoring given. Its section opens, the buttons go, the banner says what was chosen.
    dialog = window.open_activity_dialog(activity_id=activity_id)
    assert dialog.review_banner.isVisibleTo(dialog)
    dialog.review_buttons["mentoring"].click()
    assert dialog.type_combo.currentData() == "mentoring" and dialog.given.isVisibleTo(dialog)
    assert not any(button.isVisibleTo(dialog) for button in dialog.review_buttons.values())
    assert dialog.review_banner.text() == "Type confirmed: Mentoring given. Saving keeps it."
    assert dialog.is_dirty()  # an answer is a change: Cancel would ask
    dialog.accept()
    stored = get_activity(activity_id).data
    assert stored.type == "mentoring" and not stored.type_review
    assert type_cell(window, activity_id)[0] == "Mentoring given"


def test_coaching_received_is_confirmed_only_by_choosing_it(qtbot: QtBot, make_window: Window,
                                                             db_path: Path) -> None:
    window, [by_button, by_list, unanswered] = seeded(make_window, db_path, FLAGGED, FLAGGED, FLAGGED)

    dialog = window.open_activity_dialog(activity_id=by_button)
    dialog.review_buttons["coaching"].click()  # the type it has: no change in the list, still an answer
    assert dialog.review_banner.text() == "Type confirmed: Coaching received. Saving keeps it."
    dialog.accept()
    assert get_activity(by_button).data.type == "coaching" and not get_activity(by_button).data.type_review

    # Chosen in the Type list (away and back, with the keyboard): an answer too.
    dialog = window.open_activity_dialog(activity_id=by_list)
    dialog.type_combo.setFocus()
    QTest.keyClick(dialog.type_combo, Qt.Key.Key_Down)
    QTest.keyClick(dialog.type_combo, Qt.Key.Key_Up)
    assert dialog.type_combo.currentData() == "coaching"
    assert not dialog.type_review_pending() and "Type confirmed" in dialog.review_banner.text()
    dialog.accept()
    assert not get_activity(by_list).data.type_review

    dialog = window.open_activity_dialog(activity_id=unanswered)
    dialog.accept()  # saved unchanged: no answer, the question stays
    assert get_activity(unanswered).data.type_review

    for confirmed in (by_button, by_list):
        assert type_cell(window, confirmed)[0] == "Coaching received"
        plain = window.open_activity_dialog(activity_id=confirmed)
        assert not plain.review_banner.isVisibleTo(plain)
        plain.reject()


@pytest.mark.parametrize("size", [(1366, 768), (800, 480)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_type_question_fits_and_its_answers_have_access_keys(qtbot: QtBot, make_window: Window,
                                                                 db_path: Path, size: tuple[int, int]) -> None:
    window, [activity_id] = seeded(make_window, db_path, FLAGGED)
    dialog = window.open_activity_dialog(activity_id=activity_id)
    wanted = dialog.sizeHint().expandedTo(dialog.size())
    dialog.resize(min(wanted.width(), size[0]), min(wanted.height(), size[1]))
    settle()
    assert dialog.review_row.isVisibleTo(dialog)
    assert clipped(dialog) == [] and overlaps(dialog) == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)
    assert mnemonic_problems(dialog) == []  # Alt+N, Alt+M, Alt+G answer; each key once
    qtbot.waitUntil(lambda: not any(b.isDown() for b in dialog.review_buttons.values()))
    assert dialog.type_review_pending()  # the check pressed no answer
    dialog.reject()


def test_the_type_question_is_translated(pseudo_translation: None, qtbot: QtBot, make_window: Window,
                                         db_path: Path) -> None:
    window, [activity_id] = seeded(make_window, db_path, FLAGGED)
    dialog = window.open_activity_dialog(activity_id=activity_id)
    assert untranslated(dialog) == []
    dialog.review_buttons["coaching-given"].click()
    assert untranslated(dialog) == []
    dialog.reject()
    page = window.page(ActivityLogPage)
    assert isinstance(page, ActivityLogPage)
    row = page.model.row_of(activity_id)
    assert row is not None
    assert PSEUDO_OPEN in str(page.model.index(row, Column.TYPE).data())  # "Confirm type", translated


# --- the log's footer ----------------------------------------------------------------------------------------


def test_the_log_says_hours_logged_and_the_hours_that_count(qtbot: QtBot, make_window: Window, db_path: Path,
                                                           today: date) -> None:
    window, _ids = seeded(
        make_window, db_path,
        ActivityData(start_date=date(2026, 1, 5), end_date=date(2026, 6, 30), title="Mentoring a management intern",
                     hours=Decimal(26), type="mentoring"),
        ActivityData(start_date=date(2026, 4, 1), end_date=date(2026, 4, 30), title="Budgeting workshops",
                     hours=Decimal(30), type="workshop"))
    page = window.page(ActivityLogPage)
    window.show_page("activityLogPage")
    settle()
    progress = page.progress
    # The hours logged are said once, beside the bar; the bar says the hours that count.
    assert page.shown_label.text() == "2 activities · 56 h logged"
    assert progress.text() == "50 h count toward ICMA's 40: commitment met"
    assert progress.value() == progress.maximum()
    assert "56 h logged, 50 h count." in progress.toolTip()
    assert "Mentoring given: 26 h logged, 20 h count (at most 20 h a year)" in progress.toolTip()
    assert clipped(page) == []

    # Logged and counted the same: the wording of before.
    for record in load_activities():
        if record.data.type == "mentoring":
            save_activity(ActivityData(start_date=record.start_date, title=record.title, hours=Decimal(4),
                                       type="mentoring"), record.id)
    window.data_changed.emit()
    settle()
    assert progress.text() == "34 of 40 h"
    assert "Why not every hour" not in progress.toolTip()


def test_a_mentoring_marked_as_not_meeting_the_conditions_is_logged_not_counted(
        qtbot: QtBot, make_window: Window, db_path: Path, today: date) -> None:
    window, _ids = seeded(
        make_window, db_path,
        ActivityData(start_date=date(2026, 3, 1), title="Mentoring my own analyst", hours=Decimal(8),
                     type="mentoring", meets_conditions=False),
        ActivityData(start_date=date(2026, 4, 1), title="Budgeting workshops", hours=Decimal(10), type="workshop"))
    page = window.page(ActivityLogPage)
    assert page.shown_label.text() == "2 activities · 18 h logged"
    assert page.progress.text() == "10 h count toward ICMA's 40"
    assert "Mentoring my own analyst (8 h): marked as not meeting ICMA's conditions" in page.progress.toolTip()


# --- fits, keys, translation ---------------------------------------------------------------------------------


def opened(window: MainWindow, kind: str, size: tuple[int, int]) -> ActivityDialog:
    """A dialog of type `kind` with its fields, messages and suggestions showing, sized as a screen of `size`."""
    dialog = window.open_activity_dialog()
    dialog.title_edit.setText("Ethics and integrity coaching for an MPA intern")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(kind))
    dialog.hours_spin.setValue(30)  # more than a day holds: a save attempt is refused
    wanted = dialog.sizeHint().expandedTo(dialog.size())
    dialog.resize(min(wanted.width(), size[0]), min(wanted.height(), size[1]))
    settle()
    return dialog


@pytest.mark.parametrize("size", [(1366, 768), (800, 480)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", ["mentoring", "coaching-given", "teaching"])
def test_the_dialog_fits_with_each_section_open(qtbot: QtBot, window: MainWindow, today: date, kind: str,
                                               size: tuple[int, int]) -> None:
    dialog = opened(window, kind, size)
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    assert dialog.topics.suggestion_row.isVisibleTo(dialog)
    assert clipped(dialog) == [] and overlaps(dialog) == []
    if kind != "teaching":  # a message in the section
        dialog.given.start.check.click()
        dialog.given.end.check.click()
        dialog.given.end.edit.setDate(dialog.given.end.edit.date().addYears(-1))
    dialog.accept()  # every message shows
    settle()
    assert dialog.isVisible() and len(shown_errors(dialog)) == (1 if kind == "teaching" else 2)
    assert clipped(dialog) == [] and overlaps(dialog) == []
    if size == (800, 480):
        assert dialog.form_area.verticalScrollBar().isVisible()  # the form scrolls; Save stays in view
    dialog.reject()


@pytest.mark.parametrize("kind", ["mentoring", "coaching-given", "teaching"])
def test_every_access_key_works_once_with_each_section_open(qtbot: QtBot, window: MainWindow, kind: str) -> None:
    dialog = opened(window, kind, (1366, 768))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)  # the first field, as before
    assert mnemonic_problems(dialog) == []
    qtbot.waitUntil(lambda: not dialog.save_button.isDown())
    dialog.reject()


def test_every_text_goes_through_the_translation(pseudo_translation: None, qtbot: QtBot, window: MainWindow,
                                                 today: date) -> None:
    for kind in ("mentoring", "coaching-given", "teaching"):
        dialog = opened(window, kind, (1366, 768))
        assert untranslated(dialog) == []
        dialog.given.own_combo.setCurrentIndex(1)
        QTest.keyClicks(dialog.given.subjects_edit, "x")
        dialog.accept()
        settle()
        assert untranslated(dialog) == []
        dialog.reject()


# --- the log's Topics column -----------------------------------------------------------------------------------


def test_the_topics_column_shows_once_there_are_topics(qtbot: QtBot, make_window: Window, db_path: Path) -> None:
    window, _ids = seeded(make_window, db_path, ActivityData(start_date=date(2026, 2, 2), title="Budget hearings",
                                                             hours=Decimal(2)))
    page = window.page(ActivityLogPage)
    assert page.table.isColumnHidden(Column.TOPICS)
    save_activity(ActivityData(start_date=date(2026, 3, 3), title="Ethics 101", hours=Decimal(2),
                               topics=("ethics",)))
    window.data_changed.emit()
    settle()
    assert not page.table.isColumnHidden(Column.TOPICS)
    assert page.model.index(page.model.row_of(2) or 0, Column.TOPICS).data() == "Ethics"
    page.search_edit.setText("ethics")  # a topic is searched too
    assert [page.model.record(row).title for row in range(page.model.rowCount())] == ["Ethics 101"]


def test_column_widths_saved_before_the_topics_column_are_kept(qtbot: QtBot, window: MainWindow,
                                                               tmp_path: Path) -> None:
    page = window.page(ActivityLogPage)
    settings = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    settings.setValue(OLD_WIDTHS_KEY, json.dumps({"2": 210, "4": 77}))  # then: 2 Provider, 4 Hours
    page.restore_settings(settings)
    assert page.columns.preferred[Column.PROVIDER] == 210 and page.columns.preferred[Column.HOURS] == 77
    page.save_settings(settings)
    assert json.loads(str(settings.value(WIDTHS_KEY)))[str(int(Column.HOURS))] == 77


@pytest.mark.parametrize("kind", ["mentoring", "teaching"])
def test_every_new_field_has_a_name_a_screen_reader_says(qtbot: QtBot, window: MainWindow, kind: str) -> None:
    dialog = opened(window, kind, (1366, 768))
    interactive = (QComboBox, QLineEdit, QPushButton, QAbstractSpinBox, QCheckBox, QPlainTextEdit)
    unnamed = [w.objectName() or type(w).__name__ for w in dialog.findChildren(QWidget)
               if isinstance(w, interactive) and w.isVisibleTo(dialog) and not w.accessibleName()
               and not isinstance(w.parent(), QComboBox | QAbstractSpinBox)]
    assert unnamed == []
    dialog.reject()


def test_the_new_texts_read_on_a_dark_palette(qtbot: QtBot, make_window: Window, db_path: Path,
                                              qapp: QApplication) -> None:
    flagged = ActivityData(start_date=date(2026, 4, 1), title="Mentored an MPA intern", hours=Decimal(10),
                           type="coaching", type_review=True)
    window, [activity_id] = seeded(make_window, db_path, flagged)
    old = QPalette(qapp.palette())
    qapp.setPalette(make_palette(DARK))
    try:
        dialog = window.open_activity_dialog(activity_id=activity_id)
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("mentoring"))  # the banner stays till saved
        settle()
        assert dialog.review_banner.isVisibleTo(dialog) and dialog.given.missing_label.isVisibleTo(dialog)
        assert label_problems(dialog, dialog) == []  # the banner, the note, what is missing
        dialog.given.start.check.click()
        dialog.given.start.edit.setDate(dialog.given.start.edit.date().addYears(-1))
        for field in (dialog.given.mentee_edit, dialog.given.position_edit, dialog.given.frequency_edit):
            field.setText("x")
        dialog.given.own_combo.setCurrentIndex(dialog.given.own_combo.findData(False))
        dialog.given.subjects_edit.setPlainText("x")
        settle()
        assert dialog.given.complete_label.isVisibleTo(dialog)
        assert label_problems(dialog, dialog) == []  # all documented, in green
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("teaching"))
        settle()
        assert label_problems(dialog, dialog) == []  # the delivery note
        dialog.reject()
    finally:
        qapp.setPalette(old)
        settle()


def test_editing_a_coaching_given_keeps_the_facts_it_does_not_show(qtbot: QtBot, make_window: Window,
                                                                   db_path: Path, today: date) -> None:
    facts = MentoringData(mentee="Bob Smith", position="Assistant city manager", own_employee=True,
                          program="ICMA Coaching Program", relationship_start=date(2026, 1, 5),
                          subjects="First budget")
    window, (activity_id,) = seeded(make_window, db_path, ActivityData(
        date(2026, 2, 1), "Coaching sessions", Decimal(3), "coaching-given", mentoring=facts, meets_conditions=True))
    dialog = window.open_activity_dialog(activity_id=activity_id)
    settle()
    assert not dialog.given.mentee_edit.isVisibleTo(dialog)
    dialog.title_edit.setText("Coaching sessions (spring)")
    dialog.accept()
    assert get_activity(activity_id).data.mentoring == facts
