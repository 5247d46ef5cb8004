"""The challenge page's tables: the Points tab's entries (each with the item that earned its points) and the
Catalogue tab's items (with how many entries earn their points from each).
"""

from __future__ import annotations

from wethrive_desktop.models.challenge import ChallengeItemData, PointsLine
from wethrive_desktop.models.dates import short_date
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.widgets.record_table import Col

CatalogueRow = tuple[ChallengeItemData, int]
"""A catalogue item and the number of entries that earn their points from it."""


def line_title(line: PointsLine) -> str:
    return line.activity.data.title if line.activity else "Signed up for the challenge"


def line_hours(line: PointsLine) -> str:
    if line.activity is None:
        return ""
    return "no hours" if line.activity.hours == 0 else f"{format_hours(line.activity.hours)} h"


POINTS_COLUMNS: list[Col[PointsLine]] = [
    Col("Date", lambda ln: short_date(ln.date), sort=lambda ln: ln.date),
    Col("Entry", line_title, stretch=True, tip=lambda ln: line_title(ln)),
    Col("Challenge item", lambda ln: ln.item_name, stretch=True, tip=lambda ln: f"{ln.item_name} ({ln.key})"),
    Col("Hours", line_hours, right=True),
    Col("Points", lambda ln: str(ln.points), sort=lambda ln: ln.points, right=True),
]

CATALOGUE_COLUMNS: list[Col[CatalogueRow]] = [
    Col("Points", lambda r: str(r[0].points), sort=lambda r: r[0].points, right=True),
    Col("Activity", lambda r: r[0].name, stretch=True, tip=lambda r: r[0].name),
    Col("Key", lambda r: r[0].key),
    Col("Entries", lambda r: str(r[1]) if r[1] else "", sort=lambda r: r[1], right=True,
        tip=lambda r: "Entries that earn their points from this item"),
]
