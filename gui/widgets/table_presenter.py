"""The presenter view of a page built on a table (Box 2, the sharing test, value for
money, the three-layer framework): F5 shows the page's table to the room, full screen
on the projector, in type the back of the room can read, following the laptop's table
as the board's answers go in (the selected row stays marked). Read-only: the keys stay
with the laptop, and F5 or Esc brings the laptop's window back."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

POINTS = 18  # the table's type on the projector, at the least
SHORT = 12  # characters: a column no longer than this (a mark, a number) fits its words


def _without_keys(heading: str) -> str:
    """A column's heading without the laptop's keys ("1 Services", "Mark (M, D)"): the
    room has no keyboard."""
    return _KEYS.sub("", heading)


_KEYS = re.compile(r"^\d+ |\s*\([A-Z](, [A-Z])*\)$")


class TablePresenter(QWidget):
    """A top-level window mirroring `source` (a page's table) under `title`."""

    def __init__(self, source: QTableWidget, title: str, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.source = source
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAccessibleName("Presenter view")
        self.setStyleSheet("TablePresenter { background: #ffffff; }")
        self.setAutoFillBackground(True)
        self.setWindowTitle(title)

        # The room's type: at least POINTS, and half again the laptop's (which a user
        # may have made larger).
        points = max(POINTS, round(source.font().pointSizeF() * 1.5))
        self.headline = QLabel(title)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setStyleSheet(f"font-size: {points + 4}pt; font-weight: bold;")
        self.table = QTableWidget()
        font = self.table.font()
        font.setPointSize(points)
        self.table.setFont(font)
        self.table.horizontalHeader().setFont(font)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)

        # The laptop's table is refilled whole on every edit: copy it once that is done.
        self._copy_soon = QTimer(self, singleShot=True, interval=0)
        self._copy_soon.timeout.connect(self.copy)
        model = source.model()
        for signal in (model.dataChanged, model.modelReset, model.rowsInserted,
                       model.rowsRemoved, model.layoutChanged):
            signal.connect(self._copy_soon.start)
        source.currentCellChanged.connect(self._copy_soon.start)
        self.copy()

    def copy(self) -> None:
        """The laptop's table as it is now: every cell's words, colours and alignment,
        the selected row marked."""
        source, table = self.source, self.table
        table.setColumnCount(source.columnCount())
        table.setRowCount(source.rowCount())
        table.setHorizontalHeaderLabels([
            _without_keys(source.horizontalHeaderItem(c).text())
            if source.horizontalHeaderItem(c) else "" for c in range(source.columnCount())])
        # Columns of short marks and numbers fit their words; texts share the rest.
        mode = QHeaderView.ResizeMode
        for column in range(source.columnCount()):
            short = all(len(source.item(row, column).text()) <= SHORT
                        for row in range(source.rowCount()) if source.item(row, column))
            table.horizontalHeader().setSectionResizeMode(
                column, mode.ResizeToContents if short else mode.Stretch)
        selected = source.currentRow()
        for row in range(source.rowCount()):
            for column in range(source.columnCount()):
                item = source.item(row, column)
                if item is None:
                    table.takeItem(row, column)
                    continue
                cell = item.clone()
                cell.setToolTip("")
                if row == selected and column == 0:
                    font = table.font()
                    font.setBold(True)
                    cell.setFont(font)
                    cell.setText(f"▶ {item.text()}")
                elif item.font() != source.font():
                    font = table.font()
                    font.setBold(item.font().bold())
                    font.setItalic(item.font().italic())
                    cell.setFont(font)
                table.setItem(row, column, cell)
        table.resizeRowsToContents()
        if 0 <= selected < source.rowCount():
            table.scrollToItem(table.item(selected, 0) or table.item(selected, 1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Rows as high as their words at the columns' widths once laid out anew.
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    def present(self) -> None:
        """Full screen on another screen than the laptop's; with one screen (the
        projector mirrors the laptop's), full screen on it."""
        here = self.parentWidget().window().screen() if self.parentWidget() else None
        others = [s for s in QGuiApplication.screens() if s is not here]
        target = others[0] if others else (here or QGuiApplication.primaryScreen())
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
        self.copy()
        self.showFullScreen()
