"""The user's preferences (Edit > Preferences...), Qt-free so the command line and models read the same ones.

Kept as JSON in `preferences.json` in the data folder (so each test, which has its own data folder, has its own).
`load_preferences()` never fails: a missing, unreadable or partly wrong file gives the defaults for what it lacks.
`save_preferences(prefs)` writes atomically (files.write_atomically: the old file or the new, never half).
"""

from __future__ import annotations

import json
import logging
from calendar import isleap
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from wethrive_desktop.files import write_atomically
from wethrive_desktop.i18n import tr
from wethrive_desktop.paths import data_dir

log = logging.getLogger(__name__)

FILENAME = "preferences.json"
THEMES = ("system", "light", "dark")
DATE_ORDERS = ("auto", "dmy", "mdy")  # what the import reads 03/04/2026 as: from the file, day first, month first
TEXT_SIZES = (90, 100, 110, 125, 150)  # per cent of the system's font size: View > Zoom steps through them
RECENT_LIMIT = 8
MAX_REMINDER_DAYS = 366


@dataclass(frozen=True)
class Preferences:
    theme: str = "system"
    text_size: int = 100
    import_date_order: str = "auto"
    reminders_enabled: bool = True  # desktop notifications (the dashboard's Reminders card is always there)
    reminder_days: tuple[int, ...] = (30, 7)  # a report or requirement due within these many days is reminded
    # "MM-DD": when a year's annual report is due, in the next year. ICMA publishes no date (DOMAIN.md, section 1),
    # so it is the member's to set; empty, the report is reminded without a date.
    report_due: str = ""
    recent_files: tuple[str, ...] = field(default_factory=tuple)  # databases opened, most recent first

    def with_recent(self, path: Path) -> Preferences:
        """These preferences with `path` first in the recent files (once, at most RECENT_LIMIT)."""
        text = str(path)
        rest = [p for p in self.recent_files if p != text]
        return replace(self, recent_files=tuple([text, *rest][:RECENT_LIMIT]))


def next_text_size(current: int, step: int) -> int:
    """The text size `step` places along TEXT_SIZES from `current` (View > Zoom in: +1, Zoom out: -1), held at
    the ends; a size not in the list first goes to the nearest one."""
    nearest = min(range(len(TEXT_SIZES)), key=lambda i: abs(TEXT_SIZES[i] - current))
    return TEXT_SIZES[max(0, min(len(TEXT_SIZES) - 1, nearest + step))]


def parse_reminder_days(text: str) -> tuple[int, ...]:
    """"30, 7" -> (30, 7): the days before a due date to remind, largest first. Raises ValueError with a sentence
    for the user when the text is not whole numbers from 1 to MAX_REMINDER_DAYS (none at all is allowed)."""
    days: set[int] = set()
    for part in text.replace(";", ",").split(","):
        numbers = part.split()  # "30 7" between commas is two numbers too
        if not all(n.isdecimal() for n in numbers):
            raise ValueError(tr("\u201c{part}\u201d is not a number of days: write whole numbers separated by "
                                "commas, such as 30, 7").format(part=part.strip()))
        for number in map(int, numbers):
            if not 0 < number <= MAX_REMINDER_DAYS:
                raise ValueError(tr("Reminders can come 1 to {most} days before a due date, not {days}")
                                 .format(most=MAX_REMINDER_DAYS, days=number))
            days.add(number)
    return tuple(sorted(days, reverse=True))


def parse_report_due(text: str) -> str:
    """"3-31", "03-31" -> "03-31"; "" -> "" (no date). Raises ValueError with a sentence for the user otherwise."""
    text = text.strip()
    if not text:
        return ""
    parts = text.split("-")
    if len(parts) == 2 and all(p.isdecimal() and len(p) <= 2 for p in parts):
        month, day = map(int, parts)
        try:
            date(2024, month, day)  # a leap year: 02-29 is a day a report can be due on
        except ValueError:
            pass
        else:
            return f"{month:02d}-{day:02d}"
    raise ValueError(tr("\u201c{text}\u201d is not a month and day: write them as MM-DD, such as 03-31")
                     .format(text=text))


def report_due_date(prefs: Preferences, year: int) -> date | None:
    """When the annual report of `year` is due (in the next year), or None when no date is set."""
    if not prefs.report_due:
        return None
    month, day = map(int, prefs.report_due.split("-"))
    return date(year + 1, month, 28) if (month, day) == (2, 29) and not isleap(year + 1) else date(year + 1, month, day)


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
        ok = isinstance(value, list) and all(isinstance(v, int) and 0 < v <= MAX_REMINDER_DAYS for v in value)
        return tuple(sorted(set(value), reverse=True)) if ok else default
    if name == "report_due":
        try:
            return parse_report_due(value) if isinstance(value, str) else default
        except ValueError:
            return default
    if name == "recent_files":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return tuple(value[:RECENT_LIMIT]) if ok else default
    return default


class UnreadablePreferences(Exception):
    """The preferences file is there but cannot be read (locked, damaged): not to be overwritten with defaults."""


def _read() -> Preferences:
    """The preferences stored (the defaults when there is no file); UnreadablePreferences when the file cannot
    be read or is not JSON."""
    defaults = Preferences()
    try:
        raw = json.loads(preferences_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return defaults
    except (OSError, ValueError) as exc:
        raise UnreadablePreferences(str(exc)) from exc
    if not isinstance(raw, dict):
        return defaults
    values = {f.name: _valid(f.name, raw[f.name], getattr(defaults, f.name)) for f in fields(Preferences)
              if f.name in raw}
    return replace(defaults, **values)


def load_preferences() -> Preferences:
    """The preferences stored; the defaults when there are none or they cannot be read (logged)."""
    try:
        return _read()
    except UnreadablePreferences as exc:
        log.warning("preferences not read, defaults used: %s", exc)
        return Preferences()


def update_preferences(change: Callable[[Preferences], Preferences]) -> Preferences | None:
    """Apply `change` to the stored preferences and save the result, which it returns; None, with nothing saved,
    when the file is there but cannot be read (so a file locked for a moment is not overwritten with defaults).
    An OSError writing reaches the caller."""
    try:
        current = _read()
    except UnreadablePreferences as exc:
        log.warning("preferences not read, so not changed: %s", exc)
        return None
    changed = change(current)
    save_preferences(changed)
    return changed


def save_preferences(prefs: Preferences, folder: Path | None = None) -> None:
    """Write `prefs` into the data folder (or into `folder`: the one chosen for the next start). An OSError
    reaches the caller, which tells the user."""
    path = preferences_path() if folder is None else folder / FILENAME
    write_atomically(path, json.dumps(asdict(prefs), indent=2) + "\n", make_parents=True)
