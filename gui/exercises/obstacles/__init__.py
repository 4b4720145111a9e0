"""The obstacles checklist in the window: the page (`page.py`), the ranked list
(`obstacle_list.py`), the selected obstacle's detail (`obstacle_detail.py`) and the
ratings summary (`obstacle_summary.py`). Rules and edits: `model.exercises.obstacles`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.step import Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.settings import Settings


def _page(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.exercises.obstacles.page import ObstaclesPage
    return ObstaclesPage(document)


# Its keys, as the keyboard help lists them (key, what it does).
KEYS = (
    ("<b>Up</b> / <b>Down</b>",
     "select the previous / next obstacle (in the order shown: list order, priority or by factor)"),
    ("<b>0</b> <b>1</b> <b>2</b> <b>3</b>",
     "rate the selected obstacle: not an issue, minor, significant, critical (the selection "
     "stays)"),
    ("<b>+</b> / <b>-</b>",
     "add / remove one vote (never below 0); <b>=</b> and keypad <b>+</b> add one too"),
    ("<b>Delete</b>",
     "clear the rating (back to not rated)"),
    ("<b>Insert</b>",
     "type your own obstacle, then Enter adds it"),
    ("<b>F2</b>",
     "edit the wording of your own obstacle (Box 1 wording is the source's)"),
    ("<b>Ctrl+Up</b> / <b>Ctrl+Down</b>",
     "move the selected obstacle (list-order view)"),
    ("<b>Alt+L</b> / <b>Alt+P</b> / <b>Alt+T</b>",
     "view in list order / by priority / by factor"),
    ("<b>Esc</b>",
     "from the wording, notes or action fields: back to the list (Enter too, except in the notes)"),
)

STEP = Step("obstacles", "Obstacles", _page, keys=KEYS)
