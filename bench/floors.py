"""The floors: for each figure of bench/probes.py, the least work that gives the same result with the same libraries
(Python's csv and json, sqlite3, icalendar, ReportLab's platypus, Qt's stock widgets), into or from the same schema,
done in the same kind of fresh process (bench/child.py). The app's figure divided by its floor is what the app adds:
parsing, checking, its model layer, its own widgets. The start-up floor is bench/floor_window.py; figure 2's floor is
measured with the app (a repaint of the same table: bench/probes.py `search`).

Each floor mirrors what the app must do, minimally: an import reads every row, converts its values and inserts them
in one transaction, with the same pragmas (WAL, synchronous=normal, foreign keys on), skipping rows already stored; an
export writes the same JSON (sorted keys, indented) through a temp file that is fsynced and moved into place; the PDF
has the same paragraphs and table rows per activity in the same bundled font.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import sqlite3
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from bench.child import ms_since

# Every column the app stores for an activity (the last four: migration 6, ICMA's counting). An import also stores
# the mentoring facts of a mentoring or coaching given, a row of `mentoring`.
ACTIVITY_COLUMNS = ("id", "start_date", "end_date", "title", "provider", "type", "hours", "description", "learned",
                    "status", "challenge_key", "created_at", "updated_at", "delivery_hours", "topics",
                    "meets_conditions", "type_review")
INSERT_ACTIVITY = (f"INSERT INTO activity ({', '.join(ACTIVITY_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(ACTIVITY_COLUMNS))})")
INSERT_PRACTICE = "INSERT INTO activity_practice (activity_id, practice_id) VALUES (?, ?)"
MENTORING_COLUMNS = ("activity_id", "mentee", "position", "own_employee", "program", "relationship_start",
                     "relationship_end", "frequency", "subjects")
INSERT_MENTORING = (f"INSERT INTO mentoring ({', '.join(MENTORING_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(MENTORING_COLUMNS))})")
# The columns of the app's CSV (csv_io.COLUMNS but practices) in the order of a row of ACTIVITY_COLUMNS (less the id,
# the time stamps and type_review, which an import leaves false), then its mentoring columns in the order of
# MENTORING_COLUMNS (less the activity's id).
CSV_COLUMNS = ("date", "end_date", "title", "provider", "type", "hours", "description", "learned", "status",
               "challenge", "delivery_hours", "topics", "meets_conditions")
CSV_MENTORING = ("mentee", "mentee_position", "own_employee", "mentoring_program", "relationship_start",
                 "relationship_end", "frequency", "subjects")
YES_NO = {"yes": True, "no": False}  # as the export writes it; an empty cell: not said (NULL)


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = wal")
    con.execute("PRAGMA synchronous = normal")
    con.execute("PRAGMA foreign_keys = 1")
    return con


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _now() -> str:
    return datetime.now().isoformat(sep=" ", timespec="seconds")


def _hundredths(hours: str) -> int:
    return int(Decimal(hours) * 100)


def _stored(con: sqlite3.Connection) -> tuple[set[tuple[str, str, int]], int]:
    """The identities (date, title, hours) of the activities stored, and the next free id."""
    stored = set(con.execute("SELECT start_date, title, hours FROM activity"))
    last = con.execute("SELECT max(id) FROM activity").fetchone()[0]
    return stored, (last or 0) + 1


def csv_import(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 4's floor: csv.reader over the file, each row's values converted (every column the app stores: those
    of migration 6 too, and the mentoring facts when a row has them), duplicates skipped, executemany in one
    transaction."""
    con = _connect(Path(args["db"]))
    gc.collect()
    start = time.perf_counter()
    stored, next_id = _stored(con)
    stamp = _now()
    activities: list[tuple[Any, ...]] = []
    links: list[tuple[int, int]] = []
    mentors: list[tuple[Any, ...]] = []
    with open(args["csv"], encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        column = {name.strip().lower(): i for i, name in enumerate(next(reader))}
        places = [column.get(name, -1) for name in CSV_COLUMNS + CSV_MENTORING + ("practices",)]
        # A column the file lacks reads as an empty cell: the one put at the end of each row (a short row is padded).
        pick = itemgetter(*places)
        width = max(places) + 1
        for cells in reader:
            if not any(cells):
                continue
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            cells.append("")
            (day, end, title, provider, kind, hours, description, learned, status, challenge, delivery, topics,
             meets, *mentoring, practices) = map(str.strip, pick(cells))
            identity = (day, title, _hundredths(hours))
            if identity in stored:
                continue
            stored.add(identity)
            activities.append((next_id, day, end or None, title, provider, kind or "other", identity[2], description,
                               learned, status or "completed", challenge or None, stamp, stamp,
                               _hundredths(delivery) if delivery else 0, topics, YES_NO.get(meets), False))
            links += [(next_id, int(p)) for p in practices.split(";") if p]
            if any(mentoring):
                mentee, position, own, program, first, last, frequency, subjects = mentoring
                mentors.append((next_id, mentee, position, YES_NO.get(own), program, first or None, last or None,
                                frequency, subjects))
            next_id += 1
    with con:
        con.executemany(INSERT_ACTIVITY, activities)
        con.executemany(INSERT_PRACTICE, links)
        con.executemany(INSERT_MENTORING, mentors)
    ms = ms_since(start)
    con.close()
    return {"ms": ms, "rows": len(activities)}


def json_import(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 5a's floor: json.loads of the app's export file, its profile and activities (with their practices, the
    columns of migration 6 and the mentoring facts of those that have them) inserted in one transaction."""
    con = _connect(Path(args["db"]))
    gc.collect()
    start = time.perf_counter()
    data = json.loads(Path(args["json"]).read_text(encoding="utf-8-sig"))
    profile_columns = {row[1] for row in con.execute("PRAGMA table_info(profile)")}
    profile = {k: v for k, v in data["profile"].items() if k in profile_columns}
    activities: list[tuple[Any, ...]] = []
    links: list[tuple[int, int]] = []
    mentors: list[tuple[Any, ...]] = []
    for a in data["activities"]:
        activities.append((a["id"], a["start_date"], a["end_date"], a["title"], a["provider"], a["type"],
                           _hundredths(a["hours"]), a["description"], a["learned"], a["status"], a["challenge_key"],
                           a["created_at"].replace("T", " "), a["updated_at"].replace("T", " "),
                           _hundredths(a["delivery_hours"]), ";".join(a["topics"]), a["meets_conditions"],
                           a["type_review"]))
        links += [(a["id"], p) for p in a["practices"]]
        if (m := a["mentoring"]) is not None:
            mentors.append((a["id"], m["mentee"], m["position"], m["own_employee"], m["program"],
                            m["relationship_start"], m["relationship_end"], m["frequency"], m["subjects"]))
    with con:
        con.execute(f"UPDATE profile SET {', '.join(f'{k} = ?' for k in profile)} WHERE id = 1",
                    list(profile.values()))
        con.executemany(INSERT_ACTIVITY, activities)
        con.executemany(INSERT_PRACTICE, links)
        con.executemany(INSERT_MENTORING, mentors)
    ms = ms_since(start)
    con.close()
    return {"ms": ms, "rows": len(activities)}


def _hours_text(hundredths: int) -> str:
    return str(Decimal(hundredths) / 100)


def _write_durably(path: Path, text: str) -> None:
    part = path.with_name(path.name + ".part")
    with open(part, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, path)


def json_export(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 5b's floor: the profile and every activity (with its practices, the columns of migration 6 and its
    mentoring facts, if any) read with sqlite3, dumped as the export's JSON (sorted keys, indented) and written
    durably."""
    con = _read_only(Path(args["db"]))
    out = Path(args["out"])
    gc.collect()
    start = time.perf_counter()
    cursor = con.execute("SELECT * FROM profile WHERE id = 1")
    profile = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    del profile["id"]
    profile["challenge_signup"] = bool(profile["challenge_signup"])
    practices: defaultdict[int, list[int]] = defaultdict(list)
    for activity_id, practice_id in con.execute("SELECT activity_id, practice_id FROM activity_practice"):
        practices[activity_id].append(practice_id)
    mentoring = {
        m[0]: {"mentee": m[1], "position": m[2], "own_employee": None if m[3] is None else bool(m[3]),
               "program": m[4], "relationship_start": m[5], "relationship_end": m[6], "frequency": m[7],
               "subjects": m[8]}
        for m in con.execute(f"SELECT {', '.join(MENTORING_COLUMNS)} FROM mentoring")
    }
    activities = [
        {"id": a[0], "start_date": a[1], "end_date": a[2], "title": a[3], "provider": a[4], "type": a[5],
         "hours": _hours_text(a[6]), "practices": sorted(practices.get(a[0], ())), "description": a[7],
         "learned": a[8], "status": a[9], "challenge_key": a[10], "created_at": a[11].replace(" ", "T"),
         "updated_at": a[12].replace(" ", "T"), "attachments": [], "delivery_hours": _hours_text(a[13]),
         "topics": a[14].split(";") if a[14] else [], "meets_conditions": None if a[15] is None else bool(a[15]),
         "type_review": bool(a[16]), "mentoring": mentoring.get(a[0])}
        for a in con.execute(f"SELECT {', '.join(ACTIVITY_COLUMNS)} FROM activity ORDER BY id")
    ]
    data = {"format": "wethrive-desktop", "format_version": 1, "profile": profile, "activities": activities}
    _write_durably(out, json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
    ms = ms_since(start)
    con.close()
    return {"ms": ms, "rows": len(activities), "bytes": out.stat().st_size}


def calendar_import(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 6's floor: icalendar parses the file; each event's title, dates, hours, notes and UID go into the plan
    of its year (plans created as needed), events already imported (same UID) skipped, in one transaction."""
    import icalendar

    con = _connect(Path(args["db"]))
    gc.collect()
    start = time.perf_counter()
    calendar = icalendar.Calendar.from_ical(Path(args["ics"]).read_bytes())
    stamp = _now()
    items: list[tuple[Any, ...]] = []
    for event in calendar.walk("VEVENT"):
        begin = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else begin
        if isinstance(begin, datetime):
            first, last = begin.date(), end.date()
            hours = Decimal(round((end - begin).total_seconds() / 900)) / 4
        else:
            days = max((end - begin).days, 1)
            first, last = begin, begin + timedelta(days=days - 1)
            hours = Decimal(6 * days)
        items.append((first.year, str(event.get("SUMMARY", "")), first.isoformat(),
                      last.isoformat() if last != first else None, int(hours * 100), str(event.get("DESCRIPTION", "")),
                      str(event.get("UID"))))
    with con:
        con.executemany("INSERT OR IGNORE INTO plan (year, created_at) VALUES (?, ?)",
                        [(year, stamp) for year in {item[0] for item in items}])
        plans = dict(con.execute("SELECT year, id FROM plan"))
        con.executemany(
            "INSERT OR IGNORE INTO plan_item (plan_id, title, type, start_date, end_date, estimated_hours, notes, "
            "ics_uid, created_at) VALUES (?, ?, 'other', ?, ?, ?, ?, ?, ?)",
            [(plans[item[0]], *item[1:], stamp) for item in items])
    ms = ms_since(start)
    con.close()
    return {"ms": ms, "rows": len(items)}


def _year_activities(con: sqlite3.Connection, year: int) -> list[tuple[Any, ...]]:
    """The year's completed activities with hours, in date order, each with its practices (a list)."""
    bounds = (date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat())
    rows = con.execute("SELECT id, start_date, end_date, title, provider, type, hours, description, learned "
                       "FROM activity WHERE status = 'completed' AND hours > 0 AND start_date BETWEEN ? AND ? "
                       "ORDER BY start_date, id", bounds).fetchall()
    practices: defaultdict[int, list[int]] = defaultdict(list)
    for activity_id, practice_id in con.execute(
            "SELECT ap.activity_id, ap.practice_id FROM activity_practice ap JOIN activity a ON a.id = "
            "ap.activity_id WHERE a.start_date BETWEEN ? AND ? ORDER BY ap.practice_id", bounds):
        practices[activity_id].append(practice_id)
    return [(*row, practices.get(row[0], [])) for row in rows]


def reflection(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 3's floor: the same keys typed at the end of a bare QPlainTextEdit holding the same text."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit

    from bench.child import median
    from bench.probe import app_instance, settle, type_and_delete
    from bench.probes import REFLECTION_TEXT

    app_instance()
    con = _read_only(Path(args["db"]))
    activities = _year_activities(con, int(args["year"]))
    con.close()
    edit = QPlainTextEdit()
    edit.setPlainText(activities[0][8] if activities else "")
    edit.resize(760, 330)  # about the size of the app's field
    edit.show()
    settle(0.2)
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    typed, deleted = type_and_delete(edit, edit.viewport(), REFLECTION_TEXT)
    keys = typed + deleted
    return {"ms": median(keys), "max_ms": max(keys)}


def report_refresh(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 7's floor: the year's activities read with sqlite3 (with their reflections and practices) into a stock
    QListWidget of uniform items (the same two-line texts) beside a QPlainTextEdit showing the first one's
    reflection, until repainted; alternately the year before and the year, as the app's figure."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPlainTextEdit, QSplitter

    from bench.child import median
    from bench.probe import app_instance, settle, until_painted
    from bench.probes import REFRESHES, WINDOW_SIZE

    app_instance()
    con = _read_only(Path(args["db"]))
    year = int(args["year"])
    window = QSplitter()
    listed = QListWidget()
    listed.setUniformItemSizes(True)  # two lines each: the view need not lay out every item
    editor = QPlainTextEdit()
    window.addWidget(listed)
    window.addWidget(editor)
    window.resize(*WINDOW_SIZE)
    window.show()
    settle(0.2)

    def fill(year: int) -> None:
        activities = _year_activities(con, year)
        listed.clear()
        for number, a in enumerate(activities, 1):
            item = QListWidgetItem(f"#{number}  {a[3]}\n{a[1]} \u00b7 {_hours_text(a[6])} h")
            item.setData(Qt.ItemDataRole.UserRole, a[0])
            listed.addItem(item)
        listed.setCurrentRow(0)
        editor.setPlainText(activities[0][8] if activities else "")

    fill(year)
    settle(0.1)
    times = [until_painted(window, partial(fill, year - 1 if i % 2 == 0 else year)) for i in range(REFRESHES)]
    con.close()
    return {"ms": median(times), "max_ms": max(times)}


def _pdf(con: sqlite3.Connection, year: int, font: str, bold: str) -> int:
    """A bare platypus document of the year's activities: a heading, an index table with a row per activity, then
    per activity its kicker, title, a details table (dates and hours, provider and type, practices), and its two
    reflections, each under a label. Returns the page count."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=12, leading=15)
    activities = _year_activities(con, year)
    index: list[list[Any]] = [["#", "Dates", "Activity", "Type", "Hours", "Practices"]]
    story: list[Any] = [Paragraph(f"Annual report {year}", heading), Spacer(1, 6)]
    details = []
    for number, a in enumerate(activities, 1):
        practices = ", ".join(map(str, a[9])) or "-"
        index.append([str(number), a[1], Paragraph(escape(a[3]), body), a[5], _hours_text(a[6]), practices])
        details += [
            Paragraph(f"Professional Development Activity #{number}", body),
            Paragraph(escape(a[3]), heading),
            Table([["Dates", a[1], "Hours", _hours_text(a[6])], ["Provider", Paragraph(escape(a[4]), body), "Type",
                   a[5]], ["Practices", practices, "", ""]], colWidths=[58, 268, 40, 108], hAlign="LEFT"),
            Paragraph("How I took part", body), Paragraph(escape(a[7]), body),
            Paragraph("What I learned", body), Paragraph(escape(a[8]), body),
            Spacer(1, 8),
        ]
    story += [Table(index, colWidths=[25, 94, 198, 90, 43, 54], repeatRows=1), *details]
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=letter)
    doc.build(story)
    return int(doc.page)


def report_pdf(args: dict[str, Any]) -> dict[str, Any]:
    """Figure 9's floor: the year's activities read with sqlite3 and laid out by platypus (`_pdf`) in the bundled
    font, after a first build (as the app's figure)."""
    from wethrive_desktop.reports.pdf.fonts import register_fonts

    fonts = register_fonts()  # the same TrueType faces, embedded and subset as the app's
    out: dict[str, Any] = {}
    year = int(args["year"])
    first = True
    for size, db in args["dbs"].items():
        con = _read_only(Path(db))
        if first:
            _pdf(con, year - 1, fonts.base, fonts.bold)  # no activities that year: ReportLab's first-use work
            first = False
        gc.collect()
        start = time.perf_counter()
        pages = _pdf(con, year, fonts.base, fonts.bold)
        out[f"{size}_ms"] = ms_since(start)
        out[f"{size}_pages"] = pages
        con.close()
    return out
