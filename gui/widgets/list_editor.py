"""A session list (partner bodies, groups, participants...) as an editable table.

The Qt model is a thin adapter: it reads the document's session and sends every edit
back through `SessionDocument.edit`; it stores nothing of its own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from model.changes import Changeset

Index = QModelIndex | QPersistentModelIndex


class SessionListModel(QAbstractTableModel):
    """Subclasses say which session list they show (`items`), which tables they watch,
    their columns, and how an edit becomes a changeset."""

    headers: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    noun = "item"

    def __init__(self, document: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._items = self.items()
        document.changed.connect(self._on_changed)

    # --- to implement ---------------------------------------------------------------
    def items(self) -> list:
        raise NotImplementedError

    def display(self, item: Any, column: int) -> Any:
        raise NotImplementedError

    def set_value(self, item: Any, column: int, value: Any) -> bool:
        """Send an edit of one cell to the document; True if it was made."""
        return False

    def editable(self, column: int) -> bool:
        return False

    def add(self, row: int) -> bool:
        raise NotImplementedError

    def remove(self, item: Any) -> bool:
        raise NotImplementedError

    def move(self, item: Any, row: int) -> bool:
        raise NotImplementedError

    # --- Qt adapter -----------------------------------------------------------------
    def _on_changed(self, changeset: Changeset) -> None:
        if changeset.touches(*self.tables):
            self.refresh()

    def refresh(self) -> None:
        """Show the stored list. The same items in the same order (a rename, a new
        colour) only redraw, so a cell editor still open is not torn down."""
        items = self.items()
        if [i.id for i in items] == [i.id for i in self._items]:
            self._items = items
            if items:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(items) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._items[row]

    def row_of(self, item_id: int | None) -> int:
        return next((i for i, it in enumerate(self._items) if it.id == item_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.ToolTipRole):
            value = self.display(item, index.column())
            if role == Qt.ItemDataRole.ToolTipRole:
                return value if isinstance(value, str) and len(value) > 30 else None
            return value
        return self.extra_data(item, index.column(), role)

    def extra_data(self, item: Any, column: int, role: int) -> Any:
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.editable(index.column()) and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        return self.set_value(self._items[index.row()], index.column(), value)


class ListEditor(QWidget):
    """A titled table with Add, Remove, Move up and Move down, all on the keyboard too:
    Insert adds, F2 or typing renames, Delete removes, Ctrl+Up / Ctrl+Down reorder.
    Typing in an empty table adds a line holding what was typed.

    `add_at_end`: the Add button appends (Insert still adds after the selected line).
    `drop_blank`: a line just added and left blank with Esc is taken away again, its
    add undone (for lists where a blank line means nothing, such as actions)."""

    def __init__(self, title: str, model: SessionListModel,
                 parent: QWidget | None = None, add_at_end: bool = False,
                 drop_blank: bool = False) -> None:
        super().__init__(parent)
        self.model = model
        self.drop_blank = drop_blank
        self._just_added: tuple[int | None, int] | None = None  # (id, undo index)
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setWordWrap(False)
        self.view.setAccessibleName(title)
        self.view.installEventFilter(self)
        self._keep: tuple[int | None, int] = (None, 0)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)

        heading = QLabel(f"<b>{title}</b>")
        heading.setBuddy(self.view)
        self.buttons = buttons = QHBoxLayout()
        self.add_button = self._button(
            "Add", "Insert", (lambda: self.add(self.model.rowCount())) if add_at_end
            else self.add)
        self.view.itemDelegate().closeEditor.connect(self._editor_closed)
        self.remove_button = self._button("Remove", "Delete", self.remove)
        self.up_button = self._button("Move up", "Ctrl+Up", lambda: self.move(-1), "↑")
        self.down_button = self._button("Move down", "Ctrl+Down", lambda: self.move(1), "↓")
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
            b.setEnabled(not model.document.read_only)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _button(self, text: str, keys: str, slot: Any, label: str = "") -> QPushButton:
        button = QPushButton(label or text)
        if label:
            button.setFixedWidth(36)
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{text} ({native})")
        button.setAccessibleName(f"{text} ({self.view.accessibleName()})")
        button.clicked.connect(slot)
        return button

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int, column: int = 0) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, column))

    def add(self, row: int | None = None, typed: str = "") -> None:
        """Add a line at `row` (default: after the selected one, else at the end), then
        type its first cell, starting with `typed`."""
        if row is None:
            row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        if self.model.add(row):
            self._just_added = (self.model.item(row).id,
                                self.model.document.undo_stack.index())
            self.select_row(row)
            self.view.setFocus()
            self.view.edit(self.model.index(row, 0))
            editor = QApplication.focusWidget()
            if typed and isinstance(editor, QLineEdit):
                editor.insert(typed)  # over the suggested name, which is selected

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        added, self._just_added = self._just_added, None
        if not self.drop_blank or added is None \
                or hint != QAbstractItemDelegate.EndEditHint.RevertModelCache:
            return
        item_id, undo_index = added
        row = self.model.row_of(item_id)
        stack = self.model.document.undo_stack
        # Esc on the line just added, nothing typed and nothing else done since: the add
        # is undone, as if it had never been (not a removal Ctrl+Z would bring back).
        if row >= 0 and not str(self.model.display(self.model.item(row), 0)).strip() \
                and stack.index() == undo_index:
            stack.undo()
            self.select_row(min(max(row - 1, 0), self.model.rowCount() - 1))
            self.view.setFocus()

    def remove(self) -> None:
        row = self.current_row()
        if row >= 0 and self.model.remove(self.model.item(row)):
            self.select_row(min(row, self.model.rowCount() - 1))

    def move(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if row >= 0 and 0 <= target < self.model.rowCount():
            item = self.model.item(row)
            if self.model.move(item, target):
                self.select_row(self.model.row_of(item.id), self.view.currentIndex().column())

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if watched is self.view and event.type() == event.Type.KeyPress \
                and self.view.state() != QAbstractItemView.State.EditingState:
            key, mods = event.key(), event.modifiers()
            ctrl = mods & Qt.KeyboardModifier.ControlModifier
            if key == Qt.Key.Key_Insert:
                self.add()
                return True
            if key == Qt.Key.Key_Delete and not mods:
                self.remove()
                return True
            if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move(-1 if key == Qt.Key.Key_Up else 1)
                return True
            text = event.text()
            if self.model.rowCount() == 0 and text.isprintable() and text.strip() \
                    and not mods & ~Qt.KeyboardModifier.ShiftModifier \
                    and not self.model.document.read_only:
                # Typing with no line to type into: a line is added holding the text,
                # rather than the keys going nowhere (or to a button) and being lost.
                self.add(0, typed=text)
                return True
        return super().eventFilter(watched, event)

    def _remember_selection(self) -> None:
        row = self.current_row()
        item_id = self.model.item(row).id if 0 <= row < self.model.rowCount() else None
        self._keep = (item_id, max(self.view.currentIndex().column(), 0))

    def _restore_selection(self) -> None:
        item_id, column = self._keep
        row = self.model.row_of(item_id)
        if row >= 0:
            self.select_row(row, column)
