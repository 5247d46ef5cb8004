"""Every blocking question the GUI asks (confirmations, file choosers, messages) and opening files, in one place.

Call them as `prompts.confirm(...)` (through the module), so that tests can monkeypatch them and never block on a
modal box: `monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)`.

Callers pass titles and texts already through `tr`; the buttons these functions name themselves (OK, Cancel,
Close) go through `tr` here, since the app ships none of Qt's own translations.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from wethrive_desktop.i18n import tr

Button = QMessageBox.StandardButton


def _standard_texts(box: QMessageBox) -> None:
    """The standard buttons of `box` with their texts through tr."""
    for button, text in ((Button.Ok, tr("OK")), (Button.Cancel, tr("Cancel")), (Button.Close, tr("Close"))):
        if (found := box.button(button)) is not None:
            found.setText(text)


def confirm(parent: QWidget | None, title: str, text: str, ok_label: str | None = None) -> bool:
    """Ask a yes/no question; True when the user chose `ok_label` (OK by default). The safe answer (Cancel) is the
    default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    _standard_texts(box)
    ok = box.addButton(ok_label or tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def ask(parent: QWidget | None, title: str, text: str, yes_label: str, no_label: str) -> bool:
    """A question with two named answers ("Save" / "Go back"); True when the user chose `yes_label`. The safe answer,
    `no_label`, is the default button and what Esc chooses."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(yes_label, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    _standard_texts(box)
    box.exec()


def show_crash(parent: QWidget | None, summary: str, details: str, log_folder: Path) -> None:
    """The crash dialog (ui/crash_dialog.py): "Something went wrong. Your records are safe.", with the details."""
    from wethrive_desktop.ui.crash_dialog import make_crash_dialog

    dialog = make_crash_dialog(parent, summary, details, log_folder)
    dialog.exec()
    dialog.deleteLater()


def show_notice(parent: QWidget | None, title: str, text: str, details: str = "", action_label: str = "") -> bool:
    """A message to read, with the details behind a button; True when the user chose `action_label` (if given)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent)
    _standard_texts(box)
    if details:
        box.setDetailedText(details)
    action = box.addButton(action_label, QMessageBox.ButtonRole.ActionRole) if action_label else None
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.exec()
    return action is not None and box.clickedButton() is action


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


def choose_open_file(parent: QWidget | None, caption: str, file_filter: str, folder: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, caption, folder, file_filter)
    return Path(name) if name else None


def choose_open_files(parent: QWidget | None, caption: str, file_filter: str = "All files (*)",
                      folder: str = "") -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, caption, folder, file_filter)
    return [Path(n) for n in names]


def choose_folder(parent: QWidget | None, caption: str, folder: str = "") -> Path | None:
    """An existing folder (the system's folder chooser, which can also make a new one); None when cancelled."""
    name = QFileDialog.getExistingDirectory(parent, caption, folder)
    return Path(name) if name else None


def choose_save_file(parent: QWidget | None, caption: str, suggested: str, file_filter: str) -> Path | None:
    """A file to write; `suggested` is a file name or path. The native dialog asks before overwriting."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return Path(name) if name else None


def run_modal(dialog: QDialog) -> bool:
    """Show `dialog` modally and wait for the answer (exec()); True when it was accepted. Every blocking dialog of
    the app is run through here (form_dialog.run_dialog, the report page's submission date and print dialog)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def open_with_system(path: Path) -> bool:
    """Open a file with the system's viewer (a PDF reader, an image viewer...)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
