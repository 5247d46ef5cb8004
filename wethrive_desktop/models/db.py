"""The one store: a peewee DatabaseProxy on a SQLite file, opened safely and migrated forward.

A file that is not ours (not SQLite, another program's database, an empty file we did not create) or was written by
a newer WeThrive is refused before anything writes to it, and keeps no side file from the look.

A file already at the latest schema version (SCHEMA_VERSION), as at nearly every start, is opened without loading
the migration steps (models/migrations).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import peewee

from wethrive_desktop.files import atomic_path, place_if_absent, temp_file_beside

database_proxy = peewee.DatabaseProxy()

SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -2000,  # 2 MB page cache per connection (each thread has one): SQLite's default
}


class StoreError(Exception):
    """A problem with the user's file or input that the user can act on (not a bug)."""


class NotADatabaseError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


class DamagedDatabaseError(StoreError):
    pass


class BaseModel(peewee.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class HoursField(peewee.IntegerField):
    """Hours as an exact Decimal, stored as whole hundredths of an hour so SQL sums stay exact."""

    def db_value(self, value: Any) -> int | None:
        if value is None:
            return None
        hundredths = Decimal(value) * 100
        if hundredths != hundredths.to_integral_value():
            raise ValueError(f"hours {value} has more than two decimals")
        return int(hundredths)

    def python_value(self, value: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


# Set on every file WeThrive creates (and by migration 5 on older ones): a file without it is not ours.
APPLICATION_ID = 0x57544844  # "WTHD"
# Tables every WeThrive file has had since schema 1: how a file from before the application id is recognised.
FIRST_TABLES = frozenset({"profile", "practice", "challenge_item", "activity", "activity_practice", "attachment"})
# The schema version that first set the application id (files below it may lack it).
APPLICATION_ID_VERSION = 5
# The latest schema version: the last migration's number (models/migrations, LATEST_VERSION, which
# tests/test_startup_imports.py checks this against). Known here so that opening a file already up to date, as nearly
# every start does, loads none of the migration steps.
SCHEMA_VERSION = 7
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
BUSY_TIMEOUT_S = 5.0  # how long a write waits for another WeThrive (a window, a command) to finish its own


class Header(NamedTuple):
    """What page 1's header says, read as bytes (no SQLite connection, so no side files)."""

    user_version: int
    application_id: int


def read_header(path: Path) -> Header | None:
    """The header of an existing SQLite file; None for an empty one. Refuses a folder, a device or a FIFO, and a
    file that is not SQLite, without writing anything."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise NotADatabaseError(f"{path} is a folder, not a WeThrive database")
    if not stat.S_ISREG(info.st_mode):
        raise NotADatabaseError(f"{path} is not a regular file, so not a WeThrive database; it was left untouched")
    if info.st_size == 0:
        return None
    with path.open("rb") as fh:
        head = fh.read(100)
    if not head.startswith(SQLITE_HEADER):
        raise NotADatabaseError(f"{path} is not a WeThrive database (not an SQLite file); it was left untouched")
    if len(head) < 100:
        raise NotADatabaseError(f"{path} is cut short (its header is incomplete); it was left untouched")
    return Header(user_version=int.from_bytes(head[60:64], "big"), application_id=int.from_bytes(head[68:72], "big"))


def _side_files(path: Path) -> set[Path]:
    return {p for p in (path.with_name(path.name + s) for s in SIDE_SUFFIXES) if p.exists()}


@contextmanager
def _leave_no_side_files(path: Path) -> Iterator[None]:
    """A refused file keeps the company it had: side files (-wal, -shm) that a look inside created are removed."""
    before = _side_files(path)
    try:
        yield
    except BaseException:
        for extra in _side_files(path) - before:
            extra.unlink(missing_ok=True)
        raise


def _tables_and_version(path: Path) -> tuple[set[str], int]:
    """Through SQLite (so what the -wal file holds counts too): the file's table names and schema version."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return tables, int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.is_file() and wal.stat().st_size > 0


def check_openable(path: Path | str) -> int:
    """Refuse, without writing to it, a file that is not ours: not SQLite, another program's database (no WeThrive
    application id, and not a WeThrive file from before it had one), an empty file WeThrive did not create, or a
    file written by a newer WeThrive (a schema version above the latest this version knows). Returns the file's
    schema version (0 for a file that does not exist yet)."""
    path = Path(path)
    header = read_header(path)
    if header is None:
        if path.exists():
            raise NotADatabaseError(f"{path} is an empty file that WeThrive did not create; it was left untouched. "
                                    "Name a new file, or remove the empty one.")
        return 0
    version = header.user_version
    if header.application_id != APPLICATION_ID:
        # A WeThrive file from before the application id; its header may be stale when the app was stopped before
        # it copied its -wal file back, so then the file is read through SQLite, as the app would.
        if header.application_id != 0 or not (1 <= version < APPLICATION_ID_VERSION or _has_wal(path)):
            raise NotADatabaseError(f"{path} is another program's database, not a WeThrive one; it was left "
                                    "untouched")
        with _leave_no_side_files(path):
            try:
                tables, version = _tables_and_version(path)
            except sqlite3.DatabaseError as exc:
                raise NotADatabaseError(f"{path} could not be read as a database ({exc}); it was left "
                                        "untouched") from exc
            if not FIRST_TABLES <= tables:
                raise NotADatabaseError(f"{path} is another program's database, not a WeThrive one; it was left "
                                        "untouched")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer version of WeThrive Desktop (schema {version}; this version "
            f"understands up to {SCHEMA_VERSION}). Update the app to open it; the file was left untouched."
        )
    return version


def create_database(path: Path | str) -> bool:
    """Create an empty WeThrive file at `path` if there is none; True when this call created it.

    Made complete beside it (stamped with our application id, in WAL mode), then linked into place only if `path`
    still does not exist: of two processes creating the same file, one wins and the other opens the winner's file,
    so neither can remove or overwrite what the other made.
    """
    path = Path(path)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_file_beside(path)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            con.execute("PRAGMA journal_mode = wal")
        finally:
            con.close()
        return place_if_absent(tmp, path)
    finally:
        remove_database_files(tmp)


def remove_database_files(path: Path) -> None:
    """A database file and its side files (one that is not open)."""
    for suffix in ("", *SIDE_SUFFIXES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


_open_path: Path | None = None


def open_database(path: Path | str, *, migrate: bool = True, readonly: bool = False) -> peewee.SqliteDatabase:
    """Open (creating if needed) the database at `path`, bind the models to it and bring its schema up to date.

    `readonly`: for commands that only read. The file is opened read-only (in a read-only folder, as immutable),
    unless its schema must first be brought up to date.
    """
    global _open_path
    path = Path(path)
    version = check_openable(path)
    if not path.exists():
        readonly = False
        create_database(path)
        version = check_openable(path)
    if readonly and version == SCHEMA_VERSION:
        db = _connect_readonly(path)
    else:
        # Every transaction takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to BUSY_TIMEOUT_S for
        # another writer: one that read first, in a worker, could not write once another thread had written
        # meanwhile ("database is locked", at once).
        db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False, lock_type="IMMEDIATE",
                                   timeout=BUSY_TIMEOUT_S)
        with _leave_no_side_files(path):
            try:
                db.connect()
            except peewee.DatabaseError as exc:
                raise NotADatabaseError(f"{path} could not be opened: {exc}") from exc
    database_proxy.initialize(db)
    _open_path = path
    if migrate and not readonly and version < SCHEMA_VERSION:  # (the steps check the version through SQLite)
        from wethrive_desktop.models import migrations

        migrations.migrate(db, path)
    return db


def _connect_readonly(path: Path) -> peewee.SqliteDatabase:
    """A read-only connection. SQLite needs the -shm file of a WAL database; in a folder that cannot be written
    (so nothing else can write the file either) the file is opened as immutable instead."""
    uri = path.resolve().as_uri()
    attempts = [f"{uri}?mode=ro"]
    if not os.access(path.parent, os.W_OK):
        attempts.append(f"{uri}?immutable=1")
    error: peewee.DatabaseError | None = None
    for target in attempts:
        db = peewee.SqliteDatabase(target, pragmas={"foreign_keys": 1, "query_only": 1}, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_S, uri=True)
        db.wethrive_file = path
        try:
            with _leave_no_side_files(path):
                db.connect()
                db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except peewee.DatabaseError as exc:
            db.close()
            error = exc
    raise NotADatabaseError(f"{path} could not be opened: {error}")


def check_integrity(db: peewee.SqliteDatabase | None = None) -> None:
    """SQLite's quick check (a fraction of a second on 100,000 activities): a damaged file is refused before
    anything writes to it or copies it, with a message saying so."""
    db = db or database_proxy.obj
    if db is None:
        raise RuntimeError("no database is open")
    where = database_file(db)
    try:
        rows = db.execute_sql("PRAGMA quick_check(3)").fetchall()
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:  # a fetch raises sqlite3's own, unwrapped
        raise DamagedDatabaseError(f"{where} is damaged ({exc}); nothing was written to it. Open a backup copy "
                                   "from the backups folder beside it.") from exc
    # Each row may hold several lines; "*** in database main ***" only says which attached file they are about.
    problems = [line for r in rows if r[0] != "ok" for line in str(r[0]).splitlines() if not line.startswith("***")]
    if problems:
        raise DamagedDatabaseError(f"{where} is damaged ({'; '.join(problems)}); nothing was written to it. Open a "
                                   "backup copy from the backups folder beside it.")


def database_file(db: peewee.SqliteDatabase) -> Path:
    """The file a connection is on (a read-only one is opened by a file: URI, and carries its path)."""
    path = getattr(db, "wethrive_file", None)
    return path if isinstance(path, Path) else Path(db.database)


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def current_path() -> Path:
    path = current_path_or_none()
    if path is None:
        raise RuntimeError("no database is open")
    return path


def current_path_or_none() -> Path | None:
    db = database_proxy.obj
    if db is None or _open_path is None:
        return None
    return _open_path


def backup_to(dest: Path | str, source: peewee.SqliteDatabase | None = None, *, check: bool = True) -> Path:
    """A consistent copy through SQLite's backup API, written to a temp file and moved into place (atomic_path)."""
    db = source or database_proxy.obj
    if db is None:
        raise RuntimeError("no database is open")
    dest = Path(dest)
    if dest.resolve() == database_file(db).resolve():
        raise StoreError("a backup cannot overwrite the database it copies")
    if dest.is_dir():
        raise StoreError(f"{dest} is a folder; name the backup file")
    if check:  # a damaged file is not copied as if it were a good backup
        check_integrity(db)
    with atomic_path(dest, make_parents=True) as tmp:
        target = sqlite3.connect(str(tmp))
        try:
            db.connection().backup(target)
        finally:
            target.close()
    return dest


@contextmanager
def foreign_keys_off(db: peewee.SqliteDatabase) -> Iterator[None]:
    """Rebuilding a table must not cascade-delete its children (shared/STACK.md); works outside a transaction only."""
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
