"""The foundation's JSON sections: the profile, the challenge catalogues and the activities (with their practices
and attachments)."""

from __future__ import annotations

from typing import Any

from wethrive_desktop.exchange.json_format import (
    Section,
    iso,
    read_date,
    read_datetime,
    read_hours,
    read_int,
    read_list,
    read_object,
    read_records,
    read_str,
    shown,
    where_error,
)
from wethrive_desktop.models.attachment_names import valid_sha256, valid_stored_name
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, CredentialStatus, Status
from wethrive_desktop.models.profile import DATE_FIELDS as PROFILE_DATE_FIELDS
from wethrive_desktop.models.profile import FIELD_NAMES as PROFILE_FIELDS
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.tables import Activity, ActivityPractice, Attachment, ChallengeItem, Profile


def dump_profile() -> dict[str, Any]:
    row = Profile.get_by_id(1)
    out: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        value = getattr(row, name)
        out[name] = iso(value) if name in PROFILE_DATE_FIELDS else value
    out["challenge_signup"] = bool(row.challenge_signup)
    return out


def load_profile(data: Any) -> None:
    record = read_object(data, "profile")
    values: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        if name in PROFILE_DATE_FIELDS:
            values[name] = read_date(record, name, "profile")
        elif name == "challenge_signup":
            flag = record.get(name, False)
            if not isinstance(flag, bool):
                raise where_error("profile", "'challenge_signup' must be true or false")
            values[name] = flag
        else:
            values[name] = read_str(record, name, "profile", default="")
    if values["credential_status"] not in tuple(CredentialStatus):
        raise where_error("profile", f"'credential_status' must be none, candidate or credentialed, not "
                                f"{shown(values['credential_status'])}")
    Profile.update(**values).where(Profile.id == 1).execute()


def dump_challenge_items() -> list[dict[str, Any]]:
    query = ChallengeItem.select().order_by(ChallengeItem.year, ChallengeItem.key)
    return [{"year": i.year, "key": i.key, "name": i.name, "points": i.points} for i in query]


def load_challenge_items(data: Any) -> None:
    """The file's catalogues replace the seeded one (a catalogue is editable, so the file's values win)."""
    if not isinstance(data, list):
        raise where_error("challenge_items", "must be a list")
    rows = []
    seen = set()
    for n, item in enumerate(data):
        where = f"challenge_items[{n}]"
        record = read_object(item, where)
        year, key = read_int(record, "year", where), read_str(record, "key", where).strip()
        points = read_int(record, "points", where)
        if not key:
            raise where_error(where, "'key' is empty")
        if points < 0:
            raise where_error(where, "'points' must not be negative")
        if (year, key) in seen:
            raise where_error(where, f"{shown(key)} appears twice in the {year} catalogue")
        seen.add((year, key))
        rows.append({"year": year, "key": key, "name": read_str(record, "name", where), "points": points})
    ChallengeItem.delete().execute()
    if rows:
        ChallengeItem.insert_many(rows).execute()


def dump_activities() -> list[dict[str, Any]]:
    practices: dict[int, list[int]] = {}
    for activity_id, practice_id in ActivityPractice.select(
            ActivityPractice.activity, ActivityPractice.practice).tuples():
        practices.setdefault(activity_id, []).append(practice_id)
    attachments: dict[int, list[dict[str, Any]]] = {}
    for f in Attachment.select().order_by(Attachment.id):
        attachments.setdefault(f.activity_id, []).append({
            "id": f.id, "original_name": f.original_name, "stored_name": f.stored_name, "sha256": f.sha256,
            "size": f.size, "added_at": iso(f.added_at),
        })
    return [
        {
            "id": a.id,
            "start_date": iso(a.start_date),
            "end_date": iso(a.end_date),
            "title": a.title,
            "provider": a.provider,
            "type": a.type,
            "hours": format_hours(a.hours),
            "practices": sorted(practices.get(a.id, [])),
            "description": a.description,
            "learned": a.learned,
            "status": a.status,
            "challenge_key": a.challenge_key,
            "created_at": iso(a.created_at),
            "updated_at": iso(a.updated_at),
            "attachments": attachments.get(a.id, []),
        }
        for a in Activity.select().order_by(Activity.id)
    ]


