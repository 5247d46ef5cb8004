"""The sentences the Requirements page shows about a requirement and its standing, each through `tr`: its period,
hours logged and counted, status with the due date, topic minimums and what its definition asks."""

from __future__ import annotations

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models.requirements.counting import RequirementProgress
from wethrive_desktop.models.requirements.definitions import Period, PeriodKind, Requirement
from wethrive_desktop.models.rules import ZERO, format_hours
from wethrive_desktop.models.topics import topic_label
from wethrive_desktop.ui.widgets.labels import type_name

MET, SHORT, OVERDUE = "met", "short", "overdue"


def period_rule(period: Period, with_start: bool = True) -> str:
    """How the periods run (Period.describe): 'each calendar year', 'every 2 years from January 1, 2026'; without
    `with_start`, a period of years says only how long it is ('every 2 years')."""
    if period.kind == PeriodKind.YEARS and not with_start:
        return trn("each year", "every %n years", period.years)
    return period.describe()


def period_text(result: RequirementProgress) -> str:
    """'January 1, 2026 to December 31, 2026 (each calendar year)'; a period of years says only how long it is, its
    dates being there already."""
    return tr("{start} to {end} ({rule})").format(start=format_date(result.period_start),
                                                  end=format_date(result.period_end),
                                                  rule=period_rule(result.requirement.period, with_start=False))


def topics_named(topics: tuple[str, ...] | list[str]) -> str:
    """Topics in running text, each by its label: 'ethics', 'ethics or law', 'ethics, law or equity'."""
    labels = [topic_label(t).lower() for t in topics]
    if len(labels) < 2:
        return "".join(labels)
    return tr("{topics} or {last}").format(topics=", ".join(labels[:-1]), last=labels[-1])


def hours_text(result: RequirementProgress) -> str:
    """'56 h logged, 50 h count', with the hours carried over from the previous period when there are any. For a
    requirement that counts only some topics, what was logged is said: '6 h of ethics logged, 0 h count' (only the
    activities tagged with one of them are considered)."""
    values = {"logged": format_hours(result.logged), "counted": format_hours(result.counted),
              "carried": format_hours(result.carried_in)}
    topics = result.requirement.topics
    if topics:
        values["topics"] = topics_named(topics)
        if result.carried_in:
            return tr("{logged} h of {topics} logged, {counted} h count (including {carried} h carried "
                      "over)").format(**values)
        return tr("{logged} h of {topics} logged, {counted} h count").format(**values)
    if result.carried_in:
        return tr("{logged} h logged, {counted} h count (including {carried} h carried over)").format(**values)
    return tr("{logged} h logged, {counted} h count").format(**values)


def bar_text(result: RequirementProgress) -> str:
    """What the progress bar reads: '50 h count of 40 h'."""
    return tr("{counted} h count of {required} h").format(counted=format_hours(result.counted),
                                                          required=format_hours(result.required))


def cap_text(requirement: Requirement, type_: str) -> str:
    """A type's cap in a few words, after the requirement's period: 'over the cap of 20 h a year'."""
    return tr("over the cap of {cap} h {per}").format(cap=format_hours(requirement.caps[type_]),
                                                      per=requirement.per_period())


def status_name(status: str) -> str:
    return {MET: tr("Met"), SHORT: tr("Short"), OVERDUE: tr("Overdue")}.get(status, status)


def status_text(result: RequirementProgress) -> str:
    """The status in words with what is due when: 'Short: 12 h to go by December 31, 2026.'"""
    due = format_date(result.due)
    topics_only = result.remaining == ZERO  # the hours are there; a topic minimum is not
    hours = format_hours(result.remaining)
    if result.status == MET:
        text = tr("Met for this period (due {due}).").format(due=due)
    elif result.status == OVERDUE:
        text = (tr("Overdue: the topic minimums were not met by {due}.").format(due=due) if topics_only
                else tr("Overdue: {hours} h short, due {due}.").format(hours=hours, due=due))
    else:
        text = (tr("Short: the topic minimums are not met yet; due {due}.").format(due=due) if topics_only
                else tr("Short: {hours} h to go by {due}.").format(hours=hours, due=due))
    grace = result.grace_until
    if grace is not None and result.status != MET:
        text += " " + tr("Grace period until {date}.").format(date=format_date(grace))
    return text


def topic_lines(result: RequirementProgress) -> list[str]:
    """Each topic minimum with its progress: 'Ethics: 1 h count of 1 h, met', 'Law: 0 h count of 1 h'."""
    lines = []
    for t in result.topics:
        values = {"topic": topic_label(t.topic), "counted": format_hours(t.counted + t.carried),
                  "required": format_hours(t.required)}
        lines.append(tr("{topic}: {counted} h count of {required} h, met").format(**values) if t.met
                     else tr("{topic}: {counted} h count of {required} h").format(**values))
    return lines


def definition_lines(requirement: Requirement) -> list[str]:
    """What the definition asks, one sentence each: hours and period, topics, providers, caps, conditions,
    carry-over, due date and grace period."""
    lines = [tr("{hours} h, {rule}.").format(hours=format_hours(requirement.hours),
                                             rule=period_rule(requirement.period))]
    if requirement.topics:
        lines.append(tr("Only activities tagged with one of these topics count: {topics}.").format(
            topics=", ".join(topic_label(t) for t in requirement.topics)))
    if requirement.topic_minimums:
        lines.append(tr("Topic minimums: {minimums}.").format(minimums=", ".join(
            tr("{topic} {hours} h").format(topic=topic_label(t), hours=format_hours(h))
            for t, h in requirement.topic_minimums.items())))
    if requirement.providers:
        lines.append(tr("Only activities from these providers count: {providers}.").format(
            providers=", ".join(requirement.providers)))
    for type_, cap in requirement.caps.items():
        lines.append(tr("{type} counts at most {cap} h {per}.").format(type=type_name(type_), cap=format_hours(cap),
                                                                       per=requirement.per_period()))
    if requirement.conditions:
        lines.append(tr("Counts only when ICMA's conditions are met: {types}.").format(
            types=", ".join(type_name(t) for t in requirement.conditions)))
    carry = requirement.carry_over
    if carry is not None:
        if carry.general_only:
            lines.append(tr("Up to {hours} h over the requirement carry over to the next period; {topics} carry "
                            "as general hours only.").format(
                hours=format_hours(carry.max_hours), topics=", ".join(topic_label(t) for t in carry.general_only)))
        else:
            lines.append(tr("Up to {hours} h over the requirement carry over to the next period.").format(
                hours=format_hours(carry.max_hours)))
    if requirement.due_days:
        lines.append(trn("Due %n day after the period ends.", "Due %n days after the period ends.",
                         requirement.due_days))
    if requirement.grace_days:
        lines.append(trn("Grace period: %n day after the due date.", "Grace period: %n days after the due date.",
                         requirement.grace_days))
    return lines


def period_kind_name(kind: PeriodKind) -> str:
    return {PeriodKind.CALENDAR: tr("Calendar year"), PeriodKind.FISCAL: tr("A year from a given month"),
            PeriodKind.YEARS: tr("Years from a start date")}[kind]
