"""Joining the room and answering, as edits: each builds a changeset from what is stored
now, after checking it against the session, and raises EditRefused (with words a phone
can show) when it breaks a rule. They go through `SessionDocument.commit`, the same
path and the same writer as the facilitator's edits."""

from __future__ import annotations

from model.changes import Changeset
from model.edits import SessionEditor
from model.errors import EditRefused
from model.room import DOT_VOTES, EXERCISES, MAX_FLOOR, MAX_RESPONDENTS, VIAS
from model.session import COLLABORATIONS, FUNCTIONS, HORIZONS, RATINGS, SCORES
from model.store.sessions import now_utc


class RoomRefused(EditRefused):
    """An answer or join the rules refuse. `conflict` marks one that clashes with what
    someone else did (a participant already joined from another phone)."""

    def __init__(self, message: str, conflict: bool = False) -> None:
        super().__init__(message)
        self.conflict = conflict


def join(editor: SessionEditor, *, participant_id: int | None = None,
         group_id: int | None = None, via: str = "phone",
         token_hash: str | None = None) -> Changeset:
    """A new respondent: a named participant, or an anonymous member of a group. A phone
    is known afterwards by its token, stored only as `token_hash`. The new respondent's
    id is `respondent_id(changeset)`."""
    if via not in VIAS:
        raise ValueError(f"not a way to answer: {via}")
    if (participant_id is None) == (group_id is None):
        raise RoomRefused("Choose yourself from the list, or a group to answer as a member of.")
    session_id = editor.session_id
    if participant_id is not None:
        participant = _session_row(editor, "participants", participant_id)
        if participant is None:
            raise RoomRefused("That participant is not in this session any more.")
        if not participant["present"] and via == "phone":
            raise RoomRefused(f"{participant['name'] or 'That participant'} is marked absent: "
                              "ask the facilitator to tick you present, or join as a member "
                              "of your group.")
        taken = editor.store.database.query(
            "SELECT via FROM respondents WHERE session_id = ? AND participant_id = ?",
            (session_id, participant_id))
        if taken:
            where = "a phone" if taken[0]["via"] == "phone" else "the facilitator's laptop"
            raise RoomRefused(
                f"{participant['name'] or 'That participant'} has already joined, from "
                f"{where}. If that was not you, join as a member of your group instead.",
                conflict=True)
        group_id = participant["group_id"]
        label = f"{participant['name'] or 'A participant'} joins the room"
    else:
        if _session_row(editor, "stakeholder_groups", group_id) is None:
            raise RoomRefused("That group is not in this session any more.")
        label = "A group member joins the room"
    joined = editor.store.database.query(
        "SELECT COUNT(*) AS n FROM respondents WHERE session_id = ?", (session_id,))[0]["n"]
    if joined >= MAX_RESPONDENTS:
        raise RoomRefused(f"The room is full ({MAX_RESPONDENTS} have joined): ask the "
                          "facilitator to enter your answers on a paper card.")
    return editor.insert("respondents", {
        "participant_id": participant_id, "group_id": group_id, "via": via,
        "token_hash": token_hash, "joined_at": now_utc()}, label)


def respondent_id(changeset: Changeset) -> int:
    """The id of the respondent a `join` changeset adds."""
    return next(c.after["id"] for c in changeset.changes
                if c.table == "respondents" and c.before is None and c.after)


def answer(editor: SessionEditor, respondent: int, exercise: str, item: str,
           value: str | None) -> Changeset:
    """Set (or with None withdraw) one respondent's answer to one item."""
    if exercise not in EXERCISES:
        raise RoomRefused(f"There is no exercise called “{exercise}”.")
    who = _session_row(editor, "respondents", respondent)
    if who is None:
        raise RoomRefused("You are not in this room any more: join again.")
    item = _canonical(exercise, item)  # "007" is row 7: one answer per item, however typed
    if value is not None:
        value = _checked(editor, who, exercise, item, value)
    rows = editor.store.database.query(
        "SELECT * FROM responses WHERE respondent_id = ? AND exercise = ? AND item = ?",
        (respondent, exercise, item))
    label = "Answer entered for the room"
    if rows:
        old = dict(rows[0])
        if value is None:
            return editor.delete("responses", old["id"], label)
        return editor.update("responses", old["id"], label, value=value)
    if value is None:
        return editor.update("sessions", editor.session_id, label)  # nothing to withdraw
    return editor.insert("responses", {"respondent_id": respondent, "exercise": exercise,
                                       "item": item, "value": value}, label)


