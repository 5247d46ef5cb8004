"""The activity dialog: add, edit or duplicate one activity, checked as the user types.

API other features use (keep it):

    dialog = ActivityDialog(parent, initial=None, activity_id=None)
    dialog.activity_saved.connect(...)     # emitted with the stored id after a successful save
    dialog.open()                          # window-modal, does not block; tests use the same call
    ... dialog.saved_id                    # the stored id once saved (None before)

With `activity_id`, the stored activity is edited (its fields taken from `initial` when given, else as stored);
otherwise a new one is made, pre-filled from `initial` when given (the planner's "Log it", duplicating a row).
When the dialog's window has an undo stack (the main window), saving goes through it, so Ctrl+Z undoes the save
with its attachments; otherwise it saves directly.

The form's fields are in fields.py, the attachments list and its buttons in attachments.py, the challenge item
with its suggestion in challenge.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import (
    ActivityData,
    AttachmentData,
    check,
    distinct_values,
    get_activity,
    normalized,
)
from wethrive_desktop.models.activity_edits import save_with_attachments
from wethrive_desktop.models.domain import ACTIVITY_TYPES, Status, type_label
from wethrive_desktop.models.reflections import DESCRIPTION_PROMPT, LEARNED_PROMPT
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.attachments import AttachmentsEditor
from wethrive_desktop.ui.activities.challenge import ChallengePicker
from wethrive_desktop.ui.activities.fields import (
    PracticeList,
    completer,
    date_edit,
    decimal_hours,
    hours_spin,
    text_edit,
    to_date,
    to_qdate,
)
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.widgets.naming import ERROR_STYLE, error_label, named


@dataclass(frozen=True)
class _FormState:
    """What the form holds, to tell whether anything was typed since it opened."""

    data: ActivityData
    added: tuple[Path, ...]
    removed: tuple[int, ...]


class ActivityDialog(QDialog):
    activity_saved = Signal(int)

    def __init__(self, parent: QWidget | None, initial: ActivityData | None = None,
                 activity_id: int | None = None, shell: Shell | None = None):
        """With a `shell` (the main window), a save is one step on its undo stack and refreshes its pages;
        without one (a test, a script), it is a plain write."""
        super().__init__(parent)
        self.shell = shell
        self.setObjectName("activityDialog")
        self.activity_id = activity_id
        self.saved_id: int | None = None
        stored: list[AttachmentData] = []
        self._last_start = clock.today()
        self._error_labels: dict[str, QLabel] = {}
        self._filling = False

        if activity_id is not None:
            record = get_activity(activity_id)
            initial = initial or record.data  # "Log it" edits a planned record with its status already completed
            stored = list(record.attachments)
            self.setWindowTitle(f"Edit activity: {record.data.title}")
        else:
            self.setWindowTitle("New activity")
        self.setAccessibleName(self.windowTitle())
        self._build(stored)
        self._fill(initial or ActivityData(start_date=clock.today(), title="", hours=Decimal(0)))
        self.challenge.touched = initial is not None and initial.challenge_key is not None
        if activity_id is None and not self.challenge.touched:
            self._suggest_challenge()
        self._opened_state = self._state()
        self._validate()
        self.title_edit.setFocus()

    # --- building --------------------------------------------------------------------------------------

    def _build(self, stored: list[AttachmentData]) -> None:
        self.title_edit = named(QLineEdit(), "titleEdit", "Title")
        self.title_edit.setPlaceholderText("e.g. Gettysburg Leadership Institute")
        self.title_edit.setCompleter(completer(distinct_values("title"), self))
        self.provider_edit = named(QLineEdit(), "providerEdit", "Provider")
        self.provider_edit.setPlaceholderText("e.g. ICMA, a state association, a university")
        self.provider_edit.setCompleter(completer(distinct_values("provider"), self))

        self.start_edit = date_edit("startDateEdit", "Start date")
        self.end_edit = date_edit("endDateEdit", "End date")
        self.end_edit.setToolTip("For an activity over several days; the same as the start date otherwise")

        self.type_combo = named(QComboBox(), "typeCombo", "Type")
        for key, covers in ACTIVITY_TYPES.items():
            self.type_combo.addItem(type_label(key), key)
            self.type_combo.setItemData(self.type_combo.count() - 1, covers, Qt.ItemDataRole.ToolTipRole)

        self.hours_spin = hours_spin()

        self.status_combo = named(QComboBox(), "statusCombo", "Status")
        self.status_combo.addItem("Completed", Status.COMPLETED.value)
        self.status_combo.addItem("Planned", Status.PLANNED.value)
        self.status_combo.setToolTip("Planned activities do not count toward the 40 hours until completed")

        self.challenge = ChallengePicker()
        self.challenge_combo = self.challenge.combo
        self.challenge_hint = self.challenge.hint

        self.practice_list = PracticeList()

        self.description_edit = text_edit("descriptionEdit", "How I took part", DESCRIPTION_PROMPT)
        self.learned_edit = text_edit("learnedEdit", "What I learned", LEARNED_PROMPT)

        self.attachments = AttachmentsEditor(stored)
        self.attachment_list = self.attachments.list
        self.add_file_button = self.attachments.add_button
        self.open_file_button = self.attachments.open_button
        self.remove_file_button = self.attachments.remove_button

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName("Save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Enter, or Ctrl+Enter from a text box)")
        self.cancel_button = named(self.buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole),
                                   "cancelButton", "Cancel")
        self.cancel_button.setAutoDefault(False)
        self.save_problem = named(QLabel(), "saveProblem")
        self.save_problem.setStyleSheet(ERROR_STYLE)
        self.save_problem.setWordWrap(True)

        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title", self._with_error(self.title_edit, "title"))
        form.addRow("&Provider", self.provider_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        dates_box = QWidget()
        dates_box.setLayout(dates)
        dates.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Date", self._with_error(dates_box, "start_date", "end_date"))
        kind = QHBoxLayout()
        kind.setContentsMargins(0, 0, 0, 0)
        kind.addWidget(self.type_combo, 1)
        hours_label = QLabel("&Hours")
        hours_label.setBuddy(self.hours_spin)
        kind.addWidget(hours_label)
        kind.addWidget(self.hours_spin)
        kind_box = QWidget()
        kind_box.setLayout(kind)
        form.addRow("T&ype", self._with_error(kind_box, "type", "hours"))
        form.addRow("&Status", self._with_error(self.status_combo, "status"))
        form.addRow("&Challenge", self._with_error(self.challenge, "challenge_key"))

        practices = QVBoxLayout()
        practices_label = QLabel("P&ractices")
        practices_label.setBuddy(self.practice_list)
        practices.addWidget(practices_label)
        practices.addWidget(self._with_error(self.practice_list, "practices"))

        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addLayout(practices, 2)

        texts = QGridLayout()
        for row, (text, widget) in enumerate(((" How I took &part", self.description_edit),
                                              ("What I &learned", self.learned_edit))):
            label = QLabel(text.strip())
            label.setBuddy(widget)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            texts.addWidget(label, row, 0)
            texts.addWidget(widget, row, 1)
        attachments_label = QLabel("&Attachments")
        attachments_label.setBuddy(self.attachment_list)
        attachments_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        texts.addWidget(attachments_label, 2, 0)
        texts.addWidget(self.attachments, 2, 1)
        texts.setColumnStretch(1, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(self.save_problem, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(texts)
        layout.addLayout(bottom)

        order = [self.title_edit, self.provider_edit, self.start_edit, self.end_edit, self.type_combo,
                 self.hours_spin, self.status_combo, self.challenge_combo, self.practice_list,
                 self.description_edit, self.learned_edit, self.attachment_list, self.add_file_button,
                 self.open_file_button, self.remove_file_button, self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def sizeHint(self) -> QSize:
        return QSize(900, 640)

    def _connect(self) -> None:
        for edit in (self.title_edit, self.provider_edit):
            edit.textChanged.connect(self._changed)
        self.title_edit.textChanged.connect(self._suggest_challenge)
        self.provider_edit.textChanged.connect(self._suggest_challenge)
        self.type_combo.currentIndexChanged.connect(self._changed)
        self.type_combo.currentIndexChanged.connect(self._suggest_challenge)
        self.start_edit.dateChanged.connect(self._start_changed)
        self.end_edit.dateChanged.connect(self._changed)
        self.hours_spin.valueChanged.connect(self._changed)
        self.status_combo.currentIndexChanged.connect(self._changed)
        self.challenge_combo.currentIndexChanged.connect(self._changed)
        self.practice_list.itemChanged.connect(self._changed)
        self.description_edit.textChanged.connect(self._changed)
        self.learned_edit.textChanged.connect(self._changed)
        self.attachments.changed.connect(self._validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.accept)

    def _with_error(self, widget: QWidget, *fields: str) -> QWidget:
        """The widget with, under it, a label per field for its validation message (shown only when there is one).

        The labels are named for automation: titleError, endDateError, hoursError, challengeError...
        """
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        for field in fields:
            label = error_label(field)
            layout.addWidget(label)
            self._error_labels[field] = label
        return box

    # --- filling and reading -----------------------------------------------------------------------------

    def _fill(self, data: ActivityData) -> None:
        self._filling = True
        try:
            self._fill_fields(data)
        finally:
            self._filling = False

    def _fill_fields(self, data: ActivityData) -> None:
        self.title_edit.setText(data.title)
        self.provider_edit.setText(data.provider)
        self._last_start = data.start_date
        self.start_edit.setDate(to_qdate(data.start_date))
        self.end_edit.setDate(to_qdate(data.end_date or data.start_date))
        index = self.type_combo.findData(data.type)
        self.type_combo.setCurrentIndex(index if index >= 0 else self.type_combo.findData("other"))
        self.hours_spin.setValue(float(data.hours))
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(data.status), 0))
        self.practice_list.set_practices(data.practices)
        self.description_edit.setPlainText(data.description)
        self.learned_edit.setPlainText(data.learned)
        self.challenge.fill(data.start_date.year, data.challenge_key)
        self.attachments.fill()

    def current_data(self) -> ActivityData:
        start = to_date(self.start_edit.date())
        end = to_date(self.end_edit.date())
        return ActivityData(
            start_date=start,
            end_date=end if end != start else None,
            title=self.title_edit.text(),
            provider=self.provider_edit.text(),
            type=str(self.type_combo.currentData()),
            hours=decimal_hours(self.hours_spin.value()),
            practices=self.practice_list.practices(),
            description=self.description_edit.toPlainText(),
            learned=self.learned_edit.toPlainText(),
            status=str(self.status_combo.currentData()),
            challenge_key=self.challenge_combo.currentData(),
        )

    def _state(self) -> _FormState:
        return _FormState(normalized(self.current_data()), tuple(self.attachments.added),
                          tuple(self.attachments.removed))

    def is_dirty(self) -> bool:
        return self._state() != self._opened_state

    # --- reacting ----------------------------------------------------------------------------------------

    def _changed(self, *_args: Any) -> None:
        if not self._filling:
            self._validate()

    def _start_changed(self, qdate: QDate) -> None:
        if self._filling:
            return
        start = to_date(qdate)
        end = to_date(self.end_edit.date())
        if end == self._last_start or end < start:
            # The end date follows the start date until the user makes it a span.
            self.end_edit.setDate(qdate)
        if start.year != self._last_start.year:
            self.challenge.fill(start.year, self.challenge_combo.currentData())
            self._suggest_challenge()
        self._last_start = start
        self._validate()

    def _suggest_challenge(self, *_args: Any) -> None:
        if not self._filling:
            self.challenge.suggest(to_date(self.start_edit.date()).year, self.title_edit.text(),
                                   str(self.type_combo.currentData()), self.provider_edit.text())

    def errors(self) -> list[FieldError]:
        data = self.current_data()
        keys = [item.key for item in self.challenge.items_for(data.start_date.year)]
        return check(normalized(data), keys)

    def _validate(self) -> bool:
        errors = self.errors()
        messages: dict[QLabel, list[str]] = {label: [] for label in self._error_labels.values()}
        for error in errors:
            label = self._error_labels.get(error.field)
            if label is not None:
                messages[label].append(self._message(error))
        for label, texts in messages.items():
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
        self.save_button.setEnabled(not errors)
        self.save_problem.clear()
        return not errors

    @staticmethod
    def _message(error: FieldError) -> str:
        """'Title is required', 'Hours: 30 h is more than 24 h, the most a single day can hold'."""
        names = {"title": "Title", "end_date": "End date", "start_date": "Start date", "hours": "Hours",
                 "type": "Type", "practices": "Practices", "status": "Status", "challenge_key": "Challenge item"}
        name = names.get(error.field, error.field)
        return f"{name} {error.message}" if error.message.startswith("is ") else f"{name}: {error.message}"

    # --- closing -----------------------------------------------------------------------------------------

    def accept(self) -> None:
        if not self._validate():
            return
        data = self.current_data()
        try:
            self.saved_id = self._save(data)
        except ValidationError as exc:
            self.save_problem.setText("; ".join(self._message(e) for e in exc.errors))
            return
        except (OSError, LookupError) as exc:
            self.save_problem.setText(f"Not saved: {exc}")
            return
        self.activity_saved.emit(self.saved_id)
        super().accept()

    def _save(self, data: ActivityData) -> int:
        if self.shell is not None:
            from wethrive_desktop.ui.undo import save_undoable

            return save_undoable(self.shell, data, self.activity_id, self.attachments.added, self.attachments.removed)
        return save_with_attachments(data, self.activity_id, self.attachments.added, self.attachments.removed)

    def reject(self) -> None:
        if self.is_dirty() and not prompts.confirm(
                self, "Discard changes?", "Close without saving what you typed?", "Discard"):
            return
        super().reject()
