"""PySide's check of each module imported after it, made quick (ui/pyside_feature.py): the same answers, without
decoding any .py file, on the pinned PySide6."""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType

import pytest
import shiboken6  # noqa: F401 (loads the support package that holds the check)

import wethrive_desktop.models.dates
import wethrive_desktop.ui.main_window
from wethrive_desktop.ui import pyside_feature
from wethrive_desktop.ui.pyside_feature import QuickCheck, quicken_pyside_imports


@pytest.fixture
def feature(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """PySide's feature module, its check restored after the test."""
    module = sys.modules[pyside_feature.FEATURE_MODULE]
    monkeypatch.setattr(module, pyside_feature.CHECK_NAME, getattr(module, pyside_feature.CHECK_NAME))
    return module


def module_from(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pinned_pyside_gets_the_quick_check_once(feature: ModuleType, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    upstream = getattr(feature, pyside_feature.CHECK_NAME)
    assert not isinstance(upstream, QuickCheck)  # PySide's own, as it comes (the fixture restores it)
    assert pyside_feature.is_the_known_check(upstream)

    assert quicken_pyside_imports() is True
    installed = getattr(feature, pyside_feature.CHECK_NAME)
    assert isinstance(installed, QuickCheck) and installed.upstream is upstream
    assert quicken_pyside_imports() is True
    assert getattr(feature, pyside_feature.CHECK_NAME) is installed  # not wrapped twice

    # PySide's import hook now records a module imported after it without decoding its source.
    def no_decoding(*args: object) -> str:
        raise AssertionError("the source was read through inspect")

    monkeypatch.setattr(inspect, "getsource", no_decoding)
    (tmp_path / "late_qt_user.py").write_text("import PySide6\n", encoding="utf-8")
    late = module_from(tmp_path / "late_qt_user.py", "late_qt_user")
    feature.feature_imported(late)
    assert feature.pyside_feature_dict["late_qt_user"] == 0  # "uses PySide6": the switching default
    del feature.pyside_feature_dict["late_qt_user"]


def test_every_kind_of_module_gets_pysides_own_answer(feature: ModuleType, tmp_path: Path) -> None:
    upstream = getattr(feature, pyside_feature.CHECK_NAME)
    quick = QuickCheck(upstream)
    (tmp_path / "qt_user.py").write_text('"""Uses Qt."""\nfrom PySide6.QtCore import QObject\n', encoding="utf-8")
    (tmp_path / "plain.py").write_text('"""Élan: no Qt here."""\nVALUE = 1\n', encoding="utf-8")
    (tmp_path / "gone.py").write_text("import PySide6\n", encoding="utf-8")
    gone = module_from(tmp_path / "gone.py", "gone")
    modules = [
        wethrive_desktop.ui.main_window,  # ours, with Qt
        wethrive_desktop.models.dates,  # ours, without
        inspect,  # the standard library
        sys,  # built in
        sys.modules["PySide6.QtCore"],  # compiled
        module_from(tmp_path / "qt_user.py", "qt_user"),
        module_from(tmp_path / "plain.py", "plain"),
        gone,
    ]
    (tmp_path / "gone.py").unlink()  # its file is no more: PySide says no
    answers = [quick(module) for module in modules]
    assert answers == [bool(upstream(module)) for module in modules]
    assert answers == [True, False, False, False, False, True, False, False]


def test_a_py_file_is_searched_without_being_decoded(feature: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_decoding(*args: object) -> str:
        raise AssertionError("the source was read through inspect")

    quick = QuickCheck(getattr(feature, pyside_feature.CHECK_NAME))
    monkeypatch.setattr(inspect, "getsource", no_decoding)
    assert quick(wethrive_desktop.ui.main_window) is True
    assert quick(wethrive_desktop.models.dates) is False


def test_a_pyside_without_the_check_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, pyside_feature.FEATURE_MODULE)
    assert quicken_pyside_imports() is False


def test_a_pyside_whose_check_changed_keeps_it(feature: ModuleType) -> None:
    def changed(module: ModuleType) -> bool:  # a later PySide asking something else of the module
        return hasattr(module, "QtCore")

    setattr(feature, pyside_feature.CHECK_NAME, changed)
    assert quicken_pyside_imports() is False
    assert getattr(feature, pyside_feature.CHECK_NAME) is changed
