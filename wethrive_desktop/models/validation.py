"""Validation of activity records. Every message names the field it is about."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from wethrive_desktop.models.domain import ACTIVITY_TYPES, MAX_YEAR, MIN_YEAR, PRACTICES, Status, valid_year

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
}


@dataclass(frozen=True)
class FieldError:
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
        return "must not be negative"
    if hours != hours.quantize(Decimal("0.01")):
        return "use at most two decimals (e.g. 1.25)"
    days = days_spanned(start, end)
    limit = MAX_HOURS_PER_DAY * days
    if hours > limit:
        span = "a single day" if days == 1 else f"{days} days"
        return f"{hours} h is more than {limit} h, the most {span} can hold"
    return None


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
        errors.append(FieldError("title", "is required"))
    elif len(title) > MAX_TITLE_LENGTH:
        errors.append(FieldError("title", f"is longer than {MAX_TITLE_LENGTH} characters"))
    for name, value in (("start_date", start_date), ("end_date", end_date)):
        if value is not None and not valid_year(value.year):
            errors.append(FieldError(name, f"{value.isoformat()} is not a date between {MIN_YEAR} and {MAX_YEAR}"))
    if end_date is not None and end_date < start_date:
        errors.append(FieldError("end_date", f"{end_date.isoformat()} is before the start date"))
    hours_problem = validate_hours(hours, start_date, end_date)
    if hours_problem:
        errors.append(FieldError("hours", hours_problem))
    if type not in ACTIVITY_TYPES:
        errors.append(FieldError("type", f"'{type}' is not one of: {', '.join(ACTIVITY_TYPES)}"))
    bad = sorted(p for p in practices if p not in PRACTICES)
    if bad:
        errors.append(FieldError("practices", f"{', '.join(map(str, bad))}: practice numbers run from 1 to 14"))
    if status not in tuple(Status):
        errors.append(FieldError("status", f"'{status}' is not 'completed' or 'planned'"))
    if challenge_key is not None and challenge_key not in challenge_keys:
        errors.append(
            FieldError(
                "challenge_key",
                f"'{challenge_key}' is not in the challenge catalogue for {start_date.year}",
            )
        )
    return errors
