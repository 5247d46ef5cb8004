"""What the dashboard shows: the pace toward 40 hours, hours by month, recent activities and credential milestones.

The rules are plain functions on plain data that take `today`, so tests can pin the date; `dashboard_data` loads
the facts from the store and passes them in. Every text goes through i18n (tr/trn, dates with format_date): the
dashboard shows them as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.domain import REQUIRED_HOURS, CredentialStatus
from wethrive_desktop.models.eligibility import EligibilityResult, fmt_years
from wethrive_desktop.models.profile import ProfileData
from wethrive_desktop.models.rules import (
    HUNDREDTH,
    ZERO,
    PracticeHours,
    commitment_met,
    counts_in_year,
    format_hours,
    hours_by_practice,
    hours_short,
    past_due,
)

if TYPE_CHECKING:
    from wethrive_desktop.models.activities import ActivityRecord
    from wethrive_desktop.models.challenge import ChallengePoints
    from wethrive_desktop.models.plans import PlanItemData
    from wethrive_desktop.models.reminders import Reminder

def finished_on(record: ActivityRecord) -> date:
    return record.data.end_date or record.start_date


# --- pace --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pace:
    year: int
    total: Decimal
    required: Decimal
    met_on: date | None  # the day the completed hours reached the commitment
    months_left: int  # whole months left to plan with (see months_left); 0 in late December and once the year is over
    per_month: Decimal | None  # hours needed per month left (all of them when under a month is left); None when met
    # or when the year is over

    @property
    def met(self) -> bool:
        return commitment_met(self.total, self.required)

    @property
    def remaining(self) -> Decimal:
        return hours_short(self.total, self.required)

    @property
    def behind(self) -> bool:
        """Not met, and what is left now needs more hours a month than the even pace (`even_pace`)."""
        return not self.met and self.per_month is not None and self.per_month > even_pace(self.required)

    @property
    def fraction(self) -> float:
        return min(float(self.total / self.required), 1.0) if self.required else 1.0

    def describe(self) -> str:
        if self.met:
            return (tr("Commitment met on {date}").format(date=format_date(self.met_on)) if self.met_on
                    else tr("Commitment met"))
        values = {"year": self.year, "remaining": format_hours(self.remaining),
                  "required": format_hours(self.required), "per_month": format_hours(self.per_month or ZERO)}
        if self.per_month is None:
            return tr("{year} ended {remaining} h short of {required} h").format(**values)
        if self.months_left < 2:
            return tr("{remaining} h to go by December 31").format(**values)
        return trn("{per_month} h a month for the %n month left ({remaining} h to go)",
                   "{per_month} h a month for the %n months left ({remaining} h to go)",
                   self.months_left).format(**values)


def even_pace(required: Decimal = REQUIRED_HOURS) -> Decimal:
    """Hours a month that meet the commitment spread evenly over the twelve months (3.34 for 40 h), rounded up like
    the pace's own figure, so January 1 with nothing done yet is on pace, not behind."""
    return (required / 12).quantize(HUNDREDTH, rounding=ROUND_CEILING)


def months_left(year: int, today: date) -> int:
    """The whole months left in `year` to spread the remaining hours over, seen on `today`: the months after the
    current one, plus the current month only if at least half of it remains (today included). So March 16 counts
    10 (March to December), March 17 counts 9, November 30 counts 1 (December) and any day after December 16 counts
    0: under a month is left and the pace says only what is to go by December 31. A past year has 0, a future one
    12."""
    if year < today.year:
        return 0
    if year > today.year:
        return 12
    next_month = date(year + 1, 1, 1) if today.month == 12 else date(year, today.month + 1, 1)
    days_in_month = (next_month - today.replace(day=1)).days
    this_month = 2 * (next_month - today).days >= days_in_month
    return 12 - today.month + int(this_month)


