"""The self-assessment page, one part per module:

- page.py: `AssessmentPage`, the coordinator: the overview (history, development needs, the Chart and Compare tabs)
  and the editor, two faces in a QStackedWidget; new, edit, delete (undoable) and "Mark suggested as needs".
- form.py: `AssessmentEditor`, the 14-row form (date, kind, notes; per practice rating, score, notes, develop?).
- history.py: the columns of the history table.
- compare.py: the Compare tab's rows and columns: two assessments practice by practice, with the change.
- chart.py: `RatingsChart`, the QtCharts bars of the latest assessment against the previous one.
- style.py: the colours (up, down, errors) and the "not rated" mark.

Everything it does to data goes through models/assessments.
"""
