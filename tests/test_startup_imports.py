"""What the first window needs before it paints, and nothing more (issue 12): the dashboard's figures, computed in a
fresh process, leave the annual report package unloaded (the report page, built later, loads it); `wethrive --db`
paints its first window, the dashboard complete, without the modules only a later step needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from wethrive_desktop.models import db, migrations

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


# `wethrive --db DB` (cli.main; wethrive_desktop.app imported first, to watch its window) until the window's first
# Paint event: what is loaded then.
FIRST_PAINT_SCRIPT = """
import json, sys
import wethrive_desktop.app as app
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from wethrive_desktop import cli

seen = {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            page = obj.pages["dashboardPage"]
            seen.update(modules=sorted(sys.modules), pages=sorted(obj.pages), shown=obj.current_page() is page,
                        figures=page.data is not None and page.points_label.text() == str(page.data.challenge.total))
            QTimer.singleShot(0, obj.close)  # as File > Quit: the event loop ends, and cli.main returns
        return False

watcher = FirstPaint()
create = app.create_main_window

def watched(*args, **kwargs):
    window = create(*args, **kwargs)
    window.installEventFilter(watcher)
    return window

app.create_main_window = watched
status = cli.main(["--db", sys.argv[1]])
print(json.dumps({**seen, "status": status}))
"""
# Loaded later, when asked for, never on the way to the first window: the crash dialog's widgets (the net itself is
# up from the start), the message and file dialogs, the forms' helpers, the help's topics and shortcut table, the
# schema's migration steps (the file is up to date), platformdirs (the data folder is given), the subcommands, the
# other pages, ReportLab, the backups (taken after the first paint), the light and dark themes' style (the system's
# look is shown), importlib.resources (the package's data is a folder beside it), logging.handlers (the log rotates
# from the first paint on).
DEFERRED = ("wethrive_desktop.ui.crash_window", "wethrive_desktop.ui.prompts", "logging.handlers",
            "wethrive_desktop.models.backups", "wethrive_desktop.ui.fusion_style", "importlib.resources",
            "wethrive_desktop.ui.widgets.form_dialog", "wethrive_desktop.ui.help.topics",
            "wethrive_desktop.ui.help.shortcuts", "wethrive_desktop.models.migrations",
            "platformdirs", "wethrive_desktop.cli_data", "wethrive_desktop.cli_deadlines",
            "wethrive_desktop.cli_exports", "wethrive_desktop.cli_import", "wethrive_desktop.cli_plans",
            "wethrive_desktop.cli_programs", "wethrive_desktop.cli_report", "wethrive_desktop.cli_requirements",
            "wethrive_desktop.ui.activities.page",
            "wethrive_desktop.ui.report.page", "reportlab")


def test_the_first_window_paints_the_whole_dashboard_without_what_later_steps_need(tmp_path: Path) -> None:
    env = {"WETHRIVE_DATA_DIR": str(tmp_path / "data"), "PATH": "", "QT_QPA_PLATFORM": "offscreen"}
    records = str(tmp_path / "records.sqlite3")  # made up to date in a process of its own, as an earlier start did
    subprocess.run([sys.executable, "-c", DEMO_SCRIPT, records], capture_output=True, check=True, env=env)
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT_SCRIPT, records], capture_output=True, text=True,
                            check=False, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 0
    assert seen["pages"] == ["dashboardPage"] and seen["shown"] and seen["figures"]  # complete, not a placeholder
    loaded = [m for m in seen["modules"] if m.startswith(DEFERRED)]
    assert loaded == [], loaded
    assert "wethrive_desktop.ui.crash_dialog" in seen["modules"]  # the crash net is up from the start


# `wethrive --db DB` stopped as it starts importing the GUI: what the command line's module loaded before, and
# whether the garbage collector still runs.
GC_SCRIPT = """
import gc, json, sys

def stop_at_the_gui(event, args):
    if event == "import" and args[0] == "wethrive_desktop.app":
        loaded = sorted(m for m in ("peewee", "sqlite3", "PySide6", "shiboken6", "PySide6.QtCore") if m in sys.modules)
        check = getattr(sys.modules.get("shibokensupport.feature"), "_mod_uses_pyside", None)
        print(json.dumps({"collecting": gc.isenabled(), "loaded": loaded, "quick": type(check).__name__}), flush=True)
        raise SystemExit(0)

sys.addaudithook(stop_at_the_gui)
from wethrive_desktop import cli
cli.main(["--db", sys.argv[1]])
"""


def test_qt_and_the_store_are_imported_with_the_garbage_collector_off(tmp_path: Path) -> None:
    """The start's imports (Qt, peewee: tens of thousands of objects, all kept) are not examined by the collector
    over and over: the command line's module loads neither, and the GUI's start switches it off before them. Before
    them too, it loads PySide6's package alone (none of Qt's modules) to make its check of each module imported
    after it quick (ui/pyside_feature.py)."""
    env = {"WETHRIVE_DATA_DIR": str(tmp_path), "PATH": "", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", GC_SCRIPT, str(tmp_path / "records.sqlite3")],
                            capture_output=True, text=True, check=False, env=env, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == {"collecting": False, "loaded": ["PySide6", "shiboken6"], "quick": "QuickCheck"}
    assert not (tmp_path / "records.sqlite3").exists()  # stopped before anything was opened


def test_the_schema_version_opened_without_the_migrations_is_theirs() -> None:
    # models.db knows the latest version so that an up-to-date file is opened without loading the steps.
    assert db.SCHEMA_VERSION == migrations.LATEST_VERSION
