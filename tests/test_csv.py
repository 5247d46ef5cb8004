"""CSV import and export: the spreadsheet quirks, line-numbered errors, duplicates, all-or-nothing, round trip."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from cli_helpers import count_inserts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wethrive_desktop.exchange import csv_io
from wethrive_desktop.exchange.csv_io import (
    CsvImportRefused,
    LineError,
    apply_import,
    export_csv,
    preview_import,
    write_csv,
)
from wethrive_desktop.models.activities import ActivityData, ActivityRecord, load_activities, normalized
from wethrive_desktop.models.domain import ACTIVITY_TYPES, CHALLENGE_2017
from wethrive_desktop.models.tables import utc_now

HEADER = "date,title,hours"
MakeCsv = Callable[..., Path]


@pytest.fixture
def csv_file(tmp_path: Path) -> MakeCsv:
    def make(text: str, bom: bool = False, name: str = "in.csv") -> Path:
        path = tmp_path / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        return path
    return make


def errors_of(path: Path) -> list[str]:
    return [str(e) for e in preview_import(path).errors]


def test_line_error_prints_as_line_column_message() -> None:
    assert str(LineError(4, "hours", "is required")) == "line 4: hours: is required"
    assert str(LineError(0, "file", "x.csv does not exist")) == "file: x.csv does not exist"


@pytest.mark.parametrize("bom", [False, True])
def test_utf8_with_or_without_bom(db: object, csv_file: MakeCsv, bom: bool) -> None:
    preview = preview_import(csv_file("date,title,hours\n2026-01-05,Café con líderes,1\n", bom=bom))
    assert preview.errors == []
    assert [r.title for r in preview.to_add] == ["Café con líderes"]


def test_header_in_any_case_and_order_with_spaces(db: object, csv_file: MakeCsv) -> None:
    text = ("Hours,TITLE, Practices ,End Date,Date,Type,STATUS,Challenge,provider,Description,Learned\r\n"
            "16,ICMA Annual Conference,6;14,2026-10-07,2026-10-04,Conference,Completed,Annual-Conference,ICMA,"
            "\"Attended, took notes\",Housing on public land\r\n")
    (row,) = preview_import(csv_file(text)).to_add
    assert row == ActivityData(date(2026, 10, 4), "ICMA Annual Conference", Decimal("16.00"), "conference",
                               date(2026, 10, 7), "ICMA", (6, 14), "Attended, took notes", "Housing on public land",
                               "completed", "annual-conference")


def test_unknown_column_is_an_error_that_names_it(db: object, csv_file: MakeCsv) -> None:
    found = errors_of(csv_file("date,title,hours,Cost\n2026-01-05,Webinar,1,25\n"))
    assert len(found) == 1
    assert found[0].startswith("line 1: Cost: unknown column")


def test_semicolon_separated_header_gets_a_hint(db: object, csv_file: MakeCsv) -> None:
    found = errors_of(csv_file("date;title;hours\n2026-01-05;Webinar;1\n"))
    assert any("separated by commas" in e for e in found)


def test_missing_and_repeated_columns(db: object, csv_file: MakeCsv) -> None:
    assert errors_of(csv_file("date,title\n2026-01-05,Webinar\n")) == [
        "line 1: hours: required column is missing from the header"]
    assert errors_of(csv_file("date,title,hours,Title\n2026-01-05,Webinar,1,x\n")) == [
        "line 1: Title: this column appears twice"]


def test_empty_file_and_missing_file(db: object, csv_file: MakeCsv, tmp_path: Path) -> None:
    assert errors_of(csv_file(""))[0].startswith("line 1: header: the file is empty")
    assert errors_of(tmp_path / "nope.csv") == [f"file: {tmp_path / 'nope.csv'} does not exist"]
    assert errors_of(tmp_path)[0].endswith("is a folder, not a CSV file")


def test_text_that_is_not_utf8_is_refused_at_its_line(db: object, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("date,title,hours\n2026-01-05,Webinar,1\n2026-01-06,Caf\xe9,1\n".encode("latin-1"))
    (error,) = preview_import(path).errors
    assert error.line == 3
    assert "not UTF-8" in error.message and "0xE9" in error.message


@pytest.mark.parametrize("value, expected", [
    ("2026-03-05", date(2026, 3, 5)),
    ("03/05/2026", date(2026, 3, 5)),
    ("3/5/2026", date(2026, 3, 5)),
    ("12/31/2025", date(2025, 12, 31)),
])
def test_dates_iso_or_us(db: object, csv_file: MakeCsv, value: str, expected: date) -> None:
    (row,) = preview_import(csv_file(f"{HEADER}\n{value},Webinar,1\n")).to_add
    assert row.start_date == expected


@pytest.mark.parametrize("value, message", [
    ("", "line 2: date: is required"),
    ("2026-02-30", "line 2: date: '2026-02-30' is not a real date"),
    ("13/01/2026", "line 2: date: '13/01/2026' is not a real date"),
    ("5 March 2026", "line 2: date: '5 March 2026' is not a date (use YYYY-MM-DD or MM/DD/YYYY)"),
    ("2026-3-5", "line 2: date: '2026-3-5' is not a date"),
])
def test_bad_dates(db: object, csv_file: MakeCsv, value: str, message: str) -> None:
    (error,) = errors_of(csv_file(f"{HEADER}\n{value},Webinar,1\n"))
    assert error.startswith(message)


@pytest.mark.parametrize("value, expected", [
    ("1.5", "1.50"), ("1:30", "1.50"), ("0:45", "0.75"), ("1:20", "1.33"), ("2", "2.00"), (" 0.25 ", "0.25"),
    ("10:00", "10.00"),
])
def test_hours_decimal_or_hours_minutes(db: object, csv_file: MakeCsv, value: str, expected: str) -> None:
    (row,) = preview_import(csv_file(f"{HEADER}\n2026-01-05,Webinar,{value}\n")).to_add
    assert row.hours == Decimal(expected)


@pytest.mark.parametrize("value, message", [
    ("", "line 2: hours: is required"),
    ("1,5", "line 2: hours: '1,5' is not a number of hours"),
    ("1:75", "line 2: hours: '1:75' is not a number of hours"),
    ("1e1", "line 2: hours: '1e1' is not a number of hours"),
    ("NaN", "line 2: hours: 'NaN' is not a number of hours"),
    ("-1", "line 2: hours: must not be negative"),
    ("1.555", "line 2: hours: use at most two decimals"),
    ("25", "line 2: hours: 25 h is more than 24 h"),
])
def test_bad_hours(db: object, csv_file: MakeCsv, value: str, message: str) -> None:
    (error,) = errors_of(csv_file(f"{HEADER}\n2026-01-05,Webinar,\"{value}\"\n"))
    assert error.startswith(message)


def test_multi_day_hours_limit_uses_the_end_date(db: object, csv_file: MakeCsv) -> None:
    path = csv_file("date,end_date,title,hours\n2026-01-05,2026-01-06,Summit,30\n2026-01-05,,Day,30\n")
    assert errors_of(path) == ["line 3: hours: 30 h is more than 24 h, the most a single day can hold"]


def test_practices_by_number_or_exact_name(db: object, csv_file: MakeCsv) -> None:
    text = ("date,title,hours,practices\n"
            "2026-01-05,A,1,12;14\n"
            "2026-01-06,B,1,Financial Management and Budgeting; 3\n"
            "2026-01-07,C,1,communication and information sharing;\n"
            "2026-01-08,D,1,7 - Strategic Planning\n"
            "2026-01-09,E,1,\n")
    preview = preview_import(csv_file(text))
    assert preview.errors == []
    assert [r.practices for r in preview.to_add] == [(12, 14), (3, 12), (14,), (7,), ()]


def test_bad_practices(db: object, csv_file: MakeCsv) -> None:
    text = "date,title,hours,practices\n2026-01-05,A,1,15\n2026-01-06,B,1,Budgeting;2\n2026-01-07,C,1,\"1,2\"\n"
    found = errors_of(csv_file(text))
    assert found[0] == "line 2: practices: 15: practice numbers run from 1 to 14"
    assert found[1].startswith("line 3: practices: 'Budgeting': not a practice number (1-14) or the exact name")
    assert found[2].startswith("line 4: practices: '1,2'")


def test_type_key_in_any_case_blank_is_other(db: object, csv_file: MakeCsv) -> None:
    text = "date,title,hours,type\n2026-01-05,A,1,WEBINAR\n2026-01-06,B,1,Certificate Program\n2026-01-07,C,1,\n"
    assert [r.type for r in preview_import(csv_file(text)).to_add] == ["webinar", "certificate program", "other"]
    (error,) = errors_of(csv_file("date,title,hours,type\n2026-01-05,A,1,seminar\n"))
    assert error.startswith("line 2: type: 'seminar' is not one of: conference,")


def test_challenge_key_checked_against_the_catalogue_of_the_rows_year(db: object, csv_file: MakeCsv) -> None:
    text = ("date,title,hours,challenge\n"
            "2026-10-04,Annual Conference,16,ANNUAL-CONFERENCE\n"
            "2016-10-04,Annual Conference,16,annual-conference\n"
            "2026-01-05,Lunch,1,free-lunch\n")
    preview = preview_import(csv_file(text))
    assert [r.challenge_key for r in preview.to_add] == ["annual-conference"]
    assert [str(e) for e in preview.errors] == [
        "line 3: challenge: 'annual-conference' is not in the challenge catalogue for 2016",
        "line 4: challenge: 'free-lunch' is not in the challenge catalogue for 2026"]


def test_status(db: object, csv_file: MakeCsv) -> None:
    text = "date,title,hours,status\n2026-01-05,A,1,\n2026-12-06,B,1,Planned\n"
    assert [r.status for r in preview_import(csv_file(text)).to_add] == ["completed", "planned"]
    (error,) = errors_of(csv_file("date,title,hours,status\n2026-01-05,A,1,done\n"))
    assert error == "line 2: status: 'done' is not 'completed' or 'planned'"


def test_required_title(db: object, csv_file: MakeCsv) -> None:
    assert errors_of(csv_file(f"{HEADER}\n2026-01-05,  ,1\n")) == ["line 2: title: is required"]


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(db: object, csv_file: MakeCsv) -> None:
    text = ("date,title,hours,description\n"
            "\n"
            "2026-01-05,Webinar,1,\"first line\nsecond line\nthird line\"\n"
            ",,,\n"
            "2026-01-06,Bad,x,\n")
    preview = preview_import(csv_file(text))
    assert [str(e) for e in preview.errors] == [
        "line 7: hours: 'x' is not a number of hours (use e.g. 1.5 or 1:30)"]
    assert preview.to_add[0].description == "first line\nsecond line\nthird line"
    assert preview.rows == 2


def test_every_bad_field_of_a_row_is_reported(db: object, csv_file: MakeCsv) -> None:
    text = "date,end_date,title,hours,type,status\n2026-02-30,2026-01-01,,abc,party,maybe\n"
    columns = [e.column for e in preview_import(csv_file(text)).errors]
    assert columns == ["date", "title", "type", "hours", "status"]


def test_rows_with_extra_values_or_values_under_a_blank_header(db: object, csv_file: MakeCsv) -> None:
    text = "date,title,hours,\n2026-01-05,A,1,\n2026-01-06,B,1,oops\n2026-01-07,C,1,,extra\n"
    assert errors_of(csv_file(text)) == [
        "line 3: row: has a value under a column with no name in the header",
        "line 4: row: has 5 values but the header names 4 columns"]


def test_an_import_stores_hours_as_one_saved_alone_does(db: object, csv_file: MakeCsv) -> None:
    # The import binds each distinct amount once (1.5 and 1.50 are the same amount): what it stores is what saving
    # the same activity by itself stores, in whole hundredths.
    from wethrive_desktop.models.activities import save_activity
    from wethrive_desktop.models.db import database_proxy

    text = ("date,title,hours,type,delivery_hours\n2026-01-05,A,1.5,workshop,\n2026-01-06,B,1.50,workshop,\n"
            "2026-01-07,C,0.25,workshop,\n2026-01-08,D,24,workshop,\n2026-01-09,E,1:30,workshop,\n"
            "2026-01-10,F,2,teaching,1.25\n")
    assert apply_import(preview_import(csv_file(text))) == 6
    imported = database_proxy.execute_sql("SELECT title, hours, delivery_hours FROM activity ORDER BY title").fetchall()
    assert imported == [("A", 150, 0), ("B", 150, 0), ("C", 25, 0), ("D", 2400, 0), ("E", 150, 0), ("F", 200, 125)]
    for record in load_activities():
        save_activity(replace(record.data, title=record.data.title + " alone"))
    alone = database_proxy.execute_sql(
        "SELECT substr(title, 1, 1), hours, delivery_hours FROM activity WHERE title LIKE '% alone' ORDER BY title")
    assert alone.fetchall() == imported


def test_a_bulk_insert_binds_each_amount_as_peewee_would() -> None:
    # Converted once per distinct amount: equal amounts of any type share it, and each is what its field binds.
    from wethrive_desktop.models.activities import _to_sql
    from wethrive_desktop.models.tables import Activity

    column = [Decimal("1.5"), Decimal("1.50"), Decimal("0.25"), 2, True, None, Decimal("1.5"), Decimal("-0")]
    assert list(_to_sql(Activity.hours)(column)) == [Activity.hours.db_value(value) for value in column]
    assert list(_to_sql(Activity.hours)(column)) == [150, 150, 25, 200, 100, None, 150, 0]
    with pytest.raises(ValueError, match="more than two decimals"):
        _to_sql(Activity.hours)([Decimal("1"), Decimal("1.255")])


def test_spaces_alone_are_empty_cells(db: object, csv_file: MakeCsv) -> None:
    # A spreadsheet may save a row of spaces, or spaces under a blank header or past the last column: nothing there.
    text = "date,title,hours,\n2026-01-05,A,1,  \n  , ,\t,\n2026-01-06,B,1, ,  \n"
    preview = preview_import(csv_file(text))
    assert preview.errors == []
    assert [(row.title, row.hours) for row in preview.to_add] == [("A", Decimal("1.00")), ("B", Decimal("1.00"))]
    assert preview.rows == 2


def test_any_invalid_row_means_nothing_is_imported(db: object, csv_file: MakeCsv) -> None:
    preview = preview_import(csv_file(f"{HEADER}\n2026-01-05,Good,1\n2026-01-06,Bad,99\n"))
    assert len(preview.to_add) == 1 and len(preview.errors) == 1
    with pytest.raises(CsvImportRefused, match="1 error"):
        apply_import(preview)
    assert load_activities() == []


def test_import_adds_rows_in_one_go_with_progress(db: object, csv_file: MakeCsv) -> None:
    rows = "".join(f"2026-01-{d:02},Webinar {d},1.5\n" for d in range(1, 29))
    calls: list[tuple[int, int]] = []
    assert apply_import(preview_import(csv_file(HEADER + "\n" + rows)), lambda i, n: calls.append((i, n))) == 28
    assert len(load_activities(2026)) == 28
    assert calls[-1] == (28, 28)


def test_duplicates_are_skipped_on_re_import(db: object, csv_file: MakeCsv) -> None:
    first = csv_file(f"{HEADER}\n2026-01-05,Budget webinar,1.5\n2026-01-06,Reading,2\n")
    assert apply_import(preview_import(first)) == 2
    again = preview_import(first)
    assert (len(again.to_add), len(again.duplicates)) == (0, 2)
    assert apply_import(again) == 0
    # an updated spreadsheet: same rows (title case and hours notation differ) plus one new row
    updated = csv_file(f"{HEADER}\n01/05/2026,budget WEBINAR ,1:30\n2026-01-06,Reading,2\n2026-02-01,New,1\n",
                       name="updated.csv")
    preview = preview_import(updated)
    assert [r.title for r in preview.to_add] == ["New"]
    assert len(preview.duplicates) == 2
    assert apply_import(preview) == 1
    assert len(load_activities()) == 3


def test_a_row_repeated_within_the_file_is_a_duplicate(db: object, csv_file: MakeCsv) -> None:
    preview = preview_import(csv_file(f"{HEADER}\n2026-01-05,Webinar,1\n2026-01-05,Webinar,1.00\n"))
    assert (len(preview.to_add), len(preview.duplicates)) == (1, 1)


def test_apply_checks_duplicates_again(db: object, csv_file: MakeCsv) -> None:
    from wethrive_desktop.models.activities import save_activity

    preview = preview_import(csv_file(f"{HEADER}\n2026-01-05,Webinar,1\n"))
    save_activity(ActivityData(date(2026, 1, 5), "Webinar", Decimal(1), "webinar"))
    assert apply_import(preview) == 0
    assert len(load_activities()) == 1


# --- export ---------------------------------------------------------------------------------------------------

def record(data: ActivityData, i: int = 1) -> ActivityRecord:
    now = utc_now()
    return ActivityRecord(i, normalized(data), now, now)


def test_export_writes_every_column_with_a_bom_oldest_first(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.models.activities import save_activity

    save_activity(ActivityData(date(2026, 3, 1), "Later", Decimal("1.5"), "webinar", practices=(14, 2)))
    save_activity(ActivityData(date(2025, 1, 1), "Earlier, with comma", Decimal(40), "conference",
                               end_date=date(2025, 1, 3), challenge_key="annual-conference"))
    out = tmp_path / "out.csv"
    assert export_csv(out) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdate,end_date,title,provider,type,hours,practices,description,learned,"
                          b"status,challenge,topics,delivery_hours,meets_conditions,mentee,mentee_position,"
                          b"own_employee,mentoring_program,relationship_start,relationship_end,frequency,subjects"
                          b"\r\n")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[1] == ["2025-01-01", "2025-01-03", "Earlier, with comma", "", "conference", "40", "", "", "",
                       "completed", "annual-conference"] + [""] * 11
    assert rows[2][5:7] == ["1.5", "2;14"]
    assert export_csv(out, year=2026) == 1


def test_export_that_fails_leaves_the_old_file_and_no_temp_file(db: object, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.csv"
    out.write_text("the old export\n")

    def broken(_data: ActivityData) -> list[str]:
        raise OSError("disk full")

    monkeypatch.setattr(csv_io, "activity_row", broken)
    with pytest.raises(OSError, match="disk full"):
        write_csv(out, [record(ActivityData(date(2026, 1, 1), "A", Decimal(1), "webinar"))])
    assert out.read_text() == "the old export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_export_to_a_missing_folder_is_a_clear_error(db: object, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        export_csv(tmp_path / "nope" / "out.csv")


def test_export_then_import_into_another_database_gives_the_same_records(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.models.db import close_database, open_database
    from wethrive_desktop.models.demo import populate_demo

    populate_demo(date(2026, 11, 15))
    out = tmp_path / "all.csv"
    export_csv(out)
    before = sorted((r.data for r in load_activities()), key=lambda d: (d.start_date, d.title))
    close_database()
    open_database(tmp_path / "other.sqlite3")
    assert apply_import(preview_import(out)) == len(before)
    after = sorted((r.data for r in load_activities()), key=lambda d: (d.start_date, d.title))
    assert after == before


text_chars = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\r\t") | st.sampled_from(
    [",", '"', ";", "é", "ễ", "中", "=", " "])
text = st.text(text_chars, max_size=40).map(str.strip)


@st.composite
def activity_data(draw: st.DrawFn) -> ActivityData:
    start = draw(st.dates(min_value=date(2017, 1, 1), max_value=date(2030, 12, 31)))
    days = draw(st.integers(min_value=1, max_value=5))
    hours = Decimal(draw(st.integers(min_value=0, max_value=2400 * days))) / 100
    return normalized(ActivityData(
        start_date=start,
        end_date=start + timedelta(days=days - 1) if days > 1 else None,
        title=draw(text.filter(bool)),
        provider=draw(text),
        type=draw(st.sampled_from(list(ACTIVITY_TYPES))),
        hours=hours,
        practices=tuple(draw(st.lists(st.integers(1, 14), unique=True, max_size=5))),
        description=draw(text),
        learned=draw(text),
        status=draw(st.sampled_from(["completed", "planned"])),
        challenge_key=draw(st.none() | st.sampled_from([key for _, key, _ in CHALLENGE_2017])),
    ))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(activity_data(), max_size=8, unique_by=lambda d: d.identity()))
def test_export_then_import_is_the_identity(db: object, tmp_path: Path, rows: list[ActivityData]) -> None:
    out = tmp_path / "round.csv"
    write_csv(out, [record(d, i) for i, d in enumerate(rows, 1)])
    preview = preview_import(out)
    assert preview.errors == []
    assert preview.duplicates == []
    assert preview.to_add == rows


# --- hostile input: odd numbers, formulas, special files, bytes that are not text ----------------------------

@pytest.mark.parametrize("value, message", [
    ("²", "line 2: hours: '²' is not a number of hours"),
    ("١٫٥", "line 2: hours: '١٫٥' is not a number of hours"),
    ("١٢", "line 2: hours: '١٢' is not a number of hours"),
    ("１２", "line 2: hours: '１２' is not a number of hours"),
    ("1_0", "line 2: hours: '1_0' is not a number of hours"),
    ("1e30", "line 2: hours: '1e30' is not a number of hours"),
    ("1E-2", "line 2: hours: '1E-2' is not a number of hours"),
    ("Infinity", "line 2: hours: 'Infinity' is not a number of hours"),
    ("-Infinity", "line 2: hours: '-Infinity' is not a number of hours"),
    ("sNaN", "line 2: hours: 'sNaN' is not a number of hours"),
    ("+1", "line 2: hours: '+1' is not a number of hours"),
    ("0x10", "line 2: hours: '0x10' is not a number of hours"),
    ("-0", "line 2: hours: must not be negative"),
    ("-0.00", "line 2: hours: must not be negative"),
    ("-.5", "line 2: hours: must not be negative"),
    ("-1:30", "line 2: hours: '-1:30' is not a number of hours"),
    ("1" * 30, f"line 2: hours: {'1' * 30} h is more than 24 h"),
    ("9" * 26 + ".5", f"line 2: hours: {'9' * 26}.5 h is more than 24 h"),
    ("9" * 29 + ":00", f"line 2: hours: {'9' * 29}.00 h is more than 24 h"),
    ("1" * 33, f"line 2: hours: '{'1' * 33}' is too long for a number of hours"),
    ("9" * 5000, "line 2: hours: '9999999999999999999999999999999999999999...' is too long for a number of hours"),
    ("0.001", "line 2: hours: use at most two decimals"),
])
def test_hours_must_be_a_plain_ascii_decimal_within_the_limits(db: object, csv_file: MakeCsv, value: str,
                                                              message: str) -> None:
    (error,) = errors_of(csv_file(f"{HEADER}\n2026-01-05,Webinar,\"{value}\"\n"))
    assert error.startswith(message)
    assert len(error) < 200


@pytest.mark.parametrize("value, expected", [
    ("1.", "1.00"), (".5", "0.50"), ("007", "7.00"), ("1.5" + "0" * 29, "1.50"), ("0", "0.00"), ("24", "24.00"),
])
def test_hours_plain_forms_still_accepted(db: object, csv_file: MakeCsv, value: str, expected: str) -> None:
    (row,) = preview_import(csv_file(f"{HEADER}\n2026-01-05,Webinar,{value}\n")).to_add
    assert row.hours == Decimal(expected)
    assert str(row.hours) == expected


@pytest.mark.parametrize("value, shown_as", [
    ("²", "'²'"),
    ("١٢", "'١٢'"),
    ("1;²", "'²'"),
    ("² - Strategic Planning", "'² - Strategic Planning'"),
    ("99999 - Strategic Planning", "'99999 - Strategic Planning'"),
    ("1 - Strategic Planning" + "!" * 50, "'1 - Strategic Planning!!!!!!!!!!!!!!!!!!...'"),
    ("5" * 5000, "'5555555555555555555555555555555555555555...'"),
])
def test_practices_must_be_ascii_numbers_or_names(db: object, csv_file: MakeCsv, value: str, shown_as: str) -> None:
    (error,) = errors_of(csv_file(f"date,title,hours,practices\n2026-01-05,A,1,\"{value}\"\n"))
    assert error.startswith(f"line 2: practices: {shown_as}: not a practice number (1-14)")
    assert len(error) < 300


def test_out_of_range_practice_numbers_are_validations_message(db: object, csv_file: MakeCsv) -> None:
    assert errors_of(csv_file("date,title,hours,practices\n2026-01-05,A,1,0;100;14\n")) == [
        "line 2: practices: 0, 100: practice numbers run from 1 to 14"]


def test_many_bad_practices_are_listed_briefly(db: object, csv_file: MakeCsv) -> None:
    value = ";".join(f"x{i}" for i in range(1000))
    (error,) = errors_of(csv_file(f"date,title,hours,practices\n2026-01-05,A,1,{value}\n"))
    assert error.startswith("line 2: practices: 'x0', 'x1', 'x2', 'x3', 'x4' and 995 more: not a practice number")


@pytest.mark.parametrize("value", ["٢٠٢٦-٠١-٠٥", "0١/05/2026", "2026-01-0５"])
def test_dates_in_other_digits_are_refused(db: object, csv_file: MakeCsv, value: str) -> None:
    (error,) = errors_of(csv_file(f"{HEADER}\n{value},Webinar,1\n"))
    assert error.startswith("line 2: date: ") and error.endswith("is not a date (use YYYY-MM-DD or MM/DD/YYYY)")


def test_messages_quote_values_shortened_and_without_control_characters(db: object, csv_file: MakeCsv) -> None:
    text = ("date,title,hours,type,status,Colour\x1b[31m\n"
            "2026-01-05,A,1,\"party\x1b[2J\x07\",\"" + "d" * 5000 + "\",\n"
            "x\x1b,B,1,,,\n")
    found = errors_of(csv_file(text))
    assert found[0] == ("line 1: Colour\\x1b[31m: unknown column (the columns are: date, end_date, title, provider, "
                        "type, hours, practices, description, learned, status, challenge, topics, delivery_hours, "
                        "meets_conditions, mentee, mentee_position, own_employee, mentoring_program, "
                        "relationship_start, relationship_end, frequency, subjects)")
    assert found[1].startswith("line 2: type: 'party\\x1b[2j\\x07' is not one of: conference,")  # type is lower-cased
    assert found[2] == f"line 2: status: '{'d' * 40}...' is not 'completed' or 'planned'"
    assert found[3] == "line 3: date: 'x\\x1b' is not a date (use YYYY-MM-DD or MM/DD/YYYY)"
    assert len(found) == 4
    assert all(c.isprintable() for e in found for c in e)


FORMULA_TEXTS = ["=SUM(A1)", "+1 call", "-- notes", "@home", "'quoted", "'=already quoted", "''+two quotes",
                 "=HYPERLINK(\"http://x\";\"click\")", "-1", "'", "a=b", "="]


@pytest.mark.parametrize("text", FORMULA_TEXTS + ["\tTab", "\rCR", "'\t", "plain", ""])
def test_neutralise_then_unneutralise_is_the_identity(text: str) -> None:
    cell = csv_io.neutralise(text)
    assert csv_io.unneutralise(cell) == text
    assert cell[:1] not in csv_io.FORMULA_STARTS
    assert (cell != text) == (text.lstrip("'")[:1] in csv_io.FORMULA_STARTS)


@given(st.text(st.sampled_from("'=+-@\t\rab "), max_size=8))
def test_neutralise_is_reversible_and_never_starts_a_formula(text: str) -> None:
    cell = csv_io.neutralise(text)
    assert csv_io.unneutralise(cell) == text
    assert cell[:1] not in csv_io.FORMULA_STARTS


def test_export_neutralises_formulas_and_the_import_restores_them(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.models.activities import save_activity
    from wethrive_desktop.models.db import close_database, open_database

    for i, text in enumerate(FORMULA_TEXTS, 1):
        save_activity(ActivityData(date(2026, 1, i), text, Decimal(1), "webinar", provider=text, description=text,
                                   learned=text))
    out = tmp_path / "formulas.csv"
    export_csv(out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))[1:]
    titles = [row[2] for row in rows]
    assert titles == ["'=SUM(A1)", "'+1 call", "'-- notes", "'@home", "'quoted", "''=already quoted",
                      "'''+two quotes", "'=HYPERLINK(\"http://x\";\"click\")", "'-1", "'", "a=b", "'="]
    for row in rows:
        assert row[3] == row[7] == row[8] == row[2]  # provider, description, learned: the same treatment
        assert all(cell[:1] not in csv_io.FORMULA_STARTS for cell in row)
    before = sorted((r.data for r in load_activities()), key=lambda d: d.start_date)
    close_database()
    open_database(tmp_path / "other.sqlite3")
    preview = preview_import(out)
    assert preview.errors == []
    assert apply_import(preview) == len(FORMULA_TEXTS)
    assert sorted((r.data for r in load_activities()), key=lambda d: d.start_date) == before


def test_a_hand_written_leading_quote_before_a_formula_is_dropped(db: object, csv_file: MakeCsv) -> None:
    text = "date,title,hours,description\n2026-01-05,'=1+1,1,'@mention\n2026-01-06,'quoted,1,'\n"
    assert [(r.title, r.description) for r in preview_import(csv_file(text)).to_add] == [
        ("=1+1", "@mention"), ("'quoted", "'")]


def test_hours_and_dates_are_not_text_cells(db: object, csv_file: MakeCsv) -> None:
    found = errors_of(csv_file(f"{HEADER}\n'2026-01-05,A,'-1\n"))
    assert found == ["line 2: date: ''2026-01-05' is not a date (use YYYY-MM-DD or MM/DD/YYYY)",
                     "line 2: hours: ''-1' is not a number of hours (use e.g. 1.5 or 1:30)"]


def _preview_within(path: Path, seconds: float = 10) -> list[str]:
    """preview_import's errors, failing (instead of hanging the run) if it takes longer than `seconds`."""
    found: list[list[str]] = []
    worker = threading.Thread(target=lambda: found.append(errors_of(path)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"reading {path} did not finish in {seconds} s"
    return found[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(db: object, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    try:
        assert _preview_within(fifo) == [
            f"file: {fifo} is not a regular file (it is a device, a pipe or a socket); choose a saved CSV file"]
    finally:  # should the reader be blocked in open() after all, a writer releases it
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_without_reading_it(db: object) -> None:
    assert _preview_within(Path("/dev/zero")) == [
        "file: /dev/zero is not a regular file (it is a device, a pipe or a socket); choose a saved CSV file"]


def test_a_file_over_the_size_limit_is_refused_before_reading(db: object, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.truncate(csv_io.MAX_FILE_BYTES + 1)  # sparse: no disk used, and never read
    assert _preview_within(big) == [
        f"file: {big} is larger than 50 MB, too large for a list of activities; is it the right file?"]


def test_a_file_that_grows_past_the_limit_while_read_is_refused(db: object, csv_file: MakeCsv,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = csv_file(f"{HEADER}\n2026-01-05,A,1\n")
    monkeypatch.setattr(csv_io, "MAX_FILE_BYTES", 10)
    # the size it had when looked at (5 bytes) is not the size read
    monkeypatch.setattr(Path, "stat", lambda self, **_: os.stat_result((0o100644, 0, 0, 1, 0, 0, 5, 0, 0, 0)))
    (error,) = errors_of(path)
    assert error == f"file: {path} is larger than 0 MB, too large for a list of activities; is it the right file?"


def test_nul_bytes_are_refused_naming_the_file_and_the_line(db: object, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"date,title,hours\n2026-01-05,A,1\n2026-01-06,B\x00,1\n")
    (error,) = preview_import(path).errors
    assert str(error) == (f"line 3: file: is not CSV text (a NUL byte in {path}: a workbook, or UTF-16 text?); "
                          "in Excel, save it as 'CSV UTF-8 (Comma delimited)'")
    assert "\x00" not in str(error) and "None" not in str(error)


def test_utf16_and_binary_files_are_refused_naming_the_file(db: object, tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("date,title,hours\n2026-01-05,A,1\n".encode("utf-16"))
    binary = tmp_path / "book.xlsx"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    for path, first_problem in ((utf16, "is not UTF-8 text (byte 0xFF in"), (binary, "is not CSV text (a NUL byte in")):
        (error,) = preview_import(path).errors  # the first problem in the file
        assert str(error).startswith(f"line 1: file: {first_problem} {path}")
        assert all(c.isprintable() for c in str(error))
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"date,title,hours\n2026-01-05,\xff\xfe,1\n\x00")
    (error,) = preview_import(junk).errors
    assert str(error) == (f"line 2: file: is not UTF-8 text (byte 0xFF in {junk}); in Excel, save it as "
                          "'CSV UTF-8 (Comma delimited)'")


def test_a_file_name_with_control_characters_is_shown_escaped(db: object, tmp_path: Path) -> None:
    path = tmp_path / "bad\x1b[2Jname\n.csv"
    (error,) = errors_of(path)
    assert error == f"file: {tmp_path}/bad\\x1b[2Jname\\x0a.csv does not exist"


def test_a_cell_over_the_csv_field_limit_is_a_row_error(db: object, csv_file: MakeCsv) -> None:
    path = csv_file(f"{HEADER},description\n2026-01-05,A,1,\"{'x' * (csv.field_size_limit() + 1)}\"\n")
    (error,) = errors_of(path)
    assert error.startswith("line 2: row: cannot be read: field larger than field limit")


def test_two_import_commands_of_one_file_at_once_store_each_row_once(tmp_path: Path) -> None:
    from wethrive_desktop.models.db import BUSY_TIMEOUT_S, close_database, open_database

    source = tmp_path / "many.csv"
    start = date(2026, 1, 1)
    source.write_text(HEADER + "\n" + "".join(f"{start + timedelta(days=i % 365)},Course {i},1.5\n"
                                              for i in range(300)), encoding="utf-8")
    target = tmp_path / "shared.sqlite3"
    open_database(target)
    close_database()
    command = [sys.executable, "-m", "wethrive_desktop", "import-csv", str(source), "--db", str(target)]
    # Another writer (a window saving) holds the write lock while both commands start, so both have read the file
    # and checked it against the same (empty) table when they reach their write: the worst case, made likely. It
    # lets go well within the busy timeout they wait for it.
    holder = sqlite3.connect(target, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
        time.sleep(min(2.0, BUSY_TIMEOUT_S / 2))
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    for code, out, err in results:
        assert (code, err) == (0, ""), out
    assert sum(int(out.split()[0]) for _, out, _ in results) == 300  # "N added, M duplicates skipped."
    con = sqlite3.connect(target)
    try:
        assert con.execute("SELECT count(*) FROM activity").fetchone() == (300,)
        assert con.execute("SELECT count(DISTINCT title) FROM activity").fetchone() == (300,)
    finally:
        con.close()


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_the_command_refuses_a_fifo_a_device_or_a_folder_without_hanging(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this system")
        source = tmp_path / "pipe.csv"
        os.mkfifo(source)
    elif kind == "device":
        source = Path("/dev/zero")
        if not source.exists():
            pytest.skip("no /dev/zero on this system")
    else:
        source = tmp_path
    result = subprocess.run([sys.executable, "-m", "wethrive_desktop", "import-csv", str(source), "--db",
                             str(tmp_path / "x.sqlite3")], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (1, f"wethrive: error: {source} is not a file\n")
    assert not (tmp_path / "x.sqlite3").exists()


# --- bulk inserts: a few statements however many rows, each row's id and practices its own --------------------


def practices_of(i: int) -> tuple[int, ...]:
    """A distinct set of practices per row (none for every seventh), so a link on the wrong row shows."""
    return () if i % 7 == 0 else tuple(sorted({1 + i % 14, 1 + (i * 5) % 14, 1 + (i // 14) % 14}))


def many_rows(n: int, prefix: str = "Course") -> str:
    lines = ["date,title,hours,practices,type"]
    for i in range(n):
        day = date(2025, 1, 1) + timedelta(days=i % 700)
        lines.append(f"{day.isoformat()},{prefix} {i},{1 + i % 8}.25,{';'.join(map(str, practices_of(i)))},webinar")
    return "\n".join(lines) + "\n"


def test_the_import_runs_a_bounded_number_of_insert_statements(db: object, csv_file: MakeCsv) -> None:
    from wethrive_desktop.models.activities import ROWS_PER_STATEMENT
    from wethrive_desktop.models.tables import Activity

    counts = {}
    for n in (50, 2_000):
        preview = preview_import(csv_file(many_rows(n), name=f"rows-{n}.csv"))
        assert preview.errors == [] and len(preview.to_add) == n
        counts[n] = count_inserts(lambda preview=preview: apply_import(preview))  # type: ignore[misc]
        assert len(load_activities()) == n
        Activity.delete().execute()
    # A statement per ROWS_PER_STATEMENT activities, and per ROWS_PER_STATEMENT of their practice links: 40 times
    # the rows take a few more statements, not 40 times as many (an insert per row would be 2,000 and more).
    batches = -(-2_000 // ROWS_PER_STATEMENT)
    assert counts[50] <= 2
    assert counts[2_000] <= 4 * batches < 2_000 / 100
    assert counts[2_000] < 10 * counts[50]


def test_bulk_imported_rows_get_the_next_ids_in_file_order_with_their_own_practices(db: object,
                                                                                    csv_file: MakeCsv) -> None:
    from wethrive_desktop.models.activities import ROWS_PER_STATEMENT, delete_activity, save_activity

    # Stored rows with a gap: the new ids follow the highest one, as SQLite would number them one by one.
    kept = save_activity(ActivityData(date(2024, 5, 1), "Kept", Decimal(1), "webinar", practices=(3,)))
    gone = save_activity(ActivityData(date(2024, 5, 2), "Gone", Decimal(1), "webinar"))
    last = save_activity(ActivityData(date(2024, 5, 3), "Last", Decimal(1), "webinar", practices=(9,)))
    delete_activity(gone)
    n = 2 * ROWS_PER_STATEMENT + 37  # three batches, the last one short
    calls: list[tuple[int, int]] = []
    assert apply_import(preview_import(csv_file(many_rows(n))), lambda done, total: calls.append((done, total))) == n
    records = {r.data.title: r for r in load_activities()}
    assert len(records) == n + 2
    for i in range(n):
        record = records[f"Course {i}"]
        assert record.id == last + 1 + i
        assert record.data.practices == practices_of(i)
        assert record.data.hours == Decimal(f"{1 + i % 8}.25")
        assert record.data.start_date == date(2025, 1, 1) + timedelta(days=i % 700)
        assert record.created_at == record.updated_at
    assert records["Kept"].id == kept and records["Kept"].data.practices == (3,)
    assert records["Last"].data.practices == (9,)
    # Progress after each batch, ending with every row.
    assert calls == [(ROWS_PER_STATEMENT, n), (2 * ROWS_PER_STATEMENT, n), (n, n)]


def test_an_import_after_the_largest_possible_id_still_maps_each_rows_practices(db: object,
                                                                                csv_file: MakeCsv) -> None:
    from wethrive_desktop.models.activities import MAX_ROWID
    from wethrive_desktop.models.db import database_proxy

    database_proxy.execute_sql(
        "INSERT INTO activity (id, start_date, title, type, hours, created_at, updated_at) "
        "VALUES (?, '2024-01-01', 'At the end', 'other', 100, '2024-01-01 00:00:00', '2024-01-01 00:00:00')",
        (MAX_ROWID,))
    assert apply_import(preview_import(csv_file(many_rows(30)))) == 30  # SQLite picks free ids itself then
    records = {r.data.title: r for r in load_activities()}
    assert len({r.id for r in records.values()}) == 31
    assert all(records[f"Course {i}"].data.practices == practices_of(i) for i in range(30))


def test_a_preview_made_by_hand_is_normalized_before_it_is_stored(db: object) -> None:
    from wethrive_desktop.exchange.csv_io import ImportPreview

    raw = ActivityData(date(2026, 2, 3), "  Padded title ", Decimal("1.5"), " Webinar ", end_date=date(2026, 2, 3),
                       provider=" ICMA ", practices=(9, 2, 9), description=" notes ")
    assert apply_import(ImportPreview([raw], [], [])) == 1
    (stored,) = load_activities()
    assert stored.data == normalized(raw)
    assert (stored.data.title, stored.data.type, stored.data.practices, stored.data.end_date) == (
        "Padded title", "webinar", (2, 9), None)
    assert apply_import(ImportPreview([raw], [], [])) == 0  # the same record again: a duplicate


def test_rows_read_are_already_as_they_are_stored(db: object, csv_file: MakeCsv) -> None:
    """parse_csv builds each row normalized (no copy per row): practices repeated and out of order, an end date on
    the start day, hours with one decimal or none, a quoted formula with a tab after the quote, mixed-case keys."""
    text = ("date,end_date,title,hours,practices,type,challenge,description\n"
            "2026-03-04,2026-03-04,Budget workshop,1.5,5;4;5,Workshop,\n"
            "2026-03-05,,Council retreat,2,14;1,CONFERENCE,,\"'\t=notes\"\n"
            "2026-03-06,2026-03-08,Leadership course,7.25,,e-course,,  plain  \n")
    rows, errors, count = csv_io.parse_csv(csv_file(text))
    assert errors == [] and count == 3
    assert rows == [normalized(row) for row in rows]
    assert [(r.practices, r.end_date, str(r.hours), r.type) for r in rows] == [
        ((4, 5), None, "1.50", "workshop"), ((1, 14), None, "2.00", "conference"),
        ((), date(2026, 3, 8), "7.25", "e-course")]
    assert rows[1].description == "=notes" and rows[2].description == "plain"


def test_a_value_repeated_over_rows_is_judged_on_each_row(db: object, csv_file: MakeCsv) -> None:
    """A file repeats the same dates, hours and practices over many rows (each distinct cell is read once): a bad
    cell is reported on every line that has it, and a good one is still checked against each row's other cells."""
    text = ("date,end_date,title,hours,practices\n"
            "2026-02-30,,A,3,2;10\n"
            "2026-01-05,2026-01-06,B,30,2;10\n"
            "2026-02-30,,C,3,15\n"
            "2026-01-05,,D,30,10;2\n")
    assert errors_of(csv_file(text)) == [
        "line 2: date: '2026-02-30' is not a real date",
        "line 4: date: '2026-02-30' is not a real date",
        "line 4: practices: 15: practice numbers run from 1 to 14",
        "line 5: hours: 30 h is more than 24 h, the most a single day can hold",
    ]


def test_hours_are_quoted_as_written_but_stored_in_hundredths(db: object, csv_file: MakeCsv) -> None:
    """A valid row stores its hours in hundredths; a later row with the same cell and a problem still quotes the
    hours as the file has them, teaching's delivery hours too."""
    text = ("date,title,hours,type,delivery_hours\n"
            "2026-01-05,Taught,12,teaching,10000\n"
            "2026-01-06,Taught again,12,teaching,10001\n"
            "2026-01-07,Long day,24.500,webinar,\n")
    assert errors_of(csv_file(text)) == [
        "line 3: delivery_hours: 10001 h is more than 10000 h",
        "line 4: hours: 24.500 h is more than 24 h, the most a single day can hold",
    ]
    (row,) = preview_import(csv_file(text.replace("10001", "2.5").split("2026-01-07")[0])).to_add[1:]
    assert (str(row.hours), str(row.delivery_hours)) == ("12.00", "2.50")


def test_a_short_row_reads_its_missing_cells_as_empty(db: object, csv_file: MakeCsv) -> None:
    """A spreadsheet may drop a row's empty cells at its end: they read as empty, as a column the file lacks does."""
    text = (",".join(csv_io.COLUMNS) + "\n"
            "2026-01-05,,Webinar,ICMA,webinar,1.5,4;2\n"
            "2026-01-06,,Retreat\n")
    assert errors_of(csv_file(text)) == ["line 3: hours: is required (e.g. 1.5 or 1:30)"]
    (row,) = preview_import(csv_file(text.split("2026-01-06")[0])).to_add
    assert row == ActivityData(date(2026, 1, 5), "Webinar", Decimal("1.50"), "webinar", provider="ICMA",
                               practices=(2, 4))
