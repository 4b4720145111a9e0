"""One open session: its store, its undo stack, and the signal views update from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gui.commands import ChangesetCommand
from model.changes import Changeset
from model.edits import SessionEditor
from model.errors import EditRefused, StoreError
from model.session import Session
from model.store import Store


class SessionDocument(QObject):
    """Edits go in through `edit()`; views redraw on `changed`.

    An edit is applied (committed) before `changed` is emitted, so nothing is shown
    as done that is not on disk.
    """

    changed = Signal(object)  # the Changeset just applied (an undo's is the inverse)
    message = Signal(str)  # a problem the user should see, in words they can act on
    saved = Signal(bool)  # True: everything shown is saved; False: the last edit failed

    def __init__(self, store: Store, session_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        self.editor = SessionEditor(store, session_id)
        self.undo_stack = QUndoStack(self)
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The session as stored now (reloaded after each change)."""
        if self._session is None:
            self._session = self.store.load(self.session_id)
        return self._session

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def edit(self, build: Callable[[SessionEditor], Changeset], quiet: bool = False) -> bool:
        """Build an edit from what is stored, commit it, and make it one undo step.

        Returns False (and says why through `message`, unless `quiet` and the edit
        broke a rule) if the edit was refused or could not be saved; then nothing
        changed.
        """
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
        """Commit a changeset and tell the views; False if it could not be saved."""
        try:
            self.store.apply(changeset)
        except StoreError as error:
            self.message.emit(str(error))
            self.saved.emit(False)
            return False
        self._session = None
        self.saved.emit(True)
        self.changed.emit(changeset)
        return True
