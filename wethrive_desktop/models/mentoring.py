"""What ICMA asks of mentoring and coaching given (DOMAIN.md section 7), on plain data.

Mentoring given counts (up to 20 hours a year) only for a formal relationship of at least six months with a
college student or a local-government employee or intern; the member's own employee only through a formal program.
The report gives the mentee's name and position, the frequency, the duration and the subjects. Coaching given in
the ICMA Coaching Program counts up to 20 hours a year; the report gives the position coached, the duration and the
nature of the coaching.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from wethrive_desktop.i18n import noop, tr

MIN_MONTHS = 6

# The formal programs through which mentoring one's own employee counts (DOMAIN.md section 7).
PROGRAMS: tuple[str, ...] = (
    noop("Emerging Leaders Development Program (ELDP)"),
    noop("ICMA Coaching Program"),
    noop("State association coaching program"),
    noop("Local Government Management Fellowship (LGMF)"),
    noop("College internship"),
    noop("Program approved by the Credentialing Advisory Board chair"),
)


@dataclass(frozen=True)
class MentoringData:
    """The facts of a mentoring (or coaching) relationship. For coaching given, `mentee` is the person coached (the
    report names only the position), `subjects` the nature of the coaching."""

    mentee: str = ""
    position: str = ""
    own_employee: bool | None = None
    program: str = ""
    relationship_start: date | None = None
    relationship_end: date | None = None
    frequency: str = ""
    subjects: str = ""

    def is_empty(self) -> bool:
        return self == MentoringData()

    def stripped(self) -> MentoringData:
        return MentoringData(self.mentee.strip(), self.position.strip(), self.own_employee, self.program.strip(),
                             self.relationship_start, self.relationship_end, self.frequency.strip(),
                             self.subjects.strip())


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days): Aug 31 + 6 -> Feb 28/29."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def lasted_six_months(data: MentoringData, on: date) -> bool | None:
    """Whether the relationship has run six months by its end (or by `on` while it goes on); None when its start
    is not given."""
    if data.relationship_start is None:
        return None
    end = data.relationship_end or on
    # Both days count: January 1 to June 30 is six months.
    return end + timedelta(days=1) >= add_months(data.relationship_start, MIN_MONTHS)


def missing(type_: str, data: MentoringData | None, on: date) -> list[str]:
    """What ICMA asks that is not yet documented for an activity of `type_` (mentoring or coaching-given), as
    sentences to show; empty when all is there. `on` is the day a relationship still going on is measured to."""
    d = (data or MentoringData()).stripped()
    found: list[str] = []
    if type_ == "mentoring":
        if not d.mentee:
            found.append(tr("the mentee's name"))
        if not d.position:
            found.append(tr("the mentee's position (student, employee or intern)"))
        if d.own_employee is None:
            found.append(tr("whether the mentee is your own employee"))
        elif d.own_employee and not d.program:
            found.append(tr("the formal program (your own employee counts only through one)"))
    elif type_ == "coaching-given":
        if not d.position:
            found.append(tr("the position of the person coached"))
    else:
        return found
    if d.relationship_start is None:
        found.append(tr("when the relationship started"))
    elif type_ == "mentoring" and lasted_six_months(d, on) is False:
        found.append(tr("a relationship of at least six months (it has run less)"))
    if type_ == "mentoring" and not d.frequency:
        found.append(tr("how often you met"))
    if not d.subjects:
        found.append(tr("the subjects covered") if type_ == "mentoring" else tr("the nature of the coaching"))
    return found
