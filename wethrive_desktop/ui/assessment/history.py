"""The history table: one row per assessment (date, kind, how many practices rated, the needs marked)."""

from __future__ import annotations

from collections.abc import Sequence

from wethrive_desktop.models.assessments import AssessmentData
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.ui.widgets.record_table import Col

KIND_SHORT = {"self": "Self-assessment", "management": "Management Assessment", "multirater": "360 summary"}


def needs_text(needs: Sequence[int]) -> str:
    return ", ".join(str(n) for n in needs)


HISTORY_COLUMNS: list[Col[AssessmentData]] = [
    Col("Date", lambda a: a.date.isoformat(), lambda a: (a.date, a.id)),
    Col("Kind", lambda a: KIND_SHORT.get(a.kind, a.kind), tip=lambda a: a.kind_label, stretch=True),
    Col("Rated", lambda a: f"{a.rated} of 14", lambda a: a.rated, right=True),
    Col("Needs", lambda a: needs_text(a.needs), lambda a: a.needs,
        tip=lambda a: "\n".join(f"{n} {PRACTICES[n]}" for n in a.needs)),
]
