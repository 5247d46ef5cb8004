"""The transcript: every activity over the years, grouped by year with per-year and grand totals, the member's
details, the day it was generated and a fingerprint of the listed records; drawn as a PDF or written as CSV.

What it lists is what the annual reports list (models.annual_report.report_activities): completed activities with
hours, counted in the year they started, oldest first. So a year's figures here are the figures of that year's
report. Years without an activity between the first and the last listed year appear with zero, so a gap is plain.

The fingerprint is the sha256 of the listed records in a canonical text (docs/exports.md), built from the same
values the CSV's record rows hold: anyone can recompute it from the CSV, and it changes when a listed record
changes, never with the day of printing or the member's details. No Qt here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityRecord, load_activities
from wethrive_desktop.models.annual_report import MemberInfo, report_activities
from wethrive_desktop.models.dates import date_range, long_date
from wethrive_desktop.models.domain import CredentialStatus, Status, type_label
from wethrive_desktop.models.profile import ProfileData, get_profile
from wethrive_desktop.models.rules import HUNDREDTH, ZERO, format_hours
from wethrive_desktop.reports.pdf.blocks import fits_plain, table_style
from wethrive_desktop.reports.pdf.flowables import KeepSpace, Para
from wethrive_desktop.reports.pdf.fonts import FontSet, markup, register_fonts
from wethrive_desktop.reports.pdf.page import numbered_canvas, running_header
from wethrive_desktop.reports.pdf.styles import (
    ACCENT,
    BOTTOM_MARGIN,
    FRAME_WIDTH,
    LEFT_MARGIN,
    PAGE_SIZE,
    RULE,
    SHADE,
    TOP_MARGIN,
    Styles,
    make_styles,
)

TRANSCRIPT_TITLE = "Professional Development Transcript"
CANONICAL_HEADER = "wethrive-transcript-records/1"  # the first line of the canonical text (docs/exports.md)
RECORD_COLUMNS = ("Date", "End date", "Title", "Provider", "Type", "Practices", "Hours")

# The CSV is written as exchange/csv_io writes activities: UTF-8 with a BOM (Excel needs it), and a text cell a
# spreadsheet would run as a formula gets a leading "'". reports/ may not import exchange/ (tests/test_layers.py),
# so the rule is repeated here; tests/test_transcript.py checks it gives what csv_io.neutralise gives.
CSV_ENCODING = "utf-8-sig"
_FORMULA_STARTS = frozenset("=+-@\t\r")


def neutralise(text: str) -> str:
    """A text cell as exported: prefixed with `'` when a spreadsheet would read it as a formula (csv_io's rule)."""
    return "'" + text if text.lstrip("'")[:1] in _FORMULA_STARTS else text


class TranscriptError(ValueError):
    """A transcript that cannot be made as asked; the message is one sentence for the user."""


# --- the transcript's plain data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TranscriptActivity:
    activity_id: int
    start_date: date
    end_date: date | None
    title: str
    provider: str
    type: str
    hours: Decimal
    practices: tuple[int, ...]

    def values(self) -> list[str]:
        """The record's cells in RECORD_COLUMNS order, as stored (not neutralised): the CSV row and the canonical
        line are made of these."""
        return [
            self.start_date.isoformat(),
            self.end_date.isoformat() if self.end_date else "",
            self.title,
            self.provider,
            self.type,
            ";".join(str(p) for p in self.practices),
            format_hours(self.hours),
        ]


@dataclass(frozen=True)
class TranscriptYear:
    year: int
    activities: tuple[TranscriptActivity, ...]

    @property
    def hours(self) -> Decimal:
        return sum((a.hours for a in self.activities), ZERO).quantize(HUNDREDTH)

    @property
    def count(self) -> int:
        return len(self.activities)


@dataclass(frozen=True)
class Transcript:
    member: MemberInfo
    first_year: int | None  # the period asked for, or the span of the records; None when nothing bounds it
    last_year: int | None
    years: tuple[TranscriptYear, ...]  # every year from the first to the last with activities, oldest first
    generated_on: date

    @property
    def activities(self) -> Iterator[TranscriptActivity]:
        for y in self.years:
            yield from y.activities

    @property
    def total_hours(self) -> Decimal:
        return sum((y.hours for y in self.years), ZERO).quantize(HUNDREDTH)

    @property
    def activity_count(self) -> int:
        return sum(y.count for y in self.years)

    @property
    def period(self) -> str:
        """'2019 \u2013 2026', '2024' or 'all years'."""
        if self.first_year is None and self.last_year is None:
            return "all years"
        if self.first_year is None:
            return f"up to {self.last_year}"
        if self.last_year is None:
            return f"from {self.first_year}"
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year} \u2013 {self.last_year}"

    def canonical_text(self) -> str:
        """The listed records in the canonical form the fingerprint hashes (docs/exports.md)."""
        lines = [CANONICAL_HEADER]
        lines += [json.dumps(a.values(), ensure_ascii=False, separators=(",", ":")) for a in self.activities]
        return "\n".join(lines) + "\n"

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.canonical_text().encode("utf-8")).hexdigest()