def pace(records: Iterable[ActivityRecord], year: int, today: date,
         required: Decimal = REQUIRED_HOURS) -> Pace:
    """Progress of `year` seen on `today`: when the commitment was met, or the hours needed per month left."""
    done = sorted((r for r in records if counts_in_year(r, year)), key=lambda r: (finished_on(r), r.id))
    running = ZERO
    met_on = None
    for r in done:
        running += r.hours
        if met_on is None and commitment_met(running, required):
            met_on = finished_on(r)
    total = running.quantize(HUNDREDTH)
    left = months_left(year, today)
    per_month = None
    if not commitment_met(total, required) and year >= today.year:
        per_month = (hours_short(total, required) / max(left, 1)).quantize(HUNDREDTH, rounding=ROUND_CEILING)
    return Pace(year, total, required, met_on, left, per_month)


def hours_by_month(records: Iterable[ActivityRecord], year: int) -> dict[int, Decimal]:
    """Completed hours per month (1..12) of `year`, by start date, like the yearly total."""
    months = dict.fromkeys(range(1, 13), ZERO)
    for r in records:
        if counts_in_year(r, year):
            months[r.start_date.month] += r.hours
    return {m: h.quantize(HUNDREDTH) for m, h in months.items()}


def recent_activities(records: Iterable[ActivityRecord], today: date, limit: int = 6) -> list[ActivityRecord]:
    """The latest completed activities up to today, newest first. 0-hour challenge entries (a donation, a renewal)
    are not professional development: the challenge page lists them."""
    done = [r for r in records if counts_in_year(r, None) and r.start_date <= today and r.hours > 0]
    return sorted(done, key=lambda r: (r.start_date, r.id), reverse=True)[:limit]


# --- milestones --------------------------------------------------------------------------------------------

DONE = "done"
DUE = "due"
OVERDUE = "overdue"
TODO = "todo"
INFO = "info"


@dataclass(frozen=True)
class Milestone:
    key: str  # designation, multirater, annual-report, experience, eligibility
    label: str
    text: str
    state: str  # DONE, DUE, OVERDUE, TODO or INFO


def in_program(profile: ProfileData) -> bool:
    return profile.credential_status in (CredentialStatus.CANDIDATE, CredentialStatus.CREDENTIALED)


def designation_milestone(profile: ProfileData) -> Milestone:
    status = CredentialStatus(profile.credential_status)
    label = tr(status.label)
    if status == CredentialStatus.CREDENTIALED and profile.credentialed_date:
        text = tr("{designation} since {date}").format(designation=label, date=format_date(profile.credentialed_date))
    elif status == CredentialStatus.CANDIDATE and profile.program_entry_date:
        text = tr("{designation} since {date}").format(designation=label,
                                                       date=format_date(profile.program_entry_date))
    else:
        text = label
    return Milestone("designation", tr("Designation"), text, DONE if in_program(profile) else INFO)


def multirater_milestone(profile: ProfileData, today: date) -> Milestone:
    label = tr("360 assessment")
    if profile.multirater_completed_date:
        return Milestone("multirater", label,
                         tr("Done on {date}").format(date=format_date(profile.multirater_completed_date)), DONE)
    due = profile.multirater_due()
    if due is None:
        return Milestone("multirater", label, tr("Due within five years of entering the program: enter your "
                                                 "program entry date in the profile"), TODO)
    if past_due(due, today):
        return Milestone("multirater", label, tr("Overdue: was due by {date}").format(date=format_date(due)),
                         OVERDUE)
    return Milestone("multirater", label,
                     tr("Due by {date} (five years after program entry)").format(date=format_date(due)), DUE)


REPORT_STATES = {"submitted": DONE, "draft": DUE, "not started": TODO}


def report_status_text(status: str) -> str:
    """What the report's status reads as ("Not started", "Draft", "Submitted")."""
    texts = {"submitted": tr("Submitted"), "draft": tr("Draft"), "not started": tr("Not started")}
    return texts.get(status, status)


def report_milestone(profile: ProfileData, year: int, status: str) -> Milestone:
    label = tr("{year} annual report").format(year=year)
    entry = profile.program_entry_date
    if entry is not None and entry.year > year:
        return Milestone("annual-report", label,
                         tr("Not required (you entered the program in {year})").format(year=entry.year), INFO)
    return Milestone("annual-report", label, report_status_text(status), REPORT_STATES.get(status, INFO))


