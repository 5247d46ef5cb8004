"""Colours that read well on the palette the app runs with: light, dark (Fusion or the system's) and high contrast.

Nothing here is a fixed light colour. Every colour is either a palette role or a *semantic* colour (green for met,
red for errors, amber for warnings, grey for muted text, blue for bars) written as its shade for a light palette and
moved toward white or black, keeping its hue, until it has enough WCAG contrast against the palette's backgrounds:
4.5 for text, 3 for graphics (bars, the progress ring). On a light palette the usual shades come back unchanged
(or a touch darker where they fell short).

- `contrast(a, b)`, `readable(color, backgrounds)`: the WCAG arithmetic.
- `text_color(name, palette)`, `graphic_color(name, palette)`: a semantic colour for a palette.
- `ThemedColor`: a colour name for style sheets and rich text that formats as its shade for the current palette;
  `live_color()`: a QColor kept at its shade for the application's palette as it changes (for item models).
- `style_chart(view)`, `follow_palette(widget, apply)`, `themed_style_sheet()`, `color_text()`, `hint_style()`:
  charts and style sheets that follow palette changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette, QPen
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # QtCharts loads only with the first chart
    from PySide6.QtCharts import QChartView

# The semantic colours, as their shades for a light palette (each has 4.5:1 on Fusion's light window, fields and
# table rows, so a light palette shows them as written).
OK = "#2c7730"
ERROR = "#c62828"
WARN = "#975a00"
MUTED = "#5f6b7a"
ACCENT = "#2f6f9f"
NEUTRAL = "#686868"

TEXT_CONTRAST = 4.5  # WCAG AA, normal text
GRAPHIC_CONTRAST = 3.0  # WCAG AA, large text and graphical objects

_Role = QPalette.ColorRole


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    return (0.2126 * _channel(color.redF()) + 0.7152 * _channel(color.greenF())
            + 0.0722 * _channel(color.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` of the way to `b` (opaque)."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def flatten(color: QColor, background: QColor) -> QColor:
    """A translucent `color` as it shows over `background`."""
    return blend(background, QColor(color.red(), color.green(), color.blue()), color.alphaF())


def is_dark(palette: QPalette) -> bool:
    """Whether the palette's windows are dark (so text on them is light)."""
    return luminance(palette.color(_Role.Window)) < 0.18  # where white and black text contrast equally


def readable(color: QColor, backgrounds: Sequence[QColor], minimum: float = TEXT_CONTRAST) -> QColor:
    """`color`, or the nearest shade of it toward white (dark backgrounds) or black (light ones) with at least
    `minimum` contrast against every one of `backgrounds`."""
    if all(contrast(color, b) >= minimum for b in backgrounds):
        return color
    dark = sum(luminance(b) for b in backgrounds) / len(backgrounds) < 0.18
    hue, saturation, lightness = color.hslHueF(), color.hslSaturationF(), color.lightnessF()
    for step in range(1, 21):  # in lightness, keeping hue and saturation (a blend with white would wash it out)
        t = step / 20
        shade = QColor.fromHslF(max(hue, 0.0), saturation, lightness + (1 - lightness) * t if dark
                                else lightness * (1 - t))
        if all(contrast(shade, b) >= minimum for b in backgrounds):
            return shade
    return QColor(255, 255, 255) if dark else QColor(0, 0, 0)


def text_backgrounds(palette: QPalette) -> list[QColor]:
    """What text can stand on: windows, fields and table rows (both shades of alternating rows)."""
    return [palette.color(role) for role in (_Role.Window, _Role.Base, _Role.AlternateBase)]


@lru_cache(maxsize=256)
def _shade(name: str, backgrounds: tuple[int, ...], minimum: float) -> str:
    found = readable(QColor(name), [QColor.fromRgb(rgb) for rgb in backgrounds], minimum)
    return found.name()


def text_color(name: str, palette: QPalette | None = None) -> QColor:
    """The semantic colour `name` (its light shade) as text readable on `palette` (default: the application's)."""
    palette = palette if palette is not None else application_palette()
    if palette is None:
        return QColor(name)
    return QColor(_shade(name, tuple(c.rgb() for c in text_backgrounds(palette)), TEXT_CONTRAST))


def graphic_color(name: str, palette: QPalette, background: _Role = _Role.Base) -> QColor:
    """The semantic colour `name` for a bar or ring drawn on `palette`'s `background` (3:1 contrast)."""
    return QColor(_shade(name, (palette.color(background).rgb(),), GRAPHIC_CONTRAST))


def application_palette() -> QPalette | None:
    return QGuiApplication.palette() if QGuiApplication.instance() is not None else None


