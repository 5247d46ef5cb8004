"""The store: opening, refusing bad files, migrations with a backup, WAL and foreign keys, backups."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from wethrive_desktop.models import migrations
from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.backups import list_backups
from wethrive_desktop.models.db import (
    APPLICATION_ID,
    NewerSchemaError,
    NotADatabaseError,
    backup_to,
    close_database,
    open_database,
)
from wethrive_desktop.models.domain import CHALLENGE_2017, PRACTICES
from wethrive_desktop.models.tables import Practice


def test_new_database_is_wal_with_foreign_keys_and_latest_schema(db_path: Path) -> None:
    db = open_database(db_path)
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert migrations.schema_version(db) == migrations.LATEST_VERSION
    close_database()


def test_practices_are_seeded_in_order_with_exact_names(db: object) -> None:
    assert {p.number: p.name for p in Practice.select().order_by(Practice.number)} == PRACTICES
    assert PRACTICES[12] == "Financial Management and Budgeting"
    assert PRACTICES[14] == "Communication and Information Sharing"


def test_2017_catalogue_is_seeded(db: object) -> None:
    from wethrive_desktop.models.challenge import load_items

    items = {(i.key, i.points) for i in load_items(2017)}
    assert items == {(key, points) for points, key, _ in CHALLENGE_2017}


def test_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n")
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="not a WeThrive database"):
        open_database(path)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists()


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE x (a)")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_migration_from_empty_file_takes_no_backup(tmp_path: Path) -> None:
    open_database(tmp_path / "new.sqlite3")
    close_database()
    assert list_backups(tmp_path / "new.sqlite3") == []


def test_each_migration_step_keeps_child_rows(tmp_path: Path) -> None:
    """Upgrade a database made at every earlier version, with activities and their practice links, to the latest."""
    for start in range(1, migrations.LATEST_VERSION):
        path = tmp_path / f"v{start}.sqlite3"
        db = open_database(path, migrate=False)
        migrations.migrate(db, path, target=start)
        db.execute_sql(
            "INSERT INTO activity (id, start_date, title, type, hours, created_at, updated_at) "
            "VALUES (1, '2025-03-01', 'Ethics 101', 'e-course', 150, '2025-03-01 00:00:00', '2025-03-01 00:00:00')")
        db.execute_sql("INSERT INTO activity_practice VALUES (1, 1), (1, 14)")
        close_database()
        open_database(path)
        (record,) = load_activities()
        assert record.data.practices == (1, 14)
        assert record.data.hours == Decimal("1.50")
        (copy,) = [b for b in list_backups(path) if b.reason.startswith(f"before-upgrade-from-v{start}-to-v")]
        con = sqlite3.connect(copy.path)
        assert con.execute("PRAGMA user_version").fetchone()[0] == start  # the copy is the file as it was
        assert con.execute("SELECT title FROM activity").fetchall() == [("Ethics 101",)]
        con.close()
        close_database()


def test_failed_migration_step_rolls_back_its_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.sqlite3"
    db = open_database(path)
    version = migrations.schema_version(db)
    broken = migrations.Migration(version + 1, "broken", module=None)  # type: ignore[arg-type]

    def apply(_db: object) -> None:
        db.execute_sql("CREATE TABLE half_done (a)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrations.Migration, "apply", lambda self, d: apply(d))
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(RuntimeError):
        migrations.migrate(db, path, target=version + 1)
    assert migrations.schema_version(db) == version
    assert not db.table_exists("half_done")
    close_database()


def test_backup_is_a_consistent_copy(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path)
    save_activity(ActivityData(date(2026, 2, 3), "Budget webinar", Decimal("1.5"), "webinar", practices=(12,)))
    out = backup_to(tmp_path / "copy" / "backup.sqlite3")
    close_database()
    con = sqlite3.connect(out)
    assert con.execute("SELECT title, hours FROM activity").fetchall() == [("Budget webinar", 150)]
    con.close()


def test_deleting_an_activity_removes_its_links_not_the_practice(db: object) -> None:
    from wethrive_desktop.models.activities import delete_activity
    from wethrive_desktop.models.tables import ActivityPractice

    activity_id = save_activity(ActivityData(date(2026, 1, 5), "Reading", Decimal(2), "reading", practices=(5,)))
    delete_activity(activity_id)
    assert ActivityPractice.select().count() == 0
    assert Practice.select().count() == 14
