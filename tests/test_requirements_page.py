"""The Requirements page driven with pytest-qt (issue 14 item 7): every tracked requirement's card with its period,
hours logged and counted and why they differ; what counts toward the one selected; the As of date and the period
steps; adding, editing, copying and removing requirements (undoable); definitions exported and imported."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QTableView, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot
from ui_checks import clipped, mnemonic_problems, untranslated

from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.domain import GIVEN_TYPES
from wethrive_desktop.models.requirements.definitions import ALWAYS_ON
from wethrive_desktop.models.requirements.store import (
    add_template,
    get_requirement,
    load_requirements,
    save_requirement,
)
from wethrive_desktop.models.tables import Requirement as RequirementRow
from wethrive_desktop.models.tables import utc_now
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.requirements.dialogs import RequirementDialog
from wethrive_desktop.ui.requirements.page import RequirementCard, RequirementsPage
from wethrive_desktop.ui.requirements.texts import topics_named
from wethrive_desktop.ui.widgets import form_dialog
from wethrive_desktop.ui.widgets.form_dialog import to_qdate

if TYPE_CHECKING:
    from qt_types import ModelTester

TODAY = date(2026, 6, 15)
MENTORING = [(date(2026, 2, 3), 8), (date(2026, 3, 3), 8), (date(2026, 4, 7), 10)]  # 26 h, at most 10 a day
WORKSHOPS = [(date(2026, 1, 20), 12), (date(2026, 5, 5), 10), (date(2026, 5, 6), 8)]  # 30 h


@pytest.fixture
def window(make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None]) -> MainWindow:
    frozen_today(TODAY)
    return make_window()


def log_mentoring_and_workshops() -> dict[str, int]:
    """26 h of mentoring given (meeting ICMA's conditions) and 30 h of workshops; the ids by title."""
    ids = {}
    for number, (day, hours) in enumerate(MENTORING, 1):
        title = f"Mentoring Maya Okafor, session {number}"
        ids[title] = save_activity(ActivityData(day, title, Decimal(hours), type="mentoring",
                                                meets_conditions=True))
    for number, (day, hours) in enumerate(WORKSHOPS, 1):
        title = f"Budget workshop {number}"
        ids[title] = save_activity(ActivityData(day, title, Decimal(hours), type="workshop", provider="GFOA"))
    return ids


def page_of(window: MainWindow) -> RequirementsPage:
    page = window.show_page("requirementsPage")
    assert isinstance(page, RequirementsPage)
    page.refresh()
    return page


def card_of(page: RequirementsPage, key: str) -> RequirementCard:
    found = page.card(key)
    assert found is not None, [c.key for c in page.cards.cards]
    return found


def make_active(qtbot: QtBot, widget: QWidget) -> None:
    """The keys reach a window only while it is the active one."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def cell(dialog: RequirementDialog, row: int, column: int) -> QTableWidgetItem:
    item = dialog.caps_table.item(row, column)
    assert item is not None
    return item


def cap_row(dialog: RequirementDialog, type_: str) -> int:
    """The row of the caps table that holds activity type `type_`."""
    rows = [r for r in range(dialog.caps_table.rowCount())
            if cell(dialog, r, 0).data(Qt.ItemDataRole.UserRole) == type_]
    assert len(rows) == 1, type_
    return rows[0]


def caps_shown(dialog: RequirementDialog) -> list[tuple[str, str, bool]]:
    """The caps table's rows as read: type, cap, whether it counts only under ICMA's conditions."""
    return [(cell(dialog, r, 0).text(), cell(dialog, r, 1).text(),
             cell(dialog, r, 2).checkState() == Qt.CheckState.Checked) for r in range(dialog.caps_table.rowCount())]


def fill_dialog(monkeypatch: pytest.MonkeyPatch, fill: Callable[[RequirementDialog], None]) -> list[Any]:
    """Run the page's dialogs without blocking: `fill` types into each, then OK is pressed."""
    seen: list[Any] = []

    def run(dialog: Any) -> bool:
        seen.append(dialog)
        fill(dialog)
        dialog.accept()
        return bool(dialog.result())

    monkeypatch.setattr(form_dialog, "run_dialog", run)
    return seen


def test_tenet_8_counts_50_of_56_hours_and_says_why(window: MainWindow, qtmodeltester: ModelTester,
                                                    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    ids = log_mentoring_and_workshops()
    page = page_of(window)
    card = card_of(page, ALWAYS_ON)
    assert page.cards.cards[0] is card  # Tenet 8 first
    assert card.name_label.text() == "ICMA Code of Ethics, Tenet 8"
    assert card.period_label.text() == "January 1, 2026 to December 31, 2026 (each calendar year)"
    assert card.hours_label.text() == "56 h logged, 50 h count"
    assert card.bar.text() == "50 h count of 40 h" and card.bar.value() == card.bar.maximum()
    assert card.status_label.text() == "Met for this period (due December 31, 2026)."
    assert "Mentoring given: 26 h logged, 20 h count (at most 20 h a year)" in card.explanations_label.text()
    assert card.explanations_label.isVisibleTo(page)

    # What counts: every activity of the period, the last mentoring session cut to what is left under the cap.
    assert page.selected_key == ALWAYS_ON and "Tenet 8" in page.detail_heading.text()
    model = page.counts_view.model()
    rows = {model.index(r, 1).data(): [model.index(r, c).data() for c in range(6)] for r in range(model.rowCount())}
    assert len(rows) == 6
    assert rows["Mentoring Maya Okafor, session 3"] == ["4/7/2026", "Mentoring Maya Okafor, session 3",
                                                       "Mentoring given", "10", "4", "over the cap of 20 h a year"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Date", "Title", "Type", "Logged", "Count", "Why not all"]
    assert "Mentoring given counts at most 20 h a year." in page.definition_label.text()
    assert rows["Budget workshop 1"][3:] == ["12", "12", ""]
    qtmodeltester.check(page.counts_model)

    # Enter on a row opens its activity.
    opened: list[int | None] = []
    monkeypatch.setattr(window, "open_activity", lambda activity_id=None, initial=None: opened.append(activity_id))
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Mentoring Maya Okafor, session 3")
    page.counts_view.setFocus()
    page.counts_view.setCurrentIndex(model.index(row, 0))
    QTest.keyClick(page.counts_view, Qt.Key.Key_Return)
    assert opened == [ids["Mentoring Maya Okafor, session 3"]]


def test_an_activity_marked_as_not_meeting_the_conditions_does_not_count(window: MainWindow) -> None:
    save_activity(ActivityData(date(2026, 2, 3), "Mentoring my own deputy", Decimal(6), type="mentoring",
                               meets_conditions=False))
    page = page_of(window)
    card = card_of(page, ALWAYS_ON)
    assert card.hours_label.text() == "6 h logged, 0 h count"
    assert "Mentoring my own deputy (6 h): marked as not meeting ICMA's conditions for Mentoring given" in (
        card.explanations_label.text())
    assert card.status_label.text() == "Short: 40 h to go by December 31, 2026."
    assert page.counts_model.records[0].reason.startswith("marked as not meeting")


def test_adding_florida_from_the_add_menu_shows_its_october_year(window: MainWindow) -> None:
    save_activity(ActivityData(date(2025, 11, 20), "Florida ethics update", Decimal(3), type="webinar",
                               topics=("ethics",)))
    page = page_of(window)
    names = [a.objectName() for a in page.add_menu.actions() if not a.isSeparator()]
    assert names == ["add-fccma-ethics", "add-tcma-ethics", "add-ca-ab1234", "add-aicp-cm", "addOwnRequirement"]
    action = next(a for a in page.add_menu.actions() if a.objectName() == "add-fccma-ethics")
    assert action.text() == "FCCMA (Florida) ethics"
    action.trigger()
    card = card_of(page, "fccma-ethics")
    assert page.selected_key == "fccma-ethics" and card.selected
    assert card.period_label.text() == ("October 1, 2025 to September 30, 2026 "
                                        "(each year from the first of October)")
    assert card.hours_label.text() == "3 h of ethics logged, 3 h count"  # only ethics is considered
    assert card.bar.text() == "3 h count of 4 h"
    assert card.status_label.text() == "Short: 1 h to go by September 30, 2026."
    assert [r.title for r in page.counts_model.records] == ["Florida ethics update"]
    assert "add-fccma-ethics" not in [a.objectName() for a in page.add_menu.actions()]  # tracked now
    assert window.statusBar().currentMessage() == "Tracking “FCCMA (Florida) ethics”."
    window.undo_stack.undo()
    assert page.card("fccma-ethics") is None and [r.key for r in load_requirements()] == [ALWAYS_ON]
    window.undo_stack.redo()
    assert card_of(page, "fccma-ethics").period_label.text().startswith("October 1, 2025")


def test_a_bad_number_of_hours_is_shown_at_the_field_and_nothing_is_written(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)

    def fill(dialog: RequirementDialog) -> None:
        dialog.hours_edit.setText("forty")

    seen = fill_dialog(monkeypatch, fill)
    page.edit_button.click()
    dialog = seen[0]
    assert dialog.result() == 0  # still open
    message = dialog.errors["hours"]
    assert message.isVisibleTo(dialog) and message.text() == "Required hours must be a number of hours, not 'forty'"
    assert QApplication.focusWidget() is dialog.hours_edit or not dialog.isVisible()
    assert [name for name, label in dialog.errors.items() if label.isVisibleTo(dialog)] == ["hours"]
    assert get_requirement(ALWAYS_ON).hours == Decimal(40)
    assert window.undo_stack.count() == 0

    def zero(dialog: RequirementDialog) -> None:
        dialog.hours_edit.setText("0")

    seen = fill_dialog(monkeypatch, zero)
    page.edit_button.click()
    assert "more than 0" in seen[0].errors["hours"].text() and seen[0].result() == 0
    assert get_requirement(ALWAYS_ON).hours == Decimal(40)


def test_editing_a_requirement_saves_every_field_and_undoes(window: MainWindow,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    add_template("ca-ab1234", TODAY)
    page = page_of(window)
    page.select("ca-ab1234")

    def fill(dialog: RequirementDialog) -> None:
        assert dialog.key_edit.text() == "ca-ab1234" and not dialog.key_edit.isReadOnly()
        dialog.name_edit.setText("California ethics (AB 1234)")
        dialog.key_edit.setText("ca-ethics")
        dialog.hours_edit.setText("2,5")
        dialog.start_edit.setDate(to_qdate(date(2025, 7, 1)))
        dialog.minimums_edit.setText("ethics: 1")
        dialog.providers_edit.setText("FPPC; League of California Cities")
        cell(dialog, cap_row(dialog, "reading"), 1).setText("1")  # reading: at most 1 h
        dialog.carry_box.setChecked(True)
        dialog.carry_hours_edit.setText("1")
        dialog.general_only_edit.setText("ethics")
        dialog.due_spin.setValue(30)
        dialog.grace_spin.setValue(60)
        dialog.notes_edit.setPlainText("Keep the certificate.")

    fill_dialog(monkeypatch, fill)
    page.edit_button.click()
    saved = get_requirement("ca-ethics")
    assert saved.to_json() == {
        "key": "ca-ethics", "name": "California ethics (AB 1234)", "template": "ca-ab1234", "hours": 2.5,
        "period": {"kind": "years", "years": 2, "start": "2025-07-01"}, "topics": ["ethics"],
        "topic_minimums": {"ethics": 1}, "caps": {"reading": 1}, "conditions": [],
        "providers": ["FPPC", "League of California Cities"],
        "carry_over": {"max_hours": 1, "general_only": ["ethics"]}, "due_days": 30, "grace_days": 60,
        "notes": "Keep the certificate."}
    card = card_of(page, "ca-ethics")
    assert page.selected_key == "ca-ethics"
    assert card.period_label.text() == "July 1, 2025 to June 30, 2027 (every 2 years)"
    assert card.status_label.text() == ("Short: 2.5 h to go by July 30, 2027. Grace period until "
                                        "September 28, 2027.")
    assert "Keep the certificate." == page.notes_label.text()
    window.undo_stack.undo()
    assert [r.key for r in load_requirements()] == [ALWAYS_ON, "ca-ab1234"]
    assert get_requirement("ca-ab1234").hours == Decimal(2)
    window.undo_stack.redo()
    page.select("ca-ethics")

    def check_again(dialog: RequirementDialog) -> None:  # the type with a cap comes first now
        assert caps_shown(dialog)[:2] == [("Reading", "1", False), ("Conference", "", False)]

    fill_dialog(monkeypatch, check_again)
    page.edit_button.click()
    assert get_requirement("ca-ethics").caps == {"reading": Decimal(1)}  # OK on what was read: the same caps


def test_tenet_8_keeps_its_key_and_calendar_year_in_the_editor(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    dialog = RequirementDialog(page, get_requirement(ALWAYS_ON), page._taken(but=ALWAYS_ON), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.key_edit.isReadOnly() and not dialog.kind_combo.isEnabled()
    assert not any(field.isEnabled() for field in (dialog.topics_edit, dialog.minimums_edit, dialog.providers_edit,
                                                  dialog.carry_box))
    caps = {cell(dialog, r, 0).text(): cell(dialog, r, 1).text() for r in range(dialog.caps_table.rowCount())}
    assert caps["Mentoring given"] == "20" and caps["Coaching given (ICMA program)"] == "20" and caps["Workshop"] == ""

    # What cannot change looks so: the carry-over row's label is greyed with its field, and the key is drawn on
    # the window's colour (not an input's), its text still selectable to copy.
    labels = {dialog.form.labelForField(dialog.rows[field]) for field in (dialog.carry_field, dialog.topics_edit)}
    assert all(label is not None and not label.isEnabled() for label in labels)
    assert not dialog.carry_field.isEnabled()
    window_colour = dialog.palette().color(QPalette.ColorRole.Window)
    assert dialog.key_edit.palette().color(QPalette.ColorRole.Base) == window_colour
    dialog.key_edit.selectAll()
    assert dialog.key_edit.selectedText() == ALWAYS_ON
    other = RequirementDialog(page, None, page._taken(), TODAY)  # an editable key looks like an input
    qtbot.addWidget(other)
    assert other.key_edit.palette().color(QPalette.ColorRole.Base) != window_colour
    assert other.form.labelForField(other.rows[other.carry_field]).isEnabled()


@pytest.mark.parametrize("size", [(660, 640), (800, 448)], ids=["1366x768", "800x480"])
def test_the_editor_opens_on_the_caps_and_conditions_set(window: MainWindow, qtbot: QtBot,
                                                         size: tuple[int, int]) -> None:
    """Tenet 8's caps and conditions are in view when its editor opens, above the types without any."""
    page = page_of(window)
    dialog = RequirementDialog(page, get_requirement(ALWAYS_ON), page._taken(but=ALWAYS_ON), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(*size)
    QApplication.processEvents()
    shown = caps_shown(dialog)
    assert shown[:3] == [("Mentoring given", "20", True), ("Coaching given (ICMA program)", "20", True),
                         ("Conference", "", False)]
    assert not any(cap or condition for _type, cap, condition in shown[2:])
    table = dialog.caps_table
    for row in (0, 1):
        assert table.viewport().rect().contains(table.visualItemRect(cell(dialog, row, 1))), row
    header = table.horizontalHeaderItem(2)
    assert header is not None and " ".join(header.text().split()) == "Only if ICMA's conditions are met"
    area_view = dialog.area.viewport().rect()
    assert area_view.contains(QRect(table.mapTo(dialog.area.viewport(), QPoint(0, 0)), table.size()))
    assert clipped(dialog) == []


def test_your_own_requirement_gets_a_key_from_its_name(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)

    def fill(dialog: RequirementDialog) -> None:
        assert dialog.windowTitle() == "Your own requirement"
        dialog.name_edit.setText("")
        dialog.name_edit.textEdited.emit("Georgia (GCCMA) ethics")
        dialog.name_edit.setText("Georgia (GCCMA) ethics")
        dialog.hours_edit.setText("3")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("fiscal"))
        dialog.month_combo.setCurrentIndex(6)  # July
        dialog.topics_edit.setText("Ethics")

    fill_dialog(monkeypatch, fill)
    own = next(a for a in page.add_menu.actions() if a.objectName() == "addOwnRequirement")
    own.trigger()
    saved = get_requirement("georgia-gccma-ethics")
    assert (saved.name, saved.hours, saved.period.start_month, saved.topics) == (
        "Georgia (GCCMA) ethics", Decimal(3), 7, ("ethics",))
    assert card_of(page, "georgia-gccma-ethics").period_label.text() == (
        "July 1, 2025 to June 30, 2026 (each year from the first of July)")


def test_a_key_already_used_is_refused_at_the_field(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    add_template("tcma-ethics", TODAY)
    page = page_of(window)
    page.select("tcma-ethics")

    def fill(dialog: RequirementDialog) -> None:
        dialog.key_edit.setText(ALWAYS_ON)
        dialog.minimums_edit.setText("ethics 1")

    seen = fill_dialog(monkeypatch, fill)
    page.edit_button.click()
    errors = {name: label.text() for name, label in seen[0].errors.items() if label.isVisibleTo(seen[0])}
    assert errors == {"key": "Another requirement already has the key 'icma-tenet-8'",
                      "topic_minimums": "Write each minimum as topic: hours, e.g. ethics: 1 (not 'ethics 1')"}
    assert get_requirement("tcma-ethics").topic_minimums == {}


def test_remove_is_off_for_tenet_8_and_undoable_for_the_others(window: MainWindow) -> None:
    add_template("tcma-ethics", TODAY)
    page = page_of(window)
    page.select(ALWAYS_ON)
    assert not page.remove_button.isEnabled() and "cannot be removed" in page.remove_button.toolTip()
    page.remove_selected()  # even asked, it stays
    assert page.card(ALWAYS_ON) is not None
    QTest.mouseClick(card_of(page, "tcma-ethics"), Qt.MouseButton.LeftButton)  # a click selects a card
    assert page.selected_key == "tcma-ethics" and page.remove_button.isEnabled()
    page.remove_button.click()
    assert [r.key for r in load_requirements()] == [ALWAYS_ON]
    assert page.card("tcma-ethics") is None and page.selected_key == ALWAYS_ON
    assert window.statusBar().currentMessage().startswith("Stopped tracking “TCMA (Texas) ethics” - Undo (Ctrl+Z)")
    window.undo_stack.undo()
    assert [r.key for r in load_requirements()] == [ALWAYS_ON, "tcma-ethics"]


def test_copy_makes_an_editable_removable_copy(window: MainWindow) -> None:
    page = page_of(window)
    page.copy_button.click()
    copy = card_of(page, "icma-tenet-8-copy")
    assert copy.name_label.text() == "ICMA Code of Ethics, Tenet 8 (copy)" and page.selected_key == copy.key
    assert page.remove_button.isEnabled()
    window.undo_stack.undo()
    assert page.card("icma-tenet-8-copy") is None


def test_definitions_export_and_import_back(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    add_template("aicp-cm", TODAY, start=date(2025, 1, 1))
    page = page_of(window)
    target = tmp_path / "mine.json"
    monkeypatch.setattr(prompts, "choose_save_file", lambda *a, **k: target)
    page.export_button.click()
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [r["key"] for r in document["requirements"]] == [ALWAYS_ON, "aicp-cm"]
    assert window.statusBar().currentMessage() == "Exported 2 requirement definitions to mine.json"

    page.select("aicp-cm")
    page.remove_button.click()
    assert page.card("aicp-cm") is None
    monkeypatch.setattr(prompts, "choose_open_file", lambda *a, **k: target)
    page.import_button.click()
    card = card_of(page, "aicp-cm")
    assert card.period_label.text() == "January 1, 2025 to December 31, 2026 (every 2 years)"
    assert get_requirement("aicp-cm").to_json() == document["requirements"][1]
    assert window.statusBar().currentMessage() == "Imported 2 requirement definitions from mine.json"
    window.undo_stack.undo()  # the import: aicp-cm was not tracked before it
    assert [r.key for r in load_requirements()] == [ALWAYS_ON]


def test_a_bad_definitions_file_is_refused_with_its_reason(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    page = page_of(window)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"requirements": [{"key": "x", "name": "X", "hours": -2}]}), encoding="utf-8")
    monkeypatch.setattr(prompts, "choose_open_file", lambda *a, **k: bad)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, text: errors.append(text))
    page.import_button.click()
    assert errors == ["Nothing was imported. Requirement 1 in bad.json: required hours must be more than 0 and at most "
                      "1000 hours, not -2."]
    assert [r.key for r in load_requirements()] == [ALWAYS_ON] and window.undo_stack.count() == 0


def test_a_stored_definition_that_no_longer_reads_is_named(window: MainWindow) -> None:
    RequirementRow.insert(key="hand-edited", definition='{"key": "hand-edited", "hours": "lots"}', position=5,
                          created_at=utc_now()).execute()
    page = page_of(window)
    assert page.unreadable_label.isVisibleTo(page)
    assert "could not be read, so it is left out: hand-edited." in page.unreadable_label.text()


def test_the_as_of_date_moves_the_periods(window: MainWindow) -> None:
    log_mentoring_and_workshops()
    save_activity(ActivityData(date(2025, 3, 4), "Leadership ICMA retreat", Decimal(16), type="leadership institute"))
    add_template("tcma-ethics", TODAY, start=date(2024, 1, 1))
    page = page_of(window)
    assert not page.next_button.isEnabled() and not page.today_button.isEnabled()
    page.previous_button.click()  # Tenet 8 is selected: last year, as of its last day
    assert page.as_of() == date(2025, 12, 31)
    tenet = card_of(page, ALWAYS_ON)
    assert tenet.period_label.text() == "January 1, 2025 to December 31, 2025 (each calendar year)"
    assert tenet.hours_label.text() == "16 h logged, 16 h count"
    assert tenet.status_label.text() == "Short: 24 h to go by December 31, 2025."
    assert card_of(page, "tcma-ethics").period_label.text().startswith("January 1, 2024 to December 31, 2025")
    assert [r.title for r in page.counts_model.records] == ["Leadership ICMA retreat"]
    page.as_of_edit.setDate(to_qdate(date(2026, 3, 31)))  # typed: activities after it are left out
    assert card_of(page, ALWAYS_ON).hours_label.text() == "28 h logged, 28 h count"
    assert card_of(page, "tcma-ethics").period_label.text().startswith("January 1, 2026 to December 31, 2027")
    assert page.next_button.isEnabled() and page.today_button.isEnabled()
    page.next_button.click()  # the next year holds today: as of today
    assert page.as_of() == TODAY and card_of(page, ALWAYS_ON).hours_label.text() == "56 h logged, 50 h count"


@pytest.mark.parametrize("size", [(1366, 768), (1024, 600), (800, 480)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_page_fits_and_its_keys_work(window: MainWindow, size: tuple[int, int], qtbot: QtBot) -> None:
    log_mentoring_and_workshops()
    for key in ("fccma-ethics", "tcma-ethics", "aicp-cm"):
        add_template(key, TODAY)
    page = page_of(window)
    window.resize(*size)
    QApplication.processEvents()
    assert clipped(window) == []
    if size == (1366, 768):
        make_active(qtbot, window)
        assert mnemonic_problems(window) == []
    assert page.counts_view.isVisibleTo(page)


def test_the_editor_fits_a_small_screen_and_its_keys_work(window: MainWindow, qtbot: QtBot) -> None:
    add_template("aicp-cm", TODAY)
    page = page_of(window)
    for key in (ALWAYS_ON, "aicp-cm", None):
        requirement = get_requirement(key) if key else None
        dialog = RequirementDialog(page, requirement, page._taken(but=key), TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        make_active(qtbot, dialog)
        assert QApplication.focusWidget() is dialog.name_edit
        dialog.resize(800, 448)  # 800x480 with the title bar
        QApplication.processEvents()
        assert clipped(dialog) == [], key
        assert mnemonic_problems(dialog) == [], key
        dialog.reject()


def test_every_text_is_translated(make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None],
                                  pseudo_translation: None, qtbot: QtBot) -> None:
    frozen_today(TODAY)
    window = make_window()
    log_mentoring_and_workshops()
    save_activity(ActivityData(date(2026, 2, 1), "Ethics talk", Decimal(1), type="teaching",
                               delivery_hours=Decimal(1), topics=("ethics",)))
    add_template("aicp-cm", TODAY)
    page = page_of(window)
    assert untranslated(window) == []
    card = card_of(page, "aicp-cm")
    for label in (card.period_label, card.hours_label, card.status_label, card.topics_label,
                  card.explanations_label, page.definition_label):
        assert label.text().startswith("\u27e6") or label.text().startswith("• \u27e6"), label.text()
    dialog = RequirementDialog(page, get_requirement("aicp-cm"), page._taken(but="aicp-cm"), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert untranslated(dialog) == []
    dialog.reject()



def test_refreshing_keeps_the_window_active(window: MainWindow, qtbot: QtBot) -> None:
    """The cards are built inside the page: no part of one flashes up as a window of its own and takes the focus
    from the main window (the keys of every page stop working then)."""
    add_template("aicp-cm", TODAY)
    page = page_of(window)
    make_active(qtbot, window)
    page.refresh()
    QApplication.processEvents()
    assert QApplication.activeWindow() is window
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]


def test_a_date_typed_is_counted_once_the_typing_pauses(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    make_active(qtbot, window)
    page.as_of_edit.setFocus()
    qtbot.waitUntil(page.as_of_edit.hasFocus)
    page.as_of_edit.setDate(to_qdate(date(2024, 5, 1)))  # as a key typed in the field makes it
    assert card_of(page, ALWAYS_ON).period_label.text().startswith("January 1, 2026")  # not yet
    qtbot.waitUntil(lambda: card_of(page, ALWAYS_ON).period_label.text().startswith("January 1, 2024"))


def test_a_requirement_of_some_topics_says_what_was_logged(window: MainWindow) -> None:
    """Only the activities of its topics are considered, so the card says which hours it means."""
    save_activity(ActivityData(date(2026, 3, 10), "Ethics in local government", Decimal(6), type="webinar",
                               provider="TML", topics=("ethics",)))
    save_activity(ActivityData(date(2026, 4, 2), "Budget workshop", Decimal(8), type="workshop"))
    save_requirement({"key": "gccma-ethics", "name": "Georgia (GCCMA) ethics", "hours": 3,
                      "period": {"kind": "calendar"}, "topics": ["ethics"], "providers": ["GCCMA"]})
    save_requirement({"key": "two-topics", "name": "Ethics or law", "hours": 2, "period": {"kind": "calendar"},
                      "topics": ["law", "ethics"]})
    page = page_of(window)
    assert card_of(page, "gccma-ethics").hours_label.text() == "6 h of ethics logged, 0 h count"
    assert card_of(page, "two-topics").hours_label.text() == "6 h of ethics or law logged, 6 h count"
    assert card_of(page, ALWAYS_ON).hours_label.text() == "14 h logged, 14 h count"  # every activity
    assert topics_named(("equity", "ethics", "my own topic")) == "equity, ethics or my own topic"
    page.select("gccma-ethics")
    model = page.counts_view.model()
    assert [model.index(0, c).data() for c in (3, 4, 5)] == ["6", "0", "from TML: only activities from GCCMA count"]


def test_the_page_uses_one_wording_and_the_caps_follow_the_period(window: MainWindow) -> None:
    """'N h logged', 'N h count', 'N h count of M h', and a cap 'a year' or 'every 2 years' as the period runs."""
    for number, day in enumerate((date(2025, 3, 1), date(2026, 2, 1)), 1):
        save_activity(ActivityData(day, f"Planning book {number}", Decimal(3), type="reading", topics=("ethics",)))
    save_requirement({"key": "two-years", "name": "Two-year cycle", "hours": 4,
                      "period": {"kind": "years", "years": 2, "start": "2025-01-01"},
                      "topic_minimums": {"ethics": 1}, "caps": {"reading": 4}})
    page = page_of(window)
    card = card_of(page, "two-years")
    assert card.hours_label.text() == "6 h logged, 4 h count"
    assert card.bar.text() == "4 h count of 4 h"
    assert card.topics_label.text() == "Topic minimums: Ethics: 4 h count of 1 h, met"
    assert "Reading: 6 h logged, 4 h count (at most 4 h every 2 years)" in card.explanations_label.text()
    page.select("two-years")
    assert "Reading counts at most 4 h every 2 years." in page.definition_label.text().splitlines()
    model = page.counts_view.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (3, 4)] == ["Logged", "Count"]
    assert [model.index(r, 5).data() for r in range(model.rowCount())] == ["", "over the cap of 4 h every 2 years"]
    assert model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole) == "over the cap of 4 h every 2 years"


def log_a_busy_year(count: int) -> None:
    """`count` activities of 2026 with long titles, types and reasons: mentoring given over its cap, coaching
    given in the ICMA program."""
    kinds = ["workshop", "coaching-given", "mentoring", "leadership institute"]
    for number in range(count):
        type_ = kinds[number % len(kinds)]
        save_activity(ActivityData(date(2026, 1, 5) + timedelta(days=4 * number),
                                   f"Session {number + 1} of a long-running programme for new department heads",
                                   Decimal(8), type=type_, meets_conditions=True if type_ in GIVEN_TYPES else None))


def cut_cells(view: QTableView, columns: tuple[int, ...]) -> list[str]:
    """The texts of `columns` that the view cannot show whole: wrapped at the column's width, a word wider than
    it or lines taller than the row (the delegate elides them)."""
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    metrics = view.fontMetrics()
    model = view.model()
    cut = []
    for row in range(model.rowCount()):
        for column in columns:
            text = str(model.index(row, column).data() or "")
            width = view.columnWidth(column) - 2 * margin
            needed = metrics.boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, text)
            if text and (needed.width() > width or needed.height() > view.rowHeight(row)):
                cut.append(f"{text!r} needs {needed.width()}x{needed.height()}, has {width}x{view.rowHeight(row)}")
    return cut


def settle(qtbot: QtBot, page: RequirementsPage) -> None:
    """The page laid out and "What counts" measured (its rows and height follow the columns' widths)."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not page.counts_timer.isActive() and page.counts_view.isVisible())
    QApplication.processEvents()
    assert page.counts_view.height() == page.counts_height()


@pytest.mark.parametrize("size", [(1366, 768), (800, 480)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_what_counts_shows_its_rows_whole_at_any_size(window: MainWindow, qtbot: QtBot,
                                                      size: tuple[int, int]) -> None:
    """At least 8 rows, as tall as their wrapped texts, or all of them; at most the page's height, so that the
    page's own scroll bar is the only one until a table outgrows the window."""
    log_a_busy_year(12)
    page = page_of(window)
    window.resize(*size)
    view = page.counts_view
    settle(qtbot, page)
    assert clipped(window) == []
    assert cut_cells(view, (1, 2, 5)) == []
    assert {view.model().index(r, 2).data(Qt.ItemDataRole.ToolTipRole) for r in range(4)} == {
        "Workshop", "Coaching given (ICMA program)", "Mentoring given", "Leadership institute"}
    whole = [r for r in range(view.model().rowCount())
             if view.viewport().rect().contains(view.visualRect(view.model().index(r, 1)))]
    room = page.area.viewport().height()
    if size == (1366, 768):
        assert len(whole) == 12 and view.verticalScrollBar().maximum() == 0  # all of them: no scroll in a scroll
    else:
        assert len(whole) >= 8 and view.height() <= room
    reasons = {view.model().index(r, 5).data() for r in range(view.model().rowCount())}
    assert "over the cap of 20 h a year" in reasons

    # A year that outgrows the window: the table is as tall as the page shows, and scrolls itself.
    log_a_busy_year(60)
    page.refresh()
    settle(qtbot, page)
    assert room - 80 <= view.height() <= room and view.verticalScrollBar().maximum() > 0
    assert clipped(window) == []
