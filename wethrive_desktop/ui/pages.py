"""The pages of the main window's navigation, in order (each a `ui.shell.Page`)."""

from __future__ import annotations

from wethrive_desktop.ui.activities.page import ActivityLogPage
from wethrive_desktop.ui.assessment.page import AssessmentPage
from wethrive_desktop.ui.challenge.page import ChallengePage
from wethrive_desktop.ui.dashboard.page import DashboardPage
from wethrive_desktop.ui.legacy.page import LegacyPage
from wethrive_desktop.ui.planner.page import PlannerPage
from wethrive_desktop.ui.report.page import ReportPage
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
