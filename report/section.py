"""What a section of the PDF is: `Section`, and the `Context` every section is built from.

A section has a heading (the cover lists it, the PDF's outline bookmarks it) and makes
its flowables from the context; `shown` says whether this summary has it at all (the
"Since the last review" section only when there is a previous review). An exercise's
section names its `step`: a session that does not run that step has no such section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from model.compare import Comparison
from model.session import Session
from report.blocks import Styles


@dataclass(frozen=True)
class Context:
    """What every section is built from: the session (with the room's scores where none
    was typed), the styles, which perception scores came from the room,
    and the comparison with the previous review (None without one)."""

    session: Session
    styles: Styles
    from_room: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset()
    comparison: Comparison | None = None


def _always(context: Context) -> bool:
    return True


@dataclass(frozen=True)
class Section:
    heading: str
    flowables: Callable[[Context], list[Flowable]]
    shown: Callable[[Context], bool] = field(default=_always)
    step: str | None = None  # the optional step it reports on (None: always there)

    def included(self, context: Context) -> bool:
        """Whether this summary has the section: its step is on, and `shown` says so."""
        return (self.step is None or context.session.step_on(self.step)) \
            and self.shown(context)
