"""The credential eligibility helper (DOMAIN.md section 3): education and years of senior local-government
management experience, department-head years at half credit, give eligibility as ICMA-CM Candidate or
Credentialed Manager and the years still needed.

Experience keeps counting from the date it was entered ("as of") at the rate of the member's current role (a year
a year in a senior role, half in a department-head role, none otherwise), so the expected dates stay current.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import NamedTuple

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.dates import add_years
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.tables import Eligibility
from wethrive_desktop.models.validation import FieldError, ValidationError

HUNDREDTH = Decimal("0.01")
MAX_YEARS = Decimal(70)


class Education(StrEnum):
    MPA = "mpa"
    MASTERS = "masters"
    BACHELORS = "bachelors"
    NO_BACHELORS = "no-bachelors"

    @property
    def label(self) -> str:
        return EDUCATION_LABELS[self]


EDUCATION_LABELS: dict[Education, str] = {
    Education.MPA: "MPA or MPP",
    Education.MASTERS: "Other master's degree",
    Education.BACHELORS: "Bachelor's degree",
    Education.NO_BACHELORS: "No bachelor's (CAO experience)",
}

# Years of experience required: (Credentialed Manager, Candidate), the table in DOMAIN.md section 3.
REQUIRED_YEARS: dict[Education, tuple[int, int]] = {
    Education.MPA: (7, 5),
    Education.MASTERS: (8, 6),
    Education.BACHELORS: (9, 7),
    Education.NO_BACHELORS: (15, 13),
}


class Role(StrEnum):
    SENIOR = "senior"
    DEPARTMENT_HEAD = "department-head"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def rate(self) -> Decimal:
        """Credited years gained per year in this role."""
        return {Role.SENIOR: Decimal(1), Role.DEPARTMENT_HEAD: Decimal("0.5"), Role.OTHER: Decimal(0)}[self]


ROLE_LABELS: dict[Role, str] = {
    Role.SENIOR: "Senior management (full credit)",
    Role.DEPARTMENT_HEAD: "Department head (half credit)",
    Role.OTHER: "Other (not counted)",
}

CANDIDATE = "Candidate"
CREDENTIALED_MANAGER = "Credentialed Manager"


class ExperienceData(NamedTuple):
    """What the member enters. `education` is "" until entered."""

    education: str = ""
    senior_years: Decimal = Decimal(0)
    department_head_years: Decimal = Decimal(0)
    as_of: date | None = None
    current_role: str = Role.SENIOR.value


class EligibilityResult(NamedTuple):
    education: Education
    credited_years: Decimal  # as of `today`
    cm_required: int
    candidate_required: int
    years_to_candidate: Decimal
    years_to_cm: Decimal
    candidate_date: date | None  # when the Candidate requirement is (or is expected to be) met; None: not projected
    cm_date: date | None

    @property
    def eligible_as(self) -> str | None:
        if self.years_to_cm == 0:
            return CREDENTIALED_MANAGER
        if self.years_to_candidate == 0:
            return CANDIDATE
        return None

    def describe(self) -> str:
        """Where the member stands, in one sentence (the profile's Eligibility tab, the dashboard, the command
        line), in the user's language."""
        if self.eligible_as == CREDENTIALED_MANAGER:
            return tr("Eligible as Credentialed Manager ({credited} credited).").format(
                credited=fmt_years(self.credited_years))
        if self.eligible_as == CANDIDATE:
            if self.cm_date:
                return tr("Eligible as Candidate; {missing} of credited experience more to Credentialed Manager "
                          "(about {date}).").format(missing=fmt_years(self.years_to_cm), date=format_date(self.cm_date))
            return tr("Eligible as Candidate; {missing} of credited experience more to Credentialed Manager.").format(
                missing=fmt_years(self.years_to_cm))
        years = {"to_candidate": fmt_years(self.years_to_candidate), "to_cm": fmt_years(self.years_to_cm)}
        if self.candidate_date:
            return tr("Not yet eligible: {to_candidate} of credited experience more to Candidate, {to_cm} to "
                      "Credentialed Manager (Candidate about {date}).").format(
                date=format_date(self.candidate_date), **years)
        return tr("Not yet eligible: {to_candidate} of credited experience more to Candidate, {to_cm} to "
                  "Credentialed Manager.").format(**years)


def fmt_years(value: Decimal) -> str:
    """"1 year", "6.5 years", in the user's language (a whole number through `trn`, for languages with several
    plural forms)."""
    text = f"{value.quantize(HUNDREDTH):f}".rstrip("0").rstrip(".")
    if "." not in text:
        return trn("%n year", "%n years", int(text))
    return tr("{years} years").format(years=text)


