"""Activities: plain records, the queries that load them, and every write the GUI and the command line make."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

import peewee

from wethrive_desktop.files import atomic_path
from wethrive_desktop.i18n import tr
from wethrive_desktop.models.attachment_names import valid_stored_name
from wethrive_desktop.models.challenge import load_catalogues
from wethrive_desktop.models.db import HoursField, StoreError, current_path, database_proxy
from wethrive_desktop.models.domain import GIVEN_TYPES, Status
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.models.tables import Activity, ActivityPractice, Attachment, Mentoring, utc_now
from wethrive_desktop.models.topics import clean_topics, join_topics, topic_search_text
from wethrive_desktop.models.validation import FieldError, ValidationError, validate_activity, validate_counting
from wethrive_desktop.paths import attachments_dir


@dataclass(frozen=True, slots=True)
class ActivityData:
    """What the user enters for one activity."""

    start_date: date
    title: str
    hours: Decimal
    type: str = "other"
    end_date: date | None = None
    provider: str = ""
    practices: tuple[int, ...] = ()
    description: str = ""
    learned: str = ""
    status: str = Status.COMPLETED.value
    challenge_key: str | None = None
    # migration 6: teaching's delivery hours (shown, not counted: `hours` holds the preparation), topic tags, whether
    # a mentoring or coaching given meets ICMA's conditions (None: not said), an old "coaching" row to confirm, and
    # the facts ICMA asks of mentoring and coaching given.
    delivery_hours: Decimal = Decimal("0.00")
    topics: tuple[str, ...] = ()
    meets_conditions: bool | None = None
    type_review: bool = False
    mentoring: MentoringData | None = None
    # identity(), worked out once (in a slot: the class has slots, no per-instance dict)
    _identity: tuple[date, str, Decimal] | None = field(default=None, init=False, repr=False, compare=False)

    def identity(self) -> tuple[date, str, Decimal]:
        """Two activities with the same date, title and hours are the same record (for re-imports). Worked out
        once per (immutable) row: an import asks for it three times a row."""
        key = self._identity
        if key is None:
            key = (self.start_date, self.title.strip().casefold(), Decimal(self.hours).quantize(Decimal("0.01")))
            object.__setattr__(self, "_identity", key)
        return key


class AttachmentData(NamedTuple):
    original_name: str
    stored_name: str
    sha256: str
    size: int
    added_at: datetime
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """A stored activity: the data plus what the store adds."""

    id: int
    data: ActivityData
    created_at: datetime
    updated_at: datetime
    attachments: tuple[AttachmentData, ...] = field(default=())
    # (plan item id, item status) of the plan items that linked to it, filled in by delete_activity so that
    # restore_activity can link them again (the delete clears plan_item.activity_id).
    plan_links: tuple[tuple[int, str], ...] = field(default=(), compare=False)

    # The rules read these straight off a record.
    @property
    def start_date(self) -> date:
        return self.data.start_date

    @property
    def hours(self) -> Decimal:
        return self.data.hours

    @property
    def status(self) -> str:
        return self.data.status

    @property
    def practices(self) -> tuple[int, ...]:
        return self.data.practices

    @property
    def challenge_key(self) -> str | None:
        return self.data.challenge_key

    @property
    def type(self) -> str:
        return self.data.type

    @property
    def title(self) -> str:
        return self.data.title

    @property
    def provider(self) -> str:
        return self.data.provider

    @property
    def topics(self) -> tuple[str, ...]:
        return self.data.topics

    @property
    def meets_conditions(self) -> bool | None:
        return self.data.meets_conditions

    @property
    def delivery_hours(self) -> Decimal:
        return self.data.delivery_hours


class RowExtras(NamedTuple):
    """The fields of an ActivityRow that most activities leave at their default (about one in ten sets any)."""

    challenge_key: str | None = None
    delivery_hours: Decimal = Decimal("0.00")
    meets_conditions: bool | None = None
    type_review: bool = False
    mentoring: MentoringData | None = None
    attachments: tuple[AttachmentData, ...] = ()


NO_EXTRAS = RowExtras()  # shared by every row that sets none of them


class ActivityRow(NamedTuple):
    """An activity as the activity log lists it: every field but the two long texts (the description and what was
    learned), which the list never shows and which are most of an activity's memory: without them, 100,000
    activities take ~45 MiB less (load_activity_rows gives the search text that covers them). The fields most
    activities leave at their default are kept together in `extras`, one object shared by all the rows that set
    none of them (at 100,000 activities, ~3 MiB less); read them as the other fields (`row.challenge_key`).

    Deliberately not an ActivityData: a row cannot be saved back, so no edit made from the list can lose the texts
    it lacks; to edit or copy an activity, get_activity(row.id) reads it whole."""

    id: int
    start_date: date
    end_date: date | None
    title: str
    provider: str
    type: str
    hours: Decimal
    practices: tuple[int, ...]
    status: str
    topics: tuple[str, ...]
    extras: RowExtras = NO_EXTRAS

    @property
    def challenge_key(self) -> str | None:
        return self.extras.challenge_key

    @property
    def delivery_hours(self) -> Decimal:
        return self.extras.delivery_hours

    @property
    def meets_conditions(self) -> bool | None:
        return self.extras.meets_conditions

    @property
    def type_review(self) -> bool:
        return self.extras.type_review

    @property
    def mentoring(self) -> MentoringData | None:
        return self.extras.mentoring

    @property
    def attachments(self) -> tuple[AttachmentData, ...]:
        return self.extras.attachments


def normalized(data: ActivityData) -> ActivityData:
    return replace(
        data,
        title=data.title.strip(),
        provider=data.provider.strip(),
        type=data.type.strip().lower(),
        practices=tuple(sorted(set(data.practices))),
        description=data.description.strip(),
        learned=data.learned.strip(),
        hours=Decimal(data.hours).quantize(Decimal("0.01")) if Decimal(data.hours).is_finite() else data.hours,
        end_date=data.end_date if data.end_date != data.start_date else None,
        challenge_key=(data.challenge_key or "").strip() or None,
        delivery_hours=(Decimal(data.delivery_hours).quantize(Decimal("0.01"))
                        if Decimal(data.delivery_hours).is_finite() else data.delivery_hours),
        topics=clean_topics(data.topics),
        mentoring=_kept_mentoring(data),
        meets_conditions=data.meets_conditions if data.type.strip().lower() in GIVEN_TYPES else None,
        type_review=data.type_review and data.type.strip().lower() == "coaching",
    )


def _kept_mentoring(data: ActivityData) -> MentoringData | None:
    """The mentoring facts an activity keeps: only a mentoring or coaching given has them, and empty ones are none."""
    if data.mentoring is None or data.type.strip().lower() not in GIVEN_TYPES:
        return None
    kept = data.mentoring.stripped()
    return None if kept.is_empty() else kept


def check(data: ActivityData, catalogue_keys: Iterable[str] | None = None) -> list[FieldError]:
    """Validation errors for `data` (empty when it can be saved)."""
    if catalogue_keys is None:
        catalogue_keys = load_catalogues().for_year(data.start_date.year).keys()
    errors = validate_activity(
        start_date=data.start_date,
        end_date=data.end_date,
        title=data.title,
        type=data.type,
        hours=Decimal(data.hours),
        practices=data.practices,
        status=data.status,
        challenge_key=data.challenge_key,
        # An import checks every row against its year's keys, a set already: not copied for each row.
        challenge_keys=catalogue_keys if isinstance(catalogue_keys, set | frozenset) else set(catalogue_keys),
    )
    return errors + validate_counting(data.delivery_hours, data.topics, data.mentoring)


def _row_values(data: ActivityData) -> dict[str, object]:
    return {
        "start_date": data.start_date,
        "end_date": data.end_date,
        "title": data.title,
        "provider": data.provider,
        "type": data.type,
        "hours": data.hours,
        "description": data.description,
        "learned": data.learned,
        "status": data.status,
        "challenge_key": data.challenge_key,
        "delivery_hours": data.delivery_hours,
        "topics": join_topics(data.topics),
        "meets_conditions": data.meets_conditions,
        "type_review": data.type_review,
    }


def _set_practices(activity_id: int, practices: Sequence[int]) -> None:
    ActivityPractice.delete().where(ActivityPractice.activity == activity_id).execute()
    if practices:
        ActivityPractice.insert_many([(activity_id, p) for p in practices],
                                     fields=[ActivityPractice.activity, ActivityPractice.practice]).execute()


def save_activity(data: ActivityData, activity_id: int | None = None) -> int:
    """Validate and store (insert, or update `activity_id`). Raises ValidationError; writes nothing then."""
    data = normalized(data)
    errors = check(data)
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        if activity_id is None:
            activity_id = Activity.insert(**_row_values(data), created_at=utc_now(), updated_at=utc_now()).execute()
        else:
            updated = Activity.update(**_row_values(data), updated_at=utc_now()).where(
                Activity.id == activity_id).execute()
            if not updated:
                raise LookupError(tr("activity {id} no longer exists").format(id=activity_id))
        _set_practices(int(activity_id), data.practices)
        _set_mentoring(int(activity_id), data.mentoring)
    return int(activity_id)


_MENTORING_FIELDS = (Mentoring.activity, Mentoring.mentee, Mentoring.position, Mentoring.own_employee,
                     Mentoring.program, Mentoring.relationship_start, Mentoring.relationship_end, Mentoring.frequency,
                     Mentoring.subjects)


def _mentoring_row(activity_id: int, m: MentoringData) -> tuple[object, ...]:
    return (activity_id, m.mentee, m.position, m.own_employee, m.program, m.relationship_start, m.relationship_end,
            m.frequency, m.subjects)


def _set_mentoring(activity_id: int, mentoring: MentoringData | None) -> None:
    Mentoring.delete().where(Mentoring.activity == activity_id).execute()
    if mentoring is not None:
        Mentoring.insert(dict(zip(_MENTORING_FIELDS, _mentoring_row(activity_id, mentoring), strict=True))).execute()


def _load_mentoring(condition: bool, chosen: str | None) -> dict[int, MentoringData]:
    sql = ("SELECT activity_id, mentee, position, own_employee, program, relationship_start, relationship_end, "
           "frequency, subjects FROM mentoring")
    if condition:
        sql += " WHERE activity_id IN (SELECT value FROM json_each(?))"
    found: dict[int, MentoringData] = {}
    for row_id, mentee, position, own, program, start, end, frequency, subjects in database_proxy.execute_sql(
            sql, [chosen] if condition else []):
        found[row_id] = MentoringData(mentee, position, None if own is None else bool(own), program,
                                      date.fromisoformat(str(start)) if start else None,
                                      date.fromisoformat(str(end)) if end else None, frequency, subjects)
    return found


_COLUMNS = (Activity.id, Activity.start_date, Activity.end_date, Activity.title, Activity.provider, Activity.type,
            Activity.hours, Activity.description, Activity.learned, Activity.status, Activity.challenge_key,
            Activity.created_at, Activity.updated_at, Activity.delivery_hours, Activity.topics,
            Activity.meets_conditions, Activity.type_review)


def _stored_datetime(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


class _Shared(dict[Any, Any]):
    """One object per distinct value while records are built: a value repeated over many rows (a status, a type, a
    provider, a day, an amount of hours, a tuple of practices) is stored once, not once per row. At 100,000
    activities that is tens of MiB less, and a little faster (a Decimal or a date made once per distinct value)."""

    def __init__(self, make: Callable[[Any], Any] = lambda value: value):
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


class SharedValues:
    """The conversions of stored values that repeat over many rows, each value made once per load (_Shared); the
    dashboard's light loader (models.dashboard.load_year) uses them too."""

    def __init__(self) -> None:
        hundredth = Decimal("0.01")
        self.day = _Shared(date.fromisoformat)
        self.hours = _Shared(lambda stored: (Decimal(stored) / 100).quantize(hundredth))
        self.text = _Shared()  # the texts that repeat: provider, type, status, challenge key (and the log's titles)
        self.practices = _Shared(lambda found: tuple(sorted(found)))  # keyed by the tuple as read
        self.topics = _Shared(lambda joined: tuple(joined.split(";")))


