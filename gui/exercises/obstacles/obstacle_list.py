"""The obstacles list of the Obstacles step, drawn to be read from the back of a room.

`ObstacleListModel` is a thin Qt adapter over the session's obstacles in one of three
orders (list order, priority, grouped by factor); it stores nothing of its own.
`ObstacleTable` turns the keyboard contract's keys into requests the page carries out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gui.document import SessionDocument
from model import frameworks
from model.changes import Changeset
from model.exercises.obstacles import by_factor, priority_order, rating_text
from model.session import Obstacle

Index = QModelIndex | QPersistentModelIndex

LIST_ORDER, PRIORITY, BY_FACTOR = "list", "priority", "factor"
VIEW_MODES = (LIST_ORDER, PRIORITY, BY_FACTOR)

TEXT_POINTS = 15  # projector size: the room reads the list from the back
SMALL_POINTS = 14

# Rating -> (background, text colour, border). Every badge also says its rating in words,
# so colour is never the only sign (colour-blind readers, monochrome projectors).
RATING_COLOURS: dict[int | None, tuple[str, str, str]] = {
    3: ("#b71c1c", "#ffffff", "#7f0000"),
    2: ("#f28c28", "#1a1a1a", "#b35900"),
    1: ("#ffd54f", "#1a1a1a", "#c8a415"),
    0: ("#2e7d32", "#ffffff", "#1b5e20"),
    None: ("#ffffff", "#555555", "#9e9e9e"),
}

@cache
def font(points: int, bold: bool = False, italic: bool = False) -> QFont:
    """A font of the list (made once: delegates ask for them on every paint)."""
    f = QFont()
    f.setPointSize(points)
    f.setBold(bold)
    f.setItalic(italic)
    return f


@dataclass(frozen=True)
class FactorHeading:
    """The heading row of one factor's group in the grouped view."""

    factor: str | None
    count: int

    @property
    def title(self) -> str:
        label = frameworks.factor_label(self.factor) or "No factor"
        noun = "obstacle" if self.count == 1 else "obstacles"
        # The grouping is the app's, not Box 1's (a flat list): said where it is shown.
        return f"{label} ({self.count} {noun}) · the app's grouping"


Row = Obstacle | FactorHeading


def marks_text(obstacle: Obstacle) -> str:
    """The words in the notes/action column ("notes", "action"), one per line."""
    return "\n".join(word for word, present in (("notes", obstacle.notes.strip()),
                                                ("action", obstacle.action.strip()))
                     if present)


class ObstacleListModel(QAbstractTableModel):
    TEXT, RATING, VOTES, MARKS = range(4)
    headers = ("Obstacle", "Rating", "Votes", "Notes,\naction")

    def __init__(self, document: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.mode = LIST_ORDER
        self._rows: list[Row] = []
        self._numbers: dict[int | None, int] = {}
        self._rows = self._build()
        document.changed.connect(self._on_changed)

    # --- what is shown ------------------------------------------------------------
    def _build(self) -> list[Row]:
        obstacles = self.document.session.obstacles
        visible = [o for o in obstacles if not o.hidden]
        self._numbers = {o.id: n for n, o in enumerate(visible, start=1)}
        if self.mode == PRIORITY:
            return list(priority_order(obstacles))
        if self.mode == BY_FACTOR:
            rows: list[Row] = []
            for factor, items in by_factor(obstacles):
                rows.append(FactorHeading(factor, len(items)))
                rows += items
            return rows
        return visible

    def set_mode(self, mode: str) -> None:
        if mode not in VIEW_MODES:
            raise ValueError(mode)
        self.mode = mode
        self.refresh()

    def _on_changed(self, changeset: Changeset) -> None:
        if changeset.touches("obstacles", "actions"):
            self.refresh()

    def refresh(self) -> None:
        """Redraw from the session. Same rows in the same order: only the cells change
        (so the selection and scroll position stay put); otherwise a reset."""
        rows = self._build()
        if [_key(r) for r in rows] == [_key(r) for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.headers) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def obstacle_at(self, row: int) -> Obstacle | None:
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if isinstance(item, Obstacle) else None

    def row_of(self, obstacle_id: int | None) -> int:
        return next((i for i, r in enumerate(self._rows)
                     if isinstance(r, Obstacle) and r.id == obstacle_id), -1)

    def obstacle_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if isinstance(r, Obstacle)]

    def heading_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if isinstance(r, FactorHeading)]

    def number(self, obstacle: Obstacle) -> int:
        """The obstacle's number in list order (what the room calls it by)."""
        return self._numbers.get(obstacle.id, 0)

    # --- Qt adapter -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.FontRole:
                return font(12, bold=True)
            return None
        obstacle = self.obstacle_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.number(obstacle)) if obstacle else ""
        if role == Qt.ItemDataRole.FontRole:
            return font(SMALL_POINTS)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.obstacle_at(index.row()) is None:
            return Qt.ItemFlag.NoItemFlags  # a factor heading: not selectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if isinstance(item, FactorHeading):
            if role == Qt.ItemDataRole.DisplayRole and column == self.TEXT:
                return item.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return frameworks.own_choice("factors")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._describe(item)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.TEXT, self.MARKS):
            return self._tooltip(item)
        if role == Qt.ItemDataRole.FontRole:
            return font(TEXT_POINTS + 2, bold=True) if column == self.VOTES \
                else font(SMALL_POINTS)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.VOTES and not item.votes:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.VOTES, self.MARKS):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, item: Obstacle, column: int) -> str:
        if column == self.TEXT:
            return item.text
        if column == self.RATING:
            return rating_text(item.rating)
        if column == self.VOTES:
            return str(item.votes)
        return marks_text(item)

    def _describe(self, item: Obstacle) -> str:
        parts = [f"{self.number(item)}. {item.text}",
                 frameworks.factor_label(item.factor) or "no factor",
                 rating_text(item.rating),
                 f"{item.votes} vote" + ("" if item.votes == 1 else "s")]
        marks = marks_text(item).replace("\n", " and ")
        return ", ".join(parts + ([f"has {marks}"] if marks else []))

    def _tooltip(self, item: Obstacle) -> str | None:
        lines = []
        if item.notes.strip():
            lines.append(f"Notes: {item.notes.strip()}")
        if item.action.strip():
            lines.append(f"Agreed action: {item.action.strip()}")
        return "\n".join(lines) or None


