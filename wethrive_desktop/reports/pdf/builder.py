"""The annual report PDF: a platypus story built from a ReportData, with a running header and "Page X of Y".

Every user string goes through `markup` (escaped, CJK runs switched to the CJK font) before it reaches a Paragraph.
With `invariant=True` the output is byte-for-byte reproducible, which is how a submitted revision is reprinted and
checked against its stored sha256.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.models.annual_report import (
    ATTESTATION_TEXT,
    NextYearPlan,
    ReportActivity,
    ReportData,
    ReportGoal,
    date_range,
    long_date,
    type_label,
)
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.reports.pdf.flowables import KeepSpace, Rule, practice_chart, progress_bar
from wethrive_desktop.reports.pdf.fonts import FontSet, markup, multiline_markup, register_fonts
from wethrive_desktop.reports.pdf.styles import (
    ACCENT,
    BOTTOM_MARGIN,
    FRAME_WIDTH,
    GOOD,
    HEADER_FILL,
    INK,
    LEFT_MARGIN,
    MUTED,
    PAGE_SIZE,
    RULE,
    SHADE,
    SHORT,
    TOP_MARGIN,
    Styles,
    make_styles,
)

# ASCII85 on top of zlib only made PDFs 7-bit clean for old mail gateways; without it the file is a fifth smaller
# and the pure-Python encoder (a tenth of the build time) is skipped. This process builds no other PDFs.
rl_config.useA85 = 0

Progress = Callable[[int, int], None]
REPORT_TITLE = "Annual Professional Development Report"
PROGRAM = "ICMA Voluntary Credentialing Program"


def _hours(h: Decimal) -> str:
    return format_hours(h)


def _share(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return ""
    return f"{(part / whole * 100).quantize(Decimal('1'))}%"


def fits_plain(text: str, width: float, font: str, size: float) -> bool:
    """True when `text` can be a plain table string: one line, no characters that need the CJK font."""
    if "\n" in text or (not text.isascii() and register_fonts().fallback_re.search(text)):
        return False
    return bool(stringWidth(text, font, size) <= width)


def _activity_refs(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    return ", ".join(f"#{n}" for n in numbers)


class _Story:
    """Builds the flowables; one instance per PDF."""

    def __init__(self, data: ReportData, fonts: FontSet, styles: Styles):
        self.d = data
        self.f = fonts
        self.s = styles

    # small helpers ---------------------------------------------------------------------------------------

    def p(self, text: str, style: Any) -> Paragraph:
        """A paragraph of markup the builder wrote (user text already passed through `markup`)."""
        return Paragraph(text, style)

    def user(self, text: str, style: Any) -> Paragraph:
        return Paragraph(markup(text), style)

    def section(self, title: str) -> list[Flowable]:
        heading = self.p(title, self.s.h1)
        # The heading, its rule and about three lines of what follows stay on one page.
        return [KeepSpace([heading], extra=3 + 48), heading, Rule()]

    def subheading(self, title: str) -> list[Flowable]:
        heading = self.p(title, self.s.h2)
        return [KeepSpace([heading], extra=40), heading]

    def prose(self, text: str, empty: str) -> list[Flowable]:
        """The writer's paragraphs (blank lines separate them), or `empty` in muted italics."""
        chunks = [c.strip() for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]
        if not chunks:
            return [self.p(empty, self.s.body_muted)]
        return [Paragraph(multiline_markup(c), self.s.body) for c in chunks]

    def table(self, rows: list[list[Any]], widths: list[float], *, numeric_cols: tuple[int, ...] = (),
              decimal_cols: tuple[int, ...] = (), total_row: bool = False, repeat: bool = True) -> Table:
        t = Table(rows, colWidths=widths, repeatRows=1 if repeat else 0, hAlign="LEFT")
        cmds: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.f.base, 8.5, 11),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("FONT", (0, 0), (-1, 0), self.f.bold, 8.5, 11),
            ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("ROWBACKGROUNDS", (0, 1), (-1, -2 if total_row else -1), [None, SHADE]),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ]
        for c in numeric_cols:
            cmds.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
        for c in decimal_cols:
            # Hours line up on the decimal point; whole numbers end where the point would be.
            cmds += [("ALIGN", (c, 1), (c, -1), "DECIMAL"), ("RIGHTPADDING", (c, 1), (c, -1), 17),
                     ("ALIGN", (c, 0), (c, 0), "RIGHT")]
        if total_row:
            cmds += [
                ("FONT", (0, -1), (-1, -1), self.f.bold, 8.5, 11),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
                ("LINEBELOW", (0, -1), (-1, -1), 0, RULE),
            ]
        t.setStyle(TableStyle(cmds))
        return t

    def practices_text(self, numbers: tuple[int, ...], sep: str = "<br/>") -> str:
        if not numbers:
            return "<i>none given</i>"
        return sep.join(f"{n} {markup(self.d.practice_name(n))}" for n in numbers)

    # sections ---------------------------------------------------------------------------------------------

    def title_block(self) -> list[Flowable]:
        d, s = self.d, self.s
        m = d.member
        out: list[Flowable] = [
            self.p(REPORT_TITLE, s.title),
            self.p(f"{PROGRAM} \u00b7 Reporting year {d.year}", s.subtitle),
        ]
        org = ", ".join(x for x in (m.organization, m.location) if x)

        def label(text: str) -> Paragraph:
            return self.p(text, s.figure_label)

        def value(text: str, bold: bool = False) -> Paragraph:
            if not text:
                return self.p("<i>not given</i>", s.small)
            return Paragraph(markup(text), s.cell_bold if bold else s.cell)

        status = (f"Submitted {long_date(d.submitted_on)} (revision {d.revision})" if d.submitted_on and d.revision
                  else "Draft")
        rows = [
            [label("Member"), value(m.name, bold=True), label("Designation"), value(m.designation)],
            [label("Title"), value(m.title), label("ICMA member number"), value(m.member_number)],
            [label("Organization"), value(org), label("Reporting year"),
             self.p(f"{d.year} (calendar year)", s.cell)],
            [label("Generated"), self.p(long_date(d.generated_on), s.cell), label("Status"), self.p(status, s.cell)],
        ]
        t = Table(rows, colWidths=[0.95 * inch, 2.4 * inch, 1.45 * inch, FRAME_WIDTH - 4.8 * inch],
                  hAlign="LEFT")
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ]))
        out.append(t)
        return out

    def summary(self) -> list[Flowable]:
        d, s = self.d, self.s
        total = d.total_hours
        covered = sum(1 for _, h in d.practice_hours if h > 0)
        met = d.commitment_met
        out = self.section("Summary")
        verdict = (f'<font color="{GOOD.hexval()}"><b>met</b></font>' if met else
                   f'<font color="{SHORT.hexval()}"><b>{_hours(d.required_hours - total)} h to go</b></font>')
        figures = [
            [self.p(_hours(total), s.figure_value), self.p(_hours(d.required_hours), s.figure_value),
             self.p(str(len(d.activities)), s.figure_value), self.p(f"{covered} of 14", s.figure_value)],
            [self.p("hours reported", s.figure_label),
             self.p(f"hour commitment \u00b7 {verdict}", s.figure_label),
             self.p("activities", s.figure_label), self.p("practices covered", s.figure_label)],
        ]
        t = Table(figures, colWidths=[FRAME_WIDTH / 4] * 4, hAlign="LEFT")
        t.setStyle(TableStyle([
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]))
        out += [t, Spacer(1, 8), progress_bar(total, d.required_hours, FRAME_WIDTH, self.f.base, self.f.bold)]
        if d.activities:
            sentence = (f"In {d.year} the member completed {len(d.activities)} professional development "
                        f"{'activity' if len(d.activities) == 1 else 'activities'} totalling {_hours(total)} hours, "
                        + ("meeting the 40-hour commitment of the ICMA Code of Ethics (Tenet 8)." if met else
                           f"{_hours(d.required_hours - total)} hours short of the 40-hour commitment of the ICMA "
                           "Code of Ethics (Tenet 8)."))
        else:
            sentence = f"No completed professional development activities with hours were recorded for {d.year}."
        out += [Spacer(1, 8), self.p(sentence, s.body)]
        out += self.practice_table()
        out += self.type_table()
        return out

    def practice_table(self) -> list[Flowable]:
        d, s = self.d, self.s
        total = d.total_hours
        needs = {n.practice for n in d.needs}
        counts = {n: 0 for n, _ in d.practice_hours}
        for a in d.activities:
            for n in a.practices:
                counts[n] = counts.get(n, 0) + 1
        rows: list[list[Any]] = [["No.", "Practice", "Activities", "Hours", "Share"]]
        for n, h in d.practice_hours:
            name = markup(d.practice_name(n)) + (" <font size=7 color='#1F4E79'>(development need)</font>"
                                                 if n in needs else "")
            rows.append([str(n), Paragraph(name, s.cell), str(counts.get(n, 0) or ""), _hours(h) if h else "-",
                         _share(h, total) if h else ""])
        if d.untagged_hours:
            rows.append(["", self.p("<i>No practice given</i>", s.cell), "", _hours(d.untagged_hours),
                         _share(d.untagged_hours, total)])
        rows.append(["", "Total", str(len(d.activities)), _hours(total), "100%" if total else ""])
        widths = [0.45 * inch, FRAME_WIDTH - 0.45 * inch - 2.3 * inch, 0.85 * inch, 0.75 * inch, 0.7 * inch]
        out = self.subheading("Hours by practice")
        out.append(self.p("An activity\u2019s hours are divided equally among the practices it addresses.",
                          s.small))
        out.append(Spacer(1, 4))
        out.append(self.table(rows, widths, numeric_cols=(2, 4), decimal_cols=(3,), total_row=True))
        chart_rows = [(n, d.practice_name(n), h) for n, h in d.practice_hours]
        label_width = 262.0
        chart = practice_chart(chart_rows, needs, FRAME_WIDTH, self.f.base, label_width)
        caption = "Hours by practice" + (" (development needs in dark blue)" if needs else "")
        out.append(KeepTogether([Spacer(1, 10), self.p(caption, s.label), chart]))
        return out

    def type_table(self) -> list[Flowable]:
        d, s = self.d, self.s
        out = self.subheading("Hours by activity type")
        if not d.type_hours:
            return out + [self.p("None recorded.", s.body_muted)]
        total = d.total_hours
        rows: list[list[Any]] = [["Type", "Activities", "Hours", "Share"]]
        rows += [[type_label(t), str(n), _hours(h), _share(h, total)] for t, n, h in d.type_hours]
        rows.append(["Total", str(len(d.activities)), _hours(total), "100%" if total else ""])
        widths = [FRAME_WIDTH - 2.3 * inch, 0.85 * inch, 0.75 * inch, 0.7 * inch]
        out.append(self.table(rows, widths, numeric_cols=(1, 3), decimal_cols=(2,), total_row=True))
        return out

    def goal_block(self, g: ReportGoal, addressed: bool) -> list[Flowable]:
        s = self.s
        kind = "Long-term goal (3\u20135 years)" if g.term == "long" else "Short-term goal"
        out: list[Flowable] = [self.p(kind, s.kicker), Paragraph(multiline_markup(g.text), s.body)]
        lines = [f"<b>Practices:</b> {self.practices_text(g.practices, sep=', ')}"]
        if addressed:
            if g.addressed_by:
                n = len(g.addressed_by)
                lines.append(f"<b>Addressed by</b> {'activity' if n == 1 else 'activities'} "
                             f"{_activity_refs(g.addressed_by)} ({_hours(g.hours)} h)")
            else:
                lines.append("<b>Addressed by:</b> no activity this year")
        out.append(self.p("<br/>".join(lines), s.small))
        return [KeepTogether(out), Spacer(1, 4)]

    def needs_and_goals(self) -> list[Flowable]:
        d, s = self.d, self.s
        out = self.section("Development needs and goals addressed")
        if not d.has_plan:
            return out + [self.p(f"No professional development plan was recorded for {d.year}.", s.body_muted)]
        out.append(self.p(f"From the member\u2019s {d.year} professional development plan.", s.body))
        out += self.subheading("Development needs")
        if d.needs:
            rows: list[list[Any]] = [["No.", "Practice", f"Hours in {d.year}", "Activities"]]
            for need in d.needs:
                rows.append([str(need.practice), Paragraph(markup(d.practice_name(need.practice)), s.cell),
                             _hours(need.hours) if need.hours else "-",
                             Paragraph(_activity_refs(need.addressed_by) or "<i>none</i>", s.cell)])
            widths = [0.45 * inch, 2.9 * inch, 0.95 * inch, FRAME_WIDTH - 4.3 * inch]
            out.append(self.table(rows, widths, decimal_cols=(2,)))
        else:
            out.append(self.p("No development needs were recorded in the plan.", s.body_muted))
        out += self.subheading("Learning goals")
        if d.goals:
            for g in d.goals:
                out += self.goal_block(g, addressed=True)
        else:
            out.append(self.p("No learning goals were recorded in the plan.", s.body_muted))
        return out

    def reflection(self) -> list[Flowable]:
        if not self.d.summary_reflection.strip():
            return []
        return self.section("Summary reflection") + self.prose(self.d.summary_reflection, "")

    def activity_index(self) -> list[Flowable]:
        d, s = self.d, self.s
        out = self.section("Professional development activities")
        if not d.activities:
            return out + [self.p(f"No completed activities with hours were recorded for {d.year}.", s.body_muted)]
        out.append(self.p("Each activity is described in full on the pages that follow.", s.small))
        out.append(Spacer(1, 4))
        rows: list[list[Any]] = [["#", "Dates", "Activity", "Type", "Hours", "Practices"]]
        widths = [0.35 * inch, 1.3 * inch, FRAME_WIDTH - 4.25 * inch, 1.25 * inch, 0.6 * inch, 0.75 * inch]
        for a in d.activities:
            rows.append([str(a.number), self.cell(date_range(a.start_date, a.end_date, short=True), widths[1]),
                         self.cell(a.title, widths[2]), type_label(a.type), _hours(a.hours),
                         ", ".join(str(n) for n in a.practices) or "-"])
        rows.append(["", "", "Total", "", _hours(d.total_hours), ""])
        out.append(self.table(rows, widths, decimal_cols=(4,), total_row=True))
        return out

    def cell(self, text: str, width: float, style: Any = None) -> Any:
        """A table cell: a plain string when it fits on one line in the table font (much faster to lay out),
        else a Paragraph that wraps (and switches font for CJK)."""
        if fits_plain(text, width - 10, self.f.base, 8.5):
            return text
        return Paragraph(markup(text), style or self.s.cell)

    def activity(self, a: ReportActivity) -> list[Flowable]:
        s = self.s
        kicker = self.p(f"Professional Development Activity #{a.number}", s.activity_kicker)
        title = Paragraph(markup(a.title), s.activity_title)
        value_width = FRAME_WIDTH - 2.85 * inch
        practices = "\n".join(f"{n} {self.d.practice_name(n)}" for n in a.practices) or "none given"
        if not practices.isascii():
            practices = Paragraph(self.practices_text(a.practices), s.cell)
        details = Table(
            [
                ["Dates", date_range(a.start_date, a.end_date), "Hours", f"{_hours(a.hours)} h"],
                ["Provider", self.cell(a.provider or "not given", value_width), "Type", type_label(a.type)],
                ["Practices", practices, "", ""],
            ],
            colWidths=[0.8 * inch, value_width, 0.55 * inch, 1.5 * inch],
            hAlign="LEFT",
        )
        details.setStyle(TableStyle([
            ("SPAN", (1, 2), (3, 2)),
            ("FONT", (0, 0), (-1, -1), self.f.base, 8.5, 11),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("FONT", (0, 0), (0, -1), self.f.base, 7.5, 11),
            ("FONT", (2, 0), (2, -1), self.f.base, 7.5, 11),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("TEXTCOLOR", (2, 0), (2, -1), MUTED),
            ("FONT", (3, 0), (3, 0), self.f.bold, 8.5, 11),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ]))
        took_part_label = self.p("How I took part", s.label)
        learned_label = self.p("What I learned", s.label)
        took_part = self.prose(a.description, "Not provided.")
        learned = self.prose(a.learned, "Not provided.")
        return [
            # The heading, the details and the first lines of "How I took part" share a page (KeepSpace, not
            # keepWithNext: that would move a long reflection to the next page whole, leaving a gap).
            KeepSpace([kicker, title, details, took_part_label], extra=3 * s.body.leading),
            kicker, title, details,
            took_part_label, *took_part,
            KeepSpace([learned_label], extra=3 * s.body.leading),
            learned_label, *learned,
            Spacer(1, 8), Rule(thickness=0.4, space_after=4),
        ]

    def next_year(self) -> list[Flowable]:
        d, s = self.d, self.s
        nxt: NextYearPlan | None = d.next_year
        out = self.section(f"Plan for {d.year + 1}")
        if nxt is None:
            return out + [self.p(f"No professional development plan for {d.year + 1} has been recorded yet.",
                                 s.body_muted)]
        out += self.subheading("Development needs")
        if nxt.needs:
            out.append(Paragraph(self.practices_text(nxt.needs), s.body))
        else:
            out.append(self.p("None recorded yet.", s.body_muted))
        out += self.subheading("Learning goals")
        if nxt.goals:
            for g in nxt.goals:
                out += self.goal_block(g, addressed=False)
        else:
            out.append(self.p("None recorded yet.", s.body_muted))
        out += self.subheading("Planned activities")
        if not nxt.items:
            return out + [self.p("None recorded yet.", s.body_muted)]
        rows: list[list[Any]] = [["Activity", "Dates", "Type", "Est. hours", "Goal", "Practices"]]
        for i in nxt.items:
            title = markup(i.title) + (f"<br/><font size=7.5 color='{MUTED.hexval()}'>{markup(i.provider)}</font>"
                                       if i.provider else "")
            rows.append([Paragraph(title, s.cell), Paragraph(date_range(i.start_date, i.end_date, short=True), s.cell),
                         type_label(i.type), _hours(i.estimated_hours),
                         Paragraph(markup(i.goal) if i.goal else "-", s.cell),
                         ", ".join(str(n) for n in i.practices) or "-"])
        planned = nxt.planned_hours
        rows.append(["Total planned", "", "", _hours(planned), "", ""])
        widths = [1.75 * inch, 1.1 * inch, 0.9 * inch, 0.75 * inch, FRAME_WIDTH - 5.25 * inch, 0.75 * inch]
        out.append(self.table(rows, widths, decimal_cols=(3,), total_row=True))
        verdict = ("cover the 40-hour commitment" if planned >= d.required_hours else
                   f"fall {_hours(d.required_hours - planned)} h short of the 40-hour commitment")
        out.append(Spacer(1, 4))
        out.append(self.p(f"The plan\u2019s {_hours(planned)} estimated hours {verdict}.", s.small))
        return out

    def multirater(self) -> list[Flowable]:
        m = self.d.multirater
        out = self.section("Multi-rater (360-degree) assessment")
        text = m.describe(self.d.generated_on)
        if m.overdue(self.d.generated_on):
            text = f'<font color="{SHORT.hexval()}">{text}</font>'
        out.append(self.p(text, self.s.body))
        out.append(self.p("Credentialed members complete a multi-rater assessment within their first five years in "
                          "the program.", self.s.small))
        return out

    def attestation(self) -> list[Flowable]:
        d, s = self.d, self.s
        out = self.section("Attestation")
        out.append(self.p(ATTESTATION_TEXT.format(year=d.year), s.body))
        name = Paragraph(markup(d.attestation_name), s.body) if d.attestation_name else ""
        when = self.p(long_date(d.attestation_date), s.body) if d.attestation_date else ""
        sign = Table(
            [[name, "", when], [self.p("Name", s.small), "", self.p("Date", s.small)]],
            colWidths=[3.3 * inch, 0.4 * inch, FRAME_WIDTH - 3.7 * inch], rowHeights=[30, None], hAlign="LEFT",
        )
        sign.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("LINEBELOW", (0, 0), (0, 0), 0.8, INK),
            ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 1), (-1, 1), 2),
        ]))
        out.append(KeepTogether([Spacer(1, 6), sign]))
        return out

    def build(self) -> list[Flowable]:
        story = self.title_block() + self.summary() + self.needs_and_goals() + self.reflection()
        story += self.activity_index()
        for a in self.d.activities:
            story += self.activity(a)
        story += self.next_year() + self.multirater() + self.attestation()
        return story


