"""The profile dialog (Edit > Profile...): who the member is and where they stand in the credentialing program.

Open it with `open_profile_dialog(parent, shell)` (not blocking; returns the dialog; the shell's pages refresh when
it is saved). It is a QTabWidget (`dialog.tabs`) whose first tab is the profile; the other tabs are the
`ProfileExtraTab` classes listed in `PROFILE_TABS` (eligibility.py says what such a tab does).
Fields are checked as the user types (models.profile.validate_profile), each message next to its field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.domain import CredentialStatus
from wethrive_desktop.models.profile import ProfileData, get_profile, save_profile, validate_profile
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui.profile.eligibility import EligibilityWidget, ProfileExtraTab
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.widgets.naming import error_label, named, show_as_error

# Extra tabs: (title, tab class), added after the Profile tab in this order.
PROFILE_TABS: tuple[tuple[str, type[ProfileExtraTab]], ...] = (
    ("&Eligibility", EligibilityWidget),
)

DATE_FORMAT_HINT = "YYYY-MM-DD"


class OptionalDateEdit(QWidget):
    """A date that may be left empty: typed as YYYY-MM-DD or picked from a calendar; empty means not set."""

    changed = Signal()

    def __init__(self, name: str, accessible: str):
        super().__init__()
        self.edit = named(QLineEdit(), name, accessible)
        self.edit.setPlaceholderText(f"{DATE_FORMAT_HINT} (empty if not yet)")
        self.edit.setMaxLength(10)
        self.edit.setClearButtonEnabled(True)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.pick_button = named(QToolButton(), f"{name}Pick", f"Pick {accessible.lower()}")
        self.pick_button.setText("Pick...")
        self.pick_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.pick_button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._show_current)
        self.pick_button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick_button)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.setFocusProxy(self.edit)

    def _show_current(self) -> None:
        current = self.value()
        shown = current if isinstance(current, date) else clock.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, picked: QDate) -> None:
        self.edit.setText(picked.toString("yyyy-MM-dd"))
        menu = self.pick_button.menu()
        if menu is not None:
            menu.hide()

    def value(self) -> date | None | str:
        """The date, None when empty, or the text itself when it is not a date (to report)."""
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text

    def set_value(self, value: date | None) -> None:
        self.edit.setText(value.isoformat() if value else "")


class ProfileTab(QWidget):
    """The member's details and credential status."""

    changed = Signal()

    def __init__(self, profile: ProfileData):
        super().__init__()
        self.setObjectName("profileTab")
        self.error_labels: dict[str, QLabel] = {}
        self.name_edit = self._line("nameEdit", "Name", profile.name, "as on ICMA records")
        self.member_edit = self._line("memberNumberEdit", "ICMA member number", profile.member_number, "digits")
        self.title_edit = self._line("jobTitleEdit", "Job title", profile.title, "e.g. Assistant City Manager")
        self.organization_edit = self._line("organizationEdit", "Organization", profile.organization,
                                            "e.g. City of Springfield")
        self.location_edit = self._line("locationEdit", "State/country", profile.location, "e.g. Ohio, USA")
        self.email_edit = self._line("emailEdit", "Email", profile.email, "name@example.org")
        self.credential_combo = named(QComboBox(), "credentialCombo", "Credential status")
        for status in CredentialStatus:
            self.credential_combo.addItem(status.label, status.value)
        self.credential_combo.setCurrentIndex(max(self.credential_combo.findData(profile.credential_status), 0))
        self.dates = {
            "program_entry_date": OptionalDateEdit("programEntryDateEdit", "Entered the credentialing program"),
            "credentialed_date": OptionalDateEdit("credentialedDateEdit", "Credentialed since"),
            "management_assessment_date": OptionalDateEdit("assessmentDateEdit", "Management Assessment taken"),
            "multirater_completed_date": OptionalDateEdit("multiraterDateEdit", "360 assessment completed"),
        }
        for name, edit in self.dates.items():
            edit.set_value(getattr(profile, name))
            edit.changed.connect(self._changed)
        self.multirater_due = named(QLabel(), "multiraterDue")
        signup = "Signed up for the #WeThriveHere challenge"
        self.signup_check = named(QCheckBox(signup), "challengeSignupCheck", signup)
        self.signup_check.setChecked(profile.challenge_signup)
        self.signup_check.setToolTip("Signing up earns the challenge's sign-up points each year")
        self.credential_combo.currentIndexChanged.connect(self._changed)
        self.signup_check.toggled.connect(self._changed)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self._with_error(self.name_edit, "name"))
        form.addRow("ICMA &member number", self._with_error(self.member_edit, "member_number"))
        form.addRow("&Job title", self._with_error(self.title_edit, "title"))
        form.addRow("&Organization", self._with_error(self.organization_edit, "organization"))
        form.addRow("&State/country", self._with_error(self.location_edit, "location"))
        form.addRow("&Email", self._with_error(self.email_edit, "email"))
        form.addRow("&Credential status", self._with_error(self.credential_combo, "credential_status"))
        form.addRow("Entered the &program", self._with_error(self.dates["program_entry_date"], "program_entry_date"))
        form.addRow("Credentialed s&ince", self._with_error(self.dates["credentialed_date"], "credentialed_date"))
        form.addRow("Management &Assessment", self._with_error(self.dates["management_assessment_date"],
                                                                 "management_assessment_date"))
        multirater = QWidget()
        column = QVBoxLayout(multirater)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(self.dates["multirater_completed_date"])
        column.addWidget(self.multirater_due)
        form.addRow("&360 assessment done", self._with_error(multirater, "multirater_completed_date"))
        form.addRow("", self.signup_check)
        self._update_due()

    def _line(self, name: str, accessible: str, value: str, placeholder: str) -> QLineEdit:
        edit = named(QLineEdit(value), name, accessible)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._changed)
        return edit

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        label = error_label(field)
        layout.addWidget(label)
        self.error_labels[field] = label
        return box

    def _changed(self, *_args: Any) -> None:
        self._update_due()
        self.changed.emit()

    def _update_due(self) -> None:
        entry = self.dates["program_entry_date"].value()
        done = self.dates["multirater_completed_date"].value()
        if isinstance(entry, date) and not isinstance(done, date):
            due = ProfileData(program_entry_date=entry).multirater_due()
            self.multirater_due.setText(f"Due by {due.isoformat()} (within five years of entering the program)"
                                        if due else "")
        else:
            self.multirater_due.setText("")
        self.multirater_due.setVisible(bool(self.multirater_due.text()))

    def data(self) -> tuple[ProfileData, list[FieldError]]:
        """The profile as typed, and the dates that could not be read (validate_profile checks the rest)."""
        unreadable: list[FieldError] = []
        dates: dict[str, date | None] = {}
        for name, edit in self.dates.items():
            value = edit.value()
            if isinstance(value, str):
                unreadable.append(FieldError(name, f"'{value}' is not a date ({DATE_FORMAT_HINT})"))
                dates[name] = None
            else:
                dates[name] = value
        profile = ProfileData(
            name=self.name_edit.text(),
            member_number=self.member_edit.text(),
            title=self.title_edit.text(),
            organization=self.organization_edit.text(),
            location=self.location_edit.text(),
            email=self.email_edit.text().strip(),
            credential_status=str(self.credential_combo.currentData()),
            challenge_signup=self.signup_check.isChecked(),
            **dates,
        )
        return profile, unreadable

    def errors(self) -> list[FieldError]:
        profile, unreadable = self.data()
        return unreadable + validate_profile(profile)

    def show_errors(self, errors: list[FieldError]) -> None:
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error.field, []).append(error.message)
        for field, label in self.error_labels.items():
            label.setText("\n".join(by_field.get(field, [])))
            label.setVisible(field in by_field)


