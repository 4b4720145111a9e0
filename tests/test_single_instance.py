"""One running app per database: a second one is told which process has it, and does
not open it for writing; a lock left by a process that died is taken over."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from gui.app import already_running_message, lock_for
from model.demo import demo_session
from model.store import Store
from tests.app_runner import AppRun

ROOT = Path(__file__).resolve().parent.parent

HOLD_THE_LOCK = """
import sys
from gui.app import lock_for
from pathlib import Path
lock = lock_for(Path(sys.argv[1]))
print("LOCKED" if lock.tryLock(1000) else "NOT LOCKED", flush=True)
sys.stdin.read()  # hold it until the test closes our input (or kills us)
"""


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.sqlite3"
    store = Store.open(path)
    store.add_session(demo_session())
    store.close()
    return path


@pytest.fixture
def other_app(database: Path):
    """Another process holding the app's lock on `database`, as a running app does."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(database)],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "LOCKED"
    yield holder
    if holder.poll() is None:
        holder.kill()
    holder.wait()


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.iterdir() if p.is_file()}


def test_a_second_lock_on_the_same_database_is_refused_and_names_the_first(
        qapp, database: Path) -> None:
    first = lock_for(database)
    assert first.tryLock(100)
    try:
        second = lock_for(database)
        assert not second.tryLock(100)
        assert second.error() == QLockFile.LockError.LockFailedError
        message = already_running_message(second, database)
        assert f"process {os.getpid()}" in message and str(database) in message
        assert "already running" in message
    finally:
        first.unlock()
    assert lock_for(database).tryLock(100)  # free again once the first lets go


def test_a_second_app_is_told_which_process_has_the_database(
        qapp, database: Path, other_app: subprocess.Popen, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    before = snapshot(database.parent)
    run = AppRun(monkeypatch, tmp_path)
    assert run(database) == 1
    [(title, text)] = run.called("error")
    assert f"process {other_app.pid}" in text and str(database) in text
    assert run.windows == []  # no window, so nothing could be edited
    assert snapshot(database.parent) == before  # not opened for writing: no -wal, no backup


def test_the_lock_of_an_app_that_died_is_taken_over(
        qapp, database: Path, other_app: subprocess.Popen, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    os.kill(other_app.pid, signal.SIGKILL)
    other_app.wait()
    run = AppRun(monkeypatch, tmp_path)
    assert run(database) == 0
    assert run.called("error") == []
    assert run.seen == [(database, [demo_session().title])]