def set_anonymity_floor(editor: SessionEditor, floor: int) -> Changeset:
    if not 1 <= floor <= MAX_FLOOR:
        raise EditRefused(f"The anonymity floor is a number of people from 1 to {MAX_FLOOR}.")
    return editor.update("sessions", editor.session_id, "Change the anonymity floor",
                         anonymity_floor=floor)


def group_of(editor: SessionEditor, respondent: dict) -> int | None:
    """A respondent's group now: a named participant's current group (set-up may change
    it), or the group an anonymous member joined."""
    if respondent["participant_id"] is not None:
        participant = editor.store.row("participants", respondent["participant_id"])
        if participant is not None:
            return participant["group_id"]
    return respondent["group_id"]


def _checked(editor: SessionEditor, respondent: dict, exercise: str, item: str,
             value: str) -> str:
    """`value` as stored, or RoomRefused saying what is wrong."""
    if exercise == "perception":
        row = _session_row(editor, "perception_rows", _id(item))
        if row is None:
            raise RoomRefused("That row is not in the grid any more.")
        if group_of(editor, respondent) is None:
            raise RoomRefused("You are not in a stakeholder group, so you cannot score the "
                              "grid: ask the facilitator to put you in one.")
        return _number(value, SCORES, "A score is 1, 2, 3, 4 or 5.")
    if exercise == "obstacles":
        kind, _, obstacle_id = item.partition(":")
        obstacle = _session_row(editor, "obstacles", _id(obstacle_id))
        if kind not in ("rating", "votes") or obstacle is None or obstacle["hidden"]:
            raise RoomRefused("That obstacle is not on the list any more.")
        if kind == "rating":
            return _number(value, RATINGS, "A rating is 0, 1, 2 or 3.")
        votes = int(_number(value, range(1, DOT_VOTES + 1),
                            f"You have {DOT_VOTES} dot votes to spend."))
        spent = sum(int(r["value"]) for r in editor.store.database.query(
            "SELECT value FROM responses WHERE respondent_id = ? AND exercise = 'obstacles' "
            "AND item LIKE 'votes:%' AND item != ?", (respondent["id"], item)))
        if spent + votes > DOT_VOTES:
            raise RoomRefused(f"You have spent your {DOT_VOTES} dot votes: take one back "
                              "from another obstacle first.")
        return str(votes)
    if item not in HORIZONS:
        raise RoomRefused("Place the partnership for “now” or for “needed”.")
    collaboration, _, function = value.partition("/")
    if collaboration not in COLLABORATIONS or function not in FUNCTIONS:
        raise RoomRefused("That is not a cell of the typology grid.")
    return value


def _canonical(exercise: str, item: str) -> str:
    """`item` as stored: ids without leading zeros ("rating:07" is "rating:7")."""
    if exercise == "perception":
        return str(_id(item))
    if exercise == "obstacles":
        kind, _, obstacle_id = item.partition(":")
        return f"{kind}:{_id(obstacle_id)}"
    return item


def _number(value: str, allowed: tuple[int, ...] | range, refusal: str) -> str:
    if not (isinstance(value, str) and value.isascii() and value.isdigit()
            and int(value) in allowed):
        raise RoomRefused(refusal)
    return str(int(value))


def _id(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else -1


def _session_row(editor: SessionEditor, table: str, row_id: int | None) -> dict | None:
    row = editor.store.row(table, row_id) if row_id is not None else None
    return row if row is not None and row["session_id"] == editor.session_id else None
