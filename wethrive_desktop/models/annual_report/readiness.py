"""The readiness check: what the report editor lists before the member submits (words are counted by
models.reflections, hours and due dates judged by models.rules).

The editor runs the check again after each pause in typing, on reports of thousands of activities: what is checked
of one activity (its problems, whether its title reads like ordinary work, characters the PDF cannot print) is
remembered by the activity's value (a frozen dataclass), so a check costs one dictionary look-up an activity plus the
work on the few activities that changed. Linear in the activities, whatever changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report.data import ReportActivity, ReportData
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.models.reflections import MIN_LEARNED_WORDS, enough_words, word_count
from wethrive_desktop.models.rules import commitment_met, format_hours, hours_short

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
    try:
        return list(_problems(a))
    except TypeError:  # not hashable (say, made by hand with a list of practices): checked afresh
        return list(_problems.__wrapped__(a))


@lru_cache(maxsize=CHECK_CACHE_SIZE)
def _problems(a: ReportActivity) -> tuple[tuple[str, str | None], ...]:
    problems: list[tuple[str, str | None]] = []
    if not a.practices:
        problems.append(("has no practices", None))
    if not a.description.strip():
        problems.append(("has no description of how you took part", "description"))
    words = word_count(a.learned)
    if not enough_words(words):
        what = "has no \u201cwhat I learned\u201d" if words == 0 else \
            f"\u201cwhat I learned\u201d has {words} of {MIN_LEARNED_WORDS} words"
        problems.append((what, "learned"))
    return tuple(problems)


@lru_cache(maxsize=CHECK_CACHE_SIZE)
def _activity_checks(a: ReportActivity, unprintable: Callable[[str], set[str]] | None,
                     ) -> tuple[ReadinessItem | None, ReadinessItem | None, ReadinessItem | None]:
    """The readiness items of one activity (None where it passes): its problems, ordinary work, unprintable text."""
    problem = work = glyphs = None
    problems = activity_problems(a)
    if problems:
        text = "; ".join(p for p, _ in problems)
        needs_dialog = any(f is None for _, f in problems)
        first_field = next((f for _, f in problems if f is not None), None)
        problem = ReadinessItem(
            f"activity-{a.activity_id}", False, f"{_activity_label(a)} {text}",
            Fix.ACTIVITY if needs_dialog else Fix.REFLECTION, activity_id=a.activity_id,
            field=None if needs_dialog else first_field,
        )
    match = ordinary_work_match(a.title)
    if match:
        work = ReadinessItem(
            f"work-{a.activity_id}", False,
            f"{_activity_label(a)} reads like ordinary work (\u201c{match}\u201d); only learning counts",
            Fix.ACTIVITY, warning=True, activity_id=a.activity_id,
        )
    if unprintable is not None:
        missing = unprintable(" ".join((a.title, a.provider, a.description, a.learned)))
        if missing:
            glyphs = ReadinessItem(
                f"glyphs-{a.activity_id}", False,
                f"{_activity_label(a)} has characters the PDF cannot print: {' '.join(sorted(missing))}",
                Fix.ACTIVITY, warning=True, activity_id=a.activity_id)
    return problem, work, glyphs


def _unprintable_items(data: ReportData, unprintable: Callable[[str], set[str]],
                       activity_items: list[ReadinessItem]) -> list[ReadinessItem]:
    """Warnings for text with characters the PDF's fonts lack (they would print as nothing); `activity_items`
    are the activities' own."""
    items = []
    m = data.member
    missing = unprintable(" ".join((m.name, m.title, m.organization, m.location)))
    if missing:
        items.append(ReadinessItem("glyphs-profile", False, f"Your profile has characters the PDF cannot print: "
                                                            f"{' '.join(sorted(missing))}", Fix.PROFILE, warning=True))
    items += activity_items
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
    today = today or clock.today()
    items: list[ReadinessItem] = []
    total = data.total_hours  # a sum over every activity: once
    if commitment_met(total, data.required_hours):
        items.append(ReadinessItem("hours", True, f"{format_hours(total)} hours reported (at least "
                                                   f"{format_hours(data.required_hours)})", Fix.ACTIVITIES))
    else:
        short = format_hours(hours_short(total, data.required_hours))
        items.append(ReadinessItem("hours", False, f"{format_hours(total)} of {format_hours(data.required_hours)} "
                                                    f"hours: {short} h more needed", Fix.ACTIVITIES))

    try:
        checks = [_activity_checks(a, unprintable) for a in data.activities]
    except TypeError:  # an activity (or `unprintable`) not hashable: checked afresh
        checks = [_activity_checks.__wrapped__(a, unprintable) for a in data.activities]
    problems = [p for p, _, _ in checks if p is not None]
    items += problems
    if not problems and data.activities:  # with none, the hours item already says what to do
        items.append(ReadinessItem(
            "activities", True,
            f"Every activity has practices, a description and at least {MIN_LEARNED_WORDS} words learned",
            Fix.ACTIVITIES))

    flagged = [w for _, w, _ in checks if w is not None]
    items += flagged
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
        items += _unprintable_items(data, unprintable, [g for _, _, g in checks if g is not None])

    signed = bool(data.attestation_name.strip()) and data.attestation_date is not None
    items.append(ReadinessItem(
        "attestation", signed,
        "Attestation signed" if signed else "The attestation needs your name and the date",
        Fix.ATTESTATION, warning=True,
    ))
    return items


def is_ready(items: Iterable[ReadinessItem]) -> bool:
    return not any(i.blocking for i in items)
