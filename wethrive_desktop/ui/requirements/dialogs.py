"""The editor of a requirement's definition: every field of it (DOMAIN.md section 8, models/requirements/
definitions.py), each checked by the model's own reading of a definition, with its message shown under the field.

OK checks every field first; with a problem, the dialog stays open on what was typed, shows each message at its
field and puts the focus on the first one; nothing is written. Then `submit(definition)` stores it (the page passes
a function that goes through store.save_requirement and the undo stack); a RequirementError it raises is shown
above the buttons, and the dialog stays open.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.domain import ACTIVITY_TYPES
from wethrive_desktop.models.requirements.definitions import (
    KEY_PATTERN,
    MAX_DAYS,
    MAX_HOURS,
    MAX_YEARS,
    PeriodKind,
    Requirement,
    RequirementError,
    from_json,
    month_name,
)
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.models.topics import SEPARATOR, parse_topics
from wethrive_desktop.ui.requirements.texts import period_kind_name
from wethrive_desktop.ui.widgets.dates import DateEdit
from wethrive_desktop.ui.widgets.fit import vertical_scroll
from wethrive_desktop.ui.widgets.form_dialog import from_qdate
from wethrive_desktop.ui.widgets.labels import type_name
from wethrive_desktop.ui.widgets.naming import error_label, named, show_as_error

# A definition every field is checked against, one field at a time, so that each message goes to its field.
_BASE: dict[str, Any] = {"key": "checked", "name": "checked", "hours": 1}
TYPE_COLUMN, CAP_COLUMN, CONDITIONS_COLUMN = 0, 1, 2
DIALOG_SIZE = (660, 640)  # its first size, or less on a small screen (the form scrolls)
SCREEN_SHARE = 0.9


def _problem(**fields: Any) -> str | None:
    """Why `fields` cannot stand in a definition (the model's message, starting with a capital), or None."""
    try:
        from_json({**_BASE, **fields})
    except RequirementError as error:
        text = str(error)
        return text[:1].upper() + text[1:]
    return None


def _number_text(text: str) -> str:
    """Hours as typed, with a decimal comma taken as a point ("1,5" -> "1.5")."""
    text = text.strip()
    return text.replace(",", ".") if "," in text and "." not in text else text


def _texts(text: str) -> list[str]:
    return [part.strip() for part in text.split(SEPARATOR) if part.strip()]


def suggested_key(name: str, taken: Collection[str]) -> str:
    """A key made from a name, not yet taken: 'Georgia (GCCMA) ethics' -> 'georgia-gccma-ethics'."""
    base = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:54] or "my-requirement"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def types_in_order(caps: Collection[str], conditions: Collection[str]) -> list[str]:
    """The activity types as the caps table lists them: those with a cap or a condition first, then the others,
    each group in the usual order of types."""
    return sorted(ACTIVITY_TYPES, key=lambda t: t not in caps and t not in conditions)


def read_only(edit: QLineEdit) -> None:
    """A line edit that shows a value which cannot be changed here: read-only (its text can still be selected and
    copied) and drawn on the window's colour, not an input's, so it does not look as if it could be typed in."""
    edit.setReadOnly(True)
    palette = edit.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Base, palette.color(group, QPalette.ColorRole.Window))
    edit.setPalette(palette)


def minimums_text(requirement: Requirement) -> str:
    return "; ".join(f"{t}: {format_hours(h)}" for t, h in requirement.topic_minimums.items())


