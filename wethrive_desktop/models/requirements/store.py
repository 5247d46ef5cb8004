"""The requirements the member tracks, in the `requirement` table (migration 6), and their JSON export and import.

ICMA's Tenet 8 is always there: it cannot be removed (it can be edited), and a store without it gets it back.
Every write is one transaction; a definition is checked (definitions.from_json) before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from wethrive_desktop.files import atomic_path
from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.requirements.definitions import (
    ALWAYS_ON,
    KEY_PATTERN,
    Requirement,
    RequirementError,
    from_json,
    template,
)
from wethrive_desktop.models.tables import Requirement as RequirementRow
from wethrive_desktop.models.tables import utc_now

EXPORT_FORMAT = "wethrive-requirements"
EXPORT_VERSION = 1


def load_requirements(today: date | None = None) -> list[Requirement]:
    """Every requirement tracked, ICMA's Tenet 8 first; a stored definition that no longer reads is skipped
    (the page and `wethrive requirements` say so through `unreadable_requirements`)."""
    found: list[Requirement] = []
    for row in RequirementRow.select().order_by(RequirementRow.position, RequirementRow.id):
        try:
            found.append(from_json(json.loads(row.definition)))
        except (ValueError, RequirementError):
            continue
    if not any(r.key == ALWAYS_ON for r in found):
        found.insert(0, template(ALWAYS_ON, today or clock.today()))
    found.sort(key=lambda r: not r.always_on)  # stable: Tenet 8 first, the others in their order
    return found


def unreadable_requirements() -> list[str]:
    """Keys of stored definitions that no longer read (hand-edited files), to tell the member."""
    bad: list[str] = []
    for row in RequirementRow.select(RequirementRow.key, RequirementRow.definition):
        try:
            from_json(json.loads(row.definition))
        except (ValueError, RequirementError):
            bad.append(str(row.key))
    return bad


def get_requirement(key: str) -> Requirement:
    for r in load_requirements():
        if r.key == key:
            return r
    raise LookupError(tr("no requirement '{key}' is tracked").format(key=key))


def _store(requirement: Requirement, position: int | None = None) -> None:
    definition = json.dumps(requirement.to_json(), ensure_ascii=False)
    existing = RequirementRow.get_or_none(RequirementRow.key == requirement.key)
    if existing is None:
        if position is None:
            position = int(RequirementRow.select().count())
        RequirementRow.insert(key=requirement.key, definition=definition, position=position,
                              created_at=utc_now()).execute()
    else:
        RequirementRow.update(definition=definition).where(RequirementRow.key == requirement.key).execute()


def add_template(key: str, today: date, start: date | None = None) -> Requirement:
    """Track a built-in template; a two-year period starts on `start` (default January 1 of `today`'s year)."""
    requirement = template(key, today)
    if start is not None and requirement.period.start is not None:
        requirement = from_json({**requirement.to_json(), "period": {**requirement.to_json()["period"],
                                                                    "start": start.isoformat()}})
    if RequirementRow.get_or_none(RequirementRow.key == requirement.key) is not None:
        raise RequirementError(tr("'{key}' is already tracked").format(key=key))
    with database_proxy.atomic():
        _store(requirement)
    return requirement


def save_requirement(requirement: Requirement | dict[str, Any], replacing: str | None = None,
                     position: int | None = None) -> Requirement:
    """Add or change a requirement from its definition (checked first). `replacing` is the key it had, when the
    key itself is changed; a key already used by another requirement is refused. A requirement added goes at
    `position` in the list (an undone removal puts it back where it was), else last."""
    checked = from_json(requirement.to_json() if isinstance(requirement, Requirement) else requirement)
    old = replacing or checked.key
    with database_proxy.atomic():
        taken = RequirementRow.get_or_none(RequirementRow.key == checked.key)
        if taken is not None and checked.key != old:
            raise RequirementError(tr("the key '{key}' is already used by another requirement").format(
                key=checked.key))
        _check_tenet_8(checked)
        if old != checked.key:
            if old == ALWAYS_ON:
                raise RequirementError(tr("ICMA's Tenet 8 keeps its key; copy it to make another"))
            RequirementRow.update(key=checked.key).where(RequirementRow.key == old).execute()
        _store(checked, position)
    return checked


def _check_tenet_8(requirement: Requirement) -> None:
    """Tenet 8 may be edited (its hours, caps, conditions, notes) but stays a calendar year with no topic, provider
    or carry-over rule: the dashboard, the summary, the log and the report read it year by year, from that year's
    activities."""
    if requirement.key != ALWAYS_ON:
        return
    if requirement.period.kind != "calendar":
        raise RequirementError(tr("ICMA's Tenet 8 runs by calendar year; copy it to count another period"))
    if requirement.topics or requirement.topic_minimums or requirement.providers or requirement.carry_over:
        raise RequirementError(tr("ICMA's Tenet 8 counts every activity of each calendar year, with no topic, "
                                  "provider or carry-over rule; copy it to count otherwise"))


def copy_key(key: str) -> str:
    """A key not yet used: 'fccma-ethics' -> 'fccma-ethics-copy', then '-copy-2', ..."""
    taken = {str(k) for (k,) in RequirementRow.select(RequirementRow.key).tuples()}
    base = (key[:50] + "-copy")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def copy_requirement(key: str) -> Requirement:
    """A copy of a tracked requirement under a new key and name, stored after it."""
    source = get_requirement(key)
    definition = {**source.to_json(), "key": copy_key(key), "name": tr("{name} (copy)").format(name=source.name)}
    return save_requirement(definition)


def position_of(key: str) -> int | None:
    """Where a tracked requirement stands in the list (None when it is not stored)."""
    row = RequirementRow.get_or_none(RequirementRow.key == key)
    return None if row is None else int(row.position)


def replace_requirements(put: Sequence[Requirement], drop: Sequence[str]) -> None:
    """Stop tracking `drop` and store `put` (added, or replacing those with their keys), in one transaction: an
    import, its undo and its redo."""
    with database_proxy.atomic():
        for key in drop:
            remove_requirement(key)
        for requirement in put:
            save_requirement(requirement)


def remove_requirement(key: str) -> Requirement | None:
    """Stop tracking a requirement (activities are untouched); returns it, so it can be put back, or None when its
    stored definition no longer reads (it is removed all the same: that is how such a definition is got rid of).
    Tenet 8 stays."""
    if key == ALWAYS_ON:
        raise RequirementError(tr("ICMA's Tenet 8 is always tracked; it cannot be removed"))
    row = RequirementRow.get_or_none(RequirementRow.key == key)
    if row is None:
        raise LookupError(tr("no requirement '{key}' is tracked").format(key=key))
    try:
        requirement: Requirement | None = from_json(json.loads(row.definition))
    except (ValueError, RequirementError):
        requirement = None
    with database_proxy.atomic():
        RequirementRow.delete().where(RequirementRow.key == key).execute()
    return requirement


def export_requirements(path: Path, keys: Sequence[str] | None = None) -> int:
    """Write the definitions (all, or those of `keys`) to a JSON file, atomically. Returns how many."""
    chosen = [r.to_json() for r in load_requirements() if keys is None or r.key in keys]
    document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "requirements": chosen}
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(chosen)


