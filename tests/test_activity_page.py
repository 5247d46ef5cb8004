"""The activity log page in the main window: year, search and filters, footer, keyboard, duplicate, delete + undo."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QProgressBar, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.activities.model import Column
from wethrive_desktop.ui.activities.page import ActivityLogPage
from wethrive_desktop.ui.main_window import MainWindow

THIS_YEAR = date.today().year


def add(title: str, hours: str, day: date, **fields: object) -> int:
    return save_activity(ActivityData(start_date=day, title=title, hours=Decimal(hours), **fields))  # type: ignore


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Confirmations and questions asked; answered Yes (and "Save" to the 0-hour question)."""
    questions: list[str] = []

    def confirm(parent: QWidget | None, title: str, text: str, ok_label: str = "OK") -> bool:
        questions.append(text)
        return True

    def ask(parent: QWidget | None, title: str, text: str, yes_label: str, no_label: str) -> bool:
        questions.append(text)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    monkeypatch.setattr(prompts, "ask", ask)
    return questions


@pytest.fixture
def window(make_window: Callable[..., MainWindow], db_path: Path, asked: list[str]) -> MainWindow:
    open_database(db_path)
    add("Budgeting for Outcomes", "9", date(THIS_YEAR, 1, 10), type="webinar", practices=(12,), provider="GFOA")
    add("ICMA Annual Conference", "10.5", date(THIS_YEAR, 1, 20), type="conference", practices=(2, 6),
        provider="ICMA", challenge_key="annual-conference")
    add("Ethics 101", "2", date(THIS_YEAR, 1, 5), type="e-course", practices=(1,), learned="Disclose early")
    add("Strategic planning retreat", "6", date(THIS_YEAR - 1, 5, 5), type="workshop", practices=(7,))
    close_database()
    win = make_window()
    win.show_page("activityLogPage")
    return win


def page_of(window: MainWindow) -> ActivityLogPage:
    page = window.findChild(ActivityLogPage, "activityLogPage")
    assert page is not None
    return page


def table(window: MainWindow) -> QTableView:
    view = window.findChild(QTableView, "activityTable")
    assert view is not None
    return view


def shown_titles(window: MainWindow) -> list[str]:
    model = table(window).model()
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def select(window: MainWindow, title: str) -> None:
    view = table(window)
    row = shown_titles(window).index(title)
    view.setFocus()
    view.selectRow(row)


def test_the_page_shows_this_year_newest_first_with_its_footer(window: MainWindow) -> None:
    page = page_of(window)
    year = window.findChild(QComboBox, "yearCombo")
    assert year is not None and year.currentText() == str(THIS_YEAR)
    assert [year.itemText(i) for i in range(year.count())] == [str(THIS_YEAR), str(THIS_YEAR - 1), "All years"]
    assert shown_titles(window) == ["ICMA Annual Conference", "Budgeting for Outcomes", "Ethics 101"]
    progress = window.findChild(QProgressBar, "hoursProgress")
    assert progress is not None and progress.isVisible()
    assert progress.text() == "21.5 of 40 h"
    assert page.points_label.text() == f"Challenge points {THIS_YEAR}: 20"
    assert "21.5 h logged" in page.shown_label.text()

    year.setCurrentIndex(year.findText("All years"))
    assert len(shown_titles(window)) == 4 and not progress.isVisible()
    year.setCurrentIndex(year.findText(str(THIS_YEAR - 1)))
    assert shown_titles(window) == ["Strategic planning retreat"]


def test_commitment_met_is_said_plainly(window: MainWindow, qtbot: QtBot) -> None:
    add("Leadership ICMA", "30", date(THIS_YEAR, 2, 1), end_date=date(THIS_YEAR, 2, 3))
    window.data_changed.emit()
    progress = window.findChild(QProgressBar, "hoursProgress")
    assert progress is not None and progress.text() == "51.5 h: commitment met"
    assert progress.value() == progress.maximum()


