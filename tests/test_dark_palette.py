"""Dark and high-contrast palettes: every visible label's text (and the colours in its rich text) has WCAG contrast
against the background it stands on, and every chart takes its colours from the palette, also when the palette
changes while the window is open."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarSeries, QChartView, QHorizontalBarSeries
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from wethrive_desktop.models import clock
from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.models.plans import get_plan
from wethrive_desktop.ui.colors import GRAPHIC_CONTRAST, TEXT_CONTRAST, contrast, flatten
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.pages import PAGES
from wethrive_desktop.ui.planner.page import PlannerPage
from wethrive_desktop.ui.profile.dialog import open_profile_dialog
from wethrive_desktop.ui.theme import apply_theme

Role = QPalette.ColorRole

# The dark palette people set on Fusion (and that Qt's own examples use).
DARK = {Role.Window: "#353535", Role.WindowText: "#ffffff", Role.Base: "#2a2a2a", Role.AlternateBase: "#424242",
        Role.Text: "#ffffff", Role.Button: "#353535", Role.ButtonText: "#ffffff", Role.BrightText: "#ff5555",
        Role.Light: "#505050", Role.Midlight: "#424242", Role.Mid: "#2a2a2a", Role.Dark: "#232323",
        Role.Shadow: "#141414", Role.Highlight: "#2a82da", Role.HighlightedText: "#ffffff", Role.Link: "#6ab0f3",
        Role.ToolTipBase: "#2a2a2a", Role.ToolTipText: "#ffffff", Role.PlaceholderText: "#a0a0a0"}
# White on black, as a high-contrast theme has it.
HIGH_CONTRAST = {Role.Window: "#000000", Role.WindowText: "#ffffff", Role.Base: "#000000",
                 Role.AlternateBase: "#1c1c1c", Role.Text: "#ffffff", Role.Button: "#000000",
                 Role.ButtonText: "#ffffff", Role.Light: "#ffffff",
                 Role.Midlight: "#c0c0c0", Role.Mid: "#808080", Role.Dark: "#ffffff", Role.Shadow: "#ffffff",
                 Role.Highlight: "#1aebff", Role.HighlightedText: "#000000", Role.Link: "#ffff00",
                 Role.ToolTipBase: "#000000", Role.ToolTipText: "#ffffff", Role.PlaceholderText: "#c0c0c0"}


def make_palette(colors: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, name in colors.items():
        palette.setColor(role, QColor(name))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#808080"))
    return palette


@pytest.fixture
def set_palette(qapp: QApplication) -> Iterator[Callable[[dict[QPalette.ColorRole, str]], QPalette]]:
    """Set the application's palette (on the Fusion style the tests run with); the old one is back afterwards."""
    assert qapp.style().name().lower() == "fusion"
    old = QPalette(qapp.palette())

    def set_it(colors: dict[QPalette.ColorRole, str]) -> QPalette:
        palette = make_palette(colors)
        qapp.setPalette(palette)
        QApplication.processEvents()
        return palette

    yield set_it
    qapp.setPalette(old)
    QApplication.processEvents()


# --- backgrounds ---------------------------------------------------------------------------------------------------

