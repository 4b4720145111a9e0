"""The stakeholder governance-perception grid: spreads, gaps, and the edits of scores and rows.

The grid is the "Governance Test" of 004_ab2dd0d9840521d9.txt: rows are quality-of-life
issues and good-governance principles, columns are scores 1-5, and each cell holds the
stakeholder groups that gave the row that score. A *perception gap* is a row on which the
groups are far apart: its range (highest score minus lowest) is at least the session's
gap threshold (`Perception.gap_threshold`, 1-4; an undoable edit like any other).

Row order. Rows are shown section by section (quality of life first, then governance
principles), by position within a section. Every row edit here renumbers the positions
in that display order, so after any edit the stored order and the shown order agree; a
session imported with its sections interleaved is still shown sections-together. Moving
a row to the other section puts it at the end of that section unless an index is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from model import frameworks
from model.changes import Changeset, RowChange
from model.edits import SessionEditor
from model.errors import EditRefused
from model.session import (
    DEFAULT_GAP_THRESHOLD,
    GAP_THRESHOLDS,
    SCORES,
    SECTIONS,
    Group,
    PerceptionRow,
    Session,
)

TABLE = "perception_rows"
DEFAULT_SETS = ("principles", "quality-of-life")


@dataclass(frozen=True)
class RowSpread:
    """How far apart the groups are on one perception row.

    `scores` maps group name -> score, in group order. `range` is highest minus lowest
    (None with no score, 0 with one); `flagged` says the range reaches the threshold,
    which takes at least two scores.
    """

    row: PerceptionRow
    scores: dict[str, int]
    count: int
    minimum: int | None
    maximum: int | None
    range: int | None
    flagged: bool


# --- reading ---------------------------------------------------------------------------

def ordered_rows(session: Session) -> list[PerceptionRow]:
    """The rows as shown: by section (quality of life, then governance), then position."""
    rank = {section: i for i, section in enumerate(SECTIONS)}
    indexed = list(enumerate(session.perception.rows))
    indexed.sort(key=lambda pair: (rank.get(pair[1].section, len(rank)), pair[0]))
    return [row for _, row in indexed]


def rows_in(session: Session, section: str) -> list[PerceptionRow]:
    """The rows of one section, in the order shown."""
    return [r for r in ordered_rows(session) if r.section == section]


def score_table(session: Session) -> dict[str, dict[str, int]]:
    """Row label -> {group name: score}, groups in group order."""
    table: dict[str, dict[str, int]] = {r.label: {} for r in session.perception.rows}
    given = {(s.row, s.group): s.score for s in session.perception.scores}
    for row in session.perception.rows:
        for group in session.groups:
            score = given.get((row.label, group.name))
            if score is not None:
                table[row.label][group.name] = score
    return table


def spread_of(row: PerceptionRow, scores: dict[str, int],
              threshold: int = DEFAULT_GAP_THRESHOLD) -> RowSpread:
    """The spread of one row's scores (group name -> score)."""
    values = list(scores.values())
    if not values:
        return RowSpread(row, dict(scores), 0, None, None, None, False)
    low, high = min(values), max(values)
    spread = high - low
    return RowSpread(row, dict(scores), len(values), low, high, spread,
                     len(values) >= 2 and spread >= threshold)


def row_spreads(session: Session, threshold: int | None = None) -> list[RowSpread]:
    """Every row's spread, in the order rows are shown, flagged by the session's gap
    threshold (or by `threshold`: a comparison measures two reviews by one)."""
    if threshold is None:
        threshold = session.perception.gap_threshold
    table = score_table(session)
    return [spread_of(row, table[row.label], threshold) for row in ordered_rows(session)]


def flagged_rows(session: Session) -> list[RowSpread]:
    """The perception gaps: flagged rows, widest gap first, then in the order shown."""
    flagged = [(i, s) for i, s in enumerate(row_spreads(session)) if s.flagged]
    flagged.sort(key=lambda pair: (-(pair[1].range or 0), pair[0]))
    return [s for _, s in flagged]


def groups_at(session: Session, row_label: str, score: int) -> list[Group]:
    """The groups that gave `row_label` this score, in group order (one grid cell)."""
    given = {s.group for s in session.perception.scores
             if s.row == row_label and s.score == score}
    return [g for g in session.groups if g.name in given]


