"""The calendar (.ics) import on the planner page: the "Import calendar..." button, File > Import calendar (.ics)...,
and the import itself on a worker (exchange.calendar_import), which adds the registrations as planned items."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.db import StoreError
from wethrive_desktop.ui import prompts

if TYPE_CHECKING:
    from wethrive_desktop.ui.planner.page import PlannerPage


def ics_filter() -> str:
    return tr("iCalendar files ({patterns});;All files (*)").format(patterns="*.ics *.ical *.ifb *.icalendar")


class CalendarImport(QObject):
    """The import of `page`: its button (`button`), its File-menu action (`action`), the worker while one runs
    (`worker`) and the result of the last one (`last_import`)."""

    def __init__(self, page: PlannerPage):
        super().__init__(page)
        self.page = page
        self.worker: Any = None
        self.last_import: Any = None
        self.button = QPushButton(tr("Import &calendar..."))
        self.button.setObjectName("importCalendarButton")
        self.button.setToolTip(tr("Add conference and webinar registrations (.ics files) as planned activities"))
        self.button.clicked.connect(lambda: self.run())  # not clicked(bool) as the path
        # File > Import calendar (.ics)...
        self.action = QAction(tr("Import &calendar (.ics)..."), page)
        self.action.setObjectName("importCalendarAction")
        self.action.setStatusTip(tr("Add conference and webinar registrations as planned activities"))
        self.action.triggered.connect(self._run_from_menu)
        page.shell.add_file_action(self.action)

    def _run_from_menu(self) -> None:
        self.page.shell.page(type(self.page))
        self.run()

    def run(self, path: Path | None = None) -> Any:
        """Import `path` (asked for when None) on a worker and return the worker; None when cancelled or busy."""
        if self.worker is not None:
            return None
        page = self.page
        if path is None:
            path = prompts.choose_open_file(page, tr("Import calendar"), ics_filter())
            if path is None:
                return None
        from wethrive_desktop.exchange.calendar_import import import_ics
        from wethrive_desktop.ui.workers import run_in_worker

        self.button.setEnabled(False)
        page.show_message(tr("Importing {file}...").format(file=path.name))
        self.worker = run_in_worker(import_ics, path, with_progress=True, on_result=self._imported,
                                    on_error=self._failed, on_finished=self._finished)
        return self.worker

    def _imported(self, result: Any) -> None:
        page = self.page
        self.last_import = result
        text = result.describe()
        if result.warnings:
            text += " " + " ".join(tr("Note: {warning}.").format(warning=w) for w in result.warnings)
        page.show_message(text)
        if result.years and page.year not in result.years:
            page.year = result.years[0]
        page.changed()
        page.shell.show_message(result.describe(), 6000)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, StoreError | OSError):
            raise exc  # a bug, not a bad file: let it be reported as one
        self.page.show_message("")
        message = tr("{problem}\n\nNothing was imported.").format(problem=exc)
        prompts.show_error(self.page, tr("Import calendar"), message)

    def _finished(self) -> None:
        self.worker = None
        self.button.setEnabled(True)
