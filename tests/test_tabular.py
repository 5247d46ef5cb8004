"""Issue 13: any spreadsheet in (CSV, TSV, text, .xlsx) through a column mapping, and `wethrive import`.

Every file is made here the way a member's tools make it (Excel's BOM and CRLF, a European semicolon file with decimal
commas and day-first dates, a workbook with a title row and real date cells, Excel's UTF-16 "Unicode text", a personal
tracker with its own column names); the stored records are checked field by field, not only counted.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import dump, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wethrive_desktop.exchange import tabular
from wethrive_desktop.exchange.tabular import (
    DUPLICATE,
    ERROR,
    NEW,
    SKIPPED,
    Mapping,
    MappingError,
    TableError,
    TabularImportRefused,
    guess_mapping,
    load_mapping,
    mapping_key,
    override_mapping,
    preview,
    read_table,
    save_mapping,
)
from wethrive_desktop.exchange.tabular_map import mappings_path
from wethrive_desktop.exchange.tabular_values import (
    DateReading,
    decide_date_order,
    read_date,
    read_hours,
    read_practices,
    read_status,
    read_type,
)
from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.db import close_database, open_database

TRACKER = (
    "Activity,Date Attended,Sponsor,CEUs,Cost ($),Notes\r\n"
    "Budget webinar,3/5/2026,ICMA,1.5,0,Good one\r\n"
    "\"Annual Conference, Day 1\",9/27/2026,ICMA,6,650,\"Long day\r\nwith two lines\"\r\n"
    "Ethics 101,10/14/2026,ICMA University,1:30,,\r\n"
)


@pytest.fixture(autouse=True)
def closed() -> Iterator[None]:
    yield
    close_database()




def stored(db_path: Path) -> list[ActivityData]:
    open_database(db_path)
    try:
        return [r.data for r in sorted(load_activities(), key=lambda r: (r.data.start_date, r.data.title))]
    finally:
        close_database()




def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- the files a member has -----------------------------------------------------------------------------------

def test_excel_csv_with_bom_and_crlf_the_personal_tracker(db_path: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "my tracker.csv", TRACKER, "utf-8-sig")
    assert run("import", source, "--db", db_path, "--append-unmapped") == 0
    out = capsys.readouterr().out
    assert "UTF-8 (with BOM) text, comma-separated, header on line 1, 3 data row(s)" in out
    assert "title       <- Activity" in out and "date        <- Date Attended" in out
    assert "provider    <- Sponsor" in out and "hours       <- CEUs" in out and "description <- Notes" in out
    assert "1 CEU = 1 hour" in out
    assert "Columns without a field (appended to the description): Cost ($)." in out
    assert "Dates: month first (M/D/YYYY, US): line 3 has '9/27/2026', which is only a date month first." in out
    assert out.rstrip().endswith("3 added, 0 duplicates skipped.")
    budget, conference, ethics = stored(db_path)
    assert budget == ActivityData(start_date=date(2026, 3, 5), title="Budget webinar", hours=Decimal("1.50"),
                                  provider="ICMA", description="Good one\nCost ($): 0")
    assert conference.title == "Annual Conference, Day 1" and conference.start_date == date(2026, 9, 27)
    assert conference.hours == Decimal("6.00")
    assert conference.description == "Long day\nwith two lines\nCost ($): 650"
    assert ethics.hours == Decimal("1.50") and ethics.description == "" and ethics.provider == "ICMA University"

    # The same file again: every row is a duplicate, nothing is added.
    assert run("import", source, "--db", db_path) == 0
    assert capsys.readouterr().out.rstrip().endswith("0 added, 3 duplicates skipped.")
    assert len(stored(db_path)) == 3


def test_without_append_the_unmapped_columns_are_listed_and_ignored(db: object, tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "t.csv", TRACKER))
    mapping = guess_mapping(table.headers)
    assert mapping.as_dict() == {"title": 0, "date": 1, "provider": 2, "hours": 3, "description": 5}
    assert mapping.unmapped() == (4,)
    result = preview(table, mapping)
    assert result.ok and [r.status for r in result.rows] == [NEW, NEW, NEW]
    assert result.to_add[0].description == "Good one"
    assert "Columns without a field (ignored): Cost ($)." in result.notes
    assert table.samples(4) == ["0", "650"]


def test_semicolon_file_with_decimal_commas_and_day_first_dates(db_path: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "export.csv",
                   "Title;Date;Hours;Type;Practices;What I learned\n"
                   "Budget seminar;05/03/2026;1,5;Seminar;12, 14;Start with the reserves\n"
                   "Regional summit;25/03/2026;7,25;Regional Summit;Strategic Planning;\n"
                   "Ethics e-course;02.04.2026;0,75;Online course;1;\n")
    assert run("import", source, "--db", db_path) == 0
    out = capsys.readouterr().out
    assert "semicolon-separated" in out
    assert "Dates: day first (D/M/YYYY): line 3 has '25/03/2026', which is only a date day first." in out
    assert "Types read as: 'Seminar' -> workshop (1), 'Regional Summit' -> conference (1), 'Online course' -> " \
           "e-course (1)." in out
    budget, summit, ethics = stored(db_path)
    assert (budget.start_date, budget.hours, budget.type, budget.practices, budget.learned) == (
        date(2026, 3, 5), Decimal("1.50"), "workshop", (12, 14), "Start with the reserves")
    assert (summit.start_date, summit.hours, summit.type, summit.practices) == (
        date(2026, 3, 25), Decimal("7.25"), "conference", (7,))
    assert (ethics.start_date, ethics.hours, ethics.type, ethics.practices) == (
        date(2026, 4, 2), Decimal("0.75"), "e-course", (1,))


def make_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cover"
    sheet["A1"] = "Nothing here but a note"
    log = book.create_sheet("PD log 2026")
    log.append(["Professional development log - J. Manager"])
    log.append([])
    log.append(["Event", "Start Date", "End Date", "Organizer", "Credit Hours", "Category", "ICMA Practices",
                "Reflection"])
    log.append(["Annual Conference", datetime(2026, 9, 26), datetime(2026, 9, 29), "ICMA", 16, "Conference",
                "2; 6; 14", "Met my coach"])
    log.append(["Budget webinar", datetime(2026, 3, 5), None, "GFOA", 1.5, "Webinar", 12, None])
    log.append(["Coaching call", date(2026, 2, 10), None, "ICMA Coaching", time(1, 30), "Mentoring", None, None])
    log.append(["Dare to Lead", 46150, None, None, 80 / 60, "Book", "Personal Resiliency and Development", None])
    log.append(["Total", None, None, None, "=SUM(E4:E7)", None, None, None])
    book.save(path)
    book.close()
    return path


def test_xlsx_with_a_title_row_and_date_cells(db_path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source = make_workbook(tmp_path / "log.xlsx")
    table = read_table(source, sheet="pd log 2026")
    assert table.kind == "xlsx" and table.sheets == ("Cover", "PD log 2026") and table.sheet == "PD log 2026"
    assert table.header_line == 3 and table.headers[0] == "Event"
    assert [r.line for r in table.rows] == [4, 5, 6, 7, 8]
    assert table.rows[-1].cells[:5] == ("Total", None, None, None, None)  # a formula Excel never computed: empty
    assert any("line 3; the line(s) above it (1) were skipped" in n for n in table.notes)

    assert run("import", source, "--sheet", "PD log 2026", "--db", db_path) == 0
    out = capsys.readouterr().out
    assert "sheet 'PD log 2026', header on row 3, 5 data row(s)" in out
    assert "end_date    <- End Date" in out and "learned     <- Reflection" in out
    assert "Dates: no date in the file depends on the day/month order." in out
    assert "Warning: line 7: Credit Hours: 1.333333333333333 rounded to 1.33" in out
    assert "1 date(s) were Excel serial numbers" in out
    assert "Line(s) 8 look like totals and were skipped." in out
    assert "5 row(s): 4 new, 0 duplicate(s), 0 with errors, 1 skipped." in out
    coaching, budget, dare, conference = stored(db_path)
    assert (conference.start_date, conference.end_date, conference.hours, conference.type, conference.practices,
            conference.learned, conference.provider) == (
        date(2026, 9, 26), date(2026, 9, 29), Decimal("16.00"), "conference", (2, 6, 14), "Met my coach", "ICMA")
    assert (budget.hours, budget.type, budget.practices) == (Decimal("1.50"), "webinar", (12,))
    # "Mentoring" as the type: the member is the mentor (mentoring given)
    assert (coaching.start_date, coaching.hours, coaching.type) == (date(2026, 2, 10), Decimal("1.50"), "mentoring")
    assert (dare.start_date, dare.hours, dare.type, dare.practices) == (
        date(2026, 5, 8), Decimal("1.33"), "reading", (5,))


def test_xlsx_first_sheet_with_data_is_read_and_a_wrong_sheet_is_named(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "log.xlsx")
    assert read_table(source).sheet == "Cover"  # the first sheet with data, as Excel opens it
    with pytest.raises(TableError, match=r"has no sheet named 'Summary' \(its sheets are: 'Cover', 'PD log 2026'\)"):
        read_table(source, sheet="Summary")
    assert read_table(source, sheet="2").sheet == "PD log 2026"


def test_utf16_unicode_text_from_excel(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ("Session\tDate\tHours\tOrganization\r\n"
            "Café municipal: l'équité\t2026-01-20\t2\tAssociation québécoise\r\n"
            "Ñandú budgeting\tJanuary 22, 2026\t90 min\tCAL-ICMA\r\n")
    source = write(tmp_path / "unicode.txt", text, "utf-16")  # with its byte-order mark, as Excel writes it
    assert run("import", source, "--db", db_path) == 0
    assert "UTF-16 text, tab-separated" in capsys.readouterr().out
    cafe, nandu = stored(db_path)
    assert (cafe.title, cafe.provider, cafe.hours) == ("Café municipal: l'équité", "Association québécoise",
                                                      Decimal("2.00"))
    assert (nandu.title, nandu.start_date, nandu.hours) == ("Ñandú budgeting", date(2026, 1, 22), Decimal("1.50"))


def test_utf16_without_bom_and_windows_1252_with_a_note(db: object, tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "le.txt", "Title\tDate\tHours\r\nA\t2026-01-02\t1\r\n", "utf-16-le"))
    assert table.encoding == "UTF-16" and table.rows[0].cells == ("A", "2026-01-02", "1")
    table = read_table(write(tmp_path / "ansi.csv", "Title,Date,Hours\r\nCaf\u00e9 \u2013 budget,2026-01-02,1\r\n",
                             "cp1252"))
    assert table.encoding == "Windows-1252" and table.rows[0].cells[0] == "Caf\u00e9 \u2013 budget"
    assert any("read as Windows-1252" in n for n in table.notes)


def test_title_rows_and_a_totals_row_in_a_csv(db: object, tmp_path: Path) -> None:
    source = write(tmp_path / "t.csv", "My PD hours 2026,,\n,,\nCourse,Completion Date,Hours Earned\n"
                                       "Budgeting 101,2026-01-10,2\nLeading change,2026-02-11,3\nTotal,,5\n")
    table = read_table(source)
    assert table.header_line == 3 and table.headers == ("Course", "Completion Date", "Hours Earned")
    result = preview(table, guess_mapping(table.headers))
    assert [r.status for r in result.rows] == [NEW, NEW, SKIPPED]
    assert "Line(s) 6 look like totals and were skipped." in result.notes


# --- bad rows ---------------------------------------------------------------------------------------------------

BAD_ROWS = ("Activity,Date,Hours,Type,Practices\n"
            "Good one,2026-01-05,1.5,webinar,12\n"
            "Bad date,2026-02-30,1,webinar,\n"
            ",2026-03-01,abc,,15\n"
            "Lunch and learn,2026-03-02,1,Lunch & learn,\n"
            "Another good,2026-03-03,2h,workshop,Budgeting\n")


def test_bad_rows_all_or_nothing(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_path)
    save_activity(ActivityData(start_date=date(2025, 1, 1), title="Already here", hours=Decimal(1)))
    close_database()
    before = dump(db_path)
    source = write(tmp_path / "bad.csv", BAD_ROWS)
    assert run("import", source, "--db", db_path) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "line 3: Date: '2026-02-30' is not a real date",
        "line 4: Activity: is required",
        "line 4: Hours: 'abc' is not a number of hours (e.g. 1.5, 1:30 or 90 min)",
        "line 4: Practices: 15: practice numbers run from 1 to 14",
        f"2 row(s) with errors in {source}: nothing was imported (correct them, or use --skip-invalid to import the "
        "3 valid new row(s)).",
    ]
    assert "5 row(s): 3 new, 0 duplicate(s), 2 with errors." in captured.out
    assert "Warning: line 5: Type: 'Lunch & learn' is not a type the app knows" in captured.out
    assert "Warning: line 6: Practices: 'Budgeting' read as practice 12 (Financial Management and Budgeting)" \
        in captured.out
    assert dump(db_path) == before


def test_bad_rows_skip_invalid_and_rejected(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "bad.csv", BAD_ROWS)
    rejected = tmp_path / "rejected.csv"
    assert run("import", source, "--skip-invalid", "--rejected", rejected, "--db", db_path) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == "line 3: Date: '2026-02-30' is not a real date"
    assert "The 2 row(s) with errors were written to" in captured.out
    assert captured.out.rstrip().endswith("3 added, 0 duplicates skipped, 2 rejected.")
    good, lunch, another = stored(db_path)
    assert (good.title, good.hours, good.type, good.practices) == ("Good one", Decimal("1.50"), "webinar", (12,))
    assert (lunch.type, another.hours, another.practices) == ("other", Decimal("2.00"), (12,))

    assert rejected.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(rejected.read_text(encoding="utf-8-sig"))))
    assert rows == [
        ["Activity", "Date", "Hours", "Type", "Practices", "Import errors"],
        ["Bad date", "2026-02-30", "1", "webinar", "", "line 3: Date: '2026-02-30' is not a real date"],
        ["", "2026-03-01", "abc", "", "15", "line 4: Activity: is required; Hours: 'abc' is not a number of hours "
                                            "(e.g. 1.5, 1:30 or 90 min); Practices: 15: practice numbers run from 1 "
                                            "to 14"],
    ]
    # Fixed in a spreadsheet, the rejected file imports (its error column is ignored).
    fixed = rows[:1] + [["Bad date", "2026-02-28", "1", "webinar", "", "x"], ["Fixed", "2026-03-01", "1", "", "14", ""]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(fixed)
    write(rejected, buffer.getvalue(), "utf-8-sig")
    assert run("import", rejected, "--db", db_path) == 0
    assert len(stored(db_path)) == 5


def test_apply_refuses_rows_with_errors_unless_skip_invalid(db: object, tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "bad.csv", BAD_ROWS))
    result = preview(table, guess_mapping(table.headers))
    assert [r.status for r in result.rows] == [NEW, ERROR, ERROR, NEW, NEW]
    assert result.rows[2].errors[0].column == "Activity"
    with pytest.raises(TabularImportRefused, match="2 row"):
        tabular.apply(result)
    assert load_activities() == []
    progress: list[tuple[int, int]] = []
    assert tabular.apply(result, lambda done, total: progress.append((done, total)), skip_invalid=True) == 3
    assert progress[-1] == (3, 3)


def test_a_self_contradicting_date_file_names_both_rows(db_path: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "mixed.csv", "Title,Date,Hours\nA,04/05/2026,1\nB,13/03/2026,1\nC,03/14/2026,1\n")
    for extra in ((), ("--skip-invalid",)):
        assert run("import", source, "--db", db_path, *extra) == 1
        err = capsys.readouterr().err.splitlines()
        assert err == [
            "Date: the dates contradict each other: line 3 ('13/03/2026') is only a date day first and line 4 "
            "('03/14/2026') only month first; correct one of them, or choose the order",
            f"{source} cannot be imported as it is: nothing was imported. Choose the order with --date-order.",
        ]
    assert not db_path.exists()
    # Choosing the order makes the row that does not fit it an error.
    assert run("import", source, "--date-order", "dmy", "--skip-invalid", "--db", db_path) == 0
    captured = capsys.readouterr()
    assert "Dates: day first (D/M/YYYY), as chosen." in captured.out
    assert captured.err.splitlines() == [
        "line 4: Date: '03/14/2026' is not a real date read day first (D/M/YYYY), the order used for this file"]
    assert [d.start_date for d in stored(db_path)] == [date(2026, 3, 13), date(2026, 5, 4)]


def test_only_ambiguous_dates_use_the_preference_and_say_so(db: object, tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "a.csv", "Title,Date,Hours\nA,05/03/2026,1\nB,2026-07-01,1\n"))
    mapping = guess_mapping(table.headers)
    result = preview(table, mapping)
    assert result.date_order.order == "mdy" and result.date_order.how == "assumed"
    assert "line 2: '05/03/2026'" in result.date_order.reason
    assert result.to_add[0].start_date == date(2026, 5, 3)
    uk = preview(table, mapping, prefer="dmy")
    assert uk.date_order.how == "assumed" and uk.to_add[0].start_date == date(2026, 3, 5)
    chosen = preview(table, mapping, date_order="dmy")
    assert chosen.date_order.how == "given" and chosen.to_add[0].start_date == date(2026, 3, 5)


# --- files that are not tables ------------------------------------------------------------------------------------

def _zip_renamed(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return path


NOT_TABLES = {
    "report.pdf": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "is a PDF document, not a table"),
    "scan.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "is an image (PNG), not a table"),
    "photo.csv": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(40), "is an image (JPEG), not a table"),
    "empty.csv": (b"", "is empty: there is no table to import."),
    "blank.txt": (b"\xef\xbb\xbf\r\n  \r\n", "is empty: there is no table to import."),
    "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "is an old Office file"),
    "text.xlsx": (b"Title,Date,Hours\nA,2026-01-01,1\n", "is named like an Excel workbook but is not one"),
}


@pytest.mark.parametrize("name", [*NOT_TABLES, "archive.xlsx", "letter.xlsx"])
def test_a_file_that_is_not_a_table_gets_one_sentence_and_nothing_is_written(
        name: str, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / name
    if name == "archive.xlsx":
        _zip_renamed(source)
        expected = "is a zip archive, not an Excel workbook"
    elif name == "letter.xlsx":
        with zipfile.ZipFile(source, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
        expected = "is a Word document, not a table"
    else:
        content, expected = NOT_TABLES[name]
        source.write_bytes(content)
    assert run("import", source, "--db", db_path) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"wethrive: error: {source} ") and expected in lines[0]
    assert lines[0].count(". ") == 0 or "; " in lines[0]  # one sentence
    assert not db_path.exists()  # not even a new, empty database


def test_a_damaged_workbook_and_a_folder_are_refused(tmp_path: Path) -> None:
    good = make_workbook(tmp_path / "good.xlsx").read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good[: len(good) // 2])
    with pytest.raises(TableError, match="damaged"):
        read_table(broken)
    with pytest.raises(TableError, match="is a folder, not a table file"):
        read_table(tmp_path)
    with pytest.raises(TableError, match="does not exist"):
        read_table(tmp_path / "missing.csv")


def test_a_file_without_a_required_column_is_refused_in_a_sentence(db_path: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "notes.txt", "Just some notes I kept\nabout the year.\n")
    assert run("import", source, "--db", db_path) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("columns: no column is chosen for the title, date and hours (required)")
    assert err[1].endswith("nothing was imported. Name the columns with --map FIELD=COLUMN.")
    assert not db_path.exists()


# --- the mapping ------------------------------------------------------------------------------------------------

def test_guess_mapping_by_name_and_synonym() -> None:
    headers = ("Program Name", "Program Type", "Provider Name", "Hours (CEUs)", "Date Completed", "Key Takeaways",
               "How I took part", "Status", "Cost ($)", "Time Zone", "Practice Areas", "To")
    mapping = guess_mapping(headers)
    assert mapping.as_dict() == {"title": 0, "type": 1, "provider": 2, "hours": 3, "date": 4, "learned": 5,
                                 "description": 6, "status": 7, "practices": 10, "end_date": 11}
    assert [headers[i] for i in mapping.unmapped()] == ["Cost ($)", "Time Zone"]
    assert guess_mapping(["ACTIVITY", "date attended:", "SPONSOR", "ceu's"]).as_dict() == {
        "title": 0, "date": 1, "provider": 2, "hours": 3}
    assert guess_mapping(["Start date", "Date"]).as_dict() == {"date": 0}  # a field takes one column


def test_map_overrides_a_guess(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "t.csv", "Event,Date,Date Completed,Hours,Comments\n"
                                       "Budget school,2026-01-01,2026-01-03,12,Room 4\n")
    assert run("import", source, "--map", "date=Date Completed", "end_date=", "description=", "--db", db_path) == 0
    out = capsys.readouterr().out
    assert "Columns (with --map):" in out and "date        <- Date Completed" in out
    [record] = stored(db_path)
    assert (record.start_date, record.end_date, record.description) == (date(2026, 1, 3), None, "")
    assert run("import", source, "--map", "colour=Date", "--db", db_path) == 1
    assert "--map: 'colour' is not a field" in capsys.readouterr().err
    assert run("import", source, "--map", "hours=Minutes", "--db", db_path) == 1
    assert "there is no column 'Minutes'" in capsys.readouterr().err


def test_override_mapping_by_letter_number_and_loose_name() -> None:
    mapping = guess_mapping(["Activity", "Date", "Hours", "Notes"])
    assert override_mapping(mapping, ["learned=D"]).as_dict() == {"title": 0, "date": 1, "hours": 2, "learned": 3}
    assert override_mapping(mapping, ["End Date=2"]).as_dict() == {"title": 0, "end_date": 1, "hours": 2,
                                                                   "description": 3}
    assert override_mapping(mapping, ["title=  activity "]).source == "given"
    with pytest.raises(MappingError, match="FIELD=COLUMN"):
        override_mapping(mapping, ["title"])


def test_remembered_mapping_round_trip(data_dir: Path, db: object, tmp_path: Path) -> None:
    headers = ("Titel", "Datum", "Stunden", "Anbieter")
    assert load_mapping(headers) is None
    mapping = Mapping(headers).with_column("title", 0).with_column("date", 1).with_column("hours", 2)
    mapping = mapping.with_column("provider", 3)
    path = save_mapping(mapping, date_order="dmy", append_unmapped=True)
    assert path == mappings_path() and path.parent == data_dir
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["mappings"][mapping_key(headers)]["fields"] == {"title": 0, "date": 1, "hours": 2, "provider": 3}
    remembered = load_mapping(["titel", "DATUM", "Stunden:", "Anbieter"])  # the same headers, written otherwise
    assert remembered is not None
    assert remembered.mapping.as_dict() == mapping.as_dict() and remembered.mapping.source == "remembered"
    assert (remembered.date_order, remembered.append_unmapped) == ("dmy", True)
    assert load_mapping(headers + ("Extra",)) is None
    assert tabular.forget_mapping(headers) and load_mapping(headers) is None
    path.write_text("{not json", encoding="utf-8")
    assert load_mapping(headers) is None  # a damaged file is ignored, then replaced
    save_mapping(mapping)
    assert load_mapping(headers) is not None


def test_remembered_mapping_from_the_command_line(db_path: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "de.csv", "Titel;Datum;Stunden\nHaushalt;05.03.2026;1,5\nFührung;04/03/2026;2\n")
    assert run("import", source, "--map", "title=Titel", "date=Datum", "hours=Stunden", "--date-order", "dmy",
               "--remember", "--dry-run", "--db", db_path) == 0
    out = capsys.readouterr().out
    assert "Dry run: 2 would be added, 0 duplicates would be skipped; the database was not changed." in out
    assert "The mapping is remembered for files with these headers" in out
    assert not db_path.exists()
    assert run("import", source, "--db", db_path) == 0
    out = capsys.readouterr().out
    assert "Columns (remembered for these headers):" in out and "Dates: day first (D/M/YYYY), as chosen." in out
    assert [(d.title, d.start_date, d.hours) for d in stored(db_path)] == [
        ("Führung", date(2026, 3, 4), Decimal("2.00")), ("Haushalt", date(2026, 3, 5), Decimal("1.50"))]
    assert run("import", source, "--ignore-remembered", "--dry-run", "--db", db_path) == 1
    assert "no column is chosen for the title, date and hours" in capsys.readouterr().err


def test_an_exported_csv_imports_back_identically(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path)
    original = ActivityData(start_date=date(2026, 3, 10), end_date=date(2026, 3, 12), title="=Conference",
                            provider="ICMA", type="conference", hours=Decimal("16.25"), practices=(2, 6, 14),
                            description="-dash", learned="+plus", status="planned", challenge_key="annual-conference")
    save_activity(original)
    from wethrive_desktop.exchange.csv_io import export_csv

    export_csv(tmp_path / "export.csv")
    close_database()
    other = tmp_path / "other.sqlite3"
    assert run("import", tmp_path / "export.csv", "--db", other) == 0
    assert stored(other) == [original]


def test_duplicates_within_the_file_and_against_the_store(db: object, tmp_path: Path) -> None:
    save_activity(ActivityData(start_date=date(2026, 1, 5), title="Stored", hours=Decimal("1.5")))
    table = read_table(write(tmp_path / "d.csv", "Title,Date,Hours\nstored ,2026-01-05,1.50\nNew,2026-01-06,1\n"
                                                 "NEW,1/6/2026,1:00\n"))
    result = preview(table, guess_mapping(table.headers))
    assert [r.status for r in result.rows] == [DUPLICATE, NEW, DUPLICATE]
    assert result.rows[0].note == "already stored (same date, title and hours)"
    assert result.rows[2].note == "same date, title and hours as line 3"
    assert tabular.apply(result) == 1


# --- values as people write them ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-05", date(2026, 3, 5)), ("2026/3/5", date(2026, 3, 5)), ("20260305", date(2026, 3, 5)),
    ("2026-03-05 00:00:00", date(2026, 3, 5)), ("2026-03-05T09:30", date(2026, 3, 5)),
    ("5.3.2026", date(2026, 3, 5)), ("05.03.26", date(2026, 3, 5)),
    ("March 5, 2026", date(2026, 3, 5)), ("Mar. 5 2026", date(2026, 3, 5)), ("Thursday, March 5, 2026",
                                                                             date(2026, 3, 5)),
    ("5 Mar 2026", date(2026, 3, 5)), ("5th March 2026", date(2026, 3, 5)), ("05-Mar-26", date(2026, 3, 5)),
    ("46086", date(2026, 3, 5)), ("3/3/2026", date(2026, 3, 3)),
])
def test_dates_read_whatever_the_order(text: str, expected: date) -> None:
    reading = read_date(text)
    assert reading.error is None and not reading.depends_on_order and reading.fixed == expected


def test_dates_excel_cells_serials_and_errors() -> None:
    assert read_date(datetime(2026, 3, 5, 14, 0)).fixed == date(2026, 3, 5)
    assert read_date(46086).fixed == date(2026, 3, 5) and read_date(46086).serial
    assert read_date(46086.75).fixed == date(2026, 3, 5)
    assert read_date(10000).fixed == date(1927, 5, 18) and read_date("99999").fixed == date(2173, 10, 13)
    assert read_date("2026").error == read_date(2026).error == "2026 is not a date (e.g. 2026-03-05, 3/5/2026 or " \
                                                               "March 5, 2026)"
    assert read_date("3/5/2026 12:00:00 AM").orders() == {"mdy", "dmy", "ymd"}
    assert read_date("25/3/2026").orders() == {"dmy"} and read_date("3/25/2026").orders() == {"mdy", "ymd"}
    assert read_date("2026-02-30").error == "'2026-02-30' is not a real date"
    assert read_date("13/13/2026").error == "'13/13/2026' is not a real date"
    assert read_date("next Tuesday").error == "'next Tuesday' is not a date (e.g. 2026-03-05, 3/5/2026 or March 5, " \
                                              "2026)"
    assert read_date(time(9, 30)).error == "09:30 is a time, not a date"
    assert read_date(None) == DateReading() and read_date("  ") == DateReading()


def test_decide_date_order() -> None:
    ambiguous = (2, "05/03/2026", read_date("05/03/2026"))
    day_first = (3, "25/03/2026", read_date("25/03/2026"))
    month_first = (4, "03/25/2026", read_date("03/25/2026"))
    assert decide_date_order([ambiguous]).how == "assumed"
    assert decide_date_order([ambiguous], prefer="dmy").order == "dmy"
    found = decide_date_order([ambiguous, day_first])
    assert (found.order, found.how) == ("dmy", "file")
    found = decide_date_order([ambiguous, month_first], prefer="dmy")
    assert (found.order, found.how) == ("mdy", "file")
    conflict = decide_date_order([day_first, ambiguous, month_first])
    assert conflict.how == "conflict" and conflict.conflict == ((3, "25/03/2026"), (4, "03/25/2026"))
    assert decide_date_order([day_first, month_first], given="mdy").how == "given"
    assert decide_date_order([(2, "2026-01-01", read_date("2026-01-01"))]).how == "unneeded"


@pytest.mark.parametrize(("cell", "expected"), [
    ("1.5", "1.5"), ("1,5", "1.5"), ("1:30", "1.50"), ("1:30:00", "1.50"), ("90 min", "1.50"), ("90min", "1.50"),
    ("45 minutes", "0.75"), ("1h30", "1.50"), ("1h 30m", "1.50"), ("1 hr 15 min", "1.25"), ("1.5 hrs", "1.5"),
    ("2 hours", "2"), ("2h", "2"), ("1.5 CEUs", "1.5"), ("3 credit hours", "3"), (".5", ".5"), ("0,25", "0.25"),
    (2, "2"), (1.5, "1.5"), (time(1, 30), "1.50"),
])
def test_hours_as_people_write_them(cell: str | int | float | time, expected: str) -> None:
    reading = read_hours(cell)
    assert reading.error is None and reading.value == Decimal(expected)


def test_hours_errors() -> None:
    assert read_hours("-1").error == "must not be negative"
    assert read_hours("abc").error == "'abc' is not a number of hours (e.g. 1.5, 1:30 or 90 min)"
    assert read_hours("1h75").error is not None
    assert read_hours("12345678").error == "'12345678' is too large to be a number of hours"
    assert read_hours(1e300).error is not None and read_hours(float("nan")).error is not None
    assert read_hours("").value is None and read_hours("").error is None
    assert read_hours("\u0661").error is not None  # Arabic-Indic digit: ASCII digits only


@pytest.mark.parametrize(("cell", "expected", "warned"), [
    ("Webinar", "webinar", False), ("Online course", "e-course", False), ("E-Course", "e-course", False),
    ("Live webinar", "webinar", False), ("Leadership Institute", "leadership institute", False),
    ("Mentoring", "mentoring", False), ("Mentor", "mentoring", False), ("Mentoring given", "mentoring", False),
    ("Coaching", "coaching", False), ("Coached by", "coaching", False), ("Mentored by", "coaching", False),
    ("Coaching received", "coaching", False), ("Coaching program", "coaching-given", False),
    ("Coach (given)", "coaching-given", False), ("ICMA Coaching Program session", "coaching-given", False),
    ("coaching-given", "coaching-given", False), ("Coaching/Mentoring", "coaching", True),
    ("Book", "reading", False), ("Site visit", "exchange", False),
    ("", "other", False), ("Lunch & learn", "other", True),
])
def test_types_by_name_or_synonym(cell: str, expected: str, warned: bool) -> None:
    reading = read_type(cell)
    assert reading.value == expected and (reading.warning is not None) == warned


def test_practices_and_statuses() -> None:
    assert read_practices("1; 2,14").value == (1, 2, 14)
    assert read_practices("12 - Financial Management and Budgeting | Equity and Inclusion").value == (12, 3)
    assert read_practices(7).value == (7,) and read_practices(7.0).value == (7,)
    assert read_practices("P4, #5").value == (4, 5)
    assert read_practices("Strategic").error == (
        "'Strategic' could be several practices (6 Strategic Leadership, 7 Strategic Planning); use the number "
        "(separate practices with ';')")
    assert read_practices("Gardening").error == ("'Gardening' is not a practice number (1-14) or name (separate "
                                                 "practices with ';')")
    assert read_status("Done").value == "completed" and read_status("Upcoming").value == "planned"
    assert read_status("").value == "completed" and read_status("maybe").error is not None


# --- whatever the file holds: a table or one sentence, never a traceback ---------------------------------------------

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ODD_CELLS = ["²", "١٢", "１２", "1e30", "NaN", "-0", "1,5", "1:75", "99:59", "9" * 30, "7" * 500, "=SUM(A1)", "'=x",
             "\x1b[2J", "\u202e", "\U0001f600", "31/02/2026", "13/13/2026", "00/00/0000", "Feb 30, 2026", "60",
             "0", "2958466", "1h99", "Strategic", "15", "p0", "Lunch & learn", "total"]
CELL = st.one_of(st.text(st.characters(exclude_categories=["Cs"]), max_size=12), st.sampled_from(ODD_CELLS))


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["x.csv", "x.txt", "x.tsv", "x.xlsx"]))
def test_any_bytes_are_a_table_or_a_sentence(tmp_path: Path, raw: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    try:
        table = read_table(path)
    except TableError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
    else:
        assert all(len(r.cells) == len(table.headers) for r in table.rows)


@FUZZ
@given(st.lists(st.lists(CELL, min_size=4, max_size=4), min_size=1, max_size=8), st.sampled_from([",", ";", "\t"]),
       st.sampled_from([None, "mdy", "dmy", "ymd"]))
def test_any_cells_preview_without_a_traceback(db: object, tmp_path: Path, rows: list[list[str]], delimiter: str,
                                               order: str | None) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["Title", "Date", "Hours", "Practices"])
    writer.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        table = read_table(path)
    except TableError:
        return
    result = preview(table, guess_mapping(table.headers), date_order=order)
    for row in result.rows:
        assert (row.status == ERROR) == bool(row.errors)
        assert all(str(e).startswith(f"line {row.line}: ") for e in row.errors)
    if result.importable:
        tabular.apply(result, skip_invalid=True)
    tabular.rejected_csv(result)
