"""The dashboard page driven with pytest-qt: first page, progress and pace, charts, milestones, and the lists
that lead to an activity (for editing) or the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, ActivityRecord, save_activity
from wethrive_desktop.models.challenge import record_zero_hour_entry, set_signup
from wethrive_desktop.models.dashboard import DashboardData, dashboard_data
from wethrive_desktop.models.plans import PlanItemData, save_item
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.ui.dashboard import page as dashboard_page
from wethrive_desktop.ui.dashboard.page import DashboardPage
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.pages import PAGES
from wethrive_desktop.ui.widgets import form_dialog

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
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "Open challenge")
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
