"""The attendance and representation section: partner bodies, participants, and who
was not represented by a leader."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
)

from model import findings, frameworks
from model.session import Session
from report.blocks import (
    PORTRAIT_WIDTH,
    CellParagraph,
    CellValue,
    Heading,
    Styles,
    bullets,
    cell,
    cited,
    empty,
    heads,
    make_table,
    plain,
    text,
)
from report.grid import OneLine
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Attendance and representation"


def _attendance(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [Heading(HEADING, s.h1),
                             Paragraph("Partner bodies", s.h2)]
    bodies = findings.attendance(session)
    if bodies:
        widths = [0.34 * PORTRAIT_WIDTH, 0.40 * PORTRAIT_WIDTH, 0.26 * PORTRAIT_WIDTH]
        rows: list[list[CellValue]] = [heads(("Partner body", "Present (tier)", "Absent"),
                                              widths, s)]
        for body in bodies:
            present = [f"{plain(label)} ({_tier(tier)})" for label, tier in body.present]
            absent = [plain(a) for a in body.absent]
            rows.append([cell(body.organisation, widths[0], s),
                         _names(present, widths[1], s, "<i>no one present</i>"),
                         _names(absent, widths[2], s, "—")])
        story.append(make_table(rows, widths))
    else:
        story.append(empty("No partner bodies were recorded.", s))

    story.append(Paragraph("Participants", s.h2))
    if session.participants:
        w = PORTRAIT_WIDTH
        widths = [0.05 * w, 0.28 * w, 0.24 * w, 0.21 * w, 0.10 * w, 0.12 * w]
        rows = [heads(("#", "Participant", "Partner body", "Stakeholder group", "Tier",
                        "Present"), widths, s)]
        for i, (label, p) in enumerate(findings.participant_labels(session), start=1):
            values = (str(i), label, plain(p.organisation) or "—", plain(p.group) or "—",
                      _tier(p.tier), "present" if p.present else "absent")
            rows.append([cell(v, width, s) for v, width in zip(values, widths, strict=True)])
        story.append(make_table(rows, widths))
    else:
        story.append(empty("No participants were recorded.", s))

    story.append(Paragraph("Representation", s.h2))
    found = findings.representation(session)
    texts = findings.representation_texts(found)
    if texts:
        story += bullets(texts, s)
    elif session.organisations:
        story.append(Paragraph("Every partner body was present with a first- or second-tier "
                               "leader.", s.body))
    else:
        story.append(empty("No partner bodies were recorded, so representation cannot be "
                            "assessed.", s))
    story.append(Paragraph(text(f"Why it matters: “{frameworks.why_tiers_matter()}” "
                                f"({cited(frameworks.seed_of('tiers'))}) "
                                + frameworks.own_choice("tiers")), s.small))
    return story

def _names(names: list[str], width: float, s: Styles, none: str) -> CellValue:
    """`names` (already `plain`) one per line in a cell; `none` (markup) when empty."""
    if not names:
        return CellParagraph(none, s.cell) if "<" in none else OneLine(none, s.cell)
    return cell("\n".join(names), width, s)

def _tier(tier: int | None) -> str:
    return f"tier {tier}" if tier else "tier not recorded"


def _flowables(c: Context) -> list[Flowable]:
    return _attendance(c.session, c.styles)


SECTION = Section(HEADING, _flowables)
