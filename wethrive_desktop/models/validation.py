"""Validation of activity records. Every message is about one field (`FieldError.field`) and reads after that
field's name ("Title is required", "Hours: 30 h is more than 24 h, ..."); it goes through `tr`, so the dialog and
the import wizard show it in the user's language (the command line, without a translation, as written here)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models.domain import ACTIVITY_TYPES, MAX_YEAR, MIN_YEAR, PRACTICES, Status, valid_year
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.models.rules import HUNDREDTH
from wethrive_desktop.models.topics import topic_problem

MAX_HOURS_PER_DAY = Decimal(24)
MAX_TITLE_LENGTH = 300

# The CSV column each field is read from and reported as.
FIELD_LABELS = {
    "start_date": "date",
    "end_date": "end_date",
    "title": "title",
    "provider": "provider",
    "type": "type",
    "hours": "hours",
    "practices": "practices",
    "description": "description",
    "learned": "learned",
    "status": "status",
    "challenge_key": "challenge",
    "delivery_hours": "delivery_hours",
    "topics": "topics",
    "mentoring": "mentoring",
}


STATUS_VALUES = frozenset(Status)  # looked up once per row of an import, so built once


class FieldError(NamedTuple):
    field: str
    message: str

    def __str__(self) -> str:
        return f"{FIELD_LABELS.get(self.field, self.field)}: {self.message}"


class ValidationError(Exception):
    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def days_spanned(start: date, end: date | None) -> int:
    if end is None or end < start:
        return 1
    return (end - start).days + 1


def validate_hours(hours: Decimal, start: date, end: date | None) -> str | None:
    if hours < 0:
        return tr("must not be negative")
    if hours != hours.quantize(HUNDREDTH):
        return tr("use at most two decimals (e.g. 1.25)")
    days = days_spanned(start, end)
    limit = MAX_HOURS_PER_DAY * days
    if hours > limit:
        if days == 1:
            return tr("{hours} h is more than {limit} h, the most a single day can hold").format(hours=hours,
                                                                                                 limit=limit)
        return trn("{hours} h is more than {limit} h, the most %n day can hold",
                   "{hours} h is more than {limit} h, the most %n days can hold", days).format(hours=hours, limit=limit)
    return None


def practice_numbers_problem(numbers: Collection[int]) -> str:
    """"0, 15: practice numbers run from 1 to 14", for practice numbers out of range."""
    return tr("{numbers}: practice numbers run from 1 to 14").format(numbers=", ".join(map(str, numbers)))


def validate_activity(
    *,
    start_date: date,
    end_date: date | None,
    title: str,
    type: str,
    hours: Decimal,
    practices: Collection[int],
    status: str,
    challenge_key: str | None,
    challenge_keys: Collection[str],
) -> list[FieldError]:
    """Check one activity. `challenge_keys` are the keys of the catalogue that applies to its year."""
    errors: list[FieldError] = []
    if not title.strip():
        errors.append(FieldError("title", tr("is required")))
    elif len(title) > MAX_TITLE_LENGTH:
        errors.append(FieldError("title", tr("is longer than {count} characters").format(count=MAX_TITLE_LENGTH)))
    for name, value in (("start_date", start_date), ("end_date", end_date)):
        if value is not None and not valid_year(value.year):
            # As written in the file it came from (only an import can bring one): a locale's format would make
            # 0001-01-01 or 9999-12-31 harder to find there.
            errors.append(FieldError(name, tr("{date} is not a date between {first} and {last}").format(
                date=value.isoformat(), first=MIN_YEAR, last=MAX_YEAR)))
    if end_date is not None and end_date < start_date:
        errors.append(FieldError("end_date", tr("{date} is before the start date").format(date=format_date(end_date))))
    hours_problem = validate_hours(hours, start_date, end_date)
    if hours_problem:
        errors.append(FieldError("hours", hours_problem))
    if type not in ACTIVITY_TYPES:
        errors.append(FieldError("type", tr("'{value}' is not one of: {choices}").format(
            value=type, choices=", ".join(ACTIVITY_TYPES))))
    bad = [p for p in practices if p not in PRACTICES]
    if bad:
        errors.append(FieldError("practices", practice_numbers_problem(sorted(bad))))
    if status not in STATUS_VALUES:
        errors.append(FieldError("status", tr("'{value}' is not 'completed' or 'planned'").format(value=status)))
    if challenge_key is not None and challenge_key not in challenge_keys:
        errors.append(FieldError("challenge_key", tr("'{key}' is not in the challenge catalogue for {year}").format(
            key=challenge_key, year=start_date.year)))
    return errors


MAX_DELIVERY_HOURS = Decimal(10000)


def validate_counting(delivery_hours: Decimal, topics: Collection[str],
                      mentoring: MentoringData | None) -> list[FieldError]:
    """Check what migration 6 added: teaching's delivery hours, the topic tags and a mentoring's dates."""
    errors: list[FieldError] = []
    delivery = Decimal(delivery_hours)
    if not delivery.is_finite() or delivery < 0:
        errors.append(FieldError("delivery_hours", tr("must not be negative")))
    elif delivery != delivery.quantize(HUNDREDTH):
        errors.append(FieldError("delivery_hours", tr("use at most two decimals (e.g. 1.25)")))
    elif delivery > MAX_DELIVERY_HOURS:
        errors.append(FieldError("delivery_hours", tr("{hours} h is more than {limit} h").format(
            hours=delivery, limit=MAX_DELIVERY_HOURS)))
    for topic in topics:
        problem = topic_problem(topic)
        if problem:
            errors.append(FieldError("topics", problem))
            break
    if mentoring is not None:
        start, end = mentoring.relationship_start, mentoring.relationship_end
        if start is not None and end is not None and end < start:
            errors.append(FieldError("mentoring", tr("the relationship ends ({end}) before it starts ({start})").format(
                end=format_date(end), start=format_date(start))))
        for day in (start, end):
            if day is not None and not valid_year(day.year):
                errors.append(FieldError("mentoring", tr("{date} is not a date between {first} and {last}").format(
                    date=day.isoformat(), first=MIN_YEAR, last=MAX_YEAR)))
                break
    return errors
