"""The annual report page for ICMA's counting (issue 14), driven with pytest-qt: the choice between a reflection per
activity and one narrative for the year (saved at once, the narrative autosaved as typed, both back after a
restart), the readiness check that follows it, an extension granted, and the hours that count in the status line and
the Summary tab; the narrative's view fits at 1366x768 and 800x480, its access keys work and its text is
translated."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from test_screens_report import page_area
from ui_checks import clipped, mnemonic_problems, untranslated

from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.annual_report import NARRATIVE_MIN_WORDS, get_draft
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.reflections import word_count
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.report.narrative import PER_ACTIVITY, WHOLISTIC
from wethrive_desktop.ui.report.page import REFLECTIONS_TAB, SUMMARY_TAB, ReportPage

D = Decimal
YEAR = 2024
TODAY = date(2025, 2, 10)
LEARNED = ("I learned to frame every budget request around the service level it protects, and I applied it when "
           "our department rewrote its capital requests, which the council then discussed far more easily.")
SENTENCE = "This year I learned to lead budget work with the people who deliver the services every day. "
MENTEE = MentoringData("Jordan Lee", "MPA student intern", False, "", date(2024, 1, 8), date(2024, 12, 16),
                       "Twice a month", "Budgeting and council relations")


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    """The issue's member: 26 h of mentoring given and 30 h of workshops, one of them with no reflection yet."""
    open_database(db_path)
    save_profile(ProfileData(name="Nguyễn Thị Hồng", member_number="123456", credential_status="credentialed",
                             program_entry_date=date(2022, 1, 1)), today=TODAY)
    found = {
        "mentoring": save_activity(ActivityData(date(YEAR, 1, 8), "Mentoring an MPA intern", D(26), "mentoring",
                                                end_date=date(YEAR, 12, 16), practices=(4,), description="Met.",
                                                learned=LEARNED, meets_conditions=True, mentoring=MENTEE)),
        "budget": save_activity(ActivityData(date(YEAR, 3, 5), "Budgeting workshop", D(14), "workshop",
                                             practices=(12,), description="Attended.", learned=LEARNED)),
        "bare": save_activity(ActivityData(date(YEAR, 9, 10), "Leading change workshop", D(16), "workshop",
                                           practices=(6,))),
    }
    close_database()
    return found


@pytest.fixture
def window(make_window: Callable[..., MainWindow], ids: dict[str, int],
           frozen_today: Callable[[date], None]) -> MainWindow:
    frozen_today(TODAY)
    return make_window()


def page_of(window: MainWindow) -> ReportPage:
    page = window.show_page("reportPage")
    assert isinstance(page, ReportPage) and page.year() == YEAR
    return page


def keys(page: ReportPage) -> set[str]:
    return {i.key for i in page.items if not i.ok}


def test_the_status_line_and_the_summary_say_what_counts(window: MainWindow) -> None:
    page = page_of(window)
    assert "56 h logged, 50 h count (40 required)" in page.status_label.text()
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    counting = page.summary.counting_label.text()
    assert "56 h logged, 50 h count toward the 40 h commitment." in counting
    # The cap reads as everywhere else (models.requirements' CapUse.describe: the dashboard, Requirements page).
    assert "\u2022 Mentoring given: 26 h logged, 20 h count (at most 20 h a year)<br>" in counting + "<br>"
    page.tabs.setCurrentIndex(REFLECTIONS_TAB)
    assert page.activity_list.item(0).text().splitlines() == ["#1  Mentoring an MPA intern",
                                                              "1/8/2024 \u2013 12/16/2024 \u00b7 26 h, 20 h count"]
    assert page.activity_list.item(1).text().endswith("\u00b7 14 h")
    page.select_activity(page.data.activities[0].activity_id if page.data else 0)
    assert "26 h logged, 20 h count (Mentoring given: at most 20 h a year)" in (
        page.reflections.activity_details.text())


def test_the_year_written_as_one_narrative_is_saved_checked_and_back_after_a_restart(
        window: MainWindow, make_window: Callable[..., MainWindow], qtbot: QtBot, ids: dict[str, int]) -> None:
    page = page_of(window)
    area = page.reflections_area
    assert page.per_activity_radio.isChecked() and area.stack.currentIndex() == PER_ACTIVITY
    assert f"activity-{ids['bare']}" in keys(page)  # a reflection per activity is asked

    page.wholistic_radio.click()
    assert get_draft(YEAR).wholistic  # the choice is stored at once
    assert area.stack.currentIndex() == WHOLISTIC and page.narrative_field.edit.isVisible()
    assert not page.description_field.edit.isVisible()
    assert f"activity-{ids['bare']}" not in keys(page) and "narrative" in keys(page)
    assert page.readiness_panel.buttons["narrative"].text() == "Write it"

    page.narrative_field.edit.setFocus()
    QTest.keyClicks(page.narrative_field.edit, "A short start")
    assert f"3 / {NARRATIVE_MIN_WORDS} words" in page.narrative_field.count.text()
    narrative = next(i for i in page.items if i.key == "narrative")  # before it is saved: the check follows typing
    assert narrative.message == f"The narrative for the year has 3 of {NARRATIVE_MIN_WORDS} words"
    qtbot.waitUntil(lambda: get_draft(YEAR).narrative == "A short start", timeout=5000)
    assert page.reflections_area.saved_label.text() == "Saved"

    page.narrative_field.edit.insertPlainText(" " + SENTENCE * 12)  # (a paste)
    text = page.narrative_field.text().strip()
    assert word_count(text) >= NARRATIVE_MIN_WORDS and "narrative" not in keys(page)
    page.save_now()  # Ctrl+S stores it without waiting for the pause
    assert get_draft(YEAR).narrative == text
    page.narrative_field.edit.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(page.narrative_field.edit, "Last words")
    text = page.narrative_field.text().strip()
    assert text.endswith("every day. Last words") and get_draft(YEAR).narrative != text

    window.close()  # what is typed is saved on closing, without waiting for the pause
    again = page_of(make_window())
    assert again.wholistic_radio.isChecked() and again.narrative_field.text() == text
    assert again.first_field() is again.narrative_field.edit

    again.per_activity_radio.click()  # back to a reflection per activity: the narrative is kept
    assert not get_draft(YEAR).wholistic and get_draft(YEAR).narrative == text
    assert again.reflections_area.stack.currentIndex() == PER_ACTIVITY
    assert f"activity-{ids['bare']}" in keys(again) and "narrative" not in keys(again)


