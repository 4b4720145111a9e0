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

from gui.exercises import accountability, layers, obstacles, perception, sharing, typology, value
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
SETUP_KEYS = (
    ("<b>Tab</b> to a step, <b>Space</b>",
     "turn an exercise on or off for this session (“Steps”); Set-up and Summary always run"),
    ("In a list (partner bodies, groups, participants): <b>Insert</b>",
     "add after the selected line, then type its name"),
    ("<b>F2</b> or start typing", "rename or change the selected cell"),
    ("<b>Delete</b>", "remove the selected line"),
    ("<b>Ctrl+Up</b> / <b>Ctrl+Down</b>", "move the selected line"),
    ("<b>Space</b>", "tick or untick “Present”"),
    ("<b>Ctrl+K</b>", "change the selected group's colour"),
)
SUMMARY_KEYS = (
    ("<b>Insert</b>", "add an action after the selected one, then type what is to be done"),
    ("<b>F2</b> or start typing",
     "change the selected cell (action, owner, due date DD/MM/YYYY or YYYY-MM-DD)"),
    ("<b>Space</b>", "mark the selected action done / open again (on the “Done” column)"),
    ("<b>Delete</b>", "remove the selected action"),
    ("<b>Ctrl+Up</b> / <b>Ctrl+Down</b>", "move the selected action"),
    ("<b>Ctrl+E</b>", "export the PDF summary (also from the sessions list)"),
)
COMPARE_KEYS = (
    ("<b>Up</b> / <b>Down</b>", "pick another earlier review (the picker has the keyboard first)"),
    ("<b>Alt+E</b> / <b>Alt+L</b>", "go to the earlier / later review's picker"),
    ("<b>Tab</b>", "on to the later review's picker, then to what moved (arrow keys and "
                   "Page Up/Down scroll it)"),
)

STEPS: list[Step] = numbered([
    Step("setup", "Set-up", _setup, keys=SETUP_KEYS),
    obstacles.STEP,
    typology.STEP,
    perception.STEP,
    Step("summary", "Summary", _summary, keys=SUMMARY_KEYS),
    Step("compare", "Compare", _compare, keys=COMPARE_KEYS,
         about="what moved since the partnership's last review"),
    accountability.STEP,
    sharing.STEP,
    value.STEP,
    layers.STEP,
])


def step_named(name: str) -> Step:
    """The step called `name` ("setup", "perception", ...)."""
    return next(s for s in STEPS if s.name == name)


def presenter_step() -> Step | None:
    """The step whose page has the presenter view (F5), if one has."""
    return next((s for s in STEPS if s.presenter), None)
