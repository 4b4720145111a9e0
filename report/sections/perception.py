"""The perception grid's section: groups in the column of the score they gave, gaps
highlighted, on a landscape page when it needs the width (rules in
`model.exercises.perception`)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from model import findings, frameworks
from model.session import Session
from report import scripts
from report.blocks import (
    CELL_PADDING,
    FONT,
    GAP_FILL,
    LANDSCAPE_WIDTH,
    PORTRAIT_WIDTH,
    ROOM_MARK,
    SECTION_FILL,
    CellValue,
    Chip,
    Heading,
    Styles,
    bullets,
    cell,
    cell_line,
    empty,
    line,
    make_table,
    room_text,
    text,
    words_of,
)
from report.grid import Cell
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Perception grid"


def _perception(session: Session, s: Styles,
                from_room: set[tuple[str, str]] = frozenset()) -> list[Flowable]:
    from model.exercises.perception import flagged_rows, ordered_rows

    threshold = session.perception.gap_threshold

    heading = Heading(HEADING, s.h1)
    intro = Paragraph(
        "Laid out like the Governance Test of Carrick Housing estates ("
        + text(frameworks.perception_credit()) + "): each stakeholder group is written in "
        "the column of the score it gave (1–5). The appendix says which rows are the "
        "table's and which are Bovaird's ten principles, a different slide. Rows "
        f"where groups are {threshold} or more points apart are highlighted. "
        + text(frameworks.own_choice("scale") + " " + frameworks.own_choice("gap")) + " "
        + room_text(session, "perception"), s.body)
    rows = ordered_rows(session)  # section by section, as the grid shows them
    if not rows:
        return [PageBreak(), heading, intro, empty("No perception rows were recorded.", s)]
    flagged = {spread.row.label: spread for spread in flagged_rows(session)}
    groups = {g.name: g for g in session.groups}
    cells: dict[tuple[str, int], list[str]] = {}
    for score in session.perception.scores:
        cells.setdefault((score.row, score.score), []).append(score.group)
    order = {g.name: i for i, g in enumerate(session.groups)}
    for names in cells.values():
        names.sort(key=lambda n: order.get(n, len(order)))

    label_w, score_w, wide = _perception_widths(session, cells)
    table_w = label_w + 5 * score_w
    # The scores in the header are centred; the chips sit closer to their cell's rules.
    table_rows: list[list[CellValue]] = [
        [[]] + [cell_line(str(n), score_w, s.head_centre) for n in range(1, 6)]]
    chip_padding = (2.0, 2.0, 3.0, 2.0)
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            # A row of one cell spans the table.
            table_rows.append([Cell([cell_line(frameworks.section_label(section), table_w,
                                               s.cell_bold)], SECTION_FILL)])
        label: CellValue
        if row.label in flagged:
            label = Cell([cell_line(row.label, label_w, s.cell),
                          cell_line(f"gap of {flagged[row.label].range} points", label_w,
                                    s.gap)], GAP_FILL)
        else:
            label = cell(row.label, label_w, s)
        table_rows.append([label] + [
            Cell(_group_chips([f"{name} {ROOM_MARK}" if (row.label, name) in from_room
                               else name for name in cells.get((row.label, n), [])],
                              groups, score_w, s),
                 padding=chip_padding)
            for n in range(1, 6)])
    table = make_table(table_rows, [label_w] + [score_w] * 5)

    story: list[Flowable] = []
    if wide:
        story += [NextPageTemplate("landscape"), PageBreak()]
    else:
        story.append(PageBreak())
    story += [heading, intro, table, Spacer(1, 3 * mm)]
    if not session.perception.scores:
        story.append(empty("No scores were given.", s))
    gaps = findings.gap_texts(session)
    # The list with its heading: a last gap alone on a page of its own reads as lost.
    story.append(KeepTogether([Paragraph("Perception gaps", s.h2)] + (
        bullets(gaps, s) if gaps else
        [empty(f"No row has groups {threshold} or more points apart.", s)])))
    if wide:
        story += [NextPageTemplate("portrait"), PageBreak()]
    return story

def _perception_widths(session: Session,
                       cells: dict[tuple[str, int], list[str]]) -> tuple[float, float, bool]:
    """(label column, score column, landscape?): landscape when portrait is too narrow
    for the longest group name in a score column."""
    chip_pad = 2 * 2 + 2 * 3 + 2  # table padding, chip padding, a little air
    names = [n for names in cells.values() for n in names] or ["Group"]
    longest = max(scripts.width(n, FONT, 8.5) for n in names) + chip_pad
    labels = [r.label for r in session.perception.rows]
    label_need = max(stringWidth(word, FONT, 8.5) for label in labels
                     for word in (words_of(label) or [""])) + 10
    for width, wide in ((PORTRAIT_WIDTH, False), (LANDSCAPE_WIDTH, True)):
        # Wide enough for the longest word of a label, within reason (long words wrap).
        label_w = min(max(label_need, 0.28 * width), 0.4 * width)
        score_w = (width - label_w) / 5
        if wide or score_w >= min(longest, 150):
            break
    return label_w, score_w, wide

def _group_chips(names: list[str], groups: dict, column: float,
                 s: Styles) -> list[Flowable]:
    """Group names in a cell, each on its group's colour (as on the projector).

    Lines with a background rather than a nested table: a table row must be able
    to split across pages however long a name is, and a nested table cannot split.
    """
    chips: list[Flowable] = []
    for name in names:
        group = groups.get(name.removesuffix(f" {ROOM_MARK}")) or groups.get(name)
        colour = group.colour if group is not None and group.colour else "#dddddd"
        chips.append(line(name, column - 2 * CELL_PADDING, s.chip(colour), Chip))
    return chips


def _flowables(c: Context) -> list[Flowable]:
    return _perception(c.session, c.styles, c.from_room)


SECTION = Section(HEADING, _flowables, step="perception")
