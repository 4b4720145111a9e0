"""What a step of the workshop is to the window: `Step`, and the pages it makes.

A step is a name (how code refers to it: never by its number), a title (as the steps
list and the View menu show it), a page factory, whether its page has a presenter view
and its page's keys (the keyboard help is made from them). Its number is its place in
`gui.steps.STEPS`, set there: Ctrl+number opens it. Each exercise's package
(`gui/exercises/<name>/`) defines its `STEP`; the registry lists them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.document import SessionDocument
    from gui.room.service import RoomService
    from gui.settings import Settings


class PresentingPage(Protocol):
    """A page whose step has `presenter=True`: F5 shows it to the room, the room's
    join card goes on it, and the window asks it whether its presenter is showing."""

    presenter: QWidget | None

    def toggle_presenter(self) -> None: ...

    def set_room(self, room: RoomService | None) -> None: ...


@dataclass(frozen=True)
class Step:
    """One step. A page is a QWidget built from the open session's document and the
    settings, when the step is first opened; it may define `focus_main()` (called when
    shown: keyboard focus on its main grid or list, first item selected)."""

    name: str
    title: str
    page: Callable[[SessionDocument, Settings], QWidget]
    presenter: bool = False  # its page is a PresentingPage
    about: str = ""  # what it is for, after its title in the keyboard help
    # Its page's keys, as the keyboard help lists them: (key, what it does), HTML.
    keys: tuple[tuple[str, str], ...] = ()
    number: int = 0  # its place in the registry, from 1; set by `numbered`

    @property
    def key(self) -> str:
        """The key that opens it: Ctrl+1 to Ctrl+9, then Ctrl+0 for the tenth step."""
        assert 1 <= self.number <= 10, "the keyboard has ten digits for ten steps"
        return f"Ctrl+{self.number % 10}"


def numbered(steps: list[Step]) -> list[Step]:
    """`steps` numbered in order from 1 (the numbers Ctrl+number and the list show)."""
    return [replace(s, number=number) for number, s in enumerate(steps, start=1)]
