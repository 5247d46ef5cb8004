"""What the dashboard shows: the pace toward 40 hours, hours by month, recent activities, credential milestones
and the tracked requirements.

The pace counts the hours ICMA counts toward Tenet 8 (models.requirements: mentoring and coaching given capped, an
activity marked as not meeting ICMA's conditions left out, teaching's delivery shown but not counted), and keeps the
hours logged beside them with the reasons they differ. The milestones follow the program statuses of the profile:
a Retired Credentialed Manager has the 360 waived (DOMAIN.md section 7 waives nothing else: the yearly report is
still asked); a member no longer in local-government service is asked for neither; a member in transition may have
the 360 postponed.

The rules are plain functions on plain data that take `today`, so tests can pin the date; `dashboard_data` loads
the facts from the store and passes them in. Every text goes through i18n (tr/trn, dates with format_date): the
dashboard shows them as they are.

The dashboard is the page shown first, complete at the window's first paint (issue 12): `dashboard_data` counts
from the year's activities as `load_year` reads them (no long texts), counts Tenet 8's year once, and reads whole
only the recent activities it lists. Its records are NamedTuples rather than dataclasses: a frozen dataclass costs
some 0.6 ms to define (its methods are compiled from source as the module loads).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import SharedValues
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import REQUIRED_HOURS, SIGNUP_KEY, CredentialStatus, ServiceStatus, Status
from wethrive_desktop.models.due_windows import windows_reached
from wethrive_desktop.models.eligibility import EligibilityResult, fmt_years
from wethrive_desktop.models.multirater import DONE as MR_DONE
from wethrive_desktop.models.multirater import DUE as MR_DUE
from wethrive_desktop.models.multirater import credential, multirater_standing
from wethrive_desktop.models.profile import ProfileData
from wethrive_desktop.models.requirements.counting import (
    CountedFacts,
    RequirementProgress,
    progress,
    topic_shortfalls,
)
from wethrive_desktop.models.requirements.definitions import ALWAYS_ON, Requirement, template
from wethrive_desktop.models.rules import (
    HUNDREDTH,
    ZERO,
    ActivityFacts,
    Catalogues,
    PracticeHours,
    challenge_points,
    commitment_met,
    counts_in_year,
    format_hours,
    hours_by_practice,
    hours_short,
)
from wethrive_desktop.models.topics import topic_label

if TYPE_CHECKING:
    from wethrive_desktop.models.activities import ActivityRecord
    from wethrive_desktop.models.plans import PlanItemData
    from wethrive_desktop.models.reminders import Reminder
    from wethrive_desktop.models.requirement_standing import TrackedStanding

def finished_on(record: ActivityRecord) -> date:
    return record.data.end_date or record.start_date


# --- what the figures read of the year's activities ------------------------------------------------------------

class YearActivity(NamedTuple):
    """A completed activity as the dashboard's figures read it (`load_year`): the facts the rules and the counting
    need (models.rules.ActivityFacts, models.requirements.counting.CountedFacts), not the long texts, stamps and
    attachments of a full record: at 100,000 activities, reading the year's full records took most of the time to
    the first paint. Never saved back; the recent activities shown are read whole."""

    id: int
    start_date: date
    end_date: date | None
    title: str
    provider: str
    type: str
    hours: Decimal
    status: str
    challenge_key: str | None
    delivery_hours: Decimal
    topics: tuple[str, ...]
    meets_conditions: bool | None
    practices: tuple[int, ...]


def load_year(year: int) -> list[YearActivity]:
    """The completed activities started in `year` (two queries: the activities, then their practices).

    The activities' columns are all in the index `activity_facts` (migration 7), so SQLite reads them from it
    alone, never row by row from the table (tests/test_migration_7.py): a column read here must be added to that
    index by a migration too. The rows come in no promised order (same-day ones by title): the callers sort."""
    first, last = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    practices: dict[int, list[int]] = defaultdict(list)
    for activity_id, practice_id in database_proxy.execute_sql(
            "SELECT activity_id, practice_id FROM activity_practice WHERE activity_id IN "
            "(SELECT id FROM activity WHERE start_date BETWEEN ? AND ?)", [first, last]):
        practices[activity_id].append(practice_id)
    rows = database_proxy.execute_sql(
        "SELECT id, start_date, end_date, title, provider, type, hours, challenge_key, delivery_hours, topics, "
        "meets_conditions FROM activity WHERE start_date BETWEEN ? AND ? AND status = ?",
        [first, last, Status.COMPLETED.value])
    # As models.activities reads them: a value repeated over many rows (a day, an amount, the practices) made once.
    shared = SharedValues()
    day, amount, practice_set = shared.day, shared.hours, shared.practices
    none: tuple[int, ...] = ()
    make = YearActivity._make
    completed = Status.COMPLETED.value
    return [make((row_id, day[start], day[end] if end else None, title, provider, type_, amount[stored], completed,
                  challenge_key, amount[delivery] if delivery else ZERO, tuple(topics.split(";")) if topics else (),
                  None if meets is None else bool(meets),
                  practice_set[tuple(found)] if (found := practices.get(row_id)) else none))
            for row_id, start, end, title, provider, type_, stored, challenge_key, delivery, topics, meets in rows]


# --- pace --------------------------------------------------------------------------------------------------

class Pace(NamedTuple):
    year: int
    total: Decimal  # the hours that count toward Tenet 8
    required: Decimal
    met_on: date | None  # the day the hours that count reached the commitment
    months_left: int  # whole months left to plan with (see months_left); 0 in late December and once the year is over
    per_month: Decimal | None  # hours needed per month left (all of them when under a month is left); None when met
    # or when the year is over
    logged: Decimal | None = None  # every completed hour of the year, counted or not (None: as `total`)
    explanations: tuple[str, ...] = ()  # why the hours logged and the hours that count differ, one sentence each

    @property
    def hours_logged(self) -> Decimal:
        return self.total if self.logged is None else self.logged

    @property
    def counted_differs(self) -> bool:
        """Some hours logged do not count (a cap, a condition): the dashboard says how many and why."""
        return self.hours_logged != self.total

    def counting(self) -> str:
        """"56 h logged, 50 h count" (empty when every hour logged counts)."""
        if not self.counted_differs:
            return ""
        return tr("{logged} h logged, {counted} h count").format(logged=format_hours(self.hours_logged),
                                                                 counted=format_hours(self.total))

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


def pace(records: Iterable[ActivityRecord], year: int, today: date, requirement: Requirement | None = None) -> Pace:
    """Progress of `year` seen on `today` in the hours ICMA counts toward Tenet 8 (`requirement`, as the member keeps
    it; its built-in template by default): when the commitment was met, or the hours needed per month left."""
    records = list(records)
    return pace_of(tenet_8_progress(records, year, today, requirement), {r.id: finished_on(r) for r in records},
                   year, today)


def pace_of(icma: RequirementProgress, finished: Mapping[int, date], year: int, today: date) -> Pace:
    """`pace` from Tenet 8's progress in `year` and the day each of its activities finished, by id."""
    required = icma.required
    counted = {c.activity_id: c.counted for c in icma.activities}  # this year's, completed: they count in it
    running = icma.carried_in
    met_on = date(year, 1, 1) if running and commitment_met(running, required) else None
    for activity_id in sorted(counted, key=lambda i: (finished[i], i)):
        running += counted[activity_id]
        if met_on is None and commitment_met(running, required):
            met_on = finished[activity_id]
    total = icma.counted
    left = months_left(year, today)
    per_month = None
    if not commitment_met(total, required) and year >= today.year:
        per_month = (hours_short(total, required) / max(left, 1)).quantize(HUNDREDTH, rounding=ROUND_CEILING)
    return Pace(year, total, required, met_on, left, per_month, icma.logged, tuple(icma.explanations()))


