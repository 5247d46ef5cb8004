"""The activity log: a year's activities in a sortable, searchable table, with progress toward the 40 hours.

The page loads the selected year (or all years) in four queries (models.activities.load_activity_rows: rows without
the long texts, and the search texts made from them) and filters in memory as the user types: the table's model
(model.py) sorts and filters its own rows, with filter.py matching the search over those texts, so a keystroke costs
no call per row. Editing or copying an activity reads it whole (get_activity).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import (
    ActivityRow,
    count_activities,
    get_activity,
    load_activities,
    load_activity_rows,
    matches_by_year,
    years_with_records,
)
from wethrive_desktop.models.challenge import load_catalogues, load_items
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, REQUIRED_HOURS
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.models.requirements import icma_year
from wethrive_desktop.models.rules import Catalogues, challenge_points, format_hours
from wethrive_desktop.ui.activities.model import (
    ActivityTableModel,
    Column,
    PreparedRows,
    prepare_rows,
    type_review,
    type_words,
)
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.widgets.fit import ColumnFitter, Reflow
from wethrive_desktop.ui.widgets.labels import practice_label, type_name, type_tip
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.workers import run_in_worker

# The columns' widths when there is room; on a narrow window they shrink in proportion, eliding their text, and
# the title keeps a third of the table (widgets/fit.py ColumnFitter).
DEFAULT_WIDTHS = {Column.DATE: 170, Column.PROVIDER: 170, Column.TYPE: 140, Column.TOPICS: 110, Column.HOURS: 64,
                  Column.PRACTICES: 90, Column.POINTS: 60, Column.ATTACHMENTS: 40}
# Saved with the Topics column (issue 14). The keys of the versions before it hold one column fewer: their widths
# are taken over (shifted past Topics); their header state (which also holds the sort column) is not.
HEADER_KEY = "activities/header2"
WIDTHS_KEY = "activities/columnWidths2"
OLD_WIDTHS_KEY = "activities/columnWidths"
PROGRESS_WIDTH = 200  # the progress bar's least width
TITLE_SHARE = 0.28  # the part of the table's width the Title column keeps before the types take their short words
OTHER_YEARS_DELAY_MS = 300  # the pause in typing after which a search with no match here looks in other years
# With more activities than this in the store, "All years" is read off the GUI thread (the table says it is loading):
# at 100,000 activities reading them is over half a second, which would freeze the window, after each change too.
ASYNC_ROWS = 5_000


class ActivityLogPage(Page):
    title = "Activities"
    object_name = "activityLogPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.setAccessibleName(tr("Activity log"))
        self.model = ActivityTableModel(self)  # also the filter: the table shows the rows it passes
        self._loaded_year: int | None | str = "unloaded"
        self._generation = 0  # of the latest load asked: a worker's result for an earlier one is dropped
        self.loading = False  # every year's rows are being read on a worker
        self._reading = False  # a worker is reading every year (perhaps for an earlier generation)
        self._selected_id_while_loading: int | None = None  # to select once the rows are read
        self._load_error: str | None = None  # why the last read of every year failed
        self._names: dict[str, str] = {}  # challenge item names, for the Points column's tooltips
        self._catalogues = Catalogues()
        self._signed_up = False
        self._build()
        self.model.filter_changed.connect(self._update_footer)
        # A search can hide the selected row without a selectionChanged (it is a layout change): recheck.
        self.model.filter_changed.connect(self._update_buttons)
        self.refresh()

    # --- building --------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.year_combo = named(QComboBox(), "yearCombo", tr("Year"))
        self.year_combo.setToolTip(tr("The reporting year (activities count in the year they start)"))
        self.search_edit = named(QLineEdit(), "activitySearchEdit", tr("Search activities"))
        self.search_edit.setPlaceholderText(tr("Search title, provider, topics, description, what I learned "
                                               "(Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(160)
        self.type_filter = named(QComboBox(), "typeFilterCombo", tr("Filter by type"))
        self.type_filter.addItem(tr("All types"), None)
        for key in ACTIVITY_TYPES:
            self.type_filter.addItem(type_name(key), key)
            self.type_filter.setItemData(self.type_filter.count() - 1, type_tip(key), Qt.ItemDataRole.ToolTipRole)
        self.practice_filter = named(QComboBox(), "practiceFilterCombo", tr("Filter by practice"))
        self.practice_filter.addItem(tr("All practices"), None)
        for number in PRACTICES:
            self.practice_filter.addItem(practice_label(number), number)
        for combo in (self.type_filter, self.practice_filter):  # long names elide: the list shows them whole
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)

        # Access keys: F, E, V and H belong to the menu bar (File, Edit, View, Help).
        self.add_button = named(QPushButton(tr("&New activity")), "addActivityButton", tr("New activity"))
        self.add_button.setToolTip(tr("Log an activity (Ctrl+N)"))
        self.edit_button = named(QPushButton(tr("Ed&it")), "editActivityButton", tr("Edit activity"))
        self.edit_button.setToolTip(tr("Edit the selected activity (Enter or double-click)"))
        self.duplicate_button = named(QPushButton(tr("D&uplicate")), "duplicateActivityButton",
                                      tr("Duplicate activity"))
        self.duplicate_button.setToolTip(tr("A new activity pre-filled from the selected one (Ctrl+D)"))
        self.delete_button = named(QPushButton(tr("&Delete")), "deleteActivityButton", tr("Delete activity"))
        self.delete_button.setToolTip(tr("Delete the selected activity (Del); Ctrl+Z brings it back"))

        self.table = named(QTableView(), "activityTable", tr("Activities"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        rows = self.table.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures 10,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        header.sectionResized.connect(lambda column, _old, _new: self._give_type_room() if column == Column.TYPE
                                      else None)
        for column, width in DEFAULT_WIDTHS.items():
            header.resizeSection(column, width)
        # A single date stays whole however narrow the window (a span of days elides; its tooltip has it whole).
        one_date = self.table.fontMetrics().horizontalAdvance(format_date(date(2026, 12, 28), short=True)) + 16
        self.columns = ColumnFitter(self.table, Column.TITLE, {int(c): w for c, w in DEFAULT_WIDTHS.items()},
                                    minimums={Column.DATE: one_date})
        self.table.viewport().installEventFilter(self)  # after the ColumnFitter's: this one runs first
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)

        self.empty_label = named(QLabel(), "emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        # When the year shown has no match: which other years have, and a button to show them all.
        self.other_years = named(QPushButton(tr("Show &all years")), "showAllYearsButton",
                                 tr("Show the matches of all years"))
        self.other_years.clicked.connect(self.show_all_years)
        self.other_years.hide()
        self.other_years_timer = QTimer(self)
        self.other_years_timer.setSingleShot(True)
        self.other_years_timer.setInterval(OTHER_YEARS_DELAY_MS)
        self.other_years_timer.timeout.connect(self._look_in_other_years)

        self.shown_label = named(QLabel(), "shownLabel")
        self.progress = named(QProgressBar(), "hoursProgress", tr("Progress toward 40 hours"))
        self.progress.setRange(0, int(REQUIRED_HOURS * 100))
        self.progress.setMinimumWidth(PROGRESS_WIDTH)
        self.progress.setTextVisible(True)
        self.points_label = named(QLabel(), "pointsLabel")
        self.points_label.setToolTip(tr("#WeThriveHere challenge points earned this year"))

        year_label = QLabel(tr("&Year"))
        year_label.setBuddy(self.year_combo)
        search = QHBoxLayout()
        search.addWidget(year_label)
        search.addWidget(self.year_combo)
        search.addWidget(self.search_edit, 1)
        kinds = QHBoxLayout()
        kinds.addWidget(self.type_filter, 1)
        kinds.addWidget(self.practice_filter, 1)
        # The year and the search, then the type and practice filters: on one line, or two on a narrow window.
        filters = Reflow([search, kinds], stretches=[3, 2])
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.duplicate_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        year_summary = QHBoxLayout()
        year_summary.addWidget(self.points_label)
        year_summary.addWidget(self.progress, 1)
        # What is shown, then the year's points and progress: on one line, or two on a narrow window.
        footer = Reflow([self.shown_label, year_summary], stretches=[1, 0])
        layout = QVBoxLayout(self)
        layout.addWidget(filters)
        layout.addLayout(actions)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.other_years, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.table, 1)
        layout.addWidget(footer)

        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())
        # Applied on every key, without a delay: a keystroke is one pass over precomputed texts (filter.py).
        self.search_edit.textChanged.connect(self.model.set_search)
        self.type_filter.currentIndexChanged.connect(lambda _i: self.model.set_type(self.type_filter.currentData()))
        self.practice_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_practice(self.practice_filter.currentData()))
        self.add_button.clicked.connect(self.new_activity)
        self.edit_button.clicked.connect(self.edit_selected)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        # Enter and Del act on the table only (in the search box they edit text); Ctrl+D anywhere on the page.
        self.edit_action = self._action(tr("&Edit..."), ["Return", "Enter"], self.edit_selected, self.table)
        self.delete_action = self._action(tr("&Delete"), [QKeySequence.StandardKey.Delete], self.delete_selected,
                                          self.table)
        self.duplicate_action = self._action(tr("D&uplicate..."), ["Ctrl+D"], self.duplicate_selected, self)
        self.duplicate_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _action(self, text: str, keys: list[str | QKeySequence.StandardKey], slot: object,
                owner: QWidget) -> QAction:
        action = QAction(text, owner)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        owner.addAction(action)
        return action

    # --- loading ---------------------------------------------------------------------------------------

    def selected_year(self) -> int | None:
        """The year shown, or None for all years."""
        data = self.year_combo.currentData()
        return int(data) if data is not None else None

    def refresh(self) -> None:
        """Reload after a change anywhere (the window's data_changed), keeping the selection."""
        self._fill_years()
        self.reload(force=True)

    def _fill_years(self) -> None:
        current = self.year_combo.currentData() if self.year_combo.count() else clock.today().year
        years = sorted(set(years_with_records()) | {clock.today().year}, reverse=True)
        combo = self.year_combo
        combo.blockSignals(True)
        combo.clear()
        for year in years:
            combo.addItem(str(year), year)
        combo.addItem(tr("All years"), None)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def reload(self, force: bool = False) -> None:
        """Show the rows of the year chosen (again when `force`, after a change), keeping the selection. Every
        year's rows, when there are many, are read on a worker: the table is empty and says so meanwhile."""
        year = self.selected_year()
        if not force and year == self._loaded_year:
            return
        selected = self.current_record()
        selected_id = selected.id if selected is not None else self._selected_id_while_loading
        self._loaded_year = year
        self._generation += 1
        self._catalogues = load_catalogues()
        self._names = {}
        for item in load_items():  # newest year last, so its names win
            self._names[item.key] = item.name
        self._signed_up = get_profile().challenge_signup
        sort = self.model.sort_state()
        if year is None and count_activities() > ASYNC_ROWS:
            self.loading = True
            self._load_error = None
            self._selected_id_while_loading = selected_id  # select_activity may name another meanwhile
            self._show_rows(prepare_rows([], [], None, self._names, sort), None)  # "Loading..." (see the footer)
            self._start_read()
            return
        self.loading = False
        self._load_error = None
        self._selected_id_while_loading = None
        self._show_rows(prepare_rows(*load_activity_rows(year=year), self._catalogues, self._names, sort), selected_id)

    def _start_read(self) -> None:
        """Read every year on a worker, unless a read is running: its rows are out of date, and the next read starts
        when it ends (_read_finished), so changes in a row never pile up reads of 100,000 activities."""
        if self._reading:
            return
        self._reading = True
        generation = self._generation
        run_in_worker(_read_every_year, self._catalogues, self._names, self.model.sort_state(),
                      on_result=lambda prepared: self._loaded(generation, prepared),
                      on_error=lambda exc: self._load_failed(generation, exc), on_finished=self._read_finished)

    def _loaded(self, generation: int, prepared: PreparedRows) -> None:
        if generation == self._generation:  # else the user chose another year, or the data changed, meanwhile
            self.loading = False
            selected_id, self._selected_id_while_loading = self._selected_id_while_loading, None
            self._show_rows(prepared, selected_id)

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        """The read failed: the page says so (not "no activities"), and the error is reported as any other."""
        if generation == self._generation:
            self.loading = False
            self._loaded_year = "unloaded"  # read again when the year is chosen again, or after a change
            self._load_error = str(exc) or type(exc).__name__
            self._update_footer()
        raise exc

    def _read_finished(self) -> None:
        self._reading = False
        if self.loading:  # the read that ended was out of date: the rows are still to read
            self._start_read()

    def _show_rows(self, prepared: PreparedRows, selected_id: int | None) -> None:
        self.model.set_prepared(prepared)  # the footer follows (filter_changed)
        self._show_optional_columns()
        self._fit_type_column()
        self._update_year_summary()
        if selected_id is not None:
            self.select_activity(selected_id, switch_year=False)
        self._update_buttons()

    def _fit_type_column(self) -> None:
        """The Type column keeps the room for its words among the rows loaded: their labels ("Mentoring given")
        while the title keeps TITLE_SHARE of the table, else their shortest words ("Mentor", which the model
        shows when a label does not fit: `_give_type_room`). So a type never shows as "Co…" (on a narrow window
        with every column shown, the title gives up some of its share for it)."""
        records = self.model.records
        metrics = self.table.fontMetrics()
        pad = 2 * metrics.averageCharWidth() + 4

        def widest(texts: set[str]) -> int:
            return max((metrics.horizontalAdvance(text) + pad for text in texts), default=0)

        kinds = {(r.type, type_review(r)) for r in records}  # a few, whatever the rows: their words asked once each
        words = [type_words(kind, review) for kind, review in kinds]
        full = widest({label for label, _short in words})
        short = widest({word for _label, word in words})
        self.columns.minimums[Column.TYPE] = full
        self.columns.fit()
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != Column.TITLE and not header.isSectionHidden(c))
        available = self.table.viewport().width()
        if full > short and available - others < TITLE_SHARE * available:
            self.columns.minimums[Column.TYPE] = short
            self.columns.fit()
        self._give_type_room()  # the font may have changed, not the width

    def _give_type_room(self) -> None:
        """Tell the model the Type column's room for its text (the cell the item delegate draws: the column less
        the grid line, less the text's margins) and the table's font: it shows a label's shorter word where the
        label does not fit."""
        table = self.table
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        cell = table.columnWidth(Column.TYPE) - int(table.showGrid())
        self.model.set_type_room(cell - 2 * margin, table.font())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_type_column()  # before the table's ColumnFitter fits the columns to the new width
        elif watched is self.table.viewport() and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_type_column()  # the words' widths, or the cells' margins, changed (a text size, a theme)
        return super().eventFilter(watched, event)

    def _show_optional_columns(self) -> None:
        """The Topics column once the activities loaded have topics, the Points column once they have #WeThriveHere
        points: until then their room goes to the others (on a narrow window, to the title and the type)."""
        records = self.model.records
        self.table.setColumnHidden(Column.TOPICS, not any(r.topics for r in records))
        self.table.setColumnHidden(Column.POINTS, not any(self.model.points(r) for r in records))
        self.columns.fit()

    # --- footer ----------------------------------------------------------------------------------------

    def _update_year_summary(self) -> None:
        """Progress toward ICMA's 40 hours and the challenge points of the year shown (not affected by the filters).

        The bar follows the hours that COUNT (models.requirements.icma_year: Tenet 8 as the member keeps it, with
        its caps and conditions), worked out once per load; when they differ from the hours logged (which the line
        beside it says) it says how many count, and its tooltip says why."""
        records = self.model.records
        year = self.selected_year()
        self.progress.setVisible(year is not None)
        self.points_label.setVisible(year is not None)
        if year is None:
            return
        icma = icma_year(records, year)
        required = icma.required
        self.progress.setRange(0, max(int(required * 100), 1))
        self.progress.setValue(int(min(icma.counted, required) * 100))
        hours = {"total": format_hours(icma.counted), "required": format_hours(required),
                 "logged": format_hours(icma.logged), "counted": format_hours(icma.counted)}
        if icma.counted != icma.logged:
            text = (tr("{counted} h count toward ICMA's {required}: commitment met")
                    if icma.met else tr("{counted} h count toward ICMA's {required}"))
        else:
            text = tr("{total} h: commitment met") if icma.met else tr("{total} of {required} h")
        self.progress.setFormat(text.format(**hours))
        self.progress.setAccessibleDescription(self.progress.text())  # read out: the bar's value is only a percent
        if icma.met:
            tip = tr("{year}: {total} h, commitment met").format(year=year, **hours)
        else:
            tip = tr("{year}: {total} of {required} h; {missing} h to go").format(
                year=year, missing=format_hours(icma.remaining), **hours)
        if icma.counted != icma.logged:
            tip += "\n" + tr("{logged} h logged, {counted} h count.").format(**hours)
        why = icma.explanations()
        if why:
            tip += "\n\n" + tr("Why not every hour logged counts:") + "".join("\n• " + line for line in why)
        self.progress.setToolTip(tip)
        # Room for the whole text: on a narrow window the footer puts it on a line of its own (fit.Reflow).
        self.progress.setMinimumWidth(max(PROGRESS_WIDTH, self.progress.fontMetrics().horizontalAdvance(
            self.progress.text()) + 2 * self.progress.fontMetrics().averageCharWidth() + 8))
        points = challenge_points(records, self._catalogues, year, self._signed_up)
        self.points_label.setText(tr("Challenge points {year}: {points}").format(year=year, points=points))

    def _update_footer(self) -> None:
        """The line about the rows shown; runs on every filter change, so it only sums precomputed numbers."""
        total = len(self.model.records)
        shown, planned, done_cents, planned_cents = self.model.shown_totals()
        parts = [trn("Showing {shown} of %n activity", "Showing {shown} of %n activities", total).format(shown=shown)
                 if self.model.is_filtered() else trn("%n activity", "%n activities", total),
                 tr("{hours} h logged").format(hours=format_hours(Decimal(done_cents) / 100))]
        if planned:
            parts.append(trn("%n planned activity ({hours} h)", "%n planned activities ({hours} h)", planned).format(
                hours=format_hours(Decimal(planned_cents) / 100)))
        self.shown_label.setText(" · ".join(parts))

        if self.loading:
            self.shown_label.setText(tr("Loading the activities of every year..."))
            self.empty_label.setText(tr("Loading the activities of every year..."))
        elif self._load_error is not None and self.selected_year() is None:
            text = tr("The activities could not be read: {error}").format(error=self._load_error)
            self.shown_label.setText(text)
            self.empty_label.setText(text)
        elif not total:
            year = self.selected_year()
            if year is not None:
                self.empty_label.setText(tr("No activities in {year}. Press New activity (Ctrl+N) to log one, or use "
                                            "File > Import spreadsheet... (Ctrl+I)").format(year=year))
            else:
                self.empty_label.setText(tr("No activities yet. Press New activity (Ctrl+N) to log one, or use "
                                            "File > Import spreadsheet... (Ctrl+I)"))
        elif not shown:
            self.empty_label.setText(tr("No activity matches the search and filters."))
        self.empty_label.setVisible(not shown)
        self.other_years.hide()
        self.other_years_timer.stop()
        if not shown and self.selected_year() is not None and self.search_edit.text().strip():
            self.other_years_timer.start()  # once typing pauses: it reads every year's rows

    def _look_in_other_years(self) -> None:
        """The year shown has no match for the search: say which other years have, and offer to show them."""
        year = self.selected_year()
        text = self.search_edit.text()
        if year is None or not text.strip() or self.model.rowCount() or self.practice_filter.currentData() is not None:
            return
        found = {y: n for y, n in matches_by_year(text, self.type_filter.currentData()).items() if y != year}
        if not found:
            self.empty_label.setText(tr("No activity matches the search and filters, in {year} or any other "
                                        "year.").format(year=year))
            return
        years = ", ".join(f"{y} ({n})" for y, n in sorted(found.items(), reverse=True))
        self.empty_label.setText(tr("No match in {year}. Matches in other years: {years}.").format(year=year,
                                                                                                   years=years))
        self.other_years.show()

    def show_all_years(self) -> None:
        """Show every year (the search and filters stay)."""
        self.year_combo.setCurrentIndex(self.year_combo.findData(None))

    # --- selection and actions ---------------------------------------------------------------------------

    def current_record(self) -> ActivityRow | None:
        """The row selected (without its long texts: get_activity reads the activity whole)."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.record(index.row())

    def select_activity(self, activity_id: int, switch_year: bool = True) -> bool:
        """Select and show `activity_id`; switch to its year when it is in another one. False when not shown.
        While every year is being read, it is selected once the rows are there."""
        if self.loading:
            self._selected_id_while_loading = activity_id
            return True
        row = self.model.row_of(activity_id)
        if row is None and switch_year and self.selected_year() is not None:
            found = load_activities(ids=[activity_id])
            if found and found[0].start_date.year != self.selected_year():
                self.year_combo.setCurrentIndex(self.year_combo.findData(found[0].start_date.year))
                row = self.model.row_of(activity_id)
        if row is None:
            return False
        index = self.model.index(row, Column.TITLE)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        has = self.current_record() is not None
        for widget in (self.edit_button, self.duplicate_button, self.delete_button):
            widget.setEnabled(has)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def new_activity(self) -> None:
        self.shell.open_activity()

    def edit_selected(self) -> None:
        record = self.current_record()
        if record is not None:
            self.shell.open_activity(activity_id=record.id)

    def duplicate_selected(self) -> None:
        selected = self.current_record()
        if selected is not None:
            try:
                record = get_activity(selected.id)  # whole: the copy keeps the description and what was learned
            except LookupError:  # deleted meanwhile (the list is about to show it)
                self.shell.show_message(tr("That activity is no longer there."))
                return
            dialog = self.shell.open_activity(initial=record.data)
            dialog.setWindowTitle(tr("Duplicate of {title}").format(title=record.data.title))

    def delete_selected(self) -> None:
        """Delete at once, without asking: the status bar names what went and Ctrl+Z brings it back."""
        record = self.current_record()
        if record is None:
            return
        from wethrive_desktop.ui.undo import delete_undoable

        row = self.model.row_of(record.id)
        count = self.model.rowCount()
        after = (None if row is None or count < 2
                 else self.model.record(row + 1 if row + 1 < count else row - 1).id)  # takes its place
        delete_undoable(self.shell, record.id)
        # Keep the keyboard on the table: select the row that took the deleted one's place.
        if self.loading:  # every year being read again: selected once the rows are there
            self._selected_id_while_loading = after
        elif row is not None and self.model.rowCount():
            row = min(row, self.model.rowCount() - 1)
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, Column.TITLE))

    def _context_menu(self, pos: QPoint) -> None:
        if self.current_record() is None:
            return
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(self.duplicate_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # --- settings --------------------------------------------------------------------------------------

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        # The widths the columns would have with room (the header holds them as fitted to the width there is now).
        settings.setValue(WIDTHS_KEY, json.dumps(self.columns.preferred))

    def restore_settings(self, settings: QSettings) -> None:
        state = settings.value(HEADER_KEY)
        if state is not None:
            header = self.table.horizontalHeader()
            header.restoreState(state)  # column widths and the sort column and order
            self.columns.take_current_widths()  # the widths the user left, fitted to the width there is now
            self.columns.use_widths(_saved_widths(settings.value(WIDTHS_KEY)))
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            self._show_optional_columns()  # as the rows say, not as the saved header had it
            self._fit_type_column()
        elif settings.value(OLD_WIDTHS_KEY) is not None:  # saved before the Topics column: shift past it
            old = _saved_widths(settings.value(OLD_WIDTHS_KEY))
            self.columns.use_widths({c + 1 if c >= Column.TOPICS else c: w for c, w in old.items()})


def _saved_widths(value: object) -> dict[int, int]:
    """The column widths save_settings stored ({} for none, or for what it cannot have written)."""
    try:
        loaded = json.loads(value) if isinstance(value, str) else {}
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {int(c): w for c, w in loaded.items() if str(c).isdecimal() and isinstance(w, int)}


def _read_every_year(catalogues: Catalogues, names: dict[str, str], sort: tuple[int, Qt.SortOrder]) -> PreparedRows:
    """Every activity, read and made ready for the table (sorted by `sort`): a worker's job, no widget touched."""
    return prepare_rows(*load_activity_rows(), catalogues, names, sort)
