"""Box 2's accountability processes in the window: one page (`page.py`) with the five
items, their ratings, owners and dates. Rules and edits: `model.exercises.accountability`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.step import Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.settings import Settings


def _page(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.exercises.accountability.page import AccountabilityPage
    return AccountabilityPage(document)


# Its keys, as the keyboard help lists them (key, what it does).
KEYS = (
    ("<b>Up</b> / <b>Down</b>",
     "select the previous / next process or structure"),
    ("<b>1</b> <b>2</b> <b>3</b> (or <b>I</b> <b>P</b> <b>A</b>)",
     "rate the selected item: in place, partly, absent (the app's own scale; Box 2 gives none)"),
    ("<b>Delete</b>",
     "clear the rating (back to not rated)"),
    ("<b>F2</b> or <b>Enter</b>",
     "edit the owner; <b>Enter</b> again: the date (DD/MM/YYYY or YYYY-MM-DD), then back to "
     "the list"),
    ("<b>Esc</b>",
     "from the owner or date: back to the list"),
    ("<b>Alt+A</b>",
     "add the selected gap (partly or absent) to the actions list, with its owner and date"),
)

STEP = Step("accountability", "Box 2 accountability", _page, keys=KEYS)
