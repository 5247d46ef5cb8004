"""Migration 7 (the facts of a year in one index): a version-6 file upgrades with nothing changed but its indexes,
and the dashboard then reads a year's activities from that index alone, never row by row from the table."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from wethrive_desktop.models import migrations
from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity, stored_identities
from wethrive_desktop.models.backups import list_backups
from wethrive_desktop.models.dashboard import load_year
from wethrive_desktop.models.db import close_database, database_proxy, open_database
from wethrive_desktop.models.domain import Status

T = TypeVar("T")
FACTS = ["start_date", "title", "hours", "status", "type", "end_date", "provider", "challenge_key", "delivery_hours",
         "topics", "meets_conditions"]


def some_activities() -> None:
    """Activities over three years, entered out of date order (as an import of old spreadsheets stores them)."""
    for year in (2026, 2024, 2025, 2026, 2024):
        save_activity(ActivityData(date(year, 3, 2), f"Budget course {year}", Decimal("1.5"), "webinar",
                                   provider="GFOA", practices=(6, 11), topics=("ethics",)))
        save_activity(ActivityData(date(year, 9, 14), f"Conference {year}", Decimal(8), "conference",
                                   end_date=date(year, 9, 16), practices=(1,)))
        save_activity(ActivityData(date(year, 11, 20), f"Planned webinar {year}", Decimal(1), "webinar",
                                   status=Status.PLANNED))


def indexes(con: sqlite3.Connection | None = None) -> dict[str, list[str]]:
    """The activity table's own indexes (name: columns in order)."""
    run = con.execute if con is not None else database_proxy.execute_sql
    names = [row[0] for row in run("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity' "
                                   "AND sql IS NOT NULL")]
    return {name: [row[2] for row in run(f"PRAGMA index_info({name})")] for name in names}


def test_a_version_6_file_upgrades_with_its_activities_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "v6.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, path, target=6)
    some_activities()
    before = db.execute_sql("SELECT * FROM activity ORDER BY id").fetchall()
    links = db.execute_sql("SELECT * FROM activity_practice ORDER BY activity_id, practice_id").fetchall()
    assert indexes()["activity_identity"] == ["start_date", "title", "hours"]
    close_database()

    db = open_database(path)
    assert migrations.schema_version(db) == migrations.LATEST_VERSION == 7
    assert db.execute_sql("SELECT * FROM activity ORDER BY id").fetchall() == before
    assert db.execute_sql("SELECT * FROM activity_practice ORDER BY activity_id, practice_id").fetchall() == links
    found = indexes()
    assert "activity_identity" not in found  # replaced: it is the new index's first three columns
    assert found["activity_facts"] == FACTS
    assert found["activity_start_date"] == ["start_date"]
    assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert len(load_activities()) == 15
    close_database()
    (copy,) = [b for b in list_backups(path) if b.reason.startswith("before-upgrade-from-v6")]
    con = sqlite3.connect(copy.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 6
    assert "activity_identity" in indexes(con) and "activity_facts" not in indexes(con)
    con.close()


def test_a_new_file_has_the_index(db: object) -> None:
    assert indexes()["activity_facts"] == FACTS


def plan(sql: str) -> str:
    return " | ".join(row[3] for row in database_proxy.connection().execute("EXPLAIN QUERY PLAN " + sql))


def test_the_dashboard_reads_a_year_from_the_index_alone(db: object) -> None:
    some_activities()
    records, statements = traced(lambda: load_year(2024))
    assert sorted(r.title for r in records) == ["Budget course 2024", "Budget course 2024", "Conference 2024",
                                                "Conference 2024"]  # completed ones only
    assert {r.practices for r in records} == {(6, 11), (1,)}
    conference = next(r for r in records if r.type == "conference")
    assert (conference.end_date, conference.hours) == (date(2024, 9, 16), Decimal(8))
    reading = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM activity " in s
               and "activity_practice" not in s]
    assert len(reading) == 1, statements
    found = plan(reading[0])
    assert "COVERING INDEX activity_facts" in found, found  # no lookup of each row in the table
    assert "SCAN" not in found, found


def traced(work: Callable[[], T]) -> tuple[T, list[str]]:
    """What `work` returns, and the statements it ran."""
    connection = database_proxy.connection()
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    try:
        return work(), statements
    finally:
        connection.set_trace_callback(None)


def test_the_stored_identities_are_read_from_the_index(db: object) -> None:
    """What an import compares its rows with (date, title, hours) is still read from an index, not the table."""
    some_activities()
    found, statements = traced(stored_identities)
    assert (date(2025, 3, 2), "budget course 2025", Decimal("1.5")) in found and len(found) == 9
    (reading,) = statements
    assert "COVERING INDEX activity_facts" in plan(reading), plan(reading)
