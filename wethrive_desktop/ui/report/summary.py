"""The "Summary & plan" tab: the summary reflection, the needs and goals the year addressed, next year's plan, the
360 assessment, the hours that count (and why not all do), an extension granted for the report, and the attestation
(name and date).

A year written as one narrative (a wholistic report) has that narrative as its reflection: the summary reflection is
then not shown (a note says where the narrative is) and not printed, and what was typed in it is kept, shown again if
the member goes back to a reflection per activity (`set_wholistic`).

The summary, the extension and the attestation are the report's own text (models.annual_report.save_draft). Like a
reflection, text typed is saved after a pause in typing (`draft_timer`, COMMIT_DELAY_MS), at once when focus leaves
the field, and whenever the page asks (`commit_draft`); the readiness check follows every key through `changed`.

It scrolls vertically where the page is short; its lines wrap, so it never scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report import ReportData, ReportDraft, explanations, save_draft
from wethrive_desktop.models.domain import MAX_YEAR
from wethrive_desktop.models.reflections import SUMMARY_PROMPT, attestation_shown
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.report.fields import COMMIT_DELAY_MS, ReflectionField
from wethrive_desktop.ui.report.style import (
    MUTED_COLOR,
    TODO_COLOR,
    bold_label,
    colored,
    date_edit_format,
    escape,
)
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.widgets.naming import named


class SummaryTab(QScrollArea):
    """The summary, plan and attestation of the year shown (objectName `reportSummaryScroll`)."""

    changed = Signal()  # the summary or the name was typed (not saved yet): the readiness check follows
    narrative_requested = Signal()  # "Go to the narrative" (a wholistic report's reflection, on the Reflections tab)
    saving = Signal()  # the summary and attestation are about to be saved
    saved = Signal(object)  # ReportDraft: as saved, before the window is told

    def __init__(self, shell: Shell):
        super().__init__()
        self.setObjectName("reportSummaryScroll")
        self.shell = shell
        self.data: ReportData | None = None
        self.draft = ReportDraft(clock.today().year)  # as stored, of the year shown
        self.draft_timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self.draft_timer.timeout.connect(self.commit_draft)

        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        grid = QVBoxLayout(body)
        grid.setContentsMargins(4, 4, 12, 4)

        self.summary_field = ReflectionField(tr("Summar&y reflection"), tr(SUMMARY_PROMPT), "summaryReflectionEdit")
        self.summary_field.edit.setMinimumHeight(110)
        self.summary_field.edited.connect(self._draft_edited)
        self.summary_field.edit.installEventFilter(self)  # focus leaving the field saves it
        grid.addWidget(self.summary_field)
        # In a wholistic report the narrative is the year's reflection: this note stands where the summary was.
        note = QHBoxLayout()
        column = QVBoxLayout()
        self.narrative_heading = bold_label(tr("Reflection on the year"))
        column.addWidget(self.narrative_heading)
        self.narrative_note = named(QLabel(tr(
            "The year is written as one narrative, on the Reflections tab: it is the year\u2019s reflection, and the "
            "report prints it instead of a summary reflection. A summary you wrote before is kept, and comes back if "
            "you choose \u201cReflect on each activity\u201d.")), "summaryNarrativeNote")
        self.narrative_note.setWordWrap(True)
        self.narrative_note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.narrative_note.setStyleSheet(f"color: {MUTED_COLOR};")
        column.addWidget(self.narrative_note)
        note.addLayout(column, 1)
        self.narrative_button = named(QPushButton(tr("Go to the n&arrative")), "goToNarrativeButton")
        self.narrative_button.setAccessibleName(tr("Go to the narrative"))
        self.narrative_button.clicked.connect(self.narrative_requested)
        note.addWidget(self.narrative_button, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(note)
        self.set_wholistic(False)

        self.goals_label = self._section(grid, tr("Needs and goals addressed"), "needsGoalsLabel",
                                         tr("&Open this year\u2019s plan"), "openThisPlanButton",
                                         lambda: self.shell.show_plan(self.draft.year))
        self.next_plan_label = self._section(grid, tr("Plan for next year"), "nextPlanLabel",
                                             tr("Open ne&xt year\u2019s plan"), "openNextPlanButton",
                                             lambda: self.shell.show_plan(self.draft.year + 1))
        self.multirater_label = self._section(grid, tr("360 (multi-rater) assessment"), "multiraterLabel",
                                              tr("Ed&it profile\u2026"), "multiraterProfileButton",
                                              lambda: self.shell.open_profile())

        grid.addSpacing(6)
        grid.addWidget(bold_label(tr("Hours that count")))
        self.counting_label = named(QLabel(), "hoursCountedLabel")
        self.counting_label.setWordWrap(True)
        self.counting_label.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(self.counting_label)

        grid.addSpacing(6)
        grid.addWidget(bold_label(tr("Extension")))
        extension = QHBoxLayout()
        self.extension_granted = named(QCheckBox(tr("Extension granted un&til")), "extensionGrantedCheck")
        self.extension_granted.setAccessibleName(tr("Extension granted"))
        self.extension_granted.setToolTip(tr("The day an extension ICMA granted for this year\u2019s report runs to; "
                                             "clear the box when there is none"))
        self.extension_granted.toggled.connect(self._extension_changed)
        self.extension_date = named(QDateEdit(), "extensionDateEdit")
        self.extension_date.setAccessibleName(tr("Extension granted until"))
        self.extension_date.setCalendarPopup(True)
        self.extension_date.setDisplayFormat(date_edit_format())
        self.extension_date.dateChanged.connect(self._extension_changed)
        extension.addWidget(self.extension_granted)
        extension.addWidget(self.extension_date)
        extension.addStretch(1)
        grid.addLayout(extension)

        grid.addSpacing(6)
        grid.addWidget(bold_label(tr("Attestation")))
        self.attestation_text = named(QLabel(), "attestationText")
        self.attestation_text.setWordWrap(True)
        grid.addWidget(self.attestation_text)
        row = QGridLayout()
        self.attestation_name = named(QLineEdit(), "attestationNameEdit")
        self.attestation_name.setAccessibleName(tr("Attestation name"))
        self.attestation_name.setPlaceholderText(tr("Your name as you sign it"))
        self.attestation_name.editingFinished.connect(self.commit_draft)
        self.attestation_name.textEdited.connect(lambda _t: self._draft_edited())
        self.use_profile_name = named(QPushButton(tr("Use profi&le name")), "useProfileNameButton")
        self.use_profile_name.setAccessibleName(tr("Use the name from the profile"))
        self.use_profile_name.clicked.connect(self._use_profile_name)
        self.attestation_signed = named(QCheckBox(tr("Si&gned on")), "attestationSignedCheck")
        self.attestation_signed.setAccessibleName(tr("Attestation signed"))
        self.attestation_signed.toggled.connect(self._attestation_date_changed)
        self.attestation_date = named(QDateEdit(), "attestationDateEdit")
        self.attestation_date.setAccessibleName(tr("Attestation date"))
        self.attestation_date.setCalendarPopup(True)
        self.attestation_date.setDisplayFormat(date_edit_format())
        self.attestation_date.dateChanged.connect(self._attestation_date_changed)
        name_label = QLabel(tr("&Name:"))
        name_label.setBuddy(self.attestation_name)
        row.addWidget(name_label, 0, 0)
        row.addWidget(self.attestation_name, 0, 1)
        row.addWidget(self.use_profile_name, 0, 2)
        row.addWidget(self.attestation_signed, 1, 0)
        row.addWidget(self.attestation_date, 1, 1)
        row.setColumnStretch(1, 1)
        grid.addLayout(row)
        grid.addStretch(1)
        self.setWidget(body)

    @staticmethod
    def _section(grid: QVBoxLayout, title: str, name: str, button: str, button_name: str,
                 slot: Callable[[], object]) -> QLabel:
        """A heading over a rich-text label (returned), with a button beside them."""
        box = QHBoxLayout()
        label = named(QLabel(), name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        heading = bold_label(title)
        column = QVBoxLayout()
        column.addWidget(heading)
        column.addWidget(label)
        box.addLayout(column, 1)
        b = named(QPushButton(button), button_name)
        b.setAccessibleName(button.replace("&", "").rstrip("\u2026"))
        b.clicked.connect(slot)
        box.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        grid.addSpacing(6)
        grid.addLayout(box)
        return label

    # --- what the page asks -------------------------------------------------------------------------------

    def fill(self, data: ReportData, draft: ReportDraft) -> None:
        """Show the live report `data` and its stored `draft` (the text being typed is kept)."""
        self.data, self.draft, d = data, draft, data
        if not self.draft_timer.isActive():
            self.summary_field.set_text(draft.summary_reflection)
            if not self.attestation_name.hasFocus():
                self.attestation_name.setText(draft.attestation_name)
            self.attestation_signed.blockSignals(True)
            self.attestation_date.blockSignals(True)
            self.attestation_signed.setChecked(draft.attestation_date is not None)
            today = clock.today()
            when = draft.attestation_date or today
            self.attestation_date.setDate(QDate(when.year, when.month, when.day))
            self.attestation_date.setMaximumDate(QDate(today.year, today.month, today.day))
            self.attestation_date.setEnabled(draft.attestation_date is not None)
            self.attestation_signed.blockSignals(False)
            self.attestation_date.blockSignals(False)
        self._fill_extension(draft)
        self.set_wholistic(draft.wholistic)
        self.attestation_text.setText(attestation_shown(d.year))
        self.counting_label.setText(self._counting_text(d))
        self.goals_label.setText(self._goals_text(d))
        nxt = d.next_year
        if nxt is None:
            plan = colored(tr("No plan for {year} yet.").format(year=d.year + 1), TODO_COLOR)
        else:
            plan = escape(tr("{needs} needs, {goals} goals, {activities} planned activities ({hours} h "
                             "estimated)").format(needs=len(nxt.needs), goals=len(nxt.goals),
                                                  activities=len(nxt.items), hours=format_hours(nxt.planned_hours)))
        self.next_plan_label.setText(plan)
        m = d.multirater
        today = clock.today()
        said = m.describe(today, translated=True)
        # (Only an overdue one is coloured: a span "inherit"ing its colour drew black text on a dark palette.)
        self.multirater_label.setText(colored(said, TODO_COLOR) if m.overdue(today) else escape(said))

    def _fill_extension(self, draft: ReportDraft) -> None:
        """The extension as stored; its date can only fall after the reporting year."""
        self.extension_granted.blockSignals(True)
        self.extension_date.blockSignals(True)
        first = date(draft.year + 1, 1, 1)
        self.extension_date.setMinimumDate(QDate(first.year, first.month, first.day))
        self.extension_date.setMaximumDate(QDate(MAX_YEAR, 12, 31))
        self.extension_granted.setChecked(draft.extension_until is not None)
        when = draft.extension_until or date(draft.year + 1, 6, 30)
        self.extension_date.setDate(QDate(when.year, when.month, when.day))
        self.extension_date.setEnabled(draft.extension_until is not None)
        self.extension_granted.blockSignals(False)
        self.extension_date.blockSignals(False)

    def set_wholistic(self, wholistic: bool) -> None:
        """A year written as one narrative: the summary reflection gives way to the note (its text is kept)."""
        self.summary_field.setVisible(not wholistic)
        for widget in (self.narrative_heading, self.narrative_note, self.narrative_button):
            widget.setVisible(wholistic)


    @staticmethod
    def _counting_text(d: ReportData) -> str:
        """The hours that count toward the commitment and why not all of them do, as rich text."""
        logged, counted = d.total_hours, d.counted_hours
        hours = {"counted": format_hours(counted), "logged": format_hours(logged),
                 "required": format_hours(d.required_hours)}
        if counted == logged:
            head = tr("{logged} h logged, all count toward the {required} h commitment.").format(**hours)
        else:
            head = tr("{logged} h logged, {counted} h count toward the {required} h commitment.").format(**hours)
        lines = [escape(head)] + [f"\u2022 {escape(line)}" for line in explanations(d, translated=True)]
        return "<br>".join(lines)

    @staticmethod
    def _goals_text(d: ReportData) -> str:
        """The needs and goals of the year's plan the report addresses, as rich text."""
        if not d.has_plan:
            return colored(tr("No plan for {year}: the report will say so.").format(year=d.year), MUTED_COLOR)
        parts = []
        if d.needs:
            needs = ", ".join(f"{n.practice} {tr(d.practice_name(n.practice))} "
                              f"({tr('{hours} h').format(hours=format_hours(n.hours))})" for n in d.needs)
            parts.append(escape(tr("Needs: {needs}").format(needs=needs)))
        for g in d.goals:
            refs = ", ".join(f"#{n}" for n in g.addressed_by) or tr("no activity yet")
            template = tr("Long-term: {goal} ({activities})") if g.term == "long" else \
                tr("Short-term: {goal} ({activities})")
            parts.append(escape(template).format(goal=escape(g.text), activities=colored(refs, MUTED_COLOR)))
        return "<br>".join(parts) or colored(tr("The plan has no needs or goals."), MUTED_COLOR)

    def live(self, data: ReportData) -> ReportData:
        """`data` with the summary and the attestation as typed, not yet saved."""
        return replace(data, summary_reflection=self.summary_field.text().strip(),
                       attestation_name=self.attestation_name.text().strip(),
                       attestation_date=self.attestation_value(), extension_until=self.extension_value())

    def extension_value(self) -> date | None:
        if not self.extension_granted.isChecked():
            return None
        d = self.extension_date.date()
        return date(d.year(), d.month(), d.day())

    def attestation_value(self) -> date | None:
        if not self.attestation_signed.isChecked():
            return None
        d = self.attestation_date.date()
        return date(d.year(), d.month(), d.day())

    def commit_draft(self) -> None:
        """Save the summary reflection and attestation if they changed."""
        self.draft_timer.stop()
        summary = self.summary_field.text().strip()
        name = self.attestation_name.text().strip()
        when = self.attestation_value()
        extension = self.extension_value()
        d = self.draft
        if (summary, name, when, extension) == (d.summary_reflection, d.attestation_name, d.attestation_date,
                                                d.extension_until):
            return
        self.saving.emit()
        try:
            self.draft = save_draft(d.year, summary_reflection=summary, attestation_name=name,
                                    attestation_date=when, extension_until=extension, today=clock.today())
        except ValidationError as exc:
            prompts.show_error(self, tr("Save report"), str(exc))
            return
        self.saved.emit(self.draft)
        self.shell.notify_data_changed()

    # --- the editor ---------------------------------------------------------------------------------------

    def _draft_edited(self) -> None:
        self.draft_timer.start()
        self.changed.emit()

    def _attestation_date_changed(self, *_args: Any) -> None:
        self.attestation_date.setEnabled(self.attestation_signed.isChecked())
        self.commit_draft()

    def _extension_changed(self, *_args: Any) -> None:
        self.extension_date.setEnabled(self.extension_granted.isChecked())
        self.commit_draft()

    def _use_profile_name(self) -> None:
        if self.data is not None:
            self.attestation_name.setText(self.data.member.name)
            self.commit_draft()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """Lay the tab out again if what changed while it was hidden left it stale. (A layout asked to update while
        its widget is hidden waits; a resize meanwhile was not applied, so the note shown in place of the summary
        reflection, say, was squeezed to a line until the window was resized.)"""
        super().showEvent(event)
        body = self.widget()
        layout = body.layout() if body is not None else None
        if body is not None and layout is not None and layout.geometry() != body.rect():
            layout.invalidate()
            layout.activate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut and watched is self.summary_field.edit:
            self.commit_draft()
        return super().eventFilter(watched, event)
