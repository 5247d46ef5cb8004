"""Automatic backups: a copy before each risky operation (imports, schema upgrades) and one a day, thinned.

Copies go to a `<name>-backups` folder beside the database, through SQLite's backup API (models.db.backup_to).
Thinning, like Anki's, keeps the newest copy of each of the last 7 days, of each of the 4 weeks before, and of each
of the 12 months before that; older copies are removed. It only ever deletes files in that folder named like ours:
our copies, and the temp files of copies that were never finished (a killed app), once they are an hour old.

Two copies taken in the same second get distinct names (`-2`, `-3`... after the time). A copy that cannot be written
(a full disk, a read-only folder) raises BackupError, which says so in a sentence, and the operation it was to
protect does not start.

The app loads this module at start (the daily backup runs once the window is up), so its records are NamedTuples
rather than dataclasses: a frozen dataclass costs some 0.6 ms to define (its methods are compiled from source as
the module loads).
"""

from __future__ import annotations

import errno
import re
import sqlite3
import threading
import time
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import peewee

from wethrive_desktop.files import TEMP_SUFFIX
from wethrive_desktop.models import clock
from wethrive_desktop.models.db import (
    DamagedDatabaseError,
    StoreError,
    backup_to,
    check_integrity,
    check_openable,
    current_path,
    database_proxy,
)

KEEP_DAYS = 7
KEEP_WEEKS = 4
KEEP_MONTHS = 12
# `<stem>-<YYYYmmdd-HHMMSS>[-<n>][-<reason>].sqlite3`; n (2, 3...) tells apart copies taken in the same second.
NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<count>\d+)(?=-|\.sqlite3$))?"
                     r"(?:-(?P<reason>[a-z0-9-]+))?\.sqlite3$")
# files.atomic_path's temp file for one of our copies: `.<copy's name>.<random>.part`.
TEMP_RE = re.compile(r"^\.(?P<name>.+\.sqlite3)\.[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX) + "$")
# A temp file this old belongs to a copy that was never finished; a copy being written is never this old.
STALE_TEMP = timedelta(hours=1)

# Choosing a free name and writing the copy to it happen under this lock, so that two copies taken at once (two
# threads, the same second) cannot pick the same name.
_naming = threading.Lock()


class BackupError(StoreError):
    """A copy could not be written (a full disk, a read-only or forbidden folder): said in a sentence."""

    def __init__(self, message: str, folder: Path):
        super().__init__(message)
        self.folder = folder


_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "WeThrive is not allowed to write there",
    errno.EPERM: "WeThrive is not allowed to write there",
}
# SQLite's own codes for the same troubles, raised (as sqlite3.OperationalError) while the copy's pages are written.
_SQLITE_WHY = {
    13: "the disk is full",  # SQLITE_FULL
    8: "the copy could not be written (read-only)",  # SQLITE_READONLY
    14: "the copy's file could not be created",  # SQLITE_CANTOPEN
}


class Backup(NamedTuple):
    path: Path
    taken: datetime
    reason: str


def backups_folder(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}-backups"


class _Name(NamedTuple):
    path: Path
    stamp: str
    number: int  # 2, 3... for the second, third copy of the same second
    reason: str | None


def _parsed(db_path: Path) -> list[_Name]:
    """The files of the backups folder named like copies of `db_path`, parsed (in no order)."""
    folder = backups_folder(db_path)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = NAME_RE.match(path.name)
            if match and match["stem"] == db_path.stem:
                found.append(_Name(path, match["stamp"], int(match["count"] or 1), match["reason"]))
    return found


def list_backups(db_path: Path) -> list[Backup]:
    """Our copies of `db_path`, oldest first (copies of the same second in the order they were taken)."""
    named = sorted(_parsed(db_path), key=lambda n: (n.stamp, n.number))
    return [Backup(n.path, datetime.strptime(n.stamp, "%Y%m%d-%H%M%S"), n.reason or "") for n in named]


def backup_now(reason: str, now: datetime | None = None, db_path: Path | None = None,
               source: peewee.SqliteDatabase | None = None, *, check: bool = True) -> Path:
    """A copy of the open database (or `source`), named with the time and the reason (e.g. "before-csv-import");
    `-2`, `-3`... after the time when a copy of that second exists already. Raises BackupError when the copy
    cannot be written (a full disk, a read-only or forbidden folder)."""
    db_path = db_path or current_path()
    now = now or clock.now()
    folder = backups_folder(db_path)
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    stamp = f"{now:%Y%m%d-%H%M%S}"
    with _naming:
        # Copies of the same second are numbered whatever their reasons, so their order is kept (list_backups).
        same_second = [n.number for n in _parsed(db_path) if n.stamp == stamp]
        count = f"-{max(same_second) + 1}" if same_second else ""
        target = folder / f"{db_path.stem}-{stamp}{count}{'-' + slug if slug else ''}.sqlite3"
        try:
            return backup_to(target, source, check=check)
        except (OSError, sqlite3.OperationalError) as exc:
            why = _why(exc)
            if why is None:
                raise
            raise BackupError(f"could not make {_the_backup(reason)}: {why} ({folder})", folder) from exc


def _the_backup(reason: str) -> str:
    if reason.startswith("before "):
        return f"the backup {reason}"
    return f"the {reason} backup" if reason else "the backup"