def read_requirements_file(path: Path) -> list[Requirement]:
    """The definitions in a file export_requirements wrote (or a list of definitions), all checked: one bad
    definition refuses the file, with its position and the reason."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise RequirementError(tr("cannot read {path}: {error}").format(path=path, error=e)) from None
    except json.JSONDecodeError as e:
        raise RequirementError(tr("{path} is not JSON (line {line}): {error}").format(
            path=path.name, line=e.lineno, error=e.msg)) from None
    items = document.get("requirements") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise RequirementError(tr("{path} holds no list of requirements").format(path=path.name))
    found: list[Requirement] = []
    for number, item in enumerate(items, 1):
        try:
            found.append(from_json(item))
            _check_tenet_8(found[-1])
        except RequirementError as e:
            raise RequirementError(tr("requirement {number} in {path}: {error}").format(
                number=number, path=path.name, error=e)) from None
    keys = [r.key for r in found]
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    if doubled:
        raise RequirementError(tr("{path} defines {keys} more than once").format(path=path.name,
                                                                                 keys=", ".join(doubled)))
    return found


def import_requirements(path: Path) -> list[Requirement]:
    """Add or replace (by key) the requirements of a file, all in one transaction."""
    found = read_requirements_file(path)
    with database_proxy.atomic():
        for requirement in found:
            _store(requirement)
    return found


def valid_key(key: str) -> bool:
    return bool(KEY_PATTERN.match(key))
