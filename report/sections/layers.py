"""The three-layer framework's section (Audit Commission 2009): the three layers as a
table (what each does in the seed's words, the body or group the board named, its mark,
highlighted, and the note), then the representation on the strategic decision-making
group (Matrix 2004): each partner body's seat, a first- or second-tier leader set apart
from the rest. The marks and the seats' "someone else" and "not represented" are the
app's own, and say so. Rules in `model.exercises.layers`."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from model import frameworks
from model.exercises import layers
from model.session import Session
from report.blocks import (
    PORTRAIT_WIDTH,
    CellValue,
    Styles,
    bullets,
    cell,
    cited,
    empty,
    heads,
    make_table,
    mark_cell,
    own_choice_note,
    section_head,
    text,
)
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Three-layer framework"
SEATS_HEADING = "Representation on the strategic group"

# Fill and ink of a mark, and of a seat (as the window's page): what needs action stands
# out (missing and not represented darkest), a leader's seat is green, the rest quiet.
QUIET = ("#ffffff", "#555555")


def _layers(session: Session, s: Styles) -> list[Flowable]:
    shown = layers.layers(session)
    story = section_head(HEADING, f"“…{frameworks.layers_framework()}” "
                         f"({cited(frameworks.seed_of('layers'))}, Working better together). "
                         "For this partnership, the body or group the board named at each "
                         "layer, its mark and a note.", s)
    marked = [x for x in shown if x.mark]
    if marked:
        counts = [f"{sum(1 for x in marked if x.mark == m)} {layers.mark_label(m)}"
                  for m in layers.MARKS if any(x.mark == m for x in marked)]
        story.append(Paragraph(f"{len(marked)} of {len(shown)} layers marked: "
                               f"{', '.join(counts)}; highlighted.", s.body))
    elif any(x.entered() for x in shown):
        story.append(empty("No layer was marked missing or duplicated.", s))
    else:
        story.append(empty("No layer was named or marked.", s))
    story.append(own_choice_note("layers", s))
    w = PORTRAIT_WIDTH
    widths = [0.13 * w, 0.22 * w, 0.25 * w, 0.13 * w, 0.27 * w]
    table: list[list[CellValue]] = [heads(
        ("Layer", "What it does", "Body or group", "Mark", "Note"), widths, s)]
    for x in shown:
        fill, ink = layers.MARK_COLOURS.get(x.mark or "", QUIET)
        table.append([
            cell(layers.layer_label(x.layer).capitalize(), widths[0], s),
            cell(layers.layer_does(x.layer), widths[1], s),
            cell(x.body or "—", widths[2], s),
            mark_cell(layers.mark_label(x.mark) or "—", widths[3], fill, ink, s),
            cell(x.note or "—", widths[4], s),
        ])
    story.append(make_table(table, widths))
    story.append(Spacer(1, 3))
    story.append(Paragraph(text(
        "“What it does” is the Commission's words. Missing: "
        f"{frameworks.layer_mark_meaning('missing')}; duplicated: "
        f"{frameworks.layer_mark_meaning('duplicated')} (the app's own marks)."), s.small))
    story += _seats(session, s)
    return story


def _seats(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(SEATS_HEADING, s.h2)]
    group = layers.strategic_group(session)
    story.append(Paragraph(text(
        "Who holds each partner body's seat on the partnership's strategic decision-making "
        "group" + (f" (named at the strategic layer: {group})" if group else "") + "."),
        s.body))
    seats = layers.seats(session)
    if not seats:
        story.append(empty("The session has no partner bodies.", s))
    else:
        leaders = sum(1 for x in seats if x.leader)
        counts = [f"{leaders} of {len(seats)} by a first- or second-tier leader"]
        counts += [f"{n} {words}" for key, words in (("other", "by someone else"),
                                                     ("none", "not represented"),
                                                     (None, "not recorded"))
                   if (n := sum(1 for x in seats if x.seat == key))]
        story.append(Paragraph(text("; ".join(counts) + "."), s.body))
        w = PORTRAIT_WIDTH
        widths = [0.55 * w, 0.25 * w, 0.20 * w]
        table: list[list[CellValue]] = [heads(
            ("Partner body", "Seat", "First- or second-tier leader"), widths, s)]
        for x in seats:
            fill, ink = layers.SEAT_COLOURS.get(x.seat or "", QUIET)
            table.append([cell(x.organisation, widths[0], s),
                          mark_cell(layers.seat_label(x.seat), widths[1], fill, ink, s),
                          cell("—" if x.seat is None else "yes" if x.leader else "no",
                               widths[2], s)])
        story.append(make_table(table, widths))
        story.append(Spacer(1, 4))
        weak = [t for t in layers.seat_texts(session) if "not represented by" in t]
        story += bullets(weak, s)
    story.append(Paragraph(text(
        f"Why it matters: “{frameworks.seats_quote()} {frameworks.why_tiers_matter()}” "
        f"({cited(frameworks.seats_seed())}). “Someone else” and “not represented” are the "
        "app's own."), s.small))
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _layers(c.session, c.styles)


SECTION = Section(HEADING, _flowables, step="layers")
