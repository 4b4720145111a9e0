"""The key questions section: the Audit Commission's two questions and the board's answers."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
)

from model import frameworks
from model.session import Session
from report.blocks import (
    Heading,
    Styles,
    empty,
    long_text,
    text,
)
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Key questions"


def _key_questions(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), Heading(HEADING, s.h1)]
    for key, question in frameworks.key_questions():
        answer = getattr(session.key_questions, key)
        story.append(Paragraph(text(question), s.h2))
        story += (long_text(answer, s.body) if answer.strip()
                  else [empty("No answer was recorded.", s)])
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _key_questions(c.session, c.styles)


SECTION = Section(HEADING, _flowables)
