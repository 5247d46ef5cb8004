"""The report page's colours, the escaping of text put into its rich-text labels, and the few helpers its parts share:
a span of dates in the user's format (and a date edit's), a bold plain-text label (which can carry an access key),
and a dialog's first size fitted to the screen it opens on.

The colours are semantic (ui/colors.py): put into a style sheet or rich text (f"color: {OK_COLOR}"), each gives its
shade readable on the application's palette at that moment, light, dark or high contrast.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.ui.colors import ERROR, MUTED, OK, WARN, ThemedColor

OK_COLOR = ThemedColor(OK)
TODO_COLOR = ThemedColor(ERROR)
WARN_COLOR = ThemedColor(WARN)
MUTED_COLOR = ThemedColor(MUTED)
SCREEN_SHARE = 0.9  # a dialog opens at most this share of its screen's free area, so its frame and a taskbar fit


def escape(text: str) -> str:
    """`text` for a rich-text label (which would read <, > and & as markup)."""
    return html.escape(text, quote=False)


def colored(text: str, color: str) -> str:
    """Plain `text` in `color`, for a rich-text label."""
    return f"<span style='color:{color}'>{escape(text)}</span>"


def date_span(start: date, end: date | None, short: bool = False) -> str:
    """A date, or a span of dates when `end` is another day, in the user's format (`short`: in figures)."""
    if end is None or end == start:
        return format_date(start, short)
    return tr("{start} \u2013 {end}").format(start=format_date(start, short), end=format_date(end, short))


def date_edit_format() -> str:
    """The display format of a date edit: the user's short date, with the year in four figures (as
    `format_date(day, short=True)` writes it)."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def bold_label(text: str) -> QLabel:
    """A label in bold, as plain text: its "&" marks an access key (a rich-text label would show it)."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Give `dialog` its first size, `width` x `height`, or less on a screen too small for it (a 1366x768 laptop
    at 150% has 800x480 for windows): the dialog's layouts reflow or scroll within what is left."""
    parent = dialog.parentWidget()
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, int(free.width() * SCREEN_SHARE))
        height = min(height, int(free.height() * SCREEN_SHARE))
    dialog.resize(width, height)
