"""Data and domain rules. Nothing in this package imports Qt."""
