"""Help > About: the app's version and those of what it runs on (for a bug report), the database, the licence and
the third-party notices shipped in the package."""

from __future__ import annotations

import platform
import sqlite3
from html import escape
from pathlib import Path

import PySide6
from PySide6.QtCore import QUrl, qVersion

from wethrive_desktop import APP_NAME, __version__, resources_path
from wethrive_desktop.i18n import tr


def versions() -> list[tuple[str, str]]:
    """(what, version) of the app and each part it runs on (read from the modules, which a bundle carries even
    where it has no package metadata)."""
    import peewee
    import reportlab

    return [
        (APP_NAME, __version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("ReportLab", str(reportlab.Version)),
        ("peewee", str(peewee.__version__)),
        ("SQLite", sqlite3.sqlite_version),
    ]


def about_html(db_path: Path) -> str:
    """The About box's text: what the app is, the versions, the database and the licences."""
    notices = QUrl.fromLocalFile(str(resources_path("THIRD_PARTY_NOTICES.txt"))).toString()
    rows = "".join(f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;{escape(number)}</td></tr>"
                   for name, number in versions())
    parts = [
        f"<p><b>{escape(APP_NAME)} {escape(__version__)}</b><br>"
        + escape(tr("Professional-development records for ICMA members, offline.")) + "</p>",
        f"<table>{rows}</table>",
        "<p>" + escape(tr("Database: {path}").format(path=db_path)) + "</p>",
        "<p>" + escape(tr("Free software under the MIT licence, built with Qt and PySide6 (LGPL-3.0), ReportLab, "
                          "peewee and other free software:")) + f' <a href="{notices}">'
        + escape(tr("third-party notices and licences")) + "</a>.</p>",
    ]
    return "".join(parts)
