"""The sharing acid test's section (Bovaird 2009): a table of partner bodies × the five
things shared (the seed's words, marked yes or no: the app's own marking), with why not
and what would change it (the app's own questions). Rules in `model.exercises.sharing`."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from model import frameworks
from model.exercises import sharing
from model.exercises.sharing import SHARES
from model.session import Session
from report.blocks import (
    PORTRAIT_WIDTH,
    CellValue,
    Styles,
    cell,
    cited,
    empty,
    heads,
    make_table,
    mark_cell,
    own_choice_note,
    section_head,
)
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "The “sharing” acid test"

# Fill and ink of a mark: "yes" stands out, "no" is quiet.
MARK_COLOURS = {True: ("#2e7d32", "#ffffff"), False: ("#ffffff", "#555555")}


def _sharing(session: Session, s: Styles) -> list[Flowable]:
    rows = sharing.rows(session)
    story = section_head(HEADING, f"“{frameworks.sharing_test()}” "
                         f"({cited(frameworks.seed_of('sharing'))}). What each partner body "
                         "shares, as the board marked it.", s)
    if not rows:
        story.append(empty("The session has no partner bodies.", s))
        return story
    marked = [r for r in rows if r.shares() or r.why_not or r.would_change]
    if marked:
        story.append(Paragraph(
            f"{len(marked)} of {len(rows)} partner bodies marked; "
            f"{sum(1 for r in rows if r.shares())} share something.", s.body))
    else:
        story.append(empty("None of the partner bodies was marked.", s))
    story.append(own_choice_note("sharing", s))
    w = PORTRAIT_WIDTH
    # Two tables: the marks (partner body × the five shares), then the two answers; the
    # five marks and two texts side by side would break the heads mid-word.
    widths = [0.25 * w, *([0.15 * w] * len(SHARES))]
    table: list[list[CellValue]] = [heads(
        ("Partner body", *(sharing.share_label(x).capitalize() for x in SHARES)), widths, s)]
    for row in rows:
        marks: list[CellValue] = []
        for i, share in enumerate(SHARES, start=1):
            on = bool(getattr(row, share))
            fill, ink = MARK_COLOURS[on]
            marks.append(mark_cell("yes" if on else "no", widths[i], fill, ink, s))
        table.append([cell(row.organisation, widths[0], s), *marks])
    story.append(make_table(table, widths))
    answered = [r for r in rows if r.why_not or r.would_change]
    if answered:
        widths = [0.25 * w, 0.375 * w, 0.375 * w]
        texts: list[list[CellValue]] = [heads(
            ("Partner body", "Why not?", "What would change it?"), widths, s)]
        texts += [[cell(r.organisation, widths[0], s), cell(r.why_not or "—", widths[1], s),
                   cell(r.would_change or "—", widths[2], s)] for r in answered]
        story.append(Spacer(1, 6))
        story.append(make_table(texts, widths))
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _sharing(c.session, c.styles)


SECTION = Section(HEADING, _flowables, step="sharing")
