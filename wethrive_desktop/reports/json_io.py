"""Every record as one JSON file: a complete, versioned, human-readable copy of the database.

The file is deterministic (sorted keys, records in a stable order, no time stamp of the export itself), so an export,
imported into an empty database and exported again, gives the identical file. An import runs in one transaction
and only fills an empty database; a bad or newer file is refused and nothing changes. docs/data-format.md
describes the format.

The file is made of sections. Each feature owns its own: a `Section` with a name (its key in the file), a `dump`
function that returns plain JSON data in a stable order, and a `load` function that writes that data into the empty
database (it runs inside the import transaction; raise `JsonImportError`, `ValueError`, `KeyError` or `TypeError`
for bad data, naming the record). To add one, without touching this module's code:

    # wethrive_desktop/reports/json_assessments.py  (any module not importing Qt)
    from wethrive_desktop.reports import json_io

    json_io.register(json_io.Section("assessments", dump_assessments, load_assessments,
                                     has_records=lambda: Assessment.select().exists()))

and add the module's name to `SECTION_MODULES` below (one line, like cli.COMMAND_MODULES). Sections are loaded in
the order they are registered (the foundation's first), so a section may refer to activity ids: they are kept.
The `read_*` helpers below check one value each and name where it was; `read_records` walks a list section.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

import peewee

from wethrive_desktop.models.db import StoreError, database_proxy
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, CredentialStatus, Status
from wethrive_desktop.models.profile import DATE_FIELDS as PROFILE_DATE_FIELDS
from wethrive_desktop.models.profile import FIELD_NAMES as PROFILE_FIELDS
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.tables import Activity, ActivityPractice, Attachment, ChallengeItem, Profile
from wethrive_desktop.reports.files import write_atomically

FORMAT = "wethrive-desktop"
FORMAT_VERSION = 1

# Modules that register more sections when imported (see the module docstring).
SECTION_MODULES: list[str] = [
    "wethrive_desktop.reports.json_plans",
    "wethrive_desktop.reports.json_legacy",
    "wethrive_desktop.reports.json_reports",
]


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


SECTIONS: list[Section] = []


def register(section: Section) -> None:
    """Add a section (a second registration under the same name replaces the first, so re-imports are safe)."""
    for i, existing in enumerate(SECTIONS):
        if existing.name == section.name:
            SECTIONS[i] = section
            return
    SECTIONS.append(section)


def sections() -> list[Section]:
    for module in SECTION_MODULES:
        importlib.import_module(module)
    return list(SECTIONS)


# --- value conversions: every reader names where it was looking ----------------------------------------------

def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def _where(where: str, message: str) -> JsonImportError:
    return JsonImportError(f"{where}: {message}")


def read_str(record: Mapping[str, Any], key: str, where: str, *, default: str | None = None) -> str:
    value = record.get(key, default)
    if not isinstance(value, str):
        raise _where(where, f"'{key}' must be text" if key in record else f"'{key}' is missing")
    return value


def read_int(record: Mapping[str, Any], key: str, where: str) -> int:
    value = record.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _where(where, f"'{key}' must be a whole number" if key in record else f"'{key}' is missing")
    return value


def read_date(record: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> date | None:
    value = record.get(key)
    if value is None:
        if required:
            raise _where(where, f"'{key}' is missing")
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _where(where, f"'{key}' must be a date as YYYY-MM-DD, not {value!r}") from None


def read_datetime(record: Mapping[str, Any], key: str, where: str) -> datetime:
    value = record.get(key)
    try:
        return datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise _where(where, f"'{key}' must be a date and time as YYYY-MM-DDTHH:MM:SS, not {value!r}") from None


def read_hours(record: Mapping[str, Any], key: str, where: str) -> Decimal:
    value = record.get(key)
    try:
        hours = Decimal(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, InvalidOperation):
        hours = Decimal("NaN")
    if not isinstance(value, str) or not hours.is_finite() or hours < 0 or hours != hours.quantize(Decimal("0.01")):
        raise _where(where, f"'{key}' must be hours as text with at most two decimals (e.g. \"1.5\"), not {value!r}")
    return hours


def read_list(record: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = record.get(key, [])
    if not isinstance(value, list):
        raise _where(where, f"'{key}' must be a list")
    return value


def read_object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _where(where, "must be an object")
    return value


def unique_id(ids: set[int], value: int, where: str) -> None:
    """Refuse an id already in `ids`, else add it."""
    if value in ids:
        raise _where(where, "the id appears twice")
    ids.add(value)


def read_records(data: Any, section: str) -> Iterator[tuple[Mapping[str, Any], int, str]]:
    """The records of a list section, each with its unique 'id' and where it is (e.g. "activities[3] (id 12)")."""
    if not isinstance(data, list):
        raise _where(section, "must be a list")
    ids: set[int] = set()
    for n, item in enumerate(data):
        record = read_object(item, f"{section}[{n}]")
        record_id = read_int(record, "id", f"{section}[{n}]")
        where = f"{section}[{n}] (id {record_id})"
        unique_id(ids, record_id, where)
        yield record, record_id, where


# --- the foundation's sections ---------------------------------------------------------------------------------

def dump_profile() -> dict[str, Any]:
    row = Profile.get_by_id(1)
    out: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        value = getattr(row, name)
        out[name] = _iso(value) if name in PROFILE_DATE_FIELDS else value
    out["challenge_signup"] = bool(row.challenge_signup)
    return out


def load_profile(data: Any) -> None:
    record = read_object(data, "profile")
    values: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        if name in PROFILE_DATE_FIELDS:
            values[name] = read_date(record, name, "profile")
        elif name == "challenge_signup":
            flag = record.get(name, False)
            if not isinstance(flag, bool):
                raise _where("profile", "'challenge_signup' must be true or false")
            values[name] = flag
        else:
            values[name] = read_str(record, name, "profile", default="")
    if values["credential_status"] not in tuple(CredentialStatus):
        raise _where("profile", f"'credential_status' must be none, candidate or credentialed, not "
                                f"{values['credential_status']!r}")
    Profile.update(**values).where(Profile.id == 1).execute()


def dump_challenge_items() -> list[dict[str, Any]]:
    query = ChallengeItem.select().order_by(ChallengeItem.year, ChallengeItem.key)
    return [{"year": i.year, "key": i.key, "name": i.name, "points": i.points} for i in query]


def load_challenge_items(data: Any) -> None:
    """The file's catalogues replace the seeded one (a catalogue is editable, so the file's values win)."""
    if not isinstance(data, list):
        raise _where("challenge_items", "must be a list")
    rows = []
    seen = set()
    for n, item in enumerate(data):
        where = f"challenge_items[{n}]"
        record = read_object(item, where)
        year, key = read_int(record, "year", where), read_str(record, "key", where).strip()
        points = read_int(record, "points", where)
        if not key:
            raise _where(where, "'key' is empty")
        if points < 0:
            raise _where(where, "'points' must not be negative")
        if (year, key) in seen:
            raise _where(where, f"{key!r} appears twice in the {year} catalogue")
        seen.add((year, key))
        rows.append({"year": year, "key": key, "name": read_str(record, "name", where), "points": points})
    ChallengeItem.delete().execute()
    if rows:
        ChallengeItem.insert_many(rows).execute()


def dump_activities() -> list[dict[str, Any]]:
    practices: dict[int, list[int]] = {}
    for activity_id, practice_id in ActivityPractice.select(
            ActivityPractice.activity, ActivityPractice.practice).tuples():
        practices.setdefault(activity_id, []).append(practice_id)
    attachments: dict[int, list[dict[str, Any]]] = {}
    for f in Attachment.select().order_by(Attachment.id):
        attachments.setdefault(f.activity_id, []).append({
            "id": f.id, "original_name": f.original_name, "stored_name": f.stored_name, "sha256": f.sha256,
            "size": f.size, "added_at": _iso(f.added_at),
        })
    return [
        {
            "id": a.id,
            "start_date": _iso(a.start_date),
            "end_date": _iso(a.end_date),
            "title": a.title,
            "provider": a.provider,
            "type": a.type,
            "hours": format_hours(a.hours),
            "practices": sorted(practices.get(a.id, [])),
            "description": a.description,
            "learned": a.learned,
            "status": a.status,
            "challenge_key": a.challenge_key,
            "created_at": _iso(a.created_at),
            "updated_at": _iso(a.updated_at),
            "attachments": attachments.get(a.id, []),
        }
        for a in Activity.select().order_by(Activity.id)
    ]


def load_activities(data: Any) -> None:
    activities, links, files = [], [], []
    for record, activity_id, where in read_records(data, "activities"):
        start = read_date(record, "start_date", where, required=True)
        end = read_date(record, "end_date", where)
        assert start is not None
        if end is not None and end < start:
            raise _where(where, "'end_date' is before 'start_date'")
        title = read_str(record, "title", where)
        if not title.strip():
            raise _where(where, "'title' is empty")
        kind = read_str(record, "type", where)
        if kind not in ACTIVITY_TYPES:
            raise _where(where, f"'type' {kind!r} is not one of: {', '.join(ACTIVITY_TYPES)}")
        status = read_str(record, "status", where)
        if status not in tuple(Status):
            raise _where(where, f"'status' must be completed or planned, not {status!r}")
        challenge = record.get("challenge_key")
        if challenge is not None and not isinstance(challenge, str):
            raise _where(where, "'challenge_key' must be text or null")
        practices = read_list(record, "practices", where)
        if any(not isinstance(p, int) or isinstance(p, bool) or p not in PRACTICES for p in practices):
            raise _where(where, f"'practices' must be practice numbers 1-14, not {practices!r}")
        activities.append({
            "id": activity_id, "start_date": start, "end_date": end, "title": title,
            "provider": read_str(record, "provider", where, default=""), "type": kind,
            "hours": read_hours(record, "hours", where),
            "description": read_str(record, "description", where, default=""),
            "learned": read_str(record, "learned", where, default=""), "status": status,
            "challenge_key": challenge,
            "created_at": read_datetime(record, "created_at", where),
            "updated_at": read_datetime(record, "updated_at", where),
        })
        links += [{"activity": activity_id, "practice": p} for p in sorted(set(practices))]
        for m, attachment in enumerate(read_list(record, "attachments", where)):
            at = f"{where}.attachments[{m}]"
            f = read_object(attachment, at)
            files.append({
                "id": read_int(f, "id", at), "activity": activity_id,
                "original_name": read_str(f, "original_name", at), "stored_name": read_str(f, "stored_name", at),
                "sha256": read_str(f, "sha256", at), "size": read_int(f, "size", at),
                "added_at": read_datetime(f, "added_at", at),
            })
    for chunk in _chunks(activities, 500):
        Activity.insert_many(chunk).execute()
    for chunk in _chunks(links, 500):
        ActivityPractice.insert_many(chunk).execute()
    for chunk in _chunks(files, 500):
        Attachment.insert_many(chunk).execute()


def _chunks(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


register(Section("profile", dump_profile, load_profile))
register(Section("challenge_items", dump_challenge_items, load_challenge_items))
register(Section("activities", dump_activities, load_activities,
                 has_records=lambda: Activity.select().exists() or Attachment.select().exists()))


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
    text = dumps(data)

    def write(fh: TextIO) -> None:
        fh.write(text)

    write_atomically(Path(path), write)
    return {name: len(value) for name, value in data.items() if isinstance(value, list)}


def read_export(path: Path) -> dict[str, Any]:
    """Read and check the envelope of an export file (format, versions, known sections)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise JsonImportError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise JsonImportError(f"{path} is a folder, not an export file") from None
    except UnicodeDecodeError:
        raise JsonImportError(f"{path} is not a WeThrive export (not UTF-8 text)") from None
    except OSError as exc:
        raise JsonImportError(f"{path} could not be read: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonImportError(f"{path} is not a WeThrive export: not valid JSON ({exc.msg} at line {exc.lineno}, "
                              f"column {exc.colno})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise JsonImportError(f"{path} is not a WeThrive export (it has no \"format\": \"{FORMAT}\")")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise JsonImportError(f"{path}: 'format_version' is missing or not a whole number")
    if version > FORMAT_VERSION:
        raise JsonImportError(f"{path} was written by a newer version of WeThrive Desktop (format {version}; "
                              f"this version reads up to {FORMAT_VERSION}). Update the app to import it.")
    known = {s.name: s for s in sections()}
    versions = data.get("section_versions", {})
    if not isinstance(versions, dict):
        raise JsonImportError(f"{path}: 'section_versions' must be an object")
    envelope = {"format", "format_version", "section_versions"}
    unknown = sorted(k for k in data if k not in envelope and k not in known)
    if unknown:
        raise JsonImportError(f"{path} has sections this version does not know ({', '.join(unknown)}); it was "
                              "probably written by a newer version of WeThrive Desktop. Update the app to import it.")
    for name, section_version in versions.items():
        if name in known and isinstance(section_version, int) and section_version > known[name].version:
            raise JsonImportError(f"{path}: section '{name}' has version {section_version}; this version of "
                                  f"WeThrive Desktop reads up to {known[name].version}. Update the app to import it.")
    return data


def import_json(path: Path) -> dict[str, int]:
    """Fill an empty database from an export file, in one transaction; returns the record counts imported.

    Raises JsonImportError (nothing changed) for a bad or newer file, or a database that already has records.
    """
    data = read_export(path)
    found = sections()
    for section in found:
        if section.has_records is not None and section.has_records():
            raise JsonImportError(
                f"the database already has {section.name.replace('_', ' ')}; import-json only fills an empty "
                "database, so nothing was imported. Import into a new file (e.g. --db new.sqlite3) instead.")
    try:
        with database_proxy.atomic():
            for section in found:
                if section.name in data:
                    section.load(data[section.name])
    except JsonImportError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise JsonImportError(f"{path}: {exc}; nothing was imported") from exc
    except peewee.IntegrityError as exc:
        raise JsonImportError(f"{path}: records conflict with each other ({exc}); nothing was imported") from exc
    return {name: len(value) for name, value in data.items() if isinstance(value, list)}
