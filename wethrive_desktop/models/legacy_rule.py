"""Legacy Leaders (DOMAIN.md section 5), the pure part: the records (coaching relationships, recruitments and
sponsorships, menu activities), their validation, and the rule that gives each calendar year its status: earned /
maintained / not yet, with what is missing.

The rule, as ICMA states it:
- To earn the designation (a Credentialed Manager's first Legacy year): coach a participant (ELDP, MCMI,
  Leadership ICMA or a comparable state program) during the year, and recruit an ICMA member, sponsor or recruit an
  ELDP/MCMI/Leadership ICMA participant, or sponsor a Local Government Management Fellow.
- To keep it in year two: continue coaching and recruit or sponsor one more.
- From year three: at least one activity from the menu each year (coaching, recruiting or sponsoring, an intern
  position, a discussion group, reaching out to students, ...).
A year that misses its requirement is "not yet" and the designation has to be earned again after it.
The coach's other duties (attend a meeting together if possible, approve the final project in the second year of
ELDP/MCMI, recruit a new member each year) are shown as reminders; ICMA's status rule does not hinge on them.

The database reads and writes and `legacy_overview` are in legacy.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from wethrive_desktop.i18n import format_date, noop, tr
from wethrive_desktop.models.validation import FieldError

# The English labels (the source texts): `program_label`, `ActionKind.label` and the pages show them through `tr`.
PROGRAMS: dict[str, str] = {
    "eldp": noop("ELDP"),
    "mcmi": noop("MCMI"),
    "leadership-icma": noop("Leadership ICMA"),
    "state": noop("State program"),
}
PROGRAM_NAMES: dict[str, str] = {
    "eldp": "Emerging Leaders Development Program",
    "mcmi": "Mid-Career Managers Institute",
    "leadership-icma": "Leadership ICMA",
    "state": "a comparable state program",
}
# Programs whose participants can be sponsored or recruited.
PARTICIPANT_PROGRAMS = ("eldp", "mcmi", "leadership-icma")
# Programs with a final project the coach approves in the second year.
FINAL_PROJECT_PROGRAMS = ("eldp", "mcmi")

EARNED = "earned"
MAINTAINED = "maintained"
NOT_YET = "not yet"


class ActionKind(StrEnum):
    MEMBER_RECRUITED = "member-recruited"
    PARTICIPANT_SPONSORED = "participant-sponsored"
    PARTICIPANT_RECRUITED = "participant-recruited"
    FELLOW_SPONSORED = "fellow-sponsored"
    INTERN_POSITION = "intern-position"
    DISCUSSION_GROUP = "discussion-group"
    STUDENT_OUTREACH = "student-outreach"
    OTHER_MENU = "other-menu"

    @property
    def label(self) -> str:
        return tr(ACTION_LABELS[self])

    @property
    def is_recruitment(self) -> bool:
        return self in RECRUITMENT_KINDS

    @property
    def needs_program(self) -> bool:
        return self in (ActionKind.PARTICIPANT_SPONSORED, ActionKind.PARTICIPANT_RECRUITED)


ACTION_LABELS: dict[ActionKind, str] = {
    ActionKind.MEMBER_RECRUITED: noop("ICMA member recruited"),
    ActionKind.PARTICIPANT_SPONSORED: noop("Program participant sponsored"),
    ActionKind.PARTICIPANT_RECRUITED: noop("Program participant recruited"),
    ActionKind.FELLOW_SPONSORED: noop("Local Government Management Fellow sponsored"),
    ActionKind.INTERN_POSITION: noop("Intern position established"),
    ActionKind.DISCUSSION_GROUP: noop("ELDP or Leadership ICMA discussion group hosted"),
    ActionKind.STUDENT_OUTREACH: noop("Outreach to students"),
    ActionKind.OTHER_MENU: noop("Other menu activity"),
}
RECRUITMENT_KINDS = (ActionKind.MEMBER_RECRUITED, ActionKind.PARTICIPANT_SPONSORED, ActionKind.PARTICIPANT_RECRUITED,
                     ActionKind.FELLOW_SPONSORED)
MENU_KINDS = (ActionKind.INTERN_POSITION, ActionKind.DISCUSSION_GROUP, ActionKind.STUDENT_OUTREACH,
              ActionKind.OTHER_MENU)
ACTION_KINDS = frozenset(k.value for k in ActionKind)


def program_label(program: str) -> str:
    """The short name of a program ("ELDP", "State program") in the user's language."""
    return tr(PROGRAMS[program]) if program in PROGRAMS else program


# --- plain records -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CoachingYearData:
    """One year of a coaching relationship: notes, and the meeting attended together (blank: none)."""

    year: int
    notes: str = ""
    meeting: str = ""


