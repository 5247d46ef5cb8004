"""When a deadline comes inside the member's reminder windows (preferences `reminder_days`, "30, 7"): one rule for
the reminders and notifications (models.reminders: the annual report, the 360, the other requirements) and for the
dashboard's marks on the requirements (models.dashboard), so they never disagree.

A window of N days opens N days before the due date, that day included: a 7-day window of a December 31 deadline
opens on December 24. A window of whole months' worth of days (30, 60, 90) is what a member means by "a month ahead"
(two, three): it opens on the same day that many months before, when that is earlier, and a deadline on a month's
last day is reminded from the last day of the month before. So a 30-day window reminds of December 31 from November
30 (31 days ahead), of March 31 from the last day of February, and of September 30 from August 31. A window never
opens later than its days say.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

MONTH_DAYS = 30  # a window of a multiple of this many days is also that many calendar months


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (that month's last day when it is shorter: March 30 - 1 -> February 28); a
    month's last day gives the last day of the month `months` earlier (September 30 - 1 -> August 31)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = _last_day(year, month)
    if day.day == _last_day(day.year, day.month):
        return date(year, month, last)
    return date(year, month, min(day.day, last))


def window_opens(due: date, days: int) -> date:
    """The first day of the window of `days` days before `due` (see the module's docstring)."""
    opens = due - timedelta(days=days)
    if days > 0 and days % MONTH_DAYS == 0:
        opens = min(opens, months_before(due, days // MONTH_DAYS))
    return opens


def windows_reached(due: date, today: date, windows: Iterable[int]) -> int:
    """How many of the windows before `due` have opened on `today` (all of them once it is due)."""
    return sum(1 for days in windows if today >= window_opens(due, days))
