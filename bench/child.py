"""One measurement in a fresh process, so one figure's memory and caches never reach another's.

    python -m bench.child TASK ARGS_JSON

TASK names a function `(args: dict) -> dict` in bench/probes.py (the app's side of a figure) or bench/floors.py (its
floor); its result is printed as one line `BENCH-RESULT {json}` on stdout, which the parent (bench/figures.py) reads
with `run_child`. The start-up figures have their own scripts (bench/app_window.py, bench/floor_window.py), because
their process must do nothing before the window but what the app (or a bare window) does.
"""

from __future__ import annotations

import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

MARKER = "BENCH-RESULT "
ROOT = Path(__file__).resolve().parent.parent

# task -> "module:function"
TASKS = {
    "search": "bench.probes:search",
    "reflection": "bench.probes:reflection",
    "reflection-floor": "bench.floors:reflection",
    "csv-import": "bench.probes:csv_import",
    "csv-import-floor": "bench.floors:csv_import",
    "json-import": "bench.probes:json_import",
    "json-import-floor": "bench.floors:json_import",
    "json-export": "bench.probes:json_export",
    "json-export-floor": "bench.floors:json_export",
    "calendar-import": "bench.probes:calendar_import",
    "calendar-import-floor": "bench.floors:calendar_import",
    "report-refresh": "bench.probes:report_refresh",
    "report-refresh-floor": "bench.floors:report_refresh",
    "report-pdf": "bench.probes:report_pdf",
    "report-pdf-floor": "bench.floors:report_pdf",
}


def ms_since(start: float) -> float:
    """Milliseconds since `start`, a time.perf_counter()."""
    return (time.perf_counter() - start) * 1000


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def emit(result: Mapping[str, Any]) -> None:
    print(MARKER + json.dumps(result), flush=True)


class ChildError(Exception):
    """A measuring process failed, timed out or printed no result: the message says how (its last stderr lines)."""


def run_child(argv: Sequence[str], data_dir: Path, timeout_s: float) -> dict[str, Any]:
    """Run `python ARGV...` from the checkout's root with the data folder `data_dir` and Qt offscreen; its result."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WETHRIVE_DATA_DIR": str(data_dir)}
    try:
        proc = subprocess.run([sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise ChildError(f"no result within {timeout_s:.0f} s (hung? a dialog waiting offscreen?)") from None
    found = [line for line in proc.stdout.splitlines() if line.startswith(MARKER)]
    if proc.returncode != 0 or not found:
        noise = ("propagateSizeHints",)
        tail = [line for line in proc.stderr.strip().splitlines() if not any(n in line for n in noise)][-3:]
        raise ChildError(f"exit status {proc.returncode}: " + (" | ".join(tail) or "no result printed"))
    result: dict[str, Any] = json.loads(found[-1][len(MARKER):])
    return result


def run_task(task: str, args: Mapping[str, Any], data_dir: Path, timeout_s: float) -> dict[str, Any]:
    return run_child(["-m", "bench.child", task, json.dumps(args)], data_dir, timeout_s)


def main(argv: list[str]) -> int:
    task, raw = argv
    module_name, function_name = TASKS[task].split(":")
    function: Callable[[dict[str, Any]], dict[str, Any]] = getattr(importlib.import_module(module_name),
                                                                   function_name)
    emit(function(json.loads(raw)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
