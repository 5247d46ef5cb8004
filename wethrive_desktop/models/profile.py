"""The member's profile: one record, validated before it is stored.

Besides who the member is, it holds where they stand in the credentialing program (DOMAIN.md sections 3 and 7): the
credential status (Candidate, Credentialed Manager, Retired Credentialed Manager), the service status (serving, in
transition, no longer in local-government service) and the 360 (multi-rater) assessment: when it was completed, with
which instrument (one of ICMA's pre-approved ones or not), how many raters, and whether the board postponed or
waived it. `validate_profile` refuses what cannot be stored; `profile_warnings` points out what ICMA would question
but the member may still mean (another instrument, few raters, a postponement while serving).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.dates import add_years
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import CredentialStatus, MultiraterStatus, ServiceStatus
from wethrive_desktop.models.tables import Profile
from wethrive_desktop.models.validation import FieldError, ValidationError

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE_FIELDS = ("program_entry_date", "credentialed_date", "management_assessment_date", "multirater_completed_date")
MULTIRATER_YEARS = 5
MAX_INSTRUMENT_LENGTH = 200
MAX_RATERS = 999
FEW_RATERS = 3  # ICMA's pre-approved instruments gather several raters; fewer than this is worth a second look


@dataclass(frozen=True)
class ProfileData:
    name: str = ""
    member_number: str = ""
    title: str = ""
    organization: str = ""
    location: str = ""
    email: str = ""
    credential_status: str = CredentialStatus.NONE.value
    program_entry_date: date | None = None
    credentialed_date: date | None = None
    management_assessment_date: date | None = None
    multirater_completed_date: date | None = None
    challenge_signup: bool = False
    # migration 6: the program statuses and the 360's details
    service_status: str = ServiceStatus.SERVING.value
    multirater_instrument: str = ""
    multirater_preapproved: bool | None = None  # None: not said
    multirater_raters: int | None = None  # None: not said
    multirater_status: str = MultiraterStatus.AUTO.value  # '' worked out from the dates, 'postponed', 'waived'

    @property
    def designation(self) -> str:
        return CredentialStatus(self.credential_status).designation

    def multirater_due(self) -> date | None:
        """The 360 assessment is due within five years of entering the program."""
        entry = self.program_entry_date
        return None if entry is None else add_years(entry, MULTIRATER_YEARS)


ALL_FIELDS = [f.name for f in fields(ProfileData)]
# The fields of migration 6. The JSON exchange (exchange/json_foundation.py) reads every name of FIELD_NAMES as
# text, a date or challenge_signup's flag; these are typed otherwise (a flag or nothing, a number or nothing), so they
# are kept out of FIELD_NAMES until the exchange reads them with their types.
PROGRAM_FIELDS = ("service_status", "multirater_instrument", "multirater_preapproved", "multirater_raters",
                  "multirater_status")
FIELD_NAMES = [name for name in ALL_FIELDS if name not in PROGRAM_FIELDS]
TEXT_FIELDS = ("name", "member_number", "title", "organization", "location", "email", "multirater_instrument")


def validate_profile(data: ProfileData, today: date | None = None) -> list[FieldError]:
    """What cannot be stored, each message about its field."""
    today = today or clock.today()
    errors = []
    if data.email and not EMAIL_RE.match(data.email.strip()):
        errors.append(FieldError("email", tr("'{text}' is not an email address").format(text=data.email)))
    if data.credential_status not in tuple(CredentialStatus):
        errors.append(FieldError("credential_status", tr(
            "'{value}' is not none, candidate, credentialed or retired").format(value=data.credential_status)))
    if data.service_status not in tuple(ServiceStatus):
        errors.append(FieldError("service_status", tr("'{value}' is not serving, transition or left").format(
            value=data.service_status)))
    for name in DATE_FIELDS:
        value = getattr(data, name)
        if value is not None and value > today:
            errors.append(FieldError(name, tr("{date} is in the future").format(date=format_date(value))))
    if data.member_number and not data.member_number.strip().isdigit():
        errors.append(FieldError("member_number", tr("should be digits only")))
    if len(data.multirater_instrument.strip()) > MAX_INSTRUMENT_LENGTH:
        errors.append(FieldError("multirater_instrument", trn(
            "is longer than %n character", "is longer than %n characters", MAX_INSTRUMENT_LENGTH)))
    raters = data.multirater_raters
    if raters is not None and not 1 <= raters <= MAX_RATERS:
        errors.append(FieldError("multirater_raters", tr("give a number from 1 to {most}, or leave it empty").format(
            most=MAX_RATERS)))
    errors += _multirater_status_errors(data)
    return errors


def _multirater_status_errors(data: ProfileData) -> list[FieldError]:
    """The 360's status against the other statuses (DOMAIN.md section 7): it is waived for Retired Credentialed
    Managers (for no one else), and one marked done is neither postponed nor waived."""
    if data.multirater_status not in tuple(MultiraterStatus):
        return [FieldError("multirater_status", tr("'{value}' is not postponed or waived").format(
            value=data.multirater_status))]
    status = MultiraterStatus(data.multirater_status)
    if status == MultiraterStatus.AUTO:
        return []
    if data.multirater_completed_date is not None:
        return [FieldError("multirater_status", tr(
            "the 360 is marked completed on {date}: clear that date, or choose \"Worked out from the dates\"").format(
            date=format_date(data.multirater_completed_date)))]
    if status == MultiraterStatus.WAIVED and data.credential_status != CredentialStatus.RETIRED:
        return [FieldError("multirater_status", tr(
            "the 360 is waived only for Retired Credentialed Managers (a member in transition can have it "
            "postponed)"))]
    return []


def profile_warnings(data: ProfileData) -> list[FieldError]:
    """What ICMA's board would question but the member may mean, each about its field; these never stop a save.
    The 360's instrument and raters are questioned only when it counts: done, or still to do. Waived, postponed or
    not asked (models.multirater), nothing is said of them, and a postponement is questioned only when it is what
    holds the 360 back (not for a Retired Credentialed Manager, whose 360 is waived anyway)."""
    # models.multirater builds on this module's ProfileData: imported here, when first needed, not at the top.
    from wethrive_desktop.models.multirater import DONE, DUE, POSTPONED, multirater_standing

    standing = multirater_standing(data, clock.today()).status
    warnings: list[FieldError] = []
    if standing in (DONE, DUE) and data.multirater_preapproved is False:
        warnings.append(FieldError("multirater_preapproved", tr(
            "ICMA asks for one of its pre-approved instruments; keep a note of why you used another, the board may "
            "ask")))
    raters = data.multirater_raters
    if standing in (DONE, DUE) and raters is not None and 1 <= raters < FEW_RATERS:
        warnings.append(FieldError("multirater_raters", trn(
            "%n rater is few: a 360 gathers the views of several", "%n raters are few: a 360 gathers the views of "
            "several", raters)))
    if standing == POSTPONED and data.service_status != ServiceStatus.TRANSITION:
        warnings.append(FieldError("multirater_status", tr(
            "a postponement is for members in transition: set the service status, or keep this only if the board "
            "agreed")))
    return warnings


def get_profile() -> ProfileData:
    row = Profile.get_by_id(1)
    values = {name: getattr(row, name) for name in ALL_FIELDS}
    for flag in ("challenge_signup",):
        values[flag] = bool(values[flag])
    if values["multirater_preapproved"] is not None:
        values["multirater_preapproved"] = bool(values["multirater_preapproved"])
    return ProfileData(**values)


def save_profile(data: ProfileData, today: date | None = None) -> None:
    errors = validate_profile(data, today)
    if errors:
        raise ValidationError(errors)
    values = {name: getattr(data, name) for name in ALL_FIELDS}
    for name in TEXT_FIELDS:
        values[name] = values[name].strip()
    with database_proxy.atomic():
        Profile.update(**values).where(Profile.id == 1).execute()
