"""The dashboard page driven with pytest-qt: first page, progress and pace, charts, milestones, the lists that
lead to an activity (for editing) or the plan, the Reminders card and its buttons, and the page's fit at three
screen sizes, its access keys and its translation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_checks import clipped, mnemonic, mnemonic_problems, untranslated

from wethrive_desktop.models.activities import ActivityData, ActivityRecord, save_activity
from wethrive_desktop.models.challenge import record_zero_hour_entry, set_signup
from wethrive_desktop.models.dashboard import DashboardData, dashboard_data
from wethrive_desktop.models.eligibility import ExperienceData, save_experience
from wethrive_desktop.models.plans import PlanItemData, save_item
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.ui.dashboard import page as dashboard_page
from wethrive_desktop.ui.dashboard.page import DashboardPage
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.pages import PAGES
from wethrive_desktop.ui.widgets import form_dialog
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, SORT_ROLE

if TYPE_CHECKING:
    from qt_types import ModelTester

TODAY = date(2026, 3, 15)


@pytest.fixture
def window(make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None]) -> MainWindow:
    frozen_today(TODAY)
    return make_window()


def page_of(window: MainWindow) -> DashboardPage:
    page = window.pages["dashboardPage"]
    assert isinstance(page, DashboardPage)
    return page


def add(start: date, title: str, hours: str, practices: tuple[int, ...] = (), key: str | None = None,
        status: str = "completed") -> int:
    return save_activity(ActivityData(start, title, Decimal(hours), "webinar", practices=practices,
                                      challenge_key=key, status=status))


def test_dashboard_is_the_first_page_and_shown_at_start(window: MainWindow) -> None:
    assert PAGES[0].load() is DashboardPage
    assert window.stack.currentWidget() is page_of(window)


def test_empty_database_shows_zero_and_the_whole_commitment_to_go(window: MainWindow) -> None:
    page = page_of(window)
    assert page.ring.big == "0" and page.ring.small == "of 40 h"
    assert "40 h to go" in page.pace_label.text()
    assert "10 months left" in page.pace_label.text()
    assert page.points_label.text() == "0"
    assert page.upcoming_empty.isVisibleTo(page) and not page.upcoming_view.isVisibleTo(page)
    assert page.recent_empty.isVisibleTo(page) and not page.recent_view.isVisibleTo(page)
    assert page.milestone_texts()["designation"] == "No designation"


def test_figures_follow_the_data_when_it_changes(window: MainWindow, qtmodeltester: ModelTester) -> None:
    add(date(2026, 1, 10), "Budget webinar", "1.5", (12,), key="icmau-webinar")
    add(date(2026, 2, 3), "Strategic planning workshop", "6", (6, 7))
    add(date(2026, 2, 20), "Planned summit", "7", status="planned")
    record_zero_hour_entry(date(2026, 3, 1), "fund-donation")
    set_signup(True)
    window.data_changed.emit()
    page = page_of(window)
    assert page.ring.big == "7.5"
    assert "32.5 h to go" in page.pace_label.text() and "3.25 h a month" in page.pace_label.text()
    assert page.points_label.text() == "18"  # 10 + 5 + 3 for signing up
    assert "2 entries in 2026 + 3 for signing up" == page.points_detail.text()
    assert page.practice_chart.values()[11] == 1.5  # practice 12
    assert page.practice_chart.values()[5] == 3.0 and page.practice_chart.values()[6] == 3.0
    assert len(page.practice_chart.values()) == 14
    assert page.month_chart.values()[:3] == [1.5, 6.0, 0.0]
    assert page.practice_chart.tips[11] == "12. Financial Management and Budgeting: 1.5 h"
    # The donation is a challenge entry, not PD: it is not among the recent activities.
    assert [r.data.title for r in page.recent_model.records] == ["Strategic planning workshop", "Budget webinar"]
    qtmodeltester.check(page.recent_model)


def test_met_commitment_shows_the_date(window: MainWindow) -> None:
    add(date(2026, 1, 10), "Conference", "24")
    add(date(2026, 2, 12), "Institute", "18")
    window.data_changed.emit()
    page = page_of(window)
    assert page.ring.met and page.ring.fraction == 1.0
    assert "Commitment met on February 12, 2026" in page.pace_label.text()


def test_milestones_for_a_credentialed_member(window: MainWindow) -> None:
    save_profile(ProfileData(credential_status="credentialed", program_entry_date=date(2020, 1, 6),
                             credentialed_date=date(2020, 6, 1)), today=TODAY)
    window.data_changed.emit()
    texts = page_of(window).milestone_texts()
    assert texts["designation"] == "ICMA Credentialed Manager (ICMA-CM) since June 1, 2020"
    assert texts["multirater"] == "Overdue: was due by January 6, 2025"
    assert texts["annual-report"] == "Not started"


def test_double_clicking_a_recent_activity_opens_it_for_editing(window: MainWindow, qtbot: QtBot,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    activity_id = add(date(2026, 2, 3), "Ethics refresher", "2")
    window.data_changed.emit()
    opened: list[ActivityRecord] = []

    def fake_open(parent: Any, record: ActivityRecord) -> None:
        opened.append(record)

    monkeypatch.setattr(form_dialog, "open_activity_dialog", fake_open)
    page = page_of(window)
    view = page.recent_view
    view.doubleClicked.emit(view.model().index(0, 1))
    assert [(r.id, r.data.title) for r in opened] == [(activity_id, "Ethics refresher")]


def test_the_real_activity_dialog_opens_on_the_activity(window: MainWindow, qtbot: QtBot) -> None:
    from wethrive_desktop.ui.activities.dialog import ActivityDialog

    add(date(2026, 2, 3), "Ethics refresher", "2")
    window.data_changed.emit()
    page = page_of(window)
    page.recent_view.doubleClicked.emit(page.recent_view.model().index(0, 0))  # what a double-click sends
    dialog = window.findChild(ActivityDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.activity_id is not None and "Ethics refresher" in dialog.windowTitle()
    dialog.done(0)


def test_upcoming_plan_items_lead_to_the_plan(window: MainWindow) -> None:
    save_item(2026, PlanItemData(None, "Regional Summit", "ICMA", "conference", date(2026, 5, 6), None,
                                 Decimal(7), None, (6,), "planned", None))
    save_item(2026, PlanItemData(None, "Old workshop", "", "workshop", date(2026, 1, 6), None,
                                 Decimal(2), None, (), "planned", None))
    window.data_changed.emit()
    page = page_of(window)
    assert [i.title for i in page.upcoming_model.records] == ["Regional Summit"]
    assert page.upcoming_view.isVisibleTo(page)
    page.upcoming_view.doubleClicked.emit(page.upcoming_view.model().index(0, 0))
    assert window.stack.currentWidget() is window.pages["plannerPage"]


def test_open_challenge_button_switches_page(window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    page = page_of(window)
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "Open &challenge")
    button.click()
    assert window.stack.currentWidget() is window.pages["challengePage"]


def test_fits_a_1366x768_screen_without_scrolling(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QScrollArea

    window.resize(1280, 720)
    qtbot.wait(10)
    scroll = page_of(window).findChild(QScrollArea)
    assert scroll is not None
    assert scroll.verticalScrollBar().maximum() == 0


@pytest.mark.parametrize("tallest,top,ticks", [(0, 1, 6), (3, 5, 6), (9.5, 10, 6), (18, 20, 5), (20, 25, 6),
                                                (61, 100, 6)])
def test_chart_axis_is_round_with_room_above_the_tallest_bar(window: MainWindow, tallest: float, top: float,
                                                             ticks: int) -> None:
    chart = page_of(window).month_chart
    chart.set_values([tallest] + [0.0] * 11)
    assert (chart.y_axis.max(), chart.y_axis.tickCount()) == (top, ticks)


def test_a_hidden_dashboard_catches_up_when_shown(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    window.show_page("challengePage")
    calls: list[int] = []
    real = dashboard_data

    def counting(today: date) -> DashboardData:
        calls.append(1)
        return real(today)

    monkeypatch.setattr(dashboard_page, "dashboard_data", counting)
    add(date(2026, 2, 3), "Workshop", "3")
    window.data_changed.emit()
    assert calls == []  # not reloaded while hidden
    window.show_page("dashboardPage")
    assert calls == [1] and page.ring.big == "3"


def test_hours_over_the_commitment_read_85_h_40_required(window: MainWindow) -> None:
    for month in range(1, 5):
        add(date(2026, month, 10), "Institute", "20")
    add(date(2026, 5, 12), "Webinar", "5")
    window.data_changed.emit()
    ring = page_of(window).ring
    assert f"{ring.big} {ring.small}" == "85 h (40 required)" == ring.accessibleName()
    assert "of 40" not in ring.small


def test_hours_under_the_commitment_read_39_of_40_h(window: MainWindow) -> None:
    add(date(2026, 1, 10), "Conference", "20")
    add(date(2026, 2, 10), "Institute", "19")
    window.data_changed.emit()
    ring = page_of(window).ring
    assert (ring.big, ring.small) == ("39", "of 40 h") and ring.accessibleName() == "39 of 40 h"


def test_the_pace_on_november_30_says_what_is_to_go_by_december_31(
        make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None]) -> None:
    frozen_today(date(2026, 11, 30))
    window = make_window()
    add(date(2026, 1, 10), "Conference", "20")
    add(date(2026, 2, 10), "Institute", "19")
    window.data_changed.emit()
    text = page_of(window).pace_label.text()
    assert "1 h to go by December 31" in text
    assert "a month" not in text and "months left" not in text


def test_one_challenge_entry_is_singular(window: MainWindow) -> None:
    record_zero_hour_entry(date(2026, 3, 1), "fund-donation")
    window.data_changed.emit()
    assert page_of(window).points_detail.text() == "1 entry in 2026"


def test_the_practice_axis_numbers_tell_their_practice_on_hover(window: MainWindow, qtbot: QtBot,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication

    from wethrive_desktop.models.domain import PRACTICES
    from wethrive_desktop.ui.widgets import bar_chart

    shown: list[str] = []

    class FakeToolTip:  # the offscreen platform warns when a real tooltip window is raised
        @staticmethod
        def showText(pos: QPoint, text: str, widget: object = None) -> None:
            shown.append(text)

        @staticmethod
        def hideText() -> None:
            pass

    monkeypatch.setattr(bar_chart, "QToolTip", FakeToolTip)

    add(date(2026, 2, 3), "Strategic planning workshop", "6", (6, 7))
    window.data_changed.emit()
    chart = page_of(window).practice_chart
    window.show_page("dashboardPage")
    qtbot.waitUntil(lambda: chart.chart().plotArea().width() > 100)
    area = chart.chart().mapRectToScene(chart.chart().plotArea())
    column = area.width() / 14
    below_axis = round(area.bottom() + 8)  # on the axis labels, under the plot
    for number in (1, 7, 14):
        x = round(area.left() + column * (number - 0.5))
        tip = chart.tip_at(chart.mapFromScene(x, below_axis))
        assert tip is not None and tip.startswith(f"{number}. {PRACTICES[number]}: ")
    assert chart.tip_at(chart.mapFromScene(round(area.left() + column * 6.5), round(area.center().y()))) == \
        f"7. {PRACTICES[7]}: 3 h"
    assert chart.tip_at(chart.mapFromScene(round(area.left()) - 10, below_axis)) is None  # the value axis
    pos = chart.mapFromScene(round(area.left() + column * 0.5), below_axis)  # an empty bar's number
    QApplication.sendEvent(chart.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, chart.viewport().mapToGlobal(pos)))
    assert shown == [f"1. {PRACTICES[1]}: 0 h"]


# --- reminders ---------------------------------------------------------------------------------------------

def test_reminders_card_says_nothing_due_when_nothing_is(window: MainWindow) -> None:
    add(date(2026, 1, 10), "Institute", "20")  # on pace; no profile: no report, 360 or eligibility
    window.data_changed.emit()
    page = page_of(window)
    assert page.reminder_list.empty.isVisibleTo(page) and page.reminder_list.empty.text() == "Nothing due"
    assert page.reminder_list.texts() == {}


def every_reminder() -> None:
    """On TODAY: a Candidate since April 1, 2021 (360 due in 17 days) with the experience of a Credentialed
    Manager, no hours (behind pace) and no 2025 report."""
    save_profile(ProfileData(name="Ana", credential_status="candidate", program_entry_date=date(2021, 4, 1)),
                 today=TODAY)
    save_experience(ExperienceData("mpa", Decimal(8), Decimal(0), TODAY, "senior"), TODAY)


def test_reminders_card_shows_each_reminder_with_its_due_date(window: MainWindow) -> None:
    page = page_of(window)
    assert list(page.reminder_list.texts()) == ["pace-2026"]  # an empty database is behind pace in March
    every_reminder()
    window.data_changed.emit()  # the card refreshes with the page
    texts = page.reminder_list.texts()
    assert list(texts) == ["multirater-due", "pace-2026", "eligibility-cm", "report-due-2025"]
    assert "The 360-degree assessment is due</b> · Due April 1, 2026 — " in texts["multirater-due"]
    assert "Behind pace for 40 h in 2026</b> · Due December 31, 2026" in texts["pace-2026"]
    assert "Due" not in texts["eligibility-cm"] and not page.reminder_list.empty.isVisibleTo(page)
    assert {key: b.text() for key, b in page.reminder_list.buttons.items()} == {
        "multirater-due": "Open pr&ofile", "pace-2026": "Plan ho&urs", "eligibility-cm": "Check el&igibility",
        "report-due-2025": "Open &report"}
    assert mnemonic_problems(window) == []  # with every reminder's button shown


def test_an_overdue_reminder_says_when_it_was_due(make_window: Callable[..., MainWindow],
                                                  frozen_today: Callable[[date], None]) -> None:
    frozen_today(date(2026, 4, 3))
    window = make_window()
    save_profile(ProfileData(credential_status="candidate", program_entry_date=date(2021, 4, 1)),
                 today=date(2026, 4, 3))
    window.data_changed.emit()
    text = page_of(window).reminder_list.texts()["multirater-due"]
    assert "is overdue</b> · Was due April 1, 2026" in text


def test_reminder_buttons_go_where_they_say(window: MainWindow, qtbot: QtBot) -> None:
    from wethrive_desktop.ui.planner.page import PlannerPage
    from wethrive_desktop.ui.profile.dialog import ProfileDialog
    from wethrive_desktop.ui.profile.eligibility import EligibilityWidget
    from wethrive_desktop.ui.report.page import ReportPage

    every_reminder()
    window.data_changed.emit()
    buttons = page_of(window).reminder_list.buttons
    buttons["pace-2026"].click()
    planner = window.stack.currentWidget()
    assert isinstance(planner, PlannerPage) and planner.year == 2026
    window.show_page("dashboardPage")
    buttons["report-due-2025"].click()
    report = window.stack.currentWidget()
    assert isinstance(report, ReportPage) and report.year() == 2025
    window.show_page("dashboardPage")
    for key, on_eligibility in (("multirater-due", False), ("eligibility-cm", True)):
        buttons[key].click()
        dialog = window.findChild(ProfileDialog)
        assert dialog is not None and dialog.isVisible()
        current = dialog.tabs.currentWidget()
        assert (isinstance(current, EligibilityWidget) or current.findChild(EligibilityWidget) is not None) \
            == on_eligibility
        dialog.reject()
        qtbot.waitUntil(lambda: window.findChild(ProfileDialog) is None)


# --- fit, access keys, translation ---------------------------------------------------------------------------

# The page's area in the main window at 1366x768, 1024x600 and 800x480 (the window less its page list, menu bar
# and status bar), and a narrower one still; how many cards sit abreast there.
PAGE_AREAS = [((1202, 716), 3), ((860, 548), 2), ((636, 428), 2), ((480, 400), 1)]


@pytest.fixture
def demo_window(make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None],
                data_dir: Path) -> MainWindow:
    """The demo data on November 20, 2026, its member made a Candidate with every reminder showing."""
    from dataclasses import replace

    from wethrive_desktop.models.demo import ensure_demo_database
    from wethrive_desktop.models.profile import get_profile

    day = date(2026, 11, 20)
    frozen_today(day)
    window = make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True)
    save_profile(replace(get_profile(), credential_status="candidate", credentialed_date=None,
                         program_entry_date=date(2021, 12, 1), multirater_completed_date=None), today=day)
    save_experience(ExperienceData("mpa", Decimal(8), Decimal(0), day, "senior"), day)
    window.data_changed.emit()
    assert len(page_of(window).reminder_list.buttons) == 3
    return window


def standalone_page(window: MainWindow, qtbot: QtBot, size: tuple[int, int]) -> DashboardPage:
    """A dashboard page of `window`'s data shown on its own at `size` (the main window cannot be made smaller
    than its other pages allow)."""
    page = DashboardPage(window)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.mark.parametrize("size", [(1366, 768), (1024, 600), (800, 480)])
def test_the_window_fits_with_the_dashboard_shown(demo_window: MainWindow, qtbot: QtBot,
                                                  size: tuple[int, int]) -> None:
    page = page_of(demo_window)
    area = page.scroll_area
    demo_window.resize(*size)  # as near as the window allows (its minimum size is not the dashboard's to set)

    def settled() -> bool:  # the scroll area fits its content to the new width on the next turn of the event loop,
        # and its height to what the cards need at that width (a scroll bar may come, and the width change again)
        content = area.widget()
        return (content is not None and content.width() <= area.viewport().width()
                and content.height() >= content.heightForWidth(content.width()))

    qtbot.waitUntil(settled)
    assert demo_window.current_page() is page
    assert clipped(demo_window) == []


@pytest.mark.parametrize("size,columns", PAGE_AREAS)
def test_the_page_reflows_and_never_scrolls_sideways(demo_window: MainWindow, qtbot: QtBot,
                                                     size: tuple[int, int], columns: int) -> None:
    page = standalone_page(demo_window, qtbot, size)
    assert page.columns == columns
    assert clipped(page) == []
    assert not page.scroll_area.horizontalScrollBar().isVisible()
    content = page.scroll_area.widget()
    assert content is not None and content.width() <= page.scroll_area.viewport().width()
    for card in page.parts.values():  # every card within the page's width
        assert 0 <= card.x() and card.x() + card.width() <= content.width()


@pytest.mark.parametrize("size,scrolls,columns", [((860, 548), True, 2), ((1202, 1400), False, 3),
                                                  ((1202, 600), True, 3)])
def test_the_cards_are_laid_out_once_at_the_width_they_keep(demo_window: MainWindow, qtbot: QtBot,
                                                           size: tuple[int, int], scrolls: bool, columns: int) -> None:
    # A page taller than the window has its scroll bar before the cards are first laid out, and its columns for
    # its width, so they are laid out once, at the width left beside the bar (not at the whole width or in other
    # columns, then again); one that fits has no bar.
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    resized: list[QObject] = []

    class Resizes(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Resize:
                resized.append(watched)
            return False

    page = DashboardPage(demo_window)
    qtbot.addWidget(page)
    page.resize(*size)
    watcher = Resizes(page)
    for chart in (page.practice_chart, page.month_chart):
        chart.installEventFilter(watcher)
    page.show()
    qtbot.waitExposed(page)
    area = page.scroll_area
    content = area.widget()
    assert content is not None
    qtbot.waitUntil(lambda: content.height() >= content.heightForWidth(content.width()))
    QApplication.processEvents()  # anything the layout posted
    assert area.verticalScrollBar().isVisible() == scrolls
    assert page.columns == columns
    assert content.width() == area.viewport().width()
    assert sorted(map(id, resized)) == sorted(map(id, (page.practice_chart, page.month_chart)))


def test_the_scroll_bar_comes_and_goes_as_the_page_is_resized(demo_window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    page = standalone_page(demo_window, qtbot, (860, 548))
    area = page.scroll_area
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() > 0)
    page.resize(1202, 1400)  # now everything fits: no bar is left behind
    qtbot.waitUntil(lambda: not bar.isVisible())
    content = area.widget()
    assert content is not None and content.width() == area.viewport().width() == 1202
    page.resize(860, 548)
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() > 0)
    assert area.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded  # Qt decides between resizes


def test_access_keys_are_unique_and_work_and_leave_the_menus_theirs(demo_window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    page = page_of(demo_window)
    letters = [mnemonic(b.text()) for b in page.findChildren(QPushButton) if b.isVisibleTo(page)]
    assert sorted(letter for letter in letters if letter) == ["A", "C", "I", "O", "P", "Q", "R"]
    assert mnemonic_problems(demo_window) == []


def test_every_text_is_translated(demo_window: MainWindow, qtbot: QtBot, pseudo_translation: None) -> None:
    page = standalone_page(demo_window, qtbot, (1202, 716))  # built under the pseudo-translation
    assert untranslated(page) == []
    assert page.practice_chart.chart().title() == "\u27e6Hours by practice\u27e7"
    assert page.practice_chart.tips[0].startswith("\u27e6")
    assert all(tip.startswith("\u27e6") for tip in page.month_chart.tips)
    assert page.hours_title is not None and page.hours_title.text() == "\u27e6Hours in 2026\u27e7"


def test_dates_follow_the_locale_and_sort_by_date(demo_window: MainWindow) -> None:
    page = page_of(demo_window)
    model = page.recent_view.model()
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert shown[:2] == ["11/16/2026", "11/6/2026"]  # the locale's short date (en_US here)
    days = [model.index(row, 0).data(RECORD_ROLE).start_date for row in range(model.rowCount())]
    assert days == sorted(days, reverse=True)  # newest first, by the date, not its text ("11/6" < "9/23")
    assert model.index(0, 0).data(SORT_ROLE) == date(2026, 11, 16)  # a sort goes by the date itself
    assert page.milestone_texts()["designation"] == "ICMA-CM Candidate since December 1, 2021"


# --- the hours that count and the other requirements (issue 14) ----------------------------------------------

def counting_data() -> None:
    """26 h of mentoring given and 30 h of workshops: 56 h logged, 50 h count (mentoring is capped at 20)."""
    save_activity(ActivityData(date(2026, 1, 12), "Mentoring an MPA intern", Decimal(14), "mentoring"))
    save_activity(ActivityData(date(2026, 2, 9), "Mentoring an MPA intern (spring)", Decimal(12), "mentoring"))
    save_activity(ActivityData(date(2026, 2, 16), "Budget workshop", Decimal(15), "workshop",
                               end_date=date(2026, 2, 17)))
    save_activity(ActivityData(date(2026, 3, 2), "Leadership workshop", Decimal(15), "workshop",
                               end_date=date(2026, 3, 3)))


def requirements_page_exists() -> bool:
    return any(entry.object_name == "requirementsPage" for entry in PAGES)


def test_the_hours_that_count_are_shown_with_the_hours_logged_and_why(window: MainWindow) -> None:
    counting_data()
    window.data_changed.emit()
    page = page_of(window)
    assert (page.ring.big, page.ring.small) == ("50", "h (40 required)") and page.ring.met
    assert "Commitment met on March 3, 2026" in page.pace_label.text()
    assert page.counting_label.isVisibleTo(page)
    assert page.counting_label.text() == ("<b>56 h logged, 50 h count</b><br>Mentoring given: 26 h logged, 20 h "
                                          "count (at most 20 h a year)")
    assert page.requirement_texts()["icma-tenet-8"] == ("<b>ICMA Code of Ethics, Tenet 8</b><br>56 h logged, 50 h "
                                                        "count (40 required) · Met")  # the words of the counting


def test_every_hour_counting_says_nothing_more(window: MainWindow) -> None:
    add(date(2026, 1, 10), "Budget webinar", "1.5")
    window.data_changed.emit()
    page = page_of(window)
    assert page.ring.big == "1.5" and not page.counting_label.isVisibleTo(page)


def test_the_requirements_card_lists_each_requirement_and_leads_to_its_page(window: MainWindow) -> None:
    from wethrive_desktop.models.requirements.store import add_template

    save_activity(ActivityData(date(2026, 2, 3), "Ethics refresher", Decimal(1), "webinar", topics=("ethics",)))
    add_template("fccma-ethics", TODAY)
    window.data_changed.emit()
    page = page_of(window)
    texts = page.requirement_texts()
    assert list(texts) == ["icma-tenet-8", "fccma-ethics"]
    assert texts["fccma-ethics"] == "<b>FCCMA (Florida) ethics</b><br>1 h count of 4 h · Due September 30, 2026"
    # Tenet 8's year began ten weeks ago: when, not a shortfall
    assert texts["icma-tenet-8"].endswith("1 h count of 40 h · Period began January 1, 2026; due December 31, "
                                          "2026")
    button = page.open_requirements_button
    if not requirements_page_exists():
        pytest.skip("ui/pages.py has no 'requirementsPage' yet: the card's button is hidden until it does")
    assert button.isVisibleTo(page) and button.text() == "Open re&quirements"
    button.click()
    current = window.stack.currentWidget()
    assert current is not None and current.objectName() == "requirementsPage"


def test_a_requirement_due_soon_is_reminded_with_a_way_to_its_page(make_window: Callable[..., MainWindow],
                                                                  frozen_today: Callable[[date], None]) -> None:
    from wethrive_desktop.models.requirements.store import add_template

    frozen_today(date(2026, 9, 10))
    window = make_window()
    save_activity(ActivityData(date(2026, 1, 20), "Institute", Decimal(24), "leadership institute",
                               end_date=date(2026, 1, 22)))
    save_activity(ActivityData(date(2026, 2, 20), "Institute", Decimal(16), "leadership institute",
                               end_date=date(2026, 2, 22)))
    save_activity(ActivityData(date(2026, 2, 3), "Ethics refresher", Decimal(1), "webinar", topics=("ethics",)))
    add_template("fccma-ethics", date(2026, 9, 10))
    window.data_changed.emit()
    page = page_of(window)
    texts = page.reminder_list.texts()
    assert list(texts) == ["requirement-fccma-ethics-2026-09-30"]
    assert "FCCMA (Florida) ethics: 3 h to go</b> · Due September 30, 2026 — 1 h count of 4 h" in \
        texts["requirement-fccma-ethics-2026-09-30"]
    if not requirements_page_exists():
        pytest.skip("ui/pages.py has no 'requirementsPage' yet: a requirement's reminder has no button until then")
    button = page.reminder_list.buttons["requirement-fccma-ethics-2026-09-30"]
    assert button.text() == "Open requirements"  # several can show: the card's button has the access key
    button.click()
    current = window.stack.currentWidget()
    assert current is not None and current.objectName() == "requirementsPage"


@pytest.mark.parametrize("size", [(1366, 768), (800, 480)])
def test_the_counting_and_the_requirements_fit(make_window: Callable[..., MainWindow], qtbot: QtBot,
                                               frozen_today: Callable[[date], None], size: tuple[int, int]) -> None:
    from wethrive_desktop.models.requirements.store import add_template

    frozen_today(date(2026, 9, 10))
    window = make_window()
    counting_data()
    for key in ("fccma-ethics", "tcma-ethics", "aicp-cm"):
        add_template(key, date(2026, 9, 10))
    save_profile(ProfileData(credential_status="credentialed", program_entry_date=date(2021, 12, 1),
                             service_status="transition", multirater_status="postponed"), today=date(2026, 9, 10))
    window.data_changed.emit()
    page = page_of(window)
    assert len(page.requirement_texts()) == 4 and page.counting_label.isVisibleTo(page)
    window.resize(*size)

    def settled() -> bool:  # the new lines shown (on the next turn of the event loop) and the page laid out
        content = page.scroll_area.widget()
        return (content is not None and content.width() <= page.scroll_area.viewport().width()
                and content.height() >= content.heightForWidth(content.width())
                and all(label.isVisible() for label in page.requirement_labels.values()))

    qtbot.waitUntil(settled)
    assert clipped(window) == []
    assert mnemonic_problems(window) == []


def test_the_counting_and_the_requirements_are_translated(make_window: Callable[..., MainWindow], qtbot: QtBot,
                                                          frozen_today: Callable[[date], None],
                                                          pseudo_translation: None) -> None:
    from wethrive_desktop.models.requirements.store import add_template

    frozen_today(date(2026, 9, 10))
    window = make_window()
    counting_data()
    add_template("fccma-ethics", date(2026, 9, 10))
    save_profile(ProfileData(credential_status="retired", credentialed_date=date(2015, 1, 5),
                             service_status="left"), today=date(2026, 9, 10))
    page = standalone_page(window, qtbot, (1202, 716))
    assert page.counting_label.isVisibleTo(page) and page.reminder_list.texts()
    assert untranslated(page) == []


def short_of_topics_data(on: date) -> None:
    """November 30, 2026: AICP has its hours but three topics short, a Georgia requirement counts only GCCMA's
    sessions (none logged), and Florida's year began two months ago, with nothing yet."""
    from wethrive_desktop.models.requirements.store import add_template, save_requirement

    save_activity(ActivityData(date(2026, 3, 1), "Budget institute", Decimal(73), "workshop",
                               end_date=date(2026, 3, 6)))
    save_activity(ActivityData(date(2026, 9, 5), "Ethics in local government", Decimal(6), "webinar", provider="TML",
                               topics=("ethics",)))
    add_template("fccma-ethics", on)
    add_template("aicp-cm", on, start=date(2025, 1, 1))
    save_requirement({"key": "gccma-ethics", "name": "Georgia (GCCMA) ethics", "hours": 3,
                      "period": {"kind": "calendar"}, "topics": ["ethics"], "providers": ["GCCMA"]})


