"""The sharing acid test's page: for each partner body, what it shares (services,
expertise, knowledge, resources, risk: the seed's words, marked yes or no, the app's
own marking), why not, and what would change it (the app's own questions).

Keys on the list: Up/Down select a partner body; 1 to 5 mark or unmark services,
expertise, knowledge, resources, risk; F2 or Enter edits "why not", Enter again "what
would change it"; Esc goes back to the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHeaderView, QLabel, QWidget

from gui.document import SessionDocument
from gui.widgets.table_page import TablePage, read_only_cell, selected_of
from model import frameworks
from model.exercises import sharing
from model.exercises.sharing import SHARES, Sharing
from model.session import Session
from model.text import left_to_right

SHARE_KEYS = {getattr(Qt.Key, f"Key_{n}"): share for n, share in enumerate(SHARES, 1)}
WHY_NOT = "Why not?"
WOULD_CHANGE = "What would change it?"
COLUMNS = ("Partner body", *(f"{n} {sharing.share_label(x).capitalize()}"
                             for n, x in enumerate(SHARES, 1)), WHY_NOT, WOULD_CHANGE)


class SharingPage(TablePage):
    watches = ("sharing", "organisations")

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        head = self._head(
            frameworks.title_of("sharing"),
            f"Bovaird (2009): “{frameworks.sharing_test()}”. The five things shared are the "
            f"slides' words. {frameworks.own_choice('sharing')}",
            "Up/Down: partner body · 1 services · 2 expertise · 3 knowledge · 4 resources · "
            "5 risk (yes or no) · Delete: clear them · F2 or Enter: why not, Enter again: what "
            "would change it · Esc: back to the list")
        self.empty = QLabel("No partner bodies yet: add them in Set-up (Ctrl+1).")

        self._make_table(COLUMNS, "What each partner body shares")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, 1 + len(SHARES)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.table.horizontalHeaderItem(column).setToolTip(frameworks.own_choice("sharing"))
        for column in (6, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            self.table.horizontalHeaderItem(column).setToolTip(frameworks.own_choice("sharing"))

        detail = QGroupBox("Selected partner body")
        self.organisation = QLabel()
        self.organisation.setTextFormat(Qt.TextFormat.PlainText)  # a partner body's name
        self.organisation.setWordWrap(True)
        self.why_not, self.why_not_text = self._field(
            "Why does it not share more? (Esc: back to the list)", WHY_NOT,
            lambda s: self._row_of(s).why_not,
            lambda e, v: sharing.set_why_not(e, self.selected_organisation_id(), v),
            ("sharing", "organisations"))
        self.would_change, self.would_change_text = self._field(
            "What would change it? (Esc: back to the list)", WOULD_CHANGE,
            lambda s: self._row_of(s).would_change,
            lambda e, v: sharing.set_would_change(e, self.selected_organisation_id(), v),
            ("sharing", "organisations"))
        form = QFormLayout()
        form.addRow(self.organisation)
        form.addRow("&Why not?", self.why_not)
        form.addRow("What would &change it?", self.would_change)
        detail.setLayout(form)
        self._lay_out(*head, self.empty, self.table, detail)

    # --- what is shown ---------------------------------------------------------------

    def rows(self) -> list[Sharing]:
        return sharing.rows(self.document.session)

    def _row_of(self, session: Session) -> Sharing:
        rows = sharing.rows(session)
        return selected_of(rows, self.position) or Sharing("")

    def _fill(self) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        self.empty.setVisible(not rows)
        for r, row in enumerate(rows):
            cells = (row.organisation,
                     *("yes" if getattr(row, share) else "no" for share in SHARES),
                     row.why_not, row.would_change)
            for column, value in enumerate(cells):
                cell = read_only_cell(value)
                if 1 <= column <= len(SHARES):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if value == "yes":
                        font = cell.font()
                        font.setBold(True)
                        cell.setFont(font)
                self.table.setItem(r, column, cell)
        self.table.resizeRowsToContents()
        if rows and self.position >= len(rows):
            self.position = len(rows) - 1
        self._show_detail()

    def _show_detail(self) -> None:
        rows = self.rows()
        for field in (self.why_not, self.would_change):
            field.setEnabled(bool(rows) and not self.document.read_only)
        if not rows:
            self.organisation.setText("")
            return
        row = rows[self.position]
        shared = ", ".join(sharing.share_label(x) for x in row.shares()) or "nothing marked"
        self.organisation.setText(
            left_to_right(f"{self.position + 1}. {row.organisation}: shares {shared}"))

    # --- edits: one document.edit each ------------------------------------------------

    def toggle(self, share: str) -> None:
        if not self.document.session.organisations:
            return
        organisation_id = self.selected_organisation_id()
        self.document.edit(lambda e: sharing.toggle(e, organisation_id, share))

    # --- keys ------------------------------------------------------------------------

    def table_key(self, key: int) -> bool:
        if key in SHARE_KEYS:
            self.toggle(SHARE_KEYS[key])
            return True
        if key == Qt.Key.Key_Delete and self.document.session.organisations:
            organisation_id = self.selected_organisation_id()
            self.document.edit(lambda e: sharing.clear(e, organisation_id))
            return True
        return False
