"""The assessment page's colours (a rating up, down; an error) and the mark of a practice not rated."""

from __future__ import annotations

from PySide6.QtGui import QColor

GREEN = QColor("#1b7a3a")
RED = QColor("#b3261e")
NOT_RATED = "—"
