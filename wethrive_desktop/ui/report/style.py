"""The report page's colours, and the escaping of text put into its rich-text labels.

The colours are semantic (ui/colors.py): put into a style sheet or rich text (f"color: {OK_COLOR}"), each gives its
shade readable on the application's palette at that moment, light, dark or high contrast.
"""

from __future__ import annotations

import html

from wethrive_desktop.ui.colors import ERROR, MUTED, OK, WARN, ThemedColor

OK_COLOR = ThemedColor(OK)
TODO_COLOR = ThemedColor(ERROR)
WARN_COLOR = ThemedColor(WARN)
MUTED_COLOR = ThemedColor(MUTED)


def escape(text: str) -> str:
    """`text` for a rich-text label (which would read <, > and & as markup)."""
    return html.escape(text, quote=False)
