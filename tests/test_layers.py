"""Layers point one way: ui -> exchange/reports -> models, and nothing below the ui loads Qt.

Two checks: a static one that reads every module's imports with `ast` (module level and inside functions,
`import x` and `from x import y`, relative imports resolved, `importlib.import_module("x")` too), and a run-time one
that imports every Qt-free module in a fresh interpreter and looks for Qt in `sys.modules`.

Static rules (a module of the first layer must not import the second):

    models   -> reports, exchange, ui, app, cli*, PySide6/shiboken6
    exchange -> reports, ui, app, cli*, PySide6/shiboken6
    reports  -> exchange, ui, app, cli*, PySide6/shiboken6

models/ is the store and its rules; exchange/ moves records in and out of files (CSV, JSON, ICS) through models;
reports/ draws a ReportData as a PDF. A models function that needs a report (submit renders the PDF) takes the
renderer as an argument from its caller.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "wethrive_desktop"


def in_package(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def is_qt(name: str) -> bool:
    return in_package(name, "PySide6") or in_package(name, "shiboken6")


def is_entry_point(name: str) -> bool:
    """The app and the command line (cli.py, cli_common.py, cli_*.py) sit on top of every layer."""
    parts = name.split(".")
    return len(parts) >= 2 and parts[0] == PACKAGE and (parts[1] == "app" or parts[1].startswith("cli"))


def layer(name: str) -> Callable[[str], bool]:
    return lambda target: in_package(target, f"{PACKAGE}.{name}")


@dataclass(frozen=True)
class Rule:
    source: str  # a package: the rule applies to its modules
    what: str  # how a message names the forbidden target
    forbidden: Callable[[str], bool]


RULES = (
    Rule(f"{PACKAGE}.models", "reports", layer("reports")),
    Rule(f"{PACKAGE}.models", "exchange", layer("exchange")),
    Rule(f"{PACKAGE}.models", "ui", layer("ui")),
    Rule(f"{PACKAGE}.models", "app or cli", is_entry_point),
    Rule(f"{PACKAGE}.models", "Qt", is_qt),
    Rule(f"{PACKAGE}.exchange", "reports", layer("reports")),
    Rule(f"{PACKAGE}.exchange", "ui", layer("ui")),
    Rule(f"{PACKAGE}.exchange", "app or cli", is_entry_point),
    Rule(f"{PACKAGE}.exchange", "Qt", is_qt),
    Rule(f"{PACKAGE}.reports", "exchange", layer("exchange")),
    Rule(f"{PACKAGE}.reports", "ui", layer("ui")),
    Rule(f"{PACKAGE}.reports", "app or cli", is_entry_point),
    Rule(f"{PACKAGE}.reports", "Qt", is_qt),
)


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def resolve(module: str | None, level: int, importer: str, is_package: bool) -> str:
    """The absolute name `from <level dots><module> import ...` refers to, inside module `importer`."""
    if level == 0:
        assert module is not None
        return module
    parts = importer.split(".")
    if not is_package:
        parts = parts[:-1]  # a plain module's package
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    base = ".".join(parts)
    return f"{base}.{module}" if module else base


def imported_names(path: Path, root: Path = ROOT) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import in the file, wherever it is (functions, TYPE_CHECKING blocks).

    For `from m import a`, both `m` and `m.a` are given (`a` may be a submodule: `from wethrive_desktop import ui`).
    """
    name = module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = resolve(node.module, node.level, name, path.name == "__init__.py")
            yield node.lineno, base
            for alias in node.names:
                if alias.name != "*":
                    yield node.lineno, f"{base}.{alias.name}"
        elif isinstance(node, ast.Call) and _dynamic_import(node.func) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value


def _dynamic_import(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id in ("__import__", "import_module")) or (
        isinstance(func, ast.Attribute) and func.attr == "import_module")


def violations(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / PACKAGE).rglob("*.py")):
        source = module_name(path, root)
        rules = [r for r in RULES if in_package(source, r.source)]
        if not rules:
            continue
        reported: set[tuple[int, str]] = set()  # one message per import statement and rule
        for line, target in imported_names(path, root):
            for rule in rules:
                if rule.forbidden(target) and (line, rule.what) not in reported:
                    reported.add((line, rule.what))
                    found.append(f"{path.relative_to(root)}:{line}: {source} imports {target} "
                                 f"({rule.source.rsplit('.', 1)[1]} must not import {rule.what})")
    return found


def test_every_module_parses_and_the_layers_point_one_way() -> None:
    modules = [module_name(p) for p in (ROOT / PACKAGE).rglob("*.py")]
    for layer_name in ("models", "exchange", "reports", "ui"):
        assert any(in_package(m, f"{PACKAGE}.{layer_name}") for m in modules), layer_name
    assert violations() == []


