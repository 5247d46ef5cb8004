"""Issue 12 "Fast at every size": the app's CSV import, JSON import and export, and calendar import, each against its
floor, the least work that gives the same result with Python's csv / json, icalendar and sqlite3 into the same schema
in one transaction.

    python -m bench.floor_imports --n 10000 --events 500 --rounds 3 [--work /tmp/floors] [--only csv ...]

Every `app_*` and `floor_*` function (SIDES) takes its input file and a database (the export: the database and the
file to write) and returns the seconds its work took: the database is opened (app: `open_database`; floor: sqlite3
with the app's pragmas) and closed outside the time, the reading, checking and writing inside. An import fills a new,
empty database of the current schema (`fresh_database`), so it takes no backup. The inputs are bench.generate's
database of n activities, its CSV and JSON exports written by the app, and `make_ics`'s calendar. `compare` runs floor
and app alternately, `rounds` times each, each run in a fresh process (`in_child`, as a command runs an import) with
a fresh database, and gives the medians and the ratios app / floor; `main` prints them.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ACTIVITY_COLUMNS = ("id", "start_date", "end_date", "title", "provider", "type", "hours", "description", "learned",
                    "status", "challenge_key", "created_at", "updated_at")
INSERT_ACTIVITY = (f"INSERT INTO activity ({', '.join(ACTIVITY_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(ACTIVITY_COLUMNS))})")
INSERT_PRACTICE = "INSERT INTO activity_practice (activity_id, practice_id) VALUES (?, ?)"
INSERT_ATTACHMENT = ("INSERT INTO attachment (id, activity_id, original_name, stored_name, sha256, size, added_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


# --- inputs ----------------------------------------------------------------------------------------------------

def fresh_database(path: Path) -> Path:
    """A new, empty database of the current schema (as the app creates it), closed."""
    from wethrive_desktop.models.db import close_database, open_database

    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    open_database(path)
    close_database()
    return path


def source_database(path: Path, n: int) -> Path:
    """bench.generate's database of `n` activities (made once: reused when it is there)."""
    from bench.generate import generate

    if not path.exists():
        generate(path, n)
    return path


def export_files(db: Path, folder: Path) -> tuple[Path, Path]:
    """The CSV and the JSON export of `db`, written by the app itself (as `wethrive export-csv` / `export-json`)."""
    from wethrive_desktop.exchange.csv_io import export_csv
    from wethrive_desktop.exchange.json_io import export_json
    from wethrive_desktop.models.db import close_database, open_database

    open_database(db, readonly=True)
    try:
        export_csv(folder / "import.csv")
        export_json(folder / "import.json")
    finally:
        close_database()
    return folder / "import.csv", folder / "import.json"


