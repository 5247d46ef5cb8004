"""The annual report as the values a member copies into ICMA's online annual-report form, one field at a time.

Which fields, in which order, as what text: the GUI's "Copy for the ICMA portal" view only shows these (and the
command line could print them). The order is the one ICMA's guidance lists for each "Professional Development
Activity #n" (DOMAIN.md, section 3: name, date(s), provider, hours, practice area(s), how the member took part, what
I learned); no public page describes the online form itself, so that list is the best source of its order. The
activity type, which the report shows but ICMA's list does not name, comes after them. The report-level fields
follow the same rule: needs and goals addressed, the 360 assessment, the plan for next year (ICMA's list), then the
year's reflection: the summary reflection (the report's own) or, for a wholistic report, the narrative for the year
instead.

Text is exactly as stored: no escaping, no trimming beyond what the store did, Unicode intact. Hours read as
models.rules.format_hours writes them, dates as the PDF prints them (models.dates.date_range), practices as
"3 Equity and Inclusion; 7 Strategic Planning".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from wethrive_desktop.i18n import noop
from wethrive_desktop.models.annual_report import ReportActivity, ReportData, ReportGoal, activity_counting
from wethrive_desktop.models.annual_report.hours import given_details
from wethrive_desktop.models.dates import date_range
from wethrive_desktop.models.domain import type_label
from wethrive_desktop.models.rules import format_hours

ACTIVITY_HEADING = "Professional Development Activity #{number}"


class PortalField(NamedTuple):
    """One value of the form: its label, its text, and whether the form asks for it in a text area (long text)."""

    label: str
    text: str
    long: bool = False


def practices_text(numbers: Sequence[int], data: ReportData) -> str:
    """'3 Equity and Inclusion; 7 Strategic Planning' (the report's names, in the order stored)."""
    return "; ".join(f"{n} {data.practice_name(n)}" for n in numbers)


def portal_fields(activity: ReportActivity, data: ReportData) -> list[PortalField]:
    """The fields of one activity, in the form's order."""
    a = activity
    return [
        PortalField("Activity name", a.title),
        PortalField("Date(s)", date_range(a.start_date, a.end_date)),
        PortalField("Provider", a.provider),
        PortalField("Hours", format_hours(a.hours)),
        PortalField("Practice area(s)", practices_text(a.practices, data)),
        PortalField("How I took part", a.description, long=True),
        PortalField("What I learned", a.learned, long=True),
        PortalField("Activity type", type_label(a.type)),
        *(PortalField(label, value) for label, value in given_details(a)),
        *([PortalField(noop("Hours counted"), counting)] if (counting := activity_counting(a, data)) else []),
    ]


def _refs(numbers: Sequence[int]) -> str:
    return ", ".join(f"#{n}" for n in numbers)


def _goal_text(goal: ReportGoal, data: ReportData, addressed: bool) -> str:
    kind = "Long-term goal (3\u20135 years)" if goal.term == "long" else "Short-term goal"
    lines = [f"{kind}: {goal.text}"]
    if goal.practices:
        lines.append(f"Practices: {practices_text(goal.practices, data)}")
    if addressed:
        lines.append(f"Addressed by activities {_refs(goal.addressed_by)} ({format_hours(goal.hours)} h)"
                     if goal.addressed_by else "Addressed by no activity this year")
    return "\n".join(lines)


def _needs_text(data: ReportData) -> str:
    lines = []
    for need in data.needs:
        addressed = (f"{format_hours(need.hours)} h, activities {_refs(need.addressed_by)}" if need.addressed_by
                     else "no activity this year")
        lines.append(f"{need.practice} {data.practice_name(need.practice)} ({addressed})")
    return "\n".join(lines)


def _next_year_text(data: ReportData) -> str:
    plan = data.next_year
    if plan is None:
        return ""
    blocks = []
    if plan.needs:
        blocks.append(f"Development needs: {practices_text(plan.needs, data)}")
    blocks += [_goal_text(g, data, addressed=False) for g in plan.goals]
    if plan.items:
        lines = ["Planned activities:"]
        for item in plan.items:
            parts = [item.title]
            if item.provider:
                parts.append(item.provider)
            parts += [date_range(item.start_date, item.end_date), type_label(item.type),
                      f"{format_hours(item.estimated_hours)} h estimated"]
            if item.practices:
                parts.append(f"practices {', '.join(str(n) for n in item.practices)}")
            lines.append("- " + ", ".join(parts))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def portal_report_fields(data: ReportData) -> list[PortalField]:
    """The fields of the report as a whole, in the form's order."""
    return [
        PortalField("Development needs addressed", _needs_text(data), long=True),
        PortalField("Learning goals addressed", "\n\n".join(_goal_text(g, data, addressed=True) for g in data.goals),
                    long=True),
        PortalField("360 (multi-rater) assessment progress", data.multirater.describe(data.generated_on), long=True),
        PortalField(f"Plan for {data.year + 1}", _next_year_text(data), long=True),
        # The year's reflection: the summary, or a wholistic report's narrative instead (as the PDF prints it).
        (PortalField(noop("Reflection on the year (wholistic report)"), data.narrative, long=True) if data.wholistic
         else PortalField("Summary reflection", data.summary_reflection, long=True)),
    ]


def portal_text(fields: Sequence[PortalField], heading: str = "") -> str:
    """Fields as plain text for one paste ("Copy all"): short fields one a line, each long one in its own paragraph
    under its label; a field with no value is left out."""
    blocks: list[list[str]] = [[heading]] if heading else []
    for f in fields:
        if not f.text:
            continue
        if f.long:
            blocks += [[f"{f.label}:\n{f.text}"], []]
        elif blocks and blocks[-1]:
            blocks[-1].append(f"{f.label}: {f.text}")
        else:
            blocks.append([f"{f.label}: {f.text}"])
    return "\n\n".join("\n".join(b) for b in blocks if b)


def activity_text(activity: ReportActivity, data: ReportData) -> str:
    """The whole activity as plain text, under its report heading."""
    return portal_text(portal_fields(activity, data), ACTIVITY_HEADING.format(number=activity.number))
