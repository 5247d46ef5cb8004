"""The development plan, #WeThriveHere and Legacy Leaders pages as a user meets them (issue 15), on the demo data:
each page and each of its dialogs fits at 1366x768, 1024x600 and 800x480; every access key works and is unique, and
no page takes the menu bar's F, E, V or H; a dialog opens on its first field; every text goes through tr; dates are
written the locale's way and sort as dates; the grey of a dropped item reads on a dark palette; and deleting a
challenge entry without hours asks nothing and is undone and redone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QTabBar,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui_checks import clipped, mnemonic, mnemonic_problems, shown, untranslated

from wethrive_desktop.models.activities import get_activity, load_activities
from wethrive_desktop.models.challenge import load_items, record_zero_hour_entry
from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.models.legacy import save_action
from wethrive_desktop.models.legacy_rule import MENU_KINDS, RECRUITMENT_KINDS, ActionData
from wethrive_desktop.models.plans import ItemStatus, get_plan, new_item, save_item, set_item_status
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.challenge.dialogs import CopyDialog, EntryDialog, ItemDialog
from wethrive_desktop.ui.challenge.page import ChallengePage
from wethrive_desktop.ui.colors import TEXT_CONTRAST, contrast
from wethrive_desktop.ui.legacy.dialogs import ActionDialog, CoachingDialog
from wethrive_desktop.ui.legacy.page import LegacyPage
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.planner.page import PlannerPage
from wethrive_desktop.ui.shell import Page
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE

TODAY = date(2026, 11, 16)
SIZES = [(1366, 768), (1024, 600), (800, 480)]
PAGES = ["plannerPage", "challengePage", "legacyPage"]
MENU_BAR_KEYS = {"F", "E", "V", "H"}
TITLE_BAR = 32  # a dialog's frame on a real desktop: the dialog itself must leave room for it in 480 px

Role = QPalette.ColorRole
# The dark palette people set on Fusion (Qt's own examples use it).
DARK = {Role.Window: "#353535", Role.WindowText: "#ffffff", Role.Base: "#2a2a2a", Role.AlternateBase: "#424242",
        Role.Text: "#ffffff", Role.Button: "#353535", Role.ButtonText: "#ffffff", Role.Highlight: "#2a82da",
        Role.HighlightedText: "#ffffff", Role.PlaceholderText: "#a0a0a0"}


@pytest.fixture
def open_window(make_window: Callable[..., MainWindow], data_dir: Path,
                frozen_today: Callable[[date], None]) -> Callable[[], MainWindow]:
    """The demo data's window built as the app builds it, each page when first shown: its smallest size is then
    that of the pages a test shows (and the window's own bars), not of pages the test never opens."""
    frozen_today(TODAY)
    return lambda: make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True, size=None, defer_pages=True)


def show(window: MainWindow, name: str, size: tuple[int, int] = (1366, 768)) -> Page:
    page = window.show_page(name)
    assert isinstance(page, Page)
    window.resize(*size)
    settle()
    return page


def settle() -> None:
    for _ in range(3):  # a layout change posts its relayout; a reflow may post one more
        QApplication.processEvents()


def select_first_rows(page: QWidget) -> None:
    """Select a row in every table of `page`, so that the buttons acting on a selection are enabled too."""
    for view in page.findChildren(QTableView):
        if view.model() is not None and view.model().rowCount() and view.selectionModel() is not None:
            view.selectRow(0)


def every_tab(page: QWidget) -> Iterator[str]:
    """Show each tab of each tab widget of `page` in turn; yields where it is."""
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            yield f"{tabs.objectName()} tab {index}"


def no_plan_year(page: PlannerPage) -> None:
    page.show_year(next(y for y in range(TODAY.year + 1, TODAY.year + 20) if get_plan(y) is None))
    settle()
    assert page.empty_hint.isVisible() and page.start_button.isVisible()


