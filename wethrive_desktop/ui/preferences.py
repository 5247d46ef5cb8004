"""Edit > Preferences... (Ctrl+,): the look (theme, text size), reminders, how imports read dates, and where the data
lives. The look is previewed at once and put back by Cancel; OK checks the fields, saves the preferences
(preferences.save_preferences) and the data-folder choice (paths.choose_data_dir, used from the next start).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.paths import DATA_DIR_ENV, choose_data_dir, chosen_data_dir, data_dir
from wethrive_desktop.preferences import (
    DATE_ORDERS,
    TEXT_SIZES,
    THEMES,
    Preferences,
    parse_reminder_days,
    parse_report_due,
    save_preferences,
)
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.theme import apply_text_size, apply_theme
from wethrive_desktop.ui.widgets.naming import error_label, named


def theme_labels() -> dict[str, str]:
    return {"system": tr("As the system has it"), "light": tr("Light"), "dark": tr("Dark")}


def date_order_labels() -> dict[str, str]:
    return {"auto": tr("Work it out from the file"), "dmy": tr("Day first (31/12/2026)"),
            "mdy": tr("Month first (12/31/2026)")}


def _combo(name: str, accessible: str, items: Sequence[tuple[str, object]], current: object) -> QComboBox:
    combo = named(QComboBox(), name, accessible)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _add_checked_row(form: QFormLayout, label: str, edit: QLineEdit, error: QLabel) -> None:
    """A row of `form`: `edit` with its error message under it, the label's access key going to `edit`."""
    field = QWidget()
    layout = QVBoxLayout(field)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(edit)
    layout.addWidget(error)
    form.addRow(label, field)
    shown = form.labelForField(field)
    if isinstance(shown, QLabel):
        shown.setBuddy(edit)


def _days_text(days: tuple[int, ...]) -> str:
    return ", ".join(str(d) for d in days)