def credited_years(senior_years: Decimal, department_head_years: Decimal) -> Decimal:
    """Department-head experience counts at half credit."""
    return (Decimal(senior_years) + Decimal(department_head_years) / 2).quantize(HUNDREDTH)


def years_between(start: date, end: date) -> Decimal:
    """Whole anniversaries, then the part of the next year, so 2024-03-15 to 2026-03-15 is exactly 2."""
    whole = end.year - start.year
    if add_years(start, whole) > end:
        whole -= 1
    anchor = add_years(start, whole)
    length = (add_years(anchor, 1) - anchor).days
    return Decimal(whole) + Decimal((end - anchor).days) / length


def date_after(start: date, years: Decimal) -> date:
    """The day `years` (fractional) after `start`: the inverse of years_between, rounded up to a whole day."""
    whole = int(years)
    anchor = add_years(start, whole)
    length = (add_years(anchor, 1) - anchor).days
    return anchor + timedelta(days=math.ceil((years - whole) * length))


def assess(data: ExperienceData, today: date) -> EligibilityResult | None:
    """Eligibility as of `today`; None until the education is entered."""
    if data.education not in tuple(Education):
        return None
    education = Education(data.education)
    rate = Role(data.current_role).rate if data.current_role in tuple(Role) else Decimal(0)
    credited = credited_years(data.senior_years, data.department_head_years)
    start = data.as_of or today
    if today > start:
        credited = (credited + rate * years_between(start, today)).quantize(
            HUNDREDTH, rounding=ROUND_FLOOR)
    cm_required, candidate_required = REQUIRED_YEARS[education]

    def need(required: int) -> Decimal:
        return max(Decimal(required) - credited, Decimal(0)).quantize(HUNDREDTH)

    def when(required: int) -> date | None:
        base = credited_years(data.senior_years, data.department_head_years)
        missing = Decimal(required) - base
        if missing <= 0:
            return None if data.as_of is None else data.as_of
        if rate == 0:
            return None
        return date_after(start, missing / rate)

    return EligibilityResult(
        education=education, credited_years=credited, cm_required=cm_required,
        candidate_required=candidate_required, years_to_candidate=need(candidate_required),
        years_to_cm=need(cm_required), candidate_date=when(candidate_required), cm_date=when(cm_required),
    )


def validate_experience(data: ExperienceData, today: date) -> list[FieldError]:
    errors = []
    if data.education and data.education not in tuple(Education):
        errors.append(FieldError("education", tr("'{value}' is not one of: {choices}").format(
            value=data.education, choices=", ".join(Education))))
    for name in ("senior_years", "department_head_years"):
        value = Decimal(getattr(data, name))
        if not value.is_finite() or value < 0:
            errors.append(FieldError(name, tr("must be zero or more years")))
        elif value > MAX_YEARS:
            errors.append(FieldError(name, tr("{value} is more than {most} years").format(value=value, most=MAX_YEARS)))
        elif value != value.quantize(HUNDREDTH):
            errors.append(FieldError(name, tr("use at most two decimals (e.g. 6.5)")))
    if data.current_role not in tuple(Role):
        errors.append(FieldError("current_role", tr("'{value}' is not one of: {choices}").format(
            value=data.current_role, choices=", ".join(Role))))
    if data.as_of is not None and data.as_of > today:
        errors.append(FieldError("as_of", tr("{date} is in the future").format(date=format_date(data.as_of))))
    return errors


def get_experience() -> ExperienceData:
    row = Eligibility.get_or_none(Eligibility.id == 1)
    if row is None:
        return ExperienceData()
    return ExperienceData(row.education, row.senior_years, row.department_head_years, row.as_of, row.current_role)


def save_experience(data: ExperienceData, today: date | None = None) -> None:
    """Validate and store the member's education and experience. Raises ValidationError; writes nothing then."""
    today = today or clock.today()
    data = data._replace(education=data.education.strip().lower(), current_role=data.current_role.strip().lower())
    errors = validate_experience(data, today)
    if errors:
        raise ValidationError(errors)
    values = {"education": data.education, "senior_years": Decimal(data.senior_years),
              "department_head_years": Decimal(data.department_head_years), "as_of": data.as_of,
              "current_role": data.current_role}
    with database_proxy.atomic():
        Eligibility.insert(id=1, **values).on_conflict(conflict_target=[Eligibility.id], update=values).execute()


def current_eligibility(today: date) -> EligibilityResult | None:
    return assess(get_experience(), today)
