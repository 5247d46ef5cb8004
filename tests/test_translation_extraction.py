"""A translator's tools find every text the app shows (issue 15, item 9): pyside6-lupdate, run as
resources/i18n/README.txt says, extracts the package's texts; every text the GUI then asks Qt to translate, page by
page on the demo data, must be among them, in the same (empty) context and, for a count, with the same plural. A
text built at run time (tr(f"..."), a constant not marked with i18n.noop) would be asked for but never extracted,
so no translation could ever reach it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from wethrive_desktop import i18n
from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.ui.i18n import PseudoTranslator, install_qt
from wethrive_desktop.ui.main_window import MainWindow

PACKAGE = Path(__file__).resolve().parent.parent / "wethrive_desktop"
ALIASES = "tr+=trn,QT_TR_NOOP+=noop"


def lupdate() -> str | None:
    beside = Path(sys.executable).parent / "pyside6-lupdate"
    return str(beside) if beside.exists() else shutil.which("pyside6-lupdate")


def extracted(tmp_path: Path) -> set[tuple[str, str]]:
    """(source, comment) of every text pyside6-lupdate finds in the package, in the empty context."""
    tool = lupdate()
    assert tool is not None
    ts = tmp_path / "all.ts"
    sources = sorted(str(p) for p in PACKAGE.rglob("*.py"))
    subprocess.run([tool, "-tr-function-alias", ALIASES, *sources, "-ts", str(ts)], check=True,
                   capture_output=True)
    found: set[tuple[str, str]] = set()
    for context in ElementTree.parse(ts).getroot().iter("context"):
        if (context.findtext("name") or "") != i18n.CONTEXT:
            continue
        for message in context.iter("message"):
            found.add((message.findtext("source") or "", message.findtext("comment") or ""))
    return found


class Recorder(PseudoTranslator):
    """The pseudo-translation, noting every text of the app's context it is asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if context == i18n.CONTEXT:
            self.asked.add((source, disambiguation or ""))
        return super().translate(context, source, disambiguation, n)


@pytest.mark.skipif(lupdate() is None, reason="pyside6-lupdate is not installed")
def test_every_text_the_pages_show_is_found_by_the_translation_tools(
        make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path, qapp: QApplication) -> None:
    from test_every_screen import each_view

    recorder = Recorder()
    install_qt()
    QCoreApplication.installTranslator(recorder)
    try:
        window = make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True)
        for _view in each_view(window):
            pass
    finally:
        QCoreApplication.removeTranslator(recorder)
        i18n.install(None)
    missing = sorted(recorder.asked - extracted(tmp_path))
    assert len(recorder.asked) > 300  # the pages were really shown through the recorder
    assert missing == [], "\n".join(map(repr, missing))
