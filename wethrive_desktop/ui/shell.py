"""What a page is, and what a page may ask of the window that holds it.

`Page` is the base of every page in the main window's navigation: the window calls `refresh()` when the page's data
may have changed, `commit_pending()` before it closes or switches database, and `save_settings()` /
`restore_settings()` with its QSettings, and File > Print... (Ctrl+P) asks `can_print()` and calls `print_page()`.
The defaults do nothing (and print nothing), so a page overrides only what it needs.

`Shell` is the window as a page sees it: a typed protocol that MainWindow implements, so pages, dialogs and undo
commands never look the window up by name or probe it with getattr (and tests can hand them a small fake).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol, TypeVar

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from wethrive_desktop.models.activities import ActivityData
    from wethrive_desktop.ui.activities.dialog import ActivityDialog


P = TypeVar("P", bound="Page")


class Shell(Protocol):
    """The main window, as its pages, dialogs and undo commands use it."""

    undo_stack: QUndoStack

    def notify_data_changed(self) -> None:
        """Data was written: the page shown reloads now, the others when they are next shown."""

    def notify_activity_changed(self, activity_id: int | None) -> None:
        """An activity was written: refresh the pages and select `activity_id` in the log."""

    def undo_failed(self, message: str) -> None:
        """An undo or redo could not be applied: tell the user and clear the stack, which can no longer be trusted."""

    def show_message(self, text: str, timeout_ms: int = 4000) -> None:
        """A short message in the status bar."""

    def add_file_action(self, action: QAction) -> QAction:
        """Put `action` in the File menu with the imports and exports."""

    def open_activity(self, activity_id: int | None = None, initial: ActivityData | None = None) -> ActivityDialog:
        """Open the activity dialog (not blocking) on `activity_id`, or a new activity filled with `initial`."""

    def show_plan(self, year: int) -> None:
        """Switch to the development plan of `year`."""

    def show_report(self, year: int) -> None:
        """Switch to the annual report of `year`."""

    def page(self, cls: type[P]) -> P:
        """Switch to the page of class `cls` (built first if it was not yet) and return it."""

    def open_profile(self) -> QWidget:
        """Open the profile dialog (not blocking)."""


class Page(QWidget):
    """A page of the main window. Subclasses set `title` (the navigation entry) and `object_name`."""

    title: ClassVar[str] = ""
    object_name: ClassVar[str] = ""

    def __init__(self, shell: Shell):
        super().__init__()
        assert self.object_name, f"{type(self).__name__} has no object_name"
        self.setObjectName(self.object_name)
        self.shell = shell

    def refresh(self) -> None:
        """Reload what the page shows from the store."""

    def commit_pending(self) -> None:
        """Store text typed but not saved yet (the window calls this before it closes or switches database)."""

    def save_settings(self, settings: QSettings) -> None:
        """Remember layout (column widths, splitters...) in `settings`."""

    def restore_settings(self, settings: QSettings) -> None:
        """Put back what `save_settings` remembered."""

    def can_print(self) -> bool:
        """Whether File > Print... means something on this page now (the window asks when the page is shown and
        when the File menu opens, and again before printing)."""
        return False

    def print_page(self) -> None:
        """File > Print... (Ctrl+P): print what the page shows (only called when `can_print()`)."""
