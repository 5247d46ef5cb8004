"""The annual report PDF, read back with pypdf: content, every script a name can be written in, escaping, page
furniture, clean page breaks and byte-for-byte reproducible builds."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, FloatObject, NumberObject
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Spacer
from reportlab.platypus.doctemplate import ActionFlowable

from wethrive_desktop import resources_path
from wethrive_desktop.models.activities import ActivityData, ActivityRecord
from wethrive_desktop.models.annual_report import ReportData, ReportDraft, assemble_report
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.plans import GoalData, PlanData, new_item
from wethrive_desktop.models.profile import ProfileData
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.reports.pdf import build_report_pdf, render_report, render_report_pdf
from wethrive_desktop.reports.pdf.builder import render_story
from wethrive_desktop.reports.pdf.coverage import COVERAGE_FILE, can_draw, parse_coverage, ranges_of
from wethrive_desktop.reports.pdf.flowables import Para, Rule
from wethrive_desktop.reports.pdf.fonts import (
    CJK,
    LICENCE_FILES,
    drawn_codepoints,
    fonts_dir,
    markup,
    missing_glyphs,
    register_fonts,
    resources_dir,
)
from wethrive_desktop.reports.pdf.page import ReportDoc
from wethrive_desktop.reports.pdf.story import Story
from wethrive_desktop.reports.pdf.styles import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PAGE_SIZE,
    RIGHT_MARGIN,
    TOP_MARGIN,
    make_styles,
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
    assert data.total_hours > 40 and f"{total} h (40 required)" in text and f"{total} of 40" not in text
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


def test_the_glyph_check_answers_from_the_coverage_file_exactly_as_the_fonts_would() -> None:
    # The report page checks glyphs without loading the fonts (reports/pdf/coverage.py): its file must be the
    # fonts' own code points. After a font changes, `python scripts/font_coverage.py` writes it again.
    written = parse_coverage(resources_path("fonts", COVERAGE_FILE).read_text(encoding="ascii"))
    assert written == ranges_of(drawn_codepoints())
    assert can_draw(ord("A")) and can_draw(ord("王")) and can_draw(ord("ễ"))  # Latin, CJK, Vietnamese
    assert not can_draw(ord("ก")) and not can_draw(ord("क"))  # Thai, Devanagari: neither font
    assert missing_glyphs("A 王 क ก") == {"क", "ก"}


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
    assert "0 h (40 required)" in text and "40 h to go" in text
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


# --- the page layout: nothing drawn outside the page's frame, names and headings that break cleanly ---------

LONG_NAME = ("Maximilianna Alexandrina Konstantinopoulou-Vanderbilt de la Cruz y Montenegro "
             "Featherstonehaugh-Wolfeschlegelsteinhausen")
ALL_PRACTICES = tuple(range(1, 15))


Matrix = tuple[float, ...]


def _times(m: Matrix, n: Matrix) -> Matrix:
    """The product of two PDF matrices [a b c d e f] (row vectors, as the PDF specification writes them)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def text_runs(pdf: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """Every run of text the PDF shows, as (page, text, x where it starts, x where it ends, baseline y, font
    size) in page coordinates: the content streams interpreted (q/Q, cm, BT, Tf, TL, Tm, Td, TD, T*, Tj, TJ),
    each run's width summed from its font's own /Widths, as a viewer lays it out."""
    reader = PdfReader(io.BytesIO(pdf))
    runs: list[tuple[int, str, float, float, float, float]] = []
    identity: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for number, page in enumerate(reader.pages, 1):
        resources: Any = page["/Resources"]
        fonts = {name: ref.get_object() for name, ref in resources["/Font"].items()}
        ctm, tm, line = identity, identity, identity
        stack: list[Matrix] = []
        font: Any = None
        size = leading = char_space = word_space = 0.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            op = operator.decode()
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop()
            elif op == "cm":
                ctm = _times(tuple(float(x) for x in operands), ctm)
            elif op == "BT":
                tm = line = identity
            elif op == "Tf":
                font, size = fonts[operands[0]], float(operands[1])
            elif op == "TL":
                leading = float(operands[0])
            elif op == "Tc":
                char_space = float(operands[0])
            elif op == "Tw":
                word_space = float(operands[0])
            elif op == "Tm":
                tm = line = tuple(float(x) for x in operands)
            elif op in ("Td", "TD", "T*"):
                dx, dy = (0.0, -leading) if op == "T*" else (float(operands[0]), float(operands[1]))
                leading = -dy if op == "TD" else leading
                tm = line = _times((1, 0, 0, 1, dx, dy), line)
            elif op in ("Tj", "TJ"):
                width, text = 0.0, ""
                for item in operands[0] if op == "TJ" else [operands[0]]:
                    if isinstance(item, (int, float, FloatObject, NumberObject)):
                        width -= float(item) / 1000 * size
                        continue
                    raw = item.get_original_bytes() if hasattr(item, "get_original_bytes") else bytes(item)
                    text += str(item)
                    if "/Widths" in font:
                        first, widths = int(font["/FirstChar"]), font["/Widths"]
                        width += sum(float(widths[c - first]) / 1000 * size + char_space +
                                     (word_space if c == 32 else 0) for c in raw)
                    else:  # one of the standard 14 fonts
                        width += pdfmetrics.stringWidth(raw.decode("latin-1"), str(font["/BaseFont"])[1:], size)
                start = _times(tm, ctm)
                end = _times((1, 0, 0, 1, width, 0), start)
                runs.append((number, text, start[4], end[4], start[5], size))
                tm = _times((1, 0, 0, 1, width, 0), tm)
    return runs


def outside_the_frame(pdf: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """Runs of text that cross the left or right margin, or reach the top or bottom 0.4 inch of the page (the
    running header and the footer live inside those bands, the body inside the margins)."""
    width, height = PAGE_SIZE
    band = 0.4 * inch
    return [r for r in text_runs(pdf) if r[1].strip() and (
        r[2] < LEFT_MARGIN - 0.5 or r[3] > width - RIGHT_MARGIN + 0.5 or r[4] < band or r[4] + r[5] > height - band)]


@pytest.fixture(scope="module")
def crowded() -> tuple[ReportData, bytes]:
    """The hard cases: a 120-character name, activities tagged with all 14 practices (one with a long title),
    and a plan whose every activity is tagged with all 14."""
    assert len(LONG_NAME) == 120
    records = [record(i, f"Workshop {i} on every practice at once, from integrity to communication" if i == 3
                      else f"Workshop {i}", hours="6", practices=ALL_PRACTICES if i % 2 else (1, 12))
               for i in range(1, 9)]
    nxt = PlanData(YEAR + 1, ALL_PRACTICES, (GoalData(2, "Lead an equity audit", "short", ALL_PRACTICES),),
                   tuple(new_item(f"Planned course {k}", type="workshop", estimated_hours=D(4), goal_id=2,
                                  practices=ALL_PRACTICES) for k in range(1, 5)))
    data = report(records, profile=replace(PROFILE, name=LONG_NAME), next_plan=nxt,
                  draft=ReportDraft(YEAR, "A year of growth.", LONG_NAME, date(2025, 1, 15), True))
    return data, render_report_pdf(data, invariant=True)


def test_the_layout_check_measures_text_where_it_is_drawn(crowded: tuple[ReportData, bytes]) -> None:
    runs = text_runs(crowded[1])
    right_edge = PAGE_SIZE[0] - RIGHT_MARGIN
    # "Page X of Y" is drawn right-aligned on the margin: the measured end of its run lands exactly there.
    ends = [x1 for _, text, _, x1, _, _ in runs if text.startswith("Page ")]
    assert ends and all(abs(x1 - right_edge) < 0.5 for x1 in ends)
    overflow = b"BT 1 0 0 1 500 400 Tm /F2+0 9 Tf (" + b"1, 2, 3, 4, 5, 6, 7, 8, 9, 10" + b") Tj ET"
    assert outside_the_frame(_with_extra_text(crowded[1], overflow)), "a run past the right margin is caught"


def _with_extra_text(pdf: bytes, content: bytes) -> bytes:
    """`pdf` with `content` appended to its first page's content stream (to check the checker)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    page = writer.pages[0]
    stream = ContentStream(page.get_contents(), writer)
    page.replace_contents(ContentStream(None, writer))
    data = stream.get_data() + b"\n" + content
    extra = ContentStream(None, writer)
    extra.set_data(data)
    page.replace_contents(extra)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_no_text_runs_off_the_page_with_all_14_practices_and_a_120_character_name(
        crowded: tuple[ReportData, bytes]) -> None:
    data, pdf = crowded
    assert outside_the_frame(pdf) == []
    text = flat(" ".join(pages_text(pdf)))
    # Every practice number is printed (wrapped within its column, not cut after "10,").
    assert text.count("10, 11, 12, 13, 14") >= 4 + 4  # the activity index and the planned activities
    for a in data.activities:
        assert a.title in text
    assert "48 h (40 required)" in text and "48 of 40" not in text


def test_a_long_name_wraps_between_words_never_inside_one(crowded: tuple[ReportData, bytes]) -> None:
    _, pdf = crowded
    pages = pages_text(pdf)
    for number, page in enumerate(pages, 1):
        for word in re.split(r"[\s-]+", LONG_NAME):
            for i in range(1, len(word)):
                broken = re.escape(word[:i]) + r"-?\s*\n\s*" + re.escape(word[i:])
                assert not re.search(broken, page), f"page {number}: {word!r} is broken after {word[:i]!r}"
    # The whole name on the first page and in the attestation (a line may end after a space or a hyphen).
    assert flat(pages[0]).replace("- ", "-").count(LONG_NAME) == 1
    assert flat(pages[-1]).replace("- ", "-").count(LONG_NAME) == 1


HEADINGS = {"h1", "h2", "kicker", "activity_kicker", "activity_title", "label"}


def layout(data: ReportData, monkeypatch: pytest.MonkeyPatch,
           story: list[Flowable] | None = None) -> list[tuple[int, Flowable, float]]:
    """(page, flowable, height left in the frame after it) for every flowable drawn, in order: the whole report,
    or `story` laid out on its pages."""
    drawn: list[tuple[int, Flowable, float]] = []

    def spy(doc: ReportDoc, flowable: Flowable) -> None:
        if not isinstance(flowable, ActionFlowable):  # page and frame breaks: actions, nothing drawn
            drawn.append((doc.page, flowable, doc.frame._y - doc.frame._y1))

    monkeypatch.setattr(ReportDoc, "afterFlowable", spy)
    if story is None:
        render_report(data, invariant=True)
    else:
        render_story(data, story, invariant=True)
    return drawn


def is_heading(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name in HEADINGS


def page_end_problems(drawn: list[tuple[int, Flowable, float]]) -> list[str]:
    """Pages that end with a heading, or are left more than half blank before a page that starts with one."""
    problems = []
    frame_height = PAGE_SIZE[1] - TOP_MARGIN - BOTTOM_MARGIN
    for page in range(1, drawn[-1][0]):
        content = [(f, left) for p, f, left in drawn if p == page and not isinstance(f, (Rule, Spacer))]
        if not content:
            continue
        last, left = content[-1]
        if is_heading(last):
            problems.append(f"page {page} ends with the heading {last.text!r}")
        following = next(f for p, f, _ in drawn if p == page + 1)
        if is_heading(following) and left > frame_height / 2:
            problems.append(f"page {page} is left {left / frame_height:.0%} blank before {following.text!r}")
    return problems


def plans(items: int = 15) -> tuple[PlanData, PlanData]:
    plan = PlanData(YEAR, (6, 12), (GoalData(1, "Grow as a strategic leader", "long", (6,)),
                                    GoalData(3, "Build a ten-year financial plan", "short", (12,))), ())
    nxt = PlanData(YEAR + 1, (3, 4), (GoalData(2, "Lead an equity audit", "short", (3,)),),
                   tuple(new_item(f"Planned {k}", type="webinar", estimated_hours=D(2), goal_id=2, practices=(3,))
                         for k in range(1, items + 1)))
    return plan, nxt


def test_headings_stay_with_what_follows_wherever_a_page_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sections from the plan on, after a block of every height a page can leave: "Plan for 2025" and every
    # heading after it meets the foot of a page at each position, 12 points apart (the gap where "Plan for 2026"
    # was stranded was 17 points high).
    plan, nxt = plans(items=6)
    data = report([record(1, "Course 1", "40", description="I attended. " * 60)], plan=plan, next_plan=nxt)
    fonts = register_fonts()
    styles = make_styles(fonts)
    frame_height = PAGE_SIZE[1] - TOP_MARGIN - BOTTOM_MARGIN
    for lead in range(0, int(frame_height) - 12, 12):
        story = Story(data, fonts, styles)
        flowables = [Spacer(1, lead), *story.needs_and_goals(), *story.activity_index(),
                     *story.activity(data.activities[0]), *story.next_year(), *story.multirater(),
                     *story.attestation()]
        assert page_end_problems(layout(data, monkeypatch, flowables)) == [], f"after {lead} points"


def test_a_heading_and_a_reflection_that_fit_at_the_foot_of_a_page_are_not_split(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A heading and the reflection under it, ending just above the foot of a page: wherever the frame has room for
    # both as they are, they go on whole. (A point's safety margin once split the reflection there, its last lines
    # moving on to the next page with room for them left behind.) Where they do not fit, the reflection splits,
    # its heading kept with its first part.
    data = report([record(1, "Course 1", "40")])
    styles = make_styles(register_fonts())
    frame_height = PAGE_SIZE[1] - TOP_MARGIN - BOTTOM_MARGIN
    text = "I attended and took part in every session of the course, and wrote down what I learned. " * 8
    loose = ParagraphStyle("loose", parent=styles.label, keepWithNext=0)  # the same heading, not kept with it

    def after(lead: float, heading_style: ParagraphStyle) -> list[tuple[int, bool]]:
        """(page, split?) of the heading and what follows it, after `lead` points."""
        story = [Spacer(1, lead), Paragraph("How I took part", heading_style), Paragraph(text, styles.body)]
        return [(page, bool(getattr(f, "_splitpara", 0))) for page, f, _ in layout(data, monkeypatch, story)
                if not isinstance(f, Spacer)]

    whole = [(1, False), (1, False)]
    height = frame_height - layout(data, monkeypatch, [Paragraph("How I took part", styles.label),
                                                       Paragraph(text, styles.body)])[-1][2]
    fitted = 0
    for tenth in range(-20, 80, 4):  # from 2 points short of the room they take to 8 points to spare
        lead = frame_height - height - tenth / 10
        if after(lead, loose) == whole:
            fitted += 1
            assert after(lead, styles.label) == whole, f"{tenth / 10} points to spare"
    assert fitted >= 10  # the check above was made
    for lines in (1, 3):  # they do not fit: the reflection splits, the heading above its first part
        assert after(frame_height - height + lines * styles.body.leading, styles.label) == [(1, False), (1, True),
                                                                                              (2, False)]


def test_a_paragraph_breaks_its_lines_once_for_a_width(monkeypatch: pytest.MonkeyPatch) -> None:
    styles = make_styles(register_fonts())
    broken: list[float] = []
    plain_break = Paragraph.breakLines

    def counted_break(self: Paragraph, widths: list[float]) -> Any:
        broken.append(widths[0])
        return plain_break(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counted_break)
    para = Para("What I learned this year, in enough words to wrap over a few lines. " * 4, styles.body)
    size = para.wrap(300, 800)
    assert para.wrap(300, 800) == para.wrap(300, 100) == size and broken == [300]  # measured, then laid out
    narrower = para.wrap(200, 800)
    assert narrower[1] > size[1] and broken == [300, 200]
    first, rest = para.split(200, narrower[1] / 2)  # the parts are new paragraphs, broken for their own lines
    assert first.wrap(200, 800)[1] + rest.wrap(200, 800)[1] == narrower[1] and len(broken) == 4
    assert para.wrap(200, 800) == narrower and len(broken) == 4  # the whole keeps its lines
    para.blPara = first.blPara  # lines put in their place (as ReportLab's ParagraphAndImage does): broken anew
    assert para.wrap(200, 800) == narrower and len(broken) == 5
    del para.blPara  # dropped (a split that moves the paragraph on whole): broken anew
    assert para.wrap(200, 800) == narrower and len(broken) == 6


def test_breaking_each_paragraph_once_makes_the_same_report(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [record(i, f"Course {i}", "3", description="Attended and took part. " * (2 + 9 * (i % 5)))
               for i in range(1, 13)]
    plan, nxt = plans()
    data = report(records, plan=plan, next_plan=nxt)
    once = render_report(data, invariant=True).pdf
    monkeypatch.setattr(Para, "wrap", Paragraph.wrap)  # every wrap breaks the lines again, as Platypus does
    assert render_report(data, invariant=True).pdf == once


@pytest.mark.parametrize("lines", [0, 17, 33])
def test_no_heading_ends_a_page_of_a_whole_report(lines: int, monkeypatch: pytest.MonkeyPatch) -> None:
    reflection = " ".join(f"Sentence {i} of a reflection on the year, long enough to fill one printed line."
                          for i in range(lines))
    records = [record(i, f"Course {i}", "6", description="Attended. " * (i * 9)) for i in range(1, 8)]
    plan, nxt = plans()
    data = report(records, plan=plan, next_plan=nxt,
                  draft=ReportDraft(YEAR, reflection, "Zoë Ñúñez-Brontë", date(2025, 1, 15), True))
    assert page_end_problems(layout(data, monkeypatch)) == []
