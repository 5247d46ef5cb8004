"""Building the annual report's data: `assemble_report` from already-loaded facts (no database access), and
`build_report_data` from the store.

The hours that count are models.requirements' (Tenet 8 for the report's calendar year, as `wethrive summary` and
the dashboard count them); the other requirements the member tracks are judged for the reporting year
(`report_period`): the last of each one's periods that ends within the year, final (met, short or overdue), or,
when none does, the period still going on at the year's end ("in progress" until met). They are judged as they
stood on the year's last day (or on the day the report is made, if that is earlier), with the activities started by
then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from wethrive_desktop.models import clock
from wethrive_desktop.models import multirater as standing_statuses
from wethrive_desktop.models.activities import ActivityRecord, load_activities
from wethrive_desktop.models.annual_report.data import (
    IN_PROGRESS,
    NOT_ASKED,
    POSTPONED,
    WAIVED,
    CapLine,
    HoursCounted,
    MemberInfo,
    MultiraterStatus,
    NextYearPlan,
    PlannedActivity,
    ReportActivity,
    ReportData,
    ReportDraft,
    ReportGoal,
    ReportNeed,
    RequirementLine,
    TopicLine,
)
from wethrive_desktop.models.annual_report.hours import CAP, CONDITIONS, PROVIDER
from wethrive_desktop.models.domain import (
    ACTIVITY_TYPES,
    GIVEN_TYPES,
    PRACTICES,
    CredentialStatus,
    ServiceStatus,
    Status,
)
from wethrive_desktop.models.domain import (
    MultiraterStatus as MultiraterSetting,
)
from wethrive_desktop.models.multirater import multirater_standing
from wethrive_desktop.models.plans import ItemStatus, PlanData, get_plan
from wethrive_desktop.models.profile import ProfileData, get_profile
from wethrive_desktop.models.requirements import icma_year
from wethrive_desktop.models.requirements.counting import (
    ActivityCount,
    CountedFacts,
    RequirementProgress,
    period_containing,
    previous_period,
    progress,
    provider_accepted,
)
from wethrive_desktop.models.requirements.definitions import ALWAYS_ON, Requirement, template
from wethrive_desktop.models.requirements.store import load_requirements
from wethrive_desktop.models.rules import HUNDREDTH, ZERO, counts_in_year, hours_by_practice
from wethrive_desktop.models.tables import AnnualReport, Practice, Profile


def get_draft(year: int) -> ReportDraft:
    row = AnnualReport.get_or_none(AnnualReport.year == year)
    if row is None:
        return ReportDraft(year)
    return ReportDraft(year, row.summary_reflection, row.attestation_name, row.attestation_date, True,
                       bool(row.wholistic), row.narrative or "", row.extension_until)


@dataclass(frozen=True)
class ProgramFacts:
    """The profile's program statuses the report reads (migration 6's columns): the credential and service
    status, and the 360's instrument, pre-approval, raters and status as the member set them."""

    credential_status: str = CredentialStatus.NONE.value
    service_status: str = ServiceStatus.SERVING.value
    multirater_instrument: str = ""
    multirater_preapproved: bool | None = None
    multirater_raters: int | None = None
    multirater_status: str = MultiraterSetting.AUTO.value

    @classmethod
    def of(cls, source: Any) -> ProgramFacts:
        """From anything with the profile's attributes (the Profile row, or a ProfileData), each one it lacks at
        its default."""
        defaults = cls()
        found = {name: getattr(source, name, None) for name in cls.__dataclass_fields__}
        return cls(**{name: getattr(defaults, name) if value is None else value for name, value in found.items()})


def program_facts() -> ProgramFacts:
    """The stored profile's program statuses."""
    return ProgramFacts.of(Profile.get_by_id(1))


