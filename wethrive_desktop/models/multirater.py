"""Where the member's 360 (multi-rater) assessment stands (DOMAIN.md sections 3 and 7), on plain data: one answer
that the dashboard's milestone, the reminders and the annual report all show.

The 360 is due within five years of entering the program. It is waived for Retired Credentialed Managers and can
be postponed for members in transition (the member says so in the profile). A member outside the program (no
designation) or no longer in local-government service is not asked for one; a 360 already completed is done,
whatever the statuses say now.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.domain import CredentialStatus, MultiraterStatus, ServiceStatus
from wethrive_desktop.models.profile import ProfileData
from wethrive_desktop.models.rules import past_due

DONE = "done"
DUE = "due"
WAIVED = "waived"
POSTPONED = "postponed"
NOT_APPLICABLE = "not-applicable"
STATUSES = (DONE, DUE, WAIVED, POSTPONED, NOT_APPLICABLE)


class MultiraterStanding(NamedTuple):
    status: str  # one of STATUSES
    due: date | None  # five years after program entry (None when the entry date is not known, or not asked)
    sentence: str  # what to show: "Due by March 14, 2028 (five years after program entry)"
    completed: date | None = None
    overdue: bool = False  # DUE and past its date

    @property
    def asked(self) -> bool:
        """Still to be done: the reminders and the readiness check follow it."""
        return self.status == DUE

    def to_json(self) -> dict[str, object]:
        return {"status": self.status, "due": self.due.isoformat() if self.due else None,
                "completed": self.completed.isoformat() if self.completed else None, "overdue": self.overdue,
                "sentence": self.sentence}


def asked_of(profile: ProfileData) -> bool:
    """Whether the program asks this member for a 360 at all: a Candidate or a Credentialed Manager still in (or in
    transition between jobs in) local-government service. A Retired Credentialed Manager is asked too, but it is
    waived."""
    status = credential(profile)
    return ((status.in_program or status == CredentialStatus.RETIRED)
            and profile.service_status != ServiceStatus.LEFT)


def credential(profile: ProfileData) -> CredentialStatus:
    """The profile's credential status (none for a value the app does not know)."""
    known = profile.credential_status in tuple(CredentialStatus)
    return CredentialStatus(profile.credential_status) if known else CredentialStatus.NONE


def multirater_standing(profile: ProfileData, on: date) -> MultiraterStanding:
    """The 360's status on `on`: done, due (overdue once its date has passed), waived, postponed or not
    applicable, with its due date and a sentence to show."""
    due = profile.multirater_due()
    completed = profile.multirater_completed_date
    if completed is not None:
        return MultiraterStanding(DONE, due, tr("Done on {date}").format(date=format_date(completed)), completed)
    if profile.credential_status == CredentialStatus.RETIRED:  # 'waived' is refused for anyone else (profile.py)
        return MultiraterStanding(WAIVED, None, tr("Waived for Retired Credentialed Managers"))
    if not asked_of(profile):
        if profile.service_status == ServiceStatus.LEFT and credential(profile).in_program:
            text = tr("Not asked while you are no longer in local-government service")
        else:
            text = tr("Not asked: only Candidates and Credentialed Managers take it")
        return MultiraterStanding(NOT_APPLICABLE, None, text)
    if profile.multirater_status == MultiraterStatus.POSTPONED:
        if profile.service_status == ServiceStatus.TRANSITION:
            text = tr("Postponed while you are in transition")
        else:
            text = tr("Postponed")
        if due is not None:
            text = tr("{status} (it was due by {date})").format(status=text, date=format_date(due))
        return MultiraterStanding(POSTPONED, due, text)
    if due is None:
        return MultiraterStanding(DUE, None, tr("Due within five years of entering the program: enter your program "
                                                "entry date in the profile"))
    if past_due(due, on):
        return MultiraterStanding(DUE, due, tr("Overdue: was due by {date}").format(date=format_date(due)),
                                  overdue=True)
    return MultiraterStanding(DUE, due, tr("Due by {date} (five years after program entry)").format(
        date=format_date(due)))
