"""The annual report: its plain data (built from the store), the editor's writes, the readiness check, and the
frozen revisions that were submitted.

One truth: the reflections the member writes in the report editor ("how I took part", "what I learned") are the
activity's own description and learned fields, saved through `save_activity`. The report only adds per-year text
(summary reflection, attestation). Submitting stores the exact content as JSON with the sha256 of the PDF built from
it (with ReportLab's invariant mode, so the same snapshot always gives the same bytes): later edits never change it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import EllipsisType
from typing import Any

import peewee

from wethrive_desktop.models.activities import ActivityRecord, get_activity, load_activities, save_activity
from wethrive_desktop.models.dates import MONTHS, long_date
from wethrive_desktop.models.db import BaseModel, database_proxy
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, REQUIRED_HOURS, CredentialStatus, Status
from wethrive_desktop.models.plans import ItemStatus, PlanData, get_plan
from wethrive_desktop.models.profile import ProfileData, get_profile
from wethrive_desktop.models.rules import HUNDREDTH, ZERO, format_hours, hours_by_practice
from wethrive_desktop.models.tables import Practice, utc_now
from wethrive_desktop.models.validation import FieldError, ValidationError

SNAPSHOT_FORMAT = 1
MIN_LEARNED_WORDS = 25

DESCRIPTION_PROMPT = (
    "How did you take part? Name your role (attended, presented, coached, was coached), the sessions or parts "
    "you completed, and who else was involved."
)
LEARNED_PROMPT = (
    "What is one specific thing you learned, and how did you apply it (or how will you) in your organization? "
    f"At least {MIN_LEARNED_WORDS} words; the reviewers read this first."
)
SUMMARY_PROMPT = (
    "Looking back on the year: how did these activities address your development needs and goals, and what will "
    "you do differently next year?"
)
ATTESTATION_TEXT = (
    "I attest that this report is a true and complete account of my professional development activities in {year}."
)


# --- tables (migration 3 creates them) ---------------------------------------------------------------------


class AnnualReport(BaseModel):
    year = peewee.IntegerField(unique=True)
    summary_reflection = peewee.TextField(default="")
    attestation_name = peewee.TextField(default="")
    attestation_date = peewee.DateField(null=True)
    created_at = peewee.DateTimeField(default=utc_now)
    updated_at = peewee.DateTimeField(default=utc_now)

    class Meta:
        table_name = "annual_report"


class AnnualReportRevision(BaseModel):
    report = peewee.ForeignKeyField(AnnualReport, backref="revisions", on_delete="CASCADE")
    revision = peewee.IntegerField()
    submitted_date = peewee.DateField()
    snapshot = peewee.TextField()
    pdf_sha256 = peewee.TextField()
    created_at = peewee.DateTimeField(default=utc_now)

    class Meta:
        table_name = "annual_report_revision"
        indexes = ((("report", "revision"), True),)


# --- the report's plain data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberInfo:
    name: str
    member_number: str
    designation: str  # "ICMA-CM", "ICMA-CM Candidate" or ""
    title: str
    organization: str
    location: str


@dataclass(frozen=True)
class ReportActivity:
    number: int  # "Professional Development Activity #number"
    activity_id: int
    title: str
    start_date: date
    end_date: date | None
    provider: str
    type: str
    hours: Decimal
    practices: tuple[int, ...]
    description: str
    learned: str


@dataclass(frozen=True)
class ReportGoal:
    term: str  # "long" or "short"
    text: str
    practices: tuple[int, ...]
    addressed_by: tuple[int, ...] = ()  # activity numbers
    hours: Decimal = ZERO  # hours of those activities


@dataclass(frozen=True)
class ReportNeed:
    practice: int
    hours: Decimal  # this year's hours in that practice (split as everywhere else)
    addressed_by: tuple[int, ...]  # activity numbers


@dataclass(frozen=True)
class PlannedActivity:
    title: str
    provider: str
    type: str
    start_date: date | None
    end_date: date | None
    estimated_hours: Decimal
    goal: str  # the goal's text, or ""
    practices: tuple[int, ...]


@dataclass(frozen=True)
class NextYearPlan:
    year: int
    needs: tuple[int, ...]
    goals: tuple[ReportGoal, ...]
    items: tuple[PlannedActivity, ...]

    @property
    def planned_hours(self) -> Decimal:
        return sum((i.estimated_hours for i in self.items), ZERO)


@dataclass(frozen=True)
class MultiraterStatus:
    program_entry: date | None
    completed_on: date | None
    due_by: date | None

    def overdue(self, on: date) -> bool:
        return self.completed_on is None and self.due_by is not None and self.due_by < on

    def describe(self, on: date) -> str:
        if self.completed_on is not None:
            return f"Completed on {long_date(self.completed_on)}."
        if self.due_by is None:
            return "Not yet completed. No program entry date is recorded, so the due date is unknown."
        entry = long_date(self.program_entry) if self.program_entry else "program entry"
        if self.overdue(on):
            return f"Not yet completed. It was due by {long_date(self.due_by)} (five years after entering the " \
                   f"program on {entry}) and is overdue."
        return f"Not yet completed. Due by {long_date(self.due_by)} (five years after entering the program " \
               f"on {entry})."


@dataclass(frozen=True)
class ReportData:
    """Everything the annual report shows; the PDF is built from this alone."""

    year: int
    generated_on: date
    member: MemberInfo
    practice_names: tuple[tuple[int, str], ...]
    activities: tuple[ReportActivity, ...]
    practice_hours: tuple[tuple[int, Decimal], ...]  # all 14, in order
    untagged_hours: Decimal
    type_hours: tuple[tuple[str, int, Decimal], ...]  # (type, activities, hours), types with hours only
    has_plan: bool
    needs: tuple[ReportNeed, ...]
    goals: tuple[ReportGoal, ...]
    summary_reflection: str
    next_year: NextYearPlan | None
    multirater: MultiraterStatus
    attestation_name: str
    attestation_date: date | None
    required_hours: Decimal = REQUIRED_HOURS
    revision: int | None = None
    submitted_on: date | None = None

    @property
    def total_hours(self) -> Decimal:
        return sum((a.hours for a in self.activities), ZERO).quantize(HUNDREDTH)

    @property
    def commitment_met(self) -> bool:
        return self.total_hours >= self.required_hours

    def practice_name(self, number: int) -> str:
        return dict(self.practice_names).get(number) or PRACTICES[number]

    def to_json(self) -> dict[str, Any]:
        return {"format": SNAPSHOT_FORMAT, **_encode(self)}

    @classmethod
    def from_json(cls, payload: Mapping[str, Any]) -> ReportData:
        fmt = payload.get("format")
        if fmt != SNAPSHOT_FORMAT:
            raise ValueError(f"report snapshot format {fmt!r} is not understood (expected {SNAPSHOT_FORMAT})")
        body = {k: v for k, v in payload.items() if k != "format"}
        result = _decode(cls, body)
        assert isinstance(result, cls)
        return result

    def content(self) -> dict[str, Any]:
        """What a reader sees, without when it was generated or which revision it is (for change detection)."""
        payload = self.to_json()
        for key in ("generated_on", "revision", "submitted_on"):
            payload.pop(key)
        return payload


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return f"{value.quantize(HUNDREDTH):f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return None if value is None else _decode(options[0], value)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        names = {f.name for f in dataclasses.fields(kind)}
        return kind(**{k: _decode(hints[k], v) for k, v in value.items() if k in names})
    if kind is Decimal:
        return Decimal(value).quantize(HUNDREDTH)
    if kind is date:
        return date.fromisoformat(value)
    if kind in (int, str, bool):
        if not isinstance(value, kind):
            raise ValueError(f"expected {kind.__name__}, found {value!r}")
        return value
    raise TypeError(f"cannot decode {kind!r}")


def canonical_json(payload: Any) -> str:
    """The exact text a snapshot is stored as: sorted keys, compact, UTF-8 (the JSON export writes it back so)."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def date_range(start: date | None, end: date | None, short: bool = False) -> str:
    """"March 4-6, 2024"; with `short`, "Mar 4-6, 2024" (for table columns)."""
    if start is None:
        return "not scheduled"

    def month(d: date) -> str:
        return MONTHS[d.month - 1][:3] if short else MONTHS[d.month - 1]

    if end is None or end == start:
        return f"{month(start)} {start.day}, {start.year}"
    if start.year == end.year and start.month == end.month:
        return f"{month(start)} {start.day}\u2013{end.day}, {start.year}"
    if start.year == end.year:
        return f"{month(start)} {start.day} \u2013 {month(end)} {end.day}, {start.year}"
    return f"{month(start)} {start.day}, {start.year} \u2013 {month(end)} {end.day}, {end.year}"