def test_the_card_says_why_a_requirement_is_short_and_a_new_period_is_no_failure(
        make_window: Callable[..., MainWindow], frozen_today: Callable[[date], None]) -> None:
    on = date(2026, 11, 30)
    frozen_today(on)
    window = make_window()
    short_of_topics_data(on)
    window.data_changed.emit()
    page = page_of(window)
    texts = page.requirement_texts()
    assert texts["aicp-cm"] == ("<b>AICP Certification Maintenance</b><br>79 h count (32 required) · Law, Equity, "
                                "Sustainability and resilience still short · Due December 31, 2026")
    assert texts["gccma-ethics"] == ("<b>Georgia (GCCMA) ethics</b><br>6 h logged, 0 h count of 3 h · Due December "
                                     "31, 2026")  # only GCCMA's sessions count
    # Florida's year began October 1 (September's webinar counted toward the year before): no failure yet
    assert texts["fccma-ethics"] == ("<b>FCCMA (Florida) ethics</b><br>0 h count of 4 h · Period began October 1, "
                                     "2026; due September 30, 2027")
    marks = {key: mark_of(page, key) for key in texts}
    assert marks["aicp-cm"] == marks["gccma-ethics"] == "●"  # due within a month (December 31 from November 30)
    assert marks["fccma-ethics"] == "○"
    tip = page.requirement_labels["aicp-cm"].toolTip()
    assert tip.splitlines()[-1] == ("Still needed: Law: 0 of 1 h; Equity: 0 of 1 h; Sustainability and resilience: "
                                    "0 of 1 h.")
    # Both are reminded a month ahead too.
    assert {"requirement-aicp-cm-2026-12-31", "requirement-gccma-ethics-2026-12-31"} <= set(
        page.reminder_list.texts())