RULE = re.compile(r"([^{}]*)\{([^}]*)\}")
BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*(#[0-9a-fA-F]{3,8}|[a-z]+)")
SPAN_COLOR = re.compile(r"color\s*:\s*(#[0-9a-fA-F]{3,8}|[a-z]+)", re.IGNORECASE)


def rules(sheet: str) -> list[tuple[str, str]]:
    """(selector, declarations) of a style sheet; a sheet of bare declarations is one rule without a selector."""
    found = [(m.group(1).strip(), m.group(2)) for m in RULE.finditer(sheet)]
    return found or ([("", sheet)] if sheet.strip() else [])


def selects(selector: str, widget: QWidget) -> bool:
    """Whether a simple selector (`QLabel`, `#name`, `QLabel#name`, or none) picks `widget`."""
    if not selector:
        return True
    classes = set()
    meta = widget.metaObject()
    while meta is not None:
        classes.add(meta.className())
        meta = meta.superClass()
    for part in selector.split(","):
        kind, _, name = part.strip().partition("#")
        kind = kind.split(":")[0].strip()
        if (not kind or kind in classes) and (not name or name.split(":")[0] == widget.objectName()):
            return True
    return False


def sheet_background(widget: QWidget) -> QColor | None:
    """A background a style sheet (the widget's own, an ancestor's or the application's) gives `widget`."""
    owner: QWidget | None = widget
    sheets: list[str] = []
    while owner is not None:
        sheets.append(owner.styleSheet())
        owner = owner.parentWidget()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheets.append(app.styleSheet())
    for sheet in sheets:
        for selector, body in rules(sheet):
            match = BACKGROUND.search(body)
            if match and selects(selector, widget) and match.group(1) not in ("transparent", "none"):
                return QColor(match.group(1))
    return None


def background_of(label: QWidget) -> QColor:
    """The colour behind `label`: the nearest widget (itself or an ancestor) that paints a background."""
    widget: QWidget | None = label
    while widget is not None:
        color = sheet_background(widget)
        if color is not None:
            return color
        if widget.autoFillBackground() or widget.isWindow():
            return widget.palette().color(widget.backgroundRole())
        widget = widget.parentWidget()
    raise AssertionError(f"nothing paints behind {label.objectName()!r}")


def is_large(label: QLabel) -> bool:
    font = label.font()
    return font.pointSizeF() >= 18 or (font.bold() and font.pointSizeF() >= 14)


def label_problems(root: QWidget, window: QWidget) -> list[str]:
    found = []
    for label in root.findChildren(QLabel):
        shown = label.isVisibleTo(window) and label.isEnabled()
        if not shown or not QTextDocumentFragment.fromHtml(label.text()).toPlainText().strip():
            continue
        background = background_of(label)
        minimum = GRAPHIC_CONTRAST if is_large(label) else TEXT_CONTRAST
        where = f"{label.objectName() or type(label.parentWidget()).__name__} {label.text()[:50]!r}"
        text = flatten(label.palette().color(label.foregroundRole()), background)
        if contrast(text, background) < minimum:
            found.append(f"{where}: {text.name()} on {background.name()} ({contrast(text, background):.2f})")
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text()))
        for name in SPAN_COLOR.findall(label.text()) if rich else []:
            if name.lower() != "inherit" and contrast(QColor(name), background) < minimum:
                found.append(f"{where}: its {name} on {background.name()} "
                             f"({contrast(QColor(name), background):.2f})")
    return found


# --- charts --------------------------------------------------------------------------------------------------------

def chart_problems(window: QWidget, palette: QPalette) -> list[str]:
    found = []
    views = window.findChildren(QChartView)
    assert len(views) >= 3, "the dashboard's two charts and the assessment's"
    for view in views:
        chart = view.chart()
        name = view.objectName()
        background = chart.backgroundBrush().color()
        # It follows the palette: it is the palette's base (or window), not QtCharts' white.
        if min(contrast(background, palette.color(r)) for r in (Role.Base, Role.Window)) > 1.2:
            found.append(f"{name}: background {background.name()} on a {palette.color(Role.Window).name()} palette")
        if view.backgroundBrush().color() != background:
            found.append(f"{name}: the view around the chart is {view.backgroundBrush().color().name()}")
        texts = [("title", chart.titleBrush().color()), ("legend", chart.legend().labelColor())]
        texts += [(f"axis {axis.titleText() or i}", axis.labelsBrush().color()) for i, axis in enumerate(chart.axes())]
        for what, color in texts:
            if contrast(color, background) < TEXT_CONTRAST:
                found.append(f"{name}: {what} {color.name()} on {background.name()} "
                             f"({contrast(color, background):.2f})")
        for series in chart.series():
            assert isinstance(series, QBarSeries | QHorizontalBarSeries)
            for bar_set in series.barSets():
                if contrast(bar_set.color(), background) < GRAPHIC_CONTRAST:
                    found.append(f"{name}: bars {bar_set.color().name()} on {background.name()}")
    return found


# --- walking the window ----------------------------------------------------------------------------------------------

