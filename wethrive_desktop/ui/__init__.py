"""The Qt GUI: a client of models/ and reports/."""
