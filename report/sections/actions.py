"""The actions section: what the board agreed, who owns it, when, and its obstacle."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
)

from model import findings
from model.session import Session
from report.blocks import (
    PORTRAIT_WIDTH,
    CellValue,
    Heading,
    Styles,
    cell,
    empty,
    heads,
    long_date,
    make_table,
    plain,
)
from report.section import Context, Section

HEADING = "Actions"


def _actions(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), Heading(HEADING, s.h1)]
    if not session.actions:
        return story + [empty("No actions were agreed.", s)]
    links = findings.action_obstacles(session)
    w = PORTRAIT_WIDTH
    widths = [0.05 * w, 0.34 * w, 0.17 * w, 0.12 * w, 0.08 * w, 0.24 * w]
    rows: list[list[CellValue]] = [heads(("#", "Action", "Owner", "Due", "Status",
                                           "From obstacle"), widths, s)]
    for i, action in enumerate(session.actions, start=1):
        obstacle = links.get(i - 1)
        values = (str(i), action.text, plain(action.owner) or "—",
                  plain(long_date(action.due)) or "—",
                  action.status, obstacle.text if obstacle else "—")
        rows.append([cell(v, width, s) for v, width in zip(values, widths, strict=True)])
    story.append(make_table(rows, widths))
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _actions(c.session, c.styles)


SECTION = Section(HEADING, _flowables)
