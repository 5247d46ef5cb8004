"""The annual report page driven with pytest-qt: reflections saved to their activities (undoable), the live
readiness check and its fix buttons, the preview built off the GUI thread, Save as PDF, Print and submitting."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, get_activity, save_activity
from wethrive_desktop.models.annual_report import ReadinessItem, list_revisions, report_status
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.plans import GoalData, save_goal
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.reports.pdf import builder
from wethrive_desktop.reports.pdf.builder import render_report
from wethrive_desktop.reports.pdf.rendered import RenderedReport
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.report import printing, submit
from wethrive_desktop.ui.report.page import ReportPage
from wethrive_desktop.ui.report.submit import SubmitDialog

D = Decimal
YEAR = 2024
TODAY = date(2025, 2, 10)
LEARNED = ("I learned to frame every budget request around the service level it protects, and I applied it when "
           "our department rewrote its capital requests, which the council then discussed far more easily.")


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    open_database(db_path)
    save_profile(ProfileData(name="Nguyễn Thị Hồng", member_number="", program_entry_date=date(2022, 1, 1)),
                 today=TODAY)
    found = {
        "summit": save_activity(ActivityData(date(YEAR, 5, 2), "Regional Summit", D(30), "conference",
                                             end_date=date(YEAR, 5, 4), practices=(6,), description="Every session.",
                                             learned=LEARNED)),
        "webinar": save_activity(ActivityData(date(YEAR, 2, 1), "Budgeting webinar", D("1.5"), "webinar",
                                              practices=(12,), description="Live.", learned=LEARNED)),
        "untagged": save_activity(ActivityData(date(YEAR, 8, 1), "Equity course", D(12), "e-course",
                                               description="All modules.", learned=LEARNED)),
    }
    close_database()
    return found


@pytest.fixture
def window(make_window: Callable[..., MainWindow], ids: dict[str, int],
           frozen_today: Callable[[date], None]) -> MainWindow:
    frozen_today(TODAY)
    return make_window()


def page_of(window: MainWindow) -> ReportPage:
    page = window.show_page("reportPage")
    assert isinstance(page, ReportPage)
    return page


def test_page_opens_on_last_years_report(window: MainWindow) -> None:
    page = page_of(window)
    assert page.objectName() == "reportPage" and page.year() == YEAR
    titles = [page.activity_list.item(i).text().splitlines()[0] for i in range(page.activity_list.count())]
    assert titles == ["#1  Budgeting webinar", "#2  Regional Summit", "#3  Equity course"]
    assert "Not started" in page.status_label.text() and "43.5 h (40 required)" in page.status_label.text()
    action = next(a for a in window.file_menu.actions() if a.objectName() == "annualReportPdfAction")
    assert action.text().replace("&", "").startswith("Annual report")  # (its access key in the File menu: A)
    page.set_year(2019)
    assert page.activity_list.count() == 0 and page.empty_label.isVisibleTo(page)
    assert not page.editor_box.isVisibleTo(page)


def test_a_reflection_typed_here_updates_the_check_live_saves_to_the_activity_and_undoes(
        window: MainWindow, qtbot: QtBot, ids: dict[str, int]) -> None:
    page = page_of(window)
    page.select_activity(ids["webinar"])
    assert page.learned_field.text() == LEARNED
    page.learned_field.edit.clear()
    QTest.keyClicks(page.learned_field.edit, "Too short to count")
    assert "4 / 25 words" in page.learned_field.count.text()
    item = next(i for i in page.items if i.key == f"activity-{ids['webinar']}")  # before anything is saved
    assert "4 of 25 words" in item.message and page.readiness_panel.buttons[item.key].text() == "Write it"
    assert get_activity(ids["webinar"]).data.learned == LEARNED

    qtbot.waitUntil(lambda: get_activity(ids["webinar"]).data.learned == "Too short to count", timeout=5000)
    assert report_status(YEAR) == "draft" and "Saved" in page.saved_label.text()
    assert window.undo_stack.count() == 1  # the keystrokes merged into one step
    window.undo_stack.undo()
    assert get_activity(ids["webinar"]).data.learned == LEARNED
    assert page.learned_field.text() == LEARNED
    window.undo_stack.redo()
    assert get_activity(ids["webinar"]).data.learned == "Too short to count"


def test_fix_buttons_take_the_user_to_each_fix(window: MainWindow, qtbot: QtBot, ids: dict[str, int],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    buttons = page.readiness_panel.buttons
    assert set(buttons) == {f"activity-{ids['untagged']}", "plan", "profile", "attestation"}

    buttons[f"activity-{ids['untagged']}"].click()  # no practices: the activity dialog, on that activity
    dialog = window.findChild(ActivityDialog)
    assert dialog is not None and dialog.isVisible() and dialog.title_edit.text() == "Equity course"
    dialog.reject()

    opened: list[str] = []
    monkeypatch.setattr(window, "open_profile", lambda: opened.append("profile"))
    buttons["profile"].click()
    assert opened == ["profile"]

    buttons["attestation"].click()
    assert page.tabs.currentIndex() == 1

    page_of(window)
    buttons["plan"].click()
    from wethrive_desktop.ui.planner.page import PlannerPage

    planner = window.current_page()
    assert isinstance(planner, PlannerPage) and planner.year == YEAR + 1


def test_readiness_follows_the_data_and_the_attestation(window: MainWindow, qtbot: QtBot,
                                                        ids: dict[str, int]) -> None:
    page = page_of(window)
    save_goal(YEAR + 1, GoalData(None, "Lead an equity audit", "short", (3,)))
    window.data_changed.emit()
    assert "plan" not in page.readiness_panel.buttons
    page.tabs.setCurrentIndex(1)
    page.use_profile_name.click()
    page.attestation_signed.setChecked(True)
    assert "attestation" not in page.readiness_panel.buttons
    from wethrive_desktop.models.annual_report import get_draft

    draft = get_draft(YEAR)
    assert (draft.attestation_name, draft.attestation_date) == ("Nguyễn Thị Hồng", TODAY)


def test_the_preview_is_built_off_the_gui_thread(window: MainWindow, qtbot: QtBot,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    threads: list[int] = []
    original = render_report

    def spy(*args: Any, **kwargs: Any) -> RenderedReport:
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(builder, "render_report", spy)  # preview.py imports it when it first builds
    with qtbot.waitSignal(page.preview_ready, timeout=30000) as blocker:
        page.tabs.setCurrentIndex(2)
    assert threads and threads[0] != threading.get_ident()
    rendered = blocker.args[0]
    assert page.pdf_document.pageCount() == rendered.pages >= 3
    assert f"{rendered.pages} pages" in page.preview_info.text()


def test_save_as_pdf_writes_the_report(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    target = tmp_path / "mine"  # no suffix: .pdf is added
    suggested: list[str] = []

    def choose(parent: object, caption: str, name: str, file_filter: str) -> Path:
        suggested.append(name)
        return target

    monkeypatch.setattr(prompts, "choose_save_file", choose)
    page.save_button.click()
    qtbot.waitUntil(lambda: target.with_suffix(".pdf").exists(), timeout=30000)
    saved = target.with_suffix(".pdf")
    assert page.rendered is not None and saved.read_bytes() == page.rendered.pdf
    assert Path(suggested[0]).name == "annual-report-2024-Nguyễn-Thị-Hồng.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(str(saved)).pages)
    assert "Regional Summit" in text and "Nguyễn Thị Hồng" in text


def test_print_sends_every_page_to_the_printer(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(printing, "ask_printer", lambda parent: printer)
    with qtbot.waitSignal(page.printed, timeout=30000) as blocker:
        page.print_button.click()
    assert page.rendered is not None and blocker.args == [page.rendered.pages]
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == page.rendered.pages
    assert page.print_button.isEnabled()


def test_submitting_freezes_the_report_and_later_edits_are_flagged(window: MainWindow, qtbot: QtBot,
                                                                   tmp_path: Path, ids: dict[str, int],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    asked: list[tuple[int, int, list[str]]] = []

    def ask(parent: object, year: int, revision: int, items: list[ReadinessItem]) -> date | None:
        asked.append((year, revision, [i.key for i in items]))
        return date(2025, 2, 1)

    monkeypatch.setattr(submit, "ask_submission_date", ask)
    saved: list[object] = []

    def choose(*args: object) -> Path:
        saved.append(args)
        return tmp_path / "sent.pdf"

    monkeypatch.setattr(prompts, "choose_save_file", choose)
    with qtbot.waitSignal(page.report_submitted, timeout=30000) as blocker:
        page.submit_button.click()
    submission = blocker.args[0]
    assert asked == [(YEAR, 1, [f"activity-{ids['untagged']}", "plan", "profile", "attestation"])]
    assert saved == []  # no Save dialog the member did not ask for
    assert "Save as PDF saves the copy as sent" in window.statusBar().currentMessage()
    page.save_button.click()  # the copy as sent, shown in the preview
    qtbot.waitUntil(lambda: (tmp_path / "sent.pdf").exists())
    assert (tmp_path / "sent.pdf").read_bytes() == submission.pdf
    assert "Submitted" in page.status_label.text() and "February 1, 2025" in page.status_label.text()
    assert page.submit_button.text().replace("&", "").startswith("Submit new revision")  # (its access key: M)
    assert not page.changed_label.isVisibleTo(page)

    page.tabs.setCurrentIndex(0)
    page.select_activity(ids["summit"])
    page.learned_field.edit.setPlainText("Rewritten after it was sent.")
    page.commit_pending()
    assert page.changed_label.isVisibleTo(page)
    assert "\u201cRegional Summit\u201d: what I learned changed" in page.changed_label.text()

    with qtbot.waitSignal(page.preview_ready, timeout=30000) as shown:
        page.show_revision(1)
    assert shown.args[0].pdf == submission.pdf and "identical to the file submitted" in page.preview_info.text()
    assert [r.revision for r in list_revisions(YEAR)] == [1]


def test_cancelling_the_submission_stores_nothing(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    monkeypatch.setattr(submit, "ask_submission_date", lambda *args: None)
    page.submit_button.click()
    assert list_revisions(YEAR) == [] and report_status(YEAR) == "not started"


def test_the_submit_dialog_lists_open_items_and_offers_today(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    dialog = SubmitDialog(page, YEAR, 1, [i for i in page.items if not i.ok])
    qtbot.addWidget(dialog)
    text = " ".join(w.text() for w in dialog.findChildren(type(page.status_label)))
    assert "4 open items" in text and "Equity course" in text
    assert dialog.chosen_date() == TODAY
    assert dialog.date_edit.maximumDate().toPython() == TODAY


def test_text_the_pdf_cannot_print_is_flagged_once_the_fonts_are_loaded(window: MainWindow, qtbot: QtBot) -> None:
    page = page_of(window)
    thai = save_activity(ActivityData(date(YEAR, 6, 1), "Exchange with สมชาย", D(2), "exchange", practices=(2,),
                                      description="Visited.", learned=LEARNED))
    window.data_changed.emit()
    qtbot.waitUntil(lambda: f"glyphs-{thai}" in page.readiness_panel.buttons, timeout=10000)
    assert page.readiness_panel.buttons[f"glyphs-{thai}"].text() == "Edit activity\u2026"


# --- fast at every size (issue 12): the check after a pause in typing, linear work, no widget an activity ---------


def _add_activities(n: int, complete: bool = True) -> None:
    """`n` more activities in YEAR (with practices, a description and enough words learned when `complete`)."""
    from wethrive_desktop.models.activities import import_activities

    state = "done" if complete else "todo"
    import_activities([ActivityData(date(YEAR, 1 + i % 12, 1 + i % 28), f"Course {i} ({state})", D(1), "webinar",
                                    practices=(1 + i % 14,) if complete else (), description="Took part.",
                                    learned=LEARNED) for i in range(n)])


def _python_and_c_calls(action: Callable[[], object]) -> int:
    """How many functions (Python and C, Qt's included) `action` calls: work, counted the same on any machine."""
    import sys

    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(previous)
    return count


def test_keys_typed_within_the_pause_run_the_readiness_check_once_and_the_word_count_follows_each_key(
        window: MainWindow, qtbot: QtBot, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.models.annual_report import readiness
    from wethrive_desktop.models.reflections import word_count
    from wethrive_desktop.ui.report import page as page_module

    page = page_of(window)
    page.commit_timer.setInterval(60_000)  # the autosave comes below, when asked: only the check's runs are counted
    checked: list[str] = []

    def counting(data: Any, *args: Any, **kwargs: Any) -> list[ReadinessItem]:
        checked.append(next(a.learned for a in data.activities if a.activity_id == ids["webinar"]))
        return readiness(data, *args, **kwargs)

    monkeypatch.setattr(page_module, "readiness", counting)
    page.select_activity(ids["webinar"])
    page.learned_field.edit.clear()
    qtbot.waitUntil(lambda: checked == [""], timeout=5000)  # clearing is an edit too: checked after the pause
    checked.clear()
    text = "Budgets name service"  # 20 keys, 3 words
    for typed in range(1, len(text) + 1):
        QTest.keyClicks(page.learned_field.edit, text[typed - 1])
        assert f"{word_count(text[:typed])} / 25 words" in page.learned_field.count.text()  # at every key
    assert checked == [] and page.readiness_timer.isActive()  # no check while the keys come

    qtbot.waitUntil(lambda: len(checked) == 1, timeout=5000)
    qtbot.wait(2 * page_module.READINESS_DELAY_MS)
    assert checked == [text]  # once, on the text as typed last
    item = next(i for i in page.readiness_panel.items if i.key == f"activity-{ids['webinar']}")
    assert "3 of 25 words" in item.message and page.readiness_panel.buttons[item.key].text() == "Write it"
    assert get_activity(ids["webinar"]).data.learned == LEARNED  # not saved yet
    page.commit_pending()  # what the autosave (or focus leaving, or closing) does: nothing typed is lost
    assert get_activity(ids["webinar"]).data.learned == text


def test_reading_the_items_runs_a_check_still_waiting(window: MainWindow, ids: dict[str, int]) -> None:
    page = page_of(window)
    page.select_activity(ids["summit"])
    page.learned_field.edit.clear()
    QTest.keyClicks(page.learned_field.edit, "Short")
    assert page.readiness_timer.isActive()
    item = next(i for i in page.items if i.key == f"activity-{ids['summit']}")
    assert "1 of 25 words" in item.message and not page.readiness_timer.isActive()


def test_the_check_after_a_pause_and_a_refresh_grow_linearly_with_the_activities(
        window: MainWindow, ids: dict[str, int]) -> None:
    page = page_of(window)
    page.commit_timer.setInterval(60_000)

    def key_and_pause() -> int:
        """The work of a key typed and of the check the pause after it runs."""
        page.select_activity(ids["webinar"])
        return _python_and_c_calls(lambda: (QTest.keyClicks(page.learned_field.edit, "x"), page.items))

    def refresh() -> int:
        """The work of a refresh after a write (so the year is loaded again)."""
        save_activity(ActivityData(date(2019, 1, 1), f"Older course {page.activity_list.count()}", D(1), "webinar"))
        return _python_and_c_calls(page.refresh)

    key_and_pause(), refresh()  # what only the first of each does (a query made once) is not counted below
    figures = []
    for _ in range(3):
        _add_activities(200)
        window.data_changed.emit()
        figures.append((page.activity_list.count(), key_and_pause(), refresh()))
    (n0, key0, refresh0), (n1, key1, refresh1), (n2, key2, refresh2) = figures
    assert (n0, n1, n2) == (203, 403, 603)
    # Linear: the second 200 activities add what the first 200 added (a search of every activity for each listed
    # one, as before, added about twice as much the second time).
    assert key2 - key1 < 1.25 * (key1 - key0) + 50, figures
    assert refresh2 - refresh1 < 1.25 * (refresh1 - refresh0), figures


def test_the_list_and_the_panel_make_no_widget_an_activity(window: MainWindow, ids: dict[str, int]) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QLabel, QWidget

    from wethrive_desktop.ui.report.readiness_panel import MAX_ACTIVITY_ROWS

    page = page_of(window)

    def widgets() -> int:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # rows replaced are gone
        return len(page.findChildren(QWidget))

    before = widgets()
    _add_activities(200)
    window.data_changed.emit()
    assert page.activity_list.count() == 203 and widgets() == before
    assert "#203" in page.activity_list.item(202).text() and page.activity_list.item(202).toolTip() == "Complete"

    _add_activities(80, complete=False)  # 81 activities to fix with the untagged one
    window.data_changed.emit()
    assert sum(i.key.startswith("activity-") for i in page.items) == 81
    shown = [k for k in page.readiness_panel.buttons if k.startswith("activity-")]
    assert len(shown) == MAX_ACTIVITY_ROWS
    more = page.readiness_panel.findChild(QLabel, "readiness-more")
    assert more is not None and f"{81 - MAX_ACTIVITY_ROWS} more" in more.text()
    assert {"plan", "profile", "attestation"} <= set(page.readiness_panel.buttons)
    todo = next(r for r in range(page.activity_list.count()) if "todo" in page.activity_list.item(r).text())
    assert "has no practices" in page.activity_list.item(todo).toolTip()


def test_another_years_checks_fill_the_panels_rows_and_their_buttons_ask_for_the_new_fixes(
        window: MainWindow, ids: dict[str, int], qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression
    from PySide6.QtWidgets import QApplication, QPushButton, QWidget

    from wethrive_desktop.models.activities import import_activities
    from wethrive_desktop.ui.colors import MUTED, text_color
    from wethrive_desktop.ui.report.readiness_panel import MAX_ACTIVITY_ROWS, _Row
    from wethrive_desktop.ui.theme import dark_palette

    page = page_of(window)
    panel = page.readiness_panel

    def widgets() -> int:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # rows removed are gone
        return len(panel.findChildren(QWidget))

    _add_activities(40, complete=False)
    import_activities([ActivityData(date(YEAR - 1, 1 + i % 12, 1), f"Earlier course {i}", D(1), "webinar")
                       for i in range(40)])
    window.data_changed.emit()
    this_year = {k for k in panel.buttons if k.startswith("activity-")}
    assert len(this_year) == MAX_ACTIVITY_ROWS
    before = widgets()
    rows = set(panel.findChildren(QWidget, QRegularExpression("^readiness-(?!more)")))

    page.set_year(YEAR - 1)
    earlier = {k for k in panel.buttons if k.startswith("activity-")}
    assert len(earlier) == MAX_ACTIVITY_ROWS and not earlier & this_year
    # The rows there were show the other year's checks: none made, none left over.
    assert {panel.buttons[k].parentWidget() for k in earlier} <= rows
    assert widgets() == before
    asked: list[ReadinessItem] = []
    panel.fix_requested.disconnect()
    panel.fix_requested.connect(asked.append)
    key = sorted(earlier)[0]
    button = panel.findChild(QPushButton, f"fix-{key}")
    assert button is panel.buttons[key]
    qtbot.waitUntil(lambda: button.isVisibleTo(panel))  # (a row the earlier year needs more of: shown by the loop)
    assert "Earlier course" in button.accessibleName()
    button.click()
    assert [item.key for item in asked] == [key] and "Earlier course" in asked[0].message
    # Back to the first year, on a dark palette: its passed checks, in rows there were, are in the dark shade.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    app.setPalette(dark_palette())
    try:
        page.set_year(YEAR)
        QCoreApplication.processEvents()
        shade = text_color(MUTED, dark_palette()).name()
        passed = [w for w in panel.findChildren(QWidget) if isinstance(w, _Row) and w.passed and w.isVisibleTo(panel)]
        assert passed and all(shade in w.text.styleSheet() and w.button is None for w in passed)
    finally:
        app.setPalette(light)


def test_the_pages_own_saves_do_not_reload_the_year_and_leave_it_as_a_reload_would(
        window: MainWindow, qtbot: QtBot, ids: dict[str, int], db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from wethrive_desktop.models.annual_report import ReportData, build_report_data
    from wethrive_desktop.ui.report import page as page_module

    page = page_of(window)
    loads: list[int] = []

    def counting(year: int, *args: Any) -> ReportData:
        loads.append(year)
        return build_report_data(year, *args)

    monkeypatch.setattr(page_module, "build_report_data", counting)
    page.refresh()
    assert loads == []  # nothing changed since the page loaded the year

    page.select_activity(ids["webinar"])
    page.reflections.focus_field("learned")  # the caret at the end
    QTest.keyClicks(page.learned_field.edit, " Then I taught it.")
    qtbot.waitUntil(lambda: get_activity(ids["webinar"]).data.learned.endswith("taught it."), timeout=5000)
    page.tabs.setCurrentIndex(1)
    QTest.keyClicks(page.summary_field.edit, "A year of budgets.")
    page.commit_draft()
    assert loads == [] and page.data == build_report_data(YEAR, TODAY)

    save_activity(ActivityData(date(YEAR, 7, 1), "Ethics e-course", D(2), "e-course", practices=(1,)))
    window.data_changed.emit()  # a write elsewhere: loaded again
    assert loads == [YEAR] and page.activity_list.count() == 4

    other = sqlite3.connect(db_path)  # another connection (a worker, another process): seen too
    with other:
        other.execute("UPDATE activity SET title = 'Budgeting webinar, renamed' WHERE id = ?", (ids["webinar"],))
    other.close()
    page.refresh()
    assert loads == [YEAR, YEAR] and "Budgeting webinar, renamed" in page.activity_list.item(0).text()


def test_text_typed_when_another_activity_appears_is_saved_and_stays_in_its_field(
        window: MainWindow, ids: dict[str, int]) -> None:
    page = page_of(window)
    page.select_activity(ids["webinar"])
    page.reflections.focus_field("learned")
    QTest.keyClicks(page.learned_field.edit, " Then I taught it.")
    save_activity(ActivityData(date(YEAR, 1, 5), "New year's webinar", D(1), "webinar", practices=(1,)))
    window.data_changed.emit()  # a write elsewhere: the list changes, and choosing the activity again saves the text
    assert get_activity(ids["webinar"]).data.learned == LEARNED + " Then I taught it."
    assert page.learned_field.text() == LEARNED + " Then I taught it."
    page.select_activity(ids["summit"])
    page.select_activity(ids["webinar"])
    assert page.learned_field.text() == LEARNED + " Then I taught it."
