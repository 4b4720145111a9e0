"""The obstacles checklist: how the board's ratings and votes rank the obstacles, and
the edits of the exercise (rate, vote, notes, own obstacles, the second library).

Only visible obstacles count: a library item the facilitator hid for this session is
not part of the ranking, the counts or the votes (nor of the session file and PDF).
An obstacle's agreed action is edited with `model.actions.set_obstacle_action`.
"""

from __future__ import annotations

from model import frameworks
from model.changes import Changeset, RowChange
from model.edits import SessionEditor
from model.errors import EditRefused
from model.session import FACTORS, LIBRARIES, MAX_VOTES, RATINGS, Obstacle
from model.text import shortened

# Sort rank of a rating: critical first, then significant, minor, not an issue; not rated last.
_RATING_RANK: dict[int | None, int] = {3: 0, 2: 1, 1: 2, 0: 3, None: 4}
RATING_KEYS: tuple[int | None, ...] = (3, 2, 1, 0, None)


# --- ranking and summary (pure) -----------------------------------------------------------

def priority_order(obstacles: list[Obstacle]) -> list[Obstacle]:
    """Visible obstacles by rating (critical first, not an issue after minor, not rated
    last), then by votes (more first), then in list order."""
    visible = [o for o in obstacles if not o.hidden]
    # sorted() is stable, so equal rating and votes keep the list order.
    return sorted(visible, key=lambda o: (_RATING_RANK[o.rating], -o.votes))


def rating_counts(obstacles: list[Obstacle]) -> dict[int | None, int]:
    """How many visible obstacles have each rating: keys 3, 2, 1, 0 and None, always."""
    counts: dict[int | None, int] = dict.fromkeys(RATING_KEYS, 0)
    for o in obstacles:
        if not o.hidden:
            counts[o.rating] += 1
    return counts


def top_priorities(obstacles: list[Obstacle], n: int = 3) -> list[Obstacle]:
    """The first `n` of the priority order rated minor or worse: an obstacle rated
    "not an issue", or not rated, is never a priority, however many votes it has."""
    return [o for o in priority_order(obstacles) if o.rating is not None and o.rating >= 1][:n]


def total_votes(obstacles: list[Obstacle]) -> int:
    """Votes cast on the visible obstacles."""
    return sum(o.votes for o in obstacles if not o.hidden)


def by_factor(obstacles: list[Obstacle]) -> list[tuple[str | None, list[Obstacle]]]:
    """Visible obstacles grouped by factor, in the seed's order of the three factors,
    then those with no factor; list order within a group; empty groups left out."""
    visible = [o for o in obstacles if not o.hidden]
    groups = [(f, [o for o in visible if o.factor == f]) for f in (*FACTORS, None)]
    return [(f, items) for f, items in groups if items]


def rating_text(rating: int | None) -> str:
    """What a rating badge says: "2 significant", or "not rated"."""
    label = frameworks.rating_label(rating)
    return label if rating is None else f"{rating} {label}"


# --- edits ------------------------------------------------------------------------------

def rate(editor: SessionEditor, obstacle_id: int, rating: int | None) -> Changeset:
    """Rate an obstacle: None (not rated), 0 not an issue, 1 minor, 2 significant, 3 critical."""
    if rating is not None and rating not in RATINGS:
        raise EditRefused(f"A rating is 0, 1, 2 or 3 (or not rated), not {rating!r}.")
    row = _obstacle(editor, obstacle_id)
    label = (f"Clear rating of “{_short(row)}”" if rating is None
             else f"Rate “{_short(row)}” {rating_text(rating)}")
    return editor.update("obstacles", obstacle_id, label, rating=rating)


def add_vote(editor: SessionEditor, obstacle_id: int) -> Changeset:
    row = _obstacle(editor, obstacle_id)
    if row["votes"] >= MAX_VOTES:
        raise EditRefused(f"An obstacle has at most {MAX_VOTES:,} votes.")
    return editor.update("obstacles", obstacle_id, f"Vote for “{_short(row)}”",
                         votes=row["votes"] + 1)


