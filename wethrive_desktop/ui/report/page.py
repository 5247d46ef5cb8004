"""The annual report page: write the reflections, watch the readiness check, preview, save, print and submit.

`ReportPage` coordinates: the year, the status line and the buttons above the tabs (Reflections, Summary & plan,
Preview: reflections.py, summary.py, preview.py), the readiness panel beside them, which it keeps current as the
member types, and the fixes the panel's buttons ask for. The package's __init__ lists every module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import years_with_records
from wethrive_desktop.models.annual_report import (
    Fix,
    ReadinessItem,
    ReportData,
    Submission,
    build_report_data,
    changes_since_submitted,
    get_draft,
    list_revisions,
    readiness,
    report_status,
)
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.reports.pdf.builder import RenderedReport
from wethrive_desktop.reports.pdf.fonts import fonts_loaded, missing_glyphs, register_fonts
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.report.preview import PreviewTab
from wethrive_desktop.ui.report.printing import PrintJob, start_printing
from wethrive_desktop.ui.report.readiness_panel import ReadinessPanel
from wethrive_desktop.ui.report.reflections import ReflectionsTab
from wethrive_desktop.ui.report.style import MUTED_COLOR, OK_COLOR, escape
from wethrive_desktop.ui.report.submit import start_submission
from wethrive_desktop.ui.report.summary import SummaryTab
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.workers import run_in_worker

REFLECTIONS_TAB, SUMMARY_TAB, PREVIEW_TAB = 0, 1, 2


class ReportPage(Page):
    """The annual report editor (objectName `reportPage`)."""

    title = "Annual report"
    object_name = "reportPage"

    preview_ready = Signal(object)  # RenderedReport, once shown in the preview
    build_failed = Signal(str)
    report_submitted = Signal(object)  # Submission
    printed = Signal(int)  # pages printed

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.data: ReportData | None = None  # the live report of the year shown, as stored
        self.items: list[ReadinessItem] = []  # the readiness check of the report as typed
        self._refreshing = False
        self._print_job: PrintJob | None = None
        self._build_ui()
        self._fill_years()
        self.refresh()
        self._add_menu_action()
        if not fonts_loaded():
            run_in_worker(register_fonts, on_result=lambda _fonts: self._update_readiness())

    # --- layout -----------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)

        top = QHBoxLayout()
        title = QLabel("<b style='font-size:14pt'>Annual report</b>")
        top.addWidget(title)
        self.year_combo = named(QComboBox(), "reportYearCombo")
        self.year_combo.setAccessibleName("Reporting year")
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        top.addWidget(self.year_combo)
        self.status_label = named(QLabel(), "reportStatusLabel")
        self.status_label.setAccessibleName("Report status")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.status_label, 1)
        self.save_button = named(QPushButton("Save as PDF\u2026"), "saveReportButton")
        self.save_button.setAccessibleName("Save the report as PDF")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = named(QPushButton("Print\u2026"), "printReportButton")
        self.print_button.setAccessibleName("Print the report")
        self.print_button.clicked.connect(self.print_report)
        self.submit_button = named(QPushButton("Mark submitted\u2026"), "submitReportButton")
        self.submit_button.setAccessibleName("Mark the report submitted")
        self.submit_button.clicked.connect(self.submit)
        for b in (self.save_button, self.print_button, self.submit_button):
            top.addWidget(b)
        layout.addLayout(top)

        self.changed_label = named(QLabel(), "changedSinceSubmittedLabel")
        self.changed_label.setWordWrap(True)
        self.changed_label.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 4px; border-radius: 3px;")
        self.changed_label.setVisible(False)
        layout.addWidget(self.changed_label)

        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "reportSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.tabs = named(QTabWidget(), "reportTabs")
        self.reflections = ReflectionsTab(self.shell)
        self.reflections.changed.connect(self._update_readiness)
        self.reflections.edit_activity_requested.connect(self.open_activity)
        self.tabs.addTab(self.reflections, "Reflections")
        self.summary = SummaryTab(self.shell)
        self.summary.changed.connect(self._update_readiness)
        self.tabs.addTab(self.summary, "Summary && plan")
        self.preview = PreviewTab(self.shell, before_build=self.commit_pending)
        self.preview.preview_ready.connect(self.preview_ready)
        self.preview.build_failed.connect(self.build_failed)
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.splitter.addWidget(self.tabs)
        self.readiness_panel = ReadinessPanel()
        self.readiness_panel.fix_requested.connect(self.fix)
        self.readiness_panel.setMinimumWidth(260)
        self.splitter.addWidget(self.readiness_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([760, 320])
        layout.addWidget(self.splitter, 1)

        # The tabs' widgets, reachable from the page too (the same objects).
        r, s, p = self.reflections, self.summary, self.preview
        self.activity_list, self.editor_box, self.empty_label = r.activity_list, r.editor_box, r.empty_label
        self.description_field, self.learned_field = r.description_field, r.learned_field
        self.saved_label, self.commit_timer = r.saved_label, r.commit_timer
        self.summary_field, self.use_profile_name, self.draft_timer = s.summary_field, s.use_profile_name, s.draft_timer
        self.attestation_name, self.attestation_signed = s.attestation_name, s.attestation_signed
        self.attestation_date = s.attestation_date
        self.source_combo, self.progress, self.preview_info = p.source_combo, p.progress, p.preview_info
        self.pdf_view, self.pdf_document = p.pdf_view, p.pdf_document

    def _add_menu_action(self) -> None:
        action = QAction("Annual report &PDF\u2026", self)
        action.setObjectName("annualReportPdfAction")
        action.triggered.connect(self._menu_save)
        self.shell.add_file_action(action)

    def _menu_save(self) -> None:
        self.shell.page(ReportPage)
        self.save_pdf()

    # --- years and refresh ------------------------------------------------------------------------------

    def year(self) -> int:
        value = self.year_combo.currentData()
        return int(value) if value is not None else clock.today().year - 1

    def _fill_years(self) -> None:
        now = clock.today().year
        years = set(years_with_records()) | {now, now - 1}
        self.year_combo.blockSignals(True)
        current = self.year_combo.currentData()
        self.year_combo.clear()
        for y in sorted(years, reverse=True):
            self.year_combo.addItem(str(y), y)
        if current is None:
            # Reports are usually written early in the year about the one before.
            last = now - 1
            current = last if (last in years_with_records() or report_status(last) != "not started") else now
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(current)))
        self.year_combo.blockSignals(False)

    def set_year(self, year: int) -> None:
        if self.year_combo.findData(year) < 0:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))

    def _year_changed(self, _index: int) -> None:
        self.commit_pending()
        self.reflections.reset()
        self.refresh()

    def refresh(self) -> None:
        """Reload the live report from the store (the window calls this whenever data changes)."""
        if self._refreshing:
            return
        self._refreshing = True
        try:
            year = self.year()
            self.data = build_report_data(year, clock.today())
            draft = get_draft(year)
            self.reflections.fill(self.data)
            self.summary.fill(self.data, draft)
            self.preview.show_report(self.data)
            self._update_readiness()
            self._update_status()
            if self.tabs.currentIndex() == PREVIEW_TAB and self.isVisible():
                self.build_preview()
        finally:
            self._refreshing = False

    def _live_data(self) -> ReportData | None:
        """The report with the text still being typed, so the readiness check follows every keystroke."""
        if self.data is None:
            return None
        data = replace(self.data, activities=self.reflections.live_activities(self.data.activities))
        return self.summary.live(data)

    def _update_readiness(self) -> None:
        live = self._live_data()
        if live is None:
            return
        # The glyph check needs the fonts, which a worker loads when the page is made (not to delay start-up).
        self.items = readiness(live, clock.today(), unprintable=missing_glyphs if fonts_loaded() else None)
        self.readiness_panel.set_items(self.items)
        self.reflections.show_problems(live.activities)

    def _update_status(self) -> None:
        year = self.year()
        revisions = list_revisions(year)
        status = report_status(year)
        if revisions:
            last = revisions[-1]
            text = (f"<b style='color:{OK_COLOR}'>Submitted</b> {long_date(last.submitted_date)} "
                    f"(revision {last.revision})")
            self.submit_button.setText("Submit new revision\u2026")
            changes = changes_since_submitted(year, self._live_data())
            if changes:
                shown = "; ".join(changes[:4]) + ("; \u2026" if len(changes) > 4 else "")
                self.changed_label.setText(
                    f"<b>Changed since submitted:</b> {escape(shown)}. The submitted revision stays as it was; "
                    "use <i>Submit new revision</i> to send the changes, or Preview \u203a Show to see it as sent.")
            self.changed_label.setVisible(bool(changes))
        else:
            text = ("<b>Draft</b>" if status == "draft" else f"<span style='color:{MUTED_COLOR}'>Not started</span>")
            self.submit_button.setText("Mark submitted\u2026")
            self.changed_label.setVisible(False)
        if self.data is not None:
            text += (f" \u00b7 {format_hours(self.data.total_hours)} of {format_hours(self.data.required_hours)} h "
                     f"\u00b7 {len(self.data.activities)} activities")
        self.status_label.setText(text)

    # --- saving what is typed -----------------------------------------------------------------------------

    def commit_reflections(self) -> None:
        """Save typed reflections to their activities (one undoable step per field)."""
        self.reflections.commit_reflections()

    def commit_draft(self) -> None:
        """Save the summary reflection and attestation if they changed."""
        self.summary.commit_draft()

    def commit_pending(self) -> None:
        self.commit_reflections()
        self.commit_draft()

    # --- fixes --------------------------------------------------------------------------------------------

    def fix(self, item: ReadinessItem) -> None:
        """Take the user to where `item` is fixed."""
        if item.fix == Fix.ACTIVITY:
            self.open_activity(item.activity_id)
        elif item.fix == Fix.REFLECTION:
            self.tabs.setCurrentIndex(REFLECTIONS_TAB)
            if item.activity_id is not None:
                self.select_activity(item.activity_id)
            self.reflections.focus_field(item.field)
        elif item.fix == Fix.ACTIVITIES:
            self.open_activity(None)
        elif item.fix == Fix.PLANNER:
            self.open_planner(self.year() + 1)
        elif item.fix == Fix.PROFILE:
            self.open_profile()
        elif item.fix == Fix.ATTESTATION:
            self.tabs.setCurrentIndex(SUMMARY_TAB)
            self.attestation_name.setFocus()

    def select_activity(self, activity_id: int) -> None:
        self.reflections.select_activity(activity_id)

    def open_activity(self, activity_id: int | None) -> QWidget:
        """The activity dialog (non-blocking): a new activity when `activity_id` is None."""
        self.commit_pending()
        return self.shell.open_activity(activity_id)

    def open_planner(self, year: int) -> None:
        self.shell.show_plan(year)

    def open_profile(self) -> QWidget:
        return self.shell.open_profile()

    # --- preview, save, print -------------------------------------------------------------------------------

    @property
    def rendered(self) -> RenderedReport | None:
        """The PDF the preview shows (None before the first build)."""
        return self.preview.rendered

    def _tab_changed(self, index: int) -> None:
        if index == PREVIEW_TAB:
            self.build_preview()

    def build_preview(self, force: bool = False, then: Callable[[RenderedReport], object] | None = None) -> None:
        """Build the PDF shown in the preview on a worker (unless the one shown is current); `then` runs with it."""
        self.preview.build_preview(force, then)

    def show_revision(self, revision: int | None) -> None:
        """Preview a submitted revision (None: the current draft)."""
        self.tabs.setCurrentIndex(PREVIEW_TAB)
        self.preview.show_revision(revision)

    def save_pdf(self) -> None:
        """Build (if needed), then ask where to save."""
        self.preview.save_pdf()

    def print_report(self) -> None:
        self.build_preview(then=self._print_rendered)

    def _print_rendered(self, _rendered: RenderedReport) -> None:
        if self._print_job is not None:
            return  # Print pressed again while the PDF was built: a new job would destroy the running one's printer
        job = start_printing(self, self.pdf_document, self._status_message)
        if job is None:
            return
        self._print_job = job
        self.print_button.setEnabled(False)
        job.printed.connect(self._print_finished)

    def _print_finished(self, count: int) -> None:
        self._print_job = None
        self.print_button.setEnabled(True)
        self.printed.emit(count)

    def _status_message(self, text: str) -> None:
        self.shell.show_message(text, 8000)

    # --- submitting ---------------------------------------------------------------------------------------

    def submit(self) -> None:
        """Freeze the live report as the next revision (asks for the date)."""
        self.commit_pending()
        self.refresh()
        open_items = [i for i in self.items if not i.ok]
        if not start_submission(self, self.year(), open_items, self._submitted, self._submit_failed):
            return
        self.submit_button.setEnabled(False)
        self.preview.set_busy(True)

    def _submitted(self, submission: Submission) -> None:
        self.submit_button.setEnabled(True)
        self.preview.set_busy(False)
        self.shell.notify_data_changed()
        rendered = self.preview.show_submission(submission)
        self.report_submitted.emit(submission)
        info = submission.info
        self._status_message(f"The {info.year} report is marked submitted on {long_date(info.submitted_date)} "
                             f"(revision {info.revision})")
        self.preview.save_rendered(rendered)

    def _submit_failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        self.preview.set_busy(False)
        prompts.show_error(self, "Mark submitted", f"The report was not submitted: {exc}")
