"""The dashboard: where the member stands this year, at a glance.

Reminders (what is due soon, reminders.py), the hours that count toward Tenet 8 against 40 (a progress ring,
ring.py) with the pace and, when some hours logged do not count, how many and why (the caps), challenge points,
credential milestones, the tracked requirements (with a button to the Requirements page), hours by practice and by
month, recent activities (double-click to edit) and upcoming planned items (double-click to open the plan).
Everything shown comes from models.dashboard.dashboard_data.

The cards reflow with the page's width (`columns_for`): three abreast on a wide window, two on a small laptop
screen, one above the other below that; the page then scrolls vertically, never sideways.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityRecord
from wethrive_desktop.models.dashboard import (
    DONE,
    DUE,
    INFO,
    OVERDUE,
    TODO,
    DashboardData,
    Milestone,
    dashboard_data,
    requirement_hours_text,
    requirement_state,
    requirement_status_text,
    requirement_tip,
)
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.plans import PlanItemData
from wethrive_desktop.models.requirements.counting import RequirementProgress
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.wording import hours_against
from wethrive_desktop.ui.colors import ACCENT, ERROR, NEUTRAL, OK, WARN, color_text
from wethrive_desktop.ui.dashboard.reminders import REQUIREMENTS_PAGE, ReminderList, page_opener
from wethrive_desktop.ui.dashboard.ring import ProgressRing
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.widgets.bar_chart import BarChart
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, Col, RecordTableModel, record_view

STATE_COLORS = {DONE: OK, DUE: WARN, OVERDUE: ERROR, TODO: NEUTRAL}  # semantic colours (ui/colors.py)
STATE_MARKS = {DONE: "✔", DUE: "●", OVERDUE: "▲", TODO: "○"}

THREE_COLUMNS_FROM = 980  # page widths (px) from which the cards sit three abreast
TWO_COLUMNS_FROM = 560  # ... two abreast; below, one above the other
COUNTING_LINES = 3  # the reasons shown under the ring when hours logged do not all count; all of them in its tip


def state_name(state: str) -> str:
    return {DONE: tr("Done"), DUE: tr("Due"), OVERDUE: tr("Overdue"), TODO: tr("To do"),
            INFO: tr("For your information")}.get(state, state)


def month_name(month: int, short: bool = True) -> str:
    """The month's name in the user's language (QLocale), "Jan" or "January"."""
    form = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return QLocale().standaloneMonthName(month, form)


def columns_for(width: int) -> int:
    """How many cards sit abreast on a page `width` pixels wide."""
    if width >= THREE_COLUMNS_FROM:
        return 3
    return 2 if width >= TWO_COLUMNS_FROM else 1


def card(title: str, name: str, button: QPushButton | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A framed box with a bold heading and, at the heading's right, an optional button. The heading wraps, so a
    narrow card keeps both in view."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 8, 12, 10)
    layout.setSpacing(6)
    heading = QLabel(title)
    heading.setObjectName(f"{name}Title")
    heading.setWordWrap(True)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    top = QHBoxLayout()
    top.addWidget(heading, 1)
    if button is not None:
        top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(top)
    return frame, layout


# Where each part sits for 3, 2 and 1 columns: (row, column, row span, column span), and which rows take the height
# left over (the charts and the lists).
# "standing" is the challenge points above the tracked requirements (one column, beside the hours).
LAYOUTS: dict[int, tuple[dict[str, tuple[int, int, int, int]], tuple[int, ...], tuple[int, ...]]] = {
    3: ({"reminders": (0, 0, 1, 3), "hours": (1, 0, 1, 1), "standing": (1, 1, 1, 1), "milestones": (1, 2, 1, 1),
         "practices": (2, 0, 1, 2), "months": (2, 2, 1, 1), "recent": (3, 0, 1, 2), "upcoming": (3, 2, 1, 1)},
        (2, 3), (3, 2, 4)),
    2: ({"reminders": (0, 0, 1, 2), "hours": (1, 0, 1, 1), "standing": (1, 1, 1, 1), "milestones": (2, 0, 1, 2),
         "practices": (3, 0, 1, 1), "months": (3, 1, 1, 1), "recent": (4, 0, 1, 2), "upcoming": (5, 0, 1, 2)},
        (3, 4, 5), (1, 1)),
    1: ({"reminders": (0, 0, 1, 1), "hours": (1, 0, 1, 1), "standing": (2, 0, 1, 1), "milestones": (3, 0, 1, 1),
         "practices": (4, 0, 1, 1), "months": (5, 0, 1, 1), "recent": (6, 0, 1, 1), "upcoming": (7, 0, 1, 1)},
        (4, 5, 6, 7), (1,)),
}


class PageScrollArea(QScrollArea):
    """The page's scroll area: its content as wide as it, never scrolled sideways, and a vertical scroll bar as
    needed. When the area is resized and its content will be taller than it, the bar is placed before the content is
    laid out at the new size: left to Qt, the cards were laid out at the whole width, then again, narrower, once the
    bar appeared (at the first paint too: 5 to 12 ms of it, in two runs of 14 launches). The bar then comes and
    goes as Qt decides."""

    def __init__(self, content: QWidget, arrange: Callable[[int], None]):
        """`arrange(width)` puts the cards in place for a new width, before the area decides on its bar."""
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        self.content = content
        self.arrange = arrange

    def event(self, event: QEvent) -> bool:
        # The area's own resize (resizeEvent hears the viewport's, once the bar has taken its share): with no frame,
        # the whole width is the content's when no bar is needed, as Qt's own check has it.
        if event.type() != QEvent.Type.Resize or not isinstance(event, QResizeEvent):
            return super().event(event)
        self.arrange(event.size().width())
        if self.content.heightForWidth(event.size().width()) > event.size().height():
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            try:
                return super().event(event)
            finally:
                self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        return super().event(event)


class PageContent(QWidget):
    """What the page's scroll area holds. Its height for a width is never less than the least the cards need at
    that width: a grid answers with the preferred heights, in which a chart or a list whose height is ignored
    counts for nothing, so with tall cards (many requirements, long reminders) the scroll area made the page too
    short and squeezed the lists."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return max(layout.totalHeightForWidth(width), layout.totalMinimumHeightForWidth(width))


