"""The JSON export section for the requirements the member tracks (migration 6's `requirement` table).

Each entry is a tracked requirement's key, its place in the list, when it was added and its definition (the object
models/requirements/definitions.py reads; `wethrive requirements export` writes the same objects). On import each
definition is checked first; a file's definitions replace those of the same key (ICMA's Tenet 8, which every new
database holds, among them) and the others already there stay. A file of format 1 has no such section: the
database keeps what it holds.
"""

from __future__ import annotations

import json
from typing import Any

from wethrive_desktop.exchange.json_format import (
    JsonImportError,
    Section,
    read_datetime,
    read_int,
    read_object,
    read_str,
    shown,
    where_error,
)
from wethrive_desktop.models.requirements.definitions import (
    ALWAYS_ON,
    KEY_PATTERN,
    PeriodKind,
    RequirementError,
    from_json,
)
from wethrive_desktop.models.tables import Requirement


def dump_requirements() -> list[dict[str, Any]]:
    """Every stored definition as it is stored (even one that no longer reads: an export loses nothing)."""
    out: list[dict[str, Any]] = []
    for row in Requirement.select().order_by(Requirement.position, Requirement.id):
        try:
            definition: Any = json.loads(row.definition)
        except ValueError:  # the column is checked json_valid; kept as text all the same
            definition = row.definition
        out.append({"key": row.key, "position": row.position, "created_at": row.created_at.isoformat(),
                    "definition": definition})
    return out


def load_requirements(data: Any) -> None:
    if not isinstance(data, list):
        raise JsonImportError("requirements: must be a list")
    rows: list[dict[str, Any]] = []
    keys: set[str] = set()
    for n, item in enumerate(data):
        where = f"requirements[{n}]"
        record = read_object(item, where)
        key = read_str(record, "key", where)
        where = f"requirements[{n}] ({shown(key)})"
        if key in keys:
            raise where_error(where, "the key appears twice")
        keys.add(key)
        if not KEY_PATTERN.match(key):
            raise where_error(where, "the key must be 1 to 60 lower-case letters, digits and dashes")
        definition = read_object(record.get("definition"), f"{where}.definition")
        if definition.get("key") != key:
            raise where_error(where, f"the definition's key is {shown(str(definition.get('key')))}, not {shown(key)}")
        try:
            requirement = from_json(definition)
        except RequirementError as exc:
            if key == ALWAYS_ON:
                raise where_error(where, f"the definition cannot be used: {exc}") from None
            # Kept as written (a newer WeThrive's rule, a hand edit): the app lists it as unreadable, to correct or
            # remove, and the rest of the file is not refused for it. An export of it gives it back the same.
            text = json.dumps(definition, ensure_ascii=False)
        else:
            if requirement.always_on and requirement.period.kind != PeriodKind.CALENDAR:
                raise where_error(where, "ICMA's Tenet 8 runs by calendar year (its period must be {\"kind\": "
                                         "\"calendar\"})")
            text = json.dumps(requirement.to_json(), ensure_ascii=False)
        rows.append({"key": key, "definition": text,
                     "position": read_int(record, "position", where, minimum=0, maximum=1_000_000),
                     "created_at": read_datetime(record, "created_at", where)})
    if rows:
        Requirement.delete().where(Requirement.key.in_(sorted(keys))).execute()
        Requirement.insert_many(rows).execute()


SECTIONS: tuple[Section, ...] = (
    Section("requirements", dump_requirements, load_requirements),
)