def remove_vote(editor: SessionEditor, obstacle_id: int) -> Changeset:
    """Take one vote off; with no votes left this changes nothing (never below 0)."""
    row = _obstacle(editor, obstacle_id)
    if row["votes"] <= 0:
        return editor.update("obstacles", obstacle_id, "Remove vote")  # empty: nothing to undo
    return editor.update("obstacles", obstacle_id, f"Remove a vote from “{_short(row)}”",
                         votes=row["votes"] - 1)


def set_notes(editor: SessionEditor, obstacle_id: int, notes: str) -> Changeset:
    """Replace an obstacle's notes; consecutive typing merges into one undo step."""
    row = _obstacle(editor, obstacle_id)
    return editor.update("obstacles", obstacle_id, f"Edit notes on “{_short(row)}”",
                         merge_key=("obstacles", obstacle_id, "notes"), notes=notes)


def add_custom_obstacle(editor: SessionEditor, text: str, factor: str | None = None,
                        index: int | None = None) -> Changeset:
    """Add the partnership's own obstacle at `index` of the whole list (the end by default)."""
    _check_factor(factor)
    _check_text(editor, text)
    return editor.insert("obstacles", {
        "text": text, "library": "custom", "factor": factor, "rating": None, "votes": 0,
        "notes": "", "action": "", "hidden": 0}, f"Add obstacle “{_short({'text': text})}”",
        index)


def edit_obstacle_text(editor: SessionEditor, obstacle_id: int, text: str) -> Changeset:
    """Reword the partnership's own obstacle. Library obstacles keep the seed's wording."""
    row = _obstacle(editor, obstacle_id)
    if row["library"] != "custom":
        raise EditRefused("This obstacle's wording is the source's "
                          f"({frameworks.title_of(row['library'])}) and cannot be changed. "
                          "Add your own obstacle instead, or write in its notes.")
    if text == row["text"]:
        return editor.update("obstacles", obstacle_id, "")
    _check_text(editor, text, exclude_id=obstacle_id)
    return editor.update("obstacles", obstacle_id, "Edit obstacle wording",
                         merge_key=("obstacles", obstacle_id, "text"), text=text)


def set_factor(editor: SessionEditor, obstacle_id: int, factor: str | None) -> Changeset:
    """File an obstacle under a factor (justification, governance, performance) or none."""
    _check_factor(factor)
    row = _obstacle(editor, obstacle_id)
    what = frameworks.factor_label(factor) or "no factor"
    return editor.update("obstacles", obstacle_id, f"File “{_short(row)}” under {what}",
                         factor=factor)


def hide(editor: SessionEditor, obstacle_id: int) -> Changeset:
    """Hide a library obstacle for this session (its rating, votes and notes are kept)."""
    row = _obstacle(editor, obstacle_id)
    if row["library"] == "custom":
        raise EditRefused("Only obstacles from a library are hidden; remove your own "
                          "obstacle instead.")
    return editor.update("obstacles", obstacle_id, f"Hide “{_short(row)}”", hidden=1)


def show(editor: SessionEditor, obstacle_id: int) -> Changeset:
    row = _obstacle(editor, obstacle_id)
    return editor.update("obstacles", obstacle_id, f"Show “{_short(row)}”", hidden=0)


def remove(editor: SessionEditor, obstacle_id: int) -> Changeset:
    """Remove an obstacle. The partnership's own obstacles are deleted (an agreed action
    stays in the actions list, unlinked); a library obstacle is hidden instead, so that
    it can be shown again with its rating and notes, and its wording stays the seed's."""
    row = _obstacle(editor, obstacle_id)
    if row["library"] != "custom":
        return hide(editor, obstacle_id)
    return editor.delete("obstacles", obstacle_id, f"Remove “{_short(row)}”")


