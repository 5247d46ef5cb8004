"""Copy for the ICMA portal: the fields of each activity in the form's order as exactly the text stored (Qt-free),
and the report page's view of them: a Copy button per field that puts its value on the clipboard, Copy all,
previous / next, the empty year, and the shortcut that opens it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from test_accessibility import unnamed

from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.annual_report import build_report_data
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.plans import GoalData, save_goal
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.reports.portal import (
    PortalField,
    activity_text,
    portal_fields,
    portal_report_fields,
    portal_text,
)
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.report.page import ReportPage
from wethrive_desktop.ui.report.portal import PortalCopyDialog

D = Decimal
YEAR = 2024
TODAY = date(2025, 2, 10)
LEARNED = ("Đổi mới: I learned to frame every budget request around the service level it protects,\n"
           "and applied it to our capital requests \u2014 « 東京 » & <b>not markup</b>.")


def _store() -> None:
    save_profile(ProfileData(name="Nguyễn Thị Hồng", member_number="", program_entry_date=date(2022, 1, 1)),
                 today=TODAY)
    save_activity(ActivityData(date(YEAR, 5, 2), "Regional Summit: Ōtsu & Kraków", D("30.25"), "conference",
                               end_date=date(YEAR, 5, 4), provider="ICMA", practices=(7, 3, 14),
                               description="Every session, and a panel.", learned=LEARNED))
    save_activity(ActivityData(date(YEAR, 2, 1), "Budgeting webinar", D("1.5"), "webinar", practices=(12,),
                               description="Live.", learned="Budgets."))
    save_activity(ActivityData(date(YEAR, 8, 1), "Equity course", D(12), "e-course", description="All modules."))


@pytest.fixture
def window(make_window: Callable[..., MainWindow], db_path: Path,
           frozen_today: Callable[[date], None]) -> MainWindow:
    frozen_today(TODAY)
    open_database(db_path)
    _store()
    close_database()
    return make_window()


def page_of(window: MainWindow) -> ReportPage:
    page = window.show_page("reportPage")
    assert isinstance(page, ReportPage)
    return page


def copy_button(dialog: PortalCopyDialog, accessible_name: str) -> QPushButton:
    found = [b for b in dialog.findChildren(QPushButton)
             if b.accessibleName() == accessible_name and b.isVisibleTo(dialog)]
    assert len(found) == 1, accessible_name
    return found[0]


def shown(dialog: PortalCopyDialog, label: str) -> str:
    """The text the view shows for the field `label` (its read-only box is named after it)."""
    found = [w for w in dialog.findChildren(QWidget) if w.accessibleName() == label and w.isVisibleTo(dialog)]
    assert len(found) == 1, label
    box = found[0]
    assert isinstance(box, QLineEdit | QPlainTextEdit) and box.isReadOnly()
    return box.text() if isinstance(box, QLineEdit) else box.toPlainText()


# --- the fields, without Qt ---------------------------------------------------------------------------------


def test_an_activitys_fields_come_in_the_forms_order_as_stored(db: object, frozen_today: Callable[[date], None]
                                                              ) -> None:
    frozen_today(TODAY)
    _store()
    data = build_report_data(YEAR, TODAY)
    assert [a.title for a in data.activities] == ["Budgeting webinar", "Regional Summit: Ōtsu & Kraków",
                                                  "Equity course"]
    summit = data.activities[1]
    assert portal_fields(summit, data) == [
        PortalField("Activity name", "Regional Summit: Ōtsu & Kraków"),
        PortalField("Date(s)", "May 2\u20134, 2024"),
        PortalField("Provider", "ICMA"),
        PortalField("Hours", "30.25"),
        PortalField("Practice area(s)",
                    "3 Equity and Inclusion; 7 Strategic Planning; 14 Communication and Information Sharing"),
        PortalField("How I took part", "Every session, and a panel.", long=True),
        PortalField("What I learned", LEARNED, long=True),
        PortalField("Activity type", "Conference"),
    ]
    course = portal_fields(data.activities[2], data)
    assert [(f.label, f.text) for f in course if not f.text] == [("Provider", ""), ("Practice area(s)", ""),
                                                                  ("What I learned", "")]
    texts = {f.label: f.text for f in course}
    assert texts["Date(s)"] == "August 1, 2024" and texts["Hours"] == "12"


def test_copy_all_is_the_activity_as_plain_text_without_its_empty_fields(db: object) -> None:
    _store()
    data = build_report_data(YEAR, TODAY)
    text = activity_text(data.activities[2], data)
    assert text == ("Professional Development Activity #3\n"
                    "Activity name: Equity course\n"
                    "Date(s): August 1, 2024\n"
                    "Hours: 12\n\n"
                    "How I took part:\nAll modules.\n\n"
                    "Activity type: E-course")
    assert LEARNED in activity_text(data.activities[1], data)
    assert portal_text([]) == ""


def test_the_reports_own_fields_follow_the_activities(db: object) -> None:
    _store()
    save_goal(YEAR, GoalData(None, "Lead a budget process built on équité.", "long", (12,)))
    data = build_report_data(YEAR, TODAY)
    fields = {f.label: f.text for f in portal_report_fields(data)}
    assert list(fields) == ["Development needs addressed", "Learning goals addressed",
                            "360 (multi-rater) assessment progress", f"Plan for {YEAR + 1}", "Summary reflection"]
    assert fields["Learning goals addressed"].startswith(
        "Long-term goal (3\u20135 years): Lead a budget process built on équité.\n"
        "Practices: 12 Financial Management and Budgeting\nAddressed by activities #1")
    assert fields["360 (multi-rater) assessment progress"] == data.multirater.describe(TODAY)
    assert fields[f"Plan for {YEAR + 1}"] == "" and fields["Summary reflection"] == ""


# --- the view on the report page ----------------------------------------------------------------------------


def test_each_copy_button_puts_its_fields_value_on_the_clipboard(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    QTest.mouseClick(page.portal_button, Qt.MouseButton.LeftButton)
    dialog = page.portal_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.position_label.text() == "Activity 1 of 3"
    assert unnamed(dialog, dialog) == []
    dialog.show_activity(1)
    assert dialog.position_label.text() == "Activity 2 of 3"
    assert page.data is not None
    for label, text, _long in portal_fields(page.data.activities[1], page.data):
        button = copy_button(dialog, f"Copy {label}")
        QGuiApplication.clipboard().clear()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text() == text
        assert dialog.copied_label.text() == f"Copied: {label}"
    assert QGuiApplication.clipboard().text() == "Conference"
    copy_button(dialog, "Copy What I learned").click()
    assert QGuiApplication.clipboard().text() == LEARNED  # the line break, the markup and the Unicode as stored
    # An empty field has nothing to copy (the clipboard is not cleared by mistake).
    dialog.show_activity(2)
    assert not copy_button(dialog, "Copy What I learned").isEnabled()
    assert copy_button(dialog, "Copy How I took part").isEnabled()


def test_next_and_previous_move_between_the_activities(window: MainWindow, qtbot: QtBot) -> None:
    dialog = page_of(window).open_portal_copy()
    assert not dialog.previous_button.isEnabled() and shown(dialog, "Activity name") == "Budgeting webinar"
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.position_label.text() == "Activity 2 of 3"
    assert shown(dialog, "Activity name") == "Regional Summit: Ōtsu & Kraków"
    assert shown(dialog, "What I learned") == LEARNED
    assert dialog.activity_combo.currentText() == "#2  Regional Summit: Ōtsu & Kraków"
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.position_label.text() == "Activity 3 of 3" and not dialog.next_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert dialog.position_label.text() == "Activity 2 of 3"
    QTest.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    assert dialog.position_label.text() == "Activity 1 of 3" and not dialog.previous_button.isEnabled()
    dialog.activity_combo.setCurrentIndex(2)
    assert shown(dialog, "Activity name") == "Equity course" and shown(dialog, "What I learned") == ""
    assert dialog.copy_all_button.accessibleName() == "Copy all of activity #3"


def test_copy_all_copies_the_whole_activity(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    dialog = page.open_portal_copy()
    dialog.show_activity(1)
    QTest.mouseClick(dialog.copy_all_button, Qt.MouseButton.LeftButton)
    assert page.data is not None
    assert QGuiApplication.clipboard().text() == activity_text(page.data.activities[1], page.data)
    assert QGuiApplication.clipboard().text().startswith("Professional Development Activity #2\n"
                                                         "Activity name: Regional Summit: Ōtsu & Kraków\n")
    assert dialog.copied_label.text() == "Copied: all of activity #2"


def test_a_year_without_activities_says_so(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    page.set_year(2019)
    dialog = page.open_portal_copy()
    assert dialog.empty_label.isVisibleTo(dialog) and "No activities with hours were recorded for 2019" in \
        dialog.empty_label.text()
    assert not dialog.activity_grid.isVisibleTo(dialog) and not dialog.copy_all_button.isEnabled()
    assert not dialog.next_button.isEnabled() and not dialog.previous_button.isEnabled()
    assert "2019" in dialog.windowTitle()
    # The report's own fields can still be copied.
    dialog.tabs.setCurrentIndex(1)
    copy_button(dialog, "Copy 360 (multi-rater) assessment progress").click()
    assert QGuiApplication.clipboard().text().startswith("Not yet completed.")
    QTest.mouseClick(dialog.copy_report_button, Qt.MouseButton.LeftButton)
    assert page.data is not None and page.data.year == 2019
    assert QGuiApplication.clipboard().text() == portal_text(portal_report_fields(page.data))
    assert dialog.copied_label.text() == "Copied: all of the report\u2019s fields"


def test_the_shortcut_opens_the_view_and_it_follows_the_page(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    page.activity_list.setFocus()
    qtbot.waitUntil(lambda: page.activity_list.hasFocus())
    QTest.keyClick(page.activity_list, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = page.portal_dialog
    assert dialog is not None and dialog.isVisible()
    assert page.portal_button.toolTip().endswith("(Ctrl+Shift+C)")
    # Text typed on the page is what the view copies, and the same dialog comes back.
    page.tabs.setCurrentIndex(0)
    page.select_activity(page.data.activities[0].activity_id if page.data else 0)
    page.learned_field.edit.setPlainText("Typed just now: ½ hour well spent.")
    assert page.open_portal_copy() is dialog
    copy_button(dialog, "Copy What I learned").click()
    assert QGuiApplication.clipboard().text() == "Typed just now: ½ hour well spent."
