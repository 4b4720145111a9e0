"""The typology grid drawn straight onto the PDF's canvas.

Rows are the levels of collaboration, columns the functions, as on the Typology step,
under Figure 1's own labels and axis titles (COLLABORATION, FUNCTION).
Each cell is split in two: placements for "now" on the left, for "needed" on the
right, each shaded by its share of that horizon's placements. The agreed cells are
outlined and joined by an arrow from now to needed.

A flowable of its own rather than a reportlab.graphics Drawing: the Drawing's hundred
shapes cost ten times as much to import, check and render as these canvas calls.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from model import frameworks
from model.session import Cell
from report import scripts

NOW_COLOUR = colors.HexColor("#4477aa")
NEEDED_COLOUR = colors.HexColor("#cc6633")
GRID_COLOUR = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#eeeeee")
DIVIDER_COLOUR = colors.HexColor("#bbbbbb")
EXAMPLE_INK = colors.HexColor("#777777")
ARROW_COLOUR = colors.HexColor("#555555")  # dark, yet a black count drawn over it reads

LABEL_W, HEAD_H, CELL_H, LEGEND_H, STRIP = 92.0, 30.0, 86.0, 26.0, 20.0
AXIS_H = 16.0  # Figure 1's axis title above the columns


def _tint(colour: colors.Color, share: float) -> colors.Color:
    """`colour` mixed with white: 0 gives white, 1 the full colour."""
    share = max(0.0, min(1.0, share))
    return colors.Color(1 - (1 - colour.red) * share, 1 - (1 - colour.green) * share,
                        1 - (1 - colour.blue) * share)


def _fit(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` (words kept whole when possible)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):  # not at no-break spaces
        trial = f"{line} {word}".strip()
        if scripts.width(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _box(canvas: Canvas, x: float, y: float, width: float, height: float,
         fill: colors.Color | None = None, stroke: colors.Color | None = None,
         line_width: float = 0.6) -> None:
    if fill is not None:
        canvas.setFillColor(fill)
    if stroke is not None:
        canvas.setStrokeColor(stroke)
        canvas.setLineWidth(line_width)
    canvas.rect(x, y, width, height, stroke=int(stroke is not None), fill=int(fill is not None))


def _words(canvas: Canvas, x: float, y: float, words: str, font: str, size: float,
           ink: colors.Color = colors.black, centred: bool = False) -> None:
    canvas.setFont(font, size)
    canvas.setFillColor(ink)
    scripts.draw(canvas, x, y, words, font, size, centred)


def _line(canvas: Canvas, x1: float, y1: float, x2: float, y2: float, ink: colors.Color,
          line_width: float) -> None:
    canvas.setStrokeColor(ink)
    canvas.setLineWidth(line_width)
    canvas.line(x1, y1, x2, y2)


def _triangle(canvas: Canvas, points: list[tuple[float, float]], ink: colors.Color) -> None:
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.setFillColor(ink)
    canvas.drawPath(path, stroke=0, fill=1)


class TypologyDrawing(Flowable):
    """The 3×3 grid with placement counts per cell for now and needed, the agreed cells
    marked and an arrow from the agreed now to the agreed needed."""

    def __init__(self, now: dict[Cell, int], needed: dict[Cell, int],
                 agreed_now: Cell | None, agreed_needed: Cell | None,
                 width: float, font: str, bold: str) -> None:
        super().__init__()
        self.now, self.needed = now, needed
        self.agreed_now, self.agreed_needed = agreed_now, agreed_needed
        self.font, self.bold = font, bold
        self.levels = frameworks.collaboration_levels()
        self.functions = frameworks.functions()
        self.cell_w = (width - LABEL_W) / len(self.functions)
        self.width = width
        self.height = AXIS_H + HEAD_H + CELL_H * len(self.levels) + LEGEND_H

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def _cell_box(self, cell: Cell) -> tuple[float, float]:
        """Bottom-left corner of a cell."""
        row = next(i for i, t in enumerate(self.levels) if t.key == cell.collaboration)
        column = next(i for i, t in enumerate(self.functions) if t.key == cell.function)
        return (LABEL_W + column * self.cell_w,
                self.height - AXIS_H - HEAD_H - (row + 1) * CELL_H)

    def draw(self) -> None:
        canvas, font, bold, cell_w = self.canv, self.font, self.bold, self.cell_w
        # Figure 1's own axis titles: FUNCTION over the columns, COLLABORATION by the rows.
        _words(canvas, LABEL_W + cell_w * len(self.functions) / 2, self.height - AXIS_H + 4,
               frameworks.typology_axis("function"), bold, 8.5, centred=True)
        _words(canvas, 4, self.height - AXIS_H - HEAD_H + 11,
               frameworks.typology_axis("collaboration"), bold, 8.5)
        top = self.height - AXIS_H
        examples = frameworks.typology_examples()
        total_now = sum(self.now.values()) or 1
        total_needed = sum(self.needed.values()) or 1
        for column, function in enumerate(self.functions):
            x = LABEL_W + column * cell_w
            _box(canvas, x, top - HEAD_H, cell_w, HEAD_H, HEADER_FILL, GRID_COLOUR)
            _words(canvas, x + cell_w / 2, top - HEAD_H + 11, function.figure_label, bold, 9,
                   centred=True)
        counts_drawn: list[tuple] = []  # drawn last, so the arrow never hides one
        for row, level in enumerate(self.levels):
            y = top - HEAD_H - (row + 1) * CELL_H
            _box(canvas, 0, y, LABEL_W, CELL_H, HEADER_FILL, GRID_COLOUR)
            _words(canvas, 6, y + CELL_H / 2 - 3, level.figure_label, bold, 9)
            for column, function in enumerate(self.functions):
                cell = Cell(level.key, function.key)
                x = LABEL_W + column * cell_w
                half = cell_w / 2
                for offset, counts, total, colour, word in (
                    (0.0, self.now, total_now, NOW_COLOUR, "now"),
                    (half, self.needed, total_needed, NEEDED_COLOUR, "needed"),
                ):
                    count = counts.get(cell, 0)
                    body = CELL_H - STRIP
                    _box(canvas, x + offset, y, half, body, _tint(colour, 0.75 * count / total))
                    ink = colors.white if count / total > 0.55 else colors.black
                    centre = x + offset + half / 2
                    counts_drawn.append((centre, y + body / 2 - 2, str(count), bold, 18, ink))
                    counts_drawn.append((centre, y + body / 2 - 15, word, font, 7.5, ink))
                _line(canvas, x + half, y + 6, x + half, y + CELL_H - STRIP, DIVIDER_COLOUR, 0.5)
                _box(canvas, x, y, cell_w, CELL_H, stroke=GRID_COLOUR)
                example = examples.get((level.key, function.key))
                if example:
                    for i, line in enumerate(_fit(example, font, 6, cell_w - 16)[:2]):
                        _words(canvas, x + 8, y + CELL_H - 11 - i * 7, line, font, 6,
                               EXAMPLE_INK)

        for cell, colour, inset in ((self.agreed_now, NOW_COLOUR, 1.5),
                                    (self.agreed_needed, NEEDED_COLOUR, 4.5)):
            if cell is not None:
                x, y = self._cell_box(cell)
                _box(canvas, x + inset, y + inset, cell_w - 2 * inset, CELL_H - 2 * inset,
                     stroke=colour, line_width=3)
        if (self.agreed_now is not None and self.agreed_needed is not None
                and self.agreed_now != self.agreed_needed):
            self._arrow(self._cell_box(self.agreed_now), self._cell_box(self.agreed_needed))
        for x, y, words, face, size, ink in counts_drawn:
            _words(canvas, x, y, words, face, size, ink, centred=True)

        legend_y = 6.0
        x = 0.0
        for colour, words in ((NOW_COLOUR, "agreed now"), (NEEDED_COLOUR, "agreed needed")):
            _box(canvas, x, legend_y, 16, 10, stroke=colour, line_width=3)
            _words(canvas, x + 22, legend_y + 2, words, font, 8)
            x += 30 + stringWidth(words, font, 8) + 14
        _line(canvas, x, legend_y + 5, x + 24, legend_y + 5, colors.black, 2)
        _triangle(canvas, [(x + 30, legend_y + 5), (x + 23, legend_y + 9),
                           (x + 23, legend_y + 1)], colors.black)
        _words(canvas, x + 36, legend_y + 2, "movement from now to needed", font, 8)

    def _arrow(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        """A thick arrow from the centre of one cell towards the centre of another."""
        x1, y1 = start[0] + self.cell_w / 2, start[1] + CELL_H / 2 - 10
        x2, y2 = end[0] + self.cell_w / 2, end[1] + CELL_H / 2 - 10
        angle = math.atan2(y2 - y1, x2 - x1)
        # Stop short of the centres so the counts stay readable.
        shrink = 24.0
        x1, y1 = x1 + shrink * math.cos(angle), y1 + shrink * math.sin(angle)
        x2, y2 = x2 - shrink * math.cos(angle), y2 - shrink * math.sin(angle)
        head, spread = 11.0, 0.45
        left = (x2 - head * math.cos(angle - spread), y2 - head * math.sin(angle - spread))
        right = (x2 - head * math.cos(angle + spread), y2 - head * math.sin(angle + spread))
        _line(self.canv, x1, y1, x2 - 6 * math.cos(angle), y2 - 6 * math.sin(angle),
              ARROW_COLOUR, 2.5)
        _triangle(self.canv, [(x2, y2), left, right], ARROW_COLOUR)
