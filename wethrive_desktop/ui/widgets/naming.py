"""Giving widgets their stable names: the object name (tests and automation) and the accessible name (screen
readers). Every interactive widget gets both."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QLabel, QWidget

from wethrive_desktop.ui.colors import ERROR, color_text

W = TypeVar("W", bound=QWidget)


def named(widget: W, object_name: str, accessible_name: str = "") -> W:
    widget.setObjectName(object_name)
    if accessible_name:
        widget.setAccessibleName(accessible_name)
    return widget


def show_as_error(label: QWidget) -> None:
    """Colour `label`'s text as an error, in the shade readable on the palette (light, dark or high contrast)."""
    color_text(label, ERROR)


def error_label(field: str) -> QLabel:
    """The hidden message label shown next to a field when it is invalid, named after it ("end_date" ->
    "endDateError"; a trailing "_key" is dropped, so "challenge_key" -> "challengeError")."""
    words = field.removesuffix("_key").split("_")
    label = named(QLabel(), "".join([words[0], *(w.title() for w in words[1:])]) + "Error")
    show_as_error(label)
    label.setWordWrap(True)
    label.hide()
    return label
