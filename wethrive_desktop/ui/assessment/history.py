"""The history table: one row per assessment (date, kind, how many practices rated, the needs marked)."""

from __future__ import annotations

from collections.abc import Sequence

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.assessments import AssessmentData
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.ui.widgets.labels import kind_name, practice_name
from wethrive_desktop.ui.widgets.record_table import Col


def kind_short(kind: str) -> str:
    """The kind in a few words, for the narrow column (its tooltip has the full name)."""
    return {"self": tr("Self-assessment"), "management": tr("Management Assessment"),
            "multirater": tr("360 summary")}.get(kind, kind)


def needs_text(needs: Sequence[int]) -> str:
    return ", ".join(str(n) for n in needs)


def history_columns() -> list[Col[AssessmentData]]:
    """The columns, their headers in the user's language; dates in the locale's figures, sorted by the date."""
    return [
        Col(tr("Date"), lambda a: format_date(a.date, short=True), lambda a: (a.date, a.id)),
        Col(tr("Kind"), lambda a: kind_short(a.kind), tip=lambda a: kind_name(a.kind), stretch=True),
        Col(tr("Rated"), lambda a: tr("{rated} of {all}").format(rated=a.rated, all=len(PRACTICES)),
            lambda a: a.rated, right=True),
        Col(tr("Needs"), lambda a: needs_text(a.needs), lambda a: a.needs,
            tip=lambda a: "\n".join(tr("{number} {name}").format(number=n, name=practice_name(n))
                                    for n in a.needs)),
    ]
