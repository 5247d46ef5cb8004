"""The files the figures import and the databases they start from, made once per run in its work folder (none of
this is timed): an empty database of the current schema, a CSV and a JSON export written by the app itself, an
iCalendar file of registrations, and the annual-report databases of bench_report.py."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from bench.bench_report import YEAR, make_report_database
from bench.generate import generate
from wethrive_desktop.models.db import close_database, open_database

REPORT_YEAR = YEAR  # the year bench_report's databases fill

_TOPICS = ["Budget forecasting", "Community engagement", "Cybersecurity", "Equity in service delivery",
           "Labor relations", "Performance measurement", "Strategic planning", "Emergency management",
           "Housing policy", "Leading hybrid teams", "Public trust and ethics", "Data dashboards"]
_KINDS = ["webinar", "Annual Conference", "workshop", "Leadership Institute", "e-course", "Regional Summit"]
_ORGANIZERS = ["ICMA University", "GFOA", "National League of Cities", "Colorado Municipal League", "CAL-ICMA"]


def empty_database(path: Path) -> Path:
    """A new database as the app creates it (schema, migrations, seeded catalogues), closed."""
    open_database(path)
    close_database()
    return path


def csv_export(path: Path, source: Path) -> Path:
    """The activities of `source` as the app exports them (File > Export CSV)."""
    from wethrive_desktop.exchange.csv_io import export_csv

    open_database(source, readonly=True)
    try:
        export_csv(path)
    finally:
        close_database()
    return path


def csv_of(path: Path, rows: int, db: Path, n: int, work: Path) -> Path:
    """A CSV of `rows` activities: the benchmark database's own when it has that many, else a generated one's."""
    source = db if rows == n else generate(work / f"csv-source-{rows}.sqlite3", rows)
    return csv_export(path, source)


def json_export(path: Path, source: Path) -> Path:
    """Every record of `source` as the app exports them (`wethrive export-json`)."""
    from wethrive_desktop.exchange.json_io import export_json

    open_database(source, readonly=True)
    try:
        export_json(path)
    finally:
        close_database()
    return path


def ics_file(path: Path, events: int, today: date | None = None, seed: int = 12) -> Path:
    """An iCalendar file of `events` registrations over this year and the next, each with its own UID: timed
    events in a named time zone or in UTC, and all-day events of one to three days, as calendar apps export them."""
    rng = random.Random(seed)
    first = date((today or date.today()).year, 1, 1)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//WeThrive bench//EN", "CALSCALE:GREGORIAN"]
    for i in range(events):
        day = first + timedelta(days=rng.randrange(730))
        topic, kind, organizer = rng.choice(_TOPICS), rng.choice(_KINDS), rng.choice(_ORGANIZERS)
        lines += ["BEGIN:VEVENT", f"UID:bench-{seed}-{i}@wethrive.example", "DTSTAMP:20250101T120000Z",
                  f"SUMMARY:{topic} {kind}"]
        if i % 5 == 0:  # all day
            days = rng.randint(1, 3)
            lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=days):%Y%m%d}"]
        else:
            hour, length = rng.randint(8, 15), rng.choice([1, 1, 1.5, 2, 3, 6])
            end_hour, end_minute = hour + int(length), int(length % 1 * 60)
            zone = ";TZID=America/Denver" if i % 5 != 1 else ""
            z = "Z" if not zone else ""
            lines += [f"DTSTART{zone}:{day:%Y%m%d}T{hour:02d}0000{z}",
                      f"DTEND{zone}:{day:%Y%m%d}T{end_hour:02d}{end_minute:02d}00{z}"]
        lines += [f"DESCRIPTION:Organizer: {organizer}\\nJoin from the registration page. Topics: {topic.lower()}.",
                  f"CATEGORIES:{kind.upper()}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


def report_databases(folder: Path, sizes: set[int]) -> dict[int, Path]:
    """bench_report's annual-report databases: one year (REPORT_YEAR) of `n` activities with reflections each."""
    return {n: make_report_database(folder / f"report-{n}.sqlite3", n) for n in sorted(sizes)}
