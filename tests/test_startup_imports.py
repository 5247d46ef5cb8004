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


DEMO_SCRIPT = ("import sys; from wethrive_desktop.models.demo import ensure_demo_database; "
               "ensure_demo_database(sys.argv[1])")
PAGES_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from wethrive_desktop.app import create_main_window
from wethrive_desktop.ui.pages import PAGES
window = create_main_window(sys.argv[1])
for page in PAGES:
    window.show_page(page.object_name)
    app.processEvents()
report = window.pages["reportPage"]
assert report.readiness_panel is not None
print(sorted({m.split(".")[0] for m in sys.modules if m.startswith("reportlab")}))
"""


def test_every_page_shown_leaves_reportlab_unloaded_until_a_pdf_is_built(tmp_path: Path) -> None:
    # ReportLab and the registered fonts are ~55 MiB of a process that never prints: the report page checks the
    # glyphs from the fonts' coverage file (reports/pdf/coverage.py) and loads ReportLab only to build a PDF.
    env = {"WETHRIVE_DATA_DIR": str(tmp_path), "PATH": "", "QT_QPA_PLATFORM": "offscreen"}
    demo = str(tmp_path / "demo.sqlite3")  # made in a process of its own: its submitted revision is a PDF built
    subprocess.run([sys.executable, "-c", DEMO_SCRIPT, demo], capture_output=True, check=True, env=env)
    result = subprocess.run([sys.executable, "-c", PAGES_SCRIPT, demo], capture_output=True, text=True, check=False,
                            env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
