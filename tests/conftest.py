"""Shared fixtures. Every test gets its own data folder, so none can touch the user's real data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("WETHRIVE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "test.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    """An open, migrated, empty database."""
    from wethrive_desktop.models.db import close_database, open_database

    database = open_database(db_path)
    yield database
    close_database()
