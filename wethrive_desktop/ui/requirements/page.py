"""The Requirements page: every requirement the member tracks (ICMA's Tenet 8 first), each on a card with its period,
a progress bar of the hours that count against the hours required, the hours logged and counted, its status with the
due date, its topic minimums and why the counted hours differ from the logged ones. Below the cards, the selected
requirement's definition, notes and "What counts": the period's activities with their hours logged and counted and
why not all (Enter or a double-click opens the activity).

The "As of" date chooses the periods shown and the day the status is judged on (activities after it are left out);
Previous and Next period step the selected requirement's period. Add (a template or your own), Edit, Copy and Remove
go through models/requirements/store.py and the undo stack; definitions export to and import from JSON files.

The counting is models/requirements/counting.py's; this page only shows it. It loads the completed activities of
the years the periods shown need (the previous period too, for carry-over), so it stays quick on a large log.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import format_date, tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityRecord, load_activities
from wethrive_desktop.models.domain import ACTIVITY_TYPES, Status
from wethrive_desktop.models.requirements import known_by
from wethrive_desktop.models.requirements.counting import (
    ActivityCount,
    RequirementProgress,
    period_containing,
    previous_period,
    progress,
)
from wethrive_desktop.models.requirements.definitions import (
    TEMPLATE_KEYS,
    PeriodKind,
    Requirement,
    RequirementError,
    template,
)
from wethrive_desktop.models.requirements.store import (
    add_template,
    copy_requirement,
    export_requirements,
    load_requirements,
    position_of,
    read_requirements_file,
    remove_requirement,
    replace_requirements,
    save_requirement,
    unreadable_requirements,
)
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.colors import ERROR, OK, WARN, color_text, live_color
from wethrive_desktop.ui.requirements.dialogs import RequirementDialog
from wethrive_desktop.ui.requirements.texts import (
    MET,
    OVERDUE,
    bar_text,
    cap_text,
    definition_lines,
    hours_text,
    period_text,
    status_text,
    topic_lines,
)
from wethrive_desktop.ui.shell import Page, Shell
from wethrive_desktop.ui.undo import perform, undo_keys
from wethrive_desktop.ui.widgets import form_dialog
from wethrive_desktop.ui.widgets.dates import DateEdit
from wethrive_desktop.ui.widgets.fit import ColumnFitter, Reflow, vertical_scroll
from wethrive_desktop.ui.widgets.form_dialog import from_qdate, to_qdate
from wethrive_desktop.ui.widgets.labels import type_name
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.widgets.record_table import RECORD_ROLE, Col, RecordTableModel, record_view

STATUS_COLORS = {MET: OK, OVERDUE: ERROR}  # short: WARN
CARD_WIDTH = 330  # a card's least comfortable width (px): the cards sit as many abreast as fit, at most three
MAX_COLUMNS = 3
TYPING_PAUSE_MS = 300
CAP_MARK = "\u2264"  # counting.py starts a reason about a cap with it; the table's column says it in words
WRAP_LIMIT = 200  # up to this many activities, long texts in "What counts" wrap and rows grow; beyond, they elide
ROW_PADDING = 6  # px above and below the lines of a row of "What counts", together
LEAST_ROWS = 8  # "What counts" shows at least this many rows (when it has them) before it scrolls itself
REASON_CHARS = 40  # a reason wider than this many average characters wraps
(DATE_COLUMN, TITLE_COLUMN, TYPE_COLUMN, LOGGED_COLUMN, COUNT_COLUMN, REASON_COLUMN) = range(6)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def user_text(label: QLabel) -> QLabel:
    """Mark a label that shows the member's own words (a name, notes), which no translation reaches."""
    label.setProperty("userText", True)
    return label


