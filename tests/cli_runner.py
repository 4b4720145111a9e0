"""Running `main.py` as a user does, in a process of its own, with no display and a
private data folder (so no test touches the user's default database)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, home: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(home / "data")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=home,
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=timeout)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The one `error: ` line of a refused command (exit 2, no traceback)."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    return result.stderr
