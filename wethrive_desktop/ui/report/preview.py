"""The Preview tab: the report as a PDF, built on a worker thread and shown with QtPdf, and Save as PDF.

"Show" picks the current draft (built from the live data) or a submitted revision (rebuilt from its frozen
snapshot, exactly as it was sent). Each build has a generation number: a result that arrives after a newer build
was started is dropped. `build_preview(then=...)` runs `then` with the PDF once it is current (Save, Print).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from wethrive_desktop.files import write_atomically
from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report import (
    ReportData,
    RevisionInfo,
    Submission,
    build_report_data,
    get_revision,
    list_revisions,
)
from wethrive_desktop.reports.pdf.rendered import RenderedReport
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.report.style import TODO_COLOR, WARN_COLOR, colored, escape
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.workers import run_in_worker

SourceKey = tuple[int, int | None]  # (year, revision or None for the current draft)


class PreviewTab(QWidget):
    """The source combo, the build progress and the PDF view."""

    preview_ready = Signal(object)  # RenderedReport, once shown
    build_failed = Signal(str)

    def __init__(self, shell: Shell, before_build: Callable[[], None]):
        """`before_build` runs before each build (the page saves the text typed, so the draft includes it)."""
        super().__init__()
        self.shell = shell
        self._before_build = before_build
        self.year = clock.today().year - 1
        self.member_name = ""
        self.rendered: RenderedReport | None = None
        self._rendered_key: SourceKey | None = None
        self._rendered_key_pending: SourceKey | None = None
        self._stale = True  # the live data changed since the draft shown was built
        self._build_generation = 0
        self._building = False
        self._after_build: list[Callable[[RenderedReport], object]] = []
        self._buffer: QBuffer | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        show = QLabel(tr("Sh&ow:"))
        bar.addWidget(show)
        self.source_combo = named(QComboBox(), "reportSourceCombo")
        self.source_combo.setAccessibleName(tr("Which version to show"))
        self.source_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_combo.setMinimumContentsLength(16)  # a long revision's name is elided, not widening the page
        show.setBuddy(self.source_combo)
        self.source_combo.currentIndexChanged.connect(lambda _i: self.build_preview())
        bar.addWidget(self.source_combo, 1)
        self.rebuild_button = named(QPushButton(tr("Refresh prev&iew")), "refreshPreviewButton")
        self.rebuild_button.setAccessibleName(tr("Refresh the preview"))
        self.rebuild_button.clicked.connect(lambda: self.build_preview(force=True))
        bar.addWidget(self.rebuild_button)
        self.progress = named(QProgressBar(), "reportBuildProgress")
        self.progress.setAccessibleName(tr("Building the PDF"))
        self.progress.setMaximumWidth(180)
        self.progress.setVisible(False)
        bar.addWidget(self.progress)
        layout.addLayout(bar)
        self.preview_info = named(QLabel(), "previewInfoLabel")  # under the bar: a revision's note is long
        self.preview_info.setWordWrap(True)
        layout.addWidget(self.preview_info)
        self.pdf_view = named(QPdfView(), "reportPreview")
        # No parent: when the window is destroyed, the view goes first (and disconnects) while the document, held
        # by this object, is still whole; as a child of the view (or of the page, before it) the document was
        # destroyed first and its last statusChanged reached a view being torn down (a crash).
        self.pdf_document = QPdfDocument()
        self.pdf_view.setAccessibleName(tr("Preview of the report pages"))
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.pdf_view, 1)

    # --- what is shown --------------------------------------------------------------------------------------

    def show_report(self, data: ReportData) -> None:
        """The live report changed (or another year is shown): list its revisions; the draft shown is out of date."""
        self.year = data.year
        self.member_name = data.member.name
        self.fill_sources()
        self._stale = True

    def fill_sources(self) -> None:
        revisions = list_revisions(self.year)
        submitted = tr("Revision {revision} as submitted {date}")
        wanted = [(tr("Current draft"), None)] + [
            (submitted.format(revision=r.revision, date=format_date(r.submitted_date)), r.revision) for r in revisions]
        present = [(self.source_combo.itemText(i), self.source_combo.itemData(i))
                   for i in range(self.source_combo.count())]
        if wanted == present:
            return
        current = self.source_combo.currentData()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        for text, revision in wanted:
            self.source_combo.addItem(text, revision)
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(current)))
        self.source_combo.blockSignals(False)

    def show_revision(self, revision: int | None) -> None:
        """Show a submitted revision (None: the current draft)."""
        index = self.source_combo.findData(revision)
        if index >= 0 and index != self.source_combo.currentIndex():
            self.source_combo.setCurrentIndex(index)  # builds through the signal
        else:
            self.build_preview()

    def show_submission(self, submission: Submission) -> RenderedReport:
        """Show the PDF just submitted as its revision (no need to build it again) and return it."""
        info = submission.info
        self.fill_sources()
        self.source_combo.blockSignals(True)
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(info.revision)))
        self.source_combo.blockSignals(False)
        self._rendered_key = (info.year, info.revision)
        self._load_into_view(submission.pdf)
        self.rendered = RenderedReport(submission.pdf, self.pdf_document.pageCount())
        self.preview_info.setText(sha_note(info, submission.pdf))
        return self.rendered

    def source_key(self) -> SourceKey:
        revision = self.source_combo.currentData()
        return self.year, int(revision) if revision is not None else None

    def set_busy(self, busy: bool) -> None:
        """Show (or hide) the progress bar as busy, with no count."""
        if busy:
            self.progress.setRange(0, 0)
        self.progress.setVisible(busy)

    # --- building -------------------------------------------------------------------------------------------

    def build_preview(self, force: bool = False, then: Callable[[RenderedReport], object] | None = None) -> None:
        """Build the PDF shown in the preview on a worker (unless the one shown is current); `then` runs with it."""
        if then is not None:
            self._after_build.append(then)
        key = self.source_key()
        current = self.rendered is not None and self._rendered_key == key and (key[1] is not None or not self._stale)
        if current and not force and not self._building:
            assert self.rendered is not None
            self.preview_ready.emit(self.rendered)  # already shown: nothing to build
            self._run_after_build()
            return
        self._before_build()
        if self._building and not force and self._rendered_key_pending == key:
            return
        self._build_generation += 1
        generation = self._build_generation
        self._rendered_key_pending = key
        self._building = True
        self._stale = False
        self.set_busy(True)
        self.preview_info.setText(tr("Building the PDF\u2026"))
        year, revision = key
        job: Callable[..., Any] = _build_revision if revision is not None else _build_draft
        run_in_worker(job, year, revision if revision is not None else clock.today(), with_progress=True,
                      on_result=lambda result: self._built(generation, key, result),
                      on_error=lambda exc: self._build_error(generation, exc),
                      on_progress=lambda done, total: self._build_progress(generation, done, total))

    def _build_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._build_generation:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _build_error(self, generation: int, exc: BaseException) -> None:
        if generation != self._build_generation:
            return
        self._building = False
        self._after_build.clear()
        self.progress.setVisible(False)
        self.preview_info.setText(colored(tr("The PDF could not be built: {error}").format(error=exc), TODO_COLOR))
        self.build_failed.emit(str(exc))

    def _built(self, generation: int, key: SourceKey, result: tuple[RenderedReport, str]) -> None:
        if generation != self._build_generation:
            return  # a newer build was started; this one is out of date
        rendered, note = result
        self._building = False
        self.progress.setVisible(False)
        self.rendered = rendered
        self._rendered_key = key
        self._load_into_view(rendered.pdf)
        self.preview_info.setText(escape(trn("%n page", "%n pages", rendered.pages)) + " \u00b7 " + note)
        self.preview_ready.emit(rendered)
        self._run_after_build()

    def _run_after_build(self) -> None:
        callbacks, self._after_build = self._after_build, []
        if self.rendered is not None:
            for callback in callbacks:
                callback(self.rendered)

    def _load_into_view(self, pdf: bytes) -> None:
        self.pdf_document.close()
        buffer = QBuffer(self.pdf_document)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QPdfDocument reads from it; keep it alive

    # --- saving ---------------------------------------------------------------------------------------------

    def suggested_file_name(self) -> str:
        year, revision = self.source_key()
        name = self.member_name.strip() or "report"
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-") or "report"
        suffix = f"-revision-{revision}" if revision is not None else ""
        return f"annual-report-{year}-{safe}{suffix}.pdf"

    def save_pdf(self) -> None:
        """Build (if needed), then ask where to save."""
        self.build_preview(then=self.save_rendered)

    def save_rendered(self, rendered: RenderedReport) -> Path | None:
        """Ask where to save `rendered` and write it there (atomically); the path, or None if not saved."""
        path = prompts.choose_save_file(self, tr("Save the annual report"),
                                        str(Path.home() / self.suggested_file_name()), tr("PDF files (*.pdf)"))
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_atomically(path, rendered.pdf, make_parents=True)
        except OSError as exc:
            prompts.show_error(self, tr("Save as PDF"), tr("The report could not be written to {path}: {error}").format(
                path=path, error=exc))
            return None
        self.shell.show_message(tr("Saved the {year} report to {path}").format(year=self.year, path=path), 8000)
        return path


# --- worker jobs (run on a pool thread: data and bytes only, no widgets) ---------------------------------------


def _build_draft(year: int, on: date, progress: Callable[[int, int], None]) -> tuple[RenderedReport, str]:
    """The live draft's PDF, and what the preview says of it (rich text)."""
    from wethrive_desktop.reports.pdf.builder import render_report  # ReportLab loaded on the first build

    return render_report(build_report_data(year, on), progress=progress), escape(tr("current draft"))


def _build_revision(year: int, revision: int, progress: Callable[[int, int], None]) -> tuple[RenderedReport, str]:
    """A submitted revision rebuilt from its frozen snapshot, exactly as it was sent (an invariant build)."""
    from wethrive_desktop.reports.pdf.builder import render_report

    info, data = get_revision(year, revision)
    rendered = render_report(data, invariant=True, progress=progress)
    return rendered, sha_note(info, rendered.pdf)


def sha_note(info: RevisionInfo, pdf: bytes) -> str:
    """Whether `pdf` is byte for byte the file submitted as revision `info` (rich text, in the user's language)."""
    values = {"revision": info.revision, "date": format_date(info.submitted_date), "sha": info.pdf_sha256[:12]}
    if hashlib.sha256(pdf).hexdigest() == info.pdf_sha256:
        return escape(tr("revision {revision}, submitted {date}: identical to the file submitted (sha256 "
                         "{sha}\u2026)").format(**values))
    return colored(tr("revision {revision}, submitted {date}: the same content, but its bytes differ from the file "
                      "submitted (the app's PDF library changed)").format(**values), WARN_COLOR)
