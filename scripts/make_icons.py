"""Render the app icon from its SVG source into every file that uses it; run after editing the SVG, and commit the
outputs:

    .venv/bin/python scripts/make_icons.py

- wethrive_desktop/resources/icons/icon-N.png (N = 16 ... 512): the window icon (app.py), and the PNGs a Linux
  package installs under share/icons/hicolor/NxN/apps/ beside the desktop entry;
- data/icons/<app id>.ico (Windows: the executable's icon, build.spec) and .icns (macOS: the app bundle's icon).

Qt's SVG renderer draws the PNGs (no other SVG library needed); Pillow (installed with ReportLab) writes the .ico
and .icns from them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.wethrive.WeThriveDesktop"
SOURCE = ROOT / "data" / "icons" / f"{APP_ID}.svg"
PNG_DIR = ROOT / "wethrive_desktop" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds


def render_pngs() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = PNG_DIR / f"icon-{size}.png"
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"{path}: could not be written")
        written.append(path)
    del app
    return written


def write_ico_and_icns() -> list[Path]:
    from PIL import Image

    images = {size: Image.open(PNG_DIR / f"icon-{size}.png").convert("RGBA") for size in SIZES}
    ico = SOURCE.with_suffix(".ico")
    largest = images[max(ICO_SIZES)]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    icns = SOURCE.with_suffix(".icns")
    images[512].save(icns, format="ICNS", append_images=[images[s] for s in (16, 32, 64, 128, 256)])
    return [ico, icns]


def main() -> int:
    for path in [*render_pngs(), *write_ico_and_icns()]:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
