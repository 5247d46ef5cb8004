"""The annual report's plain data: frozen dataclasses built from the store (assemble.py), frozen as JSON
snapshots (codec.py) and drawn by the PDF builder, which gets nothing else. The editor's prompts, word counts
and attestation sentence are models.reflections'; the hours and due-date rules are models.rules'."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from wethrive_desktop.i18n import format_date, noop, tr
from wethrive_desktop.models.annual_report.codec import decode, encode
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.models.domain import PRACTICES, REQUIRED_HOURS
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.models.rules import HUNDREDTH, ZERO, commitment_met, past_due

# Format 2 (issue 14) added ICMA's counting, the other requirements, the wholistic narrative, the extension and the
# 360's statuses, each with a default: a format-1 snapshot still reads, and prints as it did (reports/pdf prints
# each addition only when it is there). An older app refuses format 2 rather than print it without them.
SNAPSHOT_FORMAT = 2
READABLE_FORMATS = (1, 2)


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
    # Format 2. `counted`: the hours that count toward Tenet 8 (None in a format-1 snapshot: not worked out);
    # `not_counted` says why not all do: "cap", "conditions" or "provider" (see models.annual_report.hours).
    counted: Decimal | None = None
    not_counted: str = ""
    delivery_hours: Decimal = ZERO  # teaching's delivery, shown and not counted (`hours` is the preparation)
    mentoring: MentoringData | None = None  # what ICMA asks of mentoring and coaching given
    meets_conditions: bool | None = None  # mentoring and coaching given: the member's word (None: not said)
    type_review: bool = False  # an old "coaching" entry that reads as given: the member should confirm its type

    @property
    def counted_hours(self) -> Decimal:
        """The hours that count toward Tenet 8 (all of them in a format-1 snapshot)."""
        return self.hours if self.counted is None else self.counted


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


WAIVED, POSTPONED, NOT_ASKED = "waived", "postponed", "not-asked"  # MultiraterStatus.status


@dataclass(frozen=True)
class MultiraterStatus:
    program_entry: date | None
    completed_on: date | None
    due_by: date | None
    # Format 2: "waived" (a Retired Credentialed Manager), "postponed" (as the member set it) or "not-asked" (a
    # member no longer in local-government service: models.multirater), and why ("retired", "transition" for a
    # member in transition, "left", or ""); the instrument, whether it is one of ICMA's pre-approved ones (None:
    # not said) and how many raters.
    status: str = ""
    reason: str = ""
    instrument: str = ""
    preapproved: bool | None = None
    raters: int | None = None

    @property
    def excused(self) -> bool:
        """Waived, postponed or not asked (and not done): not due, so never overdue."""
        return self.completed_on is None and self.status in (WAIVED, POSTPONED, NOT_ASKED)

    def overdue(self, on: date) -> bool:
        return (self.completed_on is None and not self.excused and self.due_by is not None
                and past_due(self.due_by, on))

    def describe(self, on: date, translated: bool = False) -> str:
        """Where the 360 assessment stands on `on`, in a sentence: the reports' English (the PDF, Word and the portal
        copy read the same on every machine), or with `translated` the editor's, in the user's language and date
        format (through i18n)."""
        words: Callable[[str], str] = tr if translated else _as_written
        day: Callable[[date], str] = format_date if translated else long_date
        said = self._standing(on, words, day, translated)
        more = self._instrument(words)
        return f"{said} {more}" if more else said

    def _instrument(self, words: Callable[[str], str]) -> str:
        """The instrument and raters, in whole sentences ("" when neither is recorded)."""
        sentences = []
        if self.instrument:
            if self.preapproved is True:
                text = noop("Instrument: {instrument}, one of ICMA\u2019s pre-approved instruments.")
            elif self.preapproved is False:
                text = noop("Instrument: {instrument}, not one of ICMA\u2019s pre-approved instruments.")
            else:
                text = noop("Instrument: {instrument}.")
            sentences.append(words(text).format(instrument=self.instrument))
        if self.raters:
            sentences.append(words(noop("Raters: {count}.")).format(count=self.raters))
        return " ".join(sentences)

    def _standing(self, on: date, words: Callable[[str], str], day: Callable[[date], str], translated: bool) -> str:
        if self.completed_on is not None:
            return words(noop("Completed on {date}.")).format(date=day(self.completed_on))
        if self.status == WAIVED:
            if self.reason == "retired":
                return words(noop("Waived: the member is a Retired Credentialed Manager."))
            return words(noop("Waived."))
        if self.status == POSTPONED:
            if self.reason == "transition":
                return words(noop("Postponed while the member is in transition between positions."))
            return words(noop("Postponed."))
        if self.status == NOT_ASKED:
            return words(noop("Not asked while the member is no longer in local-government service."))
        if self.due_by is None:
            return words(noop("Not yet completed. No program entry date is recorded, so the due date is unknown."))
        due = day(self.due_by)
        if self.program_entry is None and translated:
            return words(noop("Not yet completed. Due by {due}.")).format(due=due)
        # (The reports keep their wording of a snapshot without an entry date: a revision reprints byte for byte.)
        entry = day(self.program_entry) if self.program_entry else "program entry"
        if self.overdue(on):
            return words(noop("Not yet completed. It was due by {due} (five years after entering the program on "
                              "{entry}) and is overdue.")).format(due=due, entry=entry)
        return words(noop("Not yet completed. Due by {due} (five years after entering the program on {entry})."
                          )).format(due=due, entry=entry)


def _as_written(text: str) -> str:
    return text


@dataclass(frozen=True)
class CapLine:
    """A cap of Tenet 8 that the year's activities of `type` reached or passed."""

    type: str
    cap: Decimal
    logged: Decimal
    counted: Decimal


