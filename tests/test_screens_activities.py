"""The activity log, the self-assessment page and the activity and profile dialogs as a user meets them (issue 15):
they fit a 1366x768 laptop down to 800x480 (the same laptop at 150%), every access key works and is unique, every
text goes through the translation, dates are the locale's (and tables sort them as dates), the profile dialog
checks kindly, and their colours read on a dark palette. On the demo data, so every panel has something in it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from layout_checks import overlaps
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries
from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot
from test_activity_polish import shown_types
from test_dark_palette import DARK, label_problems, make_palette
from ui_checks import clipped, mnemonic, mnemonic_problems, untranslated

from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.models.tables import Profile
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.model import Column, paperclip_icon
from wethrive_desktop.ui.activities.page import ActivityLogPage
from wethrive_desktop.ui.assessment.page import AssessmentPage
from wethrive_desktop.ui.colors import GRAPHIC_CONTRAST, TEXT_CONTRAST, contrast
from wethrive_desktop.ui.i18n import PSEUDO_OPEN
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.profile.dialog import ProfileDialog, open_profile_dialog
from wethrive_desktop.ui.profile.eligibility import EligibilityWidget
from wethrive_desktop.ui.shell import Page
from wethrive_desktop.ui.widgets.form_dialog import FormDialog
from wethrive_desktop.ui.widgets.record_table import SORT_ROLE

SIZES = [(1366, 768), (1024, 600), (800, 480)]

Window = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a dialog with typed text discards it without asking (no modal box may wait in a test)."""
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: True)


@pytest.fixture
def demo(make_window: Window, data_dir: Path) -> MainWindow:
    return make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True)


# --- helpers -----------------------------------------------------------------------------------------------------


def settle() -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def eligibility_tab(profile: ProfileDialog) -> EligibilityWidget:
    """The profile dialog's Eligibility tab, brought forward, with an MPA and 9 senior years: both designations
    met."""
    profile.tabs.setCurrentIndex(1)
    tab = profile.extra_tabs[0]
    assert isinstance(tab, EligibilityWidget)
    tab.education_combo.setCurrentIndex(tab.education_combo.findData("mpa"))
    tab.senior_spin.setValue(9)
    settle()
    return tab


def page_at(qtbot: QtBot, window: MainWindow, cls: type[Page], size: tuple[int, int]) -> Page:
    """The page as a window of `size` shows it: in `window` when the window takes that size, else (its minimum
    size is larger, which another part of the app decides) a second page of the kind, alone, at the size the
    window's page area would have."""
    page = window.page(cls)
    window.resize(*size)
    settle()
    if (window.width(), window.height()) == size:
        return page
    chrome = QSize(window.width() - window.stack.width(), window.height() - window.stack.height())
    alone = cls(window)
    qtbot.addWidget(alone)
    alone.resize(size[0] - chrome.width(), size[1] - chrome.height())
    alone.show()
    settle()
    return alone


def fit_dialog(dialog: QDialog, size: tuple[int, int]) -> None:
    """Size `dialog` as a screen of `size` would: what it asks for, at most the screen."""
    wanted = dialog.sizeHint().expandedTo(dialog.size())
    dialog.resize(min(wanted.width(), size[0]), min(wanted.height(), size[1]))
    settle()
    assert dialog.width() <= size[0] and dialog.height() <= size[1], (dialog.size(), size)


def access_key_problems(qtbot: QtBot, root: QWidget) -> list[str]:
    """ui_checks.mnemonic_problems, with every button's signals blocked until its animated click is over: that
    check unblocks them after 150 ms, and on a busy machine a click released later got through (a New activity
    dialog opened over the window, and every later key was refused)."""
    buttons = root.findChildren(QAbstractButton)
    blocked = [b for b in buttons if not b.signalsBlocked()]
    for button in blocked:
        button.blockSignals(True)
    try:
        problems = mnemonic_problems(root)
        qtbot.waitUntil(lambda: not any(b.isDown() for b in buttons))
        QTest.qWait(50)  # the release's own events
    finally:
        for button in blocked:
            button.blockSignals(False)
    return problems


