"""The activity dialog's #WeThriveHere item: a combo of the catalogue of the activity's year ("None" first) and,
under it, a hint when the item was suggested from the title, type and provider (models.challenge.suggest_key).
The suggestion follows what is typed until the member picks an item (or "None") themselves. A 0-hour entry with an
item the member chose is a challenge action without hours, which the dialog saves without asking."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models.challenge import ChallengeItemData, catalogue_for_year, suggest_key
from wethrive_desktop.ui.challenge.dialogs import NO_HOUR_KEYS
from wethrive_desktop.ui.widgets.naming import named


class ChallengePicker(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._catalogues: dict[int, list[ChallengeItemData]] = {}
        self.touched = False  # the member chose an item: no more suggestions
        self.combo = named(QComboBox(), "challengeCombo", tr("Challenge item"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        self.hint = named(QLabel(), "challengeHint")
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        self.hint.hide()  # shown with a suggestion
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.hint)
        self.combo.activated.connect(self._chosen)

    def items_for(self, year: int) -> list[ChallengeItemData]:
        if year not in self._catalogues:
            self._catalogues[year] = catalogue_for_year(year)
        return self._catalogues[year]

    def fill(self, year: int, key: str | None) -> None:
        combo = self.combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("None"), None)
        for item in self.items_for(year):
            combo.addItem(trn("{name} (%n point)", "{name} (%n points)", item.points).format(name=item.name),
                          item.key)
        if key is not None and combo.findData(key) < 0:
            # A key not in this year's catalogue stays visible, so validation can say what is wrong with it.
            combo.addItem(tr("{key} (not in the {year} catalogue)").format(key=key, year=year), key)
        combo.setCurrentIndex(max(combo.findData(key), 0))
        combo.blockSignals(False)

    def _chosen(self, _index: int) -> None:
        self.touched = True
        self._hint("")

    def marks_hourless_action(self) -> bool:
        """Whether an activity of 0 hours with the item shown is a #WeThriveHere action that carries no PD hours
        (DOMAIN.md section 4): the member chose the item, or it is one that usually has none (a donation, a
        renewal). An item only suggested for an event with hours (the Annual Conference) does not make 0 hours
        right: there they were more likely forgotten."""
        key = self.combo.currentData()
        return key is not None and (self.touched or key in NO_HOUR_KEYS)

    def suggest(self, year: int, title: str, kind: str, provider: str) -> None:
        """Select the item `title`, `kind` and `provider` suggest in `year`'s catalogue (None: "None")."""
        if self.touched:
            return
        keys = [item.key for item in self.items_for(year)]
        key = suggest_key(title, kind, keys, provider)
        self.combo.setCurrentIndex(max(self.combo.findData(key), 0))
        self._hint(tr("Suggested from the title; choose another if it does not fit") if key else "")

    def _hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
