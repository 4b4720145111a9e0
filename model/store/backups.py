"""Automatic, verified backups of a database, and restoring one.

Backups live in a `backups` folder beside the database file, named
`<database name>-<UTC time>-<reason>.sqlite3`. Each is made with SQLite's online
backup API (never a file copy of a live database, which can catch it half-written),
checked with `PRAGMA quick_check`, and only then given its final name; a backup that
fails the check is deleted at once, so it never rotates out a good one.

This module never opens the live database itself: it is handed the gatekeeper's
connection to back up, and a restore builds the new file beside the database and
renames it into place.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

KEEP = 10  # good backups kept per database; the oldest go first
INTERVAL_SECONDS = 5 * 60  # while edits are being made, at most one backup this often
FOLDER = "backups"
SUFFIX = ".sqlite3"
STAMP = "%Y%m%d-%H%M%S-%f"
REPLACED_STAMP = "%Y%m%d-%H%M%S"  # local time: what a restore put aside, and when


@dataclass(frozen=True)
class Backup:
    """One backup file, as listed for the user."""

    path: Path
    created: datetime  # UTC
    reason: str  # "opened", "periodic", "before-delete"...
    size: int  # bytes
    sessions: int | None  # sessions in it (not deleted); None if it cannot be read
    good: bool  # passes quick_check


def backup_folder(db_path: Path | str) -> Path:
    """Where the backups of `db_path` live: a `backups` folder beside it."""
    return Path(db_path).absolute().parent / FOLDER


def make_backup(conn: sqlite3.Connection, db_path: Path | str, reason: str) -> Path | None:
    """Back up the database open on `conn` (the file `db_path`); the new file, or None.

    Never raises for a backup that cannot be made (full disk, read-only folder...):
    a missing backup must not stop the facilitator working. A new backup that fails
    `quick_check` is deleted and no older one is removed.
    """
    folder = backup_folder(db_path)
    stamp = datetime.now(UTC).strftime(STAMP)
    final = folder / f"{Path(db_path).name}-{stamp}-{reason}{SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    try:
        folder.mkdir(exist_ok=True)
        _copy(conn, partial)
        if not _passes_quick_check(partial):
            partial.unlink(missing_ok=True)
            return None
        os.replace(partial, final)
        _sync_folder(folder)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return None
    _prune(db_path)
    return final


def changed_since_last_backup(conn: sqlite3.Connection, db_path: Path | str) -> bool:
    """False when the newest backup of `db_path` holds what `conn` holds now.

    Used on opening, so that running `list` ten times does not push out ten hours
    of history with ten identical backups. (File times cannot tell: closing a
    database writes its log into it.)
    """
    newest = next((p for p in _backup_files(db_path) if _passes_quick_check(p)), None)
    if newest is None:
        return True
    try:
        backup = sqlite3.connect(newest.as_uri() + "?mode=ro", uri=True)
        try:
            return _fingerprint(backup) != _fingerprint(conn)
        finally:
            backup.close()
    except sqlite3.Error:
        return True


def list_backups(db_path: Path | str) -> list[Backup]:
    """The backups of `db_path`, newest first, each checked and counted."""
    return [_listed(path, *_parse_name(path, db_path)) for path in _backup_files(db_path)]


def replaced_databases(db_path: Path | str) -> list[Backup]:
    """The databases that restores put aside (`<name>.replaced-<time>`, beside the
    database), newest first, each checked and counted, as backups of reason "replaced":
    restoring one undoes a wrong restore. Not backups: never pruned, never offered for
    a damaged database."""
    db_path = Path(db_path).absolute()
    pattern = re.compile(re.escape(db_path.name) + r"\.replaced-(\d{8}-\d{6})(?:-\d+)?")
    found = []
    with contextlib.suppress(OSError):
        for path in db_path.parent.iterdir():
            match = pattern.fullmatch(path.name)
            if match and path.is_file():
                # Named in local time by _move_aside.
                created = datetime.strptime(match.group(1), REPLACED_STAMP).astimezone(UTC)
                found.append(_listed(path, created, "replaced"))
    return sorted(found, key=lambda backup: backup.created, reverse=True)


def _listed(path: Path, created: datetime, reason: str) -> Backup:
    """`path` as listed for the user: checked, and its sessions counted when it is good."""
    good = _passes_quick_check(path)
    return Backup(path, created, reason, path.stat().st_size,
                  _count_sessions(path) if good else None, good)


def newest_good_backup(db_path: Path | str) -> Backup | None:
    return next((b for b in list_backups(db_path) if b.good), None)


def restore_backup(backup: Path | str, db_path: Path | str) -> Path | None:
    """Put `backup` in place of the database at `db_path` (which must be closed).

    The current file (with its -wal and -shm files) is kept aside as
    `<name>.replaced-<time>`, never overwritten; returns that path (None when there
    was no current file). Raises OSError or sqlite3.Error if the backup cannot be
    restored; then the current file is where it was.
    """
    backup, db_path = Path(backup), Path(db_path).absolute()
    if not _passes_quick_check(backup):
        raise sqlite3.DatabaseError(f"{backup}: the backup is damaged; choose another one.")
    incoming = db_path.with_name(db_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(backup.as_uri() + "?mode=ro", uri=True)
        try:
            _copy(source, incoming)
        finally:
            source.close()
        if not _passes_quick_check(incoming):
            raise sqlite3.DatabaseError(f"{backup}: the restored copy fails its check.")
        aside = _move_aside(db_path)
        os.replace(incoming, db_path)
        _sync_folder(db_path.parent)
    finally:
        incoming.unlink(missing_ok=True)
    return aside


# --- helpers -----------------------------------------------------------------------------


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database on `source` into a new self-contained file `target`."""
    target.unlink(missing_ok=True)
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(dest)
        # One file, no -wal beside it: a backup must survive being copied on its own.
        dest.execute("PRAGMA journal_mode = DELETE")
        dest.execute("PRAGMA synchronous = FULL")
    finally:
        dest.close()
    with open(target, "rb") as f:
        os.fsync(f.fileno())


