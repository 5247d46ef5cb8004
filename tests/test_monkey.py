"""A seeded monkey test over every page and dialog of the app, on the demo data, plus the regression tests of the
bugs it found.

The monkey clicks visible, enabled buttons (check boxes and tool buttons too; a tool button's menu gets one of its
actions), triggers the main window's menu actions (pages add some), types random text (unicode, long strings,
markup characters, numbers, dates) into line edits, text edits, spin boxes and date edits, changes combo boxes and
tabs, selects and double-clicks table and list rows, opens context menus, switches pages and years and presses keys
(Enter, Escape, Delete, Ctrl+Z, Ctrl+Shift+Z...) on the focused widget. Every dialog that opens is explored for a
few actions, then accepted or rejected at random; every blocking question (`wethrive_desktop.ui.prompts`) is
answered by the monkey, and nothing prints.

It fails on an exception in any Qt slot, on any Qt warning (qt_log_level_fail = WARNING), and on a database that
fails `PRAGMA integrity_check` or `PRAGMA foreign_key_check`; the failure names the seed and the last actions.
After a crash that kills the process (a segmentation fault), every action is in `out/monkey-actions.log` in the
test's tmp_path (/tmp/pytest-of-$USER/pytest-current/test_monkey_run_<seed>_0/).

Each run first sweeps the app (every page, every tab, every button shown and every menu action, once each, in a
seeded order: whatever the seed, each is pressed), then acts at random. WETHRIVE_MONKEY_ACTIONS is the number of
actions of each seed (the sweep's included). A longer run, or another seed (a run is repeatable for a seed, except
where background jobs finish at other moments):

    WETHRIVE_MONKEY_ACTIONS=20000 WETHRIVE_MONKEY_SEED=7 QT_QPA_PLATFORM=offscreen .venv/bin/pytest \\
        tests/test_monkey.py -k monkey_run
"""

from __future__ import annotations

import inspect
import os
import random
import sqlite3
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QAbstractListModel, QDate, QEvent, QModelIndex, QPoint, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QInputMethodEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.demo import ensure_demo_database
from wethrive_desktop.paths import demo_db_path
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.planner.page import PlannerPage
from wethrive_desktop.ui.report import printing
from wethrive_desktop.ui.report.page import ReportPage

YEAR = date.today().year
DEFAULT_SEEDS = (1, 2, 3)
DEFAULT_ACTIONS = 700  # per seed, the sweep included: 2,100 actions in all, about 25 s a seed on this 2-core machine
ACTIONS = int(os.environ.get("WETHRIVE_MONKEY_ACTIONS", DEFAULT_ACTIONS))
SEEDS = (int(os.environ["WETHRIVE_MONKEY_SEED"]),) if os.environ.get("WETHRIVE_MONKEY_SEED") else DEFAULT_SEEDS
LAST_ACTIONS = 30  # shown when the run fails
CHECK_DATABASE_EVERY = 500
NO_QUIT = {"quitAction"}  # closing the window ends the run, not a bug

# --- random input -----------------------------------------------------------------------------------------------

WORDS = ["Budget", "workshop", "ICMA", "Zoë", "Ñandú", "Łódź", "naïve café", "北京 会议", "مرحبا", "Ελληνικά",
         "<b>bold</b>", "a & b", "<&>", "'quoted'", '"double"', "%s %d {0}", "\\n", "DROP TABLE activity;--",
         "  spaces  ", "\t", "—", "…", "\u200b", "e\u0301"]
NUMBERS = ["0", "1", "1.5", "2.25", "-3", "40", "24", "25", "999", "99999999", "1e9", "0.001", "1:30", "abc",
           "", "   ", "12,5", "NaN", "inf", "7.777", "2026-02-30", "13/45/2026"]
EMOJI = ["🚀", "👩‍💼", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🇺🇸"]


def random_text(rng: random.Random, multiline: bool = False) -> str:
    roll = rng.random()
    if roll < 0.35:
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
    elif roll < 0.5:
        text = rng.choice(NUMBERS)
    elif roll < 0.6:
        text = "".join(rng.choice("<&>\"'") for _ in range(rng.randint(1, 8)))
    elif roll < 0.7:
        text = rng.choice(EMOJI) + rng.choice(WORDS)
    elif roll < 0.8:  # long
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(50, 600)))
    elif roll < 0.85:
        text = "x" * rng.randint(200, 3000)
    else:
        text = "".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(rng.randint(1, 30)))
    if multiline and rng.random() < 0.3:
        text = text + "\n" + random_text(rng) + "\n\n"
    return text


def is_ascii(text: str) -> bool:
    """Text QTest.keyClicks can type (it sends Latin-1 key codes, and aborts on others)."""
    return all(0x20 <= ord(c) < 0x7F for c in text)


# --- small fixture files for the file choosers ------------------------------------------------------------------

ICS_TITLE = "Monkey Regional Summit"


