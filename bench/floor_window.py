"""The floor of figures 1, 8 and 10: a bare QMainWindow, shown in a fresh process.

    python -m bench.floor_window LAUNCHED HEARTBEAT_S

LAUNCHED is the parent's time.time() just before it started this process. Prints (bench/probe.py's result line) the
milliseconds from launch to the window's first paint, the longest gap of a 10 ms heartbeat over HEARTBEAT_S seconds
after it, and the process's peak RSS: what any Qt window costs, measured exactly as bench/app_window.py measures the
app.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QApplication, QMainWindow

from bench.child import emit
from bench.probe import StartupProbe, peak_rss_mib


def main(argv: list[str]) -> int:
    launched, heartbeat_s = float(argv[0]), float(argv[1])
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 720)  # the app's default size (ui/main_window.py DEFAULT_SIZE)

    def done(figures: dict[str, Any]) -> None:
        emit({**figures, "peak_rss_mib": peak_rss_mib()})
        window.close()
        app.quit()

    probe = StartupProbe(launched, heartbeat_s, done)
    probe.watch(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
