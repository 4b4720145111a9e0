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


STEP = Step("accountability", "Box 2 accountability", _page)
