"""The progress ring of the dashboard's hours card: the year's hours against the commitment, painted as a ring that
fills (green once the commitment is met), with the hours in the middle. Its colours come from the palette at each
paint, so a dark or high-contrast theme shows at once.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.domain import REQUIRED_HOURS
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.colors import ACCENT, OK, blend, graphic_color, readable

PEN_WIDTH = 13
BIG_SCALE = 2.3  # the hours' size against the widget's font


class ProgressRing(QWidget):
    """The year's hours against the commitment: a ring that fills, with the hours in the middle."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hoursRing")
        self.fraction = 0.0
        self.big = "0"
        self.small = tr("of {required} h").format(required=format_hours(REQUIRED_HOURS))
        self.met = False
        self.setMinimumSize(QSize(136, 136))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_progress(self, fraction: float, big: str, small: str, met: bool, spoken: str | None = None) -> None:
        """Fill the ring to `fraction`, `big` (the hours) in its middle with `small` under it; `spoken`, what a
        screen reader says (default: both)."""
        self.fraction, self.big, self.small, self.met = fraction, big, small, met
        self.setAccessibleName(spoken or f"{big} {small}")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(136, 136)

    def side(self) -> float:
        return min(self.width(), self.height()) - 14

    def big_font(self) -> QFont:
        """The hours' font: large, and smaller when they would not fit inside the ring ("1634.25")."""
        font = QFont(self.font())
        font.setBold(True)
        base = font.pointSizeF()
        font.setPointSizeF(base * BIG_SCALE)
        room = self.side() - 2 * PEN_WIDTH - 6
        width = QFontMetricsF(font).horizontalAdvance(self.big)
        if width > room > 0:
            size = base * BIG_SCALE * room / width
            font.setPointSizeF(max(base, size))
            # Text does not scale exactly with its size (hinting): smaller by steps until it fits, not below the
            # widget's own size.
            while QFontMetricsF(font).horizontalAdvance(self.big) > room and size > base:
                size *= 0.95
                font.setPointSizeF(max(base, size))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self.side()
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        palette = self.palette()
        window = QPalette.ColorRole.Window
        text = readable(palette.color(QPalette.ColorRole.WindowText), [palette.color(window)])
        pen = QPen(blend(palette.color(window), text, 0.16), PEN_WIDTH)  # the track: a faint ring in the text's colour
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self.fraction > 0:
            pen.setColor(graphic_color(OK if self.met else ACCENT, palette, window))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawArc(rect, 90 * 16, -round(self.fraction * 360 * 16))
        painter.setPen(text)
        painter.setFont(self.big_font())
        top = QRectF(rect.left(), rect.top() + side * 0.24, side, side * 0.34)
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, self.big)
        small = QFont(self.font())
        painter.setFont(small)
        bottom = QRectF(rect.left(), rect.top() + side * 0.56, side, side * 0.2)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, self.small)
        painter.end()
