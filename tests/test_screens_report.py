"""The annual report page, its dialogs and the import wizard as a user meets them on any screen (issue 15): they fit
at 1366x768, 1024x600 and 800x480 with nothing cut or off screen, every access key works and is unique, every text
goes through the translation, and the keyboard starts on the first field. Also the readiness check's 360 item, the
import's date order preference, Ctrl+S on the report page and the page's Print entry point."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizard
from pytestqt.qtbot import QtBot
from test_import_wizard import TRACKER, open_wizard
from ui_checks import clipped, mnemonic_problems, untranslated

from wethrive_desktop.exchange import tabular
from wethrive_desktop.i18n import format_date
from wethrive_desktop.models.activities import ActivityData, get_activity, save_activity
from wethrive_desktop.models.annual_report import Fix, build_report_data, readiness
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.preferences import load_preferences, save_preferences
from wethrive_desktop.ui.import_wizard.wizard import FIRST_SIZE, ImportWizard
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.report import printing
from wethrive_desktop.ui.report.page import ReportPage
from wethrive_desktop.ui.report.submit import SubmitDialog

SIZES = [(1366, 768), (1024, 600), (800, 480)]
TODAY = date(2026, 2, 10)
PORTAL_SIZE = (740, 640)
SUBMIT_SIZE = (520, 420)
LEARNED = ("I learned to frame every budget request around the service level it protects, and I applied it when "
           "our department rewrote its capital requests, which the council then discussed far more easily.")


@pytest.fixture
def demo(make_window: Callable[..., MainWindow], data_dir: Path, frozen_today: Callable[[date], None]) -> MainWindow:
    """A window on the demo data, on a fixed day (the demo's records are made relative to it)."""
    frozen_today(TODAY)
    return make_window(ensure_demo_database(data_dir / "demo.sqlite3", TODAY), True)


def report_page(window: MainWindow) -> ReportPage:
    page = window.show_page("reportPage")
    assert isinstance(page, ReportPage)
    assert page.data is not None and page.data.activities  # the demo's last year, with its activities
    return page


@contextmanager
def page_area(qtbot: QtBot, window: MainWindow, page: ReportPage, size: tuple[int, int]) -> Iterator[QWidget]:
    """The page on its own, as large as it is in a window of `size` (the window less its page list, menu and
    status bar), whatever the smallest size the window itself allows; back in the window afterwards."""
    chrome = window.size() - page.size()
    area = (size[0] - chrome.width(), size[1] - chrome.height())
    index = window.stack.indexOf(page)
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(page)
    page.show()  # (the window's stack hid it with the other pages)
    host.resize(*area)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()  # access keys work in the active window
    qtbot.waitUntil(host.isActiveWindow)
    try:
        assert host.size().toTuple() == area, "the page asks for more room than a window of this size has"
        yield host
    finally:
        window.stack.insertWidget(index, page)
        window.stack.setCurrentWidget(page)
        host.close()


def every_tab(page: ReportPage) -> Iterator[int]:
    """Show each of the page's tabs in turn (a narrow page has the readiness check as a tab too)."""
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        QTest.qWait(10)
        yield index


def fitted(dialog: QWidget, preferred: tuple[int, int], screen: tuple[int, int]) -> tuple[int, int]:
    """Resize `dialog` to its preferred size on a screen of `screen` (no larger than the screen) and return it."""
    size = (min(preferred[0], screen[0]), min(preferred[1], screen[1]))
    dialog.resize(*size)
    QTest.qWait(10)
    return size


def wizard_pages(qtbot: QtBot, wizard: ImportWizard) -> Iterator[str]:
    """Walk the wizard through its three pages, yielding each once it is ready."""
    yield "file"
    for name in ("columns", "rows"):
        wizard.button(QWizard.WizardButton.NextButton).click()
        # (The rows page checks every row first: a result is there when the check is done.)
        qtbot.waitUntil(lambda: not wizard.busy and (wizard.currentPage() is not wizard.rows_page
                                                     or wizard.checked is not None))
        QTest.qWait(10)  # the page as shown, once the wizard is done switching to it
        yield name


# --- fit and access keys ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_report_page_fits_and_its_access_keys_work_at_every_size(demo: MainWindow, qtbot: QtBot,
                                                                     size: tuple[int, int]) -> None:
    page = report_page(demo)
    with page_area(qtbot, demo, page, size) as area:
        beside = page.tabs.indexOf(page.readiness_panel) < 0
        assert beside == (size != (800, 480))  # a narrow page has the readiness check as a tab
        for tab in every_tab(page):
            assert clipped(area) == [], (size, page.tabs.tabText(tab))
            assert mnemonic_problems(area) == [], (size, page.tabs.tabText(tab))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_report_dialogs_fit_on_every_screen(demo: MainWindow, qtbot: QtBot, size: tuple[int, int]) -> None:
    page = report_page(demo)
    portal = page.open_portal_copy()
    assert fitted(portal, PORTAL_SIZE, size) == portal.size().toTuple()
    for tab in range(portal.tabs.count()):
        portal.tabs.setCurrentIndex(tab)
        QTest.qWait(10)
        assert clipped(portal) == [], (size, tab)
    submit = SubmitDialog(page, page.year(), 1, [replace(i, ok=False) for i in page.items] * 4)  # a long list
    qtbot.addWidget(submit)
    submit.show()
    assert fitted(submit, SUBMIT_SIZE, size) == submit.size().toTuple()
    assert clipped(submit) == [], size


