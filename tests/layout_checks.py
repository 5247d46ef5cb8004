"""A check the screen tests put a window or dialog through beside ui_checks.clipped: nothing laid out over
something else, nothing reaching past the widget holding it.

ui_checks.clipped compares each widget with the window (or, in a scroll area, with the area's width): a widget a
layout squeezes below its minimum height still lies inside the window, only its container is too short for it and
the next section is drawn over its bottom (issue 14's review: the "what ICMA asks" section covered the last two
practices at 800x480). `overlaps` finds exactly that: a widget reaching past its parent's rectangle, and two
siblings sharing pixels.
"""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLineEdit, QWidget
from ui_checks import describe, shown

# Widgets whose children are their own parts (a spin box's line edit, a combo box's button, a line edit's clear
# button, an item view's editors): Qt places them, and they may overlap on purpose.
COMPOSITE = (QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView)


def _laid_out(widget: QWidget, root: QWidget) -> bool:
    """Whether `widget` is placed by the application's layouts: not a part of a composite widget or of a scroll
    area (its viewport, its bars), nor the content of a scroll area's viewport (larger than it on purpose; the
    widgets in that content are checked)."""
    parent = widget.parentWidget()
    if widget.isWindow() or parent is None or isinstance(parent, QAbstractScrollArea):
        return False
    area = parent.parentWidget()
    if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
        return False
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOSITE):
            return False
        parent = parent.parentWidget()
    return True


def overlaps(root: QWidget, tolerance: int = 1) -> list[str]:
    """Readable problems, empty when all is well: a widget reaching past its parent by more than `tolerance`
    pixels (the parent cuts it), and two siblings overlapping by more than `tolerance` pixels each way (one is
    drawn over the other)."""
    problems: list[str] = []
    by_parent: dict[int, list[QWidget]] = {}
    for widget in shown(root):
        if not _laid_out(widget, root):
            continue
        parent = widget.parentWidget()
        if parent is None:
            continue
        inside = parent.rect().adjusted(-tolerance, -tolerance, tolerance, tolerance)
        if not inside.contains(widget.geometry()):
            problems.append(f"{describe(widget)} reaches past {describe(parent)}: {widget.geometry().getRect()} "
                            f"not in {parent.rect().getRect()}")
        by_parent.setdefault(id(parent), []).append(widget)
    for siblings in by_parent.values():
        for first, second in combinations(siblings, 2):
            common: QRect = first.geometry().intersected(second.geometry())
            if common.width() > tolerance and common.height() > tolerance:
                problems.append(f"{describe(first)} and {describe(second)} overlap: {common.getRect()}")
    return problems
