"""JSON export and import: every record, deterministic, exact round trip, and bad files change nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import count_inserts

from wethrive_desktop.exchange import json_io
from wethrive_desktop.exchange.json_io import FORMAT_VERSION, JsonImportError, export_json, import_json
from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.challenge import load_items
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.demo import populate_demo
from wethrive_desktop.models.profile import get_profile

TODAY = date(2026, 11, 15)


@pytest.fixture
def exported(db: object, tmp_path: Path) -> Path:
    """An export of the demo data (profile, catalogue, two years of activities, attachments)."""
    populate_demo(TODAY)
    path = tmp_path / "export.json"
    export_json(path)
    return path


def reopen(path: Path) -> None:
    close_database()
    open_database(path)


def test_export_import_into_an_empty_database_export_gives_the_identical_file(exported: Path,
                                                                               tmp_path: Path) -> None:
    reopen(tmp_path / "empty.sqlite3")
    counts = import_json(exported)
    assert counts["activities"] == len(json.loads(exported.read_text())["activities"]) >= 50
    again = tmp_path / "again.json"
    export_json(again)
    assert again.read_bytes() == exported.read_bytes()
    assert get_profile().name == "Elena Márquez-Whitfield"
    assert any(r.attachments for r in load_activities())


def test_export_is_deterministic_readable_and_versioned(exported: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.json"
    export_json(second)
    assert second.read_bytes() == exported.read_bytes()
    text = exported.read_text(encoding="utf-8")
    assert "Márquez" in text  # not \u escapes
    data = json.loads(text)
    assert data["format"] == "wethrive-desktop" and data["format_version"] == FORMAT_VERSION
    assert {"profile", "challenge_items", "activities"} <= set(data["section_versions"])
    ids = [a["id"] for a in data["activities"]]
    assert ids == sorted(ids)
    conference = next(a for a in data["activities"] if a["title"] == "ICMA Annual Conference")
    assert conference["hours"] in ("15", "8") and conference["end_date"] is not None
    assert len(data["challenge_items"]) == 19


def test_import_into_a_database_with_activities_is_refused(exported: Path) -> None:
    before = load_activities()
    with pytest.raises(JsonImportError, match="already has activities"):
        import_json(exported)
    assert load_activities() == before


def test_the_files_catalogue_replaces_the_seeded_one(db: object, tmp_path: Path) -> None:
    data = json_io.export_data()
    data["challenge_items"] = [{"year": 2026, "key": "annual-conference", "name": "Attend", "points": 25}]
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data))
    import_json(path)
    assert [(i.year, i.key, i.points) for i in load_items()] == [(2026, "annual-conference", 25)]


def write(tmp_path: Path, data: Any, raw: str | None = None) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    return path


def state() -> tuple[Any, ...]:
    return (get_profile(), [r.data for r in load_activities()], load_items())


def good_file_data() -> dict[str, Any]:
    data = json_io.export_data()
    data["profile"]["name"] = "Someone Else"
    data["activities"] = [{
        "id": 7, "start_date": "2026-01-05", "end_date": None, "title": "Webinar", "provider": "", "type": "webinar",
        "hours": "1.5", "practices": [12], "description": "", "learned": "", "status": "completed",
        "challenge_key": None, "created_at": "2026-01-05T10:00:00", "updated_at": "2026-01-05T10:00:00",
        "attachments": [],
    }]
    return data


def test_a_good_hand_written_file_imports(db: object, tmp_path: Path) -> None:
    import_json(write(tmp_path, good_file_data()))
    (record,) = load_activities()
    assert (record.id, record.data.hours, record.data.practices) == (7, Decimal("1.50"), (12,))
    assert get_profile().name == "Someone Else"


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    target: Any = data
    *keys, last = path.split(".")
    for key in keys:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is KeyError:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize("change, message", [
    (("activities.0.hours", 1.5), "activities[0] (id 7): 'hours' must be hours as text"),
    (("activities.0.hours", "1.555"), "'hours' must be hours as text with at most two decimals"),
    (("activities.0.hours", "-1"), "'hours' must be hours"),
    (("activities.0.start_date", "05/01/2026"), "'start_date' must be a date as YYYY-MM-DD"),
    (("activities.0.end_date", "2025-01-01"), "'end_date' is before 'start_date'"),
    (("activities.0.title", KeyError), "'title' is missing"),
    (("activities.0.type", "party"), "'type' 'party' is not one of"),
    (("activities.0.status", "done"), "'status' must be completed or planned"),
    (("activities.0.practices", [15]), "'practices' must be practice numbers 1-14"),
    (("activities.0.created_at", "yesterday"), "'created_at' must be a date and time"),
    (("activities.0.attachments", [{"id": 1}]), "activities[0] (id 7).attachments[0]: 'original_name' is missing"),
    (("activities.0", "not an object"), "activities[0]: must be an object"),
    (("challenge_items.0.points", -5), "challenge_items[0]: 'points' must not be negative"),
    (("profile.credential_status", "expert"), "profile: 'credential_status' must be none, candidate"),
    (("profile.program_entry_date", "soon"), "profile: 'program_entry_date' must be a date"),
])
def test_a_bad_record_is_named_and_nothing_changes(db: object, tmp_path: Path, change: tuple[str, Any],
                                                  message: str) -> None:
    before = state()
    path = write(tmp_path, _set(good_file_data(), *change))
    with pytest.raises(JsonImportError) as raised:
        import_json(path)
    assert message in str(raised.value)
    assert state() == before


def test_a_repeated_activity_id_is_refused(db: object, tmp_path: Path) -> None:
    data = good_file_data()
    data["activities"].append(dict(data["activities"][0]))
    with pytest.raises(JsonImportError, match="the id appears twice"):
        import_json(write(tmp_path, data))
    assert load_activities() == []


@pytest.mark.parametrize("raw, message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "is not a WeThrive export"),
    ('{"format": "something-else"}', "is not a WeThrive export"),
    ('{"format": "wethrive-desktop"}', "'format_version' is missing"),
    ('{"format": "wethrive-desktop", "format_version": 99}', "written by a newer version"),
    ('{"format": "wethrive-desktop", "format_version": 1, "time_machine": []}', "sections this version does not know"),
    ('{"format": "wethrive-desktop", "format_version": 1, "section_versions": {"activities": 9}, "activities": []}',
     "section 'activities' has version 9"),
])
def test_bad_or_newer_files_are_refused(db: object, tmp_path: Path, raw: str, message: str) -> None:
    before = state()
    with pytest.raises(JsonImportError, match=message):
        import_json(write(tmp_path, None, raw))
    assert state() == before


def test_missing_or_unreadable_file(db: object, tmp_path: Path) -> None:
    with pytest.raises(JsonImportError, match="does not exist"):
        import_json(tmp_path / "nope.json")
    (tmp_path / "latin.json").write_bytes(b'{"x": "caf\xe9"}')
    with pytest.raises(JsonImportError, match="not UTF-8"):
        import_json(tmp_path / "latin.json")


def test_an_older_file_without_a_section_imports_with_that_section_empty(db: object, tmp_path: Path) -> None:
    data = good_file_data()
    del data["activities"]
    import_json(write(tmp_path, data))
    assert load_activities() == []
    assert get_profile().name == "Someone Else"


@pytest.fixture
def extra_section(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """A section added the way other features add theirs (one more entry in json_io.SECTIONS)."""
    stored: list[Any] = []
    section = json_io.Section("notes", lambda: sorted(stored), lambda data: stored.extend(data),
                              has_records=lambda: bool(stored))
    monkeypatch.setattr(json_io, "SECTIONS", (*json_io.SECTIONS, section))
    yield stored


def test_a_registered_section_is_exported_imported_and_guards_emptiness(db: object, tmp_path: Path,
                                                                      extra_section: list[Any]) -> None:
    extra_section.extend(["b", "a"])
    path = tmp_path / "with-notes.json"
    export_json(path)
    data = json.loads(path.read_text())
    assert data["notes"] == ["a", "b"] and data["section_versions"]["notes"] == 1
    with pytest.raises(JsonImportError, match="already has notes"):
        import_json(path)
    extra_section.clear()
    import_json(path)
    assert extra_section == ["a", "b"]


def test_a_failing_later_section_rolls_back_the_earlier_ones(db: object, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_data: Any) -> None:
        raise ValueError("notes[0]: not a note")

    section = json_io.Section("notes", lambda: [], broken)
    monkeypatch.setattr(json_io, "SECTIONS", (*json_io.SECTIONS, section))
    data = good_file_data()
    data["notes"] = ["x"]
    with pytest.raises(JsonImportError, match="not a note; nothing was imported"):
        import_json(write(tmp_path, data))
    assert load_activities() == [] and get_profile().name == ""


def test_export_keeps_attachment_metadata(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.models.activities import add_attachment

    activity_id = save_activity(ActivityData(date(2026, 1, 5), "Ethics 101", Decimal(2), "e-course"))
    certificate = tmp_path / "certificate.pdf"
    certificate.write_bytes(b"%PDF-1.4 certificate")
    add_attachment(activity_id, certificate)
    path = tmp_path / "a.json"
    export_json(path)
    (attachment,) = json.loads(path.read_text())["activities"][0]["attachments"]
    assert attachment["original_name"] == "certificate.pdf" and attachment["size"] == 20
    assert len(attachment["sha256"]) == 64


# --- hostile files: every one refused with one sentence naming the file, and nothing changes ----------------------

SHA = "ab" * 32


def attachment(**changes: Any) -> dict[str, Any]:
    record = {"id": 1, "original_name": "certificate.pdf", "stored_name": SHA + ".pdf", "sha256": SHA, "size": 20,
              "added_at": "2026-01-05T10:00:00"}
    record.update(changes)
    return record


def refused(tmp_path: Path, data: Any = None, raw: str | None = None) -> str:
    """The message of the import's refusal; the database is as it was."""
    before = state()
    path = write(tmp_path, data, raw)
    with pytest.raises(JsonImportError) as raised:
        import_json(path)
    assert state() == before
    message = str(raised.value)
    assert str(path) in message and "\n" not in message and len(message) < 400
    return message


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [65, 1_000, 100_000])
def test_deeply_nested_lists_are_refused(db: object, tmp_path: Path, depth: int) -> None:
    raw = '{"format": "wethrive-desktop", "format_version": 1, "activities": ' + nested(depth) + "}"
    assert "nest more than 64 deep" in refused(tmp_path, raw=raw)


