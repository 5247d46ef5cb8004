"""Every record as one JSON file: a complete, versioned, human-readable copy of the database.

The file is deterministic (sorted keys, records in a stable order, no time stamp of the export itself), so an export,
imported into an empty database and exported again, gives the identical file. An import runs in one transaction
and only fills an empty database; a bad or newer file is refused and nothing changes. Only a regular file (not a
device or pipe) of at most MAX_FILE_BYTES, nested at most MAX_DEPTH deep, is read. docs/data-format.md describes
the format.

The file is made of sections. Each feature owns its own: a `Section` with a name (its key in the file), a `dump`
function that returns plain JSON data in a stable order, and a `load` function that writes that data into the empty
database (it runs inside the import transaction; raise `JsonImportError`, `ValueError`, `KeyError` or `TypeError`
for bad data, naming the record). To add one:

    # wethrive_desktop/exchange/json_assessments.py  (any module not importing Qt)
    from wethrive_desktop.exchange.json_format import Section, read_records

    SECTIONS = (Section("assessments", dump_assessments, load_assessments,
                        has_records=lambda: Assessment.select().exists()),)

and add `*json_assessments.SECTIONS` to `SECTIONS` below (one line; an explicit import, no registration at import
time). Sections are loaded in that order (the foundation's first), so a section may refer to activity ids: they are
kept. json_format.py holds `Section`, `JsonImportError` and the `read_*` helpers that check one value each and name
where it was (`read_records` walks a list section).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from itertools import compress
from pathlib import Path
from typing import Any

import peewee

from wethrive_desktop.exchange import json_foundation, json_legacy, json_plans, json_reports, json_requirements
from wethrive_desktop.exchange.json_format import FORMAT, FORMAT_VERSION, JsonImportError, Section, shown
from wethrive_desktop.files import InputFileError, read_input_file, write_atomically
from wethrive_desktop.models.db import database_proxy

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SECTIONS",
    "JsonImportError",
    "Section",
    "dumps",
    "export_data",
    "export_json",
    "import_json",
    "read_export",
    "sections",
]

# An export of decades of records is a few MB; anything far larger, or nested deeper, is not one of ours.
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_DEPTH = 64

# Every section, in load order (the foundation's first, so later sections may refer to activity ids: they are kept).
SECTIONS: tuple[Section, ...] = (
    *json_foundation.SECTIONS,
    *json_plans.SECTIONS,
    *json_legacy.SECTIONS,
    *json_reports.SECTIONS,
    *json_requirements.SECTIONS,
)


def sections() -> list[Section]:
    return list(SECTIONS)


# --- the file --------------------------------------------------------------------------------------------------

def export_data() -> dict[str, Any]:
    """The whole database as plain JSON data."""
    found = sections()
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "section_versions": {s.name: s.version for s in found},
    }
    for section in found:
        data[section.name] = section.dump()
    return data


def dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def export_json(path: Path) -> dict[str, int]:
    """Write every record to `path`; returns how many records each list section holds."""
    data = export_data()
    write_atomically(Path(path), dumps(data))
    return {name: len(value) for name, value in data.items() if isinstance(value, list)}


def read_text(path: Path) -> str:
    """The file's text: only a regular file (not a folder, device or pipe), at most MAX_FILE_BYTES, in UTF-8."""
    try:
        raw = read_input_file(path, MAX_FILE_BYTES)
    except InputFileError as exc:
        problem = {
            "missing": "does not exist",
            "folder": "is a folder, not an export file",
            "special": "is not a regular file (a device, pipe or socket), so not an export file",
            "too_large": f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; it is not a WeThrive export",
        }.get(exc.reason, f"could not be read: {exc.detail}")
        raise JsonImportError(f"{path} {problem}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JsonImportError(f"{path} is not a WeThrive export (not UTF-8 text)") from None


# A lone surrogate in the data can only come from an escape \uD800 to \uDFFF (any case): UTF-8 text has none.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def check_structure(data: Any, path: Path, limit: int = MAX_DEPTH, *, strings: bool = True) -> None:
    """Refuse lists and objects nested more than `limit` deep, and text no database can store (a lone surrogate
    such as "\\ud800" is valid JSON but not Unicode text). Walked without recursion. `strings=False`: the text the
    data was read from has no surrogate escape, so only the nesting is checked (every string is skipped)."""
    if not strings:
        _check_nesting(data, path, limit)
        return
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise JsonImportError(f"{path} is not a WeThrive export: it has text that is not valid Unicode "
                                      "(a lone surrogate escape such as \\ud800)") from None
            continue
        if not isinstance(value, (dict, list)):
            continue
        if depth > limit:
            raise JsonImportError(f"{path} is not a WeThrive export: its lists and objects nest more than {limit} "
                                  "deep")
        if isinstance(value, dict):
            stack.extend((key, depth) for key in value)
            stack.extend((child, depth + 1) for child in value.values())
        else:
            stack.extend((child, depth + 1) for child in value)


def _check_nesting(data: Any, path: Path, limit: int) -> None:
    """check_structure's walk of the lists and objects alone (json.loads makes no other containers), a level at a
    time; the scalars between them are passed over in C (compress), not one by one in Python."""
    is_container = frozenset((dict, list)).__contains__
    level = [data] if is_container(type(data)) else []
    depth = 1
    while level:
        if depth > limit:
            raise JsonImportError(f"{path} is not a WeThrive export: its lists and objects nest more than {limit} "
                                  "deep")
        below: list[Any] = []
        for value in level:
            children = value.values() if type(value) is dict else value
            below.extend(compress(children, map(is_container, map(type, children))))
        level, depth = below, depth + 1


def read_export(path: Path) -> dict[str, Any]:
    """Read and check the envelope of an export file (format, versions, known sections)."""
    path = Path(path)
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonImportError(f"{path} is not a WeThrive export: not valid JSON ({exc.msg} at line {exc.lineno}, "
                              f"column {exc.colno})") from None
    except RecursionError:
        raise JsonImportError(f"{path} is not a WeThrive export: its lists and objects nest more than {MAX_DEPTH} "
                              "deep") from None
    except ValueError as exc:  # e.g. a number with more digits than Python converts
        raise JsonImportError(f"{path} is not a WeThrive export: not valid JSON ({exc})") from None
    check_structure(data, path, strings=_SURROGATE_ESCAPE.search(text) is not None)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise JsonImportError(f"{path} is not a WeThrive export (it has no \"format\": \"{FORMAT}\")")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise JsonImportError(f"{path}: 'format_version' is missing or not a whole number")
    if version > FORMAT_VERSION:
        raise JsonImportError(f"{path} was written by a newer version of WeThrive Desktop (format {shown(version)}; "
                              f"this version reads up to {FORMAT_VERSION}). Update the app to import it.")
    known = {s.name: s for s in sections()}
    versions = data.get("section_versions", {})
    if not isinstance(versions, dict):
        raise JsonImportError(f"{path}: 'section_versions' must be an object")
    envelope = {"format", "format_version", "section_versions"}
    unknown = sorted(k for k in data if k not in envelope and k not in known)
    if unknown:
        listed = ", ".join(k if len(k) <= 40 else shown(k) for k in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        raise JsonImportError(f"{path} has sections this version does not know ({listed}); it was "
                              "probably written by a newer version of WeThrive Desktop. Update the app to import it.")
    for name, section_version in versions.items():
        if name in known and isinstance(section_version, int) and section_version > known[name].version:
            raise JsonImportError(f"{path}: section '{name}' has version {shown(section_version)}; this version of "
                                  f"WeThrive Desktop reads up to {known[name].version}. Update the app to import it.")
    return data


def _refuse_records(found: Sequence[Section]) -> None:
    for section in found:
        if section.has_records is not None and section.has_records():
            raise ExistingRecordsError(
                f"the database already has {section.name.replace('_', ' ')}; import-json only fills an empty "
                "database, so nothing was imported. Import into a new file (e.g. --db new.sqlite3) instead.")


class ExistingRecordsError(JsonImportError):
    pass


def import_json(path: Path) -> dict[str, int]:
    """Fill an empty database from an export file, in one transaction; returns the record counts imported.

    Raises JsonImportError (nothing changed) for a bad or newer file, or a database that already has records.
    """
    data = read_export(path)
    found = sections()
    _refuse_records(found)  # before the write lock is taken, and again under it (another import may have filled it)
    try:
        with database_proxy.atomic():
            _refuse_records(found)
            for section in found:
                if section.name in data:
                    section.load(data[section.name])
    except ExistingRecordsError:
        raise
    except JsonImportError as exc:  # a section's loader names the record; the message names the file too
        raise JsonImportError(f"{path}: {exc}; nothing was imported") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise JsonImportError(f"{path}: {exc}; nothing was imported") from exc
    except OverflowError as exc:  # the readers bound every number; this is the last guard
        raise JsonImportError(f"{path}: a number is too large to store ({exc}); nothing was imported") from exc
    except peewee.IntegrityError as exc:
        raise JsonImportError(f"{path}: records conflict with each other ({exc}); nothing was imported") from exc
    return {name: len(value) for name, value in data.items() if isinstance(value, list)}
