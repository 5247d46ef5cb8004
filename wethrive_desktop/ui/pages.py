"""The pages of the main window's navigation, in order. Each entry: (title, module, class name).

A page class takes the MainWindow, has an objectName, and a `refresh()` that reloads it from the store: the window
calls it when data changes while the page is shown, or else when the page is next shown. A page that keeps typed
text unsaved for a moment (the report editor) has `commit_all()`, which the window calls before it closes.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

PAGES: list[tuple[str, str, str]] = [
    ("Dashboard", "wethrive_desktop.ui.dashboard_page", "DashboardPage"),
    ("Activities", "wethrive_desktop.ui.activity_page", "ActivityLogPage"),
    ("Self-assessment", "wethrive_desktop.ui.assessment_page", "AssessmentPage"),
    ("Development plan", "wethrive_desktop.ui.planner_page", "PlannerPage"),
    ("Annual report", "wethrive_desktop.ui.report_page", "ReportPage"),
    ("#WeThriveHere", "wethrive_desktop.ui.challenge_page", "ChallengePage"),
    ("Legacy Leaders", "wethrive_desktop.ui.legacy_page", "LegacyPage"),
]


def page_class(module: str, name: str) -> type[QWidget]:
    cls = getattr(importlib.import_module(module), name)
    assert isinstance(cls, type)
    return cls
