"""The #WeThriveHere challenge page, one part per module:

- page.py: `ChallengePage`: the year and the sign-up toggle; the Points tab (the total, the entries that earned it,
  points by month) and the Catalogue tab (each challenge year's items: add, edit, remove, copy to a new year).
- dialogs.py: the dialogs it opens: an entry without hours (`EntryDialog`), a catalogue item (`ItemDialog`), and
  copying a catalogue to a new year (`CopyDialog`).
- tables.py: the columns of the two tables: the Points tab's entries and the Catalogue tab's items.

Every write goes through models/challenge and the window's undo stack.
"""