def test_the_report_dialogs_access_keys_work(demo: MainWindow, qtbot: QtBot) -> None:
    page = report_page(demo)
    portal = page.open_portal_copy()
    qtbot.waitUntil(portal.isActiveWindow)  # access keys work in the active window
    for tab in range(portal.tabs.count()):
        portal.tabs.setCurrentIndex(tab)
        assert mnemonic_problems(portal) == [], tab
    submit = SubmitDialog(page, page.year(), 1, [i for i in page.items if not i.ok])
    qtbot.addWidget(submit)
    submit.show()
    submit.activateWindow()
    qtbot.waitUntil(submit.isActiveWindow)
    assert mnemonic_problems(submit) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_page_of_the_import_wizard_fits_on_every_screen(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           size: tuple[int, int]) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    for page in wizard_pages(qtbot, wizard):
        assert fitted(wizard, FIRST_SIZE, size) == wizard.size().toTuple(), page
        assert clipped(wizard) == [], (size, page)
        if size == (800, 480):
            assert mnemonic_problems(wizard) == [], page
    wizard.reject()


# --- every text through tr ------------------------------------------------------------------------------------


def test_the_report_page_and_its_dialogs_show_only_translated_text(pseudo_translation: None, demo: MainWindow,
                                                                   qtbot: QtBot) -> None:
    page = report_page(demo)
    for size in ((1366, 768), (800, 480)):  # beside the tabs, and as a tab: the readiness check
        with page_area(qtbot, demo, page, size) as area:
            for tab in every_tab(page):
                assert untranslated(area) == [], (size, page.tabs.tabText(tab))
    portal = page.open_portal_copy()
    for tab in range(portal.tabs.count()):
        portal.tabs.setCurrentIndex(tab)
        assert untranslated(portal) == [], tab
    portal.tabs.setCurrentIndex(0)
    portal.copy_all_button.click()  # "Copied: all of activity #1"
    assert portal.copied_label.text() and untranslated(portal) == []
    submit = SubmitDialog(page, page.year(), 2, [i for i in page.items if not i.ok])
    qtbot.addWidget(submit)
    submit.show()
    assert untranslated(submit) == []


