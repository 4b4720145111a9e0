"""The perception grid in the window: the page (`page.py`), the grid it shares with the
presenter (`grid.py`) and the presenter view shown to the room (`presenter.py`). Rules
and edits: `model.exercises.perception`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.step import Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.settings import Settings


def _page(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.exercises.perception.page import PerceptionPage
    return PerceptionPage(document, settings)


# Its keys, as the keyboard help lists them (key, what it does).
KEYS = (
    ("<b>Up</b> / <b>Down</b>",
     "select the previous / next row"),
    ("<b>Left</b> / <b>Right</b>",
     "select the previous / next stakeholder group (the group being scored)"),
    ("<b>1 2 3 4 5</b>",
     "give the selected group that score on the selected row, then select the next row"),
    ("<b>Delete</b>",
     "clear the selected group's score on the selected row"),
    ("click a cell",
     "give the selected group that column's score on that row"),
    ("<b>Insert</b> / <b>F2</b>",
     "add a row after the selected one / rename the selected row"),
    ("<b>Ctrl+Up</b> / <b>Ctrl+Down</b>",
     "move the selected row (past the end of its section, into the other)"),
    ("<b>Ctrl+Delete</b>",
     "remove the selected row and its scores"),
    ("<b>F5</b>",
     "show or close the presenter view (Esc closes it too)"),
    ("<b>Ctrl+H</b>",
     "hide or reveal the scores on the presenter view"),
)

STEP = Step("perception", "Perception grid", _page, presenter=True, keys=KEYS)