def type_label(key: str) -> str:
    return key[:1].upper() + key[1:]


# --- building the data from the store ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReportDraft:
    """The per-year text of the report editor."""

    year: int
    summary_reflection: str = ""
    attestation_name: str = ""
    attestation_date: date | None = None
    exists: bool = False


def get_draft(year: int) -> ReportDraft:
    row = AnnualReport.get_or_none(AnnualReport.year == year)
    if row is None:
        return ReportDraft(year)
    return ReportDraft(year, row.summary_reflection, row.attestation_name, row.attestation_date, True)


def report_activities(records: Iterable[ActivityRecord], year: int) -> list[ActivityRecord]:
    """The activities a year's report lists: completed, started that year, with hours (0-hour entries are
    challenge-only actions such as a donation), oldest first."""
    chosen = [r for r in records if r.status == Status.COMPLETED and r.start_date.year == year and r.hours > 0]
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
        generated_on or date.today(),
        practice_names(),
    )


# --- the editor's writes -----------------------------------------------------------------------------------


def _ensure_report_row(year: int) -> AnnualReport:
    if not 1900 <= year <= 2999:
        raise ValidationError([FieldError("year", f"{year} is not a reporting year")])
    row = AnnualReport.get_or_none(AnnualReport.year == year)
    if row is None:
        now = utc_now()
        row = AnnualReport.create(year=year, created_at=now, updated_at=now)
    return row