def write_ics(path: Path, title: str = ICS_TITLE, year: int = YEAR, uid: str = "monkey-1@example.org") -> Path:
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Monkey//EN\r\nBEGIN:VEVENT\r\n"
                    f"UID:{uid}\r\nDTSTAMP:{year}0101T120000Z\r\nSUMMARY:{title}\r\n"
                    f"DTSTART;VALUE=DATE:{year}0915\r\nDTEND;VALUE=DATE:{year}0917\r\n"
                    "DESCRIPTION:Organizer: Monkey League\\nTwo days of sessions.\r\n"
                    "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    return path


def write_files(folder: Path) -> dict[str, list[Path | None]]:
    """The answers the monkey gives to the file choosers, by kind (None is a cancelled chooser)."""
    folder.mkdir(parents=True, exist_ok=True)
    good_csv = folder / "activities.csv"
    good_csv.write_text("date,title,hours,type,practices,description\r\n"
                        f"{YEAR}-03-04,Monkey webinar on budgets,1.5,webinar,12;14,Took part <&> asked\r\n"
                        f"{YEAR - 1}-11-20,Monkey conference,6,conference,1,\r\n", encoding="utf-8")
    bad_csv = folder / "broken.csv"
    bad_csv.write_text("date,title,hours\r\nnot a date,,lots\r\n\"unterminated\r\n", encoding="utf-8")
    latin1_csv = folder / "latin1.csv"
    latin1_csv.write_bytes("date,title,hours\r\n2025-01-02,Caf\xe9,1\r\n".encode("latin-1"))
    bad_ics = folder / "broken.ics"
    bad_ics.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:No end\r\n", encoding="utf-8")
    empty = folder / "empty.ics"
    empty.write_bytes(b"")
    attachment = folder / "certificate.txt"
    attachment.write_text("Certificate of completion <&> Zoë\n", encoding="utf-8")
    image = folder / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    not_a_db = folder / "notes.sqlite3"
    not_a_db.write_text("this is not a database", encoding="utf-8")
    return {
        "ics": [None, write_ics(folder / "registration.ics"),
                write_ics(folder / "other.ics", "Monkey webinar", YEAR + 1, "monkey-2@example.org"),
                Path(__file__).parent / "data" / "registrations.ics", bad_ics, empty],
        "csv": [None, good_csv, bad_csv, latin1_csv],
        "sqlite3": [None, not_a_db],
        "any": [None, attachment, image],
    }


