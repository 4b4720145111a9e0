"""One open session: its store, its undo stack, and the signal views update from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from gui.commands import ChangesetCommand
from gui.dialogs import said
from model.changes import Changeset
from model.edits import SessionEditor
from model.errors import EditRefused, StaleEdit, StoreError
from model.session import Session
from model.store import Store

RETRY_MS = 3000  # how often edits that could not be saved are tried again


class SessionDocument(QObject):
    """Edits go in through `edit()`; views redraw on `changed`.

    An edit is applied (committed) before `changed` is emitted, so nothing is shown
    as done that is not on disk; with one exception, said loudly: when a commit fails
    for a reason that may pass (disk full, file made read-only, database busy), the
    edit stays on screen as *pending*. Pending edits are shown from an in-memory copy
    of the database, the save indicator says NOT saved, a message stays up, and they
    are committed, in order, on a timer and before the next edit.
    """

    changed = Signal(object)  # the Changeset just applied (an undo's is the inverse)
    message = Signal(str)  # a problem the user should see, in words they can act on
    saved = Signal(bool)  # True: everything shown is saved; False: something is not

    def __init__(self, store: Store, session_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        self.editor = SessionEditor(store, session_id)
        self.undo_stack = QUndoStack(self)
        self._session: Session | None = None
        self._stale: set[str] = set()  # tables edited since `_session` was read
        self.pending: list[Changeset] = []  # shown, not yet committed, oldest first
        self._scratch: Store | None = None  # the stored session plus the pending edits
        self.retry_timer = QTimer(self, interval=RETRY_MS)
        self.retry_timer.timeout.connect(self.retry)

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

    def edit(self, build: Callable[[SessionEditor], Changeset], quiet: bool = False) -> bool:
        """Build an edit from what is shown, commit it, and make it one undo step.

        Returns False (and says why through `message`, unless `quiet` and the edit
        broke a rule) if the edit was refused; then nothing changed. An edit that
        could not be saved yet is kept pending (see the class) and returns True.
        """
        if self.pending:
            self.retry()  # pending edits first, in order
        try:
            changeset = build(self.editor)
        except EditRefused as refusal:
            if not quiet:
                self.message.emit(str(refusal))
            return False
        if not changeset:
            return True
        if not self.apply(changeset):
            return False
        self.undo_stack.push(ChangesetCommand(self, changeset))
        return True

    def apply(self, changeset: Changeset) -> bool:
        """Commit a changeset (or keep it pending) and tell the views; False if refused."""
        if self.pending:
            assert self._scratch is not None
            try:
                self._scratch.apply(changeset)
            except StoreError as error:
                self.message.emit(said(error))
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
                self.message.emit(said(error))
                self.saved.emit(False)
                return False
            self._tell_pending(error)
            self.retry_timer.start()
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
                for changeset in reversed(lost):  # views redraw what they showed
                    self.changed.emit(changeset.inverse())
                return True
            except StoreError as error:
                self._tell_pending(error)
                return False
            self.pending.pop(0)
        if self._scratch is not None:
            self._drop_scratch()
            self.message.emit("Saved: every edit on screen is in the database again.")
            self.saved.emit(True)
        return True

    def close(self) -> None:
        """Stop retrying and release the in-memory copy (pending edits are dropped)."""
        self.retry_timer.stop()
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
        self.retry_timer.stop()
        self.pending = []
        if self._scratch is not None:
            self._scratch.close()
        self._scratch = None
        self.editor = SessionEditor(self.store, self.session_id)
        self._session = None

    def _tell_pending(self, error: StoreError) -> None:
        n = len(self.pending)
        self.message.emit(
            f"NOT SAVED: {n} edit{'s' if n != 1 else ''} on screen could not be saved yet. "
            f"{said(error)} Trying again every {RETRY_MS // 1000} seconds; keep the app open.")
        self.saved.emit(False)

    def _show(self, changeset: Changeset, saved: bool) -> bool:
        self._stale |= {change.table for change in changeset.changes}
        self.saved.emit(saved)
        self.changed.emit(changeset)
        return True

