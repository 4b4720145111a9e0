"""Step 4, Perception grid: the groups score each row live, the gaps stand out, and a
presenter window shows the grid to the room."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.actions import widget_key
from gui.document import SessionDocument
from gui.exercises.perception.grid import PerceptionGrid, chip_html, short_name
from gui.room.status import perception_text
from gui.settings import Settings
from gui.widgets.line_edit import long_line_edit
from model import frameworks
from model.exercises.perception import (
    add_default_rows,
    add_row,
    move_row,
    remove_row,
    rename_row,
    rows_in,
    set_gap_threshold,
    set_row_section,
)
from model.session import SECTIONS

if TYPE_CHECKING:
    from gui.exercises.perception.presenter import PresenterWindow
    from gui.room.service import RoomService

HIDE_KEY = "Ctrl+H"
PRINCIPLES_BUTTON = "Add Bovaird's ten principles"
KEYS_HINT = ("↑ ↓ row  ·  ← → group  ·  1–5 score, then next row  ·  Delete clears  ·  "
             "click a cell to score  ·  Insert adds a row, F2 renames, Ctrl+↑/↓ moves it")


class PerceptionPage(QWidget):
    """The laptop's grid with the group being scored, the gaps and the row editing."""

    title = "Perception grid"

    def __init__(self, document: SessionDocument, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._watched: list[QWidget] = []  # the ancestors whose hiding closes the presenter
        self.document = document
        self.settings = settings
        self.presenter: PresenterWindow | None = None  # made when first asked for
        self.room: RoomService | None = None  # the room, while it is open
        writable = not document.read_only

        self.grid = PerceptionGrid(document)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        # --- who is scoring: unmistakable ---------------------------------------------
        self.previous_group = self._button("◀", "Previous group (Left)",
                                           lambda: self._step_group(-1))
        self.next_group = self._button("▶", "Next group (Right)", lambda: self._step_group(1))
        self.group_menu = QMenu(self)
        self.group_menu.aboutToShow.connect(self._fill_group_menu)
        self.choose_group = QToolButton()
        self.choose_group.setText("▾")
        self.choose_group.setToolTip("Choose the group to score")
        self.choose_group.setAccessibleName("Choose the group to score")
        self.choose_group.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choose_group.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.choose_group.setMenu(self.group_menu)
        for button in (self.previous_group, self.next_group, self.choose_group):
            button.setFixedWidth(44)
            button.setStyleSheet("font-size: 16pt;")
        self.choose_group.setStyleSheet("QToolButton { font-size: 16pt; } "
                                        "QToolButton::menu-indicator { image: none; }")
        self.scoring_label = QLabel()
        self.scoring_label.setAccessibleName("Group being scored")
        self.scoring_label.setTextFormat(Qt.TextFormat.RichText)
        self.scoring_label.setStyleSheet("font-size: 17pt;")
        self.group_progress = QLabel()
        self.group_progress.setTextFormat(Qt.TextFormat.PlainText)  # a group's name
        self.group_progress.setStyleSheet("color: #3d4a5a; font-size: 11pt;")
        self.hide_button = self._button(f"Hide scores ({HIDE_KEY})",
                                        f"Keep the presenter view empty of scores until you "
                                        f"reveal them ({HIDE_KEY})", self._toggle_hidden)
        self.hide_button.setCheckable(True)
        self.presenter_button = self._button("Presenter view (F5)", "Show the grid to the room "
                                             "in large type (F5; Esc closes it)",
                                             self.toggle_presenter)
        self.presenter_button.setCheckable(True)
        self.type_size = QSpinBox()
        self.type_size.setRange(12, 72)
        self.type_size.setSingleStep(2)
        self.type_size.setSuffix(" pt")
        self.type_size.setValue(settings.presenter_font_size)
        self.type_size.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # digits are for scoring
        self.type_size.setAccessibleName("Presenter type size")
        self.type_size.setToolTip("The presenter view's type size; it shrinks (to 60%) to "
                                  "fit the whole grid on the screen, and scrolls beyond that.")
        self.type_size.valueChanged.connect(self._set_type_size)
        bar = QHBoxLayout()
        bar.addWidget(self.previous_group)
        bar.addWidget(self.scoring_label)
        bar.addWidget(self.next_group)
        bar.addWidget(self.choose_group)
        bar.addSpacing(8)
        bar.addWidget(self.group_progress, 1)
        # Whatever room is left, on one line: wrapped into a narrow column, it made the
        # bar (and the page) taller than the screen.
        self.group_progress.setSizePolicy(QSizePolicy.Policy.Ignored,
                                          QSizePolicy.Policy.Preferred)

        self.hidden_banner = QLabel(
            "<b>Scores are hidden on the presenter view.</b> The room sees only how many "
            f"groups have scored each row. Press {HIDE_KEY} (or the button) to reveal them.")
        self.hidden_banner.setWordWrap(True)
        self.hidden_banner.setStyleSheet("background: #e7f0ff; color: #102a4c; padding: 6px; "
                                         "border: 1px solid #9bb8e0;")
        self.hidden_banner.hide()
        self.room_line = QLabel()  # the room's answers, once phones have answered
        self.room_line.setWordWrap(True)
        self.room_line.setTextFormat(Qt.TextFormat.PlainText)  # group names
        self.room_line.setAccessibleName("The room's answers")
        self.room_line.setStyleSheet("background: #eef6ee; color: #1d3b1d; padding: 6px; "
                                     "border: 1px solid #9cc59c;")
        self.room_line.hide()

        # --- gaps --------------------------------------------------------------------
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 4)
        self.threshold.setSuffix(" or more")
        self.threshold.setValue(self.grid.threshold)
        self.threshold.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # digits are for scoring
        self.threshold.setAccessibleName("Gap threshold")
        self.threshold.setToolTip("A row is flagged when its highest and lowest scores are "
                                  "this far apart or more. It is this session's: its PDF "
                                  "and summary flag the same rows (Ctrl+Z undoes a change)."
                                  "\n" + frameworks.own_choice("gap"))
        self.threshold.setEnabled(writable)
        self.threshold.valueChanged.connect(self._set_threshold)
        self.gaps = QListWidget()
        self.gaps.setAccessibleName("Perception gaps")
        self.gaps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.gaps.setWordWrap(True)
        self.gaps.itemClicked.connect(self._gap_clicked)
        gaps_box = QGroupBox("Perception gaps, widest first")
        gaps_layout = QVBoxLayout(gaps_box)
        threshold_row = QHBoxLayout()
        threshold_label = QLabel("Flag a row when its scores differ by")
        threshold_label.setWordWrap(True)
        threshold_label.setBuddy(self.threshold)
        threshold_row.addWidget(threshold_label, 1)
        threshold_row.addWidget(self.threshold)
        gaps_layout.addLayout(threshold_row)
        gaps_layout.addWidget(self.gaps, 1)

        # --- the selected row --------------------------------------------------------
        self.label_edit = long_line_edit()
        self.label_edit.setAccessibleName("Row label")
        self.label_edit.setPlaceholderText("Row label")
        self.label_edit.setReadOnly(not writable)
        self.label_edit.editingFinished.connect(self._rename)
        self.label_edit.returnPressed.connect(self.grid.setFocus)
        self.label_edit.installEventFilter(self)
        self.section_choice = QComboBox()
        self.section_choice.setAccessibleName("Row section")
        for section in SECTIONS:
            self.section_choice.addItem(frameworks.section_label(section), section)
        self.section_choice.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.section_choice.activated.connect(self._set_section)
        self.add_button = self._button("Add row", "Add a row after the selected one (Insert)",
                                       self.add_row)
        self.remove_button = self._button("Remove row", "Remove the selected row and its "
                                          "scores (Ctrl+Delete; Ctrl+Z brings it back)",
                                          self.remove_row)
        self.up_button = self._button("Move up", "Move the selected row up (Ctrl+Up)",
                                      lambda: self.move_row(-1))
        self.down_button = self._button("Move down", "Move the selected row down (Ctrl+Down)",
                                        lambda: self.move_row(1))
        self.principles_button = self._button(
            PRINCIPLES_BUTTON, f"Add Bovaird's ten good-governance principles (the slide "
            f"{frameworks.principles_title()}, 2009) that the grid does not have yet: a "
            "different slide from the Governance Test, whose rows they are not",
            lambda: self.add_defaults("principles"))
        self.quality_button = self._button(
            "Add the quality-of-life issues", "Add the quality-of-life issues of the "
            "Governance Test table (Carrick Housing) that the grid does not have yet",
            lambda: self.add_defaults("quality-of-life"))
        row_box = QGroupBox("Selected row")
        row_layout = QGridLayout(row_box)
        row_layout.addWidget(self.label_edit, 0, 0, 1, 2)
        row_layout.addWidget(self.section_choice, 1, 0, 1, 2)
        row_layout.addWidget(self.add_button, 2, 0)
        row_layout.addWidget(self.remove_button, 2, 1)
        row_layout.addWidget(self.up_button, 3, 0)
        row_layout.addWidget(self.down_button, 3, 1)
        row_layout.addWidget(self.principles_button, 4, 0, 1, 2)
        row_layout.addWidget(self.quality_button, 5, 0, 1, 2)
        for widget in (self.section_choice, self.add_button, self.remove_button,
                       self.up_button, self.down_button, self.principles_button,
                       self.quality_button):
            widget.setEnabled(writable)

        presenter_box = QGroupBox("The room's screen")
        presenter_layout = QVBoxLayout(presenter_box)
        presenter_layout.addWidget(self.presenter_button)
        presenter_layout.addWidget(self.hide_button)
        size_row = QHBoxLayout()
        size_label = QLabel("Type size")
        size_label.setBuddy(self.type_size)
        size_row.addWidget(size_label)
        size_row.addWidget(self.type_size, 1)
        presenter_layout.addLayout(size_row)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(presenter_box)
        side.addWidget(gaps_box, 1)
        side.addWidget(row_box)
        side_panel = QWidget()
        side_panel.setLayout(side)
        side_panel.setMinimumWidth(220)

        self.no_groups = QLabel("This session has no stakeholder groups yet: add them in "
                                "Set-up (Ctrl+1), then come back to score.")
        self.no_groups.setStyleSheet("background: #fff3cd; color: #3d2c00; padding: 6px;")
        self.no_groups.setWordWrap(True)
        hint = QLabel(KEYS_HINT)
        hint.setStyleSheet("color: #4a5666;")
        hint.setWordWrap(True)

        # The panel can be dragged narrower, or shut, to give the grid the room.
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(self.scroll)
        middle.addWidget(side_panel)
        middle.setStretchFactor(0, 1)
        middle.setStretchFactor(1, 0)
        middle.setCollapsible(0, False)
        middle.setSizes([900, 250])
        self.splitter = middle
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.hidden_banner)
        layout.addWidget(self.room_line)
        layout.addWidget(self.no_groups)
        layout.addWidget(middle, 1)
        layout.addWidget(hint)

        # Keys on the grid for editing rows; Ctrl+H anywhere on the page.
        for keys, slot in (("Insert", self.add_row), ("F2", self.start_rename),
                           ("Ctrl+Up", lambda: self.move_row(-1)),
                           ("Ctrl+Down", lambda: self.move_row(1)),
                           ("Ctrl+Delete", self.remove_row)):
            widget_key(self.grid, keys, slot)
        hide = QShortcut(QKeySequence(HIDE_KEY), self)
        hide.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        hide.activated.connect(self._toggle_hidden_key)
        join = QShortcut(QKeySequence("Ctrl+J"), self)
        join.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        join.activated.connect(self.toggle_join_card)

        self._gap_key: list = []
        self.grid.view_changed.connect(self._refresh)
        self._refresh()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        # Buttons never take the keyboard from the grid: digits must keep scoring.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    # --- the step -------------------------------------------------------------------

    def focus_main(self) -> None:
        """Shown: the grid has the keyboard, first row and first group selected."""
        self.grid.select(row=0, group=0)
        self.grid.setFocus()
        self.scroll.verticalScrollBar().setValue(0)

    # --- refreshing what the page says -------------------------------------------------

    def _refresh(self) -> None:
        grid = self.grid
        group = grid.current_group_item()
        count = len(grid.groups)
        if group is None:
            self.scoring_label.setText("Scoring: <i>no stakeholder groups yet</i>")
            self.scoring_label.setToolTip("")
            self.group_progress.setText("")
        else:
            self.scoring_label.setToolTip(group.name)
            self.scoring_label.setText(
                f"Scoring: <b>{chip_html(group.name, group.colour)}</b>"
                f"&nbsp;&nbsp;({grid.current_group + 1} of {count})")
            done = grid.rows_scored_by(group)
            self.group_progress.setText(f"{short_name(group.name)} has scored {done} of "
                                        f"{len(grid.rows)} rows")
        self.previous_group.setEnabled(grid.current_group > 0)
        self.next_group.setEnabled(0 <= grid.current_group < count - 1)
        self.no_groups.setVisible(count == 0)
        self.hidden_banner.setVisible(grid.scores_hidden)
        room_text = perception_text(self.document.session)
        self.room_line.setText(room_text)
        self.room_line.setVisible(bool(room_text))
        self.hide_button.setChecked(grid.scores_hidden)
        self.hide_button.setText(f"Reveal scores ({HIDE_KEY})" if grid.scores_hidden
                                 else f"Hide scores ({HIDE_KEY})")
        self._refresh_row_editor()
        if self.threshold.value() != grid.threshold:  # an undo, or another view's edit
            self.threshold.blockSignals(True)
            self.threshold.setValue(grid.threshold)
            self.threshold.blockSignals(False)
        self._refresh_gaps()
        current = grid.current_row_item()
        if current is not None and group is not None:
            score = grid.score_of(current, group)
            grid.setAccessibleDescription(
                f"Row “{current.label}”; scoring {group.name}; "
                f"{'score ' + str(score) if score else 'not scored yet'}")
        if current is not None:
            grid.show_row(self.scroll, grid.current_row, 8)

    def _refresh_row_editor(self) -> None:
        row = self.grid.current_row_item()
        if not self.label_edit.hasFocus():
            self.label_edit.setText(row.label if row else "")
            self.label_edit.setCursorPosition(0)
        self.label_edit.setEnabled(row is not None)
        if row is not None:
            self.section_choice.setCurrentIndex(SECTIONS.index(row.section))
        writable = not self.document.read_only
        for widget in (self.section_choice, self.remove_button, self.up_button,
                       self.down_button):
            widget.setEnabled(writable and row is not None)

    def _refresh_gaps(self) -> None:
        # The grid's spreads are the session's, already worked out: no reload per score.
        flagged = self.grid.gaps()
        # With the threshold: "No row has groups 3 or more points apart" names it.
        key = [self.grid.threshold] + [(s.row.id, s.range, s.count) for s in flagged]
        if key == self._gap_key and self.gaps.count():
            return
        self._gap_key = key
        self.gaps.clear()
        for spread in flagged:
            item = QListWidgetItem(f"⚠ range {spread.range}: {spread.row.label} "
                                   f"({spread.minimum} to {spread.maximum}, "
                                   f"{spread.count} groups)")
            item.setData(Qt.ItemDataRole.UserRole, spread.row.id)
            item.setToolTip(", ".join(f"{g}: {s}" for g, s in spread.scores.items()))
            self.gaps.addItem(item)
        if not flagged:
            item = QListWidgetItem(f"No row has groups {self.grid.threshold} or more points "
                                   "apart yet.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.gaps.addItem(item)

    # --- scoring and gaps --------------------------------------------------------------

    def _step_group(self, step: int) -> None:
        self.grid.select(group=self.grid.current_group + step)
        self.grid.setFocus()

    def _fill_group_menu(self) -> None:
        """Every group, with how many rows it has scored, to jump straight to one."""
        self.group_menu.clear()
        grid = self.grid
        for index, group in enumerate(grid.groups):
            done = grid.rows_scored_by(group)
            action = self.group_menu.addAction(
                f"{group.name}  ({done} of {len(grid.rows)} rows scored)")
            action.setCheckable(True)
            action.setChecked(index == grid.current_group)
            action.triggered.connect(lambda _=False, i=index: self._choose_group(i))

    def _choose_group(self, index: int) -> None:
        self.grid.select(group=index)
        self.grid.setFocus()

    def _set_threshold(self, value: int) -> None:
        """The spin box moved: edit the session (one undo step); the grid, the gaps list
        and the presenter follow from `document.changed`."""
        if value == self.grid.threshold:
            return
        if not self.document.edit(lambda e: set_gap_threshold(e, value)):
            self.threshold.blockSignals(True)  # refused: show what is stored
            self.threshold.setValue(self.grid.threshold)
            self.threshold.blockSignals(False)

    def _set_type_size(self, size: int) -> None:
        self.settings.presenter_font_size = size
        if self.presenter is not None:
            self.presenter.set_point_size(size)

    def _gap_clicked(self, item: QListWidgetItem) -> None:
        row_id = item.data(Qt.ItemDataRole.UserRole)
        if row_id is not None:
            self.grid.select_row_id(row_id)
            self.grid.setFocus()

    def set_scores_hidden(self, hidden: bool) -> None:
        """Hide (or reveal) the scores on the presenter view."""
        self.grid.set_scores_hidden(hidden)

    def _toggle_hidden(self) -> None:
        self.set_scores_hidden(self.hide_button.isChecked())

    def _toggle_hidden_key(self) -> None:
        self.set_scores_hidden(not self.grid.scores_hidden)

    def toggle_presenter(self) -> None:
        """Show the presenter window, or close it if it is showing (F5)."""
        from gui.exercises.perception.presenter import (
            PresenterWindow,  # here: it imports this package
        )

        if self.presenter is None:
            self.presenter = PresenterWindow(self.document, self.settings, self.grid, self)
            self.presenter.visibility_changed.connect(self.presenter_button.setChecked)
            self.presenter.set_room(self.room)
        if self.presenter.isVisible():
            self.presenter.close()
        else:
            self.presenter.present()
        self.presenter_button.setChecked(self.presenter.isVisible())

    def set_room(self, room: RoomService | None) -> None:
        """The room now open for this session (None: closed): the presenter shows how
        to join it."""
        self.room = room
        if self.presenter is not None:
            self.presenter.set_room(room)

    def toggle_join_card(self) -> None:
        if self.presenter is not None:
            self.presenter.toggle_join_card()

    # --- rows --------------------------------------------------------------------------

    def add_row(self) -> None:
        """Add a row after the selected one (in its section), then type its label."""
        if self.document.read_only:
            return
        row = self.grid.current_row_item()
        section = row.section if row else SECTIONS[-1]
        index = (rows_in(self.document.session, section).index(row) + 1) if row else None
        before = {r.id for r in self.grid.rows}
        if self.document.edit(lambda e: add_row(e, section, None, index)):
            added = next((r for r in self.grid.rows if r.id not in before), None)
            if added is not None:
                self.grid.select_row_id(added.id)
            self.start_rename()

    def start_rename(self) -> None:
        if self.grid.current_row_item() is None or self.document.read_only:
            return
        self.label_edit.setFocus()
        self.label_edit.selectAll()

    def _rename(self) -> None:
        row = self.grid.current_row_item()
        text = self.label_edit.text()
        if row is None or text == row.label:
            return
        if not self.document.edit(lambda e: rename_row(e, row.id, text)):
            self.label_edit.setText(row.label)

    def remove_row(self) -> None:
        row = self.grid.current_row_item()
        if row is None or self.document.read_only:
            return
        if self.document.edit(lambda e: remove_row(e, row.id)):
            self.document.message.emit(f"Removed the row “{row.label}” and its scores. "
                                       "Undo (Ctrl+Z) brings them back.")
        self.grid.setFocus()

    def move_row(self, step: int) -> None:
        """Move the selected row up or down; past the end of its section it goes on into
        the other section."""
        row = self.grid.current_row_item()
        if row is None or self.document.read_only:
            return
        session = self.document.session
        same = rows_in(session, row.section)
        index = same.index(row) + step
        if 0 <= index < len(same):
            self.document.edit(lambda e: move_row(e, row.id, index))
        else:
            other = SECTIONS.index(row.section) + step
            if 0 <= other < len(SECTIONS):
                section = SECTIONS[other]
                at = len(rows_in(session, section)) if step < 0 else 0
                self.document.edit(lambda e: set_row_section(e, row.id, section, at))
        self.grid.select_row_id(row.id)
        self.grid.setFocus()

    def _set_section(self, index: int) -> None:
        row = self.grid.current_row_item()
        section = self.section_choice.itemData(index)
        if row is not None and section != row.section:
            self.document.edit(lambda e: set_row_section(e, row.id, section))
            self.grid.select_row_id(row.id)
        self.grid.setFocus()

    def add_defaults(self, which: str) -> None:
        if self.document.read_only:
            return
        before = len(self.grid.rows)
        if self.document.edit(lambda e: add_default_rows(e, which)) \
                and len(self.grid.rows) == before:
            noun = "Bovaird's ten principles" if which == "principles" \
                else "quality-of-life issues"
            self.document.message.emit(f"The grid already has all the {noun}.")
        self.grid.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Leaving the session (its view hidden) closes the presenter; going to another
        # step (only this page and what holds it in the step stack hidden) keeps it up.
        from gui.session_view import SessionView

        ancestor = self.parentWidget()
        while ancestor is not None and not isinstance(ancestor, SessionView):
            ancestor = ancestor.parentWidget()
        while ancestor is not None and not ancestor.isWindow():
            if ancestor not in self._watched:
                ancestor.installEventFilter(self)
                self._watched.append(ancestor)
            ancestor = ancestor.parentWidget()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in self._watched and event.type() == QEvent.Type.Hide \
                and not event.spontaneous() and self.presenter is not None:
            self.presenter.close()
        if watched is self.label_edit and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            row = self.grid.current_row_item()
            self.label_edit.setText(row.label if row else "")
            self.grid.setFocus()
            return True
        return super().eventFilter(watched, event)

