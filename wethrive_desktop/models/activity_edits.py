"""Edits of one activity together with its attachments, each in one transaction, and putting a snapshot back.

The activity dialog saves the record and the files added or removed in it as one step; undo and redo put a
stored activity back exactly as a snapshot (`ActivityRecord`) had it: data, practices and attachments, inserting
it again if it was deleted. Attachment files are never deleted here, so a snapshot can always be put back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.activities import (
    ActivityData,
    ActivityRecord,
    _row_values,
    _set_mentoring,
    _set_practices,
    add_attachment,
    get_activity,
    remove_attachment,
    restore_activity,
    restore_attachment,
    save_activity,
)
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.tables import Activity, Attachment


def save_with_attachments(data: ActivityData, activity_id: int | None = None,
                          add: Sequence[Path] = (), remove: Sequence[int] = ()) -> int:
    """Save (insert or update) an activity, copy in the files `add` and unlink the attachments `remove`.

    All or nothing: a ValidationError, a missing file or a failed copy leaves the store as it was (a file already
    copied into the attachment folder stays there, unlinked; files are shared by content, so it is harmless).
    """
    with database_proxy.atomic():
        activity_id = save_activity(data, activity_id)
        for attachment_id in remove:
            owner, _ = remove_attachment(attachment_id)
            if owner != activity_id:
                raise LookupError(tr("attachment {id} belongs to another activity").format(id=attachment_id))
        for path in add:
            add_attachment(activity_id, Path(path))
    return activity_id


def restore_state(record: ActivityRecord) -> None:
    """Make stored activity `record.id` exactly `record` again (undo and redo), inserting it if it is gone."""
    with database_proxy.atomic():
        if not Activity.select().where(Activity.id == record.id).exists():
            restore_activity(record)
            return
        Activity.update(**_row_values(record.data), created_at=record.created_at,
                        updated_at=record.updated_at).where(Activity.id == record.id).execute()
        _set_practices(record.id, record.data.practices)
        _set_mentoring(record.id, record.data.mentoring)
        wanted = {a.id for a in record.attachments}
        Attachment.delete().where((Attachment.activity == record.id)
                                  & Attachment.id.not_in([i for i in wanted if i is not None])).execute()
        present = {i for (i,) in Attachment.select(Attachment.id).where(Attachment.activity == record.id).tuples()}
        for attachment in record.attachments:
            if attachment.id not in present:
                restore_attachment(record.id, attachment)


def snapshot(activity_id: int) -> ActivityRecord:
    """The activity as stored now (for undo)."""
    return get_activity(activity_id)
