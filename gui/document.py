"""One open session in the window: the Qt-free document (`model.document`), its undo
stack, a timer that retries edits that could not be saved, and the signals views
update from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from gui.commands import ChangesetCommand
from gui.dialogs import said
from model import document as core
from model.changes import Changeset
from model.edits import SessionEditor
from model.session import Session
from model.store import Store

RETRY_MS = 3000  # how often edits that could not be saved are tried again


class SessionDocument(QObject):
    """Edits go in through `edit()`; views redraw on `changed`. What is saved when, and
    what stays pending, is `model.document.SessionDocument`'s; this adds the undo stack
    (each edit made here is one step) and re-emits its events as Qt signals."""

    changed = Signal(object)  # the Changeset just applied (an undo's is the inverse)
    message = Signal(str)  # a problem the user should see, in words they can act on
    saved = Signal(bool)  # True: everything shown is saved; False: something is not

    def __init__(self, store: Store, session_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core.SessionDocument(store, session_id, describe=said)
        self.store = store
        self.session_id = session_id
        self.undo_stack = QUndoStack(self)
        self.retry_timer = QTimer(self, interval=RETRY_MS)
        self.retry_timer.timeout.connect(self.retry)
        self.core.changed.connect(self.changed.emit)
        self.core.message.connect(self.message.emit)
        self.core.saved.connect(self._saved)

    @property
    def session(self) -> Session:
        """The session as shown: as stored, plus any edits still pending."""
        return self.core.session

    @property
    def editor(self) -> SessionEditor:
        return self.core.editor

    @property
    def pending(self) -> list[Changeset]:
        return self.core.pending

    @property
    def read_only(self) -> bool:
        return self.core.read_only

    @property
    def unsaved(self) -> bool:
        """True while some edit on screen is not yet committed."""
        return self.core.unsaved

    def edit(self, build: Callable[[SessionEditor], Changeset], quiet: bool = False) -> bool:
        """Build an edit from what is shown, commit it, and make it one undo step.

        Returns False (and says why through `message`, unless `quiet` and the edit
        broke a rule) if the edit was refused; then nothing changed. An edit that
        could not be saved yet is kept pending and returns True.
        """
        changeset = self.core.edit(build, quiet)
        if changeset is None:
            return False
        if changeset:
            self.undo_stack.push(ChangesetCommand(self, changeset))
        return True

    def apply(self, changeset: Changeset) -> bool:
        """Commit a changeset (or keep it pending) and tell the views; False if refused."""
        return self.core.apply(changeset)

    def retry(self) -> bool:
        """Try again to commit the pending edits, oldest first; True when none is left."""
        return self.core.retry()

    def close(self) -> None:
        """Stop retrying and release the in-memory copy (pending edits are dropped)."""
        self.retry_timer.stop()
        self.core.close()

    def _saved(self, saved: bool) -> None:
        if saved and not self.core.pending:
            self.retry_timer.stop()
        elif not saved and self.core.pending:
            self.retry_timer.start()
        self.saved.emit(saved)