def _records(rows: Iterable[Sequence[Any]], practices: dict[int, list[int]],
             attachments: dict[int, list[AttachmentData]],
             mentoring: dict[int, MentoringData]) -> list[ActivityRecord]:
    """Build records from the raw rows: peewee's per-field conversion was most of the load time for 10,000."""
    zero = Decimal("0.00")
    shared = SharedValues()
    day, hours_of, text, numbers, tags = shared.day, shared.hours, shared.text, shared.practices, shared.topics
    stamp = _Shared(_stored_datetime)
    no_practices: tuple[int, ...] = ()
    return [
        ActivityRecord(
            id=row_id,
            data=ActivityData(
                start_date=day[start], end_date=day[end] if end else None,
                title=title, provider=text[provider], type=text[type_], hours=hours_of[hours],
                practices=numbers[tuple(found)] if (found := practices.get(row_id)) else no_practices,
                description=description, learned=learned, status=text[status],
                challenge_key=text[challenge_key] if challenge_key else challenge_key,
                delivery_hours=hours_of[delivery] if delivery else zero,
                topics=tags[topics] if topics else (),
                meets_conditions=None if meets is None else bool(meets), type_review=bool(review),
                mentoring=mentoring.get(row_id),
            ),
            created_at=stamp[created],
            updated_at=stamp[updated],
            attachments=tuple(attachments.get(row_id, ())),
        )
        for (row_id, start, end, title, provider, type_, hours, description, learned, status, challenge_key, created,
             updated, delivery, topics, meets, review) in rows
    ]