def wrapped(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def activities_for(requirements: Sequence[Requirement], on: date) -> list[ActivityRecord]:
    """The completed activities the periods holding `on` need (with the previous period, for carry-over): the
    years they span, each loaded through its index, not the whole log."""
    if not requirements:
        return []
    first, last = on, on
    for requirement in requirements:
        start, end = period_containing(requirement, on)
        if requirement.carry_over is not None:
            start = previous_period(requirement, start)[0]
        first, last = min(first, start), max(last, end)
    found: list[ActivityRecord] = []
    for year in range(first.year, last.year + 1):
        found += load_activities(year=year, status=Status.COMPLETED.value)
    return found


def reason_text(count: ActivityCount, requirement: Requirement | None = None) -> str:
    """Why not all of an activity's hours count; a cap in a few words (the card says it in full): 'over the cap of
    20 h a year'."""
    if count.reason.startswith(CAP_MARK) and requirement is not None and count.type in requirement.caps:
        return cap_text(requirement, count.type)
    return count.reason.removeprefix(CAP_MARK).strip()


class RoomyRows(QStyledItemDelegate):
    """Rows as tall as their wrapped lines, with a little room above and below them."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + ROW_PADDING)


class RequirementCard(QFrame):
    """One requirement's standing. A click, or the focus (Tab), selects it: the page then shows what counts."""

    chosen = Signal(str)

    def __init__(self, result: RequirementProgress, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        self.key = result.requirement.key
        self.selected = False
        self.setObjectName(f"requirementCard-{self.key}")
        self.setAccessibleName(result.requirement.name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)

        self.name_label = user_text(wrapped(result.requirement.name, "requirementName"))
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.period_label = wrapped(period_text(result), "requirementPeriod")
        self.bar = named(QProgressBar(), "requirementProgress",
                         tr("Progress toward {name}").format(name=result.requirement.name))
        self.bar.setRange(0, 1000)
        self.bar.setValue(round(result.fraction * 1000))
        self.bar.setFormat(bar_text(result))
        self.bar.setTextVisible(True)
        self.hours_label = wrapped(hours_text(result), "requirementHours")
        self.status_label = wrapped(status_text(result), "requirementStatus")
        color_text(self.status_label, STATUS_COLORS.get(result.status, WARN))
        for widget in (self.name_label, self.period_label, self.bar, self.hours_label, self.status_label):
            layout.addWidget(widget)
        topics = topic_lines(result)
        self.topics_label = wrapped(tr("Topic minimums: {topics}").format(topics="; ".join(topics)),
                                    "requirementTopics")
        layout.addWidget(self.topics_label)
        self.topics_label.setVisible(bool(topics))  # in the card first: shown on its own, it would be a window
        explanations = result.explanations()
        self.explanations_label = wrapped("\n".join(f"• {line}" for line in explanations),
                                          "requirementExplanations")
        layout.addWidget(self.explanations_label)
        self.explanations_label.setVisible(bool(explanations))
        self.setAccessibleDescription(" ".join((self.period_label.text(), self.hours_label.text(),
                                                self.status_label.text(), self.topics_label.text(),
                                                " ".join(explanations))))

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded border in the palette's colours: the selected card's in the highlight colour, thicker."""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        width = 2.0 if self.selected else 1.0
        role = QPalette.ColorRole.Highlight if self.selected else QPalette.ColorRole.Mid
        pen = QPen(palette.color(role), width)
        if self.hasFocus():
            pen.setStyle(Qt.PenStyle.DashLine if not self.selected else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        inset = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 6, 6)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.chosen.emit(self.key)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.chosen.emit(self.key)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit(self.key)
            return
        super().keyPressEvent(event)


class CardGrid(QWidget):
    """The cards, as many abreast as the width holds CARD_WIDTH each (at most MAX_COLUMNS), in rows."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("requirementCards")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        self.cards: list[RequirementCard] = []
        self.columns = 0

    def set_cards(self, cards: list[RequirementCard]) -> None:
        for old in self.cards:
            self.grid.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.cards = cards
        self.columns = 0
        self.arrange(self.width())

    def columns_for(self, width: int) -> int:
        spacing = self.grid.spacing()
        fit = max(1, (width + spacing) // (CARD_WIDTH + spacing))
        return max(1, min(MAX_COLUMNS, fit, len(self.cards) or 1))

    def arrange(self, width: int) -> None:
        columns = self.columns_for(width)
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns, Qt.AlignmentFlag.AlignTop)
            card.show()  # at once: a widget added to a shown one waits for the event loop otherwise
        for column in range(MAX_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.arrange(event.size().width())
        super().resizeEvent(event)


class RequirementsPage(Page):
    title = "Requirements"
    object_name = "requirementsPage"

    def __init__(self, shell: Shell):
        super().__init__(shell)
        self.results: list[RequirementProgress] = []
        self.selected_key: str | None = None
        self._follow_today = True  # the As of date moves on with the clock until the member sets it
        self._rebuilding = False  # cards being replaced: the focus they hand on selects nothing

        heading = QLabel(tr("Requirements"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = wrapped(tr("Every requirement you track, counted from your one activity log: an activity counts "
                           "toward each requirement it fits. Select a card to see what counts toward it."),
                        "requirementsIntro")

        # Adding, changing and sharing definitions.
        self.add_menu = QMenu(self)
        self.add_menu.setObjectName("addRequirementMenu")
        self.add_button = named(QPushButton(tr("&Add")), "addRequirement", tr("Add a requirement"))
        self.add_button.setMenu(self.add_menu)
        self.edit_button = named(QPushButton(tr("E&dit…")), "editRequirement", tr("Edit the requirement"))
        self.edit_button.clicked.connect(self.edit_requirement)
        self.copy_button = named(QPushButton(tr("&Copy")), "copyRequirement", tr("Copy the requirement"))
        self.copy_button.clicked.connect(self.copy_selected)
        self.remove_button = named(QPushButton(tr("Re&move")), "removeRequirement", tr("Stop tracking"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.export_button = named(QPushButton(tr("E&xport definitions…")), "exportRequirements",
                                   tr("Export requirement definitions"))
        self.export_button.clicked.connect(self.export_definitions)
        self.import_button = named(QPushButton(tr("&Import definitions…")), "importRequirements",
                                   tr("Import requirement definitions"))
        self.import_button.clicked.connect(self.import_definitions)
        edit_row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.copy_button, self.remove_button):
            edit_row.addWidget(button)
        edit_row.addStretch(1)  # stacked under a narrow window, the buttons keep their width
        file_row = QHBoxLayout()
        file_row.addWidget(self.export_button)
        file_row.addWidget(self.import_button)
        file_row.addStretch(1)

        # The day the standing is judged on, and stepping through periods.
        self.as_of_edit = named(DateEdit(clock.today()), "requirementsAsOf", tr("As of"))
        self.as_of_edit.setToolTip(tr("The periods shown are the ones that hold this date, judged on it; activities "
                                      "after it are left out."))
        as_of_label = QLabel(tr("As &of:"))
        as_of_label.setBuddy(self.as_of_edit)
        self.previous_button = named(QPushButton(tr("&Previous period")), "previousPeriod",
                                     tr("Previous period"))
        self.previous_button.clicked.connect(self.previous_period)
        self.next_button = named(QPushButton(tr("&Next period")), "nextPeriod", tr("Next period"))
        self.next_button.clicked.connect(self.next_period)
        self.today_button = named(QPushButton(tr("&Today")), "requirementsToday", tr("As of today"))
        self.today_button.clicked.connect(lambda: self.set_as_of(clock.today()))
        date_row = QHBoxLayout()
        date_row.addWidget(as_of_label)
        date_row.addWidget(self.as_of_edit)
        date_row.addStretch(1)
        steps_row = QHBoxLayout()
        for button in (self.previous_button, self.next_button, self.today_button):
            steps_row.addWidget(button)
        steps_row.addStretch(1)
        # While a date is typed, each key makes a date: count once the typing pauses. Buttons and the calendar
        # count at once.
        self._as_of_timer = QTimer(self)
        self._as_of_timer.setSingleShot(True)
        self._as_of_timer.setInterval(TYPING_PAUSE_MS)
        self._as_of_timer.timeout.connect(self._as_of_changed)
        self.as_of_edit.dateChanged.connect(lambda _d: self._as_of_edited())

        self.unreadable_label = wrapped("", "unreadableRequirements")
        color_text(self.unreadable_label, WARN)
        self.unreadable_label.hide()
        self.cards = CardGrid()

        # The selected requirement: its definition, notes and what counts.
        self.detail_heading = wrapped("", "requirementDetailHeading")
        font = self.detail_heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.detail_heading.setFont(font)
        self.definition_label = wrapped("", "requirementDefinition")
        self.notes_label = user_text(wrapped("", "requirementNotes"))
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_model: RecordTableModel[ActivityCount] = RecordTableModel([
            Col(tr("Date"), lambda a: format_date(a.start_date, short=True), sort=lambda a: a.start_date),
            Col(tr("Title"), lambda a: a.title, stretch=True, tip=lambda a: a.title),
            Col(tr("Type"), lambda a: type_name(a.type), tip=lambda a: type_name(a.type)),
            Col(tr("Logged"), lambda a: format_hours(a.logged), sort=lambda a: a.logged, right=True),
            Col(tr("Count"), lambda a: format_hours(a.counted), sort=lambda a: a.counted, right=True,
                color=self._counted_color),
            Col(tr("Why not all"), self._reason, tip=self._reason),
        ], self)
        self._short_color = live_color(WARN)
        self.counts_view = record_view(self.counts_model, sortable=True, name="requirementCounts", rows=LEAST_ROWS)
        self.counts_view.setAccessibleName(tr("What counts"))
        self.counts_view.setToolTip(tr("Enter or a double-click opens the activity."))
        self.counts_view.activated.connect(self._open_activity)
        # Long titles, types and reasons wrap (a narrow window keeps them whole) and the rows grow to hold them; the
        # table is as tall as its rows, up to the page's height, so the page's own scroll bar is usually the only one.
        self.counts_view.setWordWrap(True)
        self.counts_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.counts_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.counts_view.setItemDelegate(RoomyRows(self.counts_view))
        rows = self.counts_view.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())  # a row of one line as roomy as in other tables
        # Widths from what the columns hold at most, not measured over every row: a year can hold thousands. Each
        # keeps at least its longest word, so what wraps is never cut inside a word.
        metrics = self.fontMetrics()
        words = [w for t in ACTIVITY_TYPES for w in type_name(t).split()]
        self.counts_columns = ColumnFitter(self.counts_view, TITLE_COLUMN, {
            DATE_COLUMN: self._date_width(),
            TYPE_COLUMN: max(metrics.horizontalAdvance(type_name(t)) for t in ACTIVITY_TYPES) + 16,
            LOGGED_COLUMN: metrics.horizontalAdvance(tr("Logged")) + 24,
            COUNT_COLUMN: metrics.horizontalAdvance(tr("Count")) + 24,
            REASON_COLUMN: metrics.averageCharWidth() * REASON_CHARS},
            minimums={DATE_COLUMN: self._date_width(),
                      TYPE_COLUMN: max(metrics.horizontalAdvance(w) for w in words) + 16,
                      REASON_COLUMN: metrics.averageCharWidth() * 16})
        # Rows and height are measured once the columns have settled (the fitter resizes them one by one).
        self.counts_timer = QTimer(self)
        self.counts_timer.setSingleShot(True)
        self.counts_timer.setInterval(0)
        self.counts_timer.timeout.connect(self._fit_counts)
        self.counts_view.horizontalHeader().sectionResized.connect(lambda *_a: self.counts_timer.start())
        self.counts_view.model().layoutChanged.connect(lambda *_a: self.counts_timer.start())  # sorted
        self.counts_label = counts_label = QLabel(tr("&What counts:"))
        counts_label.setBuddy(self.counts_view)
        bold = counts_label.font()
        bold.setBold(True)
        counts_label.setFont(bold)
        self.empty_label = wrapped("", "requirementNothingCounted")
        self.empty_label.hide()

        content = QWidget()
        self.content_layout = layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(Reflow([edit_row, file_row], stretches=(0, 1), spacing=12))
        layout.addWidget(Reflow([date_row, steps_row], stretches=(0, 1), spacing=12))
        layout.addWidget(self.unreadable_label)
        layout.addWidget(self.cards)
        layout.addSpacing(6)
        layout.addWidget(self.detail_heading)
        layout.addWidget(self.definition_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(counts_label)
        layout.addWidget(self.counts_view)
        layout.addWidget(self.empty_label)
        layout.addStretch(1)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.area = vertical_scroll(content, "requirementsArea")  # scrolls down, never sideways
        self.area.viewport().installEventFilter(self)  # its height bounds the table's
        page_layout.addWidget(self.area)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.area.viewport():
            self.counts_timer.start()
        return super().eventFilter(watched, event)

    def counts_height(self) -> int:
        """What "What counts" needs: all its rows, as tall as their wrapped texts make them, but at most what the
        page shows at once below its label (so that, scrolled to it, it fills the page and scrolls itself only
        then), and never fewer than LEAST_ROWS rows when it has them."""
        view = self.counts_view
        rows = view.verticalHeader()
        frame = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        needed = frame + rows.length()
        least = frame + sum(rows.sectionSize(r) for r in range(min(LEAST_ROWS, rows.count())))
        spacing = max(self.content_layout.spacing(), 0)
        room = self.area.viewport().height() - self.counts_label.sizeHint().height() - 2 * spacing
        return min(needed, max(room, least))

    def _fit_counts(self) -> None:
        """Rows as tall as their wrapped texts (unless there are very many: measuring thousands of rows at each
        resize would be slow, so each is one line then, the rest in its tooltip), then the table's height."""
        self.counts_timer.stop()
        if self.counts_model.rowCount() <= WRAP_LIMIT:
            self.counts_view.resizeRowsToContents()
        height = self.counts_height()
        if self.counts_view.height() != height or self.counts_view.minimumHeight() != height:
            self.counts_view.setFixedHeight(height)

    def _date_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(format_date(date(2026, 12, 31), short=True)) + 12

    def _reason(self, count: ActivityCount) -> str:
        result = self.selected()
        return reason_text(count, result.requirement if result else None)

    def _counted_color(self, count: ActivityCount) -> QColor | None:
        return self._short_color if count.counted < count.logged else None

    # --- showing -----------------------------------------------------------------------------------------------

    def as_of(self) -> date:
        return from_qdate(self.as_of_edit.date())

    def refresh(self) -> None:
        """Count every tracked requirement again (the window calls this when data changed and the page is shown)."""
        today = clock.today()
        if self._follow_today and self.as_of() != today:
            self.as_of_edit.blockSignals(True)
            self.as_of_edit.setDate(to_qdate(today))
            self.as_of_edit.blockSignals(False)
        on = self.as_of()
        requirements = load_requirements(today)
        activities = known_by(activities_for(requirements, on), on)
        self.results = [progress(r, activities, on) for r in requirements]
        cards = [RequirementCard(result, self.cards) for result in self.results]  # never a window of its own
        for card in cards:
            card.chosen.connect(self._card_chosen)
        had_focus = any(card.hasFocus() for card in self.cards.cards)
        self._rebuilding = True
        try:
            self.cards.set_cards(cards)
        finally:
            self._rebuilding = False
        keys = [r.requirement.key for r in self.results]
        self.select(self.selected_key if self.selected_key in keys else keys[0] if keys else None)
        if had_focus and self.selected_key is not None and (focused := self.card(self.selected_key)) is not None:
            focused.setFocus()
        self._show_unreadable()
        self._update_add_menu(today)
        self._update_buttons()

    def _show_unreadable(self) -> None:
        bad = unreadable_requirements()
        self.unreadable_label.setText(trn(
            "The stored definition of %n requirement could not be read, so it is left out: {keys}. Import a "
            "corrected definition with the same key to replace it.",
            "The stored definitions of %n requirements could not be read, so they are left out: {keys}. Import "
            "corrected definitions with the same keys to replace them.", len(bad)).format(keys=", ".join(bad)))
        self.unreadable_label.setVisible(bool(bad))

    def selected(self) -> RequirementProgress | None:
        return next((r for r in self.results if r.requirement.key == self.selected_key), None)

    def card(self, key: str) -> RequirementCard | None:
        return next((c for c in self.cards.cards if c.key == key), None)

    def _card_chosen(self, key: str) -> None:
        if not self._rebuilding:
            self.select(key)

    def select(self, key: str | None) -> None:
        """Show requirement `key`'s definition and what counts toward it."""
        self.selected_key = key
        for card in self.cards.cards:
            card.set_selected(card.key == key)
        result = self.selected()
        if result is None:
            self.detail_heading.clear()
            self.definition_label.clear()
            self.notes_label.hide()
            self._set_counts(())
            self._update_buttons()
            return
        requirement = result.requirement
        self.detail_heading.setText(tr("What counts toward {name}, {start} to {end}").format(
            name=requirement.name, start=format_date(result.period_start), end=format_date(result.period_end)))
        self.definition_label.setText("\n".join(definition_lines(requirement)))
        self.notes_label.setText(requirement.notes)
        self.notes_label.setVisible(bool(requirement.notes))
        self._set_counts(result.activities)
        if result.activities:
            self.empty_label.hide()
        else:
            self.empty_label.setText(
                tr("No completed activity in this period counts toward it yet; only activities tagged with one "
                   "of its topics are considered.") if requirement.topics
                else tr("No completed activity in this period counts toward it yet."))
            self.empty_label.show()
        self._update_buttons()

    def _set_counts(self, counts: Sequence[ActivityCount]) -> None:
        self.counts_view.setWordWrap(len(counts) <= WRAP_LIMIT)  # rows of one line: texts elide, tooltips say all
        self.counts_model.set_records(counts)
        self._fit_counts_columns(counts)
        self.counts_timer.start()

    def _fit_counts_columns(self, counts: Sequence[ActivityCount]) -> None:
        """The type and reason columns as wide as what they hold now (the reasons at most REASON_CHARS characters
        before they wrap): an empty reason column leaves its width to the titles."""
        metrics = self.counts_view.fontMetrics()
        header = self.counts_view.horizontalHeader().fontMetrics()
        types = {c.type for c in counts}
        reasons = {self._reason(c) for c in counts if c.reason}
        self.counts_columns.use_widths({
            TYPE_COLUMN: max([header.horizontalAdvance(tr("Type")) + 8]
                             + [metrics.horizontalAdvance(type_name(t)) for t in types]) + 16,
            REASON_COLUMN: max([header.horizontalAdvance(tr("Why not all")) + 8]
                               + [min(metrics.horizontalAdvance(r), metrics.averageCharWidth() * REASON_CHARS)
                                  for r in reasons]) + 16,
        })

    def _update_buttons(self) -> None:
        result = self.selected()
        self.edit_button.setEnabled(result is not None)
        self.copy_button.setEnabled(result is not None)
        always_on = result is not None and result.requirement.always_on
        self.remove_button.setEnabled(result is not None and not always_on)
        self.remove_button.setToolTip(tr("ICMA's Tenet 8 is always tracked; it cannot be removed.") if always_on
                                      else tr("Stop tracking the selected requirement (your activities stay)."))
        self.previous_button.setEnabled(result is not None)
        today = clock.today()
        self.next_button.setEnabled(result is not None and self.as_of() < today)
        self.today_button.setEnabled(self.as_of() != today)

    def _update_add_menu(self, today: date) -> None:
        tracked = {r.requirement.key for r in self.results}
        self.add_menu.clear()
        for key in TEMPLATE_KEYS:
            if key in tracked:
                continue
            action = self.add_menu.addAction(template(key, today).name)
            action.setObjectName(f"add-{key}")
            action.setProperty("userText", True)  # a template's name, as the member will see it on its card
            action.triggered.connect(lambda _checked=False, key=key: self.add_template(key))
        if self.add_menu.actions():
            self.add_menu.addSeparator()
        own = self.add_menu.addAction(tr("Your own requirement…"))
        own.setObjectName("addOwnRequirement")
        own.triggered.connect(self.add_own)

    def _open_activity(self, index: QModelIndex) -> None:
        count = index.data(RECORD_ROLE)
        if isinstance(count, ActivityCount):
            self.shell.open_activity(count.activity_id)

    # --- the As of date ----------------------------------------------------------------------------------------

    def set_as_of(self, day: date) -> None:
        self.as_of_edit.setDate(to_qdate(day))

    def _as_of_edited(self) -> None:
        if self.as_of_edit.hasFocus() and not self.as_of_edit.calendarWidget().isVisible():
            self._as_of_timer.start()
        else:
            self._as_of_changed()

    def _as_of_changed(self) -> None:
        self._as_of_timer.stop()
        self._follow_today = self.as_of() == clock.today()
        self.refresh()

    def previous_period(self) -> None:
        """The selected requirement's previous period, as of its last day."""
        result = self.selected()
        if result is not None:
            self.set_as_of(result.period_start - timedelta(days=1))

    def next_period(self) -> None:
        """The selected requirement's next period, as of its last day (or today, when it holds today)."""
        result = self.selected()
        if result is None:
            return
        _, end = period_containing(result.requirement, result.period_end + timedelta(days=1))
        self.set_as_of(min(end, clock.today()))

    # --- changing the requirements -------------------------------------------------------------------------------

    def _taken(self, but: str | None = None) -> set[str]:
        return {r.requirement.key for r in self.results if r.requirement.key != but}

    def add_template(self, key: str) -> None:
        today = clock.today()
        added: dict[str, Requirement] = {}

        def do() -> Requirement:
            added["it"] = add_template(key, today)
            return added["it"]

        try:
            requirement = perform(self.shell, tr("Track “{name}”").format(name=_short(template(key, today).name)),
                                  do, undo=lambda: remove_requirement(key),
                                  redo=lambda: save_requirement(added["it"]))
        except RequirementError as error:
            prompts.show_error(self, tr("Add a requirement"), str(error))
            return
        self.select(requirement.key)
        if requirement.period.kind == PeriodKind.YEARS and requirement.period.start is not None:
            self.shell.show_message(tr("Tracking “{name}”: its periods are counted from {date}. Edit… to set "
                                       "your own cycle.").format(name=requirement.name,
                                                                 date=format_date(requirement.period.start)),
                                    10000)
        else:
            self.shell.show_message(tr("Tracking “{name}”.").format(name=requirement.name))

    def add_own(self) -> None:
        dialog = RequirementDialog(self, None, self._taken(), clock.today())
        dialog.submit = lambda definition: self._save(definition, None)
        form_dialog.run_dialog(dialog)

    def edit_requirement(self) -> None:
        result = self.selected()
        if result is None:
            return
        old = result.requirement
        dialog = RequirementDialog(self, old, self._taken(but=old.key), clock.today())
        dialog.submit = lambda definition: self._save(definition, old)
        form_dialog.run_dialog(dialog)

    def _save(self, definition: dict[str, Any], old: Requirement | None) -> Requirement:
        """Store a definition from the dialog (a new requirement, or `old` changed), undoably, and select it."""
        new_key = str(definition["key"])
        if old is None:
            saved = perform(self.shell, tr("Add requirement “{name}”").format(name=_short(definition["name"])),
                            lambda: save_requirement(definition), undo=lambda: remove_requirement(new_key))
        else:
            saved = perform(self.shell, tr("Edit requirement “{name}”").format(name=_short(old.name)),
                            lambda: save_requirement(definition, replacing=old.key),
                            undo=lambda: save_requirement(old, replacing=new_key))
        self.select(saved.key)
        return saved

    def copy_selected(self) -> None:
        result = self.selected()
        if result is None:
            return
        source = result.requirement
        made: dict[str, Requirement] = {}

        def do() -> Requirement:
            made["it"] = copy_requirement(source.key)
            return made["it"]

        copy = perform(self.shell, tr("Copy “{name}”").format(name=_short(source.name)), do,
                       undo=lambda: remove_requirement(made["it"].key), redo=lambda: save_requirement(made["it"]))
        self.select(copy.key)
        self.shell.show_message(tr("Copied as “{name}”: Edit… to change it.").format(name=copy.name))

    def remove_selected(self) -> None:
        """Stop tracking the selected requirement, at once (Undo brings it back; the activities are untouched)."""
        result = self.selected()
        if result is None or result.requirement.always_on:
            return
        requirement = result.requirement
        position = position_of(requirement.key)
        perform(self.shell, tr("Stop tracking “{name}”").format(name=_short(requirement.name)),
                lambda: remove_requirement(requirement.key),
                undo=lambda: save_requirement(requirement, position=position))
        self.shell.show_message(tr("Stopped tracking “{name}” - Undo ({keys})").format(
            name=_short(requirement.name), keys=undo_keys()), 10000)

    # --- definitions in files ----------------------------------------------------------------------------------

    def export_definitions(self) -> None:
        path = prompts.choose_save_file(self, tr("Export requirement definitions"), "requirements.json",
                                        tr("JSON files (*.json)"))
        if path is None:
            return
        try:
            count = export_requirements(path)
        except OSError as error:
            prompts.show_error(self, tr("Export requirement definitions"),
                               tr("Could not write {path}: {error}").format(path=path, error=error))
            return
        self.shell.show_message(trn("Exported %n requirement definition to {file}",
                                    "Exported %n requirement definitions to {file}", count).format(file=path.name))

    def import_definitions(self) -> None:
        path = prompts.choose_open_file(self, tr("Import requirement definitions"),
                                        tr("JSON files (*.json);;All files (*)"))
        if path is None:
            return
        try:
            found = read_requirements_file(path)
        except RequirementError as error:
            prompts.show_error(self, tr("Import requirement definitions"),
                               tr("Nothing was imported. {error}").format(error=_sentence(str(error))))
            return
        before = {r.key: r for r in load_requirements(clock.today())}
        keys = [r.key for r in found]

        def undo() -> None:
            replace_requirements([before[k] for k in keys if k in before], [k for k in keys if k not in before])

        try:
            perform(self.shell, trn("Import of %n requirement definition", "Import of %n requirement definitions",
                                    len(found)),
                    lambda: replace_requirements(found, []), undo=undo)
        except RequirementError as error:  # e.g. a Tenet 8 on another period: nothing was written
            prompts.show_error(self, tr("Import requirement definitions"),
                               tr("Nothing was imported. {error}").format(error=_sentence(str(error))))
            return
        if keys:
            self.select(keys[0])
        self.shell.show_message(trn("Imported %n requirement definition from {file}",
                                    "Imported %n requirement definitions from {file}", len(found)).format(
            file=path.name))


def _sentence(text: str) -> str:
    """A model's message as a sentence: a capital first, a full stop last."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."

