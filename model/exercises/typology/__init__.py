"""The typology placement exercise: agreement measures and the edits of placements.

The grid is Figure 1 of seed 003: rows are levels of collaboration (co-operation,
co-ordination, integration), columns are functions (strategic, commissioning, service
delivery). Each placer (a participant, or a stakeholder group when the session has no
participants) places the partnership where it is *now* and where it *needs* to be. The
measures here show whether the room shares a view; the board then records its agreed
cells and why, which may differ from the majority.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from model import frameworks
from model.changes import Changeset
from model.edits import SessionEditor
from model.errors import EditRefused
from model.session import COLLABORATIONS, FUNCTIONS, HORIZONS, Cell, Placement, Session

# Every cell in grid order: row by row (collaboration), left to right (function).
GRID: tuple[Cell, ...] = tuple(Cell(c, f) for c in COLLABORATIONS for f in FUNCTIONS)

# The largest Manhattan distance between two cells of a 3x3 grid (opposite corners).
MAX_DISTANCE = (len(COLLABORATIONS) - 1) + (len(FUNCTIONS) - 1)

# A view is "shared" when at least this share of placers chose the same cell.
SHARED_VIEW_SHARE = 0.5


@dataclass(frozen=True)
class Agreement:
    """How far the placements of one horizon agree.

    `counts` has all nine cells (0 when empty); `modal_cells` are all cells tied for the
    most placements, in grid order (empty when nobody placed); `modal_share` is the
    modal count over the total (0.0 when nobody placed); `shared_view` is True when at
    least half chose the same cell; `spread` is the normalised mean pairwise distance
    (see `spread()`).
    """

    horizon: str
    counts: dict[Cell, int]
    total: int
    modal_cells: list[Cell]
    modal_share: float
    shared_view: bool
    spread: float

    @property
    def modal_count(self) -> int:
        return max(self.counts.values()) if self.total else 0

    def share_text(self) -> str:
        """E.g. "7 of 10 (70%)"; "nobody placed yet" when empty."""
        if not self.total:
            return "nobody placed yet"
        return f"{self.modal_count} of {self.total} ({round(self.modal_share * 100)}%)"


def cell_label(cell: Cell) -> str:
    """The cell in the facilitator's words, e.g. "Co-operation × Service delivery"."""
    levels = {t.key: t.label for t in frameworks.collaboration_levels()}
    functions = {t.key: t.label for t in frameworks.functions()}
    return f"{levels[cell.collaboration]} × {functions[cell.function]}"


def grid_position(cell: Cell) -> tuple[int, int]:
    """(row, column) of a cell: row is the collaboration level, column the function."""
    return COLLABORATIONS.index(cell.collaboration), FUNCTIONS.index(cell.function)


def cell_at(row: int, column: int) -> Cell:
    return Cell(COLLABORATIONS[row], FUNCTIONS[column])


def distance(a: Cell, b: Cell) -> int:
    """Steps between two cells, the grid read as ordinal both ways (Manhattan)."""
    (ra, ca), (rb, cb) = grid_position(a), grid_position(b)
    return abs(ra - rb) + abs(ca - cb)


def spread(cells: list[Cell]) -> float:
    """How far apart the placements are, from 0 (all in one cell) to 1.

    The mean distance over all pairs of placements, divided by the largest possible
    distance (opposite corners, 4 steps); 0 for fewer than two placements. Two
    placements one step apart spread 0.25, two at opposite corners 1.0.
    """
    if len(cells) < 2:
        return 0.0
    # Summed cell by cell, not pair by pair: at most 36 cell pairs however many placed
    # (80 placements are 3,160 pairs); two placements in one cell are 0 apart.
    tally = Counter(cells)
    total = sum(tally[a] * tally[b] * distance(a, b) for a, b in combinations(tally, 2))
    pairs = len(cells) * (len(cells) - 1) // 2
    return total / (pairs * MAX_DISTANCE)


def agreement(placements: list[Placement], horizon: str) -> Agreement:
    """Counts per cell, the most common cell(s) and their share, for one horizon."""
    cells = [p.cell for p in placements if p.horizon == horizon]
    tally = Counter(cells)
    counts = {cell: tally.get(cell, 0) for cell in GRID}
    total = len(cells)
    top = max(counts.values()) if total else 0
    modal = [cell for cell in GRID if total and counts[cell] == top]
    share = top / total if total else 0.0
    return Agreement(horizon=horizon, counts=counts, total=total, modal_cells=modal,
                     modal_share=share, shared_view=total > 0 and share >= SHARED_VIEW_SHARE,
                     spread=spread(cells))


def movement(session: Session) -> tuple[Cell | None, Cell | None]:
    """From where to where the partnership should move: (now, needed).

    Each end is the board's agreed cell if recorded, else the single most common cell of
    that horizon's placements, else None (nobody placed, or a tie).
    """
    agreed = session.typology.agreed
    ends: list[Cell | None] = []
    for horizon, cell in (("now", agreed.now), ("needed", agreed.needed)):
        if cell is None:
            modal = agreement(session.typology.placements, horizon).modal_cells
            cell = modal[0] if len(modal) == 1 else None
        ends.append(cell)
    return ends[0], ends[1]