def database_problems(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    problems = [] if integrity == ["ok"] else [f"integrity_check: {integrity}"]
    if foreign:
        problems.append(f"foreign_key_check: {foreign[:10]}")
    return problems


# --- the monkey -------------------------------------------------------------------------------------------------


def describe(widget: QWidget | None) -> str:
    if widget is None or not shiboken6.isValid(widget):
        return "<gone>"
    text = ""
    for getter in ("text", "windowTitle", "accessibleName"):
        value = getattr(widget, getter, None)
        if callable(value):
            try:
                text = str(value())
            except TypeError:  # QPlainTextEdit has no text(); a QLineEdit's is fine
                continue
            if text:
                break
    text = text.replace("\n", " ")
    window = widget.window()
    where = (window.objectName() or type(window).__name__) if window is not widget else ""
    page = ""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName().endswith("Page"):
            page = parent.objectName()
            break
        parent = parent.parentWidget()
    name = widget.objectName()
    return (f"{type(widget).__name__}{'#' + name if name else ''}{' ' + repr(text[:40]) if text else ''}"
            f"{' on ' + page if page else ''}{' in ' + where if where else ''}")


def visible_widgets(root: QWidget) -> list[QWidget]:
    """The widgets shown in the window `root` (not those of other windows: dialogs, menus). Hidden subtrees (the
    pages not shown, say) are not walked, which makes this much faster than findChildren."""
    found: list[QWidget] = []
    todo = [root]
    while todo:
        for child in todo.pop().children():
            if isinstance(child, QWidget) and child.isVisible() and not child.isWindow():
                found.append(child)
                todo.append(child)
    return found


class Monkey:
    def __init__(self, window: MainWindow, qtbot: QtBot, qtlog: Any, rng: random.Random, seed: int,
                 files: dict[str, list[Path | None]], out: Path):
        self.window = window
        self.qtbot = qtbot
        self.qtlog = qtlog
        self.rng = rng
        self.seed = seed
        self.files = files
        self.out = out
        self.count = 0
        self.log: deque[str] = deque(maxlen=LAST_ACTIONS)
        # Every action, as it happens: what is left to read after a crash that kills the process.
        self.log_file = (out / "monkey-actions.log").open("w", encoding="utf-8", buffering=1)
        self.failures: list[str] = []
        self.messages: list[str] = []  # errors and about boxes the app showed (not failures)
        self.modal_depth = 0
        self.answering: list[QDialog] = []  # the blocking dialogs run_modal is answering
        self.saved = 0
        self.action_started: float | None = None
        self.database: Path | None = None
        self._warnings_seen = 0

    # --- the answers to every blocking question ---------------------------------------------------------------

    def patch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Answer every function of `prompts` (one the monkey does not know is recorded and answered None)."""
        for name, function in vars(prompts).items():
            if inspect.isfunction(function) and function.__module__ == prompts.__name__:
                monkeypatch.setattr(prompts, name, getattr(self, name, None) or self.unknown_prompt(name))
        monkeypatch.setattr(printing, "ask_printer", self.ask_printer)
        self.window.database_requested.connect(lambda path, demo: self.note(f"  database requested: {path}"))

    def note(self, text: str) -> None:
        self.log.append(text)
        self.log_file.write(f"{self.count:6d} {text}\n")

    def confirm(self, parent: QWidget | None, title: str, text: str, ok_label: str = "OK") -> bool:
        answer = self.rng.random() < 0.5
        self.note(f"  confirm {title!r} -> {answer}")
        return answer

    def show_error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(f"{title}: {text}")
        self.note(f"  error shown: {title}: {text[:100]!r}")

    def show_about(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(f"{title}: {text}")
        self.note(f"  about shown: {title}")

    def show_notice(self, parent: QWidget | None, title: str, text: str, details: str = "",
                    action_label: str = "") -> bool:
        answer = bool(action_label) and self.rng.random() < 0.5
        self.messages.append(f"{title}: {text}")
        self.note(f"  notice shown: {title}: {text[:60]!r} -> {answer}")
        return answer

    def show_crash(self, parent: QWidget | None, summary: str, details: str, log_folder: Path) -> None:
        self.failures.append(f"The crash dialog was shown: {summary}\n{details}")

    def unknown_prompt(self, name: str) -> Callable[..., None]:
        def answer(*args: Any, **kwargs: Any) -> None:
            self.note(f"  prompts.{name}{args[1:]!r} -> None")
        return answer

    def _kind(self, file_filter: str) -> str:
        for kind in ("ics", "csv", "sqlite3"):
            if f".{kind}" in file_filter:
                return kind
        return "any"

    def choose_open_file(self, parent: QWidget | None, caption: str, file_filter: str,
                         folder: str = "") -> Path | None:
        answer = self.rng.choice(self.files[self._kind(file_filter)])
        self.note(f"  open file {caption!r} -> {answer}")
        return answer

    def choose_open_files(self, parent: QWidget | None, caption: str, file_filter: str = "All files (*)",
                          folder: str = "") -> list[Path]:
        answer = [p for p in self.rng.sample(self.files["any"], self.rng.randint(0, 2)) if p is not None]
        self.note(f"  open files {caption!r} -> {answer}")
        return answer

    def choose_save_file(self, parent: QWidget | None, caption: str, suggested: str,
                         file_filter: str) -> Path | None:
        roll = self.rng.random()
        self.saved += 1
        suffix = Path(suggested).suffix
        if roll < 0.2:
            answer = None
        elif roll < 0.3:  # a folder that cannot exist: a file is in the way
            blocker = self.out / "blocker"
            blocker.write_text("x")
            answer = blocker / f"out{suffix}"
        elif roll < 0.4:
            answer = self.out / f"saved-{self.saved}"  # no suffix
        else:
            answer = self.out / f"saved-{self.saved}{suffix}"
        self.note(f"  save file {caption!r} -> {answer}")
        return answer

    def open_with_system(self, path: Path) -> bool:
        self.note(f"  open with system {path}")
        return False

    def ask_printer(self, parent: QWidget) -> QPrinter | None:
        if self.rng.random() < 0.5:
            self.note("  print dialog -> cancelled")
            return None
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.out / f"printed-{self.count}.pdf"))
        self.note("  print dialog -> a PDF file")
        return printer

    def run_modal(self, dialog: QDialog) -> bool:
        """A blocking dialog: shown (window-modal, not blocking), explored for a few actions, then answered."""
        self.note(f"  modal dialog {describe(dialog)}")
        if isinstance(dialog, QPrintDialog):  # never a real printer
            dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            dialog.printer().setOutputFileName(str(self.out / "print-dialog.pdf"))
        if self.modal_depth >= 2:
            return False
        self.modal_depth += 1
        self.answering.append(dialog)
        try:
            dialog.open()
            for _ in range(self.rng.randint(0, 8)):
                if not shiboken6.isValid(dialog) or not dialog.isVisible():
                    break
                self.step()
            tries = 0
            while shiboken6.isValid(dialog) and dialog.isVisible():
                tries += 1
                if tries > 10:
                    self.note(f"  {describe(dialog)} would not close: done(Rejected)")
                    dialog.done(QDialog.DialogCode.Rejected)
                    break
                self.finish(dialog)
                QApplication.processEvents()
        finally:
            self.modal_depth -= 1
            self.answering.remove(dialog)
        return shiboken6.isValid(dialog) and dialog.result() == QDialog.DialogCode.Accepted

    # --- failures ---------------------------------------------------------------------------------------------

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        self.failures.append("".join(traceback.format_exception(kind, value, tb)))

    def new_warnings(self) -> list[str]:
        records = self.qtlog.records
        fresh = records[self._warnings_seen:]
        self._warnings_seen = len(records)
        return [f"Qt {r.type_name}: {r.message}" for r in fresh if r.matches_level("WARNING") and not r.ignored]

    def check(self) -> None:
        self.failures.extend(self.new_warnings())
        if self.failures:
            self.fail("\n".join(self.failures))

    def fail(self, why: str) -> None:
        actions = "\n".join(f"    {line}" for line in self.log)
        pytest.fail(f"The monkey (seed {self.seed}) failed after {self.count} actions:\n{why}\n"
                    f"Last actions (oldest first):\n{actions}\n"
                    f"Messages the app showed: {self.messages[-5:]}\nAll the actions: {self.log_file.name}\n"
                    f"Reproduce: WETHRIVE_MONKEY_SEED={self.seed} WETHRIVE_MONKEY_ACTIONS={self.count} "
                    "QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/test_monkey.py -k monkey_run", pytrace=False)

    def watchdog(self) -> None:
        """Runs in any nested event loop an action started: a menu's exec() (a spin box's context menu) is answered
        as a user would; a modal dialog's exec() that does not go through prompts is a failure, and rejected."""
        if self.action_started is None:
            return
        waited = time.monotonic() - self.action_started
        popup = QApplication.activePopupWidget()
        if popup is not None and waited > 0.2:
            self.note("  (a popup is waiting in its exec())")
            self.answer_popup(popup)
            return
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and waited > 3 and modal not in self.answering:
            self.failures.append(f"A blocking exec() that does not go through prompts: {describe(modal)}")
            modal.reject()

    # --- the run ----------------------------------------------------------------------------------------------

    def run(self, actions: int, database: Path) -> None:
        self.database = database
        self.sweep(actions)
        self.note("(the random run)")
        while self.count < actions:
            self.step()
        self.note("(end of the run: closing the dialogs)")
        for _ in range(50):
            popup = QApplication.activePopupWidget()
            if popup is not None:
                popup.close()
            open_dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
            if not open_dialogs:
                break
            self.finish(open_dialogs[-1])
            QApplication.processEvents()
            self.check()
        self.qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=60000)
        QApplication.processEvents()
        self.check()

    def sweep(self, actions: int) -> None:
        """Every page, every button it shows and every menu action, once each in a seeded order, so that a run of
        any seed presses each of them; the dialogs they open are explored and answered as in the random run."""
        self.note("(the sweep: every page, button and menu action)")
        rows = list(range(self.window.nav.count()))
        self.rng.shuffle(rows)
        pressed: set[int] = set()
        for row in rows:
            self.step(partial(self.switch_page, self.window, [], row))
            page = self.window.stack.widget(row)
            assert page is not None
            self.sweep_buttons(page, row, pressed, actions)
            tabs = [(bar, i) for bar in visible_widgets(page) if isinstance(bar, QTabBar) for i in range(bar.count())]
            for bar, index in tabs:  # and those on every tab
                if self.count >= actions:
                    return
                if self.window.stack.currentIndex() != row:
                    self.step(partial(self.switch_page, self.window, [], row))
                if shiboken6.isValid(bar) and bar.isVisible() and bar.isTabEnabled(index):
                    self.step(partial(self.switch_tab, bar, [bar], index))
                    self.sweep_buttons(page, row, pressed, actions)
        actions_ = self.menu_actions()
        self.rng.shuffle(actions_)
        for action in actions_:
            if self.count >= actions:
                return
            if action.isEnabled():
                self.step(partial(self.trigger, action))
                self.settle(actions)

    def sweep_buttons(self, page: QWidget, row: int, pressed: set[int], actions: int) -> None:
        """Press each button `page` shows that was not pressed yet."""
        buttons = [w for w in visible_widgets(page) if isinstance(w, QAbstractButton)]
        self.rng.shuffle(buttons)
        for button in buttons:
            if self.count >= actions:
                return
            if self.window.stack.currentIndex() != row:  # a button went to another page
                self.step(partial(self.switch_page, self.window, [], row))
            if not shiboken6.isValid(button) or not button.isVisible() or not button.isEnabled():
                continue
            key = shiboken6.getCppPointer(button)[0]
            if key not in pressed:
                pressed.add(key)
                self.step(partial(self.press, button))
                self.settle(actions)

    def settle(self, actions: int) -> None:
        """Random actions while a dialog or popup is open (each dialog ends within a few)."""
        for _ in range(40):
            if self.count >= actions or not (
                    QApplication.activePopupWidget() or QApplication.activeModalWidget()
                    or any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets())):
                return
            self.step()

    def step(self, action: Callable[[], object] | None = None) -> None:
        """One action: `action`, or one chosen at random."""
        self.count += 1
        outer = self.action_started
        self.action_started = time.monotonic()
        try:
            if action is None:
                self._step()
            else:
                action()
        except Exception:  # a slot's exception that reached the caller, or the monkey's own bug
            self.failures.append(traceback.format_exc())
        finally:
            self.action_started = outer
        QApplication.processEvents()
        if self.modal_depth == 0:  # not from inside a slot (a blocking dialog's), where pytest.fail would be caught
            if self.count % 10 == 0:
                # What the event loop does between user actions: deferred deletes too.
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.check()
            if self.count % CHECK_DATABASE_EVERY == 0 and self.database is not None:
                problems = database_problems(self.database)
                if problems:
                    self.fail("The database is damaged: " + "; ".join(problems))

    def _step(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            self.answer_popup(popup)
            return
        modal = QApplication.activeModalWidget()
        root: QWidget
        if modal is not None:
            root = modal
        else:
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
            root = self.rng.choice(dialogs) if dialogs and self.rng.random() < 0.7 else self.window
        if isinstance(root, QDialog) and self.dialog_spent(root):
            self.finish(root)
            return
        self.act_in(root)

    def dialog_spent(self, dialog: QDialog) -> bool:
        budget = dialog.property("monkeyBudget")
        if budget is None:
            budget = self.rng.randint(1, 15)
        dialog.setProperty("monkeyBudget", int(budget) - 1)
        return int(budget) <= 0

    def finish(self, dialog: QDialog) -> None:
        tries = int(dialog.property("monkeyTries") or 0)
        dialog.setProperty("monkeyTries", tries + 1)
        roll = self.rng.random()
        if tries == 0 and roll < 0.5:
            box = dialog.findChild(QDialogButtonBox)
            ok = [b for b in box.buttons() if box.buttonRole(b) in (QDialogButtonBox.ButtonRole.AcceptRole,
                                                                    QDialogButtonBox.ButtonRole.YesRole)
                  and b.isVisible() and b.isEnabled()] if box is not None else []
            if ok and self.rng.random() < 0.7:
                button = self.rng.choice(ok)
                self.note(f"finish {describe(dialog)}: click {describe(button)}")
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            else:
                self.note(f"finish {describe(dialog)}: accept()")
                dialog.accept()
        elif roll < 0.8:
            self.note(f"finish {describe(dialog)}: reject()")
            dialog.reject()
        else:
            self.note(f"finish {describe(dialog)}: Escape")
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    def answer_popup(self, popup: QWidget) -> None:
        if isinstance(popup, QMenu):
            actions = [a for a in popup.actions() if a.isEnabled() and a.isVisible() and not a.isSeparator()]
            if actions and self.rng.random() < 0.7:
                action = self.rng.choice(actions)
                self.note(f"menu {describe(popup)}: {action.text()!r}")
                popup.setActiveAction(action)
                QTest.keyClick(popup, Qt.Key.Key_Return)  # as chosen: a menu's exec() returns it
                return
        elif self.rng.random() < 0.5:  # a combo box's list, a date edit's calendar, a completer: pick one
            target = popup.focusWidget() or popup
            key = self.rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Right])
            self.note(f"pick in popup {describe(popup)} with {key.name} and Return")
            QTest.keyClick(target, key)
            QTest.keyClick(target, Qt.Key.Key_Return)
            return
        self.note(f"close popup {describe(popup)}")
        popup.close()

    # --- the actions --------------------------------------------------------------------------------------------

    def act_in(self, root: QWidget) -> None:
        widgets = [w for w in visible_widgets(root) if w.isEnabled()]
        kinds: list[tuple[Callable[[QWidget, list[QWidget]], bool], int]] = [
            (self.click, 30), (self.type_text, 18), (self.change_combo, 10), (self.select_row, 10),
            (self.double_click_row, 4), (self.press_key, 10), (self.switch_tab, 4), (self.context_menu, 3),
        ]
        if root is self.window:
            kinds += [(self.trigger_menu_action, 7), (self.switch_page, 6), (self.switch_year, 4)]
        functions = [k for k, _ in kinds]
        weights = [w for _, w in kinds]
        for _ in range(8):
            if self.rng.choices(functions, weights)[0](root, widgets):
                return
        self.press_key(root, widgets)

    def click(self, root: QWidget, widgets: list[QWidget]) -> bool:
        buttons = [w for w in widgets if isinstance(w, QAbstractButton)]
        if not buttons:
            return False
        return self.press(self.rng.choice(buttons))

    def press(self, button: QAbstractButton) -> bool:
        menu = button.menu() if hasattr(button, "menu") else None
        if menu is not None:  # its click runs the menu's exec(): choose one of its actions instead
            actions = [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
            if not actions:
                return False
            action = self.rng.choice(actions)
            self.note(f"menu of {describe(button)}: {action.text()!r}")
            action.trigger()
            return True
        self.note(f"click {describe(button)}")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, button.rect().center())
        return True

    def type_text(self, root: QWidget, widgets: list[QWidget]) -> bool:
        editors = [w for w in widgets
                   if (isinstance(w, QLineEdit) and not w.isReadOnly()
                       and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox))
                   or (isinstance(w, QPlainTextEdit | QTextEdit) and not w.isReadOnly())
                   or (isinstance(w, QAbstractSpinBox) and not w.isReadOnly())]
        if not editors:
            return False
        editor = self.rng.choice(editors)
        editor.setFocus(Qt.FocusReason.MouseFocusReason)
        if isinstance(editor, QDateTimeEdit):
            return self._set_date(editor)
        if isinstance(editor, QAbstractSpinBox):
            return self._set_number(editor)
        text = random_text(self.rng, multiline=not isinstance(editor, QLineEdit))
        if self.rng.random() < 0.5:
            QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # type over everything
        if len(text) <= 40 and is_ascii(text):
            self.note(f"type {text!r} into {describe(editor)}")
            QTest.keyClicks(editor, text)
        elif len(text) <= 40 and self.rng.random() < 0.5:  # as an input method (a CJK IME) types it
            self.note(f"input method types {text!r} into {describe(editor)}")
            event = QInputMethodEvent("", [])
            event.setCommitString(text)
            QApplication.sendEvent(editor, event)
        else:  # paste it
            self.note(f"paste {len(text)} characters {text[:30]!r}... into {describe(editor)}")
            QApplication.clipboard().setText(text)
            QTest.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        if self.rng.random() < 0.3:
            self.note(f"Enter in {describe(editor)}")
            QTest.keyClick(editor, Qt.Key.Key_Return)
        return True

    def _set_date(self, editor: QDateTimeEdit) -> bool:
        roll = self.rng.random()
        if roll < 0.15:
            value = editor.minimumDate()
        elif roll < 0.3:
            value = editor.maximumDate()
        elif roll < 0.5:
            value = QDate.currentDate().addDays(self.rng.randint(-400, 400))
        else:
            value = QDate(self.rng.randint(1990, 2060), self.rng.randint(1, 12), self.rng.randint(1, 28))
        if self.rng.random() < 0.7:
            self.note(f"set date {value.toString('yyyy-MM-dd')} in {describe(editor)}")
            editor.setDate(value)
        else:
            text = self.rng.choice([value.toString(editor.displayFormat()), "0000", "99", "2026-02-30", "abc"])
            self.note(f"type date {text!r} into {describe(editor)}")
            QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClicks(editor, text)
        if self.rng.random() < 0.4:
            QTest.keyClick(editor, self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return]))
        return True

    def _set_number(self, editor: QAbstractSpinBox) -> bool:
        roll = self.rng.random()
        if roll < 0.4 and isinstance(editor, QSpinBox | QDoubleSpinBox):
            value = self.rng.choice([editor.minimum(), editor.maximum(), 0, 1, editor.maximum() / 2,
                                     self.rng.uniform(editor.minimum(), editor.maximum())])
            if isinstance(editor, QSpinBox):
                value = int(value)
            self.note(f"set {value!r} in {describe(editor)}")
            editor.setValue(value)  # type: ignore[arg-type]
        elif roll < 0.7:
            text = self.rng.choice([n for n in NUMBERS if is_ascii(n)])
            self.note(f"type {text!r} into {describe(editor)}")
            QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClicks(editor, text)
        else:
            key = self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown])
            self.note(f"key {key.name} in {describe(editor)}")
            QTest.keyClick(editor, key)
        if self.rng.random() < 0.3:
            QTest.keyClick(editor, Qt.Key.Key_Return)
        return True

    def change_combo(self, root: QWidget, widgets: list[QWidget], only_years: bool = False) -> bool:
        combos = [w for w in widgets if isinstance(w, QComboBox) and w.count() > 0]
        if only_years:
            combos = [c for c in combos if "year" in (c.objectName() + c.accessibleName()).lower()]
        if not combos:
            return False
        combo = self.rng.choice(combos)
        index = self.rng.randrange(combo.count())
        self.note(f"choose {combo.itemText(index)!r} in {describe(combo)}")
        combo.setFocus(Qt.FocusReason.MouseFocusReason)
        combo.setCurrentIndex(index)
        if shiboken6.isValid(combo):
            combo.activated.emit(index)  # as a choice made by the user
        return True

    def switch_year(self, root: QWidget, widgets: list[QWidget]) -> bool:
        return self.change_combo(root, widgets, only_years=True)

    def _random_index(self, widgets: list[QWidget]) -> tuple[QAbstractItemView, QModelIndex] | None:
        views = [w for w in widgets if isinstance(w, QAbstractItemView)]
        self.rng.shuffle(views)
        for view in views:
            model = view.model()
            if model is None:
                continue
            parent = view.rootIndex()
            rows = model.rowCount(parent)
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
            if rows <= 0 or columns <= 0:
                continue
            index = model.index(self.rng.randrange(rows), self.rng.randrange(columns), parent)
            view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            if view.visualRect(index).isEmpty():
                index = model.index(index.row(), 0, parent)
                if view.visualRect(index).isEmpty():
                    continue
            return view, index
        return None

    def select_row(self, root: QWidget, widgets: list[QWidget]) -> bool:
        found = self._random_index(widgets)
        if found is None:
            return False
        view, index = found
        modifier = self.rng.choice([Qt.KeyboardModifier.NoModifier] * 4 + [Qt.KeyboardModifier.ControlModifier,
                                                                          Qt.KeyboardModifier.ShiftModifier])
        self.note(f"click row {index.row()} column {index.column()} of {describe(view)} ({modifier.name})")
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center())
        return True

    def double_click_row(self, root: QWidget, widgets: list[QWidget]) -> bool:
        found = self._random_index(widgets)
        if found is None:
            return False
        view, index = found
        self.note(f"double-click row {index.row()} column {index.column()} of {describe(view)}")
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          view.visualRect(index).center())
        return True

    KEYS: list[tuple[Qt.Key, Qt.KeyboardModifier]] = [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Enter, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
    ] + [(getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier) for n in range(1, 8)]
    MENU_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Up, Qt.Key.Key_Down,
                 Qt.Key.Key_F4}

    def press_key(self, root: QWidget, widgets: list[QWidget]) -> bool:
        target = QApplication.focusWidget()
        if target is None or target.window() is not root or not target.isVisible():
            target = root
        key, modifiers = self.rng.choice(self.KEYS)
        if (isinstance(target, QAbstractButton) and getattr(target, "menu", lambda: None)() is not None
                and key in self.MENU_KEYS):
            return False  # would run the button's menu exec()
        self.note(f"key {modifiers.name}+{key.name} on {describe(target)}")
        QTest.keyClick(target, key, modifiers)
        return True

    def switch_tab(self, root: QWidget, widgets: list[QWidget], index: int | None = None) -> bool:
        bars = [w for w in widgets if isinstance(w, QTabBar) and w.count() > 1]
        if not bars:
            return False
        bar = self.rng.choice(bars)
        if index is None:
            index = self.rng.randrange(bar.count())
        self.note(f"tab {bar.tabText(index)!r} of {describe(bar)}")
        bar.setCurrentIndex(index)
        return True

    def context_menu(self, root: QWidget, widgets: list[QWidget]) -> bool:
        # The app's own context menus, and the standard ones of the editors (Undo, Paste, Delete, Select All...).
        targets = [w for w in widgets if w.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
                   or (isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox)
                       and w.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu)]
        if not targets:
            return False
        target = self.rng.choice(targets)
        receiver = target.viewport() if isinstance(target, QAbstractItemView) else target
        pos = QPoint(self.rng.randrange(max(1, receiver.width())), self.rng.randrange(max(1, receiver.height())))
        if isinstance(target, QAbstractItemView) and self.rng.random() < 0.7:
            found = self._random_index([target])
            if found is not None:
                pos = target.visualRect(found[1]).center()
        self.note(f"context menu on {describe(target)} at ({pos.x()}, {pos.y()})")
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, receiver.mapToGlobal(pos))
        QApplication.sendEvent(receiver, event)
        return True

    def menu_actions(self) -> list[QAction]:
        """The main window's menu actions (pages add some), but Quit."""
        actions: list[QAction] = []
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                actions += [a for a in menu.actions() if not a.isSeparator() and a.isVisible()
                            and a.objectName() not in NO_QUIT and a.menu() is None]
        return actions

    def trigger_menu_action(self, root: QWidget, widgets: list[QWidget]) -> bool:
        actions = [a for a in self.menu_actions() if a.isEnabled()]
        return bool(actions) and self.trigger(self.rng.choice(actions))

    def trigger(self, action: QAction) -> bool:
        self.note(f"menu action {action.objectName() or action.text()!r}")
        action.trigger()
        return True

    def switch_page(self, root: QWidget, widgets: list[QWidget], row: int | None = None) -> bool:
        if row is None:
            row = self.rng.randrange(self.window.nav.count())
        self.note(f"page {self.window.nav.item(row).text()!r}")
        self.window.nav.setCurrentRow(row)
        return True


