"""Run the benchmarks: every figure of issue 12 with its floor, as a table (default), or the modules' figures as JSON.

    python -m bench.run [--n 10000] [--repeat 5] [--startup-repeat 15] [--only TEXT] [--db PATH] [--json]

Builds the benchmark database of N activities (bench/generate.py) in bench/out/ if it is not there yet.

Without --json: bench/figures.py measures each figure of the app and its floor (the least work giving the same
result), each in a fresh process, `--repeat` times (the start-up figures: `--startup-repeat` launches) alternating
app and floor, and prints one table: the median of each, their ratio, the goal and whether it is met, then what each
figure measures. `--only` picks the groups whose name contains TEXT (startup, search, reflection, csv, json,
calendar, report-page, pdf).

With --json: for each module `bench/bench_*.py`, calls its `run(db_path: Path) -> dict[str, float]` `--repeat` times
and prints the median of each figure as one JSON object, keyed `<module>.<figure>` (e.g.
`store.load_activities_all_ms`); `--only` picks the modules whose name contains TEXT.

A benchmark module measures one pass per call of `run`; it must not change the database it is given (copy it to a
temp folder first if it writes).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import bench
from bench.generate import generate
from wethrive_desktop.files import atomic_path
from wethrive_desktop.models.db import SCHEMA_VERSION

OUT_DIR = Path(__file__).resolve().parent / "out"
GENERATOR_VERSION = 1  # raise when generate.py changes what it writes, so cached databases are rebuilt


def database_for(n: int, folder: Path = OUT_DIR) -> Path:
    """The benchmark database of `n` activities, generated on first use (dated today, so rebuilt each new day; named
    with the schema version too, so that no figure times the upgrade of a file made before a migration)."""
    path = folder / f"bench-v{GENERATOR_VERSION}-s{SCHEMA_VERSION}-{n}-{date.today().isoformat()}.sqlite3"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"bench-v*-{n}-*.sqlite3*"):  # with its -wal and -shm files
            old.unlink()
        with atomic_path(path) as part:
            generate(part, n)
    return path


def bench_modules(only: str | None = None) -> list[str]:
    names = sorted(info.name for info in pkgutil.iter_modules(bench.__path__) if info.name.startswith("bench_"))
    return [n for n in names if only is None or only in n]


def timed_ms(fn: object) -> float:
    """Milliseconds one call of `fn()` takes (a helper for bench modules)."""
    assert callable(fn)
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run_all(db_path: Path, repeat: int = 5, only: str | None = None) -> dict[str, float]:
    figures: dict[str, float] = {}
    for name in bench_modules(only):
        module = importlib.import_module(f"bench.{name}")
        runs: dict[str, list[float]] = {}
        for _ in range(repeat):
            for key, value in module.run(db_path).items():
                runs.setdefault(key, []).append(float(value))
        prefix = name.removeprefix("bench_")
        for key, values in runs.items():
            figures[f"{prefix}.{key}"] = round(statistics.median(values), 2)
    return figures


def at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} runs: at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="activities in the benchmark database (10000)")
    parser.add_argument("--repeat", type=at_least_one, default=5, help="runs per figure; the median is reported (5)")
    parser.add_argument("--startup-repeat", type=at_least_one, default=15,
                        help="launches of the app and of the bare window for figures 1, 8 and 10 (15; table only)")
    parser.add_argument("--only", metavar="TEXT", help="only the figure groups (with --json: the bench_*.py "
                                                       "modules) whose name contains TEXT")
    parser.add_argument("--db", type=Path, help="measure on this database (of N activities) instead of a generated one")
    parser.add_argument("--json", action="store_true", help="the bench_*.py modules' figures as JSON, not the table")
    args = parser.parse_args(argv)
    db_path = args.db or database_for(args.n)
    if args.json:
        figures = {"n": float(args.n), **run_all(db_path, args.repeat, args.only)}
        json.dump(figures, sys.stdout, indent=2, sort_keys=True)
        print()
        return 0
    from bench.figures import Settings, describe_run, format_table, measure

    settings = Settings(repeat=args.repeat, startup_repeat=args.startup_repeat)
    start = time.perf_counter()
    rows = measure(args.n, db_path, settings, args.only)
    title, about = describe_run(args.n, db_path, settings, time.perf_counter() - start,
                                startup=any(row.key == "1" for row in rows))
    print(format_table(rows, title, about))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
