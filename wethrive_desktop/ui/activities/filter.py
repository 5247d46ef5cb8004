"""The activity table's filter: the search text, the type and the practice, matched in plain Python over values
precomputed once per row when the rows load. Nothing here calls into Qt: model.py asks `ActivityFilter.matches`
for the rows that pass and shows those.

Every word typed must appear, in any case, in the title, provider, description, what was learned or a topic (by its
tag or its name as shown). Each row's searchable text is made once, casefolded, when the rows are read from the store
(models.activities.listed_text, given to `load`); a keystroke is then one pass per new word
(itertools.compress over `word in text`: no Python function is called per row) over the rows that can still match:
typing more narrows from the previous result, and going back (Backspace) finds the earlier result in a small cache.

The first letter typed is searched in every row, and in a long log nearly every row has it. For that word of one
letter or digit, each row has a mask of the letters and digits in its text (`letter_masks`, made with the rows when
there are MASKS_FROM or more: on the worker that reads every year, or with a year that large). The rows are then
found by the letter's bit in each mask, not by reading every text (at 100,000 activities, some 45 MB scattered
through memory: 22 ms against 6); and when every row is searched (the first letter typed), by the byte that holds the
bit, taken from all the masks at once and read in C (`rows_with`), not a Python test of each (a third of the time).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence
from itertools import compress, repeat
from operator import and_, contains
from typing import Protocol

# What a result depends on: the words searched (casefolded), the type and the practice.
Criteria = tuple[tuple[str, ...], str | None, int | None]
NO_CRITERIA: Criteria = ((), None, None)
CACHE_SIZE = 8  # recent results kept; each is a list of row positions, at most one per row loaded
# The characters a row's mask records, each a bit (36 of a 64-bit integer): those a search of one character looks up.
MASKED = "abcdefghijklmnopqrstuvwxyz0123456789"
_BIT = {c: 1 << i for i, c in enumerate(MASKED)}
# For each bit of a byte, what each value of a byte says of it (1: set, 0: not): a bytes.translate table.
_HAS_BIT = [bytes((value >> bit) & 1 for value in range(256)) for bit in range(8)]
MASKS_FROM = 5_000  # fewer rows than this are searched as fast without masks (and they cost time at each load)


def rows_with(masks: array[int], bit: int) -> bytes:
    """For each mask of `masks`, 1 when it has `bit` (one bit, a value of _BIT) and 0 when not, made in C: the byte
    that holds the bit, taken from every mask at once (a slice of the masks' memory), translated to 1 or 0. A tenth
    of the time of testing each mask in Python (10,000 rows: 0.1 ms against 1)."""
    index = bit.bit_length() - 1
    byte, within = divmod(index, 8)
    size = masks.itemsize
    if sys.byteorder == "big":
        byte = size - 1 - byte
    return bytes(memoryview(masks).cast("B")[byte::size]).translate(_HAS_BIT[within])


def letter_masks(haystacks: Sequence[str]) -> array[int]:
    """For each search text (casefolded), a mask with the bit of every character of MASKED it contains."""
    bits = tuple(_BIT.items())
    return array("Q", [sum([bit for c, bit in bits if c in text]) for text in haystacks])


class Listed(Protocol):
    """What the filter reads of a row besides its search text (an ActivityRow has it)."""

    @property
    def type(self) -> str: ...
    @property
    def practices(self) -> tuple[int, ...]: ...


def _narrower(criteria: Criteria, than: Criteria) -> bool:
    """Whether every row matching `criteria` also matches `than` (so `than`'s result can be searched again)."""
    words, kind, practice = criteria
    old_words, old_kind, old_practice = than
    return ((old_kind is None or old_kind == kind) and (old_practice is None or old_practice == practice)
            and all(any(old in word for word in words) for old in old_words))


class ActivityFilter:
    """The rows passing the search, type and practice criteria, as positions in the list given to `load`."""

    def __init__(self) -> None:
        self._criteria: Criteria = NO_CRITERIA
        self._positions: list[int] = []  # 0..n-1, shared by the results so they hold no int objects of their own
        self._haystacks: list[str] = []
        self._masks: array[int] | None = None  # by position, as the haystacks (letter_masks); None: not made
        self._rows: Sequence[Listed] = ()  # the rows themselves (the model's list: no copy), for type and practice
        self._results: dict[Criteria, list[int]] = {}  # recent results, the most recent last

    # --- rows ------------------------------------------------------------------------------------------

    def load(self, rows: Sequence[Listed], haystacks: Sequence[str], masks: array[int] | None = None) -> None:
        """Take new rows and their search texts (models.activities.listed_text, casefolded when the rows were read:
        never again per keystroke), and their `letter_masks` if made (a search of one character then reads those,
        not the texts)."""
        if len(haystacks) != len(rows):
            raise ValueError(f"{len(rows)} rows but {len(haystacks)} search texts")
        if masks is not None and len(masks) != len(rows):
            raise ValueError(f"{len(rows)} rows but {len(masks)} letter masks")
        self._positions = list(range(len(rows)))
        self._haystacks = list(haystacks)
        self._masks = masks
        self._rows = rows
        self._results.clear()

    def reorder(self, order: Sequence[int], rows: Sequence[Listed]) -> None:
        """The rows were reordered (sorted) into `rows`: the row now at position i is the one that was at
        `order[i]`."""
        if len(rows) != len(order):
            raise ValueError(f"{len(rows)} rows but an order of {len(order)}")
        self._haystacks = list(map(self._haystacks.__getitem__, order))
        if self._masks is not None:
            self._masks = array("Q", map(self._masks.__getitem__, order))
        self._rows = rows
        current = self._results.get(self._criteria)
        self._results.clear()
        if current is not None:  # carried over, so a sort does not search again
            new_position = [0] * len(order)
            for new, old in enumerate(order):
                new_position[old] = new
            positions = self._positions
            self._results[self._criteria] = [positions[i] for i in sorted(map(new_position.__getitem__, current))]

    # --- criteria --------------------------------------------------------------------------------------

    def set_search(self, text: str) -> bool:
        """Search for every word of `text` (any case); True when that changes the criteria."""
        return self._set((tuple(text.casefold().split()), self._criteria[1], self._criteria[2]))

    def set_type(self, key: str | None) -> bool:
        return self._set((self._criteria[0], key, self._criteria[2]))

    def set_practice(self, number: int | None) -> bool:
        return self._set((self._criteria[0], self._criteria[1], number))

    def _set(self, criteria: Criteria) -> bool:
        changed = criteria != self._criteria
        self._criteria = criteria
        return changed

    def is_filtered(self) -> bool:
        return self._criteria != NO_CRITERIA

    # --- matching --------------------------------------------------------------------------------------

    def matches(self) -> list[int] | None:
        """Ascending positions of the rows passing every criterion; None when every row passes (no criterion, or
        criteria every row meets, as a first letter typed often is: the table then shows its rows as they are,
        with the totals it already has).

        The list is shared with the cache: read it, never change it.
        """
        criteria = self._criteria
        if criteria == NO_CRITERIA:
            return None
        result = self._results.pop(criteria, None)
        if result is None:
            result = self._search(criteria)
        self._results[criteria] = result
        if len(self._results) > CACHE_SIZE:
            del self._results[next(iter(self._results))]
        return None if len(result) == len(self._positions) else result

    def _search(self, criteria: Criteria) -> list[int]:
        # Start from the smallest recent result that this search narrows, and check only what that one did not.
        rows: list[int] = self._positions
        done: Criteria = NO_CRITERIA
        for previous, result in self._results.items():
            if len(result) < len(rows) and _narrower(criteria, previous):
                rows, done = result, previous
        words, kind, practice = criteria
        if kind is not None and done[1] is None:
            listed = self._rows
            rows = [i for i in rows if listed[i].type == kind]
        if practice is not None and done[2] is None:
            listed = self._rows
            rows = [i for i in rows if practice in listed[i].practices]
        haystacks, masks = self._haystacks, self._masks
        # Longest words first: they are the likeliest to rule rows out, leaving less for the others.
        for word in sorted(set(words) - set(done[0]), key=len, reverse=True):
            bit = _BIT.get(word) if masks is not None else None
            if bit is not None and masks is not None:  # one character: its bit in each row's mask
                texts_have = (rows_with(masks, bit) if rows is self._positions
                              else map(and_, map(masks.__getitem__, rows), repeat(bit)))
            elif rows is self._positions:  # every row: no indexing needed
                texts_have = map(contains, haystacks, repeat(word))
            else:
                texts_have = map(contains, map(haystacks.__getitem__, rows), repeat(word))
            rows = list(compress(rows, texts_have))
        return rows
