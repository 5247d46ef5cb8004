"""The profile dialog: fields checked as typed with the message beside them, saved, shown in the status bar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from ui_checks import clipped, mnemonic_problems, untranslated

from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.profile import dialog as profile_dialog
from wethrive_desktop.ui.profile.dialog import ProfileDialog, open_profile_dialog
from wethrive_desktop.ui.profile.eligibility import ProfileExtraTab


def field(dialog: QWidget, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None, name
    return widget


def message(dialog: QWidget, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text() if label.isVisible() else ""


def test_edit_profile_from_the_menu_and_see_it_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    window.profile_action.trigger()
    dialog = window.findChild(ProfileDialog)
    assert dialog is not None and dialog.isVisible()
    assert isinstance(dialog.tabs, QTabWidget) and dialog.tabs.tabText(0) == "&Profile"
    field(dialog, "nameEdit").setText("Elena Márquez-Whitfield")  # QTest types ASCII only
    QTest.keyClicks(field(dialog, "memberNumberEdit"), "123456")
    QTest.keyClicks(field(dialog, "jobTitleEdit"), "City Manager")
    QTest.keyClicks(field(dialog, "organizationEdit"), "City of Alder Falls")
    QTest.keyClicks(field(dialog, "locationEdit"), "Colorado, USA")
    QTest.keyClicks(field(dialog, "emailEdit"), "elena@alderfalls.gov")
    status = dialog.findChild(QComboBox, "credentialCombo")
    assert status is not None
    status.setCurrentIndex(status.findData("candidate"))
    QTest.keyClicks(field(dialog, "programEntryDateEdit"), "2023-03-14")
    signup = dialog.findChild(QCheckBox, "challengeSignupCheck")
    assert signup is not None
    signup.setChecked(True)
    assert "Due by March 14, 2028" in message(dialog, "multiraterDue")  # in words, as the locale (en_US) has it
    dialog.save_button.click()

    saved = get_profile()
    assert saved.name == "Elena Márquez-Whitfield" and saved.member_number == "123456"
    assert saved.title == "City Manager" and saved.organization == "City of Alder Falls"
    assert saved.location == "Colorado, USA" and saved.email == "elena@alderfalls.gov"
    assert saved.credential_status == "candidate" and saved.program_entry_date == date(2023, 3, 14)
    assert saved.challenge_signup
    label = window.findChild(QLabel, "profileStatus")
    assert label is not None and label.text() == "Elena Márquez-Whitfield · ICMA-CM Candidate"


def test_bad_email_and_future_dates_are_flagged_as_typed(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_profile_dialog(window, window)
    email = field(dialog, "emailEdit")
    QTest.keyClicks(email, "elena@")
    assert "not an email address" in message(dialog, "emailError")
    assert dialog.save_button.isEnabled()  # kind (issue 15): Save stays enabled; pressing it explains
    QTest.keyClicks(email, "city.gov")
    assert message(dialog, "emailError") == "" and dialog.save_button.isEnabled()

    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    QTest.keyClicks(field(dialog, "credentialedDateEdit"), tomorrow)
    assert "in the future" in message(dialog, "credentialedDateError")
    assert dialog.save_button.isEnabled()
    field(dialog, "credentialedDateEdit").setText("2024-02-30")
    assert "is not a date" in message(dialog, "credentialedDateError")
    field(dialog, "credentialedDateEdit").clear()  # empty: not set, which is fine
    assert message(dialog, "credentialedDateError") == ""

    QTest.keyClicks(field(dialog, "memberNumberEdit"), "12a")
    assert "digits" in message(dialog, "memberNumberError")
    dialog.accept()  # refused while invalid
    assert dialog.isVisible() and get_profile().member_number == ""


def test_calendar_pick_fills_the_date(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_profile_dialog(window, window)
    edit = dialog.profile_tab.dates["management_assessment_date"]
    from PySide6.QtCore import QDate

    edit.calendar.clicked.emit(QDate(2022, 5, 17))
    assert field(dialog, "assessmentDateEdit").text() == "5/17/2022"  # the locale's short date (en_US)
    dialog.accept()
    assert get_profile().management_assessment_date == date(2022, 5, 17)


class ExtraTab(ProfileExtraTab):
    """What another feature's tab looks like (an Eligibility tab, say)."""

    applied: list[bool] = []

    def __init__(self, dialog: ProfileDialog):
        super().__init__()
        self.dialog = dialog
        self.problems: list[str] = []

    def errors(self) -> list[str]:
        return self.problems

    def apply(self) -> None:
        ExtraTab.applied.append(True)


def test_other_features_add_tabs(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profile_dialog, "PROFILE_TABS", (("Eligibility", ExtraTab),))
    ExtraTab.applied.clear()
    dialog = open_profile_dialog(window, window)
    assert dialog.tabs.count() == 2 and dialog.tabs.tabText(1) == "Eligibility"
    tab = dialog.tabs.widget(1)
    assert isinstance(tab, ExtraTab)
    tab.problems = ["years of experience: not a number"]
    assert not dialog.validate()
    assert "years of experience" in dialog.problem_label.text()
    tab.problems = []
    assert dialog.validate()
    dialog.accept()
    assert ExtraTab.applied == [True]


