"""Dates as the app writes and moves them: one spelling of a date and of a span of dates, one rule for "a year
later"."""

from __future__ import annotations

from datetime import date
from typing import Literal

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


MONTH_ABBR = tuple(m[:3] for m in MONTHS)


def short_date(d: date | None) -> str:
    """Mar 4, 2024 (empty for no date): for tables and charts, not locale-dependent either."""
    return "" if d is None else f"{MONTH_ABBR[d.month - 1]} {d.day}, {d.year}"


def long_date(d: date) -> str:
    """March 4, 2024: not locale-dependent, so a report reads the same on every machine."""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def add_years(d: date, years: int) -> date:
    """The same day `years` later (or earlier); 29 February becomes the 28th in a year without one."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


DateStyle = Literal["long", "short", "iso"]


def date_range(start: date | None, end: date | None, style: DateStyle = "long", *, year: int | None = None,
               undated: str = "not scheduled") -> str:
    """A date or a span, with the parts that repeat written once:

    - "long" (sentences, the PDF): "March 4, 2024", "March 4\u20136, 2024", "March 30 \u2013 April 2, 2024",
      "December 30, 2024 \u2013 January 2, 2025";
    - "short" (narrow columns): the same with "Mar", "Apr"...;
    - "iso" (sortable tables): "2024-03-04", "2024-03-04 \u2013 06", "2024-03-30 \u2013 04-02",
      "2024-12-30 \u2013 2025-01-02".

    With `year`, a span within that year leaves the year out ("Mar 5", "Oct 4\u20137"), for a list of one year's
    plan. `undated` is what a missing start reads as.
    """
    if start is None:
        return undated
    if style == "iso":
        if end is None or end == start:
            return start.isoformat()
        if end.year != start.year:
            return f"{start.isoformat()} \u2013 {end.isoformat()}"
        if end.month != start.month:
            return f"{start.isoformat()} \u2013 {end:%m-%d}"
        return f"{start.isoformat()} \u2013 {end:%d}"

    def month(d: date) -> str:
        return (MONTH_ABBR if style == "short" else MONTHS)[d.month - 1]

    last = end or start
    same_year = start.year == last.year
    tail = "" if same_year and year == start.year else f", {last.year}"
    if last == start:
        return f"{month(start)} {start.day}{tail}"
    if same_year and start.month == last.month:
        return f"{month(start)} {start.day}\u2013{last.day}{tail}"
    if same_year:
        return f"{month(start)} {start.day} \u2013 {month(last)} {last.day}{tail}"
    return f"{month(start)} {start.day}, {start.year} \u2013 {month(last)} {last.day}, {last.year}"
