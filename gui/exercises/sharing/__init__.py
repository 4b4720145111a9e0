"""The "sharing" acid test (Bovaird 2009) in the window: one page (`page.py`), a row per
partner body with what it shares, why not and what would change it. Rules and edits:
`model.exercises.sharing`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.step import Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.settings import Settings


def _page(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.exercises.sharing.page import SharingPage
    return SharingPage(document)


# Its keys, as the keyboard help lists them (key, what it does).
KEYS = (
    ("<b>Up</b> / <b>Down</b>",
     "select the previous / next partner body"),
    ("<b>1</b> … <b>5</b>",
     "mark or unmark what the selected partner body shares: 1 services, 2 expertise, 3 "
     "knowledge, 4 resources, 5 risk (the slides' words; yes/no is the app's own marking)"),
    ("<b>F2</b> or <b>Enter</b>",
     "edit “Why not?”; <b>Enter</b> again: “What would change it?” (the app's own questions), "
     "then back to the list"),
    ("<b>Esc</b>",
     "from either answer: back to the list"),
    ("<b>Delete</b>",
     "clear the selected partner body's marks and answers (back to not marked)"),
)

STEP = Step("sharing", "Sharing acid test", _page, keys=KEYS)
