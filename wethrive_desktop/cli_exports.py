"""`wethrive transcript`, `evidence-pack` and `verify-pack`: what a member hands in besides the annual report, from
the command line, with the same functions the File > Export menu uses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wethrive_desktop.cli_common import CommandAdder, CommandError, open_db, year_arg
from wethrive_desktop.files import write_atomically
from wethrive_desktop.models.rules import format_hours


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def cmd_transcript(args: argparse.Namespace) -> int:
    from wethrive_desktop.reports.transcript import (
        TRANSCRIPT_FORMATS,
        TranscriptError,
        build_transcript,
        render_transcript,
    )

    out = Path(args.out).expanduser()
    if out.suffix.lower() not in TRANSCRIPT_FORMATS:
        raise CommandError(f"--out: {out} should end in .pdf or .csv (the transcript's format is taken from it)")
    first, last = args.first_year, args.last_year
    if first is not None and last is not None and first > last:
        raise CommandError(f"--from {first} is after --to {last}; nothing was written")
    open_db(args, readonly=True)
    try:
        transcript = build_transcript(first, last)
    except TranscriptError as exc:
        raise CommandError(str(exc)) from None
    if not transcript.activity_count:
        # A transcript with nothing in it is almost always a mistyped year: say so rather than write an empty one.
        if first is None and last is None:
            where = ""
        elif first == last:
            where = f" in {first}"
        elif first is None:
            where = f" up to {last}"
        elif last is None:
            where = f" from {first} on"
        else:
            where = f" between {first} and {last}"
        raise CommandError(f"there are no completed activities with hours{where}; nothing was written")
    write_atomically(out, render_transcript(transcript, out.suffix, invariant=args.invariant), make_parents=True)
    print(f"Wrote {out}: {_count(transcript.activity_count, 'activity', 'activities')}, "
          f"{format_hours(transcript.total_hours)} h over {_count(len(transcript.years), 'year')} "
          f"({transcript.period}); fingerprint sha256 "
          f"{transcript.fingerprint}")
    return 0


def cmd_evidence_pack(args: argparse.Namespace) -> int:
    from wethrive_desktop.reports.evidence_pack import EvidencePackError, build_evidence_pack

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".zip":
        raise CommandError(f"--out: {out} should end in .zip")
    open_db(args, readonly=True)
    try:
        result = build_evidence_pack(args.year, out)
    except EvidencePackError as exc:
        raise CommandError(str(exc)) from None
    for warning in result.warnings:
        print(f"wethrive: warning: {warning}", file=sys.stderr)
    missing = f", {result.missing} missing (listed in its manifest)" if result.missing else ""
    print(f"Wrote {out}: the {args.year} report (PDF and Word), its transcript (PDF and CSV) and "
          f"{_count(result.attachments, 'attachment')}{missing}, with manifest.json")
    return 0


def cmd_verify_pack(args: argparse.Namespace) -> int:
    from wethrive_desktop.reports.evidence_pack import NotAnEvidencePackError, verify_evidence_pack

    path = Path(args.pack).expanduser()
    try:
        check = verify_evidence_pack(path)
    except NotAnEvidencePackError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{path} could not be read: {exc.strerror or exc}") from None
    for note in check.not_packed:
        print(f"note: not in the pack when it was built: {note}")
    if check.ok:
        print(f"{path} is intact: its {check.checked} files match its manifest (the {check.year} evidence pack, "
              f"generated on {check.generated_on}).")
        return 0
    for problem in check.problems():
        print(problem)
    print(f"wethrive: error: {path} is not intact: {_count(len(check.problems()), 'problem')} (listed above)",
          file=sys.stderr)
    return 1


def register(command: CommandAdder) -> None:
    p = command("transcript", cmd_transcript, "every activity over the years, with yearly totals, as PDF or CSV")
    p.add_argument("--out", metavar="FILE.pdf|FILE.csv", required=True,
                   help="where to write it; the suffix picks the format")
    p.add_argument("--from", dest="first_year", type=year_arg, metavar="YEAR", help="the first year (default: "
                                                                                    "the earliest)")
    p.add_argument("--to", dest="last_year", type=year_arg, metavar="YEAR", help="the last year (default: the "
                                                                                 "latest)")
    p.add_argument("--invariant", action="store_true", help="reproducible PDF (same data, same bytes)")

    p = command("evidence-pack", cmd_evidence_pack, "a zip with a year's report (PDF, Word), its transcript, every "
                                                    "attachment and a manifest of sha256s")
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--out", metavar="FILE.zip", required=True, help="where to write the zip")

    p = command("verify-pack", cmd_verify_pack, "check an evidence pack against its manifest (exit status 1 when "
                                                "a file is missing, altered or extra)")
    p.add_argument("pack", metavar="FILE.zip", help="the evidence pack to check")
