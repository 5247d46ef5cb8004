"""Requirements as data (issue 14): definitions and templates (definitions.py), counting an activity log toward
them (counting.py) and the member's tracked list (store.py). `standing` ties them together for the pages and the
command line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from wethrive_desktop.models import clock
from wethrive_desktop.models.requirements.counting import CountedFacts, RequirementProgress, progress
from wethrive_desktop.models.requirements.definitions import ALWAYS_ON, Requirement
from wethrive_desktop.models.requirements.store import get_requirement, load_requirements


def known_by(activities: Sequence[CountedFacts], on: date) -> Sequence[CountedFacts]:
    """The activities as they stood on `on`: a day in the past is seen without the activities started after it
    (the Requirements page's "As of" and `wethrive requirements --date` show the same); today, all of them."""
    if on >= clock.today():
        return activities
    return [a for a in activities if a.start_date <= on]


def standing(activities: Sequence[CountedFacts], on: date) -> list[RequirementProgress]:
    """Every tracked requirement's current period on `on`, Tenet 8 first, as it stood that day (known_by)."""
    known = known_by(activities, on)
    return [progress(r, known, on) for r in load_requirements(on)]


def tenet_8() -> Requirement:
    """ICMA's Tenet 8 as the member keeps it (always tracked; its period is always the calendar year)."""
    return get_requirement(ALWAYS_ON)


def icma_year(activities: Sequence[CountedFacts], year: int, on: date | None = None,
              requirement: Requirement | None = None) -> RequirementProgress:
    """Tenet 8 for calendar year `year`: hours logged and counted (caps and conditions applied), judged on `on`
    (default today)."""
    return progress(requirement or tenet_8(), activities, on or clock.today(), period_of=date(year, 1, 1))
