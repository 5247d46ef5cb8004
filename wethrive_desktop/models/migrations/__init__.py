"""Numbered schema migrations, found as modules `mNNNN_name.py` in this package.

Each module defines `VERSION` (its number), `DESCRIPTION` and `apply(db)`. A step runs inside one transaction
together with its `PRAGMA user_version` bump, with foreign keys off (so table rebuilds cannot cascade-delete) and a
`foreign_key_check` before it commits. Before the first step on an existing file, a backup copy is taken.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import peewee

from wethrive_desktop.models.backups import backup_now
from wethrive_desktop.models.db import StoreError, foreign_keys_off


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    module: ModuleType

    def apply(self, db: peewee.SqliteDatabase) -> None:
        self.module.apply(db)


def _discover() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if not (info.name.startswith("m") and info.name[1:5].isdigit()):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(module.VERSION, module.DESCRIPTION, module))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions) or versions[0] != 1:
        raise RuntimeError(f"migrations must be numbered uniquely from 1, found {versions}")
    return found


MIGRATIONS = _discover()
LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(db: peewee.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: peewee.SqliteDatabase, path: Path | None = None, target: int | None = None) -> Path | None:
    """Apply every pending step up to `target` (default: latest). Returns the backup's path, if one was taken."""
    target = LATEST_VERSION if target is None else target
    current = schema_version(db)
    pending = [m for m in MIGRATIONS if current < m.version <= target]
    if not pending:
        return None
    backup = None
    if current > 0 and path is not None:
        backup = backup_now(f"before upgrade from v{current} to v{target}", db_path=path, source=db)
    with foreign_keys_off(db):
        for step in pending:
            with db.atomic():
                step.apply(db)
                problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise StoreError(f"migration {step.version} would break links between records: {problems[:3]}")
                db.execute_sql(f"PRAGMA user_version = {int(step.version)}")
    return backup
