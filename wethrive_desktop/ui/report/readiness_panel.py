"""The readiness check beside the report's tabs: each check passed (a tick) or not (with a button that takes the
member to the fix, through `fix_requested`), and the status icon the activity list shares."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStyle, QVBoxLayout, QWidget

from wethrive_desktop.models.annual_report import Fix, ReadinessItem
from wethrive_desktop.ui.report.style import MUTED_COLOR, OK_COLOR, TODO_COLOR, WARN_COLOR
from wethrive_desktop.ui.widgets.naming import named

FIX_LABELS = {
    Fix.ACTIVITIES: "Log activity\u2026",
    Fix.ACTIVITY: "Edit activity\u2026",
    Fix.REFLECTION: "Write it",
    Fix.PLANNER: "Open plan",
    Fix.PROFILE: "Edit profile\u2026",
    Fix.ATTESTATION: "Sign",
}


def status_icon(widget: QWidget, ok: bool, warning: bool) -> QIcon:
    """A tick when `ok`, else a warning sign (`warning`) or an error sign, in `widget`'s style."""
    pixmap = (QStyle.StandardPixmap.SP_DialogApplyButton if ok else
              QStyle.StandardPixmap.SP_MessageBoxWarning if warning else QStyle.StandardPixmap.SP_MessageBoxCritical)
    return widget.style().standardIcon(pixmap)


class ReadinessPanel(QFrame):
    """The checks, each passed (a tick) or not (with a button that takes the user to the fix)."""

    fix_requested = Signal(object)  # ReadinessItem

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readinessPanel")
        self.setAccessibleName("Readiness check")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.heading = named(QLabel(), "readinessHeading")
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 4, 0)
        self.rows.setSpacing(6)
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        self.items: list[ReadinessItem] = []
        self.buttons: dict[str, QPushButton] = {}
        self._shown: list[tuple[str, bool, str]] = []

    def set_items(self, items: list[ReadinessItem]) -> None:
        shown = [(i.key, i.ok, i.message) for i in items]
        if shown == self._shown:
            return
        self._shown = shown
        self.items = items
        while self.rows.count():
            child = self.rows.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        for item in items:
            self.rows.addWidget(self._row(item))
        self.rows.addStretch(1)
        todo = sum(1 for i in items if i.blocking)
        warnings = sum(1 for i in items if not i.ok and i.warning)
        if todo:
            text = f"<b style='color:{TODO_COLOR}'>{todo} to fix</b>"
        else:
            text = f"<b style='color:{OK_COLOR}'>Ready to submit</b>"
        if warnings:
            text += f" \u00b7 <span style='color:{WARN_COLOR}'>{warnings} to check</span>"
        self.heading.setText(f"<b>Readiness check</b><br>{text}")

    def _row(self, item: ReadinessItem) -> QWidget:
        row = named(QWidget(), f"readiness-{item.key}")
        outer = QVBoxLayout(row)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        line = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(status_icon(self, item.ok, item.warning).pixmap(16, 16))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setFixedWidth(20)
        line.addWidget(icon)
        text = QLabel(item.message)
        text.setWordWrap(True)
        if item.ok:
            text.setStyleSheet(f"color: {MUTED_COLOR};")
        line.addWidget(text, 1)
        outer.addLayout(line)
        if not item.ok:
            # The button goes under the message: beside it, Qt cut long wrapped messages short.
            button = named(QPushButton(FIX_LABELS[item.fix]), f"fix-{item.key}")
            button.setAccessibleName(f"Fix: {item.message}")
            button.clicked.connect(lambda _=False, i=item: self.fix_requested.emit(i))
            actions = QHBoxLayout()
            actions.addStretch(1)
            actions.addWidget(button)
            outer.addLayout(actions)
            self.buttons[item.key] = button
        return row
