"""The foundation's JSON sections: the profile, the challenge catalogues and the activities (with their practices,
attachments, topics and, for a mentoring or coaching given, its mentoring facts).

Format 2 added what migration 6 stores (ICMA's counting): an activity's `topics`, `delivery_hours`,
`meets_conditions`, `type_review` and `mentoring`, and the profile's service status and 360 details. Every one is
optional on import, so a file of format 1 reads with their defaults."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee

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
from wethrive_desktop.models.activities import insert_rows
from wethrive_desktop.models.attachment_names import valid_sha256, valid_stored_name
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import (
    ACTIVITY_TYPES,
    GIVEN_TYPES,
    MAX_YEAR,
    MIN_YEAR,
    PRACTICES,
    CredentialStatus,
    MultiraterStatus,
    ServiceStatus,
    Status,
    valid_year,
)
from wethrive_desktop.models.profile import DATE_FIELDS as PROFILE_DATE_FIELDS
from wethrive_desktop.models.profile import MAX_RATERS
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.tables import Activity, ActivityPractice, Attachment, ChallengeItem, Mentoring, Profile
from wethrive_desktop.models.topics import SEPARATOR as TOPIC_SEPARATOR
from wethrive_desktop.models.topics import clean_topics, join_topics, topic_problem

# How each profile field reads; a field not named here is text (or a date, if in the profile's DATE_FIELDS).
# The fields of migration 6 are optional in a file: a file of format 1 has none, and they take their defaults.
_PROFILE_CHOICES: dict[str, tuple[str, ...]] = {
    "credential_status": tuple(CredentialStatus),
    "service_status": tuple(ServiceStatus),
    "multirater_status": tuple(MultiraterStatus),
}
_PROFILE_DEFAULTS: dict[str, Any] = {"credential_status": CredentialStatus.NONE.value,
                                     "service_status": ServiceStatus.SERVING.value,
                                     "multirater_status": MultiraterStatus.AUTO.value}
_PROFILE_FLAGS = ("challenge_signup",)  # true or false
_PROFILE_MAYBE_FLAGS = ("multirater_preapproved",)  # true, false or null (not said)
_PROFILE_COUNTS = ("multirater_raters",)  # a whole number the profile takes (1 to MAX_RATERS), or null (not said)
# Every column of the profile table: what the table holds goes out and comes back, whatever ProfileData shows.
PROFILE_FIELDS = tuple(name for name in Profile._meta.sorted_field_names if name != "id")


def dump_profile() -> dict[str, Any]:
    row = Profile.get_by_id(1)
    out: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        value = getattr(row, name)
        if name in PROFILE_DATE_FIELDS:
            out[name] = iso(value)
        elif name in _PROFILE_FLAGS:
            out[name] = bool(value)
        elif name in _PROFILE_MAYBE_FLAGS:
            out[name] = None if value is None else bool(value)
        else:
            out[name] = value
    return out


def load_profile(data: Any) -> None:
    record = read_object(data, "profile")
    values: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        if name in PROFILE_DATE_FIELDS:
            values[name] = read_date(record, name, "profile")
        elif name in _PROFILE_FLAGS:
            flag = record.get(name, False)
            if not isinstance(flag, bool):
                raise where_error("profile", f"'{name}' must be true or false")
            values[name] = flag
        elif name in _PROFILE_MAYBE_FLAGS:
            maybe = record.get(name)
            if maybe is not None and not isinstance(maybe, bool):
                raise where_error("profile", f"'{name}' must be true, false or null")
            values[name] = maybe
        elif name in _PROFILE_COUNTS:
            values[name] = None if record.get(name) is None else read_int(record, name, "profile", minimum=1,
                                                                          maximum=MAX_RATERS)
        else:
            values[name] = read_str(record, name, "profile", default=_PROFILE_DEFAULTS.get(name, ""))
        choices = _PROFILE_CHOICES.get(name)
        if choices is not None and values[name] not in choices:
            said = [c or '"" (not said)' for c in choices]
            raise where_error("profile", f"'{name}' must be {', '.join(said[:-1])} or {said[-1]}, not "
                                         f"{shown(values[name])}")
    Profile.update(**values).where(Profile.id == 1).execute()


def dump_challenge_items() -> list[dict[str, Any]]:
    query = ChallengeItem.select().order_by(ChallengeItem.year, ChallengeItem.key)
    return [{"year": i.year, "key": i.key, "name": i.name, "points": i.points} for i in query]


def load_challenge_items(data: Any) -> None:
    """The file's catalogues replace the seeded one (a catalogue is editable, so the file's values win)."""
    if not isinstance(data, list):
        raise where_error("challenge_items", "must be a list")
    rows: list[tuple[Any, ...]] = []
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
        rows.append((year, key, read_str(record, "name", where), points))
    ChallengeItem.delete().execute()
    insert_rows(ChallengeItem, (ChallengeItem.year, ChallengeItem.key, ChallengeItem.name, ChallengeItem.points), rows)


def _as_stored(field: peewee.Field, kind: type) -> Callable[[Any], Any]:
    """How a raw value of `field` reads: as peewee's python_value gives it; a value of the `kind` the store keeps
    (text, a whole number) is that value already, so it is taken as it is."""
    python_value = field.python_value

    def read(value: Any) -> Any:
        return value if type(value) is kind else python_value(value)
    return read


def _iso_date(field: peewee.Field) -> Callable[[Any], str | None]:
    """A raw DATE value as the export writes it (iso of peewee's python_value); the YYYY-MM-DD text sqlite3 stores
    for a date is that text already, so it is not parsed by format, only checked."""
    python_value = field.python_value

    def read(value: Any) -> str | None:
        if type(value) is str:
            try:
                if date.fromisoformat(value).isoformat() == value:
                    return value
            except ValueError:
                pass
        return iso(python_value(value))
    return read


def _iso_datetime(field: peewee.Field) -> Callable[[Any], str | None]:
    """A raw DATETIME value as the export writes it (iso of peewee's python_value); the text sqlite3 stores for a
    datetime (isoformat with a space) is turned into the export's form (a "T") once checked, not parsed by format."""
    python_value = field.python_value

    def read(value: Any) -> str | None:
        if type(value) is str:
            try:
                moment = datetime.fromisoformat(value)
                if moment.isoformat(" ") == value:
                    return moment.isoformat()
            except ValueError:
                pass
        return iso(python_value(value))
    return read


def _hours_text(hundredths: Any) -> str:
    hours = Activity.hours.python_value(hundredths)
    assert hours is not None  # the column is NOT NULL
    return format_hours(hours)


def dump_activities() -> list[dict[str, Any]]:
    """Every activity in id order with its practices and attachments: three queries, read as raw rows (building a
    peewee model per row was most of the export's time), each value read as peewee would read it."""
    practices: dict[int, list[int]] = {}
    for activity_id, practice_id in database_proxy.execute_sql(
            "SELECT activity_id, practice_id FROM activity_practice"):
        practices.setdefault(activity_id, []).append(practice_id)
    attachments: dict[int, list[dict[str, Any]]] = {}
    read_file = (_as_stored(Attachment.id, int), _as_stored(Attachment.activity, int),
                 *(_as_stored(f, str) for f in (Attachment.original_name, Attachment.stored_name, Attachment.sha256)),
                 _as_stored(Attachment.size, int), _iso_datetime(Attachment.added_at))
    for row in database_proxy.execute_sql(
            "SELECT id, activity_id, original_name, stored_name, sha256, size, added_at FROM attachment ORDER BY id"):
        file_id, activity_id, original_name, stored_name, sha256, size, added_at = (
            to_export(value) for to_export, value in zip(read_file, row, strict=True))
        attachments.setdefault(activity_id, []).append({
            "id": file_id, "original_name": original_name, "stored_name": stored_name, "sha256": sha256,
            "size": size, "added_at": added_at,
        })
    read = (_as_stored(Activity.id, int), _iso_date(Activity.start_date), _iso_date(Activity.end_date),
            *(_as_stored(f, str) for f in (Activity.title, Activity.provider, Activity.type)), _hours_text,
            *(_as_stored(f, str) for f in (Activity.description, Activity.learned, Activity.status,
                                           Activity.challenge_key)),
            _iso_datetime(Activity.created_at), _iso_datetime(Activity.updated_at))
    mentoring = _dump_mentoring()
    read_delivery = _hours_text
    out = []
    for row in database_proxy.execute_sql(
            "SELECT id, start_date, end_date, title, provider, type, hours, description, learned, status, "
            "challenge_key, created_at, updated_at, delivery_hours, topics, meets_conditions, type_review "
            "FROM activity ORDER BY id"):
        (activity_id, start, end, title, provider, kind, hours, description, learned, status, challenge, created,
         updated) = (to_export(value) for to_export, value in zip(read, row[:13], strict=True))
        delivery, topics, meets, review = row[13:]
        out.append({
            "id": activity_id,
            "start_date": start,
            "end_date": end,
            "title": title,
            "provider": provider,
            "type": kind,
            "hours": hours,
            "practices": sorted(practices.get(activity_id, [])),
            "description": description,
            "learned": learned,
            "status": status,
            "challenge_key": challenge,
            "created_at": created,
            "updated_at": updated,
            "attachments": attachments.get(activity_id, []),
            "topics": topics.split(TOPIC_SEPARATOR) if topics else [],
            "delivery_hours": read_delivery(delivery),
            "meets_conditions": None if meets is None else bool(meets),
            "type_review": bool(review),
            "mentoring": mentoring.get(activity_id),
        })
    return out


_MENTORING_TEXTS = ("mentee", "position", "program", "frequency", "subjects")


def _dump_mentoring() -> dict[int, dict[str, Any]]:
    """The mentoring facts of each mentoring or coaching given, by activity id, as the file writes them."""
    read_day = _iso_date(Mentoring.relationship_start)
    found: dict[int, dict[str, Any]] = {}
    for activity_id, mentee, position, own, program, start, end, frequency, subjects in database_proxy.execute_sql(
            "SELECT activity_id, mentee, position, own_employee, program, relationship_start, relationship_end, "
            "frequency, subjects FROM mentoring ORDER BY activity_id"):
        found[activity_id] = {
            "mentee": mentee, "position": position, "own_employee": None if own is None else bool(own),
            "program": program, "relationship_start": read_day(start), "relationship_end": read_day(end),
            "frequency": frequency, "subjects": subjects,
        }
    return found


def _read_topics(record: Mapping[str, Any], where: str, seen: dict[tuple[str, ...], str]) -> str:
    """The topic tags as stored (sorted, lower-case, joined by ';'); a tag that cannot be stored is refused. `seen`:
    the lists already read in this file (a log has a few distinct ones), each cleaned and checked once."""
    tags = record.get("topics")
    if tags is None or tags == []:
        return ""
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise where_error(where, f"'topics' must be a list of texts, not {shown(tags)}")
    key = tuple(tags)
    joined = seen.get(key)
    if joined is None:
        cleaned = clean_topics(tags)
        for tag in cleaned:
            problem = topic_problem(tag)
            if problem:
                raise where_error(where, f"'topics': {problem}")
        joined = seen[key] = join_topics(cleaned)
    return joined


def _read_maybe(record: Mapping[str, Any], key: str, where: str) -> bool | None:
    value = record.get(key)
    if value is not None and not isinstance(value, bool):
        raise where_error(where, f"'{key}' must be true, false or null, not {shown(value)}")
    return value


def _read_mentoring(record: Mapping[str, Any], activity_id: int, kind: str, where: str) -> tuple[Any, ...] | None:
    """The mentoring row of a mentoring or coaching given (in the order of _MENTORING_FIELDS), or None."""
    value = record.get("mentoring")
    if value is None:
        return None
    at = f"{where}.mentoring"
    if kind not in GIVEN_TYPES:
        raise where_error(where, f"'mentoring' is only for the types {' and '.join(GIVEN_TYPES)}, not {shown(kind)}")
    m = read_object(value, at)
    texts = {key: read_str(m, key, at, default="") for key in _MENTORING_TEXTS}
    start, end = read_date(m, "relationship_start", at), read_date(m, "relationship_end", at)
    for day in (start, end):
        if day is not None and not valid_year(day.year):
            raise where_error(at, f"{day.isoformat()} is not a date between {MIN_YEAR} and {MAX_YEAR}")
    if start is not None and end is not None and end < start:
        raise where_error(at, "'relationship_end' is before 'relationship_start'")
    return (activity_id, texts["mentee"], texts["position"], _read_maybe(m, "own_employee", at), texts["program"],
            start, end, texts["frequency"], texts["subjects"])


def load_activities(data: Any) -> None:
    """Every activity (with its id), its practices and its attachments, checked first, then inserted a few hundred
    rows per statement (activities.insert_rows)."""
    activities: list[tuple[Any, ...]] = []
    links: list[tuple[int, int]] = []
    files: list[tuple[Any, ...]] = []
    mentors: list[tuple[Any, ...]] = []
    topic_lists: dict[tuple[str, ...], str] = {}
    statuses = tuple(Status)
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
        if status not in statuses:
            raise where_error(where, f"'status' must be completed or planned, not {shown(status)}")
        challenge = record.get("challenge_key")
        if challenge is not None and not isinstance(challenge, str):
            raise where_error(where, "'challenge_key' must be text or null")
        practices = read_list(record, "practices", where)
        if any(not isinstance(p, int) or isinstance(p, bool) or p not in PRACTICES for p in practices):
            raise where_error(where, f"'practices' must be practice numbers 1-14, not {shown(practices)}")
        # Format 2 (migration 6): each is optional, so a file of format 1 reads with the defaults.
        meets = _read_maybe(record, "meets_conditions", where)
        if meets is not None and kind not in GIVEN_TYPES:
            raise where_error(where, f"'meets_conditions' is only for the types {' and '.join(GIVEN_TYPES)}, not "
                                     f"{shown(kind)}; use null")
        review = record.get("type_review", False)
        if not isinstance(review, bool):
            raise where_error(where, "'type_review' must be true or false")
        if review and kind != "coaching":
            raise where_error(where, f"'type_review' is only for the type coaching, not {shown(kind)}")
        delivery = record.get("delivery_hours", "0")
        delivery = ZERO_HOURS if delivery == "0" else read_hours(record, "delivery_hours", where)
        mentoring = _read_mentoring(record, activity_id, kind, where)
        if mentoring is not None:
            mentors.append(mentoring)
        activities.append((
            activity_id, start, end, title, read_str(record, "provider", where, default=""), kind,
            read_hours(record, "hours", where), read_str(record, "description", where, default=""),
            read_str(record, "learned", where, default=""), status, challenge,
            read_datetime(record, "created_at", where), read_datetime(record, "updated_at", where),
            delivery, _read_topics(record, where, topic_lists), meets, review,
        ))
        links += [(activity_id, p) for p in sorted(set(practices))]
        for m, attachment in enumerate(read_list(record, "attachments", where)):
            files.append(_attachment(attachment, activity_id, f"{where}.attachments[{m}]"))
    insert_rows(Activity, _ACTIVITY_FIELDS, activities)
    insert_rows(ActivityPractice, (ActivityPractice.activity, ActivityPractice.practice), links)
    insert_rows(Attachment, _ATTACHMENT_FIELDS, files)
    insert_rows(Mentoring, _MENTORING_FIELDS, mentors)


_ACTIVITY_FIELDS = (Activity.id, Activity.start_date, Activity.end_date, Activity.title, Activity.provider,
                    Activity.type, Activity.hours, Activity.description, Activity.learned, Activity.status,
                    Activity.challenge_key, Activity.created_at, Activity.updated_at, Activity.delivery_hours,
                    Activity.topics, Activity.meets_conditions, Activity.type_review)
_MENTORING_FIELDS = (Mentoring.activity, Mentoring.mentee, Mentoring.position, Mentoring.own_employee,
                     Mentoring.program, Mentoring.relationship_start, Mentoring.relationship_end, Mentoring.frequency,
                     Mentoring.subjects)
ZERO_HOURS = Decimal("0.00")
_ATTACHMENT_FIELDS = (Attachment.id, Attachment.activity, Attachment.original_name, Attachment.stored_name,
                      Attachment.sha256, Attachment.size, Attachment.added_at)


def _attachment(attachment: Any, activity_id: int, at: str) -> tuple[Any, ...]:
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
    return (attachment_id, activity_id, original_name, stored_name, sha, read_int(f, "size", at, minimum=0),
            read_datetime(f, "added_at", at))  # in the order of _ATTACHMENT_FIELDS


SECTIONS: tuple[Section, ...] = (
    Section("profile", dump_profile, load_profile, version=2),
    Section("challenge_items", dump_challenge_items, load_challenge_items),
    Section("activities", dump_activities, load_activities,
            has_records=lambda: Activity.select().exists() or Attachment.select().exists(), version=2),
)
