"""The activity log's filter (ui/activities/filter.py) on its own: which rows pass, and that a search every row
passes gives the table nothing to narrow (so it shows its rows and the totals it has, with no work per row)."""

from __future__ import annotations

from datetime import date

from test_activity_model import listed, record

from wethrive_desktop.ui.activities.filter import ActivityFilter


def loaded() -> ActivityFilter:
    rows = [record(1, "Budget workshop", "2", date(2026, 3, 1), provider="GFOA"),
            record(2, "Ethics webinar", "1", date(2026, 3, 2), type="webinar"),
            record(3, "Housing summit", "6", date(2026, 3, 3), learned="Zoning reform")]
    found = ActivityFilter()
    found.load(*listed(rows))
    return found


def test_a_search_gives_the_positions_of_the_rows_with_every_word() -> None:
    found = loaded()
    found.set_search("ZONING summit")
    assert found.matches() == [2]
    found.set_search("summit")  # narrowing back out: searched again from every row, not from the last result
    assert found.matches() == [2]
    found.set_search("ing")
    assert found.matches() == [2]  # "Housing": "Budget workshop" and "Ethics webinar" have no "ing"


def test_criteria_every_row_meets_give_none_as_no_criteria_do() -> None:
    found = loaded()
    assert found.matches() is None
    found.set_search("o")  # "Budget workshop", "Housing summit"; not "Ethics webinar"
    assert found.matches() == [0, 2]
    found.set_search("e")  # in every row
    assert found.is_filtered() and found.matches() is None
    found.set_type("webinar")
    assert found.matches() == [1]
