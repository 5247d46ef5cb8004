"""The keyboard shortcuts as the window has them now, for Help > Keyboard shortcuts: read from its actions (menus,
pages) and QShortcuts when the table is shown, so the list cannot go stale when a shortcut is added or changed.

What a row says: the action's `SHORTCUT_HELP` property if it has one (for actions whose text changes, like Undo),
else its text without the access key's "&" and trailing "..."; a QShortcut's whatsThis. Where it works: the page
that owns it when it works only there, a dialog's title for a dialog's, else anywhere in the window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from wethrive_desktop.i18n import tr
from wethrive_desktop.ui.help import SHORTCUT_HELP
from wethrive_desktop.ui.shell import Page

_LOCAL = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#<>])")


@dataclass(frozen=True)
class ShortcutRow:
    what: str
    keys: str
    where: str


def describe_action(action: QAction) -> str:
    """What `action` does, in a few words ("Open database" for "&Open database...")."""
    described = action.property(SHORTCUT_HELP)
    if isinstance(described, str) and described:
        return described
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip(".\u2026 ")


def _where(owner: QObject | None, local: bool, root: QWidget) -> str:
    """Where a shortcut owned by `owner` works: its page (`local` ones), a dialog, or the whole window."""
    while owner is not None:
        if local and isinstance(owner, Page):
            return tr(owner.title)
        if isinstance(owner, QWidget) and owner.isWindow():
            return tr("Anywhere") if owner is root else owner.windowTitle()
        owner = owner.parent()
    return tr("Anywhere")


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty())


def shortcut_rows(root: QWidget) -> list[ShortcutRow]:
    """Every shortcut of `root` and the widgets in it, window-wide ones first (in the order they were made)."""
    rows: list[ShortcutRow] = []
    for action in root.findChildren(QAction):
        keys = _keys(action.shortcuts())
        if keys and not action.isSeparator():
            rows.append(ShortcutRow(describe_action(action), keys,
                                    _where(action.parent(), action.shortcutContext() in _LOCAL, root)))
    for shortcut in root.findChildren(QShortcut):
        keys = _keys(shortcut.keys())
        if keys:
            rows.append(ShortcutRow(shortcut.whatsThis() or tr("(no description)"), keys,
                                    _where(shortcut.parent(), shortcut.context() in _LOCAL, root)))
    anywhere = tr("Anywhere")
    unique = list(dict.fromkeys(rows))
    return [r for r in unique if r.where == anywhere] + [r for r in unique if r.where != anywhere]


def _cell(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def shortcuts_markdown(rows: list[ShortcutRow]) -> str:
    """`rows` as a Markdown table (What, Keys, Where)."""
    lines = [f"| {tr('What')} | {tr('Keys')} | {tr('Where')} |", "|---|---|---|"]
    lines += [f"| {_cell(r.what)} | {_cell(r.keys)} | {_cell(r.where)} |" for r in rows]
    return "\n".join(lines) + "\n"
