"""Layers point one way: the data and report layers load no Qt at all."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import importlib, json, pkgutil, sys
import wethrive_desktop.models, wethrive_desktop.reports
names = []
for package in (wethrive_desktop.models, wethrive_desktop.reports):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
import wethrive_desktop.cli, wethrive_desktop.cli_data
print(json.dumps({"modules": names, "qt": sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken")))}))
"""


def test_models_and_reports_import_no_qt() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert "wethrive_desktop.models.activities" in found["modules"]
    assert "wethrive_desktop.reports.csv_io" in found["modules"]
    assert "wethrive_desktop.reports.json_io" in found["modules"]
    assert found["qt"] == []