def walk(window: MainWindow, check: Callable[[QWidget], list[str]]) -> list[str]:
    """`check` every page (each tab of it) and the activity and profile dialogs; the planner on a year without a
    plan too, for its hint."""
    found: list[str] = []
    for row in range(len(PAGES)):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert page is not None
        tab_widgets: Sequence[QTabWidget | None] = page.findChildren(QTabWidget) or [None]
        for tabs in tab_widgets:
            for index in range(tabs.count() if tabs else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(index)
                QApplication.processEvents()
                found += check(page)
        if isinstance(page, PlannerPage):
            year = next(y for y in range(clock.today().year, clock.today().year + 20) if get_plan(y) is None)
            page.show_year(year)
            QApplication.processEvents()
            assert page.empty_hint.isVisible()
            found += check(page)
    for dialog in (window.open_activity_dialog(), open_profile_dialog(window)):
        QApplication.processEvents()
        found += check(dialog)
        dialog.reject()
    return sorted(set(found))


@pytest.mark.parametrize("colors", [DARK, HIGH_CONTRAST], ids=["dark", "high-contrast"])
def test_text_and_charts_read_well_on_a_dark_palette(
        make_window: Callable[..., MainWindow], data_dir: Path,
        set_palette: Callable[[dict[QPalette.ColorRole, str]], QPalette],
        colors: dict[QPalette.ColorRole, str]) -> None:
    palette = set_palette(colors)
    window = make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True)
    assert walk(window, lambda root: label_problems(root, root.window())) == []
    assert chart_problems(window, palette) == []


def test_charts_follow_a_palette_change(make_window: Callable[..., MainWindow], data_dir: Path,
                                        set_palette: Callable[[dict[QPalette.ColorRole, str]], QPalette]) -> None:
    window = make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True)
    for row in range(len(PAGES)):  # build every page (and chart) in the light palette
        window.nav.setCurrentRow(row)
    light = QApplication.palette()
    assert chart_problems(window, light) == []
    dark = set_palette(DARK)
    assert chart_problems(window, dark) == []
    planner = window.stack.findChild(PlannerPage)
    assert planner is not None
    window.nav.setCurrentRow(window.stack.indexOf(planner))
    planner.show_year(next(y for y in range(clock.today().year, clock.today().year + 20) if get_plan(y) is None))
    QApplication.processEvents()
    assert planner.empty_hint.isVisible()
    hint_background = background_of(planner.empty_hint)
    assert contrast(hint_background, dark.color(Role.Window)) < 2, hint_background.name()  # a dark tint
    assert label_problems(planner, window) == []


# --- check boxes ---------------------------------------------------------------------------------------------------

def strongest_contrast(image: QImage, rect: QRect, background: QColor) -> float:
    """The most any pixel of `rect` in `image` contrasts with `background` (an empty check box's frame)."""
    return max(contrast(image.pixelColor(x, y), background)
               for x in range(rect.left(), rect.right() + 1) for y in range(rect.top(), rect.bottom() + 1))


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_an_empty_check_box_shows_on_the_theme(qtbot: QtBot, qapp: QApplication, theme: str) -> None:
    """Fusion frames an indicator in the Window colour darkened: on the dark palette that is Base's own colour, so
    the empty boxes of the activity dialog's practices and of the requirement editor's conditions (item views, on
    Base) were invisible, and a check box on a window barely seen. Both now have a frame of 3:1."""
    apply_theme(qapp, theme)
    palette = QApplication.palette()
    assert qapp.style().name().lower() == "fusion"
    box = QWidget()
    qtbot.addWidget(box)
    practices = QListWidget()
    item = QListWidgetItem("1 - Personal and Professional Integrity")
    item.setCheckState(Qt.CheckState.Unchecked)
    practices.addItem(item)
    conditions = QTableWidget(1, 1)
    cell = QTableWidgetItem("Formal relationship")
    cell.setCheckState(Qt.CheckState.Unchecked)
    conditions.setItem(0, 0, cell)
    check = QCheckBox("The relationship has ended")
    layout = QVBoxLayout(box)
    for widget in (practices, conditions, check):
        layout.addWidget(widget)
    box.resize(320, 320)
    box.show()
    qtbot.waitExposed(box)

    base, window = palette.color(Role.Base), palette.color(Role.Window)
    for view, index in ((practices, practices.indexFromItem(item)), (conditions, conditions.indexFromItem(cell))):
        view.clearSelection()
        view.setCurrentIndex(QModelIndex())
        QApplication.processEvents()
        row = view.visualRect(index)
        indicator = QRect(row.left(), row.top(), row.height(), row.height())  # the check box leads the row
        image = view.viewport().grab().toImage()
        assert strongest_contrast(image, indicator, base) >= GRAPHIC_CONTRAST, type(view).__name__

    option = QStyleOptionButton()
    check.initStyleOption(option)
    indicator = check.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, check)
    image = check.grab().toImage()
    assert strongest_contrast(image, indicator, window) >= GRAPHIC_CONTRAST
