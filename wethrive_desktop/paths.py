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

import platformdirs

from wethrive_desktop import APP_NAME
from wethrive_desktop.files import write_atomically

log = logging.getLogger(__name__)

DATA_DIR_ENV = "WETHRIVE_DATA_DIR"
CONFIG_DIR_ENV = "WETHRIVE_CONFIG_DIR"
DB_FILENAME = "wethrive.sqlite3"
DEMO_DB_FILENAME = "demo.sqlite3"
POINTER_FILENAME = "data-folder.txt"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return chosen_data_dir() or default_data_dir()


def default_data_dir() -> Path:
    """The platform's folder for the app's data, used unless another was chosen."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config folder for the app (only the data-folder pointer lives there)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
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
    return Path(text).expanduser() if text else None


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
