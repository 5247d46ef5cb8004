"""Files in and out of the store: CSV (activities), JSON (the whole database) and ICS (calendar events into a plan).

Qt-free, like models/ and reports/. Exchange sits above models/: an importer validates and writes records through
models' functions and tables, an exporter reads them; models/ never imports it. It is not reports/ (the PDF),
which only draws a ReportData: these modules read and write the user's own data files.

    csv_io.py           the activity CSV: export, preview and apply an import
    json_format.py      the JSON envelope, `Section`, `JsonImportError` and the checked readers
    json_foundation.py  the profile, challenge catalogue and activity sections
    json_plans.py       the assessment and plan sections
    json_legacy.py      the Legacy Leaders and eligibility sections
    json_reports.py     the annual report section (submitted revisions as their frozen snapshots)
    json_requirements.py  the requirement definitions the member tracks
    json_io.py          every section in order; export_json, read_export and import_json
    calendar_import.py  events of an .ics calendar as planned items of a development plan
    tabular.py          any member's spreadsheet (CSV/TSV/TXT, .xlsx): preview, apply, rejected rows, built on
    tabular_read.py       reading the file (encodings, delimiters, sheets) and finding its header row,
    tabular_map.py        its columns mapped to fields by name and synonym (and remembered mappings),
    tabular_values.py     and values as people write them (dates in either order, 1,5 h, 90 min, type synonyms)
"""
