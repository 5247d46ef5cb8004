"""The JSON export's building blocks: the envelope's format, a `Section` (one feature's part of the file), the error
an import raises, and the `read_*` helpers that check one value each and name where it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from wethrive_desktop.models.db import StoreError

FORMAT = "wethrive-desktop"
FORMAT_VERSION = 1


class JsonImportError(StoreError):
    """The file cannot be imported; nothing was changed."""


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


def read_int(record: Mapping[str, Any], key: str, where: str) -> int:
    value = record.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise where_error(where, f"'{key}' must be a whole number" if key in record else f"'{key}' is missing")
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
        raise where_error(where, f"'{key}' must be a date as YYYY-MM-DD, not {value!r}") from None


def read_datetime(record: Mapping[str, Any], key: str, where: str) -> datetime:
    value = record.get(key)
    try:
        return datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise where_error(where, f"'{key}' must be a date and time as YYYY-MM-DDTHH:MM:SS, not {value!r}") from None


def read_hours(record: Mapping[str, Any], key: str, where: str) -> Decimal:
    value = record.get(key)
    try:
        hours = Decimal(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, InvalidOperation):
        hours = Decimal("NaN")
    if not isinstance(value, str) or not hours.is_finite() or hours < 0 or hours != hours.quantize(Decimal("0.01")):
        raise where_error(where, f"'{key}' must be hours as text with at most two decimals (e.g. \"1.5\"), "
                                 f"not {value!r}")
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
