"""The workshop's steps, in order. Ctrl+number opens step `number`.

A step's page is a QWidget built from the open session's document and the settings;
it may define `focus_main()` (called when shown: put keyboard focus on its main grid
or list, first item selected). Each exercise adds its step here; only steps that work
are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from gui.document import SessionDocument
    from gui.settings import Settings


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    page: Callable[[SessionDocument, Settings], QWidget]


# Each page is imported when its step is first opened, not when the app starts: the
# sessions list comes up without loading five exercises' widgets.

def _setup(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.setup_page import SetupPage
    return SetupPage(document)


def _obstacles(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.obstacles_page import ObstaclesPage
    return ObstaclesPage(document)


def _typology(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.typology_page import TypologyPage
    return TypologyPage(document)


def _perception(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.perception_page import PerceptionPage
    return PerceptionPage(document, settings)


def _summary(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.summary_page import SummaryPage
    return SummaryPage(document, settings)


def _compare(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.compare_page import ComparePage
    return ComparePage(document, settings)


STEPS: list[Step] = [
    Step(1, "Set-up", _setup),
    Step(2, "Obstacles", _obstacles),
    Step(3, "Typology", _typology),
    Step(4, "Perception grid", _perception),
    Step(5, "Summary", _summary),
    Step(6, "Compare", _compare),
]