# --- fit -------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", PAGES)
def test_each_page_fits_at_each_size(open_window: Callable[[], MainWindow], name: str,
                                     size: tuple[int, int]) -> None:
    window = open_window()
    page = show(window, name, size)
    assert page.width() <= size[0] - 120 and page.height() <= size[1], "the page has the window's room, no more"
    select_first_rows(page)
    problems = [f"{where}: {p}" for where in ["shown", *every_tab(page)] for p in clipped(page)]
    if isinstance(page, PlannerPage):
        no_plan_year(page)
        problems += [f"no plan: {p}" for p in clipped(page)]
    assert problems == []


def test_a_narrow_window_stacks_and_a_wide_one_sits_side_by_side(open_window: Callable[[], MainWindow]) -> None:
    """What the user sees of the reflow: at 800x480 the plan's items take the page's width under the needs and
    goals, at 1366x768 they sit beside them; either way the title keeps a fair share of the table, which does not
    scroll sideways (the other columns elide)."""
    window = open_window()
    page = show(window, "plannerPage", (800, 480))
    assert isinstance(page, PlannerPage)

    def top_left(widget: QWidget) -> tuple[int, int]:
        point = widget.mapTo(page, widget.rect().topLeft())
        return point.x(), point.y()

    def title_keeps_its_share() -> bool:
        view = page.items_view
        return (view.columnWidth(1) >= view.viewport().width() * 0.25
                and not view.horizontalScrollBar().isVisible())

    assert top_left(page.items_view)[1] > top_left(page.goal_list)[1] + page.goal_list.height()
    assert title_keeps_its_share()
    window.resize(1366, 768)
    settle()
    assert top_left(page.items_view)[0] > top_left(page.goal_list)[0] + page.goal_list.width()
    assert title_keeps_its_share()


# --- access keys ---------------------------------------------------------------------------------------------------

def page_keys(page: QWidget) -> set[str]:
    """The access keys shown on `page`: its labels', buttons' and tabs'."""
    texts = [w.tabText(i) for w in shown(page) if isinstance(w, QTabBar) for i in range(w.count())]
    texts += [w.text() for w in shown(page) if isinstance(w, QLabel | QAbstractButton)]
    return {letter for text in texts if (letter := mnemonic(text)) is not None}


@pytest.mark.parametrize("name", PAGES)
def test_access_keys_work_and_leave_the_menu_bar_its_letters(open_window: Callable[[], MainWindow],
                                                             name: str) -> None:
    window = open_window()
    page = show(window, name)
    select_first_rows(page)
    problems, letters = [], set()
    for where in ["shown", *every_tab(page)]:
        select_first_rows(page)
        problems += [f"{where}: {p}" for p in mnemonic_problems(window)]
        letters |= page_keys(page)
    if isinstance(page, PlannerPage):
        no_plan_year(page)
        problems += [f"no plan: {p}" for p in mnemonic_problems(window)]
        letters |= page_keys(page)
    assert problems == []
    assert len(letters) >= 5, letters  # the page's main actions have keys
    assert letters & MENU_BAR_KEYS == set()


# --- dialogs -------------------------------------------------------------------------------------------------------

Opener = Callable[[], QDialog | None]


def planner_dialogs(window: MainWindow) -> list[tuple[Opener, str]]:
    page = show(window, "plannerPage")
    assert isinstance(page, PlannerPage)
    page.show_year(TODAY.year)  # the demo's plan, with goals and items to edit
    page.goal_list.setCurrentRow(0)
    page.items_view.selectRow(0)
    return [(page.add_goal, "goalText"), (page.edit_goal, "goalText"), (page.add_item, "itemTitle"),
            (lambda: page.edit_item_at(0), "itemTitle")]


def challenge_dialogs(window: MainWindow) -> list[tuple[Opener, str]]:
    page = show(window, "challengePage")
    item = load_items(2017)[0]
    return [(lambda: EntryDialog(page, TODAY), "entryDate"), (lambda: ItemDialog(page, 2017, None), "itemKey"),
            (lambda: ItemDialog(page, 2017, item), "itemName"), (lambda: CopyDialog(page, 2017, 2027), "copyYear")]


