"""Widgets and helpers shared by the pages, one per module:

- naming.py: `named` (object name and accessible name for every interactive widget) and the field error labels.
- record_table.py: `RecordTableModel`, a read-only table over a list of records described by `Col`umns, and
  `record_view`, the compact view for it.
- bar_chart.py: `BarChart`, a QtCharts bar chart with fixed categories (hours by practice, points by month).
- form_dialog.py: `FormDialog`, the small OK/Cancel form dialog that shows its submit's ValidationError, the date
  edit helpers, and `run_dialog` / `open_activity_dialog`, which tests patch (call them through the module).
- fit.py: layouts that fit 1366x768 down to 800x480: `Reflow` (side by side, or stacked), `StackingSplitter`,
  `ColumnFitter` (table columns share the width), `vertical_scroll`.
- dates.py: `DateEdit` (the locale's format, one Tab to pass) and `short_range`, a date or span for a table.
- labels.py: the domain's names (practices, activity types, statuses, assessment kinds, ratings) through `tr`.
"""
