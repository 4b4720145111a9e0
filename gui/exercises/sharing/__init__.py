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


STEP = Step("sharing", "Sharing acid test", _page)
