"""What the first window needs before it paints, and nothing more (issue 12): the dashboard's figures, computed in a
fresh process, leave the annual report package unloaded (the report page, built later, loads it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from wethrive_desktop.models.db import open_database
from wethrive_desktop.models.dashboard import dashboard_data
open_database(sys.argv[1])
assert dashboard_data().milestones  # built with last year's report status, asked of the store
print("wethrive_desktop.models.annual_report" in sys.modules)
"""


def test_the_dashboard_figures_do_not_load_the_report_package(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "fresh.sqlite3")], capture_output=True,
                            text=True, check=True, env={"WETHRIVE_DATA_DIR": str(tmp_path), "PATH": ""})
    assert result.stdout.strip() == "False", result.stdout + result.stderr
