"""The app's words: counts agree with their nouns, and month names are English whatever the system's locale."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import wethrive_desktop
from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.ui.activities.page import ActivityLogPage
from wethrive_desktop.ui.main_window import MainWindow

SOURCE = Path(wethrive_desktop.__file__).parent


def test_no_month_name_comes_from_the_system_locale() -> None:
    """strftime's %b and %B follow the system's locale ("Mär" on a German system inside the English UI): month
    names come from models.dates (MONTHS, MONTH_ABBR, short_date, long_date) instead."""
    found = [f"{path.relative_to(SOURCE)}:{n}" for path in sorted(SOURCE.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"strftime\([^)]*%[bBaAcx]", line)]
    assert found == []


def test_the_activity_footer_says_1_activity(make_window: Callable[..., MainWindow], db_path: Path,
                                             frozen_today: Callable[[date], None]) -> None:
    frozen_today(date(2026, 3, 15))
    open_database(db_path)
    save_activity(ActivityData(start_date=date(2026, 1, 5), title="Ethics 101", hours=Decimal(2), type="e-course"))
    close_database()
    window = make_window()
    window.show_page("activityLogPage")
    page = window.pages["activityLogPage"]
    assert isinstance(page, ActivityLogPage)
    assert page.shown_label.text().startswith("1 activity ·")


def test_hours_against_the_commitment_read_one_way_everywhere() -> None:
    from wethrive_desktop.models.wording import hours_against

    assert hours_against(Decimal("39"), Decimal(40)) == "39 of 40 h"
    assert hours_against(Decimal("85"), Decimal(40)) == "85 h (40 required)"  # never "85 of 40 h"
    assert hours_against(Decimal("40"), Decimal(40)) == "40 h (40 required)"
