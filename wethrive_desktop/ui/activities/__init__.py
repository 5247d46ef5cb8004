"""The activity log and the activity dialog, one part per module:

- page.py: `ActivityLogPage`: a year's activities in a sortable, searchable table, with progress toward 40 hours
  (the hours that count, and the hours logged when they differ).
- model.py: `ActivityTableModel`, the table's rows and columns (and why sorting sits in the source model).
- filter.py: `ActivityFilter`, the search, type and practice matching the model uses (no Qt; texts lower-cased once).
- dialog.py: `ActivityDialog`: add, edit or duplicate one activity, checked as the user types.
- fields.py: the dialog's form fields (dates, hours, texts, the checkable practice list).
- challenge.py: the dialog's #WeThriveHere item, suggested from the title until the member picks one.
- topics.py: the dialog's topic tags, completed and suggested (a suggestion is added only with a click).
- given.py: the dialog's section for mentoring and coaching given: what ICMA asks, what is missing, the conditions.
- attachments.py: the dialog's attachments list with Add files..., Open and Remove.
- (File > Import spreadsheet... is ui/import_wizard/.)

Saving, deleting and their undo go through ui/undo.py, the app's one undo mechanism.
"""
