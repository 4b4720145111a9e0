"""The three-layer framework's page: the Audit Commission's three layers (strategic,
executive, operational, with what each does: the seed's words), the body or group the
board names at each, its mark (missing, duplicated: the app's own) and a note; below,
who holds each partner body's seat on the strategic decision-making group (first-tier
leader, second-tier leader, someone else, not represented, or not recorded).

Keys on the layers: Up/Down select a layer; M missing, D duplicated (again: clear),
Delete clears the mark; F2 or Enter edits the body, Enter again the note; Esc goes back
to the layers. Tab goes to the seats: Up/Down select a partner body; 1 first-tier, 2
second-tier, 3 someone else, 4 not represented, Delete not recorded; Tab (or Shift+Tab)
goes back to the layers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.widgets.table_page import PLAIN, TablePage, read_only_cell, selected_of
from model import frameworks
from model.exercises import layers
from model.exercises.layers import LAYERS

MARK_KEYS = {Qt.Key.Key_M: "missing", Qt.Key.Key_D: "duplicated"}
SEAT_KEYS = {getattr(Qt.Key, f"Key_{n}"): seat for n, seat in enumerate(layers.SEATS, 1)}
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
# Fill and ink of a mark, and of a seat, as the PDF draws them: what needs action stands
# out (missing and not represented darkest), a leader's seat is quiet green.
LAYER_COLUMNS = ("Layer", "What it does (Audit Commission)", "Body or group",
                 "Mark (M, D)", "Note")
SEAT_COLUMNS = ("Partner body", "Seat: 1 first-tier · 2 second-tier · 3 someone else · "
                "4 not represented")


class LayersPage(TablePage):
    watches = ("layers", "layer_seats", "organisations")

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        source = frameworks.citation(frameworks.seed_of("layers"))
        head = self._head(
            frameworks.title_of("layers"),
            f"{source}, <i>Working better together</i>: partnerships should work at three "
            "layers, each doing what “What it does” says (the Commission's words). "
            f"{frameworks.own_choice('layers')}",
            "Up/Down: layer · M missing · D duplicated (again: clear) · F2 or Enter: body, "
            "Enter: note · Esc: back · Tab: the seats (Up/Down, 1–4, Delete: not recorded)")

        self._make_table(LAYER_COLUMNS, "The three layers")
        header = self.table.horizontalHeader()
        for column in (0, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeaderItem(1).setToolTip(frameworks.layers_framework())
        for column in (2, 3, 4):
            self.table.horizontalHeaderItem(column).setToolTip(frameworks.own_choice("layers"))
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.detail = detail = QGroupBox()
        self.body, self.body_text = self._field(
            "Who does this here, e.g. “Partnership Board”; several: “A; B”",
            "Body or group",
            lambda s: layers.layer(s, self._layer()).body,
            lambda e, v: layers.set_body(e, self._layer(), v), ("layers",))
        self.note, self.note_text = self._field(
            "What to do about it (Esc: back to the layers)", "Note",
            lambda s: layers.layer(s, self._layer()).note,
            lambda e, v: layers.set_note(e, self._layer(), v), ("layers",))
        form = QHBoxLayout(detail)
        for label, field in (("&Body or group", self.body), ("N&ote", self.note)):
            buddy = QLabel(label)
            buddy.setBuddy(field)
            form.addWidget(buddy)
            form.addWidget(field, 1)

        seats_box = QGroupBox("Representation on the partnership's strategic "
                              "decision-making group")
        seats_box.setToolTip(frameworks.seats_quote())
        self.seats_source = QLabel(
            f"Why it matters: “{frameworks.why_tiers_matter()}” "
            f"({frameworks.citation(frameworks.seats_seed())}). "
            "“Someone else” and “not represented” are the app's own.")
        self.seats_source.setWordWrap(True)
        self.seats_empty = QLabel("No partner bodies yet: add them in Set-up (Ctrl+1).")
        self.seats_table = seats = QTableWidget(0, len(SEAT_COLUMNS))
        seats.setAccessibleName("Seats on the strategic group")
        seats.setHorizontalHeaderLabels(SEAT_COLUMNS)
        seats.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        seats.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        seats.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        seats.verticalHeader().setVisible(False)
        seats.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        seats.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        seats.horizontalHeaderItem(1).setToolTip(frameworks.why_tiers_matter())
        seats.installEventFilter(self)
        seats.currentCellChanged.connect(lambda row, *_: self._seat_selected(row))
        self.seat_position = 0
        seats_layout = QVBoxLayout(seats_box)
        seats_layout.addWidget(self.seats_source)
        seats_layout.addWidget(self.seats_empty)
        seats_layout.addWidget(seats, 1)
        seats_layout.addStretch(0)  # takes the room instead of the table when it is hidden
        self.seats_layout = seats_layout

        # The selected row of the table without the keyboard in pale grey, so the board
        # sees which of the two tables the keys act on.
        self._palettes = {table: (table.palette(), _pale(table.palette()))
                          for table in (self.table, seats)}
        seats.setPalette(self._palettes[seats][1])
        self._lay_out(*head, self.table, detail, seats_box)
        outer = self.layout()
        outer.setStretchFactor(self.table, 0)
        outer.setStretchFactor(seats_box, 1)

    # --- what is shown ---------------------------------------------------------------

    def _layer(self) -> str:
        return LAYERS[min(self.position, len(LAYERS) - 1)]

    def _fill(self) -> None:
        rows = layers.layers(self.document.session)
        self.table.setRowCount(len(rows))
        for r, x in enumerate(rows):
            cells = (layers.layer_label(x.layer).capitalize(), layers.layer_does(x.layer),
                     x.body, layers.mark_label(x.mark) or "—", x.note)
            for column, value in enumerate(cells):
                cell = read_only_cell(value, whole=column == 1)  # the Commission's words
                if column == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    _paint(cell, layers.MARK_COLOURS.get(x.mark or ""))
                self.table.setItem(r, column, cell)
        self.table.resizeRowsToContents()
        self._fit_layers()
        self._fill_seats()
        self._show_detail()

    def _fit_layers(self) -> None:
        """The layers table exactly as tall as its three rows: the seats get the rest."""
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()
        self._fit_layers()

    def _fill_seats(self) -> None:
        seats = layers.seats(self.document.session)
        table = self.seats_table
        table.blockSignals(True)
        table.setRowCount(len(seats))
        for r, s in enumerate(seats):
            table.setItem(r, 0, read_only_cell(s.organisation))
            cell = read_only_cell(layers.seat_label(s.seat))
            _paint(cell, layers.SEAT_COLOURS.get(s.seat or ""))
            if s.seat is None:
                cell.setForeground(QBrush(QColor("#666666")))
                font = cell.font()
                font.setItalic(True)
                cell.setFont(font)
            table.setItem(r, 1, cell)
        if seats:
            self.seat_position = min(self.seat_position, len(seats) - 1)
            table.setCurrentCell(self.seat_position, table.currentColumn()
                                 if table.currentColumn() >= 0 else 0)
        table.blockSignals(False)
        self.seats_empty.setVisible(not seats)
        table.setVisible(bool(seats))  # an empty table would look like a fault
        self.seats_layout.setStretch(self.seats_layout.count() - 1, 0 if seats else 1)

    def _show_detail(self) -> None:
        for field in (self.body, self.note):
            field.setEnabled(not self.document.read_only)
        self.detail.setTitle(f"Selected: the {layers.layer_label(self._layer())} layer")

    def _seat_selected(self, row: int) -> None:
        if row >= 0:
            self.seat_position = row

    # --- edits: one document.edit each ------------------------------------------------

    def toggle_mark(self, mark: str) -> None:
        name = self._layer()
        self.document.edit(lambda e: layers.toggle_mark(e, name, mark))

    def clear_mark(self) -> None:
        name = self._layer()
        self.document.edit(lambda e: layers.set_mark(e, name, None))

    def set_seat(self, seat: str | None) -> None:
        organisation = selected_of(self.document.session.organisations, self.seat_position)
        if organisation is not None:
            self.document.edit(lambda e: layers.set_seat(e, organisation.id, seat))

    # --- keys ------------------------------------------------------------------------

    def table_key(self, key: int) -> bool:
        if key in MARK_KEYS:
            self.toggle_mark(MARK_KEYS[key])
            return True
        if key in CLEAR_KEYS:
            self.clear_mark()
            return True
        if key in TAB_KEYS:
            self.focus_seats()
            return True
        return False

    def focus_seats(self) -> None:
        if self.seats_table.currentRow() < 0 and self.seats_table.rowCount():
            self.seats_table.setCurrentCell(0, 0)
        self.seats_table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut) \
                and watched in getattr(self, "_palettes", {}):
            normal, pale = self._palettes[watched]  # type: ignore[index]
            watched.setPalette(normal if event.type() == QEvent.Type.FocusIn else pale)  # type: ignore[attr-defined]
            return False
        # Fields filter their keys while the page is still being built: no seats yet.
        if (watched is getattr(self, "seats_table", None) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.modifiers() in PLAIN):
            key = event.key()
            if key in SEAT_KEYS:
                self.set_seat(SEAT_KEYS[key])
                return True
            if key in CLEAR_KEYS:
                self.set_seat(None)
                return True
            if key in TAB_KEYS:
                self.table.setFocus()
                return True
            return False
        return super().eventFilter(watched, event)


def _paint(cell, colours: tuple[str, str] | None) -> None:
    """A mark or seat in its colours, bold (its words say it too: colour is never the
    only sign)."""
    if colours is None:
        return
    fill, ink = colours
    cell.setBackground(QBrush(QColor(fill)))
    cell.setForeground(QBrush(QColor(ink)))
    font = cell.font()
    font.setBold(True)
    cell.setFont(font)


def _pale(palette: QPalette) -> QPalette:
    """`palette` with a pale grey selection."""
    pale = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pale.setColor(group, QPalette.ColorRole.Highlight, QColor("#d5dbe5"))
        pale.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#1a1a1a"))
    return pale
