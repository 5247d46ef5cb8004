"""The Legacy Leaders page: the status of each year (earned / maintained / not yet, with what is missing), the
coaching relationships with their yearly notes, recruitments and sponsorships, and menu activities.

The rule lives in models.legacy.legacy_years; this page shows it and edits the records (every write undoable).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.models import clock
from wethrive_desktop.models.dates import short_date
from wethrive_desktop.models.legacy import (
    ACTION_LABELS,
    EARNED,
    MAINTAINED,
    MENU_KINDS,
    PARTICIPANT_PROGRAMS,
    PROGRAMS,
    RECRUITMENT_KINDS,
    ActionData,
    ActionKind,
    ActionRecord,
    CoachingData,
    CoachingRecord,
    CoachingYearData,
    LegacyOverview,
    LegacyYear,
    delete_action,
    delete_coaching,
    legacy_overview,
    normalized_action,
    normalized_coaching,
    restore_action,
    restore_coaching,
    save_action,
    save_coaching,
)
from wethrive_desktop.ui import form_dialog, prompts
from wethrive_desktop.ui.form_dialog import FormDialog, date_edit, from_qdate
from wethrive_desktop.ui.naming import named
from wethrive_desktop.ui.record_table import Col, RecordTableModel, record_view, selected_record
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import perform

STATUS_COLORS = {EARNED: "#2e7d32", MAINTAINED: "#2e7d32"}
NOT_YET_COLOR = "#b26a00"


def status_text(y: LegacyYear) -> str:
    if y.status == EARNED:
        return "Earned"
    if y.status == MAINTAINED:
        return f"Maintained (year {y.leader_year})"
    return "Not yet"


# --- dialogs -----------------------------------------------------------------------------------------------

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


# --- the page ----------------------------------------------------------------------------------------------

def coaching_end(c: CoachingRecord) -> str:
    return short_date(c.data.end_date) if c.data.end_date else "still coaching"


def final_project(c: CoachingRecord) -> str:
    if c.data.final_project_approved:
        return f"approved {short_date(c.data.final_project_approved)}"
    return "—" if c.data.program not in ("eldp", "mcmi") else "not yet"


def program_of(a: ActionRecord) -> str:
    return PROGRAMS.get(a.data.program or "", "")


class LegacyPage(Page):
    title = "Legacy Leaders"
    object_name = "legacyPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.overview: LegacyOverview | None = None

        title = QLabel("Legacy Leaders")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.banner = named(QLabel(), "legacyBanner", "This year's status")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        banner_box = QFrame()
        banner_box.setFrameShape(QFrame.Shape.StyledPanel)
        banner_layout = QVBoxLayout(banner_box)
        banner_layout.setContentsMargins(10, 6, 10, 6)
        banner_layout.addWidget(self.banner)

        # Left: the years and the selected year's detail.
        self.years_model: RecordTableModel[LegacyYear] = RecordTableModel([
            Col("Year", lambda y: str(y.year), sort=lambda y: y.year),
            Col("Status", status_text, tip=lambda y: f"Goal: {y.goal}"),
            Col("Goal", lambda y: y.goal, stretch=True),
        ], self)
        self.years_view = record_view(self.years_model, name="legacyYears", rows=5)
        self.years_view.selectionModel().selectionChanged.connect(lambda *_a: self._show_year())
        self.detail = named(QTextBrowser(), "legacyYearDetail", "Year detail")
        self.detail.setOpenLinks(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Status by year</b>"))
        left_layout.addWidget(self.years_view, 2)
        left_layout.addWidget(self.detail, 3)

        # Right: the records.
        self.tabs = named(QTabWidget(), "legacyTabs")
        self.tabs.addTab(self._build_coaching_tab(), "&Coaching")
        self.tabs.addTab(self._build_actions_tab(RECRUITMENT_KINDS, "recruit"), "&Recruitments and sponsorships")
        self.tabs.addTab(self._build_actions_tab(MENU_KINDS, "menu"), "&Menu activities")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 600])
        splitter.setChildrenCollapsible(False)

        intro = QLabel("For Credentialed Managers who coach the next generation: coach an ELDP, MCMI or state-program "
                       "participant and recruit or sponsor each year to earn the designation, coach and recruit again "
                       "to keep it in year two, then one activity from the menu each year.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(banner_box)
        layout.addWidget(splitter, 1)
        self.refresh()

    def _build_coaching_tab(self) -> QWidget:
        self.coaching_model: RecordTableModel[CoachingRecord] = RecordTableModel([
            Col("Person", lambda c: c.data.person, stretch=True, tip=lambda c: c.data.notes or c.data.person),
            Col("Program", lambda c: c.data.program_label),
            Col("Started", lambda c: short_date(c.data.start_date), sort=lambda c: c.data.start_date),
            Col("Ended", coaching_end, sort=lambda c: c.data.end_date or date.max),
            Col("Final project", final_project),
        ], self)
        self.coaching_view = record_view(self.coaching_model, sortable=True, name="coachingList")
        self.coaching_view.doubleClicked.connect(lambda _i: self.edit_coaching())
        self.coaching_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.add_coaching_button = named(QPushButton("&Add…"), "addCoaching", "Add coaching")
        self.add_coaching_button.clicked.connect(self.add_coaching)
        self.edit_coaching_button = named(QPushButton("&Edit…"), "editCoaching", "Edit coaching")
        self.edit_coaching_button.clicked.connect(self.edit_coaching)
        self.delete_coaching_button = named(QPushButton("&Delete"), "deleteCoaching", "Delete coaching")
        self.delete_coaching_button.clicked.connect(self.delete_coaching)
        return self._tab(self.coaching_view, [self.add_coaching_button, self.edit_coaching_button,
                                              self.delete_coaching_button])

    def _build_actions_tab(self, kinds: tuple[ActionKind, ...], name: str) -> QWidget:
        menu = kinds == MENU_KINDS
        columns: list[Col[ActionRecord]] = [
            Col("Date", lambda a: short_date(a.data.date), sort=lambda a: a.data.date),
            Col("What", lambda a: ACTION_LABELS[ActionKind(a.data.kind)]),
        ]
        if not menu:
            columns += [Col("Person", lambda a: a.data.person), Col("Program", program_of)]
        columns.append(Col("Notes", lambda a: a.data.notes, stretch=True, tip=lambda a: a.data.notes))
        model: RecordTableModel[ActionRecord] = RecordTableModel(columns, self)
        view = record_view(model, sortable=True, name=f"{name}List")
        add = named(QPushButton("&Add…"), f"add-{name}", "Add")
        edit = named(QPushButton("&Edit…"), f"edit-{name}", "Edit")
        delete = named(QPushButton("&Delete"), f"delete-{name}", "Delete")
        add.clicked.connect(lambda: self.add_action(kinds))
        edit.clicked.connect(lambda: self.edit_action(kinds, view))
        view.doubleClicked.connect(lambda _i: self.edit_action(kinds, view))
        delete.clicked.connect(lambda: self.delete_action(view))
        view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        if menu:
            self.menu_model, self.menu_view, self.menu_buttons = model, view, (edit, delete)
        else:
            self.recruit_model, self.recruit_view, self.recruit_buttons = model, view, (edit, delete)
        return self._tab(view, [add, edit, delete])

    @staticmethod
    def _tab(view: QWidget, buttons: list[QPushButton]) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    # --- showing -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the store (the window calls this when data changed and the page is shown)."""
        now = clock.today()
        overview = legacy_overview(now)
        self.overview = overview
        selected = selected_record(self.years_view)
        self.years_model.set_records(list(reversed(overview.years)))
        self.coaching_model.set_records(overview.coaching)
        self.recruit_model.set_records([a for a in overview.actions if ActionKind(a.data.kind).is_recruitment])
        self.menu_model.set_records([a for a in overview.actions if not ActionKind(a.data.kind).is_recruitment])
        self._show_banner(overview.current(now.year), now.year)
        rows = [i for i, y in enumerate(self.years_model.records)
                if selected is not None and y.year == selected.year]
        if self.years_model.records:
            self.years_view.selectRow(rows[0] if rows else 0)
        self._show_year()
        self._update_buttons()

    def _show_banner(self, current: LegacyYear | None, year: int) -> None:
        if current is None:
            self.banner.setText(f"<b>{year}: no Legacy Leaders records yet.</b> Add a coaching relationship and a "
                                "recruitment or sponsorship to start.")
            return
        color = STATUS_COLORS.get(current.status, NOT_YET_COLOR)
        text = f"<b>{year}: <span style='color:{color}'>{html.escape(status_text(current))}</span></b>"
        if current.missing:
            text += f" — to {html.escape(current.goal)}, still missing: " + "; ".join(
                html.escape(m) for m in current.missing)
        else:
            text += f" — goal met ({html.escape(current.goal)})."
        self.banner.setText(text)

    def _show_year(self) -> None:
        y = selected_record(self.years_view)
        if not isinstance(y, LegacyYear):
            self.detail.setHtml("<p>No years yet: the status appears once a coaching relationship, recruitment or "
                                "menu activity is recorded.</p>")
            return
        color = STATUS_COLORS.get(y.status, NOT_YET_COLOR)
        parts = [f"<h3>{y.year}: <span style='color:{color}'>{html.escape(status_text(y))}</span></h3>",
                 f"<p>Goal: {html.escape(y.goal)}.</p>"]

        def section(title: str, items: tuple[str, ...]) -> None:
            if items:
                parts.append(f"<p><b>{title}</b></p><ul>"
                             + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")

        section("Still missing", y.missing)
        section("Counted", y.met)
        section("Reminders (not required for the status)", y.reminders)
        self.detail.setHtml("".join(parts))

    def _update_buttons(self) -> None:
        has = selected_record(self.coaching_view) is not None
        self.edit_coaching_button.setEnabled(has)
        self.delete_coaching_button.setEnabled(has)
        for view, buttons in ((self.recruit_view, self.recruit_buttons), (self.menu_view, self.menu_buttons)):
            for b in buttons:
                b.setEnabled(selected_record(view) is not None)

    # --- coaching ------------------------------------------------------------------------------------------

    def add_coaching(self) -> None:
        dialog = CoachingDialog(self, None)
        saved: dict[str, int] = {}

        def submit() -> None:
            data = dialog.data()

            def do() -> None:
                saved["id"] = save_coaching(data)

            perform(self.shell, f"Add coaching of {data.person.strip()}", do,
                    undo=lambda: delete_coaching(saved["id"]),
                    redo=lambda: restore_coaching(CoachingRecord(saved["id"], normalized_coaching(data))))

        dialog.submit = submit
        form_dialog.run_dialog(dialog)

    def edit_coaching(self) -> None:
        record = selected_record(self.coaching_view)
        if not isinstance(record, CoachingRecord):
            return
        dialog = CoachingDialog(self, record)

        def submit() -> None:
            data = dialog.data()
            perform(self.shell, f"Edit coaching of {record.data.person}",
                    lambda: save_coaching(data, record.id), undo=lambda: save_coaching(record.data, record.id))

        dialog.submit = submit
        form_dialog.run_dialog(dialog)

    def delete_coaching(self) -> None:
        record = selected_record(self.coaching_view)
        if not isinstance(record, CoachingRecord):
            return
        if not prompts.confirm(self, "Delete coaching", f"Delete the coaching of {record.data.person} and its "
                                                        "yearly notes?", "Delete"):
            return
        perform(self.shell, f"Delete coaching of {record.data.person}", lambda: delete_coaching(record.id),
                undo=lambda: restore_coaching(record))

    # --- recruitments, sponsorships and menu activities ----------------------------------------------------

    def add_action(self, kinds: tuple[ActionKind, ...]) -> None:
        dialog = ActionDialog(self, kinds, None)
        saved: dict[str, int] = {}

        def submit() -> None:
            data = dialog.data()

            def do() -> None:
                saved["id"] = save_action(data)

            perform(self.shell, f"Add {ACTION_LABELS[ActionKind(data.kind)].lower()}", do,
                    undo=lambda: delete_action(saved["id"]),
                    redo=lambda: restore_action(ActionRecord(saved["id"], normalized_action(data))))

        dialog.submit = submit
        form_dialog.run_dialog(dialog)

    def edit_action(self, kinds: tuple[ActionKind, ...], view: Any) -> None:
        record = selected_record(view)
        if not isinstance(record, ActionRecord):
            return
        dialog = ActionDialog(self, kinds, record)

        def submit() -> None:
            data = dialog.data()
            perform(self.shell, f"Edit {ACTION_LABELS[ActionKind(record.data.kind)].lower()}",
                    lambda: save_action(data, record.id), undo=lambda: save_action(record.data, record.id))

        dialog.submit = submit
        form_dialog.run_dialog(dialog)

    def delete_action(self, view: Any) -> None:
        record = selected_record(view)
        if not isinstance(record, ActionRecord):
            return
        if not prompts.confirm(self, "Delete", f"Delete “{record.data.describe()}” "
                                               f"({short_date(record.data.date)})?", "Delete"):
            return
        perform(self.shell, f"Delete {ACTION_LABELS[ActionKind(record.data.kind)].lower()}",
                lambda: delete_action(record.id), undo=lambda: restore_action(record))

    def select_year(self, year: int) -> None:
        for row, y in enumerate(self.years_model.records):
            if y.year == year:
                self.years_view.selectRow(row)

