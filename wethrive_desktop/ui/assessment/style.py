"""The assessment page's colours (a rating up, down; an error) and the mark of a practice not rated.

The colours are live (ui/colors.py): the same QColor objects, kept at the shade readable on the application's
palette as it changes (item models hand them out at every paint).
"""

from __future__ import annotations

from wethrive_desktop.ui.colors import live_color

GREEN = live_color("#1b7a3a")
RED = live_color("#b3261e")
NOT_RATED = "—"
