"""The exercises a session may run, in the window's order, and the parts of the session
that later exercises keep in their own tables (`model.exercises.part`): the store, the
session file, the CSV export, Set-up's step checkboxes and the key findings read them
here. A new exercise with tables of its own is one line in `PARTS`.
"""

from __future__ import annotations

from model.exercises import layers, sharing, value
from model.exercises.part import Part

PARTS: tuple[Part, ...] = (sharing.PART, value.PART, layers.PART)

# Every exercise a facilitator can turn on or off at Set-up, by step name -> title:
# those that are fields of `Session` (the first three run by default), then the parts.
# Set-up, the summary and compare always run.
STEP_TITLES: dict[str, str] = {
    "obstacles": "Obstacles", "typology": "Typology", "perception": "Perception grid",
    "accountability": "Box 2 accountability",
    **{part.name: part.title for part in PARTS},
}
OPTIONAL_STEPS: tuple[str, ...] = tuple(STEP_TITLES)

