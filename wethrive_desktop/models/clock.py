"""The app's one clock: every "today" and "now" comes from here, so a test (or a demo) can set the date in one place.

`today()` and `now()` read the real clock unless a day is set with `set_today(day)` or, for a block, `frozen(day)`.
With a day set, `now()` is that day at the real time of day (so times still move on: backups taken a second apart
get different names). Functions that take a `today` parameter keep it (that is the best injection); only their
default comes from here. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

_day: date | None = None


def today() -> date:
    """Today's date: the day set for tests, or the real one."""
    return _day if _day is not None else date.today()


def now() -> datetime:
    """The local time now (naive, like datetime.now()), on the day set for tests if any."""
    real = datetime.now()
    return real if _day is None else datetime.combine(_day, real.time())


def set_today(day: date | None) -> None:
    """Make `today()` return `day` from now on; None goes back to the real clock."""
    global _day
    _day = day.date() if isinstance(day, datetime) else day


@contextmanager
def frozen(day: date) -> Iterator[date]:
    """Within the block, today is `day`; afterwards, whatever it was before."""
    before = _day
    set_today(day)
    try:
        yield today()
    finally:
        set_today(before)