_ROW_COLUMNS = (Activity.id, Activity.start_date, Activity.end_date, Activity.title, Activity.provider, Activity.type,
                Activity.hours, Activity.description, Activity.learned, Activity.status, Activity.challenge_key,
                Activity.delivery_hours, Activity.topics, Activity.meets_conditions, Activity.type_review)


def _log_rows(rows: Iterable[Sequence[Any]], practices: dict[int, list[int]],
              attachments: dict[int, list[AttachmentData]],
              mentoring: dict[int, MentoringData]) -> tuple[list[ActivityRow], list[str]]:
    """ActivityRows and their search texts from the raw rows (as _records, sharing the values that repeat).

    Titles are shared too (the log holds every year's): a member's titles repeat ("Staff meeting", the same
    conference every year), and a title is the biggest text a row keeps."""
    zero = Decimal("0.00")
    shared = SharedValues()
    day, hours_of, text, numbers, tags = shared.day, shared.hours, shared.text, shared.practices, shared.topics
    no_practices: tuple[int, ...] = ()
    labels: dict[str, str] = {}
    built: list[ActivityRow] = []
    searched: list[str] = []
    add, add_text = built.append, searched.append
    for (row_id, start, end, title, provider, type_, hours, description, learned, status, challenge_key, delivery,
         topics, meets, review) in rows:
        tagged = tags[topics] if topics else ()
        mentored = mentoring.get(row_id)
        files = tuple(attachments.get(row_id, ())) if attachments else ()
        extras = (RowExtras(text[challenge_key] if challenge_key else challenge_key,
                            hours_of[delivery] if delivery else zero, None if meets is None else bool(meets),
                            bool(review), mentored, files)
                  if challenge_key is not None or delivery or meets is not None or review or mentored or files
                  else NO_EXTRAS)
        add(ActivityRow(  # by position (ActivityRow's field order): keywords cost a quarter of the time here
            row_id, day[start], day[end] if end else None, text[title], text[provider], text[type_], hours_of[hours],
            numbers[tuple(found)] if (found := practices.get(row_id)) else no_practices, text[status], tagged,
            extras))
        add_text(listed_text(title, provider, description, learned, tagged, labels))
    return built, searched


