"""The Legacy Leaders page: the status of each year (earned / maintained / not yet, with what is missing), the
coaching relationships with their yearly notes, recruitments and sponsorships, and menu activities.

The rule lives in models.legacy_rule.legacy_years; this page shows it and edits the records (every write undoable). The
dialogs are in dialogs.py, opened through `form_dialog.run_dialog` (looked up at call time: tests patch it).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import format_date, tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.legacy import (
    LegacyOverview,
    delete_action,
    delete_coaching,
    legacy_overview,
    restore_action,
    restore_coaching,
    save_action,
    save_coaching,
)
from wethrive_desktop.models.legacy_rule import (
    EARNED,
    MAINTAINED,
    MENU_KINDS,
    RECRUITMENT_KINDS,
    ActionKind,
    ActionRecord,
    CoachingRecord,
    LegacyYear,
    normalized_action,
    normalized_coaching,
    program_label,
)
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.colors import OK, WARN, ThemedColor
from wethrive_desktop.ui.legacy.dialogs import ActionDialog, CoachingDialog
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import perform
from wethrive_desktop.ui.widgets import form_dialog
from wethrive_desktop.ui.widgets.fit import ColumnFitter, StackingSplitter, vertical_scroll
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.widgets.record_table import Col, RecordTableModel, record_view, selected_record

# Semantic colours (ui/colors.py): formatted, each gives its shade readable on the palette of the moment.
STATUS_COLORS = {EARNED: ThemedColor(OK), MAINTAINED: ThemedColor(OK)}
NOT_YET_COLOR = ThemedColor(WARN)


def status_text(y: LegacyYear) -> str:
    if y.status == EARNED:
        return tr("Earned")
    if y.status == MAINTAINED:
        return tr("Maintained (year {number})").format(number=y.leader_year)
    return tr("Not yet")


def coaching_end(c: CoachingRecord) -> str:
    return format_date(c.data.end_date, short=True) if c.data.end_date else tr("still coaching")


def final_project(c: CoachingRecord) -> str:
    if c.data.final_project_approved:
        return tr("approved {date}").format(date=format_date(c.data.final_project_approved, short=True))
    return "—" if c.data.program not in ("eldp", "mcmi") else tr("not yet")


def program_of(a: ActionRecord) -> str:
    return program_label(a.data.program) if a.data.program else ""


def kind_of(a: ActionRecord) -> str:
    return ActionKind(a.data.kind).label


YEARS_WIDTH = 40  # in characters: the width the status by year needs beside the records


class LegacyPage(Page):
    title = "Legacy Leaders"
    object_name = "legacyPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.overview: LegacyOverview | None = None
        self._banner: tuple[LegacyYear | None, int] | None = None  # what the banner shows

        title = QLabel(tr("Legacy Leaders"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.banner = named(QLabel(), "legacyBanner", tr("This year's status"))
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        banner_box = QFrame()
        banner_box.setFrameShape(QFrame.Shape.StyledPanel)
        banner_layout = QVBoxLayout(banner_box)
        banner_layout.setContentsMargins(10, 6, 10, 6)
        banner_layout.addWidget(self.banner)

        # Left: the years and the selected year's detail.
        self.years_model: RecordTableModel[LegacyYear] = RecordTableModel([
            Col(tr("Year"), lambda y: str(y.year), sort=lambda y: y.year),
            Col(tr("Status"), status_text, tip=lambda y: tr("Goal: {goal}").format(goal=y.goal)),
            Col(tr("Goal"), lambda y: y.goal, stretch=True),
        ], self)
        self.years_view = record_view(self.years_model, name="legacyYears", rows=5)
        self.years_view.selectionModel().selectionChanged.connect(lambda *_a: self._show_year())
        self.detail = named(QTextBrowser(), "legacyYearDetail", tr("Year detail"))
        self.detail.setOpenLinks(False)
        years_label = QLabel(tr("&Status by year"))
        font = years_label.font()
        font.setBold(True)
        years_label.setFont(font)
        years_label.setBuddy(self.years_view)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(years_label)
        left_layout.addWidget(self.years_view, 2)
        left_layout.addWidget(self.detail, 3)

        # Right: the records.
        self.tabs = named(QTabWidget(), "legacyTabs")
        self.tabs.addTab(self._build_coaching_tab(), tr("&Coaching"))
        self.tabs.addTab(self._build_actions_tab(RECRUITMENT_KINDS, "recruit"), tr("&Recruitments and sponsorships"))
        self.tabs.addTab(self._build_actions_tab(MENU_KINDS, "menu"), tr("&Menu activities"))

        # Side by side while the records' tabs show all their titles beside a readable year panel, else stacked.
        self.splitter = StackingSplitter(self.tabs.tabBar().sizeHint().width() + YEARS_WIDTH
                                         * self.fontMetrics().averageCharWidth())
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 600])
        self.splitter.stacked.connect(self._stacked)

        intro = QLabel(tr("For Credentialed Managers who coach the next generation: coach an ELDP, MCMI or "
                          "state-program participant and recruit or sponsor each year to earn the designation, coach "
                          "and recruit again to keep it in year two, then one activity from the menu each year."))
        intro.setWordWrap(True)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(banner_box)
        layout.addWidget(self.splitter, 1)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(vertical_scroll(content, "legacyArea"))  # scrolls down when the panels stack
        self.refresh()

    def _stacked(self, stacked: bool) -> None:
        """Stacked (a narrow window): the years above the records, each list tall enough to use (the page scrolls
        down)."""
        line = self.fontMetrics().height()
        for view, lines in ((self.years_view, 5), (self.detail, 10), (self.coaching_view, 8), (self.recruit_view, 8),
                            (self.menu_view, 8)):
            view.setMinimumHeight(lines * (line + 8) if stacked else 0)
        if not stacked:
            self.splitter.setSizes([400, 600])

    def _build_coaching_tab(self) -> QWidget:
        self.coaching_model: RecordTableModel[CoachingRecord] = RecordTableModel([
            Col(tr("Person"), lambda c: c.data.person, stretch=True, tip=lambda c: c.data.notes or c.data.person),
            Col(tr("Program"), lambda c: c.data.program_label),
            Col(tr("Started"), lambda c: format_date(c.data.start_date, short=True), sort=lambda c: c.data.start_date),
            Col(tr("Ended"), coaching_end, sort=lambda c: c.data.end_date or date.max),
            Col(tr("Final project"), final_project),
        ], self)
        self.coaching_view = record_view(self.coaching_model, sortable=True, name="coachingList")
        # In a narrow table the person keeps room, and the dates theirs: the other columns elide.
        self.coaching_columns = ColumnFitter(self.coaching_view, 0, minimums={2: self._date_width(),
                                                                             3: self._date_width()})
        self.coaching_view.doubleClicked.connect(lambda _i: self.edit_coaching())
        self.coaching_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.add_coaching_button = named(QPushButton(tr("&Add…")), "addCoaching", tr("Add coaching"))
        self.add_coaching_button.clicked.connect(self.add_coaching)
        self.edit_coaching_button = named(QPushButton(tr("Ed&it…")), "editCoaching", tr("Edit coaching"))
        self.edit_coaching_button.clicked.connect(self.edit_coaching)
        self.delete_coaching_button = named(QPushButton(tr("&Delete")), "deleteCoaching", tr("Delete coaching"))
        self.delete_coaching_button.clicked.connect(self.delete_coaching)
        return self._tab(self.coaching_view, [self.add_coaching_button, self.edit_coaching_button,
                                              self.delete_coaching_button])

    def _build_actions_tab(self, kinds: tuple[ActionKind, ...], name: str) -> QWidget:
        menu = kinds == MENU_KINDS
        columns: list[Col[ActionRecord]] = [
            Col(tr("Date"), lambda a: format_date(a.data.date, short=True), sort=lambda a: a.data.date),
            Col(tr("What"), kind_of, tip=kind_of),
        ]
        if not menu:
            columns += [Col(tr("Person"), lambda a: a.data.person), Col(tr("Program"), program_of)]
        columns.append(Col(tr("Notes"), lambda a: a.data.notes, stretch=True, tip=lambda a: a.data.notes))
        model: RecordTableModel[ActionRecord] = RecordTableModel(columns, self)
        view = record_view(model, sortable=True, name=f"{name}List")
        ColumnFitter(view, len(columns) - 1, minimums={0: self._date_width()})  # the notes and the date keep room
        add = named(QPushButton(tr("&Add…")), f"add-{name}", tr("Add"))
        edit = named(QPushButton(tr("Ed&it…")), f"edit-{name}", tr("Edit"))
        delete = named(QPushButton(tr("&Delete")), f"delete-{name}", tr("Delete"))
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

    def _date_width(self) -> int:
        """What a date column needs to show a whole date."""
        return self.fontMetrics().horizontalAdvance(format_date(date(2026, 12, 31), short=True)) + 12

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._banner is not None:
            # The status colours are written into the rich text: write it again in the new palette's shades.
            self._show_banner(*self._banner)
            self._show_year()

    def _show_banner(self, current: LegacyYear | None, year: int) -> None:
        self._banner = (current, year)
        if current is None:
            self.banner.setText(tr("<b>{year}: no Legacy Leaders records yet.</b> Add a coaching relationship and a "
                                   "recruitment or sponsorship to start.").format(year=year))
            return
        color = STATUS_COLORS.get(current.status, NOT_YET_COLOR)
        status = f"<span style='color:{color}'>{html.escape(status_text(current))}</span>"
        if current.missing:
            text = tr("<b>{year}: {status}</b> — to {goal}, still missing: {missing}").format(
                year=year, status=status, goal=html.escape(current.goal),
                missing="; ".join(html.escape(m) for m in current.missing))
        else:
            text = tr("<b>{year}: {status}</b> — goal met ({goal}).").format(
                year=year, status=status, goal=html.escape(current.goal))
        self.banner.setText(text)

    def _show_year(self) -> None:
        y = selected_record(self.years_view)
        if not isinstance(y, LegacyYear):
            self.detail.setHtml("<p>{}</p>".format(tr(
                "No years yet: the status appears once a coaching relationship, recruitment or menu activity is "
                "recorded.")))
            return
        color = STATUS_COLORS.get(y.status, NOT_YET_COLOR)
        parts = [f"<h3>{y.year}: <span style='color:{color}'>{html.escape(status_text(y))}</span></h3>",
                 "<p>{}</p>".format(tr("Goal: {goal}.").format(goal=html.escape(y.goal)))]

        def section(title: str, items: tuple[str, ...]) -> None:
            if items:
                parts.append(f"<p><b>{title}</b></p><ul>"
                             + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")

        section(tr("Still missing"), y.missing)
        section(tr("Counted"), y.met)
        section(tr("Reminders (not required for the status)"), y.reminders)
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

            perform(self.shell, tr("Add coaching of {person}").format(person=data.person.strip()), do,
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
            perform(self.shell, tr("Edit coaching of {person}").format(person=record.data.person),
                    lambda: save_coaching(data, record.id), undo=lambda: save_coaching(record.data, record.id))

        dialog.submit = submit
        form_dialog.run_dialog(dialog)

    def delete_coaching(self) -> None:
        record = selected_record(self.coaching_view)
        if not isinstance(record, CoachingRecord):
            return
        question = tr("Delete the coaching of {person} and its yearly notes?").format(person=record.data.person)
        if not prompts.confirm(self, tr("Delete coaching"), question, tr("Delete")):
            return
        perform(self.shell, tr("Delete coaching of {person}").format(person=record.data.person),
                lambda: delete_coaching(record.id),
                undo=lambda: restore_coaching(record))

    # --- recruitments, sponsorships and menu activities ----------------------------------------------------

    def add_action(self, kinds: tuple[ActionKind, ...]) -> None:
        dialog = ActionDialog(self, kinds, None)
        saved: dict[str, int] = {}

        def submit() -> None:
            data = dialog.data()

            def do() -> None:
                saved["id"] = save_action(data)

            perform(self.shell, tr("Add “{what}”").format(what=data.describe()), do,
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
            perform(self.shell, tr("Edit “{what}”").format(what=record.data.describe()),
                    lambda: save_action(data, record.id), undo=lambda: save_action(record.data, record.id))

        dialog.submit = submit
        form_dialog.run_dialog(dialog)

    def delete_action(self, view: Any) -> None:
        record = selected_record(view)
        if not isinstance(record, ActionRecord):
            return
        question = tr("Delete “{what}” ({date})?").format(what=record.data.describe(),
                                                          date=format_date(record.data.date))
        if not prompts.confirm(self, tr("Delete"), question, tr("Delete")):
            return
        perform(self.shell, tr("Delete “{what}”").format(what=record.data.describe()),
                lambda: delete_action(record.id), undo=lambda: restore_action(record))

    def select_year(self, year: int) -> None:
        for row, y in enumerate(self.years_model.records):
            if y.year == year:
                self.years_view.selectRow(row)
