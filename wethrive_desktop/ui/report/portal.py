"""Copy for the ICMA portal: the year's report, field by field, for a member filling in ICMA's online form.

A non-modal dialog beside the browser: the Activities tab shows one activity at a time ("Activity 3 of 12", a chooser,
Previous / Next, also Alt+Left / Alt+Right), each of its fields read-only and selectable with its own Copy button,
and "Copy all" for the whole activity as plain text; the Whole report tab does the same for the report's own fields.
After a copy a short confirmation says what was copied. Which fields, in which order, as what text is
reports.portal's (Qt-free); this module only shows it. The data comes from the page (`source`, the report as typed)
each time the dialog is opened or activated, so switching back from the browser shows what was edited meanwhile.

The labels are shown in the user's language (the values are copied as stored, for ICMA's English form). The dialog
opens at most as large as its screen allows (down to 800x480), its fields scrolling vertically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.annual_report import ReportActivity, ReportData
from wethrive_desktop.reports.portal import (
    PortalField,
    activity_text,
    portal_fields,
    portal_report_fields,
    portal_text,
)
from wethrive_desktop.ui.report.style import MUTED_COLOR, OK_COLOR, escape, fit_to_screen
from wethrive_desktop.ui.widgets.naming import named

CONFIRMATION_MS = 6000  # how long "Copied: ..." stays
LABEL_WIDTH = 150  # the labels' column (a longer label wraps)
SHORT_MAX_LINES = 8  # a short value wraps to at most this many lines (the wheel and the keys scroll beyond)
NOT_GIVEN = "not given"  # (shown through tr)


def _camel(label: str) -> str:
    """'What I learned' -> 'WhatILearned' (for object names)."""
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", label))


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


class ValueBox(QPlainTextEdit):
    """A read-only, selectable value. A short one is as tall as its text wrapped (1 to SHORT_MAX_LINES lines, so a
    long title or 14 practices are read whole, not cut at the right edge); a long one shows `lines` lines and scrolls.
    """

    def __init__(self, lines: int | None):
        super().__init__()
        self.lines = lines
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setPlaceholderText(tr(NOT_GIVEN))
        if lines is None:  # (QPlainTextEdit would show a bar even for one line that fits)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit()

    def set_value(self, text: str) -> None:
        if self.toPlainText() != text:
            self.setPlainText(text)
            self._fit()

    def _fit(self) -> None:
        spacing = self.fontMetrics().lineSpacing()
        margin = int(2 * self.document().documentMargin()) + 2 * self.frameWidth()
        lines = self.lines
        if lines is None:
            # A few pixels narrower than the text's room: better a blank line than a line cut off.
            width = max(1, self.viewport().width() - int(2 * self.document().documentMargin()) - 6)
            text = self.toPlainText() or " "
            height = self.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap,
                                                     text).height()
            lines = max(1, min(SHORT_MAX_LINES, round(height / spacing)))
        self.setFixedHeight(lines * spacing + margin)

    def resizeEvent(self, e: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(e)
        if self.lines is None and e.size().width() != e.oldSize().width():
            self._fit()  # wrapped at the new width


class FieldRow:
    """A label, the read-only value and its Copy button, in a grid row; `copied(what, text)` puts `text` on the
    clipboard and says "Copied: `what`"."""

    def __init__(self, grid: QGridLayout, row: int, prefix: str, field: PortalField,
                 copied: Callable[[str, str], None], lines: int):
        self.field = field
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.label.setContentsMargins(0, 4, 0, 0)
        self.label.setWordWrap(True)
        self.label.setMaximumWidth(LABEL_WIDTH)
        self.value = ValueBox(lines if field.long else None)
        self.label.setBuddy(self.value)
        self.button = QPushButton(tr("Copy"))
        self.button.clicked.connect(lambda: copied(tr("Copied: {field}").format(field=tr(self.field.label)),
                                                   self.field.text))
        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.value, row, 1)
        grid.addWidget(self.button, row, 2, Qt.AlignmentFlag.AlignTop)
        self.prefix = prefix
        self.set_field(field)

    def set_field(self, field: PortalField) -> None:
        self.field = field
        name, label = _camel(field.label), tr(field.label)
        self.label.setText(f"<b>{escape(label)}</b>")
        named(self.value, f"{self.prefix}{name}Value", label)
        named(self.button, f"{self.prefix}Copy{name}Button", tr("Copy {field}").format(field=label))
        self.value.set_value(field.text)
        self.button.setEnabled(bool(field.text))
        self.button.setToolTip((tr("Copy \u201c{field}\u201d to the clipboard") if field.text
                                else tr("\u201c{field}\u201d is empty: nothing to copy")).format(field=label))


class FieldGrid(QScrollArea):
    """The rows of a list of fields, updated in place while the fields keep their kinds (short or long)."""

    def __init__(self, name: str, prefix: str, copied: Callable[[str, str], None], lines: int):
        """`lines`: about how many lines a long field shows (it scrolls beyond)."""
        super().__init__()
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the values wrap instead
        self.viewport().setAutoFillBackground(False)
        self.lines = lines
        self.prefix = prefix
        self.copied = copied
        self.rows: list[FieldRow] = []

    def set_fields(self, fields: Sequence[PortalField]) -> None:
        if [f.long for f in fields] != [r.field.long for r in self.rows]:
            self._build(fields)
            return
        for row, field in zip(self.rows, fields, strict=True):
            row.set_field(field)

    def _build(self, fields: Sequence[PortalField]) -> None:
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(2, 2, 10, 2)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        self.rows = [FieldRow(grid, i, self.prefix, f, self.copied, self.lines) for i, f in enumerate(fields)]
        grid.setRowStretch(len(fields), 1)
        self.setWidget(body)  # deletes the previous body and its rows' widgets
        body.setAutoFillBackground(False)  # (setWidget turned it on): the tab's own background, not a grey box
        # Tab moves value, Copy, value, Copy... in reading order.
        widgets: list[QWidget] = [w for r in self.rows for w in (r.value, r.button)]
        for first, second in zip(widgets, widgets[1:], strict=False):
            QWidget.setTabOrder(first, second)


class PortalCopyDialog(QDialog):
    """The "Copy for the ICMA portal" view (objectName `portalCopyDialog`, not modal)."""

    def __init__(self, parent: QWidget, source: Callable[[], ReportData | None]):
        super().__init__(parent)
        self.setObjectName("portalCopyDialog")
        self.setModal(False)
        self.source = source
        self.data: ReportData | None = None
        self.index = 0  # of the activity shown, in data.activities
        self._choices: list[str] = []  # the chooser's entries

        intro = QLabel(tr("Fill in ICMA\u2019s online annual-report form without retyping: copy a value here, then "
                          "paste it into the form\u2019s field of the same name. The fields are in the order ICMA "
                          "asks for them."))
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {MUTED_COLOR};")

        self.tabs = named(QTabWidget(), "portalTabs")
        self.tabs.addTab(self._activities_tab(), tr("&Activities"))
        self.tabs.addTab(self._report_tab(), tr("&Whole report"))

        self.copied_label = named(QLabel(), "portalCopiedLabel", tr("Copy confirmation"))
        self.copied_label.setWordWrap(True)
        self.copied_label.setStyleSheet(f"color: {OK_COLOR}; font-weight: bold;")
        self.confirm_timer = QTimer(self, singleShot=True, interval=CONFIRMATION_MS)
        self.confirm_timer.timeout.connect(self.copied_label.clear)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        named(close, "portalCloseButton", tr("Close"))
        close.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copied_label, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, 740, 640)
        self.activity_combo.setFocus()  # the first field: the activity to copy from

    # --- layout -------------------------------------------------------------------------------------------

    def _activities_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        chooser = QHBoxLayout()
        self.previous_button = named(QPushButton(tr("\u25c0 &Previous")), "portalPreviousButton",
                                     tr("Previous activity"))
        self.previous_button.setToolTip(tr("Previous activity (Alt+Left)"))
        self.previous_button.clicked.connect(lambda: self.show_activity(self.index - 1))
        self.activity_combo = named(QComboBox(), "portalActivityCombo", tr("Activity"))
        self.activity_combo.setProperty("userText", True)  # the member's titles
        self.activity_combo.setMinimumContentsLength(16)
        self.activity_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.activity_combo.currentIndexChanged.connect(self._combo_chosen)
        self.position_label = named(QLabel(), "portalPositionLabel")
        self.next_button = named(QPushButton(tr("&Next \u25b6")), "portalNextButton", tr("Next activity"))
        self.next_button.setToolTip(tr("Next activity (Alt+Right)"))
        self.next_button.clicked.connect(lambda: self.show_activity(self.index + 1))
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
        chooser.addWidget(self.previous_button)
        chooser.addWidget(self.activity_combo, 1)
        chooser.addWidget(self.position_label)
        chooser.addWidget(self.next_button)
        layout.addLayout(chooser)
        for keys, step in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda step=step: self._step(step))

        self.heading_label = named(QLabel(), "portalActivityHeading")
        self.heading_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading_label)
        self.empty_label = named(QLabel(), "portalEmptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(f"color: {MUTED_COLOR}; padding: 24px;")
        layout.addWidget(self.empty_label, 1)
        self.activity_grid = FieldGrid("portalActivityFields", "portalActivity", self._copied, lines=5)
        layout.addWidget(self.activity_grid, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.copy_all_button = named(QPushButton(tr("Copy a&ll")), "portalCopyAllButton")
        self.copy_all_button.setAutoDefault(False)
        self.copy_all_button.clicked.connect(self.copy_activity)
        row.addWidget(self.copy_all_button)
        layout.addLayout(row)
        return tab

    def _report_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.report_grid = FieldGrid("portalReportFields", "portalReport", self._copied, lines=7)
        layout.addWidget(self.report_grid, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.copy_report_button = named(QPushButton(tr("Copy a&ll")), "portalCopyReportButton",
                                        tr("Copy all of the report's fields"))
        self.copy_report_button.setAutoDefault(False)
        self.copy_report_button.clicked.connect(self.copy_report)
        row.addWidget(self.copy_report_button)
        layout.addLayout(row)
        return tab

    # --- what it shows --------------------------------------------------------------------------------------

    def open_view(self) -> None:
        """Show the dialog with the report as it is now, or raise it if it is open."""
        self.reload()
        if self.isVisible() and QGuiApplication.platformName() != "offscreen":
            self.raise_()  # over the main window again (the offscreen platform has no stacking, and warns)
        self.show()
        self.activateWindow()

    def reload(self) -> None:
        """Read the report again from the page, keeping the activity shown (by its id) where it still is."""
        data = self.source()
        if data is None:
            return
        shown, index = self.activity(), self.index
        if self.data is not None and self.data.year != data.year:
            shown, index = None, 0  # another year: from its first activity
            self.copied_label.clear()  # it said what was copied of the other year
        self.data = data
        ids = [a.activity_id for a in data.activities]
        if shown is not None and shown.activity_id in ids:
            index = ids.index(shown.activity_id)
        self.setWindowTitle(tr("Copy for the ICMA portal: {year} report").format(year=data.year))
        choices = [f"#{a.number}  {a.title}" for a in data.activities]
        if choices != self._choices:  # (not refilled at each activation: a year can hold thousands)
            self._choices = choices
            self.activity_combo.blockSignals(True)
            self.activity_combo.clear()
            self.activity_combo.addItems(choices)
            self.activity_combo.blockSignals(False)
        empty = not data.activities
        self.empty_label.setText(tr("No activities with hours were recorded for {year}, so there is no activity to "
                                    "copy. The report\u2019s own fields are on the Whole report tab.").format(
            year=data.year))
        self.empty_label.setVisible(empty)
        self.activity_grid.setVisible(not empty)
        self.heading_label.setVisible(not empty)
        self.activity_combo.setEnabled(not empty)
        self.copy_all_button.setEnabled(not empty)
        self.report_grid.set_fields(portal_report_fields(data))
        self.show_activity(index)

    def activity(self) -> ReportActivity | None:
        """The activity shown (None when the year has none)."""
        if self.data is None or not self.data.activities:
            return None
        return self.data.activities[self.index]

    def show_activity(self, index: int) -> None:
        """Show the activity at `index` of the year's list (clamped to it)."""
        data = self.data
        count = len(data.activities) if data is not None else 0
        self.index = max(0, min(index, count - 1))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        activity = self.activity()
        if data is None or activity is None:
            self.position_label.setText(tr("No activities"))
            self.copy_all_button.setAccessibleName(tr("Copy all of the activity"))
            return
        if self.activity_combo.currentIndex() != self.index:
            self.activity_combo.blockSignals(True)
            self.activity_combo.setCurrentIndex(self.index)
            self.activity_combo.blockSignals(False)
        self.position_label.setText(tr("Activity {index} of {count}").format(index=self.index + 1, count=count))
        heading = tr("Professional Development Activity #{number}").format(number=activity.number)
        self.heading_label.setText(f"<b>{escape(heading)}</b>")
        self.activity_grid.set_fields(portal_fields(activity, data))
        self.copy_all_button.setAccessibleName(tr("Copy all of activity #{number}").format(number=activity.number))
        self.copy_all_button.setToolTip(tr("Copy every field of activity #{number} as plain text").format(
            number=activity.number))

    def _combo_chosen(self, index: int) -> None:
        if index >= 0:
            self.show_activity(index)

    def _step(self, step: int) -> None:
        if self.tabs.currentIndex() == 0:
            self.show_activity(self.index + step)

    # --- copying --------------------------------------------------------------------------------------------

    def _copied(self, message: str, text: str) -> None:
        """Put `text` on the clipboard and say `message` ("Copied: ...") for a while."""
        if not text:
            return
        copy_text(text)
        self.copied_label.setText(message)
        self.confirm_timer.start()

    def copy_activity(self) -> None:
        """Copy all: the activity shown, every field, as plain text."""
        activity = self.activity()
        if self.data is not None and activity is not None:
            self._copied(tr("Copied: all of activity #{number}").format(number=activity.number),
                         activity_text(activity, self.data))

    def copy_report(self) -> None:
        if self.data is not None:
            self._copied(tr("Copied: all of the report\u2019s fields"), portal_text(portal_report_fields(self.data)))

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.WindowActivate and self.isVisible():
            self.reload()  # back from the browser or from editing: show the report as it is now
        return super().event(e)
