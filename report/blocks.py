"""What every section of the PDF is built from: the page (size, margins, colours), user
text made safe for a Paragraph (`text()`), the fonts, the styles, table cells that fit
on one line or wrap, headings that become bookmarks, the room's line under an exercise,
and columns sized to their text. `report/pdf.py` and `report/sections/` both use it;
it imports neither Qt nor the store.

Every string a user typed goes through `text()` before it reaches a Paragraph: raw
`<` or `&` would break the build, and `<img src=...>` would embed a local file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache
from itertools import product

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    PageBreak,
)

from model import frameworks
from model.palette import text_colour_on
from model.room import results as room
from model.session import Session
from report import scripts
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
    invisible control characters (which reportlab cannot draw) dropped. The text stays
    in the order it was typed (`scripts.Paragraph` puts each drawn line of right-to-left
    text in the order it is seen, after wrapping), and each run of characters
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


# --- building blocks ------------------------------------------------------------


CellValue = Cell | Flowable | list[Flowable]


def make_table(rows: list[list[CellValue]], widths: list[float], header: bool = True) -> Grid:
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

def empty(message: str, s: Styles) -> Paragraph:
    return Paragraph(text(message), s.empty)

def bullets(sentences: Iterable[str], s: Styles) -> list[Flowable]:
    return [Paragraph(text(sentence), s.bullet, bulletText="•") for sentence in sentences]

def heads(names: Iterable[str], widths: list[float], s: Styles) -> list[CellValue]:
    """A header row, bold."""
    return [cell_line(n, w, s.cell_bold) for n, w in zip(names, widths, strict=True)]


def section_head(heading: str, intro: str, s: Styles) -> list[Flowable]:
    """A section's start: a new page, its heading (an outline entry) and its intro."""
    return [PageBreak(), Heading(heading, s.h1), Paragraph(text(intro), s.body)]


def own_choice_note(key: str, s: Styles) -> Paragraph:
    """The small print saying which of a section's words are the app's own choice."""
    return Paragraph(text(frameworks.own_choice(key)), s.small)


def mark_cell(label: str, column: float, fill: str, ink: str, s: Styles) -> Cell:
    """A rating or mark as a badge: the cell filled `fill`, its words bold in `ink`."""
    return Cell([cell_line(label, column, s.rating(ink))], colors.HexColor(fill))


# --- words, dates, citations --------------------------------------------------


_BREAKS = re.compile(r"[^\S\xa0\u202f\u2007]+")


def words_of(value: str) -> list[str]:
    """`value`'s words as a line breaks them: not at no-break spaces (str.split would
    cut "Dafydd ap Gwilym" typed with them, and a column sized by its pieces would
    break the name mid-word)."""
    return [word for word in _BREAKS.split(value) if word]

def cited(seed: str) -> str:
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


# --- the room and column widths, for the exercises' sections ------------------


def room_line(session: Session, exercise: str, s: Styles) -> list[Flowable]:
    text_ = room_text(session, exercise)
    return [Paragraph(text_, s.body)] if text_ else []

def room_text(session: Session, exercise: str) -> str:
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

def shared_widths(columns: list[list[str]], defaults: list[float],
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
                                           for word in {w for v in column for w in words_of(v)}),
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
