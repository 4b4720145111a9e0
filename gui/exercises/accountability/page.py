"""The Box 2 page: the five processes and structures for assuring accountability, each
rated in place / partly / absent (the app's own scale) with an owner and a date; a gap
goes to the actions list with "Add to actions".

Keys on the list: Up/Down select; 1 (or I) in place, 2 (or P) partly, 3 (or A) absent,
Delete clears the rating; F2 or Enter edits the owner, Enter again the date; Esc goes
back to the list; Alt+A adds the selected gap to the actions list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.widgets.bound_text import BoundText
from gui.widgets.line_edit import long_line_edit
from model import frameworks
from model.changes import Changeset
from model.exercises import accountability
from model.session import AccountabilityItem

RATING_KEYS = {Qt.Key.Key_1: "in-place", Qt.Key.Key_I: "in-place",
               Qt.Key.Key_2: "partly", Qt.Key.Key_P: "partly",
               Qt.Key.Key_3: "absent", Qt.Key.Key_A: "absent"}
# Fill and ink of each rating, as the PDF draws them: a gap stands out.
RATING_COLOURS = {"absent": ("#b71c1c", "#ffffff"), "partly": ("#f28c28", "#1a1a1a"),
                  "in-place": ("#2e7d32", "#ffffff"), None: ("#ffffff", "#555555")}
COLUMNS = ("Process or structure (Box 2)", "Rating", "Owner", "Date")


class SelectedItemText(BoundText):
    """A field bound to whichever item is selected: the page commits it, changes the
    selection, then calls `show_stored`."""

    def show_stored(self) -> None:
        self.timer.stop()
        self._show(self.read(self.document.session) or "")


class AccountabilityPage(QWidget):
    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        title = QLabel(f"<b>{frameworks.title_of('box2')}</b>")
        title.setStyleSheet("font-size: 14pt;")
        source = QLabel(f"Matrix Research and Consultancy (2004), <i>Partnerships: where "
                        f"next?</i> The items are the briefing's own words. "
                        f"{frameworks.own_choice('accountability')}")
        source.setWordWrap(True)
        keys = QLabel("1 in place · 2 partly · 3 absent · Delete clears · F2 or Enter: "
                      "owner and date · Esc: back to the list · Alt+A: add a gap to the "
                      "actions list")
        keys.setStyleSheet("color: #555;")
        keys.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Box 2 accountability items")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 180), (3, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeaderItem(1).setToolTip(frameworks.own_choice("accountability"))
        self.table.installEventFilter(self)
        self.table.currentCellChanged.connect(lambda *_: self._selection_changed())

        detail = QGroupBox("Selected item")
        self.item_text = QLabel()
        self.item_text.setWordWrap(True)
        self.owner = long_line_edit()
        self.owner.setPlaceholderText("Who owns it (Esc: back to the list)")
        self.owner.setAccessibleName("Owner")
        self.due = long_line_edit()
        self.due.setPlaceholderText("14/03/2026 or 2026-03-14")
        self.due.setAccessibleName("Date")
        self.position = 0
        self.owner_text = SelectedItemText(
            document, self.owner, lambda s: self._selected_item(s).owner,
            lambda e, v: accountability.set_owner(e, self.position, v), ("accountability",))
        self.due_text = SelectedItemText(
            document, self.due, lambda s: self._selected_item(s).due,
            lambda e, v: accountability.set_due(e, self.position, v), ("accountability",))
        for field in (self.owner, self.due):
            field.installEventFilter(self)
        self.add_button = QPushButton("Add to actions (Alt+A)")
        self.add_button.setToolTip("Adds the selected gap (partly or absent) to the actions "
                                   "list, with its owner and date (Alt+A)")
        self.add_button.clicked.connect(self.add_to_actions)
        self.add_button.setEnabled(not document.read_only)
        add_key = QShortcut(QKeySequence("Alt+A"), self)
        add_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add_key.activated.connect(self.add_to_actions)
        self.action_state = QLabel()
        self.action_state.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.item_text)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Date:", self.due)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.action_state, 1)
        form.addRow(buttons)
        detail.setLayout(form)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(source)
        layout.addWidget(keys)
        layout.addWidget(self.table, 1)
        layout.addWidget(detail)
        document.changed.connect(self._changed)
        self._fill()

    # --- what is shown ---------------------------------------------------------------

    def items(self) -> list[AccountabilityItem]:
        return accountability.items(self.document.session)

    def _selected_item(self, session) -> AccountabilityItem:
        items = accountability.items(session)
        return items[min(self.position, len(items) - 1)]

    def _fill(self) -> None:
        items = self.items()
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            fill, ink = RATING_COLOURS.get(item.rating, RATING_COLOURS[None])
            cells = (item.text, accountability.rating_text(item.rating), item.owner,
                     item.due or "")
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == 1:
                    cell.setBackground(QBrush(QColor(fill)))
                    cell.setForeground(QBrush(QColor(ink)))
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self._show_detail()

    def _show_detail(self) -> None:
        item = self._selected_item(self.document.session)
        self.item_text.setText(f"{self.position + 1}. {item.text}")
        gap = accountability.is_gap(item)
        if item.action:
            self.action_state.setText("In the actions list (edit it in the Summary).")
        elif gap:
            self.action_state.setText("A gap: Add to actions puts it on the actions list.")
        else:
            self.action_state.setText("Rate it partly or absent to add it to the actions list.")
        self.add_button.setEnabled(gap and not item.action and not self.document.read_only)

    def _changed(self, changeset: Changeset) -> None:
        if changeset.touches("accountability", "actions"):
            self._fill()

    def _selection_changed(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row == self.position:
            return
        for text in (self.owner_text, self.due_text):
            text.commit()
        self.position = row
        for text in (self.owner_text, self.due_text):
            text.show_stored()
        self._show_detail()

    def focus_main(self) -> None:
        if self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    # --- edits: one document.edit each ------------------------------------------------

    def rate(self, rating: str | None) -> None:
        position = self.position
        self.document.edit(lambda e: accountability.rate(e, position, rating))

    def add_to_actions(self) -> None:
        position = self.position
        if self.document.edit(lambda e: accountability.add_to_actions(e, position)):
            self.table.setFocus()

    # --- keys ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier,
                         Qt.KeyboardModifier.ShiftModifier)
        if watched is self.table and plain:
            if key in RATING_KEYS:
                self.rate(RATING_KEYS[key])
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.rate(None)
                return True
            if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.owner.setFocus()
                self.owner.selectAll()
                return True
        elif watched in (self.owner, self.due):
            if key == Qt.Key.Key_Escape:
                (self.owner_text if watched is self.owner else self.due_text).commit()
                self.table.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.owner:
                    self.owner_text.commit()
                    self.due.setFocus()
                    self.due.selectAll()
                else:
                    self.due_text.commit()
                    self.table.setFocus()
                return True
        return False
