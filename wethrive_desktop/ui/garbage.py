"""Python's cyclic garbage collector runs on the GUI thread only.

Left automatic, the collector runs on whichever thread happens to allocate when a threshold is crossed. When that is
a worker (building a PDF, say) and the garbage holds Qt widgets, they are destroyed off the GUI thread, and Qt
crashes (seen: a segfault "Garbage-collecting" inside a report build). So automatic collection is switched off and a
timer on the GUI thread collects instead, honouring the usual generation thresholds (qutebrowser does the same).

A bulk load (the activity log with all years, a report of many activities) leaves hundreds of thousands of young
objects, nearly all long-lived records without cycles. Examining them is what blocks: measured at 100,000 activities,
each collection that reaches them took about 0.6 s (once as they are young, again in generation 1, then on every
full collection). So when the young generation is that large the timer freezes it instead (gc.freeze: moved out of
the collector's sight; refcounting still frees them). What a freeze costs: a cycle among those objects that becomes
garbage later is never collected; a load makes almost none (measured: 0 of 277,000 young objects were garbage).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000
# Young objects beyond which a tick freezes rather than collects: a bulk load (1,000 activities make about 2,800).
BULK_YOUNG = 25_000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def collect(self) -> None:
        """Collect the generations whose counts have passed their thresholds, youngest first, like gc itself."""
        thresholds = gc.get_threshold()
        counts = gc.get_count()
        if counts[0] >= BULK_YOUNG:
            gc.freeze()
            return
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


_collector: list[GuiThreadCollector] = []


def collect_on_gui_thread() -> GuiThreadCollector:
    """Switch automatic collection off and collect from a GUI-thread timer (once per process; call it from there)."""
    if not _collector:
        collector = GuiThreadCollector()
        collector.start()
        _collector.append(collector)
    return _collector[0]
