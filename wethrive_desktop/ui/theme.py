"""The look the user chose in Preferences: the theme (system, light, dark) and the text size, applied to the whole
application at once (the app applies them at start; the Preferences dialog and View > Zoom while it runs).

- system: the platform's own style and palette, as the app found them before any change.
- light: the Fusion style with its standard light palette (the same on every platform).
- dark: the Fusion style with a dark palette (the one Qt's own examples use).

Light and dark use Fusion through `ReadableIndicators`, which keeps check boxes and radio buttons visible on any
palette: Fusion draws an indicator's frame in the Window colour darkened, filled with Base, and on a dark palette
that frame is Base's own colour, so an empty check box in a list (on Base) was invisible and one on a window barely
seen.

Every colour of the app follows the palette (ui/colors.py), so changing it repaints charts and hints too. The text
size scales the application font the platform gave, so 100 % is always the system's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from wethrive_desktop.preferences import Preferences
from wethrive_desktop.ui.colors import GRAPHIC_CONTRAST, blend, contrast

FUSION = "Fusion"
Role = QPalette.ColorRole
DARK_COLORS = {
    Role.Window: "#353535", Role.WindowText: "#ffffff", Role.Base: "#2a2a2a", Role.AlternateBase: "#424242",
    Role.Text: "#ffffff", Role.Button: "#353535", Role.ButtonText: "#ffffff", Role.BrightText: "#ff5555",
    Role.Light: "#505050", Role.Midlight: "#424242", Role.Mid: "#2a2a2a", Role.Dark: "#232323",
    Role.Shadow: "#141414", Role.Highlight: "#2a82da", Role.HighlightedText: "#ffffff", Role.Link: "#6ab0f3",
    Role.LinkVisited: "#b48ef0", Role.ToolTipBase: "#2a2a2a", Role.ToolTipText: "#ffffff",
    Role.PlaceholderText: "#a0a0a0",
}
DISABLED_TEXT = "#808080"
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


@dataclass(frozen=True)
class SystemLook:
    """What the platform gave the application before the user's preferences changed it."""

    style: str
    font: QFont


_system: SystemLook | None = None


@dataclass
class Applied:
    """What the application shows now (at start: the system's look)."""

    theme: str = "system"
    text_size: int = 100


_applied = Applied()


def system_look(app: QApplication) -> SystemLook:
    """The platform's style and font, recorded the first time the look is changed (so "system" can come back)."""
    global _system
    if _system is None:
        _system = SystemLook(app.style().name(), QFont(app.font()))
    return _system


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, name in DARK_COLORS.items():
        palette.setColor(role, QColor(name))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    return palette


def applied() -> Applied:
    """The theme and text size the application shows now (a copy)."""
    return Applied(_applied.theme, _applied.text_size)


def apply_theme(app: QApplication, theme: str) -> None:
    """Switch the whole application to `theme` ("system", "light" or "dark"; anything else counts as system).
    Nothing is touched when it shows that theme already (so the system's look, at start, stays the system's)."""
    theme = theme if theme in ("light", "dark") else "system"
    if theme == _applied.theme:
        return
    _applied.theme = theme
    look = system_look(app)
    if theme in ("light", "dark"):
        if not isinstance(app.style(), ReadableIndicators):
            app.setStyle(ReadableIndicators())
    elif isinstance(app.style(), ReadableIndicators) or app.style().name().lower() != look.style.lower():
        app.setStyle(look.style)
    if theme == "dark":
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setPalette(app.style().standardPalette())
    else:
        app.setPalette(QPalette())  # an empty palette resolves to the platform's own


def apply_text_size(app: QApplication, percent: int) -> None:
    """Scale the application font to `percent` of the platform's (100: the platform's own size; nothing is
    touched when that is the size already)."""
    if percent == _applied.text_size:
        return
    _applied.text_size = percent
    base = system_look(app).font
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * percent / 100)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * percent / 100)))
    app.setFont(font)


def apply_preferences(app: QApplication, prefs: Preferences) -> None:
    """The theme and text size of `prefs`, at start (app.py) and whenever they change."""
    apply_theme(app, prefs.theme)
    apply_text_size(app, prefs.text_size)