def member_info(profile: ProfileData) -> MemberInfo:
    return MemberInfo(profile.name, profile.member_number, CredentialStatus(profile.credential_status).designation,
                      profile.title, profile.organization, profile.location)


def assemble_transcript(records: Iterable[ActivityRecord], profile: ProfileData, first_year: int | None,
                        last_year: int | None, generated_on: date) -> Transcript:
    """The transcript from already-loaded records (no database access). Raises TranscriptError when the first
    year is after the last."""
    if first_year is not None and last_year is not None and first_year > last_year:
        raise TranscriptError(f"the first year ({first_year}) is after the last year ({last_year})")
    by_year: dict[int, list[ActivityRecord]] = {}
    for r in records:
        y = r.start_date.year
        if (first_year is None or y >= first_year) and (last_year is None or y <= last_year):
            by_year.setdefault(y, []).append(r)
    listed = {y: report_activities(rs, y) for y, rs in by_year.items()}
    present = [y for y, rs in listed.items() if rs]
    years: tuple[TranscriptYear, ...] = ()
    if present:
        years = tuple(
            TranscriptYear(y, tuple(_activity(r) for r in listed.get(y, ())))
            for y in range(min(present), max(present) + 1)
        )
    first = first_year if first_year is not None else (years[0].year if years else None)
    last = last_year if last_year is not None else (years[-1].year if years else None)
    return Transcript(member_info(profile), first, last, years, generated_on)


def _activity(r: ActivityRecord) -> TranscriptActivity:
    d = r.data
    return TranscriptActivity(r.id, d.start_date, d.end_date, d.title, d.provider, d.type, d.hours,
                              tuple(d.practices))


def build_transcript(first_year: int | None = None, last_year: int | None = None,
                     generated_on: date | None = None) -> Transcript:
    """The transcript of the open database, for the years given (both included; None: no bound)."""
    return assemble_transcript(load_activities(status=Status.COMPLETED.value), get_profile(), first_year, last_year,
                               generated_on or clock.today())


# --- CSV ---------------------------------------------------------------------------------------------------


def render_transcript_csv(t: Transcript) -> bytes:
    """The transcript as CSV bytes (UTF-8 with a BOM): the member block, a blank row, the records (one per row,
    with the year first), a blank row, then the totals by year and the grand total."""
    buffer = io.StringIO(newline="")
    w = csv.writer(buffer)
    m = t.member
    w.writerow([TRANSCRIPT_TITLE])
    for label, value in (("Member", m.name), ("ICMA member number", m.member_number),
                         ("Designation", m.designation), ("Title", m.title), ("Organization", m.organization),
                         ("Location", m.location), ("Period", t.period),
                         ("Generated on", t.generated_on.isoformat()), ("Fingerprint (sha256)", t.fingerprint)):
        w.writerow([label, neutralise(value)])
    w.writerow([])
    w.writerow(["Year", *RECORD_COLUMNS])
    for y in t.years:
        for a in y.activities:
            cells = a.values()
            for i in (2, 3):  # title, provider: free text
                cells[i] = neutralise(cells[i])
            w.writerow([str(y.year), *cells])
    w.writerow([])
    w.writerow(["Year", "Activities", "Hours"])
    for y in t.years:
        w.writerow([str(y.year), str(y.count), format_hours(y.hours)])
    w.writerow(["Total", str(t.activity_count), format_hours(t.total_hours)])
    return buffer.getvalue().encode(CSV_ENCODING)


