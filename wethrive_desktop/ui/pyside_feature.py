"""PySide6's check of every module imported after it, made quick (issue 12: some 13 ms of the app's start).

PySide6 lets a module switch Qt's names to its own style (`from __feature__ import snake_case`), so it must know,
of every module imported once it is loaded, whether that module uses PySide6 at all. It finds out by searching the
module's source for the word "PySide6", read through `inspect.getsource`: the file decoded, split into lines and kept
in linecache. Before the first window, that is 136 modules here, the standard library's included: 16 to 21 ms.

`quicken_pyside_imports()` gives PySide the same answer from a search of the file's bytes, for a module whose source
is a `.py` file; any other module (built in, compiled, in a zip, its file gone) still gets PySide's own check. The
answers are the same (tests/test_pyside_feature.py). The check is a private function of shiboken6's support
package: it is replaced only when it is still the one described above (it asks `inspect.getsource` and looks for
"PySide6"); a PySide6 whose check has changed or gone keeps its own, and the start is only slower, never wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import TypeGuard

import PySide6  # noqa: F401 (loads shiboken6, whose support package holds the check)

FEATURE_MODULE = "shibokensupport.feature"
CHECK_NAME = "_mod_uses_pyside"
MARKER = b"PySide6"  # the word PySide's check searches a module's source for


class QuickCheck:
    """Whether `module` uses PySide6, as PySide's own check (`upstream`) answers, without decoding its source."""

    def __init__(self, upstream: Callable[[ModuleType], object]):
        self.upstream = upstream

    def __call__(self, module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return MARKER in source.read()
            except OSError:  # gone, or inside a zip: PySide's check knows what to say
                pass
        return bool(self.upstream(module))


def quicken_pyside_imports() -> bool:
    """Replace PySide's check by the quick one (once); whether it is in place."""
    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, CHECK_NAME, None)
    if isinstance(check, QuickCheck):
        return True
    if feature is None or not is_the_known_check(check):
        return False
    setattr(feature, CHECK_NAME, QuickCheck(check))
    return True


def is_the_known_check(check: object) -> TypeGuard[Callable[[ModuleType], object]]:
    """Whether `check` is PySide's check as this module knows it: a function that asks `inspect.getsource` for the
    source and looks in it for "PySide6"."""
    code = getattr(check, "__code__", None)
    return code is not None and "getsource" in code.co_names and MARKER.decode() in code.co_consts
