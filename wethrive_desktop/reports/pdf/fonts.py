"""The fonts bundled in `resources/fonts`, registered with ReportLab, and the markup that picks one per character.

DejaVu Sans covers Latin (with Vietnamese), Greek and Cyrillic but has no CJK; ReportLab draws a character the font
lacks as an invisible glyph without any error (shared/STACK.md). So every run of characters that DejaVu lacks and
WenQuanYi Micro Hei has is wrapped in a font tag for WenQuanYi, after the text has been XML-escaped.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from wethrive_desktop import resources_path
from wethrive_desktop.reports.pdf.coverage import missing_glyphs as missing_glyphs  # answered without the fonts

BASE = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
CJK = "WenQuanYi"

FONT_FILES = {
    BASE: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
CJK_FILE = "wqy-microhei.ttc"
LICENCE_FILES = ("LICENSE-DejaVu.txt", "LICENSE-WenQuanYi.txt")


def resources_dir() -> Path:
    """The package's data folder, `wethrive_desktop/resources`, wherever the package is installed (see
    `wethrive_desktop.resources_path`)."""
    folder = resources_path()
    if not (folder / "fonts" / FONT_FILES[BASE]).is_file():
        raise FileNotFoundError(f"the bundled fonts were not found in {folder}; reinstall WeThrive Desktop")
    return folder


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@dataclass(frozen=True)
class FontSet:
    base: str
    bold: str
    italic: str
    bold_italic: str
    cjk: str
    fallback_re: re.Pattern[str]  # one or more characters to draw with the CJK font


def _ranges_class(codepoints: set[int]) -> str:
    """A regex character class for a set of code points, written as ranges."""
    parts: list[str] = []
    ordered = sorted(codepoints)
    start = prev = ordered[0]
    for cp in ordered[1:] + [-1]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = cp
    return "[" + "".join(parts) + "]"


_lock = threading.Lock()
_registered: FontSet | None = None


def register_fonts() -> FontSet:
    """Register the bundled faces once per process (about 0.15 s) and return their names. Thread-safe: the app
    registers them on a worker while a first build may start on another."""
    global _registered
    if _registered is None:
        with _lock:
            if _registered is None:
                _registered = _register()
    return _registered


def _register() -> FontSet:
    folder = fonts_dir()
    faces = {name: TTFont(name, str(folder / filename)) for name, filename in FONT_FILES.items()}
    cjk = TTFont(CJK, str(folder / CJK_FILE), subfontIndex=0)
    for font in [*faces.values(), cjk]:
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(BASE, normal=BASE, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    # WenQuanYi has one face: <b> or <i> around CJK text keeps the same face rather than failing.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)
    covered = set(faces[BASE].face.charToGlyph)
    only_cjk = {cp for cp in cjk.face.charToGlyph if cp >= 0x80 and cp not in covered}
    return FontSet(BASE, BOLD, ITALIC, BOLD_ITALIC, CJK, re.compile(_ranges_class(only_cjk) + "+"))


def drawn_codepoints() -> set[int]:
    """Every code point the PDF can draw: those of the regular face and of the CJK font (coverage.py writes them down
    for the glyph check, which then needs no font loaded)."""
    fonts = register_fonts()
    base = pdfmetrics.getFont(fonts.base)
    cjk = pdfmetrics.getFont(fonts.cjk)
    return {cp for cp in (*base.face.charToGlyph, *cjk.face.charToGlyph) if cp >= 0x20}


def markup(text: str) -> str:
    """User text made safe for a Paragraph: XML-escaped, with CJK runs switched to the CJK font."""
    escaped = escape(text)
    if escaped.isascii():
        return escaped
    fonts = register_fonts()
    return fonts.fallback_re.sub(lambda m: f'<font name="{fonts.cjk}">{m.group(0)}</font>', escaped)


def multiline_markup(text: str) -> str:
    """Like `markup`, keeping the writer's line breaks."""
    return "<br/>".join(markup(line) for line in text.split("\n"))
