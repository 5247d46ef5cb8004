"""The Compare tab's table: two assessments side by side, practice by practice, with the change (green up, red
down). The page fills it with the two selected in the history, else the latest two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.assessments import AssessmentData, compare
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.assessment.style import GREEN, NOT_RATED, RED
from wethrive_desktop.ui.widgets.labels import practice_name, rating_name
from wethrive_desktop.ui.widgets.record_table import Col


def rating_text(rating: int | None) -> str:
    """"3 Adequate", or the mark of a practice not rated."""
    return NOT_RATED if rating is None else tr("{rating} {label}").format(rating=rating, label=rating_name(rating))


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
    """The columns for `earlier` against `later`, each headed by its date (in the locale's figures)."""
    first = format_date(earlier.date, short=True) if earlier else tr("Earlier")
    second = format_date(later.date, short=True) if later else tr("Later")

    def score_tip(score: str) -> str:
        return tr("score {score}").format(score=score) if score else ""

    return [
        Col(tr("Practice"), lambda r: tr("{number} {name}").format(number=r.practice, name=practice_name(r.practice)),
            lambda r: r.practice, stretch=True),
        Col(first, lambda r: rating_text(r.before), lambda r: r.before or 0, tip=lambda r: score_tip(r.score_before)),
        Col(second, lambda r: rating_text(r.after), lambda r: r.after or 0, tip=lambda r: score_tip(r.score_after)),
        Col(tr("Change"), lambda r: change_text(r.change), lambda r: r.change or 0, right=True,
            color=_change_color, bold=lambda r: bool(r.change)),
    ]


def compare_rows(earlier: AssessmentData, later: AssessmentData) -> list[CompareRow]:
    def score(value: Any) -> str:
        return "" if value is None else format_hours(value)

    return [CompareRow(c.practice, c.before, c.after, c.change, score(c.score_before), score(c.score_after))
            for c in compare(earlier, later)]
