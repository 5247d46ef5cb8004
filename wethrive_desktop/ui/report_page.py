"""The annual report page: write the reflections, watch the readiness check, preview, save, print and submit.

Everything it does to data goes through models/annual_report.py (the same functions as `wethrive report...`).
The reflections are the activities' own description and learned fields: an edit here is saved to the activity
(after a pause in typing, on leaving the field, or before a build) as one undoable step on the window's stack.
PDFs are built on a worker thread; the page shows them with QtPdf before they are saved or printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QTextCursor, QUndoCommand
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.files import write_atomically
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityRecord, get_activity, years_with_records
from wethrive_desktop.models.annual_report import (
    Fix,
    ReadinessItem,
    ReportActivity,
    ReportData,
    ReportDraft,
    RevisionInfo,
    Submission,
    activity_problems,
    build_report_data,
    changes_since_submitted,
    get_draft,
    get_revision,
    list_revisions,
    readiness,
    report_status,
    save_draft,
    save_reflection,
    submit_report,
    type_label,
)
from wethrive_desktop.models.dates import date_range, long_date
from wethrive_desktop.models.reflections import (
    DESCRIPTION_PROMPT,
    LEARNED_PROMPT,
    MIN_LEARNED_WORDS,
    SUMMARY_PROMPT,
    attestation_text,
    enough_words,
    word_count,
)
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.reports.pdf.builder import RenderedReport, render_report, render_revision_pdf
from wethrive_desktop.reports.pdf.fonts import fonts_loaded, missing_glyphs, register_fonts
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.naming import named
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import StoreCommand
from wethrive_desktop.ui.workers import run_in_worker

COMMIT_DELAY_MS = 900  # save a reflection after this pause in typing
OK_COLOR, TODO_COLOR, WARN_COLOR, MUTED_COLOR = "#2e7d32", "#c62828", "#b26a00", "#5f6b7a"


# --- questions the page asks (module functions, so tests can patch them and nothing blocks) -------------------


class SubmitDialog(QDialog):
    """Asks for the date the report was (or is being) submitted; warns about open readiness items."""

    def __init__(self, parent: QWidget | None, year: int, revision: int, open_items: list[ReadinessItem]):
        super().__init__(parent)
        self.setObjectName("submitReportDialog")
        self.setWindowTitle(f"Mark the {year} report submitted")
        layout = QVBoxLayout(self)
        what = "a new revision" if revision > 1 else "submitted"
        intro = QLabel(f"This freezes the {year} report exactly as it is now, as revision {revision}. Later edits "
                       f"to your activities will not change it; you can make {what} again only when you ask.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if open_items:
            lines = "".join(f"<li>{_html(i.message)}</li>" for i in open_items)
            warn = QLabel(f"<b style='color:{TODO_COLOR}'>The readiness check has {len(open_items)} open "
                          f"item{'s' if len(open_items) != 1 else ''}:</b><ul>{lines}</ul>")
            warn.setWordWrap(True)
            layout.addWidget(warn)
        form = QFormLayout()
        self.date_edit = named(QDateEdit(), "submitDateEdit")
        self.date_edit.setAccessibleName("Date submitted")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        now = clock.today()
        self.date_edit.setDate(QDate(now.year, now.month, now.day))
        self.date_edit.setMaximumDate(QDate(now.year, now.month, now.day))
        self.date_edit.setMinimumDate(QDate(year, 1, 1))
        form.addRow("Date submitted:", self.date_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton("Submit anyway" if open_items else "Mark submitted",
                               QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("submitConfirmButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def chosen_date(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())


def ask_submission_date(parent: QWidget, year: int, revision: int, open_items: list[ReadinessItem]) -> date | None:
    """The date to record the submission under, or None when cancelled."""
    dialog = SubmitDialog(parent, year, revision, open_items)
    return dialog.chosen_date() if prompts.run_modal(dialog) else None


def ask_printer(parent: QWidget) -> QPrinter | None:
    """A printer set up by the user in the print dialog, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the annual report")
    return printer if prompts.run_modal(dialog) else None


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _icon(widget: QWidget, ok: bool, warning: bool) -> Any:
    pixmap = (QStyle.StandardPixmap.SP_DialogApplyButton if ok else
              QStyle.StandardPixmap.SP_MessageBoxWarning if warning else QStyle.StandardPixmap.SP_MessageBoxCritical)
    return widget.style().standardIcon(pixmap)


# --- the undoable reflection edit ----------------------------------------------------------------------------