def tenet_8_progress(records: Sequence[CountedFacts], year: int, today: date,
                     requirement: Requirement | None = None) -> RequirementProgress:
    """Tenet 8 for calendar year `year` on `today`: the hours logged and those that count, with the caps."""
    return progress(requirement or template(ALWAYS_ON, today), records, today, period_of=date(year, 1, 1))


def year_tenet_8(current: RequirementProgress, records: Sequence[CountedFacts], year: int,
                 today: date) -> RequirementProgress:
    """`tenet_8_progress` of `records` (`year`'s activities) for Tenet 8 as the member keeps it, of which `current`
    is the standing on `today`: that very standing when it counts the same (a period that is `year`, nothing carried
    over: the built-in definition), so the dashboard does not count the year twice."""
    requirement = current.requirement
    if requirement.carry_over is None and (current.period_start, current.period_end) == (date(year, 1, 1),
                                                                                         date(year, 12, 31)):
        return current
    return tenet_8_progress(records, year, today, requirement)


def hours_by_month(records: Iterable[ActivityFacts], year: int) -> dict[int, Decimal]:
    """Completed hours per month (1..12) of `year`, by start date, like the yearly total."""
    months = dict.fromkeys(range(1, 13), ZERO)
    for r in records:
        if counts_in_year(r, year):
            months[r.start_date.month] += r.hours
    return {m: h.quantize(HUNDREDTH) for m, h in months.items()}


