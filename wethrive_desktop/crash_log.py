"""The app's log and its crash evidence, without Qt (the dialogs are in ui/crash_dialog.py).

- `setup_logging()`: the `wethrive_desktop` loggers write to `wethrive.log` in `log_dir()` (`LogFile`), rotated
  (1 MB x 3) from `rotate_log()` on, which the app calls once its window has painted.
- Each running session keeps a file `running-<pid>.log` there: the marker that it is running, and where
  faulthandler writes a fatal error (a segfault, an abort) with every thread's stack. `end_session()` deletes it
  on a clean exit, so a file left by a process that is gone means that session crashed or was killed.
- `previous_session_crashed()`: what such files say, once (the evidence moves to `last-crash.log`), or None.
- `install_thread_excepthook()`: an exception that ends a `threading.Thread` is logged (and forwarded, if asked).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.files import write_atomically
from wethrive_desktop.i18n import tr
from wethrive_desktop.paths import DATA_DIR_ENV

LOG_FILENAME = "wethrive.log"
LAST_CRASH_FILENAME = "last-crash.log"
SESSION_PREFIX = "running-"
LOGGER_NAME = "wethrive_desktop"
LOG_MAX_BYTES = 1_000_000  # the log rolls over to wethrive.log.1 past this size
LOG_BACKUPS = 3

log = logging.getLogger(__name__)

_handlers: list[logging.Handler] = []
_folder: Path | None = None  # where setup_logging logs (None: stderr)
_marker: IO[str] | None = None  # this process's running-<pid>.log, open for faulthandler until the clean exit
_catching_faults = False
_pending: str | None = None  # what setup_logging found about earlier sessions, until previous_session_crashed()


def log_dir() -> Path:
    """The log folder: the platform's user log folder, or `logs` in $WETHRIVE_DATA_DIR when that is set."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser() / "logs"
    import platformdirs  # here, not at the top: with WETHRIVE_DATA_DIR set it is never asked

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(catch_faults: bool = True) -> Path | None:
    """Log to `wethrive.log` and start this session's crash marker (with faulthandler writing into it when
    `catch_faults`). Returns the log folder, or None when it cannot be written (the log then goes to stderr)."""
    global _folder, _marker, _catching_faults, _pending
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    if _handlers:
        return _folder
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = LogFile(folder / LOG_FILENAME)
    except OSError as exc:
        _add_handler(logger, logging.StreamHandler(sys.stderr) if sys.stderr is not None else logging.NullHandler())
        log.warning("The log folder %s cannot be written (%s); logging to stderr", folder, exc)
        return None
    _add_handler(logger, handler)
    _folder = folder
    _pending = _collect_earlier_sessions()
    try:
        _marker = (folder / f"{SESSION_PREFIX}{os.getpid()}.log").open("w", encoding="utf-8")
        _marker.write(f"The session started {datetime.now():%Y-%m-%d %H:%M:%S} ({APP_NAME} {__version__}, "
                      f"process {os.getpid()})\n")
        _marker.flush()
    except OSError as exc:
        log.warning("The session marker could not be written: %s", exc)
        return folder
    if catch_faults:
        faulthandler.enable(file=_marker, all_threads=True)
        _catching_faults = True
    return folder


class LogFile(logging.Handler):
    """The log file: written through a plain FileHandler from the start, through a RotatingFileHandler (LOG_MAX_BYTES,
    LOG_BACKUPS kept) once `rotate` has run. The app rotates it once its window has painted: logging.handlers and
    what it imports (pickle, queue) cost some 8 ms of every start, before the first window, and a start writes a few
    lines. The swap happens under this handler's lock, which every record is written under: none is lost or written
    twice, and the plain file is closed before the rotating one first writes (or renames it)."""

    def __init__(self, path: Path):
        super().__init__()
        assert self.lock is not None  # made by Handler.__init__: every record is written under it
        self.held = self.lock
        self.path = path
        self.file: logging.FileHandler = logging.FileHandler(path, encoding="utf-8")

    def setFormatter(self, fmt: logging.Formatter | None) -> None:
        super().setFormatter(fmt)
        self.file.setFormatter(fmt)

    def emit(self, record: logging.LogRecord) -> None:
        self.file.emit(record)  # (its own errors are reported by logging's handleError, as any handler's)

    def flush(self) -> None:
        with self.held:
            self.file.flush()

    def close(self) -> None:
        with self.held:
            self.file.close()
        super().close()

    def rotate(self) -> None:
        """From now on the file rolls over to wethrive.log.1 past LOG_MAX_BYTES. Calling it again changes nothing."""
        import logging.handlers

        failed: OSError | None = None
        with self.held:
            if isinstance(self.file, logging.handlers.RotatingFileHandler):
                return
            try:
                rotating = logging.handlers.RotatingFileHandler(self.path, maxBytes=LOG_MAX_BYTES,
                                                                backupCount=LOG_BACKUPS, encoding="utf-8")
            except OSError as exc:  # the file could not be opened again: the plain one goes on
                failed = exc
            else:
                rotating.setFormatter(self.formatter)
                self.file.close()
                self.file = rotating
        if failed is not None:
            log.warning("The log does not rotate this session (%s): it grows until the next start", failed)


