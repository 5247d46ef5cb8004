"""The "Summary & plan" tab: the summary reflection, the needs and goals the year addressed, next year's plan, the
360 assessment, and the attestation (name and date).

The summary and the attestation are the report's own text (models.annual_report.save_draft). Like a reflection,
text typed is saved after a pause in typing (`draft_timer`, COMMIT_DELAY_MS), at once when focus leaves the field,
and whenever the page asks (`commit_draft`); the readiness check follows every key through `changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
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

from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report import ReportData, ReportDraft, save_draft
from wethrive_desktop.models.reflections import SUMMARY_PROMPT, attestation_text
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.report.fields import COMMIT_DELAY_MS, ReflectionField
from wethrive_desktop.ui.report.style import MUTED_COLOR, TODO_COLOR, escape
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.widgets.naming import named


class SummaryTab(QScrollArea):
    """The summary, plan and attestation of the year shown (objectName `reportSummaryScroll`)."""

    changed = Signal()  # the summary or the name was typed (not saved yet): the readiness check follows
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
        body = QWidget()
        grid = QVBoxLayout(body)
        grid.setContentsMargins(4, 4, 12, 4)

        self.summary_field = ReflectionField("Summary reflection", SUMMARY_PROMPT, "summaryReflectionEdit")
        self.summary_field.edit.setMinimumHeight(110)
        self.summary_field.edited.connect(self._draft_edited)
        self.summary_field.edit.installEventFilter(self)  # focus leaving the field saves it
        grid.addWidget(self.summary_field)

        self.goals_label = self._section(grid, "Needs and goals addressed", "needsGoalsLabel",
                                         "Open this year\u2019s plan", "openThisPlanButton",
                                         lambda: self.shell.show_plan(self.draft.year))
        self.next_plan_label = self._section(grid, "Plan for next year", "nextPlanLabel",
                                             "Open next year\u2019s plan", "openNextPlanButton",
                                             lambda: self.shell.show_plan(self.draft.year + 1))
        self.multirater_label = self._section(grid, "360 (multi-rater) assessment", "multiraterLabel",
                                              "Edit profile\u2026", "multiraterProfileButton",
                                              lambda: self.shell.open_profile())

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
        self.attestation_text.setText(attestation_text(d.year))
        # Needs and goals addressed
        if not d.has_plan:
            goals = f"<span style='color:{MUTED_COLOR}'>No plan for {d.year}: the report will say so.</span>"
        else:
            parts = []
            if d.needs:
                needs = ", ".join(f"{n.practice} {escape(d.practice_name(n.practice))} "
                                  f"({format_hours(n.hours)} h)" for n in d.needs)
                parts.append(f"Needs: {needs}")
            for g in d.goals:
                refs = ", ".join(f"#{n}" for n in g.addressed_by) or "no activity yet"
                term = "Long-term" if g.term == "long" else "Short-term"
                parts.append(f"{term}: {escape(g.text)} <span style='color:{MUTED_COLOR}'>({refs})</span>")
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
        self.multirater_label.setText(f"<span style='color:{color}'>{escape(m.describe(today))}</span>")

    def live(self, data: ReportData) -> ReportData:
        """`data` with the summary and the attestation as typed, not yet saved."""
        return replace(data, summary_reflection=self.summary_field.text().strip(),
                       attestation_name=self.attestation_name.text().strip(),
                       attestation_date=self.attestation_value())

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
        d = self.draft
        if (summary, name, when) == (d.summary_reflection, d.attestation_name, d.attestation_date):
            return
        self.saving.emit()
        try:
            self.draft = save_draft(d.year, summary_reflection=summary, attestation_name=name,
                                    attestation_date=when, today=clock.today())
        except ValidationError as exc:
            prompts.show_error(self, "Save report", str(exc))
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

    def _use_profile_name(self) -> None:
        if self.data is not None:
            self.attestation_name.setText(self.data.member.name)
            self.commit_draft()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut and watched is self.summary_field.edit:
            self.commit_draft()
        return super().eventFilter(watched, event)