def _page_furniture(data: ReportData, fonts: FontSet, styles: Styles) -> tuple[Any, str]:
    """The running header (drawn on every page) and the footer's left text."""
    m = data.member
    who = " \u00b7 ".join(markup(x) for x in (m.name, f"ICMA member {m.member_number}" if m.member_number else "")
                          if x)
    left = Paragraph(f"{REPORT_TITLE} \u00b7 {data.year}", styles.header)
    right = Paragraph(who, styles.header_right)
    width, height = PAGE_SIZE

    def on_page(canv: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        y = height - 0.55 * inch
        half = (width - 2 * LEFT_MARGIN) / 2
        for para, x in ((left, LEFT_MARGIN), (right, LEFT_MARGIN + half)):
            _, h = para.wrap(half, 20)
            para.drawOn(canv, x, y)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(LEFT_MARGIN, y - 4, width - LEFT_MARGIN, y - 4)
        canv.restoreState()

    if data.submitted_on and data.revision:
        footer = f"Submitted {long_date(data.submitted_on)} \u00b7 revision {data.revision}"
    else:
        footer = f"Draft generated {long_date(data.generated_on)}"
    return on_page, f"{footer} \u00b7 {APP_NAME}"


def _numbered_canvas(footer_left: str, font: str) -> type[rl_canvas.Canvas]:
    """A canvas that holds every page until the end, then draws "Page X of Y" on each (ReportLab has no
    built-in page total)."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width = PAGE_SIZE[0]
            y = 0.5 * inch
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(LEFT_MARGIN, y + 10, width - LEFT_MARGIN, y + 10)
            self.setFont(font, 7.5)
            self.setFillColor(MUTED)
            self.drawString(LEFT_MARGIN, y, footer_left)
            self.drawRightString(width - LEFT_MARGIN, y, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


class _ReportDoc(BaseDocTemplate):
    def __init__(self, target: Any, progress: Progress | None, total: int, **kw: Any):
        super().__init__(target, **kw)
        self._progress = progress
        self._total = total
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab API)
        if self._progress is None:
            return
        self._done += 1
        if self._done % 25 == 0 and self._done < self._total:
            self._progress(self._done, self._total)


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes = field(repr=False)
    pages: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def render_report(data: ReportData, invariant: bool = False, progress: Progress | None = None) -> RenderedReport:
    """The report as PDF bytes, with its page count. `progress(done, total)` is called as flowables are laid out."""
    fonts = register_fonts()
    styles = make_styles(fonts)
    story = _Story(data, fonts, styles).build()
    on_page, footer = _page_furniture(data, fonts, styles)
    buffer = io.BytesIO()
    total = len(story) + 1
    m = data.member
    doc = _ReportDoc(
        buffer, progress, total, pagesize=PAGE_SIZE, leftMargin=LEFT_MARGIN, rightMargin=LEFT_MARGIN,
        topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
        title=f"{REPORT_TITLE} {data.year}" + (f" - {m.name}" if m.name else ""),
        author=m.name, subject=f"{PROGRAM}: annual report for {data.year}",
        creator=f"{APP_NAME} {__version__}", invariant=1 if invariant else 0,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=on_page)])
    doc.build(story, canvasmaker=_numbered_canvas(footer, fonts.base))
    if progress is not None:
        progress(total, total)
    return RenderedReport(buffer.getvalue(), doc.page)


def render_report_pdf(data: ReportData, invariant: bool = False, progress: Progress | None = None) -> bytes:
    """The report as PDF bytes."""
    return render_report(data, invariant=invariant, progress=progress).pdf


def build_report_pdf(report_data: ReportData, out_path: Path | str, invariant: bool = False,
                     progress: Progress | None = None) -> str:
    """Write the report to `out_path` (through a temp file, so a failed build leaves no half file); returns the
    PDF's sha256."""
    pdf = render_report_pdf(report_data, invariant=invariant, progress=progress)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(pdf)
    os.replace(tmp, out)
    return hashlib.sha256(pdf).hexdigest()
