"""Step 2, Obstacles: the board rates Box 1's obstacles (and its own), votes on them,
and agrees what to do about the worst.

The list has the keyboard focus (contracts/keyboard.md "Obstacles"); the panel on the
right shows the summary and the selected obstacle. Every change goes through
`document.edit`, one undo step each, and the views redraw on `document.changed`.

Up/Down follow the order shown: list order in the list-order view (the default, and
what the keyboard contract describes); the ranking in the priority view; group by
group in the grouped view.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.exercises.obstacles.obstacle_detail import ObstacleDetail
from gui.exercises.obstacles.obstacle_list import (
    BY_FACTOR,
    LIST_ORDER,
    PRIORITY,
    ObstacleListModel,
    ObstacleTable,
)
from gui.exercises.obstacles.obstacle_summary import ObstacleSummary
from gui.widgets.line_edit import long_line_edit
from model import frameworks
from model.exercises import obstacles
from model.session import Obstacle
from model.text import shortened

VIEW_BUTTONS = ((LIST_ORDER, "&List order", "The obstacles in the session's order"),
                (PRIORITY, "&Priority", "Critical first, then significant, minor, not an "
                                        "issue, not rated; more votes first within a rating"),
                (BY_FACTOR, "By fac&tor", "Grouped under the three factors of the Matrix "
                                          "briefing: justification, governance and teams, "
                                          "performance.\n" + frameworks.own_choice("factors")))


def _button(text: str, tip: str, slot, parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    # Clicking keeps the keyboard on the list, so the rating keys work straight after.
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.clicked.connect(lambda _=False: slot())
    return button


class ObstaclesPage(QWidget):
    title = "Obstacles"

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        writable = not document.read_only
        self.model = ObstacleListModel(document, self)
        self.table = ObstacleTable(self.model)
        self._keep: tuple[int | None, int] = (None, 0)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.rate_requested.connect(self.rate)
        self.table.vote_requested.connect(self.vote)
        self.table.move_requested.connect(self.move)
        self.table.add_requested.connect(self.start_adding)
        self.table.edit_requested.connect(self.edit_wording)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        # --- above the list: the view, and the libraries
        self.view_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("View:"))
        for mode, text, tip in VIEW_BUTTONS:
            button = _button(text, tip, lambda m=mode: self.set_view(m))
            button.setCheckable(True)
            group.addButton(button)
            self.view_buttons[mode] = button
            top.addWidget(button)
        self.view_buttons[LIST_ORDER].setChecked(True)
        top.addStretch()
        self.library_button = _button(
            "Add difficulties list", "Add the “" + frameworks.title_of("difficulties")
            + "” of the 2009 slides (once: what is already listed is not added again)",
            self.add_difficulties)
        self.hidden_button = QToolButton()
        self.hidden_button.setText("Hidden ▾")
        self.hidden_button.setToolTip("Show an obstacle hidden for this session, or bring "
                                      "Box 1 back")
        self.hidden_button.setAccessibleName("Show hidden obstacles")
        self.hidden_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.hidden_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.hidden_menu = QMenu(self.hidden_button)
        self.hidden_menu.aboutToShow.connect(self._fill_hidden_menu)
        self.hidden_button.setMenu(self.hidden_menu)

        # --- below the list: the partnership's own obstacles, reordering, removing
        self.new_text = long_line_edit()
        self.new_text.setPlaceholderText("Add your own obstacle: type it and press Enter "
                                         "(Insert)")
        self.new_text.setAccessibleName("New obstacle")
        self.new_text.returnPressed.connect(self.add_custom)
        self.add_button = _button("Add", "Add the obstacle typed on the left (Enter)",
                                  self.add_custom)
        self.edit_button = _button("Edit wording", "Edit the wording of your own obstacle "
                                   "(F2); Box 1 wording is the source's", self.edit_wording)
        self.up_button = _button("Move up", "Move the selected obstacle up (Ctrl+Up)",
                                 lambda: self.move(-1))
        self.down_button = _button("Move down", "Move the selected obstacle down (Ctrl+Down)",
                                   lambda: self.move(1))
        self.remove_button = _button("Remove", "Remove your own obstacle, or hide a library "
                                     "obstacle for this session", self.remove)
        for button, arrow in ((self.up_button, "↑"), (self.down_button, "↓")):
            button.setText(arrow)  # the words stay in the tooltip and accessible name
            button.setFixedWidth(36)
        for button in (self.edit_button, self.up_button, self.down_button, self.remove_button):
            top.addWidget(button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.new_text, 1)
        bottom.addWidget(self.add_button)
        bottom.addSpacing(12)
        bottom.addWidget(self.library_button)
        bottom.addWidget(self.hidden_button)
        for widget in (self.new_text, self.add_button, self.library_button, self.hidden_button,
                       self.edit_button, self.up_button, self.down_button, self.remove_button):
            widget.setEnabled(writable)

        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.table, 1)
        left.addLayout(bottom)

        # --- right: summary and the selected obstacle
        self.summary = ObstacleSummary(document)
        self.detail = ObstacleDetail(document)
        self.detail.rate_requested.connect(self.rate)
        self.detail.vote_requested.connect(self.vote)
        self.detail.done.connect(lambda: self.table.setFocus(Qt.FocusReason.ShortcutFocusReason))
        summary_box = QGroupBox("Summary")
        QVBoxLayout(summary_box).addWidget(self.summary)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        side_layout.addWidget(summary_box)
        side_layout.addWidget(self.detail)
        side_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(side)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Wide enough for the rating buttons at projector type sizes; if the type is
        # larger still, the panel scrolls rather than cuts anything off.
        scroll.setFixedWidth(375)
        # clicks in the panel leave the keyboard on the list
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(scroll)
        document.changed.connect(lambda _c: self._update_buttons())
        self._update_buttons()

    # --- the contract: focus on the list, first obstacle selected --------------------
    def focus_main(self) -> None:
        rows = self.model.obstacle_rows()
        if rows:
            self.table.select_row(rows[0])
        self.table.setFocus()

    def selected(self) -> Obstacle | None:
        return self.table.current_obstacle()

    # --- edits: one document.edit each ------------------------------------------------
    def rate(self, rating: int | None) -> None:
        obstacle = self.selected()
        if obstacle is not None:
            self.document.edit(lambda e: obstacles.rate(e, obstacle.id, rating))

    def vote(self, delta: int) -> None:
        obstacle = self.selected()
        if obstacle is None:
            return
        change = obstacles.add_vote if delta > 0 else obstacles.remove_vote
        self.document.edit(lambda e: change(e, obstacle.id))

    def move(self, step: int) -> None:
        obstacle = self.selected()
        if obstacle is None or self.document.read_only:
            return
        if self.model.mode != LIST_ORDER:
            self.document.message.emit("Obstacles are moved in the list-order view "
                                       "(the other views have an order of their own).")
            return
        index = self.model.number(obstacle) - 1 + step
        if 0 <= index < len(self.model.obstacle_rows()):
            self.document.edit(lambda e: obstacles.move(e, obstacle.id, index))
            self.table.select_obstacle(obstacle.id)

    def start_adding(self) -> None:
        if not self.document.read_only:
            self.new_text.setFocus()

    def add_custom(self) -> None:
        text = self.new_text.text()
        if not text.strip():
            self.new_text.setFocus()
            return
        before = {o.id for o in self.document.session.obstacles}
        if self.document.edit(lambda e: obstacles.add_custom_obstacle(e, text)):
            self.new_text.clear()
            added = [o.id for o in self.document.session.obstacles if o.id not in before]
            if added:
                self.table.select_obstacle(added[0])
            self.table.setFocus()

    def edit_wording(self) -> None:
        obstacle = self.selected()
        if obstacle is None:
            return
        if obstacle.library != "custom":
            self.document.message.emit(
                "This obstacle's wording is the source's and cannot be changed: add your own "
                "obstacle instead, or write in its notes.")
            return
        self.detail.wording.setFocus()
        self.detail.wording.selectAll()

    def remove(self) -> None:
        obstacle = self.selected()
        if obstacle is not None:
            self.document.edit(lambda e: obstacles.remove(e, obstacle.id))

    def show_obstacle(self, obstacle_id: int) -> None:
        if self.document.edit(lambda e: obstacles.show(e, obstacle_id)):
            self.table.select_obstacle(obstacle_id)

    def add_library(self, library: str) -> None:
        before = {o.id for o in self.document.session.obstacles}
        if self.document.edit(lambda e: obstacles.add_library(e, library)):
            self.document.message.emit(self.document.undo_stack.undoText() + ".")
            added = [o.id for o in self.document.session.obstacles if o.id not in before]
            if added:
                self.table.select_obstacle(added[0])

    def add_difficulties(self) -> None:
        self.add_library("difficulties")

    def set_view(self, mode: str) -> None:
        self.detail.commit()
        self.model.set_mode(mode)
        self.view_buttons[mode].setChecked(True)
        self._update_buttons()

    # --- keeping the selection -------------------------------------------------------
    def _remember_selection(self) -> None:
        obstacle = self.selected()
        self._keep = (obstacle.id if obstacle else None, max(self.table.currentIndex().row(), 0))

    def _restore_selection(self) -> None:
        obstacle_id, row = self._keep
        if self.table.select_obstacle(obstacle_id):
            return
        # The selected obstacle went (removed, hidden, undone): select the one in its place.
        rows = self.model.obstacle_rows()
        if rows:
            self.table.select_row(next((r for r in rows if r >= row), rows[-1]))
        else:
            self.detail.set_obstacle(None)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        obstacle = self.model.obstacle_at(current.row()) if current.isValid() else None
        self.detail.set_obstacle(obstacle.id if obstacle else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        obstacle = self.selected()
        writable = not self.document.read_only
        custom = obstacle is not None and obstacle.library == "custom"
        list_order = self.model.mode == LIST_ORDER
        number = self.model.number(obstacle) if obstacle else 0
        self.edit_button.setEnabled(writable and custom)
        self.remove_button.setText("Remove" if custom or obstacle is None else "Hide")
        self.remove_button.setEnabled(writable and obstacle is not None)
        self.up_button.setEnabled(writable and list_order and number > 1)
        self.down_button.setEnabled(writable and list_order and obstacle is not None
                                    and number < len(self.model.obstacle_rows()))

    # --- menus ------------------------------------------------------------------------
    def _fill_hidden_menu(self) -> None:
        menu = self.hidden_menu
        menu.clear()
        session = self.document.session
        hidden = [o for o in session.obstacles if o.hidden]
        for o in hidden:
            action = menu.addAction(f"Show “{shortened(o.text, 70)}”")
            action.triggered.connect(lambda _=False, i=o.id: self.show_obstacle(i))
        if not hidden:
            menu.addAction("No hidden obstacles").setEnabled(False)
        menu.addSeparator()
        texts = {o.text for o in session.obstacles if not o.hidden}
        missing = [o for o in frameworks.library_obstacles("box1") if o.text not in texts]
        restore = menu.addAction(f"Bring back all of Box 1 ({len(missing)} missing)")
        restore.setEnabled(bool(missing) and not self.document.read_only)
        restore.triggered.connect(lambda: self.add_library("box1"))

    def _context_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and self.model.obstacle_at(index.row()):
            self.table.select_row(index.row())
        obstacle = self.selected()
        menu = QMenu(self)
        if obstacle is not None:
            rate = menu.addMenu("Rate")
            for rating in (0, 1, 2, 3, None):
                label = obstacles.rating_text(rating) if rating is not None else "Not rated"
                key = "Delete" if rating is None else str(rating)
                rate.addAction(f"{label}\t{key}", lambda r=rating: self.rate(r))
            menu.addAction("Add a vote (+)", lambda: self.vote(1))
            menu.addAction("Remove a vote (-)", lambda: self.vote(-1))
            menu.addSeparator()
            for button in (self.edit_button, self.up_button, self.down_button,
                           self.remove_button):
                action = menu.addAction(button.text(), button.click)
                action.setEnabled(button.isEnabled())
        menu.addAction("Add your own obstacle… (Insert)", self.start_adding)
        menu.addAction(self.library_button.text(), self.add_difficulties)
        for action in menu.actions():
            if self.document.read_only:
                action.setEnabled(False)
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()
