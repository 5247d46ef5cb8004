"""The annual report's wording, shared by the PDF (reports.pdf) and the Word document (reports.word): titles,
sentences and the small number formats, as plain text built from a ReportData. No markup and no ReportLab here:
the PDF escapes and styles these strings, the Word renderer writes them as runs."""

from __future__ import annotations

from decimal import Decimal

from wethrive_desktop import APP_NAME
from wethrive_desktop.models.annual_report import (
    MemberInfo,
    MultiraterStatus,
    ReportData,
    ReportGoal,
    RequirementLine,
)
from wethrive_desktop.models.annual_report.data import NOT_ASKED, POSTPONED, WAIVED
from wethrive_desktop.models.annual_report.hours import period_text, shortfall_text, status_word
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.models.rules import commitment_met, format_hours, hours_short

REPORT_TITLE = "Annual Professional Development Report"
PROGRAM = "ICMA Voluntary Credentialing Program"
HOW_I_TOOK_PART = "How I took part"
WHAT_I_LEARNED = "What I learned"
NOT_PROVIDED = "Not provided."
MULTIRATER_HEADING = "Multi-rater (360-degree) assessment"
MULTIRATER_NOTE = ("Credentialed members complete a multi-rater assessment within their first five years in the "
                   "program.")
MULTIRATER_WAIVED_NOTE = "ICMA waives the multi-rater assessment for Retired Credentialed Managers."
MULTIRATER_POSTPONED_NOTE = ("ICMA allows a member in transition between positions to postpone the multi-rater "
                             "assessment.")
PRACTICE_SPLIT_NOTE = "An activity\u2019s hours are divided equally among the practices it addresses."
COUNTING_HEADING = "How the hours count"
COUNTING_NOTE = ("ICMA counts mentoring given and coaching given in the ICMA Coaching Program for at most 20 hours "
                 "each a year, and only when ICMA\u2019s conditions are met; for teaching, the hours of preparation "
                 "count.")
NARRATIVE_HEADING = "Reflection on the year"
NARRATIVE_NOTE = ("The member wrote the year as one narrative (a wholistic report) instead of a reflection on each "
                  "activity.")
IN_THE_NARRATIVE = "Reflected on in the member\u2019s narrative for the year."
NOT_WRITTEN = "Not written yet."


def subtitle(data: ReportData) -> str:
    return f"{PROGRAM} \u00b7 Reporting year {data.year}"


def document_title(data: ReportData) -> str:
    """The title a reader's PDF viewer or word processor shows for the file."""
    name = data.member.name
    return f"{REPORT_TITLE} {data.year}" + (f" - {name}" if name else "")


def document_subject(data: ReportData) -> str:
    return f"{PROGRAM}: annual report for {data.year}"


def organization(member: MemberInfo) -> str:
    return ", ".join(x for x in (member.organization, member.location) if x)


def status_text(data: ReportData) -> str:
    if data.submitted_on and data.revision:
        text = f"Submitted {long_date(data.submitted_on)} (revision {data.revision})"
    else:
        text = "Draft"
    if data.extension_until is not None:
        text += f"; extension granted until {long_date(data.extension_until)}"
    return text


def furniture_text(data: ReportData) -> str:
    """The footer's words: a draft's date, or the submission it is."""
    if data.submitted_on and data.revision:
        text = f"Submitted {long_date(data.submitted_on)} \u00b7 revision {data.revision}"
    else:
        text = f"Draft generated {long_date(data.generated_on)}"
    return f"{text} \u00b7 {APP_NAME}"


def commitment_verdict(data: ReportData) -> str:
    """"met" or "12.5 h to go", by the hours that count."""
    if commitment_met(data.counted_hours, data.required_hours):
        return "met"
    return f"{format_hours(hours_short(data.counted_hours, data.required_hours))} h to go"


def counts_differ(data: ReportData) -> bool:
    """Whether the hours that count are not simply the hours logged (caps, conditions, carry-over)."""
    return data.counting is not None and data.counted_hours != data.total_hours


def multirater_note(m: MultiraterStatus) -> str:
    """The program's rule under the 360's status: why it is waived or postponed; while it is due or done, when
    members complete it; nothing when it is not asked."""
    if m.completed_on is None and m.status == WAIVED:
        return MULTIRATER_WAIVED_NOTE
    if m.completed_on is None and m.status == POSTPONED:
        return MULTIRATER_POSTPONED_NOTE
    if m.completed_on is None and m.status == NOT_ASKED:
        return ""
    return MULTIRATER_NOTE


