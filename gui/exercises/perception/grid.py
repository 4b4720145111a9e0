"""The perception grid, painted: rows by section, score columns 1-5 holding the groups'
chips, and a spread column. One class draws both the laptop grid (keys and clicks score)
and the presenter's grid (large type, fitted to the screen, scores can be hidden).

Nothing here is a widget per cell: a change recomputes the geometry (plain rectangles)
and repaints. A score is the edit made live with the room watching, so it takes a short
path: the score table is updated from the changeset (no reload of the session), each row's
measurements are cached by what the row shows and the columns' widths (only rows that changed
are measured again), and only the rows whose pixels changed are repainted.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QMoveEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QScrollArea, QWidget

from gui.document import SessionDocument
from gui.room.status import changes_room
from gui.widgets.tooltips import answered_tooltip
from model import frameworks
from model.changes import Changeset
from model.exercises.perception import (
    RowSpread,
    changes_gap_threshold,
    ordered_rows,
    set_score,
    spread_of,
)
from model.palette import text_colour_on
from model.room import results as room_results
from model.session import SCORES, SECTIONS, Group, PerceptionRow, Session
from model.text import shortened

# What the grid shows is read from these, and from the room's answers (`changes_room`).
TABLES = ("perception_rows", "scores", "stakeholder_groups")
SCORE_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in SCORES}
NO_COLOUR = "#bbbbbb"
NOBODY = object()  # the group outlined when none is (no chip's group id is this)
COLUMN_STEP = 0.02  # the score columns' edges move in steps of 2% of their area
# A chip's type shrinks down to this share of the grid's before a word of its group's name
# is broken mid-word ("Stakeholde|r"): 60% of the room's 28 pt is still 17 pt.
MIN_CHIP_SCALE = 0.6
# A name pasted from a word processor may hold no-break spaces between its words. Drawn
# as they are, Qt keeps the whole name as one word and, when it does not fit, breaks it
# mid-word, on the laptop and the presenter alike; so they are drawn (and measured) as
# plain spaces. The stored name keeps them.
NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})
# Where Qt's word wrap may break a name once `wrappable` has made it: white space.
BREAKS = re.compile(r"\s+")


def wrappable(name: str) -> str:
    """`name` as drawn where it may wrap: no-break spaces become plain spaces."""
    return name.translate(NO_BREAK_SPACES)

CACHE_LIMIT = 5000  # measurements kept before a cache starts again (fonts, sizes change)

# Text flags, combined once (combining Qt flags in Python costs more than drawing).
WRAP_TOP_LEFT = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop
                    | Qt.AlignmentFlag.AlignLeft)
WRAP_LEFT = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
CHIP_FLAGS = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter)
# A name with a word too long for its chip even in the smallest type breaks that word
# only, not the words that fit ("Representati|ves of the voluntary").
BREAK_WHERE_NEEDED = QTextOption(Qt.AlignmentFlag.AlignCenter)
BREAK_WHERE_NEEDED.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

# Colours of the table (the chips carry the groups' own colours).
INK = QColor("#1b2430")
MUTED = QColor("#5b6776")
RULE = QColor("#c5ceda")
HEADER_BG = QColor("#2f3e4e")
HEADER_INK = QColor("#ffffff")
SECTION_BG = QColor("#dde5ee")
STRIPE_BG = QColor("#f6f8fb")
SELECTED_BG = QColor("#fff3bf")
SELECTED_EDGE = QColor("#1f5fbf")
UNFOCUSED_EDGE = QColor("#8a96a5")
GAP_BG = QColor("#fde4dc")
GAP_INK = QColor("#9a2a0a")
GAP_BAND = QColor("#d9480f")
BAND = QColor("#9aa8b8")


@dataclass
class ChipBox:
    group: Group
    score: int
    rect: QRectF
    point_size: float  # smaller than the grid's when a long word would not fit
    anywhere: bool = False  # a word too long even then is broken where it must
    # What painting needs, made on the first paint (radius, rounded outline).
    outline: tuple[float, QPainterPath] | None = field(default=None, compare=False,
                                                        repr=False)


@dataclass
class RowBox:
    index: int
    rect: QRectF
    label_rect: QRectF
    cells: list[QRectF]
    spread_rect: QRectF
    band_y: float
    chips: list[ChipBox] = field(default_factory=list)


@dataclass
class Geometry:
    point_size: float
    height: float
    header: QRectF
    columns: list[float]  # x of: label column, score 1..5, spread column, right edge
    chip_pad: tuple[float, float] = (0.0, 0.0)  # inside a chip: across, down
    sections: list[tuple[QRectF, str]] = field(default_factory=list)
    notes: list[tuple[QRectF, str]] = field(default_factory=list)
    rows: list[RowBox] = field(default_factory=list)


class PerceptionGrid(QWidget):
    """The grid of one session. `presenter=True` draws it for the room: large type,
    fitted to `fit_height`, no keyboard, and scores hidden while `scores_hidden`."""

    view_changed = Signal()  # selection, hidden scores or the session's threshold changed

    LAPTOP_POINT_SIZE = 11.0
    MIN_PRESENTER_POINT_SIZE = 12.0

    def __init__(self, document: SessionDocument, presenter: bool = False,
                 point_size: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.presenter = presenter
        self.point_size = point_size or (28.0 if presenter else self.LAPTOP_POINT_SIZE)
        self.fit_height: int | None = None
        # The session's gap threshold, as last read (`reload`, or an edit of it).
        self.threshold = document.session.perception.gap_threshold
        self.scores_hidden = False
        self.current_row = -1
        self.current_group = -1
        self.rows: list[PerceptionRow] = []
        self.groups: list[Group] = []
        self.spreads: list[RowSpread] = []
        self._table: dict[str, dict[str, int]] = {}
        # (row label, group name) -> the room's result, where it stands in for a score
        # nobody typed (a typed score is the group's agreed one, and wins).
        self._room: dict[tuple[str, str], room_results.Result] = {}
        self._room_results = False  # the room has results, shown or behind typed scores
        self._geometry: Geometry | None = None
        self._source: PerceptionGrid | None = None  # the grid a presenter grid follows
        self._measure_cache: dict[tuple, object] = {}  # text sizes, by font and width
        self._row_cache: dict[tuple, tuple] = {}  # a row's measurements, by what it shows
        self._by_name: dict[str, Group] = {}
        self._row_index: dict[int, int] = {}  # row id -> index in `rows`
        self._score_cells: dict[int, tuple] = {}  # score id -> (row id, group id)
        self._names: list[tuple[tuple[str, ...], ...] | None] = []  # row -> names by score
        self._colours: dict[str, tuple[QColor, QPen, QColor]] = {}  # chip colour -> paint
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        if presenter:
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setAccessibleName("Perception grid (presenter view)")
        else:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setAccessibleName("Perception grid")
            self.setMinimumWidth(560)
        document.changed.connect(self._on_changed)
        self.reload()

    # --- what is shown ----------------------------------------------------------------

    def reload(self) -> None:
        """Read the session again, keeping the selected row and group where they are."""
        row_id = self.current_row_item().id if self.current_row_item() else None
        group_id = self.current_group_item().id if self.current_group_item() else None
        session = self.document.session
        self.rows = ordered_rows(session)
        self.groups = list(session.groups)
        self._table, self._room = self._shown_scores(session)
        self._by_name = {g.name: g for g in self.groups}
        self._row_index = {r.id: i for i, r in enumerate(self.rows) if r.id is not None}
        row_ids = {r.label: r.id for r in self.rows}
        group_ids = {g.name: g.id for g in self.groups}
        self._score_cells = {
            s.id: (row_ids.get(s.row), group_ids.get(s.group))
            for s in session.perception.scores if s.id is not None}
        self._names = [None] * len(self.rows)
        self._row_cache.clear()  # it holds the groups as they were (names, colours)
        self.threshold = session.perception.gap_threshold
        self._respread()
        self.current_row = self._index_of(self.rows, row_id, self.current_row)
        self.current_group = self._index_of(self.groups, group_id, self.current_group)
        self.relayout()

    def _shown_scores(self, session: Session) -> tuple[
            dict[str, dict[str, int]], dict[tuple[str, str], room_results.Result]]:
        """Row label -> {group name: score shown}, in group order, and the cells whose
        score is the room's (a typed score wins over it)."""
        scores = {(s.row, s.group): s.score for s in session.perception.scores}
        derived = room_results.perception(session) if session.room.responses else {}
        self._room_results = bool(derived)
        room = {(r.label, g.name): derived[(r.id, g.id)]
                for r in self.rows for g in self.groups
                if (r.label, g.name) not in scores and (r.id, g.id) in derived}
        for (label, name), result in room.items():
            scores[(label, name)] = result.value
        table = {r.label: {g.name: scores[(r.label, g.name)] for g in self.groups
                           if (r.label, g.name) in scores}
                 for r in self.rows}
        return table, room

    def _rederive(self) -> set[int]:
        """After answers from the room alone: the rows whose shown scores changed (the
        rows, groups and typed scores are as they were)."""
        table, room = self._shown_scores(self.document.session)
        changed = {i for i, r in enumerate(self.rows)
                   if table[r.label] != self._table[r.label]
                   or any(room.get((r.label, g.name)) != self._room.get((r.label, g.name))
                          for g in self.groups)}
        self._table, self._room = table, room
        for index in changed:
            self.spreads[index] = spread_of(self.rows[index], table[self.rows[index].label],
                                            self.threshold)
            self._names[index] = None
        return changed

    def gaps(self) -> list[RowSpread]:
        """The flagged rows, widest gap first: `flagged_rows(session)` of the
        session shown."""
        flagged = [(i, s) for i, s in enumerate(self.spreads) if s.flagged]
        flagged.sort(key=lambda pair: (-(pair[1].range or 0), pair[0]))
        return [s for _, s in flagged]

    def _respread(self) -> None:
        self.spreads = [spread_of(r, self._table[r.label], self.threshold) for r in self.rows]

    def _rescore(self, changeset: Changeset) -> set[int] | None:
        """Apply a changeset of scores alone to the score table, as a reload would read it
        back; the indexes of the rows it changed, or None if it needs a full reload (then
        the table may be half changed: the reload replaces it)."""
        if any(c.table != "scores" for c in changeset.changes) or self._room_results:
            return None  # (a typed score cleared may bring the room's result back)
        name_of = {g.id: g.name for g in self.groups}
        changed: set[int] = set()
        for change in changeset.changes:  # in order, as the store applied them
            before, after = change.before, change.after
            image = after or before
            if image is None:
                continue
            if before is not None and after is not None:  # an update: id and score alone
                if not set(before) | set(after) <= {"id", "score"}:
                    return None
                cell = self._score_cells.get(image["id"])
            elif "row_id" in image and "group_id" in image:
                cell = (image["row_id"], image["group_id"])
            else:
                cell = self._score_cells.get(image["id"])
            if cell is None or cell[0] not in self._row_index or cell[1] not in name_of:
                return None  # a score, row or group this grid does not know: read again
            index = self._row_index[cell[0]]
            scores = self._table[self.rows[index].label]
            if after is None:
                scores.pop(name_of[cell[1]], None)
                self._score_cells.pop(image["id"], None)
            else:
                if "score" in after:
                    scores[name_of[cell[1]]] = after["score"]
                self._score_cells[image["id"]] = cell
            changed.add(index)
        for index in changed:
            label = self.rows[index].label
            given = self._table[label]  # back in group order, as a reload makes it
            self._table[label] = {g.name: given[g.name] for g in self.groups
                                  if g.name in given}
            self.spreads[index] = spread_of(self.rows[index], self._table[label],
                                            self.threshold)
            self._names[index] = None
        return changed

    @staticmethod
    def _index_of(items: list, item_id: int | None, old: int) -> int:
        if not items:
            return -1
        for i, item in enumerate(items):
            if item.id == item_id and item_id is not None:
                return i
        return max(0, min(old, len(items) - 1))

    def _read_threshold(self) -> None:
        """Flag the rows by the session's gap threshold, after an edit (or undo) of it."""
        threshold = self.document.session.perception.gap_threshold
        if threshold != self.threshold:
            self.threshold = threshold
            self._respread()
            self.relayout()
            self.view_changed.emit()

    def set_scores_hidden(self, hidden: bool) -> None:
        if hidden != self.scores_hidden:
            self.scores_hidden = hidden
            self.relayout()
            self.view_changed.emit()

    def hiding(self) -> bool:
        """True when this grid shows no chips (a presenter grid with scores hidden)."""
        return self.presenter and self.scores_hidden

    def current_row_item(self) -> PerceptionRow | None:
        return self.rows[self.current_row] if 0 <= self.current_row < len(self.rows) else None

    def current_group_item(self) -> Group | None:
        if 0 <= self.current_group < len(self.groups):
            return self.groups[self.current_group]
        return None

    def select(self, row: int | None = None, group: int | None = None) -> None:
        """Select a row and/or a group (indexes, clamped to what exists)."""
        old = (self.current_row, self.current_group)
        if row is not None and self.rows:
            self.current_row = max(0, min(row, len(self.rows) - 1))
        if group is not None and self.groups:
            self.current_group = max(0, min(group, len(self.groups) - 1))
        self._update_selection(*old)
        self.view_changed.emit()

    def _update_selection(self, old_row: int, old_group: int) -> None:
        """Repaint what a move of the selection changes: the rows left and entered, or
        everything when the group changes (its chips are outlined on every row)."""
        geometry = self._geometry
        if geometry is None or old_group != self.current_group:
            self.update()
            return
        if old_row == self.current_row:
            return
        for index in (old_row, self.current_row):
            if 0 <= index < len(geometry.rows):
                self.update(geometry.rows[index].rect.toAlignedRect())

    def select_row_id(self, row_id: int | None) -> None:
        index = next((i for i, r in enumerate(self.rows) if r.id == row_id), None)
        if index is not None:
            self.select(row=index)

    def follow(self, source: PerceptionGrid) -> None:
        """Show what `source` shows: its selection and hidden scores (the threshold is
        the session's, which both grids read)."""
        self._source = source
        source.view_changed.connect(self._copy_source)
        self._copy_source()

    def _copy_source(self) -> None:
        source = self._source
        if source is None:
            return
        old = (self.current_row, self.current_group)
        self.current_row, self.current_group = source.current_row, source.current_group
        self.set_scores_hidden(source.scores_hidden)
        self._update_selection(*old)

    def score_of(self, row: PerceptionRow, group: Group) -> int | None:
        return self._table.get(row.label, {}).get(group.name)

    def rows_scored_by(self, group: Group) -> int:
        """How many rows a group has scored."""
        return sum(1 for scores in self._table.values() if group.name in scores)

    def shown_chips(self, row: int, score: int) -> list[str]:
        """The group names drawn in a cell (none while scores are hidden)."""
        if self.hiding():
            return []
        return list(self._row_names(row)[score - 1])

    def _row_names(self, row: int) -> tuple[tuple[str, ...], ...]:
        """A row's group names by score (1 to 5), in group order, hidden or not."""
        names = self._names[row]
        if names is None:
            given = self._table[self.rows[row].label]
            names = tuple(tuple(g.name for g in self.groups if given.get(g.name) == score)
                          for score in SCORES)
            self._names[row] = names
        return names

    def _shown_names(self, row: int) -> tuple[tuple[str, ...], ...]:
        return ((),) * len(SCORES) if self.hiding() else self._row_names(row)

    def spread_text(self, row: int) -> str:
        """What the spread column says for a row."""
        spread = self.spreads[row]
        if self.hiding():
            return f"{spread.count} of {len(self.groups)}"
        if self.presenter:  # short, for large type: the room reads the line too
            if spread.count < 2:
                return "" if spread.count == 0 else "1 score"
            return f"⚠ gap {spread.range}" if spread.flagged else f"range {spread.range}"
        if spread.count == 0:
            return "not scored"
        if spread.count == 1:
            return "1 group"
        if spread.flagged:
            return f"⚠ GAP\nrange {spread.range}\n{spread.count} groups"
        return f"range {spread.range}\n{spread.count} groups"

    def cell_rect(self, row: int, score: int) -> QRect:
        """Where a score cell is drawn, in this widget's coordinates (for clicks)."""
        return self._ensure_geometry().rows[row].cells[score - 1].toAlignedRect()

    def row_rect(self, row: int) -> QRect:
        return self._ensure_geometry().rows[row].rect.toAlignedRect()

    def header_rect(self) -> QRectF:
        """Where the column headings are drawn: at the top of the part of the grid in
        view (in a scroll area the grid scrolls by moving up, so its y is negative)."""
        geometry = self._ensure_geometry()
        header = geometry.header
        top = max(0.0, min(float(-self.y()), geometry.height - header.height()))
        return header.translated(0, top)

    def show_row(self, scroll: QScrollArea, row: int, margin: int) -> None:
        """Scroll `scroll` (the area holding this grid) the least that shows a row whole
        below the column headings, with `margin` pixels around it when there is room."""
        rect = self.row_rect(row)
        bar = scroll.verticalScrollBar()
        view = scroll.viewport().height()
        header = math.ceil(self._ensure_geometry().header.height())
        highest = rect.top() - header - margin  # the row just below the headings
        lowest = rect.bottom() + 1 + margin - view  # the row just above the bottom edge
        value = bar.value()
        if value > highest:
            value = highest
        elif value < lowest:
            value = min(lowest, highest)  # a row taller than the view: show its top
        bar.setValue(max(0, value))

    # --- edits ------------------------------------------------------------------------

    def give_score(self, score: int | None, advance: bool = True) -> bool:
        """Give the selected group `score` on the selected row (None clears it)."""
        row, group = self.current_row_item(), self.current_group_item()
        if row is None or group is None:
            self.document.message.emit(
                "Add stakeholder groups in Set-up (Ctrl+1) to score the grid."
                if group is None else
                "Add perception rows first (for example “Add Bovaird's ten principles”).")
            return False
        if not self.document.edit(lambda editor: set_score(editor, row.id, group.id, score)):
            return False
        if advance and self.current_row < len(self.rows) - 1:
            self.select(row=self.current_row + 1)
        return True

    # --- keys and clicks --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        # Shift is allowed on the digits: on some layouts (AZERTY) digits need it.
        shifted_digit = key in SCORE_KEYS and modifiers == Qt.KeyboardModifier.ShiftModifier
        if modifiers != Qt.KeyboardModifier.NoModifier and not shifted_digit:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Up:
            self.select(row=self.current_row - 1)
        elif key == Qt.Key.Key_Down:
            self.select(row=self.current_row + 1)
        elif key == Qt.Key.Key_Left:
            self.select(group=self.current_group - 1)
        elif key == Qt.Key.Key_Right:
            self.select(group=self.current_group + 1)
        elif key == Qt.Key.Key_Home:
            self.select(row=0)
        elif key == Qt.Key.Key_End:
            self.select(row=len(self.rows) - 1)
        elif key in SCORE_KEYS:
            if not self.document.read_only:
                self.give_score(SCORE_KEYS[key])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if not self.document.read_only:
                self.give_score(None, advance=False)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.presenter or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        hit = self.hit(event.position())
        if hit is None:
            return
        row, score = hit
        self.select(row=row)
        if score is not None and not self.document.read_only:
            self.give_score(score, advance=False)

    def hit(self, point: QPointF) -> tuple[int, int | None] | None:
        """(row, score) under a point; score None off the score columns; None on the
        column headings (a row scrolled under them is hidden, never scored)."""
        if point.y() < self.header_rect().bottom():
            return None
        for box in self._ensure_geometry().rows:
            if box.rect.contains(point):
                for score, cell in enumerate(box.cells, start=1):
                    if cell.contains(point):
                        return box.index, score
                return box.index, None
        return None

    def event(self, event: QEvent) -> bool:
        return answered_tooltip(self, event, self._tooltip) or super().event(event)

    def _tooltip(self, point: QPointF) -> str:
        if point.y() < self.header_rect().bottom():
            # The headings (not the row hidden under them): the scale is the app's reading.
            return frameworks.own_choice("scale")
        for box in self._ensure_geometry().rows:
            if not box.rect.contains(point):
                continue
            for chip in box.chips:
                if chip.rect.contains(point):
                    result = self._room.get((self.rows[box.index].label, chip.group.name))
                    if result is not None:
                        spread = f" (range {result.spread})" if result.spread else ""
                        return (f"{chip.group.name}: {chip.score}, the {room_results.STATISTIC}"
                                f" of {result.count} answers from the room{spread}")
                    return f"{chip.group.name}: {chip.score}"
            spread = self.spreads[box.index]
            if box.spread_rect.contains(point) and spread.count and not self.hiding():
                given = ", ".join(f"{g} {s}" for g, s in spread.scores.items())
                return (f"{box_label(spread)}\nScores: {given}\n"
                        f"Flagged when the range is {self.threshold} or more. "
                        + frameworks.own_choice("gap"))
            label = self.rows[box.index].label
            origin = frameworks.row_origin(label)
            return f"{label}\n{origin}" if origin else label
        return ""

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def _on_changed(self, changeset: Changeset) -> None:
        if changes_gap_threshold(changeset):
            self._read_threshold()
        if changeset.touches(*TABLES) or changes_room(changeset):
            answers_only = all(c.table == "responses" for c in changeset.changes)
            changed = self._rederive() if answers_only else self._rescore(changeset)
            if changed is None:
                self.reload()
            else:  # scores alone: the rows and groups, and the selection, stay
                self.relayout(changed)
            # Which of the two grids hears of the change first is not promised.
            self._copy_source()
            self.view_changed.emit()

    # --- geometry ---------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(900, int(self._ensure_geometry().height))

    def moveEvent(self, event: QMoveEvent) -> None:
        # Scrolling moves the grid and copies its pixels, headings included: repaint
        # the headings where they were (now a stale copy) and where they now belong.
        super().moveEvent(event)
        geometry = self._geometry
        if geometry is not None and event.oldPos().y() != event.pos().y():
            height = math.ceil(geometry.header.height()) + 1
            for y in (-event.oldPos().y(), -event.pos().y()):
                self.update(QRect(0, max(0, y), self.width(), height))

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.oldSize().width() != event.size().width() or self.presenter:
            self.relayout()
        super().resizeEvent(event)

    def relayout(self, changed: set[int] | None = None) -> None:
        """Recompute where everything goes (after a change of data, size or font).

        `changed`: the only rows whose content changed (scores); then only what moved or
        changed is repainted, as long as the columns stay where they were."""
        old = self._geometry
        width = max(self.width(), 300)
        if self.presenter and self.fit_height:
            self._geometry = self._fitted(width, self.fit_height)
        else:
            self._geometry = self._measure(width, self.point_size)
        height = int(self._geometry.height) + 1
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)
        new = self._geometry
        if changed is None or old is None or not _same_frame(old, new):
            self.update()
            return
        for index, (before, after) in enumerate(zip(old.rows, new.rows, strict=True)):
            if index in changed or before is not after and before != after:
                self.update(before.rect.toAlignedRect())
                self.update(after.rect.toAlignedRect())

    def _ensure_geometry(self) -> Geometry:
        if self._geometry is None:
            self.relayout()
        assert self._geometry is not None
        return self._geometry

    def _fitted(self, width: float, height: float) -> Geometry:
        """The largest type, up to the presenter font size, with which the grid fits."""
        # Never below 60% of the presenter size: past that, the grid scrolls with the
        # selected row rather than shrink out of the back row's reach.
        high = max(self.point_size, self.MIN_PRESENTER_POINT_SIZE)
        low = max(self.MIN_PRESENTER_POINT_SIZE, high * 0.6)
        best = self._measure(width, high)
        if best.height <= height:
            return best
        best = self._measure(width, low)
        while high - low > 0.5:
            middle = (low + high) / 2
            trial = self._measure(width, middle)
            if trial.height <= height:
                low, best = middle, trial
            else:
                high = middle
        return best

    def _fonts(self, size: float) -> tuple[QFont, QFont, QFont]:
        body = QFont(self.font())
        body.setPointSizeF(size)
        bold = QFont(body)
        bold.setBold(True)
        header = QFont(bold)
        header.setPointSizeF(size * 1.15)
        return body, bold, header

    def _text_box(self, font: QFont, text: str, width: float) -> QRectF:
        key = (font.pointSizeF(), font.bold(), text, width)  # exact: see _chip_text
        box = self._measure_cache.get(key)
        if box is None:
            box = QFontMetricsF(font).boundingRect(
                QRectF(0, 0, max(width, 1.0), 1e6), WRAP_LEFT, text)
            self._measure_cache[key] = box
        return box

    def _measure(self, width: float, size: float) -> Geometry:
        if len(self._measure_cache) > CACHE_LIMIT:
            self._measure_cache.clear()
        body, bold, header = self._fonts(size)
        line = QFontMetricsF(body).height()
        pad = round(line * (0.25 if self.presenter else 0.35))
        chip_h_pad, chip_v_pad, gap = line * 0.25, line * 0.1, line * 0.2
        band = 0.0 if self.hiding() else line * (0.3 if self.presenter else 0.4)
        gutter = line * 1.0
        if self.hiding():  # no chips to place: the labels take the room
            label_w, spread_w = max(150.0, width * 0.36), max(90.0, width * 0.12)
        elif self.presenter:
            spread_w = max(90.0, width * 0.1)
            label_w = self._presenter_label_width(width, spread_w, body, chip_h_pad, pad)
        else:
            label_w, spread_w = max(150.0, width * 0.26), max(130.0, width * 0.15)
        widths = self._score_widths(width - label_w - spread_w, body, chip_h_pad, gap)
        columns = [0.0, label_w]
        for w in widths:
            columns.append(columns[-1] + w)
        columns.append(width)
        header_h = QFontMetricsF(header).height() + 2 * pad
        geometry = Geometry(size, 0, QRectF(0, 0, width, header_h), columns,
                            (chip_h_pad, chip_v_pad))
        # A row measured before with the same content, type and columns is not measured
        # again: after a score, only the scored row is (unless the columns moved).
        frame = (body.key(), size, width, self.hiding(), tuple(widths))
        if len(self._row_cache) > CACHE_LIMIT:
            self._row_cache.clear()
        y = header_h
        for section in SECTIONS:
            rows = [(i, r) for i, r in enumerate(self.rows) if r.section == section]
            if not rows and self.presenter:
                continue
            section_h = QFontMetricsF(bold).height() + pad
            geometry.sections.append((QRectF(0, y, width, section_h),
                                      frameworks.section_label(section)))
            y += section_h
            if not rows:
                note_h = line + 2 * pad
                geometry.notes.append((QRectF(0, y, width, note_h),
                                       "No rows in this section: use “Add row”."))
                y += note_h
            for index, row in rows:
                names = self._shown_names(index)
                spread = self.spread_text(index)
                key = (frame, index, row.label, names, spread)
                cached = self._row_cache.get(key)
                if cached is None:
                    label_box = self._text_box(body, row.label, label_w - gutter - pad)
                    content_h = max(label_box.height(), line)
                    cells_chips: list[list[tuple[Group, QRectF, float, bool]]] = []
                    for score in SCORES:
                        placed, cell_h = self._flow_chips(
                            names[score - 1], body, widths[score - 1] - 2 * pad, line,
                            chip_h_pad, chip_v_pad, gap)
                        cells_chips.append(placed)
                        content_h = max(content_h, cell_h)
                    spread_box = self._text_box(bold, spread, spread_w - 2 * pad)
                    content_h = max(content_h, spread_box.height())
                    cached = [content_h, cells_chips, None]
                    self._row_cache[key] = cached
                content_h, cells_chips, box = cached
                row_h = content_h + 2 * pad + band
                if box is None or box.rect.y() != y:
                    box = self._row_box(index, y, row_h, content_h, cells_chips, columns,
                                        widths, (label_w, spread_w, gutter, pad, band),
                                        size)
                    cached[2] = box
                geometry.rows.append(box)
                y += row_h
        geometry.height = y
        return geometry

    @staticmethod
    def _row_box(index: int, y: float, row_h: float, content_h: float,
                 cells_chips: list[list[tuple[Group, QRectF, float, bool]]],
                 columns: list[float], widths: list[float],
                 spacing: tuple[float, float, float, float, float], size: float) -> RowBox:
        """A measured row placed at `y`."""
        label_w, spread_w, gutter, pad, band = spacing
        width = columns[-1]
        rect = QRectF(0, y, width, row_h)
        cells = [QRectF(columns[s], y, widths[s - 1], row_h) for s in SCORES]
        box = RowBox(index, rect,
                     QRectF(gutter, y + pad, label_w - gutter - pad, content_h),
                     cells, QRectF(columns[6] + pad, y + pad, spread_w - 2 * pad,
                                   content_h),
                     y + row_h - band * 0.55)
        for score, placed in zip(SCORES, cells_chips, strict=True):
            origin = QPointF(cells[score - 1].x() + pad, y + pad)
            box.chips += [ChipBox(g, score, r.translated(origin), size, anywhere)
                          for g, r, size, anywhere in placed]
        return box

    def _presenter_label_width(self, width: float, spread_w: float, font: QFont,
                               h_pad: float, pad: float) -> float:
        """The row labels' column in the room's large type: 30% of the width while no
        cell holds more than two chips (labels then wrap onto fewer lines, so more rows
        fit), 22% when cells are crowded; never so wide that the longest word of a
        group's name would be broken mid-word in a score column (a chip's type may shrink
        to MIN_CHIP_SCALE to fit, as `_chip_text` does)."""
        crowded = any(len(names) > 2 for row in range(len(self.rows))
                      for names in self._row_names(row))
        if crowded:
            return max(150.0, width * 0.22)
        key = ("longest word", font.key(), tuple(g.name for g in self.groups))
        longest = self._measure_cache.get(key)
        if longest is None:
            metrics = QFontMetricsF(font)
            longest = max((metrics.horizontalAdvance(word) for g in self.groups
                           for word in BREAKS.split(wrappable(g.name))),
                          default=0.0)
            self._measure_cache[key] = longest
        score_w = longest * MIN_CHIP_SCALE + 2 * h_pad + 2 * pad + 2  # type: ignore[operator]
        room = width - spread_w - len(SCORES) * score_w
        return max(150.0, width * 0.22, min(width * 0.30, room))

    def _score_widths(self, area: float, font: QFont, h_pad: float,
                      gap: float) -> list[float]:
        """The five score columns' widths: equal while no cell holds more than two
        chips, else wider for the scores that hold many, so a crowded cell wraps onto fewer lines.
        Every column keeps at least 14% of the area, and the power below 1 damps
        the shift as scores come in.

        The columns' edges move in steps of `COLUMN_STEP` of the area: most scores leave
        every edge where it was, so the room's columns stay put and only the scored row
        is measured and repainted again. The edges stay a function of the scores alone
        (no memory of earlier widths), so a grid shows the same whichever way it got
        to its scores."""
        demand = [0.0] * len(SCORES)
        crowded = False
        font_key = font.key()
        for row in range(len(self.rows)):
            for score, names in enumerate(self._shown_names(row), start=1):
                crowded = crowded or len(names) > 2
                demand[score - 1] += self._demand(font, font_key, names, h_pad, gap)
        even = area / len(SCORES)
        if not crowded:  # one or two groups a cell, as in the seed's table: even columns
            return [even] * len(SCORES)
        floor = area * 0.14
        weights = [d ** 0.75 for d in demand]
        total = sum(weights)
        if total == 0:
            return [even] * len(SCORES)
        spare = area - floor * len(SCORES)
        # A third of the spare room is shared evenly, the rest by demand; where the
        # shares meet is rounded to a step (rounding keeps them in order, so no column
        # drops below the floor).
        step = area * COLUMN_STEP
        edges = [0.0]
        for w in weights:
            edges.append(edges[-1] + spare * (1 / 3 / len(SCORES) + 2 / 3 * w / total))
        edges = [round(edge / step) * step for edge in edges[:-1]] + [spare]
        return [floor + right - left for left, right in pairwise(edges)]

    def _demand(self, font: QFont, font_key: str, names: tuple[str, ...], h_pad: float,
                gap: float) -> float:
        """The width one cell's chips would take on one line (for the column widths)."""
        if not names:
            return 0
        key = ("demand", font_key, names, h_pad, gap)
        demand = self._measure_cache.get(key)
        if demand is None:
            metrics = QFontMetricsF(font)
            demand = sum(metrics.horizontalAdvance(name) + 2 * h_pad + gap for name in names)
            self._measure_cache[key] = demand
        return demand  # type: ignore[return-value]

    def _flow_chips(self, names: tuple[str, ...], font: QFont, width: float, line: float,
                    h_pad: float, v_pad: float, gap: float) -> tuple[list, float]:
        """Chips of one cell laid out left to right, wrapping: (group, rect relative to
        the cell's content corner, point size, break anywhere), and the height taken."""
        placed: list[tuple[Group, QRectF, float, bool]] = []
        x = y = line_h = 0.0
        for name in names:
            text, size, anywhere = self._chip_text(font, name, max(width - 2 * h_pad, 10))
            w = min(math.ceil(text.width()) + 1 + 2 * h_pad, width)
            h = text.height() + 2 * v_pad
            if x > 0 and x + w > width:
                x, y, line_h = 0.0, y + line_h + gap, 0.0
            placed.append((self._by_name[name], QRectF(x, y, w, h), size, anywhere))
            x += w + gap
            line_h = max(line_h, h)
        return placed, (y + line_h if placed else 0.0)

    def _chip_text(self, font: QFont, name: str, width: float) -> tuple[QRectF, float, bool]:
        """A chip's text box: in the grid's type if its longest word fits the cell,
        else in smaller type (down to MIN_CHIP_SCALE), else broken mid-word."""
        name = wrappable(name)
        words_key = ("chip words", font.pointSizeF(), name)
        words = self._measure_cache.get(words_key)
        if words is None:
            metrics = QFontMetricsF(font)
            words = (max((metrics.horizontalAdvance(w) for w in BREAKS.split(name)),
                         default=0.0),
                     metrics.boundingRect(QRectF(0, 0, 1e6, 1e6), WRAP_LEFT, name))
            self._measure_cache[words_key] = words
        longest, one_line = words  # type: ignore[misc]
        if longest <= width and one_line.width() < width - 1:
            # The name fits on one line in the grid's type: wrapping leaves it whole, so
            # its box is the one-line box, whatever the width (the columns move as scores
            # come in: this spares measuring every chip again).
            return one_line, font.pointSizeF(), False
        # By the exact width: a rounded one would give a box measured at another width,
        # so what is shown would depend on the widths measured before.
        key = ("chip", font.pointSizeF(), name, width)
        cached = self._measure_cache.get(key)
        if cached is None:
            size = font.pointSizeF()
            small = QFont(font)
            metrics = QFontMetricsF(font)
            word = max(BREAKS.split(name), key=metrics.horizontalAdvance, default="")
            advance = longest
            # Type does not shrink in proportion (hinting rounds each glyph): shrink
            # again, a little further, until the word fits or the type is as small as
            # it may be.
            smallest = size * MIN_CHIP_SCALE
            while advance > width and size > smallest:
                size = max(smallest, size * width / advance * 0.99)
                small.setPointSizeF(size)
                advance = QFontMetricsF(small).horizontalAdvance(word)
            small.setPointSizeF(size)
            box = QFontMetricsF(small).boundingRect(QRectF(0, 0, width, 1e6), WRAP_LEFT, name)
            # Still wider than the chip: a word too long even in the smallest type, or
            # an unbreakable run Qt measures whole. Break it where it must.
            anywhere = advance > width or box.width() > width + 0.5
            if anywhere:
                box = _broken_box(small, name, width)
            cached = (box, size, anywhere)
            self._measure_cache[key] = cached
        return cached  # type: ignore[return-value]

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        geometry = self._ensure_geometry()
        fonts = self._fonts(geometry.point_size)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Rectangle by rectangle: after a score the region is often two (the rows that
        # changed, and the headings' strip when the grid scrolled), and Qt draws much
        # faster clipped to one rectangle than to a region of several.
        for area in event.region():
            painter.setClipRect(area)
            self._paint_area(painter, QRectF(area), geometry, *fonts)
        painter.end()

    def _paint_area(self, painter: QPainter, area: QRectF, geometry: Geometry,
                    body: QFont, bold: QFont, header: QFont) -> None:
        """What lies in `area` (the painter is clipped to it)."""
        painter.fillRect(area, QColor("#ffffff"))
        columns = geometry.columns
        line = QFontMetricsF(body).height()
        pad = round(line * 0.35)

        for rect, text in geometry.notes:
            painter.setPen(MUTED)
            painter.setFont(body)
            painter.drawText(rect.adjusted(line, 0, -pad, 0),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             text)

        for n, box in enumerate(geometry.rows):
            if box.rect.intersects(area):
                self._paint_row(painter, box, n, area, body, bold, line, pad)

        # Vertical rules between the columns, full height; then the sections' headings,
        # which span the columns (a rule through "Governance principles" cut its end off).
        painter.setPen(QPen(RULE, 1))
        for x in columns[1:-1]:
            painter.drawLine(QPointF(x, geometry.header.bottom()), QPointF(x, geometry.height))
        for rect, text in geometry.sections:
            painter.fillRect(rect, SECTION_BG)
            painter.setPen(INK)
            painter.setFont(bold)
            painter.drawText(rect.adjusted(pad, 0, -pad, 0),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             text)
        current = next((b for b in geometry.rows if b.index == self.current_row), None)
        if current is not None:
            edge = SELECTED_EDGE if (self.hasFocus() or self.presenter) else UNFOCUSED_EDGE
            painter.setPen(QPen(edge, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(current.rect.adjusted(1.5, 1.5, -1.5, -1.5))
        # Last, so it covers the rows scrolled under it.
        self._paint_header(painter, geometry, header, line)

    def _paint_header(self, painter: QPainter, geometry: Geometry, header: QFont,
                      line: float) -> None:
        """The column headings, as in the seed (1 to 5), at the top of what is visible:
        they stay in view when the grid scrolls, so the room always knows which column
        is which score."""
        columns = geometry.columns
        heading = self.header_rect()
        painter.fillRect(heading, HEADER_BG)
        painter.setPen(HEADER_INK)
        painter.setFont(header)
        painter.drawText(QRectF(0, heading.y(), columns[1] - line, heading.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                         "Score")
        for score in SCORES:
            painter.drawText(QRectF(columns[score], heading.y(),
                                    columns[score + 1] - columns[score], heading.height()),
                             int(Qt.AlignmentFlag.AlignCenter), str(score))
        painter.drawText(QRectF(columns[6], heading.y(), columns[7] - columns[6],
                                heading.height()),
                         int(Qt.AlignmentFlag.AlignCenter),
                         "Scored" if self.hiding() else ("Range" if self.presenter else "Spread"))

    def _paint_row(self, painter: QPainter, box: RowBox, n: int, area: QRectF, body: QFont,
                   bold: QFont, line: float, pad: float) -> None:
        """A row, as far as it lies in `area`: the chips outside it are not drawn (a row
        the headings' strip crosses shows a few pixels of it)."""
        selected = box.index == self.current_row
        spread = self.spreads[box.index]
        painter.fillRect(box.rect, SELECTED_BG if selected else
                         (STRIPE_BG if n % 2 else QColor("#ffffff")))
        painter.setPen(QPen(RULE, 1))
        painter.drawLine(box.rect.bottomLeft(), box.rect.bottomRight())

        if selected:
            painter.setPen(SELECTED_EDGE)
            painter.setFont(bold)
            painter.drawText(QRectF(0, box.label_rect.y(), box.label_rect.x(), line),
                             int(Qt.AlignmentFlag.AlignCenter), "▶")
        painter.setPen(INK)
        painter.setFont(body)
        painter.drawText(box.label_rect, WRAP_TOP_LEFT, self.rows[box.index].label)

        # The spread: tinted and marked in words when it is a gap.
        gap = spread.flagged and not self.hiding()
        if gap:
            painter.fillRect(QRectF(box.spread_rect.x() - pad, box.rect.y() + 1,
                                    box.spread_rect.width() + 2 * pad, box.rect.height() - 2),
                             GAP_BG)
        painter.setPen(GAP_INK if gap else (INK if spread.count else MUTED))
        painter.setFont(bold if gap else body)
        painter.drawText(box.spread_rect, WRAP_TOP_LEFT, self.spread_text(box.index))

        # A line from the lowest to the highest score shows the spread at a glance.
        if spread.count >= 2 and not self.hiding() and spread.minimum and spread.maximum:
            x1 = box.cells[spread.minimum - 1].center().x()
            x2 = box.cells[spread.maximum - 1].center().x()
            colour = GAP_BAND if gap else BAND
            thickness = max(2.0, line * (0.22 if gap else 0.12))
            painter.setPen(QPen(colour, thickness, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            if x2 > x1:
                painter.drawLine(QPointF(x1, box.band_y), QPointF(x2, box.band_y))
            painter.setBrush(colour)
            radius = thickness * 1.2
            for x in {x1, x2}:
                painter.drawEllipse(QPointF(x, box.band_y), radius, radius)
            painter.setBrush(Qt.BrushStyle.NoBrush)

        current_group = self.current_group_item()
        outlined_id = (current_group.id if current_group is not None and not self.presenter
                       else NOBODY)
        chip_pad = self._ensure_geometry().chip_pad
        label = self.rows[box.index].label
        fonts = {body.pointSizeF(): body}
        for chip in box.chips:
            if not chip.rect.adjusted(-4, -4, 4, 4).intersects(area):  # outline included
                continue
            font = fonts.get(chip.point_size)
            if font is None:
                font = fonts[chip.point_size] = QFont(body)
                font.setPointSizeF(chip.point_size)
            self._paint_chip(painter, chip, font, line, chip_pad,
                             outlined=chip.group.id == outlined_id,
                             derived=(label, chip.group.name) in self._room)

    def _paint_chip(self, painter: QPainter, chip: ChipBox, font: QFont, line: float,
                    chip_pad: tuple[float, float], outlined: bool,
                    derived: bool = False) -> None:
        """One chip, in `font` (already at the chip's point size). A chip `derived` from
        the room's answers has a dashed edge; a score typed for the group, a solid one."""
        name = chip.group.colour or NO_COLOUR
        colours = self._colours.get(name)
        if colours is None:
            colour = QColor(name)
            colours = (colour, QPen(colour.darker(150), 1),
                       QColor(text_colour_on(colour.name())))
            self._colours[name] = colours
        fill, edge, ink = colours
        radius = line * 0.3
        if chip.outline is None or chip.outline[0] != radius:
            path = QPainterPath()
            path.addRoundedRect(chip.rect, radius, radius)
            chip.outline = (radius, path)
        path = chip.outline[1]
        painter.fillPath(path, fill)
        painter.setPen(QPen(INK, max(2.0, line * 0.1), Qt.PenStyle.DashLine) if derived
                       else edge)
        painter.drawPath(path)
        if outlined:
            painter.setPen(QPen(INK, 2.5))
            painter.drawRoundedRect(chip.rect.adjusted(-2, -2, 2, 2), radius + 2, radius + 2)
        painter.setPen(ink)
        painter.setFont(font)
        h_pad, v_pad = chip_pad
        inside = chip.rect.adjusted(h_pad, v_pad, -h_pad, -v_pad)
        name = wrappable(chip.group.name)
        if chip.anywhere:
            painter.drawText(inside, name, BREAK_WHERE_NEEDED)
        else:
            painter.drawText(inside, CHIP_FLAGS, name)


def _broken_box(font: QFont, text: str, width: float) -> QRectF:
    """The box `text` takes in `width` as BREAK_WHERE_NEEDED lays it out (QFontMetrics
    measures only by word or anywhere)."""
    layout = QTextLayout(text, font)
    layout.setTextOption(BREAK_WHERE_NEEDED)
    leading = QFontMetricsF(font).leading()
    height = widest = 0.0
    layout.beginLayout()
    line = layout.createLine()
    while line.isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height() + leading
        widest = max(widest, line.naturalTextWidth())
        line = layout.createLine()
    layout.endLayout()
    return QRectF(0, 0, widest, max(0.0, height - leading))


def _same_frame(old: Geometry, new: Geometry) -> bool:
    """True when two geometries differ at most in their rows (same type, columns, section
    headings): then repainting the rows that differ repaints everything that changed."""
    return (old.point_size == new.point_size and old.columns == new.columns
            and old.header == new.header and old.chip_pad == new.chip_pad
            and old.sections == new.sections and old.notes == new.notes
            and len(old.rows) == len(new.rows))


def short_name(name: str, limit: int = 28) -> str:
    """A group's name for a one-line label: cut to `limit` characters with "…", so a
    long name never pushes the grid and its panel off the screen."""
    return shortened(name, limit)


def chip_html(name: str, colour: str | None) -> str:
    """A group's name (shortened) on its colour, as rich text (the name is escaped)."""
    colour = colour or "#bbbbbb"
    return (f'<span style="background-color:{colour}; color:{text_colour_on(colour)};">'
            f"&nbsp;{html.escape(short_name(name))}&nbsp;</span>")


def box_label(spread: RowSpread) -> str:
    """A sentence for a row's spread (tooltips, the gaps list)."""
    if spread.count == 0:
        return f"“{spread.row.label}”: not scored yet"
    if spread.count == 1:
        return f"“{spread.row.label}”: one group has scored it ({spread.minimum})"
    return (f"“{spread.row.label}”: range {spread.range} "
            f"(from {spread.minimum} to {spread.maximum}), {spread.count} groups")
