"""The activity log page (filled in by the activity-log issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wethrive_desktop.models.activities import load_activities

if TYPE_CHECKING:
    from wethrive_desktop.ui.main_window import MainWindow


class ActivityLogPage(QWidget):
    def __init__(self, window: MainWindow):
        super().__init__()
        self.setObjectName("activityLogPage")
        self.window_ = window
        self.label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.refresh()

    def refresh(self) -> None:
        self.label.setText(f"{len(load_activities())} activities")
