"""The installed launcher and the app's icon (the bundle itself is built by hand with
packaging/build.py: far too slow for the test suite)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_gui_script_entry_point_is_importable():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    target = project["project"]["gui-scripts"]["partnership-workshop"]
    module, _, name = target.partition(":")
    assert callable(getattr(importlib.import_module(module), name))


def test_the_launcher_runs_headless_commands_without_qt(tmp_path):
    code = ("import sys; from gui.launcher import main_process; "
            f"status = main_process(['demo', '--json', {str(tmp_path / 'd.json')!r}]); "
            "assert 'PySide6' not in sys.modules, 'Qt loaded'; sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "d.json").stat().st_size > 1000


def test_the_smoke_test_opens_the_window_and_quits_by_itself(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PARTNERSHIP_WORKSHOP_SMOKE_TEST": "1"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db",
                           str(tmp_path / "w.sqlite3"), "--demo"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "window shown: True" in done.stdout and "Partnership Workshop" in done.stdout


def test_the_app_has_its_icon(qapp):
    from gui.app import ICON, prepare

    assert ICON.is_file() and (ICON.parent / "icon.svg").is_file()
    font, name, icon = qapp.font(), qapp.applicationName(), qapp.windowIcon()
    try:
        prepare(qapp)
        assert not qapp.windowIcon().isNull()
    finally:  # prepare() enlarges the type: later tests measure layouts in the default
        qapp.setFont(font)
        qapp.setApplicationName(name)
        qapp.setWindowIcon(icon)