def legacy_dialogs(window: MainWindow) -> list[tuple[Opener, str]]:
    page = show(window, "legacyPage")
    assert isinstance(page, LegacyPage)
    coaching = page.coaching_model.records[0]
    recruitment = page.recruit_model.records[0]
    return [(lambda: CoachingDialog(page, None), "coachingPerson"),
            (lambda: CoachingDialog(page, coaching), "coachingPerson"),
            (lambda: ActionDialog(page, RECRUITMENT_KINDS, None), "actionDate"),
            (lambda: ActionDialog(page, RECRUITMENT_KINDS, recruitment), "actionDate"),
            (lambda: ActionDialog(page, MENU_KINDS, None), "actionDate")]


DIALOGS = {"plannerPage": planner_dialogs, "challengePage": challenge_dialogs, "legacyPage": legacy_dialogs}


def opened(open_it: Opener, qtbot: QtBot) -> QDialog:
    """The dialog, shown (as its page shows it, or as form_dialog.run_dialog would, without blocking) and active."""
    dialog = open_it()
    assert dialog is not None
    qtbot.addWidget(dialog)
    if not dialog.isVisible():
        dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


@pytest.mark.parametrize("name", PAGES)
def test_dialogs_fit_open_on_their_first_field_and_keys_work(open_window: Callable[[], MainWindow], qtbot: QtBot,
                                                             name: str) -> None:
    """A dialog is its own window: whatever the main window's size, it must fit the smallest screen (800x480,
    with room for its title bar), show everything uncut, and take the keyboard at its first field."""
    window = open_window()
    problems = []
    for open_it, first in DIALOGS[name](window):
        dialog = opened(open_it, qtbot)
        where = f"{dialog.objectName()} {dialog.windowTitle()!r}"
        if dialog.width() > 800 or dialog.height() > 480 - TITLE_BAR:
            problems.append(f"{where} is {dialog.width()}x{dialog.height()}")
        focus = QApplication.focusWidget()
        if focus is None or focus.objectName() != first:
            problems.append(f"{where} opens on {focus.objectName() if focus else None!r}, not {first!r}")
        problems += [f"{where}: {p}" for p in clipped(dialog) + mnemonic_problems(dialog)]
        dialog.reject()
    assert problems == []


# --- translation ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_every_text_goes_through_tr(pseudo_translation: None, open_window: Callable[[], MainWindow], qtbot: QtBot,
                                    name: str) -> None:
    window = open_window()
    page = show(window, name)
    select_first_rows(page)
    problems = [f"{where}: {p}" for where in ["shown", *every_tab(page)] for p in untranslated(page)]
    if isinstance(page, PlannerPage):
        no_plan_year(page)
        problems += [f"no plan: {p}" for p in untranslated(page)]
    for open_it, _first in DIALOGS[name](window):
        dialog = opened(open_it, qtbot)
        problems += [f"{dialog.objectName()}: {p}" for p in untranslated(dialog)]
        dialog.reject()
    assert problems == []


# --- dates ---------------------------------------------------------------------------------------------------------

def column(view: QTableView, header: str) -> list[str]:
    model = view.model()
    index = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)
    return [model.index(row, index).data() for row in range(model.rowCount())]


def test_dates_are_the_locales(open_window: Callable[[], MainWindow]) -> None:
    """In a German locale the tables write 04.10.2026, not Oct 4 or 2026-10-04: the locale's figures, with a
    four-digit year."""
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    window = open_window()
    planner = show(window, "plannerPage")
    assert isinstance(planner, PlannerPage)
    planner.show_year(TODAY.year)
    conference = next(i for i in get_plan(TODAY.year).items if i.end_date)  # type: ignore[union-attr]
    start, end = conference.start_date, conference.end_date
    assert start is not None and end is not None
    assert f"{start:%d.%m.%Y} – {end:%d.%m.%Y}" in column(planner.items_view, "Dates")
    challenge = show(window, "challengePage")
    assert isinstance(challenge, ChallengePage)
    challenge.year_spin.setValue(TODAY.year)
    first = next(ln for ln in challenge.lines_model.records if ln.date is not None)
    assert column(challenge.lines_view, "Date")[0] == f"{first.date:%d.%m.%Y}"
    legacy = show(window, "legacyPage")
    assert isinstance(legacy, LegacyPage)
    started = legacy.coaching_model.records[0].data.start_date
    assert f"{started:%d.%m.%Y}" in column(legacy.coaching_view, "Started")