def learned_excerpt(activity_id: int, chars: int = 300) -> str:
    """The start of what was learned in an activity (a tooltip's; "" when none, or when the activity is gone)."""
    row = database_proxy.execute_sql("SELECT substr(learned, 1, ?) FROM activity WHERE id = ?",
                                     [chars, activity_id]).fetchone()
    return str(row[0]) if row and row[0] else ""


def load_activities(year: int | None = None, status: str | None = None,
                    ids: Sequence[int] | None = None) -> list[ActivityRecord]:
    """Activities (newest first) with their practices, attachments and mentoring (see _load)."""
    return _records(*_load(_COLUMNS, year, status, ids))


def load_activity_rows(year: int | None = None) -> tuple[list[ActivityRow], list[str]]:
    """The activities of `year` (None: every year) as the activity log lists them, and for each the text its search
    looks in (`listed_text`): the long texts go into that and are not kept otherwise.

    In no particular order: the table sorts them by its own column, and for every year a plain scan of the table
    reads the rows in half the time of one in date order (through the date index, then each row by its id)."""
    return _log_rows(*_load(_ROW_COLUMNS, year, None, None, ordered=False))


def _load(columns: Sequence[peewee.Field], year: int | None, status: str | None, ids: Sequence[int] | None,
          ordered: bool = True) -> tuple[Iterable[Sequence[Any]], dict[int, list[int]], dict[int, list[AttachmentData]],
                     dict[int, MentoringData]]:
    """The chosen activities' rows (`columns`, newest first when `ordered`) with their practices, attachments and
    mentoring, in four queries whatever the count.

    A year's (or some ids') activities are read first; their practices, attachments and mentoring are then looked
    up by those ids (one JSON array bound as one value), through the indexes on activity_id: joining them to the
    activity table again would read every chosen activity's row twice more (at 100,000 activities, most of a year's
    load time). For every activity, the practices, attachments and mentoring are read first, all of them, and the
    activities' rows only as the caller builds from them (the cursor itself is returned): never all held at once as
    well (at 100,000 activities, ~45 MiB less at the peak)."""
    where = []
    if year is not None:
        where.append((Activity.start_date >= date(year, 1, 1)) & (Activity.start_date <= date(year, 12, 31)))
    if status is not None:
        where.append(Activity.status == status)
    if ids is not None:
        where.append(Activity.id.in_(list(ids)))
    condition = None
    for w in where:
        condition = w if condition is None else condition & w
    activities = Activity.select(*columns)
    if ordered:
        activities = activities.order_by(Activity.start_date.desc(), Activity.id.desc())
    if condition is not None:
        activities = activities.where(condition)
    sql, params = activities.sql()
    links = "SELECT activity_id, practice_id FROM activity_practice"
    files = Attachment.select().order_by(Attachment.id)
    chosen = None
    rows: Iterable[Sequence[Any]]
    if condition is not None:
        rows = database_proxy.execute_sql(sql, params).fetchall()
        chosen = json.dumps([row[0] for row in rows])
        links += " WHERE activity_id IN (SELECT value FROM json_each(?))"
        files = files.where(peewee.NodeList((Attachment.activity,
                                             peewee.SQL("IN (SELECT value FROM json_each(?))", [chosen]))))
    practices: dict[int, list[int]] = defaultdict(list)
    for activity_id, practice_id in database_proxy.execute_sql(links, [chosen] if chosen is not None else []):
        practices[activity_id].append(practice_id)
    attachments: dict[int, list[AttachmentData]] = defaultdict(list)
    for f in files:
        attachments[f.activity_id].append(_attachment_data(f))
    mentoring = _load_mentoring(chosen is not None, chosen)
    if chosen is None:
        rows = database_proxy.execute_sql(sql, params)
    return rows, practices, attachments, mentoring


