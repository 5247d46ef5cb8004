"""File > Export from the window: the annual report in Word, the transcript and the evidence pack, each built on a
worker and read back; a year with nothing to pack gets one sentence and no file."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.reports.evidence_pack import verify_evidence_pack
from wethrive_desktop.ui import exports, prompts
from wethrive_desktop.ui.main_window import MainWindow


@pytest.fixture
def logged(window: MainWindow) -> MainWindow:
    save_activity(ActivityData(start_date=date(2025, 3, 4), title="Budget school", provider="GFOA",
                               hours=Decimal("6.5"), type="workshop", practices=(9,), learned="Reserve policy"))
    save_activity(ActivityData(start_date=date(2024, 5, 1), title="Ethics for managers", hours=Decimal(2),
                               type="e-course", practices=(1,)))
    window.notify_data_changed()
    return window


def answer(monkeypatch: pytest.MonkeyPatch, out: Path, year: int | None = 2025) -> list[str]:
    """Answer the year and file questions; returns the list the error messages go to."""
    monkeypatch.setattr(exports, "choose_year", lambda *args: year)
    monkeypatch.setattr(prompts, "choose_save_file", lambda *args: out)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: errors.append(text))
    return errors


def test_the_annual_report_in_word(qtbot: QtBot, logged: MainWindow, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report"  # no suffix given: .docx is added
    answer(monkeypatch, out)
    logged.export_word_action.trigger()
    written = out.with_suffix(".docx")
    qtbot.waitUntil(lambda: "Wrote the 2025 annual report" in logged.statusBar().currentMessage())
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "Budget school" in text and "Reserve policy" in text
    assert "Ethics for managers" not in text  # another year


def test_the_transcript_as_csv_lists_every_year(qtbot: QtBot, logged: MainWindow, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "transcript.csv"
    answer(monkeypatch, out)
    logged.export_transcript_action.trigger()
    qtbot.waitUntil(lambda: "Wrote the transcript" in logged.statusBar().currentMessage())
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cells = {cell for row in rows for cell in row}
    assert {"Budget school", "Ethics for managers"} <= cells


def test_the_evidence_pack_verifies(qtbot: QtBot, logged: MainWindow, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pack.zip"
    answer(monkeypatch, out)
    logged.export_pack_action.trigger()
    qtbot.waitUntil(lambda: "Wrote the 2025 evidence pack" in logged.statusBar().currentMessage())
    assert verify_evidence_pack(out).ok
    names = zipfile.ZipFile(out).namelist()
    assert "manifest.json" in names and any(n.endswith(".docx") for n in names)


def test_a_year_with_nothing_to_pack_is_one_sentence_and_no_file(qtbot: QtBot, logged: MainWindow, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "empty.zip"
    errors = answer(monkeypatch, out, year=2019)
    job = logged.export_evidence_pack()
    assert job is not None
    qtbot.waitUntil(lambda: bool(errors))
    assert "2019" in errors[0] and "nothing was written" in errors[0]
    assert not out.exists()


def test_cancelling_a_question_writes_nothing(logged: MainWindow, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, tmp_path / "x.docx", year=None)
    assert logged.export_report_word() is None
    monkeypatch.setattr(prompts, "choose_save_file", lambda *args: None)
    assert logged.export_transcript() is None
    assert list(tmp_path.iterdir()) == []
