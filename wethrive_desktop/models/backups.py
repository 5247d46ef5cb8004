"""Automatic backups: a copy before each risky operation (imports, schema upgrades) and one a day, thinned.

Copies go to a `<name>-backups` folder beside the database, through SQLite's backup API (models.db.backup_to).
Thinning, like Anki's, keeps the newest copy of each of the last 7 days, of each of the 4 weeks before, and of each
of the 12 months before that; older copies are removed. It only ever deletes files in that folder named like ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import peewee

from wethrive_desktop.models import clock
from wethrive_desktop.models.db import backup_to, current_path

KEEP_DAYS = 7
KEEP_WEEKS = 4
KEEP_MONTHS = 12
NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<reason>[a-z0-9-]+))?\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str


def backups_folder(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}-backups"


def list_backups(db_path: Path) -> list[Backup]:
    """Our copies of `db_path`, oldest first."""
    folder = backups_folder(db_path)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = NAME_RE.match(path.name)
            if match and match["stem"] == db_path.stem:
                taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
                found.append(Backup(path, taken, match["reason"] or ""))
    return sorted(found, key=lambda b: b.taken)


def backup_now(reason: str, now: datetime | None = None, db_path: Path | None = None,
               source: peewee.SqliteDatabase | None = None) -> Path:
    """A copy of the open database (or `source`), named with the time and the reason (e.g. "before-csv-import")."""
    db_path = db_path or current_path()
    now = now or clock.now()
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    target = backups_folder(db_path) / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}{'-' + slug if slug else ''}.sqlite3"
    return backup_to(target, source)


def to_keep(backups: Iterable[Backup], today: date) -> set[Path]:
    """The copies thinning keeps: the newest of each recent day, then of each week, then of each month."""
    newest: dict[tuple[str, object], Backup] = {}
    for b in backups:
        age = (today - b.taken.date()).days
        if age < 0 or age < KEEP_DAYS:
            bucket: tuple[str, object] = ("day", b.taken.date())
        elif age < KEEP_DAYS + 7 * KEEP_WEEKS:
            bucket = ("week", b.taken.isocalendar()[:2])
        elif b.taken.date() >= _months_before(today, KEEP_MONTHS):
            bucket = ("month", (b.taken.year, b.taken.month))
        else:
            continue
        if bucket not in newest or b.taken > newest[bucket].taken:
            newest[bucket] = b
    return {b.path for b in newest.values()}


def _months_before(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, 1)


def thin(db_path: Path, today: date | None = None) -> list[Path]:
    """Remove the copies thinning does not keep; returns what was removed."""
    backups = list_backups(db_path)
    keep = to_keep(backups, today or clock.today())
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def daily_backup(now: datetime | None = None, db_path: Path | None = None) -> Path | None:
    """Take today's copy unless there is one already (any reason), then thin. Returns the new copy, if any."""
    db_path = db_path or current_path()
    now = now or clock.now()
    taken = None
    if not any(b.taken.date() == now.date() for b in list_backups(db_path)):
        taken = backup_now("daily", now, db_path)
    thin(db_path, now.date())
    return taken


def backup_before(operation: str) -> Path | None:
    """Called before an operation that writes many records: a copy, unless the database holds nothing yet."""
    from wethrive_desktop.models.tables import Activity

    if not Activity.select().exists():
        return None
    return backup_now(f"before {operation}")
