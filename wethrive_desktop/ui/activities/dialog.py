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
with its suggestion in challenge.py, the topics with their suggestions in topics.py, and the facts ICMA asks of
mentoring and coaching given in given.py.

ICMA's counting (issue 14): teaching records its preparation hours (which count) and, beside them, its delivery
hours (shown, not counted); mentoring and coaching given show their section; an old "coaching" activity that reads
as given (`type_review`) shows a banner asking the member which type it was, with a button for each (choosing a type
in the Type list answers too). Only an answer confirms the type: saving without one keeps the question (the log
marks the row "Confirm type"), and the banner and the status bar say so.

Checking is kind: the form is checked as the user types, but a field's message shows only once the user has edited
it (or an edit elsewhere caused it, say an end date before the start), or after a save attempt, which shows every
message and puts the focus on the first field in error. Save stays enabled, so a press of it always explains. A
completed activity of 0 hours is saved only after one question (not for a #WeThriveHere action that carries no
hours, challenge.py), since the hours were more likely forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr, trn
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
from wethrive_desktop.models.domain import ACTIVITY_TYPES, GIVEN_TYPES, Status
from wethrive_desktop.models.reflections import DESCRIPTION_PROMPT, LEARNED_PROMPT
from wethrive_desktop.models.requirements import tenet_8
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
from wethrive_desktop.ui.activities.given import GivenSection
from wethrive_desktop.ui.activities.topics import TopicsField
from wethrive_desktop.ui.colors import MUTED, color_text, hint_style, themed_style_sheet
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.widgets.fit import Reflow, vertical_scroll
from wethrive_desktop.ui.widgets.labels import status_name, type_name, type_tip
from wethrive_desktop.ui.widgets.naming import error_label, named, show_as_error


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
        self._edited_fields: set[str] = set()  # fields the user changed: their messages show
        self._save_attempted = False  # after a save attempt, every message shows
        self._zero_hours_confirmed = False  # the user said a completed activity of 0 hours is right
        self._opened_errors: set[tuple[str, str]] = set()  # (field, message) wrong as the dialog opened
        self._caps: dict[str, Decimal] | None = None  # Tenet 8's caps per type, read when a capped type is chosen
        self._reviewing = False  # an old "coaching" activity whose type the member is asked to confirm
        self._type_confirmed = False  # ... and they answered (a banner button, or a type chosen in the list)

        if activity_id is not None:
            record = get_activity(activity_id)
            initial = initial or record.data  # "Log it" edits a planned record with its status already completed
            stored = list(record.attachments)
            # Stored as completed with 0 hours already: that was said to be right (or imported so); not asked again.
            self._zero_hours_confirmed = record.data.status == Status.COMPLETED.value and record.data.hours == 0
            self.setWindowTitle(tr("Edit activity: {title}").format(title=record.data.title))
        else:
            self.setWindowTitle(tr("New activity"))
        self.setAccessibleName(self.windowTitle())
        self._build(stored)
        data = initial or ActivityData(start_date=clock.today(), title="", hours=Decimal(0))
        # An old "coaching" activity that reads as given: the member is asked which type it was.
        self._reviewing = data.type_review and data.type == "coaching"
        self.review_box.setVisible(self._reviewing)
        self._fill(data)
        self._show_review()
        self.challenge.touched = initial is not None and initial.challenge_key is not None
        if activity_id is None and not self.challenge.touched:
            self._suggest_challenge()
        self._edited_fields.clear()  # the suggestion made while opening was no edit
        self._opened_state = self._state()
        # What is wrong as the dialog opens (a new activity has no title yet) waits for an edit or a save attempt.
        self._opened_errors = {(e.field, e.message) for e in self.errors()}
        self._validate()
        self.title_edit.setFocus()

    # --- building --------------------------------------------------------------------------------------

    def _build(self, stored: list[AttachmentData]) -> None:
        self.title_edit = named(QLineEdit(), "titleEdit", tr("Title"))
        self.title_edit.setPlaceholderText(tr("e.g. Gettysburg Leadership Institute"))
        self.title_edit.setCompleter(completer(distinct_values("title"), self))
        self.provider_edit = named(QLineEdit(), "providerEdit", tr("Provider"))
        self.provider_edit.setPlaceholderText(tr("e.g. ICMA, a state association, a university"))
        self.provider_edit.setCompleter(completer(distinct_values("provider"), self))

        self.start_edit = date_edit("startDateEdit", tr("Start date"))
        self.end_edit = date_edit("endDateEdit", tr("End date"))
        self.end_edit.setToolTip(tr("For an activity over several days; the same as the start date otherwise"))

        self.type_combo = named(QComboBox(), "typeCombo", tr("Type"))
        for key in ACTIVITY_TYPES:
            self.type_combo.addItem(type_name(key), key)
            self.type_combo.setItemData(self.type_combo.count() - 1, type_tip(key), Qt.ItemDataRole.ToolTipRole)

        self.hours_spin = hours_spin()
        self.hours_label = QLabel(tr("&Hours"))
        self.hours_label.setBuddy(self.hours_spin)
        self.delivery_spin = hours_spin("deliverySpin", tr("Delivery hours"))
        self.delivery_spin.setToolTip(tr("The hours spent teaching or presenting: recorded, not counted (ICMA counts "
                                         "the hours spent preparing)"))
        self.delivery_note = named(QLabel(tr("Hours delivered: recorded, not counted (ICMA counts the "
                                             "preparation).")), "deliveryNote")
        self.delivery_note.setWordWrap(True)
        # It takes the width the row leaves (wrapping), never widens the form: the practices stay beside it.
        self.delivery_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        color_text(self.delivery_note, MUTED)

        self._build_review()

        self.status_combo = named(QComboBox(), "statusCombo", tr("Status"))
        for status in Status:
            self.status_combo.addItem(status_name(status.value), status.value)
        self.status_combo.setToolTip(tr("Planned activities do not count toward the 40 hours until completed"))

        self.challenge = ChallengePicker()
        self.challenge_combo = self.challenge.combo
        self.challenge_hint = self.challenge.hint

        self.practice_list = PracticeList()

        used = [t for value in distinct_values("topics") for t in value.split(";")]
        self.topics = TopicsField(used)
        self.topics_edit = self.topics.edit
        self.given = GivenSection()

        self.description_edit = text_edit("descriptionEdit", tr("How I took part"), tr(DESCRIPTION_PROMPT))
        self.learned_edit = text_edit("learnedEdit", tr("What I learned"), tr(LEARNED_PROMPT))

        self.attachments = AttachmentsEditor(stored)
        self.attachment_list = self.attachments.list
        self.add_file_button = self.attachments.add_button
        self.open_file_button = self.attachments.open_button
        self.remove_file_button = self.attachments.remove_button

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName(tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(tr("Save (Enter, or Ctrl+Enter from a text box)"))
        self.cancel_button = named(self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole),
                                   "cancelButton", tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.save_problem = named(QLabel(), "saveProblem")
        show_as_error(self.save_problem)
        self.save_problem.setWordWrap(True)

        # Each field with a message, in form order: a save attempt focuses the first in error.
        self._field_widgets: dict[str, QWidget] = {
            "title": self.title_edit, "start_date": self.start_edit, "end_date": self.end_edit,
            "type": self.type_combo, "hours": self.hours_spin, "status": self.status_combo,
            "delivery_hours": self.delivery_spin, "challenge_key": self.challenge_combo, "topics": self.topics_edit,
            "practices": self.practice_list, "mentoring": self.given.start.check}

        self._lay_out()
        self._connect()
        self.resize(self.sizeHint())  # not Qt's default of two thirds of the screen: the form wants its room

    def _build_review(self) -> None:
        """The banner of an old "coaching" activity: what is asked, and a button for each answer."""
        self.review_box = QFrame()
        self.review_box.setObjectName("typeReviewBox")
        themed_style_sheet(self.review_box, lambda palette: hint_style(palette, "QFrame#typeReviewBox"))
        self.review_banner = named(QLabel(), "typeReviewBanner")
        self.review_banner.setWordWrap(True)
        self.review_buttons: dict[str, QPushButton] = {}
        for kind, text, name, accessible in (
                ("coaching", tr("Coachi&ng I received"), "receivedButton", tr("It was coaching I received")),
                ("mentoring", tr("&Mentoring I gave"), "mentoringGivenButton", tr("It was mentoring I gave")),
                ("coaching-given", tr("Coaching I &gave (ICMA program)"), "coachingGivenButton",
                 tr("It was coaching I gave in the ICMA Coaching Program"))):
            button = named(QPushButton(text), name, accessible)
            button.setAutoDefault(False)
            button.setToolTip(type_tip(kind) or "")
            button.clicked.connect(lambda _checked=False, kind=kind: self.confirm_type(kind))
            self.review_buttons[kind] = button
        # The buttons side by side, or (a narrow window) one under another.
        self.review_row = Reflow([*self.review_buttons.values()])
        self.review_row.box.addStretch(1)
        column = QVBoxLayout(self.review_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.review_banner)
        column.addWidget(self.review_row)
        self.review_box.hide()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Each label's buddy is its field itself, not the box holding the field and its message: Alt+letter goes
        # to a widget that takes the focus.
        self._add_row(form, tr("&Title"), self.title_edit, "title")
        self._add_row(form, tr("&Provider"), self.provider_edit)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(tr("to")))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        dates_box = QWidget()
        dates_box.setLayout(dates)
        self._add_row(form, tr("&Date"), dates_box, "start_date", "end_date", buddy=self.start_edit)
        kind = QHBoxLayout()
        kind.setContentsMargins(0, 0, 0, 0)
        kind.addWidget(self.type_combo, 1)
        kind.addWidget(self.hours_label)
        kind.addWidget(self.hours_spin)
        kind_box = QWidget()
        kind_box.setLayout(kind)
        self._add_row(form, tr("T&ype"), kind_box, "type", "hours", buddy=self.type_combo)
        delivery = QHBoxLayout()
        delivery.setContentsMargins(0, 0, 0, 0)
        delivery.addWidget(self.delivery_spin)
        delivery.addWidget(self.delivery_note, 1)
        delivery_box = QWidget()
        delivery_box.setLayout(delivery)
        self.delivery_row = self._add_row(form, tr("Del&ivery"), delivery_box, "delivery_hours",
                                          buddy=self.delivery_spin)
        self._form = form
        self._add_row(form, tr("&Status"), self.status_combo, "status")
        self._add_row(form, tr("&Challenge"), self.challenge, "challenge_key", buddy=self.challenge_combo)
        self._add_row(form, tr("T&opics"), self.topics, "topics", buddy=self.topics_edit)
        form_box = QWidget()
        form_box.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)

        practices = QVBoxLayout()
        practices.setContentsMargins(0, 0, 0, 0)
        practices_label = QLabel(tr("P&ractices"))
        practices_label.setBuddy(self.practice_list)
        practices.addWidget(practices_label)
        practices.addWidget(self._with_error(self.practice_list, "practices"))
        practices_box = QWidget()
        practices_box.setLayout(practices)
        # The form and the practices side by side, or (a small screen) the practices under the form.
        top = Reflow([form_box, practices_box], stretches=[3, 2])

        texts = QGridLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        for row, (text, widget) in enumerate(((tr("Ho&w I took part"), self.description_edit),
                                              (tr("What I &learned"), self.learned_edit))):
            label = QLabel(text)
            label.setBuddy(widget)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            texts.addWidget(label, row, 0)
            texts.addWidget(widget, row, 1)
        attachments_label = QLabel(tr("&Attachments"))
        attachments_label.setBuddy(self.attachment_list)
        attachments_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        texts.addWidget(attachments_label, 2, 0)
        texts.addWidget(self.attachments, 2, 1)
        texts.setColumnStretch(1, 1)

        content = QWidget()
        content.setObjectName("activityForm")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 4)  # scrolled to the end, the last buttons' frames clear its edge
        column.addWidget(self.review_box)
        column.addWidget(top)
        column.addWidget(self.given)
        column.addLayout(texts, 1)
        self._error_labels["mentoring"] = self.given.dates_error
        # The form scrolls down when the screen is short (800x480); Save and Cancel stay in view under it.
        self.form_area = vertical_scroll(content, "activityFormArea")

        bottom = QHBoxLayout()
        bottom.addWidget(self.save_problem, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form_area, 1)
        layout.addLayout(bottom)

        order = [*self.review_buttons.values(), self.title_edit, self.provider_edit, self.start_edit,
                 self.end_edit, self.type_combo, self.hours_spin, self.delivery_spin, self.status_combo,
                 self.challenge_combo, self.topics_edit,
                 self.topics.add_button, self.practice_list, *self.given.focus_order(),
                 self.description_edit, self.learned_edit, self.attachment_list, self.add_file_button,
                 self.open_file_button, self.remove_file_button, self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _add_row(self, form: QFormLayout, text: str, widget: QWidget, *fields: str,
                 buddy: QWidget | None = None) -> QWidget:
        """A form row: the label `text`, whose access key goes to `buddy` (else `widget`), and `widget` with a
        message label under it for each of `fields`. Returns the row's field (to show or hide the row by)."""
        label = QLabel(text)
        label.setBuddy(buddy or widget)
        field = self._with_error(widget, *fields) if fields else widget
        form.addRow(label, field)
        return field

    def sizeHint(self) -> QSize:
        """Room for the whole form at 1366x768; a smaller screen gets what it has (the form scrolls)."""
        screen = self.screen().availableSize() if self.screen() is not None else QSize(900, 640)
        return QSize(900, 640).boundedTo(screen)

    def _connect(self) -> None:
        self.title_edit.textChanged.connect(self._edited("title"))
        self.provider_edit.textChanged.connect(self._edited())
        self.title_edit.textChanged.connect(self._suggest_challenge)
        self.provider_edit.textChanged.connect(self._suggest_challenge)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.type_combo.currentIndexChanged.connect(self._type_chosen)
        self.type_combo.activated.connect(self._type_chosen)  # also the type it had, chosen again
        self.type_combo.currentIndexChanged.connect(self._edited("type"))
        self.type_combo.currentIndexChanged.connect(self._suggest_challenge)
        self.delivery_spin.valueChanged.connect(self._edited("delivery_hours"))
        self.topics.changed.connect(self._edited("topics"))
        self.given.changed.connect(self._edited())
        self.given.start.changed.connect(self._edited("mentoring"))
        self.given.end.changed.connect(self._edited("mentoring"))
        for changed in (self.title_edit.textChanged, self.provider_edit.textChanged,
                        self.description_edit.textChanged):
            changed.connect(self._suggest_topics)
        self.type_combo.currentIndexChanged.connect(self._suggest_topics)
        self.start_edit.dateChanged.connect(self._start_changed)
        self.end_edit.dateChanged.connect(self._edited("end_date"))
        self.hours_spin.valueChanged.connect(self._edited("hours"))
        self.status_combo.currentIndexChanged.connect(self._edited("status"))
        self.challenge_combo.currentIndexChanged.connect(self._edited("challenge_key"))
        self.practice_list.itemChanged.connect(self._edited("practices"))
        self.description_edit.textChanged.connect(self._edited())
        self.learned_edit.textChanged.connect(self._edited())
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
        # A long value shows its beginning, not its end (where setText leaves the cursor). Not the line edits of
        # the date and hours boxes: there the cursor picks the part the arrow keys step.
        for edit in self.findChildren(QLineEdit):
            if not isinstance(edit.parentWidget(), QAbstractSpinBox):
                edit.setCursorPosition(0)
        # The title takes the focus as the dialog opens, all selected (typing replaces it): selected from its end
        # back to its start, so it too shows its beginning (Qt's own select-all would leave the cursor at the end).
        length = len(self.title_edit.text())
        self.title_edit.setSelection(length, -length)

    def _fill_fields(self, data: ActivityData) -> None:
        self.title_edit.setText(data.title)
        self.provider_edit.setText(data.provider)
        self._last_start = data.start_date
        self.start_edit.setDate(to_qdate(data.start_date))
        self.end_edit.setDate(to_qdate(data.end_date or data.start_date))
        index = self.type_combo.findData(data.type)
        self.type_combo.setCurrentIndex(index if index >= 0 else self.type_combo.findData("other"))
        self.hours_spin.setValue(float(data.hours))
        self.delivery_spin.setValue(float(data.delivery_hours))
        self.topics.set_topics(data.topics)
        self.given.activity_start = data.start_date
        self.given.fill(data.mentoring, data.meets_conditions)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(data.status), 0))
        self.practice_list.set_practices(data.practices)
        self.description_edit.setPlainText(data.description)
        self.learned_edit.setPlainText(data.learned)
        self.challenge.fill(data.start_date.year, data.challenge_key)
        self.attachments.fill()
        self._type_changed()
        self._suggest_topics()

    def current_data(self) -> ActivityData:
        """What the form holds. Fields the type does not use are left out (delivery hours 0, no mentoring facts);
        `type_review` stays True while the member has not answered which type an old "coaching" activity was."""
        start = to_date(self.start_edit.date())
        end = to_date(self.end_edit.date())
        kind = str(self.type_combo.currentData())
        given = kind in GIVEN_TYPES
        return ActivityData(
            start_date=start,
            end_date=end if end != start else None,
            title=self.title_edit.text(),
            provider=self.provider_edit.text(),
            type=kind,
            hours=decimal_hours(self.hours_spin.value()),
            delivery_hours=decimal_hours(self.delivery_spin.value()) if kind == "teaching" else Decimal("0.00"),
            topics=self.topics.topics(),
            meets_conditions=self.given.meets() if given else None,
            type_review=self.type_review_pending(),
            mentoring=self.given.data() if given else None,
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

    def _edited(self, *fields: str) -> Callable[..., None]:
        """A slot for a change of `fields`: from then on their messages show (a change while filling is no edit)."""
        def edited(*_args: Any) -> None:
            if not self._filling:
                self._edited_fields.update(fields)
                self._validate()
        return edited

    def _type_changed(self, *_args: Any) -> None:
        """Show what the type uses: teaching's preparation and delivery hours; the section of mentoring or coaching
        given."""
        kind = str(self.type_combo.currentData())
        self.type_combo.setToolTip(type_tip(kind) or "")
        teaching = kind == "teaching"
        self.hours_label.setText(tr("Preparation &hours") if teaching else tr("&Hours"))
        self.hours_spin.setAccessibleName(tr("Preparation hours") if teaching else tr("Hours"))
        self.hours_spin.setToolTip(
            tr("The hours spent preparing (learning in order to teach): these count toward ICMA's hours")
            if teaching else tr("Decimal hours: a 90-minute webinar is 1.5 h. Arrow keys step by a quarter hour."))
        self._form.setRowVisible(self.delivery_row, teaching)
        given = kind in GIVEN_TYPES
        if given:
            self.given.set_type(kind, self._cap(kind))
        self.given.setVisible(given)

    # --- an old "coaching" activity's type ---------------------------------------------------------------

    def type_review_pending(self) -> bool:
        """Whether the member is asked which type this old "coaching" activity was and has not answered."""
        return self._reviewing and not self._type_confirmed

    def confirm_type(self, kind: str) -> None:
        """The member's answer: the activity was of type `kind` (a banner button)."""
        self._type_confirmed = self._reviewing
        self.type_combo.setCurrentIndex(self.type_combo.findData(kind))
        self._show_review()
        self._validate()
        self.type_combo.setFocus(Qt.FocusReason.OtherFocusReason)  # the buttons are gone: the type chosen shows

    def _type_chosen(self, *_args: Any) -> None:
        """A type chosen in the Type list answers the banner too."""
        if self._reviewing and not self._filling:
            self._type_confirmed = True
            self._show_review()

    def _show_review(self) -> None:
        """The banner's words: the question with its answers, or the answer given."""
        if self.type_review_pending():
            self.review_banner.setText(tr(
                "Please confirm this activity's type. It was logged when coaching and mentoring, given or received, "
                "were a single type, and its words read as given. Which was it? Until you choose, it counts as "
                "coaching received, and saving keeps this question (the log marks it \u201cConfirm type\u201d)."))
        else:
            self.review_banner.setText(tr("Type confirmed: {type}. Saving keeps it.").format(
                type=type_name(str(self.type_combo.currentData()))))
        self.review_row.setVisible(self.type_review_pending())

    def _cap(self, kind: str) -> Decimal | None:
        """The most hours of `kind` Tenet 8 counts a year (None: no cap), as the member keeps Tenet 8."""
        if self._caps is None:
            self._caps = dict(tenet_8().caps)
        return self._caps.get(kind)

    def _suggest_topics(self, *_args: Any) -> None:
        self.topics.suggest(self.title_edit.text(), str(self.type_combo.currentData()),
                            self.description_edit.toPlainText(), self.provider_edit.text())

    def _start_changed(self, qdate: QDate) -> None:
        if self._filling:
            return
        self._edited_fields.add("start_date")
        start = to_date(qdate)
        self.given.activity_start = start
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

    def _shows(self, error: FieldError) -> bool:
        """Whether `error`'s message is shown: after a save attempt, once its field was edited, or when an edit
        caused it (it was not there when the dialog opened)."""
        return (self._save_attempted or error.field in self._edited_fields
                or (error.field, error.message) not in self._opened_errors)

    def _validate(self) -> bool:
        """Check the form and show the messages due (`_shows`); True when it can be saved."""
        errors = self.errors()
        messages: dict[str, list[str]] = {field: [] for field in self._error_labels}
        for error in errors:
            if error.field in messages and self._shows(error):
                messages[error.field].append(self._message(error))
        for field, texts in messages.items():
            label = self._error_labels[field]
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
            widget = self._field_widgets.get(field)
            if widget is not None:  # read out by screen readers with the field
                widget.setAccessibleDescription(label.text())
        self.save_problem.setText(self._summary(len(errors)) if self._save_attempted and errors else "")
        return not errors

    @staticmethod
    def _summary(count: int) -> str:
        return trn("Not saved yet: correct the %n problem marked in red",
                   "Not saved yet: correct the %n problems marked in red", count)

    def _focus_first_error(self) -> None:
        fields = {error.field for error in self.errors()}
        for field, widget in self._field_widgets.items():
            if field in fields:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(widget, QLineEdit | QAbstractSpinBox):
                    widget.selectAll()  # what is typed next replaces what is wrong
                return

    def _message(self, error: FieldError) -> str:
        """'Title is required', 'Hours: 30 h is more than 24 h, the most a single day can hold'."""
        names = {"title": tr("Title"), "end_date": tr("End date"), "start_date": tr("Start date"),
                 "hours": tr("Preparation hours") if self.type_combo.currentData() == "teaching" else tr("Hours"),
                 "type": tr("Type"), "practices": tr("Practices"), "status": tr("Status"),
                 "challenge_key": tr("Challenge item"), "delivery_hours": tr("Delivery hours"),
                 "topics": tr("Topics")}
        if error.field == "mentoring":  # said under the relationship's dates, a sentence of its own
            return error.message[:1].upper() + error.message[1:]
        name = names.get(error.field, error.field)
        # The commonest message is a whole sentence of its own ("Title is required"); any other follows the
        # field's name and a colon, in one template a translation can reorder.
        if error.message == tr("is required"):
            return tr("{field} is required").format(field=name)
        return tr("{field}: {problem}").format(field=name, problem=error.message)

    # --- closing -----------------------------------------------------------------------------------------

    def accept(self) -> None:
        self._save_attempted = True
        if not self._validate():
            self._focus_first_error()
            return
        data = self.current_data()
        if not self._zero_hours_right(data):
            self.hours_spin.setFocus(Qt.FocusReason.OtherFocusReason)
            self.hours_spin.selectAll()
            return
        try:
            self.saved_id = self._save(data)
        except ValidationError as exc:
            self.save_problem.setText("; ".join(self._message(e) for e in exc.errors))
            return
        except (OSError, LookupError) as exc:
            self.save_problem.setText(tr("Not saved: {reason}").format(reason=exc))
            return
        if data.type_review and self.shell is not None:
            self.shell.show_message(tr("Saved \u201c{title}\u201d. Its type is still to confirm: the log marks it "
                                       "\u201cConfirm type\u201d.").format(title=data.title.strip()), 10000)
        self.activity_saved.emit(self.saved_id)
        super().accept()

    def _zero_hours_right(self, data: ActivityData) -> bool:
        """False when `data` is a completed activity of 0 hours and the user, asked (once per dialog), went back.
        Not asked for a planned activity, nor for a #WeThriveHere action that carries no hours."""
        if (self._zero_hours_confirmed or data.status != Status.COMPLETED.value or data.hours != 0
                or self.challenge.marks_hourless_action()):
            return True
        self._zero_hours_confirmed = prompts.ask(
            self, tr("Activity of 0 hours"),
            tr("Save a completed activity of 0 hours?\n\nIt adds nothing toward the 40 hours of the year. "
               "Go back to enter its hours (a 90-minute webinar is 1.5 h), or set its status to Planned "
               "if it has not taken place yet."), tr("Save"), tr("Go back"))
        return self._zero_hours_confirmed

    def _save(self, data: ActivityData) -> int:
        if self.shell is not None:
            from wethrive_desktop.ui.undo import save_undoable

            return save_undoable(self.shell, data, self.activity_id, self.attachments.added, self.attachments.removed)
        return save_with_attachments(data, self.activity_id, self.attachments.added, self.attachments.removed)

    def reject(self) -> None:
        if self.is_dirty() and not prompts.confirm(
                self, tr("Discard changes?"), tr("Close without saving what you typed?"), tr("Discard")):
            return
        super().reject()