@contextmanager
def collecting_exceptions(monkey: Monkey) -> Iterator[None]:
    """Exceptions in Qt slots go to sys.excepthook: collect them for the monkey's report while it runs."""
    previous = sys.excepthook
    sys.excepthook = monkey.excepthook
    try:
        yield
    finally:
        sys.excepthook = previous


@pytest.fixture
def demo_window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The demo data in a window built as the app builds it: the first page, then the others one per turn of the
    event loop once the window is up (so the monkey starts while they are still being built). Closed as
    conftest's make_window closes its windows."""
    from wethrive_desktop.app import create_main_window
    from wethrive_desktop.models.db import close_database

    window = create_main_window(ensure_demo_database(demo_db_path()), defer_pages=True)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.undo_stack.clear()
    window.close()
    close_database()


# The offscreen platform cannot raise a window or grab the keyboard (a completer's popup asks for both).
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
@pytest.mark.parametrize("seed", SEEDS)
def test_monkey_run(seed: int, demo_window: MainWindow, qtbot: QtBot, qtlog: Any, monkeypatch: pytest.MonkeyPatch,
                    tmp_path: Path) -> None:
    window, database = demo_window, demo_db_path()
    assert window.demo
    window.activateWindow()
    (tmp_path / "out").mkdir()
    monkey = Monkey(window, qtbot, qtlog, random.Random(seed), seed, write_files(tmp_path / "files"),
                    tmp_path / "out")
    monkey.patch(monkeypatch)
    watchdog = QTimer()
    watchdog.setInterval(100)
    watchdog.timeout.connect(monkey.watchdog)
    watchdog.start()
    with collecting_exceptions(monkey):
        try:
            monkey.check()  # nothing before the first action
            monkey.run(ACTIONS, database)
            monkey.note("(closing the window)")
            window.close()
            QApplication.processEvents()
            monkey.check()
        finally:
            watchdog.stop()
            monkey.log_file.close()
    problems = database_problems(database)
    if problems:
        monkey.fail("The database is damaged: " + "; ".join(problems))


