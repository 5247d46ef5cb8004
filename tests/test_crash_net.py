"""The crash net: uncaught exceptions (any thread) are logged and told in one calm dialog; a fatal error or a killed
session is told once at the next start; Ctrl+C quits cleanly; an unusable data folder gets a message, not a crash."""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRunnable, Qt, QThread, QThreadPool
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from wethrive_desktop import APP_NAME, crash_log
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.crash_dialog import MESSAGE, CrashNet, install_crash_net, make_crash_dialog
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.workers import run_in_worker

Shown = list[dict[str, object]]


def subprocess_env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "WETHRIVE_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}


def run_python(code: str, data_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], env=subprocess_env(data_dir), capture_output=True, text=True,
                          timeout=timeout)


def read_log() -> str:
    return (crash_log.log_dir() / crash_log.LOG_FILENAME).read_text(encoding="utf-8")


@pytest.fixture
def logging_on(data_dir: Path) -> Iterator[Path]:
    """The app's log, in the test's data folder (faulthandler stays pytest's)."""
    folder = crash_log.setup_logging(catch_faults=False)
    assert folder == data_dir / "logs"
    yield folder
    crash_log.close_logging()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Shown:
    """Every crash dialog asked for (none is shown), with the thread it was asked on."""
    calls: Shown = []

    def show_crash(parent: object, summary: str, details: str, log_folder: Path) -> None:
        calls.append({"summary": summary, "details": details, "folder": log_folder,
                      "gui_thread": QThread.currentThread() == qapp.thread()})

    monkeypatch.setattr(prompts, "show_crash", show_crash)
    return calls


@pytest.fixture
def net(qapp: QApplication, logging_on: Path, shown: Shown) -> Iterator[CrashNet]:
    """The crash net as run_gui installs it, taken down (pytest-qt's hooks put back) before the test ends."""
    installed = install_crash_net(qapp)
    try:
        yield installed
    finally:
        installed.uninstall()
        installed.deleteLater()