def _attachment_data(f: Attachment) -> AttachmentData:
    return AttachmentData(f.original_name, f.stored_name, f.sha256, f.size, f.added_at, f.id)


def get_activity(activity_id: int) -> ActivityRecord:
    found = load_activities(ids=[activity_id])
    if not found:
        raise LookupError(tr("activity {id} does not exist").format(id=activity_id))
    return found[0]


def delete_activity(activity_id: int) -> ActivityRecord:
    """Delete and return the record as it was, so it can be restored (undo). Attachment files are kept."""
    record = get_activity(activity_id)
    with database_proxy.atomic():
        links = tuple((int(item_id), str(status)) for item_id, status in database_proxy.execute_sql(
            "SELECT id, status FROM plan_item WHERE activity_id = ? ORDER BY id", (activity_id,)))
        # A plan item whose logged activity is gone is to do again (the foreign key clears the link itself).
        database_proxy.execute_sql(
            "UPDATE plan_item SET status = 'planned' WHERE activity_id = ? AND status = 'done'", (activity_id,))
        Activity.delete().where(Activity.id == activity_id).execute()
    return replace(record, plan_links=links)


def restore_activity(record: ActivityRecord) -> int:
    """Put back a deleted record with its id, practices and attachments."""
    with database_proxy.atomic():
        Activity.insert(id=record.id, **_row_values(record.data), created_at=record.created_at,
                        updated_at=record.updated_at).execute()
        _set_practices(record.id, record.data.practices)
        _set_mentoring(record.id, record.data.mentoring)
        for a in record.attachments:
            Attachment.insert(id=a.id, activity=record.id, original_name=a.original_name,
                              stored_name=a.stored_name, sha256=a.sha256, size=a.size,
                              added_at=a.added_at).execute()
        for item_id, status in record.plan_links:  # unless the item was linked to another activity meanwhile
            database_proxy.execute_sql("UPDATE plan_item SET activity_id = ?, status = ? "
                                       "WHERE id = ? AND activity_id IS NULL", (record.id, status, item_id))
    return record.id


def search_text(title: str, provider: str, description: str, learned: str) -> str:
    """The text the activity log's search looks in: title, provider, description and what was learned, casefolded.

    The fields are joined by a newline, which no search word contains (words are split on whitespace), so a word
    never matches across two fields."""
    return "\n".join((title, provider, description, learned)).casefold()


def listed_text(title: str, provider: str, description: str, learned: str, topics: Sequence[str],
                labels: dict[str, str] | None = None) -> str:
    """The text the activity log's search looks in: `search_text`, then the topics, each by its tag and by its name
    as shown ("ethics", "ethik"). `labels` keeps the names found, casefolded, so a load asks each topic's name once."""
    text = search_text(title, provider, description, learned)
    return text + "\n" + topic_search_text(topics, labels) if topics else text


def matches_by_year(text: str, kind: str | None = None) -> dict[int, int]:
    """How many activities of each year contain every word of `text` (any case) in their title, provider,
    description, what was learned or topics, as the activity log's search matches them (ui/activities/filter.py),
    and are of type `kind` if given. Read straight from the rows: for the log's hint when the year shown has no
    match."""
    words = text.casefold().split()
    found: dict[int, int] = {}
    if not words:
        return found
    sql = "SELECT start_date, type, title, provider, description, learned, topics FROM activity"
    labels: dict[str, str] = {}
    for start, type_, title, provider, description, learned, topics in database_proxy.execute_sql(sql):
        if kind is not None and type_ != kind:
            continue
        haystack = listed_text(title, provider, description, learned, topics.split(";") if topics else (), labels)
        if all(word in haystack for word in words):
            year = int(str(start)[:4])
            found[year] = found.get(year, 0) + 1
    return found


