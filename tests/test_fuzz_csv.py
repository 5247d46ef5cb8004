"""Fuzzing the CSV import the way the command line runs it: whatever the file holds, `wethrive import-csv` either
imports it or refuses it with line-numbered messages (exit status 1, the database untouched), never a traceback."""

from __future__ import annotations

import contextlib
import csv
import io
import sqlite3
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from wethrive_desktop import crash_log
from wethrive_desktop.cli import main
from wethrive_desktop.exchange.csv_io import COLUMNS, FORMULA_STARTS, preview_import, write_csv
from wethrive_desktop.models.activities import ActivityData, ActivityRecord, normalized
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.domain import ACTIVITY_TYPES
from wethrive_desktop.models.tables import utc_now

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

JUNK_COLUMNS = ["Cost", "", " ", " Date ", "TITLE", "End-Date", "hours;title", "date\ttitle", "é", "中文", "=cmd|x",
                "None", "practices ", "ho urs"]
ODD_VALUES = ["²", "¹²", "١٢", "１２", "٢٠٢٦-٠١-٠٥", "1e30", "1E2", "NaN", "-NaN", "sNaN", "Infinity", "-Infinity",
              "inf", "-0", "-0.0", "+1", "0x1F", "1_000", "1,5", "1:75", "99:59", "-1:30", "1.555", "25", "0",
              "9" * 30, "9" * 29 + ":00", "1" * 33, "7" * 5000, "0." + "0" * 40 + "1", "1." + "0" * 40, "",
              "=SUM(A1)", "+1 call", "-- notes", "@home", "'quoted", "'=x", "''+y", "=HYPERLINK(\"http://x\")",
              "\t=1", "\r-2", "\x1b[2J", "\x07", "\ufeff", "\u202e", "\U0001f600", "None", "null", "'"]
DATES = st.dates(min_value=date(1899, 12, 1), max_value=date(2201, 1, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), f"{d.month}/{d.day}/{d.year}", f"{d.month:02}/{d.day:02}/{d.year}"]))
HOURS = st.one_of(
    st.integers(0, 2400).map(lambda n: str(Decimal(n) / 100)),
    st.tuples(st.integers(0, 30), st.integers(0, 59)).map(lambda hm: f"{hm[0]}:{hm[1]:02}"),
    st.integers(-10**40, 10**40).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
)
PRACTICES = st.lists(st.one_of(st.integers(-2, 20).map(str), st.sampled_from(["Strategic Planning", "7 - Strategic "
                     "Planning", "² - Strategic Planning", "x", "1" * 5000])), max_size=4).map(";".join)
TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)
FREE_TEXT = st.one_of(TEXT, st.sampled_from(ODD_VALUES), st.tuples(st.sampled_from(sorted(FORMULA_STARTS) + ["'"]),
                                                                   TEXT).map("".join))
BY_COLUMN: dict[str, st.SearchStrategy[str]] = {
    "date": DATES, "end_date": DATES, "hours": HOURS, "practices": PRACTICES,
    "type": st.sampled_from(list(ACTIVITY_TYPES) + ["Webinar", "party"]),
    "status": st.sampled_from(["", "completed", "Planned", "done"]),
    "challenge": st.sampled_from(["", "annual-conference", "icmau-webinar", "free-lunch"]),
}


# Cells a valid row may hold, by column: a file of only these imports.
TIDY: dict[str, st.SearchStrategy[str]] = {
    "date": st.dates(min_value=date(2017, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat),
    "end_date": st.just(""),
    "title": FREE_TEXT.filter(lambda t: t.strip() != "" and len(t) <= 300),
    "hours": st.one_of(st.integers(0, 2400).map(lambda n: str(Decimal(n) / 100)),
                       st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda hm: f"{hm[0]}:{hm[1]:02}")),
    "practices": st.lists(st.integers(1, 14), max_size=3).map(lambda ps: ";".join(map(str, ps))),
    "type": st.sampled_from(list(ACTIVITY_TYPES) + ["Webinar", ""]),
    "status": st.sampled_from(["", "completed", "Completed"]),
    "challenge": st.just(""),
}


def cell(column: str) -> st.SearchStrategy[str]:
    """Mostly a value of the column's kind, else anything."""
    return st.one_of(BY_COLUMN.get(column, FREE_TEXT), BY_COLUMN.get(column, FREE_TEXT), FREE_TEXT)


