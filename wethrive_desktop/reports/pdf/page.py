"""The page furniture of the report PDF: the running header, the footer with "Page X of Y", and the document
template that reports layout progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import inch
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph

from wethrive_desktop import APP_NAME
from wethrive_desktop.models.annual_report import ReportData
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.reports.pdf.fonts import FontSet, markup
from wethrive_desktop.reports.pdf.styles import LEFT_MARGIN, MUTED, PAGE_SIZE, RULE, Styles

Progress = Callable[[int, int], None]
REPORT_TITLE = "Annual Professional Development Report"
PROGRAM = "ICMA Voluntary Credentialing Program"


def page_furniture(data: ReportData, fonts: FontSet, styles: Styles) -> tuple[Any, str]:
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