def make_ics(path: Path, events: int = 500, seed: int = 12, year: int | None = None) -> Path:
    """An iCalendar file of `events` registrations over a year and the next, each with its own UID: timed events in
    a named time zone or in UTC, and all-day events of one to three days."""
    rng = random.Random(seed)
    first = date(year or date.today().year, 1, 1)
    topics = ["Budget forecasting", "Community engagement", "Cybersecurity", "Labor relations", "Housing policy",
              "Performance measurement", "Strategic planning", "Emergency management", "Data dashboards"]
    kinds = ["webinar", "Annual Conference", "workshop", "Leadership Institute", "e-course", "Regional Summit"]
    organizers = ["ICMA University", "GFOA", "National League of Cities", "Colorado Municipal League"]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//WeThrive floors//EN", "CALSCALE:GREGORIAN"]
    for i in range(events):
        day = first + timedelta(days=rng.randrange(730))
        topic, kind = rng.choice(topics), rng.choice(kinds)
        lines += ["BEGIN:VEVENT", f"UID:floor-{seed}-{i}@wethrive.example", "DTSTAMP:20250101T120000Z",
                  f"SUMMARY:{topic} {kind}"]
        if i % 5 == 0:
            days = rng.randint(1, 3)
            lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=days):%Y%m%d}"]
        else:
            hour, length = rng.randint(8, 15), rng.choice([1, 1, 1.5, 2, 3, 6])
            end_hour, end_minute = hour + int(length), int(length % 1 * 60)
            zone = ";TZID=America/Denver" if i % 5 != 1 else ""
            z = "" if zone else "Z"
            lines += [f"DTSTART{zone}:{day:%Y%m%d}T{hour:02d}0000{z}",
                      f"DTEND{zone}:{day:%Y%m%d}T{end_hour:02d}{end_minute:02d}00{z}"]
        lines += [f"DESCRIPTION:Organizer: {rng.choice(organizers)}\\nJoin from the registration page.",
                  f"CATEGORIES:{kind.upper()}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


# --- the floors --------------------------------------------------------------------------------------------------

def _connect(path: Path) -> sqlite3.Connection:
    """sqlite3 with the app's pragmas (WAL, synchronous normal, foreign keys), in explicit-transaction mode."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = wal")
    con.execute("PRAGMA synchronous = normal")
    con.execute("PRAGMA foreign_keys = 1")
    return con


def _stamp() -> str:
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None).isoformat(" ")


def _hundredths(text: str) -> int:
    return int(Decimal(text) * 100)


def _csv_date(text: str) -> str:
    us = _US_DATE.match(text)
    if us:
        month, day, year = (int(g) for g in us.groups())
        return date(year, month, day).isoformat()
    return date.fromisoformat(text).isoformat()


def floor_csv(csv_path: Path, db: Path) -> float:
    """csv.reader over the file; each row's date, hours and practices converted, rows already stored (same date,
    title and hours) or repeated skipped; executemany of activities and practice links in one transaction."""
    con = _connect(db)
    gc.collect()
    start = time.perf_counter()
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        column = {name.strip().lower(): i for i, name in enumerate(next(reader))}
        rows = [cells for cells in reader if any(c.strip() for c in cells)]
    now = _stamp()
    con.execute("BEGIN IMMEDIATE")
    stored = {(d, t.casefold(), h) for d, t, h in con.execute("SELECT start_date, title, hours FROM activity")}
    next_id = (con.execute("SELECT max(id) FROM activity").fetchone()[0] or 0) + 1
    activities: list[tuple[Any, ...]] = []
    links: list[tuple[int, int]] = []

    def cell(cells: list[str], name: str) -> str:
        i = column.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for cells in rows:
        day, title, hours = _csv_date(cell(cells, "date")), cell(cells, "title"), _hundredths(cell(cells, "hours"))
        key = (day, title.casefold(), hours)
        if key in stored:
            continue
        stored.add(key)
        end = cell(cells, "end_date")
        activities.append((next_id, day, _csv_date(end) if end else None, title, cell(cells, "provider"),
                           cell(cells, "type").lower() or "other", hours, cell(cells, "description"),
                           cell(cells, "learned"), cell(cells, "status") or "completed",
                           cell(cells, "challenge") or None, now, now))
        links += [(next_id, p) for p in sorted({int(p) for p in cell(cells, "practices").split(";") if p})]
        next_id += 1
    con.executemany(INSERT_ACTIVITY, activities)
    con.executemany(INSERT_PRACTICE, links)
    con.execute("COMMIT")
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def floor_json_import(json_path: Path, db: Path) -> float:
    """json.loads of the app's export; the profile updated, the challenge catalogue replaced, the activities with
    their practices and attachments inserted by executemany, in one transaction."""
    con = _connect(db)
    gc.collect()
    start = time.perf_counter()
    data = json.loads(Path(json_path).read_text(encoding="utf-8-sig"))
    activities: list[tuple[Any, ...]] = []
    links: list[tuple[int, int]] = []
    files: list[tuple[Any, ...]] = []
    for a in data["activities"]:
        activities.append((a["id"], date.fromisoformat(a["start_date"]).isoformat(),
                           a["end_date"] and date.fromisoformat(a["end_date"]).isoformat(), a["title"], a["provider"],
                           a["type"], _hundredths(a["hours"]), a["description"], a["learned"], a["status"],
                           a["challenge_key"], datetime.fromisoformat(a["created_at"]).isoformat(" "),
                           datetime.fromisoformat(a["updated_at"]).isoformat(" ")))
        links += [(a["id"], p) for p in sorted(set(a["practices"]))]
        files += [(f["id"], a["id"], f["original_name"], f["stored_name"], f["sha256"], f["size"],
                   datetime.fromisoformat(f["added_at"]).isoformat(" ")) for f in a["attachments"]]
    profile = data["profile"]
    con.execute("BEGIN IMMEDIATE")
    con.execute(f"UPDATE profile SET {', '.join(f'{k} = ?' for k in profile)} WHERE id = 1", list(profile.values()))
    con.execute("DELETE FROM challenge_item")
    con.executemany("INSERT INTO challenge_item (year, key, name, points) VALUES (?, ?, ?, ?)",
                    [(c["year"], c["key"], c["name"], c["points"]) for c in data["challenge_items"]])
    con.executemany(INSERT_ACTIVITY, activities)
    con.executemany(INSERT_PRACTICE, links)
    con.executemany(INSERT_ATTACHMENT, files)
    con.execute("COMMIT")
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def _hours_text(hundredths: int) -> str:
    return format(Decimal(hundredths) / 100, "f")


def floor_json_export(db: Path, out: Path) -> float:
    """Every section the export has, read with sqlite3 (children with one query each, grouped in Python), dumped as
    the export's JSON (sorted keys, indented) and written through a temp file that is fsynced and moved into place."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    gc.collect()
    start = time.perf_counter()
    cursor = con.execute("SELECT * FROM profile WHERE id = 1")
    profile = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    del profile["id"]
    profile["challenge_signup"] = bool(profile["challenge_signup"])
    practices: defaultdict[int, list[int]] = defaultdict(list)
    for activity_id, practice_id in con.execute("SELECT activity_id, practice_id FROM activity_practice"):
        practices[activity_id].append(practice_id)
    files: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in con.execute("SELECT id, activity_id, original_name, stored_name, sha256, size, added_at FROM attachment "
                         "ORDER BY id"):
        files[f[1]].append({"id": f[0], "original_name": f[2], "stored_name": f[3], "sha256": f[4], "size": f[5],
                            "added_at": f[6].replace(" ", "T")})
    activities = [
        {"id": a[0], "start_date": a[1], "end_date": a[2], "title": a[3], "provider": a[4], "type": a[5],
         "hours": _hours_text(a[6]), "practices": sorted(practices.get(a[0], ())), "description": a[7],
         "learned": a[8], "status": a[9], "challenge_key": a[10], "created_at": a[11].replace(" ", "T"),
         "updated_at": a[12].replace(" ", "T"), "attachments": files.get(a[0], [])}
        for a in con.execute(f"SELECT {', '.join(ACTIVITY_COLUMNS)} FROM activity ORDER BY id")
    ]
    challenge = [{"year": y, "key": k, "name": n, "points": p}
                 for y, k, n, p in con.execute("SELECT year, key, name, points FROM challenge_item ORDER BY year, key")]
    data = {"format": "wethrive-desktop", "format_version": 1, "profile": profile, "challenge_items": challenge,
            "activities": activities, "assessments": [], "plans": [], "legacy_coaching": [], "legacy_actions": [],
            "annual_reports": []}
    part = out.with_name(out.name + ".part")
    with open(part, "wb") as fh:
        fh.write((json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, out)
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def floor_calendar(ics_path: Path, db: Path) -> float:
    """icalendar parses the file; each event's title, dates, hours, notes and UID go into the plan of its year
    (plans created as needed), events already imported (same UID) skipped, in one transaction."""
    import icalendar

    con = _connect(db)
    gc.collect()
    start = time.perf_counter()
    calendar = icalendar.Calendar.from_ical(Path(ics_path).read_bytes())
    now = _stamp()
    items: list[tuple[Any, ...]] = []
    for event in calendar.walk("VEVENT"):
        begin, end = event.start, event.end
        if isinstance(begin, datetime):
            first, last = begin.date(), (end - timedelta(microseconds=1)).date()
            hours = Decimal(round((end - begin).total_seconds() / 900)) / 4
        else:
            days = max((end - begin).days, 1)
            first, last = begin, begin + timedelta(days=days - 1)
            hours = Decimal(6 * days)
        items.append((first.year, str(event.get("SUMMARY", "")), first.isoformat(),
                      last.isoformat() if last != first else None, int(hours * 100),
                      str(event.get("DESCRIPTION", "")), str(event.get("UID"))))
    con.execute("BEGIN IMMEDIATE")
    known = {u for (u,) in con.execute("SELECT ics_uid FROM plan_item WHERE ics_uid IS NOT NULL")}
    items = [item for item in items if item[-1] not in known]
    con.executemany("INSERT OR IGNORE INTO plan (year, created_at) VALUES (?, ?)",
                    [(year, now) for year in sorted({item[0] for item in items})])
    plans = dict(con.execute("SELECT year, id FROM plan"))
    con.executemany("INSERT INTO plan_item (plan_id, title, type, start_date, end_date, estimated_hours, notes, "
                    "ics_uid, created_at) VALUES (?, ?, 'other', ?, ?, ?, ?, ?, ?)",
                    [(plans[item[0]], *item[1:], now) for item in items])
    con.execute("COMMIT")
    seconds = time.perf_counter() - start
    con.close()
    return seconds


# --- the app -----------------------------------------------------------------------------------------------------

def app_csv(csv_path: Path, db: Path) -> float:
    """File > Import CSV / `wethrive import-csv`: preview_import, then apply_import."""
    from wethrive_desktop.exchange.csv_io import apply_import, preview_import
    from wethrive_desktop.models.db import close_database, open_database

    open_database(db)
    try:
        gc.collect()
        start = time.perf_counter()
        preview = preview_import(csv_path)
        if preview.errors:
            raise RuntimeError(f"{len(preview.errors)} errors in {csv_path}, e.g. {preview.errors[0]}")
        apply_import(preview)
        return time.perf_counter() - start
    finally:
        close_database()


def app_json_import(json_path: Path, db: Path) -> float:
    """`wethrive import-json`: import_json."""
    from wethrive_desktop.exchange.json_io import import_json
    from wethrive_desktop.models.db import close_database, open_database

    open_database(db)
    try:
        gc.collect()
        start = time.perf_counter()
        import_json(json_path)
        return time.perf_counter() - start
    finally:
        close_database()


def app_json_export(db: Path, out: Path) -> float:
    """`wethrive export-json` (the database opened read-only, as the command does): export_json."""
    from wethrive_desktop.exchange.json_io import export_json
    from wethrive_desktop.models.db import close_database, open_database

    open_database(db, readonly=True)
    try:
        gc.collect()
        start = time.perf_counter()
        export_json(out)
        return time.perf_counter() - start
    finally:
        close_database()


def app_calendar(ics_path: Path, db: Path) -> float:
    """The planner's Import calendar / `wethrive import-ics`: import_ics."""
    from wethrive_desktop.exchange.calendar_import import import_ics
    from wethrive_desktop.models.db import close_database, open_database

    open_database(db)
    try:
        gc.collect()
        start = time.perf_counter()
        import_ics(ics_path)
        return time.perf_counter() - start
    finally:
        close_database()


# --- comparing ---------------------------------------------------------------------------------------------------

SIDES: dict[str, Callable[[Path, Path], float]] = {
    "floor_csv": floor_csv, "app_csv": app_csv,
    "floor_json_import": floor_json_import, "app_json_import": app_json_import,
    "floor_json_export": floor_json_export, "app_json_export": app_json_export,
    "floor_calendar": floor_calendar, "app_calendar": app_calendar,
}


def in_child(name: str, first: Path, second: Path) -> float:
    """SIDES[name](first, second) in a fresh Python process (as a real import runs: the app's heap and caches as a
    command starts them, not worn by the runs before); only the work is timed, not the start or the imports."""
    done = subprocess.run([sys.executable, "-m", "bench.floor_imports", "--child", name, str(first), str(second)],
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    return float(done.stdout.strip().splitlines()[-1])


def _pair(rounds: int, floor: Callable[[], float], app: Callable[[], float]) -> dict[str, Any]:
    floors: list[float] = []
    apps: list[float] = []
    for _ in range(rounds):  # alternately, so a noisy moment hits both alike
        floors.append(floor())
        apps.append(app())
    floor_s, app_s = statistics.median(floors), statistics.median(apps)
    return {"floor_s": floor_s, "app_s": app_s, "ratio": app_s / floor_s, "floors": floors, "apps": apps}


FIGURES = ("csv", "json-import", "json-export", "calendar")


def compare(work: Path, n: int = 10_000, events: int = 500, rounds: int = 3, only: tuple[str, ...] = FIGURES,
            fresh_process: bool = True) -> dict[str, dict[str, Any]]:
    """Medians (seconds) of floor and app for each figure in `only`, and their ratios, measured in `work`; each
    run in a fresh process (`fresh_process`, see in_child) or all in this one."""
    work.mkdir(parents=True, exist_ok=True)
    source = source_database(work / f"source-{n}.sqlite3", n)
    csv_path, json_path = export_files(source, work)
    ics_path = make_ics(work / "import.ics", events)
    template = fresh_database(work / "empty.sqlite3")

    def fresh(name: str) -> Path:
        path = work / name
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(template, path)
        return path

    def run(name: str, first: Path, second: Path) -> float:
        return in_child(name, first, second) if fresh_process else SIDES[name](first, second)

    inputs: dict[str, tuple[str, Callable[[str], tuple[Path, Path]]]] = {
        "csv": ("csv", lambda side: (csv_path, fresh(f"{side}.sqlite3"))),
        "json-import": ("json_import", lambda side: (json_path, fresh(f"{side}.sqlite3"))),
        "json-export": ("json_export", lambda side: (source, work / f"{side}-out.json")),
        "calendar": ("calendar", lambda side: (ics_path, fresh(f"{side}.sqlite3"))),
    }
    results: dict[str, dict[str, Any]] = {}
    for figure in only:
        suffix, paths = inputs[figure]
        results[figure] = _pair(rounds, lambda s=suffix, p=paths: run(f"floor_{s}", *p("floor")),  # type: ignore[misc]
                                lambda s=suffix, p=paths: run(f"app_{s}", *p("app")))  # type: ignore[misc]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.floor_imports", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="activities in the CSV and JSON files (default 10000)")
    parser.add_argument("--events", type=int, default=500, help="events in the calendar file (default 500)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of floor and app, alternately (default 3)")
    parser.add_argument("--work", type=Path, help="folder for the files (default: a temp folder, removed)")
    parser.add_argument("--only", nargs="+", choices=FIGURES, default=FIGURES)
    parser.add_argument("--in-process", action="store_true", help="every run in this process, not a fresh one each")
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "FIRST", "SECOND"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, first, second = args.child
        print(SIDES[name](Path(first), Path(second)))
        return 0
    with tempfile.TemporaryDirectory(prefix="wethrive-floors-") as tmp:
        os.environ.setdefault("WETHRIVE_DATA_DIR", str(Path(tmp) / "data"))  # never the user's own data folder
        results = compare(args.work or Path(tmp), args.n, args.events, args.rounds, tuple(args.only),
                          fresh_process=not args.in_process)
    out = io.StringIO()
    out.write(f"{'figure':<12} {'floor s':>8} {'app s':>8} {'ratio':>6}   runs (floor / app)\n")
    for name, r in results.items():
        runs = " ".join(f"{f:.2f}/{a:.2f}" for f, a in zip(r["floors"], r["apps"], strict=True))
        out.write(f"{name:<12} {r['floor_s']:8.3f} {r['app_s']:8.3f} {r['ratio']:6.2f}   {runs}\n")
    print(out.getvalue(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
