"""The session's actions list, and the link between an obstacle and its agreed action.

An obstacle's agreed action is an ordinary action whose `obstacle_id` points at the
obstacle; the obstacle's `action` column holds the same text (it is what the session
file writes). An action made from a Box 2 gap is linked the same way, by
`accountability_id` and the item's `action`. Every edit here keeps the two in step, in
the same changeset.
"""

from __future__ import annotations

from model.changes import Changeset
from model.edits import SessionEditor, checked_date
from model.errors import EditRefused
from model.text import shortened

ACTION_FIELDS = ("text", "owner", "due", "status")


def add_action(editor: SessionEditor, index: int | None = None, text: str = "",
               owner: str = "", due: str | None = None) -> Changeset:
    due = checked_date(due, "due date")
    return editor.insert("actions", {"text": text, "owner": owner, "due": due,
                                     "status": "open", "obstacle_id": None,
                                     "accountability_id": None},
                         "Add action", index)


def update_action(editor: SessionEditor, action_id: int, **values: object) -> Changeset:
    """Change an action's text, owner, due date or status (open/done)."""
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"not action fields: {sorted(unknown)}")
    if "due" in values:
        values["due"] = checked_date(values["due"] or None, "due date")  # type: ignore[arg-type]
    if values.get("status", "open") not in ("open", "done"):
        raise EditRefused("An action is open or done.")
    action = editor.store.row("actions", action_id)
    key = ("actions", action_id, tuple(sorted(values)))
    changeset = editor.update("actions", action_id, "Edit action", merge_key=key, **values)
    if action and action["obstacle_id"] is not None and "text" in values:
        changeset = changeset.then(editor.update(
            "obstacles", action["obstacle_id"], "Edit action", merge_key=key,
            action=values["text"]))
    if action and action["accountability_id"] is not None and "text" in values:
        changeset = changeset.then(editor.update(
            "accountability", action["accountability_id"], "Edit action", merge_key=key,
            action=values["text"]))
    return changeset


def remove_action(editor: SessionEditor, action_id: int) -> Changeset:
    """Remove an action; an obstacle it belonged to no longer has an agreed action."""
    action = editor.store.row("actions", action_id)
    changeset = editor.delete("actions", action_id, f"Remove action “{_short(action)}”")
    if action and action["obstacle_id"] is not None:
        clear = editor.update("obstacles", action["obstacle_id"], changeset.label, action="")
        changeset = clear.then(changeset)
    if action and action["accountability_id"] is not None:
        clear = editor.update("accountability", action["accountability_id"],
                              changeset.label, action="")
        changeset = clear.then(changeset)
    return changeset


def move_action(editor: SessionEditor, action_id: int, index: int) -> Changeset:
    return editor.move("actions", action_id, index, "Move action")


def obstacle_action(editor: SessionEditor, obstacle_id: int) -> dict | None:
    """The action row linked to an obstacle, if it has one."""
    rows = editor.store.database.query(
        "SELECT * FROM actions WHERE obstacle_id = ? ORDER BY position, id LIMIT 1",
        (obstacle_id,))
    return dict(rows[0]) if rows else None


def set_obstacle_action(editor: SessionEditor, obstacle_id: int, text: str,
                        owner: str = "", due: str | None = None) -> Changeset:
    """Agree (or change, or with blank text and owner, drop) an obstacle's action.

    The action appears in the session's actions list, linked to the obstacle.
    """
    due = checked_date(due or None, "due date")
    existing = obstacle_action(editor, obstacle_id)
    if not text.strip() and not owner.strip() and due is None:
        if existing is None:
            return editor.update("obstacles", obstacle_id, "Remove agreed action", action="")
        return remove_action(editor, existing["id"])
    # Typing on in one field is one undo step; the next field typed in is another.
    before = existing or {"text": "", "owner": "", "due": None}
    fields = tuple(f for f, value in (("text", text), ("owner", owner), ("due", due))
                   if before[f] != value)
    key = ("obstacle-action", obstacle_id, fields)
    if existing is None:
        link = editor.insert("actions", {"text": text, "owner": owner, "due": due,
                                         "status": "open", "obstacle_id": obstacle_id,
                                         "accountability_id": None},
                             "Agree action")
        return link.then(editor.update("obstacles", obstacle_id, "Agree action",
                                       merge_key=key, action=text))
    values = editor.update("actions", existing["id"], "Edit agreed action", merge_key=key,
                           text=text, owner=owner, due=due)
    return values.then(editor.update("obstacles", obstacle_id, "Edit agreed action",
                                     merge_key=key, action=text))


def _short(action: dict | None, length: int = 40) -> str:
    return shortened((action or {}).get("text") or "untitled", length)


SORT_KEYS = ("due", "owner", "status")


def sort_actions(editor: SessionEditor, key: str) -> Changeset:
    """Reorder the actions list by due date (undated last), owner (blank last) or
    status (open first), as one edit; ties keep their current order."""
    if key not in SORT_KEYS:
        raise ValueError(f"not a sort key: {key}")
    rows = editor.store.rows("actions", editor.session_id)

    def order(row: dict) -> tuple:
        if key == "due":
            return (row["due"] is None, row["due"] or "")
        if key == "owner":
            return (not (row["owner"] or "").strip(), (row["owner"] or "").casefold())
        return (row["status"] != "open",)

    label = {"due": "Sort actions by due date", "owner": "Sort actions by owner",
             "status": "Sort actions: open first"}[key]
    changeset = Changeset(editor.session_id, label, ())
    for position, row in enumerate(sorted(rows, key=order)):
        if row["position"] != position:
            changeset = changeset.then(editor.update("actions", row["id"], label,
                                                     position=position))
    return changeset
