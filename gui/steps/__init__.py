"""The workshop's steps, in order: the registry. Ctrl+number opens step `number`, and a
step's number is its place here, so no other code writes one: it asks `step_named(name)`
or `presenter_step()`.

The exercises' steps come from their packages (`gui/exercises/<name>/`, each a `STEP`);
the steps that are not an exercise (set-up, summary, compare) have their pages in this
folder. Adding an exercise is one package and one line here. Only steps that work are
listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.exercises import accountability, obstacles, perception, sharing, typology
from gui.step import Step, numbered

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.settings import Settings


# Each page is imported when its step is first opened, not when the app starts: the
# sessions list comes up without loading five exercises' widgets.

def _setup(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.setup_page import SetupPage
    return SetupPage(document)


def _summary(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.summary_page import SummaryPage
    return SummaryPage(document, settings)


def _compare(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.steps.compare_page import ComparePage
    return ComparePage(document, settings)


# The order is the steps' Ctrl+number: 1 to 5 are a public contract (the keyboard
# contract: Set-up, Obstacles, Typology, Perception grid, Summary); later steps follow.
STEPS: list[Step] = numbered([
    Step("setup", "Set-up", _setup),
    obstacles.STEP,
    typology.STEP,
    perception.STEP,
    Step("summary", "Summary", _summary),
    Step("compare", "Compare", _compare),
    accountability.STEP,
    sharing.STEP,
])


def step_named(name: str) -> Step:
    """The step called `name` ("setup", "perception", ...)."""
    return next(s for s in STEPS if s.name == name)


def presenter_step() -> Step | None:
    """The step whose page has the presenter view (F5), if one has."""
    return next((s for s in STEPS if s.presenter), None)
