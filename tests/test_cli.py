"""The command line: every data command, every bad input, exit codes, and the database left as it was."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import dump, run

from wethrive_desktop.cli import main
from wethrive_desktop.models import migrations
from wethrive_desktop.models.db import APPLICATION_ID, close_database, open_database

CSV = (
    "date,end_date,title,hours,practices,type,challenge,status\n"
    "2026-01-05,,Budget webinar,1.5,12;14,webinar,icmau-webinar,\n"
    "03/10/2026,03/12/2026,ICMA Annual Conference,16,2;6;14,conference,annual-conference,completed\n"
    "2026-05-01,,Dare to Lead,2:15,,reading,,\n"
    "2026-12-20,,Pension webinar,3,12,webinar,,planned\n"
    "2025-12-30,2026-01-02,Winter Institute,20,5,leadership institute,,\n"
)


@pytest.fixture(autouse=True)
def closed() -> Iterator[None]:
    yield
    close_database()






@pytest.fixture
def csv_path(tmp_path: Path) -> Path:
    path = tmp_path / "activities.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


@pytest.fixture
def filled(db_path: Path, csv_path: Path) -> Path:
    assert run("import-csv", csv_path, "--db", db_path) == 0
    return db_path


@pytest.fixture
def not_a_database(tmp_path: Path) -> Path:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my notes, not a database\n")
    return path


@pytest.fixture
def newer_database(tmp_path: Path) -> Path:
    path = tmp_path / "future.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE x (a)")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    con.commit()
    con.close()
    return path


# --- import-csv ---------------------------------------------------------------------------------------------

def test_import_csv_adds_then_skips_duplicates(db_path: Path, csv_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-csv", csv_path, "--db", db_path) == 0
    assert capsys.readouterr().out == "5 added, 0 duplicates skipped.\n"
    assert run("import-csv", csv_path, "--db", db_path) == 0
    assert capsys.readouterr().out == "0 added, 5 duplicates skipped.\n"


def test_import_csv_dry_run_writes_nothing(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    more = tmp_path / "more.csv"
    more.write_text(CSV + "2026-06-01,,New one,1,,webinar,,\n")
    before = dump(filled)
    capsys.readouterr()
    assert run("import-csv", more, "--dry-run", "--db", filled) == 0
    assert capsys.readouterr().out.startswith("Dry run: 1 would be added, 5 duplicates would be skipped")
    assert dump(filled) == before


def test_import_csv_prints_every_error_and_imports_nothing(filled: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,title,hours,practices\n2026-07-01,Fine,1,\n2026-02-30,Bad date,1,\n"
                   "2026-07-02,,x,15\n2026-07-01,Fine,1,\n")
    before = dump(filled)
    capsys.readouterr()
    assert run("import-csv", bad, "--db", filled) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "line 3: date: '2026-02-30' is not a real date",
        "line 4: title: is required",
        "line 4: hours: 'x' is not a number of hours (use e.g. 1.5 or 1:30)",
        "line 4: practices: 15: practice numbers run from 1 to 14",
        f"4 error(s) in {bad}: nothing was imported (0 added, 1 duplicates).",
    ]
    assert dump(filled) == before


def test_failed_import_into_a_new_file_leaves_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,title,hours\n2026-07-01,Fine,99\n")
    target = tmp_path / "new.sqlite3"
    assert run("import-csv", bad, "--db", target) == 1
    assert list(tmp_path.glob("new.sqlite3*")) == []


def test_import_csv_missing_file(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-csv", tmp_path / "nope.csv", "--db", db_path) == 1
    assert capsys.readouterr().err == f"wethrive: error: {tmp_path / 'nope.csv'} does not exist\n"
    assert not db_path.exists()


def test_import_csv_of_a_folder_or_a_binary_file(db_path: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-csv", tmp_path, "--db", db_path) == 1
    assert "is not a file" in capsys.readouterr().err
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    assert run("import-csv", binary, "--db", db_path) == 1
    assert "file: is not UTF-8 text" in capsys.readouterr().err


# --- files that are not ours -------------------------------------------------------------------------------

COMMANDS = [
    ("import-csv", "{csv}"), ("export-csv", "{out}.csv"), ("export-json", "{out}.json"),
    ("import-json", "{json}"), ("summary", "--year", "2026"), ("summary", "--year", "2026", "--json"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("kind", ["not_a_database", "newer_database"])
def test_a_file_that_is_not_a_database_or_is_newer_is_refused_untouched(
        command: tuple[str, ...], kind: str, request: pytest.FixtureRequest, csv_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    target: Path = request.getfixturevalue(kind)
    export = tmp_path / "good.json"
    export.write_text('{"format": "wethrive-desktop", "format_version": 1}')
    before = target.read_bytes()
    argv = [a.format(csv=csv_path, out=tmp_path / "out", json=export) for a in command]
    assert run(*argv, "--db", target) == 1
    err = capsys.readouterr().err
    assert err.startswith("wethrive: error: ")
    assert ("not a WeThrive database" if kind == "not_a_database" else "newer version") in err
    assert "Traceback" not in err
    assert target.read_bytes() == before
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.json").exists()


def test_a_damaged_database_is_a_message_not_a_traceback(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = filled.read_bytes()
    filled.write_bytes(data[:4096] + b"\x00" * 512)  # keeps the SQLite header, loses the rest
    code = run("summary", "--year", "2026", "--db", filled)
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("wethrive: error:")


# --- export-csv -------------------------------------------------------------------------------------------

def test_export_csv_all_and_by_year(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    assert run("export-csv", out, "--db", filled) == 0
    assert capsys.readouterr().out == f"Exported 5 activities to {out}\n"
    assert run("export-csv", out, "--year", "2025", "--db", filled) == 0
    assert capsys.readouterr().out == f"Exported 1 activities of 2025 to {out}\n"
    assert "Winter Institute" in out.read_text(encoding="utf-8-sig")


def test_exported_csv_imports_back_into_a_new_database(filled: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    assert run("export-csv", out, "--db", filled) == 0
    assert run("import-csv", out, "--db", tmp_path / "copy.sqlite3") == 0
    assert capsys.readouterr().out.endswith("5 added, 0 duplicates skipped.\n")
    assert run("summary", "--year", "2026", "--json", "--db", tmp_path / "copy.sqlite3") == 0
    copy = capsys.readouterr().out
    assert run("summary", "--year", "2026", "--json", "--db", filled) == 0
    assert capsys.readouterr().out == copy


@pytest.mark.parametrize("year", ["20x6", "0", "99999"])
def test_export_csv_bad_year_is_bad_usage(filled: Path, tmp_path: Path, year: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export-csv", str(tmp_path / "x.csv"), "--year", year, "--db", str(filled)])
    assert exited.value.code == 2
    assert "--year" in capsys.readouterr().err


def test_export_without_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.sqlite3"
    assert run("export-csv", tmp_path / "x.csv", "--db", missing) == 1
    assert capsys.readouterr().err == (
        f"wethrive: error: there is no database at {missing} (use --db PATH to name one)\n")
    assert not missing.exists()
    assert run("export-json", tmp_path / "x.json", "--db", missing) == 1
    assert not missing.exists()


def test_export_into_a_missing_folder(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no" / "such" / "x.csv"
    assert run("export-csv", out, "--db", filled) == 1
    assert capsys.readouterr().err.startswith(f"wethrive: error: cannot write {out}: folder")


def test_missing_arguments_are_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["import-csv"], ["export-csv"], ["export-json"], ["import-json"], ["summary"], ["frobnicate"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2


# --- JSON -----------------------------------------------------------------------------------------------------

def test_export_json_import_json_export_json_gives_the_same_file(filled: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run("export-json", first, "--db", filled) == 0
    assert "5 activities" in capsys.readouterr().out
    assert run("import-json", first, "--db", tmp_path / "restored.sqlite3") == 0
    assert "Imported" in capsys.readouterr().out
    assert run("export-json", second, "--db", tmp_path / "restored.sqlite3") == 0
    assert second.read_bytes() == first.read_bytes()


def test_import_json_needs_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["import-json", str(tmp_path / "x.json")])
    assert exited.value.code == 2
    assert "needs --db PATH" in capsys.readouterr().err


@pytest.mark.parametrize("content, message", [
    ("{oops", "not valid JSON"),
    ('{"format": "wethrive-desktop", "format_version": 7}', "written by a newer version"),
    ('{"format": "something"}', "is not a WeThrive export"),
])
def test_import_json_bad_file_creates_nothing(tmp_path: Path, content: str, message: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    target = tmp_path / "new.sqlite3"
    assert run("import-json", bad, "--db", target) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(tmp_path.glob("new.sqlite3*")) == []


def test_import_json_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-json", tmp_path / "nope.json", "--db", tmp_path / "new.sqlite3") == 1
    assert "does not exist" in capsys.readouterr().err


def test_import_json_into_a_database_with_records_is_refused(filled: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "e.json"
    assert run("export-json", export, "--db", filled) == 0
    before = dump(filled)
    capsys.readouterr()
    assert run("import-json", export, "--db", filled) == 1
    assert "already has activities" in capsys.readouterr().err
    assert dump(filled) == before


def test_import_json_bad_record_leaves_an_empty_database_as_it_was(db_path: Path, filled: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "e.json"
    assert run("export-json", export, "--db", filled) == 0
    data = json.loads(export.read_text())
    data["profile"]["name"] = "Changed"
    data["activities"][-1]["hours"] = "lots"
    export.write_text(json.dumps(data))
    empty = tmp_path / "empty.sqlite3"
    open_database(empty)
    close_database()
    before = dump(empty)
    capsys.readouterr()
    assert run("import-json", export, "--db", empty) == 1
    assert "'hours' must be hours" in capsys.readouterr().err
    assert dump(empty) == before


# --- summary --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["summary", "--year", "2026"], ["challenge"], ["legacy"], ["eligibility"],
                                     ["backup"], ["report", "--year", "2026", "--out", "r.pdf"]])
def test_reading_commands_refuse_a_missing_database_and_create_none(
        command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo.sqlite3"
    assert run(*command, "--db", missing) == 1
    assert "there is no database at" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_summary_json_has_exactly_the_documented_keys(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run("summary", "--year", "2026", "--json", "--db", filled) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "year": 2026,
        "total_hours": 19.75,
        "counted_hours": 19.75,
        "caps": {"mentoring": {"logged": 0.0, "counted": 0.0}, "coaching-given": {"logged": 0.0, "counted": 0.0}},
        "required_hours": 40,
        "remaining_hours": 20.25,
        "status": "short",
        "activities": 3,
        "hours_by_practice": {"1": 0.0, "2": 5.34, "3": 0.0, "4": 0.0, "5": 0.0, "6": 5.33, "7": 0.0, "8": 0.0,
                              "9": 0.0, "10": 0.0, "11": 0.0, "12": 0.75, "13": 0.0, "14": 6.08,
                              "untagged": 2.25},
        "challenge_points": 30,
    }
    assert list(summary) == ["year", "total_hours", "counted_hours", "caps", "required_hours", "remaining_hours",
                             "status", "activities", "hours_by_practice", "challenge_points"]
    assert run("summary", "--year", "2025", "--json", "--db", filled) == 0
    last_year = json.loads(capsys.readouterr().out)
    assert (last_year["total_hours"], last_year["status"]) == (20.0, "short")


def test_summary_table(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run("--db", filled, "summary", "--year", "2026") == 0
    out = capsys.readouterr().out
    assert out.startswith("Professional development 2026: 19.75 of 40 h\n"
                          "Logged: 19.75 h   Counted: 19.75 h   Remaining: 20.25 h   Activities: 3   "
                          "Challenge points: 30\n\n")
    rows = {line.split()[0]: line.split()[-1] for line in out.splitlines()[3:]}
    assert rows["14"] == "6.08" and rows["12"] == "0.75" and rows["Untagged"] == "2.25"
    assert "Communication and Information Sharing" in out


def test_backup(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "backup.sqlite3"
    assert run("backup", "--out", out, "--db", filled) == 0
    assert dump(out) == dump(filled)


def test_the_real_command_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,title,hours,colour\n2026-01-01,A,1,red\n")
    result = subprocess.run([sys.executable, "-m", "wethrive_desktop", "import-csv", str(bad), "--db",
                             str(tmp_path / "x.sqlite3")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("line 1: colour: unknown column")
    assert "Traceback" not in result.stderr
