"""The readiness check beside the report's tabs: each check passed (a tick) or not (with a button that takes the
member to the fix, through `fix_requested`), and the status icon the activity list shares.

A report of thousands of activities can have hundreds of items about single activities: the panel shows the first
MAX_ACTIVITY_ROWS of them and one line for the rest (the activity list marks every one). A check that changed
little changes the panel little: a row whose item is unchanged is kept, not made again. The items come in the user's
language from the check itself; the panel's own words go through `tr` too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStyle, QVBoxLayout, QWidget

from wethrive_desktop.i18n import noop, tr
from wethrive_desktop.models.annual_report import Fix, ReadinessItem
from wethrive_desktop.ui.report.style import MUTED_COLOR, OK_COLOR, TODO_COLOR, WARN_COLOR, escape
from wethrive_desktop.ui.widgets.naming import named

MAX_ACTIVITY_ROWS = 30  # rows about single activities; the others are counted in one line

FIX_LABELS = {  # (shown through tr)
    Fix.ACTIVITIES: noop("Log activity\u2026"),
    Fix.ACTIVITY: noop("Edit activity\u2026"),
    Fix.REFLECTION: noop("Write it"),
    Fix.PLANNER: noop("Open plan"),
    Fix.PROFILE: noop("Edit profile\u2026"),
    Fix.ATTESTATION: noop("Sign"),
    Fix.NARRATIVE: noop("Write it"),
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
        self.setAccessibleName(tr("Readiness check"))
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
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the rows wrap
        self.scroll_area.setWidget(self.body)
        self.scroll_area.viewport().setAutoFillBackground(False)  # the panel's own background, beside or in a tab
        self.body.setAutoFillBackground(False)
        outer.addWidget(self.scroll_area, 1)
        self.items: list[ReadinessItem] = []
        self.buttons: dict[str, QPushButton] = {}
        self._rows: dict[ReadinessItem | str, QWidget] = {}  # the rows shown, by their item (or the "more" text)

    def set_items(self, items: list[ReadinessItem]) -> None:
        if items == self.items:
            return
        self.items = items
        shown: list[ReadinessItem | str] = []
        single = more = 0
        more_at = 0  # where the line counting the rows left out goes
        for item in items:
            if item.activity_id is not None and not item.ok:
                single += 1
                if single > MAX_ACTIVITY_ROWS:
                    more_at = more_at if more else len(shown)
                    more += 1
                    continue
            shown.append(item)
        if more:
            shown.insert(more_at, tr("\u2026 and {count} more about single activities: the activity list marks each "
                                     "one (its tooltip says what is missing)").format(count=f"{more:,}"))
        self._show_rows(shown)
        todo = sum(1 for i in items if i.blocking)
        warnings = sum(1 for i in items if not i.ok and i.warning)
        if todo:
            to_fix = tr("{count} to fix").format(count=todo)
            text = f"<b style='color:{TODO_COLOR}'>{escape(to_fix)}</b>"
        else:
            ready = tr("Ready to submit")
            text = f"<b style='color:{OK_COLOR}'>{escape(ready)}</b>"
        if warnings:
            check = escape(tr("{count} to check").format(count=warnings))
            text += f" \u00b7 <span style='color:{WARN_COLOR}'>{check}</span>"
        heading = tr("Readiness check")
        self.heading.setText(f"<b>{escape(heading)}</b><br>{text}")

    def _show_rows(self, shown: list[ReadinessItem | str]) -> None:
        """Lay out the rows of `shown`, keeping the widgets of rows already there."""
        old, self._rows = self._rows, {}
        while self.rows.count():
            self.rows.takeAt(0)  # the widgets stay; the layout forgets them
        for entry in shown:
            widget = old.pop(entry, None)
            if widget is None:
                widget = self._more_row(entry) if isinstance(entry, str) else self._row(entry)
            self._rows[entry] = widget
            self.rows.addWidget(widget)
        self.rows.addStretch(1)
        for widget in old.values():
            widget.hide()
            widget.deleteLater()
        self.buttons = {}
        for entry, widget in self._rows.items():
            if isinstance(entry, ReadinessItem) and not entry.ok:
                button = widget.findChild(QPushButton, f"fix-{entry.key}")
                if button is not None:
                    self.buttons[entry.key] = button

    def _more_row(self, text: str) -> QWidget:
        row = named(QLabel(text), "readiness-more")
        row.setWordWrap(True)
        row.setStyleSheet(f"color: {MUTED_COLOR};")
        return row

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
        text.setTextFormat(Qt.TextFormat.PlainText)  # an activity's title is the member's text, never markup
        text.setWordWrap(True)
        if item.ok:
            text.setStyleSheet(f"color: {MUTED_COLOR};")
        line.addWidget(text, 1)
        outer.addLayout(line)
        if not item.ok:
            # The button goes under the message: beside it, Qt cut long wrapped messages short.
            button = named(QPushButton(tr(FIX_LABELS[item.fix])), f"fix-{item.key}")
            button.setAccessibleName(tr("Fix: {problem}").format(problem=item.message))
            button.clicked.connect(lambda _=False, i=item: self.fix_requested.emit(i))
            actions = QHBoxLayout()
            actions.addStretch(1)
            actions.addWidget(button)
            outer.addLayout(actions)
        return row
