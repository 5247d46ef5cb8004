"""Marking the report submitted: the dialog that asks for the date (and warns about open readiness items), and the
freeze itself, run on a worker (models.annual_report.submit_report renders the revision's PDF there).

The dialog's words go through `tr`; its list of open items scrolls, so a long one leaves the date and the buttons on
a small screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report import ReadinessItem, Submission, list_revisions, submit_report
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.report.style import TODO_COLOR, date_edit_format, escape, fit_to_screen
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.workers import run_in_worker


class SubmitDialog(QDialog):
    """Asks for the date the report was (or is being) submitted; warns about open readiness items."""

    def __init__(self, parent: QWidget | None, year: int, revision: int, open_items: list[ReadinessItem]):
        super().__init__(parent)
        self.setObjectName("submitReportDialog")
        self.setWindowTitle(tr("Mark the {year} report submitted").format(year=year))
        layout = QVBoxLayout(self)
        body = QWidget()
        text = QVBoxLayout(body)
        text.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(tr("This freezes the {year} report exactly as it is now, as revision {revision}. Later edits "
                          "to your activities will not change it; a new revision is made only when you ask for "
                          "one.").format(year=year, revision=revision))
        intro.setWordWrap(True)
        text.addWidget(intro)
        if open_items:
            lines = "".join(f"<li>{escape(i.message)}</li>" for i in open_items)
            heading = trn("The readiness check has %n open item:", "The readiness check has %n open items:",
                          len(open_items))
            warn = QLabel(f"<b style='color:{TODO_COLOR}'>{escape(heading)}</b><ul>{lines}</ul>")
            warn.setWordWrap(True)
            text.addWidget(warn)
        text.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard starts on the date (the wheel still scrolls)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        form = QFormLayout()
        self.date_edit = named(QDateEdit(), "submitDateEdit")
        self.date_edit.setAccessibleName(tr("Date submitted"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_edit_format())
        now = clock.today()
        self.date_edit.setDate(QDate(now.year, now.month, now.day))
        self.date_edit.setMaximumDate(QDate(now.year, now.month, now.day))
        self.date_edit.setMinimumDate(QDate(year, 1, 1))
        form.addRow(tr("&Date submitted:"), self.date_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(tr("&Submit anyway") if open_items else tr("&Mark submitted"),
                               QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("submitConfirmButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        hint = self.sizeHint()
        fit_to_screen(self, max(520, hint.width()), max(hint.height(), body.sizeHint().height() + 120))
        self.date_edit.setFocus()

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
    from wethrive_desktop.reports.pdf.builder import render_revision_pdf  # ReportLab loaded when first needed

    run_in_worker(submit_report, year, when, today=clock.today(), renderer=render_revision_pdf,
                  on_result=on_result, on_error=on_error)
    return True
