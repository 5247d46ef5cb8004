"""The Legacy Leaders page's dialogs (each a `widgets.form_dialog.FormDialog`): a coaching relationship with the
notes and the meeting attended together for each of its years, and a recruitment, sponsorship or menu activity.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.legacy_rule import (
    ACTION_LABELS,
    MENU_KINDS,
    PARTICIPANT_PROGRAMS,
    PROGRAMS,
    ActionData,
    ActionKind,
    ActionRecord,
    CoachingData,
    CoachingRecord,
    CoachingYearData,
)
from wethrive_desktop.ui.widgets.form_dialog import FormDialog, date_edit, from_qdate
from wethrive_desktop.ui.widgets.naming import named


class CoachingDialog(FormDialog):
    """A coaching relationship, with notes and the meeting attended together for each of its years."""

    def __init__(self, parent: QWidget | None, record: CoachingRecord | None, submit: Any = None):
        super().__init__(parent, "Edit coaching" if record else "Add a coaching relationship", submit)
        self.setObjectName("coachingDialog")
        data = record.data if record else CoachingData("", "eldp", clock.today())
        self.person_edit = named(QLineEdit(data.person), "coachingPerson", "Person coached")
        self.person_edit.setPlaceholderText("The participant you coach")
        self.program_combo = named(QComboBox(), "coachingProgram", "Program")
        for key, label in PROGRAMS.items():
            self.program_combo.addItem(label, key)
        self.program_combo.setCurrentIndex(max(self.program_combo.findData(data.program), 0))
        self.program_name_edit = named(QLineEdit(data.program_name), "coachingProgramName", "State program")
        self.program_name_edit.setPlaceholderText("e.g. CAL-ICMA Emerging Leaders")
        self.start_edit = named(date_edit(data.start_date), "coachingStart", "Start date")
        self.ongoing_box = named(QCheckBox("Still coaching"), "coachingOngoing", "Still coaching")
        self.ongoing_box.setChecked(data.end_date is None)
        self.end_edit = named(date_edit(data.end_date or clock.today()), "coachingEnd", "End date")
        self.approved_box = named(QCheckBox("Final project approved on"), "coachingApproved",
                                  "Final project approved")
        self.approved_box.setChecked(data.final_project_approved is not None)
        self.approved_edit = named(date_edit(data.final_project_approved or clock.today()), "coachingApprovedDate",
                                   "Final project approval date")
        self.notes_edit = named(QPlainTextEdit(data.notes), "coachingNotes", "Notes")
        self.notes_edit.setFixedHeight(56)
        self.years_table = named(QTableWidget(0, 3), "coachingYears", "Notes per year")
        self.years_table.setHorizontalHeaderLabels(["Year", "Meeting attended together", "Notes"])
        self.years_table.verticalHeader().setVisible(False)
        header = self.years_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 220)
        self.years_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.years_table.setMinimumHeight(110)
        self._years: dict[int, CoachingYearData] = {y.year: y for y in data.years}

        end_row = QHBoxLayout()
        end_row.addWidget(self.ongoing_box)
        end_row.addWidget(QLabel("or ended on"))
        end_row.addWidget(self.end_edit)
        end_row.addStretch(1)
        approved_row = QHBoxLayout()
        approved_row.addWidget(self.approved_box)
        approved_row.addWidget(self.approved_edit)
        approved_row.addStretch(1)
        self.form.addRow("&Person:", self.person_edit)
        self.form.addRow("P&rogram:", self.program_combo)
        self.form.addRow("State pro&gram:", self.program_name_edit)
        self.form.addRow("&Started:", self.start_edit)
        self.form.addRow("Ended:", end_row)
        self.form.addRow("Second year:", approved_row)
        self.form.addRow("&Notes:", self.notes_edit)
        hint = QLabel("Each year: notes, and the state association, regional meeting or Annual Conference you "
                      "attended together (if possible).")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.form.addRow(self.years_table)

        self.program_combo.currentIndexChanged.connect(lambda _i: self._update_enabled())
        self.ongoing_box.toggled.connect(lambda _c: self._update_years())
        self.approved_box.toggled.connect(lambda _c: self._update_enabled())
        self.start_edit.dateChanged.connect(lambda _d: self._update_years())
        self.end_edit.dateChanged.connect(lambda _d: self._update_years())
        self._update_years()
        self._update_enabled()
        self.resize(600, 500)

    def _update_enabled(self) -> None:
        self.program_name_edit.setEnabled(self.program_combo.currentData() == "state")
        self.end_edit.setEnabled(not self.ongoing_box.isChecked())
        self.approved_edit.setEnabled(self.approved_box.isChecked())

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.years_table.item(row, column)
        if item is None:  # every cell is filled by _update_years; an editor may have cleared one
            item = QTableWidgetItem("")
            self.years_table.setItem(row, column, item)
        return item

    def _collect_years(self) -> None:
        for row in range(self.years_table.rowCount()):
            year = int(self._cell(row, 0).text())
            self._years[year] = CoachingYearData(year, self._cell(row, 2).text(), self._cell(row, 1).text())

    def _update_years(self) -> None:
        """One row per calendar year of the relationship; what was typed for a year is kept if it comes back."""
        self._update_enabled()
        self._collect_years()
        start = from_qdate(self.start_edit.date()).year
        end = clock.today().year if self.ongoing_box.isChecked() else from_qdate(self.end_edit.date()).year
        years = list(range(start, max(start, end) + 1))
        self.years_table.setRowCount(len(years))
        for row, year in enumerate(years):
            stored = self._years.get(year, CoachingYearData(year))
            year_item = QTableWidgetItem(str(year))
            year_item.setFlags(year_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.years_table.setItem(row, 0, year_item)
            self.years_table.setItem(row, 1, QTableWidgetItem(stored.meeting))
            self.years_table.setItem(row, 2, QTableWidgetItem(stored.notes))

    def set_year(self, year: int, notes: str = "", meeting: str = "") -> None:
        for row in range(self.years_table.rowCount()):
            if self._cell(row, 0).text() == str(year):
                self._cell(row, 1).setText(meeting)
                self._cell(row, 2).setText(notes)

    def data(self) -> CoachingData:
        self._collect_years()
        start = from_qdate(self.start_edit.date())
        end = None if self.ongoing_box.isChecked() else from_qdate(self.end_edit.date())
        last = end.year if end else clock.today().year
        years = tuple(y for year, y in sorted(self._years.items())
                      if start.year <= year <= max(last, start.year) and (y.notes.strip() or y.meeting.strip()))
        return CoachingData(
            person=self.person_edit.text(), program=self.program_combo.currentData(), start_date=start,
            program_name=self.program_name_edit.text() if self.program_combo.currentData() == "state" else "",
            end_date=end,
            final_project_approved=from_qdate(self.approved_edit.date()) if self.approved_box.isChecked() else None,
            notes=self.notes_edit.toPlainText(), years=years,
        )


class ActionDialog(FormDialog):
    """A recruitment or sponsorship, or a menu activity."""

    def __init__(self, parent: QWidget | None, kinds: tuple[ActionKind, ...], record: ActionRecord | None,
                 submit: Any = None):
        menu = kinds == MENU_KINDS
        what = "menu activity" if menu else "recruitment or sponsorship"
        super().__init__(parent, f"Edit {what}" if record else f"Add a {what}", submit)
        self.setObjectName("actionDialog")
        data = record.data if record else ActionData(clock.today(), kinds[0].value)
        self.date_edit = named(date_edit(data.date), "actionDate", "Date")
        self.kind_combo = named(QComboBox(), "actionKind", "What")
        for kind in kinds:
            self.kind_combo.addItem(ACTION_LABELS[kind], kind.value)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(data.kind), 0))
        self.person_edit = named(QLineEdit(data.person), "actionPerson", "Person")
        self.person_edit.setPlaceholderText("Who was recruited or sponsored" if not menu else "Optional")
        self.program_combo = named(QComboBox(), "actionProgram", "Program")
        for key in PARTICIPANT_PROGRAMS:
            self.program_combo.addItem(PROGRAMS[key], key)
        self.program_combo.setCurrentIndex(max(self.program_combo.findData(data.program), 0))
        self.notes_edit = named(QLineEdit(data.notes), "actionNotes", "Notes")
        self.notes_edit.setPlaceholderText("What was done" if menu else "Optional")
        self.form.addRow("&Date:", self.date_edit)
        self.form.addRow("&What:", self.kind_combo)
        self.form.addRow("&Person:", self.person_edit)
        self.form.addRow("P&rogram:", self.program_combo)
        self.form.addRow("&Notes:", self.notes_edit)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._update_enabled())
        self._update_enabled()
        self.resize(480, self.sizeHint().height())

    def _update_enabled(self) -> None:
        self.program_combo.setEnabled(ActionKind(self.kind_combo.currentData()).needs_program)

    def data(self) -> ActionData:
        kind = ActionKind(self.kind_combo.currentData())
        return ActionData(from_qdate(self.date_edit.date()), kind.value, self.person_edit.text(),
                          self.program_combo.currentData() if kind.needs_program else None, self.notes_edit.text())
