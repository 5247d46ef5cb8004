"""Which characters the report PDF can draw, answered without loading its fonts.

The glyph check of the report page runs on every change, and loading the bundled fonts into ReportLab costs about
36 MiB and 0.15 s: the page would pay both only to know which code points the fonts have. Those are written once in
`resources/fonts/coverage.txt` (the code points of DejaVu Sans and WenQuanYi Micro Hei, as ranges), which
`python scripts/font_coverage.py` writes from the fonts themselves, and a test keeps true.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from wethrive_desktop import resources_path
from wethrive_desktop.files import write_atomically

COVERAGE_FILE = "coverage.txt"
HEADER = "# Code points the bundled fonts draw, as hex ranges (python scripts/font_coverage.py)\n"


def ranges_of(codepoints: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted, merged (first, last) ranges covering exactly `codepoints`."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(set(codepoints)):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return ranges


def coverage_text(codepoints: Iterable[int]) -> str:
    return HEADER + "".join(f"{first:X}-{last:X}\n" for first, last in ranges_of(codepoints))


def parse_coverage(text: str) -> list[tuple[int, int]]:
    ranges = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            first, last = line.split("-")
            ranges.append((int(first, 16), int(last, 16)))
    return ranges


@cache
def _starts_and_ends() -> tuple[list[int], list[int]]:
    ranges = parse_coverage(resources_path("fonts", COVERAGE_FILE).read_text(encoding="ascii"))
    return [first for first, _ in ranges], [last for _, last in ranges]


def can_draw(codepoint: int) -> bool:
    """Whether a bundled font has a glyph for `codepoint`."""
    starts, ends = _starts_and_ends()
    i = bisect_right(starts, codepoint) - 1
    return i >= 0 and codepoint <= ends[i]


def missing_glyphs(text: str) -> set[str]:
    """Characters neither bundled font can draw (they would print as nothing)."""
    if text.isascii():
        return set()
    return {ch for ch in set(text) if ch >= " " and not can_draw(ord(ch))}


def write_coverage() -> Path:
    """Write coverage.txt from the fonts (after a font is added or updated); its path."""
    from wethrive_desktop.reports.pdf.fonts import drawn_codepoints

    path = resources_path("fonts", COVERAGE_FILE)
    write_atomically(path, coverage_text(drawn_codepoints()))
    return path