def report_activities(records: Iterable[ActivityRecord], year: int) -> list[ActivityRecord]:
    """The activities a year's report lists: completed, started that year, with hours (0-hour entries are
    challenge-only actions such as a donation), oldest first."""
    chosen = [r for r in records if counts_in_year(r, year) and r.hours > 0]
    chosen.sort(key=lambda r: (r.start_date, r.id))
    return chosen


def _member(profile: ProfileData) -> MemberInfo:
    designation = CredentialStatus(profile.credential_status).designation
    return MemberInfo(profile.name, profile.member_number, designation, profile.title, profile.organization,
                      profile.location)


def _goals_addressed(plan: PlanData, activities: tuple[ReportActivity, ...]) -> tuple[ReportGoal, ...]:
    number_of = {a.activity_id: a.number for a in activities}
    linked: dict[int, set[int]] = defaultdict(set)
    for item in plan.items:
        if item.goal_id is not None and item.activity_id in number_of:
            linked[item.goal_id].add(number_of[item.activity_id])
    goals = []
    for g in plan.goals:
        numbers = set(linked.get(g.id or -1, set()))
        numbers.update(a.number for a in activities if set(a.practices) & set(g.practices))
        hours = sum((a.hours for a in activities if a.number in numbers), ZERO)
        goals.append(ReportGoal(g.term, g.text, tuple(g.practices), tuple(sorted(numbers)), hours))
    goals.sort(key=lambda g: g.term != "long")  # the long-term goal first
    return tuple(goals)


def _next_year(plan: PlanData | None) -> NextYearPlan | None:
    if plan is None:
        return None
    goal_text = {g.id: g.text for g in plan.goals}
    goals = tuple(sorted((ReportGoal(g.term, g.text, tuple(g.practices)) for g in plan.goals),
                         key=lambda g: g.term != "long"))
    items = tuple(
        PlannedActivity(i.title, i.provider, i.type, i.start_date, i.end_date, i.estimated_hours,
                        goal_text.get(i.goal_id, "") if i.goal_id is not None else "", tuple(i.practices))
        for i in plan.items if i.status != ItemStatus.DROPPED
    )
    return NextYearPlan(plan.year, tuple(plan.needs), goals, items)


def practice_names() -> tuple[tuple[int, str], ...]:
    return tuple(Practice.select(Practice.number, Practice.name).order_by(Practice.number).tuples())


def _multirater(profile: ProfileData, program: ProgramFacts, on: date) -> MultiraterStatus:
    """The 360 as the report states it, by the one rule the dashboard and the reminders follow too
    (models.multirater): waived for a Retired Credentialed Manager, postponed when the member says so (the case of
    a member in transition), done once completed, due five years after program entry otherwise."""
    standing = multirater_standing(replace(profile, credential_status=program.credential_status,
                                           service_status=program.service_status,
                                           multirater_status=program.multirater_status), on)
    status = reason = ""
    if standing.status == standing_statuses.WAIVED:
        status = WAIVED
        reason = "retired" if program.credential_status == CredentialStatus.RETIRED.value else ""
    elif standing.status == standing_statuses.POSTPONED:
        status = POSTPONED
        reason = "transition" if program.service_status == ServiceStatus.TRANSITION.value else ""
    elif standing.status == standing_statuses.NOT_APPLICABLE and program.service_status == ServiceStatus.LEFT.value:
        # (Not asked of someone outside the program either; but whoever writes an annual report is in it, so a
        # profile without a designation keeps the five-year rule.)
        status, reason = NOT_ASKED, "left"
    raters = program.multirater_raters
    return MultiraterStatus(profile.program_entry_date, profile.multirater_completed_date, profile.multirater_due(),
                            status, reason, program.multirater_instrument.strip(), program.multirater_preapproved,
                            int(raters) if raters else None)


