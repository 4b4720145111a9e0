"""The PDF's sections after the cover, in order: the registry. Each is a module with its
`HEADING` and its `SECTION` (report/section.py); an exercise's section is
`report/sections/<name>.py`, built on the shared helpers of `report/blocks.py`. Sections
import no Qt and never the store (the import-linter contracts in pyproject.toml check it).

Adding an exercise's section is one module and one line here.
"""

from __future__ import annotations

from report.section import Section
from report.sections import (
    accountability,
    actions,
    appendix,
    attendance,
    key_questions,
    layers,
    obstacles,
    perception,
    sharing,
    since_last_review,
    typology,
    value,
)

SECTIONS: list[Section] = [
    attendance.SECTION,
    key_questions.SECTION,
    obstacles.SECTION,
    typology.SECTION,
    perception.SECTION,
    accountability.SECTION,
    sharing.SECTION,
    value.SECTION,
    layers.SECTION,
    actions.SECTION,
    since_last_review.SECTION,
    appendix.SECTION,
]
