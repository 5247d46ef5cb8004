"""What a faster start (issue 12) must not change: `wethrive` reads its arguments as before, the work put off until
the window has painted (the daily backup) still happens, and the dashboard lists whole records and counts the
challenge's points as the challenge page does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wethrive_desktop import app
from wethrive_desktop.cli import build_parser, gui_args


@pytest.mark.parametrize("argv", [[], ["--db", "my.sqlite3"], ["--db=my.sqlite3"], ["--demo"],
                                  ["--db", "my.sqlite3", "--demo"], ["--demo", "--db", "-odd name.sqlite3"]])
def test_opening_the_app_reads_its_options_as_the_whole_parser_does(argv: list[str]) -> None:
    assert gui_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--version"], ["--db"], ["--d", "x"], ["--", "x"], ["x"],
                                  ["summary", "--year", "2026"], ["--db", "my.sqlite3", "deadlines"]])
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert gui_args(argv) is None  # a command, help or a mistake: build_parser reads it (and says what is wrong)


def test_work_put_off_until_the_first_paint_runs_once_after_it(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[bool] = []
    app.after_first_paint(widget, lambda: ran.append(widget.isVisible()))
    qtbot.wait(20)
    assert ran == []  # not before the window is on the screen
    widget.show()
    qtbot.waitUntil(lambda: ran == [True])
    widget.repaint()
    qtbot.wait(20)
    assert ran == [True]  # once


def test_work_put_off_runs_even_when_no_paint_comes(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "FIRST_PAINT_WAIT_MS", 10)
    widget = QWidget()  # never shown (a window started minimized gets no paint either)
    qtbot.addWidget(widget)
    ran: list[int] = []
    app.after_first_paint(widget, lambda: ran.append(1))
    qtbot.waitUntil(lambda: ran == [1])
    qtbot.wait(20)
    assert ran == [1]


def test_the_dashboards_recent_activities_are_whole_records(db: object) -> None:
    """The dashboard counts from lighter rows, but the recent activities it lists are opened to edit: whole."""
    from wethrive_desktop.models.activities import ActivityData, save_activity
    from wethrive_desktop.models.dashboard import dashboard_data

    save_activity(ActivityData(date(2026, 2, 1), "Ethics 101", Decimal(2), "e-course", practices=(1, 3),
                               description="What the course covered", learned="Disclosure first",
                               challenge_key="ethics-101"))
    save_activity(ActivityData(date(2026, 2, 3), "Budget webinar", Decimal("1.5"), "webinar", status="planned"))
    data = dashboard_data(date(2026, 3, 1))
    (recent,) = data.recent
    assert (recent.data.title, recent.data.description, recent.data.learned, recent.data.practices) == (
        "Ethics 101", "What the course covered", "Disclosure first", (1, 3))
    assert (data.challenge.entries, data.challenge.total) == (1, 10)
    assert data.practice_hours.by_practice[1] == data.practice_hours.by_practice[3] == Decimal("1.00")


def test_the_dashboards_points_are_those_the_challenge_page_lists(db: object) -> None:
    """The dashboard counts the year's entries from its lighter rows: as many, and as many points, as
    models.challenge.points_earned lists from the whole records (the sign-up points included)."""
    from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
    from wethrive_desktop.models.challenge import load_catalogues, load_items, points_earned, set_signup
    from wethrive_desktop.models.dashboard import challenge_standing, load_year

    set_signup(True)
    for day, key, status in ((date(2026, 2, 1), "ethics-101", "completed"), (date(2026, 3, 1), "gettysburg", "planned"),
                             (date(2025, 12, 30), "ethics-101", "completed"), (date(2026, 4, 2), None, "completed")):
        save_activity(ActivityData(day, f"{key} {day}", Decimal(2), "workshop", challenge_key=key, status=status))
    points = points_earned(load_activities(year=2026), load_items(), load_catalogues(), 2026, True)
    standing = challenge_standing(load_year(2026), load_catalogues(), 2026, True)
    assert standing.entries == sum(1 for line in points.lines if line.activity is not None) == 1
    assert (standing.total, standing.signup_points) == (points.total, points.signup_points)
    assert standing.signup_points > 0
