"""The appendix: the frameworks used and their sources."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
)

from model import frameworks
from model.session import Session
from report.blocks import (
    Heading,
    Styles,
    bullets,
    cited,
    text,
)
from report.scripts import Paragraph
from report.section import Context, Section
from report.sections.obstacles import obstacle_choices

HEADING = "Appendix: frameworks used"


def _appendix(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Heading(HEADING, s.h1)]

    def source(part: str) -> Paragraph:
        return Paragraph("Source: " + text(cited(frameworks.seed_of(part))), s.source)

    story += [Paragraph(text(frameworks.title_of("box1")), s.h2), source("box1"),
              Paragraph("The eleven obstacles of Box 1, a list without groups. The "
                        "briefing's three factors crucial to effective partnership working, "
                        "set out apart from Box 1:", s.body)]
    story += [Paragraph(f"<b>{text(t.label)}</b>: {text(t.definition)}", s.bullet,
                        bulletText="•") for t in frameworks.factors()]
    story += bullets(obstacle_choices(session), s)
    if any(o.library == "difficulties" for o in session.visible_obstacles()):
        story += [Paragraph(text(frameworks.title_of("difficulties")), s.h2),
                  source("difficulties")]

    levels, functions = frameworks.collaboration_levels(), frameworks.functions()
    story += [Paragraph(text(frameworks.title_of("typology")), s.h2),
              Paragraph("Source: " + text(frameworks.typology_credit()), s.source),
              Paragraph(text(
                  f"The figure's rows, {frameworks.typology_axis('collaboration')}: "
                  + ", ".join(t.figure_label for t in levels) + "; its columns, "
                  f"{frameworks.typology_axis('function')}: "
                  + ", ".join(t.figure_label for t in functions) + "."), s.body),
              Paragraph("Levels of collaboration", s.body)]
    story += [Paragraph(f"<b>{text(t.label)}</b>: {text(t.definition)}", s.bullet,
                        bulletText="•") for t in frameworks.collaboration_levels()]
    story.append(Paragraph("Functions", s.body))
    story += [Paragraph(f"<b>{text(t.label)}</b>: {text(t.definition)}", s.bullet,
                        bulletText="•") for t in frameworks.functions()]
    story.append(Paragraph(text(frameworks.typology_caveat()), s.small))

    table_rows = frameworks.quality_of_life_rows() + frameworks.governance_test_rows()
    story += [Paragraph(text(frameworks.title_of("perception")), s.h2),
              Paragraph("Source: " + text(frameworks.perception_credit()), s.source),
              Paragraph("Each stakeholder group scores each row from 1 to 5. The table's "
                        "own rows:", s.body)]
    story += bullets([f"{frameworks.section_label(section)}: "
                       + "; ".join(r.label for r in table_rows if r.section == section) + "."
                       for section in ("quality-of-life", "governance")], s)
    story += bullets([frameworks.own_choice("scale"), frameworks.own_choice("gap")], s)
    story += [Paragraph(text(frameworks.principles_title()), s.h2), source("perception"),
              Paragraph("Bovaird's ten good-governance principles, on a different slide "
                        "from the Governance Test, which a session may add as rows:", s.body),
              Paragraph(text("; ".join(r.label for r in frameworks.principle_rows()) + "."),
                        s.body)]

    story += [Paragraph("Key questions", s.h2), source("key_questions"),
              Paragraph("The Audit Commission's two questions for every partnership board "
                        "(Governing Partnerships, 2005):", s.body)]
    story += bullets([q for _, q in frameworks.key_questions()], s)

    story += [Paragraph("Seniority tiers", s.h2), source("tiers")]
    story.append(Paragraph(text(f"“{frameworks.why_tiers_matter()}”"), s.body))
    story += bullets([frameworks.tier_label(t) for t in (1, 2, 3)], s)
    story.append(Paragraph(text(frameworks.own_choice("tiers")), s.body))

    story += [Paragraph(text(frameworks.title_of("box2")), s.h2), source("box2")]
    story += bullets(frameworks.accountability_processes(), s)

    story.append(Paragraph("Sources", s.h2))
    story.append(KeepTogether([Paragraph(text(frameworks.reference(seed)), s.reference)
                               for seed in frameworks.cited_seeds()]))
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _appendix(c.session, c.styles)


SECTION = Section(HEADING, _flowables)
