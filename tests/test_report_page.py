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
from wethrive_desktop.reports.pdf.builder import RenderedReport, render_report
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.report import preview, printing, submit
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
    assert "Not started" in page.status_label.text() and "43.5 of 40 h" in page.status_label.text()
    action = next(a for a in window.file_menu.actions() if a.objectName() == "annualReportPdfAction")
    assert action.text().startswith("Annual report")
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

    monkeypatch.setattr(preview, "render_report", spy)
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
    monkeypatch.setattr(prompts, "choose_save_file", lambda *args: tmp_path / "sent.pdf")
    with qtbot.waitSignal(page.report_submitted, timeout=30000) as blocker:
        page.submit_button.click()
    submission = blocker.args[0]
    assert asked == [(YEAR, 1, [f"activity-{ids['untagged']}", "plan", "profile", "attestation"])]
    assert (tmp_path / "sent.pdf").read_bytes() == submission.pdf
    assert "Submitted" in page.status_label.text() and "February 1, 2025" in page.status_label.text()
    assert page.submit_button.text().startswith("Submit new revision")
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
