"""The canary for the Qt binding: the calls the app makes most must not drop references to None.

PySide6 6.12.0 released a reference to `None` on many calls that return nothing. On Python 3.11, where `None` is an
ordinary object with a count, the count reached zero after a few thousand such calls and the process died with
"Fatal Python error: none_dealloc" (typing a reflection on the report page was enough). Python 3.12 made `None`
immortal, so the check means something only before it. Run these before changing the PySide6 pin in pyproject.toml.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap, QStandardItem
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidgetItem
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.report.page import ReportPage

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")

CALLS = 20_000
KEYS = 3_000


def none_count() -> int:
    return sys.getrefcount(None)


def test_the_qt_calls_the_app_makes_most_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    button = QPushButton()
    line = QLineEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    qtbot.addWidget(line)
    lst = QListWidget()
    qtbot.addWidget(lst)
    item = QListWidgetItem("x")
    lst.addItem(item)
    table_item = QTableWidgetItem("x")
    standard = QStandardItem("x")
    pixmap = QPixmap(8, 8)
    pixmap.fill(Qt.GlobalColor.darkGreen)
    icon = QIcon(pixmap)
    calls: list[Callable[[], object]] = [
        lambda: label.setText("x"),
        lambda: label.setToolTip("tip"),
        lambda: button.setText("ok"),
        lambda: button.setIcon(icon),
        lambda: button.setEnabled(True),
        lambda: line.setText("y"),
        lambda: line.setPlaceholderText("z"),
        lambda: item.setData(Qt.ItemDataRole.UserRole, 7),
        lambda: item.setIcon(icon),
        lambda: item.setToolTip("tip"),
        lambda: item.data(Qt.ItemDataRole.UserRole + 5),  # a role never set: returns None
        lambda: table_item.setData(Qt.ItemDataRole.UserRole, 3),
        lambda: table_item.data(Qt.ItemDataRole.UserRole + 9),
        lambda: standard.setData("v", Qt.ItemDataRole.UserRole),
        lambda: standard.data(Qt.ItemDataRole.UserRole + 9),
    ]
    before = none_count()
    for i in range(CALLS):
        calls[i % len(calls)]()
    # Any steady loss shows as thousands; a few references may come and go with caches.
    assert none_count() >= before - 50, f"None lost {before - none_count()} references in {CALLS} Qt calls"


@pytest.fixture
def report_window(make_window: Callable[..., MainWindow], db_path: Path) -> MainWindow:
    open_database(db_path)
    for n in range(3):
        save_activity(ActivityData(date(2025, 3, 1 + n), f"Course {n}", Decimal(4), "workshop", practices=(n + 1,),
                                   description="Took part.", learned=""))
    close_database()
    return make_window()


def test_typing_a_long_reflection_keeps_none_alive(report_window: MainWindow, qtbot: QtBot) -> None:
    page = report_window.show_page("reportPage")
    assert isinstance(page, ReportPage)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    qtbot.waitUntil(lambda: page.activity_list.count() == 3)
    edit = page.learned_field.edit
    edit.setFocus()
    before = none_count()
    QTest.keyClicks(edit, ("What I learned about budgets. " * 100)[:KEYS])
    assert len(edit.toPlainText()) == KEYS
    assert none_count() >= before - 50, f"None lost {before - none_count()} references in {KEYS} keys"
