"""The sessions home: every session in the database, searchable, and what to do with them."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import dialogs
from gui.actions import widget_key
from gui.widgets.line_edit import long_line_edit
from model.errors import WorkshopError
from model.session import SessionSummary
from model.store import Store
from model.text import shortened

Index = QModelIndex | QPersistentModelIndex


NO_SESSIONS = ("No sessions yet. Click “New session”, or “Open the demo session” to see one "
               "filled in.")
# Month names spelled out here, not by strftime: the list formats every session's dates
# at start-up, and each strftime call imports `time` again through PySide's import hook.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def friendly_date(iso: str | None) -> str:
    """"2026-09-30" as "30 Sep 2026" (a text that is not a date is shown as it is)."""
    if not iso:
        return ""
    try:
        return _day(date.fromisoformat(iso))
    except ValueError:
        return iso


def friendly_time(iso: str) -> str:
    """A UTC change stamp in local time, as "30 Sep 2026 23:59"."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{_day(moment)} {moment.hour:02}:{moment.minute:02}"


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# Letters that carry no combining accent to strip, mapped by hand.
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def folded(text: str) -> str:
    """Text for searching: no case, no accents ("Łódź" is found by "lodz")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Linked reviews are tinted, alternately, so two groups one after the other stand apart.
REVIEW_TINTS = ("#e8f0fb", "#f6efe2")


class SessionsModel(QAbstractTableModel):
    headers = ("Title", "Partnership", "Date", "Last changed", "Reviews")

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.sessions: list[SessionSummary] = []
        self.shown: list[tuple[str, str, str, str, str]] = []
        self.tints: list[str | None] = []

    def refresh(self) -> None:
        """Read the list and format its cells once: newest first, a partnership's
        linked reviews together (newest first), named in the "Reviews" column."""
        from model.reviews import review_groups

        self.beginResetModel()
        self.sessions, self.shown, self.tints = [], [], []
        linked = 0
        for group in review_groups(self.store.list_sessions()):
            tint = REVIEW_TINTS[linked % 2] if group.linked else None
            linked += group.linked
            count = len(group.sessions)
            for n, s in enumerate(group.sessions):
                self.sessions.append(s)
                self.tints.append(tint)
                reviews = (f"{group.partnership}: review {count - n} of {count}"
                           if group.linked else "")
                self.shown.append((s.title + ("  (demo)" if s.demo else ""), s.partnership,
                                   friendly_date(s.date), friendly_time(s.updated_at),
                                   reviews))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sessions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self.sessions[index.row()].title
        if role == Qt.ItemDataRole.BackgroundRole and self.tints[index.row()]:
            return QColor(self.tints[index.row()])
        return None


class SessionFilter(QSortFilterProxyModel):
    """Keeps the sessions whose title, partnership or date contain every searched word."""

    words: list[str] = []

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self.words = folded(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, SessionsModel)
        if not self.words:
            return True
        s = model.sessions[row]
        haystack = folded(" ".join([s.title, s.partnership, s.date or "", model.shown[row][2],
                                    model.shown[row][4]]))
        return all(word in haystack for word in self.words)


class DeleteSession(QUndoCommand):
    """Deleting moves a session aside; undo brings it back exactly as it was.

    Pushed after the deletion is done (so a failure is reported before anything is
    pushed); the first redo() does nothing.
    """

    def __init__(self, home: HomePage, summary: SessionSummary) -> None:
        super().__init__(f"Delete session “{summary.title}”")
        self.home, self.session_id, self.title = home, summary.id, summary.title
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
        else:
            self._run(self.home.store.delete_session)
        self.home.refresh()

    def undo(self) -> None:
        if self._run(self.home.store.restore_session):
            # Else the message saying it was deleted would stay up, out of date.
            self.home.message.emit(f"Brought back “{self.title}”.")
        self.home.refresh(select=self.session_id)

    def _run(self, change: Callable[[str], None]) -> bool:
        try:
            change(self.session_id)
        except WorkshopError as error:  # Qt would swallow it: say it, drop the step
            self.home.message.emit(dialogs.said(error))
            self.setObsolete(True)
            return False
        return True


class HomePage(QWidget):
    open_requested = Signal(str)
    message = Signal(str)

    def __init__(self, store: Store, actions: list[QAction],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = SessionsModel(store, self)
        self.filter = SessionFilter(self)
        self.filter.setSourceModel(self.model)

        self.heading = heading = QLabel("<h1>Partnership Workshop</h1>"
                         "<p>Choose a session, start a new one, or open the demo session "
                         "to see a whole workshop.</p>")
        self.search = long_line_edit()
        self.search.setPlaceholderText("Search sessions by title, partnership or date…")
        self.search.setAccessibleName("Search sessions")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        # Down or Enter: on to the sessions found; Esc clears the search.
        self.search.returnPressed.connect(self.focus_main)
        widget_key(self.search, Qt.Key.Key_Down, self.focus_main)
        widget_key(self.search, Qt.Key.Key_Escape, self.search.clear)

        self.table = QTableView()
        self.table.setModel(self.filter)
        self.table.setAccessibleName("Sessions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(0)  # size columns to the rows in view, not all
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, sample in ((1, "A partnership name of some length"),
                               (2, "30 Sep 2026"), (3, "30 Sep 2026 23:59"),
                               (4, "A partnership name: review 2 of 3")):
            # Fixed widths from the type size: sizing to contents reads every row.
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(sample) + 24)
        self.table.doubleClicked.connect(lambda _i: self._open_current())
        self.table.activated.connect(lambda _i: self._open_current())

        self.empty_hint = QLabel(NO_SESSIONS)
        self.empty_hint.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the search
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #555; font-size: 13pt; padding: 12px;")

        buttons = QHBoxLayout()
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumHeight(34)
            buttons.addWidget(button)
        buttons.addStretch()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)

    def message_area(self) -> QRect:
        """Where a message may float (in this page's coordinates): the sessions table's
        empty part under its last row, or else beside the heading."""
        viewport = self.table.viewport()
        rows = self.filter.rowCount()
        used = (self.table.rowViewportPosition(rows - 1) + self.table.rowHeight(rows - 1)
                if rows else 0)
        free = viewport.rect().adjusted(8, max(used, 0) + 8, -8, -8)
        if self.table.isVisible() and free.height() >= 100 and free.width() >= 240:
            return QRect(viewport.mapTo(self, free.topLeft()), free.size())
        heading = self.heading.geometry()
        left = heading.left() + self.heading.sizeHint().width() + 24
        return QRect(left, heading.top(), heading.right() - left, heading.height())

    def refresh(self, select: str | None = None) -> None:
        keep = select or self.selected_id()
        self.model.refresh()
        self._show_hint()
        self.select(keep)

    def select(self, session_id: str | None) -> None:
        rows = [i for i, s in enumerate(self.model.sessions) if s.id == session_id]
        source = self.model.index(rows[0], 0) if rows else self.model.index(0, 0)
        index = self.filter.mapFromSource(source)
        if not index.isValid():
            index = self.filter.index(0, 0)
        if index.isValid():
            self.table.setCurrentIndex(index)

    def selected(self) -> SessionSummary | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.sessions[self.filter.mapToSource(index).row()]

    def selected_id(self) -> str | None:
        selected = self.selected()
        return selected.id if selected else None

    def focus_main(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self.select(None)

    def _search(self, text: str) -> None:
        self.filter.set_search(text)
        self.select(self.selected_id())
        self._show_hint()

    def _show_hint(self) -> None:
        """Say why the list is empty: no sessions yet, or none matching the search."""
        if not self.model.sessions:
            self.empty_hint.setText(NO_SESSIONS)
        else:
            searched = shortened(self.search.text().strip(), 40)
            self.empty_hint.setText(f"No session matches “{searched}”. "
                                    "Clear the search (Esc) to see them all.")
        self.empty_hint.setVisible(self.filter.rowCount() == 0)

    def _open_current(self) -> None:
        session_id = self.selected_id()
        if session_id:
            self.open_requested.emit(session_id)
