"""The eligibility helper, a tab of the profile dialog: education and years of experience in, eligibility as
ICMA-CM Candidate or Credentialed Manager (DOMAIN.md section 3) and the years still needed out, as the user types.

It follows the profile dialog's tab protocol (dialog.py PROFILE_TABS): `changed`, `errors()` and
`apply()`, which stores the fields when the dialog is saved.
"""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from wethrive_desktop.models import clock
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.models.eligibility import (
    CANDIDATE,
    CREDENTIALED_MANAGER,
    EDUCATION_LABELS,
    ROLE_LABELS,
    EligibilityResult,
    ExperienceData,
    assess,
    credited_years,
    fmt_years,
    get_experience,
    save_experience,
    validate_experience,
)
from wethrive_desktop.ui.widgets.form_dialog import date_edit, from_qdate
from wethrive_desktop.ui.widgets.naming import named

MAX_SPIN_YEARS = 70.0


def years_spin(value: Decimal, name: str, accessible: str) -> QDoubleSpinBox:
    spin = named(QDoubleSpinBox(), name, accessible)
    spin.setDecimals(2)
    spin.setRange(0, MAX_SPIN_YEARS)
    spin.setSingleStep(0.5)
    spin.setSuffix(" years")
    spin.setValue(float(value))
    return spin


def requirement_table(result: EligibilityResult) -> str:
    rows = []
    for label, required, missing, when in (
            (CANDIDATE, result.candidate_required, result.years_to_candidate, result.candidate_date),
            (CREDENTIALED_MANAGER, result.cm_required, result.years_to_cm, result.cm_date)):
        if missing == 0:
            state = "<span style='color:#2e7d32'>met</span>"
        else:
            state = f"{fmt_years(missing)} more" + (f", about {long_date(when)}" if when else "")
            if when is None:
                state += " (not counting on: your current role earns no credit)"
        rows.append(f"<tr><td>{label}</td><td align='right'>&nbsp;{required} years&nbsp;</td><td>{state}</td></tr>")
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"


class ProfileExtraTab(QWidget):
    """A tab of the profile dialog after the profile itself. It takes the dialog as its parent; the dialog checks
    `errors()` whenever `changed` is emitted (OK is disabled while there are any) and calls `apply()` on OK, after
    the profile is saved (a ValidationError keeps the dialog open and shows its messages)."""

    changed = Signal()

    def errors(self) -> list[str]:
        return []

    def apply(self) -> None:
        """Store the tab's fields."""


class EligibilityWidget(ProfileExtraTab):

    def __init__(self, dialog: QWidget | None = None):
        super().__init__(dialog)
        self.setObjectName("eligibilityTab")
        stored = get_experience()
        self.education_combo = named(QComboBox(), "educationCombo", "Education")
        self.education_combo.addItem("Choose…", "")
        for key, label in EDUCATION_LABELS.items():
            self.education_combo.addItem(label, key.value)
        self.education_combo.setCurrentIndex(max(self.education_combo.findData(stored.education), 0))
        self.senior_spin = years_spin(stored.senior_years, "seniorYears", "Senior management experience")
        self.senior_spin.setToolTip("Years of senior local-government management experience (full credit)")
        self.head_spin = years_spin(stored.department_head_years, "departmentHeadYears",
                                    "Department-head experience")
        self.head_spin.setToolTip("Department-head experience counts at half credit")
        self.as_of_edit = named(date_edit(stored.as_of or clock.today()), "experienceAsOf", "Counted as of")
        self.as_of_edit.setToolTip("The date these years were counted; experience keeps counting from it")
        self.role_combo = named(QComboBox(), "currentRole", "Current role")
        for role, label in ROLE_LABELS.items():
            self.role_combo.addItem(label, role.value)
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(stored.current_role), 0))

        self.result_label = named(QLabel(), "eligibilityResult", "Eligibility")
        self.result_label.setWordWrap(True)
        intro = QLabel("Eligibility for the Voluntary Credentialing Program depends on education and years of senior "
                       "local-government management experience; department-head years count at half credit. A "
                       "Candidate is within two years of the Credentialed Manager requirement.")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Education", self.education_combo)
        form.addRow("&Senior management", self.senior_spin)
        form.addRow("&Department head", self.head_spin)
        form.addRow("Counted &as of", self.as_of_edit)
        form.addRow("Current &role", self.role_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)

        for combo in (self.education_combo, self.role_combo):
            combo.currentIndexChanged.connect(self._changed)
        for spin in (self.senior_spin, self.head_spin):
            spin.valueChanged.connect(self._changed)
        self.as_of_edit.dateChanged.connect(self._changed)
        self._initial = self.data()
        self._show_result()

    def data(self) -> ExperienceData:
        return ExperienceData(
            education=self.education_combo.currentData() or "",
            senior_years=Decimal(str(round(self.senior_spin.value(), 2))),
            department_head_years=Decimal(str(round(self.head_spin.value(), 2))),
            as_of=from_qdate(self.as_of_edit.date()),
            current_role=self.role_combo.currentData(),
        )

    def _changed(self, *_args: object) -> None:
        self._show_result()
        self.changed.emit()

    def result(self) -> EligibilityResult | None:
        return assess(self.data(), clock.today())

    def _show_result(self) -> None:
        data = self.data()
        result = assess(data, clock.today())
        if result is None:
            self.result_label.setText("Choose your education to see when you are eligible.")
            return
        base = credited_years(data.senior_years, data.department_head_years)
        counted = f"{fmt_years(base)} credited"
        if data.department_head_years:
            counted += (f" ({fmt_years(data.senior_years)} senior + {fmt_years(data.department_head_years)} "
                        "department head at half credit)")
        if data.as_of:
            counted += f" as of {long_date(data.as_of)}"
        if result.credited_years != base:
            counted += f"; {fmt_years(result.credited_years)} today, counting on in your current role"
        self.result_label.setText(
            f"<p><b>{html.escape(result.describe())}</b></p><p>{html.escape(counted)}.</p>"
            f"<p>Required with {html.escape(EDUCATION_LABELS[result.education])}:</p>"
            + requirement_table(result))

    # --- the profile dialog's tab protocol -------------------------------------------------------------------

    def errors(self) -> list[str]:
        return [str(e) for e in validate_experience(self.data(), clock.today())]

    def apply(self) -> None:
        """Store the fields (called when the profile dialog is saved). Raises ValidationError."""
        if self.data() != self._initial:  # untouched: leave the stored record (and its "as of" date) alone
            save_experience(self.data(), clock.today())
            self._initial = self.data()
