"""Types for the tests' annotations only (import them under `if TYPE_CHECKING:`; nothing here runs).

pytest-qt ships `py.typed` but leaves some of its API unannotated, which mypy's strict mode will not let a typed
test call. These protocols describe, for the checker, what the tests use of it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QAbstractItemModel


class ModelTester(Protocol):
    """The `qtmodeltester` fixture (pytestqt.modeltest.ModelTester, whose `check` is unannotated)."""

    def check(self, model: QAbstractItemModel, force_py: bool = False) -> None: ...
