"""The report editor's writes: the per-year text, and the reflections, which are the activity's own fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import EllipsisType

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityRecord, get_activity, save_activity
from wethrive_desktop.models.annual_report.assemble import get_draft
from wethrive_desktop.models.annual_report.data import ReportDraft
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import valid_year
from wethrive_desktop.models.tables import AnnualReport, utc_now
from wethrive_desktop.models.validation import FieldError, ValidationError


def ensure_report_row(year: int) -> AnnualReport:
    """The report row of `year`, created (a draft) if there is none yet."""
    if not valid_year(year):
        raise ValidationError([FieldError("year", tr("{year} is not a reporting year").format(year=year))])
    row: AnnualReport | None = AnnualReport.get_or_none(AnnualReport.year == year)
    if row is None:
        now = utc_now()
        row = AnnualReport.create(year=year, created_at=now, updated_at=now)
    return row


def save_draft(year: int, *, summary_reflection: str | None = None, attestation_name: str | None = None,
               attestation_date: date | None | EllipsisType = ..., wholistic: bool | None = None,
               narrative: str | None = None, extension_until: date | None | EllipsisType = ...,
               today: date | None = None) -> ReportDraft:
    """Update the report's own text and settings; a field left out keeps its value. Starts the report (a draft)
    if needed.

    `wholistic`: the year is written as one `narrative` instead of a reflection per activity (the activities'
    reflections are kept either way). `extension_until`: the day an extension granted for this report runs to
    (None clears it); it must fall after the reporting year."""
    today = today or clock.today()
    errors = []
    if isinstance(attestation_date, date) and attestation_date > today:
        errors.append(FieldError("attestation_date", tr("{date} is in the future").format(
            date=format_date(attestation_date))))
    if isinstance(extension_until, date) and (extension_until.year <= year or not valid_year(extension_until.year)):
        errors.append(FieldError("extension_until", tr("An extension of the {year} report runs to a day after "
                                                       "{year}, not {date}").format(
            year=year, date=format_date(extension_until))))
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        row = ensure_report_row(year)
        if summary_reflection is not None:
            row.summary_reflection = summary_reflection.strip()
        if attestation_name is not None:
            row.attestation_name = attestation_name.strip()
        if not isinstance(attestation_date, EllipsisType):
            row.attestation_date = attestation_date
        if wholistic is not None:
            row.wholistic = wholistic
        if narrative is not None:
            row.narrative = narrative.strip()
        if not isinstance(extension_until, EllipsisType):
            row.extension_until = extension_until
        row.updated_at = utc_now()
        row.save()
    return get_draft(year)


def save_reflection(activity_id: int, *, description: str | None = None, learned: str | None = None,
                    year: int | None = None) -> ActivityRecord:
    """Save "how I took part" / "what I learned" to the activity itself (the one truth), through save_activity.

    With `year`, the report of that year is started (a draft) in the same transaction.
    """
    with database_proxy.atomic():
        record = get_activity(activity_id)
        data = record.data
        if description is not None:
            data = replace(data, description=description)
        if learned is not None:
            data = replace(data, learned=learned)
        if data != record.data:
            save_activity(data, activity_id)
        if year is not None:
            row = ensure_report_row(year)
            row.updated_at = utc_now()
            row.save()
    return get_activity(activity_id)
