"""The sharing acid test's page: for each partner body, what it shares (services,
expertise, knowledge, resources, risk: the seed's words, marked yes or no, the app's
own marking), why not, and what would change it (the app's own questions).

Keys on the list: Up/Down select a partner body; 1 to 5 mark or unmark services,
expertise, knowledge, resources, risk; F2 or Enter edits "why not", Enter again "what
would change it"; Esc goes back to the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
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
from model.exercises import sharing
from model.session import SHARES, Session, Sharing

SHARE_KEYS = {getattr(Qt.Key, f"Key_{n}"): share for n, share in enumerate(SHARES, 1)}
WHY_NOT = "Why not?"
WOULD_CHANGE = "What would change it?"
COLUMNS = ("Partner body", *(f"{n} {sharing.share_label(x).capitalize()}"
                             for n, x in enumerate(SHARES, 1)), WHY_NOT, WOULD_CHANGE)


class SelectedRowText(BoundText):
    """A field bound to whichever partner body is selected: the page commits it, changes
    the selection, then calls `show_stored`."""

    def show_stored(self) -> None:
        self.timer.stop()
        self._show(self.read(self.document.session) or "")


class SharingPage(QWidget):
    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        title = QLabel(f"<b>{frameworks.title_of('sharing')}</b>")
        title.setStyleSheet("font-size: 14pt;")
        source = QLabel(f"Bovaird (2009): “{frameworks.sharing_test()}”. The five things "
                        f"shared are the slides' words. {frameworks.own_choice('sharing')}")
        source.setWordWrap(True)
        keys = QLabel("Up/Down: partner body · 1 services · 2 expertise · 3 knowledge · "
                      "4 resources · 5 risk (yes or no) · F2 or Enter: why not, Enter "
                      "again: what would change it · Esc: back to the list")
        keys.setStyleSheet("color: #555;")
        keys.setWordWrap(True)
        self.empty = QLabel("No partner bodies yet: add them in Set-up (Ctrl+1).")

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("What each partner body shares")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, 1 + len(SHARES)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.table.horizontalHeaderItem(column).setToolTip(frameworks.own_choice("sharing"))
        for column in (6, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            self.table.horizontalHeaderItem(column).setToolTip(frameworks.own_choice("sharing"))
        self.table.installEventFilter(self)
        self.table.currentCellChanged.connect(lambda *_: self._selection_changed())

        detail = QGroupBox("Selected partner body")
        self.organisation = QLabel()
        self.organisation.setWordWrap(True)
        self.why_not = long_line_edit()
        self.why_not.setPlaceholderText("Why does it not share more? (Esc: back to the list)")
        self.why_not.setAccessibleName(WHY_NOT)
        self.would_change = long_line_edit()
        self.would_change.setPlaceholderText("What would change it? (Esc: back to the list)")
        self.would_change.setAccessibleName(WOULD_CHANGE)
        self.position = 0
        self.why_not_text = SelectedRowText(
            document, self.why_not, lambda s: self._row_of(s).why_not,
            lambda e, v: sharing.set_why_not(e, self._organisation_id(), v),
            ("sharing", "organisations"))
        self.would_change_text = SelectedRowText(
            document, self.would_change, lambda s: self._row_of(s).would_change,
            lambda e, v: sharing.set_would_change(e, self._organisation_id(), v),
            ("sharing", "organisations"))
        for widget in (self.why_not, self.would_change):
            widget.installEventFilter(self)
        form = QFormLayout()
        form.addRow(self.organisation)
        form.addRow("&Why not?", self.why_not)
        form.addRow("What would &change it?", self.would_change)
        detail.setLayout(form)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(source)
        layout.addWidget(keys)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(detail)
        document.changed.connect(self._changed)
        self._fill()

    # --- what is shown ---------------------------------------------------------------

    def rows(self) -> list[Sharing]:
        return sharing.rows(self.document.session)

    def _row_of(self, session: Session) -> Sharing:
        rows = sharing.rows(session)
        return rows[min(self.position, len(rows) - 1)] if rows else Sharing("")

    def _organisation_id(self) -> int:
        organisations = self.document.session.organisations
        return organisations[min(self.position, len(organisations) - 1)].id  # type: ignore[return-value]

    def _fill(self) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        self.empty.setVisible(not rows)
        for r, row in enumerate(rows):
            cells = (row.organisation,
                     *("yes" if getattr(row, share) else "no" for share in SHARES),
                     row.why_not, row.would_change)
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
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
        self.organisation.setText(f"{self.position + 1}. {row.organisation}: shares {shared}")

    def _changed(self, changeset: Changeset) -> None:
        if changeset.touches("sharing", "organisations"):
            self._fill()

    def _selection_changed(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row == self.position:
            return
        for text in (self.why_not_text, self.would_change_text):
            text.commit()
        self.position = row
        for text in (self.why_not_text, self.would_change_text):
            text.show_stored()
        self._show_detail()

    def focus_main(self) -> None:
        if self.table.currentRow() < 0 and self.table.rowCount():
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    # --- edits: one document.edit each ------------------------------------------------

    def toggle(self, share: str) -> None:
        if not self.document.session.organisations:
            return
        organisation_id = self._organisation_id()
        self.document.edit(lambda e: sharing.toggle(e, organisation_id, share))

    # --- keys ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier,
                         Qt.KeyboardModifier.ShiftModifier)
        if watched is self.table and plain:
            if key in SHARE_KEYS:
                self.toggle(SHARE_KEYS[key])
                return True
            if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.table.rowCount():
                    self.why_not.setFocus()
                    self.why_not.selectAll()
                return True
        elif watched in (self.why_not, self.would_change):
            if key == Qt.Key.Key_Escape:
                (self.why_not_text if watched is self.why_not
                 else self.would_change_text).commit()
                self.table.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.why_not:
                    self.why_not_text.commit()
                    self.would_change.setFocus()
                    self.would_change.selectAll()
                else:
                    self.would_change_text.commit()
                    self.table.setFocus()
                return True
        return False
