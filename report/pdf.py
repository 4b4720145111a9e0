"""The session's PDF summary (A4), something a board can circulate the same day.

`write_pdf(session, path)` is the whole interface: no Qt, no database. Sections, in
order: cover; attendance and representation; key questions; obstacles ranked by
priority; typology; perception grid (on a landscape page when it needs the width);
actions; since the last review (when the caller passes the review this one re-runs,
`previous`, which it loads: this module never opens the store); appendix of the
frameworks used.

Every string a user typed goes through `text()` before it reaches a Paragraph: raw
`<` or `&` would break the build, and `<img src=...>` would embed a local file.

Speed: tables are Grids (report/grid.py), not reportlab Tables. A cell's text that fits
on one line is drawn as a `OneLine` rather than a Paragraph, which would parse markup
and break lines for nothing; the big tables have about a thousand such cells. Text that
may need to wrap stays a Paragraph, so it wraps and is never cut.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from functools import cache
from itertools import product

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from model import findings, frameworks
from model.compare import Comparison, compare, review_name, sections
from model.errors import WorkshopError
from model.files import write_atomically
from model.palette import text_colour_on
from model.room import results as room
from model.session import Session
from report import scripts
from report.drawings import TypologyDrawing
from report.fonts import Font
from report.grid import PADDING, Cell, Grid, OneLine
from report.scripts import Paragraph

FONTS = scripts.FONTS
FONT, BOLD = scripts.FONT, scripts.BOLD

PAGE = A4
MARGIN = 18 * mm
TOP = 22 * mm  # room for the header
BOTTOM = 18 * mm  # room for the footer
PORTRAIT_WIDTH = PAGE[0] - 2 * MARGIN
LANDSCAPE_WIDTH = landscape(PAGE)[0] - 2 * MARGIN

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
RULE = colors.HexColor("#999999")
HEAD_FILL = colors.HexColor("#e8ecf2")
SECTION_FILL = colors.HexColor("#d5dbe5")
GAP_FILL = colors.HexColor("#fde3e1")
ROOM_MARK = "◇"  # a group's score in the perception grid from the room's answers
GAP_INK = colors.HexColor("#a11d12")

# Rating colours (fill, ink): the badges of the Obstacles step
# (gui/exercises/obstacles/obstacle_list.py, which report/ may not import), so the board
# sees the same colours on paper. The rating is always written in words too: colour is
# never the only sign.
RATING_COLOURS: dict[int | None, tuple[str, str]] = {
    3: ("#b71c1c", "#ffffff"),
    2: ("#f28c28", "#1a1a1a"),
    1: ("#ffd54f", "#1a1a1a"),
    0: ("#2e7d32", "#ffffff"),
    None: ("#ffffff", "#555555"),
}


class PdfExportError(WorkshopError):
    """The PDF cannot be written where asked; the message names the path."""


# --- text -------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape(value: str) -> str:
    """`&`, `<` and `>` as entities (xml.sax.saxutils would import urllib and ssl)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(value: str | None) -> str:
    """A user's string as drawn: control characters dropped, line ends unified, tabs
    as four spaces (what `text()` shows, before markup)."""
    value = _CONTROL.sub("", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\t", "    ")


def text(value: str | None) -> str:
    """A user's string as Paragraph markup that shows exactly that string.

    Markup characters are escaped, line breaks kept, runs of spaces kept, and
    invisible control characters (which reportlab cannot draw) dropped. Each line is in
    the order it is seen (right-to-left runs reordered), and each run of characters
    DejaVu Sans lacks is set in a font that has them (report/scripts.py).
    """
    lines = (re.sub(r" {2,}", lambda m: " " + "\xa0" * (len(m.group()) - 1), line)
             for line in plain(value).split("\n"))
    return "<br/>".join(scripts.markup(line) for line in lines).replace("\xa0", "&nbsp;")


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (regular and bold), so <b> and every script in it work (the
    fallback fonts of report/scripts.py are registered when a string needs them)."""
    pdfmetrics.registerFont(Font(FONT, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(Font(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT,
                                  boldItalic=BOLD)


class Styles:
    """The few paragraph styles the summary uses."""

    def __init__(self) -> None:
        # No paragraph leaves its first line at the foot of a page or its last line alone
        # at the top of the next (allowOrphans/allowWidows off).
        base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5,
                              textColor=INK, spaceAfter=4, allowOrphans=0, allowWidows=0)
        self.body = base
        self.title = ParagraphStyle("title", base, fontName=BOLD, fontSize=24, leading=29,
                                    spaceAfter=6)
        self.subtitle = ParagraphStyle("subtitle", base, fontSize=13, leading=17,
                                       textColor=MUTED, spaceAfter=18)
        self.h1 = ParagraphStyle("h1", base, fontName=BOLD, fontSize=16, leading=20,
                                 spaceBefore=4, spaceAfter=8, keepWithNext=1)
        self.h2 = ParagraphStyle("h2", base, fontName=BOLD, fontSize=11.5, leading=15,
                                 spaceBefore=8, spaceAfter=4, keepWithNext=1)
        self.cell = ParagraphStyle("cell", base, fontSize=8.5, leading=10.5, spaceAfter=0)
        self.cell_bold = ParagraphStyle("cell_bold", self.cell, fontName=BOLD)
        self.cell_centre = ParagraphStyle("cell_centre", self.cell, alignment=TA_CENTER)
        self.head_centre = ParagraphStyle("head_centre", self.cell_bold, alignment=TA_CENTER)
        self.small = ParagraphStyle("small", base, fontSize=8, leading=10, textColor=MUTED)
        self.source = ParagraphStyle("source", self.small, keepWithNext=1)
        self.cover_head = ParagraphStyle("cover_head", base, fontName=BOLD, spaceBefore=3,
                                         spaceAfter=1, keepWithNext=1)
        self.reference = ParagraphStyle("reference", base, leftIndent=12, firstLineIndent=-12)
        self.empty = ParagraphStyle("empty", base, textColor=MUTED)
        self.bullet = ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2)
        self.gap = ParagraphStyle("gap", self.cell, fontName=BOLD, textColor=GAP_INK)
        self._ratings: dict[str, ParagraphStyle] = {}
        self._chips: dict[str, ParagraphStyle] = {}

    def rating(self, ink: str) -> ParagraphStyle:
        """A rating's words, bold in the ink of its badge."""
        if ink not in self._ratings:
            self._ratings[ink] = ParagraphStyle(f"rating{len(self._ratings)}", self.cell_bold,
                                                textColor=colors.HexColor(ink))
        return self._ratings[ink]

    def chip(self, colour: str) -> ParagraphStyle:
        """A group's name on its colour (one style per colour, shared by its chips)."""
        if colour not in self._chips:
            self._chips[colour] = ParagraphStyle(
                f"chip{len(self._chips)}", self.cell,
                textColor=colors.HexColor(text_colour_on(colour)),
                backColor=colors.HexColor(colour), borderPadding=(2, 3, 2, 3), leftIndent=3,
                rightIndent=3, spaceBefore=2, spaceAfter=5)
        return self._chips[colour]


# --- one-line cells ----------------------------------------------------------------

CELL_PADDING = PADDING[1]  # left and right padding of a table cell
# Characters a Paragraph treats specially (break points, collapsed spaces): text holding
# them stays a Paragraph.
_SPECIAL = re.compile(r"\s\s|[\xa0\xad\u200b-\u200f\u2028\u2029]")


@cache
def _width(line: str, font: str, size: float) -> float:
    """stringWidth, remembered: the same group names fill the perception grid."""
    return stringWidth(line, font, size)


def fits(value: str, width: float, style: ParagraphStyle) -> bool:
    """Whether `value` (already `plain`) shows on one line per line break in `width`,
    exactly as a Paragraph of `style` would show it: no line would wrap, and no line
    starts or ends with spaces a Paragraph would drop."""
    room = width - style.leftIndent - style.rightIndent
    for line in value.split("\n"):
        if (not line or line != line.strip() or _SPECIAL.search(line)
                or not scripts.simple(line, style.fontName)
                or _width(line, style.fontName, style.fontSize) > room):
            return False
    return True


class CellParagraph(Paragraph):
    """A Paragraph in a table cell that remembers how it wrapped: a table asks each
    cell the same question several times (row heights, splitting, drawing)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # A Paragraph's wrap depends on the width only; split() may drop blPara.
        if getattr(self, "_wrapped_at", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


class Chip(CellParagraph):
    """A group's name on its colour that wraps, kept whole across a page break (a name
    split between two pages reads as two groups), unless it is taller than a third of a
    portrait page (about eight lines): a name of hundreds of characters must still be
    able to split."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.height <= (PAGE[1] - TOP - BOTTOM) / 3:
            return []
        return super().split(availWidth, availHeight)


