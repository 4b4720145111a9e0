"""A stand-in for the app, killed at random by tests/test_crash_safety.py.

    python -m tests.crash_worker DB SESSION_ID SESSION_FILE FIRST

opens the store the way the app does and makes a scripted stream of edits of session
SESSION_ID, numbered from FIRST: scores, renames of partner bodies, and imports of
SESSION_FILE. After each commit returns it prints `ACK <n>` (flushed): from then on
edit n must survive anything. It backs up after every edit, so that kills land in
backups too. `plan(n)` says what edit n is; the test replays it to know what to expect.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from model.edits import SessionEditor
from model.session_file import read_session_file
from model.store import Store, backups


@dataclass(frozen=True)
class Edit:
    kind: str  # "score", "rename" or "import"
    target: int = 0  # perception row index (score) or partner body index (rename)
    group: int = 0  # stakeholder group index (score)
    value: int | str = 0  # the score, the new name, or the imported session's title


def plan(n: int, rows: int, groups: int, organisations: int) -> Edit:
    """Edit number n of the stream: the same for the worker and the test."""
    if n % 4 == 0:
        return Edit("import", value=f"Import {n}")
    if n % 4 == 3:
        return Edit("rename", target=n % organisations, value=f"Partner body {n}")
    return Edit("score", target=(n * 7) % rows, group=n % groups, value=n % 5 + 1)


def main(db: str, session_id: str, session_file: str, first: int) -> None:
    backups.INTERVAL_SECONDS = 0  # a backup after every edit
    store = Store.open(db)
    template = read_session_file(Path(session_file))
    editor = SessionEditor(store, session_id)
    session = store.load(session_id)
    rows = [r.id for r in session.perception.rows]
    groups = [g.id for g in session.groups]
    organisations = [o.id for o in session.organisations]
    print("READY", flush=True)
    n = first
    while True:
        edit = plan(n, len(rows), len(groups), len(organisations))
        if edit.kind == "import":
            template.title = str(edit.value)
            store.add_session(template)
        elif edit.kind == "rename":
            store.apply(editor.rename("organisations", organisations[edit.target],
                                      str(edit.value)))
        else:
            row, group = rows[edit.target], groups[edit.group]
            found = store.database.query(
                "SELECT id FROM scores WHERE row_id = ? AND group_id = ?", (row, group))
            if found:
                change = editor.update("scores", found[0]["id"], "Score", score=edit.value)
            else:
                change = editor.insert("scores", {"row_id": row, "group_id": group,
                                                  "score": edit.value}, "Score")
            if change:
                store.apply(change)
        print(f"ACK {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
