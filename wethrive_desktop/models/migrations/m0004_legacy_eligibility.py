"""Legacy Leaders records (coaching, its yearly notes, recruitments/sponsorships and menu activities) and the
member's education and experience for the eligibility helper.

#WeThriveHere entries that carry no hours need no table: they are activities with 0 hours and a challenge key.
Written as SQL, not from the model classes, so this step stays what it was when later models change.
"""

from __future__ import annotations

import peewee

VERSION = 4
DESCRIPTION = "legacy leaders coaching and actions, eligibility"

STATEMENTS = [
    """CREATE TABLE legacy_coaching (
        id INTEGER PRIMARY KEY,
        person TEXT NOT NULL,
        program TEXT NOT NULL CHECK (program IN ('eldp', 'mcmi', 'leadership-icma', 'state')),
        program_name TEXT NOT NULL DEFAULT '',
        start_date DATE NOT NULL,
        end_date DATE,
        final_project_approved DATE,
        notes TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE legacy_coaching_year (
        coaching_id INTEGER NOT NULL REFERENCES legacy_coaching (id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        meeting TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (coaching_id, year)
    )""",
    """CREATE TABLE legacy_action (
        id INTEGER PRIMARY KEY,
        date DATE NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('member-recruited', 'participant-sponsored', 'participant-recruited',
            'fellow-sponsored', 'intern-position', 'discussion-group', 'student-outreach', 'other-menu')),
        person TEXT NOT NULL DEFAULT '',
        program TEXT CHECK (program IS NULL OR program IN ('eldp', 'mcmi', 'leadership-icma')),
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX legacy_action_date ON legacy_action (date)",
    """CREATE TABLE eligibility (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        education TEXT NOT NULL DEFAULT ''
            CHECK (education IN ('', 'mpa', 'masters', 'bachelors', 'no-bachelors')),
        senior_years INTEGER NOT NULL DEFAULT 0 CHECK (senior_years >= 0),
        department_head_years INTEGER NOT NULL DEFAULT 0 CHECK (department_head_years >= 0),
        as_of DATE,
        current_role TEXT NOT NULL DEFAULT 'senior'
            CHECK (current_role IN ('senior', 'department-head', 'other'))
    )""",
    "INSERT INTO eligibility (id) VALUES (1)",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
