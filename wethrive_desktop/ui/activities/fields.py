"""The activity dialog's form fields: dates within the valid years (in the locale's format, one Tab to pass), hours
as exact hundredths, the text boxes with their prompts, completion from earlier entries, and the checkable list of
the 14 practices."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import QCompleter, QDoubleSpinBox, QListWidget, QListWidgetItem, QPlainTextEdit

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.ui.widgets.dates import MAX_DATE as MAX_DATE  # the dates' range, re-exported
from wethrive_desktop.ui.widgets.dates import MIN_DATE as MIN_DATE
from wethrive_desktop.ui.widgets.dates import DateEdit
from wethrive_desktop.ui.widgets.labels import practice_label
from wethrive_desktop.ui.widgets.naming import named

MAX_SPIN_HOURS = 9999.75  # above any valid value, so too many hours can be typed and explained, not clamped


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def decimal_hours(value: float) -> Decimal:
    """A spin box's float as exact hundredths (the box shows two decimals)."""
    return Decimal(f"{value:.2f}")


def completer(words: list[str], parent: QObject) -> QCompleter:
    found = QCompleter(words, parent)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    found.setFilterMode(Qt.MatchFlag.MatchContains)
    return found


def date_edit(name: str, accessible: str) -> DateEdit:
    return named(DateEdit(), name, accessible)


def hours_spin(name: str = "hoursSpin", accessible: str = "") -> QDoubleSpinBox:
    spin = named(QDoubleSpinBox(), name, accessible or tr("Hours"))
    spin.setDecimals(2)
    spin.setSingleStep(0.25)
    spin.setRange(0, MAX_SPIN_HOURS)
    spin.setSuffix(tr(" h"))
    spin.setToolTip(tr("Decimal hours: a 90-minute webinar is 1.5 h. Arrow keys step by a quarter hour."))
    return spin


def text_edit(name: str, accessible: str, prompt: str) -> QPlainTextEdit:
    edit = named(QPlainTextEdit(), name, accessible)
    edit.setPlaceholderText(prompt)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(60)
    return edit


class PracticeList(QListWidget):
    """The 14 practices, each with a check box (Space checks the current one), all in view."""

    def __init__(self) -> None:
        super().__init__()
        named(self, "practiceList", tr("Practices"))
        for number in PRACTICES:
            item = QListWidgetItem(practice_label(number))
            item.setData(Qt.ItemDataRole.UserRole, number)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setToolTip(tr("Check the practices this activity developed (Space checks the current one)"))
        # All 14 practices in view, none cut: a list to check, not to scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frame = 2 * self.frameWidth()
        self.setMinimumHeight(self.sizeHintForRow(0) * len(PRACTICES) + frame + 2)
        self.setMinimumWidth(self.sizeHintForColumn(0) + frame + 8)

    def practices(self) -> tuple[int, ...]:
        return tuple(int(self.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.count())
                     if self.item(row).checkState() == Qt.CheckState.Checked)

    def set_practices(self, practices: Iterable[int]) -> None:
        wanted = set(practices)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
