"""The fixed facts of the domain, from shared/domain/DOMAIN.md: practices, activity types, the 2017 catalogue."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

REQUIRED_HOURS = Decimal(40)

# Dates outside these years are typing mistakes (0001-01-01, 9999-12-31), not professional development. The one
# range for every year the app takes: activity dates, plans, reports, challenge catalogues, the command line, the UI.
MIN_YEAR, MAX_YEAR = 1900, 2200


def valid_year(year: int) -> bool:
    """A year the app accepts, MIN_YEAR and MAX_YEAR included."""
    return MIN_YEAR <= year <= MAX_YEAR

PRACTICES: dict[int, str] = {
    1: "Personal and Professional Integrity",
    2: "Community Engagement",
    3: "Equity and Inclusion",
    4: "Staff Effectiveness",
    5: "Personal Resiliency and Development",
    6: "Strategic Leadership",
    7: "Strategic Planning",
    8: "Policy Facilitation and Implementation",
    9: "Community and Resident Service",
    10: "Service Delivery",
    11: "Technological Literacy",
    12: "Financial Management and Budgeting",
    13: "Human Resources Management and Workforce Engagement",
    14: "Communication and Information Sharing",
}

ACTIVITY_TYPES: dict[str, str] = {
    "conference": "Annual Conference, Regional Summit, state association conferences and their sessions",
    "workshop": "workshops and seminars, in person or virtual",
    "webinar": "live or on-demand webinars",
    "e-course": "self-paced online courses (Ethics 101, ...)",
    "certificate program": "Local Government 101/201 and other certificate programs",
    "leadership institute": "Gettysburg, Williamsburg, SEI, ELDP, MCMI, Leadership ICMA and similar programs",
    "academic course": "university or college courses",
    "reading": "professional reading (books, articles, reports)",
    "coaching": "coaching or mentoring, given or received",
    "teaching": "teaching, presenting, writing for the profession",
    "exchange": "peer exchanges and site visits (International Management Exchange, ...)",
    "other": "anything else that qualifies",
}


class Status(StrEnum):
    COMPLETED = "completed"
    PLANNED = "planned"


class CredentialStatus(StrEnum):
    NONE = "none"
    CANDIDATE = "candidate"
    CREDENTIALED = "credentialed"

    @property
    def label(self) -> str:
        return {"none": "No designation", "candidate": "ICMA-CM Candidate",
                "credentialed": "ICMA Credentialed Manager (ICMA-CM)"}[self.value]

    @property
    def designation(self) -> str:
        return {"none": "", "candidate": "ICMA-CM Candidate", "credentialed": "ICMA-CM"}[self.value]


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


def type_label(key: str) -> str:
    """An activity type as a label: 'leadership institute' -> 'Leadership institute'."""
    return key[:1].upper() + key[1:]
