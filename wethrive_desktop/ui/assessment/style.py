"""The assessment page's colours (a rating up, down) and the mark of a practice not rated.

The colours are the semantic ones of ui/colors.py, live: the same QColor objects, kept at the shade readable on
the application's palette as it changes (item models hand them out at every paint).
"""

from __future__ import annotations

from wethrive_desktop.ui.colors import ERROR, OK, live_color

GREEN = live_color(OK)
RED = live_color(ERROR)
NOT_RATED = "—"