class RequirementDialog(QDialog):
    """Edit a requirement (or define a new one: `requirement` None). `taken` holds the keys of the other
    requirements; `submit(definition)` stores the definition."""

    def __init__(self, parent: QWidget | None, requirement: Requirement | None, taken: Collection[str],
                 today: date, submit: Callable[[dict[str, Any]], object] | None = None):
        super().__init__(parent)
        self.setObjectName("requirementDialog")
        self.setWindowTitle(tr("Edit requirement") if requirement else tr("Your own requirement"))
        self.requirement = requirement
        self.taken = set(taken)
        self.submit = submit
        self._key_typed = requirement is not None  # a new requirement's key follows its name until typed
        always_on = requirement is not None and requirement.always_on
        self.errors: dict[str, QLabel] = {}  # a field's message, by the field's name in the definition
        self.rows: dict[QWidget, QWidget] = {}  # a field -> what stands in its form row (it, or it and its message)

        self.name_edit = named(QLineEdit(requirement.name if requirement else ""), "requirementName", tr("Name"))
        self.name_edit.setPlaceholderText(tr("e.g. Georgia (GCCMA) ethics"))
        self.name_edit.setMaxLength(200)
        self.key_edit = named(QLineEdit(requirement.key if requirement else suggested_key("", self.taken)),
                              "requirementKey", tr("Key"))
        self.key_edit.setToolTip(tr("The short name the command line and the definition files use: lower-case "
                                    "letters, digits and dashes."))
        if always_on:
            read_only(self.key_edit)
            self.key_edit.setToolTip(tr("ICMA's Tenet 8 keeps its key; copy it to make another requirement."))
        self.hours_edit = named(QLineEdit(format_hours(requirement.hours) if requirement else ""),
                                "requirementHours", tr("Required hours"))
        self.hours_edit.setPlaceholderText(tr("e.g. 4"))

        # The period: calendar years, years from a month, or N years from a start date.
        period = requirement.period if requirement else None
        self.kind_combo = named(QComboBox(), "requirementPeriodKind", tr("Period"))
        for kind in PeriodKind:
            self.kind_combo.addItem(period_kind_name(kind), kind.value)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(period.kind.value if period else "calendar"),
                                            0))
        if always_on:
            self.kind_combo.setEnabled(False)
            self.kind_combo.setToolTip(tr("ICMA's Tenet 8 runs by calendar year; copy it to count another period."))
        self.month_combo = named(QComboBox(), "requirementStartMonth", tr("Starts in month"))
        for month in range(1, 13):
            self.month_combo.addItem(month_name(month), month)
        self.month_combo.setCurrentIndex((period.start_month if period else 1) - 1)
        self.years_spin = named(QSpinBox(), "requirementYears", tr("Years in a period"))
        self.years_spin.setRange(1, MAX_YEARS)
        self.years_spin.setValue(period.years if period and period.kind == PeriodKind.YEARS else 2)
        self.years_spin.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000") + 48)
        start = period.start if period and period.start else date(today.year, 1, 1)
        self.start_edit = named(DateEdit(start), "requirementPeriodStart", tr("First period starts"))

        self.topics_edit = named(QLineEdit("; ".join(requirement.topics) if requirement else ""),
                                 "requirementTopics", tr("Topics that count"))
        self.topics_edit.setPlaceholderText(tr("Empty: any activity counts. e.g. ethics"))
        self.minimums_edit = named(QLineEdit(minimums_text(requirement) if requirement else ""),
                                   "requirementMinimums", tr("Topic minimums"))
        self.minimums_edit.setPlaceholderText(tr("e.g. ethics: 1; law: 1"))
        self.caps_table = self._caps_table(requirement)
        self.providers_edit = named(QLineEdit("; ".join(requirement.providers) if requirement else ""),
                                    "requirementProviders", tr("Accepted providers"))
        self.providers_edit.setPlaceholderText(tr("Empty: any provider. e.g. TCMA; TML; ICMA"))

        carry = requirement.carry_over if requirement else None
        self.carry_box = named(QCheckBox(tr("C&arry over, up to")), "requirementCarryOver", tr("Carry over"))
        self.carry_box.setChecked(carry is not None)
        self.carry_hours_edit = named(QLineEdit(format_hours(carry.max_hours) if carry else ""),
                                      "requirementCarryHours", tr("Most hours carried over"))
        self.carry_hours_edit.setPlaceholderText(tr("hours"))
        self.general_only_edit = named(QLineEdit("; ".join(carry.general_only) if carry else ""),
                                       "requirementGeneralOnly", tr("Topics carried as general hours only"))
        self.general_only_edit.setPlaceholderText(tr("e.g. ethics; law"))
        self.due_spin = named(QSpinBox(), "requirementDueDays", tr("Due days after the period ends"))
        self.due_spin.setRange(0, MAX_DAYS)
        self.due_spin.setValue(requirement.due_days if requirement else 0)
        self.due_spin.setSuffix(tr(" days"))
        self.grace_spin = named(QSpinBox(), "requirementGraceDays", tr("Grace period in days"))
        self.grace_spin.setRange(0, MAX_DAYS)
        self.grace_spin.setValue(requirement.grace_days if requirement else 0)
        self.grace_spin.setSuffix(tr(" days"))
        self.notes_edit = named(QPlainTextEdit(requirement.notes if requirement else ""), "requirementNotes",
                                tr("Notes"))
        self.notes_edit.setFixedHeight(4 * self.fontMetrics().lineSpacing() + 12)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._row(tr("&Name:"), self.name_edit, "name")
        self._row(tr("&Key:"), self.key_edit, "key")
        self._row(tr("Required &hours:"), self.hours_edit, "hours")
        self._row(tr("&Period:"), self.kind_combo, "period")
        self._row(tr("Starts in &month:"), self.month_combo)
        self._row(tr("&Years in a period:"), self.years_spin)
        self._row(tr("First period &starts:"), self.start_edit)
        self._row(tr("&Topics that count:"), self.topics_edit, "topics")
        self._row(tr("Topic m&inimums:"), self.minimums_edit, "topic_minimums")
        self._row(tr("&Caps and conditions:"), self.caps_table, "caps")
        self._row(tr("Accepted p&roviders:"), self.providers_edit, "providers")
        carry_row = QHBoxLayout()
        carry_row.addWidget(self.carry_box)
        carry_row.addWidget(self.carry_hours_edit, 1)
        carry_row.addWidget(QLabel(tr("h")))
        self.carry_field = carry_field = QWidget()
        carry_field.setLayout(carry_row)
        carry_row.setContentsMargins(0, 0, 0, 0)
        self._row(tr("Surplus hours:"), carry_field, "carry_over", buddy=self.carry_box)
        self._row(tr("Carried as genera&l only:"), self.general_only_edit, "general_only")
        self._row(tr("D&ue after the period ends:"), self.due_spin)
        self._row(tr("&Grace period:"), self.grace_spin)
        self._row(tr("N&otes:"), self.notes_edit)

        form_widget = QWidget()
        form_widget.setLayout(self.form)
        self.area = vertical_scroll(form_widget, "requirementArea")  # scrolls down on a short screen
        self.problem_label = named(QLabel(), "requirementProblem")
        self.problem_label.setWordWrap(True)
        show_as_error(self.problem_label)
        self.problem_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._update_period())
        self.carry_box.toggled.connect(lambda _c: self._update_carry())
        self.name_edit.textEdited.connect(self._name_edited)
        self.key_edit.textEdited.connect(self._key_edited)
        if always_on:
            # Tenet 8 counts every activity of a calendar year, year by year (the dashboard, the summary and the
            # report read it so): its period, topics, providers and carry-over stay as they are.
            locked = tr("ICMA's Tenet 8 counts every activity of each calendar year; copy it to count otherwise.")
            for field in (self.kind_combo, self.topics_edit, self.minimums_edit, self.providers_edit,
                          self.carry_field, self.general_only_edit):
                field.setEnabled(False)
                if field is not self.kind_combo:
                    field.setToolTip(locked)
                label = self.form.labelForField(self.rows[field])
                if label is not None:
                    label.setEnabled(False)  # greyed as its field is, and its access key off
        self._update_period()
        self._update_carry()
        self._fit_to_screen()
        self.name_edit.setFocus()

    # --- building ----------------------------------------------------------------------------------------------

    def _row(self, text: str, field: QWidget, error: str = "", buddy: QWidget | None = None) -> None:
        """A row of the form: its label (whose access key reaches `buddy` or the field) and the field, with the
        field's message under it when `error` names one."""
        label = QLabel(text)
        label.setBuddy(buddy or field)
        if not error:
            self.form.addRow(label, field)
            self.rows[field] = field
            return
        message = error_label(error)
        self.errors[error] = message
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(message)
        self.form.addRow(label, box)
        self.rows[field] = box

    def _caps_table(self, requirement: Requirement | None) -> QTableWidget:
        """Every activity type with its cap (empty: none) and whether it counts only when ICMA's conditions are met;
        the types with a cap or a condition come first, so what is set shows when the editor opens."""
        caps = requirement.caps if requirement else {}
        conditions = requirement.conditions if requirement else ()
        table = named(QTableWidget(len(ACTIVITY_TYPES), 3), "requirementCaps", tr("Caps and conditions"))
        table.setHorizontalHeaderLabels([tr("Activity type"), tr("At most (h)"),
                                         tr("Only if ICMA's\nconditions are met")])
        table.setToolTip(tr("The most hours of a type that count in one period (empty: no limit), and the types "
                            "that count only when the member marks them as meeting ICMA's conditions."))
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(TYPE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CAP_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CONDITIONS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for row, key in enumerate(types_in_order(caps, conditions)):
            name = QTableWidgetItem(type_name(key))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            name.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(row, TYPE_COLUMN, name)
            cap = QTableWidgetItem(format_hours(caps[key]) if key in caps else "")
            cap.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, CAP_COLUMN, cap)
            condition = QTableWidgetItem("")
            condition.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                               | Qt.ItemFlag.ItemIsSelectable)
            condition.setCheckState(Qt.CheckState.Checked if key in conditions else Qt.CheckState.Unchecked)
            table.setItem(row, CONDITIONS_COLUMN, condition)
        rows = 5
        table.setMinimumHeight(header.sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
                               + 2 * table.frameWidth())
        table.setMaximumHeight(table.minimumHeight())
        return table

    def _fit_to_screen(self) -> None:
        width, height = DIALOG_SIZE
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else self.screen()
        if screen is not None:
            free = screen.availableGeometry()
            width = min(width, int(free.width() * SCREEN_SHARE))
            height = min(height, int(free.height() * SCREEN_SHARE))
        self.resize(width, height)

    # --- reacting ----------------------------------------------------------------------------------------------

    def _set_row_shown(self, field: QWidget, shown: bool) -> None:
        self.form.setRowVisible(field, shown)

    def _update_period(self) -> None:
        kind = self.kind_combo.currentData()
        self._set_row_shown(self.month_combo, kind == PeriodKind.FISCAL)
        self._set_row_shown(self.years_spin, kind == PeriodKind.YEARS)
        self._set_row_shown(self.start_edit, kind == PeriodKind.YEARS)

    def _update_carry(self) -> None:
        on = self.carry_box.isChecked()
        self.carry_hours_edit.setEnabled(on)
        self.general_only_edit.setEnabled(on)
        label = self.form.labelForField(self.rows[self.general_only_edit])
        if label is not None:
            label.setEnabled(on)

    def _name_edited(self, text: str) -> None:
        if not self._key_typed:
            self.key_edit.setText(suggested_key(text, self.taken))

    def _key_edited(self, _text: str) -> None:
        self._key_typed = True

    # --- checking ----------------------------------------------------------------------------------------------

    def _caps(self) -> tuple[dict[str, str], list[str], list[str]]:
        """The caps typed ({type: hours text}), the types needing the conditions, and the problems found."""
        caps: dict[str, str] = {}
        conditions: list[str] = []
        problems: list[str] = []
        for row in range(self.caps_table.rowCount()):
            name, cap, condition = (self.caps_table.item(row, c) for c in (TYPE_COLUMN, CAP_COLUMN,
                                                                            CONDITIONS_COLUMN))
            if name is None:
                continue
            key = str(name.data(Qt.ItemDataRole.UserRole))
            text = _number_text(cap.text()) if cap is not None else ""
            if text:
                problem = _problem(caps={key: text})
                if problem:
                    problems.append(tr("{type}: a cap is a number of hours, more than 0 and at most {most}").format(
                        type=name.text(), most=format_hours(MAX_HOURS)))
                else:
                    caps[key] = text
            if condition is not None and condition.checkState() == Qt.CheckState.Checked:
                conditions.append(key)
        return caps, conditions, problems

    def _minimums(self) -> tuple[dict[str, str], str | None]:
        found: dict[str, str] = {}
        for part in _texts(self.minimums_edit.text()):
            topic, colon, hours = part.rpartition(":")
            if not colon or not topic.strip() or not hours.strip():
                return {}, tr("Write each minimum as topic: hours, e.g. ethics: 1 (not '{part}')").format(part=part)
            found[topic.strip()] = _number_text(hours)
        return found, _problem(topic_minimums=found) if found else None

    def period(self) -> dict[str, Any]:
        kind = self.kind_combo.currentData()
        if kind == PeriodKind.FISCAL:
            return {"kind": kind, "start_month": self.month_combo.currentData()}
        if kind == PeriodKind.YEARS:
            return {"kind": kind, "years": self.years_spin.value(),
                    "start": from_qdate(self.start_edit.date()).isoformat()}
        return {"kind": "calendar"}

    def definition(self) -> dict[str, Any] | None:
        """The definition typed, with every field checked; None (each problem shown at its field, the focus on the
        first) when one is wrong."""
        problems: dict[str, str] = {}
        name = self.name_edit.text().strip()
        if not name:
            problems["name"] = tr("Give the requirement a name")
        key = self.key_edit.text().strip()
        if not KEY_PATTERN.match(key):
            problems["key"] = tr("Use 1 to 60 lower-case letters, digits and dashes, starting with a letter or "
                                 "digit")
        elif key in self.taken:
            problems["key"] = tr("Another requirement already has the key '{key}'").format(key=key)
        hours = _number_text(self.hours_edit.text())
        if not hours:
            problems["hours"] = tr("Enter the hours required in a period")
        elif problem := _problem(hours=hours):
            problems["hours"] = problem
        period = self.period()
        if problem := _problem(period=period):
            problems["period"] = problem
        topics = list(parse_topics(self.topics_edit.text()))
        if problem := _problem(topics=topics):
            problems["topics"] = problem
        minimums, problem = self._minimums()
        if problem:
            problems["topic_minimums"] = problem
        caps, conditions, cap_problems = self._caps()
        if cap_problems:
            problems["caps"] = "\n".join(cap_problems)
        providers = _texts(self.providers_edit.text())
        carry_over: dict[str, Any] | None = None
        if self.carry_box.isChecked():
            carry_hours = _number_text(self.carry_hours_edit.text())
            general_only = list(parse_topics(self.general_only_edit.text()))
            if not carry_hours:
                problems["carry_over"] = tr("Enter the most hours that carry over, or clear the box")
            elif problem := _problem(carry_over={"max_hours": carry_hours}):
                problems["carry_over"] = problem
            if problem := _problem(carry_over={"max_hours": 1, "general_only": general_only}):
                problems["general_only"] = problem
            carry_over = {"max_hours": carry_hours, "general_only": general_only}
        self._show(problems)
        if problems:
            return None
        definition = {
            "key": key, "name": name, "template": self.requirement.template if self.requirement else "",
            "hours": hours, "period": period, "topics": topics, "topic_minimums": minimums, "caps": caps,
            "conditions": conditions, "providers": providers, "carry_over": carry_over,
            "due_days": self.due_spin.value(), "grace_days": self.grace_spin.value(),
            "notes": self.notes_edit.toPlainText().strip(),
        }
        try:
            from_json(definition)  # each field passed on its own; the whole must read too
        except RequirementError as error:
            self.show_problem(str(error))
            return None
        return definition

    def _show(self, problems: dict[str, str]) -> None:
        first: QWidget | None = None
        for field, label in self.errors.items():
            label.setText(problems.get(field, ""))
            label.setVisible(field in problems)
            if field in problems and first is None:
                first = label.parentWidget()
        self.show_problem("")
        if first is not None:
            fields = [w for w in first.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
            target = fields[0] if fields else first
            target.setFocus()
            self.area.ensureWidgetVisible(first)

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def accept(self) -> None:
        definition = self.definition()
        if definition is None:
            return
        if self.submit is not None:
            try:
                self.submit(definition)
            except (RequirementError, LookupError) as error:
                self.show_problem(str(error))
                return
        super().accept()
