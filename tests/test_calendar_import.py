"""Calendar (.ics) registrations become planned items: dates, time zones, hours estimates, re-imports, bad files."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar.parser
import pytest
from cli_helpers import count_inserts

from wethrive_desktop.cli import main
from wethrive_desktop.exchange.calendar_import import (
    CalendarError,
    _boundaries_as_written,
    _boundaries_unfolded,
    _shown,
    import_ics,
    parse_ics,
    read_ics,
    timed_hours,
)
from wethrive_desktop.models.plans import get_item, get_plan, plan_years

DATA = Path(__file__).parent / "data"
CHICAGO = ZoneInfo("America/Chicago")
D = Decimal


def ics(*events: str, extra: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{extra}{body}END:VCALENDAR\r\n".encode()


def event(uid: str, start: str, end: str = "", summary: str = "Event", **more: str) -> str:
    lines = [f"UID:{uid}", f"SUMMARY:{summary}", f"DTSTART{start}"]
    if end:
        lines.append(f"DTEND{end}")
    lines += [f"{k.replace('_', '-')}:{v}" for k, v in more.items()]
    return "\r\n".join(lines)


def one(data: bytes):  # type: ignore[no-untyped-def]
    (found,) = parse_ics(data, zone=CHICAGO).events
    return found


def test_timed_event_counts_its_length() -> None:
    e = one(ics(event("w", ";TZID=America/New_York:20260305T130000", ";TZID=America/New_York:20260305T143000",
                      "Budgeting for Outcomes webinar")))
    assert (e.start_date, e.end_date, e.hours, e.all_day, e.type) == (date(2026, 3, 5), None, D("1.5"), False,
                                                                      "webinar")


def test_long_day_is_capped_at_8_hours_and_minutes_round_to_quarters() -> None:
    assert one(ics(event("a", ":20260305T080000", ":20260305T190000"))).hours == D(8)
    assert one(ics(event("b", ":20260305T090000", ":20260305T095000"))).hours == D("0.75")
    assert one(ics(event("c", ":20260305T090000"))).hours == D(0)  # no end: zero length, editable later


def test_multi_day_timed_event_caps_each_day() -> None:
    e = one(ics(event("s", ";TZID=America/Denver:20261014T090000", ";TZID=America/Denver:20261016T120000",
                      "Regional Summit")))
    assert (e.start_date, e.end_date, e.hours, e.type) == (date(2026, 10, 14), date(2026, 10, 16), D(24), "conference")
    # Each calendar day counts the part of the event on it, at most 8 h: 15 -> 8, 24 -> 8, 12 -> 8.
    short_last_day = one(ics(event("s2", ";TZID=America/Denver:20261014T090000",
                                   ";TZID=America/Denver:20261015T030000")))
    assert (short_last_day.end_date, short_last_day.hours) == (date(2026, 10, 15), D(11))  # 8 + 3


def test_all_day_events_count_6_hours_a_day_and_end_the_day_before_dtend() -> None:
    conf = one(ics(event("c", ";VALUE=DATE:20260920", ";VALUE=DATE:20260924", "ICMA Annual Conference")))
    assert (conf.start_date, conf.end_date, conf.hours, conf.all_day) == (date(2026, 9, 20), date(2026, 9, 23),
                                                                          D(24), True)
    day = one(ics(event("d", ";VALUE=DATE:20260501")))
    assert (day.start_date, day.end_date, day.hours) == (date(2026, 5, 1), None, D(6))
    by_duration = one(ics(event("e", ";VALUE=DATE:20260501", DURATION="P2D")))
    assert (by_duration.end_date, by_duration.hours) == (date(2026, 5, 2), D(12))


def test_time_zones_tzid_keeps_its_own_dates_utc_moves_to_local() -> None:
    # 23:30 UTC on 12 January is 17:30 in Chicago, the same day; 00:30 UTC on the 12th is the 11th in Chicago.
    evening = one(ics(event("u1", ":20270112T233000Z", ":20270113T003000Z")))
    assert (evening.start_date, evening.end_date, evening.hours) == (date(2027, 1, 12), None, D(1))
    late = one(ics(event("u2", ":20270112T003000Z", ":20270112T013000Z")))
    assert late.start_date == date(2027, 1, 11)
    # A Tokyo morning stays on its own date, wherever the member is.
    tokyo = one(ics(event("t", ";TZID=Asia/Tokyo:20260601T090000", ";TZID=Asia/Tokyo:20260601T120000")))
    assert (tokyo.start_date, tokyo.hours) == (date(2026, 6, 1), D(3))


def test_outlook_windows_zone_and_event_past_midnight() -> None:
    (e,) = read_ics(DATA / "outlook-workshop.ics", zone=CHICAGO).events
    assert (e.title, e.start_date, e.end_date, e.hours, e.provider, e.type) == (
        "CAL-ICMA Leadership Workshop", date(2026, 3, 11), date(2026, 3, 12), D(4), "CAL-ICMA", "workshop")
    assert e.notes.endswith("Bring your laptop.\nLocation: Sacramento, CA")


def test_daylight_saving_day_counts_elapsed_hours() -> None:
    # 8 March 2026: clocks in New York jump from 02:00 to 03:00, so midnight to 06:00 is 5 hours.
    start = datetime(2026, 3, 8, 0, 0, tzinfo=ZoneInfo("America/New_York"))
    assert timed_hours(start, start.replace(hour=6)) == D(5)
    assert timed_hours(datetime(2026, 3, 8, tzinfo=UTC), datetime(2026, 3, 8, 2, tzinfo=UTC)) == D(2)


def test_provider_from_description_or_organizer() -> None:
    e = one(ics(event("p", ":20260305T130000", ":20260305T140000",
                      DESCRIPTION="Join us.\\nHosted by: Colorado Municipal League")))
    assert e.provider == "Colorado Municipal League" and e.notes.startswith("Join us.\nHosted by")
    organizer = one(ics(event("o", ":20260305T130000", ":20260305T140000") + "\r\nORGANIZER;CN=GFOA:mailto:x@y.org"))
    assert organizer.provider == "GFOA"


def test_import_adds_items_to_the_plan_of_each_year_and_reimport_adds_nothing(db: object) -> None:
    result = import_ics(DATA / "registrations.ics", zone=CHICAGO)
    assert result.years == [2026, 2027]
    assert len(result.added) == 4 and result.already_imported == []
    plan = get_plan(2026)
    assert plan is not None
    conf = next(i for i in plan.items if i.title == "ICMA Annual Conference 2026")
    assert (conf.start_date, conf.end_date, conf.estimated_hours, conf.provider, conf.type, conf.status) == (
        date(2026, 9, 20), date(2026, 9, 23), D(24), "ICMA", "conference", "planned")
    assert conf.ics_uid == "conf-2026@icma.org"
    webinar = next(i for i in plan.items if i.title.startswith("Budgeting"))
    assert webinar.provider == "ICMA University" and webinar.estimated_hours == D("1.5")

    again = import_ics(DATA / "registrations.ics", zone=CHICAGO)
    assert again.added == [] and len(again.already_imported) == 4
    assert "4 already imported" in again.describe()
    assert len(get_plan(2026).items) == 3  # type: ignore[union-attr]


def test_edited_estimate_survives_reimport(db: object) -> None:
    from dataclasses import replace

    from wethrive_desktop.models.plans import save_item

    result = import_ics(DATA / "registrations.ics", zone=CHICAGO)
    year, item_id = result.added[1]
    save_item(year, replace(get_item(item_id), estimated_hours=D(18)))
    import_ics(DATA / "registrations.ics", zone=CHICAGO)
    assert get_item(item_id).estimated_hours == D(18)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"this is not a calendar\n", "not a readable iCalendar"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:half a file\r\n", "cut short or damaged"),
        (ics(), "contains no events"),
        (ics(event("ok", ":20260305T130000", ":20260305T140000"), "UID:x\r\nSUMMARY:No start"), "has no start"),
        (ics(event("ok", ":20260305T130000", ":20260305T140000"), event("bad", ":2026xx")), "DTSTART cannot be read"),
        (ics(event("b", ":20260305T130000", ":20260304T140000")), "ends (DTEND) before it starts"),
        (ics(event("m", ";VALUE=DATE:20260305", ":20260306T140000")), "same type"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a readable iCalendar"),
    ],
)
def test_broken_file_is_refused_with_a_clear_error_and_changes_nothing(
        db: object, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.ics"
    path.write_bytes(content)
    with pytest.raises(CalendarError, match=re.escape(message)):
        import_ics(path, zone=CHICAGO)
    assert plan_years() == []


def test_missing_file_is_a_clear_error(db: object, tmp_path: Path) -> None:
    with pytest.raises(CalendarError, match="cannot be read"):
        import_ics(tmp_path / "nope.ics")


def test_cancelled_duplicate_and_repeating_events(db: object, tmp_path: Path) -> None:
    path = tmp_path / "mixed.ics"
    path.write_bytes(ics(
        event("a", ";VALUE=DATE:20260601", summary="Cancelled thing", STATUS="CANCELLED"),
        event("b", ":20260602T100000", ":20260602T110000", summary="Weekly coaching", RRULE="FREQ=WEEKLY;COUNT=4"),
        event("b", ":20260602T100000", ":20260602T110000", summary="Weekly coaching"),
        event("", ":20260603T100000", ":20260603T110000", summary="No UID"),
    ))
    result = import_ics(path, zone=CHICAGO)
    items = [get_item(i) for _, i in result.added]
    assert [(i.title, i.start_date) for i in items] == [  # each week its own item (tests/test_calendar_recurring.py)
        ("Weekly coaching", date(2026, 6, d)) for d in (2, 9, 16, 23)] + [("No UID", date(2026, 6, 3))]
    assert any("cancelled" in w for w in result.warnings)
    assert not any("repeats" in w for w in result.warnings)
    assert any("appears twice" in w for w in result.warnings)
    assert import_ics(path, zone=CHICAGO).added == []  # the UID-less event is recognised again too


def test_cli_import_ics(db_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["import-ics", str(DATA / "registrations.ics"), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "ICMA Annual Conference 2026  (24 h)" in out
    assert out.strip().endswith("Added 4 planned items (2026: 3, 2027: 1).")
    assert main(["import-ics", str(DATA / "registrations.ics"), "--db", str(db_path)]) == 0
    assert "4 already imported" in capsys.readouterr().out
    bad = tmp_path / "bad.ics"
    bad.write_text("nonsense")
    assert main(["import-ics", str(bad), "--db", str(db_path)]) == 1
    assert "bad.ics is not a readable iCalendar" in capsys.readouterr().err


# --- hostile files: refused with one clean sentence, or imported; never a traceback --------------------------------


def refused(data: bytes) -> str:
    with pytest.raises(CalendarError) as raised:
        parse_ics(data, zone=CHICAGO)
    message = str(raised.value)
    assert message.isprintable() and "None" not in message and "b'" not in message and len(message) < 300
    return message


def test_a_floating_end_is_read_in_the_zone_of_its_start() -> None:
    zoned_start = one(ics(event("f1", ";TZID=America/New_York:20260305T130000", ":20260305T150000")))
    assert (zoned_start.start_date, zoned_start.end_date, zoned_start.hours) == (date(2026, 3, 5), None, D(2))
    utc_start = one(ics(event("f2", ":20260305T130000Z", ":20260305T153000")))
    assert (utc_start.start_date, utc_start.hours) == (date(2026, 3, 5), D("2.5"))
    floating_start = one(ics(event("f3", ":20260305T130000", ";TZID=Asia/Tokyo:20260305T140000")))
    assert (floating_start.start_date, floating_start.hours) == (date(2026, 3, 5), D(1))
    assert "ends (DTEND) before it starts" in refused(ics(event("f4", ";TZID=Asia/Tokyo:20260305T130000",
                                                                ":20260305T120000")))


@pytest.mark.parametrize("closing", ["END:VTIMEZONE", "END:VCALENDAR", "END:VALARM"])
def test_an_event_closed_by_another_components_end_is_refused(db: object, tmp_path: Path, closing: str) -> None:
    body = "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Misnested\r\nTZID:America/Chicago\r\nDTSTART:20260305T130000\r\n"
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{body}{closing}\r\nEND:VCALENDAR\r\n".encode()
    assert f"BEGIN:VEVENT is closed by {closing}" in refused(data)
    path = tmp_path / "misnested.ics"
    path.write_bytes(data)
    with pytest.raises(CalendarError, match="misnested.ics is not a readable iCalendar"):
        import_ics(path, zone=CHICAGO)
    assert plan_years() == []


def test_component_lines_in_any_case_with_parameters_or_folded_are_matched_as_the_library_reads_them() -> None:
    # Most BEGIN/END lines are plain ("BEGIN:VEVENT", in any case, unfolded if folded) and read by a quick match;
    # one with a parameter is read by the library's own parse: all are paired the same way.
    alarm = "begin:valarm\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND;X-NOTE=1:VALARM\r\n"
    body = "BEGIN:VEVENT\r\n" + event("p", ":20260305T130000")
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{body}\r\n{alarm}EN\r\n D:VEVENT\r\nEND:VCALENDAR\r\n"
    assert one(data.encode()).uid == "p"
    misnested = data.replace("END;X-NOTE=1:VALARM", "END;X-NOTE=1:VTODO")
    assert "BEGIN:VALARM is closed by END:VTODO" in refused(misnested.encode())
    folded_wrong = data.replace("EN\r\n D:VEVENT", "EN\r\n D:VTODO")
    assert "BEGIN:VEVENT is closed by END:VTODO" in refused(folded_wrong.encode())


def read_by_parts(data: bytes) -> list[tuple[str, str]]:
    """Every line that opens or closes a component as the library reads and splits it (Contentline.parts())."""
    found = []
    for line in icalendar.parser.Contentlines.from_ical(data):
        if line[:5].upper().startswith(("BEGIN", "END")):
            try:
                kind, _params, value = line.parts()
            except Exception:
                continue
            found.append((kind.upper(), _shown(value).upper()))
    return found


def test_the_quick_reading_of_component_lines_agrees_with_the_librarys() -> None:
    # Lines that open and close components, read from the text as written (quick) and as the library reads them
    # (unfolded, with parameters): whenever the quick reading gives an answer, it is the library's. Random texts
    # of such lines and others, in any case, with parameters, folds anywhere, LF or CRLF, a lone CR.
    rng = random.Random(7)
    pieces = ["BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "end:vevent", "Begin:VAlarm", "END:VALARM",
              "BEG\u0131N:VTODO", "END;X-A=1:VTODO", "ENDX:1", "BEGINNING:2", "EXDATE:20260101", "SUMMARY:Budget",
              "DESCRIPTION:" + "long text " * 9, "", "BEGIN:" + "N" * 120, "END:" + "N" * 121, "END:VEVE\u017fT",
              "BEG\u0130N:VTODO", "E\u0130ND:X"]
    quick = 0
    for _ in range(1500):
        newline = rng.choice(["\r\n", "\n"])
        text = newline.join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for _ in range(rng.choice([0, 0, 1, 3])):  # folds: a line break and a space or a tab, anywhere
            at = rng.randint(0, len(text))
            text = text[:at] + newline + rng.choice(" \t") + text[at:]
        if rng.random() < 0.1:
            text = text.replace("\n", "\r", 1)
        data = text.encode()
        unfolded = _boundaries_unfolded(data)
        assert unfolded == read_by_parts(data), text
        as_written = _boundaries_as_written(data)
        if as_written is not None:
            quick += 1
            assert as_written == unfolded, text
    assert quick > 300  # many texts were read the quick way, and checked


def test_components_nested_thousands_deep_are_refused() -> None:
    data = ics(event("d", ":20260305T130000"), extra="BEGIN:X-DEEP\r\n" * 5_000 + "END:X-DEEP\r\n" * 5_000)
    assert "nest more than 16 deep" in refused(data)


def test_messages_show_clean_text() -> None:
    assert refused(ics("UID:a\r\nSUMMARY:Bad\x00name\x1b[31m")) == "event 1 ('Bad name [31m') has no start (DTSTART)"
    assert refused(ics("UID:a")) == "event 1 (an untitled event) has no start (DTSTART)"
    broken_line = refused(ics(event("b", ":20260305T130000") + "\r\nUID;X=\x00:y"))
    assert broken_line.startswith("event 1 ('Event'): one of its lines cannot be read (")
    long_title = refused(ics("SUMMARY:" + "x" * 1_000))
    assert long_title.startswith("event 1 ('xxxx") and "...') has no start" in long_title


def test_stored_text_has_no_control_characters_but_keeps_line_breaks() -> None:
    e = one(ics(event("c", ":20260305T130000", summary="Budget\x00 webinar\x07", DESCRIPTION="One\x01\\nTwo\tthree",
                      LOCATION="Room\x0b 4")))
    assert (e.title, e.notes) == ("Budget webinar", "One \nTwo\tthree\nLocation: Room  4")
    dated_summary = one(ics("UID:s\r\nSUMMARY;VALUE=DATE:20260101\r\nDTSTART:20260305T130000"))
    assert dated_summary.title == "20260101"


@pytest.mark.parametrize("end, message", [
    (":99991231T000000", "is dated Dec 31, 9999, outside any plan year"),
    (";VALUE=DATE:22010102", "outside any plan year"),
])
def test_an_event_ending_outside_the_plan_years_is_refused(end: str, message: str) -> None:
    start = ";VALUE=DATE:20260305" if "DATE" in end else ":20260305T130000"
    assert message in refused(ics(event("e", start, end)))


def test_a_duration_too_long_for_any_calendar_is_refused() -> None:
    assert "its start and end cannot be read" in refused(ics(event("d", ":20260305T130000", DURATION="P99999999D")))


def test_a_thunderbird_time_zone_imports_without_a_warning(db_path: Path, tmp_path: Path,
                                                           capfd: pytest.CaptureFixture[str]) -> None:
    from wethrive_desktop.models.db import close_database, open_database

    zone = ";TZID=/mozilla.org/20050126_1/America/New_York"
    path = tmp_path / "thunderbird.ics"
    path.write_bytes(ics(event("t", f"{zone}:20260305T130000", f"{zone}:20260305T143000", "Budget webinar")))
    (e,) = read_ics(path, zone=CHICAGO).events  # a warning would be an error here (filterwarnings = error)
    assert (e.start_date, e.hours) == (date(2026, 3, 5), D("1.5"))
    open_database(db_path)
    close_database()
    capfd.readouterr()
    assert main(["import-ics", str(path), "--db", str(db_path)]) == 0
    close_database()
    out, err = capfd.readouterr()
    assert err == "" and out.strip().endswith("Added 1 planned item (2026: 1).")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs a FIFO and /dev/zero")
def test_a_device_or_a_pipe_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "invite.ics"
    os.mkfifo(fifo)
    for source in (Path("/dev/zero"), fifo):
        # A child process, killed after a minute: a read that never ends cannot hang the test.
        done = subprocess.run([sys.executable, "-m", "wethrive_desktop", "import-ics", str(source), "--db",
                               str(tmp_path / "plans.sqlite3")], capture_output=True, text=True, timeout=60,
                              cwd=Path(__file__).parent.parent)
        assert done.returncode == 1, done.stderr
        assert done.stderr == (f"wethrive: error: {source} is not a regular file (a device, pipe or socket), "
                               "so not an .ics file\n")
    with pytest.raises(CalendarError, match="is a folder"):
        read_ics(tmp_path)


def test_a_file_name_that_is_not_utf8_is_written_as_its_escape(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff-invite.ics")  # as a byte that is not UTF-8 arrives on the command line
    with pytest.raises(CalendarError) as raised:
        read_ics(tmp_path / name)
    assert "\\udcff-invite.ics cannot be read" in str(raised.value)
    assert raised.value.__cause__ is None
    str(raised.value).encode("utf-8")  # printable and loggable


# --- bulk inserts: a few statements however many events, each item its own event's -------------------------------


def many_events(n: int, prefix: str = "reg") -> bytes:
    """`n` registrations over 2026 and 2027: timed (a length of 1 to 4 hours) or all day, each with its own UID."""
    events = []
    for i in range(n):
        day = date(2026, 1, 1).toordinal() + (i * 3) % 700
        start = date.fromordinal(day)
        if i % 4 == 0:
            events.append(event(f"{prefix}-{i}@example.org", f";VALUE=DATE:{start:%Y%m%d}", summary=f"Summit {i}"))
        else:
            events.append(event(f"{prefix}-{i}@example.org", f":{start:%Y%m%d}T090000",
                                f":{start:%Y%m%d}T{9 + i % 4 + 1:02}0000", summary=f"Webinar {i}"))
    return ics(*events)


def test_an_import_runs_a_bounded_number_of_insert_statements(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.models.activities import ROWS_PER_STATEMENT
    from wethrive_desktop.models.tables import Plan

    counts = {}
    for n in (50, 1_200):
        path = tmp_path / f"many-{n}.ics"
        path.write_bytes(many_events(n, prefix=f"n{n}"))
        counts[n] = count_inserts(lambda path=path: import_ics(path, zone=CHICAGO))  # type: ignore[misc]
        Plan.delete().execute()  # its items go with it
    # Two plans (2026, 2027), then a statement per ROWS_PER_STATEMENT items: not one (or three) per event.
    assert counts[50] <= 3
    assert counts[1_200] <= 2 + -(-1_200 // ROWS_PER_STATEMENT) < 1_200 / 100


def test_bulk_imported_items_are_each_their_own_events_in_the_plan_of_its_year(db: object, tmp_path: Path) -> None:
    from wethrive_desktop.exchange.calendar_import import parse_ics
    from wethrive_desktop.models.activities import ROWS_PER_STATEMENT
    from wethrive_desktop.models.plans import new_item, save_item

    first = save_item(2026, new_item("Typed in by hand"))  # the imported items' ids follow the stored ones
    n = 2 * ROWS_PER_STATEMENT + 11
    data = many_events(n)
    path = tmp_path / "many.ics"
    path.write_bytes(data)
    calls: list[tuple[int, int]] = []
    result = import_ics(path, zone=CHICAGO, progress=lambda done, total: calls.append((done, total)))
    events = parse_ics(data, zone=CHICAGO).events
    assert [item_id for _, item_id in result.added] == list(range(first + 1, first + 1 + n))
    items = {year: {i.id: i for i in get_plan(year).items} for year in result.years}  # type: ignore[union-attr]
    for (year, item_id), parsed in zip(result.added, events, strict=True):
        item = items[year][item_id]  # in the plan of its year
        assert (item.ics_uid, item.title, item.start_date, item.end_date, item.estimated_hours) == (
            parsed.uid, parsed.title, parsed.start_date, parsed.end_date, parsed.hours)
        assert year == parsed.year and item.status == "planned" and item.practices == ()
    assert get_item(first).title == "Typed in by hand"
    assert calls == [(ROWS_PER_STATEMENT, n), (2 * ROWS_PER_STATEMENT, n), (n, n)]
    again = import_ics(path, zone=CHICAGO)
    assert again.added == [] and len(again.already_imported) == n


def test_events_imported_meanwhile_are_found_again_inside_the_transaction(db: object, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The UIDs looked up before the write lock is taken may be stale (another window imported the file since): they
    are looked up again under the lock, so the events are skipped, not stored twice or refused."""
    from wethrive_desktop.exchange import calendar_import

    path = tmp_path / "twice.ics"
    path.write_bytes(many_events(30))
    assert len(import_ics(path, zone=CHICAGO).added) == 30
    real = calendar_import.imported_uids
    lookups: list[int] = []

    def stale_first() -> set[str]:
        lookups.append(1)
        return set() if len(lookups) == 1 else real()

    monkeypatch.setattr(calendar_import, "imported_uids", stale_first)
    again = import_ics(path, zone=CHICAGO)
    assert again.added == [] and len(again.already_imported) == 30 and len(lookups) == 2
    plans = [get_plan(year) for year in plan_years()]
    assert sum(len(plan.items) for plan in plans if plan is not None) == 30
