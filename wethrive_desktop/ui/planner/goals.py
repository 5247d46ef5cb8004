"""The left side of the planner page: "1. Development needs" (a box per practice, and "Use latest assessment")
and "2. Learning goals" (the list, with Add goal, Edit and Delete). The page connects the boxes and buttons to its
actions and fills the panel with `show_plan`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.plans import GoalData, PlanData, Term
from wethrive_desktop.ui.planner.widgets import practices_text, practices_tip
from wethrive_desktop.ui.widgets.labels import practice_label, practice_short


class NeedsAndGoals(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.need_boxes: dict[int, QCheckBox] = {}
        self.needs_grid = needs_grid = QGridLayout()
        needs_grid.setVerticalSpacing(2)
        needs_grid.setContentsMargins(0, 0, 0, 0)
        for i, n in enumerate(PRACTICES):
            box = QCheckBox(f"{n} {practice_short(n)}")
            box.setObjectName(f"planNeed{n}")
            box.setToolTip(practice_label(n))
            self.need_boxes[n] = box
            needs_grid.addWidget(box, i, 0)
        self.needs_from_assessment = QPushButton(tr("&Use latest assessment"))
        self.needs_from_assessment.setObjectName("needsFromAssessmentButton")
        self.needs_from_assessment.setToolTip(tr("Set the needs to those of your latest assessment"))
        needs_box = QGroupBox(tr("1. Development needs"))
        needs_layout = QVBoxLayout(needs_box)
        needs_layout.addLayout(needs_grid)
        needs_layout.addWidget(self.needs_from_assessment, 0, Qt.AlignmentFlag.AlignLeft)

        self.goal_list = QListWidget()
        self.goal_list.setObjectName("goalList")
        self.goal_list.setWordWrap(True)
        self.goal_list.setAlternatingRowColors(True)
        self.add_goal_button = QPushButton(tr("Add &goal"))
        self.add_goal_button.setObjectName("addGoalButton")
        self.edit_goal_button = QPushButton(tr("Edi&t"))
        self.edit_goal_button.setObjectName("editGoalButton")
        self.edit_goal_button.setToolTip(tr("Edit the selected goal"))
        self.delete_goal_button = QPushButton(tr("&Delete"))
        self.delete_goal_button.setObjectName("deleteGoalButton")
        self.delete_goal_button.setToolTip(tr("Delete the selected goal"))
        goal_buttons = QHBoxLayout()
        for b in (self.add_goal_button, self.edit_goal_button, self.delete_goal_button):
            goal_buttons.addWidget(b)
        goal_buttons.addStretch(1)
        goals_box = QGroupBox(tr("2. Learning goals"))
        goals_layout = QVBoxLayout(goals_box)
        goals_layout.addWidget(self.goal_list, 1)
        goals_layout.addLayout(goal_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(needs_box)
        layout.addWidget(goals_box, 1)

    def set_needs_columns(self, columns: int) -> None:
        """The need boxes in `columns` columns, in order down each: one beside the plan, two above it."""
        rows = -(-len(self.need_boxes) // columns)
        for i, box in enumerate(self.need_boxes.values()):
            self.needs_grid.removeWidget(box)
            self.needs_grid.addWidget(box, i % rows, i // rows)

    def needs(self) -> list[int]:
        return [n for n, box in self.need_boxes.items() if box.isChecked()]

    def show_plan(self, plan: PlanData | None) -> None:
        """Tick the plan's needs (in bold) and list its goals; the boxes' toggled signals fire (the page ignores
        them while it fills)."""
        for n, box in self.need_boxes.items():
            box.setChecked(plan is not None and n in plan.needs)
            font = box.font()
            font.setBold(box.isChecked())
            box.setFont(font)

        self.goal_list.clear()
        for g in plan.goals if plan else ():
            text = (tr("Long-term (3-5 years): {goal}") if g.term == Term.LONG else tr("This year: {goal}")).format(
                goal=g.text)
            if g.practices:
                text += f"  [{practices_text(g.practices)}]"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, g.id)
            entry.setToolTip(practices_tip(g.practices))
            if g.term == Term.LONG:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.goal_list.addItem(entry)

    def selected_goal(self, plan: PlanData | None) -> GoalData | None:
        entry = self.goal_list.currentItem()
        if entry is None or plan is None:
            return None
        goal_id = entry.data(Qt.ItemDataRole.UserRole)
        return next((g for g in plan.goals if g.id == goal_id), None)
