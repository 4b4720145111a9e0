"""Step 3, Typology: where each participant places the partnership now and where it
needs to be, how far the room agrees, and the board's agreed placement and why."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.actions import widget_key
from gui.document import SessionDocument
from gui.exercises.typology.grid import NO_GROUP_COLOUR, GridState, TypologyGrid
from gui.widgets.bound_text import BoundText
from model import frameworks
from model.changes import Changeset
from model.exercises.typology import (
    Agreement,
    Placer,
    agreement,
    cell_label,
    initials,
    movement,
    place,
    placer_colours,
    placer_of,
    placers,
    remove_placement,
    set_agreed,
    set_rationale,
)
from model.palette import text_colour_on
from model.room import results as room_results
from model.session import Cell, Placement, Session

TABLES = ("placements", "sessions", "participants", "stakeholder_groups", "responses",
          "respondents")
HORIZON_BUTTONS = {"now": "●  Now  (N)", "needed": "▢  Needed  (H)"}
SHAPES = {"now": "●", "needed": "▢"}


def marker_icon(text: str, colour: str | None, size: int = 26) -> QIcon:
    """The placer's marker as it appears on the grid, for the placing-for list."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = colour or NO_GROUP_COLOUR
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.42 if len(text) < 3 else 0.34)))
    painter.setFont(font)
    painter.setPen(QColor(text_colour_on(fill)))
    painter.drawText(QRectF(0, 0, size, size), int(Qt.AlignmentFlag.AlignCenter), text)
    painter.end()
    return QIcon(pixmap)


# The side panel's labels wrap, so its scroll area sizes it by preferred heights: Qt's
# preferred 192 pixels for a list or a text box put the rationale below the fold on a
# 720-pixel projector screen. These ask only for their minimum height; the list still
# takes the room left over (it has the panel's stretch).

