"""Progress against the plan: planned against logged hours in total (a line and a bar toward the 40-hour
commitment) and by practice and by goal (two tables in tabs). The sums are models/plan_progress.py's."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QProgressBar, QTabWidget, QVBoxLayout, QWidget

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.domain import REQUIRED_HOURS
from wethrive_desktop.models.plan_progress import GoalProgress, PracticeProgress, plan_progress
from wethrive_desktop.models.plans import GoalData, PlanData, Term
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.wording import hours_against
from wethrive_desktop.ui.colors import ERROR, ThemedColor, live_color
from wethrive_desktop.ui.planner.widgets import practices_text, practices_tip
from wethrive_desktop.ui.widgets.labels import practice_label
from wethrive_desktop.ui.widgets.record_table import Col, RecordTableModel, record_view

# Red, at a shade readable on the palette of the moment (ui/colors.py): in the table and in the totals' rich text.
FLAG_COLOR = live_color(ERROR)
FLAG_TEXT = ThemedColor(ERROR)


def _hours(value: Decimal) -> str:
    return format_hours(value)


def goal_text(goal: GoalData) -> str:
    return tr("Long-term: {goal}").format(goal=goal.text) if goal.term == Term.LONG else goal.text


def goal_columns() -> list[Col[GoalProgress]]:
    return [
        Col(tr("Goal"), lambda g: goal_text(g.goal), tip=lambda g: g.goal.text, stretch=True),
        Col(tr("Practices"), lambda g: practices_text(g.goal.practices), lambda g: g.goal.practices,
            tip=lambda g: practices_tip(g.goal.practices)),
        Col(tr("Planned h"), lambda g: _hours(g.planned), lambda g: g.planned, right=True),
        Col(tr("Logged h"), lambda g: _hours(g.logged), lambda g: g.logged, right=True,
            tip=lambda _g: tr("Hours of the activities logged from this goal's planned items")),
    ]


def practice_columns(future: bool) -> list[Col[PracticeProgress]]:
    """In a year not begun, nothing can be logged yet, so nothing is flagged."""

    def flag_text(p: PracticeProgress) -> str:
        return tr("No hours logged yet") if p.flagged and not future else ""

    def flag_color(p: PracticeProgress) -> QColor | None:
        return FLAG_COLOR if p.flagged and not future else None

    return [
        Col(tr("Practice"), lambda p: practice_label(p.practice), lambda p: p.practice, stretch=True,
            bold=lambda p: p.is_need, tip=lambda p: tr("A development need") if p.is_need else ""),
        Col(tr("Planned h"), lambda p: _hours(p.planned), lambda p: p.planned, right=True),
        Col(tr("Logged h"), lambda p: _hours(p.logged), lambda p: p.logged, right=True,
            tip=lambda _p: tr("Its share of every activity logged this year, planned or not")),
        Col("", flag_text, lambda p: p.flagged, color=flag_color, bold=lambda p: bool(flag_text(p))),
    ]


class ProgressBox(QGroupBox):
    """"Progress: planned against logged", for the plan shown (`show_plan`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Progress: planned against logged"), parent)
        self.total_label = QLabel()
        self.total_label.setObjectName("planTotals")
        self.planned_bar = QProgressBar()
        self.planned_bar.setObjectName("plannedBar")
        self.planned_bar.setTextVisible(True)
        self.planned_bar.setMaximumHeight(18)
        self.goal_model: RecordTableModel[GoalProgress] = RecordTableModel(goal_columns(), self)
        self.goal_progress = record_view(self.goal_model, name="goalProgress")
        self.practice_model: RecordTableModel[PracticeProgress] = RecordTableModel(practice_columns(False), self)
        self.practice_progress = record_view(self.practice_model, name="practiceProgress")
        self.progress_tabs = QTabWidget()
        self.progress_tabs.setObjectName("progressTabs")
        self.progress_tabs.addTab(self.practice_progress, tr("By &practice"))
        self.progress_tabs.addTab(self.goal_progress, tr("&By goal"))
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
            self.total_label.setText(tr("No plan for {year} yet. Start one, or import a calendar.").format(year=year))
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
        text = tr("Planned <b>{planned} h</b> of the {required}-hour commitment; logged {logged} h this year.").format(
            planned=format_hours(progress.planned_total), required=format_hours(REQUIRED_HOURS),
            logged=format_hours(progress.logged_total))
        warnings = []
        if progress.planned_short:
            warnings.append(tr("Plan {hours} h more.").format(hours=format_hours(progress.planned_short)))
        if flagged and not future:
            warnings.append(trn("%n practice without logged hours.", "%n practices without logged hours.", flagged))
        text += "".join(f" <span style='color:{FLAG_TEXT}'>{w}</span>" for w in warnings)
        self.total_label.setText(text)
        self.total_label.setWordWrap(True)
        cap = float(REQUIRED_HOURS)
        self.planned_bar.setMaximum(100)
        self.planned_bar.setValue(int(min(float(progress.planned_total) / cap, 1.0) * 100))
        self.planned_bar.setFormat(tr("{hours} planned").format(
            hours=hours_against(progress.planned_total, REQUIRED_HOURS)))
