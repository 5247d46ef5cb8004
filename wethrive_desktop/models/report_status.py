"""A year's annual report status on its own: the dashboard shows it before the window's first paint, and this
module lets it do so without importing the whole report package (models/annual_report: tens of milliseconds of
imports that the report page, built later, pays instead). Also when the report is due: the date the member's
program sets (Preferences), or the end of an extension granted for that year's report."""

from __future__ import annotations

from datetime import date

from wethrive_desktop.models.tables import AnnualReport, AnnualReportRevision


def report_status(year: int) -> str:
    """"not started", "draft" or "submitted" (the dashboard shows it)."""
    row = AnnualReport.get_or_none(AnnualReport.year == year)
    if row is None:
        return "not started"
    if AnnualReportRevision.select().where(AnnualReportRevision.report == row.id).exists():
        return "submitted"
    return "draft"


def extension_until(year: int) -> date | None:
    """The day an extension granted for the `year` report runs to (None: none was granted)."""
    row = AnnualReport.select(AnnualReport.extension_until).where(AnnualReport.year == year).first()
    return None if row is None else row.extension_until


def due_with_extension(due: date | None, extension: date | None) -> date | None:
    """When a report is due: `due` (the program's date, None when not known), or the extension's end when one
    was granted to a later day (an extension never brings the date forward)."""
    if extension is None:
        return due
    return extension if due is None or extension > due else due


def report_due(year: int, due: date | None) -> date | None:
    """When the `year` report is due: `due` as the member's program sets it (preferences.report_due_date), moved
    to the end of an extension granted for it."""
    return due_with_extension(due, extension_until(year))
