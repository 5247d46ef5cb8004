"""The dashboard: where the member stands this year, at a glance.

Hours against 40 (a progress ring, ring.py) and the pace, challenge points, credential milestones, hours by practice
and by month, recent activities (double-click to edit) and upcoming planned items (double-click to open the plan).
Everything shown comes from models.dashboard.dashboard_data.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityRecord
from wethrive_desktop.models.dashboard import DONE, DUE, OVERDUE, TODO, DashboardData, Milestone, dashboard_data
from wethrive_desktop.models.dates import MONTH_ABBR, short_date
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.plans import PlanItemData
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.wording import count, hours_against
from wethrive_desktop.ui.colors import ACCENT, ERROR, NEUTRAL, OK, WARN, color_text
from wethrive_desktop.ui.dashboard.ring import ProgressRing
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.widgets import form_dialog
from wethrive_desktop.ui.widgets.bar_chart import BarChart
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, Col, RecordTableModel, record_view

STATE_COLORS = {DONE: OK, DUE: WARN, OVERDUE: ERROR, TODO: NEUTRAL}  # semantic colours (ui/colors.py)
STATE_MARKS = {DONE: "✔", DUE: "●", OVERDUE: "▲", TODO: "○"}


def card(title: str, name: str, button: QPushButton | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A framed box with a bold heading and, at the heading's right, an optional button."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 8, 12, 10)
    layout.setSpacing(6)
    heading = QLabel(title)
    heading.setObjectName(f"{name}Title")
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    top = QHBoxLayout()
    top.addWidget(heading, 1)
    if button is not None:
        top.addWidget(button)
    layout.addLayout(top)
    return frame, layout


class DashboardPage(Page):
    title = "Dashboard"
    object_name = "dashboardPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.data: DashboardData | None = None
        self.milestone_labels: dict[str, QLabel] = {}

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        grid = QGridLayout(content)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)

        # Row 1: hours and pace | challenge points | milestones
        hours_card, hours_layout = card("Hours this year", "hoursCard")
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

        open_challenge = QPushButton("Open challenge")
        open_challenge.clicked.connect(self.open_challenge)
        points_card, points_layout = card("#WeThriveHere points", "pointsCard", open_challenge)
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

        milestones_card, milestones_layout = card("Credential milestones", "milestonesCard")
        self.milestones_grid = QGridLayout()
        self.milestones_grid.setHorizontalSpacing(8)
        self.milestones_grid.setVerticalSpacing(6)
        self.milestones_grid.setColumnStretch(2, 1)
        milestones_layout.addLayout(self.milestones_grid)
        milestones_layout.addStretch(1)

        grid.addWidget(hours_card, 0, 0)
        grid.addWidget(points_card, 0, 1)
        grid.addWidget(milestones_card, 0, 2)

        # Row 2: charts
        self.practice_chart = BarChart("Hours by practice", [str(n) for n in PRACTICES], "h",
                                       name="practiceChart")
        self.month_chart = BarChart("Hours by month", list(MONTH_ABBR), "h", name="monthChart")
        charts = QHBoxLayout()
        charts.setSpacing(12)
        charts.addWidget(self.practice_chart, 1)
        charts.addWidget(self.month_chart, 1)
        grid.addLayout(charts, 1, 0, 1, 3)

        # Row 3: recent and upcoming
        all_activities = QPushButton("All activities")
        all_activities.clicked.connect(self.open_activities)
        recent_card, recent_layout = card("Recent activities", "recentCard", all_activities)
        self.recent_model: RecordTableModel[ActivityRecord] = RecordTableModel([
            Col("Date", lambda r: short_date(r.start_date), sort=lambda r: r.start_date),
            Col("Title", lambda r: r.data.title, stretch=True, tip=lambda r: r.data.title),
            Col("Hours", lambda r: format_hours(r.hours), sort=lambda r: r.hours, right=True),
        ], self)
        self.recent_view = record_view(self.recent_model, name="recentActivities")
        self.recent_view.setToolTip("Double-click an activity to edit it")
        self.recent_view.activated.connect(self._open_recent)
        self.recent_view.doubleClicked.connect(self._open_recent)
        recent_layout.addWidget(self.recent_view)
        self.recent_empty = QLabel("No completed activities yet: log one on the Activities page.")
        self.recent_empty.setWordWrap(True)
        recent_layout.addWidget(self.recent_empty)
        recent_layout.addStretch(0)

        open_plan = QPushButton("Open plan")
        open_plan.clicked.connect(self.open_planner)
        upcoming_card, upcoming_layout = card("Upcoming from your plan", "upcomingCard", open_plan)
        self.upcoming_model: RecordTableModel[PlanItemData] = RecordTableModel([
            Col("Date", lambda i: short_date(i.start_date), sort=lambda i: i.start_date),
            Col("Planned", lambda i: i.title, stretch=True,
                tip=lambda i: f"{i.title}\n{i.provider}" if i.provider else i.title),
            Col("Est. h", lambda i: format_hours(i.estimated_hours), sort=lambda i: i.estimated_hours,
                right=True),
        ], self)
        self.upcoming_view = record_view(self.upcoming_model, name="upcomingItems")
        self.upcoming_view.setToolTip("Double-click to open the plan")
        self.upcoming_view.activated.connect(self._open_upcoming)
        self.upcoming_view.doubleClicked.connect(self._open_upcoming)
        upcoming_layout.addWidget(self.upcoming_view)
        self.upcoming_empty = QLabel("Nothing planned yet: add activities to this year's plan.")
        self.upcoming_empty.setWordWrap(True)
        upcoming_layout.addWidget(self.upcoming_empty)
        upcoming_layout.addStretch(0)

        grid.addWidget(recent_card, 2, 0, 1, 2)
        grid.addWidget(upcoming_card, 2, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 4)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 1)
        for view in (self.recent_view, self.upcoming_view):
            view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 4 + 8)
        self.refresh()

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
            self.hours_title.setText(f"Hours in {data.year}")
        big, small = hours_against(p.total, p.required).split(" ", 1)
        self.ring.set_progress(p.fraction, big, small, p.met)
        if p.met:
            pace_text = f"<b>{p.describe()}.</b>"
            if p.total > p.required:
                pace_text += f"<br>{format_hours(p.total - p.required)} h beyond the commitment."
        elif p.per_month is not None and p.months_left >= 2:
            pace_text = (f"<b>{format_hours(p.remaining)} h to go</b><br>"
                         f"{format_hours(p.per_month)} h a month for the {count(p.months_left, 'month', 'months')} "
                         f"left, to reach {format_hours(p.required)} h by December 31.")
        else:
            pace_text = f"<b>{p.describe()}.</b>"
        self.pace_label.setText(pace_text)
        self.pace_label.setToolTip(p.describe())

        challenge = data.challenge
        self.points_label.setText(str(challenge.total))
        entries = sum(1 for line in challenge.lines if line.activity is not None)
        detail = f"{count(entries, 'entry', 'entries')} in {data.year}"
        if challenge.signup_points:
            detail += f" + {challenge.signup_points} for signing up"
        self.points_detail.setText(detail)

        self._show_milestones(data.milestones)

        ph = data.practice_hours
        self.practice_chart.set_values(
            [float(ph.by_practice[n]) for n in PRACTICES],
            [f"{n}. {name}: {format_hours(ph.by_practice[n])} h" for n, name in PRACTICES.items()])
        untagged = f" ({format_hours(ph.untagged)} h not tagged with a practice)" if ph.untagged else ""
        self.practice_chart.setToolTip(f"Hours split equally over each activity's practices{untagged}. "
                                       "Hover a bar or its number for the practice's name.")
        self.month_chart.set_values(
            [float(h) for h in data.by_month.values()],
            [f"{MONTH_ABBR[m - 1]} {data.year}: {format_hours(h)} h" for m, h in data.by_month.items()])

        self.recent_model.set_records(data.recent)
        self.recent_view.setVisible(bool(data.recent))
        self.recent_empty.setVisible(not data.recent)
        self.upcoming_model.set_records(data.upcoming)
        self.upcoming_view.setVisible(bool(data.upcoming))
        self.upcoming_empty.setVisible(not data.upcoming)

    def _show_milestones(self, milestones: list[Milestone]) -> None:
        while self.milestones_grid.count():
            item = self.milestones_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.milestone_labels = {}
        for row, m in enumerate(milestones):
            mark = QLabel(STATE_MARKS.get(m.state, "•"))
            color_text(mark, STATE_COLORS.get(m.state, ACCENT))
            mark.setToolTip(m.state)
            label = QLabel(f"{m.label}:")
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
            # The dialog saves through the window's undo stack and announces the change itself.
            form_dialog.open_activity_dialog(self, record)

    def _open_upcoming(self, index: Any) -> None:
        self.open_planner()
