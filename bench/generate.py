"""A realistic database of N activities: twenty years of a busy city manager, built with bulk inserts.

    python -m bench.generate --n 10000 --out bench/out/bench-10000.sqlite3

The same N and seed always give the same records (dates are relative to `--today`, default: today).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from wethrive_desktop.models.db import close_database, database_proxy, open_database
from wethrive_desktop.models.domain import CredentialStatus
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.tables import Activity, ActivityPractice

YEARS = 20
CHUNK = 500

# (type, weight, hours choices, title patterns, providers, key in the 2017 challenge catalogue or None)
KINDS: list[tuple[str, int, list[str], list[str], list[str], str | None]] = [
    ("webinar", 30, ["0.75", "1", "1", "1.5", "1.5"],
     ["{topic} webinar", "ICMA University webinar: {topic}", "Live session: {topic}"],
     ["ICMA University", "GFOA", "National League of Cities", "Colorado Municipal League"], "icmau-webinar"),
    ("reading", 15, ["0.5", "1", "2", "3", "4"],
     ["Reading: {topic}", "PM Magazine: {topic}", "Book: {topic} in practice"],
     ["ICMA", "Governing", "Harvard Business Review", "Wiley"], None),
    ("workshop", 12, ["2", "3", "3.5", "6", "7"],
     ["{topic} workshop", "Seminar on {topic}", "Hands-on {topic}"],
     ["National Civic League", "ICMA University", "Colorado State University Extension"], "icmau-workshop"),
    ("coaching", 12, ["1", "1", "1.5", "2"],
     ["Coaching session: {topic}", "Mentoring an ELDP participant on {topic}"],
     ["ICMA Coaching Program", "ICMA Emerging Leaders Development Program"], None),
    ("conference", 8, ["6", "8", "10", "12", "16"],
     ["{org} Annual Conference", "{org} Regional Summit", "{org} Spring Conference"],
     ["ICMA", "CCCMA", "Colorado Municipal League"], "annual-conference"),
    ("e-course", 6, ["1", "2", "3", "4"],
     ["E-course: {topic}", "Ethics 101 refresher", "Self-paced course on {topic}"],
     ["ICMA University", "Coursera", "edX"], "ethics-101"),
    ("teaching", 5, ["1", "1.5", "2", "3"],
     ["Guest lecture: {topic}", "Panelist on {topic}", "Article on {topic} for PM Magazine"],
     ["University of Colorado Denver", "CCCMA", "ICMA"], None),
    ("certificate program", 3, ["6", "8", "12"],
     ["Certificate in {topic}", "Local Government 101 module: {topic}"],
     ["ICMA University", "University of Denver"], "lg101-201"),
    ("leadership institute", 2, ["12", "16", "18"],
     ["Gettysburg Leadership Institute", "Williamsburg Leadership Institute", "SEI Leadership Institute"],
     ["ICMA"], "gettysburg"),
    ("exchange", 3, ["3", "4", "6"],
     ["Site visit: {topic}", "Peer exchange on {topic}"], ["City of Fort Collins", "ICMA"], None),
    ("academic course", 2, ["10", "15", "20"],
     ["Graduate course: {topic}"], ["University of Colorado Denver"], None),
    ("other", 2, ["1", "2"], ["{topic} roundtable"], ["CCCMA"], None),
]
TOPICS = [
    "budget forecasting", "community engagement", "cybersecurity", "equity in service delivery", "labor relations",
    "council relations", "performance measurement", "strategic planning", "emergency management", "housing policy",
    "water asset management", "leading hybrid teams", "public trust and ethics", "data dashboards",
    "procurement ethics", "inclusive hiring", "broadband deployment", "wildfire preparedness", "pension funding",
    "downtown revitalisation", "organisational change", "succession planning", "customer service", "AI policy",
]
ORGS = ["ICMA", "CCCMA", "Colorado Municipal League", "Mountain Plains"]
SENTENCES = [
    "I took part with {n} colleagues from our leadership team and shared notes afterwards.",
    "I attended every session and asked questions about how other cities had applied the ideas.",
    "I completed the exercises using our own data, and discussed the results with the director.",
    "I prepared a short summary for the department heads at our next staff meeting.",
    "We compared the recommended practices with our own policies line by line.",
]
LESSONS = [
    "The most useful lesson was that {topic} depends on clear ownership of each decision.",
    "I learned to frame {topic} for the council in terms of residents' outcomes rather than costs.",
    "We changed one of our procedures as a result, and the change is already visible in our monthly measures.",
    "I now ask staff to bring options with trade-offs, not a single recommendation, on {topic}.",
    "The examples from peer cities showed that small pilots win support faster than plans do.",
]


def _text(rng: random.Random, pool: list[str], topic: str, count: int) -> str:
    return " ".join(s.format(topic=topic, n=rng.randint(2, 6)) for s in rng.sample(pool, count))


def activity_rows(n: int, today: date, seed: int = 2017) -> tuple[list[dict[str, Any]], list[dict[str, int]]]:
    rng = random.Random(seed)
    weights = [k[1] for k in KINDS]
    first = date(today.year - YEARS + 1, 1, 1)
    span = (date(today.year, 12, 31) - first).days
    stamp = datetime(today.year, 1, 1, 9, 0, 0)
    rows: list[dict[str, Any]] = []
    links: list[dict[str, int]] = []
    for activity_id in range(1, n + 1):
        kind, _, hours_choices, titles, providers, challenge = rng.choices(KINDS, weights)[0]
        topic = rng.choice(TOPICS)
        start = first + timedelta(days=rng.randrange(span + 1))
        days = rng.randint(2, 4) if kind in ("conference", "leadership institute") else 1
        end = start + timedelta(days=days - 1) if days > 1 else None
        status = "completed" if (end or start) <= today else "planned"
        hours = Decimal(rng.choice(hours_choices))
        practices = sorted(rng.sample(range(1, 15), rng.choice([0, 1, 1, 2, 2, 2, 3])))
        key = challenge if challenge and start.year >= 2017 and rng.random() < 0.3 else None
        rows.append({
            "id": activity_id,
            "start_date": start,
            "end_date": end,
            "title": rng.choice(titles).format(topic=topic.capitalize(), org=rng.choice(ORGS)),
            "provider": rng.choice(providers),
            "type": kind,
            "hours": hours,
            "description": _text(rng, SENTENCES, topic, 2),
            "learned": _text(rng, LESSONS, topic, 2) if status == "completed" else "",
            "status": status,
            "challenge_key": key,
            "created_at": stamp,
            "updated_at": stamp,
        })
        links += [{"activity": activity_id, "practice": p} for p in practices]
    return rows, links


def generate(out: Path, n: int = 10_000, today: date | None = None, seed: int = 2017) -> Path:
    """Write a new database of `n` activities at `out` (replacing any file there) and leave it closed."""
    today = today or date.today()
    out = Path(out)
    for suffix in ("", "-wal", "-shm"):
        out.with_name(out.name + suffix).unlink(missing_ok=True)
    open_database(out)
    rows, links = activity_rows(n, today, seed)
    with database_proxy.atomic():
        save_profile(ProfileData(
            name="Benchmark Manager", member_number="1000001", title="City Manager", organization="City of Bench",
            location="Colorado, USA", credential_status=CredentialStatus.CREDENTIALED.value,
            program_entry_date=date(today.year - 12, 1, 15), challenge_signup=True), today)
        for i in range(0, len(rows), CHUNK):
            Activity.insert_many(rows[i:i + CHUNK]).execute()
        for i in range(0, len(links), CHUNK * 2):
            ActivityPractice.insert_many(links[i:i + CHUNK * 2]).execute()
    close_database()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of activities (default 10000)")
    parser.add_argument("--out", type=Path, required=True, help="database file to write (replaced if it exists)")
    parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    generate(args.out, args.n, args.today, args.seed)
    print(f"{args.n} activities written to {args.out} in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