def save_draft(year: int, *, summary_reflection: str | None = None, attestation_name: str | None = None,
               attestation_date: date | None | EllipsisType = ..., today: date | None = None) -> ReportDraft:
    """Update the report's own text; a field left out keeps its value. Starts the report (a draft) if needed."""
    today = today or date.today()
    if isinstance(attestation_date, date) and attestation_date > today:
        raise ValidationError([FieldError("attestation_date", f"{attestation_date.isoformat()} is in the future")])
    with database_proxy.atomic():
        row = _ensure_report_row(year)
        if summary_reflection is not None:
            row.summary_reflection = summary_reflection.strip()
        if attestation_name is not None:
            row.attestation_name = attestation_name.strip()
        if not isinstance(attestation_date, EllipsisType):
            row.attestation_date = attestation_date
        row.updated_at = utc_now()
        row.save()
    return get_draft(year)


def save_reflection(activity_id: int, *, description: str | None = None, learned: str | None = None,
                    year: int | None = None) -> ActivityRecord:
    """Save "how I took part" / "what I learned" to the activity itself (the one truth), through save_activity.

    With `year`, the report of that year is started (a draft) in the same transaction.
    """
    with database_proxy.atomic():
        record = get_activity(activity_id)
        data = record.data
        if description is not None:
            data = replace(data, description=description)
        if learned is not None:
            data = replace(data, learned=learned)
        if data != record.data:
            save_activity(data, activity_id)
        if year is not None:
            row = _ensure_report_row(year)
            row.updated_at = utc_now()
            row.save()
    return get_activity(activity_id)


# --- word counts, prompts and the readiness check ----------------------------------------------------------

