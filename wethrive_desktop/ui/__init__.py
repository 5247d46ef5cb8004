"""The Qt GUI: a client of models/ and reports/.

Where things are (each feature package's __init__ lists its modules):

- main_window.py: the window (menus, navigation, undo stack); pages.py: the pages in navigation order;
  shell.py: what a page is (`Page`) and what it may ask of the window (`Shell`).
- dashboard/: the dashboard page. activities/: the activity log, the activity dialog and importing activities.
  assessment/: the self-assessment page. planner/: the development plan. report/: the annual report page.
  challenge/: the #WeThriveHere page. legacy/: the Legacy Leaders page.
- profile/: the profile dialog and its Eligibility tab. crash_dialog.py: the crash net.
- widgets/: widgets and helpers the pages share (names, record tables, bar charts, form dialogs).
- prompts.py (every blocking question), undo.py (undo commands), workers.py (background work), garbage.py.
"""
