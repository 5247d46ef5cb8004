"""The profile dialog (Edit > Profile...): who the member is and where they stand in the credentialing program.

Open it with `open_profile_dialog(parent, shell)` (not blocking; returns the dialog; the shell's pages refresh when
it is saved). It is a QTabWidget (`dialog.tabs`) whose first tab is the profile; the other tabs are the
`ProfileExtraTab` classes listed in `PROFILE_TABS` (eligibility.py says what such a tab does).
Fields are checked as the user types (models.profile.validate_profile), each message next to its field, and kindly
(see ProfileDialog); what ICMA would question but the member may mean (models.profile.profile_warnings: another
instrument than ICMA's pre-approved ones, few raters, a postponement while serving; nothing of the kind while the 360
is waived, postponed or not asked) shows beside its field as a warning that never stops a save. Dates show in the
locale's short format and may be typed in it or as YYYY-MM-DD.

The program statuses: the credential status (with Retired Credentialed Manager), the service status (serving, in
transition, no longer in local-government service) and the 360: when it was completed, its instrument, whether that
is one of ICMA's pre-approved ones, the number of raters and its status (worked out from the dates, postponed,
waived). Under the 360's date, where it stands (models.multirater) as the fields say now.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QSize, Qt, Signal
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
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from wethrive_desktop.i18n import format_date, noop, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.domain import CredentialStatus, MultiraterStatus, ServiceStatus, valid_year
from wethrive_desktop.models.multirater import DONE, multirater_standing
from wethrive_desktop.models.profile import (
    MAX_INSTRUMENT_LENGTH,
    MAX_RATERS,
    ProfileData,
    get_profile,
    profile_warnings,
    save_profile,
    validate_profile,
)
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui.colors import WARN, color_text
from wethrive_desktop.ui.i18n import short_date_pattern
from wethrive_desktop.ui.profile.eligibility import EligibilityWidget, ProfileExtraTab
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.widgets.fit import vertical_scroll
from wethrive_desktop.ui.widgets.naming import error_label, named, show_as_error

# Extra tabs: (title, tab class), added after the Profile tab in this order; the title goes through `tr` when shown.
PROFILE_TABS: tuple[tuple[str, type[ProfileExtraTab]], ...] = (
    ("E&ligibility", EligibilityWidget),
)

# The 360's status as the member may set it (models.domain.MultiraterStatus), shown through tr.
MULTIRATER_STATUS_LABELS: dict[MultiraterStatus, str] = {
    MultiraterStatus.AUTO: noop("Worked out from the dates"),
    MultiraterStatus.POSTPONED: noop("Postponed (member in transition)"),
    MultiraterStatus.WAIVED: noop("Waived (Retired Credentialed Manager)"),
}
# Whether the 360's instrument is one of ICMA's pre-approved ones: not said, yes, no.
PREAPPROVED_LABELS: tuple[tuple[bool | None, str], ...] = (
    (None, noop("Not said")),
    (True, noop("Yes: one of ICMA's pre-approved instruments")),
    (False, noop("No: another instrument")),
)


def parse_date(text: str) -> date | None:
    """A date typed in the locale's short format ("3/14/2023") or as YYYY-MM-DD, in the years the app takes; None
    when it is neither."""
    parsed = QLocale().toDate(text, short_date_pattern())
    found: date | None = date(parsed.year(), parsed.month(), parsed.day()) if parsed.isValid() else None
    if found is None:
        try:
            found = date.fromisoformat(text)
        except ValueError:
            return None
    return found if valid_year(found.year) else None  # "3/14/23" is no date of the year 23


class OptionalDateEdit(QWidget):
    """A date that may be left empty: typed (in the locale's short format, or YYYY-MM-DD) or picked from a
    calendar; empty means not set."""

    changed = Signal()

    def __init__(self, name: str, accessible: str):
        super().__init__()
        self.edit = named(QLineEdit(), name, accessible)
        self.edit.setPlaceholderText(tr("e.g. {date} (empty if not yet)").format(
            date=format_date(clock.today(), short=True)))
        self.edit.setMaxLength(20)
        self.edit.setClearButtonEnabled(True)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        # A push button with a menu leaves room for its arrow (a tool button draws it over its text); the arrow
        # says a calendar drops down, so the text has no ellipsis. Not a default button: Enter in a field saves.
        self.pick_button = named(QPushButton(tr("Pick")), f"{name}Pick", tr("Pick: {field}").format(field=accessible))
        self.pick_button.setAutoDefault(False)
        self.pick_button.setToolTip(tr("Pick the date from a calendar"))
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
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        menu = self.pick_button.menu()
        if menu is not None:
            menu.hide()

    def value(self) -> date | None | str:
        """The date, None when empty, or the text itself when it is not a date (to report)."""
        text = self.edit.text().strip()
        if not text:
            return None
        found = parse_date(text)
        return text if found is None else found

    def set_value(self, value: date | None) -> None:
        self.edit.setText(format_date(value, short=True) if value else "")


class ProfileTab(QWidget):
    """The member's details and credential status. `edited` names the fields the user changed (their messages
    show from then on)."""

    changed = Signal()

    def __init__(self, profile: ProfileData):
        super().__init__()
        self.setObjectName("profileTab")
        self.error_labels: dict[str, QLabel] = {}
        self.warning_labels: dict[str, QLabel] = {}
        self.edited: set[str] = set()
        self.name_edit = self._line("name", "nameEdit", tr("Name"), profile.name, tr("as on ICMA records"))
        self.member_edit = self._line("member_number", "memberNumberEdit", tr("ICMA member number"),
                                      profile.member_number, tr("digits"))
        self.title_edit = self._line("title", "jobTitleEdit", tr("Job title"), profile.title,
                                     tr("e.g. Assistant City Manager"))
        self.organization_edit = self._line("organization", "organizationEdit", tr("Organization"),
                                            profile.organization, tr("e.g. City of Springfield"))
        self.location_edit = self._line("location", "locationEdit", tr("State/country"), profile.location,
                                        tr("e.g. Ohio, USA"))
        self.email_edit = self._line("email", "emailEdit", tr("Email"), profile.email, tr("name@example.org"))
        self.credential_combo = named(QComboBox(), "credentialCombo", tr("Credential status"))
        for status in CredentialStatus:
            self.credential_combo.addItem(tr(status.label), status.value)
        self.credential_combo.setCurrentIndex(max(self.credential_combo.findData(profile.credential_status), 0))
        self.service_combo = named(QComboBox(), "serviceCombo", tr("Service status"))
        for service in ServiceStatus:
            self.service_combo.addItem(tr(service.label), service.value)
        self.service_combo.setCurrentIndex(max(self.service_combo.findData(profile.service_status), 0))
        self.service_combo.setToolTip(tr("A member in transition is between local-government posts; the program's "
                                         "requirements wait for one no longer in local-government service"))
        self.dates = {
            "program_entry_date": OptionalDateEdit("programEntryDateEdit", tr("Entered the credentialing program")),
            "credentialed_date": OptionalDateEdit("credentialedDateEdit", tr("Credentialed since")),
            "management_assessment_date": OptionalDateEdit("assessmentDateEdit", tr("Management Assessment taken")),
            "multirater_completed_date": OptionalDateEdit("multiraterDateEdit", tr("360 assessment completed")),
        }
        for name, edit in self.dates.items():
            edit.set_value(getattr(profile, name))
            edit.changed.connect(self._edited(name))
        self.multirater_due = named(QLabel(), "multiraterDue")
        self.multirater_due.setWordWrap(True)
        self.instrument_edit = self._line("multirater_instrument", "multiraterInstrumentEdit", tr("360 instrument"),
                                          profile.multirater_instrument, tr("the name of the 360 you used"))
        self.instrument_edit.setMaxLength(MAX_INSTRUMENT_LENGTH)
        self.preapproved_combo = named(QComboBox(), "multiraterPreapprovedCombo",
                                       tr("One of ICMA's pre-approved instruments"))
        for value, label in PREAPPROVED_LABELS:
            self.preapproved_combo.addItem(tr(label), value)
        self.preapproved_combo.setCurrentIndex(
            next(i for i, (value, _) in enumerate(PREAPPROVED_LABELS) if value is profile.multirater_preapproved))
        self.raters_spin = named(QSpinBox(), "multiraterRatersSpin", tr("Number of raters"))
        self.raters_spin.setRange(0, MAX_RATERS)
        self.raters_spin.setSpecialValueText(tr("Not said"))  # 0: not said
        self.raters_spin.setValue(profile.multirater_raters or 0)
        self.raters_spin.setToolTip(tr("How many people rated you (colleagues, staff, elected officials)"))
        self.multirater_status_combo = named(QComboBox(), "multiraterStatusCombo", tr("360 status"))
        for mr_status, label in MULTIRATER_STATUS_LABELS.items():
            self.multirater_status_combo.addItem(tr(label), mr_status.value)
        self.multirater_status_combo.setCurrentIndex(
            max(self.multirater_status_combo.findData(profile.multirater_status), 0))
        self.multirater_status_combo.setToolTip(tr("The 360 is waived for Retired Credentialed Managers and can be "
                                                   "postponed for members in transition"))
        self.signup_check = named(QCheckBox(tr("Si&gned up for the #WeThriveHere challenge")),
                                  "challengeSignupCheck", tr("Signed up for the #WeThriveHere challenge"))
        self.signup_check.setChecked(profile.challenge_signup)
        self.signup_check.setToolTip(tr("Signing up earns the challenge's sign-up points each year"))
        self.credential_combo.currentIndexChanged.connect(self._edited("credential_status"))
        self.service_combo.currentIndexChanged.connect(self._edited("service_status"))
        self.preapproved_combo.currentIndexChanged.connect(self._edited("multirater_preapproved"))
        self.raters_spin.valueChanged.connect(self._edited("multirater_raters"))
        self.multirater_status_combo.currentIndexChanged.connect(self._edited("multirater_status"))
        self.signup_check.toggled.connect(self._edited("challenge_signup"))

        # Each label's buddy is its field (not the box with the field and its message), so Alt+letter reaches it.
        # The tab bar has Alt+P (Profile) and Alt+L (Eligibility); Alt+S is the State/country's, not Save's.
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._row(form, tr("&Name"), self.name_edit, "name")
        self._row(form, tr("ICMA &member number"), self.member_edit, "member_number")
        self._row(form, tr("&Job title"), self.title_edit, "title")
        self._row(form, tr("&Organization"), self.organization_edit, "organization")
        self._row(form, tr("&State/country"), self.location_edit, "location")
        self._row(form, tr("&Email"), self.email_edit, "email")
        self._row(form, tr("&Credential status"), self.credential_combo, "credential_status")
        self._row(form, tr("Ser&vice status"), self.service_combo, "service_status")
        self._row(form, tr("En&tered the program"), self.dates["program_entry_date"], "program_entry_date",
                  self.dates["program_entry_date"].edit)
        self._row(form, tr("Credentialed s&ince"), self.dates["credentialed_date"], "credentialed_date",
                  self.dates["credentialed_date"].edit)
        self._row(form, tr("Management &Assessment"), self.dates["management_assessment_date"],
                  "management_assessment_date", self.dates["management_assessment_date"].edit)
        multirater = QWidget()
        column = QVBoxLayout(multirater)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(self.dates["multirater_completed_date"])
        column.addWidget(self.multirater_due)
        self._row(form, tr("&360 assessment done"), multirater, "multirater_completed_date",
                  self.dates["multirater_completed_date"].edit)
        self._row(form, tr("360 inst&rument"), self.instrument_edit, "multirater_instrument")
        self._row(form, tr("Pre-approve&d by ICMA"), self.preapproved_combo, "multirater_preapproved")
        self._row(form, tr("Num&ber of raters"), self.raters_spin, "multirater_raters")
        self._row(form, tr("360 stat&us"), self.multirater_status_combo, "multirater_status")
        form.addRow("", self.signup_check)
        # Each field with a message, in form order: a save attempt focuses the first in error.
        self.field_widgets: dict[str, QWidget] = {
            "name": self.name_edit, "member_number": self.member_edit, "title": self.title_edit,
            "organization": self.organization_edit, "location": self.location_edit, "email": self.email_edit,
            "credential_status": self.credential_combo, "service_status": self.service_combo,
            **{name: edit.edit for name, edit in self.dates.items()},
            "multirater_instrument": self.instrument_edit, "multirater_preapproved": self.preapproved_combo,
            "multirater_raters": self.raters_spin, "multirater_status": self.multirater_status_combo}
        self._update_due()

    def _line(self, field: str, name: str, accessible: str, value: str, placeholder: str) -> QLineEdit:
        edit = named(QLineEdit(value), name, accessible)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._edited(field))
        return edit

    def _row(self, form: QFormLayout, text: str, widget: QWidget, field: str, buddy: QWidget | None = None) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or widget)
        form.addRow(label, self._with_error(widget, field))

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        label = error_label(field)
        layout.addWidget(label)
        self.error_labels[field] = label
        warning = QLabel()
        warning.setObjectName(label.objectName().removesuffix("Error") + "Warning")
        warning.setWordWrap(True)
        color_text(warning, WARN)
        warning.hide()
        layout.addWidget(warning)
        self.warning_labels[field] = warning
        return box

    def _edited(self, field: str) -> Callable[..., None]:
        def edited(*_args: Any) -> None:
            self.edited.add(field)
            self._update_due()
            self.changed.emit()
        return edited

    def _update_due(self) -> None:
        """Where the 360 stands as the fields say now (not shown once its date says it is done), and the warnings."""
        profile, _ = self.data()
        standing = multirater_standing(profile, clock.today())
        self.multirater_due.setText("" if standing.status == DONE else standing.sentence)
        self.multirater_due.setVisible(bool(self.multirater_due.text()))
        self.show_warnings(profile_warnings(profile))

    def show_warnings(self, warnings: list[FieldError]) -> None:
        by_field: dict[str, list[str]] = {}
        for warning in warnings:
            by_field.setdefault(warning.field, []).append(warning.message)
        for field, label in self.warning_labels.items():
            label.setText("\n".join(by_field.get(field, [])))
            label.setVisible(field in by_field)

    def data(self) -> tuple[ProfileData, list[FieldError]]:
        """The profile as typed, and the dates that could not be read (validate_profile checks the rest)."""
        unreadable: list[FieldError] = []
        dates: dict[str, date | None] = {}
        for name, edit in self.dates.items():
            value = edit.value()
            if isinstance(value, str):
                unreadable.append(FieldError(name, tr("'{text}' is not a date (e.g. {example})").format(
                    text=value, example=format_date(clock.today(), short=True))))
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
            program_entry_date=dates["program_entry_date"],
            credentialed_date=dates["credentialed_date"],
            management_assessment_date=dates["management_assessment_date"],
            multirater_completed_date=dates["multirater_completed_date"],
            service_status=str(self.service_combo.currentData()),
            multirater_instrument=self.instrument_edit.text(),
            multirater_preapproved=self.preapproved_combo.currentData(),
            multirater_raters=self.raters_spin.value() or None,
            multirater_status=str(self.multirater_status_combo.currentData()),
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
            widget = self.field_widgets.get(field)
            if widget is not None:  # read out by screen readers with the field, with its warning
                warning = self.warning_labels[field]
                words = [t for t in (label.text(), warning.text() if warning.isVisibleTo(self) else "") if t]
                widget.setAccessibleDescription("\n".join(words))

    def focus_first(self, errors: list[FieldError]) -> None:
        """Put the focus on the first field (in form order) with one of `errors`, its text selected."""
        fields = {error.field for error in errors}
        for field, widget in self.field_widgets.items():
            if field in fields:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(widget, QLineEdit):
                    widget.selectAll()  # what is typed next replaces what is wrong
                return


class ProfileDialog(QDialog):
    """The profile and its extra tabs. Checking is kind, as in the activity dialog: a field's message shows once
    the user has edited it (or it was not there when the dialog opened), or after a save attempt; Save stays
    enabled, and pressing it with a problem shows every message and puts the focus on the first field in error."""

    profile_saved = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle(tr("Profile"))
        self.setAccessibleName(tr("Profile"))
        self.save_attempted = False
        self.tabs = named(QTabWidget(), "profileTabs")
        self.profile_tab = ProfileTab(get_profile())
        self.profile_page = vertical_scroll(self.profile_tab, "profileArea")  # scrolls down on a short screen
        self.tabs.addTab(self.profile_page, tr("&Profile"))
        self.extra_tabs: list[ProfileExtraTab] = []
        for title, tab_class in PROFILE_TABS:
            tab = tab_class(self)
            self.extra_tabs.append(tab)
            self.tabs.addTab(tab, tr(title))
            tab.changed.connect(self.validate)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName(tr("Save profile"))
        self.problem_label = named(QLabel(), "profileProblem")
        show_as_error(self.problem_label)
        self.problem_label.setWordWrap(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.profile_tab.changed.connect(self.validate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(QSize(640, 560).boundedTo(self.screen().availableSize()))  # a small screen: the tabs scroll
        # What is wrong as the dialog opens (stored that way) waits for an edit or a save attempt.
        self._opened_errors = {(e.field, e.message) for e in self.profile_tab.errors()}
        self._opened_problems = {p for tab in self.extra_tabs for p in tab.errors()}
        self.validate()
        self.profile_tab.name_edit.setFocus()

    def _shows(self, error: FieldError) -> bool:
        return (self.save_attempted or error.field in self.profile_tab.edited
                or (error.field, error.message) not in self._opened_errors)

    def validate(self) -> bool:
        """Check every tab and show the messages due (`_shows`); True when the profile can be saved."""
        errors = self.profile_tab.errors()
        self.profile_tab.show_errors([e for e in errors if self._shows(e)])
        problems = [p for tab in self.extra_tabs for p in tab.errors()]
        lines = [p for p in problems if self.save_attempted or p not in self._opened_problems]
        if self.save_attempted and errors:
            lines.append(trn("Not saved yet: correct the %n problem marked in red",
                             "Not saved yet: correct the %n problems marked in red", len(errors)))
        self.problem_label.setText("\n".join(lines))
        return not errors and not problems

    def accept(self) -> None:
        self.save_attempted = True
        if not self.validate():
            self._show_first_problem()
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

    def _show_first_problem(self) -> None:
        """The tab with the first problem, and the focus on its field (the profile's fields first)."""
        errors = self.profile_tab.errors()
        if errors:
            self.tabs.setCurrentWidget(self.profile_page)
            self.profile_tab.focus_first(errors)
            return
        for tab in self.extra_tabs:
            if tab.errors():
                self.tabs.setCurrentWidget(tab)
                return


def open_profile_dialog(parent: QWidget | None, shell: Shell | None = None) -> ProfileDialog:
    """Open the profile dialog (window-modal, not blocking) and return it; saving it refreshes `shell`'s pages."""
    dialog = ProfileDialog(parent)
    if shell is not None:
        dialog.profile_saved.connect(shell.notify_data_changed)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