class ReflectionCommand(StoreCommand):
    """One reflection edit on the shared undo stack; consecutive edits of the same field merge into one step."""

    MERGE_ID = 0x5EF1

    def __init__(self, page: ReportPage, before: ActivityRecord, after: ActivityRecord, field: str):
        label = "how I took part" if field == "description" else "what I learned"
        super().__init__(page.shell, f"Edit {label} of \u201c{after.data.title[:40]}\u201d")
        self.page, self.before, self.after, self.field = page, before, after, field

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, ReflectionCommand):
            return False
        if other.after.id != self.after.id or other.field != self.field:
            return False
        self.after = other.after
        return True

    def _put(self, record: ActivityRecord) -> int:
        save_reflection(record.id, description=record.data.description, learned=record.data.learned)
        return record.id

    def apply(self) -> int | None:
        return self._put(self.after)

    def revert(self) -> int | None:
        return self._put(self.before)

    def changed(self, record_id: int | None) -> None:
        if record_id is not None:
            self.page.reflection_restored(record_id)


# --- readiness panel -------------------------------------------------------------------------------------------


FIX_LABELS = {
    Fix.ACTIVITIES: "Log activity\u2026",
    Fix.ACTIVITY: "Edit activity\u2026",
    Fix.REFLECTION: "Write it",
    Fix.PLANNER: "Open plan",
    Fix.PROFILE: "Edit profile\u2026",
    Fix.ATTESTATION: "Sign",
}


class ReadinessPanel(QFrame):
    """The checks, each passed (a tick) or not (with a button that takes the user to the fix)."""

    fix_requested = Signal(object)  # ReadinessItem

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readinessPanel")
        self.setAccessibleName("Readiness check")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.heading = named(QLabel(), "readinessHeading")
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 4, 0)
        self.rows.setSpacing(6)
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        self.items: list[ReadinessItem] = []
        self.buttons: dict[str, QPushButton] = {}
        self._shown: list[tuple[str, bool, str]] = []

    def set_items(self, items: list[ReadinessItem]) -> None:
        shown = [(i.key, i.ok, i.message) for i in items]
        if shown == self._shown:
            return
        self._shown = shown
        self.items = items
        while self.rows.count():
            child = self.rows.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        for item in items:
            self.rows.addWidget(self._row(item))
        self.rows.addStretch(1)
        todo = sum(1 for i in items if i.blocking)
        warnings = sum(1 for i in items if not i.ok and i.warning)
        if todo:
            text = f"<b style='color:{TODO_COLOR}'>{todo} to fix</b>"
        else:
            text = f"<b style='color:{OK_COLOR}'>Ready to submit</b>"
        if warnings:
            text += f" \u00b7 <span style='color:{WARN_COLOR}'>{warnings} to check</span>"
        self.heading.setText(f"<b>Readiness check</b><br>{text}")

    def _row(self, item: ReadinessItem) -> QWidget:
        row = named(QWidget(), f"readiness-{item.key}")
        outer = QVBoxLayout(row)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        line = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(_icon(self, item.ok, item.warning).pixmap(16, 16))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setFixedWidth(20)
        line.addWidget(icon)
        text = QLabel(item.message)
        text.setWordWrap(True)
        if item.ok:
            text.setStyleSheet(f"color: {MUTED_COLOR};")
        line.addWidget(text, 1)
        outer.addLayout(line)
        if not item.ok:
            # The button goes under the message: beside it, Qt cut long wrapped messages short.
            button = named(QPushButton(FIX_LABELS[item.fix]), f"fix-{item.key}")
            button.setAccessibleName(f"Fix: {item.message}")
            button.clicked.connect(lambda _=False, i=item: self.fix_requested.emit(i))
            actions = QHBoxLayout()
            actions.addStretch(1)
            actions.addWidget(button)
            outer.addLayout(actions)
            self.buttons[item.key] = button
        return row


# --- text field with word count and prompt ---------------------------------------------------------------------


