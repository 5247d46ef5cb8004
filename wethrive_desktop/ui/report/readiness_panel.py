"""The readiness check beside the report's tabs: each check passed (a tick) or not (with a button that takes the
member to the fix, through `fix_requested`), and the status icon the activity list shares.

A report of thousands of activities can have hundreds of items about single activities: the panel shows the first
MAX_ACTIVITY_ROWS of them and one line for the rest (the activity list marks every one). A check that changed
little changes the panel little: a row whose item is unchanged is kept, not made again, and the rows of items gone
show the new ones (another year's checks refill the rows there are). The items come in the user's language from the
check itself; the panel's own words go through `tr` too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStyle, QVBoxLayout, QWidget

from wethrive_desktop.i18n import noop, tr
from wethrive_desktop.models.annual_report import Fix, ReadinessItem
from wethrive_desktop.ui.colors import MUTED, color_text
from wethrive_desktop.ui.report.style import OK_COLOR, TODO_COLOR, WARN_COLOR, escape
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
        self._pixmaps: dict[tuple[bool, bool], QPixmap] = {}  # the status icons, by (ok, warning)

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
        """Lay out the rows of `shown`: a row whose item is unchanged is kept as it is, a row whose item is gone
        shows a new one (another year's checks fill the rows there are, not new ones), and only the rows left over
        are made or removed."""
        old, self._rows = self._rows, {}
        while self.rows.count():
            self.rows.takeAt(0)  # the widgets stay; the layout forgets them
        kept = {entry: old.pop(entry) for entry in shown if entry in old}
        # A row shows only items like its first (a passed check, or one with a button): a button shown or hidden in
        # a row already laid out left its text cut short in the narrow panel's tab.
        spare_rows: dict[bool, list[_Row]] = {True: [], False: []}
        for w in old.values():
            if isinstance(w, _Row):
                spare_rows[w.passed].append(w)
        spare_lines = [w for w in old.values() if isinstance(w, QLabel)]
        for entry in shown:
            widget = kept.get(entry)
            if widget is None:
                if isinstance(entry, str):
                    line = spare_lines.pop() if spare_lines else self._more_row()
                    line.setText(entry)
                    widget = line
                else:
                    spare = spare_rows[entry.ok]
                    row = spare.pop() if spare else _Row(self, entry.ok)
                    row.show_item(entry, self._icon(entry))
                    widget = row
            self._rows[entry] = widget
            self.rows.addWidget(widget)
        self.rows.addStretch(1)
        for widget in [*spare_rows[True], *spare_rows[False], *spare_lines]:
            widget.hide()
            widget.deleteLater()
        self.buttons = {entry.key: widget.button for entry, widget in self._rows.items()
                        if isinstance(entry, ReadinessItem) and isinstance(widget, _Row) and widget.button is not None}

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._pixmaps.clear()  # the style's icons (a theme brings its own), drawn again for every row
            for row in self._rows.values():
                if isinstance(row, _Row) and row.item is not None:
                    row.icon.setPixmap(self._icon(row.item))
        super().changeEvent(event)

    def _icon(self, item: ReadinessItem) -> QPixmap:
        kind = (item.ok, item.warning)
        pixmap = self._pixmaps.get(kind)
        if pixmap is None:
            pixmap = self._pixmaps[kind] = status_icon(self, item.ok, item.warning).pixmap(16, 16)
        return pixmap

    def _more_row(self) -> QLabel:
        row = named(QLabel(), "readiness-more")
        row.setWordWrap(True)
        color_text(row, MUTED)  # (in the shade of the palette of the moment, as the theme changes)
        return row


class _Row(QWidget):
    """One check in the panel: its icon and message, and unless it `passed` a button under them that asks for its
    fix (the panel's `fix_requested`). It shows one item, then another like it (`show_item`) as the checks change."""

    def __init__(self, panel: ReadinessPanel, passed: bool):
        super().__init__()
        self.item: ReadinessItem | None = None
        self.passed = passed
        self.panel = panel
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        line = QHBoxLayout()
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.icon.setFixedWidth(20)
        line.addWidget(self.icon)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # an activity's title is the member's text, never markup
        self.text.setWordWrap(True)
        if passed:
            color_text(self.text, MUTED)
        line.addWidget(self.text, 1)
        outer.addLayout(line)
        self.button: QPushButton | None = None
        if not passed:
            # The button goes under the message: beside it, Qt cut long wrapped messages short.
            self.button = QPushButton()
            self.button.clicked.connect(self._ask_fix)
            actions = QHBoxLayout()
            actions.addStretch(1)
            actions.addWidget(self.button)
            outer.addLayout(actions)

    def show_item(self, item: ReadinessItem, icon: QPixmap) -> None:
        self.item = item
        self.setObjectName(f"readiness-{item.key}")
        self.icon.setPixmap(icon)
        self.text.setText(item.message)
        if self.button is not None:
            named(self.button, f"fix-{item.key}", tr("Fix: {problem}").format(problem=item.message))
            self.button.setText(tr(FIX_LABELS[item.fix]))

    def _ask_fix(self) -> None:
        if self.item is not None:
            self.panel.fix_requested.emit(self.item)