class ShortList(QListWidget):
    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class ShortTextEdit(QPlainTextEdit):
    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class TypologyPage(QWidget):
    """The grid on the left; who is placing, the horizon, agreement and the board's
    agreed placement on the right."""

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.horizon = "now"
        self.placers: list[str] = []  # the "placing for" list as shown
        self._placers: list[Placer] = []  # the same, as the edits find them (by id)

        self.grid = TypologyGrid()
        self.grid.place_requested.connect(self.place_selected)
        self.grid.move_requested.connect(self._move)
        self.grid.entry_clicked.connect(self.select_entry)
        self.grid.horizon_requested.connect(self.set_horizon)
        self.grid.remove_requested.connect(self.remove_selected)
        self.grid.entry_step.connect(self._step_entry)
        self.grid.agree_requested.connect(lambda: self.agree_cursor(self.horizon))
        self.grid.cursor_moved.connect(lambda _cell: self._show_agreed())

        side = QVBoxLayout()
        side.setSpacing(6)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)

        horizon_row = QHBoxLayout()
        self.horizon_buttons = QButtonGroup(self)
        self.horizon_buttons.setExclusive(True)
        self.horizon_button: dict[str, QPushButton] = {}
        for horizon, text in HORIZON_BUTTONS.items():
            button = QPushButton(text)
            button.setCheckable(True)
            button.setFont(big)
            button.setStyleSheet("QPushButton:checked { background: #222; color: white; }")
            # Clicking keeps the keys on the grid.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"Place for {horizon}")
            button.clicked.connect(lambda _=False, h=horizon: self.set_horizon(h))
            self.horizon_buttons.addButton(button)
            self.horizon_button[horizon] = button
            horizon_row.addWidget(button)
        side.addLayout(horizon_row)

        self.placing_label = QLabel()
        self.placing_label.setWordWrap(True)
        side.addWidget(self.placing_label)
        self.placing = ShortList()
        self.placing.setAccessibleName("Placing for")
        self.placing.setToolTip("Whose marker Enter or a click places. Click a name, or use "
                                "PageUp / PageDown on the grid. ● placed now, ▢ placed needed.")
        # The list never takes the keyboard: the arrows must keep moving the grid cursor.
        self.placing.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.placing.setIconSize(QSize(26, 26))
        # A long name wraps within the panel: it never scrolls the list sideways.
        self.placing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placing.setWordWrap(True)
        self.placing.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.placing.currentRowChanged.connect(self._entry_changed)
        # About four names, however much text is below: on a 720-pixel projector screen
        # the rationale must still be in sight without scrolling the panel.
        self.placing.setMinimumHeight(124)
        side.addWidget(self.placing, 1)

        box = QGroupBox("How far the room agrees")
        box_layout = QVBoxLayout(box)
        self.agreement_label: dict[str, QLabel] = {}
        for horizon in ("now", "needed"):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAccessibleName(f"Agreement {horizon}")
            label.setToolTip("Spread: 0 when everyone placed in the same cell, 1 when "
                             "they are in opposite corners")
            self.agreement_label[horizon] = label
            box_layout.addWidget(label)
        self.room_label = QLabel()  # what the room placed from phones and paper cards
        self.room_label.setWordWrap(True)
        self.room_label.setTextFormat(Qt.TextFormat.PlainText)
        self.room_label.setAccessibleName("The room's placements")
        self.room_label.setStyleSheet("color: #1d3b1d;")
        box_layout.addWidget(self.room_label)
        side.addWidget(box)

        agreed_box = QGroupBox("The board's agreed placement")
        agreed_layout = QVBoxLayout(agreed_box)
        self.agreed_label = QLabel()
        self.agreed_label.setWordWrap(True)
        agreed_layout.addWidget(self.agreed_label)
        buttons = QHBoxLayout()
        self.agree_button: dict[str, QPushButton] = {}
        for horizon in ("now", "needed"):
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, h=horizon: self.agree_cursor(h))
            self.agree_button[horizon] = button
            buttons.addWidget(button)
        agreed_layout.addLayout(buttons)
        agreed_layout.addWidget(QLabel("Why (rationale):"))
        self.rationale = ShortTextEdit()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setPlaceholderText("Why the board agreed these cells "
                                          "(Esc: back to the grid)")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setMaximumHeight(90)
        self.rationale.setMinimumHeight(64)
        self.rationale_binding = BoundText(
            document, self.rationale, lambda s: s.typology.agreed.rationale, set_rationale)
        agreed_layout.addWidget(self.rationale)
        # Escape hands the keys back to the grid (the text is saved on leaving).
        widget_key(self.rationale, Qt.Key.Key_Escape,
                   lambda: self.grid.setFocus(Qt.FocusReason.ShortcutFocusReason))
        side.addWidget(agreed_box)

        side_widget = QWidget()
        side_widget.setLayout(side)
        # The panel scrolls on its own when the screen is short, so the grid always fits.
        side_scroll = QScrollArea()
        side_scroll.setWidget(side_widget)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setFixedWidth(310 + side_scroll.verticalScrollBar().sizeHint().width())
        # Figure 1 credited as the briefing credits it, with its own caveat.
        self.credit = QLabel(f"{frameworks.title_of('typology')}: "
                             f"{frameworks.typology_credit()}.")
        self.credit.setWordWrap(True)
        self.credit.setStyleSheet("color: #555555;")
        self.credit.setToolTip(frameworks.typology_caveat())
        self.credit.setAccessibleName("Source of the grid")
        grid_column = QVBoxLayout()
        grid_column.setContentsMargins(0, 0, 0, 0)
        grid_column.setSpacing(2)
        grid_column.addWidget(self.grid, 1)
        grid_column.addWidget(self.credit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid_column, 1)
        layout.addWidget(side_scroll)
        self.setTabOrder(self.grid, self.rationale)

        document.changed.connect(self._on_changed)
        self.refresh()
        self.set_horizon("now")

    # --- the keyboard contract's starting state ----------------------------------------------

    def focus_main(self) -> None:
        """Shown: cursor top-left, first entry selected, horizon now, keys on the grid."""
        self.grid.set_cursor(0, 0)
        if self.placers:
            self.placing.setCurrentRow(0)
        self.set_horizon("now")
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- who, and which horizon -----------------------------------------------------

    def selected(self) -> str | None:
        placer = self.selected_placer()
        return placer.label if placer else None

    def selected_placer(self) -> Placer | None:
        row = self.placing.currentRow()
        return self._placers[row] if 0 <= row < len(self._placers) else None

    def select_entry(self, placement: Placement) -> None:
        """Select whoever placed `placement` (a marker was clicked)."""
        row = _index(self._placers, placer_of(placement))
        if row is not None:
            self.placing.setCurrentRow(row)

    def _step_entry(self, step: int) -> None:
        if self.placers:
            row = max(0, min(len(self.placers) - 1, self.placing.currentRow() + step))
            self.placing.setCurrentRow(row)

    def _entry_changed(self, _row: int) -> None:
        self._show_grid()
        self._show_placing_label()

    def set_horizon(self, horizon: str) -> None:
        self.horizon = horizon
        self.horizon_button[horizon].setChecked(True)
        self._show_grid()
        self._show_placing_label()

    # --- edits -----------------------------------------------------------------------

    def place_selected(self, cell: Cell) -> None:
        """Place the selected entry in `cell` for the current horizon, then select the
        next entry (the one after it in the list)."""
        placer = self.selected_placer()
        if placer is None:
            self.document.message.emit(
                "Nobody to place for: add participants or stakeholder groups in Set-up.")
            return
        if self.document.edit(lambda e: place(e, placer, self.horizon, cell)):
            self._step_entry(1)

    def _move(self, placement: Placement, cell: Cell) -> None:
        self.document.edit(lambda e: place(e, placer_of(placement), placement.horizon, cell))

    def remove_selected(self) -> None:
        placer = self.selected_placer()
        if placer is not None:
            self.document.edit(lambda e: remove_placement(e, placer, self.horizon))

    def agree_cursor(self, horizon: str) -> None:
        """Agree the cursor cell for `horizon`; if it is already agreed, clear it."""
        cell = self.grid.cursor_cell()
        agreed = self._agreed(self.document.session)[horizon]
        self.document.edit(lambda e: set_agreed(e, horizon, None if agreed == cell else cell))

    # --- showing -------------------------------------------------------------------------

    def _on_changed(self, changeset: Changeset) -> None:
        if changeset.touches(*TABLES):
            self.refresh()

    def refresh(self) -> None:
        session = self.document.session
        previous = self.selected_placer()
        row = self.placing.currentRow()
        self._placers = present_placers(session)
        self.placers = [p.label for p in self._placers]
        colours = placer_colours(session)
        placed = {(_key(placer_of(p)), p.horizon) for p in session.typology.placements}
        self.placing.blockSignals(True)
        self.placing.clear()
        for placer in self._placers:
            name = placer.label
            done = [h for h in ("now", "needed") if (_key(placer), h) in placed]
            marks = "  ".join(SHAPES[h] for h in done)
            item = QListWidgetItem(marker_icon(initials(name), colours.get(name)),
                                   f"{name}   {marks}" if marks else name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{name}, placed: {', '.join(done) or 'not yet'}")
            self.placing.addItem(item)
        if previous is not None and _index(self._placers, previous) is not None:
            row = _index(self._placers, previous)
        row = min(max(row, 0), len(self.placers) - 1)
        if row >= 0:
            self.placing.setCurrentRow(row)
        self.placing.blockSignals(False)
        self._show_grid()
        self._show_agreement()
        self._show_agreed()
        self._show_placing_label()

    def _agreed(self, session: Session) -> dict[str, Cell | None]:
        return {"now": session.typology.agreed.now, "needed": session.typology.agreed.needed}

    def _show_grid(self) -> None:
        session = self.document.session
        groups = {}
        if session.participants:
            groups = {session.participant_label(i): p.group
                      for i, p in enumerate(session.participants)}
        self.grid.show_state(GridState(
            placements=session.typology.placements,
            placers=self.placers,
            colours=placer_colours(session),
            groups=groups,
            horizon=self.horizon,
            selected=self.selected(),
            agreement=agreement(session.typology.placements, self.horizon),
            agreed=self._agreed(session),
            arrow=movement(session),
        ))

    def _show_placing_label(self) -> None:
        who = self.selected() or "nobody (add participants or groups in Set-up, " \
                                 "or mark them present)"
        self.placing_label.setText(
            f"Placing <b>{_escape(who)}</b> for <b>{SHAPES[self.horizon]} {self.horizon}</b>")
        self.placing_label.setToolTip("Click a name, or PageUp / PageDown on the grid")

    def _show_agreement(self) -> None:
        session = self.document.session
        placements = session.typology.placements
        for horizon in ("now", "needed"):
            self.agreement_label[horizon].setText(
                agreement_html(agreement(placements, horizon)))
        answered = room_results.answered(session, "typology")
        texts = room_results.typology_texts(session)
        if answered and not texts:
            texts = [f"The room: {room_results.progress(session, 'typology')}; its "
                     f"placements show once {session.room.anonymity_floor} have answered."]
        self.room_label.setText("\n".join(texts))
        self.room_label.setVisible(bool(texts))

    def _show_agreed(self) -> None:
        session = self.document.session
        agreed = self._agreed(session)
        lines = []
        for horizon in ("now", "needed"):
            cell = agreed[horizon]
            lines.append(f"{SHAPES[horizon]} {horizon.capitalize()}: "
                         f"{cell_label(cell) if cell else 'not agreed yet'}")
        start, end = movement(session)
        # The move is the grid's arrow; said in words to a screen reader and a tooltip
        # (two more lines here would push the rationale below a projector's fold).
        move = f"Move: {cell_label(start)} → {cell_label(end)}" \
            if start and end and start != end else ""
        self.agreed_label.setText("\n".join(lines))
        self.agreed_label.setToolTip(move)
        self.agreed_label.setAccessibleDescription(move)
        cursor = self.grid.cursor_cell()
        for horizon, button in self.agree_button.items():
            if agreed[horizon] == cursor:
                button.setText(f"Clear agreed {horizon}")
                tip = f"The cursor cell is the agreed {horizon} cell: clear it"
            else:
                button.setText(f"Agree as {horizon}")
                tip = f"Agree the cursor cell ({cell_label(cursor)}) as where the " \
                      f"partnership is {horizon} (A agrees for the horizon being placed)"
            button.setToolTip(tip)
            button.setAccessibleName(button.text())


def present_placers(session: Session) -> list[Placer]:
    """The "placing for" list: who places, in list order, without the participants
    marked absent in Set-up (their earlier placements stay on the grid)."""
    if not session.participants:
        return placers(session)
    absent = {p.id for p in session.participants if not p.present}
    return [placer for placer in placers(session) if placer.participant_id not in absent]


def _key(placer: Placer) -> tuple:
    """Who a placer is, whatever they are shown as now."""
    if placer.participant_id is not None or placer.group_id is not None:
        return placer.participant_id, placer.group_id
    return None, None, placer.label


def _index(placers: list[Placer], placer: Placer) -> int | None:
    key = _key(placer)
    return next((i for i, p in enumerate(placers) if _key(p) == key), None)


def agreement_html(a: Agreement) -> str:
    """One horizon's agreement in words: the most common cell, the share, a warning."""
    title = f"<b>{SHAPES[a.horizon]} {a.horizon.capitalize()}</b>"
    if not a.total:
        return f"{title}: nobody placed yet"
    cells = " / ".join(cell_label(c) for c in a.modal_cells)
    tie = " (tie)" if len(a.modal_cells) > 1 else ""
    text = f"{title}: most common {_escape(cells)}{tie}: <b>{a.share_text()}</b>"
    if a.shared_view:
        text += "<br>Shared view"
    else:
        text += ("<br><span style='color:#b00020; font-weight:bold'>"
                 "⚠ No shared view</span> (fewer than half agree)")
    # On the same line, so the panel fits a 720-pixel screen (the scale: the tooltip).
    if a.total < 2:  # a spread needs two placements to measure
        return text + "<small> · Spread: shown once two people have placed</small>"
    return text + f"<small> · Spread {a.spread:.2f}</small>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
