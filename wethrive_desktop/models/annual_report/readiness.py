"""The readiness check: what the report editor lists before the member submits (words are counted by models.reflections,
hours and due dates judged by models.rules).

The editor runs the check again after each pause in typing, on reports of thousands of activities: what is checked of
one activity (its problems, whether its title reads like ordinary work, characters the PDF cannot print) is
remembered by the texts it reads (not by the whole activity, which a report built again makes anew), so a check costs
a few dictionary look-ups an activity plus the work on the few activities that changed. Linear in the activities,
whatever changed. What is remembered are facts (which field is missing, how many words), never sentences: the
sentences go through i18n's `tr` when the check runs, so they are in the language shown (the command line's English
without a translator).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from wethrive_desktop.i18n import noop, tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report.data import NOT_ASKED, POSTPONED, WAIVED, ReportActivity, ReportData
from wethrive_desktop.models.dashboard import reports_yearly
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.models.domain import ServiceStatus
from wethrive_desktop.models.mentoring import MentoringData, lasted_six_months
from wethrive_desktop.models.profile import ProfileData
from wethrive_desktop.models.reflections import MIN_LEARNED_WORDS, enough_words, word_count
from wethrive_desktop.models.rules import commitment_met, format_hours, hours_short

# A year written as one narrative (ICMA accepts a "wholistic" report) replaces a reflection per activity, each at
# least MIN_LEARNED_WORDS: it must be long enough to say, for the year as a whole, what was learned and applied.
# ICMA sets no figure; this is about a page's third, the length of eight short reflections.
NARRATIVE_MIN_WORDS = 200
NARRATIVE_PROMPT = noop(
    "Write the year as a whole: what you learned across your activities, how you applied it (or will) in your "
    "organization, and how it addressed your development needs and goals. At least 200 words."
)

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
# Activities whose checks are remembered: the busiest year of a 100,000-activity record (5,000) several times over,
# with room for the versions typed; past it the least recently checked are forgotten (and checked again if needed).
CHECK_CACHE_SIZE = 1 << 14


@lru_cache(maxsize=CHECK_CACHE_SIZE)
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
    NARRATIVE = "narrative"  # the narrative for the year, in the report editor (a wholistic report)


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


def _activity_message(template: str, a: ReportActivity, **values: str) -> str:
    """`template` (translated) about activity `a`: its {number} and {title} filled in with `values`."""
    return tr(template).format(number=a.number, title=a.title, **values)


# What can be missing from one activity: (what, the reflection field that fixes it or None, words learned).
Problem = tuple[str, str | None, int]


def _problem_text(what: str, words: int) -> str:
    if what == "practices":
        return tr("has no practices")
    if what == "description":
        return tr("has no description of how you took part")
    if words == 0:
        return tr("has no \u201cwhat I learned\u201d")
    return tr("\u201cwhat I learned\u201d has {words} of {minimum} words").format(words=words,
                                                                               minimum=MIN_LEARNED_WORDS)


def activity_problems(a: ReportActivity, wholistic: bool = False) -> list[tuple[str, str | None]]:
    """(problem, field) pairs for one activity, the problem in the user's language; field is the reflection field
    that fixes it, or None. A `wholistic` report (the year as one narrative) asks no reflection of the activity."""
    problems = _problems(bool(a.practices), a.description, a.learned, wholistic)
    return [(_problem_text(what, words), field) for what, field, words in problems]


# The checks remember facts, not sentences: the sentences are made when asked, so they follow the language. They
# are keyed by what they read of an activity, not by the activity: a report built again (a year switched to and
# back) makes equal activities anew, and hashing and comparing each one whole took longer than its checks.
@lru_cache(maxsize=CHECK_CACHE_SIZE)
def _problems(has_practices: bool, description: str, learned: str, wholistic: bool = False) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    if not has_practices:
        problems.append(("practices", None, 0))
    if wholistic:
        return tuple(problems)
    if not description.strip():
        problems.append(("description", "description", 0))
    words = word_count(learned)
    if not enough_words(words):
        problems.append(("learned", "learned", words))
    return tuple(problems)


@lru_cache(maxsize=CHECK_CACHE_SIZE)
def _missing_glyphs(texts: tuple[str, str, str, str], unprintable: Callable[[str], set[str]]) -> str:
    """The characters of an activity's `texts` (title, provider, description, learned) the PDF cannot print,
    sorted and spaced ("" when it can print them all)."""
    return " ".join(sorted(unprintable(" ".join(texts))))


def _activity_checks(a: ReportActivity, unprintable: Callable[[str], set[str]] | None, wholistic: bool = False,
                     ) -> tuple[ReadinessItem | None, ReadinessItem | None, ReadinessItem | None]:
    """The readiness items of one activity (None where it passes): its problems, ordinary work, unprintable text."""
    problem = work = glyphs = None
    problems = activity_problems(a, wholistic)
    if problems:
        text = "; ".join(p for p, _ in problems)
        needs_dialog = any(f is None for _, f in problems)
        first_field = next((f for _, f in problems if f is not None), None)
        problem = ReadinessItem(
            f"activity-{a.activity_id}", False,
            _activity_message(noop("Activity #{number} \u201c{title}\u201d {problems}"), a, problems=text),
            Fix.ACTIVITY if needs_dialog else Fix.REFLECTION, activity_id=a.activity_id,
            field=None if needs_dialog else first_field,
        )
    match = ordinary_work_match(a.title)
    if match:
        work = ReadinessItem(
            f"work-{a.activity_id}", False,
            _activity_message(noop("Activity #{number} \u201c{title}\u201d reads like ordinary work "
                                   "(\u201c{match}\u201d); only learning counts"), a, match=match),
            Fix.ACTIVITY, warning=True, activity_id=a.activity_id,
        )
    if unprintable is not None:
        texts = (a.title, a.provider, a.description, a.learned)
        try:
            missing = _missing_glyphs(texts, unprintable)
        except TypeError:  # an `unprintable` that is not hashable: checked afresh
            missing = _missing_glyphs.__wrapped__(texts, unprintable)
        if missing:
            glyphs = ReadinessItem(
                f"glyphs-{a.activity_id}", False,
                _activity_message(noop("Activity #{number} \u201c{title}\u201d has characters the PDF cannot "
                                       "print: {characters}"), a, characters=missing),
                Fix.ACTIVITY, warning=True, activity_id=a.activity_id)
    return problem, work, glyphs


# --- mentoring and coaching given (DOMAIN.md section 7) -------------------------------------------------------

# What ICMA asks that is not documented, one whole sentence each (the conditions of models.mentoring.missing).
_UNDOCUMENTED = {
    "mentee": noop("The mentee\u2019s name is not recorded."),
    "position": noop("The mentee\u2019s position (student, employee or intern) is not recorded."),
    "own_employee": noop("It does not say whether the mentee is your own employee."),
    "program": noop("Your own employee counts only through a formal program, and none is recorded."),
    "start": noop("When the relationship started is not recorded."),
    "six_months": noop("The relationship has run less than six months."),
    "frequency": noop("How often you met is not recorded."),
    "subjects": noop("The subjects covered are not recorded."),
    "coached_position": noop("The position of the person coached is not recorded."),
    "nature": noop("The nature of the coaching is not recorded."),
}


def undocumented(type_: str, data: MentoringData | None, on: date) -> list[str]:
    """The keys of _UNDOCUMENTED for what ICMA asks of a mentoring or coaching given that is not yet recorded
    (models.mentoring.missing's conditions, in its order; a test holds the two together)."""
    d = (data or MentoringData()).stripped()
    found: list[str] = []
    if type_ == "mentoring":
        found += [key for key, missing in (("mentee", not d.mentee), ("position", not d.position),
                                           ("own_employee", d.own_employee is None),
                                           ("program", bool(d.own_employee) and not d.program)) if missing]
    elif type_ == "coaching-given":
        found += ["coached_position"] if not d.position else []
    else:
        return found
    if d.relationship_start is None:
        found.append("start")
    elif type_ == "mentoring" and lasted_six_months(d, on) is False:
        found.append("six_months")
    if type_ == "mentoring" and not d.frequency:
        found.append("frequency")
    if not d.subjects:
        found.append("subjects" if type_ == "mentoring" else "nature")
    return found


def _given_items(a: ReportActivity, on: date) -> list[ReadinessItem]:
    """A mentoring or coaching given: marked as not meeting ICMA's conditions (a warning: it does not count); else
    what ICMA asks that is not recorded, and whether it meets the conditions, still to be confirmed."""
    if a.type not in ("mentoring", "coaching-given"):
        return []
    if a.meets_conditions is False:
        return [ReadinessItem(
            f"conditions-{a.activity_id}", False,
            _activity_message(noop("Activity #{number} \u201c{title}\u201d is marked as not meeting "
                                   "ICMA\u2019s conditions: its {hours} h do not count"), a,
                              hours=format_hours(a.hours)),
            Fix.ACTIVITY, warning=True, activity_id=a.activity_id)]
    items = []
    missing = undocumented(a.type, a.mentoring, on)
    if missing:
        heading = (_activity_message(noop("Activity #{number} \u201c{title}\u201d (mentoring given) does not yet "
                                          "record what ICMA asks:"), a) if a.type == "mentoring" else
                   _activity_message(noop("Activity #{number} \u201c{title}\u201d (coaching given) does not yet "
                                          "record what ICMA asks:"), a))
        lines = [heading, *("\u2022 " + tr(_UNDOCUMENTED[key]) for key in missing)]
        items.append(ReadinessItem(f"mentoring-{a.activity_id}", False, "\n".join(lines), Fix.ACTIVITY,
                                   activity_id=a.activity_id))
    if a.meets_conditions is None:
        text = (_activity_message(noop("Activity #{number} \u201c{title}\u201d: confirm in the activity that it "
                                       "meets ICMA\u2019s conditions for mentoring given (a formal relationship of "
                                       "six months or more with a student, or a local-government employee or "
                                       "intern)"), a)
                if a.type == "mentoring" else
                _activity_message(noop("Activity #{number} \u201c{title}\u201d: confirm in the activity that it "
                                       "was coaching given in the ICMA Coaching Program"), a))
        items.append(ReadinessItem(f"confirm-{a.activity_id}", False, text, Fix.ACTIVITY,
                                   activity_id=a.activity_id))
    return items


def _type_review_item(a: ReportActivity) -> ReadinessItem | None:
    """An entry logged as "coaching" before the app told received from given, whose words read as given."""
    if not a.type_review:
        return None
    return ReadinessItem(
        f"type-{a.activity_id}", False,
        _activity_message(noop("Activity #{number} \u201c{title}\u201d was logged as coaching and reads as "
                               "coaching you gave: confirm its type (coaching received, mentoring given, or "
                               "coaching given)"), a),
        Fix.ACTIVITY, warning=True, activity_id=a.activity_id)


def _unprintable_items(data: ReportData, unprintable: Callable[[str], set[str]],
                       activity_items: list[ReadinessItem]) -> list[ReadinessItem]:
    """Warnings for text with characters the PDF's fonts lack (they would print as nothing); `activity_items`
    are the activities' own."""
    items = []
    m = data.member
    missing = unprintable(" ".join((m.name, m.title, m.organization, m.location)))
    if missing:
        items.append(ReadinessItem("glyphs-profile", False,
                                   tr("Your profile has characters the PDF cannot print: {characters}").format(
                                       characters=" ".join(sorted(missing))), Fix.PROFILE, warning=True))
    items += activity_items
    # (What the PDF prints: a wholistic report's narrative, else its summary reflection.)
    missing = unprintable(" ".join((data.printed_summary, data.attestation_name,
                                    data.narrative if data.wholistic else "")))
    if missing:
        items.append(ReadinessItem("glyphs-report", False,
                                   tr("The summary, narrative or attestation has characters the PDF cannot "
                                      "print: {characters}").format(characters=" ".join(sorted(missing))),
                                   Fix.ATTESTATION, warning=True))
    return items


def _hours_item(data: ReportData) -> ReadinessItem:
    """The commitment, judged by the hours that count (ICMA's caps and conditions applied), in the words used
    everywhere: "56 h logged, 50 h count"."""
    logged, counted = data.total_hours, data.counted_hours  # sums over every activity: once
    hours = {"counted": format_hours(counted), "required": format_hours(data.required_hours),
             "logged": format_hours(logged)}
    if commitment_met(counted, data.required_hours):
        text = (tr("{logged} h logged, all count ({required} required)") if counted == logged
                else tr("{logged} h logged, {counted} h count ({required} required)"))
        return ReadinessItem("hours", True, text.format(**hours), Fix.ACTIVITIES)
    short = format_hours(hours_short(counted, data.required_hours))
    text = (tr("{logged} h logged, all count: {short} h more needed ({required} required)") if counted == logged
            else tr("{logged} h logged, {counted} h count: {short} h more needed ({required} required)"))
    return ReadinessItem("hours", False, text.format(short=short, **hours), Fix.ACTIVITIES)


def _narrative_item(data: ReportData) -> ReadinessItem:
    """A wholistic report's narrative: long enough, as a reflection must be."""
    words = word_count(data.narrative)
    if enough_words(words, NARRATIVE_MIN_WORDS):
        return ReadinessItem("narrative", True, tr("The narrative for the year has {words} words (at least "
                                                   "{minimum})").format(words=words, minimum=NARRATIVE_MIN_WORDS),
                             Fix.NARRATIVE)
    if words == 0:
        return ReadinessItem("narrative", False, tr("The narrative for the year is not written yet (at least "
                                                    "{minimum} words)").format(minimum=NARRATIVE_MIN_WORDS),
                             Fix.NARRATIVE)
    return ReadinessItem("narrative", False, tr("The narrative for the year has {words} of {minimum} words").format(
        words=words, minimum=NARRATIVE_MIN_WORDS), Fix.NARRATIVE)


def _plan_item(data: ReportData) -> ReadinessItem:
    year = data.year + 1
    if data.next_year is not None and data.next_year.goals:
        return ReadinessItem("plan", True, tr("The {year} plan has goals").format(year=year), Fix.PLANNER)
    text = (tr("The {year} plan has no goals yet") if data.next_year is not None
            else tr("The {year} plan has not been started"))
    return ReadinessItem("plan", False, text.format(year=year), Fix.PLANNER)


def _profile_item(data: ReportData) -> ReadinessItem:
    name, number = bool(data.member.name), bool(data.member.member_number)
    if name and number:
        return ReadinessItem("profile", True, tr("Your profile has your name and member number"), Fix.PROFILE)
    text = (tr("Your profile has no name or ICMA member number") if not name and not number
            else tr("Your profile has no name") if not name else tr("Your profile has no ICMA member number"))
    return ReadinessItem("profile", False, text, Fix.PROFILE)


def _multirater_item(data: ReportData, today: date, day: Callable[[date], str]) -> ReadinessItem:
    """The 360 assessment: ticked only when it is done or its due date is known and not past; without a program
    entry date nobody knows when it is due, which is a warning (to add the date), not a tick."""
    m = data.multirater
    if m.completed_on is None and m.status == WAIVED:
        text = (tr("360 assessment waived (Retired Credentialed Manager)") if m.reason == "retired"
                else tr("360 assessment waived"))
        return ReadinessItem("multirater", True, text, Fix.PROFILE)
    if m.completed_on is None and m.status == POSTPONED:
        text = (tr("360 assessment postponed (member in transition)") if m.reason == "transition"
                else tr("360 assessment postponed"))
        return ReadinessItem("multirater", True, text, Fix.PROFILE)
    if m.completed_on is None and m.status == NOT_ASKED:
        return ReadinessItem("multirater", True, tr("360 assessment not asked (no longer in local-government "
                                                    "service)"), Fix.PROFILE)
    if m.overdue(today):
        assert m.due_by is not None
        return ReadinessItem("multirater", False, tr("The 360 assessment was due by {date}").format(
            date=day(m.due_by)), Fix.PROFILE)
    if m.completed_on is not None:
        return ReadinessItem("multirater", True, tr("360 assessment completed {date}").format(
            date=day(m.completed_on)), Fix.PROFILE)
    if m.due_by is not None:
        return ReadinessItem("multirater", True, tr("360 assessment due by {date}").format(date=day(m.due_by)),
                             Fix.PROFILE)
    return ReadinessItem("multirater", False, tr("360 assessment: add your program entry date to see when it is due"),
                         Fix.PROFILE, warning=True)


def _instrument_item(data: ReportData) -> ReadinessItem | None:
    """A 360 done with an instrument not pre-approved, or not named: a warning (ICMA asks for a pre-approved one)."""
    m = data.multirater
    if m.completed_on is None:
        return None
    if not m.instrument:
        return ReadinessItem("multirater-instrument", False, tr("Name the instrument your 360 assessment used (ICMA "
                                                                "asks for one of its pre-approved instruments)"),
                             Fix.PROFILE, warning=True)
    if m.preapproved is False:
        return ReadinessItem("multirater-instrument", False, tr("The 360 assessment\u2019s instrument is not one of "
                                                                "ICMA\u2019s pre-approved instruments"),
                             Fix.PROFILE, warning=True)
    return None


def _asked_item(profile: ProfileData) -> ReadinessItem | None:
    """A note when the program asks no yearly report of the member (models.dashboard.reports_yearly: the rule the
    dashboard's reminders follow), so the page and the dashboard agree; the member can still write one, and the
    check says what it would need."""
    if reports_yearly(profile):
        return None
    if profile.service_status == ServiceStatus.LEFT:
        text = tr("The program asks no yearly report of a member no longer in local-government service; you can "
                  "still write one")
    else:
        text = tr("The program asks a yearly report of Candidates and Credentialed Managers, and your profile "
                  "names no designation; you can still write one")
    return ReadinessItem("asked", True, text, Fix.PROFILE, warning=True)


def readiness(data: ReportData, today: date | None = None,
              unprintable: Callable[[str], set[str]] | None = None,
              day: Callable[[date], str] = long_date, profile: ProfileData | None = None) -> list[ReadinessItem]:
    """Every check of the report, passed or not, in the order the editor shows them, each said in the user's
    language (through i18n's `tr`: English for the command line).

    `unprintable(text)` returns the characters of `text` the PDF cannot draw (reports.pdf.coverage.missing_glyphs;
    passed in because models/ does not reach into the PDF's fonts); with it, such text gets a warning. `day` writes
    the dates (the editor passes i18n's format_date, for the user's locale). With the member's `profile`, a note
    comes first when the program asks no yearly report of them (the rest is checked all the same).

    What is asked follows DOMAIN.md section 7: a Retired Credentialed Manager's 360 is waived and nothing else is;
    a member no longer in local-government service is not asked for a 360 (models.multirater) and, writing a
    report, is asked the rest.
    """
    today = today or clock.today()
    asked = _asked_item(profile) if profile is not None else None
    items: list[ReadinessItem] = [asked] if asked is not None else []
    items.append(_hours_item(data))
    if data.wholistic:
        items.append(_narrative_item(data))
    checks = [_activity_checks(a, unprintable, data.wholistic) for a in data.activities]
    problems = [p for p, _, _ in checks if p is not None]
    items += problems
    if not problems and data.activities:  # with none, the hours item already says what to do
        items.append(ReadinessItem(
            "activities", True,
            tr("Every activity has practices") if data.wholistic else
            tr("Every activity has practices, a description and at least {minimum} words learned").format(
                minimum=MIN_LEARNED_WORDS),
            Fix.ACTIVITIES))
    for a in data.activities:
        if a.type_review or a.type in ("mentoring", "coaching-given"):  # (few activities: the others cost a test)
            items += _given_items(a, today)
            review = _type_review_item(a)
            if review is not None:
                items.append(review)

    flagged = [w for _, w, _ in checks if w is not None]
    items += flagged
    if not flagged:
        items.append(ReadinessItem("work", True, tr("No activity reads like ordinary work"), Fix.ACTIVITIES,
                                   warning=True))
    items.append(_plan_item(data))
    items.append(_profile_item(data))
    items.append(_multirater_item(data, today, day))
    instrument = _instrument_item(data)
    if instrument is not None:
        items.append(instrument)
    if unprintable is not None:
        items += _unprintable_items(data, unprintable, [g for _, _, g in checks if g is not None])

    signed = bool(data.attestation_name.strip()) and data.attestation_date is not None
    items.append(ReadinessItem(
        "attestation", signed,
        tr("Attestation signed") if signed else tr("The attestation needs your name and the date"),
        Fix.ATTESTATION, warning=True,
    ))
    return items


def is_ready(items: Iterable[ReadinessItem]) -> bool:
    return not any(i.blocking for i in items)
