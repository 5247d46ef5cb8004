"""The one undo mechanism: every undoable write in the app is a `StoreCommand` on the window's QUndoStack.

A command does its first write when it is made (`perform`), so a ValidationError reaches the dialog that asked and
nothing is pushed; pushing then skips that first redo. Later undo and redo run the command's `apply` / `revert`.
One failure policy for all: a step that fails (say, the record was changed behind the stack's back) is never
raised into Qt; the user is told and the stack is cleared, since the commands left on it can no longer be trusted
(`Shell.undo_failed`). After a step that worked, the pages refresh (`changed`) and the status bar says what was done
("Undone: Delete “Budget workshop”", "Redone: ..."), whichever way it was asked for (Edit menu, Ctrl+Z, a button).
A delete runs without a question, since undo brings it back; the status bar names what went and how to get it back.

Activity commands put stored snapshots back (models/activity_edits.restore_state), so attachments come back with
the activity, under the same ids; `perform()` wraps any other write given as a pair of functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtGui import QKeySequence, QUndoCommand

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models.activities import ActivityData, ActivityRecord, delete_activity
from wethrive_desktop.models.activity_batches import remove_activities, restore_activities
from wethrive_desktop.models.activity_edits import restore_state, save_with_attachments, snapshot
from wethrive_desktop.ui.shell import Shell

T = TypeVar("T")


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def undo_keys() -> str:
    """The Undo shortcut as this platform writes it (Ctrl+Z; ⌘Z on macOS)."""
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)


class StoreCommand(QUndoCommand):
    """A write already done, that undo reverts and redo applies again."""

    def __init__(self, shell: Shell, text: str):
        super().__init__(text)
        self.shell = shell
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
            message = (tr("Could not undo \u201c{step}\u201d: {error}") if what == "undo"
                       else tr("Could not redo \u201c{step}\u201d: {error}"))
            self.shell.undo_failed(message.format(step=self.text(), error=exc))
            return
        self.changed(changed)
        # After the refresh, so that nothing a page shows as it reloads hides it.
        done = tr("Undone: {step}") if what == "undo" else tr("Redone: {step}")
        self.shell.show_message(done.format(step=self.text()))

    def apply(self) -> int | None:
        """Do the write again; return the id of a record to select, if any."""
        raise NotImplementedError

    def revert(self) -> int | None:
        """Undo the write; return the id of a record to select, if any."""
        raise NotImplementedError

    def changed(self, record_id: int | None) -> None:
        """After a step that worked: refresh the pages."""
        self.shell.notify_data_changed()


class FunctionCommand(StoreCommand):
    """A write given as the functions that do and undo it."""

    def __init__(self, shell: Shell, text: str, redo: Callable[[], Any], undo: Callable[[], Any]):
        super().__init__(shell, text)
        self._redo, self._undo = redo, undo

    def apply(self) -> int | None:
        self._redo()
        return None

    def revert(self) -> int | None:
        self._undo()
        return None


def perform(shell: Shell, text: str, do: Callable[[], T], undo: Callable[[], Any],
            redo: Callable[[], Any] | None = None) -> T:
    """Run `do` now (its exceptions reach the caller; nothing is pushed then), push the undo step, refresh the
    pages and return what `do` returned. `redo` defaults to `do`."""
    result = do()
    shell.undo_stack.push(FunctionCommand(shell, text, redo or do, undo))
    shell.notify_data_changed()
    return result


class ActivityCommand(StoreCommand):
    def changed(self, record_id: int | None) -> None:
        self.shell.notify_activity_changed(record_id)


class AddActivityCommand(ActivityCommand):
    def __init__(self, shell: Shell, after: ActivityRecord):
        super().__init__(shell, tr("Add \u201c{title}\u201d").format(title=_short(after.data.title)))
        self.after = after

    @classmethod
    def perform(cls, shell: Shell, data: ActivityData, add: Sequence[Path] = ()) -> AddActivityCommand:
        activity_id = save_with_attachments(data, None, add=add)
        return cls(shell, snapshot(activity_id))

    def apply(self) -> int | None:
        restore_state(self.after)
        return self.after.id

    def revert(self) -> int | None:
        # Keep the plan links the delete clears (a "Log it"), so that redo links the item again.
        self.after = replace(self.after, plan_links=delete_activity(self.after.id).plan_links)
        return None


class EditActivityCommand(ActivityCommand):
    def __init__(self, shell: Shell, before: ActivityRecord, after: ActivityRecord):
        super().__init__(shell, tr("Edit \u201c{title}\u201d").format(title=_short(after.data.title)))
        self.before, self.after = before, after

    @classmethod
    def perform(cls, shell: Shell, activity_id: int, data: ActivityData, add: Sequence[Path] = (),
                remove: Sequence[int] = ()) -> EditActivityCommand:
        before = snapshot(activity_id)
        save_with_attachments(data, activity_id, add=add, remove=remove)
        return cls(shell, before, snapshot(activity_id))

    def apply(self) -> int | None:
        restore_state(self.after)
        return self.after.id

    def revert(self) -> int | None:
        restore_state(self.before)
        return self.before.id


class DeleteActivityCommand(ActivityCommand):
    def __init__(self, shell: Shell, before: ActivityRecord):
        super().__init__(shell, tr("Delete \u201c{title}\u201d").format(title=_short(before.data.title)))
        self.before = before

    @classmethod
    def perform(cls, shell: Shell, activity_id: int) -> DeleteActivityCommand:
        return cls(shell, delete_activity(activity_id))

    def apply(self) -> int | None:
        delete_activity(self.before.id)
        return None

    def revert(self) -> int | None:
        restore_state(self.before)
        return self.before.id


class ImportCommand(StoreCommand):
    """An import already stored (its new activities' ids): undo removes them all, redo puts them back, each as one
    transaction (models/activity_batches.py)."""

    def __init__(self, shell: Shell, ids: Sequence[int], source: str):
        count = len(ids)
        super().__init__(shell, trn("Import of %n activity from {source}", "Import of %n activities from {source}",
                                    count).format(source=_short(source)))
        self.ids = list(ids)
        self.removed: list[ActivityRecord] = []

    def apply(self) -> int | None:
        restore_activities(self.removed)
        self.removed = []
        return None

    def revert(self) -> int | None:
        self.removed = remove_activities(self.ids)
        return None


def import_undoable(shell: Shell, ids: Sequence[int], source: str) -> ImportCommand | None:
    """Push the undo step of an import that stored `ids` (none: nothing was added, no step) and refresh the pages."""
    command = ImportCommand(shell, ids, source) if ids else None
    if command is not None:
        shell.undo_stack.push(command)
    shell.notify_data_changed()
    return command


def save_undoable(shell: Shell, data: ActivityData, activity_id: int | None = None,
                  add: Sequence[Path] = (), remove: Sequence[int] = ()) -> int:
    """Save through the undo stack (Ctrl+Z undoes it); returns the activity id. Raises ValidationError."""
    command: AddActivityCommand | EditActivityCommand
    if activity_id is None:
        command = AddActivityCommand.perform(shell, data, add)
    else:
        command = EditActivityCommand.perform(shell, activity_id, data, add, remove)
    shell.undo_stack.push(command)
    saved_id = command.after.id
    shell.notify_activity_changed(saved_id)
    return saved_id


def delete_undoable(shell: Shell, activity_id: int) -> ActivityRecord:
    """Delete now (no question: undo brings it back), push the undo step, refresh the pages and say in the status
    bar what was deleted and how to get it back. Returns the deleted record."""
    command = DeleteActivityCommand.perform(shell, activity_id)
    shell.undo_stack.push(command)
    shell.notify_activity_changed(None)
    shell.show_message(tr("Deleted \u201c{title}\u201d - Undo ({keys})").format(
        title=_short(command.before.data.title), keys=undo_keys()), 10000)
    return command.before
