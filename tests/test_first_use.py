"""First use: a new user is told what to do first on each page, and wording matches between
pages."""

from __future__ import annotations

from datetime import date

from wethrive_desktop.models.plans import get_plan
from wethrive_desktop.ui.challenge.page import ChallengePage
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.planner.dialogs import PlanItemDialog
from wethrive_desktop.ui.planner.page import PlannerPage


def test_planner_without_a_plan_says_what_to_do_first(window: MainWindow) -> None:
    page = window.show_page("plannerPage")
    assert isinstance(page, PlannerPage)
    year = date.today().year
    page.show_year(year)
    # The hint stays readable (enabled) while the plan below it is greyed out.
    assert page.empty_hint.isVisible() and page.empty_hint.isEnabled() and not page.body.isEnabled()
    assert f"No development plan for {year} yet" in page.empty_hint.text()
    assert "Start this plan" in page.empty_hint.text()
    page.start_button.click()
    assert get_plan(year) is not None
    assert not page.empty_hint.isVisible()


def test_planned_activity_types_are_capitalised_as_in_the_activity_dialog(window: MainWindow) -> None:
    page = window.show_page("plannerPage")
    assert isinstance(page, PlannerPage)
    page.start_plan()
    dialog = page.add_item()
    assert isinstance(dialog, PlanItemDialog)
    labels = [dialog.type.itemText(i) for i in range(dialog.type.count())]
    assert "Other" in labels and "Webinar" in labels and all(t[:1].isupper() for t in labels)
    dialog.type.setCurrentIndex(dialog.type.findData("webinar"))
    assert dialog.type.currentData() == "webinar"  # the stored key is unchanged
    dialog.reject()


def test_challenge_page_asks_a_new_user_to_sign_up(window: MainWindow) -> None:
    page = window.show_page("challengePage")
    assert isinstance(page, ChallengePage)
    assert page.entries_note.isVisible() and "Not signed up yet" in page.entries_note.text()
    page.signup_box.setChecked(True)
    assert "Not signed up yet" not in page.entries_note.text()
