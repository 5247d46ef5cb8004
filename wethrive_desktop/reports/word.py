"""The annual report as a Word document (.docx), for members who hand in or keep an editable copy: the sections of
the PDF in the same order (reports/pdf/story.py), as real headings (Heading 1/2/3), tables and paragraphs that
Word and LibreOffice open, edit and paste from. The wording is the PDF's (reports/wording.py, models/).

Built with python-docx from the same ReportData as the PDF and nothing else. The output is reproducible: the
core properties' dates are the report's `generated_on`, and the package is re-zipped with fixed timestamps, so the
same data always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime, time
from decimal import Decimal

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.models.annual_report import (
    ReportActivity,
    ReportData,
    ReportGoal,
    activity_counting,
    explanations,
)
from wethrive_desktop.models.annual_report.hours import given_details
from wethrive_desktop.models.dates import date_range, long_date
from wethrive_desktop.models.domain import type_label
from wethrive_desktop.models.reflections import attestation_text
from wethrive_desktop.models.rules import ZERO, format_hours
from wethrive_desktop.models.wording import hours_with_required
from wethrive_desktop.reports import wording as w

__all__ = ["render_report_docx"]

ACCENT = RGBColor(0x1F, 0x4E, 0x79)  # the PDF's accent blue
MUTED = RGBColor(0x5A, 0x64, 0x72)
HEADER_FILL = "E3EAF3"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry

# Characters XML 1.0 cannot hold (python-docx refuses them): control characters other than tab and line breaks,
# lone surrogates and the two non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """User text as Word can store it: one kind of line break, no characters XML forbids."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def render_report_docx(data: ReportData) -> bytes:
    """The annual report as the bytes of a .docx file (the same data always gives the same bytes)."""
    doc = Document()
    _setup(doc, data)
    writer = _Writer(doc, data)
    writer.build()
    buffer = io.BytesIO()
    doc.save(buffer)
    return _reproducible_zip(buffer.getvalue())


def _reproducible_zip(package: bytes) -> bytes:
    """The same package with every entry's timestamp fixed (python-docx stamps them with the time of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _setup(doc: DocumentObject, data: ReportData) -> None:
    props = doc.core_properties
    when = datetime.combine(data.generated_on, time())
    props.title = w.document_title(data)
    props.subject = w.document_subject(data)
    props.author = data.member.name
    props.last_modified_by = data.member.name
    props.comments = f"{APP_NAME} {__version__}"
    props.created = when
    props.modified = when
    props.revision = 1
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)  # Letter, as the PDF
    section.left_margin = section.right_margin = Inches(0.85)
    section.top_margin = section.bottom_margin = Inches(0.9)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    header = section.header.paragraphs[0]
    member = " \u00b7 ".join(x for x in (clean(data.member.name),
                                         f"ICMA member {data.member.member_number}" if data.member.member_number
                                         else "") if x)
    _muted(header.add_run(f"{w.REPORT_TITLE} \u00b7 {data.year}" + (f"\t\t{member}" if member else "")))
    footer = section.footer.paragraphs[0]
    _muted(footer.add_run(f"{w.furniture_text(data)}\t\tPage "))
    _field(footer, "PAGE")
    _muted(footer.add_run(" of "))
    _field(footer, "NUMPAGES")


def _muted(run: Run) -> None:
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED


def _field(paragraph: Paragraph, code: str) -> None:
    """A field Word and LibreOffice fill in when they lay out the pages (PAGE, NUMPAGES)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