# Ideographs and kana are written without spaces: each counts as a word.
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def word_count(text: str) -> int:
    cjk = len(_CJK_CHAR.findall(text))
    return cjk + len(_WORD.findall(_CJK_CHAR.sub(" ", text)))


# Titles that read like the job itself rather than learning (DOMAIN.md: "ordinary work ... does not count").
ORDINARY_WORK_PATTERNS: tuple[str, ...] = (
    r"\bprepar(?:ed|ing|e)\b.*\bbudget\b",
    r"\bbudget (?:preparation|hearing|adoption|presentation)s?\b",
    r"\b(?:city|town|county|village|borough)? ?council (?:meeting|session|retreat)s?\b",
    r"\bstaff meetings?\b",
    r"\b(?:board|commission|committee|department head|cabinet|leadership team) meetings?\b",
    r"\bwork(?:ed)? session\b",
    r"\b(?:wrote|drafted|writing|drafting|prepared) (?:the|our|a) (?:city'?s? |county'?s? |town'?s? )?"
    r"(?:strategic plan|comprehensive plan|annual report|agenda|staff report|budget|ordinance|rfp)\b",
    r"\b(?:one[- ]on[- ]ones?|performance (?:review|evaluation)s? (?:of|for) (?:my )?staff)\b",
    r"\b(?:employee|staff) (?:evaluations?|reviews?)\b",
    r"\b(?:negotiat(?:ed|ing)) (?:the|a|our)? ?(?:labor|union|collective bargaining) (?:contract|agreement)\b",
    r"\b(?:ribbon cutting|groundbreaking|press conference)\b",
    r"\b(?:daily|weekly|monthly|regular) (?:operations|duties|meetings?)\b",
)
# Words that mark learning about a topic, which is PD even when the topic sounds like work.
LEARNING_WORDS = re.compile(
    r"\b(?:workshop|webinar|course|training|seminar|conference|institute|summit|session on|class|certificate|"
    r"academy|e-course|lecture|program on|coaching|mentor(?:ing)?|book|reading|how to)\b",
    re.IGNORECASE,
)
_ORDINARY = [re.compile(p, re.IGNORECASE) for p in ORDINARY_WORK_PATTERNS]


def ordinary_work_match(title: str) -> str | None:
    """The part of `title` that reads like ordinary work rather than professional development, or None."""
    if LEARNING_WORDS.search(title):
        return None
    for pattern in _ORDINARY:
        found = pattern.search(title)
        if found:
            return found.group(0).strip()
    return None


class Fix(StrEnum):
    """Where a readiness item's button takes the user."""

    ACTIVITIES = "activities"  # the activity log, to add more
    ACTIVITY = "activity"  # the activity dialog of one activity
    REFLECTION = "reflection"  # the reflection fields of one activity, in the report editor
    PLANNER = "planner"  # next year's plan
    PROFILE = "profile"  # the profile dialog
    ATTESTATION = "attestation"  # the attestation fields of the report editor


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    ok: bool
    message: str
    fix: Fix
    warning: bool = False  # a warning does not stop "ready", an unmet requirement does
    activity_id: int | None = None
    field: str | None = None  # "description" or "learned", for Fix.REFLECTION

    @property
    def blocking(self) -> bool:
        return not self.ok and not self.warning


def _activity_label(a: ReportActivity) -> str:
    return f"Activity #{a.number} \u201c{a.title}\u201d"


def activity_problems(a: ReportActivity) -> list[tuple[str, str | None]]:
    """(problem, field) pairs for one activity; field is the reflection field that fixes it, or None."""
    problems: list[tuple[str, str | None]] = []
    if not a.practices:
        problems.append(("has no practices", None))
    if not a.description.strip():
        problems.append(("has no description of how you took part", "description"))
    words = word_count(a.learned)
    if words < MIN_LEARNED_WORDS:
        what = "has no \u201cwhat I learned\u201d" if words == 0 else \
            f"\u201cwhat I learned\u201d has {words} of {MIN_LEARNED_WORDS} words"
        problems.append((what, "learned"))
    return problems


