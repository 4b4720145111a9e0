"""A database as an older version of the app left it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from model.store.schema import MIGRATIONS


def old_database(path: Path, version: int) -> None:
    """A database at schema `version` holding one session, 'old' ("Old review")."""
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO sessions (id, title, created_at, updated_at) "
                 "VALUES ('old', 'Old review', 'x', 'x')")
    conn.commit()
    conn.close()