@dataclass(frozen=True)
class CoachingData:
    person: str
    program: str
    start_date: date
    program_name: str = ""  # e.g. "CAL-ICMA" for a state program
    end_date: date | None = None  # None: still coaching
    final_project_approved: date | None = None
    notes: str = ""
    years: tuple[CoachingYearData, ...] = ()

    def active_in(self, year: int) -> bool:
        """Coaching counts in every calendar year from its start to its end (or on, while it continues)."""
        return self.start_date.year <= year and (self.end_date is None or self.end_date.year >= year)

    def year_number(self, year: int) -> int:
        """1 in the calendar year coaching started, 2 in the next, ..."""
        return year - self.start_date.year + 1

    def year_data(self, year: int) -> CoachingYearData | None:
        return next((y for y in self.years if y.year == year), None)

    @property
    def program_label(self) -> str:
        if self.program == "state" and self.program_name:
            return self.program_name
        return program_label(self.program)


@dataclass(frozen=True)
class CoachingRecord:
    id: int
    data: CoachingData


@dataclass(frozen=True)
class ActionData:
    """A recruitment, a sponsorship or a menu activity, on a date."""

    date: date
    kind: str
    person: str = ""
    program: str | None = None
    notes: str = ""

    @property
    def year(self) -> int:
        return self.date.year

    def describe(self) -> str:
        """"MCMI participant sponsored: Ana Ruiz", "Intern position established: Paid summer intern"."""
        kind = ActionKind(self.kind)
        text = kind.label
        if kind.needs_program and self.program:
            sponsored = tr("{program} participant sponsored")
            recruited = tr("{program} participant recruited")
            text = (sponsored if kind is ActionKind.PARTICIPANT_SPONSORED else recruited).format(
                program=program_label(self.program))
        detail = self.person or self.notes
        return tr("{what}: {who}").format(what=text, who=detail) if detail else text


@dataclass(frozen=True)
class ActionRecord:
    id: int
    data: ActionData


# --- the status rule ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LegacyYear:
    year: int
    status: str  # EARNED, MAINTAINED or NOT_YET
    goal: str  # what the year had to achieve
    leader_year: int | None  # 1 the year it was earned, 2 the year after, ...; None when not yet
    met: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    reminders: tuple[str, ...] = ()


# What a year had to achieve and what it still misses, as the source texts (LegacyYear holds them through `tr`).
GOAL_EARN = noop("earn the designation")
GOAL_YEAR_TWO = noop("keep it in year two")
GOAL_MENU = noop("keep it with a menu activity")

MISSING_CREDENTIAL = noop("hold the ICMA-CM designation (Legacy Leaders is for Credentialed Managers)")
MISSING_COACHING = noop("coach a participant in ELDP, MCMI, Leadership ICMA or a comparable state program")
MISSING_COACHING_TWO = noop("continue coaching for another year")
MISSING_RECRUIT = noop("recruit an ICMA member, sponsor or recruit an ELDP, MCMI or Leadership ICMA participant, "
                        "or sponsor a Local Government Management Fellow")
MISSING_RECRUIT_TWO = noop("recruit or sponsor one more member or program participant")
MISSING_MENU = noop("one activity from the menu: coaching, recruiting or sponsoring, an intern position, a discussion "
                     "group, outreach to students, ...")


def _coaching_text(c: CoachingData, year: int) -> str:
    return tr("coached {person} ({program}, year {number})").format(
        person=c.person, program=c.program_label, number=c.year_number(year))


def _reminders(coaching: Sequence[CoachingData], actions: Sequence[ActionData], year: int) -> list[str]:
    reminders = []
    for c in coaching:
        yd = c.year_data(year)
        if yd is None or not yd.meeting.strip():
            reminders.append(tr("attend a meeting with {person} if possible (state association, regional "
                                "meeting or Annual Conference)").format(person=c.person))
        if (c.program in FINAL_PROJECT_PROGRAMS and c.year_number(year) >= 2
                and (c.final_project_approved is None or c.final_project_approved.year > year)):
            reminders.append(tr("approve {person}'s final project ({program}, second year)").format(
                person=c.person, program=program_label(c.program)))
    if coaching and not any(a.kind == ActionKind.MEMBER_RECRUITED for a in actions):
        reminders.append(tr("a coach recruits at least one new ICMA member each year"))
    return reminders


