"""The three-layer framework (Audit Commission 2009) in the window: one page
(`page.py`), the three layers with the body at each, the board's mark and a note, and
below them who holds each partner body's seat on the strategic group (Matrix 2004).
Rules and edits: `model.exercises.layers`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.step import Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.settings import Settings


def _page(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.exercises.layers.page import LayersPage
    return LayersPage(document)


# Its keys, as the keyboard help lists them (key, what it does).
KEYS = (
    ("<b>Tab</b> / <b>Shift+Tab</b>",
     "move between the layers and the partner bodies' seats on the strategic group"),
    ("<b>Up</b> / <b>Down</b>",
     "select the previous / next layer, or partner body"),
    ("On a layer: <b>M</b> / <b>D</b>",
     "mark the layer missing / duplicated (again: clear the mark; the marks are the app's "
     "own); <b>Delete</b> clears it"),
    ("On a layer: <b>F2</b> or <b>Enter</b>",
     "edit the body or group at the layer; <b>Enter</b> again: the note, then back to the "
     "layers"),
    ("<b>Esc</b>",
     "from the body or the note: back to the layers"),
    ("On a partner body: <b>1</b> … <b>4</b>",
     "its seat on the strategic group: 1 first-tier leader, 2 second-tier leader, 3 someone "
     "else, 4 not represented; <b>Delete</b>: not recorded"),
)

STEP = Step("layers", "Three-layer framework", _page, keys=KEYS)