def _passes_quick_check(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            if not f.read(16).startswith(b"SQLite format 3\x00"):
                return False
        conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def _fingerprint(conn: sqlite3.Connection) -> list[tuple]:
    """What changes whenever the database's content does: its version and schema, and
    each session's id, change stamp and deletion mark. Every edit of a session stamps
    it (Store.apply), and adding, deleting or restoring one changes the sessions rows,
    so these few rows stand for reading every row (compared as they are: no hashing)."""
    rows = [tuple(conn.execute("PRAGMA user_version").fetchone())]
    # Not sqlite_stat*: closing a database refreshes those statistics, not its content.
    rows += map(tuple, conn.execute("SELECT name, sql FROM sqlite_master WHERE name NOT "
                                    "LIKE 'sqlite_stat%' ORDER BY type, name"))
    with contextlib.suppress(sqlite3.Error):  # a database with no sessions table yet
        rows += map(tuple, conn.execute(
            "SELECT id, updated_at, deleted_at FROM sessions ORDER BY id"))
    return rows


def _count_sessions(path: Path) -> int | None:
    try:
        conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
        try:
            return conn.execute(
                "SELECT count(*) FROM sessions WHERE deleted_at IS NULL").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _name_pattern(db_path: Path | str) -> re.Pattern[str]:
    """`<database name>-<YYYYmmdd-HHMMSS-micro>-<reason>.sqlite3`, and nothing else: the
    backups of `workshop.sqlite3-old` are not those of `workshop.sqlite3`."""
    return re.compile(re.escape(Path(db_path).name) + r"-(\d{8}-\d{6}-\d{6})-([a-z-]+)"
                      + re.escape(SUFFIX))


def _backup_files(db_path: Path | str) -> list[Path]:
    """Finished backup files of `db_path`, newest first (by the time in their name)."""
    pattern = _name_pattern(db_path)
    try:
        files = [p for p in backup_folder(db_path).iterdir()
                 if pattern.fullmatch(p.name) and p.is_file()]
    except OSError:
        return []
    return sorted(files, key=lambda p: pattern.fullmatch(p.name).group(1), reverse=True)


def _parse_name(path: Path, db_path: Path | str) -> tuple[datetime, str]:
    match = _name_pattern(db_path).fullmatch(path.name)
    assert match is not None  # only names _backup_files found
    created = datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC)
    return created, match.group(2)


def _prune(db_path: Path | str) -> None:
    """Keep the newest KEEP backups that pass their check; delete the older ones."""
    good = 0
    for path in _backup_files(db_path):
        if good >= KEEP:
            with contextlib.suppress(OSError):
                path.unlink()
        elif _passes_quick_check(path):
            good += 1


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _move_aside(db_path: Path) -> Path | None:
    """Rename the database and its -wal/-shm files to `<name>.replaced-<time>...`."""
    if not db_path.exists():
        return None
    stamp = time.strftime(REPLACED_STAMP)
    aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
    n = 1
    while any(_sidecar(aside, s).exists() for s in ("", "-wal", "-shm")):
        n += 1
        aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}-{n}")
    # The logs first: a crash part-way must never leave a -wal beside a database file
    # it does not belong to (SQLite would replay it into that file).
    for suffix in ("-wal", "-shm", ""):
        source = _sidecar(db_path, suffix)
        if source.exists():
            os.replace(source, _sidecar(aside, suffix))
    return aside


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
