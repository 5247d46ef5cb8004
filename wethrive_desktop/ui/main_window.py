"""The main window: navigation list on the left, the pages on the right, menus and a status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QListWidget, QMainWindow, QMessageBox, QSplitter, QStackedWidget, QWidget

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.paths import data_dir
from wethrive_desktop.ui.pages import PAGES, page_class


def settings() -> QSettings:
    """Window state lives in an ini file in the data folder, so tests (which move that folder) never share it."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    data_changed = Signal()

    def __init__(self, db_path: Path, demo: bool = False):
        super().__init__()
        self.setObjectName("mainWindow")
        self.db_path = db_path
        self.demo = demo
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(f"{db_path.name}{' (Demo)' if demo else ''} - {APP_NAME}")

        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setAccessibleName("Pages")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for title, module, name in PAGES:
            page = page_class(module, name)(self)  # type: ignore[call-arg]
            self.pages[page.objectName()] = page
            self.stack.addWidget(page)
            self.nav.addItem(title)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setMaximumWidth(200)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.data_changed.connect(self.refresh_pages)
        self._build_menus()
        self.nav.setCurrentRow(0)
        self.statusBar().showMessage("Ready")
        self.resize(1280, 720)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.undo_stack.createUndoAction(self, "&Undo"))
        edit_menu.addAction(self.undo_stack.createRedoAction(self, "&Redo"))
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(QAction("&About", self, triggered=self.show_about))

    def show_page(self, object_name: str) -> QWidget:
        page = self.pages[object_name]
        self.nav.setCurrentRow(self.stack.indexOf(page))
        return page

    def refresh_pages(self) -> None:
        for page in self.pages.values():
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\nProfessional-development records for ICMA members, offline.")
