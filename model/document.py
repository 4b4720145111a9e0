"""One open session, without Qt: the single path every edit takes into the store.

The window (through `gui.document`, which adds an undo stack and signals) and the room's
server (phones' answers) both apply edits here, so there is one writer per database
and one set of rules about what is shown as saved.

An edit is committed before listeners hear of it, so nothing is shown as done that is
not on disk; with one exception, said loudly: when a commit fails for a reason that may
pass (disk full, file made read-only, database busy), an edit *made on this laptop*
stays on screen as *pending*. Pending edits are shown from an in-memory copy of the
database, listeners are told it is NOT saved, and they are committed, in order, by
`retry()` (the window calls it on a timer) and before the next edit.

A phone's answer is never kept pending: `commit()` either commits it or raises, so a
phone is told "saved" only for what is on disk. Many phones' answers are committed
together in a `batch()` (group commit: one FULL-sync COMMIT for all of them), each
still refused alone when it breaks a rule, all of them failed when the COMMIT fails.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from model.changes import Changeset
from model.edits import SessionEditor
from model.errors import EditRefused, StaleEdit, StoreError, WorkshopError
from model.session import Session
from model.store import Store

T = TypeVar("T")


class Event(Generic[T]):
    """A list of callbacks; `emit` calls each in the order they were connected."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], object]] = []

    def connect(self, callback: Callable[[T], object]) -> None:
        self._callbacks.append(callback)

    def emit(self, value: T) -> None:
        for callback in list(self._callbacks):
            callback(value)


@dataclass
class Batch:
    """What a `SessionDocument.batch()` committed, and whether the COMMIT has returned."""

    changesets: list[Changeset] = field(default_factory=list)  # in the order applied
    committed: bool = False


