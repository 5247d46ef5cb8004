"""A small QtCharts bar chart with fixed categories whose values change (hours by practice, points by month).

Hovering a bar shows its tooltip (a category's full name and value), so short axis labels stay readable; so does
hovering anywhere in its column or its axis label, so an empty bar or a bare "7" on the axis can be asked too. Its
colours come from the palette and follow it when it changes (a dark or high-contrast theme).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QEvent, QMargins, QPoint, QSize, Qt
from PySide6.QtGui import QCursor, QFont, QFontMetrics, QHelpEvent, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wethrive_desktop.ui.colors import ACCENT, graphic_color, style_chart

# Ticks for an axis topped by 1, 2, 2.5 or 5 times a power of ten, so each step is a round number.
TICKS_BY_MANTISSA = {1.0: 6, 2.0: 5, 2.5: 6, 5.0: 6}


def tick_count(top: float) -> int:
    mantissa = round(top / 10 ** math.floor(math.log10(top)), 2)
    return TICKS_BY_MANTISSA.get(mantissa, 5)


def nice_top(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 5 times a power of ten), at least 1."""
    if value <= 1:
        return 1.0
    magnitude = float(10 ** math.floor(math.log10(value)))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


class BarChart(QChartView):
    def __init__(self, title: str, categories: Sequence[str], unit: str, parent: QWidget | None = None,
                 name: str = ""):
        chart = QChart()
        super().__init__(chart, parent)
        if name:
            self.setObjectName(name)
        self.setAccessibleName(title)
        self.unit = unit
        self.categories = list(categories)
        self.tips = list(categories)
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().hide()
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        self.bar_set = QBarSet(title)
        self.bar_set.append([0.0] * len(self.categories))
        self.series = QBarSeries()
        self.series.setBarWidth(0.7)
        self.series.append(self.bar_set)
        chart.addSeries(self.series)
        self.x_axis = QBarCategoryAxis()
        self.x_axis.append(self.categories)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 7.0))
        self.x_axis.setLabelsFont(small)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%g")
        self.y_axis.setRange(0, 1)
        self.y_axis.setTickCount(3)
        self.y_axis.setLabelsFont(small)
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.bar_set.hovered.connect(self._hovered)
        chart.plotAreaChanged.connect(self._fit_labels)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(180)
        self.apply_palette()

    def apply_palette(self) -> None:
        """Take the chart's colours from the palette (QtCharts' default theme is white whatever the palette)."""
        style_chart(self)
        bar = graphic_color(ACCENT, self.palette())
        self.bar_set.setColor(bar)
        self.bar_set.setBorderColor(bar)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()

    def _fit_labels(self, *_args: object) -> None:
        """Turn the category labels upright when the chart is too narrow for them (QtCharts would cut them)."""
        metrics = QFontMetrics(self.x_axis.labelsFont())
        widest = max(metrics.horizontalAdvance(c) for c in self.categories)
        per_category = self.chart().plotArea().width() / len(self.categories)
        # QtCharts elides a label well before it touches the next one: keep a generous margin.
        angle = -90 if per_category < widest + 16 else 0
        if self.x_axis.labelsAngle() != angle:
            self.x_axis.setLabelsAngle(angle)

    def sizeHint(self) -> QSize:
        # Modest, so a page in a scroll area fits a 1366x768 screen; the layout stretches it when there is room.
        return QSize(360, 200)

    def set_values(self, values: Sequence[float], tips: Sequence[str] | None = None) -> None:
        for i, v in enumerate(values):
            self.bar_set.replace(i, float(v))
        self.tips = list(tips) if tips is not None else list(self.categories)
        tallest = max(values, default=0)
        top = nice_top(tallest)
        if tallest > top * 0.96:  # leave some room above the tallest bar
            top = nice_top(top * 1.01)
        self.y_axis.setRange(0, top)
        self.y_axis.setTickCount(tick_count(top))

    def values(self) -> list[float]:
        return [self.bar_set.at(i) for i in range(self.bar_set.count())]

    def tip_at(self, pos: QPoint) -> str | None:
        """The tip of the category whose column (in the plot area, or its axis label below) is under `pos`, a point
        of the viewport; None elsewhere."""
        chart = self.chart()
        area = chart.plotArea()
        point = chart.mapFromScene(self.mapToScene(pos))
        if not self.tips or not area.left() <= point.x() < area.right() or point.y() < area.top():
            return None
        index = int((point.x() - area.left()) / area.width() * len(self.categories))
        return self.tips[index] if 0 <= index < len(self.tips) else None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(event.pos())
            if tip is not None:
                QToolTip.showText(event.globalPos(), tip, self)
                return True
        return super().viewportEvent(event)

    def _hovered(self, status: bool, index: int) -> None:
        if status and 0 <= index < len(self.tips):
            QToolTip.showText(QCursor.pos(), self.tips[index], self)
        else:
            QToolTip.hideText()
