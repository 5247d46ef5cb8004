"""Every interactive widget a user can reach has a name for screen readers (its own, its text, or its label's)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.pages import PAGES
from wethrive_desktop.ui.profile.dialog import open_profile_dialog

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit)


def unnamed(top: QWidget, within: QWidget) -> list[str]:
    found = []
    for widget in within.findChildren(QWidget):
        if not (isinstance(widget, INTERACTIVE) and widget.isVisibleTo(top)):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the editor inside a spin box or combo box is part of it
        if isinstance(widget, QHeaderView) or isinstance(widget.parent(), QLineEdit):
            continue  # a table's header, a line edit's clear button: parts of the widget that is named
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r} on {within.objectName()!r}")
    return found


def test_every_page_and_dialog_names_its_widgets(make_window: Callable[..., MainWindow], data_dir: Path) -> None:
    window = make_window(ensure_demo_database(data_dir / "demo.sqlite3"), True)
    missing: list[str] = []
    for row in range(len(PAGES)):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert page is not None
        tab_widgets: Sequence[QTabWidget | None] = page.findChildren(QTabWidget) or [None]
        for tabs in tab_widgets:
            for index in range(tabs.count() if tabs else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(index)
                QApplication.processEvents()
                missing += unnamed(window, page)
    for dialog in (window.open_activity_dialog(), open_profile_dialog(window)):
        missing += unnamed(dialog, dialog)
        dialog.reject()
    assert sorted(set(missing)) == []
