"""ICMA's counting and other requirements (DOMAIN.md sections 7 and 8).

- Activities get delivery hours (teaching: the preparation is `hours`, which count; delivery is shown, not
  counted), topic tags, whether a mentoring or coaching given meets ICMA's conditions (NULL: not said), and a flag
  asking the member to confirm the type of an old "coaching" activity that reads as given.
- The type "coaching" (given or received) now means coaching received; "mentoring" (given) and "coaching-given"
  (in the ICMA Coaching Program) are new. Old "coaching" rows stay "coaching": the ones whose words read as given
  are flagged, and the report's readiness check asks the member about them.
- `mentoring` holds what ICMA asks of a mentoring or coaching given, one row per activity.
- `requirement` holds the requirements as data (JSON definitions); ICMA's Tenet 8 is put in.
- The profile gets the service status (in transition, no longer in local government), the Retired Credentialed
  Manager status and the 360's instrument, raters and status; an annual report gets the whole-year ("wholistic")
  narrative and an extension date.

Written as SQL, not from the model classes, so this step stays what it was when later models change.
"""

from __future__ import annotations

import json
import re

import peewee

VERSION = 6
DESCRIPTION = "ICMA counting: mentoring and coaching given, teaching delivery, topics, requirements, statuses"

TENET_8 = {
    "key": "icma-tenet-8",
    "name": "ICMA Code of Ethics, Tenet 8",
    "template": "icma-tenet-8",
    "hours": 40,
    "period": {"kind": "calendar"},
    "topics": [],
    "topic_minimums": {},
    "caps": {"mentoring": 20, "coaching-given": 20},
    "conditions": ["mentoring", "coaching-given"],
    "providers": [],
    "carry_over": None,
    "due_days": 0,
    "grace_days": 0,
    "notes": "40 hours of professional development a calendar year. Mentoring given and coaching given in the "
             "ICMA Coaching Program count for at most 20 hours each, and only when ICMA's conditions hold; for "
             "teaching, the hours spent preparing count.",
}

STATEMENTS = [
    "ALTER TABLE activity ADD COLUMN delivery_hours INTEGER NOT NULL DEFAULT 0 CHECK (delivery_hours >= 0)",
    "ALTER TABLE activity ADD COLUMN topics TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE activity ADD COLUMN meets_conditions INTEGER CHECK (meets_conditions IN (0, 1))",
    "ALTER TABLE activity ADD COLUMN type_review INTEGER NOT NULL DEFAULT 0 CHECK (type_review IN (0, 1))",
    """CREATE TABLE mentoring (
        activity_id INTEGER PRIMARY KEY REFERENCES activity (id) ON DELETE CASCADE,
        mentee TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        own_employee INTEGER CHECK (own_employee IN (0, 1)),
        program TEXT NOT NULL DEFAULT '',
        relationship_start DATE,
        relationship_end DATE,
        frequency TEXT NOT NULL DEFAULT '',
        subjects TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE requirement (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 60),
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        position INTEGER NOT NULL DEFAULT 0,
        created_at DATETIME NOT NULL
    )""",
    # profile.credential_status gains 'retired': its CHECK is in the table's definition, so the table is rebuilt.
    """CREATE TABLE profile_new (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL DEFAULT '',
        member_number TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        organization TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        credential_status TEXT NOT NULL DEFAULT 'none'
            CHECK (credential_status IN ('none', 'candidate', 'credentialed', 'retired')),
        program_entry_date DATE,
        credentialed_date DATE,
        management_assessment_date DATE,
        multirater_completed_date DATE,
        challenge_signup INTEGER NOT NULL DEFAULT 0,
        service_status TEXT NOT NULL DEFAULT 'serving' CHECK (service_status IN ('serving', 'transition', 'left')),
        multirater_instrument TEXT NOT NULL DEFAULT '',
        multirater_preapproved INTEGER CHECK (multirater_preapproved IN (0, 1)),
        multirater_raters INTEGER CHECK (multirater_raters IS NULL OR multirater_raters >= 0),
        multirater_status TEXT NOT NULL DEFAULT '' CHECK (multirater_status IN ('', 'postponed', 'waived'))
    )""",
    """INSERT INTO profile_new (id, name, member_number, title, organization, location, email, credential_status,
            program_entry_date, credentialed_date, management_assessment_date, multirater_completed_date,
            challenge_signup)
        SELECT id, name, member_number, title, organization, location, email, credential_status, program_entry_date,
            credentialed_date, management_assessment_date, multirater_completed_date, challenge_signup FROM profile""",
    "DROP TABLE profile",
    "ALTER TABLE profile_new RENAME TO profile",
    "ALTER TABLE annual_report ADD COLUMN wholistic INTEGER NOT NULL DEFAULT 0 CHECK (wholistic IN (0, 1))",
    "ALTER TABLE annual_report ADD COLUMN narrative TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE annual_report ADD COLUMN extension_until DATE",
]

# Words that read as coaching or mentoring given ("Mentoring a new analyst", "coached two interns") and as received
# ("my mentor", "coaching from"), to flag the old "coaching" activities the member should look at.
_GIVEN = re.compile(r"\b(?:mentoring|mentored|coached|coaching (?:a|an|the|two|three|my|our|new)\b|"
                    r"(?:as|served as) (?:a )?(?:mentor|coach)|mentor (?:to|for)|coaching program|mentee)",
                    re.IGNORECASE)
_RECEIVED = re.compile(r"\b(?:my (?:mentor|coach)|(?:with|from|by) (?:a |my |an )?(?:mentor|coach)|received|"
                       r"executive coaching for me)", re.IGNORECASE)


def reads_as_given(title: str, description: str) -> bool:
    text = f"{title}\n{description}"
    return bool(_GIVEN.search(text)) and not _RECEIVED.search(text)


def apply(db: peewee.SqliteDatabase) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
    flagged = [(row_id,) for row_id, title, description in db.execute_sql(
        "SELECT id, title, description FROM activity WHERE type = 'coaching'") if reads_as_given(title, description)]
    db.cursor().executemany("UPDATE activity SET type_review = 1 WHERE id = ?", flagged)
    db.execute_sql("INSERT INTO requirement (key, definition, position, created_at) VALUES (?, ?, 0, "
                   "strftime('%Y-%m-%d %H:%M:%S', 'now'))", (TENET_8["key"], json.dumps(TENET_8)))