def mark_of(page: DashboardPage, key: str) -> str:
    """The mark beside a requirement (the label left of its text in the card's grid)."""
    grid = page.requirements_grid
    for row in range(grid.rowCount()):
        text, mark = grid.itemAtPosition(row, 1), grid.itemAtPosition(row, 0)
        if text is not None and text.widget() is page.requirement_labels[key]:
            widget = mark.widget() if mark is not None else None
            assert isinstance(widget, QLabel)
            return widget.text()
    raise AssertionError(key)


@pytest.mark.parametrize("size", [(1366, 768), (800, 480)])
def test_the_requirements_card_with_every_kind_of_line_fits(make_window: Callable[..., MainWindow], qtbot: QtBot,
                                                            frozen_today: Callable[[date], None],
                                                            size: tuple[int, int]) -> None:
    on = date(2026, 11, 30)
    frozen_today(on)
    window = make_window()
    short_of_topics_data(on)
    window.data_changed.emit()
    page = page_of(window)
    window.resize(*size)

    def settled() -> bool:
        content = page.scroll_area.widget()
        return (content is not None and content.width() <= page.scroll_area.viewport().width()
                and content.height() >= content.heightForWidth(content.width())
                and all(label.isVisible() for label in page.requirement_labels.values()))

    qtbot.waitUntil(settled)
    assert clipped(window) == []


