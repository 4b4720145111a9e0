"""Errors a facilitator can act on. Each message says what happened and what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class WorkshopError(Exception):
    """Base of every error whose message is meant for the user."""


class StoreError(WorkshopError):
    """The database cannot do what was asked."""


class DatabaseDamaged(StoreError):
    """`problem` says what is wrong and that nothing was changed; the message adds what
    to do from the command line (the window offers buttons instead)."""

    ADVICE = "Restore a backup, or start a new database elsewhere with --db."

    def __init__(self, problem: str) -> None:
        super().__init__(f"{problem} {self.ADVICE}")
        self.problem = problem


class DatabaseTooNew(StoreError):
    pass


class DatabaseReadOnly(StoreError):
    pass


class DiskFull(StoreError):
    pass


class DatabaseBusy(StoreError):
    pass


class DatabaseUnavailable(StoreError):
    pass


class UnknownSession(StoreError):
    pass


class StaleEdit(StoreError):
    """An undo or redo no longer matches what is stored (changed elsewhere)."""


class EditRefused(WorkshopError):
    """An edit breaks a rule (blank or duplicate name...); nothing was changed."""


def classify(exc: sqlite3.Error, path: Path | str) -> StoreError | None:
    """The user-facing error for an SQLite failure, or None when it is a bug."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    where = str(path)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        return DiskFull(
            f"{where}: the disk is full, so nothing could be written to the database. "
            "Free some space and try again."
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(
            f"{where}: the database cannot be written (read-only file or folder). "
            "Copy it somewhere you can write to, or open it with --db from a writable folder."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return DatabaseBusy(
            f"{where}: the database is busy in another program. "
            "Close the other program and try again."
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text \
            or "not a database" in text:
        return DatabaseDamaged(
            f"{where}: the database file is damaged ({exc}). It has not been changed.")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return DatabaseUnavailable(
            f"{where}: the database cannot be opened ({exc}). Check that its folder exists "
            "and that you may write to it."
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return DiskFull(
            f"{where}: the disk reported an error while writing the database ({exc}). "
            "Check the disk and try again."
        )
    return None
