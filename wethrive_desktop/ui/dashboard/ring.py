"""The progress ring of the dashboard's hours card: the year's hours against the commitment, painted as a ring that
fills (green once the commitment is met), with the hours in the middle.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wethrive_desktop.models.domain import REQUIRED_HOURS
from wethrive_desktop.models.rules import format_hours

RING_DONE = QColor("#2e7d32")
RING_PROGRESS = QColor("#2f6f9f")
RING_TRACK = QColor("#dde3ea")


class ProgressRing(QWidget):
    """The year's hours against the commitment: a ring that fills, with the hours in the middle."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hoursRing")
        self.fraction = 0.0
        self.big = "0"
        self.small = f"of {format_hours(REQUIRED_HOURS)} h"
        self.met = False
        self.setMinimumSize(QSize(136, 136))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_progress(self, fraction: float, big: str, small: str, met: bool) -> None:
        self.fraction, self.big, self.small, self.met = fraction, big, small, met
        self.setAccessibleName(f"{big} {small}")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(136, 136)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 14
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        pen = QPen(RING_TRACK, 13)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self.fraction > 0:
            pen.setColor(RING_DONE if self.met else RING_PROGRESS)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawArc(rect, 90 * 16, -round(self.fraction * 360 * 16))
        painter.setPen(self.palette().windowText().color())
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.3)
        font.setBold(True)
        painter.setFont(font)
        top = QRectF(rect.left(), rect.top() + side * 0.24, side, side * 0.34)
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, self.big)
        small = QFont(self.font())
        painter.setFont(small)
        bottom = QRectF(rect.left(), rect.top() + side * 0.56, side, side * 0.2)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, self.small)
        painter.end()