def test_nesting_within_the_limit_reaches_the_section_check(db: object, tmp_path: Path) -> None:
    raw = '{"format": "wethrive-desktop", "format_version": 1, "activities": [' + nested(60) + "]}"
    assert "activities[0]: must be an object" in refused(tmp_path, raw=raw)


@pytest.mark.parametrize("change, message", [
    (("activities.0.id", 2**63), "activities[0]: 'id' is too large a number (9223372036854775808)"),
    (("activities.0.id", -(2**63) - 1), "'id' is too small a number"),
    (("challenge_items.0.year", 2**64), "challenge_items[0]: 'year' is too large a number"),
    (("challenge_items.0.points", 10**30), "'points' is too large a number"),
    (("activities.0.attachments", [attachment(size=2**63)]), "attachments[0]: 'size' must be from 0 to"),
    (("activities.0.attachments", [attachment(id=2**70)]), "attachments[0]: 'id' is too large a number"),
    (("activities.0.attachments", [attachment(size=-1)]), "'size' must be from 0 to"),
    (("activities.0.hours", "1e30"), "'hours' must be hours as text with at most two decimals, from 0 to"),
    (("activities.0.hours", "99999999999"), "'hours' must be hours"),
    (("activities.0.hours", "NaN"), "'hours' must be hours"),
    (("activities.0.hours", "sNaN"), "'hours' must be hours"),
    (("activities.0.hours", "Infinity"), "'hours' must be hours"),
    (("activities.0.hours", "-Infinity"), "'hours' must be hours"),
    (("activities.0.hours", "-0.5"), "'hours' must be hours"),
    (("activities.0.hours", "1e-999999999"), "'hours' must be hours"),
    (("activities.0.hours", "1" * 5_000), "not '11111111111"),
    (("activities.0.hours", 1e30), "'hours' must be hours"),
    (("activities.0.hours", 2**63), "'hours' must be hours"),
    (("eligibility.senior_years", "1e30"), "eligibility: 'senior_years' must be hours"),
])
def test_numbers_out_of_range_are_refused(db: object, tmp_path: Path, change: tuple[str, Any], message: str) -> None:
    assert message in refused(tmp_path, _set(good_file_data(), *change))


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_json_numbers_are_refused(db: object, tmp_path: Path, literal: str) -> None:
    raw = json.dumps(good_file_data()).replace('"hours": "1.5"', f'"hours": {literal}')
    assert "'hours' must be hours" in refused(tmp_path, raw=raw)


