"""The annual report page, one part per module:

- page.py: `ReportPage`, the coordinator: the year, the status line, the tabs and the readiness panel (beside the
  tabs, or a tab of its own on a narrow page), the fixes, Ctrl+S and File > Print.
- narrative.py: the Reflections tab: the choice "Reflect on each activity" / "Write the year as one narrative" (a
  wholistic report) over the reflections or the narrative (autosaved, with its word count).
- reflections.py: the activities' "How I took part" / "What I learned" (autosaved, undoable).
- activity_list.py: the Reflections tab's list of activities: a list model and its view (no widget an activity).
- summary.py: the "Summary & plan" tab: summary reflection (in a year written as one narrative, a note pointing to
  the narrative, which is then the year's reflection), needs and goals, next year's plan, 360, the hours that count
  and why, an extension granted, attestation.
- fields.py: the text field with its word count and prompt both tabs use, and the autosave delay.
- readiness_panel.py: the readiness check beside the tabs, each open item with a button to its fix.
- preview.py: the Preview tab: the PDF built on a worker and shown with QtPdf; Save as PDF.
- printing.py: the print dialog and the print job (one page per turn of the event loop).
- submit.py: Mark submitted: the dialog asking for the date, and the freeze run on a worker.
- portal.py: Copy for the ICMA portal (Ctrl+Shift+C): each activity's fields in the form's order, each with Copy.
- style.py: the colours, the escaping of text for the rich-text labels, and small shared helpers (a span of dates
  in the user's format, a bold label with an access key, a dialog's first size fitted to its screen).

Everything it does to data goes through models/annual_report (the same functions as `wethrive report...`).
"""
