"""The annual report PDF: a platypus story built from a ReportData, with a running header and "Page X of Y".

Every user string goes through `markup` (escaped, CJK runs switched to the CJK font) before it reaches a Paragraph.
With `invariant=True` the output is byte-for-byte reproducible, which is how a submitted revision is reprinted and
checked against its stored sha256.

    builder.py   rendering: the document, its fonts and metadata, bytes or a file
    story.py     the report's sections, in order
    blocks.py    the paragraphs, headings and tables the sections are made of
    page.py      the page furniture: running header, "Page X of Y" footer, layout progress
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from reportlab import rl_config
from reportlab.platypus import Flowable, Frame, PageTemplate

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.files import write_atomically
from wethrive_desktop.models.annual_report import ReportData
from wethrive_desktop.reports.pdf.flowables import KeepWithFirstPart
from wethrive_desktop.reports.pdf.fonts import register_fonts
from wethrive_desktop.reports.pdf.page import (
    Progress,
    ReportDoc,
    numbered_canvas,
    page_furniture,
)
from wethrive_desktop.reports.pdf.rendered import RenderedReport
from wethrive_desktop.reports.pdf.story import Story
from wethrive_desktop.reports.pdf.styles import BOTTOM_MARGIN, LEFT_MARGIN, PAGE_SIZE, TOP_MARGIN, make_styles
from wethrive_desktop.reports.wording import document_subject, document_title

# ASCII85 on top of zlib only made PDFs 7-bit clean for old mail gateways; without it the file is a fifth smaller
# and the pure-Python encoder (a tenth of the build time) is skipped. This process builds no other PDFs.
rl_config.useA85 = 0


def render_report(data: ReportData, invariant: bool = False, progress: Progress | None = None) -> RenderedReport:
    """The report as PDF bytes, with its page count. `progress(done, total)` is called as flowables are laid out."""
    fonts = register_fonts()
    return render_story(data, Story(data, fonts, make_styles(fonts)).build(), invariant, progress)


def render_story(data: ReportData, story: list[Flowable], invariant: bool = False,
                 progress: Progress | None = None) -> RenderedReport:
    """`story` laid out on the report's pages: its page template, running header and footer for `data` (tests lay
    out single sections with it)."""
    fonts = register_fonts()
    styles = make_styles(fonts)
    on_page, footer = page_furniture(data, fonts, styles)
    buffer = io.BytesIO()
    total = len(story) + 1
    doc = ReportDoc(
        buffer, progress, total, pagesize=PAGE_SIZE, leftMargin=LEFT_MARGIN, rightMargin=LEFT_MARGIN,
        topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
        title=document_title(data), author=data.member.name, subject=document_subject(data),
        creator=f"{APP_NAME} {__version__}", invariant=1 if invariant else 0,
        # Headings stay with the first part of what follows, not with all of it (no page left mostly blank).
        keepTogetherClass=KeepWithFirstPart,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=on_page)])
    doc.build(story, canvasmaker=numbered_canvas(footer, fonts.base))
    if progress is not None:
        progress(total, total)
    return RenderedReport(buffer.getvalue(), doc.page)


def render_report_pdf(data: ReportData, invariant: bool = False, progress: Progress | None = None) -> bytes:
    """The report as PDF bytes."""
    return render_report(data, invariant=invariant, progress=progress).pdf


def render_revision_pdf(data: ReportData) -> bytes:
    """The invariant build a submitted revision is stored and reprinted with (models' submit_report and
    reprint_revision take it as their renderer: the same snapshot always gives the same bytes)."""
    return render_report_pdf(data, invariant=True)


def build_report_pdf(report_data: ReportData, out_path: Path | str, invariant: bool = False,
                     progress: Progress | None = None) -> str:
    """Write the report to `out_path` (write_atomically: a failed build or write leaves the old file, and no half
    file); returns the PDF's sha256."""
    pdf = render_report_pdf(report_data, invariant=invariant, progress=progress)
    write_atomically(Path(out_path), pdf, make_parents=True)
    return hashlib.sha256(pdf).hexdigest()
