"""The typology grid drawn as vector graphics (reportlab.graphics), for the PDF.

Rows are the levels of collaboration, columns the functions, as on the Typology step.
Each cell is split in two: placements for "now" on the left, for "needed" on the
right, each shaded by its share of that horizon's placements. The agreed cells are
outlined and joined by an arrow from now to needed.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from model import frameworks
from model.session import Cell

NOW_COLOUR = colors.HexColor("#4477aa")
NEEDED_COLOUR = colors.HexColor("#cc6633")
GRID_COLOUR = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#eeeeee")


ARROW_COLOUR = colors.HexColor("#555555")  # dark, yet a black count drawn over it reads


def _tint(colour: colors.Color, share: float) -> colors.Color:
    """`colour` mixed with white: 0 gives white, 1 the full colour."""
    share = max(0.0, min(1.0, share))
    return colors.Color(1 - (1 - colour.red) * share, 1 - (1 - colour.green) * share,
                        1 - (1 - colour.blue) * share)


def _fit(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` (words kept whole when possible)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def typology_drawing(now: dict[Cell, int], needed: dict[Cell, int],
                     agreed_now: Cell | None, agreed_needed: Cell | None,
                     width: float, font: str, bold: str) -> Drawing:
    """The 3×3 grid with placement counts per cell for now and needed, the agreed cells
    marked and an arrow from the agreed now to the agreed needed."""
    levels = frameworks.collaboration_levels()
    functions = frameworks.functions()
    label_w, head_h, cell_h, legend_h, strip = 92.0, 30.0, 86.0, 26.0, 20.0
    cell_w = (width - label_w) / len(functions)
    height = head_h + cell_h * len(levels) + legend_h
    drawing = Drawing(width, height)
    total_now = sum(now.values()) or 1
    total_needed = sum(needed.values()) or 1
    top = height  # y grows upwards in reportlab graphics

    def cell_box(cell: Cell) -> tuple[float, float]:
        """Bottom-left corner of a cell."""
        row = next(i for i, t in enumerate(levels) if t.key == cell.collaboration)
        column = next(i for i, t in enumerate(functions) if t.key == cell.function)
        return label_w + column * cell_w, top - head_h - (row + 1) * cell_h

    for column, function in enumerate(functions):
        x = label_w + column * cell_w
        drawing.add(Rect(x, top - head_h, cell_w, head_h, fillColor=HEADER_FILL,
                         strokeColor=GRID_COLOUR, strokeWidth=0.6))
        drawing.add(String(x + cell_w / 2, top - head_h + 11, function.label,
                           fontName=bold, fontSize=9, textAnchor="middle"))
    labels: list[String] = []  # the counts: drawn last, so the arrow never hides one
    for row, level in enumerate(levels):
        y = top - head_h - (row + 1) * cell_h
        drawing.add(Rect(0, y, label_w, cell_h, fillColor=HEADER_FILL,
                         strokeColor=GRID_COLOUR, strokeWidth=0.6))
        drawing.add(String(6, y + cell_h / 2 - 3, level.label, fontName=bold,
                           fontSize=9))
        for column, function in enumerate(functions):
            cell = Cell(level.key, function.key)
            x = label_w + column * cell_w
            half = cell_w / 2
            for offset, counts, total, colour, word in (
                (0.0, now, total_now, NOW_COLOUR, "now"),
                (half, needed, total_needed, NEEDED_COLOUR, "needed"),
            ):
                count = counts.get(cell, 0)
                body = cell_h - strip
                drawing.add(Rect(x + offset, y, half, body, strokeColor=None,
                                 fillColor=_tint(colour, 0.75 * count / total)))
                dark = count / total > 0.55
                ink = colors.white if dark else colors.black
                labels.append(String(x + offset + half / 2, y + body / 2 - 2, str(count),
                                     fontName=bold, fontSize=18, textAnchor="middle",
                                     fillColor=ink))
                labels.append(String(x + offset + half / 2, y + body / 2 - 15, word,
                                     fontName=font, fontSize=7.5, textAnchor="middle",
                                     fillColor=ink))
            drawing.add(Line(x + half, y + 6, x + half, y + cell_h - strip,
                             strokeColor=colors.HexColor("#bbbbbb"), strokeWidth=0.5))
            drawing.add(Rect(x, y, cell_w, cell_h, fillColor=None, strokeColor=GRID_COLOUR,
                             strokeWidth=0.6))
            example = frameworks.typology_examples().get((level.key, function.key))
            if example:
                for i, line in enumerate(_fit(example, font, 6, cell_w - 16)[:2]):
                    drawing.add(String(x + 8, y + cell_h - 11 - i * 7, line, fontName=font,
                                       fontSize=6, fillColor=colors.HexColor("#777777")))

    for cell, colour, inset in ((agreed_now, NOW_COLOUR, 1.5),
                                (agreed_needed, NEEDED_COLOUR, 4.5)):
        if cell is not None:
            x, y = cell_box(cell)
            drawing.add(Rect(x + inset, y + inset, cell_w - 2 * inset, cell_h - 2 * inset,
                             fillColor=None, strokeColor=colour, strokeWidth=3))
    if agreed_now is not None and agreed_needed is not None and agreed_now != agreed_needed:
        drawing.add(_arrow(cell_box(agreed_now), cell_box(agreed_needed), cell_w, cell_h))
    for label in labels:
        drawing.add(label)

    legend_y = 6.0
    x = 0.0
    for colour, words in ((NOW_COLOUR, "agreed now"), (NEEDED_COLOUR, "agreed needed")):
        drawing.add(Rect(x, legend_y, 16, 10, fillColor=None, strokeColor=colour,
                         strokeWidth=3))
        drawing.add(String(x + 22, legend_y + 2, words, fontName=font, fontSize=8))
        x += 30 + stringWidth(words, font, 8) + 14
    drawing.add(Line(x, legend_y + 5, x + 24, legend_y + 5, strokeColor=colors.black,
                     strokeWidth=2))
    drawing.add(Polygon([x + 30, legend_y + 5, x + 23, legend_y + 9, x + 23, legend_y + 1],
                        fillColor=colors.black, strokeColor=None))
    drawing.add(String(x + 36, legend_y + 2, "movement from now to needed", fontName=font,
                       fontSize=8))
    return drawing


def _arrow(start: tuple[float, float], end: tuple[float, float], cell_w: float,
           cell_h: float) -> Group:
    """A thick arrow from the centre of one cell towards the centre of another."""
    x1, y1 = start[0] + cell_w / 2, start[1] + cell_h / 2 - 10
    x2, y2 = end[0] + cell_w / 2, end[1] + cell_h / 2 - 10
    angle = math.atan2(y2 - y1, x2 - x1)
    # Stop short of the centres so the counts stay readable.
    shrink = 24.0
    x1, y1 = x1 + shrink * math.cos(angle), y1 + shrink * math.sin(angle)
    x2, y2 = x2 - shrink * math.cos(angle), y2 - shrink * math.sin(angle)
    head, spread = 11.0, 0.45
    left = (x2 - head * math.cos(angle - spread), y2 - head * math.sin(angle - spread))
    right = (x2 - head * math.cos(angle + spread), y2 - head * math.sin(angle + spread))
    arrow = Group()
    arrow.add(Line(x1, y1, x2 - 6 * math.cos(angle), y2 - 6 * math.sin(angle),
                   strokeColor=ARROW_COLOUR, strokeWidth=2.5))
    arrow.add(Polygon([x2, y2, *left, *right], fillColor=ARROW_COLOUR, strokeColor=None))
    return arrow