def move(editor: SessionEditor, obstacle_id: int, index: int) -> Changeset:
    """Move an obstacle to `index` among the visible obstacles (hidden ones keep their
    place relative to the others)."""
    rows = editor.store.rows("obstacles", editor.session_id)
    moving = next((r for r in rows if r["id"] == obstacle_id), None)
    if moving is None:
        _obstacle(editor, obstacle_id)  # raises the usual "no longer exists"
    rest = [r for r in rows if r["id"] != obstacle_id]
    visible = [r for r in rest if not r["hidden"]]
    index = max(0, min(index, len(visible)))
    if index < len(visible):
        target = rest.index(visible[index])
    else:
        target = rest.index(visible[-1]) + 1 if visible else len(rest)
    return editor.move("obstacles", obstacle_id, target, f"Move “{_short(moving)}”")


def add_library(editor: SessionEditor, library: str) -> Changeset:
    """Add a library's obstacles ("difficulties", or "box1" to bring Box 1 back) at the
    end of the list, once: an obstacle whose exact text is already there is not added
    again, and a hidden one is shown instead."""
    if library not in LIBRARIES or library == "custom":
        raise ValueError(f"not an obstacle library: {library!r}")
    rows = editor.store.rows("obstacles", editor.session_id)
    by_text = {r["text"]: r for r in rows}
    changes: list[RowChange] = []
    shown = added = 0
    new: list[Obstacle] = []
    for item in frameworks.library_obstacles(library):
        existing = by_text.get(item.text)
        if existing is None:
            if item.text not in (o.text for o in new):
                new.append(item)
        elif existing["hidden"]:
            changes += editor.update("obstacles", existing["id"], "", hidden=0).changes
            shown += 1
    if new:
        # One id per new row, counted on from the first: `insert` reads the next id from
        # the database, so inserts built before applying would all get the same one.
        first = editor.insert("obstacles", _row(new[0]), "").changes[-1].after
        assert first is not None
        for offset, item in enumerate(new):
            changes.append(RowChange("obstacles", None, {
                **first, **_row(item), "id": first["id"] + offset,
                "position": first["position"] + offset}))
        added = len(new)
    title = frameworks.title_of(library)
    if not changes:
        raise EditRefused(f"Every obstacle of “{title}” is already on the list.")
    parts = [f"{n} {what}" for n, what in ((added, "added"), (shown, "shown again")) if n]
    return Changeset(editor.session_id, f"Add “{title}” ({', '.join(parts)})",
                     tuple(changes))


# --- internals ------------------------------------------------------------------------

def _obstacle(editor: SessionEditor, obstacle_id: int) -> dict:
    row = editor.store.row("obstacles", obstacle_id)
    if row is None or row["session_id"] != editor.session_id:
        raise EditRefused("That obstacle no longer exists; the view was out of date.")
    return row


def _row(obstacle: Obstacle) -> dict:
    return {"text": obstacle.text, "library": obstacle.library, "factor": obstacle.factor,
            "rating": None, "votes": 0, "notes": "", "action": "", "hidden": 0}


def _check_factor(factor: str | None) -> None:
    if factor is not None and factor not in FACTORS:
        raise EditRefused(f"A factor is one of {', '.join(FACTORS)} (or none), "
                          f"not “{factor}”.")


def _check_text(editor: SessionEditor, text: str, exclude_id: int | None = None) -> None:
    if not text.strip():
        raise EditRefused("An obstacle needs some words: say what stands in the way.")
    for r in editor.store.rows("obstacles", editor.session_id):
        if r["text"] == text and r["id"] != exclude_id:
            where = " (hidden: show it again instead)" if r["hidden"] else ""
            raise EditRefused(f"“{_short(r)}” is already on the list{where}.")


def _short(row: dict | None, length: int = 40) -> str:
    return shortened(" ".join(((row or {}).get("text") or "").split()) or "obstacle", length)
