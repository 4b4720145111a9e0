#!/usr/bin/env python3
"""Build Partnership Workshop as a self-contained app with PyInstaller, then check it.

    python -m pip install ".[packaging]"     # once: PyInstaller (and Pillow for the icon)
    python packaging/build.py                # build, then smoke-test the bundle
    python packaging/build.py --check-only   # smoke-test the bundle already built

The same script runs on Linux, Windows and macOS (see packaging/github-workflow.yml, a
GitHub Actions recipe). Output goes to packaging/dist/ (ignored by git):

- Linux:   packaging/dist/Partnership Workshop/partnership-workshop  (a folder to copy)
- Windows: packaging/dist/Partnership Workshop/Partnership Workshop.exe
- macOS:   packaging/dist/Partnership Workshop.app

then zipped beside it as partnership-workshop-<version>-<platform>.zip.

The checks, on the built bundle (not on this checkout's Python): it starts and
`--help` works; `demo --pdf` writes a PDF (which needs the bundled frameworks.json and
DejaVu fonts); the window opens with the demo session (offscreen, quitting by itself
through PARTNERSHIP_WORKSHOP_SMOKE_TEST) on a temporary database. Far too slow for the
test suite: run it by hand or in CI.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "packaging"
DIST = HERE / "dist"
WORK = HERE / "build"
NAME = "Partnership Workshop"
IDENTIFIER = "org.partnership-workshop.app"


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def executable() -> Path:
    if sys.platform == "darwin":
        return DIST / f"{NAME}.app" / "Contents" / "MacOS" / NAME
    if sys.platform == "win32":
        return DIST / NAME / f"{NAME}.exe"
    return DIST / NAME / "partnership-workshop"


def build() -> None:
    import PyInstaller.__main__  # the packaging extra

    arguments = [
        str(ROOT / "main.py"),
        "--name", NAME,
        "--noconfirm",
        "--distpath", str(DIST),
        "--workpath", str(WORK),
        "--specpath", str(WORK),
        "--paths", str(ROOT),
        # The code finds resources/ beside its packages (Path(__file__).parent.parent),
        # which in a bundle is PyInstaller's sys._MEIPASS: put it there.
        "--add-data", f"{ROOT / 'resources'}{os.pathsep}resources",
        # Not used by the app; PyInstaller would otherwise follow optional imports.
        "--exclude-module", "tkinter",
        "--exclude-module", "pytest",
        "--exclude-module", "hypothesis",
    ]
    if sys.platform == "win32":
        # A console program whose console is hidden when it was not started from one:
        # a double-click shows only the window, a terminal (or CI) still sees --help.
        arguments += ["--console", "--hide-console", "hide-early",
                      "--icon", str(ROOT / "resources" / "icon.png")]
    elif sys.platform == "darwin":
        arguments += ["--windowed", "--osx-bundle-identifier", IDENTIFIER,
                      "--icon", str(ROOT / "resources" / "icon.png")]
    started = time.monotonic()
    PyInstaller.__main__.run(arguments)
    if sys.platform not in ("win32", "darwin"):
        # PyInstaller names the Linux program after --name; a name without a space is
        # what a launcher or a terminal expects.
        (DIST / NAME / NAME).rename(executable())
    print(f"built {executable()} in {time.monotonic() - started:.0f} s")


def run(args: list[str], env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(executable()), *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})},
                          cwd=tempfile.gettempdir())


def check() -> None:
    """Smoke-test the bundle; raise SystemExit with what failed."""
    program = executable()
    if not program.is_file():
        raise SystemExit(f"no bundle at {program}: build it first")
    failures: list[str] = []

    def expect(ok: bool, what: str, done: subprocess.CompletedProcess[str] | None = None):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)
            if done is not None:
                print(f"     exit {done.returncode}\n     stdout: {done.stdout[-2000:]}"
                      f"\n     stderr: {done.stderr[-2000:]}")

    started = time.monotonic()
    done = run(["--help"])
    expect(done.returncode == 0 and "usage:" in done.stdout
           and "partnership-workshop" in done.stdout, "--help", done)
    print(f"     (started and answered in {time.monotonic() - started:.1f} s)")

    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "demo summary.pdf"
        done = run(["demo", "--pdf", str(pdf)])
        written = pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"
        expect(done.returncode == 0 and written,
               "demo --pdf writes a PDF (bundled frameworks.json and fonts)", done)
        if written and shutil.which("pdftotext") and shutil.which("pdffonts"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                  text=True).stdout
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True,
                                   text=True).stdout
            expect("Carrick" in text and "DejaVu" in fonts,
                   "the PDF has the demo's text in the bundled DejaVu Sans")

        database = Path(folder) / "smoke.sqlite3"
        done = run(["--db", str(database), "--demo"], timeout=120,
                   env={"QT_QPA_PLATFORM": "offscreen",
                        "PARTNERSHIP_WORKSHOP_SMOKE_TEST": "1"})
        expect(done.returncode == 0 and "window shown: True" in done.stdout
               and database.is_file(),
               "the window opens on the demo session (offscreen) and quits", done)
        if done.returncode == 0:
            print(f"     {done.stdout.strip()}")

    if failures:
        raise SystemExit(f"{len(failures)} check(s) failed: {', '.join(failures)}")
    print("all checks passed")


def archive() -> Path:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = DIST / f"partnership-workshop-{version()}-{system}-{platform.machine().lower()}"
    root = DIST / (f"{NAME}.app" if sys.platform == "darwin" else NAME)
    made = shutil.make_archive(str(base), "zip", root_dir=DIST, base_dir=root.name)
    print(f"archived {made}")
    return Path(made)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check-only", action="store_true",
                        help="smoke-test the bundle already built")
    parser.add_argument("--no-archive", action="store_true", help="do not zip the bundle")
    options = parser.parse_args()
    if not options.check_only:
        build()
    check()
    if not options.check_only and not options.no_archive:
        archive()


if __name__ == "__main__":
    main()
