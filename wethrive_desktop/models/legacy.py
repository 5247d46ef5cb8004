"""Legacy Leaders (DOMAIN.md section 5), the store: database reads and writes of the coaching relationships and the
recruitments, sponsorships and menu activities, and `legacy_overview`, everything the Legacy Leaders page shows.

The records, the status rule and validation (no database) are in legacy_rule.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.legacy_rule import (
    ActionData,
    ActionRecord,
    CoachingData,
    CoachingRecord,
    CoachingYearData,
    LegacyYear,
    credentialed_from,
    legacy_years,
    normalized_action,
    normalized_coaching,
    validate_action,
    validate_coaching,
)
from wethrive_desktop.models.tables import LegacyAction, LegacyCoaching, LegacyCoachingYear
from wethrive_desktop.models.validation import ValidationError


def _coaching_values(data: CoachingData) -> dict[str, object]:
    return {"person": data.person, "program": data.program, "program_name": data.program_name,
            "start_date": data.start_date, "end_date": data.end_date,
            "final_project_approved": data.final_project_approved, "notes": data.notes}


def save_coaching(data: CoachingData, coaching_id: int | None = None) -> int:
    """Validate and store a coaching relationship with its yearly notes. Raises ValidationError; writes nothing then."""
    data = normalized_coaching(data)
    errors = validate_coaching(data)
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        if coaching_id is None:
            coaching_id = int(LegacyCoaching.insert(**_coaching_values(data)).execute())
        else:
            if not LegacyCoaching.update(**_coaching_values(data)).where(LegacyCoaching.id == coaching_id).execute():
                raise LookupError(tr("coaching relationship {id} no longer exists").format(id=coaching_id))
            LegacyCoachingYear.delete().where(LegacyCoachingYear.coaching == coaching_id).execute()
        for y in data.years:
            LegacyCoachingYear.insert(coaching=coaching_id, year=y.year, notes=y.notes, meeting=y.meeting).execute()
    return coaching_id


def load_coaching() -> list[CoachingRecord]:
    years: dict[int, list[CoachingYearData]] = {}
    for y in LegacyCoachingYear.select().order_by(LegacyCoachingYear.year):
        years.setdefault(y.coaching_id, []).append(CoachingYearData(y.year, y.notes, y.meeting))
    return [
        CoachingRecord(c.id, CoachingData(
            person=c.person, program=c.program, start_date=c.start_date, program_name=c.program_name,
            end_date=c.end_date, final_project_approved=c.final_project_approved, notes=c.notes,
            years=tuple(years.get(c.id, ()))))
        for c in LegacyCoaching.select().order_by(LegacyCoaching.start_date.desc(), LegacyCoaching.id.desc())
    ]


def get_coaching(coaching_id: int) -> CoachingRecord:
    for record in load_coaching():
        if record.id == coaching_id:
            return record
    raise LookupError(tr("coaching relationship {id} does not exist").format(id=coaching_id))


def delete_coaching(coaching_id: int) -> CoachingRecord:
    """Delete and return the relationship as it was (for undo)."""
    record = get_coaching(coaching_id)
    with database_proxy.atomic():
        LegacyCoaching.delete().where(LegacyCoaching.id == coaching_id).execute()
    return record


def restore_coaching(record: CoachingRecord) -> int:
    with database_proxy.atomic():
        LegacyCoaching.insert(id=record.id, **_coaching_values(record.data)).execute()
        for y in record.data.years:
            LegacyCoachingYear.insert(coaching=record.id, year=y.year, notes=y.notes, meeting=y.meeting).execute()
    return record.id


def save_action(data: ActionData, action_id: int | None = None) -> int:
    data = normalized_action(data)
    errors = validate_action(data)
    if errors:
        raise ValidationError(errors)
    values = {"date": data.date, "kind": data.kind, "person": data.person, "program": data.program,
              "notes": data.notes}
    with database_proxy.atomic():
        if action_id is None:
            return int(LegacyAction.insert(**values).execute())
        if not LegacyAction.update(**values).where(LegacyAction.id == action_id).execute():
            raise LookupError(tr("Legacy Leaders record {id} no longer exists").format(id=action_id))
    return action_id


def load_actions(year: int | None = None) -> list[ActionRecord]:
    query = LegacyAction.select().order_by(LegacyAction.date.desc(), LegacyAction.id.desc())
    if year is not None:
        query = query.where((LegacyAction.date >= date(year, 1, 1)) & (LegacyAction.date <= date(year, 12, 31)))
    return [ActionRecord(a.id, ActionData(a.date, a.kind, a.person, a.program, a.notes)) for a in query]


def delete_action(action_id: int) -> ActionRecord:
    found = [r for r in load_actions() if r.id == action_id]
    if not found:
        raise LookupError(tr("Legacy Leaders record {id} does not exist").format(id=action_id))
    with database_proxy.atomic():
        LegacyAction.delete().where(LegacyAction.id == action_id).execute()
    return found[0]


def restore_action(record: ActionRecord) -> int:
    d = record.data
    with database_proxy.atomic():
        LegacyAction.insert(id=record.id, date=d.date, kind=d.kind, person=d.person, program=d.program,
                            notes=d.notes).execute()
    return record.id


@dataclass(frozen=True)
class LegacyOverview:
    coaching: list[CoachingRecord]
    actions: list[ActionRecord]
    years: list[LegacyYear] = field(default_factory=list)

    def current(self, year: int) -> LegacyYear | None:
        return next((y for y in self.years if y.year == year), None)


def legacy_overview(today: date) -> LegacyOverview:
    """Everything the Legacy Leaders page shows, with the status of each year up to today's."""
    from wethrive_desktop.models.profile import get_profile

    profile = get_profile()
    coaching = load_coaching()
    actions = load_actions()
    years = legacy_years([c.data for c in coaching], [a.data for a in actions],
                         credentialed_from(profile.credential_status, profile.credentialed_date), today.year)
    return LegacyOverview(coaching, actions, years)
