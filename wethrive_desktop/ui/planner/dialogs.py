"""The planner's dialogs: a goal and a planned activity, both a `SaveDialog` (Save checks and stores; a problem
keeps the dialog open with its message). The activity dialog "Log it" opens is in log_it.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.domain import ACTIVITY_TYPES
from wethrive_desktop.models.plans import (
    GoalData,
    PlanData,
    PlanItemData,
    Term,
    check_goal,
    check_item,
    new_item,
    normalized_item,
)
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui.colors import ERROR, color_text
from wethrive_desktop.ui.planner.items import STATUS_LABELS, status_label
from wethrive_desktop.ui.planner.widgets import OptionalDate, PracticePicker
from wethrive_desktop.ui.widgets.labels import type_name, type_tip

V = TypeVar("V")


def parse_hours(text: str) -> Decimal:
    cleaned = text.strip().replace(",", ".").removesuffix("h").strip()
    if not cleaned:
        return Decimal(0)
    not_hours = ValidationError([FieldError("estimated_hours", tr("'{text}' is not a number of hours").format(
        text=text.strip()))])
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise not_hours from None
    if not value.is_finite():
        raise not_hours
    return value


# The fields' names in the messages (source texts: shown through tr).
FIELD_NAMES = {"estimated_hours": "Estimated hours", "start_date": "Start date", "end_date": "End date",
               "title": "Title", "type": "Type", "practices": "Practices", "goal": "Goal", "term": "Term",
               "status": "Status", "year": "Year"}


def error_text(errors: Iterable[FieldError]) -> str:
    return "\n".join(tr("{field}: {message}").format(
        field=tr(FIELD_NAMES[e.field]) if e.field in FIELD_NAMES else e.field, message=e.message) for e in errors)


class SaveDialog(QDialog, Generic[V]):
    """A form whose Save checks `value()` with `check` and stores it with `save(value)`. A ValidationError (from
    reading the fields, the check or the save) or a LookupError (the record went meanwhile) is shown under the form
    and the dialog stays open with what was typed. Subclasses add their rows to `self.form`."""

    def __init__(self, parent: QWidget, name: str, title: str, save: Callable[[V], int],
                 check: Callable[[V], list[FieldError]]):
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.setWindowTitle(title)
        self.save = save
        self.check = check
        self.saved_id: int | None = None
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName(f"{name}Error")
        color_text(self.error, ERROR)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def value(self) -> V:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            value = self.value()
            errors = self.check(value)
            if errors:
                raise ValidationError(errors)
            self.saved_id = self.save(value)
        except ValidationError as exc:
            self.error.setText(error_text(exc.errors))
            return
        except LookupError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class GoalDialog(SaveDialog[GoalData]):
    """Add or edit a goal. `save(goal)` stores it; a ValidationError keeps the dialog open with the message."""

    def __init__(self, parent: QWidget, year: int, goal: GoalData | None, save: Callable[[GoalData], int],
                 has_long_term: bool):
        title = tr("Edit goal for {year}") if goal else tr("New goal for {year}")
        super().__init__(parent, "goal", title.format(year=year), save, check_goal)
        self.goal = goal
        self.text = QPlainTextEdit()
        self.text.setObjectName("goalText")
        self.text.setPlaceholderText(tr("What you want to be able to do, e.g. 'Lead the update of the strategic "
                                        "plan'"))
        self.text.setFixedHeight(80)
        self.term = QComboBox()
        self.term.setObjectName("goalTerm")
        for term in Term:
            self.term.addItem(term.label, term.value)
        self.practices = PracticePicker()
        self.practices.setObjectName("goalPractices")
        self.form.addRow(tr("&Goal:"), self.text)
        self.form.addRow(tr("&Term:"), self.term)
        self.form.addRow(tr("&Practices:"), self.practices)
        self.text.setFocus()
        self.resize(520, self.sizeHint().height())
        if goal is not None:
            self.text.setPlainText(goal.text)
            self.term.setCurrentIndex(self.term.findData(goal.term))
            self.practices.set_practices(goal.practices)
        else:
            self.term.setCurrentIndex(self.term.findData(Term.SHORT if has_long_term else Term.LONG))

    def value(self) -> GoalData:
        return GoalData(self.goal.id if self.goal else None, self.text.toPlainText().strip(),
                        str(self.term.currentData()), self.practices.practices())


class PlanItemDialog(SaveDialog[PlanItemData]):
    """Add or edit a planned activity. `save(item)` stores it; a ValidationError keeps the dialog open."""

    def __init__(self, parent: QWidget, plan: PlanData, item: PlanItemData | None,
                 save: Callable[[PlanItemData], int]):
        title = tr("Edit planned activity for {year}") if item else tr("New planned activity for {year}")
        super().__init__(parent, "planItem", title.format(year=plan.year), save, lambda i: check_item(i, plan.year))
        self.plan = plan
        self.item = item or new_item("")

        self.title = QLineEdit()
        self.title.setObjectName("itemTitle")
        self.title.setPlaceholderText(tr("Name it: the conference, the course, the book"))
        self.provider = QLineEdit()
        self.provider.setObjectName("itemProvider")
        self.type = QComboBox()
        self.type.setObjectName("itemType")
        for key in ACTIVITY_TYPES:
            self.type.addItem(type_name(key), key)
            self.type.setItemData(self.type.count() - 1, type_tip(key), Qt.ItemDataRole.ToolTipRole)
        self.start = OptionalDate(tr("Dated"))
        self.start.setObjectName("itemStart")
        self.end = OptionalDate(tr("Ends on a later day"))
        self.end.setObjectName("itemEnd")
        self.hours = QLineEdit()
        self.hours.setObjectName("itemHours")
        self.hours.setPlaceholderText(tr("e.g. 1.5"))
        self.hours.setMaximumWidth(100)
        self.goal = QComboBox()
        self.goal.setObjectName("itemGoal")
        self.goal.setProperty("userText", True)  # the member's own goals
        self.goal.addItem(tr("(no goal)"), None)
        for g in plan.goals:
            label = tr("Long-term: {goal}").format(goal=g.text) if g.term == Term.LONG else g.text
            self.goal.addItem(label if len(label) <= 70 else label[:69] + "…", g.id)
            self.goal.setItemData(self.goal.count() - 1, g.text, Qt.ItemDataRole.ToolTipRole)
        self.practices = PracticePicker()
        self.practices.setObjectName("itemPractices")
        self.status = QComboBox()
        self.status.setObjectName("itemStatus")
        for value in STATUS_LABELS:
            self.status.addItem(status_label(value), value)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("itemNotes")
        self.notes.setFixedHeight(70)
        self.form.addRow(tr("&Title:"), self.title)
        self.form.addRow(tr("&Provider:"), self.provider)
        self.form.addRow(tr("T&ype:"), self.type)
        self.form.addRow(tr("&Start:"), self.start)
        self.form.addRow(tr("&End:"), self.end)
        self.form.addRow(tr("Estimated &hours:"), self.hours)
        self.form.addRow(tr("&Goal:"), self.goal)
        self.form.addRow(tr("P&ractices:"), self.practices)
        self.form.addRow(tr("Stat&us:"), self.status)
        self.form.addRow(tr("&Notes:"), self.notes)
        self.title.setFocus()
        self.resize(560, self.sizeHint().height())

        it = self.item
        self.title.setText(it.title)
        self.provider.setText(it.provider)
        self.type.setCurrentIndex(max(self.type.findData(it.type), 0))
        today = clock.today()
        year_default = date(plan.year, 1, 1) if today.year != plan.year else today
        self.start.set_value(it.start_date, year_default)
        self.end.set_value(it.end_date, it.start_date or year_default)
        self.hours.setText(format_hours(it.estimated_hours) if it.id is not None or it.estimated_hours else "")
        self.goal.setCurrentIndex(max(self.goal.findData(it.goal_id), 0))
        self.practices.set_practices(it.practices)
        self.status.setCurrentIndex(max(self.status.findData(it.status), 0))
        self.notes.setPlainText(it.notes)

    def value(self) -> PlanItemData:
        start = self.start.value()
        return normalized_item(replace(
            self.item, title=self.title.text(), provider=self.provider.text(), type=str(self.type.currentData()),
            start_date=start, end_date=self.end.value() if start is not None else None,
            estimated_hours=parse_hours(self.hours.text()), goal_id=self.goal.currentData(),
            practices=self.practices.practices(), status=str(self.status.currentData()),
            notes=self.notes.toPlainText(),
        ))
