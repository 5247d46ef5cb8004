"""The app's side of figures 1, 8 and 10: `wethrive --db DB` in a fresh process, watched.

    python -m bench.app_window DB LAUNCHED HEARTBEAT_S

Runs the app as the `wethrive` command does: its command line's module imported first, then cli.main (logging, crash
net, the window, its daily backup), with the data folder and DB given by the parent (a copy: the daily backup writes
beside it). Nothing of Qt or of the app's GUI is imported before cli.main imports it, as the command would (it
switches the garbage collector off first). Hooks in only to watch: once the app has imported wethrive_desktop.app,
its `create_main_window` is wrapped to put bench/probe.py's StartupProbe on the window before it is shown. Prints
(probe.py's result line):
- first_paint_ms: launch (the parent's time.time() just before it started this process) to the main window's first
  paint (figure 1);
- max_gap_ms: the longest gap of a 10 ms heartbeat from the first paint until HEARTBEAT_S seconds have passed and
  the app has finished starting: no worker thread running (the daily backup) for half a second (figure 8); with
  what happened in that gap (a page built, a worker running);
- peak_rss_mib: peak RSS once every page has been shown, the activity log with all years (figure 10).
Then closes the window as File > Quit does.
"""

from __future__ import annotations

import importlib.util
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from bench.child import emit, ms_since

if TYPE_CHECKING:
    from wethrive_desktop.ui.main_window import MainWindow


def main(argv: list[str]) -> int:
    db, launched, heartbeat_s = Path(argv[0]), float(argv[1]), float(argv[2])
    from wethrive_desktop import cli  # what the `wethrive` script imports: neither Qt nor the store

    figures: dict[str, Any] = {}
    probes: list[Any] = []  # the StartupProbe, kept alive (a QObject without a parent dies with its Python wrapper)

    def watch(app_module: ModuleType) -> None:
        """Once the app has imported its GUI module (and Qt with it): wrap create_main_window."""
        from PySide6.QtCore import QThreadPool

        from bench.probe import StartupProbe, peak_rss_mib

        seen: set[str] = set()
        pool = QThreadPool.globalInstance()

        def activity(window: MainWindow) -> str:
            built = [name for name in window.pages if name not in seen]
            seen.update(built)
            found = [f"building {name}" for name in built]
            if pool.activeThreadCount():
                found.append("a worker thread running")
            return ", ".join(found)

        def every_page(window: MainWindow, found: dict[str, Any]) -> None:
            figures.update(found)
            figures["page_ms"] = _show_every_page(window)
            figures["every_page_ms"] = sum(figures["page_ms"].values())
            figures["peak_rss_mib"] = peak_rss_mib()
            figures["pages"] = len(window.pages)
            emit(figures)
            window.close()  # as File > Quit: the app's event loop ends, and cli.main returns

        original_create = app_module.create_main_window

        def create_main_window(*args: Any, **kwargs: Any) -> MainWindow:
            window: MainWindow = original_create(*args, **kwargs)
            seen.update(window.pages)  # the page shown first is built before the window appears
            probe = StartupProbe(launched, heartbeat_s, lambda found: every_page(window, found),
                                 finished=lambda: pool.activeThreadCount() == 0, activity=lambda: activity(window))
            probes.append(probe)
            probe.watch(window)
            return window

        setattr(app_module, "create_main_window", create_main_window)  # noqa: B010 (open_window looks it up there)

    sys.meta_path.insert(0, AfterImport("wethrive_desktop.app", watch))
    status = cli.main(["--db", str(db)])
    if "first_paint_ms" not in figures:
        print(f"the app ended (status {status}) before its window painted", file=sys.stderr)
        return 1
    return status


class AfterImport:
    """A finder for sys.meta_path that calls `then(module)` right after the module `name` is first imported, by
    whatever imports it and whenever (so a script can watch the app without importing it before the app itself
    would). Not an importlib.abc class: that module loads importlib.resources, which the app's start does not."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]):
        self.name = name
        self.then = then

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
                  ) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # once; and so that the search below finds the module as usual
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _ThenLoader(spec.loader, self.then)  # type: ignore[assignment]
        return spec


class _ThenLoader:
    def __init__(self, loader: Any, then: Callable[[ModuleType], None]):
        self.loader = loader
        self.then = then

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self.loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        try:
            self.then(module)
        except BaseException:  # told here: the app would log it as a failed import of its own module
            traceback.print_exc()
            raise

    def __getattr__(self, name: str) -> Any:  # get_source (for tracebacks), get_filename, ...
        return getattr(self.loader, name)


def _show_every_page(window: MainWindow) -> dict[str, float]:
    """Show each page in turn (the activity log with all years), painted; the milliseconds each took."""
    from PySide6.QtWidgets import QApplication

    from bench.probe import until_loaded
    from wethrive_desktop.ui.activities.page import ActivityLogPage
    from wethrive_desktop.ui.pages import PAGES

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    took: dict[str, float] = {}
    for cls in PAGES:
        start = time.perf_counter()
        page = window.show_page(cls.object_name)
        if isinstance(page, ActivityLogPage):
            page.year_combo.setCurrentIndex(page.year_combo.count() - 1)  # "All years"
            until_loaded(page)
        window.repaint()
        app.processEvents()
        took[cls.object_name] = ms_since(start)
    return took


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