def test_search_box_and_filters(window: MainWindow, qtbot: QtBot) -> None:
    search = window.findChild(QLineEdit, "activitySearchEdit")
    assert search is not None
    QTest.keyClicks(search, "icma")
    assert shown_titles(window) == ["ICMA Annual Conference"]
    search.clear()
    QTest.keyClicks(search, "disclose")  # what I learned
    assert shown_titles(window) == ["Ethics 101"]
    assert "Showing 1 of 3" in page_of(window).shown_label.text()
    search.clear()
    type_filter = window.findChild(QComboBox, "typeFilterCombo")
    practice_filter = window.findChild(QComboBox, "practiceFilterCombo")
    assert type_filter is not None and practice_filter is not None
    type_filter.setCurrentIndex(type_filter.findData("webinar"))
    assert shown_titles(window) == ["Budgeting for Outcomes"]
    type_filter.setCurrentIndex(0)
    practice_filter.setCurrentIndex(practice_filter.findData(6))
    assert shown_titles(window) == ["ICMA Annual Conference"]
    QTest.keyClicks(search, "zzz")
    assert shown_titles(window) == []
    assert page_of(window).empty_label.isVisible()


def test_ctrl_f_focuses_the_search_box_from_another_page(window: MainWindow, qtbot: QtBot) -> None:
    window.show_page(next(name for name in window.pages if name != "activityLogPage"))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is page_of(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page_of(window).search_edit)