class _Writer:
    """Writes the sections into one document, in the PDF's order."""

    def __init__(self, doc: DocumentObject, data: ReportData):
        self.doc = doc
        self.d = data

    # --- building blocks ---------------------------------------------------------------------------------

    def heading(self, text: str, level: int) -> Paragraph:
        heading: Paragraph = self.doc.add_heading(clean(text), level=level)
        return heading

    def para(self, text: str = "", *, bold: bool = False, italic: bool = False, muted: bool = False,
             keep_with_next: bool = False) -> Paragraph:
        p = self.doc.add_paragraph()
        if text:
            self.lines(p, text, bold=bold, italic=italic, muted=muted)
        if keep_with_next:
            p.paragraph_format.keep_with_next = True
        return p

    def lines(self, p: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
              muted: bool = False) -> None:
        """`text` as a run of `p`, its line breaks kept as breaks within the paragraph (python-docx writes "\n"
        as a line break and "\t" as a tab)."""
        run = p.add_run(clean(text))
        run.bold = bold or None
        run.italic = italic or None
        if muted:
            run.font.color.rgb = MUTED

    def labelled(self, label: str, text: str) -> Paragraph:
        """"Label: text" in one paragraph (the label bold)."""
        p = self.doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        self.lines(p, text)
        return p

    def prose(self, text: str, empty: str) -> None:
        """The writer's paragraphs (blank lines separate them, as in the PDF), or `empty` in italics."""
        chunks = [c.strip() for c in clean(text).split("\n\n") if c.strip()]
        if not chunks:
            self.para(empty, italic=True, muted=True)
        for chunk in chunks:
            self.para(chunk)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], *,
              numeric: Sequence[int] = (), total_row: bool = False) -> Table:
        """A table with a bold, shaded header row that repeats on every page; numbers aligned right."""
        t: Table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        t.autofit = False
        _grid(t, widths)
        for r, values in enumerate([list(header), *[list(row) for row in rows]]):
            row = t.rows[r]
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = Inches(widths[c])
                p = cell.paragraphs[0]
                self.lines(p, value, bold=r == 0 or (total_row and r == len(rows)))
                if c in numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if r == 0:
                    _shade(cell, HEADER_FILL)
        _repeat_header(t)
        self.doc.add_paragraph()  # Word joins two tables that touch; a paragraph keeps them apart
        return t

    def details(self, rows: Sequence[tuple[str, str]]) -> Table:
        """A two-column table of labels and values (the member's details, an activity's details)."""
        t: Table = self.doc.add_table(rows=len(rows), cols=2)
        t.style = self.doc.styles["Table Grid"]
        t.autofit = False
        _grid(t, (1.6, 5.2))
        for (label, value), row in zip(rows, t.rows, strict=True):
            label_cell, value_cell = row.cells
            label_cell.width, value_cell.width = Inches(1.6), Inches(5.2)
            self.lines(label_cell.paragraphs[0], label, muted=True)
            _shade(label_cell, HEADER_FILL)
            self.lines(value_cell.paragraphs[0], value or "not given", italic=not value)
        self.doc.add_paragraph()
        return t

    # --- the sections ------------------------------------------------------------------------------------

    def title_block(self) -> None:
        d, m = self.d, self.d.member
        self.doc.add_heading(w.REPORT_TITLE, level=0)
        self.para(w.subtitle(d), muted=True)
        self.details([
            ("Member", m.name), ("Designation", m.designation), ("Title", m.title),
            ("ICMA member number", m.member_number), ("Organization", w.organization(m)),
            ("Reporting year", f"{d.year} (calendar year)"), ("Generated", long_date(d.generated_on)),
            ("Status", w.status_text(d)),
        ])

    def summary(self) -> None:
        d = self.d
        self.heading("Summary", 1)
        # "79 h logged, 69 h count": the words used everywhere.
        self.labelled("Hours logged", f"{format_hours(d.total_hours)} h")
        counted = hours_with_required(d.counted_hours, d.required_hours)
        self.labelled("Hours that count", counted if w.counts_differ(d) or not d.total_hours else f"all, {counted}")
        self.labelled(f"{format_hours(d.required_hours)}-hour commitment", w.commitment_verdict(d))
        self.labelled("Activities", str(len(d.activities)))
        self.labelled("Practices covered", w.practices_covered(d))
        self.para(w.summary_sentence(d))
        self.counting()
        self.practice_table()
        self.type_table()
        self.requirements_table()

    def counting(self) -> None:
        lines = explanations(self.d)
        if not lines:
            return
        self.heading(w.COUNTING_HEADING, 2)
        for line in lines:
            self.doc.add_paragraph(clean(line), style="List Bullet")
        self.para(w.COUNTING_NOTE, muted=True)

    def requirements_table(self) -> None:
        """As the PDF's: a Logged column, and under a requirement not met a line across the table saying what is
        missing."""
        d = self.d
        if not d.requirements:
            return
        self.heading(w.requirements_heading(d), 2)
        rows: list[list[str]] = []
        notes: list[int] = []
        for line in d.requirements:
            rows.append(w.requirement_row(line))
            why = w.requirement_why(line)
            if why:
                notes.append(len(rows) + 1)  # its row in the table (the header is row 0)
                rows.append([why, "", "", "", "", ""])
        t = self.table(list(w.REQUIREMENT_COLUMNS), rows, [1.55, 1.9, 0.9, 0.75, 0.85, 0.85], numeric=(2, 3, 4))
        for r in notes:
            cells = t.rows[r].cells
            merged = cells[0].merge(cells[-1])
            for p in merged.paragraphs[1:]:  # (merging keeps the empty cells' paragraphs)
                p._p.getparent().remove(p._p)
            for run in merged.paragraphs[0].runs:
                run.font.size = Pt(8)
                run.font.color.rgb = MUTED

    def practice_table(self) -> None:
        d = self.d
        total = d.total_hours
        needs = {n.practice for n in d.needs}
        counts: dict[int, int] = {}
        for a in d.activities:
            for n in a.practices:
                counts[n] = counts.get(n, 0) + 1
        rows = [[str(n), d.practice_name(n) + (" (development need)" if n in needs else ""),
                 str(counts.get(n, 0) or ""), format_hours(h) if h else "-", w.share_text(h, total) if h else ""]
                for n, h in d.practice_hours]
        if d.untagged_hours:
            rows.append(["", "No practice given", "", format_hours(d.untagged_hours),
                         w.share_text(d.untagged_hours, total)])
        rows.append(["", "Total", str(len(d.activities)), format_hours(total), "100%" if total else ""])
        self.heading("Hours by practice", 2)
        self.para(w.PRACTICE_SPLIT_NOTE, muted=True, keep_with_next=True)
        self.table(["No.", "Practice", "Activities", "Hours", "Share"], rows, [0.5, 3.9, 0.9, 0.8, 0.7],
                   numeric=(2, 3, 4), total_row=True)

    def type_table(self) -> None:
        d = self.d
        self.heading("Hours by activity type", 2)
        if not d.type_hours:
            self.para("None recorded.", italic=True, muted=True)
            return
        total = d.total_hours
        if w.counts_differ(d):
            counted: dict[str, Decimal] = {}
            for a in d.activities:
                counted[a.type] = counted.get(a.type, ZERO) + a.counted_hours
            rows = [[type_label(t), str(n), format_hours(h), format_hours(counted.get(t, ZERO)),
                     w.share_text(h, total)] for t, n, h in d.type_hours]
            rows.append(["Total", str(len(d.activities)), format_hours(total), format_hours(d.counted_hours),
                         "100%" if total else ""])
            self.table(["Type", "Activities", "Logged", "Counted", "Share"], rows, [3.5, 0.9, 0.8, 0.9, 0.7],
                       numeric=(1, 2, 3, 4), total_row=True)
            return
        rows = [[type_label(t), str(n), format_hours(h), w.share_text(h, total)] for t, n, h in d.type_hours]
        rows.append(["Total", str(len(d.activities)), format_hours(total), "100%" if total else ""])
        self.table(["Type", "Activities", "Hours", "Share"], rows, [4.4, 0.9, 0.8, 0.7], numeric=(1, 2, 3),
                   total_row=True)

    def goal(self, g: ReportGoal, addressed: bool) -> None:
        self.para(w.goal_kind(g), bold=True, keep_with_next=True)
        self.para(g.text, keep_with_next=True)
        practices = ", ".join(w.practice_lines(self.d, g.practices)) or w.NO_PRACTICES
        p = self.labelled("Practices", practices)
        if addressed:
            p.paragraph_format.keep_with_next = True
            self.labelled("Addressed by", w.addressed_by(g))

    def needs_and_goals(self) -> None:
        d = self.d
        self.heading("Development needs and goals addressed", 1)
        if not d.has_plan:
            self.para(w.no_plan(d.year), italic=True, muted=True)
            return
        self.para(w.plan_source(d.year))
        self.heading("Development needs", 2)
        if d.needs:
            rows = [[str(n.practice), d.practice_name(n.practice), format_hours(n.hours) if n.hours else "-",
                     w.activity_refs(n.addressed_by) or "none"] for n in d.needs]
            self.table(["No.", "Practice", f"Hours in {d.year}", "Activities"], rows, [0.5, 3.3, 1.0, 2.0],
                       numeric=(2,))
        else:
            self.para("No development needs were recorded in the plan.", italic=True, muted=True)
        self.heading("Learning goals", 2)
        if not d.goals:
            self.para("No learning goals were recorded in the plan.", italic=True, muted=True)
        for g in d.goals:
            self.goal(g, addressed=True)

    def reflection(self) -> None:
        """The year's reflection: the summary reflection, or a wholistic report's narrative instead (never both)."""
        if self.d.printed_summary.strip():
            self.heading("Summary reflection", 1)
            self.prose(self.d.printed_summary, "")
        if self.d.wholistic:
            self.heading(w.NARRATIVE_HEADING, 1)
            self.para(w.NARRATIVE_NOTE, muted=True)
            self.prose(self.d.narrative, w.NOT_WRITTEN)

    def activity_index(self) -> None:
        d = self.d
        self.heading("Professional development activities", 1)
        if not d.activities:
            self.para(w.no_activities(d.year), italic=True, muted=True)
            return
        self.para("Each activity is described in full in the sections that follow.", muted=True, keep_with_next=True)
        if any(a.counted_hours != a.hours for a in d.activities):
            rows = [[str(a.number), date_range(a.start_date, a.end_date, "short"), a.title, type_label(a.type),
                     format_hours(a.hours), format_hours(a.counted_hours), w.practice_numbers(a.practices)]
                    for a in d.activities]
            rows.append(["", "", "Total", "", format_hours(d.total_hours), format_hours(d.counted_hours), ""])
            self.table(["#", "Dates", "Activity", "Type", "Hours", "Counted", "Practices"], rows,
                       [0.35, 1.05, 1.8, 1.1, 0.7, 0.9, 0.9], numeric=(4, 5), total_row=True)
            return
        rows = [[str(a.number), date_range(a.start_date, a.end_date, "short"), a.title, type_label(a.type),
                 format_hours(a.hours), w.practice_numbers(a.practices)] for a in d.activities]
        rows.append(["", "", "Total", "", format_hours(d.total_hours), ""])
        self.table(["#", "Dates", "Activity", "Type", "Hours", "Practices"], rows, [0.4, 1.2, 2.5, 1.1, 0.7, 0.9],
                   numeric=(4,), total_row=True)

    def activity(self, a: ReportActivity) -> None:
        self.heading(w.activity_heading(a.number), 2)
        self.heading(a.title, 3)
        rows = [
            ("Dates", date_range(a.start_date, a.end_date)),
            ("Hours", f"{format_hours(a.hours)} h"),
            ("Provider", a.provider),
            ("Type", type_label(a.type)),
            ("Practices", "\n".join(w.practice_lines(self.d, a.practices)) or w.NO_PRACTICES),
            *given_details(a),
        ]
        counting = activity_counting(a, self.d)
        if counting:
            rows.append(("Counting", counting))
        self.details(rows)
        if self.d.wholistic:
            self.para(w.IN_THE_NARRATIVE, italic=True, muted=True)
            return
        self.para(w.HOW_I_TOOK_PART, bold=True, keep_with_next=True)
        self.prose(a.description, w.NOT_PROVIDED)
        self.para(w.WHAT_I_LEARNED, bold=True, keep_with_next=True)
        self.prose(a.learned, w.NOT_PROVIDED)

    def next_year(self) -> None:
        d = self.d
        nxt = d.next_year
        self.heading(w.next_plan_heading(d.year), 1)
        if nxt is None:
            self.para(w.no_next_plan(d.year), italic=True, muted=True)
            return
        self.heading("Development needs", 2)
        if nxt.needs:
            for line in w.practice_lines(d, nxt.needs):
                self.para(line)
        else:
            self.para("None recorded yet.", italic=True, muted=True)
        self.heading("Learning goals", 2)
        if not nxt.goals:
            self.para("None recorded yet.", italic=True, muted=True)
        for g in nxt.goals:
            self.goal(g, addressed=False)
        self.heading("Planned activities", 2)
        if not nxt.items:
            self.para("None recorded yet.", italic=True, muted=True)
            return
        rows = [[i.title + (f"\n{i.provider}" if i.provider else ""), date_range(i.start_date, i.end_date, "short"),
                 type_label(i.type), format_hours(i.estimated_hours), i.goal or "-", w.practice_numbers(i.practices)]
                for i in nxt.items]
        rows.append(["Total planned", "", "", format_hours(nxt.planned_hours), "", ""])
        self.table(["Activity", "Dates", "Type", "Est. hours", "Goal", "Practices"], rows,
                   [1.9, 1.1, 0.9, 0.8, 1.4, 0.9], numeric=(3,), total_row=True)
        self.para(w.planned_hours_sentence(nxt.planned_hours, d.required_hours), muted=True)

    def multirater(self) -> None:
        m = self.d.multirater
        self.heading(w.MULTIRATER_HEADING, 1)
        self.para(m.describe(self.d.generated_on))
        note = w.multirater_note(m)
        if note:
            self.para(note, muted=True)

    def attestation(self) -> None:
        d = self.d
        self.heading("Attestation", 1)
        self.para(attestation_text(d.year), keep_with_next=True)
        self.details([("Name", d.attestation_name),
                      ("Date", long_date(d.attestation_date) if d.attestation_date else "")])

    def build(self) -> None:
        self.title_block()
        self.summary()
        self.needs_and_goals()
        self.reflection()
        self.activity_index()
        for a in self.d.activities:
            self.activity(a)
        self.next_year()
        self.multirater()
        self.attestation()


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(table: Table) -> None:
    """The first row repeats at the top of every page the table spans."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _grid(table: Table, widths: Sequence[float]) -> None:
    """The columns' widths in the table's grid too (inches): Word reads each cell's width, LibreOffice the grid's,
    which python-docx otherwise leaves equal (a "No." column as wide as the practice's name)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)

