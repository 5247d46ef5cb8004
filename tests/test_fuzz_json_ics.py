"""Fuzzing the JSON and calendar imports the way the command line runs them: whatever the file holds,
`wethrive import-json` and `wethrive import-ics` either import it or refuse it with one sentence (exit status 1, the
database as it was, no new file left behind), never a traceback."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import traceback
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import dump
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from wethrive_desktop import crash_log
from wethrive_desktop.cli import main
from wethrive_desktop.models.db import StoreError, close_database, open_database

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TODAY = date(2026, 11, 15)
SHA = "ab" * 32


@pytest.fixture
def no_crash_log(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Exceptions other than the imports' own refusals (a StoreError: JsonImportError, CalendarError) that reached
    the command line's last-resort handler: a bug, even though it prints a sentence."""
    caught: list[BaseException] = []

    def record(_command: str | None, exc: BaseException) -> None:
        if not isinstance(exc, StoreError):
            caught.append(exc)

    monkeypatch.setattr(crash_log, "log_command_error", record)
    return caught




def run(*argv: str | Path) -> tuple[int, str, str]:
    """The command's exit status, stdout and stderr; any exception but a usage error's SystemExit escapes."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse: bad usage
            code = exc.code if isinstance(exc.code, int) else 2
        finally:
            close_database()  # as when the process ends
    return code, out.getvalue(), err.getvalue()


def assert_clean(code: int, errors: str, caught: list[BaseException]) -> None:
    assert not caught, "".join(traceback.format_exception(caught[0]))
    assert code in (0, 1, 2)
    assert "Traceback" not in errors and "unexpected problem" not in errors
    assert all(c.isprintable() or c == "\n" for c in errors)  # no NUL, no escape sequence reaches the terminal
    if code == 0:
        assert errors == ""  # nothing extra on stderr (library warnings included)
    else:
        assert errors.startswith("wethrive: ") and len(errors.splitlines()) == 1


# --- import-json --------------------------------------------------------------------------------------------------


class Export:
    """The export's data, with a short repr (Hypothesis prints the fixtures of a failing example)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def __repr__(self) -> str:
        return "Export(the demo data)"


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Export:
    """An export of the demo data (every section with records, a submitted annual report too)."""
    from wethrive_desktop.exchange.json_io import export_data
    from wethrive_desktop.models.annual_report import submit_report
    from wethrive_desktop.models.demo import populate_demo

    folder = tmp_path_factory.mktemp("fuzz-export")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WETHRIVE_DATA_DIR", str(folder))  # never the user's data folder
        open_database(folder / "demo.sqlite3")
        try:
            populate_demo(TODAY)
            submit_report(2025, date(2026, 1, 31), today=TODAY, renderer=lambda _data: b"%PDF-fake")
            data = export_data()
        finally:
            close_database()
    assert all(data[name] for name in ("activities", "plans", "assessments", "legacy_coaching", "annual_reports"))
    return Export(data)


