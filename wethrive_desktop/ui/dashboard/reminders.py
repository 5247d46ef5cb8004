"""The body of the dashboard's Reminders card: each reminder of models.reminders (behind pace, the annual report,
the 360 assessment, eligibility, another tracked requirement) with its due date and, where one helps, a button to
the place that acts on it (the plan, the report page, the profile, the Requirements page). "Nothing due" when there
is none.

The Requirements page is reached by its object name among the window's pages (ui.pages.PAGES), so the dashboard
does not import it (nor need it to exist: without it, no button). Several requirement reminders can show at once,
so their buttons carry no access key; the Requirements card's button (Alt+Q) leads to the same page.

The page places it in a card and hands it the reminders of its DashboardData at each refresh, so it shows the same
list as the desktop notifications and `wethrive deadlines`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models.reminders import (
    ELIGIBILITY,
    MULTIRATER,
    PACE,
    REPORT,
    REQUIREMENT,
    URGENT,
    WARNING,
    Reminder,
)
from wethrive_desktop.ui.colors import ACCENT, ERROR, WARN, color_text
from wethrive_desktop.ui.pages import PAGES
from wethrive_desktop.ui.shell import Shell

SEVERITY_MARKS = {URGENT: ("▲", ERROR), WARNING: ("●", WARN)}
INFO_MARK = ("ℹ", ACCENT)
REQUIREMENTS_PAGE = "requirementsPage"


def page_opener(shell: Shell, object_name: str) -> Callable[[], None] | None:
    """What switches `shell` to its page called `object_name` (built first if need be), or None when the window
    has no such page."""
    entry = next((e for e in PAGES if e.object_name == object_name), None)
    if entry is None:
        return None
    load = entry.load

    def open_page() -> None:
        shell.page(load())

    return open_page


def severity_name(severity: str) -> str:
    return {URGENT: tr("Urgent"), WARNING: tr("Soon")}.get(severity, tr("For your information"))


def reminder_html(r: Reminder, today: date) -> str:
    """The title in bold, its due date and the detail, on one line where the card is wide enough (escaped: the
    texts are plain)."""
    text = f"<b>{html.escape(r.title)}</b>"
    if r.due is not None:
        due = tr("Was due {date}") if r.due < today else tr("Due {date}")
        text += " · " + html.escape(due.format(date=format_date(r.due)))
    return f"{text} — {html.escape(r.detail)}"


class ReminderList(QWidget):
    """One row per reminder: a mark for how pressing it is, its text, and its action button."""

    def __init__(self, shell: Shell, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reminderList")
        self.shell = shell
        self.reminders: list[Reminder] = []
        self.labels: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        self.empty = QLabel(tr("Nothing due"))
        self.empty.setObjectName("remindersEmpty")
        self.empty.setWordWrap(True)
        self.grid.addWidget(self.empty, 0, 0, 1, 3)

    def set_reminders(self, reminders: Sequence[Reminder], today: date) -> None:
        """Show `reminders` as seen on `today` (a date before it reads "was due")."""
        self._clear()
        self.reminders = list(reminders)
        self.empty.setVisible(not self.reminders)
        for row, r in enumerate(self.reminders, start=1):
            symbol, color = SEVERITY_MARKS.get(r.severity, INFO_MARK)
            mark = QLabel(symbol)
            color_text(mark, color)
            mark.setToolTip(severity_name(r.severity))
            mark.setAccessibleName(severity_name(r.severity))
            text = QLabel(reminder_html(r, today))
            text.setObjectName(f"reminder-{r.key}")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[r.key] = text
            top = Qt.AlignmentFlag.AlignTop
            self.grid.addWidget(mark, row, 0, top)
            self.grid.addWidget(text, row, 1)
            button = self._action(r)
            if button is not None:
                self.buttons[r.key] = button
                self.grid.addWidget(button, row, 2, top)

    def _clear(self) -> None:
        for row in range(1, self.grid.rowCount()):
            for column in range(3):
                item = self.grid.itemAtPosition(row, column)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    self.grid.removeWidget(widget)
                    widget.setParent(None)  # gone at once (no button of a past refresh lingers among the children)
        self.labels = {}
        self.buttons = {}

    def _action(self, r: Reminder) -> QPushButton | None:
        """The button that leads where the reminder is acted on; None when nothing in the app does."""
        year = r.year
        action: tuple[str, Callable[[], object]] | None = None
        if r.kind == PACE and year is not None:
            action = (tr("Plan ho&urs"), lambda: self.shell.show_plan(year))
        elif r.kind == REPORT and year is not None:
            action = (tr("Open &report"), lambda: self.shell.show_report(year))
        elif r.kind == MULTIRATER:
            action = (tr("Open pr&ofile"), self.shell.open_profile)
        elif r.kind == ELIGIBILITY:
            action = (tr("Check el&igibility"), self.open_eligibility)
        elif r.kind == REQUIREMENT:
            opener = page_opener(self.shell, REQUIREMENTS_PAGE)
            if opener is not None:
                action = (tr("Open requirements"), opener)
        if action is None:
            return None
        text, slot = action
        button = QPushButton(text)
        button.setObjectName(f"reminderAction-{r.key}")
        button.clicked.connect(slot)
        return button

    def open_eligibility(self) -> None:
        """The profile dialog, on its Eligibility tab."""
        from wethrive_desktop.ui.profile.dialog import ProfileDialog
        from wethrive_desktop.ui.profile.eligibility import EligibilityWidget

        dialog = self.shell.open_profile()
        tab = dialog.findChild(EligibilityWidget)
        if isinstance(dialog, ProfileDialog) and tab is not None:
            for index in range(dialog.tabs.count()):
                page = dialog.tabs.widget(index)
                if page is not None and (page is tab or page.isAncestorOf(tab)):
                    dialog.tabs.setCurrentIndex(index)
                    break

    def texts(self) -> dict[str, str]:
        """What each reminder shown says (its label's rich text), by key."""
        return {key: label.text() for key, label in self.labels.items()}
