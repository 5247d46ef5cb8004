"""The Requirements page (issue 14): every requirement the member tracks, ICMA's Tenet 8 first, with its current
period, the hours logged and counted and why they differ, and the editor of a requirement's definition.

- page.py: `RequirementsPage`, its cards (one per requirement) and the "What counts" table of the one selected.
- dialogs.py: `RequirementDialog`, which edits every field of a definition with the errors shown at the field.
- texts.py: the sentences the page shows about a requirement's standing (Qt-free, so tests read them directly).
"""
