"""The one gatekeeper of the database file.

It checks a file before writing a byte to it (is it a database, is it intact, is it
from a newer version of the app), sets the pragmas that keep every acknowledged edit
on disk, runs migrations in a transaction, and runs each user action as one transaction.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import sqlite_utils

from model.errors import (
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnavailable,
    StoreError,
    classify,
)
from model.store import backups
from model.store.schema import MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass
class _Batch:
    """An open batch: whether its transaction has begun, and why it was lost, if it was."""

    begun: bool = False
    lost: BaseException | None = None  # what ended the transaction before its COMMIT


class Database:
    """An open, checked, migrated database connection."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool,
                 *, in_memory: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self.in_memory = in_memory
        # Why a database that should be writable was opened read-only (a full disk,
        # another program holding it...), with what to do: for the window's banner.
        self.read_only_reason: str | None = None
        self.last_backup = time.monotonic()
        self._batch: _Batch | None = None

    def backup(self, reason: str) -> Path | None:
        """Make a verified backup now (see model.store.backups); None if none was made."""
        if self.read_only or self.in_memory:
            return None  # nothing can change, and its folder may not take a backup
        # The same connection would copy what may never be committed.
        assert not self.conn.in_transaction, "a backup inside an open transaction"
        made = backups.make_backup(self.conn, self.path, reason)
        self.last_backup = time.monotonic()
        return made

    def backup_if_due(self) -> None:
        """Called after each edit: a backup every few minutes while edits are made.
        Inside a batch it waits for the batch's COMMIT (which calls it again)."""
        if self._batch is None and time.monotonic() - self.last_backup >= backups.INTERVAL_SECONDS:
            self.backup("periodic")

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, imported when first needed: it costs
        a fifth of a second, which the app's start-up does not have to pay."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One user action: all of it is committed, or none of it. Inside `batch()` it
        is a savepoint of the batch's transaction: all of it or none of it is kept, and
        kept means committed only when the batch commits."""
        if self.read_only:
            raise DatabaseReadOnly(
                f"{self.path}: this database is open read-only, so nothing can be changed."
            )
        if self._batch is not None:
            return self._savepoint(self._batch)
        return self._transaction()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group commit: the transactions opened inside are savepoints of one
        transaction, committed (FULL sync) on leaving. One that fails is rolled back
        alone and the others stay; but if the transaction itself is lost (SQLite
        rolls it all back on a full disk or an I/O error) or its COMMIT fails, leaving
        raises StoreError and nothing of the batch is stored. BEGIN IMMEDIATE waits for
        the first write, so a batch that only reads takes no lock. No backup is made
        inside: the one due is made after the COMMIT."""
        assert self._batch is None, "batches do not nest"
        batch = self._batch = _Batch()
        try:
            yield
        except BaseException:
            self._roll_back()
            raise
        finally:
            self._batch = None
        if batch.lost is not None:
            self._raise_lost(batch)
        if batch.begun:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._roll_back()
                _raise_user_error(exc, self.path)
            self.backup_if_due()

    @contextlib.contextmanager
    def _savepoint(self, batch: _Batch) -> Iterator[sqlite3.Connection]:
        if batch.lost is not None:
            self._raise_lost(batch)
        try:
            if not batch.begun:
                self.conn.execute("BEGIN IMMEDIATE")
                batch.begun = True
            self.conn.execute("SAVEPOINT edit")
        except sqlite3.Error as exc:  # busy for BUSY_TIMEOUT_MS: the others would wait too
            self._lose(batch, exc)
        try:
            yield self.conn
        except BaseException as exc:
            if not self.conn.in_transaction:
                self._lose(batch, exc)  # every edit of the batch went with it
            try:
                self.conn.execute("ROLLBACK TO edit")
                self.conn.execute("RELEASE edit")
            except sqlite3.Error as exc2:
                self._lose(batch, exc2)
            if isinstance(exc, sqlite3.Error):
                _raise_user_error(exc, self.path)
            raise
        try:
            self.conn.execute("RELEASE edit")
        except sqlite3.Error as exc:
            self._lose(batch, exc)

    def _lose(self, batch: _Batch, exc: BaseException) -> NoReturn:
        """End `batch`'s transaction for good: what it held is not stored."""
        batch.lost = exc
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
        self._raise_lost(batch)

    def _raise_lost(self, batch: _Batch) -> NoReturn:
        assert batch.lost is not None
        if isinstance(batch.lost, sqlite3.Error):
            _raise_user_error(batch.lost, self.path)  # a fresh error for each edit told
        raise batch.lost

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._roll_back()
            _raise_user_error(exc, self.path)

    def _roll_back(self) -> None:
        """Undo the open transaction, if any (quietly: the error that led here is the one
        to report)."""
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def in_memory_copy(self) -> Database:
        """A private copy of this database in memory, for edits that cannot be saved yet.

        The GUI shows unsaved edits from such a copy while it retries saving them here;
        it is never written back as a whole.
        """
        copy = sqlite3.connect(":memory:", isolation_level=None)
        try:
            self.conn.backup(copy)
        except sqlite3.Error as exc:
            copy.close()
            _raise_user_error(exc, self.path)
        copy.row_factory = sqlite3.Row
        copy.execute("PRAGMA foreign_keys = ON")
        return Database(copy, self.path, read_only=False, in_memory=True)

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            _raise_user_error(exc, self.path)

    def pragma(self, name: str) -> object:
        return self.conn.execute(f"PRAGMA {name}").fetchone()[0]

    def close(self) -> None:
        if not self.read_only and not self.in_memory:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
        self.conn.close()


