"""Queries that must not grow with every row the database holds (measured in SQLite steps, not time)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from wethrive_desktop.models.activities import ActivityData


def _steps(fn: Callable[[], object]) -> int:
    """SQLite virtual-machine steps `fn` takes on this thread's connection (how much work, not how long)."""
    from wethrive_desktop.models.db import database_proxy

    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    connection = database_proxy.connection()
    connection.set_progress_handler(count, 1)
    try:
        fn()
    finally:
        connection.set_progress_handler(None, 1)
    return steps[0]


def test_years_with_records_skips_gaps_and_does_not_read_every_row(db: object) -> None:
    from wethrive_desktop.models.activities import import_activities, years_with_records

    def add(n: int, years: tuple[int, ...]) -> None:
        import_activities([ActivityData(date(years[i % len(years)], 1 + i % 12, 1 + i % 28), f"Course {n}-{i}",
                                        Decimal(1), "workshop") for i in range(n)])

    add(40, (2019, 2021, 2026))
    assert years_with_records() == [2026, 2021, 2019]
    few = _steps(years_with_records)
    add(4000, (2019, 2021, 2026))
    assert years_with_records() == [2026, 2021, 2019]
    assert _steps(years_with_records) < 2 * few  # one index lookup per year, whatever the rows
