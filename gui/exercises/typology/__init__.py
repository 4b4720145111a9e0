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


STEP = Step("typology", "Typology", _page)
