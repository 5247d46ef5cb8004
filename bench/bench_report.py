"""The annual report: building its data and its PDF for a year of 200, 1,000 and 2,000 activities.

    python -m bench.bench_report            # the figures of one pass, as JSON
    python -m bench.run --only report       # the same through the runner (median of --repeat passes)

The report databases are generated here (one year of realistic activities, each with a 40-80 word "how I took part"
and a 50-120 word "what I learned", plans this year and next) in a temp folder, once per process; `db_path` (the
runner's 20-year database) is measured too: the report of its busiest complete year. Nothing is written to it.
Start-up (registering the bundled fonts and ReportLab's first-use work, once per process) is measured on its own.
"""

from __future__ import annotations

import gc
import json
import random
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from wethrive_desktop.models.activities import ActivityData, import_activities, years_with_records
from wethrive_desktop.models.annual_report import (
    ReportData,
    ReportDraft,
    assemble_report,
    build_report_data,
    save_draft,
)
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.domain import ACTIVITY_TYPES, CredentialStatus
from wethrive_desktop.models.plans import GoalData, new_item, save_goal, save_item, set_needs
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.reports.pdf.builder import render_report
from wethrive_desktop.reports.pdf.fonts import register_fonts

SIZES = (200, 1000, 2000)
YEAR = 2024
WORDS = ("budget service residents council strategy equity data performance staff community trust plan "
         "capital infrastructure leadership coaching ethics communication outcomes resilience partnership "
         "workforce engagement technology transparency policy implementation feedback priorities").split()

_folder: tempfile.TemporaryDirectory[str] | None = None
_databases: dict[int, Path] = {}
_startup_ms: float | None = None


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _text(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    parts, count = [], 0
    while count < target:
        n = rng.randint(8, 16)
        parts.append(_sentence(rng, n))
        count += n
    return " ".join(parts)


def make_report_database(path: Path, n: int, seed: int = 5) -> Path:
    """A database with `n` completed activities in YEAR, reflections written, and plans for YEAR and YEAR + 1."""
    rng = random.Random(seed)
    open_database(path)
    try:
        save_profile(ProfileData(name="Nguyễn Thị Hồng", member_number="1234567", title="City Manager",
                                 organization="City of Springfield", credential_status=CredentialStatus.CREDENTIALED,
                                 program_entry_date=date(2021, 4, 1)), today=date(YEAR + 1, 1, 1))
        types = list(ACTIVITY_TYPES)
        rows = []
        for i in range(n):
            start = date(YEAR, 1, 1) + timedelta(days=rng.randrange(360))
            rows.append(ActivityData(
                start_date=start, title=f"{rng.choice(['Webinar', 'Workshop', 'Course', 'Session'])} on "
                                        f"{' '.join(rng.sample(WORDS, 3))} ({i + 1})",
                hours=Decimal(rng.choice(["0.75", "1", "1.5", "2", "3", "4", "6"])), type=rng.choice(types),
                provider=rng.choice(["ICMA University", "GFOA", "National League of Cities", "CAL-ICMA"]),
                practices=tuple(sorted(rng.sample(range(1, 15), rng.randint(1, 3)))),
                description=_text(rng, 40, 80), learned=_text(rng, 50, 120),
            ))
        import_activities(rows)
        set_needs(YEAR, [6, 7, 12])
        save_goal(YEAR, GoalData(None, "Lead a city organization within five years", "long", (6, 7)))
        save_goal(YEAR, GoalData(None, "Master capital budgeting", "short", (12,)))
        goal = save_goal(YEAR + 1, GoalData(None, "Lead an equity audit of service delivery", "short", (3, 10)))
        for k in range(6):
            save_item(YEAR + 1, new_item(f"Planned course {k + 1}", type="e-course", estimated_hours=Decimal(8),
                                         goal_id=goal, practices=(3,)))
        save_draft(YEAR, summary_reflection=_text(rng, 80, 120), attestation_name="Nguyễn Thị Hồng",
                   attestation_date=date(YEAR + 1, 1, 15), today=date(YEAR + 1, 2, 1))
    finally:
        close_database()
    return path


def _database(n: int) -> Path:
    global _folder
    if n not in _databases:
        if _folder is None:
            _folder = tempfile.TemporaryDirectory(prefix="wethrive-bench-report-")
        _databases[n] = make_report_database(Path(_folder.name) / f"report-{n}.sqlite3", n)
    return _databases[n]


def _measure(path: Path, year: int) -> tuple[float, float, int]:
    """(data ms, pdf ms, pages) for the report of `year` in the database at `path`."""
    open_database(path)
    try:
        start = time.perf_counter()
        data = build_report_data(year, date(year + 1, 2, 1))
        built = time.perf_counter()
        rendered = render_report(data, invariant=True)
        done = time.perf_counter()
    finally:
        close_database()
    return (built - start) * 1000, (done - built) * 1000, rendered.pages


def _empty_report() -> ReportData:
    return assemble_report(YEAR, [], ProfileData(name="Start-up"), None, None, ReportDraft(YEAR), date(YEAR + 1, 1, 1))


def run(db_path: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    paths = {n: _database(n) for n in SIZES}  # generated once per process, before anything is timed
    # Start-up: registering the bundled fonts and ReportLab's first-use work (lazy imports, caches), measured
    # on a one-page report; both happen once per process (the app pays them on its first build).
    global _startup_ms
    if _startup_ms is None:
        start = time.perf_counter()
        register_fonts()
        render_report(_empty_report())
        _startup_ms = (time.perf_counter() - start) * 1000
    figures["startup_fonts_and_first_build_ms"] = _startup_ms  # the first pass's figure, in every pass
    totals: dict[int, float] = {}
    for n in SIZES:
        gc.collect()  # so a collection of the generator's garbage does not land inside a measurement
        data_ms, pdf_ms, pages = _measure(paths[n], YEAR)
        totals[n] = data_ms + pdf_ms
        figures[f"data_{n}_ms"] = data_ms
        figures[f"pdf_{n}_ms"] = pdf_ms
        figures[f"total_{n}_ms"] = totals[n]
        figures[f"pages_{n}"] = float(pages)
    for n in SIZES[1:]:
        figures[f"ratio_{n}_to_{SIZES[0]}"] = totals[n] / totals[SIZES[0]]
    if db_path.exists():
        open_database(db_path)
        try:
            years = [y for y in years_with_records() if y < date.today().year]
        finally:
            close_database()
        if years:
            data_ms, pdf_ms, pages = _measure(db_path, years[0])
            figures["bench_db_last_year_total_ms"] = data_ms + pdf_ms
            figures["bench_db_last_year_pages"] = float(pages)
    return figures


if __name__ == "__main__":
    print(json.dumps(run(Path("/nonexistent")), indent=2, sort_keys=True))