def test_in_one_narrative_the_summary_reflection_gives_way_and_comes_back(window: MainWindow,
                                                                           qtbot: QtBot) -> None:
    """The narrative is the year's reflection: the Summary tab shows no second year-level text (a note says where
    the narrative is, with a button to it); what was typed in the summary is kept and shown again."""
    page = page_of(window)
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    page.summary_field.edit.setFocus()
    QTest.keyClicks(page.summary_field.edit, "A year of mentoring")
    assert page.summary_field.isVisible() and not page.summary.narrative_note.isVisible()

    page.tabs.setCurrentIndex(REFLECTIONS_TAB)
    page.wholistic_radio.click()  # what was typed in the summary is saved first
    assert get_draft(YEAR).summary_reflection == "A year of mentoring"
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    assert not page.summary_field.isVisible()
    assert page.summary.narrative_note.isVisible() and "one narrative" in page.summary.narrative_note.text()
    page.summary.narrative_button.click()
    assert page.tabs.currentIndex() == REFLECTIONS_TAB
    qtbot.waitUntil(page.narrative_field.edit.hasFocus)

    page.per_activity_radio.click()
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    assert page.summary_field.isVisible() and not page.summary.narrative_note.isVisible()
    assert page.summary_field.text() == "A year of mentoring" == get_draft(YEAR).summary_reflection


def test_the_page_agrees_with_the_dashboard_on_what_a_retired_manager_and_a_member_who_left_are_asked(
        window: MainWindow) -> None:
    """Retired: the report is asked (only the 360 is waived), so next year's plan is among the fixes; no longer in
    local-government service: the page says first that no yearly report is asked, and the 360 is not asked."""
    from wethrive_desktop.models.dashboard import reports_yearly
    from wethrive_desktop.models.profile import get_profile
    from wethrive_desktop.models.tables import Profile

    page = page_of(window)
    for change, asked in (({"credential_status": "retired"}, True), ({"service_status": "left"}, False)):
        Profile.update(**{"credential_status": "credentialed", "service_status": "serving", **change}).execute()
        page.refresh()
        items = {i.key: i for i in page.items}
        assert reports_yearly(get_profile()) is asked
        assert ("asked" not in items) is asked and items["multirater"].ok
        assert "plan" in keys(page)  # "The 2025 plan has not been started": asked of both
        shown = page.readiness_panel.findChildren(QLabel)
        assert any("asks no yearly report" in label.text() for label in shown) is not asked


def test_the_narrative_fix_button_takes_the_user_to_the_narrative(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    page.wholistic_radio.click()
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    page.readiness_panel.buttons["narrative"].click()
    assert page.tabs.currentIndex() == REFLECTIONS_TAB
    qtbot.waitUntil(page.narrative_field.edit.hasFocus)


def test_an_extension_is_set_on_the_page_shown_in_the_status_and_cleared(window: MainWindow) -> None:
    page = page_of(window)
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    assert not page.extension_granted.isChecked() and not page.extension_date.isEnabled()
    assert page.extension_date.minimumDate() == QDate(YEAR + 1, 1, 1)  # it can only run past the reporting year
    page.extension_granted.click()
    page.extension_date.setDate(QDate(2025, 6, 30))
    assert get_draft(YEAR).extension_until == date(2025, 6, 30)
    assert "extension granted until June 30, 2025" in page.status_label.text()
    page.extension_granted.click()
    assert get_draft(YEAR).extension_until is None and "extension" not in page.status_label.text()


@pytest.mark.parametrize("size", [(1366, 768), (800, 480)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_narrative_view_fits_and_its_access_keys_work(window: MainWindow, qtbot: QtBot,
                                                          size: tuple[int, int]) -> None:
    page = page_of(window)
    page.wholistic_radio.click()
    with page_area(qtbot, window, page, size) as area:
        for tab in (REFLECTIONS_TAB, SUMMARY_TAB):
            page.tabs.setCurrentIndex(tab)
            QTest.qWait(10)
            assert clipped(area) == [], (size, tab)
            assert mnemonic_problems(area) == [], (size, tab)


def test_the_narrative_view_shows_only_translated_text(pseudo_translation: None, window: MainWindow,
                                                       qtbot: QtBot) -> None:
    page = page_of(window)
    page.wholistic_radio.click()
    with page_area(qtbot, window, page, (1366, 768)) as area:
        for tab in (REFLECTIONS_TAB, SUMMARY_TAB):
            page.tabs.setCurrentIndex(tab)
            QTest.qWait(10)
            assert untranslated(area) == [], tab
