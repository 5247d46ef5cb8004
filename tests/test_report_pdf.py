"""The annual report PDF, read back with pypdf: content, every script a name can be written in, escaping, page
furniture, clean page breaks and byte-for-byte reproducible builds."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase import pdfmetrics

from wethrive_desktop.models.activities import ActivityData, ActivityRecord
from wethrive_desktop.models.annual_report import ReportData, ReportDraft, assemble_report
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.plans import GoalData, PlanData, new_item
from wethrive_desktop.models.profile import ProfileData
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.reports.pdf import build_report_pdf, render_report, render_report_pdf
from wethrive_desktop.reports.pdf.fonts import (
    CJK,
    LICENCE_FILES,
    fonts_dir,
    markup,
    missing_glyphs,
    register_fonts,
    resources_dir,
)

D = Decimal
YEAR = 2024
TODAY = date(2025, 2, 10)
LEARNED = ("I learned to frame every budget request around the service level it protects, and I applied it when "
           "our department rewrote its capital requests; the council then discussed the trade-offs more easily.")
PROFILE = ProfileData(name="Zoë Ñúñez-Brontë", member_number="123456", title="Assistant City Manager",
                      organization="Ville de Montréal", credential_status="candidate",
                      program_entry_date=date(2022, 3, 1))


def record(i: int, title: str, hours: str = "2", practices: tuple[int, ...] = (1,), description: str = "Attended.",
           learned: str = LEARNED, **kw: object) -> ActivityRecord:
    data = ActivityData(date(YEAR, 1 + i % 12, 1 + i % 28), title, D(hours), "workshop", practices=practices,
                        description=description, learned=learned, provider="ICMA University", **kw)  # type: ignore[arg-type]
    return ActivityRecord(i, data, datetime(2024, 1, 1), datetime(2024, 1, 1))


def report(records: list[ActivityRecord], profile: ProfileData = PROFILE, plan: PlanData | None = None,
           next_plan: PlanData | None = None, draft: ReportDraft | None = None) -> ReportData:
    return assemble_report(YEAR, records, profile, plan, next_plan,
                           draft or ReportDraft(YEAR, "A year of growth.", "Zoë Ñúñez-Brontë", date(2025, 1, 15),
                                                True), TODAY)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def full() -> tuple[ReportData, bytes, list[str]]:
    """A typical report: eighteen activities over every practice, a plan this year and next."""
    records = [record(i, f"Activity number {i}: session on practice {1 + i % 14}", hours=str(1 + i % 5),
                      practices=(1 + i % 14, 1 + (i * 3) % 14)) for i in range(1, 19)]
    plan = PlanData(YEAR, (6, 12), (GoalData(1, "Grow as a strategic leader", "long", (6,)),), ())
    nxt = PlanData(YEAR + 1, (3,), (GoalData(2, "Lead an equity audit", "short", (3,)),),
                   (new_item("ICMA Annual Conference 2025", type="conference", estimated_hours=D(24), goal_id=2,
                             practices=(3,)),))
    data = report(records, plan=plan, next_plan=nxt)
    pdf = render_report_pdf(data, invariant=True)
    return data, pdf, pages_text(pdf)


def test_the_pdf_has_every_title_the_totals_and_all_fourteen_practices(full: tuple[ReportData, bytes,
                                                                                 list[str]]) -> None:
    data, _, pages = full
    text = flat(" ".join(pages))
    for a in data.activities:
        assert a.title in text
    for n in range(1, len(data.activities) + 1):
        assert f"Professional Development Activity #{n}" in text
    total = format_hours(data.total_hours)
    assert data.total_hours > 40 and f"{total} h reported" in text
    assert f"totalling {total} hours, meeting the 40-hour commitment" in text
    assert f"Total {len(data.activities)} {total} 100%" in text  # the practice table's total row
    for name in PRACTICES.values():
        assert text.count(name) >= 2, name  # in the table and in the bar chart
    for heading in ("Summary", "Hours by practice", "Hours by activity type", "Development needs and goals",
                    "Plan for 2025", "ICMA Annual Conference 2025", "Multi-rater (360-degree) assessment",
                    "Due by March 1, 2027", "Attestation", "I attest that this report", "ICMA-CM Candidate",
                    "123456", "Assistant City Manager", "Ville de Montréal", "A year of growth."):
        assert heading in text, heading


def test_every_page_has_the_running_header_and_page_x_of_y(full: tuple[ReportData, bytes, list[str]]) -> None:
    _, _, pages = full
    total = len(pages)
    assert total >= 4
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text
        assert "Annual Professional Development Report · 2024" in text
        assert "Zoë Ñúñez-Brontë · ICMA member 123456" in text


def test_a_build_with_invariant_is_reproducible_byte_for_byte(full: tuple[ReportData, bytes, list[str]]) -> None:
    data, pdf, _ = full
    assert render_report_pdf(data, invariant=True) == pdf
    assert render_report_pdf(replace(data, summary_reflection="changed"), invariant=True) != pdf


@pytest.mark.parametrize("name", [
    "José María Ñúñez", "Nguyễn Thị Hồng", "Trần Đức Lương", "Αλέξανδρος Παπαδόπουλος", "Дмитрий Иванов",
    "王小明", "佐藤 花子", "김민준", "Ørjan Ødegård-Łukasz",
])
def test_names_in_any_script_read_back_as_text(name: str) -> None:
    profile = replace(PROFILE, name=name)
    data = report([record(1, f"Mentoring {name}", "40")], profile=profile,
                  draft=ReportDraft(YEAR, f"Reflection by {name}.", name, date(2025, 1, 15), True))
    text = " ".join(pages_text(render_report_pdf(data, invariant=True)))
    assert "\x00" not in text and "\ufffd" not in text
    assert text.count(name) >= 4  # header block, running header, activity title, attestation
    assert missing_glyphs(name) == set()


def test_user_text_is_escaped_not_parsed_as_markup() -> None:
    title = "Budgets & <b>bold</b> claims > 5% </para> \"quoted\""
    data = report([record(1, title, "40", description="A & B < C", learned="x <font name='nope'>y</font>")])
    text = flat(" ".join(pages_text(render_report_pdf(data))))
    assert title in text and "A & B < C" in text and "x <font name='nope'>y</font>" in text


def test_markup_switches_cjk_runs_to_the_cjk_font() -> None:
    assert markup("Tom & 王小明 <x>") == f'Tom &amp; <font name="{CJK}">王小明</font> &lt;x&gt;'
    assert markup("Nguyễn Ωμέγα Дмитрий") == "Nguyễn Ωμέγα Дмитрий"  # DejaVu draws these itself
    assert missing_glyphs("กขค") == {"ก", "ข", "ค"}  # Thai: neither bundled font has it


def test_fonts_are_bundled_with_their_licences_and_registered_as_a_family() -> None:
    folder = fonts_dir()
    assert folder.parent == resources_dir() and folder.parent.name == "resources"
    for licence in LICENCE_FILES:
        assert (folder / licence).stat().st_size > 1000
    fonts = register_fonts()
    assert {fonts.base, fonts.bold, fonts.italic, fonts.bold_italic, fonts.cjk} <= set(
        pdfmetrics.getRegisteredFontNames())
    assert tt2ps(fonts.base, 1, 0) == fonts.bold and tt2ps(fonts.base, 1, 1) == fonts.bold_italic
    assert ps2tt(fonts.italic) == (fonts.base.lower(), 0, 1)


def test_the_resources_folder_is_found_inside_a_pyinstaller_bundle(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "resources" / "fonts"
    bundled.mkdir(parents=True)
    (bundled / "DejaVuSans.ttf").write_bytes(b"x")
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


def test_long_reflections_split_across_pages_and_no_heading_ends_a_page() -> None:
    long_text = " ".join(f"Sentence {i} about what the workshop taught me on budgeting." for i in range(400))
    records = [record(i, f"Long activity {i}", "10", description=long_text if i == 2 else "Attended.",
                      learned=long_text if i in (1, 3) else LEARNED) for i in range(1, 5)]
    pages = pages_text(render_report_pdf(report(records), invariant=True))
    text = flat(" ".join(pages))
    assert "Sentence 399 about" in text and text.count("Sentence 0 about") == 3
    headings = re.compile(r"^(Professional Development Activity #\d+|How I took part|What I learned|Summary|"
                          r"Plan for 2025|Attestation|Hours by practice|Hours by activity type|"
                          r"Professional development activities)$")
    for number, page in enumerate(pages, 1):
        body = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in body if not line.startswith(("Page ", "Draft generated"))]
        assert not headings.match(body[-1]), f"page {number} ends with the heading {body[-1]!r}"
    # Each long reflection starts on the page of its label (no gap left behind the heading) and flows on.
    for number, page in enumerate(pages, 1):
        if re.search(r"(How I took part|What I learned)\nSentence 0 about", page):
            assert "Sentence 3 about" in flat(page), f"page {number}"
    starts = sum(len(re.findall(r"(How I took part|What I learned)\nSentence 0 about", p)) for p in pages)
    assert starts == 3


def test_an_empty_report_builds_and_says_what_is_missing() -> None:
    data = report([], profile=ProfileData(), draft=ReportDraft(YEAR))
    text = flat(" ".join(pages_text(render_report_pdf(data))))
    assert "No completed activities with hours were recorded for 2024" in text
    assert "No professional development plan was recorded for 2024" in text
    assert "No professional development plan for 2025 has been recorded yet" in text
    assert "0 h reported" in text and "40 h to go" in text
    assert "Member not given" in text


def test_a_submitted_revision_says_so_on_every_page() -> None:
    data = replace(report([record(1, "Course", "40")]), revision=2, submitted_on=date(2025, 1, 31))
    pages = pages_text(render_report_pdf(data))
    assert "Submitted January 31, 2025 (revision 2)" in flat(pages[0])
    assert all("Submitted January 31, 2025 · revision 2" in p for p in pages)


def test_build_report_pdf_writes_the_file_and_reports_progress(tmp_path: Path) -> None:
    data = report([record(i, f"Course {i}", "3") for i in range(1, 40)])
    seen: list[tuple[int, int]] = []
    out = tmp_path / "out" / "report.pdf"
    sha = build_report_pdf(data, out, invariant=True, progress=lambda done, total: seen.append((done, total)))
    import hashlib

    assert hashlib.sha256(out.read_bytes()).hexdigest() == sha
    assert not list(out.parent.glob("*.part"))
    assert seen and seen[-1][0] == seen[-1][1] and all(d <= t for d, t in seen)
    assert render_report(data, invariant=True).pages == len(PdfReader(str(out)).pages)


def test_table_headers_repeat_on_every_page_a_table_spans() -> None:
    data = report([record(i, f"Course number {i}", "1") for i in range(1, 91)])
    pages = pages_text(render_report_pdf(data))
    index_pages = [p for p in pages if re.search(r"^\d+\n(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d+, 2024\n"
                                                 r"Course number", p, re.MULTILINE)]
    assert len(index_pages) >= 2
    for page in index_pages:
        assert "#\nDates\nActivity\nType\nHours\nPractices" in page
