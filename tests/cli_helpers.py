"""What the command-line tests share: run `wethrive` in-process as a process would end, and read a database's
logical content to compare before and after."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wethrive_desktop.cli import main
from wethrive_desktop.models.db import close_database


def run(*argv: str | Path) -> int:
    """`wethrive ARGV...` in this process; the database is closed afterwards, as when the process ends."""
    code = main([str(a) for a in argv])
    close_database()
    return code


def dump(path: Path) -> list[str] | None:
    """The database's logical content (None when there is no file)."""
    if not path.exists():
        return None
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()