def _key(row: Row) -> tuple:
    """What makes a row the same row across a redraw (for keeping the selection)."""
    if isinstance(row, FactorHeading):
        return ("heading", row.factor, row.count)
    return ("obstacle", row.id)


class ObstacleDelegate(QStyledItemDelegate):
    """Reads the obstacle of a row from the list model itself (Python objects are not
    passed through Qt's item data roles)."""

    def __init__(self, model: ObstacleListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.list_model = model

    def obstacle(self, index: Index) -> Obstacle | None:
        return self.list_model.obstacle_at(index.row())


class ObstacleTextDelegate(ObstacleDelegate):
    """The obstacle's words, with its factor on a line below; or a factor heading."""

    PAD = 8

    def _parts(self, index: Index) -> tuple[Obstacle | None, str, str]:
        obstacle = self.obstacle(index)
        if obstacle is None:
            return None, index.data() or "", ""
        if self.list_model.mode == BY_FACTOR:
            return obstacle, obstacle.text, ""  # the group's heading says it
        return obstacle, obstacle.text, frameworks.factor_label(obstacle.factor) or "No factor"

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        obstacle, text, factor = self._parts(index)
        width = max(option.rect.width(), 200) - 2 * self.PAD
        if obstacle is None:
            height = QFontMetrics(font(TEXT_POINTS, bold=True)).height()
            return QSize(width, height + 2 * self.PAD)
        flags = int(Qt.TextFlag.TextWordWrap)
        main = QFontMetrics(font(TEXT_POINTS)).boundingRect(QRect(0, 0, width, 10_000),
                                                           flags, text).height()
        if not factor:
            return QSize(width, main + 2 * self.PAD)
        small = QFontMetrics(font(SMALL_POINTS, italic=True)).boundingRect(
            QRect(0, 0, width, 10_000), flags, f"▸ {factor}").height()
        return QSize(width, main + small + 3 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        obstacle, text, factor = self._parts(index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget else None
        painter.save()
        if obstacle is None:
            painter.fillRect(option.rect, QColor("#dde6f0"))
            painter.setPen(QColor("#1a2b3c"))
            painter.setFont(font(TEXT_POINTS, bold=True))
            painter.drawText(option.rect.adjusted(self.PAD, 0, -self.PAD, 0),
                             int(Qt.AlignmentFlag.AlignVCenter), text)
            painter.restore()
            return
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pen = option.palette.highlightedText().color() if selected \
            else option.palette.text().color()
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.setFont(font(TEXT_POINTS))
        painter.setPen(pen)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
                    | Qt.AlignmentFlag.AlignTop)
        used = painter.boundingRect(rect, flags, text)
        painter.drawText(rect, flags, text)
        if not factor:
            painter.restore()
            return
        painter.setFont(font(SMALL_POINTS, italic=True))
        painter.setPen(pen if selected else QColor("#3d5a80"))
        factor_rect = QRect(rect.left(), used.bottom() + self.PAD // 2, rect.width(),
                            rect.bottom() - used.bottom())
        painter.drawText(factor_rect, flags, f"▸ {factor}")
        painter.restore()


class RatingBadgeDelegate(ObstacleDelegate):
    """A coloured badge that also says the rating in words ("2 significant")."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(font(SMALL_POINTS, bold=True))
        return QSize(metrics.horizontalAdvance("0 not an issue") + 36, metrics.height() + 20)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        obstacle = self.obstacle(index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget
        if widget:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter,
                                       widget)
        if obstacle is None:
            return
        paint_badge(painter, option.rect, obstacle.rating)


def paint_badge(painter: QPainter, cell: QRect, rating: int | None) -> None:
    """Draw the rating badge centred in `cell`."""
    background, colour, border = RATING_COLOURS[rating]
    text = rating_text(rating)
    badge_font = font(SMALL_POINTS, bold=rating is not None)
    metrics = QFontMetrics(badge_font)
    width = min(cell.width() - 8, metrics.horizontalAdvance(text) + 24)
    height = metrics.height() + 10
    rect = QRect(cell.center().x() - width // 2, cell.center().y() - height // 2, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(border), 1.5)
    if rating is None:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor(background))
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setFont(badge_font)
    painter.setPen(QColor(colour))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


class ObstacleTable(QTableView):
    """The list. Keys (contracts/keyboard.md): Up/Down select the previous/next obstacle
    as shown, 0-3 rate, + / - vote, Delete clears the rating; Ctrl+Up/Down move,
    Insert adds an own obstacle, F2 edits its wording. The page carries the requests out."""

    rate_requested = Signal(object)  # 0-3, or None to clear
    vote_requested = Signal(int)  # +1 / -1
    move_requested = Signal(int)  # -1 up / +1 down
    add_requested = Signal()
    edit_requested = Signal()

    RATING_KEYS = {Qt.Key.Key_0: 0, Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3}
    PLUS_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
    MINUS_KEYS = (Qt.Key.Key_Minus, Qt.Key.Key_Underscore)

    def __init__(self, model: ObstacleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegateForColumn(ObstacleListModel.TEXT, ObstacleTextDelegate(model, self))
        self.setItemDelegateForColumn(ObstacleListModel.RATING,
                                      RatingBadgeDelegate(model, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName("Obstacles")
        self.setFont(font(TEXT_POINTS))
        self.setStyleSheet("QTableView { gridline-color: #d0d0d0; }"
                           "QTableView::item:selected { background: #1f4e79; color: white; }")
        header = self.horizontalHeader()
        header.setSectionResizeMode(ObstacleListModel.TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((ObstacleListModel.RATING, 164), (ObstacleListModel.VOTES, 66),
                              (ObstacleListModel.MARKS, 78)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, width)
        header.setHighlightSections(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        rows.setMinimumWidth(36)
        model.modelReset.connect(self._set_spans)
        model.dataChanged.connect(lambda *_: self.resizeRowsToContents())
        self._set_spans()

    def obstacle_model(self) -> ObstacleListModel:
        model = self.model()
        assert isinstance(model, ObstacleListModel)
        return model

    def current_obstacle(self) -> Obstacle | None:
        index = self.currentIndex()
        return self.obstacle_model().obstacle_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        model = self.obstacle_model()
        if model.obstacle_at(row) is None:
            return
        self.setCurrentIndex(model.index(row, ObstacleListModel.TEXT))
        self.scrollTo(self.currentIndex())
        # Rows are measured again after a redraw; scroll once more when they have been.
        QTimer.singleShot(0, lambda: self.scrollTo(self.currentIndex()))

    def select_obstacle(self, obstacle_id: int | None) -> bool:
        row = self.obstacle_model().row_of(obstacle_id)
        if row < 0:
            return False
        self.select_row(row)
        return True

    def step(self, direction: int) -> None:
        """Select the previous (-1) or next (+1) obstacle as shown (headings skipped)."""
        rows = self.obstacle_model().obstacle_rows()
        if not rows:
            return
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        if direction > 0:
            target = next((r for r in rows if r > current), None)
        else:
            target = next((r for r in reversed(rows) if r < current), None)
        if target is None:
            target = rows[0] if current < 0 else current
        self.select_row(target)

    def _set_spans(self) -> None:
        self.clearSpans()
        for row in self.obstacle_model().heading_rows():
            self.setSpan(row, 0, 1, self.obstacle_model().columnCount())
        self.resizeRowsToContents()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        other = bool(mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier))
        if other:
            super().keyPressEvent(event)
            return
        if ctrl:
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(-1 if key == Qt.Key.Key_Up else 1)
        elif key in self.RATING_KEYS:
            self.rate_requested.emit(self.RATING_KEYS[key])
        elif key in self.PLUS_KEYS:  # "+" is Shift+= on many keyboards: accept both
            self.vote_requested.emit(1)
        elif key in self.MINUS_KEYS:
            self.vote_requested.emit(-1)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.rate_requested.emit(None)
        elif key == Qt.Key.Key_Insert:
            self.add_requested.emit()
        elif key == Qt.Key.Key_F2:
            self.edit_requested.emit()
        else:
            super().keyPressEvent(event)
