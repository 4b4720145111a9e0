"""The workshop's steps, in order. Ctrl+number opens step `number`.

A step's page is a QWidget built from the open session's document and the settings;
it may define `focus_main()` (called when shown: put keyboard focus on its main grid
or list, first item selected). Each exercise adds its step here; only steps that work
are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from gui.document import SessionDocument
from gui.settings import Settings
from gui.steps.obstacles_page import ObstaclesPage
from gui.steps.perception_page import PerceptionPage
from gui.steps.setup_page import SetupPage
from gui.steps.summary_page import SummaryPage
from gui.steps.typology_page import TypologyPage


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    page: Callable[[SessionDocument, Settings], QWidget]


STEPS: list[Step] = [
    Step(1, "Set-up", lambda document, settings: SetupPage(document)),
    Step(2, "Obstacles", lambda document, settings: ObstaclesPage(document)),
    Step(3, "Typology", lambda document, settings: TypologyPage(document)),
    Step(4, "Perception grid", lambda document, settings: PerceptionPage(document, settings)),
    Step(5, "Summary", lambda document, settings: SummaryPage(document, settings)),
]
