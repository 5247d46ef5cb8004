"""One atomic writer (wethrive_desktop/files.py) behind every file the app writes: an interrupted write leaves the
old file as it was and no temp file behind, whichever writer was interrupted."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from wethrive_desktop import files
from wethrive_desktop.files import atomic_path, write_atomically

OLD = b"%PDF-1.4 the old report\n"


class Interrupted(OSError):
    """What the tests raise in the middle of a write (a full disk, a pulled USB stick)."""


def only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def fsync_fails(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """Make the writer fail after the new bytes went to the temp file, before it is moved into place; yields what
    the temp file held at that moment (so a test can tell the write had started)."""
    seen: list[bytes] = []

    def failing(src: str | Path, dst: str | Path) -> None:
        seen.append(Path(src).read_bytes())
        raise Interrupted(errno.ENOSPC, "disk full", str(dst))

    monkeypatch.setattr("wethrive_desktop.files.os.replace", failing)
    yield seen


# --- the writer itself -------------------------------------------------------------------------------------


def test_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomically(target, "première\r\n")
    assert target.read_bytes() == "première\r\n".encode()  # newlines as given, UTF-8
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    write_atomically(target, "bom", encoding="utf-8-sig")
    assert target.read_bytes() == b"\xef\xbb\xbfbom"
    assert only(tmp_path) == ["out.txt"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_file_gets_a_normal_mode_not_the_temp_files_private_one(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.txt"
    write_atomically(fresh, "x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~files._UMASK
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o640)
    write_atomically(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_an_interrupted_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path,
                                                                    fsync_fails: list[bytes]) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)
    with pytest.raises(Interrupted):
        write_atomically(target, b"%PDF-1.4 the new report, half written")
    assert fsync_fails == [b"%PDF-1.4 the new report, half written"]  # the write had started
    assert target.read_bytes() == OLD
    assert only(tmp_path) == ["report.pdf"]


def test_a_failed_fsync_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(fd: int) -> None:
        raise Interrupted("I/O error")

    monkeypatch.setattr("wethrive_desktop.files.os.fsync", failing)
    target = tmp_path / "out.csv"
    target.write_bytes(OLD)
    with pytest.raises(Interrupted):
        write_atomically(target, "new")
    assert target.read_bytes() == OLD
    assert only(tmp_path) == ["out.csv"]


def test_an_exception_inside_atomic_path_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError, match="stopped"), atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_bytes(b"part of a new copy")
        raise RuntimeError("stopped")
    assert target.read_bytes() == OLD
    assert only(tmp_path) == ["copy.sqlite3"]


def test_atomic_path_moves_what_was_written_into_place(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "file.bin"
    with atomic_path(target, make_parents=True) as tmp:
        tmp.write_bytes(b"done")
    assert target.read_bytes() == b"done"
    assert only(target.parent) == ["file.bin"]


def test_a_missing_folder_or_a_folder_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_atomically(tmp_path / "nope" / "x.txt", "x")
    (tmp_path / "dir").mkdir()
    with pytest.raises(IsADirectoryError, match="is a folder"):
        write_atomically(tmp_path / "dir", "x")
    assert only(tmp_path) == ["dir"]


def test_no_writer_moves_files_into_place_by_hand() -> None:
    """Every writer goes through files.py: no other module renames or makes temp files itself."""
    root = Path(__file__).resolve().parents[1] / "wethrive_desktop"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "files.py" and path.parent == root:
            continue
        text = path.read_text(encoding="utf-8")
        if any(s in text for s in ("os.replace(", "mkstemp(", '+ ".part"', ".rename(")):
            offenders.append(path.relative_to(root).as_posix())
    assert offenders == []


# --- every writer ------------------------------------------------------------------------------------------


def _report_data() -> Any:
    from wethrive_desktop.models.activities import ActivityData, ActivityRecord
    from wethrive_desktop.models.annual_report import ReportDraft, assemble_report
    from wethrive_desktop.models.profile import ProfileData

    records = [ActivityRecord(i, ActivityData(date(2024, 3, i), f"Course {i}", Decimal(5), "workshop",
                                              practices=(1,)), datetime(2024, 1, 1), datetime(2024, 1, 1))
               for i in range(1, 4)]
    return assemble_report(2024, records, ProfileData(name="Member"), None, None, ReportDraft(2024),
                           date(2025, 2, 10))


def test_an_interrupted_pdf_build_keeps_the_old_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.reports.pdf import builder, story

    out = tmp_path / "report.pdf"
    out.write_bytes(OLD)
    started: list[str] = []

    def broken(self: Any) -> list[Any]:
        started.append("attestation")  # the story was being laid out: the build had started
        raise Interrupted("the builder stopped")

    monkeypatch.setattr(story.Story, "attestation", broken)
    with pytest.raises(Interrupted):
        builder.build_report_pdf(_report_data(), out)
    assert started and out.read_bytes() == OLD
    assert only(tmp_path) == ["report.pdf"]


def test_an_interrupted_pdf_save_keeps_the_old_pdf(tmp_path: Path, fsync_fails: list[bytes]) -> None:
    from wethrive_desktop.reports.pdf.builder import build_report_pdf

    out = tmp_path / "report.pdf"
    out.write_bytes(OLD)
    with pytest.raises(Interrupted):
        build_report_pdf(_report_data(), out)
    assert fsync_fails and fsync_fails[0].startswith(b"%PDF") and fsync_fails[0] != OLD  # the new one was going in
    assert out.read_bytes() == OLD
    assert only(tmp_path) == ["report.pdf"]


def test_the_report_command_keeps_the_old_pdf(db_path: Path, tmp_path: Path, fsync_fails: list[bytes],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from wethrive_desktop.cli import main
    from wethrive_desktop.models.activities import ActivityData, save_activity
    from wethrive_desktop.models.db import close_database, open_database

    open_database(db_path)
    save_activity(ActivityData(date(2024, 3, 1), "Budget course", Decimal(5), "workshop", practices=(12,)))
    close_database()
    folder = tmp_path / "pdfs"
    folder.mkdir()
    out = folder / "report.pdf"
    out.write_bytes(OLD)
    assert main(["report", "--year", "2024", "--out", str(out), "--db", str(db_path)]) == 1
    close_database()
    assert "the disk is full" in capsys.readouterr().err
    assert fsync_fails and out.read_bytes() == OLD and only(folder) == ["report.pdf"]


def test_the_report_page_keeps_the_old_pdf(window: Any, qtbot: QtBot, tmp_path: Path, fsync_fails: list[bytes],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.reports.pdf import builder
    from wethrive_desktop.reports.pdf.rendered import RenderedReport
    from wethrive_desktop.ui import prompts

    out = tmp_path / "saved" / "report.pdf"
    out.parent.mkdir()
    out.write_bytes(OLD)
    errors: list[str] = []
    monkeypatch.setattr(builder, "render_report", lambda *a, **k: RenderedReport(b"%PDF-1.4 new", 1))
    monkeypatch.setattr(prompts, "choose_save_file", lambda *a, **k: out)
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    page = window.show_page("reportPage")
    page.save_pdf()  # builds on a worker (the build above), then saves
    qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    assert errors and "disk full" in errors[0]
    assert fsync_fails == [b"%PDF-1.4 new"]
    assert out.read_bytes() == OLD and only(out.parent) == ["report.pdf"]


@pytest.mark.parametrize("export", ["csv", "json"])
def test_an_interrupted_export_keeps_the_old_file(db: object, tmp_path: Path, fsync_fails: list[bytes],
                                                  export: str) -> None:
    from wethrive_desktop.exchange.csv_io import export_csv
    from wethrive_desktop.exchange.json_io import export_json
    from wethrive_desktop.models.activities import ActivityData, save_activity

    save_activity(ActivityData(date(2026, 1, 5), "Ethics 101", Decimal(2), "e-course"))
    out = tmp_path / f"export.{export}"
    out.write_text("the old export\n")
    writer: Callable[[Path], object] = export_csv if export == "csv" else export_json
    with pytest.raises(Interrupted):
        writer(out)
    assert fsync_fails and b"Ethics 101" in fsync_fails[0]
    assert out.read_text() == "the old export\n"
    assert only(tmp_path) == [out.name]


def test_an_interrupted_backup_keeps_the_old_copy(db: object, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import peewee

    from wethrive_desktop.models.activities import ActivityData, save_activity
    from wethrive_desktop.models.db import backup_to, database_proxy

    save_activity(ActivityData(date(2026, 1, 5), "Ethics 101", Decimal(2), "e-course"))
    folder = tmp_path / "backups"
    folder.mkdir()
    dest = folder / "copy.sqlite3"
    dest.write_bytes(OLD)
    db_obj = database_proxy.obj
    assert isinstance(db_obj, peewee.SqliteDatabase)

    class Source:
        """The open database, whose backup stops half-way (after it wrote some pages)."""

        def connection(self) -> Any:
            class Connection:
                def backup(self, target: sqlite3.Connection) -> None:
                    db_obj.connection().backup(target, pages=1)  # (pages=1 makes it step page by page)
                    raise Interrupted("disk full")
            return Connection()

        database = db_obj.database

        def execute_sql(self, sql: str) -> Any:
            return db_obj.execute_sql(sql)

    with pytest.raises(Interrupted):
        backup_to(dest, Source())
    assert dest.read_bytes() == OLD
    assert only(folder) == ["copy.sqlite3"]
    backup_to(dest)  # and an uninterrupted one replaces it with a real copy
    con = sqlite3.connect(dest)
    try:
        assert con.execute("SELECT title FROM activity").fetchall() == [("Ethics 101",)]
    finally:
        con.close()
    assert only(folder) == ["copy.sqlite3"]


def test_an_interrupted_attachment_copy_leaves_nothing_half_copied(db: object, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.models.activities import ActivityData, add_attachment, attachment_folder, save_activity

    activity_id = save_activity(ActivityData(date(2026, 1, 5), "Ethics 101", Decimal(2), "e-course"))
    source = tmp_path / "certificate.pdf"
    source.write_bytes(b"%PDF certificate " * 1000)

    def half_copy(src: Path, dst: Path) -> None:
        Path(dst).write_bytes(Path(src).read_bytes()[:100])
        raise Interrupted("disk full")

    monkeypatch.setattr("wethrive_desktop.models.activities.shutil.copyfile", half_copy)
    with pytest.raises(Interrupted):
        add_attachment(activity_id, source)
    folder = attachment_folder()
    assert not folder.exists() or only(folder) == []
    monkeypatch.undo()
    stored = add_attachment(activity_id, source)
    assert (folder / stored.stored_name).read_bytes() == source.read_bytes()
    assert only(folder) == [stored.stored_name]
