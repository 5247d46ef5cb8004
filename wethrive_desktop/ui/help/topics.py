"""The help topics, in the order the help window lists them, and the Markdown file of each.

The pages are English Markdown files in resources/help/ (shipped with the package; build.spec collects the whole
resources folder), linked to one another by file name ("[Activities](activities.md)"), so the help browser follows
the links itself. The titles go through `tr`; a translation of a page is a file of the same name in a folder named
after the locale ("help/de_DE/dashboard.md") or its language ("help/de/dashboard.md"), used when the user's locale
asks for it, the English page otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale

from wethrive_desktop import resources_path
from wethrive_desktop.i18n import tr
from wethrive_desktop.ui.help import DATA, GETTING_STARTED, ICMA_HOURS, SHORTCUTS

HELP_FOLDER = "help"


@dataclass(frozen=True)
class Topic:
    slug: str  # the file's name without ".md", and what links and the page list refer to
    title: str  # English; shown through tr

    @property
    def path(self) -> Path:
        """The page in the user's language if it has been translated, else in English."""
        name = f"{self.slug}.md"
        locale = QLocale().name()  # "de_DE"
        for folder in dict.fromkeys((locale, locale.split("_")[0])):
            translated = resources_path(HELP_FOLDER, folder, name)
            if translated.is_file():
                return translated
        return resources_path(HELP_FOLDER, name)

    def shown_title(self) -> str:
        return tr(self.title)


TOPICS: tuple[Topic, ...] = (
    Topic(GETTING_STARTED, "Getting started"),
    Topic("dashboard", "Dashboard"),
    Topic("activities", "Activities"),
    Topic("self-assessment", "Self-assessment"),
    Topic("development-plan", "Development plan"),
    Topic("annual-report", "Annual report"),
    Topic("wethrivehere", "#WeThriveHere"),
    Topic("legacy-leaders", "Legacy Leaders"),
    Topic("requirements", "Requirements"),
    Topic(ICMA_HOURS, "How ICMA counts hours"),
    Topic(SHORTCUTS, "Keyboard shortcuts"),
    Topic(DATA, "Where your data lives"),
)


def topic(slug: str) -> Topic:
    """The topic called `slug` (a KeyError names an unknown one)."""
    for found in TOPICS:
        if found.slug == slug:
            return found
    raise KeyError(f"no help topic is called {slug!r}")


def topic_of_file(path: str) -> Topic | None:
    """The topic whose file is `path` (a file name or URL path ending in "<slug>.md"), if any."""
    name = path.rsplit("/", 1)[-1]
    slug = name[:-3] if name.endswith(".md") else ""
    return next((t for t in TOPICS if t.slug == slug), None)
