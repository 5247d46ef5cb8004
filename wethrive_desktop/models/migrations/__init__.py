"""Numbered schema migrations: the modules `mNNNN_name.py` of this package, listed in `STEPS` (explicit imports, so
a frozen build bundles them and a reader sees every step).

Each module defines `VERSION` (its number), `DESCRIPTION` and `apply(db)`. A step runs inside one transaction
together with its `PRAGMA user_version` bump, with foreign keys off (so table rebuilds cannot cascade-delete) and a
`foreign_key_check` before it commits. Before the first step on an existing file, a backup copy is taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import peewee

from wethrive_desktop.models.backups import backup_now
from wethrive_desktop.models.db import StoreError, foreign_keys_off
from wethrive_desktop.models.migrations import (
    m0001_initial,
    m0002_assessments_plans,
    m0003_annual_reports,
    m0004_legacy_eligibility,
    m0005_application_id,
    m0006_icma_counting,
    m0007_year_facts_index,
)

# Every step, oldest first; a new migration module is added here.
STEPS: tuple[ModuleType, ...] = (
    m0001_initial,
    m0002_assessments_plans,
    m0003_annual_reports,
    m0004_legacy_eligibility,
    m0005_application_id,
    m0006_icma_counting,
    m0007_year_facts_index,
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    module: ModuleType

    def apply(self, db: peewee.SqliteDatabase) -> None:
        self.module.apply(db)


def _migrations(steps: tuple[ModuleType, ...]) -> tuple[Migration, ...]:
    found = tuple(Migration(module.VERSION, module.DESCRIPTION, module) for module in steps)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, 3... in order, found {versions}")
    return found


MIGRATIONS = _migrations(STEPS)
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
