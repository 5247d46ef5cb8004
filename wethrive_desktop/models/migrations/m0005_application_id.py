"""Stamp the file with WeThrive's SQLite application id, so that a file without it is known not to be ours.

Files created since this version carry it from the start (models.db.create_database); this step marks older ones.
"""

from __future__ import annotations

import peewee

from wethrive_desktop.models.db import APPLICATION_ID

VERSION = 5
DESCRIPTION = "application id"


def apply(db: peewee.SqliteDatabase) -> None:
    db.execute_sql(f"PRAGMA application_id = {int(APPLICATION_ID)}")
