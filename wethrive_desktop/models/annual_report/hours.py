"""What the report says about its hours (issue 14): how many count toward ICMA's Tenet 8 and why not all of them do,
teaching's preparation and delivery, and the details ICMA asks of mentoring and coaching given.

Each sentence is written once, whole: the reports print it as written (English, the same on every machine) and the
editor shows it with `translated=True`, through i18n (the texts are marked with `noop` for the translation tools).
A fact the rest of the app also states reads the same here, in the same words ("26 h logged, 20 h count", a cap as
models.requirements' CapUse.describe says it, teaching's delivery as RequirementProgress.explanations does), with
the same text for the translators; why a requirement is not met reads as reminders say it (topic_shortfalls).
Nothing here reads the store: it all comes from a ReportData (assemble.py worked the figures out with
models.requirements, the one place that counts).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from wethrive_desktop.i18n import noop, tr
from wethrive_desktop.models.annual_report.data import IN_PROGRESS, ReportActivity, ReportData, RequirementLine
from wethrive_desktop.models.dates import date_range, long_date
from wethrive_desktop.models.domain import type_label
from wethrive_desktop.models.mentoring import MentoringData, add_months
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.topics import BUILTIN_TOPICS, topic_label

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


def _cap_line(words: Callable[[str], str], label: Callable[[str], str], type_: str, logged: Decimal,
              counted: Decimal, cap: Decimal) -> str:
    """A cap's line as models.requirements says it (CapUse.describe): "Mentoring given: 26 h logged, 20 h count
    (at most 20 h a year)". Tenet 8 is counted by calendar year, so its caps are "a year"."""
    return words(noop("{type}: {logged} h logged, {counted} h count (at most {cap} h {per})")).format(
        type=label(type_), logged=format_hours(logged), counted=format_hours(counted), cap=format_hours(cap),
        per=words(noop("a year")))


def delivery_line(hours: Decimal, translated: bool = False) -> str:
    """Teaching's delivery as models.requirements says it (RequirementProgress.explanations): "Teaching: 3 h of
    delivery shown, not counted (the preparation counts)"."""
    words, _ = _words(translated)
    return words(noop("Teaching: {hours} h of delivery shown, not counted (the preparation counts)")).format(
        hours=format_hours(hours))


def explanations(data: ReportData, translated: bool = False) -> list[str]:
    """Why the hours that count differ from those logged, one line each, worded as models.requirements words them
    everywhere else (the dashboard, the Requirements page, the command line): the caps that cut, the activities
    that do not count, hours carried over, and teaching's delivery (empty for a format-1 snapshot, or when every
    hour logged counts and no teaching was delivered)."""
    counting = data.counting
    if counting is None:
        return []
    words, label = _words(translated)
    lines = [_cap_line(words, label, c.type, c.logged, c.counted, c.cap) for c in counting.caps
             if c.counted < c.logged]
    for a in data.activities:
        if a.not_counted == CONDITIONS:
            reason = words(noop("marked as not meeting ICMA's conditions for {type}")).format(type=label(a.type))
        elif a.not_counted == PROVIDER:
            reason = words(noop("its provider is not one the requirement accepts"))
        else:
            continue
        lines.append(words(noop("{title} ({hours} h): {reason}")).format(title=a.title, hours=format_hours(a.hours),
                                                                         reason=reason))
    if counting.carried_in:
        lines.append(words(noop("{hours} h carried over from the previous period")).format(
            hours=format_hours(counting.carried_in)))
    if counting.delivery_hours:
        lines.append(delivery_line(counting.delivery_hours, translated))
    return lines


def activity_counting(a: ReportActivity, data: ReportData, translated: bool = False) -> str:
    """What one activity counts, when that is not simply its hours, in the words used everywhere ("logged",
    "count"): "26 h logged, 20 h count (Mentoring given: at most 20 h a year)", "6 h logged, 0 h count: marked as
    not meeting ICMA's conditions", or teaching's delivery ("" otherwise)."""
    if a.counted is None:
        return ""
    words, label = _words(translated)
    hours = {"logged": format_hours(a.hours), "counted": format_hours(a.counted)}
    if a.not_counted == CONDITIONS:
        return words(noop("{logged} h logged, {counted} h count: marked as not meeting ICMA's conditions")).format(
            **hours)
    if a.not_counted == PROVIDER:
        return words(noop("{logged} h logged, {counted} h count: its provider is not one the requirement "
                          "accepts")).format(**hours)
    if a.counted < a.hours:
        cap = data.counting.cap_of(a.type) if data.counting is not None else None
        if a.not_counted == CAP and cap is not None:
            return words(noop("{logged} h logged, {counted} h count ({type}: at most {cap} h a year)")).format(
                type=label(a.type), cap=format_hours(cap), **hours)
        return words(noop("{logged} h logged, {counted} h count")).format(**hours)
    if a.type == "teaching":
        if a.delivery_hours:
            return delivery_line(a.delivery_hours, translated)
        return words(noop("Teaching: the {hours} h of preparation count")).format(hours=format_hours(a.hours))
    return ""


def status_word(line: RequirementLine) -> str:
    """"met", "short", "overdue" or "in progress" (the reports' English)."""
    return line.status


def shortfall_text(line: RequirementLine, translated: bool = False) -> str:
    """Why a requirement is not met, in a line: "8 h short; Law: 0 of 1 h" (a period not over yet: "8 h to go");
    "" when it is met. The topic minimums read as models.requirements.counting.topic_shortfalls says them."""
    if line.status == "met":
        return ""
    words = tr if translated else _as_written
    parts = []
    short = line.required - line.counted
    if short > 0:
        text = noop("{hours} h to go") if line.status == IN_PROGRESS else noop("{hours} h short")
        parts.append(words(text).format(hours=format_hours(short)))
    for t in line.topics:
        name = topic_label(t.topic) if translated else BUILTIN_TOPICS.get(t.topic, t.topic)
        parts.append(words(noop("{topic}: {counted} of {required} h")).format(
            topic=name, counted=format_hours(t.counted), required=format_hours(t.required)))
    return "; ".join(parts)


def period_text(start: date, end: date) -> str:
    """A requirement's period as the reports print it: "Oct 1, 2024 \u2013 Sep 30, 2025"."""
    return date_range(start, end, "short")


def whole_months(start: date, end: date) -> int:
    """Whole months from `start` to `end`, both days included, as models.mentoring.lasted_six_months counts them:
    January 1 to June 30 is 6, March 1 to August 30 is 5."""
    after = end + timedelta(days=1)
    months = max((after.year - start.year) * 12 + after.month - start.month, 0)
    while months > 0 and add_months(start, months) > after:
        months -= 1
    return months


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
