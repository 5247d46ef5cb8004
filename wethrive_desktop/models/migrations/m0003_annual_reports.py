"""Annual reports: the editor's per-year text, and the frozen revisions that were submitted.

Written as SQL, not from the model classes, so this step stays what it was when later models change.
A revision holds the exact report content as JSON and the sha256 of the PDF built from it: once stored it is never
updated (a trigger refuses it), so later edits to activities cannot change what was sent.
"""

from __future__ import annotations

import peewee

VERSION = 3
DESCRIPTION = "annual reports and their submitted revisions"

STATEMENTS = [
    """CREATE TABLE annual_report (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1900 AND 2999),
        summary_reflection TEXT NOT NULL DEFAULT '',
        attestation_name TEXT NOT NULL DEFAULT '',
        attestation_date DATE,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL
    )""",
    """CREATE TABLE annual_report_revision (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES annual_report (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        submitted_date DATE NOT NULL,
        snapshot TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
        created_at DATETIME NOT NULL,
        UNIQUE (report_id, revision)
    )""",
    """CREATE TRIGGER annual_report_revision_frozen BEFORE UPDATE ON annual_report_revision
    BEGIN
        SELECT RAISE(ABORT, 'a submitted report revision cannot be changed');
    END""",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
