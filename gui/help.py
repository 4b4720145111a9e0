"""Help texts shown in the app (the keyboard table is contracts/keyboard.md)."""

from __future__ import annotations

from collections.abc import Iterable

from gui.step import Step
from gui.steps import STEPS
from model.session import ALWAYS_RUN, DEFAULT_STEPS

EVERYWHERE = (
    ("A step turned off", "is not in the steps list, and its key says so: turn it on in "
                          "Set-up ▸ Steps"),
    ("<b>Ctrl+Z</b> / <b>Ctrl+Shift+Z</b>, <b>Ctrl+Y</b>", "undo / redo the last edit"),
    ("<b>Ctrl+W</b>", "back to the sessions list"),
    ("<b>F5</b> / <b>Esc</b>", "present the current exercise to the room, full screen on the "
                               "projector (the perception grid, or an exercise's table) / "
                               "close the presenter"),
    ("<b>Ctrl+Q</b>", "quit (everything is already saved)"),
)
ROOM = (
    ("<b>Ctrl+R</b>", "open the room: phones scan the QR code and answer (again: show the QR "
                      "code once more)"),
    ("<b>Ctrl+Shift+R</b>", "close the room (answers given are kept)"),
    ("<b>Ctrl+Shift+P</b>", "enter a paper card for someone without a phone"),
    ("<b>Ctrl+J</b>", "hide or show the QR code on the presenter view"),
)
SESSIONS_LIST = (
    ("<b>Enter</b>", "open the selected session"),
    ("<b>Ctrl+N</b>", "new session"),
    ("<b>Ctrl+D</b>", "duplicate for a re-run"),
    ("<b>Delete</b>", "delete the selected session (Ctrl+Z brings it back)"),
    ("<b>Ctrl+I</b> / <b>Ctrl+Shift+S</b>", "import / export a session file"),
    ("<b>Down</b> or <b>Enter</b> in the search",
     "go to the sessions found (<b>Esc</b> clears the search)"),
)


def _table(rows: Iterable[tuple[str, str]]) -> str:
    return ('<table cellpadding="3">\n'
            + "".join(f"<tr><td>{key}</td><td>{what}</td></tr>\n" for key, what in rows)
            + "</table>\n")


def _step_row(step: Step) -> tuple[str, str]:
    about = f": {step.about}" if step.about else ""
    off = (" (off unless turned on in Set-up)"
           if step.name not in (*ALWAYS_RUN, *DEFAULT_STEPS) else "")
    return f"<b>{step.key}</b>", step.title + about + off


def keyboard_html() -> str:
    """Every key of the window: the steps' from the registry, each step's own from its
    package, in the steps' order."""
    everywhere = [*(_step_row(step) for step in STEPS), *EVERYWHERE]
    return ("<h3>Everywhere</h3>\n" + _table(everywhere)
            + "<h3>The room (phones)</h3>\n" + _table(ROOM)
            + "<h3>Sessions list</h3>\n" + _table(SESSIONS_LIST)
            + "".join(f"<h3>{step.title} ({step.key})</h3>\n" + _table(step.keys)
                      for step in STEPS if step.keys))


ABOUT_HTML = """
<h3>Partnership Workshop</h3>
<p>Guides a facilitator and a partnership board through a live review of their
partnership: the obstacles checklist, the typology placement and the stakeholder
governance-perception grid, drawn from UK public-sector guidance (Matrix 2004, Audit
Commission 2005, Bovaird 2009).</p>
<p>Everything is saved on this computer as you go; nothing is sent anywhere.</p>
"""