# --- PDF ---------------------------------------------------------------------------------------------------

# Date | Activity (title, provider) | Type | Practices | Hours: the frame's width.
_WIDTHS = [1.1 * inch, 0, 1.15 * inch, 0.95 * inch, 0.6 * inch]
_WIDTHS[1] = FRAME_WIDTH - sum(_WIDTHS)
FOOTER_LABEL = "Fingerprint (sha256): "


class _Layout:
    def __init__(self, t: Transcript, fonts: FontSet, styles: Styles):
        self.t = t
        self.f = fonts
        self.s = styles
        self.year_heading = ParagraphStyle("year_heading", parent=styles.h1, keepWithNext=0)  # KeepSpace keeps it
        self.provider = ParagraphStyle("provider", parent=styles.cell, textColor=styles.small.textColor)
        self.cell_right = ParagraphStyle("cell_right_t", parent=styles.cell, alignment=TA_RIGHT)

    def cell(self, text: str, width: float) -> Any:
        """A plain string when it fits one line (much faster to lay out), else a wrapping Paragraph."""
        if fits_plain(text, width - 10, self.f.base, 8.5):
            return text
        return Para(markup(text), self.s.cell)

    def story(self) -> list[Flowable]:
        t, s = self.t, self.s
        out: list[Flowable] = [
            Para(TRANSCRIPT_TITLE, s.title),
            Para(f"Professional development activities \u00b7 {markup(t.period)} \u00b7 "
                 f"Generated on {long_date(t.generated_on)}", s.subtitle),
            self.member_block(),
            Spacer(1, 6),
        ]
        out += self.heading("Totals by year")
        if not t.years:
            out.append(Para("No activities are recorded in this period.", s.body_muted))
        else:
            out.append(self.totals_table())
        for y in t.years:
            out += self.heading(str(y.year))
            if y.activities:
                out.append(self.year_table(y))
            else:
                out.append(Para(f"No activities recorded in {y.year}.", s.body_muted))
        out += [Spacer(1, 10), Para(
            f"The fingerprint is the sha256 of the listed records in the canonical form {APP_NAME} documents "
            f"({CANONICAL_HEADER}): <font name=\"{self.f.base}\">{t.fingerprint}</font>", s.small)]
        return out

    def heading(self, title: str) -> list[Flowable]:
        heading = Para(markup(title), self.year_heading)
        # The heading with the table's header row and a few records stay on one page.
        return [KeepSpace([heading], extra=60), heading]

    def member_block(self) -> Table:
        m, s = self.t.member, self.s
        org = ", ".join(x for x in (m.organization, m.location) if x)

        def label(text: str) -> Paragraph:
            return Para(text, s.figure_label)

        def value(text: str, bold: bool = False) -> Paragraph:
            if not text:
                return Para("<i>not given</i>", s.small)
            return Para(markup(text), s.cell_bold if bold else s.cell)

        rows = [
            [label("Member"), value(m.name, bold=True), label("Designation"), value(m.designation)],
            [label("Title"), value(m.title), label("ICMA member number"), value(m.member_number)],
            [label("Organization"), value(org), label("Period"), value(self.t.period)],
            [label("Total hours"), value(f"{format_hours(self.t.total_hours)} h"), label("Activities"),
             value(str(self.t.activity_count))],
        ]
        table = Table(rows, colWidths=[0.95 * inch, 2.4 * inch, 1.45 * inch, FRAME_WIDTH - 4.8 * inch],
                      hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        return table

    def _style(self, table: Table, hours_col: int) -> None:
        table.setStyle(TableStyle([*table_style(self.f, total_row=True),
                                   ("ALIGN", (hours_col, 0), (hours_col, -1), "RIGHT")]))

    def totals_table(self) -> Table:
        rows: list[list[Any]] = [["Year", "Activities", "Hours"]]
        rows += [[str(y.year), str(y.count), format_hours(y.hours)] for y in self.t.years]
        rows.append(["Total", str(self.t.activity_count), format_hours(self.t.total_hours)])
        table = Table(rows, colWidths=[1.2 * inch, 1.2 * inch, 1.2 * inch], repeatRows=1, hAlign="LEFT")
        self._style(table, 2)
        table.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT")]))
        return table

    def year_table(self, y: TranscriptYear) -> Table:
        # The year in the header row, which repeats on every page the table runs onto.
        rows: list[list[Any]] = [[f"Date ({y.year})", "Activity", "Type", "Practices", "Hours"]]
        for a in y.activities:
            if a.provider:
                activity: Any = [Para(markup(a.title), self.s.cell), Para(markup(a.provider),
                                                                               self.provider)]
            else:
                activity = self.cell(a.title, _WIDTHS[1])
            rows.append([
                self.cell(date_range(a.start_date, a.end_date, "short", year=y.year), _WIDTHS[0]),
                activity,
                self.cell(type_label(a.type), _WIDTHS[2]),
                self.cell(", ".join(str(p) for p in a.practices), _WIDTHS[3]),
                format_hours(a.hours),
            ])
        rows.append([f"{y.year} total", f"{y.count} {'activity' if y.count == 1 else 'activities'}", "", "",
                     format_hours(y.hours)])
        table = Table(rows, colWidths=_WIDTHS, repeatRows=1, hAlign="LEFT")
        self._style(table, 4)
        return table


def render_transcript_pdf(t: Transcript, invariant: bool = False) -> bytes:
    """The transcript as PDF bytes: a running header, and on every page's footer the fingerprint and
    "Page X of Y". `invariant`: the same transcript always gives the same bytes (tests)."""
    fonts = register_fonts()
    styles = make_styles(fonts)
    story = _Layout(t, fonts, styles).story()
    buffer = io.BytesIO()
    m = t.member
    doc = BaseDocTemplate(
        buffer, pagesize=PAGE_SIZE, leftMargin=LEFT_MARGIN, rightMargin=LEFT_MARGIN, topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN, title=f"{TRANSCRIPT_TITLE} {t.period}" + (f" - {m.name}" if m.name else ""),
        author=m.name, subject=f"{TRANSCRIPT_TITLE}: {t.period}", creator=f"{APP_NAME} {__version__}",
        invariant=1 if invariant else 0,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="transcript", frames=[frame], onPage=_header(t, fonts, styles))])
    doc.build(story, canvasmaker=numbered_canvas(FOOTER_LABEL + t.fingerprint, fonts.base))
    return buffer.getvalue()


def _header(t: Transcript, fonts: FontSet, styles: Styles) -> Any:
    """The running header: the title and period on the left, the member on the right (as in the annual report)."""
    return running_header(f"{TRANSCRIPT_TITLE} \u00b7 {t.period}", t.member, fonts, styles)


TRANSCRIPT_FORMATS = (".pdf", ".csv")


def render_transcript(t: Transcript, suffix: str, invariant: bool = False) -> bytes:
    """The transcript in the format a file name's suffix asks for (".pdf" or ".csv", any case)."""
    kind = suffix.lower()
    if kind == ".pdf":
        return render_transcript_pdf(t, invariant=invariant)
    if kind == ".csv":
        return render_transcript_csv(t)
    raise TranscriptError(f"a transcript is written as .pdf or .csv, not {suffix or 'a file without a suffix'}")