def dead_access_keys(root: QWidget) -> list[str]:
    """Labels shown with an access key whose buddy cannot take the focus, so Alt+letter does nothing (a box
    holding a field and its message, say). ui_checks.mnemonic_problems does not press those."""
    found = []
    for label in root.findChildren(QLabel):
        if label.isVisibleTo(root) and mnemonic(label.text()):
            buddy = label.buddy()
            if buddy is None or buddy.focusPolicy() == Qt.FocusPolicy.NoFocus:
                found.append(f"{label.text()!r} -> {type(buddy).__name__ if buddy else 'no buddy'}")
    return found


def activity_page(window: MainWindow) -> ActivityLogPage:
    page = window.page(ActivityLogPage)
    page.year_combo.setCurrentIndex(page.year_combo.findData(None))  # all years: several years, many months
    settle()
    return page


def select_first_row(page: ActivityLogPage) -> None:
    page.table.setFocus()
    page.table.selectRow(0)
    settle()
    assert page.edit_button.isEnabled()


def column_dates(page: ActivityLogPage) -> list[date]:
    """The date column as the user reads it (start dates, month/day/year in en_US)."""
    model = page.model
    texts = [str(model.index(row, Column.DATE).data()) for row in range(model.rowCount())]
    return [datetime.strptime(text.split(" – ")[0], "%m/%d/%Y").date() for text in texts]


# --- fit ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_pages_fit(qtbot: QtBot, demo: MainWindow, size: tuple[int, int]) -> None:
    log = page_at(qtbot, demo, ActivityLogPage, size)
    assert isinstance(log, ActivityLogPage)
    select_first_row(log)
    assert clipped(log) == []
    table = log.table
    assert not table.horizontalScrollBar().isVisible()  # the columns share the width...
    title = table.horizontalHeader().sectionSize(Column.TITLE)
    # ...and the title keeps a fair part of it (at 800 px, with every column shown, a little less: the types keep
    # room for their shortest words, whole)...
    assert title >= table.viewport().width() * (0.3 if size[0] > 800 else 0.25)
    assert shown_types(log)  # ...each type whole, in its label or its shortest word, never "Co…"

    assessment = page_at(qtbot, demo, AssessmentPage, size)
    assert isinstance(assessment, AssessmentPage)
    for tab in range(assessment.tabs.count()):
        assessment.tabs.setCurrentIndex(tab)
        settle()
        assert clipped(assessment) == []
    assessment.edit(None)
    settle()
    assert clipped(assessment) == []
    notes = [row.notes.width() for row in assessment.editor.rows.values()] + [assessment.editor.notes.width()]
    assert min(notes) >= 120  # room to type a note, whatever the width


def test_narrow_pages_stack_their_panels_and_scroll_down(qtbot: QtBot, demo: MainWindow) -> None:
    wide = page_at(qtbot, demo, AssessmentPage, (1366, 768))
    assert isinstance(wide, AssessmentPage)
    assert wide.splitter.orientation() == Qt.Orientation.Horizontal
    assert not wide.overview.verticalScrollBar().isVisible()
    narrow = page_at(qtbot, demo, AssessmentPage, (800, 480))
    assert isinstance(narrow, AssessmentPage)
    assert narrow.splitter.orientation() == Qt.Orientation.Vertical  # the chart under the history
    assert narrow.overview.verticalScrollBar().isVisible() and not narrow.overview.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_dialogs_fit(qtbot: QtBot, demo: MainWindow, size: tuple[int, int]) -> None:
    dialog = demo.open_activity_dialog()
    fit_dialog(dialog, size)
    assert clipped(dialog) == [] and overlaps(dialog) == []
    dialog.accept()  # a save attempt: every message shows, and it must still fit
    settle()
    assert dialog.isVisible() and dialog.save_problem.text()
    assert clipped(dialog) == [] and overlaps(dialog) == []
    if size == (800, 480):  # the form scrolls down, Save and Cancel stay in view
        assert dialog.form_area.verticalScrollBar().isVisible()
    dialog.reject()

    profile = open_profile_dialog(demo, demo)
    fit_dialog(profile, size)
    for tab in range(profile.tabs.count()):
        profile.tabs.setCurrentIndex(tab)
        settle()
        assert clipped(profile) == []
    profile.reject()


