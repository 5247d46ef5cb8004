"""Giving back memory that nothing uses any more (issue 12, figure 10: peak memory at 100,000 activities).

Two things hold memory in a long session that no one reads:
- The source lines of modules imported: PySide6's own check of each module imported after it (does its source say
  "PySide6"? `_mod_uses_pyside`) reads the source through `linecache`, where the lines stay: ~6 MiB by the first
  paint, ~8 MiB once every page is built. The GUI's start has that check read the files' bytes instead
  (ui/pyside_feature.py), so there only the modules PySide still checks itself leave lines, but a process that
  imports PySide6 otherwise (the tests, a script) keeps them all. A traceback reads them again when it needs them.
- Memory freed after a big piece of work (every year's activities read on a worker, a page built) that the C
  allocator keeps for later instead of returning it: on Linux, glibc's `malloc_trim` returns it.

`release_unused_memory()` does both (the lines only when `source_lines`: ui/workers.py `release_memory` leaves them
while a worker thread runs, which may be importing and reading them). Measured at 100,000 activities: 0.1 to 0.5 ms
a call (the first, after the first paint, loads ctypes: some 4 ms). Called after the first paint and after a page is
built: cleared promptly, the freed memory is also what the next allocations reuse, instead of growing the process.

Not after every year's activities are read, though that frees the most: memory returned to the system costs a page
fault when it is used again, and the search typed next (figure 2) measured 3 to 4 ms slower a key at 10,000
activities (18 ms against 14 to 15); the next page built gives it back all the same.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where there is none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: not a cost of every start (the first call comes after the first paint)

    try:
        libc = ctypes.CDLL("libc.so.6")  # by name: ctypes.util.find_library runs ldconfig in a subprocess
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]  # int malloc_trim(size_t pad)
    trim.restype = ctypes.c_int
    return trim


def release_unused_memory(source_lines: bool = True) -> None:
    """Drop the cached source lines (when `source_lines`) and return the allocator's free memory to the system (where
    it can)."""
    trim = _malloc_trim()  # first: its first call imports ctypes, whose lines PySide6's hook would leave behind
    if source_lines:
        linecache.clearcache()
    if trim is not None:
        trim(0)
