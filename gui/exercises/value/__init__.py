"""Value for money in the window: one page (`page.py`) with the two key questions'
answers (the session's own fields, as the Summary edits them), each partner body's
inputs, the outputs and outcomes, the board's verdict and why, and where a user who
complains goes. Rules and edits: `model.exercises.value`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.step import Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.settings import Settings


def _page(document: SessionDocument, settings: Settings) -> QWidget:
    from gui.exercises.value.page import ValuePage
    return ValuePage(document)


# Its keys, as the keyboard help lists them (key, what it does).
KEYS = (
    ("<b>Up</b> / <b>Down</b>",
     "in the inputs list: select the previous / next partner body"),
    ("<b>F2</b> or <b>Enter</b>",
     "edit its staff hours a month; <b>Enter</b> again: money a year (£), then other "
     "inputs, then back to the list (hours and money are whole numbers: 1,200 and £3,000 "
     "are taken; leave blank if not known)"),
    ("<b>Esc</b>",
     "from any field of the page: back to the inputs list"),
    ("<b>Delete</b>",
     "on the inputs list: clear the selected partner body's inputs (back to not recorded)"),
    ("<b>A</b> or <b>1</b> · <b>C</b> or <b>2</b> · <b>K</b> or <b>3</b>",
     "on the inputs list: the board's verdict, adds value · costs more than it adds · not "
     "yet known (the app's own marks); the same key again clears it"),
    ("<b>Tab</b>",
     "on through the answers: outputs, outcomes, the verdict, why, where a user "
     "complains and how clear that route is"),
    ("<b>Alt+W</b> · <b>Alt+D</b>",
     "the two key questions' answers (the same answers as on the Summary)"),
    ("<b>Alt+I</b> · <b>Alt+M</b> · <b>Alt+Y</b>",
     "the inputs list · staff hours a month · money a year"),
    ("<b>Alt+O</b> · <b>Alt+T</b> · <b>Alt+B</b> · <b>Alt+P</b>",
     "outputs · outcomes · why (the verdict) · where a user complains"),
    ("<b>Alt+A</b> · <b>Alt+C</b> · <b>Alt+K</b>",
     "mark the verdict (again: clear it)"),
    ("<b>Alt+L</b> · <b>Alt+U</b> · <b>Alt+N</b>",
     "the complaints route is clear to users · unclear to users · there is none (the "
     "app's own marks; again: clear it)"),
)

STEP = Step("value", "Value for money", _page, keys=KEYS)
