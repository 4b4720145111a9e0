"""The typology's section: the placements drawn on the figure's grid, whether they agree,
the agreed cells and why (rules in `model.exercises.typology`)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
)

from model import findings, frameworks
from model.room import results as room
from model.session import Session
from report.blocks import (
    BOLD,
    FONT,
    PORTRAIT_WIDTH,
    Heading,
    Styles,
    bullets,
    empty,
    long_text,
    room_line,
    text,
)
from report.drawings import TypologyDrawing
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Typology"


def _typology(session: Session, s: Styles) -> list[Flowable]:
    from model.exercises.typology import agreement

    story: list[Flowable] = [PageBreak(), Heading(HEADING, s.h1)]
    story.append(Paragraph(
        "Where the participants placed the partnership on "
        f"{text(frameworks.title_of('typology'))} ({text(frameworks.typology_credit())}; "
        "its labels and axis titles as the figure has them): now (left half "
        "of each cell) and where it needs to be (right half). The numbers are how many "
        "placed it there; the board's agreed cells are outlined.", s.body))
    placements = session.typology.placements
    now, needed = agreement(placements, "now"), agreement(placements, "needed")
    agreed = session.typology.agreed
    story.append(TypologyDrawing(now.counts, needed.counts, agreed.now, agreed.needed,
                                 PORTRAIT_WIDTH, FONT, BOLD))
    story.append(Spacer(1, 4 * mm))
    if room.answered(session, "typology"):
        story += room_line(session, "typology", s)
        story += bullets(room.typology_texts(session), s)
    story.append(Paragraph("Do the placements agree?", s.h2))
    if placements:
        story += bullets(findings.agreement_texts(session), s)
    else:
        story.append(empty("No placements were made.", s))
    story.append(Paragraph("Agreed placement", s.h2))
    story += bullets([findings.agreed_text(session)], s)
    story.append(Paragraph("Rationale", s.h2))
    story += (long_text(agreed.rationale, s.body) if agreed.rationale.strip()
              else [empty("No rationale was recorded.", s)])
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _typology(c.session, c.styles)


SECTION = Section(HEADING, _flowables, step="typology")