def test_enter_edits_the_selected_row(window: MainWindow, qtbot: QtBot) -> None:
    select(window, "Ethics 101")
    QTest.keyClick(table(window), Qt.Key.Key_Return)
    dialog = window.findChild(ActivityDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.title_edit.text() == "Ethics 101" and dialog.activity_id is not None
    dialog.hours_spin.setValue(2.5)
    dialog.accept()
    assert shown_titles(window) == ["ICMA Annual Conference", "Budgeting for Outcomes", "Ethics 101"]
    assert page_of(window).current_record().hours == Decimal("2.5")  # type: ignore[union-attr]


def test_double_click_edits_the_row(window: MainWindow, qtbot: QtBot) -> None:
    view = table(window)
    row = shown_titles(window).index("Budgeting for Outcomes")
    rect = view.visualRect(view.model().index(row, 1))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialogs = [d for d in window.findChildren(ActivityDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].title_edit.text() == "Budgeting for Outcomes"


def test_duplicate_makes_a_new_activity_from_the_selected_one(window: MainWindow, qtbot: QtBot) -> None:
    select(window, "ICMA Annual Conference")
    QTest.keyClick(table(window), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ActivityDialog)
    assert dialog is not None and dialog.activity_id is None
    assert dialog.title_edit.text() == "ICMA Annual Conference"
    dialog.title_edit.setText("ICMA Annual Conference (day 2)")
    dialog.accept()
    copies = [r for r in load_activities() if r.data.title.startswith("ICMA Annual Conference")]
    assert len(copies) == 2
    copy = next(r for r in copies if r.data.title.endswith("(day 2)"))
    assert copy.data.practices == (2, 6) and copy.data.hours == Decimal("10.5")
    assert page_of(window).current_record().id == copy.id  # type: ignore[union-attr]


def test_the_log_keeps_no_long_texts_yet_a_copy_and_the_tooltip_have_them(window: MainWindow, qtbot: QtBot) -> None:
    # The list holds rows without the description and what was learned (memory at 100,000 activities); the
    # search still finds those texts, the Title tooltip reads the start of what was learned, and a duplicate
    # copies both from the activity read whole.
    page = page_of(window)
    page.search_edit.setText("disclose")
    assert shown_titles(window) == ["Ethics 101"]
    row = page.model.record(0)
    assert not hasattr(row, "data") and not hasattr(row, "learned") and not hasattr(row, "description")
    tip = page.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["Ethics 101", "Learned: Disclose early"]
    select(window, "Ethics 101")
    QTest.keyClick(table(window), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ActivityDialog)
    assert dialog is not None and dialog.activity_id is None
    assert dialog.learned_edit.toPlainText() == "Disclose early"
    dialog.title_edit.setText("Ethics 101 again")
    dialog.accept()
    copy = next(r for r in load_activities() if r.data.title == "Ethics 101 again")
    assert copy.data.learned == "Disclose early"


def test_many_activities_load_every_year_off_the_gui_thread(window: MainWindow, qtbot: QtBot,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # With many activities, "All years" is read on a worker: meanwhile the table is empty and says it is loading,
    # the selection is kept, and a result overtaken by another choice of year is dropped.
    from wethrive_desktop.models.activities import ActivityRow, load_activity_rows
    from wethrive_desktop.ui.activities import page as page_module

    monkeypatch.setattr(page_module, "ASYNC_ROWS", 0)
    threads: list[int] = []

    def spy(year: int | None = None) -> tuple[list[ActivityRow], list[str]]:
        threads.append(threading.get_ident())
        return load_activity_rows(year)

    monkeypatch.setattr(page_module, "load_activity_rows", spy)
    page = page_of(window)
    select(window, "Budgeting for Outcomes")
    year = page.year_combo
    year.setCurrentIndex(year.findData(None))
    assert page.loading and page.model.rowCount() == 0
    assert page.empty_label.text() == "Loading the activities of every year..."
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert threads and threads[-1] != threading.get_ident()
    assert sorted(shown_titles(window)) == ["Budgeting for Outcomes", "Ethics 101", "ICMA Annual Conference",
                                            "Strategic planning retreat"]
    assert page.current_record() is not None and page.current_record().title == "Budgeting for Outcomes"  # type: ignore[union-attr]
    assert not page.empty_label.isVisible() and "4 activities" in page.shown_label.text()

    year.setCurrentIndex(year.findData(None) - 1)  # the year before, at once (read on the GUI thread)...
    year.setCurrentIndex(year.findData(None))  # ... all years again, then this year before the worker is done
    year.setCurrentIndex(0)
    assert not page.loading and shown_titles(window) == ["ICMA Annual Conference", "Budgeting for Outcomes",
                                                          "Ethics 101"]
    assert QThreadPool.globalInstance().waitForDone(10_000)  # the worker's late result for all years...
    QApplication.processEvents()  # ... delivered: it changes nothing
    assert len(threads) >= 2 and shown_titles(window) == ["ICMA Annual Conference", "Budgeting for Outcomes",
                                                          "Ethics 101"]


def _read_every_year_on_a_worker(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> ActivityLogPage:
    from wethrive_desktop.ui.activities import page as page_module

    monkeypatch.setattr(page_module, "ASYNC_ROWS", 0)
    page = page_of(window)
    page.year_combo.setCurrentIndex(page.year_combo.findData(None))
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    return page


def test_while_every_year_is_read_a_saved_or_deleted_activity_keeps_the_keyboard_on_its_row(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _read_every_year_on_a_worker(window, qtbot, monkeypatch)
    select(window, "Ethics 101")
    page.new_activity()
    dialog = window.findChild(ActivityDialog)
    assert dialog is not None
    dialog.title_edit.setText("Budget hearing debrief")
    dialog.hours_spin.setValue(1)
    dialog.accept()
    assert page.loading  # the log reads every year again after the save...
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.current_record().title == "Budget hearing debrief"  # type: ignore[union-attr]  # ... and selects it

    titles = shown_titles(window)
    position = titles.index("Budget hearing debrief")
    successor = titles[position + 1] if position + 1 < len(titles) else titles[position - 1]
    window.activateWindow()  # back from the dialog
    table(window).setFocus()
    qtbot.waitUntil(lambda: table(window).hasFocus())
    QTest.keyClick(table(window), Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert "Budget hearing debrief" not in shown_titles(window)
    assert page.current_record() is not None and page.current_record().title == successor  # type: ignore[union-attr]


def test_a_failed_read_of_every_year_says_so_rather_than_no_activities(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.ui.activities import page as page_module

    def fail(year: int | None = None) -> object:
        raise OSError("disk I/O error")

    reported: list[BaseException] = []
    monkeypatch.setattr(page_module, "load_activity_rows", fail)
    failed = _reporting(page_module.ActivityLogPage._load_failed, reported)
    monkeypatch.setattr(page_module.ActivityLogPage, "_load_failed", failed)
    page = page_of(window)
    monkeypatch.setattr(page_module, "ASYNC_ROWS", 0)
    page.year_combo.setCurrentIndex(page.year_combo.findData(None))
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert [str(e) for e in reported] == ["disk I/O error"]  # reported as any error is
    assert page.empty_label.text() == "The activities could not be read: disk I/O error"
    assert "No activities" not in page.shown_label.text()


def _reporting(method: Callable[..., None], reported: list[BaseException]) -> Callable[..., None]:
    """`method` (ActivityLogPage._load_failed), with the error it re-raises (for the crash net) collected instead."""
    def wrapper(self: ActivityLogPage, generation: int, exc: BaseException) -> None:
        try:
            method(self, generation, exc)
        except BaseException as raised:  # noqa: BLE001 - the test collects what the app would report
            reported.append(raised)
    return wrapper


def test_delete_names_the_activity_and_undo_brings_it_back(window: MainWindow, qtbot: QtBot,
                                                          asked: list[str]) -> None:
    before = {r.id: r for r in load_activities()}
    select(window, "Budgeting for Outcomes")
    QTest.keyClick(table(window), Qt.Key.Key_Delete)
    assert asked == []  # no question: undo brings it back
    assert window.statusBar().currentMessage() == "Deleted “Budgeting for Outcomes” - Undo (Ctrl+Z)"
    assert "Budgeting for Outcomes" not in shown_titles(window)
    assert page_of(window).current_record() is not None  # the keyboard stays on the table

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    table(window).setFocus()
    QTest.keyClick(table(window), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {r.id: r for r in load_activities()} == before  # same id, practices, dates, everything
    assert "Budgeting for Outcomes" in shown_titles(window)
    assert window.statusBar().currentMessage() == "Undone: Delete “Budgeting for Outcomes”"
    QTest.keyClick(table(window), Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Budgeting for Outcomes" not in shown_titles(window)
    assert window.statusBar().currentMessage() == "Redone: Delete “Budgeting for Outcomes”"


def test_the_delete_button_and_menu_delete_without_asking(window: MainWindow, qtbot: QtBot,
                                                          asked: list[str]) -> None:
    page = page_of(window)
    select(window, "Ethics 101")
    page.delete_button.click()
    assert "Ethics 101" not in shown_titles(window) and asked == []
    assert window.statusBar().currentMessage().startswith("Deleted “Ethics 101”")
    select(window, "Budgeting for Outcomes")
    assert page.delete_action.text() == "&Delete"  # no "...": nothing more to answer
    page.delete_action.trigger()  # what the context menu runs
    assert shown_titles(window) == ["ICMA Annual Conference"] and asked == []
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert len(load_activities()) == 4
    assert window.statusBar().currentMessage() == "Undone: Delete “Ethics 101”"


def test_buttons_follow_the_selection(window: MainWindow) -> None:
    for name in ("editActivityButton", "duplicateActivityButton", "deleteActivityButton"):
        button = window.findChild(QPushButton, name)
        assert button is not None and not button.isEnabled()
    add_button = window.findChild(QPushButton, "addActivityButton")
    assert add_button is not None and add_button.isEnabled()
    select(window, "Ethics 101")
    assert all(window.findChild(QPushButton, n).isEnabled()  # type: ignore[union-attr]
               for n in ("editActivityButton", "duplicateActivityButton", "deleteActivityButton"))


def test_saving_in_another_year_shows_that_year(window: MainWindow) -> None:
    dialog = window.open_activity_dialog(initial=ActivityData(start_date=date(THIS_YEAR - 3, 4, 1),
                                                              title="Williamsburg", hours=Decimal(16),
                                                              end_date=date(THIS_YEAR - 3, 4, 3)))
    dialog.accept()
    assert page_of(window).year_combo.currentText() == str(THIS_YEAR - 3)
    assert shown_titles(window) == ["Williamsburg"]


def test_footer_counts_challenge_signup_points(window: MainWindow) -> None:
    save_profile(ProfileData(name="Ana", challenge_signup=True))
    window.data_changed.emit()
    assert page_of(window).points_label.text() == f"Challenge points {THIS_YEAR}: 23"


def test_every_interactive_widget_has_an_accessible_name(window: MainWindow) -> None:
    page = page_of(window)
    interactive = (QComboBox, QLineEdit, QPushButton, QTableView)
    unnamed = [w.objectName() or type(w).__name__ for w in page.findChildren(QWidget)
               if isinstance(w, interactive) and w.isVisible() and not w.accessibleName()
               and not isinstance(w.parent(), QComboBox)]
    assert unnamed == []
    dialog = window.open_activity_dialog()
    interactive_dialog = (*interactive, QWidget)
    named = {w.objectName() for w in dialog.findChildren(QWidget) if isinstance(w, interactive_dialog)
             and w.accessibleName()}
    for name in ("titleEdit", "startDateEdit", "endDateEdit", "hoursSpin", "typeCombo", "practiceList",
                 "descriptionEdit", "learnedEdit", "challengeCombo", "saveButton"):
        assert name in named


def test_an_undo_that_no_longer_applies_is_reported_not_raised(window: MainWindow, qtbot: QtBot,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.models.activities import delete_activity

    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    dialog = window.open_activity_dialog()
    dialog.title_edit.setText("Added, then removed behind the stack's back")
    dialog.accept()
    assert dialog.saved_id is not None
    delete_activity(dialog.saved_id)  # e.g. another page wrote without the stack
    window.undo_action.trigger()
    assert errors and "Could not undo" in errors[0]
    qtbot.waitUntil(lambda: not window.undo_stack.canUndo())  # the stale commands are dropped


def test_the_selection_and_double_click_follow_the_activity_through_searching(window: MainWindow,
                                                                             qtbot: QtBot) -> None:
    page = page_of(window)
    search = page.search_edit
    ethics = next(r.id for r in load_activities() if r.data.title == "Ethics 101")
    select(window, "Ethics 101")
    QTest.keyClicks(search, "e")  # every row still shown: the selection stays
    assert page.current_record() is not None and page.current_record().id == ethics  # type: ignore[union-attr]
    QTest.keyClicks(search, "thics")  # narrowed to it
    assert shown_titles(window) == ["Ethics 101"]
    assert page.current_record().id == ethics  # type: ignore[union-attr]
    for _ in "ethics":
        QTest.keyClick(search, Qt.Key.Key_Backspace)
    assert len(shown_titles(window)) == 3
    assert page.current_record().id == ethics  # type: ignore[union-attr]
    assert "3 activities" in page.shown_label.text() and "Showing" not in page.shown_label.text()

    QTest.keyClicks(search, "BUDGET")  # the selected row is filtered out: nothing is selected
    assert shown_titles(window) == ["Budgeting for Outcomes"]
    assert page.current_record() is None and not page.edit_button.isEnabled()
    view = table(window)
    rect = view.visualRect(view.model().index(0, 1))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialogs = [d for d in window.findChildren(ActivityDialog) if d.isVisible()]
    budgeting = next(r.id for r in load_activities() if r.data.title == "Budgeting for Outcomes")
    assert len(dialogs) == 1 and dialogs[0].activity_id == budgeting


def test_delete_and_undo_in_a_searched_and_sorted_table(window: MainWindow, qtbot: QtBot,
                                                        asked: list[str]) -> None:
    page = page_of(window)
    view = table(window)
    QTest.keyClicks(page.search_edit, "ic")  # ICMA Annual Conference and Ethics 101
    view.sortByColumn(Column.HOURS, Qt.SortOrder.AscendingOrder)
    assert shown_titles(window) == ["Ethics 101", "ICMA Annual Conference"]
    assert page.shown_label.text().startswith("Showing 2 of 3 activities · 12.5 h logged")
    select(window, "ICMA Annual Conference")
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert asked == []
    assert shown_titles(window) == ["Ethics 101"]
    assert page.current_record() is not None and page.current_record().title == "Ethics 101"  # type: ignore
    assert page.shown_label.text().startswith("Showing 1 of 2 activities")

    window.undo_action.trigger()  # back in place: still searched and sorted, and selected again
    assert shown_titles(window) == ["Ethics 101", "ICMA Annual Conference"]
    assert page.current_record() is not None
    assert page.current_record().title == "ICMA Annual Conference"  # type: ignore[union-attr]
    assert page.search_edit.text() == "ic"
    window.redo_action.trigger()
    assert shown_titles(window) == ["Ethics 101"]


def test_a_search_with_no_match_in_the_year_names_the_years_that_have_one(window: MainWindow, qtbot: QtBot) -> None:
    for start, title in ((date(2025, 3, 4), "Zoning school"), (date(2024, 6, 1), "ZONING basics"),
                         (date(2024, 9, 1), "Rezoning hearings"), (date(2026, 2, 2), "Ethics refresher")):
        save_activity(ActivityData(start_date=start, title=title, hours=Decimal(2), type="workshop"))
    window.notify_data_changed()
    page = window.page(ActivityLogPage)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2026))
    QTest.keyClicks(page.search_edit, "zoning")
    assert page.model.rowCount() == 0
    qtbot.waitUntil(lambda: page.other_years.isVisible())
    assert page.empty_label.text() == "No match in 2026. Matches in other years: 2025 (1), 2024 (2)."
    page.other_years.click()
    assert page.selected_year() is None and page.search_edit.text() == "zoning"  # the search stays
    assert page.model.rowCount() == 3 and not page.other_years.isVisible()


def test_a_search_that_matches_nothing_anywhere_says_so(window: MainWindow, qtbot: QtBot) -> None:
    save_activity(ActivityData(start_date=date(2025, 3, 4), title="Zoning school", hours=Decimal(2), type="workshop"))
    window.notify_data_changed()
    page = window.page(ActivityLogPage)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    QTest.keyClicks(page.search_edit, "zebra")
    qtbot.waitUntil(lambda: "any other year" in page.empty_label.text())
    assert not page.other_years.isVisible()


def test_matches_by_year_searches_as_the_log_does(db: object) -> None:
    from wethrive_desktop.models.activities import matches_by_year

    save_activity(ActivityData(start_date=date(2025, 3, 4), title="Straße und Plätze", hours=Decimal(2),
                               type="workshop", learned="Parking policy"))
    save_activity(ActivityData(start_date=date(2024, 3, 4), title="Parking", hours=Decimal(1), type="webinar"))
    assert matches_by_year("STRASSE") == {2025: 1}  # casefolded, as the search box matches
    assert matches_by_year("parking") == {2025: 1, 2024: 1}  # what was learned counts too
    assert matches_by_year("parking", "webinar") == {2024: 1}
    assert matches_by_year("parking policy") == {2025: 1}  # every word
    assert matches_by_year("  ") == {}
    save_activity(ActivityData(start_date=date(2023, 5, 6), title="Council retreat", hours=Decimal(3),
                               type="workshop", topics=("ethics", "sustainability and resilience")))
    assert matches_by_year("ethics") == {2023: 1}  # topics too, by tag
    assert matches_by_year("resilience") == {2023: 1}  # and by the name shown
