"""Custom flowables and charts of the annual report: conditional page breaks sized from real content, the
section rule, the hours-by-practice bar chart and the progress bar toward the 40-hour commitment."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import _listWrapOn

from wethrive_desktop.models.rules import commitment_met, format_hours
from wethrive_desktop.models.wording import hours_with_required
from wethrive_desktop.reports.pdf.styles import ACCENT, ACCENT_LIGHT, GOOD, INK, MUTED, RULE, SHADE, SHORT


class Para(Paragraph):
    """A Paragraph that breaks its lines once for a width.

    Platypus wraps a paragraph more than once at the same width: a run kept with what follows is measured before
    the frame lays it out, and a table measures its cells before it places them. Two wraps in three of a report
    broke the same lines again (a sixth of its build). The size is kept with the lines it was worked out from:
    when ReportLab drops them (a split that moves the whole paragraph on) or puts others in their place, the lines
    are broken anew; the parts a split makes are new paragraphs, broken for their own lines."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        wrapped = self.__dict__.get("_wrapped")
        if wrapped is not None and wrapped[0] == availWidth and self.__dict__.get("blPara") is wrapped[2]:
            return wrapped[1]  # type: ignore[no-any-return]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size, self.__dict__.get("blPara"))
        return size  # type: ignore[no-any-return]


class KeepSpace(CondPageBreak):
    """Start a new page unless the given flowables and `extra` points still fit on this one.

    Headings use it instead of KeepTogether: KeepTogether moves a heading with a long paragraph to a new page as a
    whole, leaving a gap; this keeps the heading with only the first lines of what follows, which then splits.
    """

    def __init__(self, flowables: Sequence[Flowable], extra: float = 0):
        super().__init__(0)
        self._flowables = list(flowables)
        self._extra = extra

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        needed = self._extra
        for f in self._flowables:
            _, h = f.wrap(availWidth, availHeight)
            needed += h + f.getSpaceBefore() + f.getSpaceAfter()
        self.height = needed
        width, height = super().wrap(availWidth, availHeight)
        return float(width), float(height)


class KeepWithFirstPart(KeepTogether):
    """The document's `keepTogetherClass`: how a run of keepWithNext flowables (headings, labels, an activity's
    details) is kept with the flowable after it.

    ReportLab's KeepTogether moves the whole run to the next page when it does not fit, so a heading over a long
    table or reflection left most of a page blank. This keeps the headings with only the first part of what
    follows (the first lines of a paragraph, the header and first rows of a table), which then flows on; what cannot
    split (a chart, a kept-together block) moves to the next page with its headings, never leaving them behind.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        # ReportLab asks every run to split (its wrap says it is too tall). A run that fits goes on whole, as
        # KeepTogether would have it: trying to split what follows its headings first (a paragraph's lines broken
        # again, a table's rows measured again) was an eighth of a report's build, for the same pages.
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H <= aH:
            return list(super().split(aW, aH))
        parts = self._headings_with_first_part(aW, aH)
        return parts if parts is not None else list(super().split(aW, aH))

    def _headings_with_first_part(self, aW: float, aH: float) -> list[Flowable] | None:
        content: list[Flowable] = list(self._content)
        if len(content) < 2:
            return None
        heads, last = content[:-1], content[-1]
        if isinstance(last, (KeepTogether, ActionFlowable)) or getattr(last, "keep_whole", False):
            return None
        _, heads_h = _listWrapOn(heads, aW, self.canv)
        room = aH - heads_h - max(heads[-1].getSpaceAfter(), last.getSpaceBefore()) - 1
        if room <= 0:
            return None
        last.wrapOn(self.canv, aW, room)
        pieces: list[Flowable] = list(last.splitOn(self.canv, aW, room))
        if len(pieces) < 2 or isinstance(pieces[0], ActionFlowable):
            return None
        _, first_h = pieces[0].wrapOn(self.canv, aW, room)
        if first_h > room:
            return None
        return heads + pieces


class Rule(Flowable):
    """A thin horizontal line: under a section heading (kept with what follows), or closing an activity."""

    def __init__(self, color: colors.Color = RULE, thickness: float = 0.8, space_after: float = 6,
                 keep_with_next: bool = True):
        super().__init__()
        self.color = color
        self.thickness = thickness
        self.space_after = space_after
        self.keepWithNext = int(keep_with_next)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.thickness + self.space_after

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        y = self.space_after + self.thickness / 2
        self.canv.line(0, y, self.width, y)


def progress_bar(total: Decimal, required: Decimal, width: float, font: str, bold: str) -> Drawing:
    """A bar from 0 to the commitment (or beyond), filled to the hours reported, with the 40 h mark."""
    height = 34
    d = Drawing(width, height)
    bar_y, bar_h = 14, 10
    scale_max = max(required, total) if total > required else required
    fill_w = float(min(total, scale_max) / scale_max) * width if scale_max else 0
    d.add(Rect(0, bar_y, width, bar_h, fillColor=SHADE, strokeColor=RULE, strokeWidth=0.5))
    met = commitment_met(total, required)
    d.add(Rect(0, bar_y, fill_w, bar_h, fillColor=GOOD if met else ACCENT, strokeColor=None))
    mark_x = float(required / scale_max) * width if scale_max else width
    d.add(Line(mark_x, bar_y - 3, mark_x, bar_y + bar_h + 3, strokeColor=INK, strokeWidth=1))
    d.add(String(mark_x, 2, f"{format_hours(required)} h commitment", fontName=font, fontSize=7,
                 fillColor=MUTED, textAnchor="end" if mark_x > width - 60 else "middle"))
    d.add(String(0, 2, "0 h", fontName=font, fontSize=7, fillColor=MUTED))
    label = hours_with_required(total, required)
    d.add(String(0, bar_y + bar_h + 3, label, fontName=bold, fontSize=7.5, fillColor=GOOD if met else SHORT))
    return d


def practice_chart(rows: Sequence[tuple[int, str, Decimal]], highlight: set[int], width: float, font: str,
                   label_width: float) -> Drawing:
    """Horizontal bars of hours for all 14 practices, labelled by number and full name; development needs
    (`highlight`) in the accent colour, the others lighter."""
    row_h = 15.5
    top_pad, bottom_pad = 6, 22
    height = top_pad + bottom_pad + row_h * len(rows)
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = bottom_pad
    chart.height = row_h * len(rows)
    chart.width = width - label_width - 46
    chart.data = [[float(h) for _, _, h in rows]]
    # Figure spaces pad 1-9 to the width of two digits, so the names line up.
    chart.categoryAxis.categoryNames = [f"{n:\u2007>2}  {name}" for n, name, _ in rows]
    chart.categoryAxis.reverseDirection = 1  # practice 1 at the top
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "w"
    chart.categoryAxis.labels.dx = -label_width + 2
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    top = max((float(h) for _, _, h in rows), default=0.0)
    step = _nice_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, step * math.ceil(top * 1.08 / step)) if top else step  # headroom
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda v: f"{v:g} h"
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E2E6EC")
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.barWidth = 9
    chart.groupSpacing = 6.5
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ACCENT_LIGHT
    for i, (n, _, _) in enumerate(rows):
        chart.bars[(0, i)].fillColor = ACCENT if n in highlight else ACCENT_LIGHT
    chart.barLabelFormat = lambda v: f"{format_hours(Decimal(str(v)))} h" if v else ""
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.boxFillColor = colors.white  # gridlines do not run through the figures
    chart.barLabels.leftPadding = chart.barLabels.rightPadding = 1
    d.add(chart)
    return d


def _nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return float(step)
    return float(10 ** len(str(int(top))) / 5)
