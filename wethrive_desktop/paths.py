"""Where the user's data lives: --db above all, then WETHRIVE_DATA_DIR, then the folder chosen in Edit >
Preferences..., then platformdirs' default.

The folder chosen in Preferences is kept in a one-line pointer file in the user's config folder (not in the data
folder it points to, which it must outlive); WETHRIVE_CONFIG_DIR moves that config folder, so tests never write
the real one. A choice takes effect at the next start: the running app keeps the folder it opened.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from wethrive_desktop import APP_NAME
from wethrive_desktop.files import write_atomically

log = logging.getLogger(__name__)

DATA_DIR_ENV = "WETHRIVE_DATA_DIR"
CONFIG_DIR_ENV = "WETHRIVE_CONFIG_DIR"
DB_FILENAME = "wethrive.sqlite3"
DEMO_DB_FILENAME = "demo.sqlite3"
POINTER_FILENAME = "data-folder.txt"


# The data folder of this run, worked out once (the pointer read at the first call): choosing another in Preferences
# changes the pointer for the next start, never the folder this run reads and writes.
_this_run: list[Path] = []
_missing: list[Path] = []  # a chosen folder that was not there when this run started


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if not _this_run:
        _this_run.append(_folder_at_start())
    return _this_run[0]


def _folder_at_start() -> Path:
    chosen = chosen_data_dir()
    if chosen is None:
        return default_data_dir()
    if not chosen.is_dir():  # a drive not connected, a folder moved: the default, and the app says so
        log.warning("The data folder chosen in Preferences, %s, is not there; %s is used", chosen,
                    default_data_dir())
        _missing[:] = [chosen]
        return default_data_dir()
    return chosen


def missing_chosen_folder() -> Path | None:
    """The folder chosen in Preferences if it was not there when this run started (the default was used)."""
    data_dir()
    return _missing[0] if _missing else None


def forget_this_run() -> None:
    """Work the data folder out again at the next call, as a new start does (for tests)."""
    _this_run.clear()
    _missing.clear()


def default_data_dir() -> Path:
    """The platform's folder for the app's data, used unless another was chosen."""
    import platformdirs  # here, not at the top: a start with WETHRIVE_DATA_DIR set never asks it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config folder for the app (only the data-folder pointer lives there)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def pointer_path() -> Path:
    return config_dir() / POINTER_FILENAME


def chosen_data_dir() -> Path | None:
    """The data folder chosen in Preferences, or None (none chosen, or the pointer cannot be read)."""
    try:
        text = pointer_path().read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("The data-folder pointer %s was not read: %s", pointer_path(), exc)
        return None
    if not text:
        return None
    folder = Path(text).expanduser()
    if not folder.is_absolute():  # Preferences writes absolute paths: a relative one would follow the cwd
        log.warning("The data-folder pointer %s holds a relative path, %r: ignored", pointer_path(), text)
        return None
    return folder


def choose_data_dir(folder: Path | None) -> None:
    """Use `folder` for the data from the next start (None, or the default folder: back to the default). The
    pointer file is written whole or not at all; an OSError reaches the caller, which tells the user."""
    path = pointer_path()
    if folder is None or folder == default_data_dir():
        path.unlink(missing_ok=True)
        return
    write_atomically(path, f"{folder}\n", make_parents=True)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_FILENAME


def attachments_dir(db_path: Path) -> Path:
    """Attachments sit beside the database they belong to, so a --db elsewhere keeps its own."""
    return db_path.parent / f"{db_path.stem}-attachments"
