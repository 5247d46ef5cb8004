"""What the report says about its hours (issue 14): how many count toward ICMA's Tenet 8 and why not all of them do,
teaching's preparation and delivery, and the details ICMA asks of mentoring and coaching given.

Each sentence is written once, whole: the reports print it as written (English, the same on every machine) and the
editor shows it with `translated=True`, through i18n (the texts are marked with `noop` for the translation tools).
Nothing here reads the store: it all comes from a ReportData (assemble.py worked the figures out with
models.requirements, the one place that counts).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from wethrive_desktop.i18n import noop, tr
from wethrive_desktop.models.annual_report.data import ReportActivity, ReportData, RequirementLine
from wethrive_desktop.models.dates import date_range, long_date
from wethrive_desktop.models.domain import type_label
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.models.rules import format_hours

# Why an activity's hours do not all count (ReportActivity.not_counted).
CAP = "cap"  # its type's cap for the year was reached
CONDITIONS = "conditions"  # a mentoring or coaching given the member marked as not meeting ICMA's conditions
PROVIDER = "provider"  # from a provider the requirement does not accept



def _as_written(text: str) -> str:
    return text


def _words(translated: bool) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """The sentence function (tr, or the English as written) and the type labels to go with it (each sentence
    has the label where its capital reads right in any language: first, or after a colon or parenthesis)."""
    if translated:
        return tr, lambda t: tr(type_label(t))
    return _as_written, type_label


def explanations(data: ReportData, translated: bool = False) -> list[str]:
    """Why the hours that count differ from those logged, a whole sentence each: the caps that cut, the activities
    that do not count, hours carried over, and teaching's delivery (empty for a format-1 snapshot, or when every
    hour logged counts and no teaching was delivered)."""
    counting = data.counting
    if counting is None:
        return []
    words, label = _words(translated)
    lines = [words(noop("{type}: {logged} h logged, {counted} h count (at most {cap} h a year).")).format(
        type=label(c.type), logged=format_hours(c.logged), counted=format_hours(c.counted),
        cap=format_hours(c.cap)) for c in counting.caps if c.counted < c.logged]
    for a in data.activities:
        if a.not_counted == CONDITIONS:
            lines.append(words(noop("\u201c{title}\u201d ({type}, {hours} h) does not count: it is marked as not "
                                    "meeting ICMA\u2019s conditions.")).format(
                title=a.title, hours=format_hours(a.hours), type=label(a.type)))
        elif a.not_counted == PROVIDER:
            lines.append(words(noop("\u201c{title}\u201d ({hours} h) does not count: its provider is not one the "
                                    "requirement accepts.")).format(title=a.title, hours=format_hours(a.hours)))
    if counting.carried_in:
        lines.append(words(noop("{hours} h carried over from {year}.")).format(
            hours=format_hours(counting.carried_in), year=data.year - 1))
    if counting.delivery_hours:
        lines.append(words(noop("Teaching: {hours} h of delivery shown, not counted (the hours of preparation "
                                "count).")).format(hours=format_hours(counting.delivery_hours)))
    return lines


def activity_counting(a: ReportActivity, data: ReportData, translated: bool = False) -> str:
    """What one activity counts, when that is not simply its hours: "20 of 26 h count: mentoring given counts at
    most 20 h a year.", "Not counted: ...", or teaching's preparation and delivery ("" otherwise)."""
    if a.counted is None:
        return ""
    words, label = _words(translated)
    if a.not_counted == CONDITIONS:
        return words(noop("Not counted ({type}): marked as not meeting ICMA\u2019s conditions.")).format(
            type=label(a.type))
    if a.not_counted == PROVIDER:
        return words(noop("Not counted: its provider is not one the requirement accepts."))
    if a.counted < a.hours:
        cap = data.counting.cap_of(a.type) if data.counting is not None else None
        if a.not_counted == CAP and cap is not None:
            return words(noop("{counted} of {logged} h count ({type}: at most {cap} h a year).")).format(
                counted=format_hours(a.counted), logged=format_hours(a.hours), type=label(a.type),
                cap=format_hours(cap))
        return words(noop("{counted} of {logged} h count.")).format(counted=format_hours(a.counted),
                                                                    logged=format_hours(a.hours))
    if a.type == "teaching":
        if a.delivery_hours:
            return words(noop("Preparation: {preparation} h (counted). Delivery: {delivery} h (shown, not "
                              "counted).")).format(preparation=format_hours(a.hours),
                                                   delivery=format_hours(a.delivery_hours))
        return words(noop("Preparation: {preparation} h (counted).")).format(preparation=format_hours(a.hours))
    return ""


def status_word(line: RequirementLine) -> str:
    """"met", "short" or "overdue" (the reports' English)."""
    return line.status


def period_text(start: date, end: date) -> str:
    """A requirement's period as the reports print it: "Oct 1, 2024 \u2013 Sep 30, 2025"."""
    return date_range(start, end, "short")


def whole_months(start: date, end: date) -> int:
    """Whole months from `start` to `end` (Mar 1 to Aug 31 is 5; to Sep 1, 6)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def duration_text(m: MentoringData) -> str:
    """The relationship's duration as the reports print it: "March 1 \u2013 December 20, 2024 (9 months)", or
    "since March 1, 2024 (ongoing)"."""
    start, end = m.relationship_start, m.relationship_end
    if start is None:
        return ""
    if end is None:
        return f"since {long_date(start)} (ongoing)"
    months = whole_months(start, end)
    return f"{date_range(start, end)} ({months} {'month' if months == 1 else 'months'})"


def given_details(a: ReportActivity) -> list[tuple[str, str]]:
    """What ICMA asks of a mentoring or coaching given, as (label, value) rows in the reports' English: mentoring
    names the mentee and position, the frequency, the duration and the subjects; coaching given the position
    coached, the duration and the nature of the coaching. Empty for other types (and a format-1 snapshot). (The
    labels are marked for the translation tools: the portal copy's dialog shows them translated.)"""
    if a.type not in ("mentoring", "coaching-given") or a.counted is None:
        return []
    m = a.mentoring or MentoringData()
    if a.type == "coaching-given":
        return [(noop("Position coached"), m.position), (noop("Program"), "ICMA Coaching Program"),
                (noop("Duration"), duration_text(m)), (noop("Nature of the coaching"), m.subjects)]
    mentee = ", ".join(x for x in (m.mentee, m.position) if x)
    if m.own_employee is None:
        own = ""
    elif m.own_employee:
        own = f"Yes, through {m.program}" if m.program else "Yes"
    else:
        own = "No"
    rows = [(noop("Mentee"), mentee), (noop("Own employee"), own)]
    if m.program and not m.own_employee:
        rows.append((noop("Program"), m.program))
    rows += [(noop("Frequency"), m.frequency), (noop("Duration"), duration_text(m)), (noop("Subjects"), m.subjects)]
    return rows
