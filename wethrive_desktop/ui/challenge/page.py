"""The #WeThriveHere challenge page: points earned in a year with the entries that earned them, points by month,
the sign-up toggle, entries that carry no hours (a donation, an early renewal, an e-book), and the catalogue of
each challenge year (add, edit, remove an item; copy a catalogue to a new year). Every write can be undone.

The dialogs are in dialogs.py, opened through `form_dialog.run_dialog` (looked up at call time: tests patch it).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import (
    ActivityRecord,
    delete_activity,
    get_activity,
    restore_activity,
)
from wethrive_desktop.models.challenge import (
    ChallengeItemData,
    ChallengePoints,
    PointsLine,
    add_item,
    catalogue_years,
    challenge_points_for_year,
    copy_catalogue,
    delete_catalogue,
    delete_item,
    entry_counts,
    load_items,
    record_zero_hour_entry,
    restore_items,
    set_signup,
    update_item,
)
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.models.validation import FieldError, ValidationError
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.challenge.dialogs import CopyDialog, EntryDialog, ItemDialog, spin_width
from wethrive_desktop.ui.challenge.tables import CatalogueRow, catalogue_columns, points_columns
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import delete_undoable, perform, undo_keys
from wethrive_desktop.ui.widgets import form_dialog
from wethrive_desktop.ui.widgets.bar_chart import BarChart
from wethrive_desktop.ui.widgets.fit import Reflow, StackingSplitter, vertical_scroll
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.widgets.record_table import RecordTableModel, record_view, selected_record

CHART_WIDTH = 24  # in lines of text: the width the chart of twelve months needs beside the entries


def month_name(month: int) -> str:
    """"Jan", "janv.": the month's short name in the user's locale."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat)