def hours_figure_label(data: ReportData) -> str:
    """Under the first figure of the summary (the hours that count): what it counts, and the hours logged when they
    differ. (A snapshot from before ICMA's counting keeps its words, so it reprints byte for byte.)"""
    if data.counting is None:
        return "hours reported"
    if counts_differ(data):
        return f"hours count \u00b7 {format_hours(data.total_hours)} h logged"
    return "hours logged, all count"


def practices_covered(data: ReportData) -> str:
    covered = sum(1 for _, h in data.practice_hours if h > 0)
    return f"{covered} of {len(data.practice_hours)}"


def summary_sentence(data: ReportData) -> str:
    total = data.total_hours
    n = len(data.activities)
    if not n:
        return f"No completed professional development activities with hours were recorded for {data.year}."
    commitment = f"{format_hours(data.required_hours)}-hour commitment"
    opening = (f"In {data.year} the member completed {n} professional development "
               f"{'activity' if n == 1 else 'activities'} totalling {_hours(total)}, ")
    counted = data.counted_hours
    if counts_differ(data):
        opening += f"of which {format_hours(counted)} count toward the commitment as ICMA counts them, "
    if commitment_met(counted, data.required_hours):
        return opening + f"meeting the {commitment} of the ICMA Code of Ethics (Tenet 8)."
    short = hours_short(counted, data.required_hours)
    return opening + f"{_hours(short)} short of the {commitment} of the ICMA Code of Ethics (Tenet 8)."


def requirements_heading(data: ReportData) -> str:
    on = data.requirements_on
    return "Other requirements tracked" + (f" (as of {long_date(on)})" if on else "")


REQUIREMENT_COLUMNS = ("Requirement", "Period", "Required", "Logged", "Counted", "Status")


def requirement_row(line: RequirementLine) -> list[str]:
    """Name, period, required, logged, counted, status: a row of the other requirements' table."""
    return [line.name, period_text(line.period_start, line.period_end), format_hours(line.required),
            format_hours(line.logged), format_hours(line.counted), status_word(line)]


def requirement_why(line: RequirementLine) -> str:
    """The line under a requirement not met: "8 h short; Law: 0 of 1 h" ("" when met)."""
    return shortfall_text(line)


def _hours(hours: Decimal) -> str:
    """"1 hour", "1.5 hours", "40 hours"."""
    text = format_hours(hours)
    return f"{text} hour" if text == "1" else f"{text} hours"


def share_text(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return ""
    return f"{(part / whole * 100).quantize(Decimal('1'))}%"


def activity_refs(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    return ", ".join(f"#{n}" for n in numbers)


def practice_numbers(numbers: tuple[int, ...]) -> str:
    """"1, 6, 12", or "-" for none (the tables' practices column)."""
    return ", ".join(str(n) for n in numbers) or "-"


def practice_lines(data: ReportData, numbers: tuple[int, ...]) -> list[str]:
    """"6 Strategic Leadership", one per practice, in the order given."""
    return [f"{n} {data.practice_name(n)}" for n in numbers]


NO_PRACTICES = "none given"


def activity_heading(number: int) -> str:
    return f"Professional Development Activity #{number}"


def goal_kind(goal: ReportGoal) -> str:
    return "Long-term goal (3\u20135 years)" if goal.term == "long" else "Short-term goal"


def addressed_by(goal: ReportGoal) -> str:
    """What follows "Addressed by": "activities #2, #5 (6.5 h)", or "no activity this year"."""
    if not goal.addressed_by:
        return "no activity this year"
    n = len(goal.addressed_by)
    return f"{'activity' if n == 1 else 'activities'} {activity_refs(goal.addressed_by)} ({format_hours(goal.hours)} h)"


def no_activities(year: int) -> str:
    return f"No completed activities with hours were recorded for {year}."


def no_plan(year: int) -> str:
    return f"No professional development plan was recorded for {year}."


def plan_source(year: int) -> str:
    return f"From the member\u2019s {year} professional development plan."


def next_plan_heading(year: int) -> str:
    return f"Plan for {year + 1}"


def no_next_plan(year: int) -> str:
    return f"No professional development plan for {year + 1} has been recorded yet."


def planned_hours_sentence(planned: Decimal, required: Decimal) -> str:
    commitment = f"{format_hours(required)}-hour commitment"
    verdict = (f"cover the {commitment}" if commitment_met(planned, required) else
               f"fall {format_hours(hours_short(planned, required))} h short of the {commitment}")
    return f"The plan\u2019s {format_hours(planned)} estimated hours {verdict}."
