"""The app's help, offline and inside it (Help menu, F1): the help window with its topics (window.py, topics.py,
the Markdown pages in resources/help/), the keyboard shortcuts read from the window itself (shortcuts.py), where
the data lives (places.py) and About with the versions (about.py)."""

# The names the main window uses as it builds its menus, here rather than in their modules (topics.py, shortcuts.py),
# which it loads only when the help is asked for: those modules are not needed for the first window.
GETTING_STARTED = "getting-started"  # help topics (topics.py): the Markdown file's name without ".md"
SHORTCUTS = "keyboard-shortcuts"
ICMA_HOURS = "icma-hours"
DATA = "data"
SHORTCUT_HELP = "shortcutHelp"  # the dynamic property with an action's description in the shortcuts table
