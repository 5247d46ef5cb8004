"""The Legacy Leaders page, one part per module:

- page.py: `LegacyPage`: this year's status banner, the status of each year with what is missing, and the tabs of
  records: coaching relationships, recruitments and sponsorships, menu activities (add, edit, delete).
- dialogs.py: `CoachingDialog` (a coaching relationship with its notes per year) and `ActionDialog` (a
  recruitment, a sponsorship or a menu activity).

The rule lives in models.legacy_rule.legacy_years; every write goes through models/legacy and the window's undo stack.
"""
