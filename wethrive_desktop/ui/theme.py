"""The look the user chose in Preferences: the theme (system, light, dark) and the text size, applied to the whole
application at once (the app applies them at start; the Preferences dialog and View > Zoom while it runs).

- system: the platform's own style and palette, as the app found them before any change.
- light: the Fusion style with its standard light palette (the same on every platform).
- dark: the Fusion style with a dark palette (the one Qt's own examples use).

Light and dark use Fusion through `ui.fusion_style.ReadableIndicators`, which keeps check boxes and radio buttons
visible on any palette. It is loaded only when one of them is chosen: the system's look never needs it, and its
QStyle bindings cost some 10 ms of a start before the first window (issue 12).

Every colour of the app follows the palette (ui/colors.py), so changing it repaints charts and hints too. The text
size scales the application font the platform gave, so 100 % is always the system's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from wethrive_desktop.preferences import Preferences

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


class SystemLook(NamedTuple):
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
    previous, _applied.theme = _applied.theme, theme
    look = system_look(app)
    if theme in ("light", "dark"):
        if previous == "system":
            from wethrive_desktop.ui.fusion_style import ReadableIndicators

            app.setStyle(ReadableIndicators())
    else:  # back from light or dark: the platform's own style again
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
