"""The annual report as a Word document, read back with python-docx: its headings, tables and every activity's
reflection, the same figures as the PDF, names in any script, user text kept literally, reproducible bytes, and
`wethrive report --format docx`."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from cli_helpers import run
from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table
from pypdf import PdfReader

from wethrive_desktop.models.activities import ActivityData, ActivityRecord, save_activity
from wethrive_desktop.models.annual_report import ReportData, ReportDraft, assemble_report
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.plans import GoalData, PlanData, new_item
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.reports.pdf import render_report_pdf
from wethrive_desktop.reports.word import render_report_docx

D = Decimal
YEAR = 2024
TODAY = date(2025, 2, 10)
NAME = "王小明 (Αλέξανδρος Παπαδόπουλος-Ñúñez)"
PROFILE = ProfileData(name=NAME, member_number="123456", title="Assistant City Manager",
                      organization="Ville de Montréal", credential_status="candidate",
                      program_entry_date=date(2022, 3, 1))


def record(i: int, title: str, hours: str, practices: tuple[int, ...] = (1,), learned: str = "",
           description: str = "") -> ActivityRecord:
    data = ActivityData(date(YEAR, 1 + i % 12, 1 + i % 28), title, D(hours), "workshop", practices=practices,
                        description=description or f"I attended session {i} and took notes for my team.",
                        learned=learned or f"Lesson {i}: I applied what I learned to our budget process.",
                        provider="ICMA University")
    return ActivityRecord(i, data, datetime(2024, 1, 1), datetime(2024, 1, 1))


def build(records: list[ActivityRecord], profile: ProfileData = PROFILE, reflection: str = "A year of growth.",
          with_plans: bool = True) -> ReportData:
    plan = PlanData(YEAR, (6, 12), (GoalData(1, "Grow as a strategic leader", "long", (6,)),), ())
    nxt = PlanData(YEAR + 1, (3,), (GoalData(2, "Lead an equity audit", "short", (3,)),),
                   (new_item("ICMA Annual Conference 2025", type="conference", estimated_hours=D(24), goal_id=2,
                             practices=(3,)),))
    return assemble_report(YEAR, records, profile, plan if with_plans else None, nxt if with_plans else None,
                           ReportDraft(YEAR, reflection, profile.name, date(2025, 1, 15), True), TODAY)


def read(docx: bytes) -> DocumentObject:
    return Document(io.BytesIO(docx))


def headings(doc: DocumentObject, style: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == style]


def table_with(doc: DocumentObject, header: list[str]) -> Table:
    found = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == header]
    assert len(found) == 1, header
    return found[0]


def rows(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def full() -> tuple[ReportData, DocumentObject]:
    records = [record(i, f"Activity {i}: session on {PRACTICES[1 + i % 14]}", str(1 + i % 5),
                      practices=(1 + i % 14, 1 + (i * 3) % 14)) for i in range(1, 19)]
    records.append(record(19, "Σεμινάριο ηγεσίας 领导力研讨会 · Gestión pública", "2.5",
                          practices=tuple(range(1, 15)),
                          learned="First paragraph of what I learned.\nIts second line.\n\nA second paragraph."))
    data = build(records)
    return data, read(render_report_docx(data))


def test_every_section_is_a_real_heading_in_the_pdfs_order(full: tuple[ReportData, DocumentObject]) -> None:
    data, doc = full
    assert headings(doc, "Title") == ["Annual Professional Development Report"]
    assert headings(doc, "Heading 1") == [
        "Summary", "Development needs and goals addressed", "Summary reflection",
        "Professional development activities", "Plan for 2025", "Multi-rater (360-degree) assessment", "Attestation",
    ]
    h2 = headings(doc, "Heading 2")
    assert h2[:4] == ["Hours by practice", "Hours by activity type", "Development needs", "Learning goals"]
    assert h2[4:-3] == [f"Professional Development Activity #{n}" for n in range(1, len(data.activities) + 1)]
    assert h2[-3:] == ["Development needs", "Learning goals", "Planned activities"]
    assert headings(doc, "Heading 3") == [a.title for a in data.activities]


def test_the_tables_carry_the_same_figures_as_the_pdf(full: tuple[ReportData, DocumentObject]) -> None:
    data, doc = full
    total = format_hours(data.total_hours)
    practices = rows(table_with(doc, ["No.", "Practice", "Activities", "Hours", "Share"]))
    assert [r[0] for r in practices[1:15]] == [str(n) for n in range(1, 15)]
    assert [r[1].removesuffix(" (development need)") for r in practices[1:15]] == list(PRACTICES.values())
    assert practices[-1] == ["", "Total", str(len(data.activities)), total, "100%"]
    assert sum(D(r[3]) for r in practices[1:15] if r[3] != "-") == data.total_hours
    types = rows(table_with(doc, ["Type", "Activities", "Hours", "Share"]))
    assert types[-1] == ["Total", str(len(data.activities)), total, "100%"]
    index = rows(table_with(doc, ["#", "Dates", "Activity", "Type", "Hours", "Practices"]))
    assert [(r[2], r[4]) for r in index[1:-1]] == [(a.title, format_hours(a.hours)) for a in data.activities]
    assert index[-1][2:5] == ["Total", "", total]
    tagged_with_all = next(r for r in index if r[2].startswith("Σεμινάριο"))
    assert tagged_with_all[5] == ", ".join(str(n) for n in range(1, 15))  # all 14, in full
    said = [p.text for p in doc.paragraphs]
    assert f"Hours logged: {total} h" in said and f"Hours that count: all, {total} h (40 required)" in said
    # The PDF prints the same totals.
    pdf_text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        render_report_pdf(data, invariant=True))).pages))
    # (decimal-aligned hours are drawn as two runs, "56" and ".5")
    hours = re.escape(total).replace(r"\.", r" ?\.")
    assert re.search(rf"Total {len(data.activities)} {hours} 100%", pdf_text)
    assert f"{total} h (40 required)" in pdf_text


def test_every_activity_has_its_details_and_reflections(full: tuple[ReportData, DocumentObject]) -> None:
    data, doc = full
    texts = [p.text for p in doc.paragraphs]
    details = [rows(t) for t in doc.tables if t.rows[0].cells[0].text == "Dates"]
    assert len(details) == len(data.activities)
    for a, table in zip(data.activities, details, strict=True):
        fields = dict((label, value) for label, value in table)
        assert fields["Hours"] == f"{format_hours(a.hours)} h" and fields["Provider"] == "ICMA University"
        assert fields["Practices"].split("\n") == [f"{n} {PRACTICES[n]}" for n in a.practices]
        start = texts.index(a.title)
        took_part, learned = texts.index("How I took part", start), texts.index("What I learned", start)
        assert texts[took_part + 1] == a.description
        if not a.title.startswith("Σεμινάριο"):
            assert texts[learned + 1] == a.learned
    # Blank lines separate paragraphs; a single line break stays a break within its paragraph.
    learned = texts.index("What I learned", texts.index("Σεμινάριο ηγεσίας 领导力研讨会 · Gestión pública"))
    assert texts[learned + 1:learned + 3] == ["First paragraph of what I learned.\nIts second line.",
                                             "A second paragraph."]


def test_non_latin_names_and_titles_are_intact(full: tuple[ReportData, DocumentObject]) -> None:
    _, doc = full
    member = dict((label, value) for label, value in rows(doc.tables[0]))
    assert member["Member"] == NAME and member["Organization"] == "Ville de Montréal"
    assert "Σεμινάριο ηγεσίας 领导力研讨会 · Gestión pública" in headings(doc, "Heading 3")
    assert NAME in doc.sections[0].header.paragraphs[0].text
    assert doc.core_properties.author == NAME
    assert dict((label, value) for label, value in rows(doc.tables[-1]))["Name"] == NAME  # the attestation


def test_user_text_is_kept_literally_and_characters_xml_cannot_hold_are_dropped() -> None:
    title = "Budgets & <b>bold</b> claims > 5% </w:t> \"quoted\"\x0b\x00"
    data = build([record(1, title, "40", description="A & B < C\r\nnext line", learned="tab\there")])
    doc = read(render_report_docx(data))
    texts = [p.text for p in doc.paragraphs]
    assert "Budgets & <b>bold</b> claims > 5% </w:t> \"quoted\"" in texts
    assert "A & B < C\nnext line" in texts and "tab\there" in texts


def test_the_same_report_gives_the_same_bytes_dated_by_the_report() -> None:
    data = build([record(1, "Course", "40")])
    docx = render_report_docx(data)
    assert render_report_docx(data) == docx
    assert render_report_docx(replace(data, summary_reflection="changed")) != docx
    props = read(docx).core_properties
    assert props.created is not None and props.created.date() == TODAY and props.modified == props.created
    assert props.title == f"Annual Professional Development Report 2024 - {NAME}"


def test_an_empty_report_says_what_is_missing() -> None:
    doc = read(render_report_docx(build([], profile=ProfileData(), reflection="", with_plans=False)))
    texts = [p.text for p in doc.paragraphs]
    for sentence in ("No completed activities with hours were recorded for 2024.",
                     "No professional development plan was recorded for 2024.",
                     "No professional development plan for 2025 has been recorded yet.",
                     "Hours logged: 0 h", "Hours that count: 0 h (40 required)", "40-hour commitment: 40 h to go"):
        assert sentence in texts, sentence
    assert "Summary reflection" not in headings(doc, "Heading 1")


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    open_database(db_path)
    save_profile(ProfileData(name="Nguyễn Thị Hồng", member_number="42"))
    save_activity(ActivityData(date(2026, 3, 2), "Ethics 101 · Ηθική", D("12.5"), "e-course", practices=(1,),
                               learned="I learned to ask before accepting any gift."))
    close_database()
    return db_path


def test_the_cli_writes_a_word_report(filled_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports" / "annual-2026.docx"
    assert run("report", "--db", filled_db, "--year", "2026", "--format", "docx", "--out", out) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {out}: the 2026 report as a Word document, 12.5 h")
    doc = read(out.read_bytes())
    assert "Ethics 101 · Ηθική" in headings(doc, "Heading 3")
    assert dict((label, value) for label, value in rows(doc.tables[0]))["Member"] == "Nguyễn Thị Hồng"
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # written in place, no temp file left


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "docx", "--out", "r.pdf"], "r.pdf should end in .docx for --format docx (or add --format pdf)"),
    (["--out", "r.docx"], "r.docx should end in .pdf for --format pdf (or add --format docx)"),
    (["--format", "docx", "--out", "r.doc"], "r.doc should end in .docx for --format docx\n"),
    (["--format", "docx", "--submitted", "--out", "r.docx"], "cannot be combined with --format docx"),
    (["--format", "docx", "--revision", "1", "--out", "r.docx"], "cannot be combined with --format docx"),
])
def test_the_cli_refuses_a_suffix_that_does_not_match_the_format(
        filled_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("report", "--db", filled_db, "--year", "2026", *args) == 1
    err = capsys.readouterr().err
    assert err.startswith("wethrive: error: ") and message in err and "Traceback" not in err
    assert not list(tmp_path.glob("r.*"))
