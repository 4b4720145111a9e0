"""The summary's tables: a small table flowable of our own.

reportlab's Table does far more than the summary asks (spans of any shape, styles per
cell range, many kinds of rule), and pays for it on every cell: it was most of the
export's drawing time. A Grid has only what the summary uses: columns of fixed widths,
cells of flowables drawn top down, a fill and a padding per cell, a thin rule around
every cell, a header row repeated on every page the table continues onto, and rows
that split across pages, inside their cells when a row is taller than the room left
(the part on the next page repeats the row's first cell, so it says whose it is).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.geomutils import normalizeTRBL
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

PADDING = (3.0, 4.0, 3.0, 4.0)  # top, right, bottom, left
_FUZZ = 1e-6  # as reportlab's frames allow: a row that fits exactly fits


class OneLine(Flowable):
    """A line of plain text drawn as a one-line Paragraph of `style` draws it (same box,
    baseline, indents and background), without parsing markup or breaking lines.

    Only for text that fits (report.pdf.fits): it never wraps. A Grid draws the lines of
    its cells in one text object, which costs far less than a text object each.
    """

    def __init__(self, words: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.words, self.style = words, style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.draw_background(self.canv, 0, 0)
        lines = _Lines(self.canv)
        lines.add(self, 0, 0)
        lines.draw()

    def draw_background(self, canvas: Canvas, x: float, y: float) -> None:
        """The style's background, if it has one, for the line's box at (x, y)."""
        style = self.style
        if style.backColor:
            top, right, bottom, left = normalizeTRBL(style.borderPadding)
            canvas.setFillColor(style.backColor)
            canvas.rect(x + style.leftIndent - left, y - bottom,
                        self.width - style.leftIndent - style.rightIndent + left + right,
                        self.height + top + bottom, fill=1, stroke=0)


class _Lines:
    """OneLines gathered into one text object, font and colour set only when they
    change, until `draw` puts them on the canvas."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._start()

    def _start(self) -> None:
        self.text, self.count = self.canvas.beginText(), 0
        self.font: tuple[str, float] | None = None
        self.ink: Color | None = None

    def add(self, line: OneLine, x: float, y: float) -> None:
        """`line`'s words in its box at (x, y)."""
        style = line.style
        if self.font != (style.fontName, style.fontSize):
            self.font = style.fontName, style.fontSize
            self.text.setFont(style.fontName, style.fontSize, style.leading)
        if self.ink is not style.textColor:
            self.ink = style.textColor
            self.text.setFillColor(style.textColor)
        left = x + style.leftIndent
        if style.alignment == TA_CENTER:
            room = line.width - style.leftIndent - style.rightIndent
            left += (room - stringWidth(line.words, style.fontName, style.fontSize)) / 2
        # Where a Paragraph puts its first baseline.
        self.text.setTextOrigin(left, y + line.height - style.fontSize)
        self.text.textOut(line.words)
        self.count += 1

    def draw(self) -> None:
        """The lines gathered so far, then start again."""
        if self.count:
            self.canvas.drawText(self.text)
            self._start()


@dataclass
class Cell:
    """A cell: its flowables top to bottom, its fill and its padding (top, right, bottom,
    left). A row of a single cell spans the whole width."""

    content: list[Flowable] = field(default_factory=list)
    fill: Color | None = None
    padding: tuple[float, float, float, float] = PADDING


Row = list[Cell]


def _stack_height(content: Sequence[Flowable]) -> float:
    """The height of flowables stacked with their spaces between them (not before the
    first or after the last), as a reportlab Table cell stacks them."""
    if not content:
        return 0.0
    total = sum(f.height + f.getSpaceBefore() + f.getSpaceAfter() for f in content)
    return total - content[0].getSpaceBefore() - content[-1].getSpaceAfter()


def _split_content(content: list[Flowable], width: float,
                   room: float) -> tuple[list[Flowable], list[Flowable]]:
    """`content` as (what fits in `room`, the rest), splitting a flowable (a Paragraph
    splits between lines) where the room runs out."""
    top: list[Flowable] = []
    used = 0.0
    for i, flowable in enumerate(content):
        before = flowable.getSpaceBefore() if top else 0.0
        if used + before + flowable.height <= room + _FUZZ:
            top.append(flowable)
            used += before + flowable.height + flowable.getSpaceAfter()
            continue
        parts = flowable.split(width, room - used - before)
        if not parts:
            return top, content[i:]
        for part in parts:
            part.wrap(width, room)
        return top + parts[:1], parts[1:] + content[i + 1:]
    return top, []