def count_activities() -> int:
    return int(Activity.select().count())


def years_with_records() -> list[int]:
    """The years with activities, newest first: one index lookup per year (a skip-scan), not a scan of every row."""
    years: list[int] = []
    earliest = Activity.select(peewee.fn.MIN(Activity.start_date)).scalar()
    while earliest is not None:
        year = _as_date(earliest).year
        years.append(year)
        earliest = (Activity.select(peewee.fn.MIN(Activity.start_date))
                    .where(Activity.start_date >= date(year + 1, 1, 1)).scalar())
    return years[::-1]


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def distinct_values(column: str) -> list[str]:
    """Earlier titles or providers, for completion."""
    col = getattr(Activity, column)
    return [v for (v,) in Activity.select(col).distinct().where(col != "").order_by(col).tuples()]


# --- attachments -------------------------------------------------------------------------------------------

class UnsafeAttachmentError(StoreError):
    """An attachment whose stored file name is not one WeThrive made (planted by an edited import, say), or whose
    file leads out of the attachments folder: it is not opened, whatever the list shows it as."""


def attachment_folder() -> Path:
    return attachments_dir(current_path())


def attachment_path(stored_name: str, sha256: str | None = None) -> Path:
    """The stored copy of an attachment, in the attachments folder. Refuses (UnsafeAttachmentError) a name that is
    not of the form add_attachment makes (its sha256 and an optional lower-case extension: no folder, no "..", no
    absolute path), or not the attachment's own `sha256` when given, and a file that leads (by a link) out of the
    folder: such a path must never reach the system viewer."""
    if not valid_stored_name(stored_name, stored_name[:64] if sha256 is None else sha256):
        raise UnsafeAttachmentError(tr("this attachment's stored file name ({name}) is not one WeThrive made; it was "
                                       "not opened").format(name=repr(stored_name)))
    folder = attachment_folder()
    path = folder / stored_name
    if path.resolve().parent != folder.resolve():
        raise UnsafeAttachmentError(tr("this attachment's stored file ({name}) leads out of the attachments folder "
                                       "{folder}; it was not opened").format(name=stored_name, folder=folder))
    return path


def add_attachment(activity_id: int, source: Path) -> AttachmentData:
    """Copy `source` into the data folder (named by its sha256, so copies are shared) and link it."""
    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(tr("{path} is not a file").format(path=source))
    digest = hashlib.sha256()
    with source.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    stored_name = sha + source.suffix.lower()
    if not valid_stored_name(stored_name, sha):  # an extension like ".jpeg~" or ".docx (1)": keep the digest alone
        stored_name = sha
    target = attachment_path(stored_name, sha)
    if not target.exists():
        with atomic_path(target, make_parents=True) as part:
            shutil.copyfile(source, part)
    with database_proxy.atomic():
        row = Attachment.create(activity=activity_id, original_name=source.name, stored_name=stored_name,
                                sha256=sha, size=source.stat().st_size, added_at=utc_now())
    return _attachment_data(row)


def remove_attachment(attachment_id: int) -> tuple[int, AttachmentData]:
    """Unlink an attachment (its file stays, so undo can put it back); returns its activity id and what it was."""
    row = Attachment.get_by_id(attachment_id)
    data = _attachment_data(row)
    with database_proxy.atomic():
        row.delete_instance()
    return int(row.activity_id), data


def restore_attachment(activity_id: int, data: AttachmentData) -> None:
    with database_proxy.atomic():
        Attachment.insert(id=data.id, activity=activity_id, original_name=data.original_name,
                          stored_name=data.stored_name, sha256=data.sha256, size=data.size,
                          added_at=data.added_at).execute()


# --- bulk import -------------------------------------------------------------------------------------------

ROWS_PER_STATEMENT = 500  # rows per bulk INSERT statement (fewer when SQLite's limit on variables says so)
MAX_ROWID = 2**63 - 1  # SQLite's largest rowid (an INTEGER PRIMARY KEY)


