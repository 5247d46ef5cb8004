"""Small shared wording for the app's texts: a count with its noun in the right number ("1 activity",
"3 activities"), and the hours against the commitment ("39 of 40 h", "85 h (40 required)"). Plain text, no Qt, so
models, reports and the GUI can all use it."""

from __future__ import annotations

from decimal import Decimal

from wethrive_desktop.models.rules import commitment_met, format_hours


def count(n: int, singular: str, plural: str) -> str:
    """"1 activity", "0 activities", "3 activities": `n` with the noun that agrees with it."""
    return f"{n} {singular if n == 1 else plural}"


def hours_with_required(total: Decimal, required: Decimal) -> str:
    """"85 h (40 required)": the hours reported against the commitment (the report's wording)."""
    return f"{format_hours(total)} h ({format_hours(required)} required)"


def hours_against(total: Decimal, required: Decimal) -> str:
    """The hours against the commitment, one wording for the whole app: "39 of 40 h" while short of it, and once it
    is met "85 h (40 required)" (never "85 of 40 h")."""
    if commitment_met(total, required):
        return hours_with_required(total, required)
    return f"{format_hours(total)} of {format_hours(required)} h"

