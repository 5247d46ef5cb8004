"""Undo for the writes of the challenge and Legacy Leaders pages (catalogue items, sign-up, coaching, ...).

Like ui/undo.py: the write happens first, through `perform` (so a ValidationError reaches the dialog that asked
and nothing is pushed); the command then holds the functions that put it back and do it again. A failure during
undo or redo is reported and the stack cleared, never raised into Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from wethrive_desktop.ui.main_window import MainWindow


class RecordCommand(QUndoCommand):
    def __init__(self, window: MainWindow, text: str, redo: Callable[[], Any], undo: Callable[[], Any]):
        super().__init__(text)
        self.window = window
        self._redo, self._undo = redo, undo
        self._pending_first_redo = True

    def redo(self) -> None:
        if self._pending_first_redo:  # perform() already wrote it
            self._pending_first_redo = False
            return
        self._run(self._redo, "redo")

    def undo(self) -> None:
        self._run(self._undo, "undo")

    def _run(self, step: Callable[[], Any], what: str) -> None:
        try:
            step()
        except Exception as exc:  # reported to the user; the remaining commands can no longer be trusted
            # undo_failed clears the stack after this command returns: clearing it here would delete it mid-call.
            self.window.undo_failed(f"Could not {what} '{self.text()}': {exc}")
            return
        self.window.data_changed.emit()


def perform(window: MainWindow, text: str, do: Callable[[], Any], undo: Callable[[], Any],
            redo: Callable[[], Any] | None = None) -> Any:
    """Run `do` now (its exceptions reach the caller; nothing is pushed then), push the undo step, refresh the
    pages and return what `do` returned. `redo` defaults to `do`."""
    result = do()
    window.undo_stack.push(RecordCommand(window, text, redo or do, undo))
    window.data_changed.emit()
    return result
