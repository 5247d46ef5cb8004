"""The Chart tab: the ratings of the latest assessment against the previous one, as horizontal bars (QtCharts).
Its colours come from the palette and follow it when it changes."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.assessments import AssessmentData
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.ui.colors import ACCENT, NEUTRAL, graphic_color, style_chart
from wethrive_desktop.ui.widgets.labels import kind_name, practice_short

# The semantic colours (ui/colors.py), each at its shade for the chart's palette: the latest in the accent blue,
# the previous one in grey.
LATEST_COLOR, PREVIOUS_COLOR = ACCENT, NEUTRAL


class RatingsChart(QChartView):
    """Horizontal bars per practice: the latest assessment against the previous one (practice 1 at the top)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("assessmentChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(300)
        self.series_sets: dict[str, list[float]] = {}
        self.bar_colors: list[tuple[QBarSet, str]] = []
        self.show_pair(None, None)

    def apply_palette(self) -> None:
        """Take the chart's colours from the palette (QtCharts' default theme is white whatever the palette)."""
        style_chart(self)
        for bar_set, name in self.bar_colors:
            color = graphic_color(name, self.palette())
            bar_set.setColor(color)
            bar_set.setBorderColor(color)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()

    def show_pair(self, latest: AssessmentData | None, previous: AssessmentData | None) -> None:
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        self.series_sets = {}
        self.bar_colors = []
        if latest is None:
            chart.setTitle(tr("No assessment yet: add one to see your ratings here"))
            self.setChart(chart)
            self.apply_palette()
            return
        chart.setTitle(tr("Ratings: latest against the previous assessment") if previous else tr("Ratings"))
        series = QHorizontalBarSeries()
        numbers = list(reversed(PRACTICES))  # the first category is drawn at the bottom
        pairs = [(previous, PREVIOUS_COLOR), (latest, LATEST_COLOR)] if previous else [(latest, LATEST_COLOR)]
        for data, color in pairs:
            assert data is not None
            label = tr("{date} {kind}").format(date=format_date(data.date, short=True), kind=kind_name(data.kind))
            bar_set = QBarSet(label)
            values = [float(data.rating_of(n).rating or 0) for n in numbers]
            bar_set.append(values)
            self.bar_colors.append((bar_set, color))
            series.append(bar_set)
            self.series_sets[label] = list(reversed(values))
        series.setBarWidth(0.8)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([tr("{number} {name}").format(number=n, name=practice_short(n)) for n in numbers])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values_axis = QValueAxis()
        values_axis.setRange(0, 5)
        values_axis.setTickCount(6)
        values_axis.setLabelFormat("%d")
        chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values_axis)
        self.setChart(chart)
        self.apply_palette()
