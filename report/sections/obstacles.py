"""The obstacles checklist's section: obstacles ranked by priority (rules in
`model.exercises.obstacles`), with the room's ratings when it answered."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
)

from model import frameworks
from model.room import results as room
from model.session import Session
from report.blocks import (
    PORTRAIT_WIDTH,
    RATING_COLOURS,
    CellValue,
    Heading,
    Styles,
    bullets,
    cell,
    cell_line,
    empty,
    heads,
    make_table,
    plain,
    room_line,
    shared_widths,
    text,
)
from report.grid import Cell
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Obstacles ranked by priority"


def _obstacles(session: Session, s: Styles) -> list[Flowable]:
    from model.exercises.obstacles import priority_order, rating_counts

    story: list[Flowable] = [PageBreak(), Heading(HEADING, s.h1)]
    ranked = priority_order(session.obstacles)
    if not ranked:
        return story + [empty("No obstacles were recorded.", s)]
    counts = rating_counts(session.obstacles)
    rated = sum(n for rating, n in counts.items() if rating is not None)
    if rated:
        summary = ", ".join(f"{counts.get(r, 0)} {frameworks.rating_label(r)}"
                            for r in (3, 2, 1, 0))
        story.append(Paragraph(f"{rated} of {len(ranked)} obstacles rated: {summary}. "
                               "Highest rating first, then most votes.", s.body))
    else:
        story.append(empty("No obstacles were rated.", s))
    if counts.get(None):
        story.append(Paragraph(f"{counts[None]} not rated: listed last, as “not rated”.",
                               s.body))
    story.append(Paragraph(text(" ".join(obstacle_choices(session))), s.small))
    w = PORTRAIT_WIDTH
    words, notes, action = shared_widths(
        [[o.text for o in ranked], [o.notes for o in ranked], [o.action for o in ranked]],
        [0.26 * w, 0.19 * w, 0.175 * w], 0.12 * w)
    widths = [0.04 * w, words, 0.14 * w, 0.12 * w, 0.075 * w, notes, action]
    rows: list[list[CellValue]] = [heads(("#", "Obstacle", "Factor", "Rating", "Votes",
                                           "Notes", "Action"), widths, s)]
    for i, obstacle in enumerate(ranked, start=1):
        fill, ink = RATING_COLOURS.get(obstacle.rating, RATING_COLOURS[None])
        rows.append([
            cell(str(i), widths[0], s),
            cell(obstacle.text, widths[1], s),
            cell(plain(frameworks.factor_label(obstacle.factor)) or "—", widths[2], s),
            Cell([cell_line(frameworks.rating_label(obstacle.rating), widths[3],
                            s.rating(ink))], colors.HexColor(fill)),
            cell_line(str(obstacle.votes), widths[4], s.cell_centre),
            cell(obstacle.notes, widths[5], s),
            cell(obstacle.action, widths[6], s),
        ])
    story.append(make_table(rows, widths))
    results = room.obstacles(session)
    if results:
        story += [Spacer(1, 3 * mm), *room_line(session, "obstacles", s)]
        floor = session.room.anonymity_floor
        story += bullets([f"{o.text}. {room.obstacle_text(*results[o.id], floor)}."
                           for o in ranked if o.id in results], s)
    return story

def obstacle_choices(session: Session) -> list[str]:
    """What the obstacles' table shows that is the app's, not the sources'."""
    own = [frameworks.own_choice("ratings"), frameworks.own_choice("factors")]
    if any(o.library == "difficulties" for o in session.visible_obstacles()):
        own.append(frameworks.own_choice("difficulties_factors"))
    return own


def _flowables(c: Context) -> list[Flowable]:
    return _obstacles(c.session, c.styles)


SECTION = Section(HEADING, _flowables, step="obstacles")
