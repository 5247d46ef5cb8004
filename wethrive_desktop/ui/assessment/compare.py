"""The Compare tab's table: two assessments side by side, practice by practice, with the change (green up, red
down). The page fills it with the two selected in the history, else the latest two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor

from wethrive_desktop.models.assessments import RATING_LABELS, AssessmentData, compare
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.assessment.style import GREEN, NOT_RATED, RED
from wethrive_desktop.ui.widgets.record_table import Col


def rating_text(rating: int | None) -> str:
    return NOT_RATED if rating is None else f"{rating} {RATING_LABELS[rating]}"


def change_text(change: int | None) -> str:
    if change is None:
        return ""
    if change == 0:
        return "0"
    return f"+{change}" if change > 0 else f"\u2212{-change}"


@dataclass(frozen=True)
class CompareRow:
    practice: int
    before: int | None
    after: int | None
    change: int | None
    score_before: str
    score_after: str


def _change_color(row: CompareRow) -> QColor | None:
    if row.change is None or row.change == 0:
        return None
    return GREEN if row.change > 0 else RED


def compare_columns(earlier: AssessmentData | None, later: AssessmentData | None) -> list[Col[CompareRow]]:
    first = earlier.date.isoformat() if earlier else "Earlier"
    second = later.date.isoformat() if later else "Later"
    return [
        Col("Practice", lambda r: f"{r.practice} {PRACTICES[r.practice]}", lambda r: r.practice, stretch=True),
        Col(first, lambda r: rating_text(r.before), lambda r: r.before or 0,
            tip=lambda r: f"score {r.score_before}" if r.score_before else ""),
        Col(second, lambda r: rating_text(r.after), lambda r: r.after or 0,
            tip=lambda r: f"score {r.score_after}" if r.score_after else ""),
        Col("Change", lambda r: change_text(r.change), lambda r: r.change or 0, right=True,
            color=_change_color, bold=lambda r: bool(r.change)),
    ]


def compare_rows(earlier: AssessmentData, later: AssessmentData) -> list[CompareRow]:
    def score(value: Any) -> str:
        return "" if value is None else format_hours(value)

    return [CompareRow(c.practice, c.before, c.after, c.change, score(c.score_before), score(c.score_after))
            for c in compare(earlier, later)]
