"""The story's building blocks: paragraphs, headings, prose and tables as the report styles them, and the small
number formats of its tables (story.py makes the sections of them)."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from wethrive_desktop.models.annual_report import ReportData
from wethrive_desktop.reports.pdf.flowables import KeepSpace, Para, Rule
from wethrive_desktop.reports.pdf.fonts import FontSet, markup, multiline_markup, register_fonts
from wethrive_desktop.reports.pdf.styles import ACCENT, HEADER_FILL, INK, RULE, SHADE, Styles
from wethrive_desktop.reports.wording import NO_PRACTICES, activity_refs, practice_numbers, share_text

__all__ = ["StoryBlocks", "activity_refs", "fits_plain", "share_text"]


def fits_plain(text: str, width: float, font: str, size: float) -> bool:
    """True when `text` can be a plain table string: one line, no characters that need the CJK font."""
    if "\n" in text or (not text.isascii() and register_fonts().fallback_re.search(text)):
        return False
    return bool(stringWidth(text, font, size) <= width)


class StoryBlocks:
    """The building blocks the sections are made of, bound to one report's data, fonts and styles."""

    def __init__(self, data: ReportData, fonts: FontSet, styles: Styles):
        self.d = data
        self.f = fonts
        self.s = styles

    def p(self, text: str, style: Any) -> Paragraph:
        """A paragraph of markup the builder wrote (user text already passed through `markup`)."""
        return Para(text, style)

    def user(self, text: str, style: Any) -> Paragraph:
        return Para(markup(text), style)

    def section(self, title: str) -> list[Flowable]:
        heading = self.p(title, self.s.h1)
        # A section starts on a new page unless its heading, rule and about three lines fit; the heading (style
        # keepWithNext) and its rule then stay with the first part of what follows (flowables.KeepWithFirstPart).
        return [KeepSpace([heading], extra=3 + 48), heading, Rule()]

    def subheading(self, title: str) -> list[Flowable]:
        # No KeepSpace here: a page break between a section's rule and its first subheading stranded the section
        # heading ("Plan for 2026" alone at the foot of a page). keepWithNext keeps it with what follows.
        return [self.p(title, self.s.h2)]

    def kept(self, flowable: Flowable) -> Flowable:
        """`flowable`, kept on the page of the one after it (an introductory line above a table, say)."""
        flowable.keepWithNext = 1
        return flowable

    def whole(self, flowable: Flowable) -> Flowable:
        """`flowable`, never split from the headings kept with it (flowables.KeepWithFirstPart moves them
        together instead): a goal's practices, the lines to sign on."""
        flowable.keep_whole = True
        return flowable

    def prose(self, text: str, empty: str) -> list[Flowable]:
        """The writer's paragraphs (blank lines separate them), or `empty` in muted italics."""
        chunks = [c.strip() for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]
        if not chunks:
            return [self.p(empty, self.s.body_muted)]
        return [Para(multiline_markup(c), self.s.body) for c in chunks]

    def table(self, rows: list[list[Any]], widths: list[float], *, numeric_cols: tuple[int, ...] = (),
              decimal_cols: tuple[int, ...] = (), total_row: bool = False, repeat: bool = True) -> Table:
        t = Table(rows, colWidths=widths, repeatRows=1 if repeat else 0, hAlign="LEFT")
        cmds = table_style(self.f, total_row=total_row)
        for c in numeric_cols:
            cmds.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
        for c in decimal_cols:
            # Hours line up on the decimal point; whole numbers end where the point would be.
            cmds += [("ALIGN", (c, 1), (c, -1), "DECIMAL"), ("RIGHTPADDING", (c, 1), (c, -1), 17),
                     ("ALIGN", (c, 0), (c, 0), "RIGHT")]
        t.setStyle(TableStyle(cmds))
        return t

    def practices_text(self, numbers: tuple[int, ...], sep: str = "<br/>") -> str:
        if not numbers:
            return f"<i>{NO_PRACTICES}</i>"
        return sep.join(f"{n} {markup(self.d.practice_name(n))}" for n in numbers)

    def numbers_cell(self, numbers: tuple[int, ...], width: float) -> Any:
        """Practice numbers ("1, 2, ... 14") that wrap within their column."""
        return self.cell(practice_numbers(numbers), width)

    def cell(self, text: str, width: float, style: Any = None) -> Any:
        """A table cell: a plain string when it fits on one line in the table font (much faster to lay out),
        else a Paragraph that wraps (and switches font for CJK)."""
        if fits_plain(text, width - 10, self.f.base, 8.5):
            return text
        return Para(markup(text), style or self.s.cell)


def table_style(fonts: FontSet, *, total_row: bool = False) -> list[tuple[Any, ...]]:
    """The house table: a tinted header row in the accent colour, shaded alternate rows, hairlines between rows;
    with `total_row`, a last row in bold under a rule. Every table of the report and the transcript uses it."""
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.base, 8.5, 11),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("FONT", (0, 0), (-1, 0), fonts.bold, 8.5, 11),
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
    if total_row:
        cmds += [
            ("FONT", (0, -1), (-1, -1), fonts.bold, 8.5, 11),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0, RULE),
        ]
    return cmds

