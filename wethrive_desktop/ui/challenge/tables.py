"""The challenge page's tables: the Points tab's entries (each with the item that earned its points) and the
Catalogue tab's items (with how many entries earn their points from each). Built when a page is, so their headers
are in the user's language.
"""

from __future__ import annotations

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.challenge import ChallengeItemData, PointsLine
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.widgets.record_table import Col

CatalogueRow = tuple[ChallengeItemData, int]
"""A catalogue item and the number of entries that earn their points from it."""


def line_title(line: PointsLine) -> str:
    return line.activity.data.title if line.activity else tr("Signed up for the challenge")


def line_hours(line: PointsLine) -> str:
    if line.activity is None:
        return ""
    if line.activity.hours == 0:
        return tr("no hours")
    return tr("{hours} h").format(hours=format_hours(line.activity.hours))


def line_date(line: PointsLine) -> str:
    return format_date(line.date, short=True) if line.date else ""


def points_columns() -> list[Col[PointsLine]]:
    return [
        Col(tr("Date"), line_date, sort=lambda ln: ln.date),
        Col(tr("Entry"), line_title, stretch=True, tip=lambda ln: line_title(ln)),
        Col(tr("Challenge item"), lambda ln: ln.item_name, stretch=True,
            tip=lambda ln: tr("{item} ({key})").format(item=ln.item_name, key=ln.key)),
        Col(tr("Hours"), line_hours, right=True),
        Col(tr("Points"), lambda ln: str(ln.points), sort=lambda ln: ln.points, right=True),
    ]


def catalogue_columns() -> list[Col[CatalogueRow]]:
    return [
        Col(tr("Points"), lambda r: str(r[0].points), sort=lambda r: r[0].points, right=True),
        Col(tr("Activity"), lambda r: r[0].name, stretch=True, tip=lambda r: r[0].name),
        Col(tr("Key"), lambda r: r[0].key),
        Col(tr("Entries"), lambda r: str(r[1]) if r[1] else "", sort=lambda r: r[1], right=True,
            tip=lambda _r: tr("Entries that earn their points from this item")),
    ]
