"""The eligibility helper, a tab of the profile dialog: education and years of experience in, eligibility as
ICMA-CM Candidate or Credentialed Manager (DOMAIN.md section 3) and the years still needed out, as the user types.

It follows the profile dialog's tab protocol (dialog.py PROFILE_TABS): `changed`, `errors()` and
`apply()`, which stores the fields when the dialog is saved.
"""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
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
from wethrive_desktop.ui.colors import OK, application_palette, follow_palette, text_color
from wethrive_desktop.ui.widgets.fit import vertical_scroll
from wethrive_desktop.ui.widgets.form_dialog import date_edit, from_qdate
from wethrive_desktop.ui.widgets.naming import named

MAX_SPIN_YEARS = 70.0


def years_spin(value: Decimal, name: str, accessible: str) -> QDoubleSpinBox:
    spin = named(QDoubleSpinBox(), name, accessible)
    spin.setDecimals(2)
    spin.setRange(0, MAX_SPIN_YEARS)
    spin.setSingleStep(0.5)
    spin.setSuffix(tr(" years"))
    spin.setValue(float(value))
    return spin


def requirement_table(result: EligibilityResult, palette: QPalette | None = None) -> str:
    """The two designations, the years each requires and what is missing: "met" in the success colour at its
    shade for `palette` (the application's by default), so it reads on a dark one too."""
    met_color = text_color(OK, palette).name()
    rows = []
    for label, required, missing, when in (
            (CANDIDATE, result.candidate_required, result.years_to_candidate, result.candidate_date),
            (CREDENTIALED_MANAGER, result.cm_required, result.years_to_cm, result.cm_date)):
        if missing == 0:
            state = f"<span style='color:{met_color}'>{html.escape(tr('met'))}</span>"
        elif when is not None:
            state = html.escape(tr("{missing} more, about {date}").format(missing=fmt_years(missing),
                                                                         date=format_date(when)))
        else:
            state = html.escape(tr("{missing} more (not counting on: your current role earns no credit)").format(
                missing=fmt_years(missing)))
        years = html.escape(trn("%n year", "%n years", required))
        rows.append(f"<tr><td>{html.escape(tr(label))}</td><td align='right'>&nbsp;{years}&nbsp;</td>"
                    f"<td>{state}</td></tr>")
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"


class ProfileExtraTab(QWidget):
    """A tab of the profile dialog after the profile itself. It takes the dialog as its parent; the dialog checks
    `errors()` whenever `changed` is emitted (showing them once they are due, as for its own fields: Save stays
    enabled and a save attempt with errors brings the tab forward) and calls `apply()` on Save, after the profile
    is saved (a ValidationError keeps the dialog open and shows its messages)."""

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
        self.education_combo = named(QComboBox(), "educationCombo", tr("Education"))
        self.education_combo.addItem(tr("Choose…"), "")
        for key, label in EDUCATION_LABELS.items():
            self.education_combo.addItem(tr(label), key.value)
        self.education_combo.setCurrentIndex(max(self.education_combo.findData(stored.education), 0))
        self.senior_spin = years_spin(stored.senior_years, "seniorYears", tr("Senior management experience"))
        self.senior_spin.setToolTip(tr("Years of senior local-government management experience (full credit)"))
        self.head_spin = years_spin(stored.department_head_years, "departmentHeadYears",
                                    tr("Department-head experience"))
        self.head_spin.setToolTip(tr("Department-head experience counts at half credit"))
        self.as_of_edit = named(date_edit(stored.as_of or clock.today()), "experienceAsOf", tr("Counted as of"))
        self.as_of_edit.setToolTip(tr("The date these years were counted; experience keeps counting from it"))
        self.role_combo = named(QComboBox(), "currentRole", tr("Current role"))
        for role, label in ROLE_LABELS.items():
            self.role_combo.addItem(tr(label), role.value)
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(stored.current_role), 0))

        self.result_label = named(QLabel(), "eligibilityResult", tr("Eligibility"))
        self.result_label.setWordWrap(True)
        intro = QLabel(tr("Eligibility for the Voluntary Credentialing Program depends on education and years of "
                          "senior local-government management experience; department-head years count at half "
                          "credit. A Candidate is within two years of the Credentialed Manager requirement."))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(tr("&Education"), self.education_combo)
        form.addRow(tr("&Senior management"), self.senior_spin)
        form.addRow(tr("&Department head"), self.head_spin)
        form.addRow(tr("Counted &as of"), self.as_of_edit)
        form.addRow(tr("Current &role"), self.role_combo)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.result_label)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(vertical_scroll(content, "eligibilityArea"))  # scrolls down on a short screen

        for combo in (self.education_combo, self.role_combo):
            combo.currentIndexChanged.connect(self._changed)
        for spin in (self.senior_spin, self.head_spin):
            spin.valueChanged.connect(self._changed)
        self.as_of_edit.dateChanged.connect(self._changed)
        self._initial = self.data()
        follow_palette(self.result_label, self._show_result)  # "met" keeps its contrast on a new palette

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
            self.result_label.setText(tr("Choose your education to see when you are eligible."))
            return
        base = credited_years(data.senior_years, data.department_head_years)
        if data.department_head_years:
            counted = tr("{credited} credited ({senior} senior + {head} department head at half credit)").format(
                credited=fmt_years(base), senior=fmt_years(data.senior_years),
                head=fmt_years(data.department_head_years))
        else:
            counted = tr("{credited} credited").format(credited=fmt_years(base))
        if data.as_of:
            counted = tr("{counted} as of {date}").format(counted=counted, date=format_date(data.as_of))
        if result.credited_years != base:
            counted = tr("{counted}; {today} today, counting on in your current role").format(
                counted=counted, today=fmt_years(result.credited_years))
        required = tr("Required with {education}:").format(education=tr(EDUCATION_LABELS[result.education]))
        self.result_label.setText(
            f"<p><b>{html.escape(result.describe())}</b></p><p>{html.escape(counted)}.</p>"
            f"<p>{html.escape(required)}</p>" + requirement_table(result, application_palette()))

    # --- the profile dialog's tab protocol -------------------------------------------------------------------

    def errors(self) -> list[str]:
        names = {"education": tr("Education"), "senior_years": tr("Senior management"),
                 "department_head_years": tr("Department head"), "as_of": tr("Counted as of"),
                 "current_role": tr("Current role")}
        return [tr("{field}: {problem}").format(field=names.get(e.field, e.field), problem=e.message)
                for e in validate_experience(self.data(), clock.today())]

    def apply(self) -> None:
        """Store the fields (called when the profile dialog is saved). Raises ValidationError."""
        if self.data() != self._initial:  # untouched: leave the stored record (and its "as of" date) alone
            save_experience(self.data(), clock.today())
            self._initial = self.data()
