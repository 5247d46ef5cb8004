"""The Reflections tab: the report's activities on the left; the chosen one's "How I took part" and "What I learned"
on the right.

The reflections are the activities' own description and learned fields. Text typed is held as pending (the
readiness check follows it through `changed`) and saved to the activity after a pause in typing (COMMIT_DELAY_MS),
at once when focus leaves the field or another activity is chosen, and whenever the page asks (`commit_reflections`:
before a build, another year, closing). Each saved field is one undoable `ReflectionCommand` on the window's stack.

The list is a model and its view (activity_list.py), and activities are found by id in a dictionary: a report of
thousands of activities costs the same few microseconds an activity, and no widget an activity.

The editor scrolls (vertically only) where the page is too short for its fields, so each keeps room to type.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QUndoCommand
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.activities import ActivityRecord, get_activity
from wethrive_desktop.models.annual_report import (
    ReportActivity,
    ReportData,
    activity_counting,
    save_reflection,
    type_label,
)
from wethrive_desktop.models.reflections import DESCRIPTION_PROMPT, LEARNED_PROMPT, MIN_LEARNED_WORDS
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.report.activity_list import ActivityList, list_text
from wethrive_desktop.ui.report.fields import COMMIT_DELAY_MS, ReflectionField
from wethrive_desktop.ui.report.style import MUTED_COLOR, TODO_COLOR, date_span, escape
from wethrive_desktop.ui.shell import Shell
from wethrive_desktop.ui.undo import StoreCommand
from wethrive_desktop.ui.widgets.naming import named


class ReflectionCommand(StoreCommand):
    """One reflection edit on the shared undo stack; consecutive edits of the same field merge into one step."""

    MERGE_ID = 0x5EF1

    def __init__(self, tab: ReflectionsTab, before: ActivityRecord, after: ActivityRecord, field: str):
        text = (tr("Edit how I took part of \u201c{title}\u201d") if field == "description"
                else tr("Edit what I learned of \u201c{title}\u201d"))
        super().__init__(tab.shell, text.format(title=after.data.title[:40]))
        self.tab, self.before, self.after, self.field = tab, before, after, field

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, ReflectionCommand):
            return False
        if other.after.id != self.after.id or other.field != self.field:
            return False
        self.after = other.after
        return True

    def _put(self, record: ActivityRecord) -> int:
        save_reflection(record.id, description=record.data.description, learned=record.data.learned)
        return record.id

    def apply(self) -> int | None:
        return self._put(self.after)

    def revert(self) -> int | None:
        return self._put(self.before)

    def changed(self, record_id: int | None) -> None:
        if record_id is not None:
            self.tab.reflection_restored(record_id)


class ReflectionsTab(QSplitter):
    """The activity list and the reflection editor (objectName `reflectionSplitter`)."""

    changed = Signal()  # a reflection was typed (not saved yet): the readiness check follows
    edit_activity_requested = Signal(object)  # the activity id (int), or None
    saving = Signal()  # typed reflections are about to be saved
    saved = Signal(object)  # list[ActivityRecord] as saved, before the window is told (None: not only those)

    def __init__(self, shell: Shell):
        super().__init__(Qt.Orientation.Horizontal)
        self.setObjectName("reflectionSplitter")
        self.shell = shell
        self.data: ReportData | None = None
        self._by_id: dict[int, ReportActivity] = {}  # the activities of `data` by id
        self._current_activity: int | None = None
        self._pending: dict[str, tuple[int, str]] = {}  # field -> (activity id, text) not yet saved
        self.commit_timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self.commit_timer.timeout.connect(self.commit_reflections)

        self.setChildrenCollapsible(False)
        self.activity_list = named(ActivityList(), "reportActivityList")
        self.activity_list.setAccessibleName(tr("Activities in the report"))
        self.activity_list.setMinimumWidth(180)
        self.activity_list.current_activity_changed.connect(self._activity_selected)
        self.addWidget(self.activity_list)

        editor = named(QWidget(), "reflectionEditor")
        form = QVBoxLayout(editor)
        form.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        self.activity_heading = named(QLabel(), "reflectionHeading")
        self.activity_heading.setWordWrap(True)
        head.addWidget(self.activity_heading, 1)
        self.edit_activity_button = named(QPushButton(tr("Edit &activity\u2026")), "editReportActivityButton")
        self.edit_activity_button.setAccessibleName(tr("Edit the activity"))
        self.edit_activity_button.clicked.connect(lambda: self.edit_activity_requested.emit(self._current_activity))
        head.addWidget(self.edit_activity_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addLayout(head)
        self.activity_details = named(QLabel(), "reflectionDetails")
        self.activity_details.setWordWrap(True)
        self.activity_details.setStyleSheet(f"color: {MUTED_COLOR};")
        form.addWidget(self.activity_details)
        self.description_field = ReflectionField(tr("How I &took part"), tr(DESCRIPTION_PROMPT),
                                                 "reflectionDescriptionEdit")
        self.learned_field = ReflectionField(tr("What I &learned"), tr(LEARNED_PROMPT), "reflectionLearnedEdit",
                                             MIN_LEARNED_WORDS)
        self.description_field.edited.connect(lambda: self._reflection_edited("description"))
        self.learned_field.edited.connect(lambda: self._reflection_edited("learned"))
        for f in (self.description_field, self.learned_field):
            f.edit.installEventFilter(self)  # focus leaving the field saves it
        form.addWidget(self.description_field, 2)
        form.addWidget(self.learned_field, 3)
        self.saved_label = named(QLabel(), "reflectionSavedLabel")
        self.saved_label.setStyleSheet(f"color: {MUTED_COLOR};")
        form.addWidget(self.saved_label)
        self.empty_label = named(QLabel(), "reportEmptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = named(QScrollArea(), "reflectionEditorScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(editor)
        self.editor_box = scroll  # shown when the year has activities to reflect on, else the empty label
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(scroll, 1)
        holder_layout.addWidget(self.empty_label, 1)
        self.addWidget(holder)
        self.setStretchFactor(0, 1)  # a smaller window takes from both, the editor most
        self.setStretchFactor(1, 3)
        self.setSizes([240, 520])

    # --- what the page asks -------------------------------------------------------------------------------

    def fill(self, data: ReportData) -> None:
        """Show the activities of `data` (the live report), keeping the one chosen and the text being typed."""
        self.data = data
        self._by_id = {a.activity_id: a for a in data.activities}
        listing = self.activity_list.list_model
        listing.set_activities(self.live_activities(data.activities))  # a reset when the rows changed: none current
        current = self._current_activity
        target = current if current in self._by_id else (data.activities[0].activity_id if data.activities else None)
        row = listing.row_of(target)
        if target is not None and row is not None:
            if self.activity_list.currentRow() != row:
                self.activity_list.setCurrentRow(row)  # fills the editor through _activity_selected
            else:
                self._show_activity(target)
        else:
            self._show_activity(None)
        has = bool(data.activities)
        self.editor_box.setVisible(has)
        self.empty_label.setVisible(not has)
        self.empty_label.setText(tr("No completed activities with hours in {year} yet.\nLog them on the Activities "
                                    "page; they appear here to reflect on.").format(year=data.year))

    def reset(self) -> None:
        """Another year is shown: forget the activity chosen and any text not saved (commit it first)."""
        self._current_activity = None
        self._pending.clear()

    def live_activities(self, activities: tuple[ReportActivity, ...]) -> tuple[ReportActivity, ...]:
        """`activities` with the reflections as typed, not yet saved (the same tuple when nothing is pending)."""
        if not self._pending:
            return activities
        typed = {activity_id for activity_id, _ in self._pending.values()}
        return tuple(self._typed(a) if a.activity_id in typed else a for a in activities)

    def _typed(self, a: ReportActivity) -> ReportActivity:
        for field, (activity_id, text) in self._pending.items():
            if activity_id == a.activity_id and field == "description":
                a = replace(a, description=text.strip())
            elif activity_id == a.activity_id:
                a = replace(a, learned=text.strip())
        return a

    def show_problems(self, activities: tuple[ReportActivity, ...]) -> None:
        """Mark each listed activity complete (a tick) or not (its problems in the tooltip), as in `activities`:
        the rows on screen are drawn again; the others are marked when they are scrolled to."""
        self.activity_list.list_model.set_activities(activities)

    def select_activity(self, activity_id: int) -> None:
        row = self.activity_list.list_model.row_of(activity_id)
        if row is not None:
            self.activity_list.setCurrentRow(row)

    def focus_field(self, field: str | None) -> None:
        """Put the caret at the end of "What I learned" (`field` "learned") or of "How I took part"."""
        widget = self.learned_field if field == "learned" else self.description_field
        widget.edit.setFocus()
        widget.edit.moveCursor(QTextCursor.MoveOperation.End)

    # --- the editor ---------------------------------------------------------------------------------------

    @staticmethod
    def _list_text(a: ReportActivity) -> str:
        return list_text(a)

    def _activity(self, activity_id: int | None) -> ReportActivity | None:
        return None if activity_id is None else self._by_id.get(activity_id)

    def _activity_selected(self, activity_id: int | None) -> None:
        self.commit_reflections()
        self._show_activity(activity_id)

    def _show_activity(self, activity_id: int | None) -> None:
        self._current_activity = activity_id
        a = self._activity(activity_id)
        for f in (self.description_field, self.learned_field):
            f.setEnabled(a is not None)
        self.edit_activity_button.setEnabled(a is not None)
        if a is None:
            self.activity_heading.setText("")
            self.activity_details.setText("")
            self.description_field.set_text("")
            self.learned_field.set_text("")
            return
        assert self.data is not None
        number = tr("Professional Development Activity #{number}").format(number=a.number)
        self.activity_heading.setText(f"<span style='color:{MUTED_COLOR}'>{escape(number)}</span><br>"
                                      f"<b style='font-size:12pt'>{escape(a.title)}</b>")
        data = self.data
        practices = (escape(", ".join(f"{n} {tr(data.practice_name(n))}" for n in a.practices)) if a.practices
                     else f"<span style='color:{TODO_COLOR}'>{escape(tr('no practices'))}</span>")
        facts = [date_span(a.start_date, a.end_date), a.provider or tr("no provider"), tr(type_label(a.type)),
                 tr("{hours} h").format(hours=format_hours(a.hours))]
        counting = activity_counting(a, data, translated=True)  # what counts, where not simply the hours
        self.activity_details.setText(escape(" \u00b7 ".join(facts)) + "<br>"
                                      + escape(tr("Practices: {practices}")).format(practices=practices)
                                      + (f"<br>{escape(counting)}" if counting else ""))
        for field, widget in (("description", self.description_field), ("learned", self.learned_field)):
            pending = self._pending.get(field)
            if pending is not None and pending[0] == activity_id:
                continue  # the member is typing: keep their text
            widget.set_text(getattr(a, field))

    def _reflection_edited(self, field: str) -> None:
        if self._current_activity is None:
            return
        widget = self.description_field if field == "description" else self.learned_field
        self._pending[field] = (self._current_activity, widget.text())
        self.saved_label.setText(tr("Editing\u2026"))
        self.commit_timer.start()
        self.changed.emit()

    def commit_reflections(self) -> None:
        """Save typed reflections to their activities (one undoable step per field)."""
        self.commit_timer.stop()
        pending, self._pending = self._pending, {}
        if pending:
            self.saving.emit()
        saved: list[ActivityRecord] = []
        failed = False  # an error was shown: its dialog let other writes happen meanwhile
        for field, (activity_id, text) in pending.items():
            try:
                before = get_activity(activity_id)
            except LookupError:
                continue
            if getattr(before.data, field).strip() == text.strip():
                continue
            try:
                after = save_reflection(activity_id, year=self.data.year if self.data else None, **{field: text})
            except (ValidationError, LookupError) as exc:
                failed = True
                prompts.show_error(self, tr("Save reflection"),
                                   tr("The reflection could not be saved: {error}").format(error=exc))
                continue
            self.shell.undo_stack.push(ReflectionCommand(self, before, after, field))
            saved.append(after)
        if saved:
            self.saved_label.setText(tr("Saved to the activity"))
            self.saved.emit(None if failed else saved)
            self.shell.notify_data_changed()

    def reflection_restored(self, activity_id: int) -> None:
        """An undo or redo put a reflection back: show it."""
        self._pending.clear()
        self._current_activity = activity_id
        self.shell.notify_data_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut and watched in (self.description_field.edit, self.learned_field.edit):
            self.commit_reflections()
        return super().eventFilter(watched, event)