class ReflectionField(QWidget):
    """A label, a word count and a prompt above a plain-text edit."""

    edited = Signal()

    def __init__(self, title: str, prompt: str, name: str, min_words: int = 0):
        super().__init__()
        self.min_words = min_words
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        head = QHBoxLayout()
        label = QLabel(f"<b>{title}</b>")
        head.addWidget(label)
        head.addStretch(1)
        self.count = named(QLabel(), f"{name}WordCount")
        head.addWidget(self.count)
        layout.addLayout(head)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.prompt)
        self.edit = named(QPlainTextEdit(), name)
        self.edit.setAccessibleName(title)
        self.edit.setPlaceholderText(prompt)
        self.edit.setTabChangesFocus(True)
        label.setBuddy(self.edit)
        layout.addWidget(self.edit, 1)
        self.edit.textChanged.connect(self._changed)
        self._loading = False
        self.update_count()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the text (from the store) without counting it as an edit; keeps the caret where possible."""
        if self.text().strip() == text.strip():
            return
        self._loading = True
        try:
            cursor = self.edit.textCursor()
            position = cursor.position()
            self.edit.setPlainText(text)
            cursor = self.edit.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.edit.setTextCursor(cursor)
        finally:
            self._loading = False
        self.update_count()

    def _changed(self) -> None:
        self.update_count()
        if not self._loading:
            self.edited.emit()

    def update_count(self) -> None:
        words = word_count(self.text())
        if self.min_words:
            color = OK_COLOR if enough_words(words, self.min_words) else TODO_COLOR
            self.count.setText(f"<span style='color:{color}'>{words} / {self.min_words} words</span>")
        else:
            self.count.setText(f"<span style='color:{MUTED_COLOR}'>{words} words</span>")


# --- the page --------------------------------------------------------------------------------------------------


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
        self.data: ReportData | None = None
        self.draft = ReportDraft(clock.today().year)
        self.items: list[ReadinessItem] = []
        self.rendered: RenderedReport | None = None
        self._rendered_key: tuple[int, int | None] | None = None  # (year, revision or None for the draft)
        self._stale = True
        self._build_generation = 0
        self._building = False
        self._after_build: list[Callable[[RenderedReport], object]] = []
        self._current_activity: int | None = None
        self._pending: dict[str, tuple[int, str]] = {}  # field -> (activity id, text) not yet saved
        self._refreshing = False
        self._print_job: dict[str, Any] | None = None
        self._buffer: QBuffer | None = None
        self._rendered_key_pending: tuple[int, int | None] | None = None
        self._loaded_year: int | None = None  # the year whose data the editor shows (edits are saved to it)

        self.commit_timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self.commit_timer.timeout.connect(self.commit_reflections)
        self.draft_timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self.draft_timer.timeout.connect(self.commit_draft)

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
        self.tabs.addTab(self._reflections_tab(), "Reflections")
        self.tabs.addTab(self._summary_tab(), "Summary && plan")
        self.tabs.addTab(self._preview_tab(), "Preview")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.splitter.addWidget(self.tabs)
        self.readiness_panel = ReadinessPanel()
        self.readiness_panel.fix_requested.connect(self.fix)
        self.readiness_panel.setMinimumWidth(260)
        self.splitter.addWidget(self.readiness_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([760, 320])
        layout.addWidget(self.splitter, 1)

    def _reflections_tab(self) -> QWidget:
        tab = named(QSplitter(Qt.Orientation.Horizontal), "reflectionSplitter")
        tab.setChildrenCollapsible(False)
        self.activity_list = named(QListWidget(), "reportActivityList")
        self.activity_list.setAccessibleName("Activities in the report")
        self.activity_list.setMinimumWidth(200)
        self.activity_list.setWordWrap(True)
        self.activity_list.setIconSize(QSize(16, 16))
        self.activity_list.setSpacing(1)
        self.activity_list.currentItemChanged.connect(self._activity_selected)
        tab.addWidget(self.activity_list)

        editor = named(QWidget(), "reflectionEditor")
        form = QVBoxLayout(editor)
        form.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        self.activity_heading = named(QLabel(), "reflectionHeading")
        self.activity_heading.setWordWrap(True)
        head.addWidget(self.activity_heading, 1)
        self.edit_activity_button = named(QPushButton("Edit activity\u2026"), "editReportActivityButton")
        self.edit_activity_button.setAccessibleName("Edit the activity")
        self.edit_activity_button.clicked.connect(lambda: self.open_activity(self._current_activity))
        head.addWidget(self.edit_activity_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addLayout(head)
        self.activity_details = named(QLabel(), "reflectionDetails")
        self.activity_details.setWordWrap(True)
        self.activity_details.setStyleSheet(f"color: {MUTED_COLOR};")
        form.addWidget(self.activity_details)
        self.description_field = ReflectionField("How I took part", DESCRIPTION_PROMPT, "reflectionDescriptionEdit")
        self.learned_field = ReflectionField("What I learned", LEARNED_PROMPT, "reflectionLearnedEdit",
                                             MIN_LEARNED_WORDS)
        self.description_field.edited.connect(lambda: self._reflection_edited("description"))
        self.learned_field.edited.connect(lambda: self._reflection_edited("learned"))
        for f in (self.description_field, self.learned_field):
            f.edit.installEventFilter(self)
        form.addWidget(self.description_field, 2)
        form.addWidget(self.learned_field, 3)
        self.saved_label = named(QLabel(), "reflectionSavedLabel")
        self.saved_label.setStyleSheet(f"color: {MUTED_COLOR};")
        form.addWidget(self.saved_label)
        self.empty_label = named(QLabel(), "reportEmptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor_box = editor
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(editor, 1)
        holder_layout.addWidget(self.empty_label, 1)
        tab.addWidget(holder)
        tab.setStretchFactor(1, 1)
        tab.setSizes([240, 520])
        return tab

    def _summary_tab(self) -> QWidget:
        scroll = named(QScrollArea(), "reportSummaryScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QVBoxLayout(body)
        grid.setContentsMargins(4, 4, 12, 4)

        self.summary_field = ReflectionField("Summary reflection", SUMMARY_PROMPT, "summaryReflectionEdit")
        self.summary_field.edit.setMinimumHeight(110)
        self.summary_field.edited.connect(self._draft_edited)
        self.summary_field.edit.installEventFilter(self)
        grid.addWidget(self.summary_field)

        def section(title: str, name: str, button: str, slot: Callable[[], object],
                    button_name: str) -> QLabel:
            box = QHBoxLayout()
            label = named(QLabel(), name)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            heading = QLabel(f"<b>{title}</b>")
            column = QVBoxLayout()
            column.addWidget(heading)
            column.addWidget(label)
            box.addLayout(column, 1)
            b = named(QPushButton(button), button_name)
            b.setAccessibleName(button.rstrip("\u2026"))
            b.clicked.connect(slot)
            box.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
            grid.addSpacing(6)
            grid.addLayout(box)
            return label

        self.goals_label = section("Needs and goals addressed", "needsGoalsLabel", "Open this year\u2019s plan",
                                   lambda: self.open_planner(self.year()), "openThisPlanButton")
        self.next_plan_label = section("Plan for next year", "nextPlanLabel", "Open next year\u2019s plan",
                                       lambda: self.open_planner(self.year() + 1), "openNextPlanButton")
        self.multirater_label = section("360 (multi-rater) assessment", "multiraterLabel", "Edit profile\u2026",
                                        self.open_profile, "multiraterProfileButton")

        grid.addSpacing(6)
        grid.addWidget(QLabel("<b>Attestation</b>"))
        self.attestation_text = named(QLabel(), "attestationText")
        self.attestation_text.setWordWrap(True)
        grid.addWidget(self.attestation_text)
        row = QGridLayout()
        self.attestation_name = named(QLineEdit(), "attestationNameEdit")
        self.attestation_name.setAccessibleName("Attestation name")
        self.attestation_name.setPlaceholderText("Your name as you sign it")
        self.attestation_name.editingFinished.connect(self.commit_draft)
        self.attestation_name.textEdited.connect(lambda _t: self._draft_edited())
        self.use_profile_name = named(QPushButton("Use profile name"), "useProfileNameButton")
        self.use_profile_name.setAccessibleName("Use the name from the profile")
        self.use_profile_name.clicked.connect(self._use_profile_name)
        self.attestation_signed = named(QCheckBox("Signed on"), "attestationSignedCheck")
        self.attestation_signed.setAccessibleName("Attestation signed")
        self.attestation_signed.toggled.connect(self._attestation_date_changed)
        self.attestation_date = named(QDateEdit(), "attestationDateEdit")
        self.attestation_date.setAccessibleName("Attestation date")
        self.attestation_date.setCalendarPopup(True)
        self.attestation_date.setDisplayFormat("yyyy-MM-dd")
        self.attestation_date.dateChanged.connect(self._attestation_date_changed)
        row.addWidget(QLabel("Name:"), 0, 0)
        row.addWidget(self.attestation_name, 0, 1)
        row.addWidget(self.use_profile_name, 0, 2)
        row.addWidget(self.attestation_signed, 1, 0)
        row.addWidget(self.attestation_date, 1, 1)
        row.setColumnStretch(1, 1)
        grid.addLayout(row)
        grid.addStretch(1)
        scroll.setWidget(body)
        return scroll

    def _preview_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Show:"))
        self.source_combo = named(QComboBox(), "reportSourceCombo")
        self.source_combo.setAccessibleName("Which version to show")
        self.source_combo.currentIndexChanged.connect(lambda _i: self.build_preview())
        bar.addWidget(self.source_combo)
        self.rebuild_button = named(QPushButton("Refresh preview"), "refreshPreviewButton")
        self.rebuild_button.setAccessibleName("Refresh the preview")
        self.rebuild_button.clicked.connect(lambda: self.build_preview(force=True))
        bar.addWidget(self.rebuild_button)
        self.progress = named(QProgressBar(), "reportBuildProgress")
        self.progress.setAccessibleName("Building the PDF")
        self.progress.setMaximumWidth(180)
        self.progress.setVisible(False)
        bar.addWidget(self.progress)
        self.preview_info = named(QLabel(), "previewInfoLabel")
        self.preview_info.setWordWrap(True)
        bar.addWidget(self.preview_info, 1)
        layout.addLayout(bar)
        self.pdf_view = named(QPdfView(), "reportPreview")
        # No parent: when the window is destroyed, the view goes first (and disconnects) while the document, held
        # by this object, is still whole; as a child of the view (or of the page, before it) the document was
        # destroyed first and its last statusChanged reached a view being torn down (a crash).
        self.pdf_document = QPdfDocument()
        self.pdf_view.setAccessibleName("Preview of the report pages")
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.pdf_view, 1)
        return tab

    def _add_menu_action(self) -> None:
        from PySide6.QtGui import QAction

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
        self._current_activity = None
        self._pending.clear()
        self.refresh()

    def refresh(self) -> None:
        """Reload the live report from the store (the window calls this whenever data changes)."""
        if self._refreshing:
            return
        self._refreshing = True
        try:
            year = self.year()
            self._loaded_year = year
            self.data = build_report_data(year, clock.today())
            self.draft = get_draft(year)
            self._fill_activity_list()
            self._fill_summary()
            self._fill_sources()
            self._update_readiness()
            self._update_status()
            self._stale = True
            if self.tabs.currentIndex() == 2 and self.isVisible():
                self.build_preview()
        finally:
            self._refreshing = False

    def _live_data(self) -> ReportData | None:
        """The report with the text still being typed, so the readiness check follows every keystroke."""
        if self.data is None:
            return None
        data = self.data
        activities = []
        for a in data.activities:
            for field, (activity_id, text) in self._pending.items():
                if activity_id == a.activity_id and field == "description":
                    a = replace(a, description=text.strip())
                elif activity_id == a.activity_id:
                    a = replace(a, learned=text.strip())
            activities.append(a)
        summary = self.summary_field.text().strip()
        name = self.attestation_name.text().strip()
        return replace(data, activities=tuple(activities), summary_reflection=summary, attestation_name=name,
                       attestation_date=self._attestation_value())

    def _update_readiness(self) -> None:
        live = self._live_data()
        if live is None:
            return
        # The glyph check needs the fonts, which a worker loads when the page is made (not to delay start-up).
        self.items = readiness(live, clock.today(), unprintable=missing_glyphs if fonts_loaded() else None)
        self.readiness_panel.set_items(self.items)
        for i in range(self.activity_list.count()):
            item = self.activity_list.item(i)
            activity = next((a for a in live.activities if a.activity_id == item.data(Qt.ItemDataRole.UserRole)),
                            None)
            if activity is not None:
                problems = activity_problems(activity)
                item.setIcon(_icon(self, not problems, False))
                item.setToolTip("; ".join(p for p, _ in problems) or "Complete")

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
                    f"<b>Changed since submitted:</b> {_html(shown)}. The submitted revision stays as it was; "
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

    # --- reflections ------------------------------------------------------------------------------------

    def _fill_activity_list(self) -> None:
        assert self.data is not None
        wanted = [(a.activity_id, self._list_text(a)) for a in self.data.activities]
        present = [(self.activity_list.item(i).data(Qt.ItemDataRole.UserRole), self.activity_list.item(i).text())
                   for i in range(self.activity_list.count())]
        if wanted != present:
            self.activity_list.blockSignals(True)
            self.activity_list.clear()
            for activity_id, text in wanted:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, activity_id)
                self.activity_list.addItem(item)
            self.activity_list.blockSignals(False)
        ids = [a for a, _ in wanted]
        target = self._current_activity if self._current_activity in ids else (ids[0] if ids else None)
        if target is not None:
            row = ids.index(target)
            if self.activity_list.currentRow() != row:
                self.activity_list.setCurrentRow(row)  # fills the editor through _activity_selected
            else:
                self._show_activity(target)
        else:
            self._show_activity(None)
        has = bool(ids)
        self.editor_box.setVisible(has)
        self.empty_label.setVisible(not has)
        self.empty_label.setText(f"No completed activities with hours in {self.year()} yet.\n"
                                 "Log them on the Activities page; they appear here to reflect on.")

    @staticmethod
    def _list_text(a: ReportActivity) -> str:
        return f"#{a.number}  {a.title}\n{date_range(a.start_date, a.end_date, 'short')} \u00b7 " \
               f"{format_hours(a.hours)} h"

    def _activity(self, activity_id: int | None) -> ReportActivity | None:
        if self.data is None or activity_id is None:
            return None
        return next((a for a in self.data.activities if a.activity_id == activity_id), None)

    def _activity_selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.commit_reflections()
        self._show_activity(current.data(Qt.ItemDataRole.UserRole) if current is not None else None)

    def _show_activity(self, activity_id: int | None) -> None:
        self._current_activity = activity_id
        a = self._activity(activity_id)
        for f in (self.description_field, self.learned_field):
            f.setEnabled(a is not None)
        self.edit_activity_button.setEnabled(a is not None)
        if a is None:
            self.activity_heading.setText("")
            self.activity_details.setText("")
            self.description_field.set_text("")
            self.learned_field.set_text("")
            return
        assert self.data is not None
        self.activity_heading.setText(f"<span style='color:{MUTED_COLOR}'>Professional Development Activity "
                                      f"#{a.number}</span><br><b style='font-size:12pt'>{_html(a.title)}</b>")
        practices = ", ".join(f"{n} {self.data.practice_name(n)}" for n in a.practices) or \
            f"<span style='color:{TODO_COLOR}'>no practices</span>"
        self.activity_details.setText(
            f"{date_range(a.start_date, a.end_date)} \u00b7 {_html(a.provider) or 'no provider'} \u00b7 "
            f"{type_label(a.type)} \u00b7 {format_hours(a.hours)} h<br>Practices: {practices}")
        for field, widget in (("description", self.description_field), ("learned", self.learned_field)):
            pending = self._pending.get(field)
            if pending is not None and pending[0] == activity_id:
                continue  # the member is typing: keep their text
            widget.set_text(getattr(a, field))

    def _reflection_edited(self, field: str) -> None:
        if self._current_activity is None:
            return
        widget = self.description_field if field == "description" else self.learned_field
        self._pending[field] = (self._current_activity, widget.text())
        self.saved_label.setText("Editing\u2026")
        self.commit_timer.start()
        self._update_readiness()

    def commit_reflections(self) -> None:
        """Save typed reflections to their activities (one undoable step per field)."""
        self.commit_timer.stop()
        pending, self._pending = self._pending, {}
        saved = False
        for field, (activity_id, text) in pending.items():
            try:
                before = get_activity(activity_id)
            except LookupError:
                continue
            if getattr(before.data, field).strip() == text.strip():
                continue
            try:
                after = save_reflection(activity_id, year=self._loaded_year, **{field: text})
            except (ValidationError, LookupError) as exc:
                prompts.show_error(self, "Save reflection", f"The reflection could not be saved: {exc}")
                continue
            command = ReflectionCommand(self, before, after, field)
            self.shell.undo_stack.push(command)
            saved = True
        if saved:
            self.saved_label.setText("Saved to the activity")
            self._notify()

    def reflection_restored(self, activity_id: int) -> None:
        """An undo or redo put a reflection back: show it."""
        self._pending.clear()
        self._current_activity = activity_id
        self._notify()

    def _notify(self) -> None:
        self.shell.notify_data_changed()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt API)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FocusOut:
            if watched in (self.description_field.edit, self.learned_field.edit):
                self.commit_reflections()
            elif watched is self.summary_field.edit:
                self.commit_draft()
        return super().eventFilter(watched, event)

    # --- summary tab ------------------------------------------------------------------------------------

    def _fill_summary(self) -> None:
        assert self.data is not None
        d = self.data
        if not self.draft_timer.isActive():
            self.summary_field.set_text(self.draft.summary_reflection)
            if not self.attestation_name.hasFocus():
                self.attestation_name.setText(self.draft.attestation_name)
            self.attestation_signed.blockSignals(True)
            self.attestation_date.blockSignals(True)
            self.attestation_signed.setChecked(self.draft.attestation_date is not None)
            today = clock.today()
            when = self.draft.attestation_date or today
            self.attestation_date.setDate(QDate(when.year, when.month, when.day))
            self.attestation_date.setMaximumDate(QDate(today.year, today.month, today.day))
            self.attestation_date.setEnabled(self.draft.attestation_date is not None)
            self.attestation_signed.blockSignals(False)
            self.attestation_date.blockSignals(False)
        self.attestation_text.setText(attestation_text(d.year))
        # Needs and goals addressed
        if not d.has_plan:
            goals = f"<span style='color:{MUTED_COLOR}'>No plan for {d.year}: the report will say so.</span>"
        else:
            parts = []
            if d.needs:
                needs = ", ".join(f"{n.practice} {_html(d.practice_name(n.practice))} "
                                  f"({format_hours(n.hours)} h)" for n in d.needs)
                parts.append(f"Needs: {needs}")
            for g in d.goals:
                refs = ", ".join(f"#{n}" for n in g.addressed_by) or "no activity yet"
                term = "Long-term" if g.term == "long" else "Short-term"
                parts.append(f"{term}: {_html(g.text)} <span style='color:{MUTED_COLOR}'>({refs})</span>")
            goals = "<br>".join(parts) or f"<span style='color:{MUTED_COLOR}'>The plan has no needs or goals.</span>"
        self.goals_label.setText(goals)
        nxt = d.next_year
        if nxt is None:
            plan = f"<span style='color:{TODO_COLOR}'>No plan for {d.year + 1} yet.</span>"
        else:
            plan = (f"{len(nxt.needs)} needs, {len(nxt.goals)} goals, {len(nxt.items)} planned activities "
                    f"({format_hours(nxt.planned_hours)} h estimated)")
        self.next_plan_label.setText(plan)
        m = d.multirater
        today = clock.today()
        color = TODO_COLOR if m.overdue(today) else "inherit"
        self.multirater_label.setText(f"<span style='color:{color}'>{_html(m.describe(today))}</span>")

    def _attestation_value(self) -> date | None:
        if not self.attestation_signed.isChecked():
            return None
        d = self.attestation_date.date()
        return date(d.year(), d.month(), d.day())

    def _draft_edited(self) -> None:
        self.draft_timer.start()
        self._update_readiness()

    def _attestation_date_changed(self, *_args: Any) -> None:
        self.attestation_date.setEnabled(self.attestation_signed.isChecked())
        self.commit_draft()

    def _use_profile_name(self) -> None:
        if self.data is not None:
            self.attestation_name.setText(self.data.member.name)
            self.commit_draft()

    def commit_draft(self) -> None:
        """Save the summary reflection and attestation if they changed."""
        self.draft_timer.stop()
        if self._refreshing:
            return
        summary = self.summary_field.text().strip()
        name = self.attestation_name.text().strip()
        when = self._attestation_value()
        d = self.draft
        if (summary, name, when) == (d.summary_reflection, d.attestation_name, d.attestation_date):
            return
        try:
            self.draft = save_draft(self._loaded_year or self.year(), summary_reflection=summary,
                                    attestation_name=name, attestation_date=when, today=clock.today())
        except ValidationError as exc:
            prompts.show_error(self, "Save report", str(exc))
            return
        self._notify()

    def commit_pending(self) -> None:
        self.commit_reflections()
        self.commit_draft()

    # --- fixes --------------------------------------------------------------------------------------------

    def fix(self, item: ReadinessItem) -> None:
        """Take the user to where `item` is fixed."""
        if item.fix == Fix.ACTIVITY:
            self.open_activity(item.activity_id)
        elif item.fix == Fix.REFLECTION:
            self.tabs.setCurrentIndex(0)
            if item.activity_id is not None:
                self.select_activity(item.activity_id)
            widget = self.learned_field if item.field == "learned" else self.description_field
            widget.edit.setFocus()
            widget.edit.moveCursor(QTextCursor.MoveOperation.End)
        elif item.fix == Fix.ACTIVITIES:
            self.open_activity(None)
        elif item.fix == Fix.PLANNER:
            self.open_planner(self.year() + 1)
        elif item.fix == Fix.PROFILE:
            self.open_profile()
        elif item.fix == Fix.ATTESTATION:
            self.tabs.setCurrentIndex(1)
            self.attestation_name.setFocus()

    def select_activity(self, activity_id: int) -> None:
        for i in range(self.activity_list.count()):
            if self.activity_list.item(i).data(Qt.ItemDataRole.UserRole) == activity_id:
                self.activity_list.setCurrentRow(i)
                return

    def open_activity(self, activity_id: int | None) -> QWidget:
        """The activity dialog (non-blocking): a new activity when `activity_id` is None."""
        self.commit_pending()
        return self.shell.open_activity(activity_id)

    def open_planner(self, year: int) -> None:
        self.shell.show_plan(year)

    def open_profile(self) -> QWidget:
        return self.shell.open_profile()

    # --- building, preview, save, print -------------------------------------------------------------------

    def _fill_sources(self) -> None:
        revisions = list_revisions(self.year())
        wanted = [("Current draft", None)] + [
            (f"Revision {r.revision} as submitted {long_date(r.submitted_date)}", r.revision) for r in revisions]
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
        """Preview a submitted revision (None: the current draft)."""
        self.tabs.setCurrentIndex(2)
        index = self.source_combo.findData(revision)
        if index >= 0 and index != self.source_combo.currentIndex():
            self.source_combo.setCurrentIndex(index)  # builds through the signal
        else:
            self.build_preview()

    def _source_key(self) -> tuple[int, int | None]:
        revision = self.source_combo.currentData()
        return self.year(), int(revision) if revision is not None else None

    def _tab_changed(self, index: int) -> None:
        if index == 2:
            self.build_preview()

    def build_preview(self, force: bool = False, then: Callable[[RenderedReport], object] | None = None) -> None:
        """Build the PDF shown in the preview on a worker (unless the one shown is current); `then` runs with it."""
        if then is not None:
            self._after_build.append(then)
        key = self._source_key()
        current = self.rendered is not None and self._rendered_key == key and (key[1] is not None or not self._stale)
        if current and not force and not self._building:
            assert self.rendered is not None
            self.preview_ready.emit(self.rendered)  # already shown: nothing to build
            self._run_after_build()
            return
        self.commit_pending()
        if self._building and not force and self._rendered_key_pending == key:
            return
        self._build_generation += 1
        generation = self._build_generation
        self._rendered_key_pending = key
        self._building = True
        self._stale = False
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.preview_info.setText("Building the PDF\u2026")
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
        self.preview_info.setText(f"<span style='color:{TODO_COLOR}'>The PDF could not be built: "
                                  f"{_html(str(exc))}</span>")
        self.build_failed.emit(str(exc))

    def _built(self, generation: int, key: tuple[int, int | None], result: tuple[RenderedReport, str]) -> None:
        if generation != self._build_generation:
            return  # a newer build was started; this one is out of date
        rendered, note = result
        self._building = False
        self.progress.setVisible(False)
        self.rendered = rendered
        self._rendered_key = key
        self._load_into_view(rendered.pdf)
        self.preview_info.setText(f"{rendered.pages} page{'s' if rendered.pages != 1 else ''}" + note)
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

    def suggested_file_name(self) -> str:
        year, revision = self._source_key()
        name = (self.data.member.name if self.data else "").strip() or "report"
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-") or "report"
        suffix = f"-revision-{revision}" if revision is not None else ""
        return f"annual-report-{year}-{safe}{suffix}.pdf"

    def save_pdf(self) -> None:
        """Build (if needed), then ask where to save."""
        self.build_preview(then=self._save_rendered)

    def _save_rendered(self, rendered: RenderedReport) -> Path | None:
        path = prompts.choose_save_file(self, "Save the annual report", str(Path.home() / self.suggested_file_name()),
                                        "PDF files (*.pdf)")
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_atomically(path, rendered.pdf, make_parents=True)
        except OSError as exc:
            prompts.show_error(self, "Save as PDF", f"The report could not be written to {path}: {exc}")
            return None
        self._status_message(f"Saved the {self.year()} report to {path}")
        return path

    def print_report(self) -> None:
        self.build_preview(then=self._print_rendered)

    def _print_rendered(self, _rendered: RenderedReport) -> None:
        if self._print_job is not None:
            return  # Print pressed again while the PDF was built: a new job would destroy the running one's printer
        printer = ask_printer(self)
        if printer is None:
            return
        pages = self.pdf_document.pageCount()
        if pages <= 0:
            return
        first, last = 1, pages
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = max(1, printer.fromPage()), min(pages, printer.toPage() or pages)
        painter = QPainter()
        if not painter.begin(printer):
            prompts.show_error(self, "Print", "The printer could not be started.")
            return
        self._print_job = {"printer": printer, "painter": painter, "page": first, "last": last, "count": 0}
        self.print_button.setEnabled(False)
        # One page per turn of the event loop, so the window stays responsive while a long report prints.
        QTimer.singleShot(0, self._print_next_page)

    def _print_next_page(self) -> None:
        job = self._print_job
        if job is None:
            return
        printer: QPrinter = job["printer"]
        painter: QPainter = job["painter"]
        index = job["page"] - 1
        target: QRect = painter.viewport()
        size = self.pdf_document.pagePointSize(index)
        dpi = min(printer.resolution(), 300)
        image = self.pdf_document.render(index, QSize(int(size.width() / 72 * dpi), int(size.height() / 72 * dpi)))
        scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRect(target.x(), target.y(), scaled.width(), scaled.height()), image)
        job["count"] += 1
        self._status_message(f"Printing page {job['page']} of {job['last']}\u2026")
        if job["page"] < job["last"]:
            printer.newPage()
            job["page"] += 1
            QTimer.singleShot(0, self._print_next_page)
            return
        painter.end()
        self._print_job = None
        self.print_button.setEnabled(True)
        self._status_message(f"Sent {job['count']} pages to the printer")
        self.printed.emit(job["count"])

    def _status_message(self, text: str) -> None:
        self.shell.show_message(text, 8000)

    # --- submitting ---------------------------------------------------------------------------------------

    def submit(self) -> None:
        """Freeze the live report as the next revision (asks for the date)."""
        self.commit_pending()
        self.refresh()
        year = self.year()
        revision = len(list_revisions(year)) + 1
        open_items = [i for i in self.items if not i.ok]
        when = ask_submission_date(self, year, revision, open_items)
        if when is None:
            return
        self.submit_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        run_in_worker(submit_report, year, when, today=clock.today(), renderer=render_revision_pdf,
                      on_result=self._submitted, on_error=self._submit_failed)

    def _submitted(self, submission: Submission) -> None:
        self.submit_button.setEnabled(True)
        self.progress.setVisible(False)
        info = submission.info
        self._notify()
        self._fill_sources()
        self.source_combo.blockSignals(True)
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(info.revision)))
        self.source_combo.blockSignals(False)
        self._rendered_key = (info.year, info.revision)
        self._load_into_view(submission.pdf)
        self.rendered = RenderedReport(submission.pdf, self.pdf_document.pageCount())
        self.preview_info.setText(_sha_note(info, submission.pdf))
        self.report_submitted.emit(submission)
        self._status_message(f"The {info.year} report is marked submitted on {long_date(info.submitted_date)} "
                             f"(revision {info.revision})")
        self._save_rendered(self.rendered)

    def _submit_failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        self.progress.setVisible(False)
        prompts.show_error(self, "Mark submitted", f"The report was not submitted: {exc}")


# --- worker jobs (run on a pool thread: data and bytes only, no widgets) ---------------------------------------


def _build_draft(year: int, on: date, progress: Callable[[int, int], None]) -> tuple[RenderedReport, str]:
    return render_report(build_report_data(year, on), progress=progress), " \u00b7 current draft"


def _build_revision(year: int, revision: int, progress: Callable[[int, int], None]) -> tuple[RenderedReport, str]:
    """A submitted revision rebuilt from its frozen snapshot, exactly as it was sent (an invariant build)."""
    info, data = get_revision(year, revision)
    rendered = render_report(data, invariant=True, progress=progress)
    return rendered, " \u00b7 " + _sha_note(info, rendered.pdf)


def _sha_note(info: RevisionInfo, pdf: bytes) -> str:
    import hashlib

    same = hashlib.sha256(pdf).hexdigest() == info.pdf_sha256
    head = f"revision {info.revision}, submitted {long_date(info.submitted_date)}"
    if same:
        return f"{head}: identical to the file submitted (sha256 {info.pdf_sha256[:12]}\u2026)"
    return (f"{head}: <span style='color:{WARN_COLOR}'>the same content, but its bytes differ from the file "
            "submitted (the app's PDF library changed)</span>")
