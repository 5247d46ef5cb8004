"""Progress against the plan: planned against logged hours in total (a line and a bar toward the 40-hour
commitment) and by practice and by goal (two tables in tabs). The sums are models/plan_progress.py's."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QProgressBar, QTabWidget, QVBoxLayout, QWidget

from wethrive_desktop.models import clock
from wethrive_desktop.models.domain import PRACTICES, REQUIRED_HOURS
from wethrive_desktop.models.plan_progress import GoalProgress, PracticeProgress, plan_progress
from wethrive_desktop.models.plans import PlanData, Term
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.wording import hours_against
from wethrive_desktop.ui.assessment.style import RED
from wethrive_desktop.ui.planner.widgets import practices_text, practices_tip
from wethrive_desktop.ui.widgets.record_table import Col, RecordTableModel, record_view


def _hours(value: Decimal) -> str:
    return format_hours(value)


GOAL_COLUMNS: list[Col[GoalProgress]] = [
    Col("Goal", lambda g: ("Long-term: " if g.goal.term == Term.LONG else "") + g.goal.text,
        tip=lambda g: g.goal.text, stretch=True),
    Col("Practices", lambda g: practices_text(g.goal.practices), lambda g: g.goal.practices,
        tip=lambda g: practices_tip(g.goal.practices)),
    Col("Planned h", lambda g: _hours(g.planned), lambda g: g.planned, right=True),
    Col("Logged h", lambda g: _hours(g.logged), lambda g: g.logged, right=True,
        tip=lambda _g: "Hours of the activities logged from this goal's planned items"),
]


def practice_columns(future: bool) -> list[Col[PracticeProgress]]:
    """In a year not begun, nothing can be logged yet, so nothing is flagged."""

    def flag_text(p: PracticeProgress) -> str:
        return "No hours logged yet" if p.flagged and not future else ""

    def flag_color(p: PracticeProgress) -> QColor | None:
        return RED if p.flagged and not future else None

    return [
        Col("Practice", lambda p: f"{p.practice}. {PRACTICES[p.practice]}", lambda p: p.practice, stretch=True,
            bold=lambda p: p.is_need, tip=lambda p: "A development need" if p.is_need else ""),
        Col("Planned h", lambda p: _hours(p.planned), lambda p: p.planned, right=True),
        Col("Logged h", lambda p: _hours(p.logged), lambda p: p.logged, right=True,
            tip=lambda _p: "Its share of every activity logged this year, planned or not"),
        Col("", flag_text, lambda p: p.flagged, color=flag_color, bold=lambda p: bool(flag_text(p))),
    ]


class ProgressBox(QGroupBox):
    """"Progress: planned against logged", for the plan shown (`show_plan`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Progress: planned against logged", parent)
        self.total_label = QLabel()
        self.total_label.setObjectName("planTotals")
        self.planned_bar = QProgressBar()
        self.planned_bar.setObjectName("plannedBar")
        self.planned_bar.setTextVisible(True)
        self.planned_bar.setMaximumHeight(18)
        self.goal_model: RecordTableModel[GoalProgress] = RecordTableModel(GOAL_COLUMNS, self)
        self.goal_progress = record_view(self.goal_model, name="goalProgress")
        self.practice_model: RecordTableModel[PracticeProgress] = RecordTableModel(practice_columns(False), self)
        self.practice_progress = record_view(self.practice_model, name="practiceProgress")
        self.progress_tabs = QTabWidget()
        self.progress_tabs.setObjectName("progressTabs")
        self.progress_tabs.addTab(self.practice_progress, "By practice")
        self.progress_tabs.addTab(self.goal_progress, "By goal")
        progress_layout = QVBoxLayout(self)
        totals = QHBoxLayout()
        totals.addWidget(self.total_label, 1)
        totals.addWidget(self.planned_bar, 1)
        progress_layout.addLayout(totals)
        progress_layout.addWidget(self.progress_tabs, 1)
        self._shown: tuple[PlanData | None, int] | None = None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._shown is not None:
            self.show_plan(*self._shown)  # its red is written into the rich text: write it in the new shade

    def show_plan(self, plan: PlanData | None, year: int) -> None:
        self._shown = (plan, year)
        if plan is None:
            self.total_label.setText(f"No plan for {year} yet. Start one, or import a calendar.")
            self.planned_bar.setValue(0)
            self.planned_bar.setFormat("")
            self.goal_model.set_records([])
            self.practice_model.set_records([])
            return
        progress = plan_progress(plan)
        future = plan.year > clock.today().year
        self.practice_model.columns = practice_columns(future)
        self.goal_model.set_records(list(progress.goals))
        self.practice_model.set_records(list(progress.practices))
        flagged = len(progress.flagged)
        text = (f"Planned <b>{format_hours(progress.planned_total)} h</b> of the "
                f"{format_hours(REQUIRED_HOURS)}-hour commitment; logged {format_hours(progress.logged_total)} h "
                "this year.")
        if progress.planned_short:
            text += f" <span style='color:{RED.name()}'>Plan {format_hours(progress.planned_short)} h more.</span>"
        if flagged and not future:
            text += (f" <span style='color:{RED.name()}'>{flagged} practice{'s' if flagged != 1 else ''} "
                     "without logged hours.</span>")
        self.total_label.setText(text)
        self.total_label.setWordWrap(True)
        cap = float(REQUIRED_HOURS)
        self.planned_bar.setMaximum(100)
        self.planned_bar.setValue(int(min(float(progress.planned_total) / cap, 1.0) * 100))
        self.planned_bar.setFormat(f"{hours_against(progress.planned_total, REQUIRED_HOURS)} planned")