def _unprintable_items(data: ReportData, unprintable: Callable[[str], set[str]]) -> list[ReadinessItem]:
    """Warnings for text with characters the PDF's fonts lack (they would print as nothing)."""
    items = []
    m = data.member
    missing = unprintable(" ".join((m.name, m.title, m.organization, m.location)))
    if missing:
        items.append(ReadinessItem("glyphs-profile", False, f"Your profile has characters the PDF cannot print: "
                                                            f"{' '.join(sorted(missing))}", Fix.PROFILE, warning=True))
    for a in data.activities:
        missing = unprintable(" ".join((a.title, a.provider, a.description, a.learned)))
        if missing:
            items.append(ReadinessItem(
                f"glyphs-{a.activity_id}", False,
                f"{_activity_label(a)} has characters the PDF cannot print: {' '.join(sorted(missing))}",
                Fix.ACTIVITY, warning=True, activity_id=a.activity_id))
    missing = unprintable(" ".join((data.summary_reflection, data.attestation_name)))
    if missing:
        items.append(ReadinessItem("glyphs-report", False, f"The summary or attestation has characters the PDF "
                                                           f"cannot print: {' '.join(sorted(missing))}",
                                   Fix.ATTESTATION, warning=True))
    return items


def readiness(data: ReportData, today: date | None = None,
              unprintable: Callable[[str], set[str]] | None = None) -> list[ReadinessItem]:
    """Every check of the report, passed or not, in the order the editor shows them.

    `unprintable(text)` returns the characters of `text` the PDF cannot draw (reports.pdf.fonts.missing_glyphs;
    passed in because models/ does not reach into the PDF's fonts); with it, such text gets a warning.
    """
    today = today or date.today()
    items: list[ReadinessItem] = []
    total = data.total_hours
    if data.commitment_met:
        items.append(ReadinessItem("hours", True, f"{format_hours(total)} hours reported (at least "
                                                   f"{format_hours(data.required_hours)})", Fix.ACTIVITIES))
    else:
        short = format_hours(data.required_hours - total)
        items.append(ReadinessItem("hours", False, f"{format_hours(total)} of {format_hours(data.required_hours)} "
                                                    f"hours: {short} h more needed", Fix.ACTIVITIES))

    complete = True
    for a in data.activities:
        problems = activity_problems(a)
        if not problems:
            continue
        complete = False
        text = "; ".join(p for p, _ in problems)
        needs_dialog = any(f is None for _, f in problems)
        first_field = next((f for _, f in problems if f is not None), None)
        items.append(ReadinessItem(
            f"activity-{a.activity_id}", False, f"{_activity_label(a)} {text}",
            Fix.ACTIVITY if needs_dialog else Fix.REFLECTION, activity_id=a.activity_id,
            field=None if needs_dialog else first_field,
        ))
    if complete and data.activities:  # with none, the hours item already says what to do
        items.append(ReadinessItem(
            "activities", True,
            f"Every activity has practices, a description and at least {MIN_LEARNED_WORDS} words learned",
            Fix.ACTIVITIES))

    work = [(a, ordinary_work_match(a.title)) for a in data.activities]
    flagged = [(a, m) for a, m in work if m]
    for a, match in flagged:
        items.append(ReadinessItem(
            f"work-{a.activity_id}", False,
            f"{_activity_label(a)} reads like ordinary work (\u201c{match}\u201d); only learning counts",
            Fix.ACTIVITY, warning=True, activity_id=a.activity_id,
        ))
    if not flagged:
        items.append(ReadinessItem("work", True, "No activity reads like ordinary work", Fix.ACTIVITIES,
                                   warning=True))

    nxt = data.year + 1
    if data.next_year is not None and data.next_year.goals:
        items.append(ReadinessItem("plan", True, f"The {nxt} plan has goals", Fix.PLANNER))
    else:
        why = "has no goals yet" if data.next_year is not None else "has not been started"
        items.append(ReadinessItem("plan", False, f"The {nxt} plan {why}", Fix.PLANNER))

    missing = [label for label, value in (("name", data.member.name), ("ICMA member number",
                                                                        data.member.member_number)) if not value]
    if missing:
        items.append(ReadinessItem("profile", False, f"Your profile has no {' or '.join(missing)}", Fix.PROFILE))
    else:
        items.append(ReadinessItem("profile", True, "Your profile has your name and member number", Fix.PROFILE))

    m = data.multirater
    if m.overdue(today):
        assert m.due_by is not None
        items.append(ReadinessItem("multirater", False, f"The 360 assessment was due by {long_date(m.due_by)}",
                                   Fix.PROFILE))
    else:
        text = (f"360 assessment completed {long_date(m.completed_on)}" if m.completed_on else
                f"360 assessment due by {long_date(m.due_by)}" if m.due_by else
                "360 assessment: add your program entry date to see when it is due")
        items.append(ReadinessItem("multirater", True, text, Fix.PROFILE))

    if unprintable is not None:
        items += _unprintable_items(data, unprintable)

    signed = bool(data.attestation_name.strip()) and data.attestation_date is not None
    items.append(ReadinessItem(
        "attestation", signed,
        "Attestation signed" if signed else "The attestation needs your name and the date",
        Fix.ATTESTATION, warning=True,
    ))
    return items


