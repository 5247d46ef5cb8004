"""Dates as the app writes and moves them: one spelling of a date in a sentence, one rule for "a year later"."""

from __future__ import annotations

from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(d: date) -> str:
    """March 4, 2024: not locale-dependent, so a report reads the same on every machine."""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def add_years(d: date, years: int) -> date:
    """The same day `years` later (or earlier); 29 February becomes the 28th in a year without one."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)