# --- access keys -------------------------------------------------------------------------------------------------


def test_every_access_key_on_the_pages_works_once(qtbot: QtBot, demo: MainWindow) -> None:
    log = activity_page(demo)
    select_first_row(log)  # Edit, Duplicate and Delete are enabled: their keys too
    assert access_key_problems(qtbot, demo) == []
    assert dead_access_keys(log) == []

    assessment = demo.page(AssessmentPage)
    for tab in range(assessment.tabs.count()):
        assessment.tabs.setCurrentIndex(tab)
        settle()
        assert access_key_problems(qtbot, demo) == []
    assert assessment.edit_button.isEnabled() and "&E" not in assessment.edit_button.text()  # the Edit menu's
    assessment.edit(None)
    settle()
    assert QApplication.focusWidget() is assessment.editor.date_edit  # the first field
    assert access_key_problems(qtbot, demo) == []
    assert dead_access_keys(assessment) == []


def test_every_access_key_in_the_dialogs_works_once(qtbot: QtBot, demo: MainWindow) -> None:
    dialog = demo.open_activity_dialog()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)  # the first field
    dialog.attachment_list.setCurrentRow(-1)
    assert access_key_problems(qtbot, dialog) == []
    assert dead_access_keys(dialog) == []
    dialog.reject()

    profile = open_profile_dialog(demo, demo)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is profile.profile_tab.name_edit)  # the first field
    for tab in range(profile.tabs.count()):
        profile.tabs.setCurrentIndex(tab)
        settle()
        assert access_key_problems(qtbot, profile) == []
        assert dead_access_keys(profile) == []
    profile.reject()


