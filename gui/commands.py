"""The one kind of undo command: apply a changeset; undo applies its inverse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from model.changes import Changeset

if TYPE_CHECKING:
    from gui.document import SessionDocument

MERGEABLE = 1


class ChangesetCommand(QUndoCommand):
    """Pushed after its changeset is already applied, so the first redo() does nothing."""

    def __init__(self, document: SessionDocument, changeset: Changeset) -> None:
        super().__init__(changeset.label)
        self.document = document
        self.changeset = changeset
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self.document.apply(self.changeset):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.document.apply(self.changeset.inverse()):
            self.setObsolete(True)

    def id(self) -> int:
        return MERGEABLE if self.changeset.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangesetCommand) or \
                other.changeset.merge_key != self.changeset.merge_key:
            return False
        self.changeset = self.changeset.then(other.changeset)
        self.setText(self.changeset.label)
        return True