def _to_sql(field: peewee.Field) -> Callable[[Sequence[object]], Sequence[object]]:
    """What insert_rows binds for a column of values of `field`: each one's db_value, as peewee's own inserts bind it,
    so the stored values are the same. Shortcuts to the same result: a column of text for a text field, of whole
    numbers for an integer field (or a link to an integer id) or of dates for a date field, with or without NULLs, is
    bound as it is (that is what their db_value gives back); a datetime is bound as the text sqlite3's adapter would
    make of it (_adapted), once for each object (a bulk insert stamps every row with the same created_at); hours
    (HoursField) are converted once for each distinct amount."""
    db_value: Callable[[object], object] = field.db_value
    target = field.rel_field if isinstance(field, peewee.ForeignKeyField) else field
    kind = (str if isinstance(target, peewee.TextField) else int if isinstance(target, peewee.IntegerField)
            else date if isinstance(target, peewee.DateField) else None)
    if kind is not None and type(target).db_value is peewee.Field.db_value:
        as_is = {kind, type(None)}

        def same(column: Sequence[object]) -> Sequence[object]:
            return column if as_is.issuperset(map(type, column)) else list(map(db_value, column))
        return same
    if isinstance(field, HoursField):
        def hundredths(column: Sequence[object]) -> Sequence[object]:
            # Each distinct amount once, by value: equal amounts (1.5, 1.50) are the same whole hundredths, and an
            # import's rows repeat a few amounts (at 10,000 rows, converting each one took some 14 ms of its write).
            found = dict.fromkeys(column)
            for value in found:
                found[value] = db_value(value)
            return list(map(found.__getitem__, column))
        return hundredths
    if isinstance(field, peewee.DateTimeField):
        def texts(column: Sequence[object]) -> Sequence[object]:
            # By identity: two equal datetimes in different zones have different text.
            objects = {id(value): value for value in column}
            text = {key: _adapted(db_value(value)) for key, value in objects.items()}
            return [text[id(value)] for value in column]
        return texts

    def converted(column: Sequence[object]) -> Sequence[object]:
        return list(map(db_value, column))
    return converted


def _adapted(value: object) -> object:
    """A datetime as sqlite3 binds it, through the adapter peewee registers (or Python's own: the same text):
    isoformat with a space. Adapters match a type exactly, as here; anything else is left to them."""
    return value.isoformat(" ") if type(value) is datetime else value


