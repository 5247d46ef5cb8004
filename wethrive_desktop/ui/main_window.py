"""The main window: navigation list on the left, the pages on the right, menus and a status bar.

The window implements `ui.shell.Shell`, which is all its pages, dialogs and undo commands know of it; the pages
are the `Page` classes listed (and loaded when first built) in `ui.pages.PAGES`.
- `notify_data_changed()` (the `data_changed` signal): the page shown runs its `refresh()` at once; the others are
  marked stale and refresh when they are next shown (so a write costs one page's reload, not every page's).
- `undo_stack`: the shared QUndoStack (Edit > Undo/Redo). A write that bypasses it and could clash with the
  commands on it (say, a bulk import that reuses ids) must clear it.
- `show_page(object_name)` switches page (building it first if it was deferred) and returns it; `page(cls)` does
  the same, typed. `pages[object_name]` holds the pages built so far: all of them, except in the running app,
  which builds the first page shown before the window appears and each other one when it is first shown.
- `add_file_action(action)` puts an action into the File menu's import/export group (above Backup and Quit).
  Pages are built after the menus, so a page may add its actions in its constructor.

Why one module of about 480 lines: it is the window's three jobs that every page relies on (navigation with
deferred and stale pages, the Shell the pages call, the menus with their File actions and remembered settings),
each a screenful; the File actions are thin calls into models/ and exchange/ and would only move, not shrink.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import ActivityData
from wethrive_desktop.models.db import StoreError, backup_to
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.models.wording import count as plural
from wethrive_desktop.paths import data_dir, default_db_path, demo_db_path
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.activities.dialog import ActivityDialog
from wethrive_desktop.ui.colors import hint_style, themed_style_sheet
from wethrive_desktop.ui.pages import PAGES, PageEntry
from wethrive_desktop.ui.shell import P, Page
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.workers import wait_for_workers

if TYPE_CHECKING:
    from wethrive_desktop.ui.exports import ExportJob

DEFAULT_SIZE = (1280, 720)  # fits a 1366x768 laptop screen with its taskbar
SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")  # what File > Import spreadsheet... reads


def settings() -> QSettings:
    """Window state lives in an ini file in the data folder, so tests (which move that folder) never share it."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    # (path, demo): the user asked for another database; app.switch_database opens it in a new window.
    database_requested = Signal(object, bool)
    data_changed = Signal()

    def __init__(self, db_path: Path, demo: bool = False, defer_pages: bool = False):
        """`defer_pages`: build only the page shown first, and each other page when it is first shown (or asked
        for), so the window appears fast and nothing blocks it afterwards however heavy a page is. Tests and
        scripts leave it off: every page then exists when the constructor returns."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAccessibleName(APP_NAME)
        self.db_path = db_path
        self.demo = demo
        self._leaving = False
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(f"{db_path.name}{' (Demo)' if demo else ''} - {APP_NAME}")

        self._build_menus()
        self._build_status_bar()

        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setAccessibleName("Pages")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        self._unbuilt: dict[int, PageEntry] = {}  # stack index -> a page not built yet
        self._stale: set[str] = set()  # pages whose data changed while they were hidden
        first = self._remembered_index()
        for index, entry in enumerate(PAGES):
            self.nav.addItem(entry.title)
            if defer_pages and index != first:
                self.stack.addWidget(QWidget())  # a placeholder until the page is built
                self._unbuilt[index] = entry
            else:
                page = entry.load()(self)
                self.pages[page.objectName()] = page
                self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._row_chosen)
        self.nav.setMinimumWidth(120)
        self.nav.setMaximumWidth(220)
        self.nav.setSpacing(3)  # room around each name (no style sheet: it would stop the list following the palette)
        for row in range(min(len(PAGES), 9)):
            # Ctrl+1 .. Ctrl+9 go straight to a page; the tooltip says which.
            self.nav.item(row).setToolTip(f"{PAGES[row].title} (Ctrl+{row + 1})")
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda row=row: self.nav.setCurrentRow(row))
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([160, DEFAULT_SIZE[0] - 160])
        self.setCentralWidget(self.splitter)
        self.data_changed.connect(self.refresh_pages)
        self.nav.setCurrentRow(first)
        self.resize(*DEFAULT_SIZE)
        self.setAcceptDrops(True)  # a spreadsheet dropped on the window opens the import wizard
        self.refresh_status()
        self.restore_settings()

    # --- menus and status bar ------------------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu: QMenu = bar.addMenu("&File")
        if self.demo:
            self.own_records_action = self._action("Start &my own records", self.start_own_records,
                                                   name="startOwnRecordsAction")
            self.file_menu.addAction(self.own_records_action)
        else:
            self.file_menu.addAction(self._action("Open the &demo data", self.open_demo, name="openDemoAction"))
        self.file_menu.addAction(self._action("&Open database...", self.open_database_file, "Ctrl+O",
                                              "openDatabaseAction"))
        self.file_menu.addSeparator()
        self.new_action = self._action("&New activity...", self.new_activity, "Ctrl+N", "newActivityAction")
        self.file_menu.addAction(self.new_action)
        self.file_menu.addSeparator()
        self.import_action = self._action("&Import spreadsheet...", self.import_spreadsheet, "Ctrl+I",
                                          "importSpreadsheetAction")
        self.import_action.setStatusTip("Bring activities in from a CSV, TSV, text or Excel (.xlsx) file, its columns "
                                        "named your way")
        self.file_menu.addAction(self.import_action)
        self.export_menu: QMenu = self.file_menu.addMenu("&Export")
        self.export_menu.setObjectName("exportMenu")
        self.export_action = self._action("&Activities (CSV)...", self.export_csv, name="exportCsvAction")
        self.export_word_action = self._action("Annual report (&Word)...", self.export_report_word,
                                               name="exportWordAction")
        self.export_transcript_action = self._action("&Transcript (PDF or CSV)...", self.export_transcript,
                                                     name="exportTranscriptAction")
        self.export_pack_action = self._action("&Evidence pack (zip)...", self.export_evidence_pack,
                                               name="exportEvidencePackAction")
        for action in (self.export_action, self.export_word_action, self.export_transcript_action,
                       self.export_pack_action):
            self.export_menu.addAction(action)
        # add_file_action inserts before this separator, so imports and exports stay together.
        self._file_group_end = self.file_menu.addSeparator()
        self.backup_action = self._action("&Backup...", self.backup, name="backupAction")
        self.file_menu.addAction(self.backup_action)
        self.restore_action = self._action("&Restore from backup...", self.restore_from_backup,
                                           name="restoreAction")
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "quitAction")
        self.file_menu.addAction(self.quit_action)

        self.edit_menu: QMenu = bar.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setObjectName("undoAction")
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setObjectName("redoAction")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.find_action = self._action("&Find", self.focus_search, "Ctrl+F", "findAction")
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addSeparator()
        self.profile_action = self._action("&Profile...", self.open_profile, name="profileAction")
        self.edit_menu.addAction(self.profile_action)

        self.help_menu: QMenu = bar.addMenu("&Help")
        self.help_menu.addAction(self._action("Open &log folder", self.open_log_folder, name="openLogFolderAction"))
        self.help_menu.addAction(self._action("&About", self.show_about, name="aboutAction"))

    def add_file_action(self, action: QAction) -> QAction:
        """Put `action` in the File menu with the imports and exports (above Backup and Quit)."""
        self.file_menu.insertAction(self._file_group_end, action)
        if action.parent() is None:
            action.setParent(self)
        return action

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.demo_label = named(QLabel(), "demoStatus", "Demo data")
        self.demo_label.setVisible(self.demo)
        if self.demo:
            self.demo_label.setText(" Demo data: try anything; your own records are kept in another file ")
            themed_style_sheet(self.demo_label, lambda palette: hint_style(palette, "QLabel"))
            self.demo_label.setToolTip(f"This window shows the built-in demo database ({self.db_path})")
        status.addWidget(self.demo_label)
        if self.demo:
            start = named(QPushButton("Start my own records"), "startOwnRecordsButton", "Start my own records")
            start.setToolTip("Open your own database (empty the first time); the demo data stays as it is")
            start.clicked.connect(self.start_own_records)
            status.addWidget(start)
        self.profile_label = named(QLabel(), "profileStatus", "Profile")
        status.addPermanentWidget(self.profile_label)

    def refresh_status(self) -> None:
        profile = get_profile()
        if profile.name.strip():
            parts = [profile.name.strip()] + ([profile.designation] if profile.designation else [])
            self.profile_label.setText(" · ".join(parts))
            self.profile_label.setToolTip("Edit > Profile... to change")
        else:
            self.profile_label.setText("No profile yet: Edit > Profile...")

    # --- pages ----------------------------------------------------------------------------------------

    def show_page(self, object_name: str) -> Page:
        if object_name not in self.pages:
            self._build_deferred(object_name)
        page = self.pages[object_name]
        self.nav.setCurrentRow(self.stack.indexOf(page))
        return page

    def page(self, cls: type[P]) -> P:
        """The page of class `cls`, shown (built first if it was deferred)."""
        page = self.show_page(cls.object_name)
        assert isinstance(page, cls)
        return page

    def built_page(self, cls: type[P]) -> P | None:
        """The page of class `cls` if it was built, without switching to it."""
        page = self.pages.get(cls.object_name)
        return page if isinstance(page, cls) else None

    def _row_chosen(self, row: int) -> None:
        if row in self._unbuilt:
            self._build_page(row)
        self.stack.setCurrentIndex(row)
        page = self.stack.widget(row)
        if isinstance(page, Page) and page.objectName() in self._stale:
            # In the same turn of the event loop as the switch, so the old figures are never painted.
            self._refresh_page(page)

    def _remembered_index(self) -> int:
        last = settings().value("window/page")
        for index, entry in enumerate(PAGES):
            if entry.object_name == last:
                return index
        return 0

    def _build_page(self, index: int) -> Page:
        page = self._unbuilt.pop(index).load()(self)
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        self.pages[page.objectName()] = page
        page.restore_settings(settings())
        return page

    def _build_deferred(self, object_name: str) -> None:
        """Build the deferred page called `object_name` (a KeyError names an unknown page)."""
        for index, entry in list(self._unbuilt.items()):
            if entry.object_name == object_name:
                self._build_page(index)
                return
        if object_name not in self.pages:
            raise KeyError(f"no page is called {object_name!r}")

    def current_page(self) -> Page | None:
        page = self.stack.currentWidget()
        return page if isinstance(page, Page) else None

    def refresh_pages(self) -> None:
        """Data changed: refresh the page shown now and mark the others to refresh when they are next shown."""
        current = self.current_page()
        for name, page in self.pages.items():
            if page is current:
                self._refresh_page(page)
            else:
                self._stale.add(name)
        self.refresh_status()

    def _refresh_page(self, page: Page) -> None:
        self._stale.discard(page.objectName())
        page.refresh()

    # --- the Shell its pages, dialogs and commands use (ui/shell.py) ------------------------------------

    def notify_data_changed(self) -> None:
        self.data_changed.emit()

    def notify_activity_changed(self, activity_id: int | None) -> None:
        """After an activity write (ui/undo.py): refresh the pages and select the activity in the log."""
        from wethrive_desktop.ui.activities.page import ActivityLogPage

        self.data_changed.emit()
        page = self.built_page(ActivityLogPage)
        if activity_id is not None and page is not None:
            if page.objectName() in self._stale:
                self._refresh_page(page)  # the log must hold the activity to select it
            page.select_activity(activity_id)

    def show_message(self, text: str, timeout_ms: int = 4000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def open_activity(self, activity_id: int | None = None, initial: ActivityData | None = None) -> ActivityDialog:
        return self.open_activity_dialog(initial=initial, activity_id=activity_id)

    def show_plan(self, year: int) -> None:
        from wethrive_desktop.ui.planner.page import PlannerPage

        self.page(PlannerPage).show_year(year)

    def show_report(self, year: int) -> None:
        from wethrive_desktop.ui.report.page import ReportPage

        self.page(ReportPage).set_year(year)

    def undo_failed(self, message: str) -> None:
        prompts.show_error(self, "Undo", message)
        # Not from inside the command that is running: clearing deletes it.
        QTimer.singleShot(0, self.undo_stack.clear)
        self.data_changed.emit()

    # --- actions --------------------------------------------------------------------------------------

    def open_activity_dialog(self, initial: ActivityData | None = None,
                             activity_id: int | None = None) -> ActivityDialog:
        """Open the activity dialog (window-modal, not blocking) and return it."""
        dialog = ActivityDialog(self, initial=initial, activity_id=activity_id, shell=self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def new_activity(self) -> ActivityDialog:
        return self.open_activity_dialog()

    def focus_search(self) -> None:
        from wethrive_desktop.ui.activities.page import ActivityLogPage

        self.page(ActivityLogPage).focus_search()

    def open_profile(self) -> QWidget:
        from wethrive_desktop.ui.profile.dialog import open_profile_dialog

        return open_profile_dialog(self, self)

    def import_spreadsheet(self) -> QWidget | None:
        patterns = " ".join(f"*{suffix}" for suffix in SPREADSHEET_SUFFIXES)
        path = prompts.choose_open_file(self, "Import activities from a spreadsheet",
                                        f"Spreadsheets ({patterns});;All files (*)")
        if path is None:
            return None
        from wethrive_desktop.ui.import_wizard.wizard import open_import_wizard

        return open_import_wizard(self, path)

    def export_csv(self) -> Path | None:
        from wethrive_desktop.exchange.csv_io import export_csv
        from wethrive_desktop.ui.activities.page import ActivityLogPage

        page = self.built_page(ActivityLogPage)
        year = page.selected_year() if page is not None else None
        suggested = str(Path.home() / f"activities-{year if year is not None else 'all-years'}.csv")
        path = prompts.choose_save_file(self, "Export activities to CSV", suggested, "CSV files (*.csv)")
        if path is None:
            return None
        if path.suffix == "":
            path = path.with_suffix(".csv")
        try:
            count = export_csv(path, year)
        except OSError as exc:
            prompts.show_error(self, "Export CSV", f"The activities could not be written to {path}: {exc}")
            return None
        self.statusBar().showMessage(f"Exported {plural(count, 'activity', 'activities')} to {path}", 8000)
        return path

    def export_report_word(self) -> ExportJob | None:
        from wethrive_desktop.ui.exports import export_report_word

        return export_report_word(self)

    def export_transcript(self) -> ExportJob | None:
        from wethrive_desktop.ui.exports import export_transcript

        return export_transcript(self)

    def export_evidence_pack(self) -> ExportJob | None:
        from wethrive_desktop.ui.exports import export_evidence_pack

        return export_evidence_pack(self)

    def backup(self) -> Path | None:
        suggested = self.db_path.with_name(f"{self.db_path.stem}-backup-{clock.now():%Y%m%d-%H%M}.sqlite3")
        path = prompts.choose_save_file(self, "Back up the database", str(suggested),
                                        "WeThrive databases (*.sqlite3);;All files (*)")
        if path is None:
            return None
        try:
            backup_to(path)
        except (StoreError, OSError, sqlite3.Error) as exc:
            prompts.show_error(self, "Backup", f"The backup was not written: {exc}")
            return None
        self.statusBar().showMessage(f"Backed up to {path}", 8000)
        return path

    def restore_from_backup(self) -> Path | None:
        """File > Restore from backup...: choose one of the automatic copies; the records become its records (what
        they were is copied first) and every page reloads. Returns the copy restored, if any."""
        from wethrive_desktop.models.backups import summarize_backups
        from wethrive_desktop.ui.restore_dialog import RestoreDialog

        for page in self.pages.values():
            page.commit_pending()  # what was typed goes into the copy taken before the restore
        summaries = summarize_backups(self.db_path)
        if not summaries:
            prompts.show_notice(self, "Restore from backup", f"There are no automatic backups of {self.db_path.name} "
                                "yet. One is taken every day the app is opened, and before every import.")
            return None
        dialog = RestoreDialog(self, summaries, on_restored=self._restored_from_backup)
        try:
            prompts.run_modal(dialog)
            return dialog.restored_from
        finally:
            dialog.deleteLater()

    def _restored_from_backup(self, restored: Path, before: Path) -> None:
        self.undo_stack.clear()  # its commands refer to records that are no longer there
        self.notify_data_changed()
        self.refresh_status()
        self.statusBar().showMessage(f"Restored from {restored.name}. What the records were before is in "
                                     f"{before.name}.", 15000)

    # --- another database (the app's switch_database answers database_requested) ---------------------------

    def start_own_records(self) -> None:
        """Leave the demo data for the user's own database (created empty the first time)."""
        self.database_requested.emit(default_db_path(), False)

    def open_demo(self) -> None:
        self.database_requested.emit(demo_db_path(), True)

    def open_database_file(self) -> None:
        path = prompts.choose_open_file(self, "Open a WeThrive database", "WeThrive databases (*.sqlite3);;"
                                        "All files (*)", str(self.db_path.parent))
        if path is not None and path.resolve() != self.db_path.resolve():
            self.database_requested.emit(path, path.resolve() == demo_db_path().resolve())

    def open_log_folder(self) -> Path | None:
        """Help > Open log folder: the app's log (and the record of any crash), to look at or send."""
        from wethrive_desktop.crash_log import log_dir

        folder = log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            prompts.show_error(self, "Open log folder", f"The log folder {folder} cannot be created: {exc}")
            return None
        if not prompts.open_with_system(folder):
            prompts.show_error(self, "Open log folder", f"No file manager could be started. The log folder is {folder}")
        return folder

    def show_about(self) -> None:
        """Help > About: the version, the database, the licence, and a link that opens the third-party notices
        (generated by scripts/third_party_notices.py, shipped in the package) in the system's text viewer."""
        from html import escape

        from PySide6.QtCore import QUrl, qVersion

        from wethrive_desktop import resources_path

        notices = QUrl.fromLocalFile(str(resources_path("THIRD_PARTY_NOTICES.txt")))
        prompts.show_about(self, f"About {APP_NAME}",
                           f"<p><b>{APP_NAME} {escape(__version__)}</b><br>Professional-development records for "
                           f"ICMA members, offline.</p><p>Database: {escape(str(self.db_path))}</p>"
                           f"<p>Free software under the MIT licence. Built with Qt {qVersion()} and PySide6 "
                           "(LGPL-3.0), ReportLab, peewee and other free software: "
                           f'<a href="{notices.toString()}">third-party notices and licences</a>.</p>')

    # --- settings -------------------------------------------------------------------------------------

    def restore_settings(self) -> None:
        store = settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = store.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        for page in self.pages.values():
            page.restore_settings(store)
        last = store.value("window/page")
        if isinstance(last, str) and last in self.pages:
            self.show_page(last)

    def save_settings(self) -> None:
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/splitter", self.splitter.saveState())
        page = self.current_page()
        if page is not None:
            store.setValue("window/page", page.objectName())
        for page in self.pages.values():
            page.save_settings(store)
        store.sync()

    def prepare_to_leave(self) -> None:
        """Before the window closes or another database replaces it: store what the user typed but a page has
        not saved yet (`Page.commit_pending()`), remember the layout, build no more
        deferred pages, and let running jobs finish. Nothing may reach the database after this."""
        self._leaving = True
        for page in self.pages.values():
            page.commit_pending()
        self.save_settings()
        wait_for_workers()  # no job may outlive the window (and the database behind it)

    @staticmethod
    def _dropped_spreadsheet(event: QDragEnterEvent | QDropEvent) -> Path | None:
        """The one local spreadsheet file being dragged, if that is what it is."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        return path if path.suffix.lower() in SPREADSHEET_SUFFIXES else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_spreadsheet(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_spreadsheet(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        from wethrive_desktop.ui.import_wizard.wizard import open_import_wizard

        open_import_wizard(self, path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving:
            self.prepare_to_leave()
        super().closeEvent(event)
