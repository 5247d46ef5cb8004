"""The report's sections, in the order the PDF prints them: title block, summary, needs and goals, reflection,
the activities, next year's plan, the 360 assessment and the attestation (each a list of flowables built from the
ReportData; blocks.py has the paragraphs and tables they are made of)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from wethrive_desktop.models.annual_report import (
    NextYearPlan,
    ReportActivity,
    ReportGoal,
    activity_counting,
    explanations,
)
from wethrive_desktop.models.annual_report.hours import given_details
from wethrive_desktop.models.dates import date_range, long_date
from wethrive_desktop.models.domain import type_label
from wethrive_desktop.models.reflections import attestation_text
from wethrive_desktop.models.rules import ZERO, commitment_met, format_hours
from wethrive_desktop.reports import wording as w
from wethrive_desktop.reports.pdf.blocks import StoryBlocks, activity_refs, fits_plain, share_text, table_style
from wethrive_desktop.reports.pdf.flowables import Para, Rule, practice_chart, progress_bar
from wethrive_desktop.reports.pdf.fonts import markup, multiline_markup
from wethrive_desktop.reports.pdf.styles import ACCENT, FRAME_WIDTH, GOOD, INK, MUTED, RULE, SHADE, SHORT


class Story(StoryBlocks):
    """Builds the flowables; one instance per PDF."""

    def title_block(self) -> list[Flowable]:
        d, s = self.d, self.s
        m = d.member
        out: list[Flowable] = [
            self.p(w.REPORT_TITLE, s.title),
            self.p(w.subtitle(d), s.subtitle),
        ]

        def label(text: str) -> Paragraph:
            return self.p(text, s.figure_label)

        def value(text: str, bold: bool = False) -> Paragraph:
            if not text:
                return self.p("<i>not given</i>", s.small)
            return Para(markup(text), s.cell_bold if bold else s.cell)

        # The name has the whole width (a long name wraps between words, not inside one).
        rows = [
            [label("Member"), value(m.name, bold=True), "", ""],
            [label("Designation"), value(m.designation), label("ICMA member number"), value(m.member_number)],
            [label("Title"), value(m.title), label("Reporting year"), self.p(f"{d.year} (calendar year)", s.cell)],
            [label("Organization"), value(w.organization(m)), label("Status"), self.p(w.status_text(d), s.cell)],
            [label("Generated"), self.p(long_date(d.generated_on), s.cell), "", ""],
        ]
        t = Table(rows, colWidths=[0.95 * inch, 2.4 * inch, 1.45 * inch, FRAME_WIDTH - 4.8 * inch],
                  hAlign="LEFT")
        t.setStyle(TableStyle([
            ("SPAN", (1, 0), (3, 0)),
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
        counted = d.counted_hours  # the hours logged, in a snapshot from before ICMA's counting
        met = commitment_met(counted, d.required_hours)
        out = self.section("Summary")
        verdict = f'<font color="{(GOOD if met else SHORT).hexval()}"><b>{w.commitment_verdict(d)}</b></font>'
        figures = [
            [self.p(format_hours(counted), s.figure_value), self.p(format_hours(d.required_hours), s.figure_value),
             self.p(str(len(d.activities)), s.figure_value), self.p(w.practices_covered(d), s.figure_value)],
            [self.p(w.hours_figure_label(d), s.figure_label),
             self.p(f"hour commitment \u00b7 {verdict}", s.figure_label),
             self.p("activities", s.figure_label), self.p("practices covered", s.figure_label)],
        ]
        t = Table(figures, colWidths=[FRAME_WIDTH / 4] * 4, hAlign="LEFT")
        t.setStyle(TableStyle([
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]))
        out += [t, Spacer(1, 8), progress_bar(counted, d.required_hours, FRAME_WIDTH, self.f.base, self.f.bold)]
        out += [Spacer(1, 8), self.p(w.summary_sentence(d), s.body)]
        out += self.counting()
        out += self.practice_table()
        out += self.type_table()
        out += self.requirements_table()
        return out

    def counting(self) -> list[Flowable]:
        """Why the hours that count are not all the hours logged (nothing when they are, or in a snapshot from
        before ICMA's counting)."""
        lines = explanations(self.d)
        if not lines:
            return []
        out = self.subheading(w.COUNTING_HEADING)
        out += [self.p(f"\u2022 {markup(line)}", self.s.body) for line in lines]
        out.append(self.p(w.COUNTING_NOTE, self.s.small))
        return out

    def requirements_table(self) -> list[Flowable]:
        """The other requirements the member tracks, each in the period the report judges it (the last that ends
        within the year, else the one going on), with what is missing from one not met in a line under it (in the
        requirement's shading, no rule between them)."""
        d, s = self.d, self.s
        if not d.requirements:
            return []
        rows: list[list[Any]] = [list(w.REQUIREMENT_COLUMNS)]
        widths = [FRAME_WIDTH - 5.0 * inch, 1.75 * inch, 0.8 * inch, 0.75 * inch, 0.8 * inch, 0.9 * inch]
        group: list[tuple[Any, ...]] = []
        for i, line in enumerate(d.requirements):
            first = len(rows)
            name, period, required, logged, counted, status = w.requirement_row(line)
            rows.append([self.cell(name, widths[0]), self.cell(period, widths[1]), required, logged, counted,
                         self.cell(status, widths[5])])
            why = w.requirement_why(line)
            if why:
                rows.append([Para(markup(why), s.cell_note), "", "", "", "", ""])
                group += [("SPAN", (0, first + 1), (-1, first + 1)), ("TOPPADDING", (0, first + 1), (-1, first + 1), 0),
                          ("NOSPLIT", (0, first), (-1, first + 1))]  # (a page never parts them)
            last = len(rows) - 1
            if i % 2:
                group.append(("BACKGROUND", (0, first), (-1, last), SHADE))
            group.append(("LINEBELOW", (0, last), (-1, last), 0.25, RULE))
        cmds = [c for c in table_style(self.f) if c[0] not in ("ROWBACKGROUNDS", "LINEBELOW") or c[1] == (0, 0)]
        cmds += [("ALIGN", (c, 0), (c, 0), "RIGHT") for c in (2, 3, 4)]
        cmds += [("ALIGN", (c, 1), (c, -1), "DECIMAL") for c in (2, 3, 4)]
        cmds += [("RIGHTPADDING", (c, 1), (c, -1), 17) for c in (2, 3, 4)]
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(cmds + group))
        return [*self.subheading(w.requirements_heading(d)), table]

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
            rows.append([str(n), Para(name, s.cell), str(counts.get(n, 0) or ""), format_hours(h) if h else "-",
                         share_text(h, total) if h else ""])
        if d.untagged_hours:
            rows.append(["", self.p("<i>No practice given</i>", s.cell), "", format_hours(d.untagged_hours),
                         share_text(d.untagged_hours, total)])
        rows.append(["", "Total", str(len(d.activities)), format_hours(total), "100%" if total else ""])
        widths = [0.45 * inch, FRAME_WIDTH - 0.45 * inch - 2.3 * inch, 0.85 * inch, 0.75 * inch, 0.7 * inch]
        out = self.subheading("Hours by practice")
        out.append(self.kept(self.p(w.PRACTICE_SPLIT_NOTE, s.small)))
        out.append(self.kept(Spacer(1, 4)))
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
        if w.counts_differ(d):
            return out + [self.counted_type_table()]
        rows: list[list[Any]] = [["Type", "Activities", "Hours", "Share"]]
        rows += [[type_label(t), str(n), format_hours(h), share_text(h, total)] for t, n, h in d.type_hours]
        rows.append(["Total", str(len(d.activities)), format_hours(total), "100%" if total else ""])
        widths = [FRAME_WIDTH - 2.3 * inch, 0.85 * inch, 0.75 * inch, 0.7 * inch]
        out.append(self.table(rows, widths, numeric_cols=(1, 3), decimal_cols=(2,), total_row=True))
        return out

    def counted_type_table(self) -> Flowable:
        """Hours by type, logged and counted (where a cap or a condition keeps some from counting)."""
        d = self.d
        counted: dict[str, Decimal] = {}
        for a in d.activities:
            counted[a.type] = counted.get(a.type, ZERO) + a.counted_hours
        rows: list[list[Any]] = [["Type", "Activities", "Logged", "Counted", "Share"]]
        rows += [[type_label(t), str(n), format_hours(h), format_hours(counted.get(t, ZERO)),
                  share_text(h, d.total_hours)] for t, n, h in d.type_hours]
        rows.append(["Total", str(len(d.activities)), format_hours(d.total_hours), format_hours(d.counted_hours),
                     "100%" if d.total_hours else ""])
        widths = [FRAME_WIDTH - 3.05 * inch, 0.85 * inch, 0.75 * inch, 0.75 * inch, 0.7 * inch]
        return self.table(rows, widths, numeric_cols=(1, 4), decimal_cols=(2, 3), total_row=True)

    def goal_block(self, g: ReportGoal, addressed: bool) -> list[Flowable]:
        s = self.s
        out: list[Flowable] = [self.p(w.goal_kind(g), s.kicker), Para(multiline_markup(g.text), s.body)]
        lines = [f"<b>Practices:</b> {self.practices_text(g.practices, sep=', ')}"]
        if addressed:
            lines.append(f"<b>Addressed by:</b> {w.addressed_by(g)}")
        out.append(self.whole(self.p("<br/>".join(lines), s.small)))
        # Chained with keepWithNext rather than wrapped in a KeepTogether: ReportLab never keeps a heading with a
        # KeepTogether that follows it ("Learning goals" was left alone at the foot of a page).
        for f in out[:-1]:
            self.kept(f)
        return [*out, Spacer(1, 4)]

    def needs_and_goals(self) -> list[Flowable]:
        d, s = self.d, self.s
        out = self.section("Development needs and goals addressed")
        if not d.has_plan:
            return out + [self.p(w.no_plan(d.year), s.body_muted)]
        out.append(self.p(w.plan_source(d.year), s.body))
        out += self.subheading("Development needs")
        if d.needs:
            rows: list[list[Any]] = [["No.", "Practice", f"Hours in {d.year}", "Activities"]]
            for need in d.needs:
                rows.append([str(need.practice), Para(markup(d.practice_name(need.practice)), s.cell),
                             format_hours(need.hours) if need.hours else "-",
                             Para(activity_refs(need.addressed_by) or "<i>none</i>", s.cell)])
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
        """The year's reflection: the summary reflection, or a wholistic report's narrative instead (never both)."""
        out: list[Flowable] = []
        if self.d.printed_summary.strip():
            out += self.section("Summary reflection") + self.prose(self.d.printed_summary, "")
        if self.d.wholistic:
            out += self.section(w.NARRATIVE_HEADING)
            out.append(self.kept(self.p(w.NARRATIVE_NOTE, self.s.small)))
            out.append(self.kept(Spacer(1, 4)))
            out += self.prose(self.d.narrative, w.NOT_WRITTEN)
        return out

    def activity_index(self) -> list[Flowable]:
        d, s = self.d, self.s
        out = self.section("Professional development activities")
        if not d.activities:
            return out + [self.p(w.no_activities(d.year), s.body_muted)]
        out.append(self.kept(self.p("Each activity is described in full on the pages that follow.", s.small)))
        out.append(self.kept(Spacer(1, 4)))
        if any(a.counted_hours != a.hours for a in d.activities):
            out.append(self.counted_index())
            return out
        rows: list[list[Any]] = [["#", "Dates", "Activity", "Type", "Hours", "Practices"]]
        widths = [0.35 * inch, 1.3 * inch, FRAME_WIDTH - 4.25 * inch, 1.25 * inch, 0.6 * inch, 0.75 * inch]
        for a in d.activities:
            rows.append([str(a.number), self.cell(date_range(a.start_date, a.end_date, "short"), widths[1]),
                         self.cell(a.title, widths[2]), type_label(a.type), format_hours(a.hours),
                         self.numbers_cell(a.practices, widths[5])])
        rows.append(["", "", "Total", "", format_hours(d.total_hours), ""])
        out.append(self.table(rows, widths, decimal_cols=(4,), total_row=True))
        return out

    def counted_index(self) -> Flowable:
        """The index with the hours that count beside the hours logged (some do not all count)."""
        d = self.d
        rows: list[list[Any]] = [["#", "Dates", "Activity", "Type", "Hours", "Counted", "Practices"]]
        widths = [0.35 * inch, 1.2 * inch, FRAME_WIDTH - 4.8 * inch, 1.15 * inch, 0.55 * inch, 0.7 * inch,
                  0.85 * inch]
        for a in d.activities:
            rows.append([str(a.number), self.cell(date_range(a.start_date, a.end_date, "short"), widths[1]),
                         self.cell(a.title, widths[2]), self.cell(type_label(a.type), widths[3]),
                         format_hours(a.hours), format_hours(a.counted_hours),
                         self.numbers_cell(a.practices, widths[6])])
        rows.append(["", "", "Total", "", format_hours(d.total_hours), format_hours(d.counted_hours), ""])
        return self.table(rows, widths, decimal_cols=(4, 5), total_row=True)

    def activity(self, a: ReportActivity) -> list[Flowable]:
        s = self.s
        kicker = self.p(w.activity_heading(a.number), s.activity_kicker)
        title = Para(markup(a.title), s.activity_title)
        # What ICMA asks of a mentoring or coaching given, and what the hours count (each on a row of its own); the
        # labels' column grows to their longest ("Nature of the coaching") when there are any.
        extra = given_details(a)
        counting = activity_counting(a, self.d)
        if counting:
            extra.append(("Counting", counting))
        label_width = max([0.8 * inch, *(stringWidth(label, self.f.base, 7.5) + 16 for label, _ in extra)])
        value_width = FRAME_WIDTH - 2.05 * inch - label_width
        practices_width = FRAME_WIDTH - label_width
        lines = w.practice_lines(self.d, a.practices) or [w.NO_PRACTICES]
        practices: Any = "\n".join(lines)
        if not all(fits_plain(line, practices_width - 12, self.f.base, 8.5) for line in lines):
            practices = Para(self.practices_text(a.practices), s.cell)  # wraps within the column
        rows: list[list[Any]] = [
            ["Dates", date_range(a.start_date, a.end_date), "Hours", f"{format_hours(a.hours)} h"],
            ["Provider", self.cell(a.provider or "not given", value_width), "Type", type_label(a.type)],
            ["Practices", practices, "", ""],
        ]
        for label, value in extra:
            rows.append([label, Para(markup(value), s.cell) if value else self.p("<i>not given</i>", s.cell),
                         "", ""])
        details = Table(rows, colWidths=[label_width, value_width, 0.55 * inch, 1.5 * inch], hAlign="LEFT")
        spans = [("SPAN", (1, row), (3, row)) for row in range(3, len(rows))]
        details.setStyle(TableStyle([
            *spans,
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
        # The heading, the details and the first lines of "How I took part" share a page: all but the last are
        # keepWithNext, and the document keeps them with the first part of the reflection only
        # (flowables.KeepWithFirstPart), so a long reflection splits rather than moving whole and leaving a gap.
        for f in (kicker, title, details):
            self.kept(f)
        if self.d.wholistic:  # the narrative for the year reflects on it
            return [kicker, title, details, Spacer(1, 3), self.p(w.IN_THE_NARRATIVE, s.small),
                    Spacer(1, 8), Rule(thickness=0.4, space_after=4, keep_with_next=False)]
        took_part_label = self.p(w.HOW_I_TOOK_PART, s.label)
        learned_label = self.p(w.WHAT_I_LEARNED, s.label)
        took_part = self.prose(a.description, w.NOT_PROVIDED)
        learned = self.prose(a.learned, w.NOT_PROVIDED)
        return [
            kicker, title, details,
            took_part_label, *took_part,
            learned_label, *learned,
            Spacer(1, 8), Rule(thickness=0.4, space_after=4, keep_with_next=False),
        ]

    def next_year(self) -> list[Flowable]:
        d, s = self.d, self.s
        nxt: NextYearPlan | None = d.next_year
        out = self.section(w.next_plan_heading(d.year))
        if nxt is None:
            return out + [self.p(w.no_next_plan(d.year), s.body_muted)]
        out += self.subheading("Development needs")
        if nxt.needs:
            out.append(Para(self.practices_text(nxt.needs), s.body))
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
        widths = [1.75 * inch, 1.1 * inch, 0.9 * inch, 0.75 * inch, FRAME_WIDTH - 5.25 * inch, 0.75 * inch]
        for i in nxt.items:
            title = markup(i.title) + (f"<br/><font size=7.5 color='{MUTED.hexval()}'>{markup(i.provider)}</font>"
                                       if i.provider else "")
            rows.append([Para(title, s.cell), Para(date_range(i.start_date, i.end_date, "short"), s.cell),
                         type_label(i.type), format_hours(i.estimated_hours),
                         Para(markup(i.goal) if i.goal else "-", s.cell),
                         self.numbers_cell(i.practices, widths[5])])
        planned = nxt.planned_hours
        rows.append(["Total planned", "", "", format_hours(planned), "", ""])
        out.append(self.table(rows, widths, decimal_cols=(3,), total_row=True))
        out.append(Spacer(1, 4))
        out.append(self.p(w.planned_hours_sentence(planned, d.required_hours), s.small))
        return out

    def multirater(self) -> list[Flowable]:
        m = self.d.multirater
        out = self.section(w.MULTIRATER_HEADING)
        text = m.describe(self.d.generated_on)
        if m.overdue(self.d.generated_on):
            text = f'<font color="{SHORT.hexval()}">{text}</font>'
        out.append(self.p(text, self.s.body))
        note = w.multirater_note(m)
        if note:
            out.append(self.p(note, self.s.small))
        return out

    def attestation(self) -> list[Flowable]:
        d, s = self.d, self.s
        out = self.section("Attestation")
        out.append(self.kept(self.p(attestation_text(d.year), s.body)))  # with the lines to sign on
        name = Para(markup(d.attestation_name), s.body) if d.attestation_name else ""
        when = self.p(long_date(d.attestation_date), s.body) if d.attestation_date else ""
        # The signature line sits at least 30 points below the sentence; a long name grows the row rather than
        # running up over the sentence.
        sign = Table(
            [[name, "", when], [self.p("Name", s.small), "", self.p("Date", s.small)]],
            colWidths=[3.3 * inch, 0.4 * inch, FRAME_WIDTH - 3.7 * inch], hAlign="LEFT",
        )
        sign.setStyle(TableStyle([
            ("TOPPADDING", (0, 0), (-1, 0), 16),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("LINEBELOW", (0, 0), (0, 0), 0.8, INK),
            ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 1), (-1, 1), 2),
        ]))
        out += [self.kept(Spacer(1, 6)), self.whole(sign)]
        return out

    def build(self) -> list[Flowable]:
        story = self.title_block() + self.summary() + self.needs_and_goals() + self.reflection()
        story += self.activity_index()
        for a in self.d.activities:
            story += self.activity(a)
        story += self.next_year() + self.multirater() + self.attestation()
        return story