def score_of(session: Session, row_label: str, group_name: str) -> int | None:
    return next((s.score for s in session.perception.scores
                 if s.row == row_label and s.group == group_name), None)


# --- scores ----------------------------------------------------------------------------

def set_score(editor: SessionEditor, row_id: int, group_id: int,
              score: int | None) -> Changeset:
    """Give a group's score on a row (1-5), or clear it with None: one undo step."""
    if score is not None and score not in SCORES:
        raise EditRefused(f"A score is 1 to 5, not {score}.")
    row = _own_row(editor, TABLE, row_id)
    group = _own_row(editor, "stakeholder_groups", group_id)
    found = editor.store.database.query(
        "SELECT * FROM scores WHERE row_id = ? AND group_id = ?", (row_id, group_id))
    existing = dict(found[0]) if found else None
    where = f"“{row['label']}”"
    if score is None:
        if existing is None:
            return Changeset(editor.session_id, "")
        return editor.delete("scores", existing["id"],
                             f"Clear {group['name']}'s score on {where}")
    label = f"Score {score} for {group['name']} on {where}"
    if existing is None:
        return editor.insert("scores", {"row_id": row_id, "group_id": group_id,
                                        "score": score}, label)
    return editor.update("scores", existing["id"], label, score=score)


# --- the gap threshold -----------------------------------------------------------------

def set_gap_threshold(editor: SessionEditor, threshold: int) -> Changeset:
    """Flag a row when its scores differ by `threshold` or more (1-4): one undo step."""
    if isinstance(threshold, bool) or threshold not in GAP_THRESHOLDS:
        raise EditRefused(
            f"The gap threshold is {GAP_THRESHOLDS[0]} to {GAP_THRESHOLDS[-1]} points, "
            f"not {threshold}: scores run from 1 to 5, so a row's scores can differ by "
            f"at most {GAP_THRESHOLDS[-1]}.")
    return editor.update("sessions", editor.session_id,
                         f"Flag rows whose scores differ by {threshold} or more",
                         gap_threshold=threshold)


def changes_gap_threshold(changeset: Changeset) -> bool:
    """True when `changeset` (an edit, its undo or its redo) sets the gap threshold."""
    return any(c.table == "sessions" and "gap_threshold" in (c.after or c.before or {})
               for c in changeset.changes)


# --- rows ------------------------------------------------------------------------------

def add_row(editor: SessionEditor, section: str, label: str | None = None,
            index: int | None = None) -> Changeset:
    """Add a row to a section at `index` within it (its end by default).

    With no label the row is called "New perception row" (numbered if taken).
    """
    _check_section(section)
    added = editor.add_named(TABLE, label, None, section=section)
    return _placed(editor, added, section, index)


def rename_row(editor: SessionEditor, row_id: int, label: str) -> Changeset:
    """Rename a row; its scores stay with it."""
    return editor.rename(TABLE, row_id, label)


def remove_row(editor: SessionEditor, row_id: int) -> Changeset:
    """Remove a row with its scores (undo brings both back)."""
    return editor.remove_named(TABLE, row_id)


def move_row(editor: SessionEditor, row_id: int, index: int) -> Changeset:
    """Move a row to `index` within its own section."""
    row = _own_row(editor, TABLE, row_id)
    return set_row_section(editor, row_id, row["section"], index)


def set_row_section(editor: SessionEditor, row_id: int, section: str,
                    index: int | None = None) -> Changeset:
    """Put a row in `section` at `index` within it; to another section it goes last by
    default. Within its own section, None leaves it where it is."""
    _check_section(section)
    moving = _own_row(editor, TABLE, row_id)
    rows = _display_order(editor)
    rest = [r for r in rows if r["id"] != row_id]
    if index is None and section == moving["section"]:
        index = [r["id"] for r in rows if r["section"] == section].index(row_id)
    target = [r for r in rest if r["section"] == section]
    index = len(target) if index is None else max(0, min(index, len(target)))
    order = _insert_in_section(rest, {**moving, "section": section}, section, index)
    changes = _position_changes(rows, order)
    if not changes:
        return Changeset(editor.session_id, "")
    where = frameworks.section_label(section).lower()
    text = (f"Move “{moving['label']}”" if section == moving["section"]
            else f"Move “{moving['label']}” to {where}")
    return Changeset(editor.session_id, text, tuple(changes))


