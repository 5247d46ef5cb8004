"""The challenge page's dialogs (each a `widgets.form_dialog.FormDialog`): record an entry that carries no hours,
add or edit a catalogue item, copy a catalogue to a new year.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models.challenge import MAX_POINTS, ChallengeItemData, catalogue_for_year
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, SIGNUP_KEY
from wethrive_desktop.ui.widgets.form_dialog import FormDialog, date_edit, from_qdate
from wethrive_desktop.ui.widgets.naming import named

# Items that usually carry no PD hours, offered first when recording an entry here.
NO_HOUR_KEYS = ("fund-donation", "early-renewal", "ebook-purchase", "new-member", "credential-status")


def spin_width(spin: QSpinBox) -> int:
    """Room for four digits and the arrows."""
    return spin.fontMetrics().horizontalAdvance("0000") + 48


class EntryDialog(FormDialog):
    """Record a challenge action that carries no hours; it is stored as a 0-hour activity."""

    def __init__(self, parent: QWidget | None, on_date: date, submit: Any = None):
        super().__init__(parent, tr("Record a challenge entry without hours"), submit)
        self.setObjectName("entryDialog")
        self.field_names = {"start_date": tr("Date"), "challenge_key": tr("Item"), "title": tr("Title"),
                            "description": tr("Note")}
        self.date_edit = named(date_edit(on_date), "entryDate", tr("Date"))
        self.item_combo = named(QComboBox(), "entryItem", tr("Challenge item"))
        # Item names are long ("Renew ICMA membership before the renewal deadline"): the combo elides, not the form.
        self.item_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.item_combo.setMinimumContentsLength(24)
        self.title_edit = named(QLineEdit(), "entryTitle", tr("Title"))
        self.title_edit.setPlaceholderText(tr("Defaults to the item's name"))
        self.note_edit = named(QLineEdit(), "entryNote", tr("Note"))
        self.note_edit.setPlaceholderText(tr("e.g. the receipt number or the book's title"))
        self.form.addRow(tr("&Date:"), self.date_edit)
        self.form.addRow(tr("&Item:"), self.item_combo)
        self.form.addRow(tr("&Title:"), self.title_edit)
        self.form.addRow(tr("&Note:"), self.note_edit)
        hint = QLabel(tr("Entries here count for the challenge only: they carry no professional development hours."))
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self._year = 0
        self.date_edit.dateChanged.connect(lambda _d: self._load_items())
        self._load_items()
        self.date_edit.setFocus()
        self.resize(480, self.sizeHint().height())

    def _load_items(self) -> None:
        year = self.entry_date().year
        if year == self._year:
            return
        self._year = year
        current = self.item_combo.currentData()
        items = catalogue_for_year(year)
        items.sort(key=lambda i: (i.key not in NO_HOUR_KEYS, NO_HOUR_KEYS.index(i.key)
                                  if i.key in NO_HOUR_KEYS else 0, -i.points, i.name))
        self.item_combo.clear()
        for item in items:
            if item.key != SIGNUP_KEY:  # sign-up points come from the toggle, not an entry
                self.item_combo.addItem(trn("{name} (%n point)", "{name} (%n points)", item.points).format(
                    name=item.name), item.key)
                self.item_combo.setItemData(self.item_combo.count() - 1, item.name, Qt.ItemDataRole.ToolTipRole)
        index = self.item_combo.findData(current)
        self.item_combo.setCurrentIndex(max(index, 0))

    def entry_date(self) -> date:
        return from_qdate(self.date_edit.date())

    def set_key(self, key: str) -> None:
        self.item_combo.setCurrentIndex(self.item_combo.findData(key))

    def values(self) -> tuple[date, str, str, str]:
        return (self.entry_date(), self.item_combo.currentData() or "", self.title_edit.text(),
                self.note_edit.text())


class ItemDialog(FormDialog):
    """Add an item to a year's catalogue, or edit one (its key stays: entries refer to it)."""

    def __init__(self, parent: QWidget | None, year: int, item: ChallengeItemData | None, submit: Any = None):
        title = tr("Edit {year} item") if item else tr("Add an item to the {year} catalogue")
        super().__init__(parent, title.format(year=year), submit)
        self.setObjectName("itemDialog")
        self.field_names = {"key": tr("Key"), "name": tr("Activity"), "points": tr("Points"), "year": tr("Year")}
        self.year = year
        self.key_edit = named(QLineEdit(item.key if item else ""), "itemKey", tr("Key"))
        self.key_edit.setPlaceholderText(tr("e.g. state-conference (lowercase, hyphens)"))
        self.key_edit.setReadOnly(item is not None)
        if item is not None:
            self.key_edit.setToolTip(tr("The key cannot change: entries refer to it"))
        self.name_edit = named(QLineEdit(item.name if item else ""), "itemName", tr("Activity"))
        self.points_spin = named(QSpinBox(), "itemPoints", tr("Points"))
        self.points_spin.setRange(0, MAX_POINTS)
        self.points_spin.setMinimumWidth(spin_width(self.points_spin))
        self.points_spin.setValue(item.points if item else 5)
        self.form.addRow(tr("&Key:"), self.key_edit)
        self.form.addRow(tr("&Activity:"), self.name_edit)
        self.form.addRow(tr("&Points:"), self.points_spin)
        # The first field that can be changed (an item's key cannot).
        (self.name_edit if item is not None else self.key_edit).setFocus()
        self.resize(460, self.sizeHint().height())

    def item(self) -> ChallengeItemData:
        return ChallengeItemData(self.year, self.key_edit.text(), self.name_edit.text(), self.points_spin.value())


class CopyDialog(FormDialog):
    def __init__(self, parent: QWidget | None, source: int, suggested: int, submit: Any = None):
        super().__init__(parent, tr("Copy the {year} catalogue").format(year=source), submit)
        self.setObjectName("copyDialog")
        self.field_names = {"year": tr("Year")}
        self.year_spin = named(QSpinBox(), "copyYear", tr("New year"))
        self.year_spin.setRange(MIN_YEAR, MAX_YEAR)
        self.year_spin.setMinimumWidth(spin_width(self.year_spin))
        self.year_spin.setValue(suggested)
        self.form.addRow(tr("Copy to &year:"), self.year_spin)
        note = QLabel(tr("The new catalogue starts with the {year} items and points; edit it afterwards. It applies "
                         "to entries from that year on.").format(year=source))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.year_spin.setFocus()
        self.resize(420, self.sizeHint().height())
