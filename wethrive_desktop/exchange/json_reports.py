"""The JSON export section for annual reports and their submitted revisions (docs/data-format.md describes it).

Version 2 (migration 6) adds a report's `wholistic` choice, its whole-year `narrative` and `extension_until` (an
extension granted for the report); a file without them reads with their defaults.

A revision's snapshot is written as a JSON object (readable) and stored back as the same canonical text it was
stored as (sorted keys, compact), so a reprint after export and import builds the same PDF bytes.
"""

from __future__ import annotations

import json
from typing import Any

from wethrive_desktop.exchange.json_format import (
    JsonImportError,
    Section,
    read_date,
    read_datetime,
    read_int,
    read_list,
    read_object,
    read_str,
)
from wethrive_desktop.models.annual_report import ReportData, canonical_json
from wethrive_desktop.models.domain import valid_year
from wethrive_desktop.models.tables import AnnualReport, AnnualReportRevision


def dump_reports() -> list[dict[str, Any]]:
    revisions: dict[int, list[dict[str, Any]]] = {}
    for r in AnnualReportRevision.select().order_by(AnnualReportRevision.report, AnnualReportRevision.revision):
        revisions.setdefault(r.report_id, []).append({
            "revision": r.revision,
            "submitted_date": r.submitted_date.isoformat(),
            "pdf_sha256": r.pdf_sha256,
            "snapshot": json.loads(r.snapshot),
            "created_at": r.created_at.isoformat(),
        })
    return [
        {
            "year": row.year,
            "summary_reflection": row.summary_reflection,
            "attestation_name": row.attestation_name,
            "attestation_date": row.attestation_date.isoformat() if row.attestation_date else None,
            "created_at": row.created_at.isoformat(),
            "updated_at": row.updated_at.isoformat(),
            "revisions": revisions.get(row.id, []),
            "wholistic": bool(row.wholistic),
            "narrative": row.narrative,
            "extension_until": row.extension_until.isoformat() if row.extension_until else None,
        }
        for row in AnnualReport.select().order_by(AnnualReport.year)
    ]


def load_reports(data: Any) -> None:
    if not isinstance(data, list):
        raise JsonImportError("annual_reports: must be a list")
    years: set[int] = set()
    for i, raw in enumerate(data, 1):
        where = f"annual_reports[{i}]"
        record = read_object(raw, where)
        year = read_int(record, "year", where)
        if not valid_year(year) or year in years:
            raise JsonImportError(f"{where}: 'year' {year} is not a reporting year or appears twice")
        years.add(year)
        wholistic = record.get("wholistic", False)  # format 2 (migration 6): optional, as the two after it
        if not isinstance(wholistic, bool):
            raise JsonImportError(f"{where}: 'wholistic' must be true or false")
        extension = read_date(record, "extension_until", where)
        if extension is not None and not valid_year(extension.year):
            raise JsonImportError(f"{where}: 'extension_until' {extension.isoformat()} is not a date the app takes")
        report_id = AnnualReport.insert(
            year=year,
            summary_reflection=read_str(record, "summary_reflection", where, default=""),
            attestation_name=read_str(record, "attestation_name", where, default=""),
            attestation_date=read_date(record, "attestation_date", where),
            created_at=read_datetime(record, "created_at", where),
            updated_at=read_datetime(record, "updated_at", where),
            wholistic=wholistic,
            narrative=read_str(record, "narrative", where, default=""),
            extension_until=extension,
        ).execute()
        seen: set[int] = set()
        for j, raw_revision in enumerate(read_list(record, "revisions", where), 1):
            at = f"{where}.revisions[{j}]"
            rev = read_object(raw_revision, at)
            number = read_int(rev, "revision", at)
            if number < 1 or number in seen:
                raise JsonImportError(f"{at}: 'revision' {number} must be 1 or more and appear once")
            seen.add(number)
            sha = read_str(rev, "pdf_sha256", at)
            if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
                raise JsonImportError(f"{at}: 'pdf_sha256' must be 64 lower-case hex digits")
            snapshot = rev.get("snapshot")
            try:
                ReportData.from_json(read_object(snapshot, f"{at}.snapshot"))  # refuse what cannot be reprinted
            except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as exc:
                # The snapshot decoder meets a wrong shape as it walks (.items() of a list, Decimal("x")...).
                reason = str(exc) if len(str(exc)) <= 100 else str(exc)[:97] + "..."
                raise JsonImportError(f"{at}: 'snapshot' is not a report snapshot ({reason or type(exc).__name__})"
                                      ) from None
            AnnualReportRevision.insert(
                report=report_id, revision=number, submitted_date=read_date(rev, "submitted_date", at, required=True),
                snapshot=canonical_json(snapshot), pdf_sha256=sha, created_at=read_datetime(rev, "created_at", at),
            ).execute()


SECTIONS: tuple[Section, ...] = (
    Section("annual_reports", dump_reports, load_reports,
            has_records=lambda: AnnualReport.select().exists(), version=2),
)