def _why(exc: OSError | sqlite3.OperationalError) -> str | None:
    """What stopped a copy, in words, when it is the disk or the folder (not a bug); None otherwise."""
    if isinstance(exc, OSError):
        return _WHY.get(exc.errno) if exc.errno is not None else None
    code = getattr(exc, "sqlite_errorcode", None)
    return _SQLITE_WHY.get(code & 0xFF) if isinstance(code, int) else None


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
        # On a tie (copies of the same second) the later one listed wins: list_backups lists them as taken.
        if bucket not in newest or b.taken >= newest[bucket].taken:
            newest[bucket] = b
    return {b.path for b in newest.values()}


def _months_before(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, 1)


def thin(db_path: Path, today: date | None = None) -> list[Path]:
    """Remove the copies thinning does not keep, and the temp files of copies never finished (an hour old or more:
    a copy being written now keeps its temp file); returns what was removed."""
    backups = list_backups(db_path)
    keep = to_keep(backups, today or clock.today())
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed + remove_stale_temp_files(db_path)


def remove_stale_temp_files(db_path: Path) -> list[Path]:
    """Remove the temp files (`.<copy's name>.<random>.part`) that copies of `db_path` left behind when the app was
    killed while writing them, once they have not been written to for STALE_TEMP; returns what was removed."""
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    removed = []
    oldest = time.time() - STALE_TEMP.total_seconds()
    for path in folder.iterdir():
        temp = TEMP_RE.match(path.name)
        copy = NAME_RE.match(temp["name"]) if temp else None
        if copy is None or copy["stem"] != db_path.stem:
            continue
        try:
            if not path.is_file() or path.stat().st_mtime > oldest:
                continue
            path.unlink()
        except FileNotFoundError:  # its backup finished (or another thinning removed it) meanwhile
            continue
        removed.append(path)
    return removed


def daily_backup(now: datetime | None = None, db_path: Path | None = None,
                 source: peewee.SqliteDatabase | None = None) -> Path | None:
    """Check the file (SQLite's quick check: DamagedDatabaseError), take today's copy unless there is one already
    (any reason), then thin. Returns the new copy, if any. `source`: the open database of `db_path` (the app passes
    it, as the app runs this on a worker thread at every start)."""
    db_path = db_path or current_path()
    now = now or clock.now()
    check_integrity(source)
    taken = None
    if not any(b.taken.date() == now.date() for b in list_backups(db_path)):
        taken = backup_now("daily", now, db_path, source)
    thin(db_path, now.date())
    return taken


def backup_before(operation: str, not_done: str = "nothing was imported") -> Path | None:
    """Called before an operation that writes many records: a copy, unless the database holds nothing yet.

    A copy that cannot be written raises BackupError ("could not make the backup before csv import: the disk is
    full (<folder>); nothing was imported"): the operation must not go ahead without its copy."""
    from wethrive_desktop.models.tables import Activity

    if not Activity.select().exists():
        return None
    try:
        return backup_now(f"before {operation}")
    except BackupError as exc:
        raise BackupError(f"{exc}; {not_done}", exc.folder) from exc


# --- restoring ------------------------------------------------------------------------------------------------

class BackupSummary(NamedTuple):
    """A copy as the restore list shows it: when, why, and how many activities it holds (None: unreadable)."""

    backup: Backup
    activities: int | None


def summarize_backups(db_path: Path) -> list[BackupSummary]:
    """Our copies of `db_path`, newest first, each read (read-only) for its number of activities."""
    return [BackupSummary(b, _activity_count(b.path)) for b in reversed(list_backups(db_path))]


def _activity_count(path: Path) -> int | None:
    try:
        check_openable(path)
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(con.execute("SELECT count(*) FROM activity").fetchone()[0])
        finally:
            con.close()
    except (StoreError, sqlite3.Error, OSError):
        return None


def restore_backup(backup: Path, db_path: Path | None = None) -> Path:
    """Put the content of the copy `backup` into the open database (at `db_path`), after a copy of the current
    content ("before restore", so the restore itself can be undone by restoring that one). One transaction: the
    file holds either its old content or the copy's, never a mix. A copy from an older WeThrive is then brought up
    to date. Returns the copy taken first. Refuses, untouched, a file that is not a readable WeThrive copy."""
    from wethrive_desktop.models import migrations

    db_path = db_path or current_path()
    backup = Path(backup)
    if not backup.is_file():
        raise StoreError(f"{backup} is not a backup file")
    if backup.resolve() == db_path.resolve():
        raise StoreError("a database cannot be restored from itself")
    check_openable(backup)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = source.execute("PRAGMA quick_check(1)").fetchall()
        if rows != [("ok",)]:
            raise DamagedDatabaseError(f"{backup} is damaged ({rows[0][0]}); choose another copy")
        # Not checked: a damaged file is what a restore is for, and its copy keeps what it still holds.
        before = backup_now("before restore", db_path=db_path, check=False)
        db = database_proxy.obj
        if db is None:
            raise RuntimeError("no database is open")
        source.backup(db.connection())
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{backup} could not be restored ({exc}); the database was left as it was") from exc
    finally:
        source.close()
    migrations.migrate(db, db_path)
    return before
