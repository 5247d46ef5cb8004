"""Many activities at once, as one step: an import's undo removes the activities it added, its redo puts them back.

`remove_activities(ids)` deletes them in one transaction and returns them as they were (with their practices,
attachments and plan links); `restore_activities(records)` puts them back, under the same ids, in one transaction.
Both refuse, changing nothing, when the store no longer matches what the step expects (an activity of the batch is
gone, or its id is taken), so an undo never half happens. A few statements per CHUNK records, whatever the count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from wethrive_desktop.models.activities import (
    STORED_FIELDS,
    ActivityRecord,
    insert_mentoring,
    insert_rows,
    load_activities,
    restore_attachment,
    stored_row,
)
from wethrive_desktop.models.db import StoreError, database_proxy
from wethrive_desktop.models.tables import Activity, ActivityPractice

# Ids per statement: well under SQLite's smallest limit on a statement's variables (999 before 3.32).
CHUNK = 900

_LINK_FIELDS = (ActivityPractice.activity, ActivityPractice.practice)


class BatchChangedError(StoreError):
    """The activities of a batch were changed since (some deleted, or their ids reused): the step cannot be made."""


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _count(n: int) -> str:
    return f"{n} activit{'y' if n == 1 else 'ies'}"


def remove_activities(ids: Sequence[int]) -> list[ActivityRecord]:
    """Delete the activities `ids` in one transaction and return them as they were (each with the plan items that
    linked to it, which are set to do again, as delete_activity does). Attachment files are kept on disk. Raises
    BatchChangedError, deleting nothing, when any of them is no longer stored."""
    ids = list(dict.fromkeys(ids))
    with database_proxy.atomic():
        records: list[ActivityRecord] = []
        for chunk in _chunks(ids):
            records += load_activities(ids=chunk)
        if len(records) != len(ids):
            missing = len(ids) - len(records)
            raise BatchChangedError(f"{_count(missing)} of these {len(ids)} were deleted since; nothing was changed")
        links: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for chunk in _chunks(ids):
            found = database_proxy.execute_sql(
                f"SELECT activity_id, id, status FROM plan_item WHERE activity_id IN ({_marks(len(chunk))}) "
                "ORDER BY id", list(chunk))
            for activity_id, item_id, status in found:
                links[int(activity_id)].append((int(item_id), str(status)))
            database_proxy.execute_sql(
                f"UPDATE plan_item SET status = 'planned' WHERE status = 'done' "
                f"AND activity_id IN ({_marks(len(chunk))})", list(chunk))
            database_proxy.execute_sql(f"DELETE FROM activity WHERE id IN ({_marks(len(chunk))})", list(chunk))
    order = {activity_id: n for n, activity_id in enumerate(ids)}
    records.sort(key=lambda r: order[r.id])
    return [replace(r, plan_links=tuple(links.get(r.id, ()))) for r in records]


def restore_activities(records: Sequence[ActivityRecord]) -> None:
    """Put back `records` (as remove_activities returned them) under their ids, with their practices, attachments
    and plan links, in one transaction. Raises BatchChangedError, adding nothing, when any id is taken meanwhile."""
    ids = [r.id for r in records]
    with database_proxy.atomic():
        for chunk in _chunks(ids):
            taken = database_proxy.execute_sql(
                f"SELECT count(*) FROM activity WHERE id IN ({_marks(len(chunk))})", list(chunk)).fetchone()[0]
            if taken:
                raise BatchChangedError(f"{_count(int(taken))} of these {len(ids)} were replaced by others since; "
                                        "nothing was changed")
        insert_rows(Activity, STORED_FIELDS, [stored_row(r.id, r.data, r.created_at, r.updated_at) for r in records])
        insert_rows(ActivityPractice, _LINK_FIELDS, [(r.id, p) for r in records for p in r.data.practices])
        insert_mentoring((r.id, r.data) for r in records)
        for record in records:
            for attachment in record.attachments:
                restore_attachment(record.id, attachment)
            for item_id, status in record.plan_links:  # unless the item was linked to another activity meanwhile
                database_proxy.execute_sql("UPDATE plan_item SET activity_id = ?, status = ? "
                                           "WHERE id = ? AND activity_id IS NULL", (record.id, status, item_id))
