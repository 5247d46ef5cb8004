"""Self-assessments against the 14 practices, and the yearly professional development plan.

Written as SQL, not from the model classes, so this step stays what it was when later models change.
Links to a logged activity use ON DELETE SET NULL: deleting an activity must never delete a plan item.
"""

from __future__ import annotations

import peewee

VERSION = 2
DESCRIPTION = "assessments, development plans, planned items"

STATEMENTS = [
    """CREATE TABLE assessment (
        id INTEGER PRIMARY KEY,
        date DATE NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('self', 'management', 'multirater')),
        notes TEXT NOT NULL DEFAULT '',
        created_at DATETIME NOT NULL
    )""",
    "CREATE INDEX assessment_date ON assessment (date)",
    """CREATE TABLE assessment_rating (
        assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
        practice_id INTEGER NOT NULL REFERENCES practice (number),
        rating INTEGER CHECK (rating BETWEEN 1 AND 5),
        score INTEGER CHECK (score >= 0),
        notes TEXT NOT NULL DEFAULT '',
        need INTEGER NOT NULL DEFAULT 0 CHECK (need IN (0, 1)),
        PRIMARY KEY (assessment_id, practice_id)
    )""",
    """CREATE TABLE plan (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1900 AND 2999),
        created_at DATETIME NOT NULL
    )""",
    """CREATE TABLE plan_need (
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        practice_id INTEGER NOT NULL REFERENCES practice (number),
        PRIMARY KEY (plan_id, practice_id)
    )""",
    """CREATE TABLE plan_goal (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        term TEXT NOT NULL CHECK (term IN ('long', 'short')),
        text TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX plan_goal_plan ON plan_goal (plan_id)",
    # At most one long-term goal per plan.
    "CREATE UNIQUE INDEX plan_goal_one_long ON plan_goal (plan_id) WHERE term = 'long'",
    """CREATE TABLE plan_goal_practice (
        goal_id INTEGER NOT NULL REFERENCES plan_goal (id) ON DELETE CASCADE,
        practice_id INTEGER NOT NULL REFERENCES practice (number),
        PRIMARY KEY (goal_id, practice_id)
    )""",
    """CREATE TABLE plan_item (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        provider TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL,
        start_date DATE,
        end_date DATE,
        estimated_hours INTEGER NOT NULL DEFAULT 0 CHECK (estimated_hours >= 0),
        goal_id INTEGER REFERENCES plan_goal (id) ON DELETE SET NULL,
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'dropped')),
        activity_id INTEGER REFERENCES activity (id) ON DELETE SET NULL,
        notes TEXT NOT NULL DEFAULT '',
        ics_uid TEXT UNIQUE,
        carried_to_id INTEGER REFERENCES plan_item (id) ON DELETE SET NULL,
        created_at DATETIME NOT NULL
    )""",
    "CREATE INDEX plan_item_plan ON plan_item (plan_id)",
    "CREATE INDEX plan_item_activity ON plan_item (activity_id)",
    "CREATE INDEX plan_item_goal ON plan_item (goal_id)",
    "CREATE INDEX plan_item_start_date ON plan_item (start_date)",
    """CREATE TABLE plan_item_practice (
        item_id INTEGER NOT NULL REFERENCES plan_item (id) ON DELETE CASCADE,
        practice_id INTEGER NOT NULL REFERENCES practice (number),
        PRIMARY KEY (item_id, practice_id)
    )""",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
