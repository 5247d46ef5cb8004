"""The member's profile: one record, validated before it is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.dates import add_years
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import CredentialStatus
from wethrive_desktop.models.tables import Profile
from wethrive_desktop.models.validation import FieldError, ValidationError

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE_FIELDS = ("program_entry_date", "credentialed_date", "management_assessment_date", "multirater_completed_date")
MULTIRATER_YEARS = 5


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

    @property
    def designation(self) -> str:
        return CredentialStatus(self.credential_status).designation

    def multirater_due(self) -> date | None:
        """The 360 assessment is due within five years of entering the program."""
        entry = self.program_entry_date
        return None if entry is None else add_years(entry, MULTIRATER_YEARS)


FIELD_NAMES = [f.name for f in fields(ProfileData)]


def validate_profile(data: ProfileData, today: date | None = None) -> list[FieldError]:
    today = today or clock.today()
    errors = []
    if data.email and not EMAIL_RE.match(data.email.strip()):
        errors.append(FieldError("email", tr("'{text}' is not an email address").format(text=data.email)))
    if data.credential_status not in tuple(CredentialStatus):
        errors.append(FieldError("credential_status", tr("'{value}' is not none, candidate or credentialed").format(
            value=data.credential_status)))
    for name in DATE_FIELDS:
        value = getattr(data, name)
        if value is not None and value > today:
            errors.append(FieldError(name, tr("{date} is in the future").format(date=format_date(value))))
    if data.member_number and not data.member_number.strip().isdigit():
        errors.append(FieldError("member_number", tr("should be digits only")))
    return errors


def get_profile() -> ProfileData:
    row = Profile.get_by_id(1)
    return ProfileData(**{name: getattr(row, name) for name in FIELD_NAMES})


def save_profile(data: ProfileData, today: date | None = None) -> None:
    errors = validate_profile(data, today)
    if errors:
        raise ValidationError(errors)
    values = {name: getattr(data, name) for name in FIELD_NAMES}
    for name in ("name", "member_number", "title", "organization", "location", "email"):
        values[name] = values[name].strip()
    with database_proxy.atomic():
        Profile.update(**values).where(Profile.id == 1).execute()
