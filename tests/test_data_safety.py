"""Data safety: only our files are opened, read-only commands read only, damaged files are refused before any write
or copy, concurrent writers wait for each other, and every failure is one sentence (the traceback goes to the log)."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest
from cli_helpers import run

from wethrive_desktop.cli import main
from wethrive_desktop.errors import describe
from wethrive_desktop.models import migrations
from wethrive_desktop.models.db import (
    APPLICATION_ID,
    DamagedDatabaseError,
    NotADatabaseError,
    backup_to,
    check_integrity,
    close_database,
    create_database,
    open_database,
)

ROWS = 400
CSV_HEADER = "date,title,hours,practices,description\n"


@pytest.fixture(autouse=True)
def closed() -> Iterator[None]:
    yield
    close_database()




def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path)


def write_csv(path: Path, rows: int = ROWS, tag: str = "") -> Path:
    lines = [f"2026-{1 + i % 12:02d}-{1 + i % 28:02d},Course {tag}{i},1.5,{1 + i % 14},{'notes ' * 40}\n"
             for i in range(rows)]
    path.write_text(CSV_HEADER + "".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite3"
    assert run("import-csv", write_csv(tmp_path / "rows.csv"), "--db", path) == 0
    return path


def foreign_database(path: Path, version: int = 0) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.execute("INSERT INTO songs VALUES ('Clair de lune')")
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
    return path


def damage(path: Path, table: str | None = None) -> None:
    """Overwrite a page with garbage: the root page of `table`, else one in the middle of the file. The header
    (page 1) stays valid."""
    page = 4096
    if table is None:
        offset = (path.stat().st_size // page // 2) * page
    else:
        con = sqlite3.connect(path)
        try:
            root = int(con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])
        finally:
            con.close()
        offset = (root - 1) * page
    with path.open("r+b") as fh:
        fh.seek(offset)
        fh.write(b"\xa5" * page)


def count(path: Path, table: str = "activity") -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


# --- only our files ------------------------------------------------------------------------------------------

COMMANDS = [
    ("summary", "--year", "2026"),
    ("backup", "--out", "{tmp}/copy.sqlite3"),
    ("export-json", "{tmp}/out.json"),
    ("import-csv", "{csv}"),
    ("import-ics", "{ics}"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("version", [0, 2, migrations.LATEST_VERSION + 3])
def test_another_programs_database_is_refused_untouched_by_every_command(
        tmp_path: Path, command: tuple[str, ...], version: int, capsys: pytest.CaptureFixture[str]) -> None:
    target = foreign_database(tmp_path / "music.db", version)
    before = target.read_bytes()
    csv = write_csv(tmp_path / "rows.csv", rows=3)
    ics = Path(__file__).parent / "data" / "registrations.ics"
    argv = [a.format(tmp=tmp_path, csv=csv, ics=ics) for a in command]
    assert run(*argv, "--db", target) == 1
    err = capsys.readouterr().err
    assert "another program's database" in err and "Traceback" not in err
    assert target.read_bytes() == before
    assert side_files(target) == []
    assert not (tmp_path / "copy.sqlite3").exists() and not (tmp_path / "out.json").exists()


def test_an_empty_file_we_did_not_create_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "empty.sqlite3"
    target.touch()
    assert run("import-csv", write_csv(tmp_path / "rows.csv", rows=3), "--db", target) == 1
    assert "empty file that WeThrive did not create" in capsys.readouterr().err
    assert target.read_bytes() == b"" and side_files(target) == []


def test_refusing_a_too_new_or_truncated_file_leaves_no_side_files(filled: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    con = sqlite3.connect(newer)
    con.execute("PRAGMA journal_mode = wal")
    con.execute("CREATE TABLE t (x)")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    con.close()
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(filled.read_bytes()[:60])
    for path in (newer, truncated):
        with pytest.raises(NotADatabaseError if path == truncated else Exception):
            open_database(path)
        assert side_files(path) == [], path


def test_a_file_from_before_the_application_id_is_recognised_and_stamped(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, path, target=4)
    db.execute_sql("PRAGMA application_id = 0")
    db.execute_sql("INSERT INTO activity (id, start_date, title, type, hours, created_at, updated_at) "
                   "VALUES (1, '2025-03-01', 'Ethics 101', 'e-course', 150, '2025-03-01', '2025-03-01')")
    close_database()
    db = open_database(path)
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert migrations.schema_version(db) == migrations.LATEST_VERSION
    close_database()
    assert count(path) == 1


def test_new_files_carry_our_application_id_from_the_start(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    assert create_database(path) is True
    assert create_database(path) is False
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.sqlite3"]  # no temp file left beside it


# --- read-only commands --------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [("summary", "--year", "2026"), ("export-csv", "{tmp}/o.csv"),
                                     ("export-json", "{tmp}/o.json"), ("challenge", "--year", "2026"),
                                     ("report-check", "--year", "2026"), ("backup", "--out", "{tmp}/b.sqlite3")],
                         ids=lambda c: c[0])
def test_reading_commands_open_read_only(filled: Path, tmp_path: Path, command: tuple[str, ...],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The connection refuses writes: a command that only reads cannot change the file, whatever its code does."""
    from wethrive_desktop.models import db as store

    opened: list[peewee.SqliteDatabase] = []
    real = store.open_database

    def spy(*args: object, **kwargs: bool) -> peewee.SqliteDatabase:
        database = real(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(database)
        return database

    monkeypatch.setattr(store, "open_database", spy)  # cli_common imports it when a command opens the file
    before = filled.read_bytes()
    code = main([a.format(tmp=tmp_path) for a in command] + ["--db", str(filled)])
    assert code in (0, 3)  # report-check: 3 = not ready yet
    (database,) = opened
    with pytest.raises(peewee.OperationalError, match="readonly"):
        database.execute_sql("DELETE FROM activity")
    close_database()
    assert filled.read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root (or Windows) writes anyway")
def test_summary_works_in_a_read_only_folder(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = filled.parent
    folder.chmod(0o555)
    try:
        assert run("summary", "--year", "2026", "--db", filled) == 0
    finally:
        folder.chmod(0o755)
    assert "Professional development 2026" in capsys.readouterr().out


# --- damaged files -------------------------------------------------------------------------------------------

def test_quick_check_finds_a_damaged_page(filled: Path) -> None:
    damage(filled)
    db = open_database(filled)
    with pytest.raises(DamagedDatabaseError, match="is damaged"):
        check_integrity(db)


@pytest.mark.parametrize("command", [("backup", "--out", "{tmp}/copy.sqlite3"), ("import-csv", "{csv}"),
                                     ("import-ics", "{ics}")], ids=lambda c: c[0])
def test_a_damaged_database_is_neither_written_nor_copied(filled: Path, tmp_path: Path, command: tuple[str, ...],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    damage(filled)
    before = filled.read_bytes()
    csv = write_csv(tmp_path / "more.csv", rows=5, tag="new ")
    ics = Path(__file__).parent / "data" / "registrations.ics"
    assert run(*[a.format(tmp=tmp_path, csv=csv, ics=ics) for a in command], "--db", filled) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "backup" in err and "Traceback" not in err
    assert filled.read_bytes() == before
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_damaged_database_is_still_read_for_export_with_a_warning(filled: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Exporting what can still be read is how a member rescues a damaged file: a warning, not a refusal."""
    damage(filled)
    code = run("export-csv", tmp_path / "rescue.csv", "--db", filled)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "warning:" in err and "is damaged" in err
    assert code == 0 or "damaged" in err.split("warning:")[1]


# --- concurrency ---------------------------------------------------------------------------------------------

def _cli(*argv: str | Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "wethrive_desktop", *map(str, argv)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def test_two_imports_into_the_same_new_file_never_lose_it(filled: Path, tmp_path: Path) -> None:
    export = tmp_path / "all.json"
    assert run("export-json", export, "--db", filled) == 0
    for attempt in range(4):
        target = tmp_path / f"new-{attempt}.sqlite3"
        procs = [_cli("import-json", export, "--db", target) for _ in range(2)]
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        for code, _out, err in results:
            assert code in (0, 1) and "Traceback" not in err, err
        winners = [r for r in results if r[0] == 0]
        assert len(winners) == 1, results  # the other is told the file is no longer empty
        assert target.exists() and count(target) == ROWS


def test_two_imports_into_the_same_empty_database_fill_it_once(filled: Path, tmp_path: Path) -> None:
    export = tmp_path / "all.json"
    assert run("export-json", export, "--db", filled) == 0
    target = tmp_path / "empty.sqlite3"
    open_database(target)
    close_database()
    procs = [_cli("import-json", export, "--db", target) for _ in range(2)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert sorted(code for code, _, _ in results) == [0, 1], results
    (loser,) = [err for code, _, err in results if code == 1]
    assert "already has" in loser and "Traceback" not in loser
    assert count(target) == ROWS


def test_a_writer_waits_for_another_instead_of_failing(filled: Path) -> None:
    """A save while the command line holds the write lock for a moment waits for it (busy timeout), not fails."""
    from datetime import date
    from decimal import Decimal

    from wethrive_desktop.models.activities import ActivityData, save_activity

    holder = sqlite3.connect(filled, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.8, lambda: holder.execute("COMMIT"))
    open_database(filled)
    releaser.start()
    started = time.monotonic()
    save_activity(ActivityData(start_date=date(2026, 4, 1), title="Saved while busy", hours=Decimal(2)))
    assert time.monotonic() - started >= 0.5
    releaser.join()
    holder.close()
    close_database()
    assert count(filled) == ROWS + 1


def test_a_writer_blocked_too_long_is_told_who_holds_the_file(filled: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.models import db as store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(filled, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        database = open_database(filled)
        with pytest.raises(peewee.OperationalError) as caught:
            with database.atomic():
                database.execute_sql("DELETE FROM activity")
        assert "another WeThrive window or command is writing" in (describe(caught.value) or "")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --- one boundary --------------------------------------------------------------------------------------------

def test_an_unexpected_error_is_a_sentence_and_the_traceback_goes_to_the_log(
        filled: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(year: int) -> None:
        raise ZeroDivisionError("a bug in the summary")

    monkeypatch.setattr("wethrive_desktop.models.summary.year_summary", broken)
    assert run("summary", "--year", "2026", "--db", filled) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected problem" in err and "ZeroDivisionError" in err
    log = (data_dir / "logs" / "wethrive.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "a bug in the summary" in log


def test_disk_full_behind_a_failed_rollback_is_reported_as_disk_full(
        filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def full(*args: object, **kwargs: object) -> None:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "copy.sqlite3"))
        except OSError:
            raise peewee.OperationalError("cannot rollback - no transaction is active")  # noqa: B904

    monkeypatch.setattr("wethrive_desktop.models.db.backup_to", full)  # as the backup command imports it
    assert run("backup", "--out", tmp_path / "copy.sqlite3", "--db", filled) == 1
    err = capsys.readouterr().err
    assert "the disk is full" in err and "copy.sqlite3" in err and "rollback" not in err


def test_a_backup_of_a_damaged_database_is_refused(filled: Path, tmp_path: Path) -> None:
    damage(filled)
    open_database(filled)
    with pytest.raises(DamagedDatabaseError):
        backup_to(tmp_path / "copy.sqlite3")
    assert list(tmp_path.glob("*copy*")) == []


# --- the app ---------------------------------------------------------------------------------------------------

def test_the_app_takes_its_daily_backup_off_the_gui_thread_and_says_when_the_file_is_damaged(
        filled: Path, qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from pytestqt.qtbot import QtBot

    from wethrive_desktop import app
    from wethrive_desktop.models import backups
    from wethrive_desktop.models.backups import list_backups
    from wethrive_desktop.ui import prompts
    from wethrive_desktop.ui.main_window import MainWindow

    assert isinstance(qtbot, QtBot)
    threads: list[int] = []
    real = backups.daily_backup  # the app loads it when the backup starts, after the first paint

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "daily_backup", spy)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))

    def opened(path: Path) -> MainWindow:
        window = app.open_window(path)
        qtbot.addWidget(window)
        return window

    window = opened(filled)
    qtbot.waitUntil(lambda: len(list_backups(filled)) == 1)
    assert threads and threads[0] != threading.get_ident()
    window.close()
    close_database()

    damage(filled, "legacy_action")  # a table the first page does not read: the window opens, the backup refuses
    window = opened(filled)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert "is damaged" in errors[0]
    assert len(list_backups(filled)) == 1  # the damaged file was not copied
    window.close()


def test_an_older_file_whose_header_is_stale_is_read_through_its_wal(tmp_path: Path) -> None:
    """An older WeThrive stopped before it copied its -wal file back: the main file's header still says schema 0,
    but the file is ours, and is opened as the app would, through the -wal."""
    import shutil

    from wethrive_desktop.models.db import FIRST_TABLES, check_openable

    live = tmp_path / "live.sqlite3"
    con = sqlite3.connect(live, isolation_level=None)
    con.execute("PRAGMA journal_mode = wal")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    for table in sorted(FIRST_TABLES):
        con.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
    con.execute("PRAGMA user_version = 4")
    killed = tmp_path / "killed"
    killed.mkdir()
    for name in ("live.sqlite3", "live.sqlite3-wal"):  # as a kill leaves them, the -wal not copied back
        shutil.copy(tmp_path / name, killed / name)
    con.close()
    copy = killed / "live.sqlite3"
    assert int.from_bytes(copy.read_bytes()[60:64], "big") == 0  # the stale header
    assert check_openable(copy) == 4
    other = killed / "other.sqlite3"
    shutil.copy(copy, other)
    shutil.copy(killed / "live.sqlite3-wal", killed / "other.sqlite3-wal")
    con = sqlite3.connect(other)
    con.execute("DROP TABLE attachment")
    con.close()
    with pytest.raises(NotADatabaseError, match="another program"):
        check_openable(other)