def test_one_tab_passes_a_date_field(qtbot: QtBot, demo: MainWindow) -> None:
    dialog = demo.open_activity_dialog()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)
    order = [dialog.provider_edit, dialog.start_edit, dialog.end_edit, dialog.type_combo]
    for expected in order:
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is expected, focused()
    QTest.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is dialog.end_edit
    dialog.reject()

    demo.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo)
    editor = demo.page(AssessmentPage).editor
    demo.page(AssessmentPage).edit(None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.date_edit)
    QTest.keyClick(editor.date_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.kind


# --- translation -------------------------------------------------------------------------------------------------


def test_every_text_goes_through_the_translation(pseudo_translation: None, qtbot: QtBot, demo: MainWindow) -> None:
    log = activity_page(demo)
    select_first_row(log)
    assert untranslated(log) == []
    types = {str(log.model.index(row, Column.TYPE).data()) for row in range(log.model.rowCount())}
    assert all(t.startswith(PSEUDO_OPEN) for t in types), types  # activity types from models/domain.py
    log.search_edit.setText("zzz no such activity")
    qtbot.waitUntil(lambda: log.empty_label.isVisible())
    assert untranslated(log) == []

    assessment = demo.page(AssessmentPage)
    for tab in range(assessment.tabs.count()):
        assessment.tabs.setCurrentIndex(tab)
        settle()
        assert untranslated(assessment) == []
    chart = assessment.chart.chart()
    series, axis = chart.series()[0], chart.axes(Qt.Orientation.Vertical)[0]
    assert isinstance(series, QHorizontalBarSeries) and isinstance(axis, QBarCategoryAxis)
    labels = [chart.title(), *(bars.label() for bars in series.barSets()), *axis.categories()]
    assert all(PSEUDO_OPEN in label for label in labels), labels
    assessment.edit(None)
    assessment.editor.rows[4].score.setText("lots")
    assessment.save_editor()  # refused: the message shows
    settle()
    assert assessment.editor.error.isVisible() and untranslated(assessment) == []

    dialog = demo.open_activity_dialog()
    dialog.accept()  # every message shows
    settle()
    assert untranslated(dialog) == []
    dialog.reject()

    profile = open_profile_dialog(demo, demo)
    profile.profile_tab.email_edit.setText("elena@")
    profile.accept()
    for tab in range(profile.tabs.count()):
        profile.tabs.setCurrentIndex(tab)
        settle()
        assert untranslated(profile) == []
    profile.reject()


# --- dates -------------------------------------------------------------------------------------------------------


def test_tables_show_the_locales_dates_and_sort_them_as_dates(qtbot: QtBot, demo: MainWindow) -> None:
    log = activity_page(demo)
    log.table.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)
    shown = column_dates(log)
    assert len({d.month for d in shown}) > 9  # "10/..." sorts before "9/..." as text: these must not
    assert shown == sorted(shown)
    log.table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
    assert column_dates(log) == sorted(shown, reverse=True)

    assessment = demo.page(AssessmentPage)
    history = assessment.history
    history.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    model = history.model()
    texts = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
    days = [model.index(row, 0).data(SORT_ROLE)[0] for row in range(model.rowCount())]
    assert days == sorted(days) and len(days) >= 2
    assert texts == [f"{d.month}/{d.day}/{d.year}" for d in days]
    latest = max(days)
    assert f"{latest:%B} {latest.day}, {latest.year}" in assessment.needs_label.text()  # a sentence: in words
    assert "-" + f"{latest.month:02d}-" not in assessment.needs_label.text()  # no ISO date left


def test_a_german_locale_writes_its_own_dates(qtbot: QtBot, make_window: Window, data_dir: Path) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    window = make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True)
    log = activity_page(window)
    first = log.model.record(0).start_date
    assert log.model.index(0, Column.DATE).data().startswith(f"{first.day:02d}.{first.month:02d}.{first.year}")
    dialog = window.open_activity_dialog()
    assert dialog.start_edit.displayFormat() == "dd.MM.yyyy"  # the field writes dates as the table does
    dialog.reject()


# --- the profile dialog's kind checking ---------------------------------------------------------------------------


def test_the_profile_dialog_checks_kindly(qtbot: QtBot, demo: MainWindow) -> None:
    Profile.update(member_number="12a").where(Profile.id == 1).execute()  # stored wrong (an old import, say)
    dialog = open_profile_dialog(demo, demo)
    assert isinstance(dialog, ProfileDialog)
    tab = dialog.profile_tab
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.name_edit)

    def shown() -> dict[str, str]:
        return {name: label.text() for name, label in tab.error_labels.items() if label.isVisible()}

    assert shown() == {} and dialog.problem_label.text() == ""  # nothing typed yet: nothing said
    assert dialog.save_button.isEnabled()
    QTest.keyClicks(tab.email_edit, "x")  # elena.marquez@...orgx is still an address
    tab.email_edit.setText("elena@")
    assert list(shown()) == ["email"]  # the field edited speaks; the member number waits
    assert dialog.save_button.isEnabled()

    dialog.save_button.click()  # a save attempt: every message, the focus on the first field in error
    assert dialog.isVisible()
    assert set(shown()) == {"member_number", "email"}
    assert "Not saved yet" in dialog.problem_label.text()
    assert QApplication.focusWidget() is tab.member_edit and tab.member_edit.selectedText() == "12a"
    QTest.keyClicks(tab.member_edit, "1048672")  # typed over the selection
    tab.email_edit.setText("elena@alderfalls.gov")
    assert shown() == {}
    dialog.save_button.click()
    assert not dialog.isVisible()
    stored = Profile.get_by_id(1)
    assert (stored.member_number, stored.email) == ("1048672", "elena@alderfalls.gov")