class ProfileDialog(QDialog):
    profile_saved = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle("Profile")
        self.setAccessibleName("Profile")
        self.tabs = named(QTabWidget(), "profileTabs")
        self.profile_tab = ProfileTab(get_profile())
        self.tabs.addTab(self.profile_tab, "&Profile")
        self.extra_tabs: list[ProfileExtraTab] = []
        for title, tab_class in PROFILE_TABS:
            tab = tab_class(self)
            self.extra_tabs.append(tab)
            self.tabs.addTab(tab, title)
            tab.changed.connect(self.validate)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName("Save profile")
        self.problem_label = named(QLabel(), "profileProblem")
        show_as_error(self.problem_label)
        self.problem_label.setWordWrap(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.profile_tab.changed.connect(self.validate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(620, 560)
        self.validate()

    def validate(self) -> bool:
        errors = self.profile_tab.errors()
        self.profile_tab.show_errors(errors)
        problems = [str(p) for tab in self.extra_tabs for p in tab.errors()]
        self.problem_label.setText("\n".join(problems))
        ok = not errors and not problems
        self.save_button.setEnabled(ok)
        return ok

    def accept(self) -> None:
        if not self.validate():
            return
        profile, _ = self.profile_tab.data()
        try:
            save_profile(profile)
            for tab in self.extra_tabs:
                tab.apply()
        except ValidationError as exc:
            self.profile_tab.show_errors(exc.errors)
            self.problem_label.setText("; ".join(str(e) for e in exc.errors))
            return
        self.profile_saved.emit()
        super().accept()


def open_profile_dialog(parent: QWidget | None, shell: Shell | None = None) -> ProfileDialog:
    """Open the profile dialog (window-modal, not blocking) and return it; saving it refreshes `shell`'s pages."""
    dialog = ProfileDialog(parent)
    if shell is not None:
        dialog.profile_saved.connect(shell.notify_data_changed)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog

