"""File exports and imports (CSV, JSON, PDF) built from plain data. Nothing in this package imports Qt."""
