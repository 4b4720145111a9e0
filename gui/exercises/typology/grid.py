"""The typology grid drawn large: headings with the seed's definitions, the seed's
example partnerships, everyone's markers, agreement shading and the now -> needed arrow.

It only shows what it is given (`show()`) and reports what the user did through
signals; the page turns those into edits. Markers: "now" is a filled circle, "needed"
a hollow dashed square, so the two read apart without colour; the horizon not being
placed is drawn faded. A marker carries its placer's initials in their group's colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from gui.widgets.tooltips import answered_tooltip
from model import frameworks
from model.exercises.typology import Agreement, cell_at, cell_label, grid_position, initials
from model.palette import text_colour_on
from model.session import COLLABORATIONS, FUNCTIONS, Cell, Placement

NO_GROUP_COLOUR = "#777777"
SHADE = QColor(68, 119, 170)  # the shading of counts: Tol blue, light to strong
CURSOR_COLOUR = QColor("#d35400")
INK = QColor("#222222")
FAINT = QColor("#8a8a8a")
CHIP_SIZES = (36, 32, 28, 24, 21)  # marker sizes tried, largest first
CHIP_GAP = 4
HORIZON_WORDS = {"now": "now", "needed": "needed"}


@dataclass
class GridState:
    """Everything the grid shows."""

    placements: list[Placement] = field(default_factory=list)
    placers: list[str] = field(default_factory=list)
    colours: dict[str, str | None] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)  # placer -> group name, for tooltips
    horizon: str = "now"
    selected: str | None = None
    agreement: Agreement | None = None
    agreed: dict[str, Cell | None] = field(default_factory=dict)
    arrow: tuple[Cell | None, Cell | None] = (None, None)


@dataclass
class Chip:
    rect: QRectF
    placement: Placement | None  # None: a "+N" chip standing for the rest
    text: str = ""
    hidden: list[Placement] = field(default_factory=list)


class TypologyGrid(QWidget):
    """The 3x3 grid. Keys: arrows move the cursor; Enter, N, H, Delete, PageUp/PageDown
    and A are reported as signals for the page to act on."""

    place_requested = Signal(object)  # Cell: place the selected entry here
    move_requested = Signal(object, object)  # Placement, Cell: a marker was dragged
    entry_clicked = Signal(object)  # Placement: a marker was clicked: select whose it is
    horizon_requested = Signal(str)  # "now" / "needed"
    remove_requested = Signal()  # Delete: remove the selected entry's placement
    entry_step = Signal(int)  # PageUp / PageDown: select the previous / next entry
    agree_requested = Signal()  # A: agree the cursor cell for the current horizon
    cursor_moved = Signal(object)  # Cell

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = GridState()
        self.cursor = (0, 0)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Typology grid")
        self.levels = frameworks.collaboration_levels()
        self.functions = frameworks.functions()
        self.axes_text = (f"Rows: {frameworks.typology_axis('collaboration')}\n"
                          f"Columns: {frameworks.typology_axis('function')}")
        self.examples = frameworks.typology_examples()
        self._chips: dict[Cell, list[Chip]] = {}
        self._press: tuple[QPointF, Placement | None] | None = None
        self._drag_pos: QPointF | None = None
        self._update_description()

    # --- what it shows ------------------------------------------------------------------

    def show_state(self, state: GridState) -> None:
        self.state = state
        self._update_description()
        self.update()

    def set_cursor(self, row: int, column: int) -> None:
        row = max(0, min(len(COLLABORATIONS) - 1, row))
        column = max(0, min(len(FUNCTIONS) - 1, column))
        if (row, column) != self.cursor:
            self.cursor = (row, column)
            self._update_description()
            self.update()
        self.cursor_moved.emit(self.cursor_cell())

    def cursor_cell(self) -> Cell:
        return cell_at(*self.cursor)

    def cell_rect(self, cell: Cell) -> QRectF:
        """Where a cell is drawn (tests click at its centre)."""
        row, column = grid_position(cell)
        return self._geometry()["cells"][row][column]

    def marker_rect(self, by: str, horizon: str) -> QRectF | None:
        """Where `by`'s marker for `horizon` is drawn, if it is shown on its own."""
        self._layout_chips()
        for chips in self._chips.values():
            for chip in chips:
                p = chip.placement
                if p is not None and p.by == by and p.horizon == horizon:
                    return chip.rect
        return None

    def chips_in(self, cell: Cell) -> list[Chip]:
        """The markers drawn in a cell, as laid out now (a "+N" chip has `hidden`)."""
        self._layout_chips()
        return list(self._chips[cell])

    def tooltip_at(self, pos: QPointF) -> str:
        return self._tooltip(pos)

    def sizeHint(self) -> QSize:
        return QSize(760, 600)

    def minimumSizeHint(self) -> QSize:
        return QSize(520, 420)

    # --- geometry -----------------------------------------------------------------------

    def _fonts(self) -> dict[str, QFont]:
        scale = max(0.8, min(1.35, min(self.width() / 780, self.height() / 600)))
        base = QFont(self.font())
        heading = QFont(base)
        heading.setPointSizeF(14 * scale)
        heading.setBold(True)
        definition = QFont(base)
        definition.setPointSizeF(8.6 * scale)
        example = QFont(base)
        example.setPointSizeF(8.6 * scale)
        example.setItalic(True)
        count = QFont(base)
        count.setPointSizeF(15 * scale)
        count.setBold(True)
        tag = QFont(base)
        tag.setPointSizeF(8.6 * scale)
        tag.setBold(True)
        return {"heading": heading, "definition": definition, "example": example,
                "count": count, "tag": tag}

    def _geometry(self) -> dict:
        fonts = self._fonts()
        w, h = float(self.width()), float(self.height())
        row_head = max(150.0, min(230.0, w * 0.23))
        column_width = (w - row_head) / len(FUNCTIONS)
        heading_h = QFontMetricsF(fonts["heading"]).height()
        metrics = QFontMetricsF(fonts["definition"])
        flags = int(Qt.TextFlag.TextWordWrap)
        definition_h = max(
            metrics.boundingRect(QRectF(0, 0, column_width - 12, 1000), flags,
                                 t.definition).height()
            for t in self.functions)
        top = heading_h + definition_h + 14
        row_height = (h - top) / len(COLLABORATIONS)
        cells = [[QRectF(row_head + c * column_width, top + r * row_height,
                         column_width, row_height)
                  for c in range(len(FUNCTIONS))] for r in range(len(COLLABORATIONS))]
        return {"fonts": fonts, "row_head": row_head, "top": top, "cells": cells,
                "column_width": column_width, "row_height": row_height}

    def _cell_at(self, pos: QPointF) -> Cell | None:
        for r, row in enumerate(self._geometry()["cells"]):
            for c, rect in enumerate(row):
                if rect.contains(pos):
                    return cell_at(r, c)
        return None

    def _example_height(self, cell: Cell, rect: QRectF, fonts: dict[str, QFont]) -> float:
        """Room for the cell's example partnership (at most three lines)."""
        metrics = QFontMetricsF(fonts["example"])
        example = self.examples.get((cell.collaboration, cell.function))
        if not example:
            return metrics.height()  # the count still needs its line
        width = rect.width() - 16 - self._count_width(fonts)
        height = metrics.boundingRect(QRectF(0, 0, width, 1000),
                                      int(Qt.TextFlag.TextWordWrap), example).height()
        return min(height, metrics.height() * 3) + 2

    def _count_width(self, fonts: dict[str, QFont]) -> float:
        return QFontMetricsF(fonts["count"]).horizontalAdvance("00") + 8

    def _marker_area(self, cell: Cell, rect: QRectF, fonts: dict[str, QFont]) -> QRectF:
        top = max(self._example_height(cell, rect, fonts),
                  QFontMetricsF(fonts["count"]).height())
        tag_h = QFontMetricsF(fonts["tag"]).height() + 6
        return rect.adjusted(8, top + 8, -8, -tag_h)

    def _layout_chips(self) -> None:
        """Lay out each cell's markers: the current horizon first, then the other; the
        largest marker size that fits everyone, else a "+N" chip for the rest."""
        geometry = self._geometry()
        order = {name: i for i, name in enumerate(self.state.placers)}
        self._chips = {}
        for r, row in enumerate(geometry["cells"]):
            for c, rect in enumerate(row):
                cell = cell_at(r, c)
                here = [p for p in self.state.placements if p.cell == cell]
                here.sort(key=lambda p: (p.horizon != self.state.horizon,
                                         order.get(p.by, len(order)), p.by))
                area = self._marker_area(cell, rect, geometry["fonts"])
                self._chips[cell] = self._fit(here, area)

    def _fit(self, here: list[Placement], area: QRectF) -> list[Chip]:
        if not here:
            return []
        for size in CHIP_SIZES:
            columns = max(1, int((area.width() + CHIP_GAP) // (size + CHIP_GAP)))
            rows = max(1, int((area.height() + CHIP_GAP) // (size + CHIP_GAP)))
            if columns * rows >= len(here) or size == CHIP_SIZES[-1]:
                break
        capacity = columns * rows
        shown = here if len(here) <= capacity else here[:max(0, capacity - 1)]
        rest = here[len(shown):]
        chips = []
        for i in range(len(shown) + (1 if rest else 0)):
            x = area.left() + (i % columns) * (size + CHIP_GAP)
            y = area.top() + (i // columns) * (size + CHIP_GAP)
            rect = QRectF(x, y, size, size)
            if i < len(shown):
                chips.append(Chip(rect, shown[i], initials(shown[i].by)))
            else:
                chips.append(Chip(rect, None, f"+{len(rest)}", rest))
        return chips

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        geometry = self._geometry()
        self._layout_chips()
        self._paint_headings(painter, geometry)
        for r, row in enumerate(geometry["cells"]):
            for c, rect in enumerate(row):
                self._paint_cell(painter, geometry, cell_at(r, c), rect)
        self._paint_arrow(painter, geometry)
        for r, row in enumerate(geometry["cells"]):
            for c, _rect in enumerate(row):
                for chip in self._chips[cell_at(r, c)]:
                    self._paint_chip(painter, chip)
        self._paint_cursor(painter, geometry)
        self._paint_drag(painter)
        painter.end()

    def _paint_headings(self, painter: QPainter, geometry: dict) -> None:
        fonts = geometry["fonts"]
        wrap = int(Qt.TextFlag.TextWordWrap)
        heading_h = QFontMetricsF(fonts["heading"]).height()
        # The corner explains the two directions and the marker shapes.
        corner = QRectF(4, 2, geometry["row_head"] - 8, geometry["top"] - 4)
        painter.setFont(fonts["definition"])
        painter.setPen(INK)
        legend_h = self._paint_legend(painter, corner)
        if legend_h + QFontMetricsF(painter.font()).height() * 2 < corner.height():
            # Figure 1's own axis titles, as the briefing prints them.
            painter.setPen(INK)
            painter.drawText(corner.adjusted(0, legend_h, 0, 0), wrap, self.axes_text)
        def paint_term(rect: QRectF, term) -> None:
            """Figure 1's label for a column or row, with its definition under it."""
            painter.setFont(fonts["heading"])
            painter.setPen(INK)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft), term.figure_label)
            painter.setFont(fonts["definition"])
            painter.setPen(QColor("#444444"))
            painter.drawText(rect.adjusted(0, heading_h + 2, 0, 0), wrap, term.definition)

        for c, term in enumerate(self.functions):
            x = geometry["row_head"] + c * geometry["column_width"]
            paint_term(QRectF(x + 6, 2, geometry["column_width"] - 12, geometry["top"] - 4),
                       term)
        for r, term in enumerate(self.levels):
            y = geometry["top"] + r * geometry["row_height"]
            paint_term(QRectF(6, y + 6, geometry["row_head"] - 14, geometry["row_height"] - 10),
                       term)

    def _paint_legend(self, painter: QPainter, corner: QRectF) -> float:
        """Marker shapes with their words; returns the height used."""
        metrics = QFontMetricsF(painter.font())
        size = metrics.height()
        y = corner.top() + 2
        for horizon in ("now", "needed"):
            shape = QRectF(corner.left() + 2, y, size, size)
            self._paint_shape(painter, shape, horizon, QColor(NO_GROUP_COLOUR))
            current = " (placing)" if horizon == self.state.horizon else ""
            painter.setPen(INK)
            painter.drawText(QRectF(shape.right() + 6, y, corner.width() - size - 8, size),
                             int(Qt.AlignmentFlag.AlignVCenter),
                             f"{HORIZON_WORDS[horizon]}{current}")
            y += size + 4
        for sample, words in (("", "most common"), ("★", "agreed by the board"),
                              ("→", "now → needed")):
            painter.setPen(INK)
            box = QRectF(corner.left() + 2, y + 1, size - 2, size - 2)
            if sample:
                painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), sample)
            else:  # the thick frame of a most common cell
                painter.setPen(QPen(INK, 3))
                painter.drawRect(box.adjusted(1, 1, -1, -1))
                painter.setPen(INK)
            painter.drawText(QRectF(corner.left() + size + 8, y, corner.width() - size - 8,
                                    size), int(Qt.AlignmentFlag.AlignVCenter), words)
            y += size + 2
        return y - corner.top() + 2

    def _paint_cell(self, painter: QPainter, geometry: dict, cell: Cell, rect: QRectF) -> None:
        fonts = geometry["fonts"]
        agreement = self.state.agreement
        count = agreement.counts[cell] if agreement else 0
        top = max(agreement.counts.values()) if agreement and agreement.total else 0
        fill = QColor("white")
        if count:
            fill = QColor(SHADE)
            # Light enough that the examples and markers stay readable on the strongest.
            fill.setAlpha(int(25 + 85 * count / top))
        painter.fillRect(rect, fill)
        modal = bool(agreement and cell in agreement.modal_cells)
        painter.setPen(QPen(INK if modal else QColor("#9a9a9a"), 4 if modal else 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(2, 2, -2, -2) if modal else rect)

        example = self.examples.get((cell.collaboration, cell.function))
        inner = rect.adjusted(8, 4, -8, -4)
        count_w = self._count_width(fonts)
        if example:
            painter.setFont(fonts["example"])
            painter.setPen(QColor("#7a7a7a"))
            painter.drawText(QRectF(inner.left(), inner.top(), inner.width() - count_w,
                                    self._example_height(cell, rect, fonts)),
                             int(Qt.TextFlag.TextWordWrap), example)
        if count:
            painter.setFont(fonts["count"])
            painter.setPen(INK)
            painter.drawText(QRectF(inner.right() - count_w, inner.top(), count_w,
                                    QFontMetricsF(fonts["count"]).height()),
                             int(Qt.AlignmentFlag.AlignRight), str(count))

        tags = [h.upper() for h in ("now", "needed") if self.state.agreed.get(h) == cell]
        if tags:
            painter.setFont(fonts["tag"])
            painter.setPen(INK)
            tag_h = QFontMetricsF(fonts["tag"]).height()
            painter.drawText(QRectF(inner.left(), inner.bottom() - tag_h, inner.width(), tag_h),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                             "★ AGREED " + " + ".join(tags))

    def _paint_shape(self, painter: QPainter, rect: QRectF, horizon: str, colour: QColor,
                     text: str = "", selected: bool = False) -> None:
        """A now marker is a filled circle; a needed marker a hollow dashed square."""
        if horizon == "now":
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(colour)
            painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
            text_colour = QColor(text_colour_on(colour.name()))
        else:
            painter.setBrush(QColor("white"))
            pen = QPen(colour, max(2.0, rect.width() / 10), Qt.PenStyle.DashLine)
            painter.setPen(pen)
            inset = pen.widthF() / 2 + 0.5
            painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), 3, 3)
            text_colour = INK
        if selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(INK, 2.5))
            if horizon == "now":
                painter.drawEllipse(rect.adjusted(-2, -2, 2, 2))
            else:
                painter.drawRect(rect.adjusted(-2, -2, 2, 2))
        if text:
            font = QFont(self.font())
            font.setBold(True)
            font.setPixelSize(max(8, int(rect.height() * (0.42 if len(text) < 3 else 0.34))))
            painter.setFont(font)
            painter.setPen(text_colour)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_chip(self, painter: QPainter, chip: Chip) -> None:
        p = chip.placement
        if p is None:
            painter.setOpacity(1.0)
            painter.setPen(QPen(INK, 1))
            painter.setBrush(QColor("#f2f2f2"))
            painter.drawRoundedRect(chip.rect, 4, 4)
            font = QFont(self.font())
            font.setBold(True)
            font.setPixelSize(max(8, int(chip.rect.height() * 0.38)))
            painter.setFont(font)
            painter.drawText(chip.rect, int(Qt.AlignmentFlag.AlignCenter), chip.text)
            return
        dragging = self._drag_pos is not None and self._press is not None and \
            self._press[1] is p
        painter.setOpacity(0.25 if dragging else
                           (1.0 if p.horizon == self.state.horizon else 0.5))
        colour = QColor(self.state.colours.get(p.by) or NO_GROUP_COLOUR)
        self._paint_shape(painter, chip.rect, p.horizon, colour, chip.text,
                          selected=p.by == self.state.selected)
        painter.setOpacity(1.0)

    def arrow_head(self, geometry: dict | None = None) -> QPolygonF | None:
        """The now → needed arrow's head (None without a move): its tip on the edge of
        the needed cell, so that it covers none of the markers inside."""
        shape = self._arrow_shape(geometry or self._geometry())
        return shape[2] if shape else None

    def _arrow_shape(self, geometry: dict) -> tuple[QPointF, QPointF, QPolygonF] | None:
        """(start, base of the head, head) for a move between two different cells."""
        start, end = self.state.arrow
        if start is None or end is None or start == end:
            return None
        cells = geometry["cells"]
        a = cells[grid_position(start)[0]][grid_position(start)[1]].center()
        target = cells[grid_position(end)[0]][grid_position(end)[1]]
        b = target.center()
        length = math.hypot(b.x() - a.x(), b.y() - a.y())
        ux, uy = (b.x() - a.x()) / length, (b.y() - a.y()) / length
        # Where the line from the centre of the "now" cell enters the "needed" cell: the
        # head ends there, outside the cell's markers (it used to end inside, over them).
        enter = 0.0
        for offset, direction, low, high in ((a.x(), ux, target.left(), target.right()),
                                             (a.y(), uy, target.top(), target.bottom())):
            if abs(direction) > 1e-9:
                edge = low if direction > 0 else high
                enter = max(enter, (edge - offset) / direction)
        trim = min(geometry["column_width"], geometry["row_height"]) * 0.28
        a = QPointF(a.x() + ux * trim, a.y() + uy * trim)
        tip = QPointF(a.x() + ux * (enter - trim - 2), a.y() + uy * (enter - trim - 2))
        head = 22.0
        base = QPointF(tip.x() - ux * head, tip.y() - uy * head)
        polygon = QPolygonF([
            tip,
            QPointF(base.x() - uy * head * 0.6, base.y() + ux * head * 0.6),
            QPointF(base.x() + uy * head * 0.6, base.y() - ux * head * 0.6),
        ])
        return a, base, polygon

    def _paint_arrow(self, painter: QPainter, geometry: dict) -> None:
        start, end = self.state.arrow
        if start is None or end is None:
            return
        colour = QColor(INK)
        colour.setAlpha(150)
        if start == end:
            cells = geometry["cells"]
            a = cells[grid_position(start)[0]][grid_position(start)[1]].center()
            painter.setPen(QPen(colour, 5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            radius = min(geometry["column_width"], geometry["row_height"]) * 0.3
            painter.drawEllipse(a, radius, radius)
            return
        shape = self._arrow_shape(geometry)
        if shape is None:
            return
        a, base, polygon = shape
        painter.setPen(QPen(colour, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(a, base)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(polygon)

    def _paint_cursor(self, painter: QPainter, geometry: dict) -> None:
        rect = geometry["cells"][self.cursor[0]][self.cursor[1]]
        focused = self.hasFocus()
        pen = QPen(CURSOR_COLOUR if focused else FAINT, 5 if focused else 3,
                   Qt.PenStyle.SolidLine if focused else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(5, 5, -5, -5))

    def _paint_drag(self, painter: QPainter) -> None:
        if self._drag_pos is None or self._press is None or self._press[1] is None:
            return
        target = self._cell_at(self._drag_pos)
        if target is not None:
            path = QPainterPath()
            path.addRect(self.cell_rect(target).adjusted(3, 3, -3, -3))
            painter.setPen(QPen(INK, 3, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        p = self._press[1]
        size = CHIP_SIZES[0]
        rect = QRectF(self._drag_pos.x() - size / 2, self._drag_pos.y() - size / 2, size, size)
        colour = QColor(self.state.colours.get(p.by) or NO_GROUP_COLOUR)
        self._paint_shape(painter, rect, p.horizon, colour, initials(p.by), selected=True)

    # --- mouse --------------------------------------------------------------------------

    def _chip_at(self, pos: QPointF) -> Chip | None:
        self._layout_chips()
        for chips in self._chips.values():
            for chip in chips:
                if chip.rect.contains(pos):
                    return chip
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        chip = self._chip_at(pos)
        # Only markers of the horizon being placed can be picked up.
        if chip and chip.placement and chip.placement.horizon == self.state.horizon:
            self._press = (pos, chip.placement)
        else:
            self._press = (pos, None)
        self._drag_pos = None
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or self._press[1] is None:
            return
        start, _ = self._press
        pos = event.position()
        if self._drag_pos is not None or (pos - start).manhattanLength() >= \
                QApplication.startDragDistance():
            self._drag_pos = pos
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return super().mouseReleaseEvent(event)
        start, placement = self._press
        dragged = self._drag_pos is not None
        self._press, self._drag_pos = None, None
        self.update()
        target = self._cell_at(event.position())
        if placement is not None:
            self.entry_clicked.emit(placement)
            if dragged and target is not None:
                self.set_cursor(*grid_position(target))
                if target != placement.cell:
                    self.move_requested.emit(placement, target)
            return
        pressed = self._cell_at(start)
        if pressed is not None and pressed == target:
            self.set_cursor(*grid_position(target))
            self.place_requested.emit(target)

    # --- keys ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return super().keyPressEvent(event)
        key = event.key()
        row, column = self.cursor
        moves = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0),
                 Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if key in moves:
            dr, dc = moves[key]
            self.set_cursor(row + dr, column + dc)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.place_requested.emit(self.cursor_cell())
        elif key == Qt.Key.Key_N:
            self.horizon_requested.emit("now")
        elif key == Qt.Key.Key_H:
            self.horizon_requested.emit("needed")
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit()
        elif key == Qt.Key.Key_PageUp:
            self.entry_step.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.entry_step.emit(1)
        elif key == Qt.Key.Key_A:
            self.agree_requested.emit()
        else:
            return super().keyPressEvent(event)
        event.accept()

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    # --- tooltips and accessibility ------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        return answered_tooltip(self, event, self._tooltip) or super().event(event)

    def _describe(self, p: Placement) -> str:
        group = self.state.groups.get(p.by)
        who = f"{p.by} ({group})" if group and group != p.by else p.by
        return f"{who}: {p.horizon}"

    def _tooltip(self, pos: QPointF) -> str:
        chip = self._chip_at(pos)
        if chip is not None:
            if chip.placement is not None:
                return self._describe(chip.placement) + \
                    f" — {cell_label(chip.placement.cell)}" + \
                    ("\nDrag to move" if chip.placement.horizon == self.state.horizon else "")
            return "Also here:\n" + "\n".join(self._describe(p) for p in chip.hidden)
        cell = self._cell_at(pos)
        if cell is None:
            return ""
        here = [p for p in self.state.placements if p.cell == cell]
        lines = [cell_label(cell)]
        example = self.examples.get((cell.collaboration, cell.function))
        if example:
            lines.append(f"Example: {example}")
        lines += [self._describe(p) for p in here]
        return "\n".join(lines)

    def _update_description(self) -> None:
        cell = self.cursor_cell()
        agreement = self.state.agreement
        count = agreement.counts[cell] if agreement else 0
        self.setAccessibleDescription(
            f"Cursor on {cell_label(cell)}: {count} placed here ({self.state.horizon}). "
            f"Placing for {self.state.selected or 'nobody'}.")
