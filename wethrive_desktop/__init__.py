"""WeThrive Desktop: offline professional-development records for ICMA members."""

from __future__ import annotations

import re
from pathlib import Path

APP_NAME = "WeThrive Desktop"
DISTRIBUTION = "wethrive-desktop"
# The reverse-DNS id of the desktop entry and AppStream metadata (data/), and of the window (setDesktopFileName).
APP_ID = "org.wethrive.WeThriveDesktop"


def _version() -> str:
    """pyproject.toml's version, the one place it is written: read from pyproject.toml beside a source checkout
    (installed editable or not: one small file, where importlib.metadata costs some 40 ms of start-up to import and
    search), else from the installed distribution's metadata (a wheel, and a PyInstaller bundle, which carries it)."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        found = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.MULTILINE)
    except OSError:
        found = None
    if found:
        return found.group(1)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"


__version__ = _version()


def resources_path(*parts: str) -> Path:
    """A file or folder of the package's data (`wethrive_desktop/resources/...`: fonts, icons, the third-party
    notices). Its users open files by name (ReportLab, Qt), so the package must be a real folder, not inside a zip.

    A checkout (editable install), a wheel (also `pip install --user`) and a PyInstaller bundle (whose data files
    build.spec collects beside the package's modules) all have the folder beside this file, where importlib.resources
    finds it too. It is looked for there first: from a checkout (`make run`, the benchmarks), importing
    importlib.resources would cost some 7 ms of every start, before the first window (its icon). (An installed build
    imports it anyway, with importlib.metadata, for its version.) Anywhere else importlib.resources answers."""
    folder = Path(__file__).parent / "resources"
    if folder.is_dir():
        return folder.joinpath(*parts)
    import importlib.resources

    package = importlib.resources.files(__name__)  # (not `from ... import files`: wethrive_desktop.files is a module)
    if not isinstance(package, Path):
        raise FileNotFoundError(f"{APP_NAME} must be installed as files, not inside an archive ({package})")
    return package.joinpath("resources", *parts)
