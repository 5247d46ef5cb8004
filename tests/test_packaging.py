"""Installable software: one version, data read from inside the package, a wheel that works after `pip install
--user`, the desktop entry and AppStream metadata valid, the third-party notices current. (The PyInstaller bundle has
its own smoke test, scripts/smoke_bundle.py, which `make test` runs after this suite.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import xml.etree.ElementTree as ET
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

import wethrive_desktop
from wethrive_desktop import APP_ID, __version__
from wethrive_desktop.reports.pdf.fonts import FONT_FILES, LICENCE_FILES, fonts_dir, resources_dir

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]
DESKTOP = ROOT / "data" / f"{APP_ID}.desktop"
METAINFO = ROOT / "data" / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_the_version_is_written_once_in_pyproject() -> None:
    assert __version__ == VERSION
    releases = ET.parse(METAINFO).getroot().findall("./releases/release")
    assert releases and releases[0].get("version") == VERSION, "the newest AppStream release is the version"
    version_lines = [line for p in (ROOT / "wethrive_desktop").rglob("*.py")
                     for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("__version__ =")]
    assert version_lines == ["__version__ = _version()"]


def test_package_data_is_read_from_inside_the_package() -> None:
    package = Path(str(files("wethrive_desktop")))
    assert resources_dir() == package / "resources" and fonts_dir() == package / "resources" / "fonts"
    for name in [*FONT_FILES.values(), *LICENCE_FILES]:
        assert (fonts_dir() / name).is_file()
    for size in ICON_SIZES:
        assert (package / "resources" / "icons" / f"icon-{size}.png").is_file()
    assert (package / "resources" / "THIRD_PARTY_NOTICES.txt").stat().st_size > 10_000
    assert not (ROOT / "resources").exists(), "data files live in the package, not beside it"
    declared = PYPROJECT["tool"]["setuptools"]["package-data"]["wethrive_desktop"]
    assert {"resources/fonts/*", "resources/icons/*", "resources/THIRD_PARTY_NOTICES.txt"} <= set(declared)
    assert "data-files" not in PYPROJECT["tool"]["setuptools"]


def test_the_window_has_the_app_icon_and_identity(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    from wethrive_desktop import app as app_module

    icon = app_module.app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == list(ICON_SIZES)
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    monkeypatch.setattr(app_module, "_run", lambda *args: 0)  # the set-up only, no window, no event loop
    monkeypatch.setattr(app_module, "install_crash_net", lambda app: type("Net", (), {"uninstall": lambda s: None})())
    monkeypatch.setattr("wethrive_desktop.crash_log.setup_logging", lambda: None)
    before = (qapp.applicationName(), qapp.organizationName(), qapp.applicationVersion(), qapp.desktopFileName(),
              qapp.windowIcon())
    try:
        assert app_module.run_gui(Path("unused.sqlite3")) == 0
        assert qapp.desktopFileName() == APP_ID and qapp.applicationVersion() == __version__
        assert not qapp.windowIcon().isNull()
    finally:  # the suite's other tests share this QApplication
        qapp.setApplicationName(before[0])
        qapp.setOrganizationName(before[1])
        qapp.setApplicationVersion(before[2])
        qapp.setDesktopFileName(before[3])
        qapp.setWindowIcon(before[4])


def test_the_desktop_entry_names_the_app_and_passes_desktop_file_validate() -> None:
    entry = DESKTOP.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in entry and "Exec=wethrive-gui\n" in entry
    assert PYPROJECT["project"]["gui-scripts"]["wethrive-gui"] == PYPROJECT["project"]["scripts"]["wethrive"]
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils, scripts/system-deps.sh)")
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_appstream_metadata_passes_appstreamcli_validate() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID and root.findtext("project_license") == PYPROJECT["project"]["license"]
    assert root.findtext("launchable") == DESKTOP.name
    validator = shutil.which("appstreamcli")
    if validator is None:
        pytest.skip("appstreamcli is not installed (Debian: appstream, scripts/system-deps.sh)")
    result = subprocess.run([validator, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not Path("/usr/share/common-licenses/LGPL-3").is_file(),
                    reason="the notices take Qt's LGPL text from Debian's /usr/share/common-licenses")
def test_the_third_party_notices_are_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "third_party_notices.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = (Path(str(files("wethrive_desktop"))) / "resources" / "THIRD_PARTY_NOTICES.txt").read_text("utf-8")
    for name in ("PySide6_Essentials", "reportlab", "peewee", "pillow", "GNU LESSER GENERAL PUBLIC LICENSE"):
        assert name in text


@pytest.mark.slow
def test_the_wheel_installed_with_user_prints_a_report(tmp_path: Path, data_dir: Path) -> None:
    """The wheel, built offline from this checkout and installed with `pip install --user` into a throwaway home
    under the base interpreter (no venv, no editable finder), prints the demo data's report: the fonts are found.

    Offline: the build uses the installed setuptools (--no-build-isolation) and the install only the wheel
    (--no-index --no-deps); the dependencies, already installed in this environment, come through PYTHONPATH."""
    from wethrive_desktop.models.demo import ensure_demo_database

    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, source / name)
    shutil.copytree(ROOT / "wethrive_desktop", source / "wethrive_desktop",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    home, user_base = tmp_path / "home", tmp_path / "userbase"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PYTHONUSERBASE": str(user_base), "PIP_BREAK_SYSTEM_PACKAGES": "1",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path / "wheels"), str(source)], env=env, check=True, timeout=120)
    wheel = next((tmp_path / "wheels").glob("wethrive_desktop-*.whl"))
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([sys.executable, "-m", "pip", "--python", base_python, "install", "--quiet", "--user",
                    "--no-deps", "--no-index", str(wheel)], env=env, check=True, timeout=120)

    demo = ensure_demo_database(data_dir / "demo.sqlite3")
    script = user_base / "bin" / "wethrive"
    assert script.is_file() and (user_base / "bin" / "wethrive-gui").is_file()
    run_env = {**env, "PYTHONPATH": sysconfig.get_paths()["purelib"], "WETHRIVE_DATA_DIR": str(data_dir),
               "QT_QPA_PLATFORM": "offscreen"}
    probe = ("import wethrive_desktop as w, wethrive_desktop.reports.pdf.fonts as f; "
             "print(w.__file__); print(f.fonts_dir()); print(w.__version__)")
    where = subprocess.run([base_python, "-c", probe], env=run_env, cwd=tmp_path, capture_output=True, text=True,
                           check=True).stdout.split("\n")
    assert Path(where[0]).is_relative_to(user_base) and Path(where[1]).is_relative_to(user_base), where
    assert where[2] == VERSION
    out = tmp_path / "report.pdf"
    year = str(date.today().year)
    result = subprocess.run([str(script), "--db", str(demo), "report", "--year", year, "--out", str(out)], env=run_env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes().startswith(b"%PDF-") and b"DejaVuSans" in out.read_bytes()
    assert Path(wethrive_desktop.__file__).is_relative_to(ROOT), "this process still runs the checkout"
