"""The typology placement in the window: the page (`page.py`) and the 3x3 grid the
placers' chips are dropped on (`grid.py`). Rules and edits: `model.exercises.typology`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.step import Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.settings import Settings


def _page(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.exercises.typology.page import TypologyPage
    return TypologyPage(document)


# Its keys, as the keyboard help lists them (key, what it does).
KEYS = (
    ("<b>Arrow keys</b>",
     "move the cursor cell (it starts top-left: co-operation × strategic)"),
    ("<b>Enter</b>",
     "place the selected “placing for” entry at the cursor for the current horizon, then "
     "select the next entry"),
    ("<b>N</b> / <b>H</b>",
     "place for “now” (● filled circle) / “needed” (▢ dashed square; H for “heading to”)"),
    ("<b>Delete</b>",
     "remove the selected entry's placement for the current horizon"),
    ("<b>Page Up</b> / <b>Page Down</b>",
     "select the previous / next entry (or click a name in the list)"),
    ("<b>A</b>",
     "agree the cursor cell as the board's placement for the current horizon (again: clear it)"),
    ("<b>Mouse</b>",
     "click a cell to place the selected entry there; drag a marker to move it; click a marker "
     "to select whose it is"),
)

STEP = Step("typology", "Typology", _page, keys=KEYS)
