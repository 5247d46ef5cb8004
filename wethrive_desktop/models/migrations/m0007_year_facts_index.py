"""The facts of a year's activities read from one index: what the dashboard and the reminders (in the window and
`wethrive deadlines`) count (models.dashboard.load_year), without reading the activities' rows.

The rows of a year need not lie together in the file: activities imported from several years' spreadsheets, or
entered late, are stored in the order they came. Read through the table, each of a year's rows is a lookup of its
own; at 100,000 activities that was a third of the dashboard's work before the window's first paint (issue 12).

`activity_facts` holds, in date order, the columns the count needs (models.dashboard.YearActivity) and starts with
the three of `activity_identity` (date, title, hours: ActivityData.identity), which it replaces: one index to write
per activity, as before, only wider, and written again when any of its columns changes (not only the date, title
or hours).

Written as SQL, not from the model classes, so this step stays what it was when later models change.
"""

from __future__ import annotations

import peewee

VERSION = 7
DESCRIPTION = "the facts of a year's activities in one index"

STATEMENTS = [
    "DROP INDEX IF EXISTS activity_identity",  # (a file whose index was dropped by hand still upgrades)
    "CREATE INDEX activity_facts ON activity (start_date, title, hours, status, type, end_date, provider, "
    "challenge_key, delivery_hours, topics, meets_conditions)",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
