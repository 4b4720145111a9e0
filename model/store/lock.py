"""One program at a time changes a database: the window holds `<database>.lock` (Qt's
QLockFile); the headless room takes the same lock, in the same format, without Qt.

The file holds the process id, the program's name and the host's name, one per line;
a lock whose process has died is stale and taken over.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

from model.errors import DatabaseBusy


def lock_path(database: Path) -> Path:
    return Path(f"{database}.lock")


def holder(database: Path) -> int | None:
    """The id of the live process on this computer holding `database`'s lock, if any."""
    try:
        lines = lock_path(database).read_text(encoding="utf-8", errors="replace").split("\n")
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    if len(lines) > 2 and lines[2] and lines[2] != socket.gethostname():
        return pid  # another computer's (a shared folder): not ours to judge stale
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # alive, another user's
    return pid


@contextlib.contextmanager
def held(database: Path) -> Iterator[None]:
    """Hold `database`'s lock while the block runs; DatabaseBusy if another program
    holds it."""
    path = lock_path(database)
    other = holder(database)
    if other is not None and other != os.getpid():
        raise DatabaseBusy(
            f"{database}: Partnership Workshop already has this database open (process "
            f"{other}). Open the room from that window (Room ▸ Open the room), or close it "
            "first.")
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # stale: its process has gone
    program = os.path.basename(os.path.realpath(sys.executable))
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise DatabaseBusy(f"{database}: another program took this database just now; "
                           "try again.") from None
    except OSError:
        descriptor = None  # a read-only folder: nothing can change the database anyway
    if descriptor is not None:
        with os.fdopen(descriptor, "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n{program}\n{socket.gethostname()}\n")
    try:
        yield
    finally:
        if descriptor is not None:
            with contextlib.suppress(OSError):
                path.unlink()
