"""The one store: a peewee DatabaseProxy on a SQLite file, opened safely and migrated forward.

A file that is not SQLite, or was written by a newer WeThrive, is refused before anything writes to it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import peewee

from wethrive_desktop.files import atomic_path

database_proxy = peewee.DatabaseProxy()

SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -16000,  # 16 MB page cache
}


class StoreError(Exception):
    """A problem with the user's file or input that the user can act on (not a bug)."""


class NotADatabaseError(StoreError):
    pass


class NewerSchemaError(StoreError):
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


def check_file(path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database, without writing to it."""
    if not path.exists():
        return
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a WeThrive database")
    if path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path} is not a WeThrive database (not an SQLite file); it was left untouched")


def read_user_version(path: Path) -> int:
    """Read PRAGMA user_version through a read-only connection, so a refused file is never written."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(f"{path} could not be read as a database ({exc}); it was left untouched") from exc


def check_openable(path: Path | str) -> int:
    """Refuse, without writing to it, a file that is not a database or was written by a newer WeThrive (a schema
    version above the latest this version knows; the latest itself opens). Returns the file's schema version."""
    from wethrive_desktop.models import migrations

    path = Path(path)
    check_file(path)
    version = read_user_version(path)
    if version > migrations.LATEST_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer version of WeThrive Desktop (schema {version}; this version "
            f"understands up to {migrations.LATEST_VERSION}). Update the app to open it; the file was left untouched."
        )
    return version


def open_database(path: Path | str, *, migrate: bool = True) -> peewee.SqliteDatabase:
    """Open (creating if needed) the database at `path`, bind the models to it and bring its schema up to date."""
    from wethrive_desktop.models import migrations

    path = Path(path)
    check_openable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Every transaction takes the write lock when it begins (BEGIN IMMEDIATE): one that read first, in a worker,
    # could not write once another thread had written meanwhile ("database is locked", at once).
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False, lock_type="IMMEDIATE")
    try:
        db.connect()
    except peewee.DatabaseError as exc:
        raise NotADatabaseError(f"{path} could not be opened: {exc}") from exc
    database_proxy.initialize(db)
    if migrate:
        migrations.migrate(db, path)
    return db


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def current_path() -> Path:
    db = database_proxy.obj
    if db is None:
        raise RuntimeError("no database is open")
    return Path(db.database)


def backup_to(dest: Path | str, source: peewee.SqliteDatabase | None = None) -> Path:
    """A consistent copy through SQLite's backup API, written to a temp file and moved into place (atomic_path)."""
    db = source or database_proxy.obj
    if db is None:
        raise RuntimeError("no database is open")
    dest = Path(dest)
    if dest.resolve() == Path(db.database).resolve():
        raise StoreError("a backup cannot overwrite the database it copies")
    if dest.is_dir():
        raise StoreError(f"{dest} is a folder; name the backup file")
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
