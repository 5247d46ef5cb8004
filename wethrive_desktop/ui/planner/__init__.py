"""The development plan page, one part per module:

- page.py: `PlannerPage`, the coordinator: the year and the plan shown, the top bar, selection and the actions on
  the plan, its needs, goals and items.
- goals.py: the left side: "1. Development needs" and "2. Learning goals".
- items.py: "3. Planned activities": the items table, its columns and the buttons under it.
- progress.py: "Progress: planned against logged": totals, by practice, by goal.
- dialogs.py: the goal and planned-activity dialogs (`SaveDialog`: Save checks and stores, or says what is wrong).
- widgets.py: the practice picker and the optional date those dialogs use.
- log_it.py: "Log it" (through `make_activity_dialog`, which tests patch) and carry-over to next year.
- calendar_import.py: the .ics import: its button, its File-menu action and its worker.

Everything it does to data goes through models/plans.py, models/plan_actions.py and models/plan_progress.py.
"""
