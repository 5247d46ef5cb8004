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
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.legacy_rule import (
    MENU_KINDS,
    PARTICIPANT_PROGRAMS,
    PROGRAMS,
    ActionData,
    ActionKind,
    ActionRecord,
    CoachingData,
    CoachingRecord,
    CoachingYearData,
    program_label,
)
from wethrive_desktop.ui.widgets.form_dialog import FormDialog, date_edit, from_qdate
from wethrive_desktop.ui.widgets.naming import named


def enable_row(form: QFormLayout, field: QWidget, enabled: bool) -> None:
    """Enable or grey out a field with its label (a greyed label's access key is off, as its field's is)."""
    field.setEnabled(enabled)
    label = form.labelForField(field)
    if label is not None:
        label.setEnabled(enabled)


class CoachingDialog(FormDialog):
    """A coaching relationship, with notes and the meeting attended together for each of its years."""

    def __init__(self, parent: QWidget | None, record: CoachingRecord | None, submit: Any = None):
        super().__init__(parent, tr("Edit coaching") if record else tr("Add a coaching relationship"), submit)
        self.setObjectName("coachingDialog")
        self.field_names = {"person": tr("Person"), "program": tr("Program"), "end_date": tr("End date"),
                            "final_project_approved": tr("Final project approved"), "year": tr("Year")}
        data = record.data if record else CoachingData("", "eldp", clock.today())
        self.person_edit = named(QLineEdit(data.person), "coachingPerson", tr("Person coached"))
        self.person_edit.setPlaceholderText(tr("The participant you coach"))
        self.program_combo = named(QComboBox(), "coachingProgram", tr("Program"))
        for key in PROGRAMS:
            self.program_combo.addItem(program_label(key), key)
        self.program_combo.setCurrentIndex(max(self.program_combo.findData(data.program), 0))
        self.program_name_edit = named(QLineEdit(data.program_name), "coachingProgramName", tr("State program"))
        self.program_name_edit.setPlaceholderText(tr("e.g. CAL-ICMA Emerging Leaders"))
        self.start_edit = named(date_edit(data.start_date), "coachingStart", tr("Start date"))
        self.ongoing_box = named(QCheckBox(tr("Still &coaching")), "coachingOngoing", tr("Still coaching"))
        self.ongoing_box.setChecked(data.end_date is None)
        self.end_edit = named(date_edit(data.end_date or clock.today()), "coachingEnd", tr("End date"))
        self.approved_box = named(QCheckBox(tr("Final project &approved on")), "coachingApproved",
                                  tr("Final project approved"))
        self.approved_box.setChecked(data.final_project_approved is not None)
        self.approved_edit = named(date_edit(data.final_project_approved or clock.today()), "coachingApprovedDate",
                                   tr("Final project approval date"))
        self.notes_edit = named(QPlainTextEdit(data.notes), "coachingNotes", tr("Notes"))
        self.notes_edit.setFixedHeight(48)
        self.years_table = named(QTableWidget(0, 3), "coachingYears", tr("Notes per year"))
        self.years_table.setHorizontalHeaderLabels([tr("Year"), tr("Meeting attended together"), tr("Notes")])
        self.years_table.setToolTip(tr("Each year: notes, and the state association, regional meeting or Annual "
                                       "Conference you attended together (if possible)."))
        self.years_table.verticalHeader().setVisible(False)
        header = self.years_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 220)
        self.years_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.years_table.setMinimumHeight(4 * self.fontMetrics().height() + 30)  # the header and three years
        self._years: dict[int, CoachingYearData] = {y.year: y for y in data.years}

        dates_row = QHBoxLayout()
        dates_row.addWidget(self.start_edit)
        dates_row.addSpacing(12)
        dates_row.addWidget(self.ongoing_box)
        dates_row.addWidget(QLabel(tr("or ended on")))
        dates_row.addWidget(self.end_edit)
        dates_row.addStretch(1)
        approved_row = QHBoxLayout()
        approved_row.addWidget(self.approved_box)
        approved_row.addWidget(self.approved_edit)
        approved_row.addStretch(1)
        self.form.addRow(tr("&Person:"), self.person_edit)
        self.form.addRow(tr("P&rogram:"), self.program_combo)
        self.form.addRow(tr("State pro&gram:"), self.program_name_edit)
        started = QLabel(tr("&Started:"))
        started.setBuddy(self.start_edit)
        self.form.addRow(started, dates_row)
        self.form.addRow(tr("Second year:"), approved_row)
        self.form.addRow(tr("&Notes:"), self.notes_edit)
        self.form.addRow(tr("&Each year:"), self.years_table)
        self.person_edit.setFocus()

        self.program_combo.currentIndexChanged.connect(lambda _i: self._update_enabled())
        self.ongoing_box.toggled.connect(lambda _c: self._update_years())
        self.approved_box.toggled.connect(lambda _c: self._update_enabled())
        self.start_edit.dateChanged.connect(lambda _d: self._update_years())
        self.end_edit.dateChanged.connect(lambda _d: self._update_years())
        self._update_years()
        self._update_enabled()
        self.resize(600, self.sizeHint().height())

    def _update_enabled(self) -> None:
        enable_row(self.form, self.program_name_edit, self.program_combo.currentData() == "state")
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
        if menu:
            title = tr("Edit menu activity") if record else tr("Add a menu activity")
        else:
            title = tr("Edit recruitment or sponsorship") if record else tr("Add a recruitment or sponsorship")
        super().__init__(parent, title, submit)
        self.setObjectName("actionDialog")
        self.field_names = {"kind": tr("What"), "person": tr("Person"), "program": tr("Program"), "notes": tr("Notes")}
        data = record.data if record else ActionData(clock.today(), kinds[0].value)
        self.date_edit = named(date_edit(data.date), "actionDate", tr("Date"))
        self.kind_combo = named(QComboBox(), "actionKind", tr("What"))
        for kind in kinds:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(data.kind), 0))
        self.person_edit = named(QLineEdit(data.person), "actionPerson", tr("Person"))
        self.person_edit.setPlaceholderText(tr("Who was recruited or sponsored") if not menu else tr("Optional"))
        self.program_combo = named(QComboBox(), "actionProgram", tr("Program"))
        for key in PARTICIPANT_PROGRAMS:
            self.program_combo.addItem(program_label(key), key)
        self.program_combo.setCurrentIndex(max(self.program_combo.findData(data.program), 0))
        self.notes_edit = named(QLineEdit(data.notes), "actionNotes", tr("Notes"))
        self.notes_edit.setPlaceholderText(tr("What was done") if menu else tr("Optional"))
        self.form.addRow(tr("&Date:"), self.date_edit)
        self.form.addRow(tr("&What:"), self.kind_combo)
        self.form.addRow(tr("&Person:"), self.person_edit)
        self.form.addRow(tr("P&rogram:"), self.program_combo)
        self.form.addRow(tr("&Notes:"), self.notes_edit)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._update_enabled())
        self._update_enabled()
        self.date_edit.setFocus()
        self.resize(480, self.sizeHint().height())

    def _update_enabled(self) -> None:
        enable_row(self.form, self.program_combo, ActionKind(self.kind_combo.currentData()).needs_program)

    def data(self) -> ActionData:
        kind = ActionKind(self.kind_combo.currentData())
        return ActionData(from_qdate(self.date_edit.date()), kind.value, self.person_edit.text(),
                          self.program_combo.currentData() if kind.needs_program else None, self.notes_edit.text())