class SessionDocument:
    """Edits go in through `edit()` (or `commit()` for the room); listeners of `changed`
    redraw. `describe` turns a store error into the words the caller's user reads."""

    def __init__(self, store: Store, session_id: str,
                 describe: Callable[[WorkshopError], str] = str) -> None:
        self.store = store
        self.session_id = session_id
        self.describe = describe
        self.editor = SessionEditor(store, session_id)
        self.changed: Event[Changeset] = Event()  # just applied (an undo's is the inverse)
        self.message: Event[str] = Event()  # a problem the user should see
        self.saved: Event[bool] = Event()  # True: all shown is saved; False: some is not
        self._session: Session | None = None
        self._stale: set[str] = set()  # tables edited since `_session` was read
        self.pending: list[Changeset] = []  # shown, not yet committed, oldest first
        self._scratch: Store | None = None  # the stored session plus the pending edits
        self._batch: Batch | None = None  # open: commits wait for its COMMIT

    @property
    def session(self) -> Session:
        """The session as shown: as stored, plus any edits still pending."""
        store = self._scratch or self.store
        if self._session is None:
            self._session = store.load(self.session_id)
        elif self._stale:
            self._session = store.refresh(self._session, self._stale)
        self._stale = set()
        return self._session

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def unsaved(self) -> bool:
        """True while some edit on screen is not yet committed."""
        return bool(self.pending)

    def edit(self, build: Callable[[SessionEditor], Changeset],
             quiet: bool = False) -> Changeset | None:
        """Build an edit from what is shown and commit it (or keep it pending).

        Returns the changeset applied (empty when the edit changes nothing), or None if
        it was refused: then nothing changed, and `message` said why (unless `quiet`
        and the edit broke a rule).
        """
        assert self._batch is None, "the window's edits are not made inside a batch"
        if self.pending:
            self.retry()  # pending edits first, in order
        try:
            changeset = build(self.editor)
        except EditRefused as refusal:
            if not quiet:
                self.message.emit(str(refusal))
            return None
        if changeset and not self.apply(changeset):
            return None
        return changeset

    def commit(self, build: Callable[[SessionEditor], Changeset]) -> Changeset:
        """Build an edit and commit it now, or raise: EditRefused if it breaks a rule,
        StoreError if it cannot be saved (it is then not shown either). For answers
        that someone is told are saved the moment this returns.

        Inside `batch()` it is saved when the batch's COMMIT returns, and listeners hear
        of it then; a refusal or a failed save here still changes nothing but itself."""
        # In a batch the pending edits were retried just before it opened.
        if self.pending and (self._batch is not None or not self.retry()):
            raise self._pending_error
        changeset = build(self.editor)
        if changeset:
            self.store.apply(changeset)
            if self._batch is not None:
                self._stale |= {change.table for change in changeset.changes}
                self._batch.changesets.append(changeset)
            else:
                self._show(changeset, saved=True)
        return changeset

    @contextlib.contextmanager
    def batch(self) -> Iterator[Batch]:
        """Group commit: the `commit()`s made inside are one transaction, committed
        (FULL sync) on leaving; each is a savepoint of it, so one that is refused or
        fails changes nothing but itself, and reads inside see the commits before them.
        If the transaction is lost or its COMMIT fails, leaving raises StoreError and
        nothing of the batch is stored or shown. Only after the COMMIT do listeners
        hear of each changeset, in order (then `committed` is True).

        The window's pending edits are retried first, in a transaction of their own,
        as before any commit; if they still cannot be saved, each commit inside raises.
        `edit()` and `apply()` (the window's own edits) are not made inside a batch."""
        if self.pending:
            self.retry()
        assert self._batch is None, "batches do not nest"
        batch = self._batch = Batch()
        try:
            with self.store.database.batch():
                yield batch
        except BaseException:
            self._session = None  # it may hold rows that were rolled back
            self._stale = set()
            raise
        finally:
            self._batch = None
        batch.committed = True
        for changeset in batch.changesets:
            self.saved.emit(True)
            self.changed.emit(changeset)

    def apply(self, changeset: Changeset) -> bool:
        """Commit a changeset (or keep it pending) and tell listeners; False if refused."""
        assert self._batch is None, "the window's edits are not made inside a batch"
        if self.pending:
            assert self._scratch is not None
            try:
                self._scratch.apply(changeset)
            except StoreError as error:
                self.message.emit(self.describe(error))
                return False
            self.pending.append(changeset)
            return self._show(changeset, saved=False)
        try:
            self.store.apply(changeset)
        except StaleEdit as error:
            self.message.emit(str(error))
            return False
        except StoreError as error:
            if not self._keep_pending(changeset):
                self.message.emit(self.describe(error))
                self.saved.emit(False)
                return False
            self._tell_pending(error)
            return self._show(changeset, saved=False)
        return self._show(changeset, saved=True)

    def retry(self) -> bool:
        """Try again to commit the pending edits, oldest first; True when none is left."""
        while self.pending:
            try:
                self.store.apply(self.pending[0])
            except StaleEdit as error:
                # The database changed under us: what is pending no longer fits it.
                lost = self.pending
                self._drop_scratch()
                self.message.emit(f"{error} {len(lost)} unsaved edit(s) were given up.")
                self.saved.emit(True)
                for changeset in reversed(lost):  # listeners redraw what they showed
                    self.changed.emit(changeset.inverse())
                return True
            except StoreError as error:
                self._pending_error = error
                self._tell_pending(error)
                return False
            self.pending.pop(0)
        if self._scratch is not None:
            self._drop_scratch()
            self.message.emit("Saved: every edit on screen is in the database again.")
            self.saved.emit(True)
        return True

    def close(self) -> None:
        """Release the in-memory copy (pending edits are dropped)."""
        if self._scratch is not None:
            self._drop_scratch()

    def _keep_pending(self, changeset: Changeset) -> bool:
        if self.store.read_only:
            return False  # opened read-only: it will never be saved
        try:
            scratch = Store(self.store.database.in_memory_copy())
            scratch.apply(changeset)
        except StoreError:
            return False
        self._scratch = scratch
        self.editor = SessionEditor(scratch, self.session_id)
        self.pending = [changeset]
        return True

    def _drop_scratch(self) -> None:
        self.pending = []
        if self._scratch is not None:
            self._scratch.close()
        self._scratch = None
        self.editor = SessionEditor(self.store, self.session_id)
        self._session = None

    def _tell_pending(self, error: StoreError) -> None:
        self._pending_error = error
        n = len(self.pending)
        self.message.emit(
            f"NOT SAVED: {n} edit{'s' if n != 1 else ''} on screen could not be saved yet. "
            f"{self.describe(error)} Trying again every few seconds; keep the app open.")
        self.saved.emit(False)

    def _show(self, changeset: Changeset, saved: bool) -> bool:
        self._stale |= {change.table for change in changeset.changes}
        self.saved.emit(saved)
        self.changed.emit(changeset)
        return True
