"""Help > Where my data lives: the data folder, the database, its backups and the log folder, each with its path
(selectable, to copy) and a button that opens it in the system's file manager."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.crash_log import log_dir
from wethrive_desktop.i18n import tr
from wethrive_desktop.models.backups import backups_folder
from wethrive_desktop.paths import data_dir
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.widgets.naming import named


@dataclass(frozen=True)
class Place:
    name: str  # object-name stem: dataFolder -> dataFolderPath, dataFolderButton
    label: str
    path: Path  # what is shown
    folder: Path  # what the button opens
    button: str  # the button's text, with its access key
    create: bool = False  # make the folder if it is not there yet (the log folder), rather than disable the button


def places(db_path: Path) -> list[Place]:
    return [
        Place("dataFolder", tr("Data folder"), data_dir(), data_dir(), tr("Open &data folder")),
        Place("database", tr("Database"), db_path, db_path.parent, tr("Open database &folder")),
        Place("backups", tr("Backups"), backups_folder(db_path), backups_folder(db_path), tr("Open &backups")),
        Place("logs", tr("Log"), log_dir(), log_dir(), tr("Open &log folder"), create=True),
    ]


class DataPlacesDialog(QDialog):
    def __init__(self, parent: QWidget | None, db_path: Path):
        super().__init__(parent)
        self.setObjectName("dataPlacesDialog")
        self.setWindowTitle(tr("Where my data lives"))
        intro = QLabel(tr("Your records stay on this computer, in these places. Copy a path from here, or open its "
                          "folder to look at the files or copy them elsewhere."))
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.buttons: dict[str, QPushButton] = {}
        for row, place in enumerate(places(db_path)):
            path = named(QLineEdit(str(place.path)), f"{place.name}Path", place.label)
            path.setReadOnly(True)
            path.setProperty("userText", True)
            path.setCursorPosition(0)
            label = QLabel(place.label)
            button = named(QPushButton(place.button), f"{place.name}Button", place.button.replace("&", ""))
            button.setAutoDefault(False)
            if not place.create and not place.folder.is_dir():
                button.setEnabled(False)
                button.setToolTip(tr("There is nothing there yet"))
            button.clicked.connect(lambda _checked=False, p=place: self.open_place(p))
            grid.addWidget(label, row, 0)
            grid.addWidget(path, row, 1)
            grid.addWidget(button, row, 2)
            self.buttons[place.name] = button
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Close).setText(tr("&Close"))
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(box)
        self.resize(640, self.sizeHint().height())

    def open_place(self, place: Place) -> bool:
        """Open `place`'s folder in the file manager; a problem is told (the path stays on screen to copy)."""
        try:
            if place.create:
                place.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            prompts.show_error(self, self.windowTitle(), tr("The folder {folder} cannot be created: {error}")
                               .format(folder=place.folder, error=exc))
            return False
        if not prompts.open_with_system(place.folder):
            prompts.show_error(self, self.windowTitle(), tr("No file manager could be started. The folder is "
                                                            "{folder}").format(folder=place.folder))
            return False
        return True


def open_data_places(parent: QWidget | None, db_path: Path) -> DataPlacesDialog:
    """Open the dialog (window-modal, not blocking) and return it."""
    dialog = DataPlacesDialog(parent, db_path)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