def placing_for(session: Session) -> list[str]:
    """Who places markers, in list order: the participants ("Participant N" when
    unnamed), or the stakeholder groups when the session has no participants."""
    return session.placers()


@dataclass(frozen=True)
class Placer:
    """Who a placement is by, as its edits find it: a participant or a stakeholder group,
    by id (`label` is how they are shown, for the undo menu). With neither id, the
    placer of a placement that names nobody in the session (a session file's `by`),
    found by that label."""

    label: str
    participant_id: int | None = None
    group_id: int | None = None


def placers(session: Session) -> list[Placer]:
    """`placing_for(session)` as placers, with their ids (a stored session)."""
    if session.participants:
        return [Placer(session.participant_label(i), participant_id=p.id)
                for i, p in enumerate(session.participants)]
    return [Placer(g.name, group_id=g.id) for g in session.groups]


def placer_of(placement: Placement) -> Placer:
    """Who placed `placement`."""
    return Placer(placement.by, placement.participant_id, placement.group_id)


def placer_colours(session: Session) -> dict[str, str | None]:
    """Each placer's colour: a participant takes their group's colour, a group its own."""
    colours = {g.name: g.colour for g in session.groups}
    if session.participants:
        return {session.participant_label(i): colours.get(p.group)
                for i, p in enumerate(session.participants)}
    return {g.name: g.colour for g in session.groups}


def initials(name: str, limit: int = 3) -> str:
    """A marker's short label: "Board chair" -> "BC", "Participant 12" -> "P12"."""
    words = [w for w in name.replace("-", " ").split() if w]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].capitalize()
    if words[-1].isdigit():
        return (words[0][0].upper() + words[-1])[:limit + 1]
    letters = "".join(w[0] for w in words if w[0].isalnum()) or words[0][0]
    return letters[:limit].upper()


# --- edits ------------------------------------------------------------------------------

def _check(horizon: str, cell: Cell | None = None) -> None:
    if horizon not in HORIZONS:
        raise ValueError(f"not a horizon: {horizon}")
    if cell is not None and (cell.collaboration not in COLLABORATIONS
                             or cell.function not in FUNCTIONS):
        raise ValueError(f"not a typology cell: {cell}")


def _placer_columns(placer: Placer) -> dict:
    if placer.participant_id is not None:
        return {"participant_id": placer.participant_id}
    if placer.group_id is not None:
        return {"group_id": placer.group_id}
    return {"by": placer.label}


def _placement_row(editor: SessionEditor, placer: Placer, horizon: str) -> dict | None:
    (column, value), = _placer_columns(placer).items()
    return next((r for r in editor.store.rows("placements", editor.session_id)
                 if r[column] == value and r["horizon"] == horizon), None)


def place(editor: SessionEditor, placer: Placer, horizon: str, cell: Cell) -> Changeset:
    """Place `placer`'s marker for `horizon` in `cell`, replacing their earlier placement."""
    _check(horizon, cell)
    (column, value), = _placer_columns(placer).items()
    if column == "by" and not value.strip():
        raise EditRefused("Choose who is placing (a participant or stakeholder group) first.")
    table = {"participant_id": "participants", "group_id": "stakeholder_groups"}.get(column)
    if table and editor.store.row(table, value) is None:
        raise EditRefused("That placer no longer exists; the view was out of date.")
    label = f"Place {placer.label} ({horizon}) in {cell_label(cell)}"
    row = _placement_row(editor, placer, horizon)
    if row is None:
        return editor.insert("placements", {**_placer_columns(placer), "horizon": horizon,
                                            "collaboration": cell.collaboration,
                                            "function": cell.function}, label)
    return editor.update("placements", row["id"], label,
                         collaboration=cell.collaboration, function=cell.function)


def remove_placement(editor: SessionEditor, placer: Placer, horizon: str) -> Changeset:
    """Take away `placer`'s placement for `horizon` (nothing to do if there is none)."""
    _check(horizon)
    row = _placement_row(editor, placer, horizon)
    if row is None:
        return Changeset(editor.session_id, "", ())
    return editor.delete("placements", row["id"],
                         f"Remove {placer.label}'s placement ({horizon})")


def set_agreed(editor: SessionEditor, horizon: str, cell: Cell | None) -> Changeset:
    """Record the board's agreed cell for `horizon` (None clears it), as one edit."""
    _check(horizon, cell)
    label = (f"Agree {horizon}: {cell_label(cell)}" if cell
             else f"Clear agreed placement ({horizon})")
    return editor.update("sessions", editor.session_id, label, **{
        f"agreed_{horizon}_collaboration": cell.collaboration if cell else None,
        f"agreed_{horizon}_function": cell.function if cell else None,
    })


def set_rationale(editor: SessionEditor, text: str) -> Changeset:
    """Why the board agreed those cells (typing merges into one undo step)."""
    return editor.set_detail("rationale", text)