def rotate_log() -> None:
    """The log rotates from now on (LogFile.rotate): the app calls this once its window has painted."""
    for handler in _handlers:
        if isinstance(handler, LogFile):
            handler.rotate()


def _add_handler(logger: logging.Logger, handler: logging.Handler) -> None:
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    logger.addHandler(handler)
    _handlers.append(handler)


def end_session(status: int = 0) -> None:
    """The clean exit: log it and delete this session's marker, so the next start has nothing to tell."""
    global _marker, _catching_faults
    log.info("%s exited cleanly (status %s)", APP_NAME, status)
    if _catching_faults:
        faulthandler.disable()
        _catching_faults = False
    if _marker is not None:
        _marker.close()
        Path(_marker.name).unlink(missing_ok=True)
        _marker = None


def close_logging() -> None:
    """End the session and remove the handlers setup_logging added (for tests: the app keeps them to the end)."""
    global _folder, _pending
    if _marker is not None:
        end_session()
    logger = logging.getLogger(LOGGER_NAME)
    while _handlers:
        handler = _handlers.pop()
        logger.removeHandler(handler)
        handler.close()
    _folder = _pending = None


def previous_session_crashed() -> str | None:
    """What the sessions that ended without a clean exit left (faulthandler's report, or only that they did not
    end cleanly), or None. The answer is given once: the evidence moves to `last-crash.log` in the log folder."""
    global _pending
    found, _pending = _pending, None
    return found or _collect_earlier_sessions()


def _collect_earlier_sessions() -> str | None:
    reports = []
    try:
        markers = sorted(log_dir().glob(f"{SESSION_PREFIX}*.log"))
    except OSError:
        return None
    for path in markers:
        try:
            pid = int(path.stem.removeprefix(SESSION_PREFIX))
        except ValueError:
            continue
        if _alive(pid):
            continue  # this session, or another window of the app still running
        try:
            text = path.read_text(encoding="utf-8", errors="replace").strip()
            path.unlink()
        except OSError:
            continue
        header, _, fault = text.partition("\n")
        session = header or tr("The session of process {pid}").format(pid=pid)
        if fault.strip():
            reports.append(tr("{session}: it did not end cleanly. Its fatal error:\n\n{error}")
                           .format(session=session, error=fault.strip()))
        else:
            reports.append(tr("{session}: it did not end cleanly. No fatal error was recorded (the process may have "
                              "been killed, or the computer switched off).").format(session=session))
    if not reports:
        return None
    details = "\n\n".join(reports)
    log.warning("The previous session ended unexpectedly:\n%s", details)
    try:
        write_atomically(log_dir() / LAST_CRASH_FILENAME, details + "\n")
    except OSError:
        pass
    return details


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process now has that number
    return True


def log_exception(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None,
                  where: str = "the app") -> tuple[str, str]:
    """Log an uncaught exception with its traceback; return (a one-line summary, the traceback text)."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Uncaught exception in %s:\n%s", where, details.rstrip())
    return summarize(exc_type, exc), details


def summarize(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """One line for the user: the sentence errors.describe has for it, or the exception's type and text."""
    from wethrive_desktop.errors import describe

    sentence = describe(exc) if exc is not None else None
    if sentence is not None:
        return sentence[:1].upper() + sentence[1:]
    message = str(exc) if exc is not None else ""
    return f"{exc_type.__name__}: {message}" if message else exc_type.__name__


def log_command_error(command: str | None, exc: BaseException) -> Path | None:
    """Append the traceback of an error that ended a command-line command to the log (the command line sets up no
    logging); the log file, or None when it cannot be written."""
    details = "".join(traceback.format_exception(exc))
    path = log_dir() / LOG_FILENAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} ERROR wethrive {command or ''} ({__version__}):\n{details}")
    except (OSError, UnicodeError):
        return None
    return path


ForwardError = Callable[[str, str], None]


def install_thread_excepthook(forward: ForwardError | None = None) -> Callable[[threading.ExceptHookArgs], object]:
    """Log the exception that ends any thread, then pass (summary, details) to `forward` (called on that thread).
    Returns the hook it replaced."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a thread"
        summary, details = log_exception(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")
        if forward is not None:
            forward(summary, details)

    threading.excepthook = hook
    return previous
