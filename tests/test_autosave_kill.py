"""Nothing typed is lost to a crash: the report editor's text is stored within about a second of the last key, and at
once when focus leaves the field. Each test runs the real window in a child process, types, kills it with SIGKILL
(no clean-up of any kind runs), then reads the database back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from wethrive_desktop.models.activities import ActivityData, get_activity, save_activity
from wethrive_desktop.models.annual_report import get_draft
from wethrive_desktop.models.db import close_database, open_database

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

YEAR = 2025
LEARNED = "Budget hearings go better when every request names the service level it protects. "
SUMMARY = "A year of budgets and of learning to listen to residents first. "
NAME = "Zoë Ferreira-Nakamura"

# The child: the app's window on the test database, the report page, text typed with real key events into one
# field. With "focus", focus then moves to the year box. It says "typed" once that is done, then idles in the event
# loop until it is killed.
CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from wethrive_desktop.app import create_main_window

    db, field, mode, text = sys.argv[1:5]
    app = QApplication([])
    window = create_main_window(Path(db))
    window.show()
    page = window.show_page("reportPage")
    page.year_combo.setCurrentIndex(page.year_combo.findData(int(sys.argv[5])))
    page.tabs.setCurrentIndex(0 if field == "learned" else 1)
    app.processEvents()
    widget = {"learned": page.learned_field.edit, "summary": page.summary_field.edit,
              "name": page.attestation_name}[field]
    widget.setFocus()
    for char in text:  # real key events, one a character (QTest.keyClicks knows only ASCII)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    if mode == "focus":
        page.year_combo.setFocus()
    print("typed", flush=True)
    app.exec()
""")

TEXTS = {"learned": LEARNED, "summary": SUMMARY, "name": NAME}


@pytest.fixture
def activity(db_path: Path) -> int:
    open_database(db_path)
    activity_id = save_activity(ActivityData(date(YEAR, 4, 2), "Budget academy", Decimal(8), "workshop",
                                             practices=(12,), description="Every session.", learned=""))
    close_database()
    return activity_id


def type_then_kill(db_path: Path, field: str, mode: str, wait: float) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen([sys.executable, "-c", CHILD, str(db_path), field, mode, TEXTS[field], str(YEAR)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as child:
        try:
            assert child.stdout is not None and child.stderr is not None
            line = child.stdout.readline()
            if line.strip() != "typed":
                child.kill()
                pytest.fail(f"the child did not type: {child.stderr.read()}")
            time.sleep(wait)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert child.returncode == -signal.SIGKILL


def stored(db_path: Path, activity_id: int, field: str) -> str:
    open_database(db_path)
    try:
        draft = get_draft(YEAR)
        return {"learned": get_activity(activity_id).data.learned, "summary": draft.summary_reflection,
                "name": draft.attestation_name}[field]
    finally:
        close_database()


@pytest.mark.parametrize("field", TEXTS)
def test_text_typed_is_stored_within_about_a_second(db_path: Path, activity: int, field: str) -> None:
    type_then_kill(db_path, field, "pause", wait=1.5)
    assert stored(db_path, activity, field) == TEXTS[field].strip()


@pytest.mark.parametrize("field", TEXTS)
def test_text_is_stored_as_soon_as_focus_leaves_the_field(db_path: Path, activity: int, field: str) -> None:
    type_then_kill(db_path, field, "focus", wait=0)
    assert stored(db_path, activity, field) == TEXTS[field].strip()
