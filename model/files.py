"""Writing an output file so that a failure leaves nothing behind."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
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

    Only a regular file the user may write is replaced, keeping its permissions (and
    owner, where allowed); a symlink is written through to its target. A device, a pipe
    or a read-only file is refused: an export never replaces what is not its to replace.
    """
    where = os.fspath(path)
    target, st = check_target(where, error, doing)
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise error(f"{where}: {doing}: the folder {folder} does not exist")
    remove_leftovers(folder)
    temp_name = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f"{PARTIAL}{os.getpid()}-",
                                         suffix=".tmp", delete=False) as temp:
            temp_name = temp.name
            write(temp)
            temp.flush()
            os.fsync(temp.fileno())
        if st is not None:
            with contextlib.suppress(OSError):
                os.chmod(temp_name, st.st_mode & 0o777)
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != _owner(temp_name):
                with contextlib.suppress(OSError):
                    os.chown(temp_name, st.st_uid, st.st_gid)
        else:
            with contextlib.suppress(OSError):
                os.chmod(temp_name, 0o644)  # not the temporary file's 0o600
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise error(f"{where}: {doing}: {reason(exc)}") from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.remove(temp_name)


def check_target(path: str | os.PathLike[str], error: type[WorkshopError],
                 doing: str = "cannot write") -> tuple[str, os.stat_result | None]:
    """The file `write_atomically` would replace for `path` (a symlink's target) and its
    stat, None if there is none yet; raises `error` if it is not ours to replace (a
    folder, a device, a pipe, a write-protected file). Lets an export of several files
    refuse before it writes any."""
    where = os.fspath(path)
    target = os.path.realpath(where)  # through symlinks: the link stays a link
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise error(f"{where}: {doing}: {reason(exc)}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise error(f"{where}: {doing}: it is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{where}: {doing}: it is not a regular file (a device, a pipe or "
                        "a socket); choose a file name")
        if not os.access(target, os.W_OK) or not st.st_mode & 0o222:
            raise error(f"{where}: {doing}: the file is write-protected; choose another "
                        "name or folder")
    return target, st


PARTIAL = ".partial-"
# `.partial-<pid>-<random>.tmp`, this module's temporary files; older versions wrote
# `.partial-<random>.tmp`.
_LEFTOVER = re.compile(re.escape(PARTIAL) + r"(?:(\d+)-)?[\w]+\.tmp")
STALE_SECONDS = 24 * 60 * 60


def remove_leftovers(folder: str | os.PathLike[str]) -> None:
    """Remove the temporary files of exports into `folder` that were killed midway:
    those of a process no longer running, and any a day old."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    now = time.time()
    for name in names:
        match = _LEFTOVER.fullmatch(name)
        if not match:
            continue
        where = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            st = os.lstat(where)
            if not stat.S_ISREG(st.st_mode):
                continue
            pid = int(match.group(1)) if match.group(1) else None
            if now - st.st_mtime > STALE_SECONDS or (
                    pid is not None and pid != os.getpid() and not _running(pid)):
                os.remove(where)


def _running(pid: int) -> bool:
    """Whether process `pid` runs here; True when it cannot be told (Windows: os.kill
    would end the process)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _owner(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_uid, st.st_gid


def file_name_for(title: str, extension: str) -> str:
    """A safe, readable file name from a session title."""
    stem = re.sub(r"[^\w\- ]+", "", title, flags=re.UNICODE).strip()
    stem = re.sub(r"\s+", " ", stem)[:80] or "session"
    return f"{stem}{extension}"