def is_ready(items: Iterable[ReadinessItem]) -> bool:
    return not any(i.blocking for i in items)


# --- submissions: frozen revisions -------------------------------------------------------------------------


@dataclass(frozen=True)
class RevisionInfo:
    year: int
    revision: int
    submitted_date: date
    pdf_sha256: str


@dataclass(frozen=True)
class Submission:
    info: RevisionInfo
    data: ReportData
    pdf: bytes = field(repr=False)


PdfRenderer = Callable[[ReportData], bytes]


def _default_renderer(data: ReportData) -> bytes:
    # Imported here: reports/ builds from models/ data, so models/ only reaches it when asked to submit.
    from wethrive_desktop.reports.pdf.builder import render_report_pdf

    return render_report_pdf(data, invariant=True)


def report_status(year: int) -> str:
    """"not started", "draft" or "submitted" (the dashboard shows it)."""
    row = AnnualReport.get_or_none(AnnualReport.year == year)
    if row is None:
        return "not started"
    if AnnualReportRevision.select().where(AnnualReportRevision.report == row.id).exists():
        return "submitted"
    return "draft"


def list_revisions(year: int) -> list[RevisionInfo]:
    query = (AnnualReportRevision
             .select(AnnualReportRevision.revision, AnnualReportRevision.submitted_date,
                     AnnualReportRevision.pdf_sha256)
             .join(AnnualReport).where(AnnualReport.year == year).order_by(AnnualReportRevision.revision))
    return [RevisionInfo(year, r, d, s) for r, d, s in query.tuples()]


def latest_revision(year: int) -> RevisionInfo | None:
    found = list_revisions(year)
    return found[-1] if found else None


def get_revision(year: int, revision: int | None = None) -> tuple[RevisionInfo, ReportData]:
    """A submitted revision (the latest by default) and its frozen content."""
    query = AnnualReportRevision.select().join(AnnualReport).where(AnnualReport.year == year)
    if revision is None:
        query = query.order_by(AnnualReportRevision.revision.desc())
    else:
        query = query.where(AnnualReportRevision.revision == revision)
    row = query.first()
    if row is None:
        which = "has not been submitted" if revision is None else f"has no revision {revision}"
        raise LookupError(f"the {year} report {which}")
    info = RevisionInfo(year, row.revision, row.submitted_date, row.pdf_sha256)
    return info, ReportData.from_json(json.loads(row.snapshot))


