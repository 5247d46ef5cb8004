"""Where the user's data lives: platformdirs by default, WETHRIVE_DATA_DIR to override, --db above both."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from wethrive_desktop import APP_NAME

DATA_DIR_ENV = "WETHRIVE_DATA_DIR"
DB_FILENAME = "wethrive.sqlite3"
DEMO_DB_FILENAME = "demo.sqlite3"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_FILENAME


def attachments_dir(db_path: Path) -> Path:
    """Attachments sit beside the database they belong to, so a --db elsewhere keeps its own."""
    return db_path.parent / f"{db_path.stem}-attachments"
