"""The activity log's filter (ui/activities/filter.py) on its own: which rows pass, and that a search every row
passes gives the table nothing to narrow (so it shows its rows and the totals it has, with no work per row)."""

from __future__ import annotations

import random
from datetime import date

from test_activity_model import listed, record

from wethrive_desktop.ui.activities.filter import MASKED, ActivityFilter, letter_masks


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


def test_a_search_of_one_letter_or_digit_finds_by_the_masks_what_the_texts_give() -> None:
    # A long log searches a first letter in each row's mask of letters and digits, not in its text: the same rows,
    # after a sort too, and a word of any other character is still looked for in the texts.
    rng = random.Random(3)
    texts = ["".join(rng.choice("abcxyz019 éÉ-'") for _ in range(rng.randint(0, 12))).casefold() for _ in range(400)]
    rows = [record(i, "Row", "1", date(2026, 1, 1)) for i in range(len(texts))]
    plain, masked = ActivityFilter(), ActivityFilter()
    plain.load(rows, texts)
    masked.load(rows, texts, letter_masks(texts))
    order = list(range(len(texts)))
    for round_ in range(2):
        for word in [*MASKED, "é", "-", "'", "ab", "z 9", "a b c", "q"]:
            for found in (plain, masked):
                found.set_search(word)
            expected = [i for i, t in enumerate(texts) if all(w in t for w in word.split())]
            assert plain.matches() == (expected if len(expected) < len(texts) else None), (round_, word)
            assert masked.matches() == plain.matches(), (round_, word)
        rng.shuffle(order)  # sorted anew: the masks follow their rows
        texts = [texts[i] for i in order]
        rows = [rows[i] for i in order]
        plain.reorder(order, rows)
        masked.reorder(order, rows)
        order = list(range(len(texts)))
