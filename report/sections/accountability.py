"""Box 2's section: the five processes and structures for assuring accountability
(Matrix 2004), each with the board's rating, owner and date; gaps (partly, absent)
highlighted. Rules in `model.exercises.accountability`."""

from __future__ import annotations

from reportlab.platypus import Flowable

from model import frameworks
from model.exercises import accountability
from model.session import Session
from report.blocks import (
    PORTRAIT_WIDTH,
    CellValue,
    Styles,
    cell,
    cited,
    empty,
    heads,
    long_date,
    make_table,
    mark_cell,
    own_choice_note,
    section_head,
)
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Accountability processes (Box 2)"

# Fill and ink of each rating: a gap stands out (absent darkest), in place is quiet.
RATING_COLOURS: dict[str | None, tuple[str, str]] = {
    "absent": ("#b71c1c", "#ffffff"),
    "partly": ("#f28c28", "#1a1a1a"),
    "in-place": ("#2e7d32", "#ffffff"),
    None: ("#ffffff", "#555555"),
}


def _accountability(session: Session, s: Styles) -> list[Flowable]:
    items = accountability.items(session)
    story = section_head(HEADING, f"{frameworks.title_of('box2')} "
                         f"({cited(frameworks.seed_of('box2'))}), as the board rated it.", s)
    rated = [i for i in items if i.rating is not None]
    gaps = accountability.gaps(session)
    if rated:
        story.append(Paragraph(
            f"{len(rated)} of {len(items)} rated; {len(gaps)} "
            f"{'gap' if len(gaps) == 1 else 'gaps'} (partly or absent), highlighted.",
            s.body))
    else:
        story.append(empty("None of Box 2's items was rated.", s))
    story.append(own_choice_note("accountability", s))
    w = PORTRAIT_WIDTH
    widths = [0.04 * w, 0.50 * w, 0.12 * w, 0.18 * w, 0.16 * w]
    rows: list[list[CellValue]] = [heads(("#", "Process or structure", "Rating", "Owner",
                                           "Date"), widths, s)]
    for i, item in enumerate(items, start=1):
        fill, ink = RATING_COLOURS.get(item.rating, RATING_COLOURS[None])
        gap = accountability.is_gap(item)
        label = frameworks.accountability_rating_label(item.rating)
        rows.append([
            cell(str(i), widths[0], s),
            cell(item.text + (" (gap: in the actions list)" if gap and item.action else ""),
                 widths[1], s),
            mark_cell(label, widths[2], fill, ink, s),
            cell(item.owner or "—", widths[3], s),
            cell(long_date(item.due) if item.due else "—", widths[4], s),
        ])
    story.append(make_table(rows, widths))
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _accountability(c.session, c.styles)


SECTION = Section(HEADING, _flowables, step="accountability")