class DashboardPage(Page):
    title = "Dashboard"
    object_name = "dashboardPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.data: DashboardData | None = None
        self.milestone_labels: dict[str, QLabel] = {}
        self.columns = 0
        self.parts: dict[str, QWidget] = {}  # the cards, by name (made below)

        content = PageContent()
        self.scroll_area = PageScrollArea(content, self.arrange_for)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.grid = QGridLayout(content)
        self.grid.setContentsMargins(12, 10, 12, 10)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(10)

        reminders_card, reminders_layout = card(tr("Reminders"), "remindersCard")
        self.reminder_list = ReminderList(shell)
        reminders_layout.addWidget(self.reminder_list)

        hours_card, hours_layout = card(tr("Hours this year"), "hoursCard")
        self.hours_title = hours_card.findChild(QLabel, "hoursCardTitle")
        row = QHBoxLayout()
        self.ring = ProgressRing()
        row.addWidget(self.ring)
        self.pace_label = QLabel()
        self.pace_label.setObjectName("paceLabel")
        self.pace_label.setWordWrap(True)
        self.pace_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.pace_label, 1)
        hours_layout.addLayout(row)
        # Why the hours logged and the hours that count differ (the caps, an activity that does not count).
        self.counting_label = QLabel()
        self.counting_label.setObjectName("countingLabel")
        self.counting_label.setWordWrap(True)
        self.counting_label.setTextFormat(Qt.TextFormat.RichText)
        hours_layout.addWidget(self.counting_label)
        hours_layout.addStretch(1)  # beside the points and the requirements, often taller: keep to the top

        open_challenge = QPushButton(tr("Open &challenge"))
        open_challenge.setObjectName("openChallengeButton")
        open_challenge.clicked.connect(self.open_challenge)
        points_card, points_layout = card(tr("#WeThriveHere points"), "pointsCard")
        self.points_label = QLabel("0")
        self.points_label.setObjectName("pointsLabel")
        font = self.points_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.points_label.setFont(font)
        self.points_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.points_detail = QLabel()
        self.points_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.points_detail.setWordWrap(True)
        points_layout.addStretch(1)
        points_layout.addWidget(self.points_label)
        points_layout.addWidget(self.points_detail)
        points_layout.addStretch(1)
        points_layout.addWidget(open_challenge, 0, Qt.AlignmentFlag.AlignHCenter)

        milestones_card, milestones_layout = card(tr("Credential milestones"), "milestonesCard")
        self.milestones_grid = QGridLayout()
        self.milestones_grid.setHorizontalSpacing(8)
        self.milestones_grid.setVerticalSpacing(6)
        self.milestones_grid.setColumnStretch(2, 1)
        milestones_layout.addLayout(self.milestones_grid)
        milestones_layout.addStretch(1)

        # The tracked requirements, Tenet 8 first (so a member sees the page exists), with a way to that page when
        # the window has it.
        self.open_requirements_button = QPushButton(tr("Open re&quirements"))
        self.open_requirements_button.setObjectName("openRequirementsButton")
        opener = page_opener(shell, REQUIREMENTS_PAGE)
        if opener is not None:
            self.open_requirements_button.clicked.connect(opener)
        self.open_requirements_button.setVisible(opener is not None)
        requirements_card, requirements_layout = card(tr("Requirements"), "requirementsCard",
                                                      self.open_requirements_button)
        self.requirements_grid = QGridLayout()
        self.requirements_grid.setHorizontalSpacing(8)
        self.requirements_grid.setVerticalSpacing(6)
        self.requirements_grid.setColumnStretch(1, 1)
        requirements_layout.addLayout(self.requirements_grid)
        requirements_layout.addStretch(1)
        self.requirement_labels: dict[str, QLabel] = {}

        self.practice_chart = BarChart(tr("Hours by practice"), [str(n) for n in PRACTICES], tr("h"),
                                       name="practiceChart")
        self.month_chart = BarChart(tr("Hours by month"), [month_name(m) for m in range(1, 13)], tr("h"),
                                    name="monthChart")

        all_activities = QPushButton(tr("&All activities"))
        all_activities.setObjectName("allActivitiesButton")
        all_activities.clicked.connect(self.open_activities)
        recent_card, recent_layout = card(tr("Recent activities"), "recentCard", all_activities)
        self.recent_model: RecordTableModel[ActivityRecord] = RecordTableModel([
            Col(tr("Date"), lambda r: format_date(r.start_date, short=True), sort=lambda r: r.start_date),
            Col(tr("Title"), lambda r: r.data.title, stretch=True, tip=lambda r: r.data.title),
            Col(tr("Hours"), lambda r: format_hours(r.hours), sort=lambda r: r.hours, right=True),
        ], self)
        self.recent_view = record_view(self.recent_model, name="recentActivities")
        self.recent_view.setToolTip(tr("Double-click an activity to edit it"))
        self.recent_view.activated.connect(self._open_recent)
        self.recent_view.doubleClicked.connect(self._open_recent)
        recent_layout.addWidget(self.recent_view, 1)
        self.recent_empty = QLabel(tr("No completed activities yet: log one on the Activities page."))
        self.recent_empty.setWordWrap(True)
        recent_layout.addWidget(self.recent_empty)
        recent_layout.addStretch(0)

        open_plan = QPushButton(tr("Open &plan"))
        open_plan.setObjectName("openPlanButton")
        open_plan.clicked.connect(self.open_planner)
        upcoming_card, upcoming_layout = card(tr("Upcoming from your plan"), "upcomingCard", open_plan)
        self.upcoming_model: RecordTableModel[PlanItemData] = RecordTableModel([
            Col(tr("Date"), lambda i: format_date(i.start_date, short=True) if i.start_date else "",
                sort=lambda i: i.start_date),
            Col(tr("Planned"), lambda i: i.title, stretch=True,
                tip=lambda i: f"{i.title}\n{i.provider}" if i.provider else i.title),
            Col(tr("Est. h"), lambda i: format_hours(i.estimated_hours), sort=lambda i: i.estimated_hours,
                right=True),
        ], self)
        self.upcoming_view = record_view(self.upcoming_model, name="upcomingItems")
        self.upcoming_view.setToolTip(tr("Double-click to open the plan"))
        self.upcoming_view.activated.connect(self._open_upcoming)
        self.upcoming_view.doubleClicked.connect(self._open_upcoming)
        upcoming_layout.addWidget(self.upcoming_view, 1)
        self.upcoming_empty = QLabel(tr("Nothing planned yet: add activities to this year's plan."))
        self.upcoming_empty.setWordWrap(True)
        upcoming_layout.addWidget(self.upcoming_empty)
        upcoming_layout.addStretch(0)

        for view in (self.recent_view, self.upcoming_view):
            view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 4 + 8)
        # The charts and lists ask for no more than their minimum height and share what is left: the page's
        # preferred height (what its scroll area gives it) is then the least that shows everything.
        for widget in (self.recent_view, self.upcoming_view, self.practice_chart, self.month_chart):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        standing = QWidget()
        standing.setObjectName("standingColumn")
        column = QVBoxLayout(standing)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(self.grid.verticalSpacing())
        column.addWidget(points_card)
        column.addWidget(requirements_card, 1)
        self.parts = {
            "reminders": reminders_card, "hours": hours_card, "standing": standing, "milestones": milestones_card,
            "practices": self.practice_chart, "months": self.month_chart, "recent": recent_card,
            "upcoming": upcoming_card}
        self.arrange(columns_for(self.width()))
        self.refresh()

    # --- layout ----------------------------------------------------------------------------------------------

    def arrange_for(self, width: int) -> None:
        """Put the cards in place for the page `width` wide. The page has no margins: its scroll area is as wide,
        and is resized first (the page's layout resizes it before the page hears of its own resize), so the area
        asks for this before it lays the cards out. The page's width decides, not the viewport's: a scroll bar
        coming and going must not flip the layout back and forth."""
        self.arrange(columns_for(width))

    def arrange(self, columns: int) -> None:
        """Put the cards in `columns` columns (LAYOUTS), if they are not already (once they are made)."""
        if columns == self.columns or not self.parts:
            return
        self.columns = columns
        places, stretched_rows, column_stretches = LAYOUTS[columns]
        for widget in self.parts.values():
            self.grid.removeWidget(widget)
        for name, (row, column, rows, span) in places.items():
            self.grid.addWidget(self.parts[name], row, column, rows, span)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 1 if row in stretched_rows else 0)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, column_stretches[column] if column < len(column_stretches) else 0)

    # --- data ------------------------------------------------------------------------------------------------

    # The pages the dashboard leads to are imported when first asked for, so the dashboard (the page shown first)
    # does not load them at start-up.
    def open_challenge(self) -> None:
        from wethrive_desktop.ui.challenge.page import ChallengePage

        self.shell.page(ChallengePage)

    def open_activities(self) -> None:
        from wethrive_desktop.ui.activities.page import ActivityLogPage

        self.shell.page(ActivityLogPage)

    def open_planner(self) -> None:
        from wethrive_desktop.ui.planner.page import PlannerPage

        self.shell.page(PlannerPage)

    def refresh(self) -> None:
        """Reload from the store (the window calls this when data changed and the page is shown)."""
        data = dashboard_data(clock.today())
        self.data = data
        p = data.pace
        if self.hours_title is not None:
            self.hours_title.setText(tr("Hours in {year}").format(year=data.year))
        # The figure big in the ring, the words under it ("of 40 h", or "h (40 required)" once met).
        small = tr("h ({required} required)") if p.met else tr("of {required} h")
        self.ring.set_progress(p.fraction, format_hours(p.total), small.format(required=format_hours(p.required)),
                               p.met, hours_against(p.total, p.required))
        self.pace_label.setText(self._pace_html(data))
        self.pace_label.setToolTip(p.describe())
        self._show_counting(data)
        self._show_requirements(data.requirements)

        challenge = data.challenge
        self.points_label.setText(str(challenge.total))
        entries = challenge.entries
        if challenge.signup_points:
            detail = trn("%n entry in {year} + {points} for signing up", "%n entries in {year} + {points} for "
                         "signing up", entries).format(year=data.year, points=challenge.signup_points)
        else:
            detail = trn("%n entry in {year}", "%n entries in {year}", entries).format(year=data.year)
        self.points_detail.setText(detail)

        self._show_milestones(data.milestones)
        self.reminder_list.set_reminders(data.reminders, data.today)

        ph = data.practice_hours
        self.practice_chart.set_values(
            [float(ph.by_practice[n]) for n in PRACTICES],
            [tr("{number}. {practice}: {hours} h").format(number=n, practice=tr(name),
                                                          hours=format_hours(ph.by_practice[n]))
             for n, name in PRACTICES.items()])
        if ph.untagged:
            tip = tr("Hours split equally over each activity's practices ({hours} h not tagged with a practice). "
                     "Hover a bar or its number for the practice's name.").format(hours=format_hours(ph.untagged))
        else:
            tip = tr("Hours split equally over each activity's practices. Hover a bar or its number for the "
                     "practice's name.")
        self.practice_chart.setToolTip(tip)
        self.month_chart.set_values(
            [float(h) for h in data.by_month.values()],
            [tr("{month} {year}: {hours} h").format(month=month_name(m, short=False), year=data.year,
                                                    hours=format_hours(h)) for m, h in data.by_month.items()])

        self.recent_model.set_records(data.recent)
        self.recent_view.setVisible(bool(data.recent))
        self.recent_empty.setVisible(not data.recent)
        self.upcoming_model.set_records(data.upcoming)
        self.upcoming_view.setVisible(bool(data.upcoming))
        self.upcoming_empty.setVisible(not data.upcoming)
        self._hold_list_heights()

    def _hold_list_heights(self) -> None:
        """Keep each list's card at least as tall as its list's minimum (four rows). The grid lays a card out by its
        height for the page's width, which leaves out a list whose own height is ignored (so the page asks no more
        than it needs): without this, a tall card above (many requirements) squeezed the lists to one row."""
        for part in (self.parts["recent"], self.parts["upcoming"]):
            part.setMinimumHeight(0)
            part.setMinimumHeight(part.minimumSizeHint().height())

    @staticmethod
    def _pace_html(data: DashboardData) -> str:
        """The pace beside the ring: what is left and how much a month, or when the commitment was met."""
        p = data.pace
        described = tr("{pace}.").format(pace=p.describe())
        if p.met:
            text = f"<b>{html.escape(described)}</b>"
            if p.total > p.required:
                beyond = tr("{hours} h beyond the commitment.").format(hours=format_hours(p.total - p.required))
                text += f"<br>{html.escape(beyond)}"
            return text
        if p.per_month is not None and p.months_left >= 2:
            values = {"remaining": format_hours(p.remaining), "per_month": format_hours(p.per_month),
                      "required": format_hours(p.required)}
            head = tr("{remaining} h to go").format(**values)
            rest = trn("{per_month} h a month for the %n month left, to reach {required} h by December 31.",
                       "{per_month} h a month for the %n months left, to reach {required} h by December 31.",
                       p.months_left).format(**values)
            return f"<b>{html.escape(head)}</b><br>{html.escape(rest)}"
        return f"<b>{html.escape(described)}</b>"

    def _show_counting(self, data: DashboardData) -> None:
        """Under the ring: "56 h logged, 50 h count" and why (the caps first), when not every hour logged counts
        or a teaching's delivery hours were left out; hidden otherwise."""
        p = data.pace
        lines = list(p.explanations)
        head = p.counting()
        shown = [html.escape(line) for line in lines[:COUNTING_LINES]]
        if len(lines) > COUNTING_LINES:
            shown.append(html.escape(trn("and %n more reason (hover for all)", "and %n more reasons (hover for all)",
                                         len(lines) - COUNTING_LINES)))
        if head:
            shown.insert(0, f"<b>{html.escape(head)}</b>")
            lines.insert(0, head)
        self.counting_label.setText("<br>".join(shown))
        self.counting_label.setToolTip("\n".join(lines))
        self.counting_label.setVisible(bool(shown))

    def _show_requirements(self, requirements: tuple[RequirementProgress, ...]) -> None:
        """One entry per tracked requirement: a mark for its status, its name, and its hours that count (with the
        hours logged when not all of them count) against those required, with its status (and why it is short when
        the hours are there); the tip says its period and why hours do not count."""
        _clear_grid(self.requirements_grid)
        self.requirement_labels = {}
        for row, result in enumerate(requirements):
            state = requirement_state(result)
            mark = QLabel(STATE_MARKS.get(state, "•"))
            color_text(mark, STATE_COLORS.get(state, ACCENT))
            mark.setToolTip(requirement_status_text(result))
            detail = tr("{hours} · {status}").format(hours=requirement_hours_text(result),
                                                     status=requirement_status_text(result))
            text = QLabel(f"<b>{html.escape(result.requirement.name)}</b><br>{html.escape(detail)}")
            text.setObjectName(f"requirement-{result.requirement.key}")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setToolTip(requirement_tip(result))
            self.requirement_labels[result.requirement.key] = text
            self.requirements_grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            self.requirements_grid.addWidget(text, row, 1, Qt.AlignmentFlag.AlignTop)

    def requirement_texts(self) -> dict[str, str]:
        """What each requirement's line says (its label's rich text), by key."""
        return {key: label.text() for key, label in self.requirement_labels.items()}

    def _show_milestones(self, milestones: list[Milestone]) -> None:
        _clear_grid(self.milestones_grid)
        self.milestone_labels = {}
        for row, m in enumerate(milestones):
            mark = QLabel(STATE_MARKS.get(m.state, "•"))
            color_text(mark, STATE_COLORS.get(m.state, ACCENT))
            mark.setToolTip(state_name(m.state))
            label = QLabel(tr("{label}:").format(label=m.label))
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            text = QLabel(m.text)
            text.setObjectName(f"milestone-{m.key}")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.milestone_labels[m.key] = text
            for column, widget in enumerate((mark, label, text)):
                self.milestones_grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignTop)

    def milestone_texts(self) -> dict[str, str]:
        """What each milestone shown says, by key."""
        return {key: label.text() for key, label in self.milestone_labels.items()}

    # --- actions ---------------------------------------------------------------------------------------------

    def _open_recent(self, index: Any) -> None:
        record = index.data(RECORD_ROLE)
        if isinstance(record, ActivityRecord):
            from wethrive_desktop.ui.widgets import form_dialog  # the dialogs' helpers: not before the first paint

            # The dialog saves through the window's undo stack and announces the change itself.
            form_dialog.open_activity_dialog(self, record)

    def _open_upcoming(self, index: Any) -> None:
        self.open_planner()


def _clear_grid(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.setParent(None)  # gone at once (no label of a past refresh lingers among the children)