_NO_BREAK = re.compile(r"\S*[\xa0\u202f\u2007]\S*(?:[\xa0\u202f\u2007]\S*)*")


def _loosen(value: str, room: float, style: ParagraphStyle) -> str:
    """`value` with the no-break spaces of a run of words joined by them that is wider
    than `room` made breakable: such a name breaks between its words rather than, as
    reportlab would cut it, in the middle of one."""
    if not any(c in value for c in "\xa0\u202f\u2007"):
        return value
    return _NO_BREAK.sub(
        lambda m: m.group() if scripts.width(m.group(), style.fontName, style.fontSize)
        <= room else re.sub("[\xa0\u202f\u2007]", " ", m.group()), value)


def line(value: str | None, width: float, style: ParagraphStyle,
         paragraph: type[CellParagraph] = CellParagraph) -> Flowable:
    """`value` in `style` within `width`: a `OneLine` when it fits, else a `paragraph`
    (which wraps)."""
    value = _loosen(plain(value), width - style.leftIndent - style.rightIndent, style)
    drawn = plain(value)
    if "\n" not in drawn and fits(drawn, width, style):
        return OneLine(drawn, style)
    return paragraph(text(value), style)


def cell(value: str | None, column: float, s: Styles) -> list[Flowable] | Paragraph:
    """A table cell in the plain cell style: a `OneLine` for each line when every line of
    `value` fits the column (none when it is empty), else a Paragraph that wraps."""
    value = _loosen(plain(value), column - 2 * CELL_PADDING, s.cell)
    drawn = plain(value)
    if not drawn:
        return []
    if fits(drawn, column - 2 * CELL_PADDING, s.cell):
        return [OneLine(part, s.cell) for part in drawn.split("\n")]
    if len(drawn) > LONG_TEXT:
        return long_text(drawn, s.cell, CellParagraph)
    return CellParagraph(text(value), s.cell)


