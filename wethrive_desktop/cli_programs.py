"""`wethrive challenge`, `wethrive legacy` and `wethrive eligibility`: the program pages' figures, headless."""

from __future__ import annotations

import argparse
import json
from typing import Any

from wethrive_desktop.cli_common import CommandAdder, format_table, open_db, year_arg
from wethrive_desktop.models import clock


# The models each command needs are imported when it runs: `wethrive` without a command opens the app, which
# should not wait for them.
def cmd_challenge(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.challenge import challenge_points_for_year

    open_db(args, readonly=True)
    points = challenge_points_for_year(args.year if args.year is not None else clock.today().year)
    lines = [
        {"date": line.date.isoformat() if line.date else None, "key": line.key, "item": line.item_name,
         "entry": line.activity.data.title if line.activity else "Signed up for the challenge",
         "points": line.points}
        for line in points.lines
    ]
    if args.json:
        print(json.dumps({"year": points.year, "total_points": points.total, "catalogue_year": points.catalogue_year,
                          "entries": lines}, indent=2))
        return 0
    print(f"#WeThriveHere {points.year}: {points.total} points"
          + (f" (catalogue {points.catalogue_year})" if points.catalogue_year else " (no catalogue for this year)"))
    if lines:
        rows = [["Date", "Entry", "Item", "Points"]]
        rows += [[str(line["date"] or ""), str(line["entry"]), str(line["key"]), str(line["points"])]
                 for line in lines]
        print(format_table(rows, right=(3,)))
    return 0


def cmd_legacy(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.legacy import legacy_overview

    open_db(args, readonly=True)
    overview = legacy_overview(clock.today())
    years: list[dict[str, Any]] = [
        {"year": y.year, "status": y.status, "goal": y.goal, "leader_year": y.leader_year, "met": list(y.met),
         "missing": list(y.missing)}
        for y in overview.years
    ]
    if args.json:
        print(json.dumps({"years": years}, indent=2))
        return 0
    if not years:
        print("No Legacy Leaders records yet (coaching, recruitments or sponsorships).")
        return 0
    for y in years:
        print(f"{y['year']}: {y['status']} (goal: {y['goal']})")
        for text in y["met"]:
            print(f"  + {text}")
        for text in y["missing"]:
            print(f"  - missing: {text}")
    return 0


def cmd_eligibility(args: argparse.Namespace) -> int:
    from wethrive_desktop.models.eligibility import current_eligibility

    open_db(args, readonly=True)
    result = current_eligibility(clock.today())
    if result is None:
        print("Enter your education and experience (Edit > Profile..., Eligibility) to see your eligibility.")
        return 0
    print(result.describe())
    return 0


def register(command: CommandAdder) -> None:
    p = command("challenge", cmd_challenge, "#WeThriveHere challenge points for a year, with the entries")
    p.add_argument("--year", type=year_arg, default=None, help="the challenge year (default: this year)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p = command("legacy", cmd_legacy, "Legacy Leaders status by year, with what is missing")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    command("eligibility", cmd_eligibility, "eligibility as Candidate or Credentialed Manager")
