"""A year's annual report status on its own: the dashboard shows it before the window's first paint, and this
module lets it do so without importing the whole report package (models/annual_report: tens of milliseconds of
imports that the report page, built later, pays instead)."""

from __future__ import annotations

from wethrive_desktop.models.tables import AnnualReport, AnnualReportRevision


def report_status(year: int) -> str:
    """"not started", "draft" or "submitted" (the dashboard shows it)."""
    row = AnnualReport.get_or_none(AnnualReport.year == year)
    if row is None:
        return "not started"
    if AnnualReportRevision.select().where(AnnualReportRevision.report == row.id).exists():
        return "submitted"
    return "draft"
