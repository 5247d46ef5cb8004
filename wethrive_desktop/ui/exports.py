"""File > Export: the activities as CSV, the annual report in Word, the transcript across years, the evidence pack.

Each asks what it needs (a year, a file), then builds the file on a worker with a progress dialog (the same functions
as `wethrive report --format docx`, `wethrive transcript` and `wethrive evidence-pack`), and says in the status bar
what it wrote. A problem is one sentence in a message box; the file is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QProgressDialog, QWidget

from wethrive_desktop.errors import describe
from wethrive_desktop.files import write_atomically
from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.workers import run_in_worker

if TYPE_CHECKING:
    from wethrive_desktop.reports.evidence_pack import PackResult
    from wethrive_desktop.ui.main_window import MainWindow


def _sentence(exc: BaseException) -> str:
    from wethrive_desktop.reports.evidence_pack import EvidencePackError
    from wethrive_desktop.reports.transcript import TranscriptError

    if isinstance(exc, TranscriptError | EvidencePackError):
        return str(exc)
    message = describe(exc)
    if message is None:
        raise exc  # a bug: the crash net reports it
    return message


def choose_year(parent: QWidget, title: str, years: list[int], default: int) -> int | None:
    """A year among `years` (newest first), `default` selected; None when cancelled."""
    labels = [str(y) for y in years]
    current = labels.index(str(default)) if str(default) in labels else 0
    text, ok = QInputDialog.getItem(parent, title, tr("Year:"), labels, current, False)
    return int(text) if ok and text else None


def report_year(window: MainWindow) -> int:
    """The year the annual report page shows, else last year (the report is written the year after)."""
    from wethrive_desktop.ui.report.page import ReportPage

    page = window.built_page(ReportPage)
    return page.year() if page is not None else clock.today().year - 1


def _years() -> list[int]:
    from wethrive_desktop.models.activities import years_with_records

    return sorted(set(years_with_records()) | {clock.today().year - 1}, reverse=True)


class ExportJob:
    """Build a file on a worker behind a progress dialog; `done(result)` on success. A job keeps itself alive (in
    `running`) until it has finished: the menu action that starts it drops what it returns."""

    running: set[ExportJob] = set()

    def __init__(self, window: MainWindow, title: str, label: str, fn: Callable[..., Any], *args: Any,
                 done: Callable[[Any], None], with_progress: bool = False):
        self.window = window
        self.title = title
        self.dialog = QProgressDialog(label, "", 0, 0, window)
        self.dialog.setObjectName("exportProgress")
        self.dialog.setWindowTitle(title)
        self.dialog.setCancelButton(None)  # type: ignore[arg-type,unused-ignore]  # None: no cancel button
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.done = done
        self.finished = False
        ExportJob.running.add(self)
        self.worker = run_in_worker(fn, *args, with_progress=with_progress, on_result=self._done,
                                    on_error=self._failed, on_progress=self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)

    def _close(self) -> None:
        self.finished = True
        ExportJob.running.discard(self)
        self.dialog.close()
        self.dialog.deleteLater()

    def _done(self, result: Any) -> None:
        self._close()
        self.done(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        prompts.show_error(self.window, self.title, _sentence(exc))


def _ensure_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix else path.with_suffix(suffix)


def _ask_year_and_file(window: MainWindow, title: str, caption: str, name: str,
                       file_filter: str) -> tuple[int, Path] | None:
    """The year (the report page's by default) and the file to write, `name` with {year} for the suggested name (its
    suffix added when the member gave none); None when either question is cancelled."""
    year = choose_year(window, title, _years(), report_year(window))
    if year is None:
        return None
    suggested = Path.home() / name.format(year=year)
    path = prompts.choose_save_file(window, caption, str(suggested), file_filter)
    if path is None:
        return None
    return year, _ensure_suffix(path, suggested.suffix)


def export_report_word(window: MainWindow) -> ExportJob | None:
    """File > Export > Annual report (Word)...: the year's report as an editable .docx."""
    asked = _ask_year_and_file(window, tr("Annual report (Word)"), tr("Save the annual report as Word"),
                               "annual-report-{year}.docx", tr("Word documents (*.docx)"))
    if asked is None:
        return None
    year, path = asked

    def build() -> Path:
        from wethrive_desktop.models.annual_report import build_report_data
        from wethrive_desktop.reports.word import render_report_docx

        write_atomically(path, render_report_docx(build_report_data(year)))
        return path

    return ExportJob(window, tr("Annual report (Word)"), tr("Writing the {year} report...").format(year=year), build,
                     done=lambda out: window.show_message(tr("Wrote the {year} annual report to {path}")
                                                          .format(year=year, path=out), 8000))


def export_transcript(window: MainWindow) -> ExportJob | None:
    """File > Export > Transcript...: every year's completed activities with totals, as PDF or CSV (by the name's
    suffix)."""
    suggested = str(Path.home() / "transcript.pdf")
    path = prompts.choose_save_file(window, tr("Save the transcript"), suggested,
                                    tr("PDF files (*.pdf)") + ";;" + tr("CSV files (*.csv)"))
    if path is None:
        return None
    path = _ensure_suffix(path, ".pdf")

    def build() -> Path:
        from wethrive_desktop.reports.transcript import build_transcript, render_transcript

        transcript = build_transcript()
        write_atomically(path, render_transcript(transcript, path.suffix))
        return path

    return ExportJob(window, tr("Transcript"), tr("Writing the transcript..."), build,
                     done=lambda out: window.show_message(tr("Wrote the transcript to {path}").format(path=out), 8000))


def export_evidence_pack(window: MainWindow) -> ExportJob | None:
    """File > Export > Evidence pack...: the year's report (PDF and Word), transcript and every attachment, with a
    manifest of checksums, in one .zip."""
    asked = _ask_year_and_file(window, tr("Evidence pack"), tr("Save the evidence pack"), "evidence-pack-{year}.zip",
                               tr("Zip archives (*.zip)"))
    if asked is None:
        return None
    year, path = asked

    def build(progress: Callable[[int, int], None]) -> PackResult:
        from wethrive_desktop.reports.evidence_pack import build_evidence_pack

        return build_evidence_pack(year, path, progress)

    def done(result: PackResult) -> None:
        wrote = tr("Wrote the {year} evidence pack to {path}: {files}, {attachments}").format(
            year=year, path=result.path, files=trn("%n file", "%n files", result.files),
            attachments=trn("%n attachment", "%n attachments", result.attachments))
        if result.missing:
            wrote += "; " + trn("%n attachment could not be packed (see manifest.json)",
                                "%n attachments could not be packed (see manifest.json)", result.missing)
        window.show_message(wrote, 10000)
        if result.warnings:
            prompts.show_notice(window, tr("Evidence pack"), trn(
                "The pack was written to {path}, but %n attachment could not be packed.",
                "The pack was written to {path}, but %n attachments could not be packed.",
                len(result.warnings)).format(path=result.path), "\n".join(result.warnings))

    return ExportJob(window, tr("Evidence pack"), tr("Packing the {year} evidence...").format(year=year), build,
                     done=done, with_progress=True)