# Characters in one Paragraph at most. At each page break reportlab re-wraps all that is
# left of a paragraph, so one long field took time growing with its square (400,000
# characters: 21 s); in pieces it grows with its length.
LONG_TEXT = 5000


def long_text(value: str, style: ParagraphStyle,
              paragraph: type[Paragraph] = Paragraph) -> list[Flowable]:
    """`value` as Paragraphs of at most about LONG_TEXT characters, cut at line breaks,
    else at spaces; the pieces of one field sit together, with no space between them."""
    drawn = plain(value)
    pieces, start = [], 0
    while len(drawn) - start > LONG_TEXT:
        end = start + LONG_TEXT
        cut = drawn.rfind("\n", start + 1, end)
        if cut < 0:
            cut = drawn.rfind(" ", start + 1, end)
        if cut < 0:
            pieces.append(drawn[start:end])  # one word longer than a piece
            start = end
        else:
            pieces.append(drawn[start:cut])
            start = cut + 1  # the line break or space becomes the break between pieces
    pieces.append(drawn[start:])
    if len(pieces) == 1:
        return [paragraph(text(value), style)]
    first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
    middle = ParagraphStyle(f"{style.name}-middle", parent=first, spaceBefore=0)
    last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0)
    styles = [first] + [middle] * (len(pieces) - 2) + [last]
    return [paragraph(text(piece), shown) for piece, shown in zip(pieces, styles, strict=True)]


def cell_line(value: str | None, column: float, style: ParagraphStyle) -> Flowable:
    """A table cell in `style` (bold, centred, coloured): see `line`."""
    return line(value, column - 2 * CELL_PADDING, style)


class Heading(Paragraph):
    """A section heading that also becomes an entry of the PDF's outline."""

    def __init__(self, words: str, style: ParagraphStyle, level: int = 0) -> None:
        super().__init__(text(words), style)
        self.words, self.level = words, level

    def draw(self) -> None:
        super().draw()
        key = f"h{id(self)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.words, key, level=self.level)


# --- page furniture: header and "Page N of M" -----------------------------------


