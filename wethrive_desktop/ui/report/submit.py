"""Marking the report submitted: the dialog that asks for the date (and warns about open readiness items), and the
freeze itself, run on a worker (models.annual_report.submit_report renders the revision's PDF there)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report import ReadinessItem, Submission, list_revisions, submit_report
from wethrive_desktop.reports.pdf.builder import render_revision_pdf
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.report.style import TODO_COLOR, escape
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.workers import run_in_worker


class SubmitDialog(QDialog):
    """Asks for the date the report was (or is being) submitted; warns about open readiness items."""

    def __init__(self, parent: QWidget | None, year: int, revision: int, open_items: list[ReadinessItem]):
        super().__init__(parent)
        self.setObjectName("submitReportDialog")
        self.setWindowTitle(f"Mark the {year} report submitted")
        layout = QVBoxLayout(self)
        what = "a new revision" if revision > 1 else "submitted"
        intro = QLabel(f"This freezes the {year} report exactly as it is now, as revision {revision}. Later edits "
                       f"to your activities will not change it; you can make {what} again only when you ask.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if open_items:
            lines = "".join(f"<li>{escape(i.message)}</li>" for i in open_items)
            warn = QLabel(f"<b style='color:{TODO_COLOR}'>The readiness check has {len(open_items)} open "
                          f"item{'s' if len(open_items) != 1 else ''}:</b><ul>{lines}</ul>")
            warn.setWordWrap(True)
            layout.addWidget(warn)
        form = QFormLayout()
        self.date_edit = named(QDateEdit(), "submitDateEdit")
        self.date_edit.setAccessibleName("Date submitted")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        now = clock.today()
        self.date_edit.setDate(QDate(now.year, now.month, now.day))
        self.date_edit.setMaximumDate(QDate(now.year, now.month, now.day))
        self.date_edit.setMinimumDate(QDate(year, 1, 1))
        form.addRow("Date submitted:", self.date_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton("Submit anyway" if open_items else "Mark submitted",
                               QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("submitConfirmButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def chosen_date(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())


def ask_submission_date(parent: QWidget, year: int, revision: int, open_items: list[ReadinessItem]) -> date | None:
    """The date to record the submission under, or None when cancelled."""
    dialog = SubmitDialog(parent, year, revision, open_items)
    return dialog.chosen_date() if prompts.run_modal(dialog) else None


def start_submission(parent: QWidget, year: int, open_items: list[ReadinessItem],
                     on_result: Callable[[Submission], None], on_error: Callable[[BaseException], None]) -> bool:
    """Ask for the date (`ask_submission_date`), then freeze `year`'s live report as its next revision on a worker;
    `on_result` or `on_error` is called on the GUI thread. False when the user cancelled (nothing is stored)."""
    revision = len(list_revisions(year)) + 1
    when = ask_submission_date(parent, year, revision, open_items)  # looked up when called, so tests can patch it
    if when is None:
        return False
    run_in_worker(submit_report, year, when, today=clock.today(), renderer=render_revision_pdf,
                  on_result=on_result, on_error=on_error)
    return True
