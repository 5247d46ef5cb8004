"""The peewee models of the store, every table in one place: the foundation schema (migration 1), assessments and
plans (migration 2), the annual report (migration 3), Legacy Leaders and eligibility (migration 4),
ICMA's counting and requirements (migration 6).

The migrations define the schema in SQL; these classes only map it. The modules that work on the tables
(activities.py, plans.py, assessments.py, legacy.py, eligibility.py, challenge.py, annual_report/) import them
from here."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

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
    # migration 6
    service_status = peewee.TextField(default="serving")
    multirater_instrument = peewee.TextField(default="")
    multirater_preapproved = peewee.BooleanField(null=True)
    multirater_raters = peewee.IntegerField(null=True)
    multirater_status = peewee.TextField(default="")


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
    # migration 6
    delivery_hours = HoursField(default=Decimal(0))
    topics = peewee.TextField(default="")
    meets_conditions = peewee.BooleanField(null=True)
    type_review = peewee.BooleanField(default=False)


class Mentoring(BaseModel):
    """What ICMA asks of a mentoring or coaching given (migration 6): one row per such activity."""

    activity = peewee.ForeignKeyField(Activity, primary_key=True, backref="mentoring_rows", on_delete="CASCADE")
    mentee = peewee.TextField(default="")
    position = peewee.TextField(default="")
    own_employee = peewee.BooleanField(null=True)
    program = peewee.TextField(default="")
    relationship_start = peewee.DateField(null=True)
    relationship_end = peewee.DateField(null=True)
    frequency = peewee.TextField(default="")
    subjects = peewee.TextField(default="")


class Requirement(BaseModel):
    """A requirement the member tracks (migration 6): its definition is JSON (models/requirements)."""

    key = peewee.TextField(unique=True)
    definition = peewee.TextField()
    position = peewee.IntegerField(default=0)
    created_at = peewee.DateTimeField(default=utc_now)


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


# --- the annual report (migration 3 creates them) ----------------------------------------------------------


class AnnualReport(BaseModel):
    year = peewee.IntegerField(unique=True)
    summary_reflection = peewee.TextField(default="")
    attestation_name = peewee.TextField(default="")
    attestation_date = peewee.DateField(null=True)
    created_at = peewee.DateTimeField(default=utc_now)
    updated_at = peewee.DateTimeField(default=utc_now)
    # migration 6
    wholistic = peewee.BooleanField(default=False)
    narrative = peewee.TextField(default="")
    extension_until = peewee.DateField(null=True)

    class Meta:
        table_name = "annual_report"


class AnnualReportRevision(BaseModel):
    report = peewee.ForeignKeyField(AnnualReport, backref="revisions", on_delete="CASCADE")
    revision = peewee.IntegerField()
    submitted_date = peewee.DateField()
    snapshot = peewee.TextField()
    pdf_sha256 = peewee.TextField()
    created_at = peewee.DateTimeField(default=utc_now)

    class Meta:
        table_name = "annual_report_revision"
        indexes = ((("report", "revision"), True),)


# --- assessments (migration 2 creates them) ---------------------------------------------------------------


class Assessment(BaseModel):
    date = peewee.DateField()
    kind = peewee.TextField()
    notes = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=utc_now)


class AssessmentRating(BaseModel):
    assessment = peewee.ForeignKeyField(Assessment, backref="ratings", on_delete="CASCADE")
    practice = peewee.ForeignKeyField(Practice, column_name="practice_id")
    rating = peewee.IntegerField(null=True)
    score = HoursField(null=True)  # exact to two decimals, like hours
    notes = peewee.TextField(default="")
    need = peewee.BooleanField(default=False)

    class Meta:
        table_name = "assessment_rating"
        primary_key = peewee.CompositeKey("assessment", "practice")


# --- plans (migration 2 creates them) ---------------------------------------------------------------------


class Plan(BaseModel):
    year = peewee.IntegerField(unique=True)
    created_at = peewee.DateTimeField(default=utc_now)


class PlanNeed(BaseModel):
    plan = peewee.ForeignKeyField(Plan, backref="need_links", on_delete="CASCADE")
    practice = peewee.ForeignKeyField(Practice, column_name="practice_id")

    class Meta:
        table_name = "plan_need"
        primary_key = peewee.CompositeKey("plan", "practice")


class PlanGoal(BaseModel):
    plan = peewee.ForeignKeyField(Plan, backref="goals", on_delete="CASCADE")
    term = peewee.TextField()
    text = peewee.TextField()
    position = peewee.IntegerField(default=0)

    class Meta:
        table_name = "plan_goal"


class PlanGoalPractice(BaseModel):
    goal = peewee.ForeignKeyField(PlanGoal, backref="practice_links", on_delete="CASCADE")
    practice = peewee.ForeignKeyField(Practice, column_name="practice_id")

    class Meta:
        table_name = "plan_goal_practice"
        primary_key = peewee.CompositeKey("goal", "practice")


class PlanItem(BaseModel):
    plan = peewee.ForeignKeyField(Plan, backref="items", on_delete="CASCADE")
    title = peewee.TextField()
    provider = peewee.TextField(default="")
    type = peewee.TextField()
    start_date = peewee.DateField(null=True)
    end_date = peewee.DateField(null=True)
    estimated_hours = HoursField(default=Decimal(0))
    goal = peewee.ForeignKeyField(PlanGoal, null=True, on_delete="SET NULL")
    status = peewee.TextField(default="planned")
    activity = peewee.ForeignKeyField(Activity, null=True, on_delete="SET NULL")
    notes = peewee.TextField(default="")
    ics_uid = peewee.TextField(null=True, unique=True)
    carried_to = peewee.ForeignKeyField("self", null=True, on_delete="SET NULL")
    created_at = peewee.DateTimeField(default=utc_now)

    class Meta:
        table_name = "plan_item"


class PlanItemPractice(BaseModel):
    item = peewee.ForeignKeyField(PlanItem, backref="practice_links", on_delete="CASCADE")
    practice = peewee.ForeignKeyField(Practice, column_name="practice_id")

    class Meta:
        table_name = "plan_item_practice"
        primary_key = peewee.CompositeKey("item", "practice")


# --- Legacy Leaders (migration 4) -------------------------------------------------------------------------


class LegacyCoaching(BaseModel):
    person = peewee.TextField()
    program = peewee.TextField()
    program_name = peewee.TextField(default="")
    start_date = peewee.DateField()
    end_date = peewee.DateField(null=True)
    final_project_approved = peewee.DateField(null=True)
    notes = peewee.TextField(default="")

    class Meta:
        table_name = "legacy_coaching"


class LegacyCoachingYear(BaseModel):
    coaching = peewee.ForeignKeyField(LegacyCoaching, backref="years", on_delete="CASCADE")
    year = peewee.IntegerField()
    notes = peewee.TextField(default="")
    meeting = peewee.TextField(default="")

    class Meta:
        table_name = "legacy_coaching_year"
        primary_key = peewee.CompositeKey("coaching", "year")


class LegacyAction(BaseModel):
    date = peewee.DateField()
    kind = peewee.TextField()
    person = peewee.TextField(default="")
    program = peewee.TextField(null=True)
    notes = peewee.TextField(default="")

    class Meta:
        table_name = "legacy_action"


# --- credential eligibility (migration 4) -----------------------------------------------------------------


class Eligibility(BaseModel):
    education = peewee.TextField(default="")
    senior_years = HoursField(default=0)  # exact Decimal in hundredths, like hours
    department_head_years = HoursField(default=0)
    as_of = peewee.DateField(null=True)
    current_role = peewee.TextField(default="senior")  # eligibility.Role.SENIOR
