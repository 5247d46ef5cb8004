"""Migration 6 (ICMA's counting): a version-5 file with coaching activities, a profile and a report is upgraded
with nothing lost, old coaching rows that read as given are flagged for the member, and Tenet 8 is tracked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wethrive_desktop.models import migrations
from wethrive_desktop.models.activities import load_activities
from wethrive_desktop.models.backups import list_backups
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.migrations.m0006_icma_counting import reads_as_given
from wethrive_desktop.models.requirements.store import load_requirements
from wethrive_desktop.models.tables import Profile

ROWS = [
    (1, "2025-02-01", "Mentoring a new budget analyst", "coaching", 300, "Monthly sessions with my mentee"),
    (2, "2025-03-01", "Executive coaching", "coaching", 200, "Sessions with my coach on delegation"),
    (3, "2025-04-01", "Coaching a new assistant city manager", "coaching", 100, ""),
    (4, "2025-05-01", "Ethics 101", "e-course", 150, ""),
    (5, "2025-06-01", "Coaching session", "coaching", 100, "received feedback from a retired manager"),
]


def version_5_file(path: Path) -> None:
    db = open_database(path, migrate=False)
    migrations.migrate(db, path, target=5)
    for row_id, start, title, type_, hours, description in ROWS:
        db.execute_sql("INSERT INTO activity (id, start_date, title, type, hours, description, created_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
                       (row_id, start, title, type_, hours, description))
    db.execute_sql("INSERT INTO activity_practice VALUES (1, 4), (4, 1)")
    db.execute_sql("UPDATE profile SET name = 'Dana Reyes', credential_status = 'credentialed', "
                   "program_entry_date = '2021-05-01', multirater_completed_date = '2023-02-01'")
    db.execute_sql("INSERT INTO annual_report (year, summary_reflection, created_at, updated_at) "
                   "VALUES (2025, 'A year of budgets.', '2025-01-01 00:00:00', '2025-01-01 00:00:00')")
    close_database()


def test_a_version_5_file_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "v5.sqlite3"
    version_5_file(path)
    db = open_database(path)
    assert migrations.schema_version(db) == migrations.LATEST_VERSION
    records = {r.id: r for r in load_activities()}
    assert [records[i].data.type for i in (1, 2, 3, 4, 5)] == ["coaching", "coaching", "coaching", "e-course",
                                                                  "coaching"]
    assert records[1].data.practices == (4,) and records[4].data.practices == (1,)
    # Coaching and mentoring were one type: those that read as given are flagged for the member to confirm.
    assert {i for i, r in records.items() if r.data.type_review} == {1, 3}
    assert all(r.data.topics == () and r.data.delivery_hours == 0 and r.data.meets_conditions is None
               and r.data.mentoring is None for r in records.values())
    profile = Profile.get_by_id(1)
    assert (profile.name, profile.credential_status, profile.service_status, profile.multirater_status) == (
        "Dana Reyes", "credentialed", "serving", "")
    assert str(profile.multirater_completed_date) == "2023-02-01"
    assert db.execute_sql("SELECT summary_reflection, wholistic, narrative, extension_until FROM annual_report"
                          ).fetchall() == [("A year of budgets.", 0, "", None)]
    assert [r.key for r in load_requirements()] == ["icma-tenet-8"]
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    close_database()
    (copy,) = [b for b in list_backups(path) if b.reason.startswith("before-upgrade-from-v5")]
    con = sqlite3.connect(copy.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 5
    con.close()


def test_the_retired_status_is_accepted_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "v5.sqlite3"
    version_5_file(path)
    db = open_database(path)
    db.execute_sql("UPDATE profile SET credential_status = 'retired', service_status = 'left'")
    assert Profile.get_by_id(1).credential_status == "retired"
    close_database()


def test_words_that_read_as_given_or_received() -> None:
    assert reads_as_given("Mentoring a new analyst", "")
    assert reads_as_given("Coaching program", "coached two interns through their first budget")
    assert not reads_as_given("Executive coaching", "")
    assert not reads_as_given("Mentoring", "sessions with my mentor")
    assert not reads_as_given("Leadership coaching", "received coaching from a retired manager")
