"""The Reflections tab as the member chooses to write the year (issue 14): "Reflect on each activity" (the activity
list and its two reflections, reflections.py) or "Write the year as one narrative" (ICMA's wholistic report: one
text for the year, with a word count toward NARRATIVE_MIN_WORDS).

The choice is the report's own setting (models.annual_report.save_draft's `wholistic`), stored as soon as it is
made; the activities' reflections and the summary reflection are kept either way, so going back loses nothing (the
narrative is then the year's reflection: the Summary tab shows a note in place of the summary). The narrative is
saved as the summary reflection is: after a pause in typing (`narrative_timer`, COMMIT_DELAY_MS), at once when focus
leaves the field, and whenever the page asks (`commit_narrative`); the readiness check follows every key through
`changed`. A key costs what a key in a reflection costs: the word count beside the field, nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.annual_report import (
    NARRATIVE_MIN_WORDS,
    NARRATIVE_PROMPT,
    ReportDraft,
    save_draft,
)
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.report.fields import COMMIT_DELAY_MS, ReflectionField
from wethrive_desktop.ui.report.reflections import ReflectionsTab
from wethrive_desktop.ui.report.style import MUTED_COLOR
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.widgets.naming import named

PER_ACTIVITY, WHOLISTIC = 0, 1  # the stack's pages


class ReflectionsArea(QWidget):
    """The choice of how to write the year, over the per-activity reflections or the narrative (objectName
    `reflectionsArea`)."""

    changed = Signal()  # the narrative was typed (not saved yet), or the choice changed: the readiness check follows
    saving = Signal()  # the narrative or the choice is about to be saved
    saved = Signal(object)  # ReportDraft, as saved
    commit_reflections_requested = Signal()  # before the choice is stored, what is typed in a reflection is saved

    def __init__(self, shell: Shell, reflections: ReflectionsTab):
        super().__init__()
        self.setObjectName("reflectionsArea")
        self.shell = shell
        self.reflections = reflections
        self.draft = ReportDraft(clock.today().year)  # as stored, of the year shown
        self.narrative_timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self.narrative_timer.timeout.connect(self.commit_narrative)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        choice = QHBoxLayout()
        choice.setContentsMargins(0, 0, 0, 4)
        self.per_activity_radio = named(QRadioButton(tr("Reflect on each activit&y")), "reflectPerActivityRadio")
        self.per_activity_radio.setToolTip(tr("Write how you took part and what you learned for each activity"))
        self.wholistic_radio = named(QRadioButton(tr("Write the year as &one narrative")), "wholisticRadio")
        self.wholistic_radio.setToolTip(tr("ICMA accepts one narrative for the whole year (a \u201cwholistic\u201d "
                                           "report) instead of a reflection on each activity"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.per_activity_radio, PER_ACTIVITY)
        self.choice.addButton(self.wholistic_radio, WHOLISTIC)
        self.per_activity_radio.setChecked(True)
        self.choice.idToggled.connect(self._choice_toggled)
        choice.addWidget(self.per_activity_radio)
        choice.addWidget(self.wholistic_radio)
        choice.addStretch(1)
        layout.addLayout(choice)

        self.stack = named(QStackedWidget(), "reflectionsStack")
        self.stack.addWidget(reflections)
        editor = named(QWidget(), "narrativeEditor")
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        self.hint = named(QLabel(tr("The narrative is the year\u2019s reflection: the report prints it instead of a "
                                    "reflection on each activity and of the summary reflection. Those are kept: "
                                    "choose \u201cReflect on each activity\u201d to see them again.")),
                          "narrativeHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")
        column.addWidget(self.hint)
        self.narrative_field = ReflectionField(tr("Narrat&ive for the year"), tr(NARRATIVE_PROMPT), "narrativeEdit",
                                               NARRATIVE_MIN_WORDS)
        self.narrative_field.edited.connect(self._narrative_edited)
        self.narrative_field.edit.installEventFilter(self)  # focus leaving the field saves it
        column.addWidget(self.narrative_field, 1)
        self.saved_label = named(QLabel(), "narrativeSavedLabel")
        self.saved_label.setStyleSheet(f"color: {MUTED_COLOR};")
        column.addWidget(self.saved_label)
        self.stack.addWidget(editor)
        self.narrative_editor = editor
        layout.addWidget(self.stack, 1)

    # --- what the page asks -------------------------------------------------------------------------------

    @property
    def wholistic(self) -> bool:
        return self.wholistic_radio.isChecked()

    def fill(self, draft: ReportDraft) -> None:
        """Show the stored `draft`'s choice and narrative (the text being typed is kept)."""
        self.draft = draft
        self._show_choice(draft.wholistic)
        if not self.narrative_timer.isActive():
            self.narrative_field.set_text(draft.narrative)

    def narrative(self) -> str:
        """The narrative as typed (saved or not)."""
        return self.narrative_field.text().strip()

    def first_field(self) -> QWidget:
        return self.narrative_field.edit if self.wholistic else self.reflections.description_field.edit

    def focus_narrative(self) -> None:
        """Show the narrative and put the caret at its end."""
        self.narrative_field.edit.setFocus()
        self.narrative_field.edit.moveCursor(QTextCursor.MoveOperation.End)

    def commit_narrative(self) -> None:
        """Save the narrative if it changed."""
        self.narrative_timer.stop()
        text = self.narrative()
        if text == self.draft.narrative:
            return
        self._save(narrative=text)
        self.saved_label.setText(tr("Saved"))

    # --- the editor ---------------------------------------------------------------------------------------

    def _show_choice(self, wholistic: bool) -> None:
        self.choice.blockSignals(True)
        (self.wholistic_radio if wholistic else self.per_activity_radio).setChecked(True)
        self.choice.blockSignals(False)
        self.stack.setCurrentIndex(WHOLISTIC if wholistic else PER_ACTIVITY)

    def _choice_toggled(self, button: int, checked: bool) -> None:
        if not checked:
            return
        wholistic = button == WHOLISTIC
        if wholistic != self.draft.wholistic:
            self.commit_reflections_requested.emit()
            self.commit_narrative()
            if not self._save(wholistic=wholistic):
                self._show_choice(self.draft.wholistic)
                return
        self.stack.setCurrentIndex(WHOLISTIC if wholistic else PER_ACTIVITY)
        self.changed.emit()

    def _narrative_edited(self) -> None:
        self.saved_label.setText(tr("Editing\u2026"))
        self.narrative_timer.start()
        self.changed.emit()

    def _save(self, *, wholistic: bool | None = None, narrative: str | None = None) -> bool:
        """Store the choice or the narrative (the other kept); False when refused (the error was shown)."""
        self.saving.emit()
        try:
            self.draft = save_draft(self.draft.year, wholistic=wholistic, narrative=narrative, today=clock.today())
        except ValidationError as exc:
            prompts.show_error(self, tr("Save report"), str(exc))
            return False
        self.saved.emit(self.draft)
        self.shell.notify_data_changed()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut and watched is self.narrative_field.edit:
            self.commit_narrative()
        return super().eventFilter(watched, event)
