"""Small shared wording for the app's texts: the hours against the commitment ("39 of 40 h", "85 h (40 required)").
A count with its noun is `i18n.trn("%n activity", "%n activities", n)` at its call site. Plain text, no Qt, so
models, reports and the GUI can all use it. What the GUI shows goes through `i18n` (so a translation reaches it);
`hours_with_required` is the reports' English wording and stays as written."""

from __future__ import annotations

from decimal import Decimal

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.rules import commitment_met, format_hours


def hours_with_required(total: Decimal, required: Decimal) -> str:
    """"85 h (40 required)": the hours reported against the commitment (the report's wording)."""
    return f"{format_hours(total)} h ({format_hours(required)} required)"


def hours_against(total: Decimal, required: Decimal) -> str:
    """The hours against the commitment, one wording for the whole app: "39 of 40 h" while short of it, and once it
    is met "85 h (40 required)" (never "85 of 40 h")."""
    hours = {"total": format_hours(total), "required": format_hours(required)}
    if commitment_met(total, required):
        return tr("{total} h ({required} required)").format(**hours)
    return tr("{total} of {required} h").format(**hours)

