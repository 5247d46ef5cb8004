"""The user's preferences (Edit > Preferences...), Qt-free so the command line and models read the same ones.

Kept as JSON in `preferences.json` in the data folder (so each test, which has its own data folder, has its own).
`load_preferences()` never fails: a missing, unreadable or partly wrong file gives the defaults for what it lacks.
`save_preferences(prefs)` writes atomically (a temporary file renamed over the old one).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from wethrive_desktop.paths import data_dir

log = logging.getLogger(__name__)

FILENAME = "preferences.json"
THEMES = ("system", "light", "dark")
DATE_ORDERS = ("auto", "dmy", "mdy")  # what the import reads 03/04/2026 as: from the file, day first, month first
TEXT_SIZES = (90, 100, 110, 125, 150)  # per cent of the system's font size
RECENT_LIMIT = 8


@dataclass(frozen=True)
class Preferences:
    theme: str = "system"
    text_size: int = 100
    import_date_order: str = "auto"
    reminders_enabled: bool = True  # desktop notifications (the dashboard's Reminders card is always there)
    reminder_days: tuple[int, ...] = (30, 7)  # a report or requirement due within these many days is reminded
    recent_files: tuple[str, ...] = field(default_factory=tuple)  # databases opened, most recent first

    def with_recent(self, path: Path) -> Preferences:
        """These preferences with `path` first in the recent files (once, at most RECENT_LIMIT)."""
        text = str(path)
        rest = [p for p in self.recent_files if p != text]
        return replace(self, recent_files=tuple([text, *rest][:RECENT_LIMIT]))


def preferences_path() -> Path:
    return data_dir() / FILENAME


def _valid(name: str, value: Any, default: Any) -> Any:
    """`value` if it is a sound value for the field `name`, else `default`."""
    if name == "theme":
        return value if value in THEMES else default
    if name == "text_size":
        return value if value in TEXT_SIZES else default
    if name == "import_date_order":
        return value if value in DATE_ORDERS else default
    if name == "reminders_enabled":
        return value if isinstance(value, bool) else default
    if name == "reminder_days":
        ok = isinstance(value, list) and all(isinstance(v, int) and 0 < v <= 366 for v in value)
        return tuple(sorted(set(value), reverse=True)) if ok else default
    if name == "recent_files":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return tuple(value[:RECENT_LIMIT]) if ok else default
    return default


def load_preferences() -> Preferences:
    defaults = Preferences()
    try:
        raw = json.loads(preferences_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return defaults
    except (OSError, ValueError) as exc:
        log.warning("preferences not read, defaults used: %s", exc)
        return defaults
    if not isinstance(raw, dict):
        return defaults
    values = {f.name: _valid(f.name, raw[f.name], getattr(defaults, f.name)) for f in fields(Preferences)
              if f.name in raw}
    return replace(defaults, **values)


def save_preferences(prefs: Preferences) -> None:
    """Write `prefs` (an OSError reaches the caller, which tells the user)."""
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    data = asdict(prefs)
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
