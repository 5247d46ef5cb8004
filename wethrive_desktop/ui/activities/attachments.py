"""The activity dialog's attachments: the files stored with the activity (less those removed) and the files to be
copied in on Save, with Add files..., Open and Remove. Nothing is written here: the dialog's save takes `added`
and `removed` (models.activity_edits.save_with_attachments, or its undoable form)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models.activities import AttachmentData, UnsafeAttachmentError, attachment_path
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.widgets.naming import named


class AttachmentsEditor(QWidget):
    """The list and its buttons; `changed` is emitted when a file is added or removed."""

    changed = Signal()

    def __init__(self, stored: list[AttachmentData], parent: QWidget | None = None):
        super().__init__(parent)
        self.stored = list(stored)
        self.added: list[Path] = []
        self.removed: list[int] = []
        self.list = named(QListWidget(), "attachmentList", tr("Attachments"))
        self.list.setMaximumHeight(64)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = named(QPushButton(tr("Add &files...")), "addAttachmentButton", tr("Add attachment files"))
        self.open_button = named(QPushButton(tr("Op&en")), "openAttachmentButton", tr("Open the selected attachment"))
        self.remove_button = named(QPushButton(tr("Remo&ve")), "removeAttachmentButton",
                                   tr("Remove the selected attachment"))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_files)
        self.open_button.clicked.connect(self.open_selected_file)
        self.remove_button.clicked.connect(self.remove_selected_file)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected_file())
        self.list.currentRowChanged.connect(self._update_buttons)

    def fill(self) -> None:
        self.list.clear()
        for attachment in self.stored:
            if attachment.id in self.removed:
                continue
            item = QListWidgetItem(attachment.original_name)
            item.setData(Qt.ItemDataRole.UserRole, ("stored", attachment))
            item.setToolTip(trn("{name} (%n byte), stored with the activity",
                                "{name} (%n bytes), stored with the activity",
                                attachment.size).format(name=attachment.original_name))
            self.list.addItem(item)
        for path in self.added:
            item = QListWidgetItem(tr("{name} (to be copied in on Save)").format(name=path.name))
            item.setData(Qt.ItemDataRole.UserRole, ("new", path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        self._update_buttons()

    def add_files(self) -> None:
        for path in prompts.choose_open_files(self.window(), tr("Attach files to this activity")):
            if path not in self.added:
                self.added.append(path)
        self.fill()
        self.changed.emit()

    def _selected_file(self) -> tuple[str, Any] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        return str(kind), value

    def open_selected_file(self) -> None:
        selected = self._selected_file()
        if selected is None:
            return
        kind, value = selected
        if kind == "stored":
            try:
                path = attachment_path(value.stored_name, value.sha256)
            except UnsafeAttachmentError as exc:  # a planted name: never handed to the system viewer
                prompts.show_error(self.window(), tr("Open attachment"),
                                   tr("{name} could not be opened: {reason}.").format(name=value.original_name,
                                                                                      reason=exc))
                return
        else:
            path = Path(value)
        if not path.exists() or not prompts.open_with_system(path):
            prompts.show_error(self.window(), tr("Open attachment"),
                               tr("{path} could not be opened.").format(path=path))

    def remove_selected_file(self) -> None:
        selected = self._selected_file()
        if selected is None:
            return
        kind, value = selected
        if kind == "stored":
            self.removed.append(int(value.id))
        else:
            self.added.remove(value)
        self.fill()
        self.changed.emit()

    def _update_buttons(self, *_args: Any) -> None:
        has = self.list.currentItem() is not None
        self.open_button.setEnabled(has)
        self.remove_button.setEnabled(has)