def open_database(path: Path | str, *, read_only: bool = False,
                  or_read_only: bool = False) -> Database:
    """Open (creating if missing) the database at `path`, checked and migrated.

    Raises a StoreError subclass with a message the user can act on; a damaged file
    or one from a newer version is refused without being written to. With
    `or_read_only`, an existing database that cannot be opened for writing (a full
    disk, another program holding it, a lost log) is opened read-only instead, with
    the reason in `read_only_reason`: reading must still work when writing cannot.
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise DatabaseUnavailable(f"{path}: is a folder, not a database file.")
    if not path.parent.is_dir():
        raise DatabaseUnavailable(
            f"{path}: the folder {path.parent} does not exist. Create it first, or choose "
            "another place with --db."
        )
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        raise DatabaseUnavailable(
            f"{path}: is not a regular file (a device, a pipe or a socket), so it cannot "
            "hold a database. Choose a database file with --db.")
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _check_existing(path)
    writable = os.access(path if path.exists() else path.parent, os.W_OK) and \
        os.access(path.parent, os.W_OK)
    if read_only or not writable:
        if not exists:
            raise DatabaseReadOnly(
                f"{path}: cannot create a database here: the folder is read-only. "
                "Choose a writable place with --db."
            )
        return _open_read_only(path, in_read_only_place=not writable)
    try:
        return _open_writable(path, exists)
    except (DatabaseDamaged, DatabaseTooNew):
        raise
    except StoreError as error:
        if not (or_read_only and exists):
            raise
        database = _open_read_only(path, in_read_only_place=False)
        database.read_only_reason = str(error)
        return database


def _open_writable(path: Path, exists: bool) -> Database:
    """Open `path` for writing; on failure, close it and remove what opening created
    (a new empty database file, an empty -wal and its -shm): no stray files."""
    before = {suffix: _sidecar(path, suffix).exists() for suffix in ("", "-wal", "-shm")}
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        _remove_created(path, before)
        _raise_user_error(exc, path)
    try:
        conn.row_factory = sqlite3.Row
        try:
            _set_pragmas(conn)
        except sqlite3.Error as exc:
            _raise_user_error(exc, path)
        database = Database(conn, path, read_only=False)
        if exists and backups.changed_since_last_backup(conn, path):
            # Before any migration, so an upgrade that goes wrong can be undone.
            database.backup("opened")
        _migrate(database)
    except BaseException:
        conn.close()
        _remove_created(path, before)
        raise
    return database


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _remove_created(path: Path, before: dict[str, bool]) -> None:
    """Remove the files a failed open created, when they hold nothing: the -wal only
    when empty (then its -shm indexes nothing), the database only when empty."""
    wal = _sidecar(path, "-wal")
    with contextlib.suppress(OSError):
        if not before["-wal"] and wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
            if not before["-shm"]:
                _sidecar(path, "-shm").unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        if not before[""] and path.exists() and path.stat().st_size == 0:
            path.unlink()


def _check_existing(path: Path) -> None:
    """Refuse, without writing, a file that is not an intact database of ours."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise DatabaseUnavailable(f"{path}: cannot be read ({exc.strerror}).") from exc
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise DatabaseDamaged(
            f"{path}: is not a Partnership Workshop database (it is not an SQLite file, "
            "or it is truncated). It has not been changed.")
    # user_version is bytes 60-63 of the header: read it without SQLite, which would
    # create -wal/-shm files beside a WAL database even when opened read-only.
    _refuse_if_newer(path, int.from_bytes(header[60:64], "big"))
    has_wal = Path(f"{path}-wal").exists()
    # With no WAL to read, `immutable` opens the file without creating anything beside it.
    uri = path.as_uri() + ("?mode=ro" if has_wal else "?immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        _raise_user_error(exc, path)
    try:
        _refuse_if_newer(path, conn.execute("PRAGMA user_version").fetchone()[0])
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise DatabaseDamaged(
                f"{path}: the database is damaged ({'; '.join(problems)}). It has not been "
                "changed.")
    except sqlite3.Error as exc:
        _raise_user_error(exc, path)
    finally:
        conn.close()


def _refuse_if_newer(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"{path}: was made by a newer version of Partnership Workshop (database "
            f"version {version}, this app knows up to {SCHEMA_VERSION}). It has not "
            "been changed. Update the app to open it."
        )


def _open_read_only(path: Path, in_read_only_place: bool) -> Database:
    # In a read-only place SQLite cannot make the -shm file a WAL database needs; with
    # no -wal to recover (and no one able to write there), reading the file as
    # immutable needs none.
    wal = _sidecar(path, "-wal")
    has_log = wal.exists()
    immutable = in_read_only_place and not has_log
    before = {suffix: _sidecar(path, suffix).exists() for suffix in ("", "-wal", "-shm")}
    try:
        conn = _connect_read_only(path, immutable)
    except sqlite3.Error as exc:
        _remove_created(path, before)
        # A full disk or a lost log: SQLite cannot make the -shm a WAL reader needs.
        # With no log holding edits, the file alone is the whole database.
        if immutable or (wal.exists() and wal.stat().st_size > 0):
            _raise_user_error(exc, path)
        try:
            conn = _connect_read_only(path, immutable=True)
        except sqlite3.Error as exc2:
            _raise_user_error(exc2, path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < SCHEMA_VERSION:
        conn.close()
        raise DatabaseReadOnly(
            f"{path}: is read-only and from an older version, so it cannot be upgraded. "
            "Copy it to a writable folder and open the copy with --db."
        )
    return Database(conn, path, read_only=True)


def _connect_read_only(path: Path, immutable: bool) -> sqlite3.Connection:
    uri = path.as_uri() + ("?immutable=1" if immutable else "?mode=ro")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Read now: opening is lazy, and a reader that cannot read should fail here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _set_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise DatabaseUnavailable(
            f"cannot use write-ahead logging on this database (journal mode is {mode}); "
            "is it on a network share? Use a database on a local disk."
        )
    # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss,
    # and the last commit is the score the room just called out.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _migrate(database: Database) -> None:
    if database.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION:
        return  # nothing to do: no write lock taken, so readers never wait on writers
    with database.transaction() as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _refuse_if_newer(database.path, version)  # a newer app wrote it since we checked
        for number in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
        if version != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT our transaction, so run statement by statement.
    return [s.strip() for s in script.split(";") if s.strip()]


def _raise_user_error(exc: sqlite3.Error, path: Path) -> NoReturn:
    """Raise the user-facing error for `exc`; an unclassified one is a bug: re-raise it."""
    error = classify(exc, path)
    if error is None:
        raise exc
    raise error from exc