def test_the_log_module_loads_no_qt_and_logs_in_the_data_folder(data_dir: Path) -> None:
    code = ("import sys, wethrive_desktop.crash_log as c; "
            "print(c.log_dir()); print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    result = run_python(code, data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(data_dir / "logs"), "[]"]
    assert crash_log.log_dir() == data_dir / "logs"


def test_the_log_rotates_from_rotate_log_on_keeping_what_was_written_before(
        logging_on: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crash_log, "LOG_MAX_BYTES", 2_000)
    logger = logging.getLogger(f"{crash_log.LOGGER_NAME}.test")
    logger.warning("written at the start")
    [handler] = logging.getLogger(crash_log.LOGGER_NAME).handlers
    assert isinstance(handler, crash_log.LogFile) and type(handler.file) is logging.FileHandler
    crash_log.rotate_log()
    rotating = handler.file
    crash_log.rotate_log()  # once is enough: a second call changes nothing
    assert isinstance(rotating, logging.handlers.RotatingFileHandler) and handler.file is rotating
    for number in range(60):  # some 5,000 bytes: two roll-overs
        logger.warning("line %d of a long session", number)
    log = logging_on / crash_log.LOG_FILENAME
    rolled = [path for n in (3, 2, 1) if (path := logging_on / f"{crash_log.LOG_FILENAME}.{n}").is_file()]
    assert len(rolled) >= 2 and log.stat().st_size <= 2_000
    text = "".join(path.read_text(encoding="utf-8") for path in [*rolled, log])
    assert "written at the start" in text and "line 59 of a long session" in text


def test_a_log_that_cannot_start_rotating_goes_on_as_it_was(logging_on: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    class Refused(logging.handlers.RotatingFileHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise PermissionError("the file was locked meanwhile")

    monkeypatch.setattr(logging.handlers, "RotatingFileHandler", Refused)
    crash_log.rotate_log()  # no exception reaches the window's event loop
    logging.getLogger(f"{crash_log.LOGGER_NAME}.test").warning("still written")
    text = read_log()
    assert "does not rotate this session (the file was locked meanwhile)" in text and "still written" in text


def test_no_record_is_lost_or_written_twice_while_the_log_starts_rotating(logging_on: Path) -> None:
    logger = logging.getLogger(f"{crash_log.LOGGER_NAME}.test")
    started = threading.Barrier(5)

    def write(thread: int) -> None:
        started.wait()
        for number in range(400):
            logger.warning("thread %d record %d", thread, number)

    threads = [threading.Thread(target=write, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    started.wait()
    crash_log.rotate_log()  # while the four write
    for thread in threads:
        thread.join()
    lines = (logging_on / crash_log.LOG_FILENAME).read_text(encoding="utf-8").splitlines()
    written = [line.split("] ", 1)[1] for line in lines if " record " in line]
    assert sorted(written) == sorted(f"thread {t} record {n}" for t in range(4) for n in range(400))


def test_the_app_turns_the_log_rotation_on_once_its_window_has_painted(qtbot: QtBot, logging_on: Path,
                                                                       tmp_path: Path) -> None:
    from wethrive_desktop import app
    from wethrive_desktop.models.db import close_database

    [handler] = logging.getLogger(crash_log.LOGGER_NAME).handlers
    assert isinstance(handler, crash_log.LogFile)
    assert type(handler.file) is logging.FileHandler  # the start: a plain file, no logging.handlers
    window = app.open_window(tmp_path / "records.sqlite3")
    try:
        qtbot.waitUntil(lambda: isinstance(handler.file, logging.handlers.RotatingFileHandler))
    finally:
        window.close()
        close_database()


def test_an_exception_in_a_slot_is_logged_and_shown_once(qtbot: QtBot, net: CrashNet, shown: Shown) -> None:
    def broken() -> None:
        raise ValueError("boom in a slot")

    button = QPushButton("Break")
    qtbot.addWidget(button)
    button.clicked.connect(broken)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 1)
    call = shown[0]
    assert call["summary"] == "ValueError: boom in a slot"
    assert "Traceback" in str(call["details"]) and "in broken" in str(call["details"])
    assert call["folder"] == crash_log.log_dir() and call["gui_thread"]
    log = read_log()
    assert "Uncaught exception" in log and "ValueError: boom in a slot" in log and "in broken" in log

    # The same bug again is logged, not shown again.
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert len(shown) == 1
    assert read_log().count("ValueError: boom in a slot") == 2


def test_an_exception_while_the_dialog_is_up_is_only_logged(qtbot: QtBot, net: CrashNet, shown: Shown,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    record = prompts.show_crash

    def show_crash_and_fail_again(parent: QWidget | None, summary: str, details: str, log_folder: Path) -> None:
        record(parent, summary, details, log_folder)
        try:
            raise KeyError("second")
        except KeyError as exc:
            sys.excepthook(KeyError, exc, exc.__traceback__)
        QApplication.processEvents()  # the dialog's own event loop would deliver the second report here

    monkeypatch.setattr(prompts, "show_crash", show_crash_and_fail_again)
    try:
        raise KeyError("first")
    except KeyError as exc:
        sys.excepthook(KeyError, exc, exc.__traceback__)
    qtbot.waitUntil(lambda: len(shown) == 1)
    qtbot.wait(50)
    assert [c["summary"] for c in shown] == ["KeyError: 'first'"]
    assert "KeyError: 'second'" in read_log()


def test_the_dialog_says_so_calmly_shows_the_details_and_copies_them(qtbot: QtBot, data_dir: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []

    def open_with_system(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(prompts, "open_with_system", open_with_system)
    details = 'Traceback (most recent call last):\n  File "x.py", line 1, in f\nValueError: boom\n'
    dialog = make_crash_dialog(None, "ValueError: boom", details, data_dir / "logs")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.message.text() == MESSAGE == "Something went wrong. Your records are safe."
    assert "ValueError: boom" in dialog.summary.text() and str(data_dir / "logs") in dialog.summary.text()
    assert dialog.details_view.toPlainText() == details and not dialog.details_view.isVisible()
    QTest.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert dialog.details_view.isVisible()

    QGuiApplication.clipboard().clear()
    QTest.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details
    QTest.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [data_dir / "logs"]
    assert dialog.isVisible()  # Copy and Open log folder leave it open; Close closes it
    dialog.reject()


def test_an_exception_in_a_thread_is_logged_and_shown_on_the_gui_thread(qtbot: QtBot, net: CrashNet,
                                                                        shown: Shown) -> None:
    def work() -> None:
        raise RuntimeError("boom in a thread")

    thread = threading.Thread(target=work, name="import-thread")
    thread.start()
    thread.join(10)
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert shown[0]["summary"] == "RuntimeError: boom in a thread" and shown[0]["gui_thread"]
    log = read_log()
    assert "Uncaught exception in thread import-thread" in log and "boom in a thread" in log


def test_pool_thread_failures_reach_the_dialog_on_the_gui_thread(qtbot: QtBot, net: CrashNet, shown: Shown) -> None:
    # A run_in_worker job without on_error: its error is raised again on the GUI thread.
    def job() -> None:
        raise OSError("boom in a worker")

    worker = run_in_worker(job)
    qtbot.waitUntil(lambda: worker.done and len(shown) == 1)
    assert shown[0]["summary"] == "OSError: boom in a worker" and shown[0]["gui_thread"]

    # A runnable that fails on its pool thread, outside any worker's error path: PySide calls sys.excepthook there.
    class Broken(QRunnable):
        def run(self) -> None:
            raise ArithmeticError("boom on a pool thread")

    runnable = Broken()
    runnable.setAutoDelete(False)
    QThreadPool.globalInstance().start(runnable)
    qtbot.waitUntil(lambda: len(shown) == 2)
    QThreadPool.globalInstance().waitForDone(5000)
    assert shown[1]["summary"] == "ArithmeticError: boom on a pool thread" and shown[1]["gui_thread"]
    assert "boom in a worker" in read_log() and "boom on a pool thread" in read_log()


CRASH_SCRIPTS = {
    "abort": "import os; from wethrive_desktop import crash_log; crash_log.setup_logging(); os.abort()",
    "segfault": "import faulthandler; from wethrive_desktop import crash_log; crash_log.setup_logging(); "
                "faulthandler._sigsegv()",
    "killed": "import os; from wethrive_desktop import crash_log; crash_log.setup_logging(); os._exit(3)",
}


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX abort")
@pytest.mark.parametrize("how", list(CRASH_SCRIPTS))
def test_a_crashed_session_is_told_once_at_the_next_start(how: str, data_dir: Path) -> None:
    result = run_python(CRASH_SCRIPTS[how], data_dir)
    assert result.returncode != 0
    assert list((data_dir / "logs").glob("running-*.log"))  # the marker the session left

    details = crash_log.previous_session_crashed()
    assert details is not None and "did not end cleanly" in details
    if how == "abort":
        assert "Fatal Python error: Aborted" in details
    elif how == "segfault":
        assert "Fatal Python error: Segmentation fault" in details
    else:
        assert "No fatal error was recorded" in details
    assert crash_log.previous_session_crashed() is None
    assert not list((data_dir / "logs").glob("running-*.log"))
    assert (data_dir / "logs" / crash_log.LAST_CRASH_FILENAME).read_text(encoding="utf-8").strip() == details.strip()


def test_a_clean_exit_or_a_session_still_running_is_not_a_crash(data_dir: Path) -> None:
    result = run_python("from wethrive_desktop import crash_log; crash_log.setup_logging(); "
                        "crash_log.end_session(0)", data_dir)
    assert result.returncode == 0, result.stderr
    assert crash_log.previous_session_crashed() is None
    assert "exited cleanly (status 0)" in read_log()
    # Another window of the app, still running, has its marker: not a crash.
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (data_dir / "logs" / f"running-{other.pid}.log").write_text("The session started ...\n")
        assert crash_log.previous_session_crashed() is None
    finally:
        other.kill()
        other.wait(10)


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX abort")
def test_the_app_says_once_that_it_closed_unexpectedly(data_dir: Path, qapp: QApplication,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from wethrive_desktop.app import PREVIOUS_CRASH_TEXT, tell_previous_crash

    notices: list[tuple[str, str]] = []
    opened: list[Path] = []

    def show_notice(parent: QWidget | None, title: str, text: str, details: str = "", action_label: str = "") -> bool:
        notices.append((text, details))
        return action_label == "Open log folder"

    monkeypatch.setattr(prompts, "show_notice", show_notice)

    def open_with_system(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(prompts, "open_with_system", open_with_system)
    assert not tell_previous_crash(None)  # nothing happened yet
    run_python(CRASH_SCRIPTS["abort"], data_dir)

    assert tell_previous_crash(None)
    assert notices[0][0] == PREVIOUS_CRASH_TEXT == (f"{APP_NAME} closed unexpectedly last time. "
                                                    "Your records are safe.")
    assert "Fatal Python error: Aborted" in notices[0][1]
    assert opened == [data_dir / "logs"]
    assert not tell_previous_crash(None)
    assert len(notices) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT from another process is a POSIX thing")
def test_ctrl_c_quits_the_app_cleanly(data_dir: Path) -> None:
    log = data_dir / "logs" / crash_log.LOG_FILENAME
    process = subprocess.Popen([sys.executable, "-m", "wethrive_desktop"], env=subprocess_env(data_dir),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (log.exists() and f"{APP_NAME} started" in log.read_text(encoding="utf-8")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode in (0, 130), stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    text = log.read_text(encoding="utf-8")
    assert "Interrupted" in text and "exited cleanly (status 0)" in text
    assert "Python" in text and "Qt 6" in text and "demo.sqlite3" in text  # the start says what ran
    assert not list((data_dir / "logs").glob("running-*.log"))
    assert crash_log.previous_session_crashed() is None  # so the next start has nothing to tell


SHOW_ERROR_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
from wethrive_desktop.ui import prompts

def show_error(parent, title, text):
    print(json.dumps({"title": title, "text": text, "parent": parent is None,
                      "app": QApplication.instance() is not None}))

prompts.show_error = show_error
from wethrive_desktop.cli import main
sys.exit(main([]))
"""


def unusable(kind: str, data_dir: Path) -> Path:
    if kind == "a file":
        target = data_dir / "not-a-folder"
        target.write_text("a file where the data folder should be")
    elif kind == "a damaged database":
        target = data_dir / "records"
        target.mkdir()
        (target / "wethrive.sqlite3").write_bytes(b"this is not SQLite" * 100)
    else:
        target = data_dir / "read-only"
        target.mkdir()
        target.chmod(0o500)
    return target


@pytest.mark.parametrize("kind", [
    "a file", "a damaged database",
    pytest.param("a read-only folder", marks=pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                                                                reason="root (or Windows) writes anyway")),
])
def test_an_unusable_data_folder_gets_a_message_not_a_traceback(kind: str, data_dir: Path) -> None:
    target = unusable(kind, data_dir)
    try:
        result = run_python(SHOW_ERROR_SCRIPT, target)
    finally:
        if target.is_dir():
            target.chmod(0o700)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["title"] == APP_NAME and shown["app"] and shown["parent"]
    assert str(target) in shown["text"]
    if kind == "a damaged database":
        assert "not a WeThrive database" in shown["text"]
        log = (target / "logs" / crash_log.LOG_FILENAME).read_text(encoding="utf-8")
        assert "could not be opened" in log and "exited cleanly (status 1)" in log
    else:
        assert "a folder you can write to" in shown["text"]


def test_help_opens_the_log_folder(window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []

    def open_with_system(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(prompts, "open_with_system", open_with_system)
    action = window.findChild(QAction, "openLogFolderAction")
    assert action is not None and action in window.help_menu.actions()
    action.trigger()
    assert opened == [data_dir / "logs"] and opened[0].is_dir()


def test_the_app_installs_the_net_only_when_asked(qapp: QApplication) -> None:
    before = (sys.excepthook, threading.excepthook)
    import wethrive_desktop.app  # noqa: F401  (importing the app installs nothing)

    assert (sys.excepthook, threading.excepthook) == before
    net = install_crash_net(qapp)
    try:
        assert sys.excepthook == net.excepthook and threading.excepthook is not before[1]
    finally:
        net.uninstall()
        net.deleteLater()
    assert (sys.excepthook, threading.excepthook) == before
