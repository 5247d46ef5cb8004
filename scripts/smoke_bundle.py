"""The frozen smoke test: run the PyInstaller bundle (dist/wethrive) as a user would, in a throwaway data folder.

    .venv/bin/python scripts/smoke_bundle.py [dist/wethrive]      (`make bundle-smoke`; `make test` runs it)

1. `wethrive --version` says pyproject.toml's version (and, on Linux, Qt's CUPS print plugin is in the bundle);
2. the window opens offscreen on the demo data (created on the way) and stays up a second, then Ctrl+C (SIGINT)
   closes it with status 0; on Linux, the libraries it loaded are read from /proc/PID/maps: every one loaded from
   outside the bundle must be one PyInstaller leaves to the system on purpose (libc, libGL, libxcb...), so a library
   cut by build.spec but found on this well-stocked machine fails here rather than on a bare one;
3. every command's --help (each command's modules import in the frozen app), then each command run for real on a
   copy of the demo data: the report PDF (checked to be a PDF with the bundled fonts), summaries, exports, imports,
   backup and restore.
Exits 1 at the first failure, saying what failed; prints one line per check.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0  # seconds for the window to come up (a cold first start on a busy CI machine)
SHOWN_FOR = 1.0
# Loaded from the system on purpose: the dynamic loader itself, and CUPS's client library (build.spec says why).
LEFT_TO_SYSTEM = ("ld-linux", "ld64.so", "libcups.so")
CUPS_PLUGIN = Path("_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so")
passed = 0


def fail(message: str) -> None:
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def ok(message: str) -> None:
    global passed
    passed += 1
    print(f"ok  {message}")


def run(exe: Path, args: list[str], env: dict[str, str], ok_codes: tuple[int, ...] = (0,)) -> str:
    proc = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode not in ok_codes:
        fail(f"wethrive {' '.join(args)}: exit status {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def loaded_libraries(pid: int) -> set[str]:
    maps = Path(f"/proc/{pid}/maps").read_text()
    return {line.split(maxsplit=5)[5] for line in maps.splitlines()
            if len(line.split(maxsplit=5)) == 6 and ".so" in line.split(maxsplit=5)[5]}


def needed_by(path: str) -> set[str]:
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=True).stdout
    return {line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")}


def check_system_libraries(pid: int, bundle: Path) -> None:
    """Every shared library the bundle's own files link is either in the bundle or one PyInstaller leaves to the
    system on purpose (its exclusion list: libc, libGL, libxcb...). What those system libraries load in turn (libxcb's
    libXau, say) comes from the system with them."""
    from PyInstaller.depend import dylib

    libraries = loaded_libraries(pid)
    inside = {lib for lib in libraries if Path(lib).resolve().is_relative_to(bundle.resolve())}
    outside = sorted(libraries - inside)
    linked_from_bundle = set().union(*(needed_by(lib) for lib in inside))
    missing = [lib for lib in outside if not Path(lib).name.startswith(LEFT_TO_SYSTEM) and any(
        (Path(lib).name == soname or Path(lib).name.startswith(f"{soname}.")) and dylib.include_library(soname)
        for soname in linked_from_bundle)]
    if missing:
        fail("the bundle loaded libraries from the system that it should carry (cut by build.spec?): "
             + ", ".join(missing))
    ok(f"{len(inside)} libraries loaded from the bundle; the {len(outside)} from the system are all ones "
       f"PyInstaller leaves to it ({', '.join(sorted({Path(lib).name.split('.so')[0] for lib in outside}))})")


def check_window(exe: Path, env: dict[str, str], bundle: Path, data: Path) -> Path:
    """The app on its demo data, offscreen: up, shown a second, closed by SIGINT with status 0."""
    log = data / "logs" / "wethrive.log"
    proc = subprocess.Popen([str(exe), "--demo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (log.is_file() and "WeThrive Desktop started" in log.read_text(errors="replace")):
            if proc.poll() is not None:
                fail(f"the app exited with status {proc.returncode} before its window was up:\n{proc.stdout.read()}")
            if time.monotonic() > deadline:
                fail(f"the window was not up after {START_TIMEOUT:.0f} s")
            time.sleep(0.1)
        time.sleep(SHOWN_FOR)
        if proc.poll() is not None:
            fail(f"the app exited (status {proc.returncode}) while its window was shown:\n{proc.stdout.read()}")
        if sys.platform.startswith("linux"):
            check_system_libraries(proc.pid, bundle)
        proc.send_signal(signal.SIGINT)
        try:
            output, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            fail("the app did not close within 30 s of Ctrl+C")
        if proc.returncode != 0:
            fail(f"the app closed with status {proc.returncode}:\n{output}")
    finally:  # a failed check leaves no app running behind it
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    demo = data / "demo.sqlite3"
    if not demo.is_file():
        fail(f"the demo data was not created at {demo}")
    ok(f"the window opened offscreen on the demo data, stayed up {SHOWN_FOR:.0f} s, closed on Ctrl+C (status 0)")
    return demo


def check_commands(exe: Path, env: dict[str, str], demo: Path, work: Path) -> None:
    help_text = run(exe, ["--help"], env)
    listed = re.search(r"\{([a-z,-]+)\}", help_text)
    commands = listed.group(1).split(",") if listed else re.findall(r"^    ([a-z][a-z-]+)\s", help_text, re.MULTILINE)
    if "report" not in commands:
        fail(f"wethrive --help lists no report command:\n{help_text}")
    for command in commands:
        run(exe, [command, "--help"], env)
    ok(f"every command's --help runs ({len(commands)}: {', '.join(commands)})")

    db = work / "records.sqlite3"
    shutil.copyfile(demo, db)
    year = str(date.today().year)
    use = ["--db", str(db)]
    pdf = work / "report.pdf"
    run(exe, [*use, "report", "--year", year, "--out", str(pdf)], env)
    head = pdf.read_bytes()
    if not head.startswith(b"%PDF-") or b"DejaVuSans" not in head:
        fail(f"{pdf} is not a PDF with the bundled fonts")
    ok(f"report --year {year}: a {len(head) // 1024} KB PDF with the bundled fonts")
    run(exe, [*use, "report-check", "--year", year], env, ok_codes=(0, 3))
    run(exe, [*use, "summary", "--year", year, "--json"], env)
    run(exe, [*use, "challenge", "--json"], env)
    run(exe, [*use, "legacy", "--json"], env)
    run(exe, [*use, "eligibility"], env)
    run(exe, [*use, "export-csv", str(work / "activities.csv")], env)
    run(exe, [*use, "export-json", str(work / "all.json")], env)
    run(exe, [*use, "import-csv", str(work / "activities.csv"), "--dry-run"], env)
    run(exe, [*use, "import", str(work / "activities.csv"), "--dry-run"], env)
    run(exe, ["--db", str(work / "copy.sqlite3"), "import-json", str(work / "all.json")], env)
    run(exe, [*use, "import-ics", str(ROOT / "tests" / "data" / "registrations.ics")], env)
    run(exe, [*use, "backup", "--out", str(work / "backup.sqlite3")], env)
    run(exe, [*use, "restore", str(work / "backup.sqlite3")], env)
    run(exe, [*use, "report-submit", "--year", year, "--out", str(work / "submitted.pdf")], env, ok_codes=(0, 1, 3))
    ok("report-check, summary, challenge, legacy, eligibility, export-csv/json, import-csv, import, import-json, "
       "import-ics, backup, restore, report-submit ran on a copy of the demo data")


def main(argv: list[str]) -> int:
    bundle = Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "wethrive"
    exe = bundle / ("wethrive.exe" if sys.platform == "win32" else "wethrive")
    if not exe.is_file():
        fail(f"{exe} not found: build the bundle first (make bundle)")
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    with tempfile.TemporaryDirectory(prefix="wethrive-smoke-") as tmp:
        data, work = Path(tmp) / "data", Path(tmp) / "work"
        data.mkdir()
        work.mkdir()
        env = {**os.environ, "WETHRIVE_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen", "HOME": tmp,
               "PYTHONPATH": ""}
        if sys.platform.startswith("linux"):
            if not (bundle / CUPS_PLUGIN).is_file():
                fail(f"{CUPS_PLUGIN} is missing: built without libcups2 (scripts/system-deps.sh), the bundle could "
                     "print to PDF files only")
            ok("Qt's CUPS print plugin is in the bundle")
        version = run(exe, ["--version"], env).strip()
        if version != f"wethrive {expected}":
            fail(f"--version said {version!r}, pyproject.toml says {expected}")
        ok(f"--version: {version}")
        demo = check_window(exe, env, bundle, data)
        check_commands(exe, env, demo, work)
    print(f"smoke test of {bundle}: {passed} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
