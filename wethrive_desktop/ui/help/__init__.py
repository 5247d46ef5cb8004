"""The app's help, offline and inside it (Help menu, F1): the help window with its topics (window.py, topics.py,
the Markdown pages in resources/help/), the keyboard shortcuts read from the window itself (shortcuts.py), where
the data lives (places.py) and About with the versions (about.py)."""
