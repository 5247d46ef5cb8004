"""The foundation schema: profile, practices, the challenge catalogue, activities and their attachments.

Written as SQL, not from the model classes, so this step stays what it was when later models change.
"""

from __future__ import annotations

import peewee

from wethrive_desktop.models.domain import CHALLENGE_2017, PRACTICES

VERSION = 1
DESCRIPTION = "profile, practices, challenge catalogue, activities, attachments"

STATEMENTS = [
    """CREATE TABLE profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL DEFAULT '',
        member_number TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        organization TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        credential_status TEXT NOT NULL DEFAULT 'none'
            CHECK (credential_status IN ('none', 'candidate', 'credentialed')),
        program_entry_date DATE,
        credentialed_date DATE,
        management_assessment_date DATE,
        multirater_completed_date DATE,
        challenge_signup INTEGER NOT NULL DEFAULT 0
    )""",
    "INSERT INTO profile (id) VALUES (1)",
    """CREATE TABLE practice (
        number INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 14),
        name TEXT NOT NULL UNIQUE
    )""",
    """CREATE TABLE challenge_item (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        points INTEGER NOT NULL CHECK (points >= 0),
        UNIQUE (year, key)
    )""",
    """CREATE TABLE activity (
        id INTEGER PRIMARY KEY,
        start_date DATE NOT NULL,
        end_date DATE,
        title TEXT NOT NULL,
        provider TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL,
        hours INTEGER NOT NULL CHECK (hours >= 0),
        description TEXT NOT NULL DEFAULT '',
        learned TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'completed' CHECK (status IN ('completed', 'planned')),
        challenge_key TEXT,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL
    )""",
    "CREATE INDEX activity_start_date ON activity (start_date)",
    "CREATE INDEX activity_identity ON activity (start_date, title, hours)",
    """CREATE TABLE activity_practice (
        activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
        practice_id INTEGER NOT NULL REFERENCES practice (number),
        PRIMARY KEY (activity_id, practice_id)
    )""",
    "CREATE INDEX activity_practice_practice ON activity_practice (practice_id)",
    """CREATE TABLE attachment (
        id INTEGER PRIMARY KEY,
        activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
        original_name TEXT NOT NULL,
        stored_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        added_at DATETIME NOT NULL
    )""",
    "CREATE INDEX attachment_activity ON attachment (activity_id)",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
    for number, name in PRACTICES.items():
        db.execute_sql("INSERT INTO practice (number, name) VALUES (?, ?)", (number, name))
    for points, key, name in CHALLENGE_2017:
        db.execute_sql(
            "INSERT INTO challenge_item (year, key, name, points) VALUES (2017, ?, ?, ?)", (key, name, points)
        )
