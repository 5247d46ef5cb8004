"""The benchmark generator writes valid, realistic records, and the runner reports every figure (issue 12's table:
each with its floor and the ratio, measured on a tiny database with small settings, about 25 s)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from bench.figures import ORDER, Settings, format_table, measure
from bench.generate import generate
from bench.run import run_all
from wethrive_desktop.models.activities import check, load_activities
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.domain import Status


def test_generated_database_is_valid_and_spans_twenty_years(tmp_path: Path) -> None:
    today = date(2026, 6, 30)
    path = generate(tmp_path / "bench.sqlite3", n=400, today=today)
    open_database(path)
    try:
        records = load_activities()
        assert len(records) == 400
        assert all(check(r.data) == [] for r in records)
        years = {r.start_date.year for r in records}
        assert min(years) == 2007 and max(years) == 2026
        assert all(r.start_date > today for r in records if r.status == Status.PLANNED)
        assert sum(1 for r in records if r.practices) > 300
    finally:
        close_database()


def test_runner_reports_the_store_figures(tmp_path: Path) -> None:
    path = generate(tmp_path / "bench.sqlite3", n=200)
    figures = run_all(path, repeat=1, only="bench_store")
    assert {"store.load_activities_all_ms", "store.year_summary_ms", "store.export_csv_all_ms"} <= set(figures)
    assert all(v >= 0 for v in figures.values())


def test_table_gives_every_figure_with_its_floor_and_ratio(tmp_path: Path) -> None:
    path = generate(tmp_path / "bench.sqlite3", n=50)
    settings = Settings(repeat=1, startup_repeat=2, heartbeat_s=0.3, csv_rows=50, ics_events=20,
                        report_sizes=(5, 20), reflection_size=5, timeout_s=120)
    logged: list[str] = []
    rows = measure(50, path, settings, log=logged.append)
    assert [r.key for r in rows] == ORDER
    # The start-up figures from their own number of launches, each side alternating first; the others from `repeat`.
    assert [line.strip() for line in logged if "start-up:" in line] == [
        "start-up: app, run 1 of 2", "start-up: floor, run 1 of 2", "start-up: floor, run 2 of 2",
        "start-up: app, run 2 of 2"]
    assert [line.strip() for line in logged if "search:" in line] == ["search: app and floor, run 1 of 1"]
    for row in rows:
        assert row.error == "", f"{row.key}: {row.error}"
        assert row.app is not None and row.floor is not None and row.ratio is not None, row.key
        assert row.app > 0 and row.floor > 0, row.key
        assert row.met is not None
    table = format_table(rows, "tiny")
    for row in rows:
        line = next(line for line in table.splitlines() if line.startswith(f"{row.key} "))
        assert re.search(r"\d+\.\d\dx", line), line  # the ratio
        assert line.count(" ms") + line.count(" MiB") + line.count("x ") >= 2, line  # the app's figure and the floor's
        assert row.goal.text() in line
