"""File > Import spreadsheet...: the wizard driven as a member would (file, columns, rows, corrections, import), the
import as one undo step, and the batch functions that undo and redo it."""

from __future__ import annotations

import csv
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import run
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QTableWidget, QWizard
from pytestqt.qtbot import QtBot
from test_accessibility import unnamed
from ui_checks import clipped

from wethrive_desktop.exchange import tabular
from wethrive_desktop.models.activities import ActivityData, count_activities, load_activities, save_activity
from wethrive_desktop.models.activity_batches import BatchChangedError, remove_activities, restore_activities
from wethrive_desktop.models.plans import all_items, new_item, save_item
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.import_wizard.wizard import ImportWizard
from wethrive_desktop.ui.main_window import MainWindow

TRACKER = ("My PD log 2026\n\n"
           "Activity;Date Attended;Sponsor;CEUs;Cost ($);Notes\n"
           "Budget webinar;05/03/2026;GFOA;1,5;120;good\n"
           "Ethics course;17/03/2026;ICMA;2;0;\n"
           "Bad row;31/02/2026;X;lots;;\n"
           "Leadership summit;02/04/2026;ICMA;6;450;met peers\n")


def shot(widget: QWizard, name: str) -> None:
    """Save what the user sees when WETHRIVE_SHOTS names a folder (for looking, not asserting)."""
    folder = os.environ.get("WETHRIVE_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def grid_text(grid: QTableWidget, row: int, column: int) -> str:
    item = grid.item(row, column)
    assert item is not None
    return item.text()


def open_wizard(qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> ImportWizard:
    monkeypatch.setattr(prompts, "choose_open_file", lambda *args, **kwargs: path)
    wizard = window.import_spreadsheet()
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    qtbot.waitUntil(lambda: (wizard.table is not None or wizard.source_page.error.isVisibleTo(wizard))
                    and not wizard.busy)
    return wizard


def next_page(qtbot: QtBot, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    button.click()


def to_rows(qtbot: QtBot, wizard: ImportWizard) -> None:
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.rows_page
    qtbot.waitUntil(lambda: wizard.checked is not None and not wizard.busy)


def finish(qtbot: QtBot, wizard: ImportWizard) -> None:
    """Click Finish and wait until the wizard closed (after the import stored its rows, it is deleted)."""
    closed: list[int] = []
    wizard.finished.connect(closed.append)
    button = wizard.button(QWizard.WizardButton.FinishButton)
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: closed == [QWizard.DialogCode.Accepted.value])


def statuses(wizard: ImportWizard) -> dict[int, str]:
    assert wizard.checked is not None
    return {row.line: row.status for row in wizard.checked.rows}


def test_a_members_own_tracker_goes_in_with_its_columns_mapped_and_a_bad_row_corrected(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    info = wizard.source_page.info.text()
    assert "semicolon-separated" in info and "header on line 3" in info and "4 data rows" in info
    assert not wizard.source_page.sheet_combo.isVisibleTo(wizard)  # a text file has no sheets
    sample = wizard.source_page.sample  # the first rows under the header found
    assert sample.isVisibleTo(wizard) and sample.rowCount() == 4
    assert grid_text(sample, 0, 0) == "Budget webinar" and grid_text(sample, 2, 3) == "lots"
    shot(wizard, "1-source")
    assert unnamed(wizard, wizard) == []

    next_page(qtbot, wizard)
    page = wizard.mapping_page
    assert page.origin.text().startswith("Guessed")
    chosen = {grid_text(page.grid, i, 0): page.combos[i].currentData() for i in range(6)}
    assert chosen == {"Activity": "title", "Date Attended": "date", "Sponsor": "provider", "CEUs": "hours",
                      "Cost ($)": None, "Notes": "description"}
    assert "05/03/2026" in grid_text(page.grid, 1, 1)  # the first values beside each column
    assert page.isComplete() and not page.missing.isVisibleTo(wizard)
    page.append.setChecked(True)  # "Cost ($): 120" into the description
    shot(wizard, "2-columns")
    assert unnamed(wizard, wizard) == []

    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.checked is not None and not wizard.busy)
    assert unnamed(wizard, wizard) == []  # every control on every page has a name for screen readers
    rows = wizard.rows_page
    assert statuses(wizard) == {4: tabular.NEW, 5: tabular.NEW, 6: tabular.ERROR, 7: tabular.NEW}
    assert "day first" in rows.order_reason.text()  # 17/03/2026 can only be day first
    assert "1 row with errors" in rows.summary.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).text() == "Import 3 activities"
    shot(wizard, "3-rows")

    # Correct the bad row in the table itself: its date and hours.
    model = rows.model
    bad = next(r for r in range(model.rowCount()) if model.result(r).line == 6)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Problem or note"
    message = model.index(bad, 2).data()
    assert "Date Attended" in message and "CEUs" in message
    rows.view.setCurrentIndex(model.index(bad, 0))
    assert rows.details.text() == f"Line 6: {message}"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    date_column = headers.index("Date Attended (Date)")
    hours_column = headers.index("CEUs (Hours)")
    assert model.flags(model.index(bad, date_column)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(bad, date_column), "28/02/2026")
    assert model.setData(model.index(bad, hours_column), "1h30")
    qtbot.waitUntil(lambda: wizard.checked is not None and not wizard.busy and 6 in statuses(wizard))
    qtbot.waitUntil(lambda: statuses(wizard)[6] == tabular.NEW)
    assert wizard.button(QWizard.WizardButton.FinishButton).text() == "Import 4 activities"

    finish(qtbot, wizard)
    stored = {r.data.title: r.data for r in load_activities()}
    assert set(stored) == {"Budget webinar", "Ethics course", "Bad row", "Leadership summit"}
    assert stored["Budget webinar"].start_date == date(2026, 3, 5)  # day first, as the file's own dates show
    assert stored["Budget webinar"].hours == Decimal("1.5")  # "1,5"
    assert "Cost ($): 120" in stored["Budget webinar"].description
    assert stored["Bad row"].start_date == date(2026, 2, 28) and stored["Bad row"].hours == Decimal("1.5")
    assert "Imported 4 activities from tracker.csv" in window.statusBar().currentMessage()

    # One undo step takes the whole import back out; redo puts it back, same ids.
    ids = sorted(r.id for r in load_activities())
    assert window.undo_action.text() == "&Undo Import of 4 activities from tracker.csv"
    window.undo_action.trigger()
    assert count_activities() == 0
    window.redo_action.trigger()
    assert sorted(r.id for r in load_activities()) == ids

    # The confirmed mapping is remembered for a file with the same columns.
    remembered = tabular.load_mapping(("Activity", "Date Attended", "Sponsor", "CEUs", "Cost ($)", "Notes"))
    assert remembered is not None and remembered.append_unmapped
    assert remembered.mapping.column("hours") == 3


def test_rows_with_errors_can_be_left_out_and_saved_to_fix_later(qtbot: QtBot, window: MainWindow,
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    to_rows(qtbot, wizard)
    out = tmp_path / "to-fix.csv"
    monkeypatch.setattr(prompts, "choose_save_file", lambda *args, **kwargs: out)
    rows = wizard.rows_page
    rows.show_combo.setCurrentIndex(rows.show_combo.findData("errors"))
    rows.show_combo.activated.emit(rows.show_combo.currentIndex())
    assert rows.model.rowCount() == 1 and rows.model.result(0).line == 6
    assert rows.save_rejected.isEnabled()
    rows.save_rejected.click()
    with out.open(encoding="utf-8-sig", newline="") as f:
        saved = list(csv.reader(f))
    assert saved[0][-1] == tabular.REJECTED_ERRORS_COLUMN and saved[1][0] == "Bad row"
    assert "to-fix.csv" in rows.notes.text()
    finish(qtbot, wizard)
    assert sorted(r.data.title for r in load_activities()) == ["Budget webinar", "Ethics course", "Leadership summit"]


def test_an_excel_workbook_chooses_its_sheet_and_reads_date_cells(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    notes.append(["nothing to import here"])
    log = book.create_sheet("Log")
    log.append(["Training log"])
    log.append(["Course", "Completion Date", "Credit Hours", "Organization"])
    log.append(["GIS basics", date(2026, 1, 20), 3, "Esri"])
    log.append(["Negotiation", date(2026, 2, 3), 7.5, "Harvard"])
    path = tmp_path / "log.xlsx"
    book.save(path)
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    source = wizard.source_page
    assert source.sheet_combo.isVisibleTo(wizard)
    assert [source.sheet_combo.itemText(i) for i in range(source.sheet_combo.count())] == ["Notes", "Log"]
    if wizard.table is not None and wizard.table.sheet != "Log":
        source.sheet_combo.setCurrentText("Log")
        source.sheet_combo.activated.emit(source.sheet_combo.currentIndex())
        qtbot.waitUntil(lambda: wizard.table is not None and wizard.table.sheet == "Log")
    assert "Sheet “Log”, header on row 2, 2 data rows" in source.info.text()
    to_rows(qtbot, wizard)
    finish(qtbot, wizard)
    stored = {r.data.title: r.data for r in load_activities()}
    assert stored["GIS basics"].start_date == date(2026, 1, 20) and stored["Negotiation"].hours == Decimal("7.5")


def test_a_missing_required_column_is_chosen_on_the_columns_page(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("What,When,Effort\nCity budget,2026-05-01,2\n", encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    next_page(qtbot, wizard)
    page = wizard.mapping_page
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.missing.isVisibleTo(wizard) and "Title" in page.missing.text() and "Hours" in page.missing.text()
    for column, field_name in ((0, "title"), (1, "date"), (2, "hours")):
        combo: QComboBox = page.combos[column]
        combo.setCurrentIndex(combo.findData(field_name))
    assert page.isComplete() and not page.missing.isVisibleTo(wizard)
    # A column fills one field: giving "When" to the title takes it from the date.
    page.combos[1].setCurrentIndex(page.combos[1].findData("title"))
    assert page.combos[0].currentData() is None and not page.isComplete()
    page.combos[0].setCurrentIndex(page.combos[0].findData("title"))
    page.combos[1].setCurrentIndex(page.combos[1].findData("date"))
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.checked is not None and not wizard.busy)
    finish(qtbot, wizard)
    assert [r.data.title for r in load_activities()] == ["City budget"]


def test_a_file_that_is_not_a_table_gets_one_sentence_and_no_next(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "scan.xlsx"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    error = wizard.source_page.error
    assert error.isVisibleTo(wizard) and "scan.xlsx" in error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()
    assert count_activities() == 0


def test_cancel_on_the_rows_page_imports_nothing_and_duplicates_are_shown(qtbot: QtBot, window: MainWindow,
                                                                         tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    save_activity(ActivityData(start_date=date(2026, 4, 2), title="Leadership summit", hours=Decimal(6),
                               type="conference"))
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    to_rows(qtbot, wizard)
    assert statuses(wizard)[7] == tabular.DUPLICATE
    assert "1 already in your log" in wizard.rows_page.summary.text()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible()
    assert count_activities() == 1
    assert window.undo_stack.count() == 0


def test_remove_and_restore_a_batch_keep_ids_practices_and_plan_links(db: object) -> None:
    first = save_activity(ActivityData(start_date=date(2026, 3, 1), title="A", hours=Decimal(2), type="webinar",
                                       practices=(1, 7)))
    second = save_activity(ActivityData(start_date=date(2026, 3, 2), title="B", hours=Decimal(3), type="webinar"))
    item = save_item(2026, new_item("B", estimated_hours=Decimal(3), status="done", activity_id=second))
    before = {r.id: r for r in load_activities()}
    removed = remove_activities([first, second])
    assert count_activities() == 0
    assert next(i for _, i in all_items() if i.id == item).status == "planned"
    restore_activities(removed)
    after = {r.id: r for r in load_activities()}
    assert after == before
    assert after[first].data.practices == (1, 7)
    linked = next(i for _, i in all_items() if i.id == item)
    assert linked.activity_id == second and linked.status == "done"


def test_a_batch_that_changed_since_is_refused_whole(db: object) -> None:
    first = save_activity(ActivityData(start_date=date(2026, 3, 1), title="A", hours=Decimal(2), type="webinar"))
    second = save_activity(ActivityData(start_date=date(2026, 3, 2), title="B", hours=Decimal(3), type="webinar"))
    removed = remove_activities([first])
    with pytest.raises(BatchChangedError, match="1 activity of these 2 were deleted"):
        remove_activities([second, first])
    assert count_activities() == 1  # nothing was removed
    save_activity(ActivityData(start_date=date(2026, 3, 3), title="C", hours=Decimal(1), type="webinar"))
    taken = [r for r in load_activities() if r.data.title == "C"][0].id
    if taken == first:  # the id was reused: the batch cannot come back under it
        with pytest.raises(BatchChangedError, match="replaced"):
            restore_activities(removed)
        assert count_activities() == 2
    else:
        restore_activities(removed)
        assert count_activities() == 3


def test_undo_of_an_import_that_can_no_longer_be_undone_says_so(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER.replace("Bad row;31/02/2026;X;lots;;\n", ""), encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    to_rows(qtbot, wizard)
    finish(qtbot, wizard)
    imported = load_activities()
    from wethrive_desktop.models.activities import delete_activity

    delete_activity(imported[0].id)  # behind the undo stack's back (another window, say)
    told: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, text: told.append(text))
    window.undo_action.trigger()
    assert count_activities() == 2  # nothing was half undone
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0)
    assert told and "deleted since" in told[0]


def test_a_large_import_runs_in_a_worker_with_progress_and_is_one_step_above_earlier_ones(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_activity(ActivityData(start_date=date(2025, 2, 3), title="Ethics 101", hours=Decimal(2), type="e-course"))
    window.data_changed.emit()
    window.undo_stack.push(QUndoCommand("earlier edit"))
    rows = "".join(f"2025-03-{1 + i % 28:02d},Session {i},ICMA,webinar,1.5,{1 + i % 14}\n" for i in range(600))
    path = tmp_path / "many.csv"
    path.write_text("date,title,provider,type,hours,practices\n2025-02-03,Ethics 101,ICMA,e-course,2,1\n" + rows,
                    encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    to_rows(qtbot, wizard)
    assert "601 rows: 600 new activities, 1 already in your log" in wizard.rows_page.summary.text()
    progress: list[tuple[int, int]] = []
    shown = wizard.rows_page._progressed

    def progressed(done: int, total: int) -> None:
        progress.append((done, total))
        shown(done, total)

    monkeypatch.setattr(wizard.rows_page, "_progressed", progressed)
    changed: list[bool] = []
    window.data_changed.connect(lambda: changed.append(True))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.rows_page.importing and not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    wizard.reject()  # Escape while the import runs: it cannot be stopped halfway, the wizard stays
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: count_activities() == 601 and window.undo_stack.count() == 2, timeout=20000)
    assert progress and progress[-1] == (600, 600)
    assert changed
    assert window.undo_stack.text(0) == "earlier edit"  # the import did not clear what was there
    page = window.pages["activityLogPage"]
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))  # type: ignore[attr-defined]
    assert page.table.model().rowCount() == 601  # type: ignore[attr-defined]
    window.undo_action.trigger()
    assert count_activities() == 1 and window.undo_stack.index() == 1



def test_the_same_file_imports_identically_from_the_command_line_with_the_remembered_mapping(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER.replace("Bad row;31/02/2026;X;lots;;\n", ""), encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    next_page(qtbot, wizard)
    wizard.mapping_page.append.setChecked(True)
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.checked is not None and not wizard.busy)
    finish(qtbot, wizard)

    def content() -> set[tuple[object, ...]]:
        return {(r.data.start_date, r.data.title, r.data.provider, r.data.hours, r.data.type, r.data.description)
                for r in load_activities()}

    in_app = content()
    assert len(in_app) == 3
    other = tmp_path / "other.sqlite3"
    assert run("import", path, "--db", other) == 0  # no --map: the mapping the wizard remembered
    from wethrive_desktop.models.db import open_database

    open_database(other)
    assert content() == in_app


def test_a_spreadsheet_dropped_on_the_window_opens_the_wizard(qtbot: QtBot, window: MainWindow,
                                                             tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")

    kept: list[QMimeData] = []  # an event holds its data by pointer only: it must outlive the events

    def drag(file: Path) -> tuple[QDragEnterEvent, QDropEvent]:
        mime = QMimeData()
        kept.append(mime)
        mime.setUrls([QUrl.fromLocalFile(str(file))])
        action = Qt.DropAction.CopyAction
        return (QDragEnterEvent(window.rect().center(), action, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier),
                QDropEvent(QPointF(window.rect().center()), action, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier))

    enter, _ = drag(other)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()  # not a spreadsheet: the window does not take it
    enter, drop = drag(path)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(drop)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible() and wizard.path == path
    qtbot.waitUntil(lambda: wizard.table is not None and not wizard.busy)
    wizard.reject()


def test_a_file_whose_dates_contradict_each_other_imports_once_the_order_is_chosen(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("Title,Date,Hours\nA,03/25/2026,1\nB,25/03/2026,2\n", encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    to_rows(qtbot, wizard)
    rows = wizard.rows_page
    assert "line 2" in rows.summary.text() and "line 3" in rows.summary.text()  # both rows named
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    rows.order.setCurrentIndex(rows.order.findData("dmy"))
    rows.order.activated.emit(rows.order.currentIndex())
    qtbot.waitUntil(lambda: wizard.checked is not None and not wizard.busy)
    assert statuses(wizard) == {2: tabular.ERROR, 3: tabular.NEW}  # 03/25 is no date day first
    finish(qtbot, wizard)
    assert [(r.data.title, r.data.start_date) for r in load_activities()] == [("B", date(2026, 3, 25))]


ICMA_TRACKER = ("Activity,Date,Hours,Type,Topics,Mentee,Mentee position,Own employee?,Relationship started,"
                "Meets ICMA conditions\n"
                "Mentoring Jo,2026-03-02,6,Mentoring given,Leadership; ethics,Jo Park,Intern,no,2025-09-01,yes\n"
                "Coaching for me,2026-03-05,1.5,Coached by,,,,,,\n")


def test_topics_and_the_mentoring_columns_are_recognised_and_imported(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.models.mentoring import MentoringData

    path = tmp_path / "icma.csv"
    path.write_text(ICMA_TRACKER, encoding="utf-8")
    wizard = open_wizard(qtbot, window, path, monkeypatch)
    next_page(qtbot, wizard)
    page = wizard.mapping_page
    shown = {grid_text(page.grid, i, 0): page.combos[i].currentText() for i in range(10)}
    assert shown == {"Activity": "Title (required)", "Date": "Date (required)", "Hours": "Hours (required)",
                     "Type": "Type", "Topics": "Topics", "Mentee": "Mentee (or person coached)",
                     "Mentee position": "Mentee's position", "Own employee?": "Mentee is my own employee",
                     "Relationship started": "Relationship started", "Meets ICMA conditions": "Meets ICMA's conditions"}
    wizard.resize(800, 480)
    QTest.qWait(10)
    assert clipped(wizard) == []
    shot(wizard, "icma-columns")
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.checked is not None and not wizard.busy)
    assert statuses(wizard) == {2: tabular.NEW, 3: tabular.NEW}
    finish(qtbot, wizard)
    stored = {r.data.title: r.data for r in load_activities()}
    mentoring = stored["Mentoring Jo"]
    assert (mentoring.type, mentoring.topics, mentoring.meets_conditions) == ("mentoring", ("ethics", "leadership"),
                                                                              True)
    assert mentoring.mentoring == MentoringData(mentee="Jo Park", position="Intern", own_employee=False,
                                                relationship_start=date(2025, 9, 1))
    assert stored["Coaching for me"].type == "coaching"  # received