def insert_rows(model: type[peewee.Model], fields: Sequence[peewee.Field], rows: Sequence[Sequence[object]]) -> int:
    """Insert `rows` (each row's values in the order of `fields`) with one multi-row INSERT statement per
    ROWS_PER_STATEMENT rows, fewer when SQLite's limit on a statement's variables would be passed: a bulk insert costs
    a few statements, not one per row. Each value is bound as peewee's own inserts bind it (its field's db_value, see
    _to_sql), so the stored values are the same. Runs in the caller's transaction; returns how many statements it
    executed."""
    if not rows:
        return 0
    width = len(fields)
    limit = database_proxy.connection().getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(ROWS_PER_STATEMENT, limit // width))
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    one = "(" + ", ".join("?" * width) + ")"
    convert = [_to_sql(f) for f in fields]
    statements = 0
    for start in range(0, len(rows), per_statement):
        batch = rows[start:start + per_statement]
        bound = [to_db(column) for to_db, column in zip(convert, zip(*batch, strict=True), strict=True)]
        params = list(chain.from_iterable(zip(*bound, strict=True)))  # back to rows, one after the other
        database_proxy.execute_sql(head + ", ".join([one] * len(batch)), params)
        statements += 1
    return statements


def new_ids(model: type[peewee.Model], count: int) -> range | None:
    """The ids SQLite would give `count` rows inserted one by one into `model`'s table (an INTEGER PRIMARY KEY
    without AUTOINCREMENT: the highest stored id plus one, each). Call it inside the write transaction that inserts
    them: it holds the write lock from its start (BEGIN IMMEDIATE), so no other connection can take them meanwhile.
    None when they would pass MAX_ROWID: SQLite then picks unused ids at random, which cannot be known in advance."""
    table = model._meta.table_name
    last = database_proxy.execute_sql(f'SELECT max("id") FROM "{table}"').fetchone()[0] or 0
    if last > MAX_ROWID - count:
        return None
    return range(last + 1, last + 1 + count)


class ImportPlan(NamedTuple):
    to_add: list[ActivityData]
    duplicates: list[ActivityData]


def stored_identities() -> set[tuple[date, str, Decimal]]:
    """The identity (ActivityData.identity: date, title, hours) of every stored activity, each value as peewee reads
    it (python_value) from the raw rows, each distinct date and number of hours converted once; a date stored as
    sqlite3 writes one (YYYY-MM-DD) is read without parsing it by format."""
    start_date: Callable[[object], Any] = Activity.start_date.python_value
    title: Callable[[object], Any] = Activity.title.python_value
    hours_value: Callable[[object], Any] = Activity.hours.python_value
    dates: dict[object, Any] = {}
    hours: dict[object, Any] = {}

    def as_date(value: object) -> Any:
        if value in dates:
            return dates[value]
        found = None
        if type(value) is str:
            try:
                found = date.fromisoformat(value)
            except ValueError:
                pass
        if found is None or found.isoformat() != value:
            found = start_date(value)
        dates[value] = found
        return found

    def as_hours(value: object) -> Any:
        if value not in hours:
            hours[value] = hours_value(value)
        return hours[value]

    return {
        (as_date(d), (t if type(t) is str else title(t)).strip().casefold(), as_hours(h))
        for d, t, h in database_proxy.execute_sql("SELECT start_date, title, hours FROM activity")
    }


def plan_import(rows: Iterable[ActivityData], *, normalize: bool = True) -> ImportPlan:
    """Split rows into new records and duplicates of stored ones (same date, title and hours), each normalized
    (`normalize=False`: the rows already are, e.g. a plan's `to_add`, so they are not normalized again)."""
    stored = stored_identities()
    to_add, duplicates = [], []
    for row in rows:
        if normalize:
            row = normalized(row)
        key = row.identity()
        if key in stored:
            duplicates.append(row)
        else:
            stored.add(key)
            to_add.append(row)
    return ImportPlan(to_add, duplicates)


# Every column of an activity row, in the order stored_row gives them: a bulk insert (import) or a bulk restore
# (an import's redo, models/activity_batches.py) writes them all.
STORED_FIELDS = (Activity.id, Activity.start_date, Activity.end_date, Activity.title, Activity.provider,
                 Activity.type, Activity.hours, Activity.description, Activity.learned, Activity.status,
                 Activity.challenge_key, Activity.created_at, Activity.updated_at, Activity.delivery_hours,
                 Activity.topics, Activity.meets_conditions, Activity.type_review)


def stored_row(activity_id: int, d: ActivityData, created: datetime, updated: datetime) -> tuple[object, ...]:
    """The values of STORED_FIELDS for one activity."""
    return (activity_id, d.start_date, d.end_date, d.title, d.provider, d.type, d.hours, d.description, d.learned,
            d.status, d.challenge_key, created, updated, d.delivery_hours, join_topics(d.topics), d.meets_conditions,
            d.type_review)


def insert_mentoring(rows: Iterable[tuple[int, ActivityData]]) -> None:
    """The mentoring facts of (id, data) pairs whose data has them, in the caller's transaction."""
    insert_rows(Mentoring, _MENTORING_FIELDS, [_mentoring_row(activity_id, d.mentoring) for activity_id, d in rows
                                               if d.mentoring is not None])
_LINK_FIELDS = (ActivityPractice.activity, ActivityPractice.practice)


def import_activities(rows: Sequence[ActivityData], progress: Callable[[int, int], None] | None = None, *,
                      normalize: bool = True) -> int:
    """insert_activities, returning how many were added."""
    return len(insert_activities(rows, progress, normalize=normalize))


def insert_activities(rows: Sequence[ActivityData], progress: Callable[[int, int], None] | None = None, *,
                      normalize: bool = True) -> list[int]:
    """Insert validated rows in one transaction (all or nothing), ROWS_PER_STATEMENT at a time, with their practice
    links; `progress(done, total)` is called after each batch. The rows are normalized first, unless `normalize` is
    False (they already are: plan_import's `to_add`). Returns the new ids, in the rows' order (an import's undo
    removes exactly these: models/activity_batches.py)."""
    if normalize:
        rows = [normalized(data) for data in rows]
    now = utc_now()
    total = len(rows)
    added: list[int] = []
    with database_proxy.atomic():
        ids = new_ids(Activity, total)
        for start in range(0, total, ROWS_PER_STATEMENT):
            batch = rows[start:start + ROWS_PER_STATEMENT]
            if ids is not None:
                batch_ids: Sequence[int] = ids[start:start + len(batch)]
                insert_rows(Activity, STORED_FIELDS, [stored_row(activity_id, d, now, now)
                                                      for activity_id, d in zip(batch_ids, batch, strict=True)])
            else:  # no room left after the highest id: SQLite picks each row's id
                batch_ids = [int(Activity.insert(**_row_values(d), created_at=now, updated_at=now).execute())
                             for d in batch]
            links = [(activity_id, p) for activity_id, d in zip(batch_ids, batch, strict=True) for p in d.practices]
            insert_rows(ActivityPractice, _LINK_FIELDS, links)
            insert_mentoring(zip(batch_ids, batch, strict=True))
            added.extend(batch_ids)
            if progress is not None:
                progress(start + len(batch), total)
    return added