def test_the_import_wizard_shows_only_translated_text(pseudo_translation: None, window: MainWindow, qtbot: QtBot,
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    for page in wizard_pages(qtbot, wizard):
        assert untranslated(wizard) == [], page
    rows = wizard.rows_page
    bad = next(r for r in range(rows.model.rowCount()) if rows.model.result(r).status == tabular.ERROR)
    rows.view.setCurrentIndex(rows.model.index(bad, 0))  # its problems, from exchange/tabular*, in the details
    assert "\u27e6" in rows.details.text() and untranslated(wizard) == []
    wizard.reject()


# --- the keyboard starts on the first field ----------------------------------------------------------------------


def test_the_keyboard_starts_on_the_first_field(demo: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = report_page(demo)
    demo.activateWindow()
    qtbot.waitUntil(demo.isActiveWindow)
    page.setFocus()
    assert page.description_field.edit.hasFocus()  # "How I took part" of the first activity
    page.set_year(2010)  # a year without activities: the year itself
    page.setFocus()
    assert page.year_combo.hasFocus()

    page.set_year(TODAY.year - 1)
    portal = page.open_portal_copy()
    assert portal.focusWidget() is portal.activity_combo
    submit = SubmitDialog(page, page.year(), 1, [])
    qtbot.addWidget(submit)
    submit.show()
    assert submit.focusWidget() is submit.date_edit

    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    wizard = open_wizard(qtbot, demo, path, monkeypatch)
    def first(name: str) -> QWidget:
        if name == "file":
            return wizard.button(QWizard.WizardButton.NextButton)  # a text file: no sheet to choose
        return wizard.mapping_page.combos[0] if name == "columns" else wizard.rows_page.order

    for name in wizard_pages(qtbot, wizard):
        assert wizard.focusWidget() is first(name), name
    wizard.reject()


# --- the readiness check ticks only what is true ------------------------------------------------------------------


@pytest.fixture
def complete_year(db_path: Path) -> Path:
    """A year whose report is complete but for the profile's program entry date (not recorded)."""
    open_database(db_path)
    save_profile(ProfileData(name="A. Manager", member_number="42"), today=TODAY)
    save_activity(ActivityData(date(2025, 3, 1), "Leadership institute", Decimal(40), "leadership institute",
                               end_date=date(2025, 3, 5), practices=(3,), description="Attended every day.",
                               learned=LEARNED))
    close_database()
    return db_path


def test_without_a_program_entry_date_the_360_item_is_not_ticked(complete_year: Path, qtbot: QtBot,
                                                                 make_window: Callable[..., MainWindow],
                                                                 frozen_today: Callable[[date], None]) -> None:
    frozen_today(TODAY)
    open_database(complete_year)
    items = {i.key: i for i in readiness(build_report_data(2025, TODAY), TODAY)}
    close_database()
    item = items["multirater"]
    assert not item.ok and item.warning and item.fix == Fix.PROFILE
    assert "add your program entry date" in item.message
    assert not item.blocking  # a warning: it does not stop the report being submitted

    page = report_page(make_window(complete_year))
    assert page.year() == 2025
    button = page.readiness_panel.buttons["multirater"]  # not ticked: it has its fix, as every open item
    assert button.text() == "Edit profile\u2026"


# --- the import's day/month order ----------------------------------------------------------------------------


@pytest.mark.parametrize(("preference", "read_as"), [("dmy", date(2026, 3, 5)), ("mdy", date(2026, 5, 3)),
                                                     ("auto", date(2026, 5, 3))])
def test_the_date_order_starts_as_the_preference_says(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, preference: str,
                                                      read_as: date) -> None:
    save_preferences(replace(load_preferences(), import_date_order=preference))
    path = tmp_path / "either.csv"
    path.write_text("Title,Date,Hours\nBudget webinar,05/03/2026,1\nEthics course,04/02/2026,2\n", encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    list(wizard_pages(qtbot, wizard))
    rows = wizard.rows_page
    assert rows.order.currentData() == preference
    assert wizard.checked is not None and wizard.checked.to_add[0].start_date == read_as
    if preference == "auto":  # every date reads either way: the file cannot decide, so it is said
        assert "assumed" in rows.order_reason.text()
    wizard.reject()


def test_a_remembered_date_order_wins_over_the_preference(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    save_preferences(replace(load_preferences(), import_date_order="dmy"))
    headers = ("Title", "Date", "Hours")
    tabular.save_mapping(tabular.guess_mapping(headers), date_order="mdy")
    path = tmp_path / "either.csv"
    path.write_text(",".join(headers) + "\nBudget webinar,05/03/2026,1\n", encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    list(wizard_pages(qtbot, wizard))
    assert wizard.rows_page.order.currentData() == "mdy"
    assert wizard.checked is not None and wizard.checked.to_add[0].start_date == date(2026, 5, 3)
    wizard.reject()


# --- Ctrl+S, Print, dates ----------------------------------------------------------------------------------------


def test_ctrl_s_saves_what_is_typed_at_once(demo: MainWindow, qtbot: QtBot) -> None:
    page = report_page(demo)
    assert page.data is not None
    first = page.data.activities[0].activity_id
    page.commit_timer.setInterval(60_000)  # no autosave meanwhile: only Ctrl+S saves
    page.draft_timer.setInterval(60_000)
    demo.activateWindow()
    qtbot.waitUntil(demo.isActiveWindow)
    page.select_activity(first)
    page.reflections.focus_field("learned")
    qtbot.waitUntil(page.learned_field.edit.hasFocus)
    QTest.keyClicks(page.learned_field.edit, " Then I taught it.")
    assert not get_activity(first).data.learned.endswith("Then I taught it.")
    QTest.keyClick(page.learned_field.edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert get_activity(first).data.learned.endswith("Then I taught it.")
    assert demo.statusBar().currentMessage() == "Saved"

    page.tabs.setCurrentIndex(1)  # the summary too
    page.summary_field.edit.setFocus()
    qtbot.waitUntil(page.summary_field.edit.hasFocus)
    QTest.keyClicks(page.summary_field.edit, "A year of budgets.")
    QTest.keyClick(page.summary_field.edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    from wethrive_desktop.models.annual_report import get_draft

    assert get_draft(page.year()).summary_reflection.endswith("A year of budgets.")


def test_the_page_prints_when_the_window_asks(demo: MainWindow, qtbot: QtBot, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    page = report_page(demo)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(printing, "ask_printer", lambda parent: printer)
    assert page.can_print()
    with qtbot.waitSignal(page.printed, timeout=30000) as blocker:
        page.print_page()  # File > Print... (Ctrl+P)
    assert page.rendered is not None and blocker.args == [page.rendered.pages]
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == page.rendered.pages


def test_dates_are_written_the_users_way(demo: MainWindow) -> None:
    page = report_page(demo)
    assert page.data is not None
    first = page.data.activities[0]
    row = page.activity_list.item(0).text().splitlines()[1]
    assert row.startswith(format_date(first.start_date, short=True)) and "/" in row  # figures, in a list
    assert format_date(first.start_date) in page.reflections.activity_details.text()  # words, in the details
