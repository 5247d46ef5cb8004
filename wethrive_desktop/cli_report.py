"""`wethrive report`, `report-check` and `report-submit`: the annual report from the command line (as PDF or Word),
with the same builders and the same functions as the report page."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wethrive_desktop.cli_common import CommandAdder, CommandError, open_db, year_arg
from wethrive_desktop.files import write_atomically
from wethrive_desktop.models import clock
from wethrive_desktop.models.rules import format_hours

if TYPE_CHECKING:
    from wethrive_desktop.models.annual_report.data import ReportData


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from exc


FORMATS = {"pdf": ".pdf", "docx": ".docx"}


def _check_suffix(out: Path, fmt: str) -> None:
    suffix = FORMATS[fmt]
    if out.suffix.lower() != suffix:
        other = next((f for f, s in FORMATS.items() if s == out.suffix.lower()), None)
        hint = f" (or add --format {other})" if other else ""
        raise CommandError(f"--out: {out} should end in {suffix} for --format {fmt}{hint}")


def _write(out: Path, content: bytes, fmt: str = "pdf") -> None:
    _check_suffix(out, fmt)
    write_atomically(out, content, make_parents=True)


def cmd_report(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    _check_suffix(out, args.format)  # before any work
    if args.format == "docx":
        if args.submitted or args.revision is not None:
            raise CommandError("--submitted and --revision reprint the PDF exactly as submitted; they cannot be "
                               "combined with --format docx")
        return _report_docx(args, out)  # always reproducible: --invariant changes nothing
    from wethrive_desktop.models.annual_report import build_report_data, reprint_revision
    from wethrive_desktop.reports.pdf.builder import render_report, render_revision_pdf

    open_db(args, readonly=True)
    if args.submitted or args.revision is not None:
        reprint = reprint_revision(args.year, args.revision, renderer=render_revision_pdf)
        _write(out, reprint.pdf)
        info = reprint.info
        print(f"Wrote {out}: the {args.year} report as submitted on {info.submitted_date.isoformat()} "
              f"(revision {info.revision}), sha256 {reprint.sha256}")
        if not reprint.identical:
            print("wethrive: warning: this copy's bytes differ from the file submitted (sha256 "
                  f"{info.pdf_sha256}); its content is the same snapshot")
        return 0
    data = build_report_data(args.year)
    rendered = render_report(data, invariant=args.invariant)
    _write(out, rendered.pdf)
    print(f"Wrote {out}: {rendered.pages} pages, {_hours(data)} in {len(data.activities)} activities for "
          f"{args.year}")
    return 0


def _report_docx(args: argparse.Namespace, out: Path) -> int:
    from wethrive_desktop.models.annual_report import build_report_data
    from wethrive_desktop.reports.word import render_report_docx

    open_db(args, readonly=True)
    data = build_report_data(args.year)
    _write(out, render_report_docx(data), "docx")
    print(f"Wrote {out}: the {args.year} report as a Word document, {_hours(data)} in "
          f"{len(data.activities)} activities")
    return 0


def _hours(data: ReportData) -> str:
    """'56 h logged, 50 h count' when ICMA's counting leaves some out, else '40 h'."""
    if data.counted_hours != data.total_hours:
        return f"{format_hours(data.total_hours)} h logged, {format_hours(data.counted_hours)} h count,"
    return f"{format_hours(data.total_hours)} h"


def cmd_report_check(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.annual_report import build_report_data, is_ready, readiness, report_status
    from wethrive_desktop.models.profile import get_profile
    from wethrive_desktop.reports.pdf.fonts import missing_glyphs

    open_db(args, readonly=True)
    # With the profile, as the report page asks it: a member not asked for a yearly report is told so first.
    items = readiness(build_report_data(args.year), unprintable=missing_glyphs, profile=get_profile())
    print(f"Annual report {args.year}: {report_status(args.year)}")
    for item in items:
        mark = "ok  " if item.ok else ("warn" if item.warning else "todo")
        first, *rest = item.message.splitlines() or [""]
        print(f"  [{mark}] {first}")
        for line in rest:  # a list inside the item (e.g. what ICMA asks of a mentoring), under its first line
            print(f"         {line.strip()}")
    ready = is_ready(items)
    print("Ready to submit." if ready else "Not ready yet.")
    return 0 if ready else 3


def cmd_report_submit(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.annual_report import latest_revision, submit_report
    from wethrive_desktop.reports.pdf.builder import render_revision_pdf

    open_db(args)
    if latest_revision(args.year) is not None and not args.new_revision:
        raise CommandError(f"the {args.year} report was already submitted; add --new-revision to submit a new "
                           "revision")
    submission = submit_report(args.year, args.date or clock.today(), renderer=render_revision_pdf)
    if args.out:
        _write(Path(args.out).expanduser(), submission.pdf)
    info = submission.info
    print(f"Submitted the {args.year} report on {info.submitted_date.isoformat()} as revision {info.revision} "
          f"(sha256 {info.pdf_sha256})" + (f"; wrote {args.out}" if args.out else ""))
    return 0


def register(command: CommandAdder) -> None:
    p = command("report", cmd_report, "the annual report for a year, as PDF or Word (.docx)")
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--out", metavar="FILE", required=True, help="where to write it (.pdf, or .docx with "
                                                                   "--format docx)")
    p.add_argument("--format", choices=sorted(FORMATS), default="pdf", help="pdf (the default) or docx")
    p.add_argument("--submitted", action="store_true", help="the latest submitted revision, exactly as sent")
    p.add_argument("--revision", type=int, metavar="N", help="a submitted revision, exactly as sent")
    p.add_argument("--invariant", action="store_true", help="reproducible PDF (same data, same bytes; a Word "
                                                            "report always is)")

    p = command("report-check", cmd_report_check, "the readiness check of a year's annual report "
                                                  "(exit status 3 when not ready)")
    p.add_argument("--year", type=year_arg, required=True)

    p = command("report-submit", cmd_report_submit, "freeze a year's annual report as submitted")
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--date", type=_date, help="the date it was submitted (default: today)")
    p.add_argument("--out", metavar="FILE.pdf", help="also write the submitted PDF")
    p.add_argument("--new-revision", action="store_true", help="submit again after an earlier submission")
