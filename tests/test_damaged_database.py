"""A damaged database, a database from a newer version, a database in a read-only place:
each gets a clear message, and the file is not changed by a single byte.

Damage comes in four kinds: not a database at all, truncated, a page scribbled over, and
a file SQLite reads but that fails its integrity check. Each is tried through the command
line (exit 2, one `error:` line) and the app (a dialog offering the newest good backup or
a new database elsewhere)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from model.demo import demo_session
from model.errors import DatabaseDamaged, DatabaseTooNew
from model.store import SCHEMA_VERSION, Store
from model.store.backups import list_backups
from tests.app_runner import AppRun

ROOT = Path(__file__).resolve().parent.parent
PAGE = 4096


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file in `folder` (recursively): its hash and modification time."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                        p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def good_database(path: Path) -> bytes:
    store = Store.open(path)
    store.add_session(demo_session())
    store.add_session(demo_session().__class__(title="Second"))
    store.close()
    return path.read_bytes()


def not_a_database(data: bytes) -> bytes:
    return b"These are the minutes of the last board meeting.\n" * 40


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2 // PAGE * PAGE]


def scribbled(data: bytes) -> bytes:
    return data[: 5 * PAGE] + b"\xa5" * PAGE + data[6 * PAGE:]


def fails_integrity_check(path: Path) -> None:
    """A database SQLite opens, whose rows break its schema (found by quick_check)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'deleted_at TEXT', "
                 "'deleted_at TEXT NOT NULL') WHERE name = 'sessions'")
    conn.close()


DAMAGE: dict[str, Callable[[bytes], bytes] | None] = {
    "not a database": not_a_database,
    "truncated": truncated,
    "page scribbled over": scribbled,
    "fails integrity check": None,
}


