"""Set-up on a fresh machine: the README's commands, what .ci/run runs, and a clear
message when Qt's X11 plugin lacks a system library."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from gui.system_check import missing_libraries_message, no_display_message, uses_xcb

ROOT = Path(__file__).resolve().parent.parent
MARKER = "<!-- ci:test-command -->"


def marked_command() -> str:
    """The README's test command, found as .ci/run finds it: the marked row's first
    code span."""
    rows = [line for line in (ROOT / "README.md").read_text("utf-8").splitlines()
            if MARKER in line]
    assert len(rows) == 1
    return re.match(r"^[^`]*`([^`]+)`", rows[0]).group(1)


def test_readme_has_two_set_up_commands_one_line_per_system():
    section = (ROOT / "README.md").read_text("utf-8").split("## Set up on a new machine")[1]
    section = section.split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    assert {row.split("|")[1].strip() for row in rows} == {"open the app", "pass the tests"}
    for row in rows:
        command = re.search(r"`([^`]+)`", row).group(1)
        # PEP 668: a distribution's Python refuses a bare pip; there is no `python`.
        assert "venv .venv" in command
        assert not re.search(r"(^|&& )(pip|python) ", command), command
    assert "python3-venv" in section and "libxcb-cursor0" in section


def test_ci_runs_the_readme_test_command_as_written_with_the_distribution_python():
    command = marked_command()
    assert command.startswith("python3 -m venv .venv && ")
    assert command.endswith("-m pytest -q")
    run = (ROOT / ".ci" / "run").read_text("utf-8")
    assert MARKER in run
    assert 'env -i PATH=/usr/bin:/bin HOME="$HOME" LANG=C.UTF-8 bash -c "$cmd"' in run
    assert '"$status" -eq 5' in run  # no tests collected is a failure
    # The shell extraction gives the same command as this test's.
    shell = subprocess.run(
        ["bash", "-c", f"grep -F -- '{MARKER}' README.md | sed -E "
                       "'s/^[^`]*`([^`]+)`.*$/\\1/'"],
        cwd=ROOT, capture_output=True, text=True, check=True)
    assert shell.stdout.strip() == command


def test_gitignore_has_the_virtual_environment():
    assert ".venv/" in (ROOT / ".gitignore").read_text("utf-8").split()


def test_xcb_is_checked_only_where_qt_uses_it():
    assert uses_xcb({}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({}, "darwin")
    assert missing_libraries_message({}, "linux", find=lambda name: "lib.so") is None


def test_missing_xcb_cursor_names_the_package():
    message = missing_libraries_message({}, "linux", find=lambda name: None)
    assert message.startswith("error: ")
    assert "libxcb-cursor0" in message and "\n" not in message


def test_the_app_says_what_to_install_instead_of_qts_plugin_error(tmp_path: Path):
    code = ("import ctypes.util, sys; ctypes.util.find_library = lambda name: None; "
            "import main; sys.exit(main.main(['--db', sys.argv[1]]))")
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path),
           "DISPLAY": ":99"}  # a screen there is: only the library is missing
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "w.sqlite3")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "sudo apt install libxcb-cursor0" in done.stderr
    assert "Traceback" not in done.stderr and "plugin" not in done.stderr
    assert not (tmp_path / "w.sqlite3").exists()


def test_with_no_screen_the_app_says_so_instead_of_aborting(tmp_path: Path):
    """The README's "open the app" command run where there is no display (as `env -i`
    does): one `error:` line and exit 2, not Qt's abort."""
    assert no_display_message({"DISPLAY": ":0"}, "linux") is None
    assert no_display_message({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db",
                           str(tmp_path / "w.sqlite3")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "no screen" in done.stderr
    assert done.stderr.count("\n") == 1 and not (tmp_path / "w.sqlite3").exists()
