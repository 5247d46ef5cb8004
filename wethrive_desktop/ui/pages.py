"""The pages of the main window's navigation, in order.

Each entry names its page (the title in the list, the object name settings remember, its View menu entry with
its access key, its help topic in resources/help/) and loads its class only
when the page is first built: a page's module, with what it imports (ReportLab for the report page, QtCharts for
the charts), costs start-up time only when that page is shown. The imports are written out, not computed, so a
frozen build finds every page. tests/test_main_window.py checks each entry against its class. An entry is a
NamedTuple rather than a dataclass: a frozen dataclass costs some 0.6 ms to define (its methods are compiled from
source as the module loads), and this module loads before the first window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from wethrive_desktop.i18n import noop

if TYPE_CHECKING:
    from wethrive_desktop.ui.shell import Page


class PageEntry(NamedTuple):
    title: str  # English, as the page class has it; shown through tr
    object_name: str
    load: Callable[[], type[Page]]
    menu_text: str  # the View menu's item, with its access key (unique in that menu)
    help_topic: str  # the help page about it (ui/help/topics.py)


def _dashboard() -> type[Page]:
    from wethrive_desktop.ui.dashboard.page import DashboardPage

    return DashboardPage


def _activity_log() -> type[Page]:
    from wethrive_desktop.ui.activities.page import ActivityLogPage

    return ActivityLogPage


def _assessment() -> type[Page]:
    from wethrive_desktop.ui.assessment.page import AssessmentPage

    return AssessmentPage


def _planner() -> type[Page]:
    from wethrive_desktop.ui.planner.page import PlannerPage

    return PlannerPage


def _report() -> type[Page]:
    from wethrive_desktop.ui.report.page import ReportPage

    return ReportPage


def _challenge() -> type[Page]:
    from wethrive_desktop.ui.challenge.page import ChallengePage

    return ChallengePage


def _legacy() -> type[Page]:
    from wethrive_desktop.ui.legacy.page import LegacyPage

    return LegacyPage


def _requirements() -> type[Page]:
    from wethrive_desktop.ui.requirements.page import RequirementsPage

    return RequirementsPage


PAGES: tuple[PageEntry, ...] = (
    PageEntry(noop("Dashboard"), "dashboardPage", _dashboard, noop("&Dashboard"), "dashboard"),
    PageEntry(noop("Activities"), "activityLogPage", _activity_log, noop("&Activities"), "activities"),
    PageEntry(noop("Self-assessment"), "assessmentPage", _assessment, noop("&Self-assessment"), "self-assessment"),
    PageEntry(noop("Development plan"), "plannerPage", _planner, noop("Development &plan"), "development-plan"),
    PageEntry(noop("Annual report"), "reportPage", _report, noop("Annual &report"), "annual-report"),
    PageEntry(noop("#WeThriveHere"), "challengePage", _challenge, noop("#&WeThriveHere"), "wethrivehere"),
    PageEntry(noop("Legacy Leaders"), "legacyPage", _legacy, noop("&Legacy Leaders"), "legacy-leaders"),
    PageEntry(noop("Requirements"), "requirementsPage", _requirements, noop("Re&quirements"), "requirements"),
)
