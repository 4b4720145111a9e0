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


STEP = Step("obstacles", "Obstacles", _page)
