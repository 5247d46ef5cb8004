"""Checks any window or dialog can be put through (issue 15): is anything clipped or off screen, does every access
key (the underlined letter) work and is it unique, and does every text shown go through `tr` (run with the
`pseudo_translation` fixture of conftest.py). Each returns a list of readable problems, empty when all is well, so
a test asserts `== []` and a failure names every widget at fault.

A widget showing the user's own words (a title, a name, a path) sets the dynamic property `userText` to True and
is left out of the translation check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import shiboken6
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

from wethrive_desktop.ui.i18n import PSEUDO_OPEN

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit)
MIN_INPUT_WIDTH = 60  # narrower than this, an input shows only a few characters
_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    name = widget.objectName() or widget.accessibleName()
    return f"{type(widget).__name__} {name!r}" + (f" {text[:40]!r}" if text else "")


def shown(root: QWidget) -> Iterator[QWidget]:
    """The widgets of `root` that are visible when it is."""
    for widget in root.findChildren(QWidget):
        if widget.isVisibleTo(root) and not isinstance(widget, QMenu):
            yield widget


def _inside_scroll_area(widget: QWidget, root: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


# --- fits ----------------------------------------------------------------------------------------------------------

def clipped(root: QWidget) -> list[str]:
    """What does not fit in `root` as laid out now: a widget reaching outside the window (or, in a scroll area,
    outside its width), a scroll area other than a table scrolling sideways, a label or button whose text is cut,
    an input narrower than MIN_INPUT_WIDTH."""
    problems: list[str] = []
    bounds = root.rect().adjusted(-1, -1, 1, 1)
    for widget in shown(root):
        where = describe(widget)
        area = _inside_scroll_area(widget, root)
        rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
        if area is None:
            if not bounds.contains(rect):
                problems.append(f"{where} is outside the window: {rect.getRect()} not in {root.rect().getRect()}")
        elif area.viewport().isAncestorOf(widget):
            viewport = area.viewport()
            left = viewport.mapTo(root, QPoint(0, 0)).x()
            if rect.left() < left - 1 or rect.right() > left + viewport.width() + 1:
                problems.append(f"{where} is outside the width of its scroll area {describe(area)}")
        if (isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QAbstractItemView)
                and widget.horizontalScrollBar().isVisible()):
            problems.append(f"{where} scrolls sideways")
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 1:
                    problems.append(f"{where} is cut at the bottom: needs {widget.heightForWidth(widget.width())} "
                                    f"px, has {widget.height()}")
            elif widget.minimumSizeHint().width() > widget.width() + 1:
                problems.append(f"{where} is cut: needs {widget.minimumSizeHint().width()} px, has {widget.width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.minimumSizeHint().width() > widget.width() + 1:
                problems.append(f"{where} is cut: needs {widget.minimumSizeHint().width()} px, has {widget.width()}")
        elif (isinstance(widget, INPUTS) and widget.width() < MIN_INPUT_WIDTH
              and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)):
            problems.append(f"{where} is only {widget.width()} px wide")
    return problems


# --- access keys ---------------------------------------------------------------------------------------------------

def mnemonic(text: str) -> str | None:
    """The access key of `text` ("&Save" -> "S"), None without one ("&&" is a literal ampersand)."""
    match = _MNEMONIC.search(_ENTITY.sub("", text))
    return match.group(1).upper() if match else None


def _owners(root: QWidget) -> list[tuple[str, str, QWidget | None]]:
    """(letter, what, widget) for every access key that is live in `root` as shown; widget None for a menu."""
    owners: list[tuple[str, str, QWidget | None]] = []
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            letter = mnemonic(action.text())
            if letter and action.isVisible():
                owners.append((letter, f"menu {action.text()!r}", None))
    for widget in shown(root):
        if not widget.isEnabled():
            continue
        texts: list[str] = []
        if isinstance(widget, QLabel) and widget.buddy() is None and "<" in widget.text():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        for text in texts:
            letter = mnemonic(text)
            if letter:
                owners.append((letter, describe(widget), widget))
    return owners


def _focus_reached(target: QWidget) -> bool:
    focus = QApplication.focusWidget()
    while focus is not None:
        if focus is target or focus is target.focusProxy():
            return True
        focus = focus.parentWidget()
    return False


def mnemonic_problems(root: QWidget) -> list[str]:
    """Every access key shown in `root` (shown and active, as a user sees it) must be unique, and pressing it must
    work: a label's moves focus to its buddy, a button's or a check box's presses it (the click that follows is
    swallowed: buttons' signals are blocked until it has happened). A label in rich text without a buddy has no
    access key (Qt reads none), so "&nbsp;" and the like are not taken for one."""
    problems: list[str] = []
    owners = _owners(root)
    seen: dict[str, str] = {}
    for letter, what, _widget in owners:
        if letter in seen:
            problems.append(f"Alt+{letter} is used twice: by {seen[letter]} and by {what}")
        else:
            seen[letter] = what
    buttons = [b for b in root.findChildren(QAbstractButton) if not b.signalsBlocked()]
    for button in buttons:
        button.blockSignals(True)
    try:
        for letter, what, widget in owners:
            if widget is None or isinstance(widget, QTabBar) or not shiboken6.isValid(widget):
                continue
            if isinstance(widget, QLabel):
                buddy = widget.buddy()
                if buddy is None:
                    problems.append(f"{what} has an access key but no buddy")
                    continue
                target: QWidget = buddy
            else:
                target = widget
            root.setFocus()
            QTest.keyClick(root, Qt.Key(ord(letter)), Qt.KeyboardModifier.AltModifier)
            if isinstance(target, QAbstractButton):
                if not target.isDown():  # pressed: its animated click has begun
                    problems.append(f"Alt+{letter} did not press {what}")
                continue
            QApplication.processEvents()
            if (target.focusProxy() or target).focusPolicy() == Qt.FocusPolicy.NoFocus:
                problems.append(f"Alt+{letter} ({what}) points at {describe(target)}, which cannot take the focus")
            elif not _focus_reached(target):
                focus = QApplication.focusWidget()
                problems.append(f"Alt+{letter} ({what}) did not reach {describe(target)}; focus is on "
                                f"{describe(focus) if focus else 'nothing'}")
        # A button's animated click is released 100 ms later (later on a busy machine): only then are its signals
        # unblocked, so no click gets through.
        for _ in range(300):
            if not any(b.isDown() for b in buttons if shiboken6.isValid(b)):
                break
            QTest.qWait(10)
    finally:
        for button in buttons:
            if shiboken6.isValid(button):  # a button deleted meanwhile (deleteLater) is gone, not blocked
                button.blockSignals(False)
    return problems


# --- translation ---------------------------------------------------------------------------------------------------

def _texts(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QComboBox) and not widget.isEditable():
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
        model = widget.model()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                  for c in range(model.columnCount(QModelIndex()))]
    return texts


def untranslated(root: QWidget) -> list[str]:
    """Texts shown in `root` (its own, its widgets', its menus') that did not go through `tr` while the
    pseudo-translation is installed: each such text lacks the ⟦ mark. Texts without a letter (figures, dates in
    figures) and widgets with the `userText` property are left out."""
    problems: list[str] = []

    def check(where: str, text: str) -> None:
        plain = re.sub(r"<[^>]+>", "", text)
        if re.search(r"[A-Za-z]{2}", plain) and PSEUDO_OPEN not in plain:
            problems.append(f"{where}: {plain[:60]!r}")

    widgets = [root, *shown(root)]
    if isinstance(root, QMainWindow) and hasattr(root, "nav"):
        check("the page list", " ".join(root.nav.item(row).text() for row in range(root.nav.count())))
    for widget in widgets:
        if widget.property("userText"):
            continue
        for text in _texts(widget):
            check(describe(widget), text)
    if isinstance(root, QMainWindow):
        menus = [m for a in root.menuBar().actions() if isinstance(m := a.menu(), QMenu)]
        while menus:
            menu = menus.pop()
            check("menu", menu.title())
            for action in menu.actions():
                if isinstance(submenu := action.menu(), QMenu):
                    menus.append(submenu)
                elif not action.isSeparator() and not action.property("userText"):
                    check(f"menu {menu.title()!r}", action.text())
                    check(f"menu {menu.title()!r} status tip", action.statusTip())
    return problems