class ChallengePage(Page):
    title = "#WeThriveHere"
    object_name = "challengePage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.points: ChallengePoints | None = None
        self._refreshing = False

        title = QLabel(tr("#WeThriveHere challenge"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.year_spin = named(QSpinBox(), "challengeYear", tr("Challenge year"))
        self.year_spin.setRange(MIN_YEAR, MAX_YEAR)
        self.year_spin.setValue(clock.today().year)
        self.year_spin.setMinimumWidth(spin_width(self.year_spin))
        self.year_spin.valueChanged.connect(lambda _v: self.refresh())
        self.signup_box = named(QCheckBox(tr("&Signed up for the challenge")), "signupBox",
                                tr("Signed up for the challenge"))
        self.signup_box.toggled.connect(self._signup_toggled)
        title_row = QHBoxLayout()
        title_row.addWidget(title)
        title_row.addStretch(1)
        year_row = QHBoxLayout()
        year_row.addStretch(1)
        year_row.addWidget(self.signup_box)
        year_row.addSpacing(16)
        year_label = QLabel(tr("&Year:"))
        year_label.setBuddy(self.year_spin)
        year_row.addWidget(year_label)
        year_row.addWidget(self.year_spin)
        header = Reflow([title_row, year_row], stretches=[1, 0])  # the sign-up and year under the title when narrow

        self.tabs = named(QTabWidget(), "challengeTabs")
        self.tabs.addTab(self._build_points_tab(), tr("&Points"))
        self.tabs.addTab(self._build_catalogue_tab(), tr("&Catalogue"))

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(vertical_scroll(content, "challengeArea"))  # scrolls down when the chart goes under
        self.refresh()

    def _stacked(self, stacked: bool) -> None:
        """Stacked (a narrow window): the chart under the entries, both tall enough to read; the page scrolls."""
        line = self.fontMetrics().height()
        self.lines_view.setMinimumHeight(8 * (line + 8) if stacked else 0)
        self.month_chart.setMinimumHeight(16 * line if stacked else 0)

    def _build_points_tab(self) -> QWidget:
        tab = QWidget()
        self.total_label = named(QLabel("0"), "pointsTotal", tr("Points this year"))
        font = self.total_label.font()
        font.setPointSizeF(font.pointSizeF() * 3)
        font.setBold(True)
        self.total_label.setFont(font)
        self.total_caption = QLabel()
        self.total_caption.setWordWrap(True)
        total_box = QFrame()
        total_box.setFrameShape(QFrame.Shape.StyledPanel)
        total_layout = QHBoxLayout(total_box)
        total_layout.addWidget(self.total_label)
        total_layout.addWidget(self.total_caption, 1)

        self.lines_model: RecordTableModel[PointsLine] = RecordTableModel(points_columns(), self)
        # In date order, the sign-up points last (they have no date).
        self.lines_view = record_view(self.lines_model, name="pointsEntries", rows=8)
        self.lines_view.doubleClicked.connect(lambda _i: self.edit_entry())
        self.lines_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.record_button = named(QPushButton(tr("&Record an entry without hours…")), "recordEntry")
        self.record_button.setToolTip(tr("A donation to The Fund, an early renewal, an e-book purchase: points, "
                                         "no PD hours"))
        self.record_button.clicked.connect(self.record_entry)
        self.edit_entry_button = named(QPushButton(tr("Ed&it entry…")), "editEntry")
        self.edit_entry_button.setToolTip(tr("Open the entry in the activity form"))
        self.edit_entry_button.clicked.connect(self.edit_entry)
        self.delete_entry_button = named(QPushButton(tr("&Delete entry")), "deleteEntry")
        self.delete_entry_button.setToolTip(tr("Entries without hours are deleted here ({undo} brings one back); "
                                               "activities with hours in the activity log").format(undo=undo_keys()))
        self.delete_entry_button.clicked.connect(self.delete_entry)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.edit_entry_button)
        buttons.addWidget(self.delete_entry_button)
        buttons.addStretch(1)
        self.entries_note = QLabel()
        self.entries_note.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(total_box)
        left.addWidget(self.lines_view, 1)
        left.addWidget(self.entries_note)
        left.addLayout(buttons)
        self.month_chart = BarChart(tr("Points by month"), [month_name(m) for m in range(1, 13)], tr("points"),
                                    name="pointsByMonth")
        entries = QWidget()
        entries.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        # Beside the entries while the chart keeps the width its twelve months need to be read, else under them.
        line = self.fontMetrics().height()
        self.points_split = StackingSplitter(entries.minimumSizeHint().width() + CHART_WIDTH * line)
        self.points_split.addWidget(entries)
        self.points_split.addWidget(self.month_chart)
        self.points_split.setStretchFactor(0, 3)
        self.points_split.setStretchFactor(1, 2)
        self.points_split.stacked.connect(self._stacked)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.points_split)
        return tab

    def _build_catalogue_tab(self) -> QWidget:
        tab = QWidget()
        self.catalogue_combo = named(QComboBox(), "catalogueYear", tr("Catalogue year"))
        self.catalogue_combo.currentIndexChanged.connect(lambda _i: self._show_catalogue())
        self.catalogue_note = QLabel()
        self.catalogue_note.setWordWrap(True)
        top = QHBoxLayout()
        catalogue_label = QLabel(tr("Catalogue &of:"))
        catalogue_label.setBuddy(self.catalogue_combo)
        top.addWidget(catalogue_label)
        top.addWidget(self.catalogue_combo)
        top.addWidget(self.catalogue_note, 1)

        self.items_model: RecordTableModel[CatalogueRow] = RecordTableModel(catalogue_columns(), self)
        self.items_view = record_view(self.items_model, sortable=True, name="catalogueItems", rows=12)
        self.items_view.doubleClicked.connect(lambda _i: self.edit_item())
        self.items_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.add_item_button = named(QPushButton(tr("&Add item…")), "addItem")
        self.add_item_button.clicked.connect(self.add_item)
        self.edit_item_button = named(QPushButton(tr("Ed&it item…")), "editItem")
        self.edit_item_button.clicked.connect(self.edit_item)
        self.remove_item_button = named(QPushButton(tr("&Remove item")), "removeItem")
        self.remove_item_button.clicked.connect(self.remove_item)
        self.copy_button = named(QPushButton(tr("Copy to a &new year…")), "copyCatalogue")
        self.copy_button.clicked.connect(self.copy_catalogue)
        buttons = QHBoxLayout()
        for b in (self.add_item_button, self.edit_item_button, self.remove_item_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)

        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.items_view, 1)
        layout.addLayout(buttons)
        return tab

    # --- showing -------------------------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.year_spin.value()

    def refresh(self) -> None:
        """Reload from the store (the window calls this when data changed and the page is shown)."""
        self._refreshing = True
        try:
            self.signup_box.setChecked(get_profile().challenge_signup)
            points = challenge_points_for_year(self.year)
            self.points = points
            self.total_label.setText(str(points.total))
            entries = [ln for ln in points.lines if ln.activity is not None]
            self.total_caption.setText(self._caption(points, len(entries)))
            self.lines_model.set_records(points.lines)
            self.entries_note.setText("" if entries else self._no_entries_note())
            self.entries_note.setVisible(not entries)
            self.month_chart.set_values(
                [points.by_month[m] for m in range(1, 13)],
                [tr("{month} {year}: {points}").format(
                    month=month_name(m), year=points.year,
                    points=trn("%n point", "%n points", points.by_month[m])) for m in range(1, 13)])
            self._load_catalogue_years()
        finally:
            self._refreshing = False
        self._update_buttons()

    @staticmethod
    def _caption(points: ChallengePoints, entries: int) -> str:
        """"points in 2026 / from 6 entries and 3 for signing up / Catalogue: 2017", beside the total."""
        if points.signup_points:
            source = trn("from %n entry and {points} for signing up", "from %n entries and {points} for signing up",
                         entries).format(points=points.signup_points)
        else:
            source = trn("from %n entry", "from %n entries", entries)
        catalogue = (tr("Catalogue: {year}").format(year=points.catalogue_year) if points.catalogue_year
                     else tr("No catalogue covers this year"))
        caption = tr("points in {year}").format(year=points.year)
        return f"<b>{caption}</b><br>{source}<br>{catalogue}"

    def _no_entries_note(self) -> str:
        note = tr("No entries yet. Activities tagged with a challenge item in the activity log appear here, as do "
                  "entries without hours recorded with the button below.")
        if self.signup_box.isChecked():
            return note
        return tr("Not signed up yet: tick “Signed up for the challenge” (top right) to take part and earn the sign-up "
                  "points. {note}").format(note=note)

    def _load_catalogue_years(self, select: int | None = None) -> None:
        current = select if select is not None else self.catalogue_combo.currentData()
        if current is None and self.points is not None:
            current = self.points.catalogue_year
        self.catalogue_combo.blockSignals(True)
        self.catalogue_combo.clear()
        for y in catalogue_years():
            self.catalogue_combo.addItem(str(y), y)
        index = self.catalogue_combo.findData(current)
        self.catalogue_combo.setCurrentIndex(index if index >= 0 else self.catalogue_combo.count() - 1)
        self.catalogue_combo.blockSignals(False)
        self._show_catalogue()

    @property
    def catalogue_year(self) -> int | None:
        data = self.catalogue_combo.currentData()
        return int(data) if data is not None else None

    def _show_catalogue(self) -> None:
        year = self.catalogue_year
        if year is None:
            self.items_model.set_records([])
            self.catalogue_note.setText("")
            return
        items = load_items(year)
        counts = entry_counts(year)
        self.items_model.set_records([(i, counts.get(i.key, 0)) for i in items])
        later = [y for y in catalogue_years() if y > year]
        if later:
            note = trn("%n item; applies to entries from {first} to {last}.",
                       "%n items; applies to entries from {first} to {last}.", len(items)).format(
                first=year, last=later[0] - 1)
        else:
            note = trn("%n item; applies to entries from {first} on.", "%n items; applies to entries from {first} on.",
                       len(items)).format(first=year)
        self.catalogue_note.setText(note)
        self._update_buttons()

    def _update_buttons(self) -> None:
        line = selected_record(self.lines_view)
        has_activity = isinstance(line, PointsLine) and line.activity is not None
        self.edit_entry_button.setEnabled(has_activity)
        self.delete_entry_button.setEnabled(has_activity and line.activity.hours == 0)
        has_item = selected_record(self.items_view) is not None
        self.edit_item_button.setEnabled(has_item)
        self.remove_item_button.setEnabled(has_item)
        self.copy_button.setEnabled(self.catalogue_year is not None)

    # --- sign-up -------------------------------------------------------------------------------------------

    def _signup_toggled(self, checked: bool) -> None:
        if self._refreshing:
            return
        perform(self.shell, tr("Sign up for the challenge") if checked else tr("Cancel the challenge sign-up"),
                lambda: set_signup(checked), lambda: set_signup(not checked))

    # --- entries -------------------------------------------------------------------------------------------

    def record_entry(self) -> None:
        today = clock.today()
        on = today if self.year == today.year else date(self.year, 12, 31) if self.year < today.year \
            else date(self.year, 1, 1)
        dialog = EntryDialog(self, on)
        dialog.submit = lambda: self._save_entry(*dialog.values())
        form_dialog.run_dialog(dialog)

    def _save_entry(self, on: date, key: str, title: str, note: str) -> None:
        if not key:
            raise ValidationError([FieldError("challenge_key", tr("there is no challenge catalogue for {year}").format(
                year=on.year))])
        saved: dict[str, ActivityRecord] = {}

        def do() -> None:
            saved["record"] = get_activity(record_zero_hour_entry(on, key, title, note))

        perform(self.shell, tr("Record a challenge entry"), do,
                undo=lambda: delete_activity(saved["record"].id),
                redo=lambda: restore_activity(saved["record"]))
        if on.year != self.year:
            self.year_spin.setValue(on.year)

    def edit_entry(self) -> None:
        line = selected_record(self.lines_view)
        if isinstance(line, PointsLine) and line.activity is not None:
            form_dialog.open_activity_dialog(self, line.activity)

    def delete_entry(self) -> None:
        """Delete the selected entry without hours at once, as the activity log deletes (the status bar says how to
        get it back: Ctrl+Z)."""
        line = selected_record(self.lines_view)
        if not (isinstance(line, PointsLine) and line.activity is not None and line.activity.hours == 0):
            return
        delete_undoable(self.shell, line.activity.id)  # the activity log's own undoable delete

    # --- catalogue -----------------------------------------------------------------------------------------

    def add_item(self) -> None:
        year = self.catalogue_year
        if year is None:
            return
        dialog = ItemDialog(self, year, None)

        def submit() -> None:
            item = dialog.item()
            perform(self.shell, tr("Add “{item}” to {year}").format(item=item.name.strip(), year=year),
                    lambda: add_item(item),
                    undo=lambda: delete_item(year, item.key.strip().lower()))

        dialog.submit = submit
        form_dialog.run_dialog(dialog)

    def edit_item(self) -> None:
        row = selected_record(self.items_view)
        year = self.catalogue_year
        if row is None or year is None:
            return
        old: ChallengeItemData = row[0]
        dialog = ItemDialog(self, year, old)

        def submit() -> None:
            item = dialog.item()
            perform(self.shell, tr("Edit “{item}”").format(item=old.name), lambda: update_item(item),
                    undo=lambda: update_item(old))

        dialog.submit = submit
        form_dialog.run_dialog(dialog)

    def remove_item(self) -> None:
        row = selected_record(self.items_view)
        year = self.catalogue_year
        if row is None or year is None:
            return
        item: ChallengeItemData = row[0]
        question = tr("Remove “{item}” from the {year} catalogue?").format(item=item.name, year=year)
        if not prompts.confirm(self, tr("Remove item"), question, tr("Remove")):
            return
        try:
            perform(self.shell, tr("Remove “{item}”").format(item=item.name), lambda: delete_item(year, item.key),
                    undo=lambda: restore_items([item]))
        except ValidationError as exc:
            prompts.show_error(self, tr("Remove item"), "\n".join(e.message for e in exc.errors))

    def copy_catalogue(self) -> None:
        source = self.catalogue_year
        if source is None:
            return
        years = catalogue_years()
        now = clock.today().year
        suggested = max(now, max(years) + 1) if now in years else now
        dialog = CopyDialog(self, source, suggested)

        def submit() -> None:
            target = dialog.year_spin.value()
            perform(self.shell, tr("Copy the {source} catalogue to {target}").format(source=source, target=target),
                    lambda: copy_catalogue(source, target), undo=lambda: delete_catalogue(target),
                    redo=lambda: restore_items([i._replace(year=target) for i in load_items(source)]))
            self._load_catalogue_years(select=target)

        dialog.submit = submit
        form_dialog.run_dialog(dialog)
