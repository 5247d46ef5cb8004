"""The report page's colours, and the escaping of text put into its rich-text labels."""

from __future__ import annotations

import html

OK_COLOR, TODO_COLOR, WARN_COLOR, MUTED_COLOR = "#2e7d32", "#c62828", "#b26a00", "#5f6b7a"


def escape(text: str) -> str:
    """`text` for a rich-text label (which would read <, > and & as markup)."""
    return html.escape(text, quote=False)
