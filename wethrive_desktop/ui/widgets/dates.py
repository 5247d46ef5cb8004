"""Dates in the GUI as the user's locale writes them: a date field that shows the locale's short format and that
Tab leaves in one press, and the text of a date or a span for a table column (sorted by the date, never by this
text: the models' SORT_ROLE gives the date itself)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR
from wethrive_desktop.ui.i18n import short_date_pattern

MIN_DATE = QDate(MIN_YEAR, 1, 1)
MAX_DATE = QDate(MAX_YEAR, 12, 31)


class DateEdit(QDateEdit):
    """A date field in the locale's format, with a calendar to pick from, within the years the app takes.

    Tab moves to the next field, as in every other field (QDateEdit's own Tab walks through day, month and year
    first, so a date took three presses to pass); the arrow keys, or typing the separator, move between them."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(short_date_pattern())
        self.setDateRange(MIN_DATE, MAX_DATE)
        if value is not None:
            self.setDate(QDate(value.year, value.month, value.day))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return QWidget.focusNextPrevChild(self, next)


def short_range(start: date, end: date | None = None) -> str:
    """A date, or a span of days, for a table column: "11/16/2026", "11/16/2026 – 11/18/2026"."""
    if end is None or end == start:
        return format_date(start, short=True)
    return tr("{start} – {end}").format(start=format_date(start, short=True), end=format_date(end, short=True))
