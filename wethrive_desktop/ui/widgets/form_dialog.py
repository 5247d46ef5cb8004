"""Small form dialogs for the challenge, Legacy Leaders and eligibility editors, and how they are opened.

A `FormDialog` calls its `submit` when OK is pressed; a ValidationError from it is shown in the dialog (each
message names its field, by the name `field_names` gives it when the dialog knows one) and the dialog stays open
with what the user typed, so nothing is lost or half-written. Its date fields are `dates.DateEdit`s (the locale's
format, one Tab to pass).
Dialogs are opened through `run_dialog` (and activities through `open_activity_dialog`), module functions that
tests patch so no modal exec() ever blocks a test.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.widgets.dates import DateEdit
from wethrive_desktop.ui.widgets.naming import show_as_error

if TYPE_CHECKING:
    from wethrive_desktop.models.activities import ActivityRecord
    from wethrive_desktop.ui.shell import Page


def run_dialog(dialog: QDialog) -> bool:
    """Show `dialog` modally; True when it was accepted. Tests patch this (or prompts.run_modal)."""
    return prompts.run_modal(dialog)


def open_activity_dialog(page: Page, record: ActivityRecord) -> QWidget:
    """Open an activity for editing in the activity dialog (non-blocking). Tests patch this."""
    return page.shell.open_activity(record.id)


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def date_edit(value: date, name: str = "") -> DateEdit:
    edit = DateEdit(value)
    if name:
        edit.setObjectName(name)
    return edit


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, submit: Callable[[], object] | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.field_names: dict[str, str] = {}  # a field's name in the messages, in the user's language
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error_label = QLabel()
        self.error_label.setObjectName("formErrors")
        self.error_label.setWordWrap(True)
        show_as_error(self.error_label)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def show_errors(self, messages: list[str]) -> None:
        self.error_label.setText("\n".join(messages))
        self.error_label.setVisible(bool(messages))

    def message(self, error: FieldError) -> str:
        """"Date: 2027-01-01 is in the future", with the field's name from `field_names` when there is one."""
        if error.field not in self.field_names:
            return str(error)
        return tr("{field}: {problem}").format(field=self.field_names[error.field], problem=error.message)

    def accept(self) -> None:
        if self.submit is not None:
            try:
                self.submit()
            except ValidationError as exc:
                self.show_errors([self.message(e) for e in exc.errors])
                return
            except LookupError as exc:
                self.show_errors([str(exc)])
                return
        super().accept()