def experience_milestone(eligibility: EligibilityResult | None, today: date) -> Milestone:
    """For Candidates: when the Credentialed Manager experience requirement is expected to be met."""
    label = tr("Experience requirement")
    if eligibility is None:
        return Milestone("experience", label, tr("Enter your education and experience in the profile "
                                                 "(Eligibility) to see when it is met"), TODO)
    if eligibility.years_to_cm == 0:
        return Milestone("experience", label, tr("Met ({years} credited): you can become a Credentialed Manager")
                         .format(years=fmt_years(eligibility.credited_years)), DONE)
    if eligibility.cm_date is not None:
        return Milestone("experience", label, tr("Expected {date} ({years} to go)").format(
            date=format_date(eligibility.cm_date), years=fmt_years(eligibility.years_to_cm)), DUE)
    return Milestone("experience", label, tr("{years} to go (not counting on: your current role earns no credit)")
                     .format(years=fmt_years(eligibility.years_to_cm)), INFO)


def eligibility_milestone(eligibility: EligibilityResult | None) -> Milestone:
    label = tr("Eligibility")
    if eligibility is None:
        return Milestone("eligibility", label, tr("Enter your education and experience in the profile "
                                                  "(Eligibility) to see when you can join the credentialing "
                                                  "program"), TODO)
    return Milestone("eligibility", label, eligibility.describe(), DONE if eligibility.eligible_as else INFO)


def milestones(profile: ProfileData, last_report_status: str, eligibility: EligibilityResult | None,
               today: date) -> list[Milestone]:
    """The credential milestones: designation, 360 assessment, last year's annual report and, for Candidates,
    the experience requirement. A member outside the program sees eligibility instead."""
    result = [designation_milestone(profile)]
    if not in_program(profile):
        result.append(eligibility_milestone(eligibility))
        return result
    result.append(multirater_milestone(profile, today))
    result.append(report_milestone(profile, today.year - 1, last_report_status))
    if profile.credential_status == CredentialStatus.CANDIDATE:
        result.append(experience_milestone(eligibility, today))
    return result


# --- everything the page shows -----------------------------------------------------------------------------

@dataclass(frozen=True)
class DashboardData:
    today: date
    year: int
    pace: Pace
    practice_hours: PracticeHours
    by_month: dict[int, Decimal]
    recent: list[ActivityRecord]
    upcoming: list[PlanItemData]
    milestones: list[Milestone]
    challenge: ChallengePoints
    reminders: list[Reminder]


def dashboard_data(today: date | None = None, recent_limit: int = 6, upcoming_limit: int = 6) -> DashboardData:
    from wethrive_desktop.models.activities import load_activities
    from wethrive_desktop.models.challenge import load_catalogues, load_items, points_earned
    from wethrive_desktop.models.eligibility import current_eligibility
    from wethrive_desktop.models.plans import upcoming_items
    from wethrive_desktop.models.profile import get_profile
    from wethrive_desktop.models.reminders import build_reminders, facts_for
    from wethrive_desktop.models.report_status import report_status

    today = today or clock.today()
    year = today.year
    records = load_activities(year=year)
    recent = recent_activities(records, today, recent_limit)
    if len(recent) < recent_limit:  # early in the year, last year's latest fill the list
        recent = recent_activities([*records, *load_activities(year=year - 1)], today, recent_limit)
    profile = get_profile()
    year_pace = pace(records, year, today)
    last_report = report_status(year - 1)
    eligibility = current_eligibility(today)
    return DashboardData(
        today=today,
        year=year,
        pace=year_pace,
        practice_hours=hours_by_practice(records, year),
        by_month=hours_by_month(records, year),
        recent=recent,
        upcoming=upcoming_items(today, upcoming_limit),
        milestones=milestones(profile, last_report, eligibility, today),
        challenge=points_earned(records, load_items(), load_catalogues(), year, profile.challenge_signup),
        reminders=build_reminders(facts_for(today, profile, year_pace, last_report, eligibility)),
    )