class Identified(ActivityFacts, Protocol):
    @property
    def id(self) -> int: ...


A = TypeVar("A", bound=Identified)


def recent_activities(records: Iterable[A], today: date, limit: int = 6) -> list[A]:
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


class Milestone(NamedTuple):
    key: str  # designation, service, multirater, annual-report, experience, eligibility
    label: str
    text: str
    state: str  # DONE, DUE, OVERDUE, TODO or INFO


def in_program(profile: ProfileData) -> bool:
    """A Candidate or a Credentialed Manager (not a Retired Credentialed Manager)."""
    return credential(profile).in_program


def reports_yearly(profile: ProfileData) -> bool:
    """Whether the program asks this member for an annual report (DOMAIN.md sections 3 and 7): Candidates,
    Credentialed Managers and Retired Credentialed Managers (section 7 waives only their 360), also while in
    transition; not a member no longer in local-government service."""
    return ((in_program(profile) or credential(profile) == CredentialStatus.RETIRED)
            and profile.service_status != ServiceStatus.LEFT)


def designation_milestone(profile: ProfileData) -> Milestone:
    status = credential(profile)
    label = tr(status.label)
    if status in (CredentialStatus.CREDENTIALED, CredentialStatus.RETIRED) and profile.credentialed_date:
        text = tr("{designation} since {date}").format(designation=label, date=format_date(profile.credentialed_date))
    elif status == CredentialStatus.CANDIDATE and profile.program_entry_date:
        text = tr("{designation} since {date}").format(designation=label,
                                                       date=format_date(profile.program_entry_date))
    else:
        text = label
    held = in_program(profile) or status == CredentialStatus.RETIRED
    return Milestone("designation", tr("Designation"), text, DONE if held else INFO)


def service_milestone(profile: ProfileData) -> Milestone | None:
    """The service status, when it is not the usual one (serving in local government)."""
    if profile.service_status == ServiceStatus.SERVING or profile.service_status not in tuple(ServiceStatus):
        return None
    return Milestone("service", tr("Service"), tr(ServiceStatus(profile.service_status).label), INFO)


def multirater_milestone(profile: ProfileData, today: date) -> Milestone:
    """The 360 as models.multirater says it stands: done, due (or overdue), waived, postponed or not asked."""
    standing = multirater_standing(profile, today)
    if standing.status == MR_DONE:
        state = DONE
    elif standing.status == MR_DUE:
        state = OVERDUE if standing.overdue else DUE if standing.due is not None else TODO
    else:
        state = INFO
    return Milestone("multirater", tr("360 assessment"), standing.sentence, state)


REPORT_STATES = {"submitted": DONE, "draft": DUE, "not started": TODO}


def report_status_text(status: str) -> str:
    """What the report's status reads as ("Not started", "Draft", "Submitted")."""
    texts = {"submitted": tr("Submitted"), "draft": tr("Draft"), "not started": tr("Not started")}
    return texts.get(status, status)


