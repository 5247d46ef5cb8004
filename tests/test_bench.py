"""The benchmark generator writes valid, realistic records, and the runner reports every figure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
