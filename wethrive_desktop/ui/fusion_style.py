"""The Fusion style of the light and dark themes (ui/theme.py), loaded only when one of them is chosen.

Fusion draws a check box's or radio button's frame in the Window colour darkened, filled with Base: on a dark palette
that frame is Base's own colour, so an empty check box in a list (on Base) was invisible and one on a window barely
seen. `ReadableIndicators` keeps them visible on any palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

from wethrive_desktop.ui.colors import GRAPHIC_CONTRAST, blend, contrast

FUSION = "Fusion"
Role = QPalette.ColorRole
_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)
# How Fusion derives an indicator's frame from the Window colour: window.darker(_DARKER).lighter(_LIGHTER).
_DARKER, _LIGHTER = 140, 110


def fusion_indicator_frame(palette: QPalette) -> QColor:
    """The colour Fusion draws a check box's or radio button's frame in, for `palette`."""
    return palette.color(Role.Window).darker(_DARKER).lighter(_LIGHTER)


def readable_indicator_frame(palette: QPalette) -> QColor:
    """A frame colour for the indicators of `palette` with GRAPHIC_CONTRAST against both backgrounds an indicator
    meets (its Base fill, and the Window or Base around it): Fusion's own when it has that, else the nearest blend
    of Base toward Text that does."""
    base, window = palette.color(Role.Base), palette.color(Role.Window)
    frame = fusion_indicator_frame(palette)
    if min(contrast(frame, base), contrast(frame, window)) >= GRAPHIC_CONTRAST:
        return frame
    text = palette.color(Role.Text)
    for step in range(1, 21):
        frame = blend(base, text, step / 20)
        if min(contrast(frame, base), contrast(frame, window)) >= GRAPHIC_CONTRAST:
            break
    return frame


class ReadableIndicators(QProxyStyle):
    """Fusion, whose check boxes and radio buttons (also the check boxes of lists and tables, which Fusion draws as
    check boxes) have a frame that contrasts with the palette's backgrounds: the indicator is drawn with a Window
    colour from which Fusion derives `readable_indicator_frame`. Nothing else changes."""

    def __init__(self) -> None:
        super().__init__(FUSION)

    def name(self) -> str:
        return self.baseStyle().name()  # "fusion", as the style it draws with

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        palette = option.palette
        if element in _INDICATORS and palette.currentColorGroup() != QPalette.ColorGroup.Disabled:
            frame = readable_indicator_frame(palette)
            if frame != fusion_indicator_frame(palette):
                option = type(option)(option)  # a copy: the caller's option is its own
                adjusted = QPalette(palette)
                adjusted.setColor(Role.Window, frame.lighter(_DARKER).darker(_LIGHTER))  # Fusion derives `frame`
                option.palette = adjusted
        super().drawPrimitive(element, option, painter, widget)