@dataclass(frozen=True)
class HoursCounted:
    """The year's hours as ICMA counts them (Tenet 8 as the member tracks it: caps and conditions applied)."""

    logged: Decimal
    counted: Decimal
    caps: tuple[CapLine, ...] = ()
    carried_in: Decimal = ZERO
    delivery_hours: Decimal = ZERO  # teaching's delivery hours: shown, never counted

    def cap_of(self, type_: str) -> Decimal | None:
        return next((c.cap for c in self.caps if c.type == type_), None)


IN_PROGRESS = "in progress"  # RequirementLine.status: a period not over on the day the report judges it, not met


@dataclass(frozen=True)
class TopicLine:
    """A topic minimum of a requirement not met in the period a report shows (carried-over hours included)."""

    topic: str  # the topic's key ("law")
    required: Decimal
    counted: Decimal


@dataclass(frozen=True)
class RequirementLine:
    """Another requirement the member tracks, judged for the reporting year (assemble.report_period): the last of
    its periods that ends within the year (met or short), or else the one still going on at the year's end ("in
    progress" until it is met). (A snapshot made before these rules may say "overdue".)"""

    key: str
    name: str
    period_start: date
    period_end: date
    required: Decimal
    logged: Decimal
    counted: Decimal
    due: date
    status: str  # "met", "short" or "in progress" (IN_PROGRESS)
    topics: tuple[TopicLine, ...] = ()  # the topic minimums not met (a requirement not met may say why)


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
    summary_reflection: str  # the year's reflection; a wholistic report prints its narrative instead
    next_year: NextYearPlan | None
    multirater: MultiraterStatus
    attestation_name: str
    attestation_date: date | None
    required_hours: Decimal = REQUIRED_HOURS
    revision: int | None = None
    submitted_on: date | None = None
    # Format 2 (None or empty in a format-1 snapshot).
    counting: HoursCounted | None = None
    requirements: tuple[RequirementLine, ...] = ()  # the other requirements tracked (Tenet 8 is `counting`)
    requirements_on: date | None = None  # the day they are judged on
    wholistic: bool = False  # the year written as one narrative instead of a reflection per activity
    narrative: str = ""
    extension_until: date | None = None  # an extension granted for this report

    @property
    def total_hours(self) -> Decimal:
        """Every hour logged (the activities' hours)."""
        return sum((a.hours for a in self.activities), ZERO).quantize(HUNDREDTH)

    @property
    def counted_hours(self) -> Decimal:
        """The hours that count toward the commitment, ICMA's caps and conditions applied (a format-1 snapshot
        counted every hour)."""
        return self.total_hours if self.counting is None else self.counting.counted

    @property
    def printed_summary(self) -> str:
        """The summary reflection the report prints: none in a wholistic report, whose narrative is the year's
        reflection (the summary typed before stays stored, and prints again if the member goes back)."""
        return "" if self.wholistic else self.summary_reflection

    @property
    def commitment_met(self) -> bool:
        """Met by the hours that count (as `wethrive summary` and the dashboard judge it)."""
        return commitment_met(self.counted_hours, self.required_hours)

    def practice_name(self, number: int) -> str:
        return dict(self.practice_names).get(number) or PRACTICES[number]

    def to_json(self) -> dict[str, Any]:
        return {"format": SNAPSHOT_FORMAT, **encode(self)}

    @classmethod
    def from_json(cls, payload: Mapping[str, Any]) -> ReportData:
        fmt = payload.get("format")
        if fmt not in READABLE_FORMATS:
            raise ValueError(f"report snapshot format {fmt!r} is not understood (expected one of "
                             f"{', '.join(map(str, READABLE_FORMATS))})")
        body = {k: v for k, v in payload.items() if k != "format"}
        result = decode(cls, body)
        assert isinstance(result, cls)
        return result

    def content(self) -> dict[str, Any]:
        """What a reader sees, without when it was generated or which revision it is (for change detection)."""
        payload = self.to_json()
        for key in ("generated_on", "revision", "submitted_on"):
            payload.pop(key)
        return payload


# --- the editor's per-year text ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportDraft:
    """The per-year text of the report editor."""

    year: int
    summary_reflection: str = ""
    attestation_name: str = ""
    attestation_date: date | None = None
    exists: bool = False
    wholistic: bool = False
    narrative: str = ""
    extension_until: date | None = None


# --- submitted revisions ----------------------------------------------------------------------------------


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
