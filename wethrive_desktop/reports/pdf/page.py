"""The page furniture of the report PDF: the running header, the footer with "Page X of Y", and the document
template that reports layout progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph

from wethrive_desktop.models.annual_report import MemberInfo, ReportData
from wethrive_desktop.reports.pdf.flowables import Para
from wethrive_desktop.reports.pdf.fonts import FontSet, markup
from wethrive_desktop.reports.pdf.styles import FRAME_WIDTH, LEFT_MARGIN, MUTED, PAGE_SIZE, RULE, Styles
from wethrive_desktop.reports.wording import PROGRAM, REPORT_TITLE, furniture_text

__all__ = ["PROGRAM", "REPORT_TITLE", "Progress", "ReportDoc", "numbered_canvas", "page_furniture"]

Progress = Callable[[int, int], None]


def header_member(member: MemberInfo, width: float, style: ParagraphStyle) -> Paragraph:
    """The member's name and number on one line of `width`. A name too long for it is shortened by whole words
    with an ellipsis (the full name is on the first page and in the attestation): a running header that wraps
    would rise off the top of the page."""
    number = f"ICMA member {member.member_number}" if member.member_number else ""
    words = member.name.split()
    kept = len(words)
    while True:
        name = " ".join(words[:kept]) + ("\u2026" if kept < len(words) else "")
        para = Para(" \u00b7 ".join(markup(x) for x in (name, number) if x), style)
        para.wrap(width, 100)
        if kept <= 1 or len(para.blPara.lines) <= 1:
            return para
        kept -= 1


def page_furniture(data: ReportData, fonts: FontSet, styles: Styles) -> tuple[Any, str]:
    """The running header (drawn on every page) and the footer's left text."""
    return running_header(f"{REPORT_TITLE} \u00b7 {data.year}", data.member, fonts, styles), furniture_text(data)


def running_header(title: str, member: MemberInfo, fonts: FontSet, styles: Styles) -> Any:
    """The header every page of a document draws: `title` on the left, the member on the right, one line each (a
    long name is shortened by whole words: a header that wrapped would rise off the page), over a rule."""
    left_width = stringWidth(title, fonts.base, styles.header.fontSize) + 2
    right_width = FRAME_WIDTH - left_width - 18
    left = Para(markup(title), styles.header)
    right = header_member(member, right_width, styles.header_right)
    width, height = PAGE_SIZE

    def on_page(canv: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        y = height - 0.55 * inch
        for para, x, w in ((left, LEFT_MARGIN, left_width), (right, width - LEFT_MARGIN - right_width, right_width)):
            para.wrap(w, 20)
            para.drawOn(canv, x, y)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(LEFT_MARGIN, y - 4, width - LEFT_MARGIN, y - 4)
        canv.restoreState()

    return on_page


def numbered_canvas(footer_left: str, font: str) -> type[rl_canvas.Canvas]:
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


class ReportDoc(BaseDocTemplate):
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