def test_a_save_attempt_goes_to_the_tab_with_the_problem(qtbot: QtBot, demo: MainWindow) -> None:
    dialog = open_profile_dialog(demo, demo)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.profile_tab.name_edit)
    dialog.tabs.setCurrentIndex(1)  # Eligibility
    dialog.profile_tab.dates["credentialed_date"].edit.setText("not a date")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is dialog.profile_tab.dates["credentialed_date"].edit
    assert "is not a date" in dialog.profile_tab.error_labels["credentialed_date"].text()


# --- colours -----------------------------------------------------------------------------------------------------


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    """The application on the dark Fusion palette of test_dark_palette (the old palette back afterwards)."""
    old = QPalette(qapp.palette())
    palette = make_palette(DARK)
    qapp.setPalette(palette)
    settle()
    yield palette
    qapp.setPalette(old)
    settle()


def paperclip_color() -> QColor:
    """The colour the paperclip is drawn in (its most opaque pixel)."""
    image = paperclip_icon().pixmap(32, 32).toImage()
    best = QColor(0, 0, 0, 0)
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > best.alpha():
                best = pixel
    return QColor(best.red(), best.green(), best.blue())


def test_colours_read_on_a_dark_palette(qtbot: QtBot, demo: MainWindow, dark: QPalette) -> None:
    base = dark.color(QPalette.ColorRole.Base)
    assert contrast(paperclip_color(), base) >= GRAPHIC_CONTRAST  # the paperclip column
    log = activity_page(demo)
    planned = [row for row in range(log.model.rowCount()) if log.model.record(row).status == "planned"]
    assert planned
    foreground = log.model.index(planned[0], Column.TITLE).data(Qt.ItemDataRole.ForegroundRole)
    assert contrast(QColor(foreground), base) >= TEXT_CONTRAST  # planned rows, muted but readable

    form = FormDialog(demo, "Dates")
    qtbot.addWidget(form)
    form.show_errors(["Date: 12/1/2027 is in the future"])
    form.show()
    settle()
    assert label_problems(form, form) == []  # the error colour at its shade for the dark palette

    profile = open_profile_dialog(demo, demo)
    eligibility = eligibility_tab(profile)
    assert "met" in eligibility.result_label.text()
    assert label_problems(profile, profile) == []  # "met" in green that reads on the dark tab
    profile.reject()

    assessment = demo.page(AssessmentPage)
    assessment.edit(None)
    assessment.editor.rows[2].score.setText("lots")
    assessment.save_editor()
    settle()
    assert label_problems(assessment, demo) == []


def test_the_profile_colours_follow_a_palette_change(qtbot: QtBot, demo: MainWindow,
                                                     qapp: QApplication) -> None:
    profile = open_profile_dialog(demo, demo)
    eligibility = eligibility_tab(profile)
    light = eligibility.result_label.text()
    old = QPalette(qapp.palette())
    try:
        qapp.setPalette(make_palette(DARK))
        settle()
        assert eligibility.result_label.text() != light  # "met" was coloured again
        assert label_problems(profile, profile) == []
    finally:
        qapp.setPalette(old)
        settle()
    profile.reject()


def test_a_form_dialog_names_each_field_as_its_caller_calls_it(qtbot: QtBot) -> None:
    def submit() -> None:
        raise ValidationError([FieldError("person", "is required"), FieldError("end_date", "is before the start")])

    form = FormDialog(None, "Coaching", submit)
    qtbot.addWidget(form)
    form.field_names = {"person": "Person coached"}  # a field without a name keeps the model's
    form.accept()
    assert form.result() != QDialog.DialogCode.Accepted and form.error_label.isVisibleTo(form)
    assert form.error_label.text().splitlines() == ["Person coached: is required", "end_date: is before the start"]