def add_default_rows(editor: SessionEditor, which: str) -> Changeset:
    """Add "principles" (the ten good-governance principles) or "quality-of-life" (the
    seed's quality-of-life issues) at the end of their section, skipping any label the
    session already has (compared ignoring case and surrounding spaces)."""
    if which == "principles":
        defaults, noun = frameworks.principle_rows(), "the good-governance principles"
    elif which == "quality-of-life":
        defaults, noun = frameworks.quality_of_life_rows(), "the quality-of-life issues"
    else:
        raise ValueError(f"not a default set of perception rows: {which}")
    rows = _display_order(editor)
    taken = {_key(r["label"]) for r in rows}
    missing = [r for r in defaults if _key(r.label) not in taken]
    if not missing:
        return Changeset(editor.session_id, "")
    # Ids are decided here for all the new rows at once: `insert` would give each the
    # same next id, since none is stored before the whole edit is applied.
    first = editor.insert(TABLE, {"section": missing[0].section, "label": missing[0].label},
                          "")
    first_id = next(c.after["id"] for c in first.changes
                    if c.before is None and c.after is not None)
    new_rows = [{"id": first_id + i, "session_id": editor.session_id, "position": -1,
                 "section": r.section, "label": r.label} for i, r in enumerate(missing)]
    order = list(rows)
    for new in new_rows:
        count = sum(1 for r in order if r["section"] == new["section"])
        order = _insert_in_section(order, new, new["section"], count)
    changes = _position_changes(rows, order)
    for position, row in enumerate(order):
        if row["position"] == -1:
            changes.append(RowChange(TABLE, None, {**row, "position": position}))
    return Changeset(editor.session_id, f"Add {noun} ({len(missing)} rows)", tuple(changes))


# --- internals -------------------------------------------------------------------------

def _key(label: str) -> str:
    return label.strip().casefold()


def _check_section(section: str) -> None:
    if section not in SECTIONS:
        raise ValueError(f"not a perception section: {section}")


def _own_row(editor: SessionEditor, table: str, row_id: int) -> dict:
    row = editor.store.row(table, row_id)
    if row is None or row["session_id"] != editor.session_id:
        raise EditRefused("That item no longer exists; the view was out of date.")
    return row


def _display_order(editor: SessionEditor) -> list[dict]:
    """The stored rows in the order they are shown (see `ordered_rows`)."""
    rank = {section: i for i, section in enumerate(SECTIONS)}
    rows = editor.store.rows(TABLE, editor.session_id)
    return sorted(rows, key=lambda r: (rank.get(r["section"], len(rank)), r["position"], r["id"]))


def _insert_in_section(rows: list[dict], row: dict, section: str, index: int) -> list[dict]:
    """`rows` (in display order) with `row` put at `index` within `section`."""
    rank = {s: i for i, s in enumerate(SECTIONS)}
    before = [r for r in rows if rank[r["section"]] < rank[section]]
    same = [r for r in rows if r["section"] == section]
    after = [r for r in rows if rank[r["section"]] > rank[section]]
    return before + same[:index] + [row] + same[index:] + after


def _position_changes(old: list[dict], order: list[dict]) -> list[RowChange]:
    """The changes that number `order` 0, 1, 2... (and set a moved row's section)."""
    stored = {r["id"]: r for r in old}
    changes = []
    for position, row in enumerate(order):
        before = stored.get(row["id"])
        if before is None:
            continue
        after = {"position": position, "section": row["section"]}
        changed = {k: v for k, v in after.items() if before[k] != v}
        if changed:
            changes.append(RowChange(TABLE, {"id": row["id"], **{k: before[k] for k in changed}},
                                     {"id": row["id"], **changed}))
    return changes


def _placed(editor: SessionEditor, added: Changeset, section: str,
            index: int | None) -> Changeset:
    """An insert of one row (built at the end of the list) moved to `index` in `section`."""
    insert = next(c for c in added.changes if c.before is None and c.after is not None)
    rows = _display_order(editor)
    count = sum(1 for r in rows if r["section"] == section)
    index = count if index is None else max(0, min(index, count))
    new = {**insert.after, "position": -1}
    order = _insert_in_section(rows, new, section, index)
    changes = _position_changes(rows, order)
    position = next(i for i, r in enumerate(order) if r["id"] == new["id"])
    changes.append(RowChange(TABLE, None, {**insert.after, "position": position}))
    return Changeset(editor.session_id, added.label, tuple(changes))