def _why_not_counted(requirement: Requirement, r: CountedFacts, count: ActivityCount | None) -> str:
    """Why not all of `r`'s hours count (hours.CAP, CONDITIONS, PROVIDER), as models.requirements.counting decided
    it (in its order: provider, conditions, cap); "" when they all do."""
    if count is None or count.counted >= count.logged:
        return ""
    if not provider_accepted(r.provider, requirement.providers):
        return PROVIDER
    if r.type in requirement.conditions and r.meets_conditions is False:
        return CONDITIONS
    return CAP if r.type in requirement.caps else ""


def _hours_counted(icma: RequirementProgress) -> HoursCounted:
    caps = tuple(CapLine(c.type, c.cap, c.logged, c.counted) for c in icma.caps)
    return HoursCounted(icma.logged, icma.counted, caps, icma.carried_in, icma.delivery_hours)


def _requirement_line(p: RequirementProgress) -> RequirementLine:
    """`p` as the report prints it: a period that is over is met or short (a look back at the year, whatever its
    due date and grace); one not over on the day judged and not met is "in progress"."""
    r = p.requirement
    status = "met" if p.met else IN_PROGRESS if p.period_end > p.on else "short"
    topics = tuple(TopicLine(t.topic, t.required.quantize(HUNDREDTH), (t.counted + t.carried).quantize(HUNDREDTH))
                   for t in p.topics if not t.met)
    return RequirementLine(r.key, r.name, p.period_start, p.period_end, r.hours.quantize(HUNDREDTH), p.logged,
                           p.counted, p.due, status, topics)


def report_period(requirement: Requirement, year: int) -> tuple[date, date]:
    """The period of `requirement` a report of `year` shows: the last one that ends within the year (FCCMA's
    October-September year: October 1 of the year before to September 30), or, when none ends in it (a two-year
    window ending the next year), the one that holds December 31."""
    start, end = period_containing(requirement, date(year, 12, 31))
    if end.year == year:
        return start, end
    before = previous_period(requirement, start)
    return before if before[1].year == year else (start, end)


def requirements_day(year: int, generated_on: date) -> date:
    """The day the other requirements are judged on: the reporting year's last day, or the day the report is made
    when that comes first (this year's report)."""
    return min(generated_on, date(year, 12, 31))


