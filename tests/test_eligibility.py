"""The eligibility helper: education and experience (department-head years at half credit) -> Candidate or
Credentialed Manager per DOMAIN.md, the years still needed, and when they are expected to be met."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.eligibility import (
    CANDIDATE,
    CREDENTIALED_MANAGER,
    EligibilityResult,
    ExperienceData,
    Role,
    assess,
    credited_years,
    current_eligibility,
    get_experience,
    save_experience,
)
from wethrive_desktop.models.tables import Eligibility
from wethrive_desktop.models.validation import ValidationError

TODAY = date(2026, 3, 15)


def result(education: str, senior: str, head: str = "0", role: str = "other",
           as_of: date | None = TODAY) -> EligibilityResult:
    r = assess(ExperienceData(education, Decimal(senior), Decimal(head), as_of, role), TODAY)
    assert r is not None
    return r


@pytest.mark.parametrize("education,cm,candidate", [
    ("mpa", 7, 5), ("masters", 8, 6), ("bachelors", 9, 7), ("no-bachelors", 15, 13),
])
def test_the_table_thresholds(education: str, cm: int, candidate: int) -> None:
    just_short = result(education, str(candidate - Decimal("0.01")))
    assert just_short.eligible_as is None
    assert just_short.years_to_candidate == Decimal("0.01")
    assert result(education, str(candidate)).eligible_as == CANDIDATE
    assert result(education, str(cm - 1)).years_to_cm == 1
    assert result(education, str(cm)).eligible_as == CREDENTIALED_MANAGER
    assert result(education, str(cm)).years_to_cm == 0


def test_department_head_years_count_at_half_credit() -> None:
    assert credited_years(Decimal(4), Decimal(3)) == Decimal("5.50")
    r = result("mpa", "3", "4")  # 3 + 2 = 5: Candidate with an MPA
    assert (r.credited_years, r.eligible_as, r.years_to_cm) == (Decimal("5.00"), CANDIDATE, Decimal(2))
    assert result("mpa", "0", "13").eligible_as == CANDIDATE  # 6.5 credited
    assert result("mpa", "0", "14").eligible_as == CREDENTIALED_MANAGER  # 7


def test_the_table_default_role_is_the_senior_role() -> None:
    assert Eligibility.current_role.default == Role.SENIOR.value  # tables.py spells it as a literal


def test_not_entered_gives_no_result() -> None:
    assert assess(ExperienceData(), TODAY) is None


def test_experience_keeps_counting_in_a_senior_role_and_gives_dates() -> None:
    entered = date(2024, 3, 15)  # two years before TODAY, 4 senior years then
    r = assess(ExperienceData("mpa", Decimal(4), Decimal(0), entered, "senior"), TODAY)
    assert r is not None
    assert r.credited_years == Decimal("6.00")
    assert r.eligible_as == CANDIDATE
    assert r.years_to_cm == 1
    assert r.candidate_date == date(2025, 3, 15)
    assert r.cm_date == date(2027, 3, 15)
    assert r.describe() == ("Eligible as Candidate; 1 year of credited experience more to Credentialed Manager "
                            "(about Mar 15, 2027).")


def test_department_head_role_counts_on_at_half_speed() -> None:
    r = assess(ExperienceData("bachelors", Decimal(5), Decimal(0), TODAY, "department-head"), TODAY)
    assert r is not None
    assert r.candidate_date == date(2030, 3, 15)  # 2 credited years at half credit: 4 years
    assert r.cm_date == date(2034, 3, 15)


def test_no_dates_when_the_current_role_earns_no_credit() -> None:
    r = result("bachelors", "5", role="other")
    assert r.cm_date is None and r.candidate_date is None
    assert r.describe() == ("Not yet eligible: 2 years of credited experience more to Candidate, 4 years to "
                            "Credentialed Manager.")


def test_save_and_load(db: object) -> None:
    assert current_eligibility(TODAY) is None
    data = ExperienceData("masters", Decimal("6.25"), Decimal("1.5"), date(2026, 1, 1), "senior")
    save_experience(data, today=TODAY)
    assert get_experience() == data
    r = current_eligibility(TODAY)
    assert r is not None and r.eligible_as == CANDIDATE


def test_bad_input_names_each_field_and_writes_nothing(db: object) -> None:
    bad = ExperienceData("phd", Decimal(-1), Decimal("1.234"), date(2027, 1, 1), "mayor")
    with pytest.raises(ValidationError) as err:
        save_experience(bad, today=TODAY)
    assert {e.field for e in err.value.errors} == {
        "education", "senior_years", "department_head_years", "as_of", "current_role"}
    assert get_experience() == ExperienceData()


# --- the widget (the profile dialog's Eligibility tab) -----------------------------------------------------

def test_widget_shows_eligibility_as_the_user_types(db: object, qtbot: QtBot,
                                                    frozen_today: Callable[[date], None]) -> None:
    from wethrive_desktop.ui.profile.eligibility import EligibilityWidget

    frozen_today(TODAY)
    widget = EligibilityWidget()
    qtbot.addWidget(widget)
    assert "Choose your education" in widget.result_label.text()
    changes: list[int] = []
    widget.changed.connect(lambda: changes.append(1))
    widget.education_combo.setCurrentIndex(widget.education_combo.findData("mpa"))
    widget.senior_spin.setValue(3)
    widget.head_spin.setValue(4)  # 3 + 4/2 = 5: Candidate with an MPA
    widget.role_combo.setCurrentIndex(widget.role_combo.findData("other"))
    assert changes
    text = widget.result_label.text()
    assert "Eligible as Candidate; 2 years of credited experience more to Credentialed Manager." in text
    assert "5 years credited (3 years senior + 4 years department head at half credit)" in text
    assert widget.errors() == []


def test_profile_dialog_has_the_tab_and_saves_it_with_the_profile(db: object, qtbot: QtBot) -> None:
    from wethrive_desktop.ui.profile.dialog import ProfileDialog
    from wethrive_desktop.ui.profile.eligibility import EligibilityWidget

    dialog = ProfileDialog(None)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert "Eligibility" in titles
    tab = dialog.tabs.widget(titles.index("Eligibility"))
    assert isinstance(tab, EligibilityWidget)
    tab.education_combo.setCurrentIndex(tab.education_combo.findData("bachelors"))
    tab.senior_spin.setValue(7.25)
    dialog.accept()
    stored = get_experience()
    assert (stored.education, stored.senior_years) == ("bachelors", Decimal("7.25"))


def test_saving_the_profile_without_touching_the_tab_leaves_experience_alone(db: object, qtbot: QtBot) -> None:
    from wethrive_desktop.ui.profile.dialog import ProfileDialog

    dialog = ProfileDialog(None)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert get_experience() == ExperienceData()
