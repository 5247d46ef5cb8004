"""Undo of page records: undo and redo say what they did; a step that can no longer be undone is reported and the
stack cleared, with no crash."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.main_window import MainWindow
from wethrive_desktop.ui.undo import perform


def test_failed_undo_is_reported_and_clears_the_stack(window: MainWindow, qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, message: errors.append(message))
    done: list[str] = []

    def broken_undo() -> None:
        raise LookupError("the record is gone")

    perform(window, "Add coaching", lambda: done.append("x"), broken_undo)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert errors and "the record is gone" in errors[0] and "Add coaching" in errors[0]
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0)


def test_undo_and_redo_run_the_given_steps(window: MainWindow) -> None:
    state: list[int] = []
    perform(window, "Add", lambda: state.append(1), lambda: state.pop())
    assert state == [1]
    window.undo_stack.undo()
    assert state == []
    window.undo_stack.redo()
    assert state == [1]


def test_undo_and_redo_say_what_they_did(window: MainWindow) -> None:
    state: list[int] = []
    perform(window, "Copy the 2017 catalogue to 2018", lambda: state.append(1), lambda: state.pop())
    status = window.statusBar()
    assert status.currentMessage() == ""  # the write itself is not an undo
    window.undo_action.trigger()
    assert status.currentMessage() == "Undone: Copy the 2017 catalogue to 2018"
    window.redo_action.trigger()
    assert status.currentMessage() == "Redone: Copy the 2017 catalogue to 2018"


def test_a_failed_undo_does_not_say_undone(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, message: None)

    def broken_undo() -> None:
        raise LookupError("the record is gone")

    perform(window, "Add coaching", lambda: None, broken_undo)
    window.undo_stack.undo()
    assert not window.statusBar().currentMessage().startswith("Undone")