def legacy_years(
    coaching: Iterable[CoachingData],
    actions: Iterable[ActionData],
    credentialed_from: date | None,
    through: int,
) -> list[LegacyYear]:
    """The status of each calendar year from the first year with a record up to `through` (usually this year).

    `credentialed_from`: when the member became a Credentialed Manager (date.min if the date is unknown), or None.
    """
    coaching = list(coaching)
    actions = list(actions)
    record_years = [c.start_date.year for c in coaching] + [a.year for a in actions]
    if not record_years:
        return []
    first, last = min(record_years), max([through, *record_years])
    result: list[LegacyYear] = []
    leader_year = 0  # the Legacy year the previous calendar year reached (0: not a Legacy Leader)
    for year in range(first, last + 1):
        coached = [c for c in coaching if c.active_in(year)]
        done = [a for a in actions if a.year == year]
        recruits = [a for a in done if ActionKind(a.kind).is_recruitment]
        menu = [a for a in done if not ActionKind(a.kind).is_recruitment]
        credentialed = credentialed_from is not None and credentialed_from.year <= year
        met: list[str] = [_coaching_text(c, year) for c in coached] + [a.describe() for a in recruits + menu]
        missing: list[str] = []
        if not credentialed:
            missing.append(tr(MISSING_CREDENTIAL))
        if leader_year == 0:
            goal, status = tr(GOAL_EARN), EARNED
            if not coached:
                missing.append(tr(MISSING_COACHING))
            if not recruits:
                missing.append(tr(MISSING_RECRUIT))
        elif leader_year == 1:
            goal, status = tr(GOAL_YEAR_TWO), MAINTAINED
            if not coached:
                missing.append(tr(MISSING_COACHING_TWO))
            if not recruits:
                missing.append(tr(MISSING_RECRUIT_TWO))
        else:
            goal, status = tr(GOAL_MENU), MAINTAINED
            if not (coached or recruits or menu):
                missing.append(tr(MISSING_MENU))
        if missing:
            status = NOT_YET
            leader_year = 0
        else:
            leader_year += 1
        result.append(LegacyYear(
            year=year, status=status, goal=goal, leader_year=leader_year or None, met=tuple(met),
            missing=tuple(missing), reminders=tuple(_reminders(coached, done, year)),
        ))
    return result


def credentialed_from(credential_status: str, credentialed_date: date | None) -> date | None:
    """From the profile: None unless the member is a Credentialed Manager; date.min when the date is unknown."""
    if credential_status != "credentialed":
        return None
    return credentialed_date or date.min


# --- validation --------------------------------------------------------------------------------------------

def not_one_of(value: str, choices: Iterable[str]) -> str:
    return tr("'{value}' is not one of: {choices}").format(value=value, choices=", ".join(choices))


def normalized_coaching(data: CoachingData) -> CoachingData:
    years = tuple(sorted(
        (replace(y, notes=y.notes.strip(), meeting=y.meeting.strip()) for y in data.years),
        key=lambda y: y.year))
    return replace(data, person=data.person.strip(), program=data.program.strip().lower(),
                   program_name=data.program_name.strip(), notes=data.notes.strip(), years=years)


def validate_coaching(data: CoachingData) -> list[FieldError]:
    errors = []
    if not data.person.strip():
        errors.append(FieldError("person", tr("is required (the person you coach)")))
    if data.program not in PROGRAMS:
        errors.append(FieldError("program", not_one_of(data.program, PROGRAMS)))
    before_start = tr("{date} is before the start date")
    if data.end_date is not None and data.end_date < data.start_date:
        errors.append(FieldError("end_date", before_start.format(date=format_date(data.end_date))))
    if data.final_project_approved is not None and data.final_project_approved < data.start_date:
        errors.append(FieldError("final_project_approved",
                                 before_start.format(date=format_date(data.final_project_approved))))
    seen = set()
    for y in data.years:
        if y.year in seen:
            errors.append(FieldError("year", tr("{year} has two sets of notes").format(year=y.year)))
        seen.add(y.year)
        if not data.active_in(y.year):
            errors.append(FieldError("year", tr("{year} is outside the coaching period ({start}-{end})").format(
                year=y.year, start=data.start_date.year, end=data.end_date.year if data.end_date else "")))
    return errors


def normalized_action(data: ActionData) -> ActionData:
    kind = data.kind.strip().lower()
    program = (data.program or "").strip().lower() or None
    if kind in ACTION_KINDS and not ActionKind(kind).needs_program:
        program = None
    return replace(data, kind=kind, person=data.person.strip(), program=program, notes=data.notes.strip())


def validate_action(data: ActionData) -> list[FieldError]:
    errors = []
    if data.kind not in ACTION_KINDS:
        errors.append(FieldError("kind", not_one_of(data.kind, ActionKind)))
        return errors
    kind = ActionKind(data.kind)
    if kind.needs_program and data.program not in PARTICIPANT_PROGRAMS:
        errors.append(FieldError("program", tr("choose ELDP, MCMI or Leadership ICMA")))
    if kind.is_recruitment and not data.person:
        errors.append(FieldError("person", tr("is required (who was recruited or sponsored)")))
    if kind == ActionKind.OTHER_MENU and not data.notes:
        errors.append(FieldError("notes", tr("say what the activity was")))
    return errors