class PreferencesDialog(QDialog):
    """The preferences as they are saved; `saved` carries the new ones once OK has written them."""

    saved = Signal(object)  # Preferences

    def __init__(self, parent: QWidget | None, prefs: Preferences):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(tr("Preferences"))
        self.original = prefs
        self.previewed = False  # the look was changed here, so Cancel must put it back
        self.folder = chosen_data_dir() or data_dir()  # where the data will be at the next start
        layout = QVBoxLayout(self)
        layout.addWidget(self._appearance_box(prefs))
        layout.addWidget(self._reminders_box(prefs))
        layout.addWidget(self._import_box(prefs))
        layout.addWidget(self._data_box())
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("OK"))
        ok.setObjectName("preferencesOkButton")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("Cancel"))
        cancel.setObjectName("preferencesCancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.theme_combo.setFocus()

    # --- building -------------------------------------------------------------------------------------------------

    def _appearance_box(self, prefs: Preferences) -> QGroupBox:
        box = QGroupBox(tr("Appearance"))
        form = QFormLayout(box)
        labels = theme_labels()
        self.theme_combo = _combo("themeCombo", tr("Theme"), [(labels[t], t) for t in THEMES], prefs.theme)
        self.theme_combo.currentIndexChanged.connect(lambda _i: self._preview())
        sizes = [(tr("{percent} %").format(percent=size), size) for size in TEXT_SIZES]
        self.text_size_combo = _combo("textSizeCombo", tr("Text size"), sizes, prefs.text_size)
        self.text_size_combo.setToolTip(tr("Also View > Zoom in (Ctrl++) and Zoom out (Ctrl+-)"))
        self.text_size_combo.currentIndexChanged.connect(lambda _i: self._preview())
        form.addRow(tr("&Theme"), self.theme_combo)
        form.addRow(tr("Te&xt size"), self.text_size_combo)
        return box

    def _reminders_box(self, prefs: Preferences) -> QGroupBox:
        box = QGroupBox(tr("Reminders"))
        form = QFormLayout(box)
        self.reminders_check = named(QCheckBox(tr("Show desktop &notifications")), "remindersCheck",
                                     tr("Show desktop notifications"))
        self.reminders_check.setToolTip(tr("A notification when a report or requirement is due soon; the "
                                           "dashboard lists them either way"))
        self.reminders_check.setChecked(prefs.reminders_enabled)
        self.days_edit = named(QLineEdit(_days_text(prefs.reminder_days)), "reminderDaysEdit",
                               tr("Days before a due date"))
        self.days_edit.setPlaceholderText(tr("for example 30, 7"))
        self.days_edit.setToolTip(tr("Whole numbers of days, separated by commas"))
        self.days_edit.setEnabled(prefs.reminders_enabled)
        self.days_error = error_label("reminder_days")
        self.days_edit.textChanged.connect(lambda _t: self.days_error.hide())
        self.reminders_check.toggled.connect(self.days_edit.setEnabled)
        form.addRow(self.reminders_check)
        _add_checked_row(form, tr("&Remind me, in days before a due date"), self.days_edit, self.days_error)
        self.report_due_edit = named(QLineEdit(prefs.report_due), "reportDueEdit", tr("Annual report due"))
        self.report_due_edit.setPlaceholderText(tr("MM-DD, e.g. 03-31"))
        self.report_due_edit.setToolTip(tr("The month and day your program wants a year's report by, in the next "
                                           "year (ICMA publishes no date); the reminders count down to it. Empty: no "
                                           "date"))
        self.report_due_error = error_label("report_due")
        self.report_due_edit.textChanged.connect(lambda _t: self.report_due_error.hide())
        _add_checked_row(form, tr("Annual report d&ue"), self.report_due_edit, self.report_due_error)
        return box

    def _import_box(self, prefs: Preferences) -> QGroupBox:
        box = QGroupBox(tr("Importing spreadsheets"))
        form = QFormLayout(box)
        labels = date_order_labels()
        self.date_order_combo = _combo("dateOrderCombo", tr("Dates like 03/04/2026"),
                                       [(labels[o], o) for o in DATE_ORDERS], prefs.import_date_order)
        self.date_order_combo.setToolTip(tr("How File > Import spreadsheet... reads a date such as 03/04/2026 "
                                            "(you can still change it in the import)"))
        form.addRow(tr("&Dates like 03/04/2026"), self.date_order_combo)
        return box

    def _data_box(self) -> QGroupBox:
        box = QGroupBox(tr("Data folder"))
        layout = QVBoxLayout(box)
        self.folder_edit = named(QLineEdit(str(self.folder)), "dataFolderEdit", tr("Data folder"))
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setProperty("userText", True)
        self.open_folder_button = named(QPushButton(tr("&Open folder")), "openDataFolderButton",
                                        tr("Open the data folder"))
        self.open_folder_button.setAutoDefault(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.change_folder_button = named(QPushButton(tr("C&hange...")), "changeDataFolderButton",
                                          tr("Change the data folder"))
        self.change_folder_button.setAutoDefault(False)
        self.change_folder_button.clicked.connect(self.change_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.open_folder_button)
        row.addWidget(self.change_folder_button)
        self.folder_note = named(QLabel(), "dataFolderNote")
        self.folder_note.setWordWrap(True)
        layout.addLayout(row)
        layout.addWidget(self.folder_note)
        self._show_folder_note()
        return box

    # --- the data folder ------------------------------------------------------------------------------------------

    def _show_folder_note(self, problem: str = "") -> None:
        notes = []
        if problem:
            notes.append(problem)
        elif self.folder != data_dir():
            notes.append(tr("From the next start the data is read from this folder; this session goes on with "
                            "{current}. Nothing is moved: copy your files there first.").format(current=data_dir()))
        if os.environ.get(DATA_DIR_ENV):
            notes.append(tr("{variable} is set, so it decides the data folder while it is set.")
                         .format(variable=DATA_DIR_ENV))
        self.folder_note.setText(" ".join(notes))
        self.folder_note.setVisible(bool(notes))

    def open_folder(self) -> bool:
        """Open the folder shown in the system's file manager."""
        if prompts.open_with_system(self.folder):
            return True
        prompts.show_error(self, tr("Open folder"), tr("No file manager could be started. The folder is {folder}")
                           .format(folder=self.folder))
        return False

    def change_folder(self) -> Path | None:
        """Choose another data folder (for the next start); one that cannot be written to is refused."""
        chosen = prompts.choose_folder(self, tr("Choose the data folder"), str(self.folder))
        if chosen is None:
            return None
        if not (chosen.is_dir() and os.access(chosen, os.W_OK)):
            self._show_folder_note(tr("{folder} cannot be written to: choose a folder of yours.")
                                   .format(folder=chosen))
            return None
        self.folder = chosen
        self.folder_edit.setText(str(chosen))
        self._show_folder_note()
        return chosen

    # --- preview, OK, Cancel ----------------------------------------------------------------------------------------

    def _preview(self) -> None:
        """Show the theme and text size chosen at once (Cancel puts the saved ones back)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.previewed = True
            apply_theme(app, str(self.theme_combo.currentData()))
            apply_text_size(app, int(self.text_size_combo.currentData()))

    def value(self) -> Preferences:
        """The preferences as filled in (raises ValueError with a sentence for a field that is wrong)."""
        days = (parse_reminder_days(self.days_edit.text()) if self.reminders_check.isChecked()
                else self.original.reminder_days)
        return replace(self.original, theme=str(self.theme_combo.currentData()),
                       text_size=int(self.text_size_combo.currentData()),
                       import_date_order=str(self.date_order_combo.currentData()),
                       reminders_enabled=self.reminders_check.isChecked(), reminder_days=days,
                       report_due=parse_report_due(self.report_due_edit.text()))

    def accept(self) -> None:
        problems = []  # (field, its error label, the message): each wrong field says what is wrong with it
        for edit, error, parse in ((self.days_edit, self.days_error, parse_reminder_days),
                                   (self.report_due_edit, self.report_due_error, parse_report_due)):
            try:
                if edit.isEnabled():
                    parse(edit.text())
            except ValueError as exc:
                problems.append((edit, error, str(exc)))
        for _edit, error, message in problems:
            error.setText(message)
            error.show()
        if problems:
            problems[0][0].setFocus()
            return
        prefs = self.value()
        try:
            save_preferences(prefs)
        except OSError as exc:
            prompts.show_error(self, tr("Preferences"), tr("The preferences could not be saved: {error}")
                               .format(error=exc))
            return
        if self.folder != (chosen_data_dir() or data_dir()):
            try:
                # The preferences go with the data: the next start reads them from the new folder.
                save_preferences(prefs, self.folder)
                choose_data_dir(self.folder)
            except OSError as exc:
                prompts.show_error(self, tr("Preferences"), tr(
                    "The preferences were saved, but the data folder could not be changed to {folder}: {error}")
                    .format(folder=self.folder, error=exc))
                return
        self.original = prefs
        super().accept()
        self.saved.emit(prefs)

    def reject(self) -> None:
        app = QApplication.instance()
        if self.previewed and isinstance(app, QApplication):
            apply_theme(app, self.original.theme)
            apply_text_size(app, self.original.text_size)
        super().reject()


def open_preferences(parent: QWidget | None, prefs: Preferences) -> PreferencesDialog:
    """Open the dialog (window-modal, not blocking) on `prefs` and return it."""
    dialog = PreferencesDialog(parent, prefs)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