def test_a_number_with_thousands_of_digits_is_refused(db: object, tmp_path: Path) -> None:
    raw = json.dumps(good_file_data()).replace('"id": 7', '"id": ' + "9" * 5_000)
    assert "not valid JSON" in refused(tmp_path, raw=raw)


def test_text_that_is_not_unicode_is_refused(db: object, tmp_path: Path) -> None:
    raw = json.dumps(good_file_data()).replace('"title": "Webinar"', '"title": "Web\\ud800inar"')
    assert "not valid Unicode" in refused(tmp_path, raw=raw)


@pytest.mark.parametrize("stored_name", [
    "../../etc/passwd", "/etc/hostname", f"../{SHA}.pdf", f"{SHA}/../../x.pdf", f"{SHA}.pdf/..", SHA.upper() + ".pdf",
    "cd" * 32 + ".pdf", SHA + ".PDF", SHA + ".p/df", SHA + ".pdf\x00", "", SHA + "\\..\\x",
])
def test_a_stored_name_that_is_not_our_own_form_is_refused(db: object, tmp_path: Path, stored_name: str) -> None:
    data = _set(good_file_data(), "activities.0.attachments", [attachment(stored_name=stored_name)])
    message = refused(tmp_path, data)
    assert "activities[0] (id 7).attachments[0]: 'stored_name' must be a bare file name" in message


