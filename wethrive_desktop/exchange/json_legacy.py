"""The export-json sections of issue 6: Legacy Leaders coaching and actions, and the eligibility experience.

#WeThriveHere 0-hour entries need no section: they are activities. See docs/data-format.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wethrive_desktop.exchange.json_format import (
    JsonImportError,
    Section,
    read_date,
    read_hours,
    read_int,
    read_list,
    read_object,
    read_records,
    read_str,
)
from wethrive_desktop.models.activities import insert_rows
from wethrive_desktop.models.eligibility import ExperienceData, get_experience, validate_experience
from wethrive_desktop.models.legacy_rule import (
    ActionData,
    CoachingData,
    CoachingYearData,
    validate_action,
    validate_coaching,
)
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.tables import Eligibility, LegacyAction, LegacyCoaching, LegacyCoachingYear


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _refuse(where: str, errors: list[Any]) -> None:
    if errors:
        raise JsonImportError(f"{where}: {'; '.join(str(e) for e in errors)}")


def dump_coaching() -> list[dict[str, Any]]:
    years: dict[int, list[dict[str, Any]]] = {}
    for y in LegacyCoachingYear.select().order_by(LegacyCoachingYear.coaching, LegacyCoachingYear.year):
        years.setdefault(y.coaching_id, []).append({"year": y.year, "notes": y.notes, "meeting": y.meeting})
    return [
        {
            "id": c.id, "person": c.person, "program": c.program, "program_name": c.program_name,
            "start_date": _iso(c.start_date), "end_date": _iso(c.end_date),
            "final_project_approved": _iso(c.final_project_approved), "notes": c.notes,
            "years": years.get(c.id, []),
        }
        for c in LegacyCoaching.select().order_by(LegacyCoaching.id)
    ]


def load_coaching(data: Any) -> None:
    """Every coaching record (with its id) and its years: all checked, then inserted a few hundred rows per
    statement."""
    coachings: list[tuple[Any, ...]] = []
    years_rows: list[tuple[Any, ...]] = []
    for record, coaching_id, where in read_records(data, "legacy_coaching"):
        years = []
        for m, y in enumerate(read_list(record, "years", where)):
            at = f"{where}.years[{m}]"
            year = read_object(y, at)
            years.append(CoachingYearData(read_int(year, "year", at), read_str(year, "notes", at, default=""),
                                          read_str(year, "meeting", at, default="")))
        start = read_date(record, "start_date", where, required=True)
        assert start is not None
        coaching = CoachingData(
            person=read_str(record, "person", where), program=read_str(record, "program", where),
            start_date=start, program_name=read_str(record, "program_name", where, default=""),
            end_date=read_date(record, "end_date", where),
            final_project_approved=read_date(record, "final_project_approved", where),
            notes=read_str(record, "notes", where, default=""), years=tuple(years),
        )
        _refuse(where, validate_coaching(coaching))
        coachings.append((coaching_id, coaching.person, coaching.program, coaching.program_name, coaching.start_date,
                          coaching.end_date, coaching.final_project_approved, coaching.notes))
        years_rows += [(coaching_id, y.year, y.notes, y.meeting) for y in coaching.years]
    insert_rows(LegacyCoaching, (LegacyCoaching.id, LegacyCoaching.person, LegacyCoaching.program,
                                 LegacyCoaching.program_name, LegacyCoaching.start_date, LegacyCoaching.end_date,
                                 LegacyCoaching.final_project_approved, LegacyCoaching.notes), coachings)
    insert_rows(LegacyCoachingYear, (LegacyCoachingYear.coaching, LegacyCoachingYear.year, LegacyCoachingYear.notes,
                                     LegacyCoachingYear.meeting), years_rows)


def dump_actions() -> list[dict[str, Any]]:
    return [
        {"id": a.id, "date": _iso(a.date), "kind": a.kind, "person": a.person, "program": a.program,
         "notes": a.notes}
        for a in LegacyAction.select().order_by(LegacyAction.id)
    ]


def load_actions(data: Any) -> None:
    rows: list[tuple[Any, ...]] = []
    for record, action_id, where in read_records(data, "legacy_actions"):
        program = record.get("program")
        if program is not None and not isinstance(program, str):
            raise JsonImportError(f"{where}: 'program' must be text or null")
        on = read_date(record, "date", where, required=True)
        assert on is not None
        action = ActionData(on, read_str(record, "kind", where), read_str(record, "person", where, default=""),
                            program, read_str(record, "notes", where, default=""))
        _refuse(where, validate_action(action))
        rows.append((action_id, action.date, action.kind, action.person, action.program, action.notes))
    insert_rows(LegacyAction, (LegacyAction.id, LegacyAction.date, LegacyAction.kind, LegacyAction.person,
                               LegacyAction.program, LegacyAction.notes), rows)


def dump_eligibility() -> dict[str, Any]:
    row = Eligibility.get_by_id(1)
    return {"education": row.education, "senior_years": format_hours(row.senior_years),
            "department_head_years": format_hours(row.department_head_years), "as_of": _iso(row.as_of),
            "current_role": row.current_role}


def load_eligibility(data: Any) -> None:
    record = read_object(data, "eligibility")
    experience = ExperienceData(
        education=read_str(record, "education", "eligibility", default=""),
        senior_years=read_hours(record, "senior_years", "eligibility"),
        department_head_years=read_hours(record, "department_head_years", "eligibility"),
        as_of=read_date(record, "as_of", "eligibility"),
        current_role=read_str(record, "current_role", "eligibility"),
    )
    # A file may come from a machine whose clock ran ahead; the "as of" date is not checked against today.
    _refuse("eligibility", validate_experience(experience, date.max))
    Eligibility.update(education=experience.education, senior_years=experience.senior_years,
                       department_head_years=experience.department_head_years, as_of=experience.as_of,
                       current_role=experience.current_role).where(Eligibility.id == 1).execute()


SECTIONS: tuple[Section, ...] = (
    Section("legacy_coaching", dump_coaching, load_coaching,
            has_records=lambda: LegacyCoaching.select().exists()),
    Section("legacy_actions", dump_actions, load_actions,
            has_records=lambda: LegacyAction.select().exists()),
    Section("eligibility", dump_eligibility, load_eligibility,
            has_records=lambda: get_experience() != ExperienceData()),
)
