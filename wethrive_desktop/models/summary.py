"""The yearly summary the dashboard, the CLI and the report share."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from wethrive_desktop.models.activities import ActivityRecord, load_activities
from wethrive_desktop.models.challenge import load_catalogues
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.models.requirements import icma_year
from wethrive_desktop.models.requirements.counting import RequirementProgress
from wethrive_desktop.models.rules import (
    PracticeHours,
    Progress,
    challenge_points,
    counts_in_year,
    hours_by_practice,
    total_hours,
)


@dataclass(frozen=True)
class YearSummary:
    year: int
    progress: Progress
    activities: int
    practice_hours: PracticeHours
    challenge_points: int
    icma: RequirementProgress | None = None  # Tenet 8 with ICMA's caps and conditions: what `progress` counts
    logged: Decimal | None = None  # every completed hour of the year, counted or not

    def to_json(self) -> dict[str, Any]:
        def num(d: Decimal) -> float:
            return float(round(d, 2))

        by_practice: dict[str, float] = {str(n): num(h) for n, h in self.practice_hours.by_practice.items()}
        by_practice["untagged"] = num(self.practice_hours.untagged)
        caps: dict[str, dict[str, float]] = {}
        if self.icma is not None:
            used = {c.type: c for c in self.icma.caps}
            for kind in self.icma.requirement.caps:
                cap = used.get(kind)
                caps[kind] = {"logged": num(cap.logged) if cap else 0.0, "counted": num(cap.counted) if cap else 0.0}
        return {
            "year": self.year,
            "total_hours": num(self.logged if self.logged is not None else self.progress.total),
            "counted_hours": num(self.progress.total),
            "caps": caps,
            "required_hours": int(self.progress.required),
            "remaining_hours": num(self.progress.remaining),
            "status": self.progress.status,
            "activities": self.activities,
            "hours_by_practice": by_practice,
            "challenge_points": self.challenge_points,
        }


def summarize(records: list[ActivityRecord], year: int, signed_up: bool) -> YearSummary:
    """The year's figures; `progress` (and so the status) follows the hours ICMA counts, `logged` every hour."""
    icma = icma_year(records, year)
    return YearSummary(
        year=year,
        progress=Progress(icma.counted, icma.required),
        icma=icma,
        logged=total_hours(records, year),
        activities=sum(1 for r in records if counts_in_year(r, year)),
        practice_hours=hours_by_practice(records, year),
        challenge_points=challenge_points(records, load_catalogues(), year, signed_up),
    )


def year_summary(year: int) -> YearSummary:
    return summarize(load_activities(year=year), year, get_profile().challenge_signup)