def _canvas_maker(header: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps each page until the end, so the footer can say how many there are."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._pages: list[dict] = []

        def showPage(self) -> None:  # reportlab calls it by this name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _furniture(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(FONT, 8.5)
            self.setFillColor(MUTED)
            scripts.draw(self, MARGIN, height - 12 * mm, _shorten(header, FONT, 8.5,
                                                                  width - 2 * MARGIN),
                         FONT, 8.5)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
            self.drawCentredString(width / 2, 10 * mm, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


def _shorten(value: str, font: str, size: float, width: float) -> str:
    """One line of `value` that fits `width` (with … when cut: only page headers are)."""
    # A header line holds well under 400 characters: measure no more than that, or a
    # very long title costs a quadratic loop on every page.
    value = " ".join(value[:400].split())
    if scripts.width(value, font, size) <= width:
        return value
    while value and scripts.width(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


# --- building blocks ------------------------------------------------------------


CellValue = Cell | Flowable | list[Flowable]


def _table(rows: list[list[CellValue]], widths: list[float], header: bool = True) -> Grid:
    """A table whose rows (and, when taller than a page, cells) split across pages; the
    first row is its header (filled, repeated on each page) when `header`."""
    def as_cell(value: CellValue) -> Cell:
        if isinstance(value, Cell):
            return value
        return Cell(value if isinstance(value, list) else [value])

    cells = [[as_cell(value) for value in row] for row in rows]
    if not header:
        return Grid(cells, widths, None, RULE, 0.4)
    head = [Cell(c.content, c.fill or HEAD_FILL, c.padding) for c in cells[0]]
    return Grid(cells[1:], widths, head, RULE, 0.4)


def _empty(message: str, s: Styles) -> Paragraph:
    return Paragraph(text(message), s.empty)


def _bullets(sentences: Iterable[str], s: Styles) -> list[Flowable]:
    return [Paragraph(text(sentence), s.bullet, bulletText="•") for sentence in sentences]


def _heads(names: Iterable[str], widths: list[float], s: Styles) -> list[CellValue]:
    """A header row, bold."""
    return [cell_line(n, w, s.cell_bold) for n, w in zip(names, widths, strict=True)]


# --- sections --------------------------------------------------------------------


def _cover(session: Session, s: Styles, threshold: int = 3,
           headings: tuple[str, ...] = ()) -> list[Flowable]:
    """The session's details, its purpose, the key findings and what the summary holds:
    a board member reading only the cover knows what was found."""
    story: list[Flowable] = [Spacer(1, 8 * mm), Paragraph(text(session.title), s.title),
                             Paragraph("Partnership workshop summary", s.subtitle)]
    details = [("Partnership", session.partnership), ("Date", long_date(session.date)),
               ("Venue", session.venue), ("Facilitator", session.facilitator)]
    widths = [35 * mm, PORTRAIT_WIDTH - 35 * mm]
    rows: list[list[CellValue]] = [
        [Cell([cell_line(label, widths[0], s.cell_bold)], HEAD_FILL),
         cell(value, widths[1], s) if value else CellParagraph("<i>not recorded</i>", s.cell)]
        for label, value in details]
    story.append(_table(rows, widths, header=False))
    story.append(Paragraph("Purpose", s.h2))
    story += (long_text(session.purpose, s.body) if session.purpose.strip()
              else [_empty("No purpose was recorded.", s)])
    present = [p for p in session.participants if p.present]
    story.append(Paragraph("Key findings", s.h2))
    story.append(Paragraph(
        f"{len(present)} of {len(session.participants)} participants present, "
        f"{len(session.organisations)} partner bodies, {len(session.groups)} stakeholder "
        f"groups; {len(session.actions)} actions agreed.", s.body))
    for heading, sentences in findings.finding_sections(session, threshold):
        story.append(Paragraph(text(heading), s.cover_head))
        story += _bullets(sentences, s)
    story.append(Paragraph("In this summary", s.h2))
    story.append(Paragraph(text(" · ".join(headings or HEADINGS)), s.body))
    story.append(PageBreak())
    return story


# The sections after the cover, in order (each is also a bookmark of the PDF).
HEADINGS = ("Attendance and representation", "Key questions", "Obstacles ranked by priority",
            "Typology", "Perception grid", "Actions", "Appendix: frameworks used")
SINCE = "Since the last review"  # after "Actions", when the session re-runs an earlier one


def _attendance(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [Heading("Attendance and representation", s.h1),
                             Paragraph("Partner bodies", s.h2)]
    bodies = findings.attendance(session)
    if bodies:
        widths = [0.34 * PORTRAIT_WIDTH, 0.40 * PORTRAIT_WIDTH, 0.26 * PORTRAIT_WIDTH]
        rows: list[list[CellValue]] = [_heads(("Partner body", "Present (tier)", "Absent"),
                                              widths, s)]
        for body in bodies:
            present = [f"{plain(label)} ({_tier(tier)})" for label, tier in body.present]
            absent = [plain(a) for a in body.absent]
            rows.append([cell(body.organisation, widths[0], s),
                         _names(present, widths[1], s, "<i>no one present</i>"),
                         _names(absent, widths[2], s, "—")])
        story.append(_table(rows, widths))
    else:
        story.append(_empty("No partner bodies were recorded.", s))

    story.append(Paragraph("Participants", s.h2))
    if session.participants:
        w = PORTRAIT_WIDTH
        widths = [0.05 * w, 0.28 * w, 0.24 * w, 0.21 * w, 0.10 * w, 0.12 * w]
        rows = [_heads(("#", "Participant", "Partner body", "Stakeholder group", "Tier",
                        "Present"), widths, s)]
        for i, (label, p) in enumerate(findings.participant_labels(session), start=1):
            values = (str(i), label, plain(p.organisation) or "—", plain(p.group) or "—",
                      _tier(p.tier), "present" if p.present else "absent")
            rows.append([cell(v, width, s) for v, width in zip(values, widths, strict=True)])
        story.append(_table(rows, widths))
    else:
        story.append(_empty("No participants were recorded.", s))

    story.append(Paragraph("Representation", s.h2))
    found = findings.representation(session)
    texts = findings.representation_texts(found)
    if texts:
        story += _bullets(texts, s)
    elif session.organisations:
        story.append(Paragraph("Every partner body was present with a first- or second-tier "
                               "leader.", s.body))
    else:
        story.append(_empty("No partner bodies were recorded, so representation cannot be "
                            "assessed.", s))
    story.append(Paragraph(text(f"Why it matters: “{frameworks.why_tiers_matter()}” "
                                f"({_document(frameworks.seed_of('tiers'))}) "
                                + frameworks.own_choice("tiers")), s.small))
    return story


def _names(names: list[str], width: float, s: Styles, none: str) -> CellValue:
    """`names` (already `plain`) one per line in a cell; `none` (markup) when empty."""
    if not names:
        return CellParagraph(none, s.cell) if "<" in none else OneLine(none, s.cell)
    return cell("\n".join(names), width, s)


_BREAKS = re.compile(r"[^\S\xa0\u202f\u2007]+")


def _words(value: str) -> list[str]:
    """`value`'s words as a line breaks them: not at no-break spaces (str.split would
    cut "Dafydd ap Gwilym" typed with them, and a column sized by its pieces would
    break the name mid-word)."""
    return [word for word in _BREAKS.split(value) if word]


def _document(seed: str) -> str:
    """A seed cited as a reader would: author and year (the appendix lists the sources
    in full)."""
    return frameworks.citation(seed)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def long_date(value: str | None) -> str:
    """An ISO date as the PDF writes every date: "14 March 2026" (as typed if it is not
    one; "" for none)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", (value or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        return value or ""
    year, month, day = match.groups()
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def _tier(tier: int | None) -> str:
    return f"tier {tier}" if tier else "tier not recorded"


def _key_questions(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), Heading("Key questions", s.h1)]
    for key, question in frameworks.key_questions():
        answer = getattr(session.key_questions, key)
        story.append(Paragraph(text(question), s.h2))
        story += (long_text(answer, s.body) if answer.strip()
                  else [_empty("No answer was recorded.", s)])
    return story


def _obstacles(session: Session, s: Styles) -> list[Flowable]:
    from model.exercises.obstacles import priority_order, rating_counts

    story: list[Flowable] = [PageBreak(), Heading("Obstacles ranked by priority", s.h1)]
    ranked = priority_order(session.obstacles)
    if not ranked:
        return story + [_empty("No obstacles were recorded.", s)]
    counts = rating_counts(session.obstacles)
    rated = sum(n for rating, n in counts.items() if rating is not None)
    if rated:
        summary = ", ".join(f"{counts.get(r, 0)} {frameworks.rating_label(r)}"
                            for r in (3, 2, 1, 0))
        story.append(Paragraph(f"{rated} of {len(ranked)} obstacles rated: {summary}. "
                               "Highest rating first, then most votes.", s.body))
    else:
        story.append(_empty("No obstacles were rated.", s))
    if counts.get(None):
        story.append(Paragraph(f"{counts[None]} not rated: listed last, as “not rated”.",
                               s.body))
    story.append(Paragraph(text(" ".join(_obstacle_choices(session))), s.small))
    w = PORTRAIT_WIDTH
    words, notes, action = _shared_widths(
        [[o.text for o in ranked], [o.notes for o in ranked], [o.action for o in ranked]],
        [0.26 * w, 0.19 * w, 0.175 * w], 0.12 * w)
    widths = [0.04 * w, words, 0.14 * w, 0.12 * w, 0.075 * w, notes, action]
    rows: list[list[CellValue]] = [_heads(("#", "Obstacle", "Factor", "Rating", "Votes",
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
    story.append(_table(rows, widths))
    results = room.obstacles(session)
    if results:
        story += [Spacer(1, 3 * mm), *_room_line(session, "obstacles", s)]
        floor = session.room.anonymity_floor
        story += _bullets([f"{o.text}. {room.obstacle_text(*results[o.id], floor)}."
                           for o in ranked if o.id in results], s)
    return story


def _obstacle_choices(session: Session) -> list[str]:
    """What the obstacles' table shows that is the app's, not the sources'."""
    own = [frameworks.own_choice("ratings"), frameworks.own_choice("factors")]
    if any(o.library == "difficulties" for o in session.visible_obstacles()):
        own.append(frameworks.own_choice("difficulties_factors"))
    return own


def _room_line(session: Session, exercise: str, s: Styles) -> list[Flowable]:
    text_ = _room_text(session, exercise)
    return [Paragraph(text_, s.body)] if text_ else []


def _room_text(session: Session, exercise: str) -> str:
    """How many answered `exercise` in the room, and how its results are made ("" when
    no one did), as paragraph markup. Never who answered what."""
    if not room.answered(session, exercise):
        return ""
    floor = session.room.anonymity_floor
    how = {
        "perception": f"A group's score marked {ROOM_MARK} is the {room.STATISTIC} of its "
                      f"members' answers, shown once at least {floor} of them had "
                      "answered; a score typed for a group is its agreed score and stands "
                      "instead.",
        "obstacles": f"Each obstacle's room rating is the {room.STATISTIC} of the answers, "
                     f"shown once at least {floor} had answered.",
        "typology": f"The room's placements are counted once at least {floor} had answered.",
    }[exercise]
    return (f"<b>The room:</b> {room.progress(session, exercise)}, from their phones or on "
            f"paper cards. {text(how)} No one's own answers are shown.")


def _shared_widths(columns: list[list[str]], defaults: list[float],
                   least: float) -> list[float]:
    """Widths for columns of text that wraps, sharing the room of their `defaults`: the
    defaults, unless another split makes the rows a quarter or eight lines shorter, by
    the lines their text would take (an estimate that ignores where words break: only a
    clear gain is taken). Each column keeps at least `least`, and room for its longest word
    where its default had it; the rest is shared in tenths. So long notes beside an
    empty action column do not make every row ten lines tall."""
    texts = [[plain(value) for value in column] for column in columns]
    # Each cell's lines (between its line breaks) as widths: an empty cell has none.
    lengths = [[[stringWidth(line, FONT, 8.5) for line in value.split("\n")] if value else []
                for value in column] for column in texts]
    floors = [max(least, min(default, max((stringWidth(word, FONT, 8.5) + 2 * CELL_PADDING
                                           for word in {w for v in column for w in _words(v)}),
                                          default=0.0)))
              for column, default in zip(texts, defaults, strict=True)]
    steps, spare = 10, sum(defaults) - sum(floors)

    def lines(column: int, width: float) -> list[int]:
        """How many lines each row's cell of `column` takes at `width`."""
        room = width - 2 * CELL_PADDING
        return [sum(max(1, math.ceil(length / room)) for length in cell)
                for cell in lengths[column]]

    def height(per_column: list[list[int]]) -> int:
        return sum(max(row) for row in zip(*per_column, strict=True))

    # Each column at each of its widths, measured once for all the splits that use it.
    at = [[lines(c, floor + spare * share / steps) for share in range(steps + 1)]
          for c, floor in enumerate(floors)]
    at_defaults = height([lines(c, width) for c, width in enumerate(defaults)])
    best, lowest = defaults, max(0.75 * at_defaults, at_defaults - 8)
    if not at_defaults:
        return defaults
    for shares in product(range(steps + 1), repeat=len(defaults) - 1):
        if sum(shares) <= steps:
            split = (*shares, steps - sum(shares))
            if (total := height([at[c][share] for c, share in enumerate(split)])) <= lowest:
                best = [floor + spare * share / steps for floor, share in zip(floors, split,
                                                                               strict=True)]
                lowest = total
    return best


def _typology(session: Session, s: Styles) -> list[Flowable]:
    from model.exercises.typology import agreement

    story: list[Flowable] = [PageBreak(), Heading("Typology", s.h1)]
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
        story += _room_line(session, "typology", s)
        story += _bullets(room.typology_texts(session), s)
    story.append(Paragraph("Do the placements agree?", s.h2))
    if placements:
        story += _bullets(findings.agreement_texts(session), s)
    else:
        story.append(_empty("No placements were made.", s))
    story.append(Paragraph("Agreed placement", s.h2))
    story += _bullets([findings.agreed_text(session)], s)
    story.append(Paragraph("Rationale", s.h2))
    story += (long_text(agreed.rationale, s.body) if agreed.rationale.strip()
              else [_empty("No rationale was recorded.", s)])
    return story


def _perception(session: Session, s: Styles, threshold: int,
                from_room: set[tuple[str, str]] = frozenset()) -> list[Flowable]:
    from model.exercises.perception import flagged_rows, ordered_rows

    heading = Heading("Perception grid", s.h1)
    intro = Paragraph(
        "Laid out like the Governance Test of Carrick Housing estates ("
        + text(frameworks.perception_credit()) + "): each stakeholder group is written in "
        "the column of the score it gave (1–5). The appendix says which rows are the "
        "table's and which are Bovaird's ten principles, a different slide. Rows "
        f"where groups are {threshold} or more points apart are highlighted. "
        + text(frameworks.own_choice("scale") + " " + frameworks.own_choice("gap")) + " "
        + _room_text(session, "perception"), s.body)
    rows = ordered_rows(session)  # section by section, as the grid shows them
    if not rows:
        return [PageBreak(), heading, intro, _empty("No perception rows were recorded.", s)]
    flagged = {spread.row.label: spread for spread in flagged_rows(session, threshold)}
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
    table = _table(table_rows, [label_w] + [score_w] * 5)

    story: list[Flowable] = []
    if wide:
        story += [NextPageTemplate("landscape"), PageBreak()]
    else:
        story.append(PageBreak())
    story += [heading, intro, table, Spacer(1, 3 * mm)]
    if not session.perception.scores:
        story.append(_empty("No scores were given.", s))
    gaps = findings.gap_texts(session, threshold)
    # The list with its heading: a last gap alone on a page of its own reads as lost.
    story.append(KeepTogether([Paragraph("Perception gaps", s.h2)] + (
        _bullets(gaps, s) if gaps else
        [_empty(f"No row has groups {threshold} or more points apart.", s)])))
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
                     for word in (_words(label) or [""])) + 10
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


def _actions(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), Heading("Actions", s.h1)]
    if not session.actions:
        return story + [_empty("No actions were agreed.", s)]
    links = findings.action_obstacles(session)
    w = PORTRAIT_WIDTH
    widths = [0.05 * w, 0.34 * w, 0.17 * w, 0.12 * w, 0.08 * w, 0.24 * w]
    rows: list[list[CellValue]] = [_heads(("#", "Action", "Owner", "Due", "Status",
                                           "From obstacle"), widths, s)]
    for i, action in enumerate(session.actions, start=1):
        obstacle = links.get(i - 1)
        values = (str(i), action.text, plain(action.owner) or "—",
                  plain(long_date(action.due)) or "—",
                  action.status, obstacle.text if obstacle else "—")
        rows.append([cell(v, width, s) for v, width in zip(values, widths, strict=True)])
    story.append(_table(rows, widths))
    return story


def _appendix(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Heading("Appendix: frameworks used", s.h1)]

    def source(part: str) -> Paragraph:
        return Paragraph("Source: " + text(_document(frameworks.seed_of(part))), s.source)

    story += [Paragraph(text(frameworks.title_of("box1")), s.h2), source("box1"),
              Paragraph("The eleven obstacles of Box 1, a list without groups. The "
                        "briefing's three factors crucial to effective partnership working, "
                        "set out apart from Box 1:", s.body)]
    story += [Paragraph(f"<b>{text(t.label)}</b>: {text(t.definition)}", s.bullet,
                        bulletText="•") for t in frameworks.factors()]
    story += _bullets(_obstacle_choices(session), s)
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
    story += _bullets([f"{frameworks.section_label(section)}: "
                       + "; ".join(r.label for r in table_rows if r.section == section) + "."
                       for section in ("quality-of-life", "governance")], s)
    story += _bullets([frameworks.own_choice("scale"), frameworks.own_choice("gap")], s)
    story += [Paragraph(text(frameworks.principles_title()), s.h2), source("perception"),
              Paragraph("Bovaird's ten good-governance principles, on a different slide "
                        "from the Governance Test, which a session may add as rows:", s.body),
              Paragraph(text("; ".join(r.label for r in frameworks.principle_rows()) + "."),
                        s.body)]

    story += [Paragraph("Key questions", s.h2), source("key_questions"),
              Paragraph("The Audit Commission's two questions for every partnership board "
                        "(Governing Partnerships, 2005):", s.body)]
    story += _bullets([q for _, q in frameworks.key_questions()], s)

    story += [Paragraph("Seniority tiers", s.h2), source("tiers")]
    story.append(Paragraph(text(f"“{frameworks.why_tiers_matter()}”"), s.body))
    story += _bullets([frameworks.tier_label(t) for t in (1, 2, 3)], s)
    story.append(Paragraph(text(frameworks.own_choice("tiers")), s.body))

    story += [Paragraph(text(frameworks.title_of("box2")), s.h2), source("box2")]
    story += _bullets(frameworks.accountability_processes(), s)

    story.append(Paragraph("Sources", s.h2))
    story.append(KeepTogether([Paragraph(text(frameworks.reference(seed)), s.reference)
                               for seed in frameworks.cited_seeds()]))
    return story


# --- the document -----------------------------------------------------------------


def _since_last_review(comparison: Comparison, s: Styles) -> list[Flowable]:
    """What moved since the review this session re-runs, in the Compare step's words."""
    story: list[Flowable] = [CondPageBreak(60 * mm), Heading(SINCE, s.h1), Paragraph(
        f"Compared with the earlier review <b>{text(review_name(comparison.before))}</b>. "
        "Groups, participants, obstacles and rows are matched by name (exactly, then "
        "ignoring case and spacing); those not matched are listed.", s.body)]
    for heading, sentences in sections(comparison):
        story.append(Paragraph(text(heading), s.h2))
        story += _bullets(sentences, s) if sentences else [_empty("Nothing to compare.", s)]
    return story


def story(session: Session, threshold: int = 3,
          previous: Session | None = None) -> list[Flowable]:
    """Every flowable of the summary, section by section; `previous` is the review this
    session re-runs (loaded by the caller), for "Since the last review"."""
    register_fonts()
    s = Styles()
    comparison = compare(previous, session, threshold) if previous is not None else None
    headings = HEADINGS if comparison is None else (*HEADINGS[:-1], SINCE, HEADINGS[-1])
    # The grid as the window shows it: the room's scores where none was typed.
    session, from_room = room.with_room_scores(session)
    since = _since_last_review(comparison, s) if comparison is not None else []
    return (_cover(session, s, threshold, headings) + _attendance(session, s)
            + _key_questions(session, s) + _obstacles(session, s) + _typology(session, s)
            + _perception(session, s, threshold, from_room) + _actions(session, s)
            + since + _appendix(session, s))


def _template(target: object, session: Session) -> BaseDocTemplate:
    doc = BaseDocTemplate(target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=TOP, bottomMargin=BOTTOM, title=session.title,
                          author=session.facilitator, subject="Partnership workshop summary",
                          creator="Partnership Workshop")
    wide = landscape(PAGE)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(MARGIN, BOTTOM, PAGE[0] - 2 * MARGIN,
                                        PAGE[1] - TOP - BOTTOM, id="portrait")],
                     pagesize=PAGE),
        PageTemplate("landscape", [Frame(MARGIN, BOTTOM, wide[0] - 2 * MARGIN,
                                         wide[1] - TOP - BOTTOM, id="landscape")],
                     pagesize=wide),
    ])
    return doc


def _header(session: Session) -> str:
    return " · ".join(part for part in (session.title, long_date(session.date)) if part)


def write_pdf(session: Session, path: str | os.PathLike[str], threshold: int = 3,
              previous: Session | None = None) -> None:
    """Write the summary of `session` to `path`, atomically; with `previous` (the
    review it re-runs), it says what moved since.

    Raises PdfExportError (naming the path) when the place cannot be written; on any
    failure nothing is left behind.
    """
    flowables = story(session, threshold, previous)

    def build(file: object) -> None:
        # Streams compressed only, not also ASCII85-encoded (reportlab's default, for
        # 7-bit mail): its pure-Python encoder was a tenth of the export's time.
        ascii85, rl_config.useA85 = rl_config.useA85, 0
        try:
            _template(file, session).build(flowables,
                                           canvasmaker=_canvas_maker(_header(session)))
        finally:
            rl_config.useA85 = ascii85

    write_atomically(path, build, PdfExportError, "cannot write the PDF")

