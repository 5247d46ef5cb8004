"""Reminders: what the member should act on soon, computed from the open database (issue 15, item 7).

The dashboard's Reminders card, the desktop notifications (ui/notifier.py) and `wethrive deadlines` (with its
calendar file) all show this one list, so they never disagree. Four kinds, each from a rule the app already has:

- "pace": behind pace on the year's 40 hours (`Pace.behind` of models.dashboard: the hours now needed a month are
  more than an even spread of the commitment over the year);
- "report": last year's annual report not submitted yet (DOMAIN.md section 3: one a year, for Candidates and
  Credentialed Managers; none for a year before program entry). ICMA publishes no due date (DOMAIN.md section 1:
  "keep these as settings"): with a due date it is reminded within the reminder windows (preferences
  `reminder_days`) and once overdue; without one it is an undated note;
- "multirater": the 360-degree assessment, due within five years of entering the program (the profile knows when),
  reminded from six months before and while overdue;
- "eligibility": a member who is not yet a Credentialed Manager and whose credited experience now meets the
  Credentialed Manager requirement (models.eligibility) may apply to become one.

The rules are plain functions on plain data (`ReminderFacts`), so tests use known data sets; `reminders(today)`
loads the facts from the store. `deadlines(today)` (`build_deadlines(facts)`) is every dated deadline known, whatever
the reminder windows (the report's due date and the 360's months ahead): what `wethrive deadlines --ics` puts in a
calendar, so a phone knows them in advance.

Issue 14 adds the program statuses and the other requirements:
- the 360 follows models.multirater: no reminder once it is done, waived (Retired Credentialed Managers), postponed
  (members in transition) or not asked (outside the program, or no longer in local-government service);
- the yearly report is asked of Candidates, Credentialed Managers and Retired Credentialed Managers (DOMAIN.md
  section 7 waives only their 360), also in transition, but not of a member no longer in local-government service
  (models.dashboard.reports_yearly);
- an extension granted for last year's report (`annual_report.extension_until`) moves its due date there;
- "requirement": each other tracked requirement (models.requirements, Florida's ethics hours, ...) not met yet and
  due within the reminder windows (warning, urgent inside the last one), or overdue (urgent: a period ended and
  due some days later is still reminded through its grace period). ICMA's Tenet 8 is the pace's.

A reminder window opens its days before the due date, that day included; a window of 30 days (60, 90) is also a
month (two, three), so a deadline on December 31 is reminded from November 30 (models.due_windows): the same rule
for the report, the 360 and the requirements.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models.dashboard import Pace, counted_year, even_pace, reports_yearly, requirement_hours_text
from wethrive_desktop.models.domain import CredentialStatus
from wethrive_desktop.models.due_windows import windows_reached
from wethrive_desktop.models.eligibility import CREDENTIALED_MANAGER, EligibilityResult
from wethrive_desktop.models.multirater import DUE, multirater_standing
from wethrive_desktop.models.profile import ProfileData
from wethrive_desktop.models.report_status import due_with_extension
from wethrive_desktop.models.requirements.counting import RequirementProgress, topic_shortfalls
from wethrive_desktop.models.rules import format_hours

PACE = "pace"
REPORT = "report"
MULTIRATER = "multirater"
ELIGIBILITY = "eligibility"
REQUIREMENT = "requirement"

INFO = "info"
WARNING = "warning"
URGENT = "urgent"
SEVERITY_RANK = {URGENT: 0, WARNING: 1, INFO: 2}

MULTIRATER_NOTICE_MONTHS = 6  # the 360 assessment is reminded from six months before it is due


class Reminder(NamedTuple):
    key: str  # stable across days and runs ("report-due-2025"): a calendar event's UID, what was notified
    kind: str  # PACE, REPORT, MULTIRATER, ELIGIBILITY or REQUIREMENT
    due: date | None
    title: str
    detail: str
    severity: str  # INFO, WARNING or URGENT
    year: int | None = None  # the year it concerns (the plan or report to open), None for the profile's

    def to_json(self) -> dict[str, str | None]:
        return {"key": self.key, "kind": self.kind, "title": self.title, "detail": self.detail,
                "due": self.due.isoformat() if self.due else None, "severity": self.severity}


class ReminderFacts(NamedTuple):
    """Everything the rules look at, loaded once (`load_facts`) or given by a test."""

    today: date
    profile: ProfileData
    pace: Pace  # this year's
    report_status: str  # last year's report: "not started", "draft" or "submitted"
    eligibility: EligibilityResult | None
    windows: tuple[int, ...] = (30, 7)  # days before a due date from which it is reminded (preferences)
    report_due: date | None = None  # when last year's report is due, if the member's program says
    # every tracked requirement's current period, and the ended periods still owed (models.requirement_standing)
    requirements: tuple[RequirementProgress, ...] = ()
    report_extension: date | None = None  # an extension granted for last year's report: its new due date

    @property
    def last_report_due(self) -> date | None:
        """Last year's report is due on its extension when one was granted, else on the date the member set."""
        return due_with_extension(self.report_due, self.report_extension)