@pytest.mark.parametrize(("where", "text", "expected"), [
    ("models/annual_report/revisions.py", "def f():\n    from wethrive_desktop.reports.pdf import builder\n",
     "wethrive_desktop.reports.pdf"),
    ("models/annual_report/revisions.py", "from ...reports.pdf.builder import render_report_pdf\n",
     "wethrive_desktop.reports.pdf.builder"),
    ("models/annual_report/__init__.py", "from ... import ui\n", "wethrive_desktop.ui"),
    ("models/x.py", "import PySide6.QtWidgets\n", "PySide6.QtWidgets"),
    ("models/x.py", "from .. import exchange\n", "wethrive_desktop.exchange"),
    ("models/x.py", "def f():\n    import importlib\n    importlib.import_module('wethrive_desktop.ui.pages')\n",
     "wethrive_desktop.ui.pages"),
    ("reports/pdf/x.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from PySide6.QtGui import QFont\n",
     "PySide6.QtGui"),
    ("reports/x.py", "from wethrive_desktop.ui.widgets.naming import named\n", "wethrive_desktop.ui.widgets.naming"),
    ("exchange/x.py", "class C:\n    def m(self):\n        from ..ui import prompts\n", "wethrive_desktop.ui"),
    ("exchange/x.py", "from wethrive_desktop import cli_common\n", "wethrive_desktop.cli_common"),
])
def test_the_check_finds_each_kind_of_forbidden_import(tmp_path: Path, where: str, text: str, expected: str) -> None:
    path = tmp_path / PACKAGE / where
    path.parent.mkdir(parents=True)
    folder = path.parent
    while folder != tmp_path:
        (folder / "__init__.py").touch()
        folder = folder.parent
    path.write_text(text, encoding="utf-8")
    found = violations(tmp_path)
    assert len(found) >= 1 and any(f" imports {expected} " in v for v in found), found


def test_allowed_imports_pass(tmp_path: Path) -> None:
    folder = tmp_path / PACKAGE / "exchange"
    folder.mkdir(parents=True)
    (tmp_path / PACKAGE / "__init__.py").touch()
    (folder / "__init__.py").touch()
    (folder / "x.py").write_text("from ..models.activities import save_activity\nfrom . import json_format\n"
                                 "from wethrive_desktop.files import write_atomically\nimport peewee\n",
                                 encoding="utf-8")
    assert violations(tmp_path) == []


# --- explicit wiring: no module is found or imported by its name as a string -----------------------------------

WIRED = ("cli.py", "cli_common.py", "cli_data.py", "cli_plans.py", "cli_programs.py", "cli_report.py", "models",
         "reports", "exchange")


def test_no_importlib_wiring_in_cli_models_reports_exchange() -> None:
    offenders = []
    for entry in WIRED:
        target = ROOT / PACKAGE / entry
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            for line, name in imported_names(path):
                if name in ("importlib", "pkgutil") or name.startswith(("importlib.", "pkgutil.")):
                    offenders.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert offenders == []


def test_the_registries_list_every_module() -> None:
    from wethrive_desktop import cli
    from wethrive_desktop.exchange import json_io
    from wethrive_desktop.models import migrations

    steps = sorted(p.stem for p in (ROOT / PACKAGE / "models" / "migrations").glob("m[0-9][0-9][0-9][0-9]_*.py"))
    assert sorted(m.__name__.rsplit(".", 1)[1] for m in migrations.STEPS) == steps

    groups = sorted(p.stem for p in (ROOT / PACKAGE).glob("cli_*.py") if p.stem != "cli_common")
    assert sorted(f.__module__.rsplit(".", 1)[1] for f in cli.command_groups()) == groups

    with_sections = sorted(p.stem for p in (ROOT / PACKAGE / "exchange").glob("json_*.py")
                           if "\nSECTIONS" in p.read_text(encoding="utf-8") and p.stem != "json_io")
    listed = {s.load.__module__.rsplit(".", 1)[1] for s in json_io.SECTIONS}
    assert sorted(listed) == with_sections


# --- at run time ---------------------------------------------------------------------------------------------------

SCRIPT = """
import importlib, json, pkgutil, sys
import wethrive_desktop.exchange, wethrive_desktop.models, wethrive_desktop.reports
names = []
for package in (wethrive_desktop.models, wethrive_desktop.exchange, wethrive_desktop.reports):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
import wethrive_desktop.cli, wethrive_desktop.cli_data
print(json.dumps({"modules": names, "qt": sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken")))}))
"""


def test_models_exchange_and_reports_import_no_qt() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert "wethrive_desktop.models.activities" in found["modules"]
    assert "wethrive_desktop.exchange.csv_io" in found["modules"]
    assert "wethrive_desktop.exchange.json_io" in found["modules"]
    assert found["qt"] == []
