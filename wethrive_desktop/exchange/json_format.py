"""The JSON export's building blocks: the envelope's format, a `Section` (one feature's part of the file), the error
an import raises, and the `read_*` helpers that check one value each and name where it was."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from wethrive_desktop.models.db import StoreError

FORMAT = "wethrive-desktop"
# 2: ICMA's counting (migration 6): activities' topics, delivery hours, conditions and mentoring; the profile's program
# statuses; the reports' whole-year narrative and extension; the requirement definitions. A file of format 1 still
# imports: what it lacks takes its default.
FORMAT_VERSION = 2

# What SQLite can store in an INTEGER column: a whole number outside it is refused, not an OverflowError.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
# Hours (and years of experience) are stored as whole hundredths; no record comes near ten million hours.
MAX_HOURS = Decimal(10_000_000)
# How much of a bad value an error message shows.
SHOWN_CHARS = 60

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def one_line(text: str) -> str:
    """`text` with control characters (newlines, NUL, escapes...) shown as one space, for a one-line message, and a
    byte of a file name that is not UTF-8 (a lone surrogate) written as its escape, so it can be printed and logged."""
    return _CONTROL.sub(" ", text.encode("utf-8", "backslashreplace").decode("utf-8"))


def shown(value: Any) -> str:
    """A bad value as an error message shows it: its repr, cut short if long."""
    try:
        text = repr(value)
    except ValueError:  # an int too long for str() (sys.get_int_max_str_digits)
        text = "a number with thousands of digits"
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 3] + "..."


class JsonImportError(StoreError):
    """The file cannot be imported; nothing was changed. The message is one line (control characters dropped)."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(str(message)))


@dataclass(frozen=True)
class Section:
    name: str
    dump: Callable[[], Any]
    load: Callable[[Any], None]
    # True when the database already holds records of this section: the import is then refused.
    has_records: Callable[[], bool] | None = None
    # Raise it when the section's shape changes; a file with a newer section version is refused.
    version: int = 1


# --- value conversions: every reader names where it was looking ----------------------------------------------

def iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def where_error(where: str, message: str) -> JsonImportError:
    """The error for a bad value, prefixed with where it was (e.g. "activities[3] (id 12): ...")."""
    return JsonImportError(f"{where}: {message}")


def read_str(record: Mapping[str, Any], key: str, where: str, *, default: str | None = None) -> str:
    value = record.get(key, default)
    if not isinstance(value, str):
        raise where_error(where, f"'{key}' must be text" if key in record else f"'{key}' is missing")
    return value


def read_int(record: Mapping[str, Any], key: str, where: str, *, minimum: int = INT_MIN,
             maximum: int = INT_MAX) -> int:
    """A whole number from `minimum` to `maximum` (by default, any SQLite can store)."""
    value = record.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise where_error(where, f"'{key}' must be a whole number" if key in record else f"'{key}' is missing")
    if not minimum <= value <= maximum:
        if (minimum, maximum) == (INT_MIN, INT_MAX):
            raise where_error(where, f"'{key}' is too {'large' if value > 0 else 'small'} a number ({shown(value)})")
        raise where_error(where, f"'{key}' must be from {minimum} to {maximum}, not {shown(value)}")
    return value


def read_date(record: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> date | None:
    value = record.get(key)
    if value is None:
        if required:
            raise where_error(where, f"'{key}' is missing")
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise where_error(where, f"'{key}' must be a date as YYYY-MM-DD, not {shown(value)}") from None


def read_datetime(record: Mapping[str, Any], key: str, where: str) -> datetime:
    value = record.get(key)
    try:
        return datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise where_error(where, f"'{key}' must be a date and time as YYYY-MM-DDTHH:MM:SS, "
                                 f"not {shown(value)}") from None


def read_hours(record: Mapping[str, Any], key: str, where: str) -> Decimal:
    """Hours as text ("1.5"): finite, from 0 to MAX_HOURS, at most two decimals (NaN, "1e30", -1 are refused)."""
    value = record.get(key)
    hours = Decimal("NaN")
    if isinstance(value, str):
        try:
            hours = Decimal(value)
            if hours.is_finite() and 0 <= hours <= MAX_HOURS and hours != hours.quantize(Decimal("0.01")):
                hours = Decimal("NaN")
        except (ValueError, ArithmeticError):  # InvalidOperation is an ArithmeticError
            hours = Decimal("NaN")
    if not hours.is_finite() or not 0 <= hours <= MAX_HOURS:
        raise where_error(where, f"'{key}' must be hours as text with at most two decimals, from 0 to {MAX_HOURS} "
                                 f"(e.g. \"1.5\"), not {shown(value)}")
    return hours


def read_list(record: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = record.get(key, [])
    if not isinstance(value, list):
        raise where_error(where, f"'{key}' must be a list")
    return value


def read_object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise where_error(where, "must be an object")
    return value


def unique_id(ids: set[int], value: int, where: str) -> None:
    """Refuse an id already in `ids`, else add it."""
    if value in ids:
        raise where_error(where, "the id appears twice")
    ids.add(value)


def read_records(data: Any, section: str) -> Iterator[tuple[Mapping[str, Any], int, str]]:
    """The records of a list section, each with its unique 'id' and where it is (e.g. "activities[3] (id 12)")."""
    if not isinstance(data, list):
        raise where_error(section, "must be a list")
    ids: set[int] = set()
    for n, item in enumerate(data):
        record = read_object(item, f"{section}[{n}]")
        record_id = read_int(record, "id", f"{section}[{n}]")
        where = f"{section}[{n}] (id {record_id})"
        unique_id(ids, record_id, where)
        yield record, record_id, where
