"""Which of the optional steps (the exercises) a session runs: set at Set-up, stored in
the session's `steps` column, honoured by the window's step list and by the PDF."""

from __future__ import annotations

from model.changes import Changeset
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises.registry import OPTIONAL_STEPS, STEP_TITLES


def set_step(editor: SessionEditor, name: str, on: bool) -> Changeset:
    """Turn optional step `name` on or off for the session (its results are kept, and
    come back when it is turned on again)."""
    if name not in OPTIONAL_STEPS:
        raise EditRefused(f"“{name}” is not a step that can be turned off; set-up and "
                          "summary always run.")
    current = editor.store.session_row(editor.session_id)["steps"].split()
    wanted = set(current) | {name} if on else set(current) - {name}
    column = " ".join(n for n in OPTIONAL_STEPS if n in wanted)
    label = f"{'Run' if on else 'Skip'} the {STEP_TITLES[name]} step"
    return editor.update("sessions", editor.session_id, label, steps=column)
