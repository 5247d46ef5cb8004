"""Building the annual report's data: `assemble_report` from already-loaded facts (no database access), and
`build_report_data` from the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityRecord, load_activities
from wethrive_desktop.models.annual_report.data import (
    MemberInfo,
    MultiraterStatus,
    NextYearPlan,
    PlannedActivity,
    ReportActivity,
    ReportData,
    ReportDraft,
    ReportGoal,
    ReportNeed,
)
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, CredentialStatus, Status
from wethrive_desktop.models.plans import ItemStatus, PlanData, get_plan
from wethrive_desktop.models.profile import ProfileData, get_profile
from wethrive_desktop.models.rules import HUNDREDTH, ZERO, counts_in_year, hours_by_practice
from wethrive_desktop.models.tables import AnnualReport, Practice


def get_draft(year: int) -> ReportDraft:
    row = AnnualReport.get_or_none(AnnualReport.year == year)
    if row is None:
        return ReportDraft(year)
    return ReportDraft(year, row.summary_reflection, row.attestation_name, row.attestation_date, True)


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


def assemble_report(
    year: int,
    records: Iterable[ActivityRecord],
    profile: ProfileData,
    plan: PlanData | None,
    next_plan: PlanData | None,
    draft: ReportDraft,
    generated_on: date,
    names: tuple[tuple[int, str], ...] | None = None,
) -> ReportData:
    """The report from already-loaded facts (no database access)."""
    chosen = report_activities(records, year)
    activities = tuple(
        ReportActivity(
            number=i, activity_id=r.id, title=r.data.title, start_date=r.data.start_date, end_date=r.data.end_date,
            provider=r.data.provider, type=r.data.type, hours=r.data.hours, practices=tuple(r.data.practices),
            description=r.data.description, learned=r.data.learned,
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
        multirater=MultiraterStatus(profile.program_entry_date, profile.multirater_completed_date,
                                    profile.multirater_due()),
        attestation_name=draft.attestation_name,
        attestation_date=draft.attestation_date,
    )


def build_report_data(year: int, generated_on: date | None = None) -> ReportData:
    """The live report of `year` from the database: a constant number of queries whatever the count."""
    return assemble_report(
        year,
        load_activities(year=year, status=Status.COMPLETED.value),
        get_profile(),
        get_plan(year),
        get_plan(year + 1),
        get_draft(year),
        generated_on or clock.today(),
        practice_names(),
    )
