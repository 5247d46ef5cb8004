"""The peewee models of the foundation schema (migration 1 creates their tables)."""

from __future__ import annotations

from datetime import UTC, datetime

import peewee

from wethrive_desktop.models.db import BaseModel, HoursField


def utc_now() -> datetime:
    """Stored times are UTC, to the second, so an export round trip is exact."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


class Profile(BaseModel):
    name = peewee.TextField(default="")
    member_number = peewee.TextField(default="")
    title = peewee.TextField(default="")
    organization = peewee.TextField(default="")
    location = peewee.TextField(default="")
    email = peewee.TextField(default="")
    credential_status = peewee.TextField(default="none")
    program_entry_date = peewee.DateField(null=True)
    credentialed_date = peewee.DateField(null=True)
    management_assessment_date = peewee.DateField(null=True)
    multirater_completed_date = peewee.DateField(null=True)
    challenge_signup = peewee.BooleanField(default=False)


class Practice(BaseModel):
    number = peewee.IntegerField(primary_key=True)
    name = peewee.TextField(unique=True)


class ChallengeItem(BaseModel):
    year = peewee.IntegerField()
    key = peewee.TextField()
    name = peewee.TextField()
    points = peewee.IntegerField()

    class Meta:
        table_name = "challenge_item"
        indexes = ((("year", "key"), True),)


class Activity(BaseModel):
    start_date = peewee.DateField()
    end_date = peewee.DateField(null=True)
    title = peewee.TextField()
    provider = peewee.TextField(default="")
    type = peewee.TextField()
    hours = HoursField()
    description = peewee.TextField(default="")
    learned = peewee.TextField(default="")
    status = peewee.TextField(default="completed")
    challenge_key = peewee.TextField(null=True)
    created_at = peewee.DateTimeField(default=utc_now)
    updated_at = peewee.DateTimeField(default=utc_now)


class ActivityPractice(BaseModel):
    activity = peewee.ForeignKeyField(Activity, backref="practice_links", on_delete="CASCADE")
    practice = peewee.ForeignKeyField(Practice, column_name="practice_id")

    class Meta:
        table_name = "activity_practice"
        primary_key = peewee.CompositeKey("activity", "practice")


class Attachment(BaseModel):
    activity = peewee.ForeignKeyField(Activity, backref="attachments", on_delete="CASCADE")
    original_name = peewee.TextField()
    stored_name = peewee.TextField()
    sha256 = peewee.TextField()
    size = peewee.IntegerField()
    added_at = peewee.DateTimeField(default=utc_now)