def days_left(due: date, today: date) -> int:
    return (due - today).days


def severity(due: date, today: date, windows: tuple[int, ...]) -> str:
    """How pressing something due on `due` is on `today`: urgent once due (today or overdue) or inside two windows
    (the last 7 days of (30, 7)), a warning inside one (30 days, or a month: models.due_windows), else
    information."""
    inside = windows_reached(due, today, windows)
    if days_left(due, today) <= 0 or inside >= 2:
        return URGENT
    return WARNING if inside else INFO


def months_later(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter (August 31 + 6 -> February 28)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# --- the rules ---------------------------------------------------------------------------------------------

def pace_reminder(p: Pace) -> Reminder | None:
    if not p.behind or p.per_month is None:
        return None
    values = {"done": format_hours(p.total), "required": format_hours(p.required), "year": p.year,
              "per_month": format_hours(p.per_month), "even": format_hours(even_pace(p.required)),
              "remaining": format_hours(p.remaining)}
    if p.counted_differs:  # the hours that count, not those logged, are what the pace is about
        values["done"] = tr("{logged} h logged, {counted} h count").format(
            counted=format_hours(p.total), logged=format_hours(p.hours_logged))
    else:
        values["done"] = tr("{hours} h done").format(hours=format_hours(p.total))
    if p.months_left >= 2:
        detail = trn("{done}: {per_month} h a month for the %n month left reaches {required} h "
                     "(an even pace is {even} h a month).",
                     "{done}: {per_month} h a month for the %n months left reaches {required} h "
                     "(an even pace is {even} h a month).", p.months_left).format(**values)
    else:
        detail = tr("{done}: {remaining} h to go by December 31.").format(**values)
    return Reminder(f"pace-{p.year}", PACE, date(p.year, 12, 31),
                    tr("Behind pace for {required} h in {year}").format(**values), detail,
                    URGENT if p.months_left < 2 else WARNING, p.year)


def report_required(profile: ProfileData, year: int) -> bool:
    """Candidates, Credentialed Managers and Retired Credentialed Managers report every year from the year they
    entered the program, also while in transition; a member no longer in local-government service is not asked."""
    entry = profile.program_entry_date
    return reports_yearly(profile) and (entry is None or entry.year <= year)


def report_reminder(profile: ProfileData, year: int, status: str, due: date | None, today: date,
                    windows: tuple[int, ...], ahead: bool = False, extended: bool = False) -> Reminder | None:
    """Last year's (`year`'s) report while it is not submitted: within the windows before `due` (`ahead`: any
    time before it) and once overdue; an undated note when the due date is not known. `extended`: `due` is the
    date of an extension granted for it."""
    if status == "submitted" or not report_required(profile, year) or today.year <= year:
        return None
    detail = (tr("A draft is saved: finish and submit it on the Annual report page.") if status == "draft"
              else tr("Not started: the Annual report page builds it from your activities."))
    if extended and due is not None:
        detail = tr("{detail} An extension was granted to {date}.").format(detail=detail, date=format_date(due))
    key = f"report-due-{year}"
    if due is None:
        return Reminder(key, REPORT, None, tr("The {year} annual report is not submitted yet").format(year=year),
                        detail, INFO, year)
    days = days_left(due, today)
    level = severity(due, today, windows)
    if level == INFO and not ahead:
        return None
    if days < 0:
        title = tr("The {year} annual report is overdue")
    elif days == 0:
        title = tr("The {year} annual report is due today")
    else:
        title = tr("The {year} annual report is due")
    return Reminder(key, REPORT, due, title.format(year=year), detail, level, year)


def multirater_reminder(profile: ProfileData, today: date, windows: tuple[int, ...],
                        ahead: bool = False) -> Reminder | None:
    """The 360 assessment still to do (not done, waived, postponed or outside the program: models.multirater), due
    within six months (`ahead`: any time) or overdue."""
    standing = multirater_standing(profile, today)
    due = standing.due
    entry = profile.program_entry_date
    if (standing.status != DUE or due is None or entry is None
            or (not ahead and due > months_later(today, MULTIRATER_NOTICE_MONTHS))):
        return None
    days = days_left(due, today)
    title = (tr("The 360-degree assessment is overdue") if days < 0
             else tr("The 360-degree assessment is due"))
    detail = tr("It is due within five years of entering the program ({entry}). Record the day you complete it "
                "in your profile.").format(entry=format_date(entry))
    return Reminder("multirater-due", MULTIRATER, due, title, detail, severity(due, today, windows))


def eligibility_reminder(profile: ProfileData, eligibility: EligibilityResult | None) -> Reminder | None:
    """A member not yet credentialed (nor retired from it) whose credited experience meets the Credentialed Manager
    requirement."""
    if (eligibility is None or eligibility.eligible_as != CREDENTIALED_MANAGER
            or profile.credential_status in (CredentialStatus.CREDENTIALED, CredentialStatus.RETIRED)):
        return None
    detail = tr("Your {credited} credited years of experience meet the {required} years your education "
                "requires.").format(credited=format_hours(eligibility.credited_years),
                                    required=eligibility.cm_required)
    return Reminder("eligibility-cm", ELIGIBILITY, None, tr("You can apply to become a Credentialed Manager"),
                    detail, INFO)


def requirement_reminder(result: RequirementProgress, today: date, windows: tuple[int, ...],
                         ahead: bool = False) -> Reminder | None:
    """Another tracked requirement (not Tenet 8: the pace is its reminder) not met in its current period: within
    the windows before its due date (`ahead`: any time before it), and once overdue (urgent, with its grace period
    if it has one)."""
    if result.requirement.always_on or result.status == "met":
        return None
    days = days_left(result.due, today)
    level = URGENT if result.status == "overdue" else severity(result.due, today, windows)
    if level == INFO and not ahead:
        return None
    name = result.requirement.name
    detail = tr("{hours} for {start} to {end}.").format(  # the dashboard's words: "1 h count of 4 h"
        hours=requirement_hours_text(result), start=format_date(result.period_start),
        end=format_date(result.period_end))
    missing = topic_shortfalls(result)
    if missing:
        detail = tr("{detail} Still needed: {topics}.").format(detail=detail, topics="; ".join(missing))
    if result.status == "overdue":
        title = tr("{name} is overdue").format(name=name)
        if result.grace_until is not None and today <= result.grace_until:
            detail = tr("{detail} Grace period until {date}.").format(detail=detail,
                                                                     date=format_date(result.grace_until))
    elif days == 0:
        title = tr("{name} is due today").format(name=name)
    elif result.remaining:
        title = tr("{name}: {hours} h to go").format(name=name, hours=format_hours(result.remaining))
    else:  # the hours are there, a topic minimum is not
        title = tr("{name} is not met yet").format(name=name)
    key = f"requirement-{result.requirement.key}-{result.period_end.isoformat()}"
    return Reminder(key, REQUIREMENT, result.due, title, detail, level)


def build_reminders(facts: ReminderFacts) -> list[Reminder]:
    """The reminders that hold on `facts.today`: dated ones first, soonest (so the overdue) first, then the rest
    by severity."""
    found = [
        pace_reminder(facts.pace),
        report_reminder(facts.profile, facts.today.year - 1, facts.report_status, facts.last_report_due,
                        facts.today, facts.windows, extended=facts.report_extension is not None),
        multirater_reminder(facts.profile, facts.today, facts.windows),
        eligibility_reminder(facts.profile, facts.eligibility),
        *(requirement_reminder(r, facts.today, facts.windows) for r in facts.requirements),
    ]
    return _in_order(found)


def build_deadlines(facts: ReminderFacts) -> list[Reminder]:
    """Every dated deadline known on `facts.today`, soonest first, whatever the reminder windows: the pace's year
    end when behind pace, last year's report when its due date is set (or extended) and it is not submitted, the
    360 assessment not yet done and the other requirements not met yet, however far ahead each is (a calendar needs
    them in advance)."""
    found = [
        pace_reminder(facts.pace),
        report_reminder(facts.profile, facts.today.year - 1, facts.report_status, facts.last_report_due,
                        facts.today, facts.windows, ahead=True, extended=facts.report_extension is not None),
        multirater_reminder(facts.profile, facts.today, facts.windows, ahead=True),
        *(requirement_reminder(r, facts.today, facts.windows, ahead=True) for r in facts.requirements),
    ]
    return [r for r in _in_order(found) if r.due is not None]


def _in_order(found: list[Reminder | None]) -> list[Reminder]:
    return sorted((r for r in found if r is not None),
                  key=lambda r: (r.due is None, r.due or date.max, SEVERITY_RANK[r.severity], r.key))


# --- loading -----------------------------------------------------------------------------------------------

def facts_for(today: date, profile: ProfileData, year_pace: Pace, report_status: str,
              eligibility: EligibilityResult | None, requirements: Sequence[RequirementProgress] = (),
              extension: date | None = None) -> ReminderFacts:
    """The facts with the member's reminder windows (the dashboard passes what it loaded already)."""
    from wethrive_desktop.preferences import load_preferences, report_due_date

    # The report's due date is the member's setting (ICMA publishes none: DOMAIN.md section 1); without one the
    # report is reminded undated.
    prefs = load_preferences()
    return ReminderFacts(today, profile, year_pace, report_status, eligibility, prefs.reminder_days,
                         report_due_date(prefs, today.year - 1), tuple(requirements), extension)


def load_facts(today: date) -> ReminderFacts:
    """The facts of the open database on `today`, counted as the dashboard counts them (models.dashboard.counted_year:
    the year's completed activities read without their long texts, Tenet 8's year counted once)."""
    from wethrive_desktop.models.eligibility import current_eligibility
    from wethrive_desktop.models.profile import get_profile
    from wethrive_desktop.models.report_status import extension_until, report_status

    _records, standing, year_pace = counted_year(today)
    return facts_for(today, get_profile(), year_pace, report_status(today.year - 1), current_eligibility(today),
                     [*standing.owed, *standing.current], extension_until(today.year - 1))


def reminders(today: date) -> list[Reminder]:
    """The reminders on `today` for the open database."""
    return build_reminders(load_facts(today))


def deadlines(today: date) -> list[Reminder]:
    """Every dated deadline known on `today` for the open database, whatever the reminder windows."""
    return build_deadlines(load_facts(today))
