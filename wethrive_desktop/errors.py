"""The one error boundary's words: what an exception the user can act on means, in one sentence. No Qt.

The command line (cli.main) and the GUI (ui/crash_dialog.py) both ask `describe(exc)`: a sentence for a damaged or
locked database, a full disk, a file that cannot be read or written, or input that could not be parsed; None for a
bug (which the crash net reports as one). The traceback always goes to the log, never to the user.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from decimal import InvalidOperation

import peewee

from wethrive_desktop.models.db import StoreError, current_path_or_none
from wethrive_desktop.models.validation import ValidationError

DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
DATABASE_ERRORS = (sqlite3.Error, peewee.DatabaseError)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and those it was raised from or during (a failed rollback hides the disk-full that caused it)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _database() -> str:
    path = current_path_or_none()
    return str(path) if path is not None else "the database"


def _disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS:
        return True
    return isinstance(exc, DATABASE_ERRORS) and "disk is full" in str(exc)


def _os_error(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else "a file"
    if exc.errno in DISK_FULL_ERRNOS:
        return f"the disk is full: {name} could not be written. Free some space and try again; nothing was lost."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied: {name}. Choose a file or folder you may use."
    if exc.errno == errno.EROFS:
        return f"{name} is on a read-only disk. Choose another place."
    if exc.errno == errno.ENOENT:
        return f"{name} does not exist."
    return f"{name}: {exc.strerror or exc}."


def _database_error(exc: BaseException) -> str:
    text = str(exc)
    where = _database()
    if "locked" in text or "busy" in text:
        return (f"another WeThrive window or command is writing {where}; nothing was changed. Try again when it "
                "has finished.")
    if "malformed" in text or "not a database" in text or "disk I/O error" in text:
        return (f"{where} is damaged ({text}); nothing more was written to it. Open a backup copy from the "
                "backups folder beside it.")
    if "readonly" in text or "read-only" in text:
        return f"{where} can only be read (a read-only file or folder); nothing was changed."
    return f"{where} could not be used: {text}."


def describe(exc: BaseException) -> str | None:
    """One sentence for an error the user can act on, or None for a bug."""
    chain = list(_chain(exc))
    for link in chain:
        if _disk_full(link):
            return _os_error(link) if isinstance(link, OSError) else (
                f"the disk is full: {_database()} could not be written. Free some space and try again; the last "
                "change was not saved.")
    if isinstance(exc, ValidationError):
        return "; ".join(str(e) for e in exc.errors)
    if isinstance(exc, StoreError) or type(exc) is LookupError:  # LookupError itself: a record that is gone
        return str(exc)
    if isinstance(exc, OSError) and exc.errno is not None:  # one without an errno is raised by code, not the system
        return _os_error(exc)
    if isinstance(exc, DATABASE_ERRORS):
        return _database_error(exc)
    if isinstance(exc, UnicodeError):
        return f"a file is not text in an encoding WeThrive can read ({exc})."
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to read."
    if isinstance(exc, MemoryError):
        return "the input is too large to read."
    return None


def parse_failure(exc: BaseException) -> bool:
    """Errors that parsing hostile input raises: reported as the input's fault when they escape a reader."""
    return isinstance(exc, (ValueError, InvalidOperation, OverflowError, RecursionError, UnicodeError))
