#!/usr/bin/env bash
# Install the system libraries the Qt wheels load (Debian/Ubuntu), or say what to install elsewhere.
set -euo pipefail
PACKAGES=(
  # offscreen Qt (tests)
  libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3
  # a real window (xcb) and the virtual screen used for screenshots
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  xvfb xauth
  # fonts for the widgets (Qt ships none; without them it warns, and the tests fail on Qt warnings); CJK too
  fonts-dejavu-core fonts-wqy-microhei
  # PDF pages to images, for looking at reports
  poppler-utils
  # building the bundle (PyInstaller reads and strips libraries with objdump and strip; with libcups2 present it
  # collects Qt's CUPS print plugin, without which a Linux bundle prints to PDF files only) and checking the desktop
  # entry and AppStream metadata in data/ (tests/test_packaging.py)
  binutils libcups2 desktop-file-utils appstream
)
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  case "$(uname -s)" in
    Linux) echo "Not Debian/Ubuntu: install the equivalents of: ${PACKAGES[*]}" >&2 ;;
    *) ;;  # macOS and Windows: the Qt wheels bring what they need
  esac
  exit 0
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
  echo "Run as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
