"""The pages of the main window's navigation, in order (each a `ui.shell.Page`)."""

from __future__ import annotations

from wethrive_desktop.ui.activity_page import ActivityLogPage
from wethrive_desktop.ui.assessment_page import AssessmentPage
from wethrive_desktop.ui.challenge_page import ChallengePage
from wethrive_desktop.ui.dashboard_page import DashboardPage
from wethrive_desktop.ui.legacy_page import LegacyPage
from wethrive_desktop.ui.planner_page import PlannerPage
from wethrive_desktop.ui.report_page import ReportPage
from wethrive_desktop.ui.shell import Page

PAGES: tuple[type[Page], ...] = (
    DashboardPage,
    ActivityLogPage,
    AssessmentPage,
    PlannerPage,
    ReportPage,
    ChallengePage,
    LegacyPage,
)
