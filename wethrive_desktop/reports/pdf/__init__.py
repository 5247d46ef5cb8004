"""The annual report as a PDF: bundled fonts, styles, charts and the platypus story built from a ReportData.

The names below are builder.py's, imported from it on first use: importing this package (as any of its modules
does, coverage.py and rendered.py for the GUI too) does not load ReportLab.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wethrive_desktop.reports.pdf.builder import (
        build_report_pdf,
        render_report,
        render_report_pdf,
        render_revision_pdf,
    )
    from wethrive_desktop.reports.pdf.rendered import RenderedReport

__all__ = ["RenderedReport", "build_report_pdf", "render_report", "render_report_pdf", "render_revision_pdf"]


def __getattr__(name: str) -> Any:
    if name == "RenderedReport":
        from wethrive_desktop.reports.pdf import rendered

        return rendered.RenderedReport
    if name in __all__:
        from wethrive_desktop.reports.pdf import builder

        return getattr(builder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
