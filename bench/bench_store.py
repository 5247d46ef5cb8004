"""The store on the benchmark database: loading every activity, a year's summary, CSV and JSON export, CSV import."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from bench.run import timed_ms
from wethrive_desktop.exchange.csv_io import apply_import, export_csv, preview_import
from wethrive_desktop.exchange.json_io import export_json
from wethrive_desktop.models.activities import load_activities
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.summary import year_summary


def run(db_path: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    year = date.today().year - 1  # a complete year
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "all.csv"
        open_database(db_path)
        try:
            figures["load_activities_all_ms"] = timed_ms(load_activities)
            figures["year_summary_ms"] = timed_ms(lambda: year_summary(year))
            figures["export_csv_all_ms"] = timed_ms(lambda: export_csv(csv_path))
            # every row is a duplicate of a stored one: parsing, validation and the duplicate check, no writes
            figures["preview_import_csv_all_ms"] = timed_ms(lambda: preview_import(csv_path))
            figures["export_json_ms"] = timed_ms(lambda: export_json(Path(tmp) / "all.json"))
        finally:
            close_database()
        # the whole CSV into an empty database: what File > Import CSV does, preview then import
        open_database(Path(tmp) / "empty.sqlite3")
        try:
            figures["import_csv_all_into_empty_ms"] = timed_ms(lambda: apply_import(preview_import(csv_path)))
        finally:
            close_database()
    return figures
