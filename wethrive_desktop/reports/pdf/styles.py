"""Page geometry, colours and paragraph styles of the annual report."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from wethrive_desktop.reports.pdf.fonts import FontSet

PAGE_SIZE = LETTER  # ICMA members are mostly in the United States
LEFT_MARGIN = RIGHT_MARGIN = 0.85 * inch
TOP_MARGIN = 0.95 * inch  # room for the running header
BOTTOM_MARGIN = 0.85 * inch  # room for the footer
FRAME_WIDTH = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN

INK = colors.HexColor("#1A202C")
MUTED = colors.HexColor("#5A6472")
ACCENT = colors.HexColor("#1F4E79")  # a deep, print-safe blue
ACCENT_LIGHT = colors.HexColor("#9DB7D5")
RULE = colors.HexColor("#C5CCD6")
SHADE = colors.HexColor("#F1F4F8")
HEADER_FILL = colors.HexColor("#E3EAF3")
GOOD = colors.HexColor("#2F6B3A")
SHORT = colors.HexColor("#A23B1F")

BODY_SIZE = 9.5
BODY_LEADING = 13.5


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    kicker: ParagraphStyle
    activity_kicker: ParagraphStyle
    activity_title: ParagraphStyle
    label: ParagraphStyle
    body: ParagraphStyle
    body_muted: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_note: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    figure_value: ParagraphStyle
    figure_label: ParagraphStyle
    header: ParagraphStyle
    header_right: ParagraphStyle


def make_styles(fonts: FontSet) -> Styles:
    base = ParagraphStyle(
        "base", fontName=fonts.base, fontSize=BODY_SIZE, leading=BODY_LEADING, textColor=INK, alignment=TA_LEFT,
        # No single line of a paragraph left alone at the foot or head of a page.
        allowOrphans=0, allowWidows=0, splitLongWords=1,
        # A word too long for its line breaks after one of its own hyphens ("Smith-" / "Jones") before it is cut.
        embeddedHyphenation=1,
    )

    def style(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    cell = style("cell", fontSize=8.5, leading=11)
    return Styles(
        title=style("title", fontName=fonts.bold, fontSize=19, leading=24, textColor=ACCENT, spaceAfter=2),
        subtitle=style("subtitle", fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=10),
        h1=style("h1", fontName=fonts.bold, fontSize=13, leading=17, textColor=ACCENT, spaceBefore=16,
                 spaceAfter=3, keepWithNext=1),
        h2=style("h2", fontName=fonts.bold, fontSize=10.5, leading=14, textColor=INK, spaceBefore=10,
                 spaceAfter=4, keepWithNext=1),
        kicker=style("kicker", fontName=fonts.bold, fontSize=9, leading=12, textColor=ACCENT, spaceBefore=4,
                     keepWithNext=1),
        activity_kicker=style("activity_kicker", fontName=fonts.bold, fontSize=9, leading=12, textColor=ACCENT,
                              spaceBefore=14, keepWithNext=1),
        activity_title=style("activity_title", fontName=fonts.bold, fontSize=12, leading=15.5, spaceAfter=6,
                             keepWithNext=1),
        label=style("label", fontName=fonts.bold, fontSize=9, leading=12, textColor=ACCENT, spaceBefore=7,
                    spaceAfter=2, keepWithNext=1),
        body=style("body", spaceAfter=4),
        body_muted=style("body_muted", fontName=fonts.italic, textColor=MUTED, spaceAfter=4),
        small=style("small", fontSize=8, leading=10.5, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_note=ParagraphStyle("cell_note", parent=cell, fontSize=8, leading=10, textColor=MUTED),
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=fonts.bold),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=fonts.bold, textColor=ACCENT),
        cell_head_right=ParagraphStyle("cell_head_right", parent=cell, fontName=fonts.bold, textColor=ACCENT,
                                       alignment=TA_RIGHT),
        figure_value=style("figure_value", fontName=fonts.bold, fontSize=16, leading=19, textColor=ACCENT),
        figure_label=style("figure_label", fontSize=7.5, leading=9.5, textColor=MUTED),
        header=style("header", fontSize=7.5, leading=9, textColor=MUTED),
        header_right=style("header_right", fontSize=7.5, leading=9, textColor=MUTED, alignment=TA_RIGHT),
    )
