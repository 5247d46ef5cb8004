"""What the command-line and store tests share: run `wethrive` in-process as a process would end, read a database's
logical content to compare before and after, and count the INSERT statements a bulk write runs."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
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


def count_inserts(action: Callable[[], object]) -> int:
    """How many INSERT statements `action()` runs on this thread's connection (each multi-row INSERT counts once;
    an executemany would count once per row)."""
    from wethrive_desktop.models.db import database_proxy

    statements: list[str] = []
    connection = database_proxy.connection()
    connection.set_trace_callback(statements.append)
    try:
        action()
    finally:
        connection.set_trace_callback(None)
    return sum(1 for s in statements if s.lstrip().upper().startswith("INSERT"))