def test_tables_of_dates_sort_by_date_not_by_text(open_window: Callable[[], MainWindow]) -> None:
    """9/9/2025 comes before 10/4/2025 (as text it would come after)."""
    window = open_window()
    save_action(ActionData(date(2025, 10, 4), "member-recruited", "Ana Ruiz"))
    save_action(ActionData(date(2025, 9, 9), "member-recruited", "Sam Ortiz"))
    page = show(window, "legacyPage")
    assert isinstance(page, LegacyPage)
    page.recruit_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    dates = column(page.recruit_view, "Date")
    assert dates.index("9/9/2025") < dates.index("10/4/2025")
    records = [page.recruit_view.model().index(r, 0).data(RECORD_ROLE) for r in range(len(dates))]
    assert [r.data.date for r in records] == sorted(r.data.date for r in records)


# --- colours -------------------------------------------------------------------------------------------------------

@pytest.fixture
def dark_palette(qapp: QApplication) -> Iterator[QPalette]:
    old = QPalette(qapp.palette())
    palette = QPalette()
    for role, name in DARK.items():
        palette.setColor(role, QColor(name))
    qapp.setPalette(palette)
    settle()
    yield palette
    qapp.setPalette(old)
    settle()


def test_the_status_colours_read_on_a_dark_palette(dark_palette: QPalette,
                                                   open_window: Callable[[], MainWindow]) -> None:
    window = open_window()
    dropped_id = save_item(TODAY.year, new_item("Dropped course", start_date=date(TODAY.year, 12, 1)))
    set_item_status(dropped_id, ItemStatus.DROPPED)
    page = show(window, "plannerPage")
    assert isinstance(page, PlannerPage)
    page.refresh()
    statuses = column(page.items_view, "Status")
    colours = {}
    for row, text in enumerate(statuses):
        brush = page.items_model.index(row, 5).data(Qt.ItemDataRole.ForegroundRole)
        if brush is not None:
            colours[text] = brush.color()
    assert {"Dropped", "Done (logged)"} <= set(colours)
    for text, colour in colours.items():
        for background in (Role.Base, Role.AlternateBase):
            assert contrast(colour, dark_palette.color(background)) >= TEXT_CONTRAST, (text, colour.name())


# --- deleting a challenge entry ------------------------------------------------------------------------------------

def test_deleting_an_entry_without_hours_asks_nothing_and_undo_redo_work(
        open_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window()
    entry_id = record_zero_hour_entry(date(TODAY.year, 11, 2), "ebook-purchase", "Leading Change (e-book)")
    page = show(window, "challengePage")
    assert isinstance(page, ChallengePage)
    page.refresh()
    asked: list[object] = []

    def confirm(*args: object, **kwargs: object) -> bool:
        asked.append(args)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    row, line = next((r, ln) for r, ln in enumerate(page.lines_model.records)
                     if ln.activity and ln.activity.id == entry_id)
    page.lines_view.selectRow(row)
    total, points = int(page.total_label.text()), line.points
    assert points > 0
    page.delete_entry_button.click()
    assert asked == []
    assert entry_id not in {r.id for r in load_activities()}
    assert int(page.total_label.text()) == total - points
    assert window.statusBar().currentMessage() == "Deleted “Leading Change (e-book)” - Undo (Ctrl+Z)"
    window.undo_stack.undo()
    assert get_activity(entry_id).data.title == "Leading Change (e-book)"
    assert int(page.total_label.text()) == total
    window.undo_stack.redo()
    assert entry_id not in {r.id for r in load_activities()}
    assert int(page.total_label.text()) == total - points
