"""What the window says of the room's answers: how many have answered, which groups
are still under the anonymity floor, and how to read the grid's derived scores."""

from __future__ import annotations

from model.changes import Changeset
from model.room import EXERCISE_NAMES, EXERCISES, results
from model.session import Session

# Edits of these may change what the room's answers add up to (and of the session's own
# row, its anonymity floor: see `changes_room`).
ROOM_TABLES = ("respondents", "responses", "participants", "stakeholder_groups")


def changes_room(changeset: Changeset) -> bool:
    """True when `changeset` may change what the room's answers add up to."""
    return any(c.table in ROOM_TABLES
               or (c.table == "sessions" and "anonymity_floor" in (c.after or c.before or {}))
               for c in changeset.changes)

LEGEND = ("Dashed chips: a group's score from the room, the median of its members' "
          "answers (hover for how many and their range). Solid chips: a score typed for "
          "the group, which wins.")


def progress_lines(session: Session, exercises: tuple[str, ...] = EXERCISES) -> list[str]:
    """"Perception grid: 14 of 18 have answered", one line per exercise."""
    return [f"{EXERCISE_NAMES[e]}: {results.progress(session, e)}" for e in exercises]


def waiting_line(session: Session) -> str:
    """"Waiting for more answers: Board members 2 more; …", or "" when no group is
    below the anonymity floor. Names no one: only groups and counts."""
    names = {g.id: g.name for g in session.groups}
    waiting = results.perception_waiting(session)
    if not waiting:
        return ""
    return "Waiting for more answers before showing: " + "; ".join(
        f"{names.get(group, 'a group')}, {more} more" for group, more in waiting.items())


def overjoined_line(session: Session) -> str:
    """"Check: 5 joined as Board members, which lists 2 present", or ""."""
    names = {g.id: g.name for g in session.groups}
    over = results.overjoined(session)
    if not over:
        return ""
    return "Check no one joined twice: " + "; ".join(
        f"{joined} joined as {names[group]}, where set-up lists {members} present"
        for group, (joined, members) in over.items()) + "."


def perception_text(session: Session) -> str:
    """The perception page's line about the room ("" before anyone has answered)."""
    if not any(r.exercise == "perception" for r in session.room.responses):
        return ""
    lines = [progress_lines(session, ("perception",))[0], waiting_line(session), LEGEND]
    return "  ".join(line for line in lines if line)
