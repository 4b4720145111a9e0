"""Box 2's accountability processes (Matrix 2004): the board rates each of the five
processes and structures in place, partly or absent (the app's own scale), names who
owns it and by when; a gap (partly or absent) can be added to the actions list as an
action linked to its item.

A session stores the five items only once the board first edits one: until then
`items()` gives them fresh from the framework, and the first edit stores all five (in
the same changeset, so undoing it leaves the session as it was).
"""

from __future__ import annotations

from model import frameworks
from model.changes import Changeset, RowChange
from model.edits import SessionEditor, check_lengths, checked_date
from model.errors import EditRefused
from model.session import ACCOUNTABILITY_RATINGS, AccountabilityItem, Session
from model.text import shortened

GAPS: tuple[str, ...] = ("partly", "absent")


# --- reading (pure) ---------------------------------------------------------------------

def items(session: Session) -> list[AccountabilityItem]:
    """The session's Box 2 items: as stored, or Box 2's five, unrated, before any edit."""
    if session.accountability:
        return session.accountability
    return fresh_items()


def fresh_items() -> list[AccountabilityItem]:
    return [AccountabilityItem(text) for text in frameworks.accountability_processes()]


def is_gap(item: AccountabilityItem) -> bool:
    """Partly in place or absent: something for the actions list."""
    return item.rating in GAPS


def gaps(session: Session) -> list[AccountabilityItem]:
    return [item for item in items(session) if is_gap(item)]


def rating_text(rating: str | None) -> str:
    return frameworks.accountability_rating_label(rating)


def action_text(item: AccountabilityItem) -> str:
    """The action an item's gap becomes: what to do about it, in the item's words."""
    verb = "Put fully in place" if item.rating == "partly" else "Put in place"
    return f"{verb} (Box 2): {item.text}"


def since(before: Session, after: Session) -> list[str]:
    """What moved between two reviews, item by item (Box 2's five, by their words): each
    rating changed, and each gap still open. An item not rated this time is counted, not
    said to have moved (a re-run starts unrated)."""
    then = {item.text: item.rating for item in items(before)}
    out = []
    unrated = 0
    for item in items(after):
        if item.text not in then:
            continue
        if item.rating is None:
            unrated += then[item.text] is not None
            continue
        old, new = rating_text(then[item.text]), rating_text(item.rating)
        if then[item.text] != item.rating:
            out.append(f"“{item.text}”: {old} → {new}.")
        elif is_gap(item):
            out.append(f"Still a gap ({new}): “{item.text}”.")
    if unrated:
        out.append(f"Rated last time, not rated this time: {unrated} "
                   f"item{'s' if unrated != 1 else ''}.")
    return out


# --- edits ------------------------------------------------------------------------------

def rate(editor: SessionEditor, position: int, rating: str | None) -> Changeset:
    """Rate item `position` (0-4): None (not rated), "in-place", "partly" or "absent"."""
    if rating is not None and rating not in ACCOUNTABILITY_RATINGS:
        raise EditRefused(f"A Box 2 rating is in place, partly or absent (or not rated), "
                          f"not {rating!r}.")
    row = _item(editor, position)
    label = (f"Clear rating of “{_short(row)}”" if rating is None
             else f"Rate “{_short(row)}” {rating_text(rating)}")
    return _edit(editor, position, label, None, rating=rating)


def set_owner(editor: SessionEditor, position: int, owner: str) -> Changeset:
    """Name who owns an item; typing on merges into one undo step."""
    row = _item(editor, position)
    return _edit(editor, position, f"Edit owner of “{_short(row)}”",
                 ("accountability", position, "owner"), owner=owner)


def set_due(editor: SessionEditor, position: int, due: str | None) -> Changeset:
    """Set an item's date: ISO or typed the UK way (14/03/2026); blank clears it."""
    due = checked_date(due or None, "date")
    row = _item(editor, position)
    return _edit(editor, position, f"Edit date of “{_short(row)}”",
                 ("accountability", position, "due"), due=due)


def linked_action(editor: SessionEditor, position: int) -> dict | None:
    """The action row made from item `position`, if it has one."""
    rows = editor.store.rows("accountability", editor.session_id)
    if not rows:
        return None
    found = editor.store.database.query(
        "SELECT * FROM actions WHERE accountability_id = ? ORDER BY position, id LIMIT 1",
        (rows[position]["id"],))
    return dict(found[0]) if found else None


def add_to_actions(editor: SessionEditor, position: int) -> Changeset:
    """Add a gap to the actions list: a new open action, linked to the item, with the
    item's owner and date (the action is then edited in the Summary like any other)."""
    row = _item(editor, position)
    item = AccountabilityItem(row["text"], rating=row["rating"])
    if not is_gap(item):
        raise EditRefused("Only a gap goes to the actions list: rate the item partly or "
                          "absent first.")
    if linked_action(editor, position) is not None:
        raise EditRefused(f"“{_short(row)}” is already in the actions list "
                          "(see the Summary).")
    text = action_text(item)
    label = f"Add “{_short(row)}” to actions"
    stored = editor.store.rows("accountability", editor.session_id)
    if stored:
        item_id = stored[position]["id"]
        mark = editor.update("accountability", item_id, label, action=text)
    else:
        mark = _edit(editor, position, label, None, action=text)
        item_id = mark.changes[position].after["id"]  # type: ignore[index]
    new = editor.insert("actions", {"text": text, "owner": row["owner"], "due": row["due"],
                                    "status": "open", "obstacle_id": None,
                                    "accountability_id": item_id}, label)
    return mark.then(new) if mark else new


# --- internals ------------------------------------------------------------------------

def _item(editor: SessionEditor, position: int) -> dict:
    """Item `position` as a row: stored, or Box 2's own before the first edit."""
    rows = editor.store.rows("accountability", editor.session_id) or _fresh_rows()
    if not 0 <= position < len(rows):
        raise EditRefused("That Box 2 item no longer exists; the view was out of date.")
    return rows[position]


def _fresh_rows() -> list[dict]:
    return [{"text": x.text, "library": x.library, "rating": None, "owner": "", "due": None,
             "action": ""} for x in fresh_items()]


def _edit(editor: SessionEditor, position: int, label: str, merge_key: tuple | None,
          **values: object) -> Changeset:
    """Set columns of item `position`; before the first edit, store all five with it."""
    rows = editor.store.rows("accountability", editor.session_id)
    check_lengths(values)
    if rows:
        return editor.update("accountability", rows[position]["id"], label, merge_key,
                             **values)
    # One id per new row, counted on from the first (as `obstacles.add_library` does).
    first = editor.insert("accountability", {**_fresh_rows()[0], "position": 0}, "")
    start = first.changes[-1].after["id"]  # type: ignore[index]
    changes = []
    for i, row in enumerate(_fresh_rows()):
        if i == position:
            row.update(values)
        changes.append(RowChange("accountability", None, {
            "id": start + i, "session_id": editor.session_id, "position": i, **row}))
    return Changeset(editor.session_id, label, tuple(changes))


def _short(row: dict | None, length: int = 40) -> str:
    return shortened(" ".join(((row or {}).get("text") or "").split()) or "item", length)
