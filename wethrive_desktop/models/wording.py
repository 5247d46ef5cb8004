"""Small shared wording for the app's texts: a count with its noun in the right number ("1 activity",
"3 activities"). Plain text, no Qt, so models, reports and the GUI can all use it."""

from __future__ import annotations


def count(n: int, singular: str, plural: str) -> str:
    """"1 activity", "0 activities", "3 activities": `n` with the noun that agrees with it."""
    return f"{n} {singular if n == 1 else plural}"
