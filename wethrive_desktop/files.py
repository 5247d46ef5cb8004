"""The one way the app writes a file the user keeps: never half-written, never the old one lost.

Every writer (exports, the PDF, backups, attachments) goes through here. The new content goes to a temp file in the
same folder (so the final move stays on one file system), is flushed and fsynced, then moved over the target with
`os.replace`, which is atomic: a crash, a full disk or an exception leaves either the old file or the new one, and
the temp file is removed on any error. No Qt here: the data and report layers use it too.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".part"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once, at import (on the main thread, before any worker): os.umask can only be read by setting it.
_UMASK = _umask()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder, and needs nothing."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: Path | str, *, make_parents: bool = False) -> Iterator[Path]:
    """A temp path in `path`'s folder to write to (by any means: a library that wants a file name, sqlite's backup
    API); on leaving the block it is fsynced and moved over `path`. On an error it is deleted and `path` is left
    as it was.

    The folder must exist unless `make_parents`; `path` must not be a folder.
    """
    path = Path(path)
    folder = path.parent
    if make_parents:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise FileNotFoundError(f"folder {folder} does not exist")
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would (or the old file's).
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_UMASK
        os.chmod(tmp, mode)
        yield tmp
        _fsync(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def write_atomically(path: Path | str, data: bytes | str, *, encoding: str = "utf-8",
                     make_parents: bool = False) -> None:
    """Write `data` (text is encoded with `encoding`, newlines as given) to `path` through a temp file in the same
    folder: written, flushed, fsynced, then moved into place with os.replace. On any error the temp file is
    removed and `path` keeps its old content."""
    payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
    with atomic_path(path, make_parents=make_parents) as tmp, tmp.open("wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())


def temp_file_beside(path: Path | str) -> Path:
    """A new, empty, private temp file in `path`'s folder, to build a file in before it is placed
    (place_if_absent). The caller removes it when done."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    return Path(name)


def place_if_absent(built: Path, path: Path) -> bool:
    """Give the finished file `built` the name `path` only if nothing has that name (True); when another process
    got there first, leave its file alone (False). `built` keeps its own name too (the caller removes it)."""
    _fsync(built)
    try:
        if os.name == "nt":
            built.rename(path)  # Windows refuses an existing target; `built` is then gone, as the caller expects
        else:
            os.link(built, path)  # refuses an existing target
    except FileExistsError:
        return False
    _fsync_folder(path.parent)
    return True


class InputFileError(Exception):
    """Why a file given to read (an import) was not read: `reason` is "missing", "folder", "special" (a device, a
    pipe or a socket), "too_large" or "unreadable" (then `detail` says why). Each importer words it for its kind."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


def read_input_file(path: Path | str, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes. A folder, a device, a pipe or a socket
    is never read (opened without waiting for a writer, and checked again once open), so a FIFO or /dev/zero cannot
    hang the caller or fill memory; a file that grows past `limit` while read is refused too."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputFileError("missing") from None
    except (OSError, ValueError) as exc:
        raise InputFileError("unreadable", str(getattr(exc, "strerror", None) or exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError("folder")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError("special")
    if info.st_size > limit:
        raise InputFileError("too_large")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputFileError("special")
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputFileError("missing") from None
    except IsADirectoryError:
        raise InputFileError("folder") from None
    except OSError as exc:
        raise InputFileError("unreadable", str(exc.strerror or exc)) from None
    if len(data) > limit:
        raise InputFileError("too_large")
    return data
