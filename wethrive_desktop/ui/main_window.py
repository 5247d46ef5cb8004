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
- The window fits the screen it opens on (`fit_to_screen`): never larger than its available area, and on it,
  also when the remembered geometry was on a screen that is gone.
- `preferences_changed` carries the preferences whenever Edit > Preferences... or View > Zoom saved them; the
  window then refreshes its pages (the dashboard's Reminders follow new reminder days) and checks the reminders.

Why one module of about 850 lines: it is the window's jobs that every page relies on (navigation with deferred
and stale pages, the Shell the pages call, the four menus with Open recent, remembered settings and fitting the
screen), each a screenful or two; the actions are thin calls into models/, exchange/ and the dialogs of ui/help/,
ui/preferences.py and ui/exports.py, and would only move, not shrink. Those dialogs, and ui/prompts.py, are
imported by the actions that open them: the first window needs none of them (tests/test_startup_imports.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from wethrive_desktop import APP_NAME
from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models import clock
from wethrive_desktop.models.db import StoreError, backup_to
from wethrive_desktop.models.profile import get_profile
from wethrive_desktop.paths import data_dir, default_db_path, demo_db_path
from wethrive_desktop.preferences import (
    Preferences,
    load_preferences,
    next_text_size,
    save_preferences,
    update_preferences,
)
from wethrive_desktop.ui.colors import hint_style, themed_style_sheet
from wethrive_desktop.ui.help import GETTING_STARTED, ICMA_HOURS, SHORTCUT_HELP, SHORTCUTS
from wethrive_desktop.ui.pages import PAGES, PageEntry
from wethrive_desktop.ui.shell import P, Page
from wethrive_desktop.ui.theme import apply_text_size
from wethrive_desktop.ui.widgets.naming import named
from wethrive_desktop.ui.workers import release_memory, wait_for_workers

if TYPE_CHECKING:
    from wethrive_desktop.models.activities import ActivityData
    from wethrive_desktop.ui.activities.dialog import ActivityDialog
    from wethrive_desktop.ui.exports import ExportJob
    from wethrive_desktop.ui.help.places import DataPlacesDialog
    from wethrive_desktop.ui.help.window import HelpWindow
    from wethrive_desktop.ui.notifier import ReminderNotifier
    from wethrive_desktop.ui.preferences import PreferencesDialog

DEFAULT_SIZE = (1280, 720)  # a first start on a large screen; a smaller one gets its available area
SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")  # what File > Import spreadsheet... reads
NAV_PADDING = 28  # beside the longest page name: the list's frame, an item's margins, room to breathe
NAV_MAX_WIDTH = 220


def settings() -> QSettings:
    """Window state lives in an ini file in the data folder, so tests (which move that folder) never share it."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def _keys(*keys: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    return [QKeySequence(k) for k in keys]


class MainWindow(QMainWindow):
    # (path, demo): the user asked for another database; app.switch_database opens it in a new window.
    database_requested = Signal(object, bool)
    data_changed = Signal()
    preferences_changed = Signal(object)  # Preferences, once saved

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
        self.notifier: ReminderNotifier | None = None  # the running app's desktop reminders (app.open_window)
        self.help_window: HelpWindow | None = None
        self.undo_stack = QUndoStack(self)
        names = {"database": db_path.name, "app": APP_NAME}
        self.setWindowTitle(tr("{database} (Demo) - {app}").format(**names) if demo
                            else tr("{database} - {app}").format(**names))

        self._build_menus()
        self._build_status_bar()

        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setAccessibleName(tr("Pages"))
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        self._unbuilt: dict[int, PageEntry] = {}  # stack index -> a page not built yet
        self._stale: set[str] = set()  # pages whose data changed while they were hidden
        first = self._remembered_index()
        for index, entry in enumerate(PAGES):
            self.nav.addItem(tr(entry.title))
            keys = self.page_actions[index].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                self.nav.item(index).setToolTip(tr("{page} ({keys})").format(page=tr(entry.title), keys=keys))
            if defer_pages and index != first:
                self.stack.addWidget(QWidget())  # a placeholder until the page is built
                self._unbuilt[index] = entry
            else:
                page = entry.load()(self)
                self.pages[page.objectName()] = page
                self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._row_chosen)
        self.nav.setSpacing(3)  # room around each name (no style sheet: it would stop the list following the palette)
        self._fit_nav()
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self.nav.minimumWidth(), DEFAULT_SIZE[0] - self.nav.minimumWidth()])
        self.setCentralWidget(self.splitter)
        self.data_changed.connect(self.refresh_pages)
        self.preferences_changed.connect(self._preferences_changed)
        self.nav.setCurrentRow(first)
        self.resize(*DEFAULT_SIZE)
        self.fit_to_screen()
        self.setAcceptDrops(True)  # a spreadsheet dropped on the window opens the import wizard
        self.refresh_status()
        self.restore_settings()
        # The first focus: the page list (arrows choose a page, Tab goes into it), not the first widget made, which
        # is the status bar's button in the demo.
        self.nav.setFocus()

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
        self._build_file_menu(bar.addMenu(tr("&File")))
        self._build_edit_menu(bar.addMenu(tr("&Edit")))
        self._build_view_menu(bar.addMenu(tr("&View")))
        self._build_help_menu(bar.addMenu(tr("&Help")))

    def _build_file_menu(self, menu: QMenu) -> None:
        self.file_menu = menu
        menu.aboutToShow.connect(self.update_print_action)
        if self.demo:
            self.own_records_action = self._action(tr("Start &my own records"), self.start_own_records,
                                                   name="startOwnRecordsAction")
            menu.addAction(self.own_records_action)
        else:
            menu.addAction(self._action(tr("Open the &demo data"), self.open_demo, name="openDemoAction"))
        menu.addAction(self._action(tr("&Open database..."), self.open_database_file, "Ctrl+O",
                                    "openDatabaseAction"))
        self.recent_menu: QMenu = menu.addMenu(tr("Open recen&t"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.fill_recent_menu()
        menu.addSeparator()
        self.new_action = self._action(tr("&New activity..."), self.new_activity, "Ctrl+N",
                                       "newActivityAction")
        menu.addAction(self.new_action)
        self.print_action = self._action(tr("&Print..."), self.print_page, "Ctrl+P",
                                         "printAction")
        self.print_action.setStatusTip(tr("Print what the page shows (the annual report)"))
        self.print_action.setEnabled(False)
        menu.addAction(self.print_action)
        menu.addSeparator()
        self.import_action = self._action(tr("&Import spreadsheet..."), self.import_spreadsheet, "Ctrl+I",
                                          "importSpreadsheetAction")
        self.import_action.setStatusTip(tr("Bring activities in from a CSV, TSV, text or Excel (.xlsx) file, its "
                                           "columns named your way"))
        menu.addAction(self.import_action)
        self.export_menu: QMenu = menu.addMenu(tr("&Export"))
        self.export_menu.setObjectName("exportMenu")
        self.export_action = self._action(tr("&Activities (CSV)..."), self.export_csv, name="exportCsvAction")
        self.export_word_action = self._action(tr("Annual report (&Word)..."), self.export_report_word,
                                               name="exportWordAction")
        self.export_transcript_action = self._action(tr("&Transcript (PDF or CSV)..."), self.export_transcript,
                                                     name="exportTranscriptAction")
        self.export_pack_action = self._action(tr("&Evidence pack (zip)..."), self.export_evidence_pack,
                                               name="exportEvidencePackAction")
        for action in (self.export_action, self.export_word_action, self.export_transcript_action,
                       self.export_pack_action):
            self.export_menu.addAction(action)
        # add_file_action inserts before this separator, so imports and exports stay together.
        self._file_group_end = menu.addSeparator()
        self.backup_action = self._action(tr("&Backup..."), self.backup, name="backupAction")
        menu.addAction(self.backup_action)
        self.restore_action = self._action(tr("&Restore from backup..."), self.restore_from_backup,
                                           name="restoreAction")
        menu.addAction(self.restore_action)
        menu.addSeparator()
        # One window: closing it (Ctrl+W) is quitting, with the same saving on the way out.
        self.quit_action = self._action(tr("&Quit"), self.close, name="quitAction")
        self.quit_action.setShortcuts(_keys("Ctrl+Q", "Ctrl+W"))
        menu.addAction(self.quit_action)

    def _build_edit_menu(self, menu: QMenu) -> None:
        self.edit_menu = menu
        self.undo_action = self.undo_stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setProperty(SHORTCUT_HELP, tr("Undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcuts(_keys("Ctrl+Shift+Z", "Ctrl+Y"))
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setProperty(SHORTCUT_HELP, tr("Redo"))
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        self.find_action = self._action(tr("&Find"), self.focus_search, "Ctrl+F", "findAction")
        self.find_action.setStatusTip(tr("Search the activities"))
        menu.addAction(self.find_action)
        menu.addSeparator()
        self.profile_action = self._action(tr("&Profile..."), self.open_profile, name="profileAction")
        menu.addAction(self.profile_action)
        self.preferences_action = self._action(tr("Prefere&nces..."), self.open_preferences, "Ctrl+,",
                                               "preferencesAction")
        menu.addAction(self.preferences_action)

    def _build_view_menu(self, menu: QMenu) -> None:
        self.view_menu = menu
        group = QActionGroup(self)
        self.page_actions: list[QAction] = []
        for row, entry in enumerate(PAGES):
            action = self._action(tr(entry.menu_text), lambda _checked=False, row=row: self.go_to_row(row),
                                  f"Ctrl+{row + 1}" if row < 9 else None, f"{entry.object_name}Action")
            action.setCheckable(True)
            action.setProperty(SHORTCUT_HELP, tr("Go to {page}").format(page=tr(entry.title)))
            group.addAction(action)
            menu.addAction(action)
            self.page_actions.append(action)
        menu.addSeparator()
        self.next_page_action = self._action(tr("&Next page"), lambda: self.step_page(1), name="nextPageAction")
        self.next_page_action.setShortcuts(_keys("Ctrl+Tab", "Ctrl+PgDown"))
        self.previous_page_action = self._action(tr("Pre&vious page"), lambda: self.step_page(-1),
                                                 name="previousPageAction")
        self.previous_page_action.setShortcuts(_keys("Ctrl+Shift+Tab", "Ctrl+PgUp"))
        menu.addAction(self.next_page_action)
        menu.addAction(self.previous_page_action)
        menu.addSeparator()
        self.all_years_action = self._action(tr("Show all &years"), self.show_all_years, name="showAllYearsAction")
        self.all_years_action.setStatusTip(tr("The activities of every year"))
        menu.addAction(self.all_years_action)
        menu.addSeparator()
        self.zoom_in_action = self._action(tr("Zoom &in"), lambda: self.zoom(1), name="zoomInAction")
        self.zoom_in_action.setShortcuts(_keys("Ctrl++", "Ctrl+="))
        self.zoom_in_action.setStatusTip(tr("Larger text"))
        self.zoom_out_action = self._action(tr("Zoom &out"), lambda: self.zoom(-1), "Ctrl+-", "zoomOutAction")
        self.zoom_out_action.setStatusTip(tr("Smaller text"))
        self.actual_size_action = self._action(tr("Actual si&ze"), lambda: self.zoom(0), "Ctrl+0",
                                               "actualSizeAction")
        self.actual_size_action.setStatusTip(tr("Text at the system's size"))
        for action in (self.zoom_in_action, self.zoom_out_action, self.actual_size_action):
            menu.addAction(action)

    def _build_help_menu(self, menu: QMenu) -> None:
        self.help_menu = menu
        for text, slot, keys, name in (
                (tr("&Getting started"), lambda: self.show_help(GETTING_STARTED), None, "gettingStartedAction"),
                (tr("&Help on this page"), self.help_on_page, "F1", "pageHelpAction"),
                (tr("How ICMA &counts hours"), lambda: self.show_help(ICMA_HOURS), None, "icmaHoursAction"),
                (tr("&Keyboard shortcuts"), lambda: self.show_help(SHORTCUTS), None, "shortcutsAction"),
                (tr("&Where my data lives"), self.show_data_places, None, "dataPlacesAction")):
            menu.addAction(self._action(text, slot, keys, name))
        menu.addSeparator()
        menu.addAction(self._action(tr("Open &log folder"), self.open_log_folder, name="openLogFolderAction"))
        menu.addAction(self._action(tr("&About"), self.show_about, name="aboutAction"))

    def add_file_action(self, action: QAction) -> QAction:
        """Put `action` in the File menu with the imports and exports (above Backup and Quit)."""
        self.file_menu.insertAction(self._file_group_end, action)
        if action.parent() is None:
            action.setParent(self)
        return action

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.demo_label = named(QLabel(), "demoStatus", tr("Demo data"))
        self.demo_label.setVisible(self.demo)
        if self.demo:
            self.demo_label.setText(tr("Demo data: try anything"))
            themed_style_sheet(self.demo_label, lambda palette: hint_style(palette, "QLabel"))
            self.demo_label.setToolTip(tr("This window shows the built-in demo database ({path}); your own records "
                                          "are kept in another file").format(path=self.db_path))
        status.addWidget(self.demo_label)
        if self.demo:
            # No access key: the pages own the letters (and the menu has "Start my own records" with one).
            start = named(QPushButton(tr("Start my own records")), "startOwnRecordsButton", tr("Start my own records"))
            start.setToolTip(tr("Open your own database (empty the first time); the demo data stays as it is"))
            start.clicked.connect(self.start_own_records)
            status.addWidget(start)
        self.profile_label = named(QLabel(), "profileStatus", tr("Profile"))
        status.addPermanentWidget(self.profile_label)

    def refresh_status(self) -> None:
        profile = get_profile()
        if profile.name.strip():
            parts = [profile.name.strip()] + ([profile.designation] if profile.designation else [])
            self.profile_label.setText(" · ".join(parts))
            self.profile_label.setProperty("userText", True)
            self.profile_label.setToolTip(tr("Edit > Profile... to change"))
        else:
            self.profile_label.setText(tr("No profile yet: Edit > Profile..."))
            self.profile_label.setProperty("userText", False)
            self.profile_label.setToolTip("")

    # --- Open recent ----------------------------------------------------------------------------------------

    def fill_recent_menu(self) -> None:
        """File > Open recent: the databases opened, most recent first (from the preferences); a file no longer
        there is shown disabled, and Clear list empties the list."""
        self.recent_menu.clear()
        recent = load_preferences().recent_files
        for number, text in enumerate(recent, start=1):
            path = Path(text)
            found = path.is_file()
            label = (text if found else tr("{path} (not found)").format(path=text)).replace("&", "&&")
            action = QAction(f"&{number} {label}" if number < 10 else label, self.recent_menu)
            action.setProperty("userText", True)  # a path, as the user named it
            action.setEnabled(found)
            action.triggered.connect(lambda _checked=False, path=path: self.open_recent(path))
            self.recent_menu.addAction(action)
        if not recent:
            none = QAction(tr("No databases opened yet"), self.recent_menu)
            none.setEnabled(False)
            self.recent_menu.addAction(none)
        self.recent_menu.addSeparator()
        clear = QAction(tr("&Clear list"), self.recent_menu)
        clear.setObjectName("clearRecentAction")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.clear_recent)
        self.recent_menu.addAction(clear)

    def open_recent(self, path: Path) -> None:
        from wethrive_desktop.ui import prompts

        if not path.is_file():
            prompts.show_error(self, tr("Open recent"), tr("{path} is not there any more: it was moved or deleted. "
                                                           "It is taken off the list.").format(path=path))
            self._save_recent(tuple(p for p in load_preferences().recent_files if p != str(path)))
            return
        if path.resolve() == self.db_path.resolve():
            self.show_message(tr("{name} is open already").format(name=path.name))
            return
        self.database_requested.emit(path, path.resolve() == demo_db_path().resolve())

    def clear_recent(self) -> None:
        self._save_recent(())

    def _save_recent(self, recent: tuple[str, ...]) -> None:
        try:
            save_preferences(replace(load_preferences(), recent_files=recent))
        except OSError as exc:
            self.show_message(tr("The list of recent databases could not be saved: {error}").format(error=exc), 8000)
        self.fill_recent_menu()

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

    def step_page(self, step: int) -> None:
        """View > Next page (Ctrl+Tab) and Previous page (Ctrl+Shift+Tab), round from the last to the first."""
        self.go_to_row((self.nav.currentRow() + step) % self.nav.count())

    def go_to_row(self, row: int) -> None:
        """Show page `row` from the keyboard or the View menu, and put the focus in it (on its first field, where
        the page names one as its focus proxy), so typing goes on there."""
        self.nav.setCurrentRow(row)
        page = self.stack.currentWidget()
        if page is None:
            return
        target = page.focusProxy() or next(
            (w for w in page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()
             and w.isEnabled()), page)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _row_chosen(self, row: int) -> None:
        if row in self._unbuilt:
            self._build_page(row)
        self.stack.setCurrentIndex(row)
        if 0 <= row < len(self.page_actions):
            self.page_actions[row].setChecked(True)
        page = self.stack.widget(row)
        if isinstance(page, Page) and page.objectName() in self._stale:
            # In the same turn of the event loop as the switch, so the old figures are never painted.
            self._refresh_page(page)
        self.update_print_action()

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
        release_memory()  # the source lines its modules' import left (see memory.py), and what it freed
        return page

    def _build_deferred(self, object_name: str) -> None:
        """Build the deferred page called `object_name` (a KeyError names an unknown page)."""
        for index, entry in list(self._unbuilt.items()):
            if entry.object_name == object_name:
                self._build_page(index)
                return
        if object_name not in self.pages:
            raise KeyError(f"no page is called {object_name!r}")

    def build_all_pages(self) -> None:
        """Build every page not built yet (Help > Keyboard shortcuts lists the pages' keys too)."""
        for index in sorted(self._unbuilt):
            if not self._leaving:
                self._build_page(index)

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
        self.update_print_action()

    def _refresh_page(self, page: Page) -> None:
        self._stale.discard(page.objectName())
        page.refresh()

    def _fit_nav(self) -> None:
        """The page list as wide as its longest name (in the font of the moment), so no name is cut."""
        metrics = self.nav.fontMetrics()
        longest = max(metrics.horizontalAdvance(self.nav.item(row).text()) for row in range(self.nav.count()))
        width = longest + 2 * (self.nav.frameWidth() + self.nav.spacing()) + NAV_PADDING
        self.nav.setMinimumWidth(width)
        self.nav.setMaximumWidth(max(width, NAV_MAX_WIDTH))

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
        from wethrive_desktop.ui import prompts

        prompts.show_error(self, tr("Undo"), message)
        # Not from inside the command that is running: clearing deletes it.
        QTimer.singleShot(0, self.undo_stack.clear)
        self.data_changed.emit()

    # --- actions --------------------------------------------------------------------------------------

    def open_activity_dialog(self, initial: ActivityData | None = None,
                             activity_id: int | None = None) -> ActivityDialog:
        """Open the activity dialog (window-modal, not blocking) and return it."""
        from wethrive_desktop.ui.activities.dialog import ActivityDialog  # when first used: not before the window

        dialog = ActivityDialog(self, initial=initial, activity_id=activity_id, shell=self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def new_activity(self) -> ActivityDialog:
        return self.open_activity_dialog()

    def update_print_action(self) -> None:
        """File > Print... is there for the page shown when that page can print (the annual report)."""
        page = self.current_page()
        self.print_action.setEnabled(page is not None and page.can_print())

    def print_page(self) -> None:
        page = self.current_page()
        if page is not None and page.can_print():
            page.print_page()
        self.update_print_action()

    def focus_search(self) -> None:
        from wethrive_desktop.ui.activities.page import ActivityLogPage

        self.page(ActivityLogPage).focus_search()

    def show_all_years(self) -> None:
        """View > Show all years: the activity log, with the activities of every year."""
        from wethrive_desktop.ui.activities.page import ActivityLogPage

        self.page(ActivityLogPage).show_all_years()

    def open_profile(self) -> QWidget:
        from wethrive_desktop.ui.profile.dialog import open_profile_dialog

        return open_profile_dialog(self, self)

    def open_preferences(self) -> PreferencesDialog:
        """Edit > Preferences... (Ctrl+,), window-modal, not blocking."""
        from wethrive_desktop.ui.preferences import open_preferences

        dialog = open_preferences(self, load_preferences())
        dialog.saved.connect(self._preferences_saved)
        return dialog

    def _preferences_saved(self, prefs: Preferences) -> None:
        self.show_message(tr("Preferences saved"))
        self.preferences_changed.emit(prefs)

    def _preferences_changed(self, prefs: Preferences) -> None:
        """New preferences saved: the pages follow them (the dashboard's Reminders card: new reminder days, a
        report due date), and so do the desktop notifications."""
        if self._leaving:
            return
        self.refresh_pages()
        if self.notifier is not None:
            self.notifier.check_now()

    def zoom(self, step: int) -> int:
        """View > Zoom in (+1), Zoom out (-1), Actual size (0): the text size, applied at once and remembered
        (only changed in the preferences file: one that cannot be read is left as it is, not overwritten)."""

        def change(prefs: Preferences) -> Preferences:
            return replace(prefs, text_size=next_text_size(prefs.text_size, step) if step else 100)

        error: str | None = None
        try:
            saved = update_preferences(change)
        except OSError as exc:
            saved, error = None, str(exc)
        size = (saved or change(load_preferences())).text_size
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_text_size(app, size)
        if saved is not None:
            self.show_message(tr("Text size {percent} %").format(percent=size))
            self.preferences_changed.emit(saved)
        elif error is not None:
            self.show_message(tr("The text size could not be saved: {error}").format(error=error), 8000)
        else:
            self.show_message(tr("Text size {percent} %, not remembered: the preferences file could not be "
                                 "read").format(percent=size), 8000)
        return size

    def import_spreadsheet(self) -> QWidget | None:
        from wethrive_desktop.ui import prompts

        patterns = " ".join(f"*{suffix}" for suffix in SPREADSHEET_SUFFIXES)
        path = prompts.choose_open_file(self, tr("Import activities from a spreadsheet"),
                                        tr("Spreadsheets ({patterns})").format(patterns=patterns) + ";;"
                                        + tr("All files (*)"))
        if path is None:
            return None
        from wethrive_desktop.ui.import_wizard.wizard import open_import_wizard

        return open_import_wizard(self, path)

    def export_csv(self) -> Path | None:
        from wethrive_desktop.exchange.csv_io import export_csv
        from wethrive_desktop.ui import prompts
        from wethrive_desktop.ui.activities.page import ActivityLogPage

        page = self.built_page(ActivityLogPage)
        year = page.selected_year() if page is not None else None
        suggested = str(Path.home() / f"activities-{year if year is not None else 'all-years'}.csv")
        path = prompts.choose_save_file(self, tr("Export activities to CSV"), suggested, tr("CSV files (*.csv)"))
        if path is None:
            return None
        if path.suffix == "":
            path = path.with_suffix(".csv")
        try:
            count = export_csv(path, year)
        except OSError as exc:
            prompts.show_error(self, tr("Export CSV"), tr("The activities could not be written to {path}: {error}")
                               .format(path=path, error=exc))
            return None
        self.statusBar().showMessage(trn("Exported %n activity to {path}", "Exported %n activities to {path}", count)
                                     .format(path=path), 8000)
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

    def _database_filter(self) -> str:
        return tr("WeThrive databases (*.sqlite3)") + ";;" + tr("All files (*)")

    def backup(self) -> Path | None:
        from wethrive_desktop.ui import prompts

        suggested = self.db_path.with_name(f"{self.db_path.stem}-backup-{clock.now():%Y%m%d-%H%M}.sqlite3")
        path = prompts.choose_save_file(self, tr("Back up the database"), str(suggested), self._database_filter())
        if path is None:
            return None
        try:
            backup_to(path)
        except (StoreError, OSError, sqlite3.Error) as exc:
            prompts.show_error(self, tr("Backup"), tr("The backup was not written: {error}").format(error=exc))
            return None
        self.statusBar().showMessage(tr("Backed up to {path}").format(path=path), 8000)
        return path

    def restore_from_backup(self) -> Path | None:
        """File > Restore from backup...: choose one of the automatic copies; the records become its records (what
        they were is copied first) and every page reloads. Returns the copy restored, if any."""
        from wethrive_desktop.models.backups import summarize_backups
        from wethrive_desktop.ui import prompts
        from wethrive_desktop.ui.restore_dialog import RestoreDialog

        for page in self.pages.values():
            page.commit_pending()  # what was typed goes into the copy taken before the restore
        summaries = summarize_backups(self.db_path)
        if not summaries:
            prompts.show_notice(self, tr("Restore from backup"), tr(
                "There are no automatic backups of {name} yet. One is taken every day the app is opened, and before "
                "every import.").format(name=self.db_path.name))
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
        self.statusBar().showMessage(tr("Restored from {copy}. What the records were before is in {before}.")
                                     .format(copy=restored.name, before=before.name), 15000)

    # --- another database (the app's switch_database answers database_requested) ---------------------------

    def start_own_records(self) -> None:
        """Leave the demo data for the user's own database (created empty the first time)."""
        self.database_requested.emit(default_db_path(), False)

    def open_demo(self) -> None:
        self.database_requested.emit(demo_db_path(), True)

    def open_database_file(self) -> None:
        from wethrive_desktop.ui import prompts

        path = prompts.choose_open_file(self, tr("Open a WeThrive database"), self._database_filter(),
                                        str(self.db_path.parent))
        if path is not None and path.resolve() != self.db_path.resolve():
            self.database_requested.emit(path, path.resolve() == demo_db_path().resolve())

    # --- help -------------------------------------------------------------------------------------------------

    def show_help(self, topic: str) -> HelpWindow:
        """The help window (one, not modal) on `topic` (ui/help/topics.py)."""
        if self.help_window is None:
            from wethrive_desktop.ui.help.window import HelpWindow

            self.help_window = HelpWindow(self, self._shortcuts_table)
        self.help_window.show_topic(topic)
        return self.help_window

    def help_on_page(self) -> HelpWindow:
        """Help > Help on this page (F1): the help about the page shown."""
        return self.show_help(PAGES[max(0, self.nav.currentRow())].help_topic)

    def _shortcuts_table(self) -> str:
        from wethrive_desktop.ui.help.shortcuts import shortcut_rows, shortcuts_markdown

        self.build_all_pages()
        return shortcuts_markdown(shortcut_rows(self))

    def show_data_places(self) -> DataPlacesDialog:
        """Help > Where my data lives: the data folder, database, backups and log, with buttons to open them."""
        from wethrive_desktop.ui.help.places import open_data_places

        return open_data_places(self, self.db_path)

    def open_log_folder(self) -> Path | None:
        """Help > Open log folder: the app's log (and the record of any crash), to look at or send."""
        from wethrive_desktop.crash_log import log_dir
        from wethrive_desktop.ui import prompts

        folder = log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            prompts.show_error(self, tr("Open log folder"), tr("The log folder {folder} cannot be created: {error}")
                               .format(folder=folder, error=exc))
            return None
        if not prompts.open_with_system(folder):
            prompts.show_error(self, tr("Open log folder"), tr("No file manager could be started. The log folder is "
                                                               "{folder}").format(folder=folder))
        return folder

    def show_about(self) -> None:
        """Help > About: the versions (the app's and what it runs on), the database, the licence, and a link that
        opens the third-party notices (shipped in the package) in the system's text viewer."""
        from wethrive_desktop.ui import prompts
        from wethrive_desktop.ui.help.about import about_html

        prompts.show_about(self, tr("About {app}").format(app=APP_NAME), about_html(self.db_path))

    # --- fitting the screen -----------------------------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """Keep the window within the available area of its screen (the primary one when the remembered screen is
        gone): shrunk to it if larger (down to the window's minimum), moved onto it if off it. The window calls it
        when it opens, before it is shown; the app again once it is shown (app.open_window), when the title bar and
        frame are known and counted."""
        if self.isMaximized() or self.isFullScreen():
            return
        frame = self.frameGeometry()
        screen = (QGuiApplication.screenAt(frame.center()) or QGuiApplication.screenAt(frame.topLeft())
                  or QGuiApplication.primaryScreen())
        if screen is None:
            return
        area = screen.availableGeometry()
        borders = frame.size() - self.size()  # the title bar and frame (none until the window is first shown)
        size = self.size().boundedTo(area.size() - borders)  # (resize keeps the window's minimum)
        if size != self.size():
            self.resize(size)
        frame = self.frameGeometry()
        x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
        y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
        if (x, y) != (frame.left(), frame.top()):
            self.move(x, y)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange) and hasattr(self, "nav"):
            self._fit_nav()

    # --- settings -------------------------------------------------------------------------------------

    def restore_settings(self) -> None:
        store = settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            self.fit_to_screen()
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
        if self.notifier is not None:
            self.notifier.stop()  # its midnight timer and a check still queued at start
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
