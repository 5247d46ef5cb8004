"""Submissions: each one freezes the live report as a revision (its exact content as JSON, and the sha256 of the
PDF built from it); later edits never change it, and a reprint rebuilds the same bytes from the snapshot.

models/ does not build PDFs: the caller passes the renderer (reports.pdf.render_revision_pdf, an invariant build
so the same snapshot always gives the same bytes).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import peewee

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report.assemble import build_report_data
from wethrive_desktop.models.annual_report.codec import canonical_json
from wethrive_desktop.models.annual_report.data import ReportData, Reprint, RevisionInfo, Submission
from wethrive_desktop.models.annual_report.drafts import ensure_report_row
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.tables import AnnualReport, AnnualReportRevision, utc_now
from wethrive_desktop.models.validation import FieldError, ValidationError

PdfRenderer = Callable[[ReportData], bytes]
"""Builds the PDF of a frozen report; it must be deterministic (reports.pdf.render_revision_pdf is)."""


def list_revisions(year: int) -> list[RevisionInfo]:
    query = (AnnualReportRevision
             .select(AnnualReportRevision.revision, AnnualReportRevision.submitted_date,
                     AnnualReportRevision.pdf_sha256)
             .join(AnnualReport).where(AnnualReport.year == year).order_by(AnnualReportRevision.revision))
    return [RevisionInfo(year, r, d, s) for r, d, s in query.tuples()]


def latest_revision(year: int) -> RevisionInfo | None:
    found = list_revisions(year)
    return found[-1] if found else None


def get_revision(year: int, revision: int | None = None) -> tuple[RevisionInfo, ReportData]:
    """A submitted revision (the latest by default) and its frozen content."""
    info, payload = get_revision_payload(year, revision)
    return info, ReportData.from_json(payload)


def get_revision_payload(year: int, revision: int | None = None) -> tuple[RevisionInfo, dict[str, Any]]:
    """A submitted revision (the latest by default) and its snapshot as stored (JSON): what its format knew."""
    query = AnnualReportRevision.select().join(AnnualReport).where(AnnualReport.year == year)
    if revision is None:
        query = query.order_by(AnnualReportRevision.revision.desc())
    else:
        query = query.where(AnnualReportRevision.revision == revision)
    row = query.first()
    if row is None:
        if revision is None:
            raise LookupError(tr("the {year} report has not been submitted").format(year=year))
        raise LookupError(tr("the {year} report has no revision {revision}").format(year=year, revision=revision))
    info = RevisionInfo(year, row.revision, row.submitted_date, row.pdf_sha256)
    payload = json.loads(row.snapshot)
    if not isinstance(payload, dict):
        raise ValueError(f"the {year} report's revision {row.revision} is not a snapshot")
    return info, payload


def submit_report(year: int, submitted_on: date, *, renderer: PdfRenderer, today: date | None = None) -> Submission:
    """Freeze the live report of `year` as its next revision: the exact content and the PDF's sha256.

    The first call makes revision 1; each later call (made only when the member asks for a new revision) makes the
    next one. Earlier revisions are never changed. `renderer` builds the PDF whose sha256 is stored.
    """
    today = today or clock.today()
    if submitted_on > today:
        raise ValidationError([FieldError("submitted_date", tr("{date} is in the future").format(
            date=format_date(submitted_on)))])
    if submitted_on.year <= year - 1:
        raise ValidationError([FieldError("submitted_date",
                                          tr("{date} is before the {year} reporting year").format(
                                              date=format_date(submitted_on), year=year))])
    with database_proxy.atomic():
        row = ensure_report_row(year)
        previous = AnnualReportRevision.select(peewee.fn.MAX(AnnualReportRevision.revision)).where(
            AnnualReportRevision.report == row.id).scalar() or 0
        number = int(previous) + 1
        data = replace(build_report_data(year, submitted_on), revision=number, submitted_on=submitted_on)
        snapshot = canonical_json(data.to_json())
        # The PDF is built from the snapshot as stored, exactly as a reprint will be.
        frozen = ReportData.from_json(json.loads(snapshot))
        pdf = renderer(frozen)
        sha = hashlib.sha256(pdf).hexdigest()
        AnnualReportRevision.insert(report=row.id, revision=number, submitted_date=submitted_on, snapshot=snapshot,
                                    pdf_sha256=sha, created_at=utc_now()).execute()
    return Submission(RevisionInfo(year, number, submitted_on, sha), frozen, pdf)


def reprint_revision(year: int, revision: int | None = None, *, renderer: PdfRenderer) -> Reprint:
    """Rebuild a submitted revision's PDF from its snapshot with `renderer` and check it against its sha256."""
    info, data = get_revision(year, revision)
    return Reprint(info, renderer(data))
