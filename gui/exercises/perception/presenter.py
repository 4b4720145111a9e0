"""The presenter view: the perception grid for the room, in type large enough for the
back of it, on the second screen when there is one.

It draws with the same `PerceptionGrid` as the laptop (in presenter mode) and follows
the laptop's grid: the selected row and group, and "hide scores". It updates from
`document.changed`, like every view: the scores, and the session's gap threshold.
It never takes the keyboard away from the facilitator: it opens without activating,
and keys that reach it anyway go on to the laptop's grid.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.exercises.perception.grid import PerceptionGrid, chip_html
from gui.room.join_card import JoinCard
from gui.room.status import changes_room, progress_lines, waiting_line
from gui.settings import Settings
from model.changes import Changeset

if TYPE_CHECKING:
    from gui.room.service import RoomService

HEADLINE_SUFFIX = ": perception grid"


class PresenterWindow(QWidget):
    """A top-level window showing `source`'s grid to the room."""

    visibility_changed = Signal(bool)

    def __init__(self, document: SessionDocument, settings: Settings,
                 source: PerceptionGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.document = document
        self.settings = settings
        self.source = source
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAccessibleName("Presenter view")
        self.setStyleSheet("PresenterWindow { background: #ffffff; }")
        self.setAutoFillBackground(True)

        self.grid = PerceptionGrid(document, presenter=True)
        # One line above the grid: what this is, and who is scoring. Ignored widths, so
        # that a long partnership name never makes the window wider than its screen.
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.viewport().installEventFilter(self)
        # While the room is open: how to join, beside the grid, and how many answered.
        self.room: RoomService | None = None
        self.join_card = JoinCard(point_size=16)
        self.join_card.hide()
        self.room_status = QLabel()
        self.room_status.setTextFormat(Qt.TextFormat.PlainText)  # group names
        self.room_status.setWordWrap(True)
        self.room_status.hide()
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(self.scroll, 3)
        body.addWidget(self.join_card, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.room_status)
        layout.addLayout(body, 1)

        self._name = ""
        self._headline = ""
        self.set_point_size(settings.presenter_font_size)
        self.grid.follow(source)
        source.view_changed.connect(self._refresh)
        document.changed.connect(self._on_changed)
        self._read_titles()
        self._refresh()

    # --- showing ----------------------------------------------------------------------

    def present(self) -> None:
        """Full screen on another screen than the laptop's; with one screen (the
        projector mirrors the laptop's), full screen on it.

        With one screen it used to be a window over nine tenths of the laptop's: it hid
        the laptop window without giving the room the whole screen. Full screen, the room
        sees the grid as large as it can be; the keys still go to the laptop's grid, and
        F5 or Esc brings the laptop window back."""
        here = self._laptop_screen()
        others = [s for s in QGuiApplication.screens() if s is not here]
        target = others[0] if others else here
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
        self.showFullScreen()

    def _laptop_screen(self) -> QScreen | None:
        parent = self.parentWidget()
        if parent is not None and parent.window().screen() is not None:
            return parent.window().screen()
        return QGuiApplication.primaryScreen()

    def set_point_size(self, size: int) -> None:
        """The type size the grid uses when it fits (it shrinks to 60% to fit)."""
        size = max(size, 8)
        self.grid.point_size = float(size)
        self.headline.setStyleSheet(f"font-size: {round(size * 0.6)}pt; font-weight: bold; "
                                    "color: #1b2430;")
        self.status.setStyleSheet(f"font-size: {round(size * 0.6)}pt; color: #1b2430;")
        self.room_status.setStyleSheet(f"font-size: {round(size * 0.5)}pt; color: #1d3b1d;")
        self._elide_headline()
        self.grid.relayout()

    def set_room(self, room: RoomService | None) -> None:
        """Show how to join `room` beside the grid while it is open (None: nothing)."""
        if self.room is not None:
            self.room.changed.disconnect(self._show_room)
        self.room = room
        if room is not None:
            room.changed.connect(self._show_room)
        self._show_room()

    def toggle_join_card(self) -> None:
        """Hide the join card once everyone has joined (or show it again)."""
        if self.room is not None and self.room.is_open:
            self.join_card.setVisible(not self.join_card.isVisible())

    def _show_room(self) -> None:
        room = self.room
        if room is not None and room.is_open:
            self.join_card.show_room(room.url, room.address, room.room.code)
            self.join_card.show()
        else:
            self.join_card.hide()
        self._show_room_status()

    def _show_room_status(self) -> None:
        session = self.document.session
        answered = any(r.exercise == "perception" for r in session.room.responses)
        if (self.room is None or not self.room.is_open) and not answered:
            self.room_status.hide()
            return
        lines = progress_lines(session, ("perception",)) + [waiting_line(session)]
        self.room_status.setText("   ".join(line for line in lines if line))
        self.room_status.show()

    # --- what it shows ----------------------------------------------------------------

    def chips(self) -> dict[tuple[str, int], list[str]]:
        """(row label, score) -> the group names drawn in that cell (for checks)."""
        return {(row.label, score): self.grid.shown_chips(index, score)
                for index, row in enumerate(self.grid.rows) for score in range(1, 6)}

    def counts(self) -> dict[str, str]:
        """Row label -> what its last column says (the spread, or how many scored)."""
        return {row.label: self.grid.spread_text(i) for i, row in enumerate(self.grid.rows)}

    def _on_changed(self, changeset: Changeset) -> None:
        if changeset.touches("sessions"):
            self._read_titles()
        if changeset.touches("sessions", "stakeholder_groups", "scores", "perception_rows"):
            self._refresh()
        if changes_room(changeset):
            self._show_room_status()

    def _read_titles(self) -> None:
        """The headline and window title, from the session's names (read only when they
        may have changed: reading the session is the slow part of a live score)."""
        session = self.document.session
        self._name = session.partnership or session.title
        self._headline = f"{self._name}{HEADLINE_SUFFIX}"
        self.setWindowTitle(f"{session.title} — Presenter view")

    def _refresh(self) -> None:
        self._elide_headline()
        group = self.grid.current_group_item()
        parts = []
        if group is not None:
            parts.append(f"Scoring: <b>{chip_html(group.name, group.colour)}</b>")
        self.status.setToolTip(group.name if group is not None else "")
        if self.grid.scores_hidden:
            # A line of its own, under who is scoring: beside it, it crowded the headline.
            parts.append("<i>Scores hidden until revealed</i>")
        if self.isVisible() and self.grid.current_row_item() is not None:
            self._turn_page()
        shown = self.rows_shown()
        if shown and (shown[0] > 0 or shown[1] < len(self.grid.rows) - 1):
            # Not every row fits in legible type: the grid is shown a page at a time,
            # and the room is told which rows it sees.
            # On the first line: a third would crowd the headline out of its room.
            rows = f"Rows {shown[0] + 1}–{shown[1] + 1} of {len(self.grid.rows)}"
            parts[:1] = [f"{parts[0]}  ·  {rows}" if parts else rows]
        self.status.setText("<br>".join(parts))
        self.status.setVisible(bool(parts))

    def rows_shown(self) -> tuple[int, int] | None:
        """The first and last row shown whole (indexes), None before the first layout."""
        geometry = self.grid._ensure_geometry()
        top = self.scroll.verticalScrollBar().value() + geometry.header.height()
        bottom = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height()
        whole = [box.index for box in geometry.rows
                 if box.rect.top() >= top - 0.5 and box.rect.bottom() <= bottom + 0.5]
        return (min(whole), max(whole)) if whole else None

    def _turn_page(self) -> None:
        """Show the selected row whole. When it is off the page, turn the page: the
        selected row goes to the top (going down) or the bottom (going up), so that the
        room sees whole pages of rows rather than a grid creeping a row at a time."""
        row = self.grid.current_row
        shown = self.rows_shown()
        if shown is not None and shown[0] <= row <= shown[1]:
            return
        geometry = self.grid._ensure_geometry()
        box = next((b for b in geometry.rows if b.index == row), None)
        if box is None:
            return
        bar = self.scroll.verticalScrollBar()
        header = geometry.header.height()
        if shown is None or row > shown[1]:
            value = box.rect.top() - header
        else:
            value = box.rect.bottom() + 1 - self.scroll.viewport().height()
        # Sections' headings belong with their first row.
        heading = next((rect for rect, _label in geometry.sections
                        if abs(rect.bottom() - box.rect.top()) < 1), None)
        if heading is not None and value == box.rect.top() - header:
            value = heading.top() - header
        bar.setValue(max(0, math.floor(value)))

    # --- events -----------------------------------------------------------------------

    def _elide_headline(self) -> None:
        self.headline.ensurePolished()
        metrics = QFontMetrics(self.headline.font())
        width = max(self.headline.width(), 50)
        # Shorten the partnership's name, not what the screen shows: the room reads
        # "…: perception grid" whole whenever there is room for it and a few letters.
        room = width - metrics.horizontalAdvance(HEADLINE_SUFFIX)
        if metrics.horizontalAdvance(self._headline) <= width:
            text = self._headline
        elif self._name and room >= metrics.horizontalAdvance("Mm…"):
            text = metrics.elidedText(self._name, Qt.TextElideMode.ElideRight,
                                      room) + HEADLINE_SUFFIX
        else:
            text = metrics.elidedText(self._headline, Qt.TextElideMode.ElideRight, width)
        self.headline.setText(text)
        self.headline.setToolTip(self._headline)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_headline()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self.grid.fit_height = self.scroll.viewport().height()
            self.grid.relayout()
            self._refresh()  # which rows a page holds changes with the height
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
        elif key == Qt.Key.Key_H and modifiers == Qt.KeyboardModifier.ControlModifier:
            self.source.set_scores_hidden(not self.source.scores_hidden)
        elif key == Qt.Key.Key_J and modifiers == Qt.KeyboardModifier.ControlModifier:
            self.toggle_join_card()
        elif key == Qt.Key.Key_Z and modifiers & Qt.KeyboardModifier.ControlModifier:
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                self.document.undo_stack.redo()
            else:
                self.document.undo_stack.undo()
        elif key == Qt.Key.Key_Y and modifiers == Qt.KeyboardModifier.ControlModifier:
            self.document.undo_stack.redo()
        else:
            # Scoring keys pressed while this window has the focus still score.
            forwarded = QKeyEvent(event.type(), key, modifiers, event.text(),
                                  event.isAutoRepeat(), event.count())
            QApplication.sendEvent(self.source, forwarded)
            return
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.grid.fit_height = self.scroll.viewport().height()
        self.grid.relayout()
        self._refresh()
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False)