def assemble_report(
    year: int,
    records: Iterable[ActivityRecord],
    profile: ProfileData,
    plan: PlanData | None,
    next_plan: PlanData | None,
    draft: ReportDraft,
    generated_on: date,
    names: tuple[tuple[int, str], ...] | None = None,
    *,
    tenet_8: Requirement | None = None,
    others: Sequence[RequirementProgress] = (),
    program: ProgramFacts | None = None,
) -> ReportData:
    """The report from already-loaded facts (no database access).

    `tenet_8` is ICMA's requirement as the member tracks it (the built-in template by default: a calendar year
    with no carry-over, so this year's activities are all it reads); `others` the other requirements' standing
    (`others_standing`); `program` the profile's program statuses (read from `profile` by default)."""
    records = list(records)
    requirement = tenet_8 or template(ALWAYS_ON, generated_on)
    icma = icma_year(records, year, generated_on, requirement)
    counts = {c.activity_id: c for c in icma.activities}
    chosen = report_activities(records, year)
    activities = tuple(
        ReportActivity(
            number=i, activity_id=r.id, title=r.data.title, start_date=r.data.start_date, end_date=r.data.end_date,
            provider=r.data.provider, type=r.data.type, hours=r.data.hours, practices=tuple(r.data.practices),
            description=r.data.description, learned=r.data.learned,
            counted=counts[r.id].counted.quantize(HUNDREDTH) if r.id in counts else ZERO,
            not_counted=_why_not_counted(requirement, r, counts.get(r.id)),
            delivery_hours=r.data.delivery_hours if r.data.type == "teaching" else ZERO,
            mentoring=r.data.mentoring if r.data.type in GIVEN_TYPES else None,
            meets_conditions=r.data.meets_conditions if r.data.type in GIVEN_TYPES else None,
            type_review=r.data.type_review,
        )
        for i, r in enumerate(chosen, 1)
    )
    split = hours_by_practice(chosen, year)
    by_type: dict[str, list[Decimal]] = defaultdict(list)
    for a in activities:
        by_type[a.type].append(a.hours)
    order = {key: i for i, key in enumerate(ACTIVITY_TYPES)}
    type_hours = tuple(
        (t, len(hours), sum(hours, ZERO).quantize(HUNDREDTH))
        for t, hours in sorted(by_type.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    )
    needs: tuple[ReportNeed, ...] = ()
    goals: tuple[ReportGoal, ...] = ()
    if plan is not None:
        needs = tuple(
            ReportNeed(n, split.by_practice.get(n, ZERO), tuple(a.number for a in activities if n in a.practices))
            for n in plan.needs
        )
        goals = _goals_addressed(plan, activities)
    return ReportData(
        year=year,
        generated_on=generated_on,
        member=_member(profile),
        practice_names=names if names is not None else tuple(PRACTICES.items()),
        activities=activities,
        practice_hours=tuple((n, split.by_practice[n]) for n in PRACTICES),
        untagged_hours=split.untagged,
        type_hours=type_hours,
        has_plan=plan is not None,
        needs=needs,
        goals=goals,
        summary_reflection=draft.summary_reflection,
        next_year=_next_year(next_plan),
        multirater=_multirater(profile, program or ProgramFacts.of(profile), generated_on),
        attestation_name=draft.attestation_name,
        attestation_date=draft.attestation_date,
        required_hours=requirement.hours,
        counting=_hours_counted(icma),
        requirements=tuple(_requirement_line(p) for p in others),
        requirements_on=requirements_day(year, generated_on) if others else None,
        wholistic=draft.wholistic,
        narrative=draft.narrative,
        extension_until=draft.extension_until,
    )


def _first_day(requirement: Requirement, start: date) -> date:
    """The first day whose activities the requirement's period starting on `start` looks at (the period before, with
    a carry-over)."""
    return previous_period(requirement, start)[0] if requirement.carry_over is not None else start


def others_standing(others: Sequence[Requirement], year: int, on: date,
                    loaded: dict[int, list[ActivityRecord]]) -> list[RequirementProgress]:
    """The requirements `others` for the report of `year` (each in its `report_period`), as they stood on `on`:
    counted from the completed activities started by then (`loaded`: the years' activities already read; the others
    are read and added to it). Activities after `on` are left out, so the report of a year says the same whatever
    is logged later."""
    if not others:
        return []
    periods = [report_period(r, year) for r in others]
    first = min(_first_day(r, start) for r, (start, _) in zip(others, periods, strict=True)).year
    facts: list[CountedFacts] = []
    for y in range(first, on.year + 1):
        if y not in loaded:
            loaded[y] = load_activities(year=y, status=Status.COMPLETED.value)
        facts += (r for r in loaded[y] if r.start_date <= on)
    return [progress(r, facts, on, period_of=start) for r, (start, _) in zip(others, periods, strict=True)]


def build_report_data(year: int, generated_on: date | None = None) -> ReportData:
    """The live report of `year` from the database: a constant number of queries whatever the count (a few more
    for each year other requirements' periods reach into)."""
    today = generated_on or clock.today()
    tracked = load_requirements(today)
    tenet_8 = next((r for r in tracked if r.key == ALWAYS_ON), None) or template(ALWAYS_ON, today)
    loaded = {year: load_activities(year=year, status=Status.COMPLETED.value)}
    others = others_standing([r for r in tracked if r.key != ALWAYS_ON], year, requirements_day(year, today),
                             loaded)
    return assemble_report(
        year,
        loaded[year],
        get_profile(),
        get_plan(year),
        get_plan(year + 1),
        get_draft(year),
        today,
        practice_names(),
        tenet_8=tenet_8,
        others=others,
        program=program_facts(),
    )
