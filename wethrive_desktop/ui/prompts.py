"""Every blocking question the GUI asks (confirmations, file choosers, messages) and opening files, in one place.

Call them as `prompts.confirm(...)` (through the module), so that tests can monkeypatch them and never block on a
modal box: `monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, ok_label: str = "OK") -> bool:
    """Ask a yes/no question; True when the user chose `ok_label`. The safe answer (Cancel) is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


def choose_open_file(parent: QWidget | None, caption: str, file_filter: str, folder: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, caption, folder, file_filter)
    return Path(name) if name else None


def choose_open_files(parent: QWidget | None, caption: str, file_filter: str = "All files (*)",
                      folder: str = "") -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, caption, folder, file_filter)
    return [Path(n) for n in names]


def choose_save_file(parent: QWidget | None, caption: str, suggested: str, file_filter: str) -> Path | None:
    """A file to write; `suggested` is a file name or path. The native dialog asks before overwriting."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return Path(name) if name else None


def open_with_system(path: Path) -> bool:
    """Open a file with the system's viewer (a PDF reader, an image viewer...)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
