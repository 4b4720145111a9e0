"""The Box 2 page: the five processes and structures for assuring accountability, each
rated in place / partly / absent (the app's own scale) with an owner and a date; a gap
goes to the actions list with "Add to actions".

Keys on the list: Up/Down select; 1 (or I) in place, 2 (or P) partly, 3 (or A) absent,
Delete clears the rating; F2 or Enter edits the owner, Enter again the date; Esc goes
back to the list; Alt+A adds the selected gap to the actions list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QWidget,
)

from gui.document import SessionDocument
from gui.widgets.table_page import TablePage, read_only_cell
from model import frameworks
from model.exercises import accountability
from model.session import AccountabilityItem

RATING_KEYS = {Qt.Key.Key_1: "in-place", Qt.Key.Key_I: "in-place",
               Qt.Key.Key_2: "partly", Qt.Key.Key_P: "partly",
               Qt.Key.Key_3: "absent", Qt.Key.Key_A: "absent"}
# Fill and ink of each rating, as the PDF draws them: a gap stands out.
RATING_COLOURS = {"absent": ("#b71c1c", "#ffffff"), "partly": ("#f28c28", "#1a1a1a"),
                  "in-place": ("#2e7d32", "#ffffff"), None: ("#ffffff", "#555555")}
COLUMNS = ("Process or structure (Box 2)", "Rating", "Owner", "Date")


class AccountabilityPage(TablePage):
    watches = ("accountability", "actions")

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        head = self._head(
            frameworks.title_of("box2"),
            f"Matrix Research and Consultancy (2004), <i>Partnerships: where next?</i> "
            f"The items are the briefing's own words. {frameworks.own_choice('accountability')}",
            "1 in place · 2 partly · 3 absent · Delete clears · F2 or Enter: owner and date · "
            "Esc: back to the list · Alt+A: add a gap to the actions list")

        self._make_table(COLUMNS, "Box 2 accountability items")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 180), (3, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeaderItem(1).setToolTip(frameworks.own_choice("accountability"))

        detail = QGroupBox("Selected item")
        self.item_text = QLabel()
        self.item_text.setTextFormat(Qt.TextFormat.PlainText)  # a file may bring any text
        self.item_text.setWordWrap(True)
        self.owner, self.owner_text = self._field(
            "Who owns it (Esc: back to the list)", "Owner",
            lambda s: self._selected_item(s).owner,
            lambda e, v: accountability.set_owner(e, self.position, v), ("accountability",))
        self.due, self.due_text = self._field(
            "14/03/2026 or 2026-03-14", "Date", lambda s: self._selected_item(s).due,
            lambda e, v: accountability.set_due(e, self.position, v), ("accountability",))
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
        self._lay_out(*head, self.table, detail)

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
                cell = read_only_cell(value, whole=column == 0)  # Box 2's own words
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

    # --- edits: one document.edit each ------------------------------------------------

    def rate(self, rating: str | None) -> None:
        position = self.position
        self.document.edit(lambda e: accountability.rate(e, position, rating))

    def add_to_actions(self) -> None:
        position = self.position
        if self.document.edit(lambda e: accountability.add_to_actions(e, position)):
            self.table.setFocus()

    # --- keys ------------------------------------------------------------------------

    def table_key(self, key: int) -> bool:
        if key in RATING_KEYS:
            self.rate(RATING_KEYS[key])
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.rate(None)
            return True
        return False