@pytest.mark.parametrize("sha", ["", "ab", SHA.upper(), SHA + "00", "../" + SHA[3:], None, 5])
def test_a_bad_sha256_is_refused(db: object, tmp_path: Path, sha: Any) -> None:
    data = _set(good_file_data(), "activities.0.attachments", [attachment(sha256=sha, stored_name=f"{sha}.pdf")])
    assert "'sha256' must be" in refused(tmp_path, data)


def test_an_attachment_of_our_own_form_imports(db: object, tmp_path: Path) -> None:
    data = _set(good_file_data(), "activities.0.attachments", [attachment(), attachment(id=2, stored_name=SHA)])
    import_json(write(tmp_path, data))
    (record,) = load_activities()
    assert [a.stored_name for a in record.attachments] == [SHA + ".pdf", SHA]


def test_a_bad_records_message_names_the_file(db: object, tmp_path: Path) -> None:
    message = refused(tmp_path, _set(good_file_data(), "activities.0.type", "party\x00\n"))
    assert message.startswith(str(tmp_path / "bad.json") + ": activities[0] (id 7): 'type' 'party\\x00\\n'")
    assert message.endswith("; nothing was imported")


def test_long_bad_values_are_cut_short_in_the_message(db: object, tmp_path: Path) -> None:
    message = refused(tmp_path, _set(good_file_data(), "activities.0.status", "x" * 100_000))
    assert "'status' must be completed or planned, not 'xxxx" in message and len(message) < 250