class Grid(Flowable):
    """Rows of cells under an optional header row, ruled in `rule` (`line_width` thick)."""

    def __init__(self, rows: list[Row], widths: list[float], header: Row | None,
                 rule: Color, line_width: float,
                 heights: list[float | None] | None = None) -> None:
        """`heights`: the rows' heights (header first), None for those not measured."""
        super().__init__()
        self.rows, self.widths, self.header = rows, widths, header
        self.rule, self.line_width = rule, line_width
        # The summary's grids are as wide as the margins, a little wider than the frame
        # leaves inside its padding: centred, they span the margins, as the page
        # header's rule does.
        self.hAlign = "CENTER"
        self._heights = heights or [None] * len(self._all_rows())

    def _all_rows(self) -> list[Row]:
        return ([self.header] if self.header else []) + self.rows

    def _cell_widths(self, row: Row) -> list[float]:
        return [sum(self.widths)] if len(row) == 1 else self.widths

    def _measure(self) -> list[float]:
        """Each row's height (its tallest cell), wrapping its flowables the first time:
        the pieces of a split grid keep the heights of the rows they were given whole."""
        for i, row in enumerate(self._all_rows()):
            if self._heights[i] is None:
                height = 0.0
                for cell, width in zip(row, self._cell_widths(row), strict=True):
                    top, right, bottom, left = cell.padding
                    for flowable in cell.content:
                        flowable.wrap(width - left - right, 1e9)
                    height = max(height, _stack_height(cell.content) + top + bottom)
                self._heights[i] = height
        return self._heights  # type: ignore[return-value]  # all measured now

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = sum(self.widths), sum(self._measure())
        return self.width, self.height

    def _piece(self, rows: list[Row], heights: list[float | None]) -> Grid:
        head = self._heights[:1] if self.header else []
        return Grid(rows, self.widths, self.header, self.rule, self.line_width,
                    head + heights)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        heights = self._measure()
        data = heights[1:] if self.header else heights
        room = availHeight - (heights[0] if self.header else 0.0)
        used, fitting = 0.0, 0
        for height in data:
            if used + height > room + _FUZZ:
                break
            used += height
            fitting += 1
        if fitting == len(self.rows):
            return [self]
        top, rest = self._split_row(self.rows[fitting], room - used)
        known: list[float | None] = list(data)
        # Trying to split a row may have cost its Paragraphs their lines: measure it
        # again (and its two parts, when it did split).
        known[fitting] = None
        if top is None:
            self._heights[len(heights) - len(data) + fitting] = None
            if fitting == 0:
                return []  # not even part of a row fits: the frame moves on
            return [self._piece(self.rows[:fitting], known[:fitting]),
                    self._piece(self.rows[fitting:], known[fitting:])]
        pieces = [self._piece(self.rows[:fitting] + [top], known[:fitting + 1])]
        if rest is None and fitting + 1 == len(self.rows):
            return pieces
        after = ([rest] if rest else []) + self.rows[fitting + 1:]
        return pieces + [self._piece(after, ([None] if rest else []) + known[fitting + 1:])]

    def _split_row(self, row: Row, room: float) -> tuple[Row | None, Row | None]:
        """`row` as (the part that fits in `room`, the rest); (None, None) when a cell
        with something in it could put none of it there; the rest None when nothing is
        left over."""
        tops: Row = []
        rests: Row = []
        for cell, width in zip(row, self._cell_widths(row), strict=True):
            top, right, bottom, left = cell.padding
            fits, rest = _split_content(cell.content, width - left - right,
                                        room - top - bottom)
            tops.append(Cell(fits, cell.fill, cell.padding))
            rests.append(Cell(rest, cell.fill, cell.padding))
        # Else a row's number and rating could stand on one page and its words (a
        # Paragraph will not leave a single line behind) on the next.
        if (not any(cell.content for cell in tops)
                or any(whole.content and not part.content
                       for whole, part in zip(row, tops, strict=True))):
            return None, None
        if not any(cell.content for cell in rests):
            return tops, None
        if not rests[0].content:
            # The part on the next page says whose it is: the row's first cell (its
            # number or label) again, shown whole above.
            rests[0] = Cell(list(row[0].content), row[0].fill, row[0].padding)
        return tops, rests

    def draw(self) -> None:
        canvas = self.canv
        rows, heights = self._all_rows(), self._measure()
        lefts = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        # Fills first, then the cells' contents, then the rules over both, as a
        # reportlab Table draws them.
        y = self.height
        for row, height in zip(rows, heights, strict=True):
            y -= height
            for cell, x, width in zip(row, lefts, self._cell_widths(row), strict=False):
                if cell.fill is not None:
                    canvas.setFillColor(cell.fill)
                    canvas.rect(x, y, width, height, stroke=0, fill=1)
        lines = _Lines(canvas)
        y = self.height
        for row, height in zip(rows, heights, strict=True):
            for cell, x in zip(row, lefts, strict=False):
                top, _, _, left = cell.padding
                at = y - top + (cell.content[0].getSpaceBefore() if cell.content else 0)
                for flowable in cell.content:
                    at -= flowable.getSpaceBefore() + flowable.height
                    if isinstance(flowable, OneLine):
                        flowable.draw_background(canvas, x + left, at)
                        lines.add(flowable, x + left, at)
                    else:
                        # The lines before it go first, so the text stays in reading
                        # order for whoever extracts it.
                        lines.draw()
                        flowable.drawOn(canvas, x + left, at)
                    at -= flowable.getSpaceAfter()
            y -= height
        lines.draw()
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(self.line_width)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        rules = canvas.beginPath()
        y = self.height
        for row, height in zip(rows, heights, strict=True):
            rules.moveTo(0, y)
            rules.lineTo(self.width, y)
            for x in ([0, self.width] if len(row) == 1 else lefts):
                rules.moveTo(x, y)
                rules.lineTo(x, y - height)
            y -= height
        rules.moveTo(0, y)
        rules.lineTo(self.width, y)
        canvas.drawPath(rules, stroke=1, fill=0)