@pytest.fixture(params=list(DAMAGE))
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A damaged database in a folder of its own (no backups)."""
    path = tmp_path / "data" / "workshop.sqlite3"
    path.parent.mkdir()
    data = good_database(path)
    shutil.rmtree(path.parent / "backups", ignore_errors=True)
    damage = DAMAGE[request.param]
    if damage is None:
        fails_integrity_check(path)
    else:
        path.write_bytes(damage(data))
    return path


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


# --- damaged ----------------------------------------------------------------------------


def test_the_gatekeeper_refuses_a_damaged_database(damaged: Path) -> None:
    before = fingerprint(damaged.parent)
    with pytest.raises(DatabaseDamaged) as caught:
        Store.open(damaged)
    assert str(damaged) in str(caught.value) and "has not been changed" in str(caught.value)
    assert fingerprint(damaged.parent) == before


@pytest.mark.parametrize("command", [["list"], ["export", "x", "--json", "OUT"],
                                     ["import", "IN"]])
def test_cli_exits_2_and_leaves_a_damaged_database_untouched(
        damaged: Path, command: list[str], tmp_path: Path) -> None:
    session_file = tmp_path / "in.json"
    session_file.write_text('{"format": "partnership-workshop-session", "version": 1, '
                            '"session": {"title": "T"}}', encoding="utf-8")
    argv = [str(session_file) if a == "IN" else str(tmp_path / "out.json") if a == "OUT"
            else a for a in command]
    before = fingerprint(damaged.parent)
    result = cli(*argv, "--db", str(damaged))
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and str(damaged) in line
    assert "It has not been changed" in line
    assert "elsewhere with --db" in line  # what to do, from the command line
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert fingerprint(damaged.parent) == before
    assert not (tmp_path / "out.json").exists()


@pytest.fixture
def app_run(qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppRun:
    return AppRun(monkeypatch, tmp_path)


def test_app_says_the_database_is_damaged_and_quits_leaving_it_untouched(
        damaged: Path, app_run: AppRun) -> None:
    before = fingerprint(damaged.parent)
    assert app_run(damaged) == 2
    [(text, backup_label)] = app_run.called("damaged_database")
    assert str(damaged) in text and "It has not been changed" in text
    assert "--db" not in text  # the window's buttons say what can be done, in its terms
    assert backup_label is None  # there is no backup to offer
    assert app_run.windows == []
    assert fingerprint(damaged.parent) == {**before, **{k: v for k, v in fingerprint(
        damaged.parent).items() if k.endswith(".lock")}}  # only the app's lock file


def test_app_restores_the_newest_good_backup_of_a_damaged_database(
        tmp_path: Path, app_run: AppRun) -> None:
    path = tmp_path / "workshop.sqlite3"
    good_database(path)
    Store.open(path).close()  # makes the backup
    [backup] = list_backups(path)
    scribble = scribbled(path.read_bytes())
    path.write_bytes(scribble)
    app_run.answers["damaged_database"] = "restore"
    assert app_run(path) == 0
    [(_text, label)] = app_run.called("damaged_database")
    assert "2 sessions" in label
    assert app_run.seen == [(path, sorted([demo_session().title, "Second"]))]
    [aside] = [p for p in tmp_path.iterdir() if ".replaced-" in p.name]
    assert aside.read_bytes() == scribble  # the damaged file, kept as it was
    [(title, text)] = app_run.called("information")
    assert str(aside) in text and backup.path.exists()


def test_app_starts_a_new_database_elsewhere(damaged: Path, tmp_path: Path,
                                             app_run: AppRun) -> None:
    before = fingerprint(damaged.parent)
    elsewhere = tmp_path / "fresh.sqlite3"
    app_run.answers["damaged_database"] = "new"
    app_run.answers["save_file"] = elsewhere
    assert app_run(damaged) == 0
    assert app_run.seen == [(elsewhere, [])]
    assert {k: v for k, v in fingerprint(damaged.parent).items()
            if not k.endswith(".lock")} == before


# --- newer version ----------------------------------------------------------------------


@pytest.fixture
def newer(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "workshop.sqlite3"
    path.parent.mkdir()
    good_database(path)
    shutil.rmtree(path.parent / "backups", ignore_errors=True)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, -shm
    return path


def test_the_gatekeeper_refuses_a_newer_database_without_a_write(newer: Path) -> None:
    before = fingerprint(newer.parent)
    with pytest.raises(DatabaseTooNew, match="newer version"):
        Store.open(newer)
    assert fingerprint(newer.parent) == before  # bytes, mtime, and no -wal/-shm


@pytest.mark.parametrize("command", [["list"], ["import", "IN"]])
def test_cli_refuses_a_newer_database_without_a_write(newer: Path, command: list[str],
                                                      tmp_path: Path) -> None:
    session_file = tmp_path / "in.json"
    session_file.write_text('{"format": "partnership-workshop-session", "version": 1, '
                            '"session": {"title": "T"}}', encoding="utf-8")
    before = fingerprint(newer.parent)
    result = cli(*[str(session_file) if a == "IN" else a for a in command],
                 "--db", str(newer))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "newer version" in line and str(newer) in line
    assert fingerprint(newer.parent) == before


def test_app_refuses_a_newer_database_without_a_write(newer: Path, app_run: AppRun) -> None:
    before = fingerprint(newer.parent)
    assert app_run(newer) == 2
    [(title, text)] = app_run.called("error")
    assert "newer version" in text and str(newer) in text
    assert app_run.called("damaged_database") == [] and app_run.windows == []
    after = {k: v for k, v in fingerprint(newer.parent).items() if not k.endswith(".lock")}
    assert after == before


# --- read-only place --------------------------------------------------------------------

CAN_MOUNT: bool | None = None


def read_only_runner() -> Callable[[Path, list[str]], subprocess.CompletedProcess[str]]:
    """A way to run a command with `folder` read-only, or skip the test.

    chmod does not stop root, and os.access says yes to root; so as root the folder is
    bind-mounted read-only in a private mount namespace (`unshare -m`), where the
    kernel itself refuses every write, as on a write-protected stick or share.
    """
    global CAN_MOUNT
    if os.geteuid() != 0:
        def chmod_run(folder: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
            modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
            for p in modes:
                p.chmod(0o555 if p.is_dir() else 0o444)
            try:
                return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True,
                                      timeout=60)
            finally:
                for p, mode in modes.items():
                    p.chmod(mode)
        return chmod_run
    if CAN_MOUNT is None:
        probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind / /mnt"],
                               capture_output=True, timeout=30) if shutil.which("unshare") \
            else None
        CAN_MOUNT = probe is not None and probe.returncode == 0
    if not CAN_MOUNT:
        pytest.skip("running as root (chmod does not stop root) and cannot make a "
                    "read-only mount here (needs unshare -m and CAP_SYS_ADMIN)")

    def mount_run(folder: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
        quoted = " ".join("'" + a.replace("'", "'\\''") + "'" for a in argv)
        f = "'" + str(folder) + "'"
        script = f"mount --bind {f} {f} && mount -o remount,bind,ro {f} {f} && exec {quoted}"
        return subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    return mount_run


@pytest.fixture
def read_only_place(tmp_path: Path) -> tuple[Path, Callable]:
    run = read_only_runner()
    path = tmp_path / "share" / "workshop.sqlite3"
    path.parent.mkdir()
    good_database(path)
    shutil.rmtree(path.parent / "backups", ignore_errors=True)
    return path, run


def test_cli_reads_a_database_in_a_read_only_place_and_refuses_to_change_it(
        read_only_place: tuple[Path, Callable], tmp_path: Path) -> None:
    path, run = read_only_place
    before = fingerprint(path.parent)
    listed = run(path.parent, [sys.executable, str(ROOT / "main.py"), "list", "--db",
                               str(path)])
    assert listed.returncode == 0, listed.stderr
    assert sorted(line.split("\t")[2] for line in listed.stdout.splitlines()) == sorted(
        [demo_session().title, "Second"])
    session_file = tmp_path / "in.json"
    session_file.write_text('{"format": "partnership-workshop-session", "version": 1, '
                            '"session": {"title": "T"}}', encoding="utf-8")
    imported = run(path.parent, [sys.executable, str(ROOT / "main.py"), "import",
                                 str(session_file), "--db", str(path)])
    assert imported.returncode == 2
    assert imported.stderr.startswith("error: ") and "read-only" in imported.stderr
    assert fingerprint(path.parent) == before


APP_IN_READ_ONLY_PLACE = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel
from gui.main_window import MainWindow
from gui.settings import Settings
from model.store import Store
app = QApplication([])
store = Store.open({db!r})
window = MainWindow(store, Settings(QSettings({ini!r}, QSettings.Format.IniFormat)))
banners = [w.text() for w in window.findChildren(QLabel) if "read-only" in w.text()]
print(store.read_only, window.actions.new_session.isEnabled(), banners)
"""


def test_app_opens_a_database_in_a_read_only_place_read_only_with_a_banner(
        read_only_place: tuple[Path, Callable], tmp_path: Path) -> None:
    path, run = read_only_place
    before = fingerprint(path.parent)
    script = APP_IN_READ_ONLY_PLACE.format(root=str(ROOT), db=str(path),
                                           ini=str(tmp_path / "settings.ini"))
    result = run(path.parent, [sys.executable, "-c", script])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True False ['This database is open read-only"), \
        result.stdout
    assert fingerprint(path.parent) == before


def test_a_database_found_damaged_mid_session_is_said_in_the_windows_terms() -> None:
    from gui.dialogs import said
    from model.errors import DatabaseDamaged, DiskFull

    damaged = DatabaseDamaged("w.sqlite3: the database file is damaged. It has not been "
                              "changed.")
    assert "--db" in str(damaged)  # the command line's remedy
    assert "--db" not in said(damaged) and "File ▸ Backups…" in said(damaged)
    assert said(DiskFull("The disk is full.")) == "The disk is full."
