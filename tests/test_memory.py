"""Memory no one uses is given back (wethrive_desktop/memory.py): the source lines PySide6's import hook leaves in
linecache, and the allocator's free memory after big work (issue 12, figure 10)."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable

import pytest

from wethrive_desktop import memory
from wethrive_desktop.ui.main_window import MainWindow


def _cache_some_lines() -> None:
    linecache.getline(memory.__file__, 1)
    assert linecache.cache, "linecache should hold a file to release"


def test_release_drops_the_cached_source_lines() -> None:
    _cache_some_lines()
    memory.release_unused_memory()
    assert not linecache.cache
    # A traceback still finds its lines: they are read again when asked for.
    assert linecache.getline(memory.__file__, 1).startswith('"""')


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim is Linux only")
def test_on_linux_the_allocator_is_trimmed(monkeypatch: pytest.MonkeyPatch) -> None:
    memory._malloc_trim.cache_clear()
    trim = memory._malloc_trim()
    if trim is None:
        pytest.skip("not glibc (musl has no malloc_trim)")
    assert trim(0) in (0, 1)  # the real call: 1 when memory went back to the system
    calls: list[int] = []

    def fake_trim(pad: int) -> int:
        calls.append(pad)
        return 1

    monkeypatch.setattr(memory, "_malloc_trim", lambda: fake_trim)
    memory.release_unused_memory()
    assert calls == [0]


def test_while_a_worker_runs_the_lines_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker may be importing (PySide6's hook reading lines into linecache): they are not cleared under it."""
    from PySide6.QtCore import QThreadPool

    from wethrive_desktop.ui import workers

    monkeypatch.setattr(QThreadPool, "activeThreadCount", lambda self: 1)
    _cache_some_lines()
    workers.release_memory()
    assert linecache.cache
    monkeypatch.setattr(QThreadPool, "activeThreadCount", lambda self: 0)
    workers.release_memory()
    assert not linecache.cache


def test_without_malloc_trim_only_the_lines_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    memory._malloc_trim.cache_clear()
    monkeypatch.setattr(sys, "platform", "darwin")
    try:
        assert memory._malloc_trim() is None
        _cache_some_lines()
        memory.release_unused_memory()  # no error where there is nothing to trim
        assert not linecache.cache
    finally:
        memory._malloc_trim.cache_clear()


def test_a_page_built_on_first_show_leaves_no_source_lines(make_window: Callable[..., MainWindow]) -> None:
    window = make_window(defer_pages=True)
    _cache_some_lines()
    window.show_page("challengePage")
    assert "challengePage" in window.pages
    assert not linecache.cache
