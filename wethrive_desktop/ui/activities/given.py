"""The activity dialog's section for mentoring given and coaching given (issue 14, item 2; DOMAIN.md section 7):
the facts ICMA asks of them (models.mentoring.MentoringData: of coaching given, not the name of the person coached
nor whether they are the member's own employee), a live list of what is not yet documented
(models.mentoring.missing), and whether the member says it meets ICMA's conditions (not said yet / yes / no: then it
does not count). Shown only for those two types; the dialog reads `data()` and `meets()` from it.

The relationship's start and end are optional dates: a check box says the date is given; an end not given is a
relationship still going on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.mentoring import PROGRAMS, MentoringData, missing
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.ui.colors import MUTED, OK, WARN, color_text
from wethrive_desktop.ui.widgets.dates import MIN_DATE, DateEdit
from wethrive_desktop.ui.widgets.fit import Reflow
from wethrive_desktop.ui.widgets.naming import error_label, named

NOT_GIVEN = MIN_DATE.addDays(-1)  # an optional date left empty: shown by its special text, never stored


class OptionalDate(QWidget):
    """A date that may be left out: a check box (checked: the date is given) and the date field beside it."""

    changed = Signal()

    def __init__(self, name: str, accessible: str, check_name: str, check_accessible: str, empty_text: str,
                 default: Callable[[], date], parent: QWidget | None = None):
        """`default()` gives the date the field takes when the box is checked."""
        super().__init__(parent)
        self.check = named(QCheckBox(), check_name, check_accessible)
        self.edit = named(DateEdit(), name, accessible)
        self.edit.setSpecialValueText(empty_text)
        self._default = default
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.set_value(None)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, day: date | None) -> None:
        self.check.blockSignals(True)
        self.check.setChecked(day is not None)
        self.check.blockSignals(False)
        self._show(day)

    def _show(self, day: date | None) -> None:
        edit = self.edit
        edit.blockSignals(True)
        if day is None:
            edit.setMinimumDate(NOT_GIVEN)
            edit.setDate(NOT_GIVEN)  # shows the special text
        else:
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setMinimumDate(MIN_DATE)
        edit.blockSignals(False)
        edit.setEnabled(day is not None)

    def _toggled(self, checked: bool) -> None:
        self._show(self._default() if checked else None)
        if checked:
            self.edit.setFocus()
        self.changed.emit()


class GivenSection(QGroupBox):
    """Mentoring given or coaching given: what ICMA asks, what is missing, and whether it meets the conditions."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("givenSection")
        self._type = "mentoring"
        self._cap: Decimal | None = None
        self.activity_start = clock.today()  # what a relationship's dates start from when checked

        self.note = named(QLabel(), "givenNote")
        self.note.setWordWrap(True)
        color_text(self.note, MUTED)

        self.mentee_edit = named(QLineEdit(), "menteeEdit", tr("Mentee's name"))
        self.mentee_edit.setPlaceholderText(tr("The mentee's name"))
        self.position_edit = named(QLineEdit(), "positionEdit", tr("Position"))
        self.own_combo = named(QComboBox(), "ownEmployeeCombo", tr("Your own employee?"))
        for text, value in ((tr("Not said"), None), (tr("Yes"), True), (tr("No"), False)):
            self.own_combo.addItem(text, value)
        self.own_combo.setToolTip(tr("Mentoring your own employee is part of your work: it counts only through a "
                                     "formal program"))
        self.program_combo = named(QComboBox(), "programCombo", tr("Formal program"))
        self.program_combo.setEditable(True)
        self.program_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.program_combo.addItem("", "")
        for program in PROGRAMS:
            self.program_combo.addItem(tr(program), program)
        self.program_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.program_combo.setMinimumContentsLength(12)
        program_line = self.program_combo.lineEdit()
        if program_line is not None:
            program_line.setPlaceholderText(tr("ELDP, an internship..."))
        self.program_combo.setToolTip(tr("Your own employee counts only through a formal program: ELDP, the ICMA "
                                         "Coaching Program or a state association's, the Local Government Management "
                                         "Fellowship, a college internship, or a program the Credentialing Advisory "
                                         "Board chair approved"))

        self.start = OptionalDate("relationshipStartEdit", tr("Relationship began"), "relationshipStartCheck",
                                  tr("The start of the relationship is given"), tr("not given"),
                                  lambda: self.activity_start)
        self.start.check.setToolTip(tr("Check to give the date the relationship began"))
        self.end = OptionalDate("relationshipEndEdit", tr("Relationship ended"), "relationshipEndCheck",
                                tr("The relationship has ended"), tr("ongoing"),
                                lambda: max(self.activity_start, self.start.value() or self.activity_start))
        self.end.check.setToolTip(tr("Check when the relationship has ended; leave it unchecked while it goes on"))
        self.frequency_edit = named(QLineEdit(), "frequencyEdit", tr("Frequency"))
        self.frequency_edit.setPlaceholderText(tr("e.g. an hour every two weeks"))
        self.subjects_edit = named(QPlainTextEdit(), "subjectsEdit", tr("Subjects covered"))
        self.subjects_edit.setTabChangesFocus(True)
        # Three lines, fixed: in the dialog's form (a vertical layout) Qt gives this section its preferred height
        # for the width, while the scroll area reserves its minimum; a box that could shrink would make those
        # differ, and the practices above were then squeezed under this section at 800x480.
        metrics = self.subjects_edit.fontMetrics()
        self.subjects_edit.setFixedHeight(3 * metrics.lineSpacing() + 2 * self.subjects_edit.frameWidth() + 8)

        self.dates_error = error_label("mentoring")
        self.missing_label = named(QLabel(), "missingLabel")
        self.missing_label.setWordWrap(True)
        color_text(self.missing_label, WARN)
        self.complete_label = named(QLabel(tr("Everything ICMA asks for is documented.")), "documentedLabel")
        self.complete_label.setWordWrap(True)
        color_text(self.complete_label, OK)
        self.conditions_combo = named(QComboBox(), "meetsConditionsCombo", tr("Meets ICMA's conditions"))
        for text, value in ((tr("Not said yet"), None), (tr("Yes"), True), (tr("No - does not count"), False)):
            self.conditions_combo.addItem(text, value)

        self._lay_out()
        for signal in (self.mentee_edit.textChanged, self.position_edit.textChanged,
                       self.program_combo.currentTextChanged, self.frequency_edit.textChanged,
                       self.subjects_edit.textChanged, self.start.changed, self.end.changed,
                       self.conditions_combo.currentIndexChanged):
            signal.connect(self._changed)
        self.own_combo.currentIndexChanged.connect(self._own_changed)
        self.set_type("mentoring")

    def _lay_out(self) -> None:
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.mentee_label = self._row(left, tr("Me&ntee"), self.mentee_edit)
        self.position_label = self._row(left, tr("Pos&ition"), self.position_edit)
        self.own_label = self._row(left, tr("Yo&ur own employee?"), self.own_combo)
        self.program_label = self._row(left, tr("Pro&gram"), self.program_combo)

        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(right, tr("Relationship &began"), self.start, buddy=self.start.check)
        self._row(right, tr("Relationship ended"), self.end, buddy=self.end.check)
        right.addRow(self.dates_error)
        self._row(right, tr("Fre&quency"), self.frequency_edit)
        self.subjects_label = self._row(right, tr("Sub&jects covered"), self.subjects_edit)

        # The two columns side by side, or one under the other on a narrow screen.
        left_box, right_box = QWidget(), QWidget()
        left_box.setLayout(left)
        right_box.setLayout(right)
        left.setContentsMargins(0, 0, 0, 0)
        right.setContentsMargins(0, 0, 0, 0)
        columns = Reflow([left_box, right_box], stretches=[1, 1])

        conditions = QHBoxLayout()
        conditions.setContentsMargins(0, 0, 0, 0)
        self.conditions_label = QLabel(tr("&Meets ICMA's conditions"))
        self.conditions_label.setBuddy(self.conditions_combo)
        conditions.addWidget(self.conditions_label)
        conditions.addWidget(self.conditions_combo)
        conditions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(columns)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.complete_label)
        layout.addLayout(conditions)

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)
        return label

    def focus_order(self) -> list[QWidget]:
        """The section's fields in Tab order."""
        return [self.mentee_edit, self.position_edit, self.own_combo, self.program_combo, self.start.check,
                self.start.edit, self.end.check, self.end.edit, self.frequency_edit, self.subjects_edit,
                self.conditions_combo]

    # --- the type ----------------------------------------------------------------------------------------

    def set_type(self, type_: str, cap: Decimal | None = None) -> None:
        """Show the section for `type_` ("mentoring" or "coaching-given"), which counts up to `cap` hours a year."""
        self._type, self._cap = type_, cap
        mentoring = type_ == "mentoring"
        self.setTitle(tr("Mentoring given: what ICMA asks") if mentoring
                      else tr("Coaching given in the ICMA Coaching Program: what ICMA asks"))
        # ICMA asks the mentee's name, and whether they are the member's own employee (then through which
        # program), of mentoring only: coaching given runs through the ICMA Coaching Program itself.
        for widget in (self.mentee_label, self.mentee_edit, self.own_label, self.own_combo, self.program_label,
                       self.program_combo):
            widget.setVisible(mentoring)
        if mentoring:
            self.position_edit.setPlaceholderText(tr("Student, employee or intern"))
            self.subjects_label.setText(tr("Sub&jects covered"))
            self.subjects_edit.setPlaceholderText(tr("A brief description of the subjects covered"))
            self.subjects_edit.setAccessibleName(tr("Subjects covered"))
            self.conditions_combo.setToolTip(tr(
                "ICMA counts mentoring given only for a formal relationship of at least six months with a college "
                "student or a local-government employee or intern, to prepare them for a career in local-government "
                "management; your own employee only through a formal program"))
        else:
            self.position_edit.setPlaceholderText(tr("The position of the person coached"))
            self.subjects_label.setText(tr("&Nature of the coaching"))
            self.subjects_edit.setPlaceholderText(tr("What the coaching was about"))
            self.subjects_edit.setAccessibleName(tr("Nature of the coaching"))
            self.conditions_combo.setToolTip(tr("ICMA counts coaching given in the ICMA Coaching Program"))
        if cap is None:
            self.note.setText(tr("It counts toward ICMA's hours only when it meets ICMA's conditions."))
        elif mentoring:
            self.note.setText(tr("Mentoring given counts up to {cap} h a year toward ICMA's hours, and only when it "
                                 "meets ICMA's conditions.").format(cap=format_hours(cap)))
        else:
            self.note.setText(tr("Coaching given counts up to {cap} h a year toward ICMA's hours, and only when it "
                                 "meets ICMA's conditions.").format(cap=format_hours(cap)))
        self.update_missing()

    # --- reading and filling -----------------------------------------------------------------------------

    def fill(self, data: MentoringData | None, meets: bool | None) -> None:
        d = data or MentoringData()
        self.blockSignals(True)
        try:
            self.mentee_edit.setText(d.mentee)
            self.position_edit.setText(d.position)
            self.own_combo.setCurrentIndex(max(self.own_combo.findData(d.own_employee), 0))
            index = self.program_combo.findData(d.program) if d.program else 0
            if index >= 0:
                self.program_combo.setCurrentIndex(index)
            else:
                self.program_combo.setCurrentIndex(0)
                self.program_combo.setEditText(d.program)
            self.start.set_value(d.relationship_start)
            self.end.set_value(d.relationship_end)
            self.frequency_edit.setText(d.frequency)
            self.subjects_edit.setPlainText(d.subjects)
            self.conditions_combo.setCurrentIndex(max(self.conditions_combo.findData(meets), 0))
        finally:
            self.blockSignals(False)
        self._program_enabled()
        self.update_missing()

    def program(self) -> str:
        """The program typed or chosen: one of the list stored in English (as the report prints it)."""
        text = self.program_combo.currentText().strip()
        for program in PROGRAMS:
            if text == tr(program):
                return program
        return text

    def data(self) -> MentoringData:
        """The facts as filled in. The fields a coaching given hides (the person's name, own employee, program)
        keep what was stored or typed: an import or an earlier mentoring may have filled them, and an edit that
        does not show them must not drop them."""
        own = self.own_combo.currentData()
        return MentoringData(
            mentee=self.mentee_edit.text(),
            position=self.position_edit.text(),
            own_employee=own if isinstance(own, bool) else None,
            program=self.program(),
            relationship_start=self.start.value(),
            relationship_end=self.end.value(),
            frequency=self.frequency_edit.text(),
            subjects=self.subjects_edit.toPlainText(),
        )

    def meets(self) -> bool | None:
        value = self.conditions_combo.currentData()
        return value if isinstance(value, bool) else None

    # --- reacting ----------------------------------------------------------------------------------------

    def _own_changed(self, _index: int) -> None:
        self._program_enabled()
        self._changed()

    def _program_enabled(self) -> None:
        """The program matters only for the member's own employee: not when they said the mentee is not one."""
        enabled = self.own_combo.currentData() is not False
        self.program_label.setEnabled(enabled)
        self.program_combo.setEnabled(enabled)

    def _changed(self, *_args: object) -> None:
        self.update_missing()
        self.changed.emit()

    def missing(self) -> list[str]:
        """What ICMA asks that is not yet documented (a relationship going on is measured to today)."""
        return missing(self._type, self.data(), clock.today())

    def update_missing(self) -> None:
        found = self.missing()
        self.missing_label.setText(tr("Not yet documented: {items}.").format(items="; ".join(found)) if found else "")
        self.missing_label.setVisible(bool(found))
        self.complete_label.setVisible(not found)
