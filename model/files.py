"""Writing an output file so that a failure leaves nothing behind."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from typing import BinaryIO

from model.errors import WorkshopError


def reason(exc: OSError) -> str:
    """Why a file operation failed, in words a user can act on."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied; choose a folder you can write to"
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and try again"
    return exc.strerror or str(exc)


def write_atomically(path: str | os.PathLike[str], write: Callable[[BinaryIO], None],
                     error: type[WorkshopError], doing: str = "cannot write") -> None:
    """Call `write` on a temporary file beside `path`, flush it to disk, then rename it
    into place. Any failure raises `error("<path>: <doing>: <why>")` and leaves no file.
    A file that is replaced keeps its permissions."""
    where = os.fspath(path)
    if os.path.isdir(where):
        raise error(f"{where}: {doing}: it is a folder, not a file")
    folder = os.path.dirname(os.path.abspath(where))
    if not os.path.isdir(folder):
        raise error(f"{where}: {doing}: the folder {folder} does not exist")
    try:
        mode = os.stat(where).st_mode & 0o777
    except OSError:
        mode = 0o644
    temp_name = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".partial-", suffix=".tmp",
                                         delete=False) as temp:
            temp_name = temp.name
            write(temp)
            temp.flush()
            os.fsync(temp.fileno())
        try:
            os.chmod(temp_name, mode)
        except OSError:
            pass
        os.replace(temp_name, where)
        temp_name = None
    except OSError as exc:
        raise error(f"{where}: {doing}: {reason(exc)}") from None
    finally:
        if temp_name is not None:
            try:
                os.remove(temp_name)
            except OSError:
                pass


def file_name_for(title: str, extension: str) -> str:
    """A safe, readable file name from a session title."""
    stem = re.sub(r"[^\w\- ]+", "", title, flags=re.UNICODE).strip()
    stem = re.sub(r"\s+", " ", stem)[:80] or "session"
    return f"{stem}{extension}"