class ThemedColor(str):
    """A semantic colour for style sheets and rich text: the string is its light shade ("#c62828"), and formatting
    it (f"color: {c}", str(c)) gives its shade readable on the application's palette at that moment."""

    __slots__ = ()

    def current(self, palette: QPalette | None = None) -> QColor:
        return text_color(str.__str__(self), palette)

    def __str__(self) -> str:
        return self.current().name()

    def __format__(self, format_spec: str) -> str:
        return format(self.current().name(), format_spec)


# QColors handed out by live_color(), each with its light shade: kept at the shade for the application's palette.
_live: list[tuple[QColor, str]] = []
_followed_apps: set[int] = set()  # the applications whose palette changes they follow (by id)


def live_color(name: str) -> QColor:
    """A QColor for the semantic colour `name` that changes, in place, with the application's palette (for item
    models, which hand out the same QColor object at every paint)."""
    color = QColor(name)
    _live.append((color, name))
    sync_live_colors()
    return color


def sync_live_colors(palette: QPalette | None = None) -> None:
    """Set every live colour to its shade for `palette` (default: the application's), and from then on follow the
    application's palette changes."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and id(app) not in _followed_apps:
        _followed_apps.add(id(app))
        app.paletteChanged.connect(sync_live_colors)
    palette = palette if palette is not None else application_palette()
    if palette is None:
        return
    for color, name in _live:
        shade = text_color(name, palette)
        color.setRgb(shade.red(), shade.green(), shade.blue())


_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


class _PaletteFollower(QObject):
    """Calls `apply` whenever the palette of the widget it belongs to changes. A widget with a style sheet hears
    nothing of a new application palette (its palette is the style sheet's), so it listens to the application too.
    """

    def __init__(self, widget: QWidget, apply: Callable[[], None]):
        super().__init__(widget)
        self.apply = apply
        widget.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.paletteChanged.connect(self.application_palette_changed)

    def application_palette_changed(self, _palette: QPalette) -> None:
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _PALETTE_EVENTS:
            self.apply()
        return False


def follow_palette(widget: QWidget, apply: Callable[[], None]) -> None:
    """Call `apply()` now and whenever `widget`'s palette changes (a new application palette, a theme switch)."""
    _PaletteFollower(widget, apply)
    sync_live_colors()
    apply()


def themed_style_sheet(widget: QWidget, make: Callable[[QPalette], str]) -> None:
    """Give `widget` the style sheet `make(palette)`, made again whenever the palette changes. The palette is the
    application's (the widget's own has the style sheet's colours in it, which would feed back; its parent may not
    have heard of the change yet)."""

    def apply() -> None:
        palette = application_palette()
        sheet = make(palette if palette is not None else widget.palette())
        if widget.styleSheet() != sheet:  # setting it sends another PaletteChange
            widget.setStyleSheet(sheet)

    follow_palette(widget, apply)


def color_text(widget: QWidget, name: str) -> None:
    """Colour `widget`'s text with the semantic colour `name`, at its shade for the palette of the moment."""
    themed_style_sheet(widget, lambda palette: f"color: {text_color(name, palette).name()};")


def hint_style(palette: QPalette, selector: str) -> str:
    """A style sheet for a hint box: a light amber tint (dark palettes: a dark one), an amber border, and the
    palette's text colour on it."""
    dark = is_dark(palette)
    surface = palette.color(_Role.Window if dark else _Role.Base)  # light: a cream, as on paper
    text = palette.color(_Role.WindowText)
    background = blend(surface, QColor("#ffb300"), 0.14 if dark else 0.12)
    border = readable(QColor("#c9a227"), [background], GRAPHIC_CONTRAST)
    text = readable(text, [background])
    return (f"{selector} {{ background: {background.name()}; color: {text.name()}; "
            f"border: 1px solid {border.name()}; padding: 6px; }}")


def chart_colors(palette: QPalette) -> dict[str, QColor]:
    """A chart's colours on `palette`: its background (the palette's base, as a table), text, axis lines, grid."""
    background = palette.color(_Role.Base)
    text = readable(palette.color(_Role.Text), [background])
    return {"background": background, "text": text, "axis": blend(background, text, 0.55),
            "grid": blend(background, text, 0.18)}


def style_chart(view: QChartView) -> None:
    """Give `view`'s chart the colours of the view's palette: background, title, legend, axis labels, lines and
    grid (QtCharts' own themes are fixed light or dark, and know nothing of the palette)."""
    colors = chart_colors(view.palette())
    text_brush = QBrush(colors["text"])
    view.setBackgroundBrush(colors["background"])
    chart = view.chart()
    chart.setBackgroundBrush(colors["background"])
    chart.setBackgroundPen(QPen(colors["background"]))
    chart.setTitleBrush(text_brush)
    chart.legend().setLabelBrush(text_brush)
    for axis in chart.axes():
        axis.setLabelsBrush(text_brush)
        axis.setTitleBrush(text_brush)
        axis.setLinePenColor(colors["axis"])
        axis.setGridLineColor(colors["grid"])
        axis.setMinorGridLineColor(colors["grid"])