# --- the program statuses and the 360 (issue 14) -------------------------------------------------------------

def combo(dialog: QWidget, name: str) -> QComboBox:
    widget = dialog.findChild(QComboBox, name)
    assert widget is not None, name
    return widget


def choose(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    assert index >= 0, value
    box.setCurrentIndex(index)


def test_every_program_field_is_saved_and_shown_again(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_profile_dialog(window, window)
    assert [combo(dialog, "credentialCombo").itemData(i) for i in range(4)] == ["none", "candidate", "credentialed",
                                                                                "retired"]
    field(dialog, "nameEdit").setText("Ana")
    choose(combo(dialog, "credentialCombo"), "retired")
    QTest.keyClicks(field(dialog, "credentialedDateEdit"), "2012-06-01")
    choose(combo(dialog, "serviceCombo"), "transition")
    QTest.keyClicks(field(dialog, "multiraterInstrumentEdit"), "Leadership 360")
    choose(combo(dialog, "multiraterPreapprovedCombo"), True)
    raters = dialog.findChild(QSpinBox, "multiraterRatersSpin")
    assert raters is not None and raters.text() == "Not said"
    raters.setValue(9)
    choose(combo(dialog, "multiraterStatusCombo"), "waived")
    assert message(dialog, "multiraterDue") == "Waived for Retired Credentialed Managers"
    assert message(dialog, "multiraterStatusError") == ""
    dialog.save_button.click()
    assert not dialog.isVisible()

    saved = get_profile()
    assert (saved.credential_status, saved.service_status, saved.multirater_instrument) == (
        "retired", "transition", "Leadership 360")
    assert (saved.multirater_preapproved, saved.multirater_raters, saved.multirater_status) == (True, 9, "waived")
    label = window.findChild(QLabel, "profileStatus")
    assert label is not None and label.text() == "Ana · ICMA-CM (Retired)"

    again = open_profile_dialog(window, window)
    assert combo(again, "credentialCombo").currentData() == "retired"
    assert combo(again, "serviceCombo").currentData() == "transition"
    assert field(again, "multiraterInstrumentEdit").text() == "Leadership 360"
    assert combo(again, "multiraterPreapprovedCombo").currentData() is True
    spin = again.findChild(QSpinBox, "multiraterRatersSpin")
    assert spin is not None and spin.value() == 9
    assert combo(again, "multiraterStatusCombo").currentData() == "waived"
    choose(combo(again, "multiraterPreapprovedCombo"), None)  # back to "not said", and no raters
    assert spin is not None
    spin.setValue(0)
    again.save_button.click()
    assert (get_profile().multirater_preapproved, get_profile().multirater_raters) == (None, None)


def test_a_waiver_for_a_manager_not_retired_is_refused_at_its_field(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_profile_dialog(window, window)
    choose(combo(dialog, "credentialCombo"), "credentialed")
    choose(combo(dialog, "multiraterStatusCombo"), "waived")
    assert "waived only for Retired Credentialed Managers" in message(dialog, "multiraterStatusError")
    dialog.accept()
    assert dialog.isVisible() and get_profile().multirater_status == ""
    assert "correct the 1 problem" in dialog.problem_label.text()
    assert dialog.focusWidget() is combo(dialog, "multiraterStatusCombo")  # the field in error
    choose(combo(dialog, "credentialCombo"), "retired")  # a Retired Credentialed Manager: fine
    assert message(dialog, "multiraterStatusError") == ""


def test_another_instrument_few_raters_and_a_postponement_while_serving_only_warn(qtbot: QtBot,
                                                                                 window: MainWindow) -> None:
    dialog = open_profile_dialog(window, window)
    choose(combo(dialog, "credentialCombo"), "candidate")
    QTest.keyClicks(field(dialog, "programEntryDateEdit"), "2022-01-10")
    choose(combo(dialog, "multiraterPreapprovedCombo"), False)
    assert "pre-approved instruments" in message(dialog, "multiraterPreapprovedWarning")
    spin = dialog.findChild(QSpinBox, "multiraterRatersSpin")
    assert spin is not None
    spin.setValue(2)
    assert message(dialog, "multiraterRatersWarning") == "2 raters are few: a 360 gathers the views of several"
    choose(combo(dialog, "multiraterStatusCombo"), "postponed")
    assert "for members in transition" in message(dialog, "multiraterStatusWarning")
    assert message(dialog, "multiraterDue") == "Postponed (it was due by January 10, 2027)"
    choose(combo(dialog, "serviceCombo"), "transition")
    assert message(dialog, "multiraterStatusWarning") == ""
    assert message(dialog, "multiraterDue") == "Postponed while you are in transition (it was due by January 10, " \
                                               "2027)"
    dialog.save_button.click()  # warnings never stop a save
    saved = get_profile()
    assert (saved.multirater_preapproved, saved.multirater_raters, saved.multirater_status) == (False, 2, "postponed")


@pytest.mark.parametrize("size", [(1366, 768), (800, 480)])
def test_the_dialog_fits_with_every_message_and_its_keys_work(qtbot: QtBot, window: MainWindow,
                                                              size: tuple[int, int]) -> None:
    dialog = open_profile_dialog(window, window)
    dialog.resize(min(dialog.width(), size[0]), min(dialog.height(), size[1] - 32))  # less the title bar
    choose(combo(dialog, "credentialCombo"), "credentialed")  # the 360 is asked: its warnings show
    choose(combo(dialog, "multiraterPreapprovedCombo"), False)
    spin = dialog.findChild(QSpinBox, "multiraterRatersSpin")
    assert spin is not None
    spin.setValue(2)
    choose(combo(dialog, "multiraterStatusCombo"), "waived")  # refused: not retired
    dialog.accept()  # every message shows
    QApplication.processEvents()
    assert dialog.isVisible()
    assert message(dialog, "multiraterPreapprovedWarning") and message(dialog, "multiraterRatersWarning")
    assert message(dialog, "multiraterStatusError")
    assert clipped(dialog) == []
    dialog.profile_page.ensureWidgetVisible(combo(dialog, "multiraterStatusCombo"))
    QApplication.processEvents()
    assert clipped(dialog) == []
    assert mnemonic_problems(dialog) == []


def test_every_text_of_the_dialog_is_translated(qtbot: QtBot, window: MainWindow, pseudo_translation: None) -> None:
    dialog = open_profile_dialog(window, window)
    choose(combo(dialog, "credentialCombo"), "credentialed")
    choose(combo(dialog, "multiraterPreapprovedCombo"), False)
    choose(combo(dialog, "multiraterStatusCombo"), "waived")
    dialog.accept()
    assert untranslated(dialog) == []


def test_no_warning_about_the_360s_instrument_or_raters_once_it_is_waived_or_postponed(qtbot: QtBot,
                                                                                      window: MainWindow) -> None:
    dialog = open_profile_dialog(window, window)
    choose(combo(dialog, "credentialCombo"), "credentialed")
    QTest.keyClicks(field(dialog, "programEntryDateEdit"), "2022-01-10")
    QTest.keyClicks(field(dialog, "multiraterInstrumentEdit"), "Our own survey")
    choose(combo(dialog, "multiraterPreapprovedCombo"), False)
    spin = dialog.findChild(QSpinBox, "multiraterRatersSpin")
    assert spin is not None
    spin.setValue(2)
    warnings = ("multiraterPreapprovedWarning", "multiraterRatersWarning", "multiraterStatusWarning")
    assert [bool(message(dialog, name)) for name in warnings] == [True, True, False]  # due: both questioned

    choose(combo(dialog, "credentialCombo"), "retired")
    choose(combo(dialog, "multiraterStatusCombo"), "waived")
    assert message(dialog, "multiraterDue") == "Waived for Retired Credentialed Managers"
    assert [message(dialog, name) for name in warnings] == ["", "", ""]

    choose(combo(dialog, "credentialCombo"), "credentialed")
    choose(combo(dialog, "serviceCombo"), "transition")
    choose(combo(dialog, "multiraterStatusCombo"), "postponed")
    assert message(dialog, "multiraterDue").startswith("Postponed while you are in transition")
    assert [message(dialog, name) for name in warnings] == ["", "", ""]

    choose(combo(dialog, "serviceCombo"), "left")  # not asked: nothing said of it either
    assert [message(dialog, name) for name in warnings] == ["", "", ""]
    choose(combo(dialog, "serviceCombo"), "serving")
    choose(combo(dialog, "multiraterStatusCombo"), "")  # due again: questioned again
    assert [bool(message(dialog, name)) for name in warnings] == [True, True, False]


@pytest.mark.parametrize("size", [(1366, 768), (800, 480)])
def test_each_pick_button_shows_its_text_and_its_arrow_apart(qtbot: QtBot, window: MainWindow,
                                                             size: tuple[int, int]) -> None:
    from PySide6.QtWidgets import QPushButton, QStyle

    dialog = open_profile_dialog(window, window)
    dialog.resize(min(dialog.width(), size[0]), min(dialog.height(), size[1] - 32))
    QApplication.processEvents()
    buttons = [edit.pick_button for edit in dialog.profile_tab.dates.values()]
    assert len(buttons) == 4
    for button in buttons:
        assert isinstance(button, QPushButton) and button.menu() is not None  # the calendar drops down
        assert button.text() == "Pick"  # the arrow says there is more: no ellipsis beside it
        assert not button.autoDefault()  # Enter in a date field saves the profile, it does not open a calendar
        arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text()) + arrow
    assert clipped(dialog) == []