@st.composite
def chaos_rows(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """Any header (real column names and junk) and rows of anything."""
    header = draw(st.lists(st.sampled_from(list(COLUMNS) + JUNK_COLUMNS), min_size=1, max_size=12))
    if draw(st.booleans()):  # most files name the required columns, so the rows get read
        header = ["date", "title", "hours", *header]
    rows = draw(st.lists(
        st.tuples(*(cell(" ".join(c.strip().lower().split())) for c in header)).map(list)
        .flatmap(lambda cells: st.lists(FREE_TEXT, max_size=2).map(lambda extra: cells + extra if extra else cells)),
        max_size=6))
    return header, rows


@st.composite
def tidy_rows(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A file that imports, in which sometimes one cell is odd (then it must be refused whole, or still import)."""
    optional = draw(st.lists(st.sampled_from([c for c in COLUMNS if c in TIDY and c not in ("date", "title",
                                                                                                 "hours")]),
                             unique=True))
    header = draw(st.permutations(["date", "title", "hours", *optional]))
    rows = draw(st.lists(st.tuples(*(TIDY[c] for c in header)).map(list), min_size=1, max_size=6))
    if draw(st.booleans()):
        row, column = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(header) - 1))
        rows[row][column] = draw(st.sampled_from(ODD_VALUES))
    return header, rows


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header, rows = draw(st.one_of(tidy_rows(), chaos_rows()))
    if draw(st.booleans()):
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows([header, *rows])
        text = buffer.getvalue()
    else:  # joined by hand: stray quotes, separators and line breaks in cells make broken CSV
        text = "\n".join(",".join(line) for line in [header, *rows])
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 9)) == 0:  # bytes that are not UTF-8 text (or are NUL), somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


def counts(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        (activities,) = con.execute("SELECT count(*) FROM activity").fetchone()
        (links,) = con.execute("SELECT count(*) FROM activity_practice").fetchone()
        return int(activities), int(links)
    finally:
        con.close()


@pytest.fixture
def no_crash_log(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Exceptions that reached the command line's last-resort handler (a bug, even though it prints a sentence)."""
    caught: list[BaseException] = []

    def record(_command: str | None, exc: BaseException) -> None:
        caught.append(exc)

    monkeypatch.setattr(crash_log, "log_command_error", record)
    return caught


@FUZZ
@given(data=csv_files())
def test_import_csv_imports_or_refuses_cleanly(tmp_path: Path, no_crash_log: list[BaseException],
                                               data: bytes) -> None:
    db = tmp_path / "fuzz.sqlite3"
    if not db.exists():
        open_database(db)
        close_database()
    source = tmp_path / "fuzz.csv"
    source.write_bytes(data)
    before = counts(db)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["import-csv", str(source), "--db", str(db)])
        finally:
            close_database()
    assert no_crash_log == []
    assert code in (0, 1)
    errors = err.getvalue()
    assert "Traceback" not in errors and "unexpected problem" not in errors
    assert all(c.isprintable() or c == "\n" for c in errors)  # no NUL, no escape sequence reaches the terminal
    if b"None" not in data:
        assert "None" not in errors
    after = counts(db)
    event(f"exit status {code}")
    if code == 1:
        assert "nothing was imported" in errors.splitlines()[-1]
        assert after == before
    else:
        assert errors == ""
        added = int(out.getvalue().split()[0])  # "N added, M duplicates skipped."
        assert after[0] == before[0] + added


FORMULA_TEXT = st.text(st.sampled_from(sorted(FORMULA_STARTS) + ["'", "'", "a", " ", "é", ",", '"', "\n"]),
                       max_size=8).map(str.strip)


@st.composite
def formula_activities(draw: st.DrawFn) -> ActivityData:
    start = draw(st.dates(min_value=date(2017, 1, 1), max_value=date(2030, 12, 31)))
    return normalized(ActivityData(
        start_date=start,
        end_date=start + timedelta(days=1) if draw(st.booleans()) else None,
        title=draw(FORMULA_TEXT.filter(bool)),
        provider=draw(FORMULA_TEXT),
        type=draw(st.sampled_from(list(ACTIVITY_TYPES))),
        hours=Decimal(draw(st.integers(0, 2400))) / 100,
        practices=tuple(draw(st.lists(st.integers(1, 14), unique=True, max_size=3))),
        description=draw(FORMULA_TEXT),
        learned=draw(FORMULA_TEXT),
    ))


@FUZZ
@given(rows=st.lists(formula_activities(), max_size=6, unique_by=lambda d: d.identity()))
def test_formula_like_text_is_neutralised_and_round_trips(tmp_path: Path, rows: list[ActivityData]) -> None:
    db = tmp_path / "round.sqlite3"
    if not db.exists():
        open_database(db)
        close_database()
    open_database(db)
    try:
        out = tmp_path / "round.csv"
        now = utc_now()
        write_csv(out, [ActivityRecord(i, d, now, now) for i, d in enumerate(rows, 1)])
        with out.open(encoding="utf-8-sig", newline="") as fh:
            for line in csv.reader(fh):
                assert all(value[:1] not in FORMULA_STARTS for value in line)
        preview = preview_import(out)
    finally:
        close_database()
    assert preview.errors == []
    assert preview.to_add == rows
