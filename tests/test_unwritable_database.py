"""A database that cannot be opened for writing (issue 19): reading still works (list,
export, the window read-only with a banner saying why), everything else is one `error:`
line and exit 2, and no stray files are left. A full disk is real where the machine
allows (root mounts a small tmpfs); elsewhere a seam in the store trips the same error."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import model.store.database as database
from model.demo import demo_session
from model.errors import DiskFull
from model.store import Store
from tests.cli_runner import one_error_line, run


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir()
                  if p.name.startswith(path.name + "-"))


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs holding a database with the demo session, then filled up."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    mount = tmp_path / "stick"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        store = Store.open(mount / "w.sqlite3")
        store.add_session(demo_session())
        store.close()
        with contextlib.suppress(OSError), open(mount / "filler", "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        yield mount / "w.sqlite3"
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_on_a_full_disk_reading_works_and_writing_says_so(full_disk: Path, tmp_path: Path):
    db = str(full_disk)
    listed = run("list", "--db", db, home=tmp_path)
    assert listed.returncode == 0, listed.stderr
    session_id = listed.stdout.split("\t")[0]
    assert "Carrick Housing" in listed.stdout
    out = tmp_path / "out.json"
    exported = run("export", session_id, "--json", str(out), "--db", db, home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text("utf-8"))["session"]["partnership"] == "Carrick Housing"
    pdf = tmp_path / "out.pdf"
    assert run("export", session_id, "--pdf", str(pdf), "--db", db,
               home=tmp_path).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    imported = run("import", str(out), "--db", db, home=tmp_path)
    message = one_error_line(imported)
    assert "on screen" not in message  # the command line speaks of commands
    new = full_disk.with_name("new.sqlite3")
    one_error_line(run("list", "--db", str(new), home=tmp_path))
    assert not new.exists()
    assert sidecars(full_disk) == []


@pytest.fixture
def demo_db(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "w.sqlite3"
    store = Store.open(path)
    session_id = store.add_session(demo_session())
    store.close()
    return path, session_id


def wal_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seam: switching on the write-ahead log fails as on a full disk."""
    def full(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(database, "_set_pragmas", full)


def test_the_seam_opens_read_only_with_the_reason(monkeypatch, demo_db):
    path, session_id = demo_db
    wal_fails(monkeypatch)
    with pytest.raises(DiskFull):
        Store.open(path)
    assert sidecars(path) == []  # the failed open removed the empty log it made
    store = Store.open(path, or_read_only=True)
    try:
        assert store.read_only and "disk is full" in store.read_only_reason
        assert store.load(session_id).partnership == "Carrick Housing"
    finally:
        store.close()


def test_a_failed_open_of_a_new_database_leaves_no_file(monkeypatch, tmp_path: Path):
    wal_fails(monkeypatch)
    path = tmp_path / "new.sqlite3"
    with pytest.raises(DiskFull):
        Store.open(path, or_read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_the_window_opens_read_only_with_a_banner_saying_why(qtbot, monkeypatch, demo_db,
                                                             settings):
    from PySide6.QtWidgets import QLabel

    from gui.main_window import MainWindow

    path, _ = demo_db
    wal_fails(monkeypatch)
    store = Store.open(path, or_read_only=True)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert any("read-only" in t and "disk is full" in t and "Free some space" in t
               for t in texts)
    window.store.close()


def test_a_backup_format_database_being_read_elsewhere_can_be_listed(monkeypatch, tmp_path):
    from cli.commands import run_command
    from main import parse

    path = tmp_path / "backup.sqlite3"
    store = Store.open(path)
    store.add_session(demo_session())
    store.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM sessions").fetchone()  # holds a shared lock
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    try:
        assert run_command(parse(["list", "--db", str(path)])) == 0
        assert run_command(parse(["import", str(tmp_path / "x.json"), "--db",
                                  str(path)])) == 2
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_reading_commands_do_not_wait_for_a_writer(demo_db, tmp_path: Path):
    path, session_id = demo_db
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE sessions SET title = title")
    try:
        start = time.monotonic()
        listed = run("list", "--db", str(path), home=tmp_path)
        exported = run("export", session_id, "--json", str(tmp_path / "o.json"),
                       "--db", str(path), home=tmp_path)
        took = time.monotonic() - start
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert listed.returncode == 0 and session_id in listed.stdout, listed.stderr
    assert exported.returncode == 0, exported.stderr
    assert took < database.BUSY_TIMEOUT_MS / 1000  # not one busy timeout


def test_a_lost_log_is_one_error_line_at_most(demo_db, tmp_path: Path):
    path, _ = demo_db
    live = sqlite3.connect(path, isolation_level=None)
    live.execute("PRAGMA journal_mode = WAL")
    live.execute("UPDATE sessions SET title = 'changed'")
    Path(f"{path}-wal").unlink()
    try:
        for args in (["list"], ["import", str(tmp_path / "missing.json")]):
            result = run(*args, "--db", str(path), home=tmp_path)
            assert "Traceback" not in result.stderr
            if result.returncode:
                one_error_line(result)
    finally:
        live.close()


def test_a_device_is_refused(tmp_path: Path):
    message = one_error_line(run("list", "--db", os.devnull, home=tmp_path))
    assert "not a regular file" in message
    assert Path(os.devnull).is_char_device()


def test_an_empty_db_option_is_refused(tmp_path: Path):
    one_error_line(run("list", "--db", "", home=tmp_path))
    assert not (tmp_path / "data").exists()  # not the default database either


def test_a_failed_command_creates_no_database(tmp_path: Path, monkeypatch):
    missing = tmp_path / "missing.sqlite3"
    one_error_line(run("export", "abc", "--json", str(tmp_path / "o.json"),
                       "--db", str(missing), home=tmp_path))
    one_error_line(run("import", str(tmp_path / "nothing.json"), "--db", str(missing),
                       home=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == []

    # An import that fails once the new database is made removes it again.
    from cli.commands import run_command
    from main import parse

    demo = tmp_path / "demo.json"
    assert run_command(parse(["demo", "--json", str(demo)])) == 0

    def full(self, session, **kwargs):
        raise DiskFull("the disk is full")
    monkeypatch.setattr(Store, "add_session", full)
    assert run_command(parse(["import", str(demo), "--db", str(missing)])) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.json"]