# --- regression tests of the bugs the monkey found ----------------------------------------------------------------


def test_import_calendar_button_imports_the_chosen_file(window: MainWindow, qtbot: QtBot,
                                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The button passed its clicked(bool) as the path: AttributeError "'bool' object has no attribute 'name'"."""
    ics = write_ics(tmp_path / "registration.ics")
    monkeypatch.setattr(prompts, "choose_open_file", lambda *args, **kwargs: ics)
    page = window.show_page("plannerPage")
    assert isinstance(page, PlannerPage)
    page.show_year(YEAR)
    QTest.mouseClick(page.import_button, Qt.MouseButton.LeftButton)

    def imported() -> bool:
        return page.import_worker is None and any(item.title == ICS_TITLE for item in page.items_model.records)

    qtbot.waitUntil(imported)
    assert page.import_button.isEnabled()


def test_a_write_that_reads_first_still_writes_when_another_thread_wrote_meanwhile(db: object) -> None:
    """The calendar import (a worker) reads, then writes, in one transaction; a plan need ticked on the GUI thread
    in between made the import fail at once with peewee.OperationalError "database is locked": its transaction,
    begun DEFERRED, held only a snapshot that was stale by then. Now every transaction begins IMMEDIATE."""
    from wethrive_desktop.models.db import database_proxy
    from wethrive_desktop.models.plans import ensure_plan, get_plan, new_item, save_item, set_needs

    ensure_plan(YEAR)
    has_read, ticked, go_on = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def importer() -> None:  # as calendar_import.import_events on a pool thread
        try:
            with database_proxy.atomic():
                get_plan(YEAR)
                has_read.set()
                go_on.wait(10)
                save_item(YEAR, new_item("Imported summit"))
        except Exception as exc:
            errors.append(exc)
        finally:
            database_proxy.obj.close()  # this thread's connection

    def ticker() -> None:  # as the planner's need check box
        try:
            set_needs(YEAR, [3])
        except Exception as exc:
            errors.append(exc)
        finally:
            database_proxy.obj.close()
            ticked.set()

    first = threading.Thread(target=importer)
    first.start()
    assert has_read.wait(10)
    second = threading.Thread(target=ticker)
    second.start()
    ticked.wait(0.5)  # done at once when the import holds no write lock (then its write failed); now it waits
    go_on.set()
    first.join(20)
    second.join(20)
    assert errors == []
    plan = get_plan(YEAR)
    assert plan is not None and plan.needs == (3,)
    assert [item.title for item in plan.items] == ["Imported summit"]


def test_print_pressed_again_while_the_pdf_builds_prints_once(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Print pressed twice before the PDF was built queued two print jobs; the second replaced the first while its
    painter was still active on its printer, which destroyed the printer under the painter: a segmentation fault
    (in ReportPage._print_rendered). A print job now runs alone."""
    page = window.show_page("reportPage")
    assert isinstance(page, ReportPage)
    printers: list[QPrinter] = []

    def ask_printer(parent: QWidget) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"printed-{len(printers)}.pdf"))
        printers.append(printer)
        return printer

    monkeypatch.setattr(printing, "ask_printer", ask_printer)
    printed: list[int] = []
    page.printed.connect(printed.append)
    page.print_button.click()
    page.print_button.click()  # still enabled: the PDF is being built

    def done() -> bool:
        return bool(printed) and page.print_button.isEnabled()

    qtbot.waitUntil(done, timeout=30000)
    assert len(printers) == 1 and len(printed) == 1
    assert (tmp_path / "printed-0.pdf").stat().st_size > 0
