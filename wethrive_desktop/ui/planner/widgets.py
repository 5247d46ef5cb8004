"""The planner's small form widgets: the practice picker (a button with a checkable menu of the 14 practices) and
a date that may be left out; how a set of practices is written ("2, 12") and explained (their names)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QMenu, QSizePolicy, QToolButton, QWidget

from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.ui.widgets.dates import DateEdit
from wethrive_desktop.ui.widgets.labels import practice_label


def practices_text(practices: Iterable[int]) -> str:
    return ", ".join(str(p) for p in practices)


def practices_tip(practices: Iterable[int]) -> str:
    return "\n".join(practice_label(p) for p in practices)


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
        for n in PRACTICES:
            action = menu.addAction(practice_label(n))
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
        self.setText(practices_text(chosen) if chosen else tr("Choose practices"))
        self.setToolTip(practices_tip(chosen) or tr("The practices this develops"))
        self.changed.emit()


class OptionalDate(QWidget):
    """A date that may be left out (a book to read some time this year). Its form label's access key goes to the
    check box (its focus proxy)."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.enabled = QCheckBox(label)
        self.edit = DateEdit()
        self.edit.setMinimumWidth(130)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.setFocusProxy(self.enabled)
        # A label's access key focuses its buddy only when the buddy itself takes the focus (QLabel does not look
        # at the proxy first): with a policy, the key reaches the check box.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
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
