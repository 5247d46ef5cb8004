"""Undoable activity edits (add, edit, delete, with their attachments) for the main window's QUndoStack.

Each command does its first write when it is made (`perform`), so a ValidationError reaches the dialog that asked
and nothing is pushed; pushing then skips that first redo. Later undo and redo put stored snapshots back
(models/activity_edits.restore_state), so attachments come back with the activity, under the same ids.

Commands tell their host (the main window) what changed so it can refresh and select the row, and report a
failure (say, the record was changed behind the stack's back) instead of raising into Qt; the host then clears the
stack, whose remaining commands can no longer be trusted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from wethrive_desktop.models.activities import ActivityData, ActivityRecord, delete_activity
from wethrive_desktop.models.activity_edits import restore_state, save_with_attachments, snapshot


class UndoHost(Protocol):
    """What the commands need of the window they act for (MainWindow has it)."""

    undo_stack: QUndoStack

    def notify_activity_changed(self, activity_id: int | None) -> None:
        """Data changed (refresh the pages); select `activity_id` if it is shown."""

    def undo_failed(self, message: str) -> None:
        """An undo or redo could not be applied: tell the user and clear the stack."""


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


class ActivityCommand(QUndoCommand):
    def __init__(self, host: UndoHost, text: str):
        super().__init__(text)
        self.host = host
        self._pending_first_redo = True

    def redo(self) -> None:
        if self._pending_first_redo:  # perform() already wrote it
            self._pending_first_redo = False
            return
        self._run(self.apply, "redo")

    def undo(self) -> None:
        self._run(self.revert, "undo")

    def _run(self, step: Callable[[], int | None], what: str) -> None:
        try:
            changed = step()
        except Exception as exc:  # any failure is reported to the user; the stack is then cleared
            self.host.undo_failed(f"Could not {what} '{self.text()}': {exc}")
            return
        self.host.notify_activity_changed(changed)

    def apply(self) -> int | None:
        raise NotImplementedError

    def revert(self) -> int | None:
        raise NotImplementedError


class AddActivityCommand(ActivityCommand):
    def __init__(self, host: UndoHost, after: ActivityRecord):
        super().__init__(host, f"Add “{_short(after.data.title)}”")
        self.after = after

    @classmethod
    def perform(cls, host: UndoHost, data: ActivityData, add: Sequence[Path] = ()) -> AddActivityCommand:
        activity_id = save_with_attachments(data, None, add=add)
        return cls(host, snapshot(activity_id))

    def apply(self) -> int | None:
        restore_state(self.after)
        return self.after.id

    def revert(self) -> int | None:
        # Keep the plan links the delete clears (a "Log it"), so that redo links the item again.
        self.after = replace(self.after, plan_links=delete_activity(self.after.id).plan_links)
        return None


class EditActivityCommand(ActivityCommand):
    def __init__(self, host: UndoHost, before: ActivityRecord, after: ActivityRecord):
        super().__init__(host, f"Edit “{_short(after.data.title)}”")
        self.before, self.after = before, after

    @classmethod
    def perform(cls, host: UndoHost, activity_id: int, data: ActivityData, add: Sequence[Path] = (),
                remove: Sequence[int] = ()) -> EditActivityCommand:
        before = snapshot(activity_id)
        save_with_attachments(data, activity_id, add=add, remove=remove)
        return cls(host, before, snapshot(activity_id))

    def apply(self) -> int | None:
        restore_state(self.after)
        return self.after.id

    def revert(self) -> int | None:
        restore_state(self.before)
        return self.before.id


class DeleteActivityCommand(ActivityCommand):
    def __init__(self, host: UndoHost, before: ActivityRecord):
        super().__init__(host, f"Delete “{_short(before.data.title)}”")
        self.before = before

    @classmethod
    def perform(cls, host: UndoHost, activity_id: int) -> DeleteActivityCommand:
        return cls(host, delete_activity(activity_id))

    def apply(self) -> int | None:
        delete_activity(self.before.id)
        return None

    def revert(self) -> int | None:
        restore_state(self.before)
        return self.before.id


def save_undoable(host: UndoHost, data: ActivityData, activity_id: int | None = None,
                  add: Sequence[Path] = (), remove: Sequence[int] = ()) -> int:
    """Save through the undo stack (Ctrl+Z undoes it); returns the activity id. Raises ValidationError."""
    command: AddActivityCommand | EditActivityCommand
    if activity_id is None:
        command = AddActivityCommand.perform(host, data, add)
    else:
        command = EditActivityCommand.perform(host, activity_id, data, add, remove)
    host.undo_stack.push(command)
    saved_id = command.after.id
    host.notify_activity_changed(saved_id)
    return saved_id


def delete_undoable(host: UndoHost, activity_id: int) -> ActivityRecord:
    command = DeleteActivityCommand.perform(host, activity_id)
    host.undo_stack.push(command)
    host.notify_activity_changed(None)
    return command.before
