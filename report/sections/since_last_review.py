"""Since the last review: what moved since the review this session re-runs, in the
Compare step's words (the caller loads that review: no section opens the store)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
)

from model.compare import Comparison, review_name, sections
from report.blocks import (
    Heading,
    Styles,
    bullets,
    empty,
    text,
)
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Since the last review"


def _since_last_review(comparison: Comparison, s: Styles) -> list[Flowable]:
    """What moved since the review this session re-runs, in the Compare step's words."""
    story: list[Flowable] = [CondPageBreak(60 * mm), Heading(HEADING, s.h1), Paragraph(
        f"Compared with the earlier review <b>{text(review_name(comparison.before))}</b>. "
        "Groups, participants, obstacles and rows are matched by name (exactly, then "
        "ignoring case and spacing); those not matched are listed.", s.body)]
    for heading, sentences in sections(comparison):
        story.append(Paragraph(text(heading), s.h2))
        story += bullets(sentences, s) if sentences else [empty("Nothing to compare.", s)]
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _since_last_review(c.comparison, c.styles) if c.comparison else []


SECTION = Section(HEADING, _flowables, shown=lambda c: c.comparison is not None)