def test_the_requirements_card_lines_are_translated(make_window: Callable[..., MainWindow], qtbot: QtBot,
                                                    frozen_today: Callable[[date], None],
                                                    pseudo_translation: None) -> None:
    on = date(2026, 11, 30)
    frozen_today(on)
    window = make_window()
    short_of_topics_data(on)
    page = standalone_page(window, qtbot, (1202, 716))
    assert len(page.requirement_labels) == 4
    assert untranslated(page) == []


def test_a_big_total_fits_inside_the_ring(window: MainWindow) -> None:
    """Hundreds of hours (a long institute, years of imports) are drawn smaller, not over the ring."""
    from PySide6.QtGui import QFontMetricsF

    from wethrive_desktop.ui.dashboard.ring import BIG_SCALE, PEN_WIDTH

    ring = page_of(window).ring
    usual = ring.big_font().pointSizeF()
    assert usual == pytest.approx(ring.font().pointSizeF() * BIG_SCALE)
    ring.set_progress(1.0, "1634.25", "h (40 required)", True)
    assert QFontMetricsF(ring.big_font()).horizontalAdvance("1634.25") <= ring.side() - 2 * PEN_WIDTH - 6
    assert ring.big_font().pointSizeF() < usual
    ring.set_progress(0.2, "7.5", "of 40 h", False)
    assert ring.big_font().pointSizeF() == usual  # a short number keeps its size