def report_milestone(profile: ProfileData, year: int, status: str, extension: date | None = None) -> Milestone:
    """`year`'s report: its status, the extension granted for it (while not submitted), or why it is not asked."""
    label = tr("{year} annual report").format(year=year)
    entry = profile.program_entry_date
    if status != "submitted" and profile.service_status == ServiceStatus.LEFT:
        return Milestone("annual-report", label, tr("Not asked while you are no longer in local-government service"),
                         INFO)
    if entry is not None and entry.year > year:
        return Milestone("annual-report", label,
                         tr("Not required (you entered the program in {year})").format(year=entry.year), INFO)
    text = report_status_text(status)
    if extension is not None and status != "submitted":
        text = tr("{status}, extended to {date}").format(status=text, date=format_date(extension))
    return Milestone("annual-report", label, text, REPORT_STATES.get(status, INFO))


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
               today: date, report_extension: date | None = None) -> list[Milestone]:
    """The credential milestones: designation, the service status when not serving, 360 assessment, last year's
    annual report and, for Candidates, the experience requirement. A member outside the program sees eligibility
    instead."""
    result = [designation_milestone(profile)]
    status = credential(profile)
    if not in_program(profile) and status != CredentialStatus.RETIRED:
        result.append(eligibility_milestone(eligibility))
        return result
    service = service_milestone(profile)
    if service is not None:
        result.append(service)
    result.append(multirater_milestone(profile, today))
    result.append(report_milestone(profile, today.year - 1, last_report_status, report_extension))
    if status == CredentialStatus.CANDIDATE:
        result.append(experience_milestone(eligibility, today))
    return result


# --- everything the page shows -----------------------------------------------------------------------------

class ChallengeStanding(NamedTuple):
    """The year's #WeThriveHere points as the dashboard's card says them (the challenge page lists the entries)."""

    total: int  # models.rules.challenge_points, sign-up included
    entries: int  # the activities of the year that earn points (by their challenge key)
    signup_points: int


def challenge_standing(records: Iterable[ActivityFacts], catalogues: Catalogues, year: int,
                       signed_up: bool) -> ChallengeStanding:
    """What models.challenge.points_earned totals and lists, counted: the same rule, the same entries."""
    records = list(records)
    entries = sum(1 for r in records if r.challenge_key and counts_in_year(r, year))
    signup = catalogues.for_year(year).get(SIGNUP_KEY, 0) if signed_up else 0
    return ChallengeStanding(challenge_points(records, catalogues, year, signed_up), entries, signup)


class DashboardData(NamedTuple):
    today: date
    year: int
    pace: Pace
    practice_hours: PracticeHours
    by_month: dict[int, Decimal]
    recent: list[ActivityRecord]
    upcoming: list[PlanItemData]
    milestones: list[Milestone]
    challenge: ChallengeStanding
    reminders: list[Reminder]
    requirements: tuple[RequirementProgress, ...] = ()  # every tracked requirement's current period, Tenet 8 first


SOON_DAYS = 30  # a requirement not met and due within this many days (or a month: models.due_windows, as the
# reminders count) is marked as due, else as to do
NEW_PERIOD_DAYS = 91  # a period begun at most this many days ago (about three months) is new: what is not there yet
# is no failure, and the line says when it began rather than what is missing


def requirement_state(result: RequirementProgress) -> str:
    """How the dashboard marks a requirement: DONE when met, OVERDUE, DUE when short and due soon (`due_soon`),
    else TODO."""
    if result.status == "met":
        return DONE
    if result.status == "overdue":
        return OVERDUE
    return DUE if due_soon(result) else TODO


def due_soon(result: RequirementProgress) -> bool:
    """Due within SOON_DAYS or a month (the window the reminders open a month ahead with: models.due_windows)."""
    return windows_reached(result.due, result.on, (SOON_DAYS,)) > 0


def new_period(result: RequirementProgress) -> bool:
    """The period began NEW_PERIOD_DAYS ago or less (and is not due within SOON_DAYS)."""
    return (result.on - result.period_start).days <= NEW_PERIOD_DAYS and not due_soon(result)


def short_topics(result: RequirementProgress) -> list[str]:
    """The names of the topics whose minimum is not met yet ("Law", "Equity")."""
    return [topic_label(t.topic) for t in result.topics if not t.met]


def requirement_status_text(result: RequirementProgress) -> str:
    """A requirement's status in words: "Met"; "Law, Equity still short · Due December 31, 2026" when a topic
    minimum is not met; "Period began October 1, 2026; due September 30, 2027" early in a period; "Due September
    30, 2026"; "Overdue: was due ..."."""
    if result.status == "met":
        return tr("Met")
    if result.status == "overdue":
        if result.grace_until is not None and result.on <= result.grace_until:
            text = tr("Overdue: grace period until {date}").format(date=format_date(result.grace_until))
        else:
            text = tr("Overdue: was due {date}").format(date=format_date(result.due))
    elif new_period(result):
        return tr("Period began {start}; due {due}").format(start=format_date(result.period_start),
                                                           due=format_date(result.due))
    else:
        text = tr("Due {date}").format(date=format_date(result.due))
    topics = short_topics(result)
    if topics:
        return tr("{topics} still short · {status}").format(topics=", ".join(topics), status=text)
    return text


