"""The fixed facts of the domain, from shared/domain/DOMAIN.md: practices, activity types, the 2017 catalogue."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from wethrive_desktop.i18n import noop

REQUIRED_HOURS = Decimal(40)

# Dates outside these years are typing mistakes (0001-01-01, 9999-12-31), not professional development. The one
# range for every year the app takes: activity dates, plans, reports, challenge catalogues, the command line, the UI.
MIN_YEAR, MAX_YEAR = 1900, 2200


def valid_year(year: int) -> bool:
    """A year the app accepts, MIN_YEAR and MAX_YEAR included."""
    return MIN_YEAR <= year <= MAX_YEAR

PRACTICES: dict[int, str] = {
    1: noop("Personal and Professional Integrity"),
    2: noop("Community Engagement"),
    3: noop("Equity and Inclusion"),
    4: noop("Staff Effectiveness"),
    5: noop("Personal Resiliency and Development"),
    6: noop("Strategic Leadership"),
    7: noop("Strategic Planning"),
    8: noop("Policy Facilitation and Implementation"),
    9: noop("Community and Resident Service"),
    10: noop("Service Delivery"),
    11: noop("Technological Literacy"),
    12: noop("Financial Management and Budgeting"),
    13: noop("Human Resources Management and Workforce Engagement"),
    14: noop("Communication and Information Sharing"),
}

ACTIVITY_TYPES: dict[str, str] = {
    "conference": noop("Annual Conference, Regional Summit, state association conferences and their sessions"),
    "workshop": noop("workshops and seminars, in person or virtual"),
    "webinar": noop("live or on-demand webinars"),
    "e-course": noop("self-paced online courses (Ethics 101, ...)"),
    "certificate program": noop("Local Government 101/201 and other certificate programs"),
    "leadership institute": noop("Gettysburg, Williamsburg, SEI, ELDP, MCMI, Leadership ICMA and similar programs"),
    "academic course": noop("university or college courses"),
    "reading": noop("professional reading (books, articles, reports)"),
    "coaching": noop("coaching or mentoring received"),
    "mentoring": noop("mentoring given: a formal relationship of six months or more (counts up to 20 h a year)"),
    "coaching-given": noop("coaching given in the ICMA Coaching Program (counts up to 20 h a year)"),
    "teaching": noop("teaching, presenting, writing for the profession (the hours spent preparing count)"),
    "exchange": noop("peer exchanges and site visits (International Management Exchange, ...)"),
    "other": noop("anything else that qualifies"),
}


class Status(StrEnum):
    COMPLETED = "completed"
    PLANNED = "planned"


# Types given to others that ICMA counts only under conditions (DOMAIN.md section 7), with their yearly caps.
GIVEN_TYPES = ("mentoring", "coaching-given")


class CredentialStatus(StrEnum):
    NONE = "none"
    CANDIDATE = "candidate"
    CREDENTIALED = "credentialed"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        return {"none": noop("No designation"), "candidate": noop("ICMA-CM Candidate"),
                "credentialed": noop("ICMA Credentialed Manager (ICMA-CM)"),
                "retired": noop("Retired Credentialed Manager")}[self.value]

    @property
    def designation(self) -> str:
        return {"none": "", "candidate": "ICMA-CM Candidate", "credentialed": "ICMA-CM",
                "retired": "ICMA-CM (Retired)"}[self.value]

    @property
    def in_program(self) -> bool:
        """A Candidate or a Credentialed Manager: owes the annual report, the plan and the 360."""
        return self in (CredentialStatus.CANDIDATE, CredentialStatus.CREDENTIALED)


class ServiceStatus(StrEnum):
    """Where the member stands in local-government service (the Credentialing Advisory Board's manual)."""

    SERVING = "serving"
    TRANSITION = "transition"
    LEFT = "left"

    @property
    def label(self) -> str:
        return {"serving": noop("Serving in local government"), "transition": noop("Member in transition"),
                "left": noop("No longer in local-government service")}[self.value]


class MultiraterStatus(StrEnum):
    """The 360's status as the member sets it; '' (AUTO) is worked out from the dates and statuses."""

    AUTO = ""
    POSTPONED = "postponed"
    WAIVED = "waived"


SIGNUP_KEY = "challenge-signup"

# (points, key, name): the 2017 #WeThriveHere catalogue.
CHALLENGE_2017: list[tuple[int, str, str]] = [
    (20, "annual-conference", "Register and attend the ICMA Annual Conference"),
    (15, "lg101-201", "Local Government 101 or 201 online certificate program"),
    (15, "eldp", "Emerging Leaders Development Program"),
    (15, "mcmi", "Mid-Career Managers Institute"),
    (15, "leadership-icma", "Leadership ICMA"),
    (15, "sei-leadership-institute", "ICMA SEI Leadership Institute"),
    (10, "gettysburg", "Gettysburg Leadership Institute"),
    (10, "williamsburg", "Williamsburg Leadership Institute"),
    (10, "regional-summit", "Regional Summit"),
    (10, "regional-ep-institute", "Regional Emerging Professionals Leadership Institute"),
    (10, "icmau-workshop", "ICMA University workshop at annual conference"),
    (10, "icmau-webinar", "Webinars (ICMA University)"),
    (10, "ethics-101", "Ethics 101 e-course"),
    (5, "credential-status", "Receive or maintain credentialed manager or candidate status"),
    (5, "fund-donation", "The Fund donation"),
    (3, SIGNUP_KEY, "Automatic on signing up for the challenge"),
    (3, "early-renewal", "Renew ICMA membership before the renewal deadline"),
    (3, "new-member", "Become a new ICMA member"),
    (3, "ebook-purchase", "Purchase an e-book from the ICMA Bookstore"),
]


def practice_label(number: int) -> str:
    return f"{number} - {PRACTICES[number]}"


# Each type's label as `type_label` writes it, written out for the translation tools (shown through tr).
TYPE_LABELS: dict[str, str] = {
    "conference": noop("Conference"),
    "workshop": noop("Workshop"),
    "webinar": noop("Webinar"),
    "e-course": noop("E-course"),
    "certificate program": noop("Certificate program"),
    "leadership institute": noop("Leadership institute"),
    "academic course": noop("Academic course"),
    "reading": noop("Reading"),
    "coaching": noop("Coaching received"),
    "mentoring": noop("Mentoring given"),
    "coaching-given": noop("Coaching given (ICMA program)"),
    "teaching": noop("Teaching"),
    "exchange": noop("Exchange"),
    "other": noop("Other"),
}


def type_label(key: str) -> str:
    """An activity type as a label: 'leadership institute' -> 'Leadership institute'."""
    return TYPE_LABELS.get(key) or key[:1].upper() + key[1:]