def test_a_folder_or_a_file_too_large_is_refused(db: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(JsonImportError, match="is a folder"):
        import_json(tmp_path)
    path = write(tmp_path, good_file_data())
    monkeypatch.setattr(json_io, "MAX_FILE_BYTES", 100)
    with pytest.raises(JsonImportError, match=r"bad\.json is larger than 0 MB; it is not a WeThrive export"):
        import_json(path)
    assert load_activities() == []


def run_cli_briefly(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the command line in a child process, killed after a minute (a read that never ends cannot hang the test)."""
    return subprocess.run([sys.executable, "-m", "wethrive_desktop", *map(str, argv)], capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).parent.parent)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs a FIFO and /dev/zero")
def test_a_device_or_a_pipe_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    target = tmp_path / "new.sqlite3"
    for source in (Path("/dev/zero"), fifo):
        done = run_cli_briefly("import-json", source, "--db", target)
        assert done.returncode == 1, done.stderr
        assert done.stderr == (f"wethrive: error: {source} is not a regular file (a device, pipe or socket), "
                               "so not an export file\n")
        assert list(tmp_path.glob("new.sqlite3*")) == []


def test_a_file_name_that_is_not_utf8_is_written_as_its_escape(db: object, tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff-export.json")  # as a byte that is not UTF-8 arrives on the command line
    with pytest.raises(JsonImportError) as raised:
        import_json(tmp_path / name)
    assert str(raised.value).endswith("\\udcff-export.json does not exist")
    str(raised.value).encode("utf-8")  # printable and loggable


# --- bulk inserts: a few statements however many records, every link to its own record ----------------------------


def many_activities(n: int) -> dict[str, Any]:
    """An export of the empty database plus `n` activities, as export_json writes them: ids with gaps, a distinct set
    of practices each, and none, one or two attachments each (their ids in a sequence of their own)."""
    import hashlib

    data = json_io.export_data()
    activities = []
    attachment_id = 1
    for i in range(n):
        files = []
        for k in range(i % 3):
            sha = hashlib.sha256(f"{i}-{k}".encode()).hexdigest()
            files.append({"id": attachment_id, "original_name": f"certificate {i}-{k}.pdf",
                          "stored_name": f"{sha}.pdf", "sha256": sha, "size": 100 * i + k,
                          "added_at": f"2026-02-{1 + k:02}T09:{i // 60 % 60:02}:{i % 60:02}"})
            attachment_id += 1
        activities.append({
            "id": 3 * i + 5, "start_date": f"2025-{1 + i % 12:02}-{1 + i % 28:02}", "end_date": None,
            "title": f"Activity {i}", "provider": "ICMA", "type": "webinar", "hours": str(1 + i % 9) + ".25",
            "practices": sorted({1 + i % 14, 1 + (i * 5) % 14}), "description": f"Took part {i}",
            "learned": "", "status": "completed", "challenge_key": None,
            "created_at": f"2026-01-05T10:{i // 60 % 60:02}:{i % 60:02}",
            "updated_at": f"2026-01-06T11:{i // 60 % 60:02}:{i % 60:02}.250000", "attachments": files,
            "topics": ["ethics", "law"][: i % 3], "delivery_hours": "0", "meets_conditions": None,
            "type_review": False, "mentoring": None,
        })
    data["activities"] = activities
    return data


def test_an_import_runs_a_bounded_number_of_insert_statements(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.models.activities import ROWS_PER_STATEMENT

    counts = {}
    for n in (50, 2_000):
        path = tmp_path / f"many-{n}.json"
        path.write_text(json_io.dumps(many_activities(n)), encoding="utf-8")
        reopen(tmp_path / f"empty-{n}.sqlite3")
        counts[n] = count_inserts(lambda path=path: import_json(path))  # type: ignore[misc]
        assert len(load_activities()) == n
    # Activities, practice links and attachments: a statement per ROWS_PER_STATEMENT rows of each, not one a row.
    assert counts[50] <= 5  # the catalogue, activities, links, attachments
    assert counts[2_000] <= 5 + 3 * -(-2 * 2_000 // ROWS_PER_STATEMENT) < 2_000 / 40
    assert counts[2_000] < 10 * counts[50]


def test_a_bulk_round_trip_keeps_every_id_practice_and_attachment_on_its_own_record(db: object,
                                                                                     tmp_path: Path) -> None:
    from wethrive_desktop.models.activities import ROWS_PER_STATEMENT

    n = 2 * ROWS_PER_STATEMENT + 61  # three batches of each table, the last short
    data = many_activities(n)
    path = tmp_path / "many.json"
    path.write_text(json_io.dumps(data), encoding="utf-8")
    assert import_json(path)["activities"] == n
    records = {r.id: r for r in load_activities()}
    assert sorted(records) == [a["id"] for a in data["activities"]]
    for activity in data["activities"]:
        record = records[activity["id"]]
        assert record.data.title == activity["title"]
        assert record.data.practices == tuple(activity["practices"])
        assert record.data.hours == Decimal(activity["hours"])
        assert record.updated_at.isoformat() == activity["updated_at"]
        assert [(f.id, f.original_name, f.sha256, f.size, f.added_at.isoformat()) for f in record.attachments] == [
            (f["id"], f["original_name"], f["sha256"], f["size"], f["added_at"]) for f in activity["attachments"]]
    again = tmp_path / "again.json"
    export_json(again)
    assert again.read_bytes() == path.read_bytes()


def test_plans_assessments_and_coaching_round_trip_in_bulk(exported: Path, tmp_path: Path) -> None:
    """Every section loaded from collected rows (plans with goals, items and carried-over links; assessments with
    ratings; coaching years) gives back the identical file, and each child stays with its own parent."""
    from wethrive_desktop.models.plans import get_plan, plan_years

    before = {year: get_plan(year) for year in plan_years()}
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["plans"] and data["assessments"] and data["legacy_coaching"]
    reopen(tmp_path / "empty.sqlite3")
    import_json(exported)
    assert {year: get_plan(year) for year in plan_years()} == before
    again = tmp_path / "again.json"
    export_json(again)
    assert again.read_bytes() == exported.read_bytes()


def test_a_conflict_found_by_the_database_in_a_bulk_insert_is_refused_and_changes_nothing(db: object,
                                                                                           tmp_path: Path) -> None:
    data = many_activities(4)
    data["activities"][3]["attachments"] = [dict(data["activities"][1]["attachments"][0])]  # an attachment id twice
    message = refused(tmp_path, data)
    assert "records conflict with each other" in message and "nothing was imported" in message