def load_activities(data: Any) -> None:
    activities, links, files = [], [], []
    for record, activity_id, where in read_records(data, "activities"):
        start = read_date(record, "start_date", where, required=True)
        end = read_date(record, "end_date", where)
        assert start is not None
        if end is not None and end < start:
            raise where_error(where, "'end_date' is before 'start_date'")
        title = read_str(record, "title", where)
        if not title.strip():
            raise where_error(where, "'title' is empty")
        kind = read_str(record, "type", where)
        if kind not in ACTIVITY_TYPES:
            raise where_error(where, f"'type' {shown(kind)} is not one of: {', '.join(ACTIVITY_TYPES)}")
        status = read_str(record, "status", where)
        if status not in tuple(Status):
            raise where_error(where, f"'status' must be completed or planned, not {shown(status)}")
        challenge = record.get("challenge_key")
        if challenge is not None and not isinstance(challenge, str):
            raise where_error(where, "'challenge_key' must be text or null")
        practices = read_list(record, "practices", where)
        if any(not isinstance(p, int) or isinstance(p, bool) or p not in PRACTICES for p in practices):
            raise where_error(where, f"'practices' must be practice numbers 1-14, not {shown(practices)}")
        activities.append({
            "id": activity_id, "start_date": start, "end_date": end, "title": title,
            "provider": read_str(record, "provider", where, default=""), "type": kind,
            "hours": read_hours(record, "hours", where),
            "description": read_str(record, "description", where, default=""),
            "learned": read_str(record, "learned", where, default=""), "status": status,
            "challenge_key": challenge,
            "created_at": read_datetime(record, "created_at", where),
            "updated_at": read_datetime(record, "updated_at", where),
        })
        links += [{"activity": activity_id, "practice": p} for p in sorted(set(practices))]
        for m, attachment in enumerate(read_list(record, "attachments", where)):
            files.append(_attachment(attachment, activity_id, f"{where}.attachments[{m}]"))
    for chunk in _chunks(activities, 500):
        Activity.insert_many(chunk).execute()
    for chunk in _chunks(links, 500):
        ActivityPractice.insert_many(chunk).execute()
    for chunk in _chunks(files, 500):
        Attachment.insert_many(chunk).execute()


def _attachment(attachment: Any, activity_id: int, at: str) -> dict[str, Any]:
    """One attachment's row. Its stored name is joined to the attachments folder, so only our own form is taken:
    the file's sha256 and an optional lower-case extension (never a path such as "../../etc/passwd")."""
    f = read_object(attachment, at)
    attachment_id, original_name = read_int(f, "id", at), read_str(f, "original_name", at)
    sha = read_str(f, "sha256", at)
    if not valid_sha256(sha):
        raise where_error(at, f"'sha256' must be 64 lower-case hex digits, not {shown(sha)}")
    stored_name = read_str(f, "stored_name", at)
    if not valid_stored_name(stored_name, sha):
        raise where_error(at, "'stored_name' must be a bare file name: the attachment's sha256 and an optional "
                              f"lower-case extension such as \".pdf\", not {shown(stored_name)}")
    return {
        "id": attachment_id, "activity": activity_id, "original_name": original_name,
        "stored_name": stored_name, "sha256": sha, "size": read_int(f, "size", at, minimum=0),
        "added_at": read_datetime(f, "added_at", at),
    }


def _chunks(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


SECTIONS: tuple[Section, ...] = (
    Section("profile", dump_profile, load_profile),
    Section("challenge_items", dump_challenge_items, load_challenge_items),
    Section("activities", dump_activities, load_activities,
            has_records=lambda: Activity.select().exists() or Attachment.select().exists()),
)
