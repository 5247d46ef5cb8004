"""The planner's small form widgets: the practice picker (a button with a checkable menu of the 14 practices) and
a date that may be left out; and how a set of practices is written ("2, 12") and explained (their names)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QMenu, QSizePolicy, QToolButton, QWidget

from wethrive_desktop.models import clock
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, PRACTICES


def practices_text(practices: Iterable[int]) -> str:
    return ", ".join(str(p) for p in practices)


def practices_tip(practices: Iterable[int]) -> str:
    return "\n".join(f"{p}. {PRACTICES[p]}" for p in practices)


class PracticePicker(QToolButton):
    """A button that shows the chosen practices ("2, 12") and opens a checkable list of all 14."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMinimumWidth(180)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self)
        self.actions_by_number: dict[int, QAction] = {}
        for n, name in PRACTICES.items():
            action = menu.addAction(f"{n}. {name}")
            action.setCheckable(True)
            action.toggled.connect(self._update)
            self.actions_by_number[n] = action
        self.setMenu(menu)
        self._update()

    def practices(self) -> tuple[int, ...]:
        return tuple(n for n, a in self.actions_by_number.items() if a.isChecked())

    def set_practices(self, practices: Iterable[int]) -> None:
        wanted = set(practices)
        for n, action in self.actions_by_number.items():
            action.setChecked(n in wanted)
        self._update()

    def _update(self) -> None:
        chosen = self.practices()
        self.setText(practices_text(chosen) if chosen else "Choose practices")
        self.setToolTip(practices_tip(chosen) or "The practices this develops")
        self.changed.emit()


class OptionalDate(QWidget):
    """A date that may be left out (a book to read some time this year)."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.enabled = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumWidth(130)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.set_value(None)

    def value(self) -> date | None:
        if not self.enabled.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None, default: date | None = None) -> None:
        shown = value or default or clock.today()
        self.edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
