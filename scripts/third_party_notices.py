"""Write wethrive_desktop/resources/THIRD_PARTY_NOTICES.txt from the metadata of the installed distributions: every
package the app needs at run time (the closure of pyproject's dependencies, as installed), then what only the
PyInstaller bundle adds (Python itself, PyInstaller's bootloader), each with its licence and the full licence texts
it ships. Help > About shows the summary and opens the file; the wheel and the bundle carry it as package data.

    .venv/bin/python scripts/third_party_notices.py          # rewrite the file (after a dependency changes)
    .venv/bin/python scripts/third_party_notices.py --check  # exit 1 if the file is not what it would write

Run it in the project's .venv installed with constraints.txt, on Debian/Ubuntu: PySide6 and shiboken6 ship no licence
file in their wheels, so their LGPL-3.0 (with the GPL-3.0 it builds on) is taken from /usr/share/common-licenses.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "wethrive_desktop" / "resources" / "THIRD_PARTY_NOTICES.txt"
PROJECT = "wethrive-desktop"
COMMON_LICENSES = Path("/usr/share/common-licenses")
# Licences whose text a wheel does not ship, from Debian's copies; LGPL-3.0 is "GPL-3.0 plus additional permissions",
# so both texts go with it.
FALLBACK_TEXTS = {"LGPL-3.0": ("LGPL-3", "GPL-3")}
BUNDLE_ONLY = ("pyinstaller",)  # its bootloader starts the bundle (GPL-2.0-or-later with the bootloader exception)
RULE = "=" * 100
THIN_RULE = "-" * 100


def runtime_closure(project: str) -> list[Distribution]:
    """The installed distributions `project` needs to run (no extras), sorted by name."""
    found: dict[str, Distribution] = {}
    pending = [Requirement(r) for r in distribution(project).requires or []]
    while pending:
        req = pending.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        if name in found:
            continue
        try:
            dist = distribution(req.name)
        except PackageNotFoundError:
            raise SystemExit(f"{req.name} is required but not installed: run make setup first") from None
        found[name] = dist
        pending += [Requirement(r) for r in dist.requires or []]
    return [found[n] for n in sorted(found)]


def licence_of(dist: Distribution) -> str:
    meta = dist.metadata
    if meta.get("License-Expression"):
        return str(meta["License-Expression"])
    text = str(meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 100:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    return "see the licence text below"


def homepage_of(dist: Distribution) -> str:
    meta = dist.metadata
    urls = {u.split(",", 1)[0].strip().lower(): u.split(",", 1)[1].strip() for u in meta.get_all("Project-URL") or []}
    for key in ("homepage", "home", "source", "repository", "source code"):
        if key in urls:
            return urls[key]
    return str(meta.get("Home-page") or "")


def licence_texts(dist: Distribution) -> list[tuple[str, str]]:
    """(file name, text) of each licence file the distribution ships, else of the fallback texts for its licence."""
    texts = []
    for name in dist.metadata.get_all("License-File") or []:
        for candidate in (f"licenses/{name}", name):
            text = dist.read_text(candidate)
            if text:
                texts.append((name, text))
                break
    if texts:
        return texts
    licence = licence_of(dist)
    for spdx, files in FALLBACK_TEXTS.items():
        if spdx in licence:
            for file in files:
                path = COMMON_LICENSES / file
                if not path.is_file():
                    raise SystemExit(f"{dist.metadata['Name']} ships no licence text and {path} is missing "
                                     "(run this on Debian/Ubuntu)")
                texts.append((f"{spdx} text ({file})", path.read_text(encoding="utf-8")))
            return texts
    raise SystemExit(f"{dist.metadata['Name']}: no licence text found; add a fallback to FALLBACK_TEXTS")


def python_licence() -> str:
    path = Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "LICENSE.txt"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return "The Python Software Foundation License Version 2: https://docs.python.org/3/license.html\n"


def notices() -> str:
    app = distribution(PROJECT)
    runtime = runtime_closure(PROJECT)
    bundle_only = [distribution(name) for name in BUNDLE_ONLY]
    py = f"{sys.version_info.major}.{sys.version_info.minor}"

    def row(name: str, version: str, licence: str) -> str:
        return f"  {name:<26} {version:<14} {licence}"

    lines = [
        f"Third-party software in WeThrive Desktop {app.version}",
        "",
        "WeThrive Desktop is under the MIT licence (LICENSE). It uses the following software, each under its own",
        "licence; the full texts follow. Written by scripts/third_party_notices.py from the installed packages'",
        "metadata: do not edit by hand.",
        "",
        "Python packages:",
        *(row(d.metadata["Name"], d.version, licence_of(d)) for d in runtime),
        "",
        "In the one-folder bundle (PyInstaller) also:",
        row("Python", py, "PSF-2.0"),
        *(row(d.metadata["Name"], d.version, f"{licence_of(d)}, with its bootloader exception") for d in bundle_only),
        "",
        "Fonts (wethrive_desktop/resources/fonts, with their licence files):",
        row("DejaVu Sans", "", "Bitstream Vera Fonts licence and public domain (LICENSE-DejaVu.txt)"),
        row("WenQuanYi Micro Hei", "", "Apache-2.0 or GPL-3.0 with font exception (LICENSE-WenQuanYi.txt)"),
        "",
        "Qt is used under the LGPL-3.0: PySide6-Essentials and PySide6-Addons carry the Qt libraries, which you may",
        "replace with your own build of the same version (in the bundle: the files under _internal/PySide6/Qt/lib).",
        "The Qt sources and the notices of the third-party code inside Qt: https://www.qt.io/licensing and",
        "https://doc.qt.io/qt-6/licenses-used-in-qt.html.",
        "",
    ]
    for dist in [*runtime, *bundle_only]:
        lines += [RULE, f"{dist.metadata['Name']} {dist.version}: {licence_of(dist)}"]
        if homepage_of(dist):
            lines.append(homepage_of(dist))
        for name, text in licence_texts(dist):
            lines += [THIN_RULE, name, THIN_RULE, text.rstrip(), ""]
    lines += [RULE, f"Python {py}: PSF-2.0", "https://www.python.org/", THIN_RULE, python_licence().rstrip(), ""]
    return re.sub(r"[ \t]+\n", "\n", "\n".join(lines)).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date, write nothing")
    args = parser.parse_args(argv)
    text = notices()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.is_file() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run scripts/third_party_notices.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(text.splitlines())} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