def paths_in(value: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in the export a mutation may touch (the first two entries of each list)."""
    if at:
        yield at
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_in(child, (*at, key))
    elif isinstance(value, list):
        for n, child in enumerate(value[:2]):
            yield from paths_in(child, (*at, n))


DELETE = object()
DEEP = [f"__deep_{n}__" for n in (63, 64, 100, 5_000)]
ODD_STRINGS = ["", " ", "1e30", "NaN", "Infinity", "-1", "-0", "1.555", "0.25", "99999999999", "1" * 2_000,
               "../../etc/passwd", "/etc/hostname", f"../{SHA}.pdf", SHA, SHA + ".pdf", SHA.upper(), "2026-01-05",
               "2026-01-05T10:00:00", "0001-01-01", "9999-12-31", "2026-02-30", "x" * 2_000, "\x00", "\x1b[31m",
               "\ud800", "\U0001f600", "None", "null", "webinar", "completed", "planned", "long", "short", *DEEP]
LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(),
    st.sampled_from([2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, 0, -1, 1, 7, 2026, 1899, 2201]),
    st.floats(), st.sampled_from(ODD_STRINGS), st.text(max_size=12),
)
JSON_VALUES = st.recursive(LEAVES, lambda children: st.one_of(
    st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)), max_leaves=8)
MUTATIONS = st.lists(st.tuples(st.integers(min_value=0), st.one_of(st.just(DELETE), JSON_VALUES)), max_size=3)


def mutated(data: dict[str, Any], mutations: list[tuple[int, Any]]) -> str:
    """The export with each mutation applied (a path chosen by index; deleted, or replaced), as JSON text."""
    data = copy.deepcopy(data)
    for index, value in mutations:
        paths = list(paths_in(data))
        *parents, last = paths[index % len(paths)]
        target: Any = data
        for key in parents:
            target = target[key]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value
    text = json.dumps(data, allow_nan=True, ensure_ascii=False, sort_keys=True)
    for marker in DEEP:  # nesting no JSON writer would produce: written as text
        depth = int(marker.split("_")[3])
        text = text.replace(json.dumps(marker), "[" * depth + "]" * depth)
    return text


@FUZZ
@given(mutations=MUTATIONS, into_existing=st.booleans())
def test_import_json_imports_or_refuses_cleanly(tmp_path: Path, export: Export,
                                               no_crash_log: list[BaseException],
                                               mutations: list[tuple[int, Any]], into_existing: bool) -> None:
    source = tmp_path / "fuzz.json"
    source.write_text(mutated(export.data, mutations), encoding="utf-8", errors="surrogatepass")
    target = tmp_path / ("empty.sqlite3" if into_existing else "new.sqlite3")
    if into_existing:
        open_database(target)  # an existing, empty database
        close_database()
    before = dump(target)
    code, _out, errors = run("import-json", source, "--db", target)
    assert_clean(code, errors, no_crash_log)
    event(f"exit status {code}")
    if code != 0:
        assert dump(target) == before
        if not into_existing:
            assert list(tmp_path.glob("new.sqlite3*")) == []  # a database it created, it removes again
    for filled in tmp_path.glob(f"{target.name}*"):  # the next example starts from an empty database again
        filled.unlink()


# --- import-ics ---------------------------------------------------------------------------------------------------

ZONES = ["", ";TZID=America/New_York", ";TZID=Asia/Tokyo", ";TZID=/mozilla.org/20050126_1/Europe/Berlin",
         ";TZID=Custom", ";TZID=Nowhere/Atlantis", ";VALUE=DATE", ";VALUE=DATE-TIME", ";VALUE=PERIOD"]
MOMENTS = ["20260305T130000", "20260305T130000Z", "20260305T153000", "20260306", "20260305", "20260304T090000",
           "19000101T000000", "22001231T230000", "22010101", "99991231T235959", "2026", "20260230T250000"]
PROPERTY_VALUES: dict[str, list[str]] = {
    "UID": ["a@x", "b@x", "", "x\x00y"],
    "SUMMARY": ["Budget webinar", "ICMA Annual Conference", "", "Bad\x00name", "é" * 400, "Line\\nbreak"],
    "DURATION": ["PT1H", "P2D", "-PT1H", "P3W", "P99999999D", "PT999999999H", "garbage"],
    "DESCRIPTION": ["Provider: ACME\\nMore", "Hosted by: \x01x", "d" * 3_000],
    "LOCATION": ["Denver, CO", ""],
    "ORGANIZER": ["mailto:a@b.org"],
    "CATEGORIES": ["Webinar,Training", ""],
    "STATUS": ["CANCELLED", "CONFIRMED", "TENTATIVE"],
    "RRULE": ["FREQ=WEEKLY;COUNT=3", "FREQ=", "garbage"],
    "RECURRENCE-ID": ["20260305T130000", "garbage"],
    "SEQUENCE": ["1", "x"],
    "DTSTAMP": ["20260101T000000Z"],
    "EXDATE": ["20260312T130000"],
    "X-WR-CALNAME": ["x"],
}
PROPERTY_PARAMS = ["", "", "", ";CN=Bob", ';CN="A, B"', ";LANGUAGE=en", ";X-Y=\x00", ";VALUE=DATE", ";ALTREP=x"]
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@st.composite
def moment(draw: st.DrawFn, name: str) -> str:
    """A DTSTART or DTEND: mostly a date or time with a zone, else anything."""
    value = draw(st.one_of(st.sampled_from(MOMENTS), st.sampled_from(MOMENTS), TEXT))
    return f"{name}{draw(st.sampled_from(ZONES))}:{value}"


@st.composite
def other_property(draw: st.DrawFn, name: str) -> str:
    """Any other property: mostly a value of its kind, else anything."""
    value = draw(st.one_of(st.sampled_from(PROPERTY_VALUES[name]), st.sampled_from(PROPERTY_VALUES[name]), TEXT))
    return f"{name}{draw(st.sampled_from(PROPERTY_PARAMS))}:{value}"


# Starts and ends that make an event (a timed one in any zone, a floating end, an all-day one).
TIDY_TIMES = [(";TZID=America/New_York:20260305T130000", ";TZID=America/New_York:20260305T143000"),
              (":20260305T130000Z", ":20260306T010000Z"), (":20260305T130000", ""),
              (";TZID=/mozilla.org/20050126_1/Europe/Berlin:20261014T090000", ":20261016T120000"),
              (";TZID=Custom:20260305T130000", ";TZID=Custom:20260305T170000"),
              (";VALUE=DATE:20260920", ";VALUE=DATE:20260924"), (";VALUE=DATE:20271231", "")]


@st.composite
def vevent(draw: st.DrawFn) -> list[str]:
    """An event's lines. Half are tidy (a start and end that go together, properties of their kind, once each,
    though odd values such as a cancelled status or a NUL in the title); the others have starts and ends of any
    kind, or none, and sometimes a property written twice."""
    names = draw(st.lists(st.sampled_from(sorted(PROPERTY_VALUES)), unique=True, max_size=6))
    if draw(st.booleans()):
        start, end = draw(st.sampled_from(TIDY_TIMES))
        lines = [f"DTSTART{start}"] + ([f"DTEND{end}"] if end else [])
        for name in names:
            lines.append(f"{name}:{draw(st.sampled_from(PROPERTY_VALUES[name]))}")
        return lines
    lines = []
    if draw(st.integers(0, 9)) > 0:
        lines.append(draw(moment("DTSTART")))
    if draw(st.booleans()):
        lines.append(draw(moment("DTEND")))
    lines += [draw(other_property(name)) for name in names]
    if draw(st.integers(0, 4)) == 0:
        name = draw(st.sampled_from(["DTSTART", "DTEND", *PROPERTY_VALUES]))
        lines.append(draw(moment(name)) if name in ("DTSTART", "DTEND") else draw(other_property(name)))
    return draw(st.permutations(lines))


TIMEZONE = ["BEGIN:VTIMEZONE", "TZID:Custom", "BEGIN:STANDARD", "DTSTART:19701101T020000", "TZOFFSETFROM:-0400",
            "TZOFFSETTO:-0500", "END:STANDARD", "END:VTIMEZONE"]
ALARM = ["BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "END:VALARM"]


@st.composite
def calendars(draw: st.DrawFn) -> bytes:
    """A calendar of real components and property names with values of their kind or anything; sometimes one line
    is dropped, repeated or replaced (a lost END:, an END: of another component, a stray BEGIN:)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN"]
    if draw(st.booleans()):
        lines += TIMEZONE
    for _ in range(draw(st.integers(1, 3))):
        lines.append("BEGIN:VEVENT")
        lines += draw(vevent())
        if draw(st.integers(0, 9)) == 0:
            lines += ALARM
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "replace"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        else:
            lines[at] = draw(st.sampled_from(["END:VTIMEZONE", "END:VCALENDAR", "END:VALARM", "BEGIN:VEVENT",
                                              "END:VEVENT", "BEGIN:X-THING", "", " folded"]))
    newline = draw(st.sampled_from(["\r\n", "\n"]))
    return (newline.join(lines) + newline).encode("utf-8")


@FUZZ
@given(data=calendars())
def test_import_ics_imports_or_refuses_cleanly(tmp_path: Path, no_crash_log: list[BaseException],
                                              data: bytes) -> None:
    db = tmp_path / "plans.sqlite3"
    if not db.exists():
        open_database(db)
        close_database()
    source = tmp_path / "fuzz.ics"
    source.write_bytes(data)
    before = dump(db)
    code, _out, errors = run("import-ics", source, "--db", db)
    assert_clean(code, errors, no_crash_log)
    event(f"exit status {code}")
    if code != 0:
        assert dump(db) == before
