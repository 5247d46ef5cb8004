"""One rule for "N years later" (the 360 due date, carry-over, eligibility) and one way to write a date."""

from __future__ import annotations

from datetime import date

from wethrive_desktop.models.dates import add_years, long_date
from wethrive_desktop.models.profile import ProfileData


def test_add_years_keeps_the_day_and_moves_29_february_to_the_28th() -> None:
    assert add_years(date(2023, 3, 14), 5) == date(2028, 3, 14)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2025, 6, 1), -1) == date(2024, 6, 1)


def test_the_360_assessment_is_due_five_years_after_program_entry() -> None:
    assert ProfileData(program_entry_date=date(2020, 2, 29)).multirater_due() == date(2025, 2, 28)
    assert ProfileData().multirater_due() is None


def test_long_date_reads_the_same_on_every_machine() -> None:
    assert long_date(date(2026, 3, 4)) == "March 4, 2026"
