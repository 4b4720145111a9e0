"""The largest session files the caps admit, and the 50 MB files that used to exhaust
memory: written for tests/test_bounded_input.py (and runnable on their own)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from model.session_file import FORMAT, MAX_ANSWERS, MAX_FILE_BYTES, MAX_ITEMS, VERSION


def largest_room(people: int, rows: int) -> list[dict]:
    """The most respondents, named then anonymous, and the most answers in all: a score
    for each row in turn, spread evenly over them."""
    count = MAX_ITEMS["respondents"]
    each = MAX_ANSWERS // count
    return [{"participant": f"p{i}" if i < people else "",
             "participant_index": i if i < people else None, "group": "g0", "via": "phone",
             "answers": [{"exercise": "perception", "row": f"r{(i + j) % rows}", "score": 3}
                         for j in range(each)]}
            for i in range(count)]


def largest_admitted() -> dict:
    """Every list at its cap (the room's too), the rest of 50 MB in the obstacles' notes."""
    groups = [{"name": f"g{i}"} for i in range(MAX_ITEMS["groups"])]
    rows = [{"section": "governance", "label": f"r{i}"} for i in range(MAX_ITEMS["rows"])]
    scores = [{"row": rows[i // len(groups)]["label"], "group": groups[i % len(groups)]["name"],
               "score": 1 + i % 5} for i in range(MAX_ITEMS["scores"])]
    people = [{"name": f"p{i}", "organisation": "", "group": "", "tier": 1,
               "present": True} for i in range(MAX_ITEMS["participants"])]
    session = {
        "title": "Largest",
        "organisations": [{"name": f"o{i}"} for i in range(MAX_ITEMS["organisations"])],
        "groups": groups,
        "participants": people,
        "obstacles": [{"text": f"o{i}", "votes": 0, "notes": ""}
                      for i in range(MAX_ITEMS["obstacles"])],
        "typology": {"placements": [
            {"by": people[i // 2]["name"], "horizon": ("now", "needed")[i % 2],
             "collaboration": "co-operation", "function": "strategic"}
            for i in range(MAX_ITEMS["placements"])]},
        "perception": {"rows": rows, "scores": scores},
        "actions": [{"text": f"a{i}"} for i in range(MAX_ITEMS["actions"])],
        "room": {"respondents": largest_room(len(people), len(rows))},
    }
    data = {"format": FORMAT, "version": VERSION, "session": session}
    room = MAX_FILE_BYTES - len(json.dumps(data)) - 10_000
    each = room // MAX_ITEMS["obstacles"]
    for obstacle in session["obstacles"]:
        obstacle["notes"] = "word " * (each // 5)
    return data


def write(kind: str, path: Path) -> None:
    if kind == "largest":
        path.write_text(json.dumps(largest_admitted()), encoding="utf-8")
    elif kind == "empty-participants":
        head = f'{{"format": "{FORMAT}", "version": {VERSION}, "session": {{"title": "x", ' \
               '"participants": ['
        count = (MAX_FILE_BYTES - len(head) - 10) // 3
        path.write_text(head + "{}," * (count - 1) + "{}]}}", encoding="utf-8")
    elif kind == "commas-in-strings":
        head = f'{{"format": "{FORMAT}", "version": {VERSION}, "session": {{"title": "x", ' \
               '"purpose": "'
        path.write_text(head + "[{," * ((MAX_FILE_BYTES - len(head) - 10) // 3) + '"}}',
                        encoding="utf-8")
    assert path.stat().st_size <= MAX_FILE_BYTES


if __name__ == "__main__":
    write(sys.argv[1], Path(sys.argv[2]))
