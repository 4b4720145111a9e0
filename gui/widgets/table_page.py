"""A step's page of items in a table with a detail panel of one-line fields for the
selected row (the Box 2 accountability page, the sharing acid test's page).

Each field is bound to the selected row (`SelectedRowText`): changing the selection
commits the fields, then shows the new row's. Keys shared by such pages: on the list,
F2 or Enter goes to the first field; in a field, Enter commits it and goes on to the next
(from the last, back to the list) and Esc commits it and goes back to the list. A page
adds its own keys on the list (`table_key`), and says what it shows (`_fill`,
`_show_detail`) and which tables' changes refill it (`watches`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.widgets.bound_text import BoundText
from gui.widgets.line_edit import long_line_edit
from model.changes import Changeset
from model.edits import SessionEditor
from model.session import Session
from model.text import shortened

if TYPE_CHECKING:
    from gui.widgets.table_presenter import TablePresenter

T = TypeVar("T")
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier,
         Qt.KeyboardModifier.ShiftModifier)
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SelectedRowText(BoundText):
    """A field bound to whichever row is selected: the page commits it, changes the
    selection, then calls `show_stored`."""

    def show_stored(self) -> None:
        self.timer.stop()
        self._show(self.read(self.document.session) or "")


def selected_of(items: list[T], position: int) -> T | None:
    """The item at the page's `position`, or the last one when the list has shrunk
    under it (a partner body deleted in Set-up); None when the list is empty."""
    return items[min(position, len(items) - 1)] if items else None


CELL_CHARACTERS = 80  # of a typed text in a cell: the whole text is in the detail fields


def read_only_cell(value: str, *, whole: bool = False) -> QTableWidgetItem:
    """A cell of the list: selectable, not editable (edits go through the page). A long
    or many-line typed text shows its start, whole in the tooltip: a 5,000-character
    note must not make its row taller than the table. `whole`: a source's own words,
    shown whole (they are never that long)."""
    shown = value if whole else shortened(" ".join(value.split()), CELL_CHARACTERS)
    cell = QTableWidgetItem(shown)
    if shown != value:
        cell.setToolTip(value[:2000])
    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return cell


class TablePage(QWidget):
    """The shared part of such a page; see the module's docstring."""

    watches: tuple[str, ...] = ()  # a change to one of these tables refills the page

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.position = 0
        self.fields: list[tuple[QLineEdit, SelectedRowText]] = []
        self.title = ""
        self.presenter: TablePresenter | None = None  # F5's view for the room, once made

    # --- building ------------------------------------------------------------------

    def _head(self, title: str, source: str, keys: str) -> list[QLabel]:
        """The page's title (rich text), its source line and its line of keys."""
        self.title = title
        title_label = QLabel(f"<b>{title}</b>")
        title_label.setStyleSheet("font-size: 14pt;")
        source_label = QLabel(source)
        source_label.setWordWrap(True)
        keys_label = QLabel(keys)
        keys_label.setStyleSheet("color: #555;")
        keys_label.setWordWrap(True)
        return [title_label, source_label, keys_label]

    def _make_table(self, columns: tuple[str, ...], accessible_name: str) -> QTableWidget:
        """`self.table`: one row selected at a time, read-only, its keys sent to the page."""
        self.table = table = QTableWidget(0, len(columns))
        table.setAccessibleName(accessible_name)
        table.setHorizontalHeaderLabels(columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        # Rows as high as their wrapped text at the columns' widths now: a page first
        # laid out narrow must not keep rows sized for that width.
        table.horizontalHeader().sectionResized.connect(
            lambda *_: table.resizeRowsToContents())
        table.installEventFilter(self)
        table.currentCellChanged.connect(lambda *_: self._selection_changed())
        return table

    def _field(self, placeholder: str, accessible_name: str,
               read: Callable[[Session], str | None],
               write: Callable[[SessionEditor, str], Changeset],
               tables: tuple[str, ...]) -> tuple[QLineEdit, SelectedRowText]:
        """The next one-line field of the detail panel, bound to the selected row."""
        field = long_line_edit()
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(accessible_name)
        text = SelectedRowText(self.document, field, read, write, tables)
        field.installEventFilter(self)
        self.fields.append((field, text))
        return field, text

    def _lay_out(self, *widgets: QWidget) -> None:
        """Stacks the page (the table takes the room left), then shows the session."""
        layout = QVBoxLayout(self)
        for widget in widgets:
            layout.addWidget(widget, 1 if widget is self.table else 0)
        self.document.changed.connect(self._changed)
        self._fill()

    # --- what is shown -------------------------------------------------------------

    def _fill(self) -> None:
        raise NotImplementedError

    def _show_detail(self) -> None:
        raise NotImplementedError

    def _changed(self, changeset: Changeset) -> None:
        if changeset.touches(*self.watches):
            self._fill()

    def _selection_changed(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row == self.position:
            return
        for field, text in self.fields:
            text.commit()
            if text.refused:  # stay with the row it was typed for until it is put right
                self.table.blockSignals(True)
                self.table.setCurrentCell(self.position, self.table.currentColumn())
                self.table.blockSignals(False)
                field.setFocus()
                return
        self.position = row
        for _field, text in self.fields:
            text.show_stored()
        self._show_detail()

    def selected_organisation_id(self) -> int | None:
        """For a page with a row per partner body: the selected one's id; None when there
        is none (the edit is then refused as out of date, and nothing typed is lost)."""
        organisation = selected_of(self.document.session.organisations, self.position)
        return organisation.id if organisation else None

    # --- the presenter view (F5) ---------------------------------------------------------

    def toggle_presenter(self) -> None:
        """Show the table to the room, full screen on the projector; again: close it."""
        if self.presenter is None:
            from gui.widgets.table_presenter import TablePresenter

            plain = QTextDocumentFragment.fromHtml(self.title).toPlainText()
            self.presenter = TablePresenter(self.table, plain, self)
        if self.presenter.isVisible():
            self.presenter.close()
        else:
            self.presenter.present()

    def set_room(self, room: object | None) -> None:
        """The room's join card is on the perception grid's presenter, not on this one."""

    def focus_main(self) -> None:
        if self.table.currentRow() < 0 and self.table.rowCount():
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    # --- keys ----------------------------------------------------------------------

    def table_key(self, key: int) -> bool:
        """A page's own plain key on the list; True if it was used."""
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.table and event.modifiers() in PLAIN:
            if self.table_key(key):
                return True
            if key in (Qt.Key.Key_F2, *ENTER):
                if self.table.rowCount():
                    first = self.fields[0][0]
                    first.setFocus()
                    first.selectAll()
                return True
            return False
        at = next((i for i, (field, _) in enumerate(self.fields) if field is watched), None)
        if at is None:
            return False
        if key == Qt.Key.Key_Escape:
            self.fields[at][1].commit()
            self.table.setFocus()
            return True
        if key in ENTER:
            self.fields[at][1].commit()
            if at + 1 < len(self.fields):
                following = self.fields[at + 1][0]
                following.setFocus()
                following.selectAll()
            else:
                self.table.setFocus()
            return True
        return False