def requirement_hours_text(result: RequirementProgress) -> str:
    """A requirement's hours in the words the rest of the app uses: "1 h count of 4 h", "79 h count (32 required)"
    once the hours are there, and the hours logged first when not all of them count (a provider, a cap, a
    condition): "6 h logged, 0 h count of 3 h", "61 h logged, 55 h count (40 required)"; hours carried over from
    the previous period are said too."""
    values = {"logged": format_hours(result.logged), "counted": format_hours(result.counted),
              "required": format_hours(result.required), "carried": format_hours(result.carried_in)}
    reached = commitment_met(result.counted, result.required)
    if result.carried_in:
        text = (tr("{logged} h logged, {counted} h count ({required} required, including {carried} h carried over)")
                if reached else
                tr("{logged} h logged, {counted} h count of {required} h (including {carried} h carried over)"))
    elif result.logged != result.counted:
        text = (tr("{logged} h logged, {counted} h count ({required} required)") if reached
                else tr("{logged} h logged, {counted} h count of {required} h"))
    else:
        text = tr("{counted} h count ({required} required)") if reached else tr("{counted} h count of {required} h")
    return text.format(**values)


def requirement_tip(result: RequirementProgress) -> str:
    """The period of a requirement, why some hours do not count, and the topics still short (with their hours)."""
    lines = [tr("{name}: {period}, {start} to {end}").format(
        name=result.requirement.name, period=result.requirement.period.describe(),
        start=format_date(result.period_start), end=format_date(result.period_end))]
    lines += result.explanations()
    missing = topic_shortfalls(result)
    if missing:
        lines.append(tr("Still needed: {topics}.").format(topics="; ".join(missing)))
    return "\n".join(lines)


def counted_year(today: date) -> tuple[list[YearActivity], TrackedStanding, Pace]:
    """`today`'s year as the dashboard and the reminders count it: its completed activities (`load_year`), every
    tracked requirement's standing, and the pace on Tenet 8 (the year counted once: `year_tenet_8`)."""
    from wethrive_desktop.models.requirement_standing import load_standing

    year = today.year
    records = load_year(year)
    standing = load_standing(today, records)
    year_pace = pace_of(year_tenet_8(standing.current[0], records, year, today),
                        {r.id: r.end_date or r.start_date for r in records}, year, today)
    return records, standing, year_pace


def dashboard_data(today: date | None = None, recent_limit: int = 6, upcoming_limit: int = 6) -> DashboardData:
    """Everything the dashboard shows on `today`. The figures are counted from the year's completed activities as
    `load_year` reads them; only the recent activities listed are read whole (double-clicked, one is edited)."""
    from wethrive_desktop.models.activities import load_activities
    from wethrive_desktop.models.challenge import load_catalogues
    from wethrive_desktop.models.eligibility import current_eligibility
    from wethrive_desktop.models.plans import upcoming_items
    from wethrive_desktop.models.profile import get_profile
    from wethrive_desktop.models.reminders import build_reminders, facts_for
    from wethrive_desktop.models.report_status import extension_until, report_status

    today = today or clock.today()
    year = today.year
    records, standing, year_pace = counted_year(today)
    recent = recent_activities(records, today, recent_limit)
    if len(recent) < recent_limit:  # early in the year, last year's latest fill the list
        recent = recent_activities([*records, *load_year(year - 1)], today, recent_limit)
    profile = get_profile()
    last_report = report_status(year - 1)
    extension = extension_until(year - 1)
    eligibility = current_eligibility(today)
    return DashboardData(
        today=today,
        year=year,
        pace=year_pace,
        practice_hours=hours_by_practice(records, year),
        by_month=hours_by_month(records, year),
        recent=load_activities(ids=[r.id for r in recent]) if recent else [],  # newest first, as `recent`
        upcoming=upcoming_items(today, upcoming_limit),
        milestones=milestones(profile, last_report, eligibility, today, extension),
        challenge=challenge_standing(records, load_catalogues(), year, profile.challenge_signup),
        reminders=build_reminders(facts_for(today, profile, year_pace, last_report, eligibility,
                                            [*standing.owed, *standing.current], extension)),
        requirements=tuple(standing.current),
    )
