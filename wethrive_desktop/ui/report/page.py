"""The annual report page: write the reflections, watch the readiness check, preview, save, print and submit.

`ReportPage` coordinates: the year, the status line and the buttons above the tabs (Reflections, Summary & plan,
Preview: narrative.py over reflections.py, summary.py, preview.py), the readiness panel beside them, which it keeps
current as the member types, and the fixes the panel's buttons ask for. The package's __init__ lists every module.
The status line gives the hours that count toward the commitment (ICMA's caps and conditions applied), with those
logged when they differ, and an extension granted for the report.

Typing is as quick at 5,000 activities as at 5: a key updates the word count beside its field at once, while the
readiness check (of the whole report) runs once typing pauses for READINESS_DELAY_MS (`readiness_timer`, started
again by each key); reading `items` runs a check still waiting at once, so what it gives is always the text as typed.
Saving what is typed is the tabs' own business (fields.COMMIT_DELAY_MS) and does not wait for the check; Ctrl+S saves
it at once (`save_now`).

The page fits from a full-HD screen down to 800x480 (a 1366x768 laptop at 150%): when it is narrow its buttons move
under the status line, and the readiness check leaves the side for a tab of its own (`_arrange`), the same panel
either way. Every text goes through i18n's `tr`, every date through `format_date`.

A refresh loads the year's report from the store (build_report_data, a few hundred milliseconds for a year of 5,000
activities) only when the store changed since `data` was loaded (`_store_state`: the changes made through the
GUI thread's connection, and SQLite's data_version for every other). The tabs' own saves, which the window follows
with a refresh after each pause in typing, are put into `data` as they are saved (only their text changes), so that
refresh loads nothing either, provided nothing else was written meanwhile.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityRecord, years_with_records
from wethrive_desktop.models.annual_report import (
    Fix,
    ReadinessItem,
    ReportData,
    ReportDraft,
    Submission,
    build_report_data,
    changes_since_submitted,
    get_draft,
    list_revisions,
    readiness,
    report_status,
)
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.profile import ProfileData, get_profile
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.wording import hours_against
from wethrive_desktop.reports.pdf.coverage import missing_glyphs
from wethrive_desktop.reports.pdf.rendered import RenderedReport
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.colors import hint_style, themed_style_sheet
from wethrive_desktop.ui.report.narrative import ReflectionsArea
from wethrive_desktop.ui.report.portal import PortalCopyDialog
from wethrive_desktop.ui.report.preview import PreviewTab
from wethrive_desktop.ui.report.printing import PrintJob, start_printing
from wethrive_desktop.ui.report.readiness_panel import ReadinessPanel
from wethrive_desktop.ui.report.reflections import ReflectionsTab
from wethrive_desktop.ui.report.style import MUTED_COLOR, OK_COLOR, escape
from wethrive_desktop.ui.report.submit import start_submission
from wethrive_desktop.ui.report.summary import SummaryTab
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.widgets.naming import named

REFLECTIONS_TAB, SUMMARY_TAB, PREVIEW_TAB = 0, 1, 2  # (a narrow page adds the readiness check as a fourth)
READINESS_DELAY_MS = 300  # the readiness check runs after this pause in typing (the word counts follow every key)
PANEL_BESIDE_WIDTH = 840  # narrower than this, the readiness check is a tab rather than a panel beside the tabs
STATUS_MIN_WIDTH = 220  # the status line keeps at least this beside the buttons, else the buttons go under it
# The page asks no more width than its narrow arrangement needs (the wide one has the readiness panel beside the tabs
# and asks more), so a window of 800 px can shrink it, and `_arrange` then lays it out narrow.
PAGE_MIN_WIDTH = 560

StoreState = tuple[sqlite3.Connection, int, int]


def hours_text(data: ReportData) -> str:
    """The hours against the commitment, for the status line: those that count, and those logged when they
    differ (a cap or a condition)."""
    counted, logged = data.counted_hours, data.total_hours
    if counted == logged:
        return hours_against(counted, data.required_hours)
    hours = {"counted": format_hours(counted), "logged": format_hours(logged),
             "required": format_hours(data.required_hours)}
    if data.commitment_met:
        return tr("{logged} h logged, {counted} h count ({required} required)").format(**hours)
    return tr("{logged} h logged, {counted} of {required} h count").format(**hours)


def _store_state() -> StoreState:
    """Where the store stands: equal states mean nothing was written in between (by this thread's connection,
    counted by total_changes, or by any other connection or process, counted by data_version)."""
    connection = database_proxy.connection()
    (version,) = connection.execute("PRAGMA data_version").fetchone()
    return connection, connection.total_changes, int(version)


class ReportPage(Page):
    """The annual report editor (objectName `reportPage`)."""

    title = "Annual report"  # (the window translates the navigation's titles)
    object_name = "reportPage"

    preview_ready = Signal(object)  # RenderedReport, once shown in the preview
    build_failed = Signal(str)
    report_submitted = Signal(object)  # Submission
    printed = Signal(int)  # pages printed

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.data: ReportData | None = None  # the live report of the year shown, as stored
        self._data_state: StoreState | None = None  # the store's state `data` shows (None: unknown, load it)
        self._save_base: StoreState | None = None  # a tab's save started from here, with `data` current
        self._items: list[ReadinessItem] = []  # the readiness check of the report as typed (see `items`)
        self._profile: ProfileData | None = None  # the member's, read at each refresh (is a yearly report asked?)
        self.readiness_timer = QTimer(self, singleShot=True, interval=READINESS_DELAY_MS)
        self.readiness_timer.timeout.connect(self._update_readiness)
        self._refreshing = False
        self._print_job: PrintJob | None = None
        self.portal_dialog: PortalCopyDialog | None = None  # "Copy for the ICMA portal", made when first opened
        self._build_ui()
        self.setMinimumWidth(PAGE_MIN_WIDTH)
        self._fill_years()
        self.refresh()
        self._add_menu_action()

    # --- layout -----------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)

        self.top = QGridLayout()
        self.top.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(f"<b style='font-size:14pt'>{escape(tr('Annual report'))}</b>")
        self.year_combo = named(QComboBox(), "reportYearCombo")
        self.year_combo.setAccessibleName(tr("Reporting year"))
        self.year_combo.setToolTip(tr("The year the report is about"))
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.status_label = named(QLabel(), "reportStatusLabel")
        self.status_label.setAccessibleName(tr("Report status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = named(QPushButton(tr("&Save as PDF\u2026")), "saveReportButton")
        self.save_button.setAccessibleName(tr("Save the report as PDF"))
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = named(QPushButton(tr("&Print\u2026")), "printReportButton")
        self.print_button.setAccessibleName(tr("Print the report"))
        self.print_button.setToolTip(tr("Print the report (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_report)
        self.submit_button = named(QPushButton(tr("&Mark submitted\u2026")), "submitReportButton")
        self.submit_button.setAccessibleName(tr("Mark the report submitted"))
        self.submit_button.clicked.connect(self.submit)
        self.portal_button = named(QPushButton(tr("&Copy for portal\u2026")), "portalCopyButton")
        self.portal_button.setAccessibleName(tr("Copy for the ICMA portal"))
        self.portal_button.setToolTip(tr("Copy each value for ICMA\u2019s online annual-report form (Ctrl+Shift+C)"))
        self.portal_button.clicked.connect(self.open_portal_copy)
        self.portal_action = QAction(tr("Copy for the ICMA portal"), self)
        self.portal_action.setObjectName("portalCopyAction")
        self.portal_action.setShortcut("Ctrl+Shift+C")
        self.portal_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.portal_action.triggered.connect(self.open_portal_copy)
        self.addAction(self.portal_action)
        self.save_action = QAction(tr("Save"), self)
        self.save_action.setObjectName("reportSaveAction")
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save_now)
        self.addAction(self.save_action)
        self.actions_bar = QWidget()
        self.actions_bar.setObjectName("reportActions")
        actions = QHBoxLayout(self.actions_bar)
        actions.setContentsMargins(0, 0, 0, 0)
        for b in (self.portal_button, self.save_button, self.print_button, self.submit_button):
            actions.addWidget(b)
        self.top.addWidget(self.heading, 0, 0)
        self.top.addWidget(self.year_combo, 0, 1)
        self.top.addWidget(self.status_label, 0, 2)
        self.top.setColumnStretch(2, 1)
        self._buttons_below: bool | None = None  # where the buttons are (None: not placed yet)
        layout.addLayout(self.top)

        self.changed_label = named(QLabel(), "changedSinceSubmittedLabel")
        self.changed_label.setWordWrap(True)
        themed_style_sheet(self.changed_label, lambda palette: hint_style(palette, "QLabel"))
        self.changed_label.setVisible(False)
        layout.addWidget(self.changed_label)

        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "reportSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.tabs = named(QTabWidget(), "reportTabs")
        self.reflections = ReflectionsTab(self.shell)
        self.reflections.changed.connect(self.readiness_timer.start)  # (again) at each key: see the module's doc
        self.reflections.edit_activity_requested.connect(self.open_activity)
        self.reflections.saving.connect(self._saving)
        self.reflections.saved.connect(self._reflections_saved)
        # The tab holds the choice of how to write the year, over the reflections or the narrative.
        self.reflections_area = ReflectionsArea(self.shell, self.reflections)
        self.reflections_area.changed.connect(self.readiness_timer.start)
        self.reflections_area.changed.connect(self._choice_shown)
        self.reflections_area.saving.connect(self._saving)
        self.reflections_area.saved.connect(self._draft_saved)
        self.reflections_area.commit_reflections_requested.connect(self.commit_reflections)
        self.tabs.addTab(self.reflections_area, tr("&Reflections"))
        self.summary = SummaryTab(self.shell)
        self.summary.changed.connect(self.readiness_timer.start)
        self.summary.saving.connect(self._saving)
        self.summary.saved.connect(self._draft_saved)
        self.summary.narrative_requested.connect(self._go_to_narrative)
        self.tabs.addTab(self.summary, tr("S&ummary && plan"))
        self.preview = PreviewTab(self.shell, before_build=self.commit_pending)
        self.preview.preview_ready.connect(self.preview_ready)
        self.preview.build_failed.connect(self.build_failed)
        self.tabs.addTab(self.preview, tr("Previe&w"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.splitter.addWidget(self.tabs)
        self.readiness_panel = ReadinessPanel()
        self.readiness_panel.fix_requested.connect(self.fix)
        self.readiness_panel.setMinimumWidth(240)
        self.splitter.addWidget(self.readiness_panel)
        self.splitter.setStretchFactor(0, 3)  # a smaller window takes from both, the tabs most
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([760, 320])
        self._panel_beside = True
        layout.addWidget(self.splitter, 1)
        self._arrange(self.width())

        # The tabs' widgets, reachable from the page too (the same objects).
        r, s, p = self.reflections, self.summary, self.preview
        self.activity_list, self.editor_box, self.empty_label = r.activity_list, r.editor_box, r.empty_label
        self.description_field, self.learned_field = r.description_field, r.learned_field
        self.saved_label, self.commit_timer = r.saved_label, r.commit_timer
        self.summary_field, self.use_profile_name, self.draft_timer = s.summary_field, s.use_profile_name, s.draft_timer
        self.attestation_name, self.attestation_signed = s.attestation_name, s.attestation_signed
        self.attestation_date = s.attestation_date
        self.source_combo, self.progress, self.preview_info = p.source_combo, p.progress, p.preview_info
        a = self.reflections_area
        self.wholistic_radio, self.per_activity_radio, self.narrative_field = (
            a.wholistic_radio, a.per_activity_radio, a.narrative_field)
        self.extension_granted, self.extension_date = s.extension_granted, s.extension_date
        self.pdf_view, self.pdf_document = p.pdf_view, p.pdf_document

    def _arrange(self, width: int) -> None:
        """Lay the page out for `width`: the buttons beside the status line or under it, the readiness check
        beside the tabs or as a tab of its own."""
        bar = (self.heading.sizeHint().width() + self.year_combo.sizeHint().width() + STATUS_MIN_WIDTH
               + self.actions_bar.sizeHint().width() + 4 * self.top.horizontalSpacing() + 16)
        below = width < bar
        if below != self._buttons_below:
            self._buttons_below = below
            self.top.removeWidget(self.actions_bar)
            if below:
                self.top.addWidget(self.actions_bar, 1, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
            else:
                self.top.addWidget(self.actions_bar, 0, 3)
        beside = width >= PANEL_BESIDE_WIDTH
        if beside == self._panel_beside:
            return
        self._panel_beside = beside
        current = self.tabs.currentWidget()
        if beside:
            self.tabs.removeTab(self.tabs.indexOf(self.readiness_panel))
            self.splitter.addWidget(self.readiness_panel)
            self.splitter.setSizes([max(1, width - 320), 320])
        else:
            self.tabs.addTab(self.readiness_panel, tr("Rea&diness check"))
        self.readiness_panel.setFrameShape(ReadinessPanel.Shape.StyledPanel if beside else ReadinessPanel.Shape.NoFrame)
        self.tabs.setCurrentWidget(current if current is not self.readiness_panel else self.reflections_area)
        if beside:
            self.readiness_panel.show()  # (a tab page leaves the tab widget hidden)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def _add_menu_action(self) -> None:
        action = QAction(tr("&Annual report PDF\u2026"), self)
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
            year, today = self.year(), clock.today()
            state = _store_state()
            if (self.data is None or (self.data.year, self.data.generated_on) != (year, today)
                    or state != self._data_state):
                self.data = build_report_data(year, today)
                self._data_state = state
            draft = get_draft(year)
            self._profile = get_profile()
            shown = self.data
            self.reflections.fill(shown)
            if self.data is not shown:  # choosing the activity saved the text typed (into `data`): show it so
                self.reflections.fill(self.data)
            self.summary.fill(self.data, draft)
            self.reflections_area.fill(draft)
            self.preview.show_report(self.data)
            self._update_readiness()
            self._update_status()
            self.setFocusProxy(self.first_field())
            if self.tabs.currentIndex() == PREVIEW_TAB and self.isVisible():
                self.build_preview()
        finally:
            self._refreshing = False

    def _saving(self) -> None:
        """A tab is about to save: remember whether `data` shows the store as it is, so the save can go into it."""
        current = self.data is not None and self._data_state is not None and _store_state() == self._data_state
        self._save_base = self._data_state if current else None

    def _saved(self, data: ReportData | None) -> None:
        """A tab saved: `data` is the report with what it saved (None: not known; the next refresh loads it)."""
        known = data is not None and self._save_base is not None
        self.data = data if known else self.data
        self._data_state = _store_state() if known else None
        self._save_base = None

    def _reflections_saved(self, records: Sequence[ActivityRecord] | None) -> None:
        data = self.data
        if data is None or records is None:
            return self._saved(None)
        saved = {r.id: r for r in records}
        activities = []
        for a in data.activities:
            r = saved.pop(a.activity_id, None)
            if r is not None:
                d = r.data
                if (a.title, a.start_date, a.end_date, a.provider, a.type, a.hours, a.practices) != (
                        d.title, d.start_date, d.end_date, d.provider, d.type, d.hours, tuple(d.practices)):
                    return self._saved(None)  # more than the text changed (not expected): load it all
                a = replace(a, description=d.description, learned=d.learned)
            activities.append(a)
        self._saved(None if saved else replace(data, activities=tuple(activities)))

    def _draft_saved(self, draft: ReportDraft) -> None:
        data = self.data
        ok = data is not None and data.year == draft.year
        self._saved(replace(data, summary_reflection=draft.summary_reflection, attestation_name=draft.attestation_name,
                            attestation_date=draft.attestation_date, wholistic=draft.wholistic,
                            narrative=draft.narrative, extension_until=draft.extension_until)
                    if data is not None and ok else None)

    def _live_data(self) -> ReportData | None:
        """The report with the text still being typed, so the readiness check follows every keystroke."""
        if self.data is None:
            return None
        area = self.reflections_area
        data = replace(self.data, activities=self.reflections.live_activities(self.data.activities),
                       wholistic=area.wholistic, narrative=area.narrative())
        return self.summary.live(data)

    @property
    def items(self) -> list[ReadinessItem]:
        """The readiness check of the report as typed (a check waiting for a pause in typing runs now)."""
        if self.readiness_timer.isActive():
            self._update_readiness()
        return self._items

    def _update_readiness(self) -> None:
        self.readiness_timer.stop()
        live = self._live_data()
        if live is None:
            return
        self._items = readiness(live, clock.today(), unprintable=missing_glyphs,
                                day=format_date, profile=self._profile)
        self.readiness_panel.set_items(self._items)
        self.reflections.show_problems(live.activities)

    def _update_status(self) -> None:
        year = self.year()
        revisions = list_revisions(year)
        status = report_status(year)
        if revisions:
            last = revisions[-1]
            submitted = tr("Submitted {date} (revision {revision})").format(
                date=format_date(last.submitted_date), revision=last.revision)
            text = f"<b style='color:{OK_COLOR}'>{escape(submitted)}</b>"
            self.submit_button.setText(tr("Sub&mit new revision\u2026"))
            changes = changes_since_submitted(year, self._live_data())
            if changes:
                shown = "; ".join(changes[:4]) + ("; \u2026" if len(changes) > 4 else "")
                self.changed_label.setText(tr(
                    "<b>Changed since submitted:</b> {changes}. The submitted revision stays as it was; use <i>Submit "
                    "new revision</i> to send the changes, or Preview \u203a Show to see it as sent.").format(
                    changes=escape(shown)))
            self.changed_label.setVisible(bool(changes))
        else:
            text = (f"<b>{escape(tr('Draft'))}</b>" if status == "draft"
                    else f"<span style='color:{MUTED_COLOR}'>{escape(tr('Not started'))}</span>")
            self.submit_button.setText(tr("&Mark submitted\u2026"))
            self.changed_label.setVisible(False)
        if self.data is not None:
            d = self.data
            if d.extension_until is not None:
                extension = tr("extension granted until {date}").format(date=format_date(d.extension_until))
                text += f" \u00b7 {escape(extension)}"
            activities = trn("%n activity", "%n activities", len(d.activities))
            text += f" \u00b7 {escape(hours_text(d))} \u00b7 {escape(activities)}"
        self.status_label.setText(text)

    def first_field(self) -> QWidget:
        """Where the keyboard starts on this page (its focus proxy): the narrative of a year written as one, the
        first reflection of the year, or the year when it has no activity to reflect on."""
        if self.reflections_area.wholistic:
            return self.narrative_field.edit
        if self.data is not None and self.data.activities:
            return self.description_field.edit
        return self.year_combo

    # --- saving what is typed -----------------------------------------------------------------------------

    def commit_reflections(self) -> None:
        """Save typed reflections to their activities (one undoable step per field)."""
        self.reflections.commit_reflections()

    def commit_draft(self) -> None:
        """Save the summary reflection and attestation if they changed."""
        self.summary.commit_draft()

    def commit_pending(self) -> None:
        self.commit_reflections()
        self.reflections_area.commit_narrative()
        self.commit_draft()

    def save_now(self) -> None:
        """Ctrl+S: store what is typed now (reflections, summary, attestation), without waiting for the pause."""
        self.commit_pending()
        self.shell.show_message(tr("Saved"))

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
        elif item.fix == Fix.NARRATIVE:
            self._go_to_narrative()

    def _choice_shown(self) -> None:
        """How the year is written (the Reflections tab's choice) decides whether the summary reflection shows."""
        self.summary.set_wholistic(self.reflections_area.wholistic)

    def _go_to_narrative(self) -> None:
        self.tabs.setCurrentIndex(REFLECTIONS_TAB)
        self.reflections_area.focus_narrative()

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

    def can_print(self) -> bool:
        """File > Print... (Ctrl+P) prints this page: the report."""
        return True

    def print_page(self) -> None:
        self.print_report()

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

    # --- copy for the ICMA portal -------------------------------------------------------------------------

    def open_portal_copy(self) -> PortalCopyDialog:
        """The "Copy for the ICMA portal" view (not modal) of the report as typed; raised again if open."""
        if self.portal_dialog is None:
            self.portal_dialog = PortalCopyDialog(self, self._live_data)
        self.portal_dialog.open_view()
        return self.portal_dialog

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
        self.preview.show_submission(submission)
        self.report_submitted.emit(submission)
        info = submission.info
        # No Save dialog unasked: the copy as sent is kept, shown in the preview, and Save as PDF writes it.
        self._status_message(tr("The {year} report is marked submitted on {date} (revision {revision}); Save as PDF "
                                "saves the copy as sent").format(year=info.year, date=format_date(info.submitted_date),
                                                                 revision=info.revision))

    def _submit_failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        self.preview.set_busy(False)
        prompts.show_error(self, tr("Mark submitted"), tr("The report was not submitted: {error}").format(error=exc))
