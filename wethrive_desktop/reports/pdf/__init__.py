"""The annual report as a PDF: bundled fonts, styles, charts and the platypus story built from a ReportData."""

from wethrive_desktop.reports.pdf.builder import (
    RenderedReport,
    build_report_pdf,
    render_report,
    render_report_pdf,
    render_revision_pdf,
)

__all__ = ["RenderedReport", "build_report_pdf", "render_report", "render_report_pdf", "render_revision_pdf"]
