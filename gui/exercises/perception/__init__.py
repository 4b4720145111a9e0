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


STEP = Step("perception", "Perception grid", _page, presenter=True)
