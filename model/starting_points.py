"""How sessions begin: a new one with the frameworks' defaults, or a copy to re-run."""

from __future__ import annotations

import dataclasses
from datetime import date

from model import frameworks
from model.session import (
    Group,
    Organisation,
    Perception,
    PerceptionRow,
    Session,
)


def new_session(title: str = "New workshop session") -> Session:
    """A session with the eleven Box 1 obstacles, the default perception rows, no scores."""
    return Session(
        title=title,
        date=date.today().isoformat(),
        obstacles=frameworks.library_obstacles("box1"),
        perception=Perception(rows=frameworks.default_perception_rows()),
    )


def copy_for_rerun(session: Session) -> Session:
    """The same workshop, ready to run again: details, partner bodies, groups,
    participants, obstacles, perception rows and the gap threshold are kept (so the
    reviews' gaps are measured alike); every rating, vote, note, placement, score,
    answer and action is left empty for the new run, and Box 2's items start unrated
    (its ratings, owners and dates are results); the steps the session ran are kept.
    The copy is linked to `session` as its next review (`review_of`)."""
    return Session(
        review_of=session.uid,
        title=f"{session.title} (re-run)",
        partnership=session.partnership,
        date=date.today().isoformat(),
        facilitator=session.facilitator,
        venue=session.venue,
        purpose=session.purpose,
        organisations=[Organisation(o.name) for o in session.organisations],
        groups=[Group(g.name, g.colour) for g in session.groups],
        participants=[dataclasses.replace(p, id=None) for p in session.participants],
        obstacles=[dataclasses.replace(o, rating=None, votes=0, notes="", action="", id=None)
                   for o in session.obstacles],
        perception=Perception(rows=[PerceptionRow(r.section, r.label)
                                    for r in session.perception.rows],
                              gap_threshold=session.perception.gap_threshold),
        steps=list(session.steps),
    )