def submit_report(year: int, submitted_on: date, *, today: date | None = None,
                  renderer: PdfRenderer | None = None) -> Submission:
    """Freeze the live report of `year` as its next revision: the exact content and the PDF's sha256.

    The first call makes revision 1; each later call (made only when the member asks for a new revision) makes the
    next one. Earlier revisions are never changed.
    """
    today = today or date.today()
    if submitted_on > today:
        raise ValidationError([FieldError("submitted_date", f"{submitted_on.isoformat()} is in the future")])
    if submitted_on.year <= year - 1:
        raise ValidationError([FieldError("submitted_date",
                                          f"{submitted_on.isoformat()} is before the {year} reporting year")])
    renderer = renderer or _default_renderer
    with database_proxy.atomic():
        row = _ensure_report_row(year)
        previous = AnnualReportRevision.select(peewee.fn.MAX(AnnualReportRevision.revision)).where(
            AnnualReportRevision.report == row.id).scalar() or 0
        number = int(previous) + 1
        data = replace(build_report_data(year, submitted_on), revision=number, submitted_on=submitted_on)
        snapshot = canonical_json(data.to_json())
        # The PDF is built from the snapshot as stored, exactly as a reprint will be.
        frozen = ReportData.from_json(json.loads(snapshot))
        pdf = renderer(frozen)
        sha = hashlib.sha256(pdf).hexdigest()
        AnnualReportRevision.insert(report=row.id, revision=number, submitted_date=submitted_on, snapshot=snapshot,
                                    pdf_sha256=sha, created_at=utc_now()).execute()
    return Submission(RevisionInfo(year, number, submitted_on, sha), frozen, pdf)


@dataclass(frozen=True)
class Reprint:
    info: RevisionInfo
    pdf: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()

    @property
    def identical(self) -> bool:
        """True when the rebuilt file is byte for byte the one submitted."""
        return self.sha256 == self.info.pdf_sha256


def reprint_revision(year: int, revision: int | None = None, renderer: PdfRenderer | None = None) -> Reprint:
    """Rebuild a submitted revision's PDF from its snapshot (invariant build) and check it against its sha256."""
    info, data = get_revision(year, revision)
    return Reprint(info, (renderer or _default_renderer)(data))


def _activity_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    before = {a["activity_id"]: a for a in old["activities"]}
    after = {a["activity_id"]: a for a in new["activities"]}
    changes = []
    removed = [before[i] for i in before if i not in after]
    added = [after[i] for i in after if i not in before]
    for a in added:
        changes.append(f"activity \u201c{a['title']}\u201d added")
    for a in removed:
        changes.append(f"activity \u201c{a['title']}\u201d removed")
    labels = {"description": "how I took part", "learned": "what I learned", "practices": "practices",
              "hours": "hours", "title": "title", "start_date": "dates", "end_date": "dates",
              "provider": "provider", "type": "type"}
    for i in before:
        if i in after and before[i] != after[i]:
            fields = sorted({labels[k] for k in labels if before[i].get(k) != after[i].get(k)})
            if fields:
                changes.append(f"activity \u201c{after[i]['title']}\u201d: {', '.join(fields)} changed")
    return changes


def changes_since_submitted(year: int, live: ReportData | None = None) -> list[str]:
    """What differs between the latest submitted revision and the live data (empty when nothing, or not
    submitted)."""
    if latest_revision(year) is None:
        return []
    _, frozen = get_revision(year)
    live = live or build_report_data(year)
    old, new = frozen.content(), live.content()
    if old == new:
        return []
    changes = _activity_changes(old, new)
    sections = {"member": "profile", "summary_reflection": "summary reflection", "next_year": "next year's plan",
                "needs": "needs addressed", "goals": "goals addressed", "multirater": "360 assessment",
                "attestation_name": "attestation", "attestation_date": "attestation",
                "practice_names": "practice names"}
    seen: list[str] = []
    for key, label in sections.items():
        if old.get(key) != new.get(key) and label not in seen:
            seen.append(label)
    if seen:
        changes.append(f"{', '.join(seen)} changed")
    return changes or ["the report content changed"]
