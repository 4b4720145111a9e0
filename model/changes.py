"""A changeset: one user edit as the rows it changes, before and after.

Every edit of a session is built as a changeset (see `model.edits`), applied by the
store in one transaction, and undone by applying its inverse. Nothing else is needed
to undo a delete that took dependent rows with it: they are in the changeset too.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowChange:
    """One row of `table` going from `before` to `after` (None: absent).

    Rows are whole rows, `id` included, so the inverse restores exactly what was there.
    """

    table: str
    before: dict | None
    after: dict | None

    def inverse(self) -> RowChange:
        return RowChange(self.table, self.after, self.before)


@dataclass(frozen=True)
class Changeset:
    """An edit of one session. `merge_key` lets consecutive edits of the same field
    (typing in a text box) become one undo step."""

    session_id: str
    label: str
    changes: tuple[RowChange, ...] = ()
    merge_key: tuple | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def inverse(self) -> Changeset:
        return Changeset(self.session_id, self.label,
                         tuple(c.inverse() for c in reversed(self.changes)), self.merge_key)

    def then(self, later: Changeset) -> Changeset:
        """This edit followed by `later`, as one changeset (label and merge key are the
        later edit's; an edit that changes nothing adds nothing)."""
        if not later.changes:
            return self
        if not self.changes:
            return later
        changes = self.changes + later.changes
        if len(self.changes) == len(later.changes) == 1:
            first, second = self.changes[0], later.changes[0]
            if first.table == second.table and first.after is not None \
                    and second.before is not None and first.after["id"] == second.before["id"]:
                after = second.after
                if first.before is None and after is not None:
                    # A row made by the first edit (typing its first words) and updated
                    # by the second: one insert of the whole row as it now is.
                    after = {**first.after, **after}
                changes = () if first.before is None and after is None else (
                    RowChange(first.table, first.before, after),)
        return Changeset(self.session_id, later.label, changes, later.merge_key)

    def touches(self, *tables: str) -> bool:
        return any(c.table in tables for c in self.changes)
