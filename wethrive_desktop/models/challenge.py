"""The #WeThriveHere challenge catalogue: one per challenge year, editable."""

from __future__ import annotations

from dataclasses import dataclass

from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.rules import Catalogues
from wethrive_desktop.models.tables import ChallengeItem


@dataclass(frozen=True)
class ChallengeItemData:
    year: int
    key: str
    name: str
    points: int


def load_items(year: int | None = None) -> list[ChallengeItemData]:
    query = ChallengeItem.select().order_by(ChallengeItem.year, ChallengeItem.points.desc(), ChallengeItem.key)
    if year is not None:
        query = query.where(ChallengeItem.year == year)
    return [ChallengeItemData(i.year, i.key, i.name, i.points) for i in query]


def load_catalogues() -> Catalogues:
    by_year: dict[int, dict[str, int]] = {}
    for item in load_items():
        by_year.setdefault(item.year, {})[item.key] = item.points
    return Catalogues(by_year)


def catalogue_for_year(year: int) -> list[ChallengeItemData]:
    """The items that apply to activities of `year`: its catalogue, or the newest earlier one."""
    years = [y for y in load_catalogues().by_year if y <= year]
    return load_items(max(years)) if years else []


def save_item(item: ChallengeItemData) -> None:
    with database_proxy.atomic():
        ChallengeItem.insert(year=item.year, key=item.key, name=item.name, points=item.points).on_conflict(
            conflict_target=[ChallengeItem.year, ChallengeItem.key],
            update={ChallengeItem.name: item.name, ChallengeItem.points: item.points},
        ).execute()
