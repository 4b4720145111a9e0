"""The selected obstacle in detail: its wording, factor, rating, votes, notes and the
agreed action (what, who, by when), each saved as it is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.actions import widget_key
from gui.document import SessionDocument
from gui.exercises.obstacles.obstacle_list import RATING_COLOURS
from gui.widgets.bound_text import BoundText
from gui.widgets.line_edit import long_line_edit
from model import frameworks
from model.actions import obstacle_action, set_obstacle_action
from model.changes import Changeset
from model.edits import SessionEditor
from model.exercises import obstacles
from model.room import results as room_results
from model.session import FACTORS, Action, Obstacle, Session

ACTION_FIELDS = ("text", "owner", "due")


class SelectedObstacleText(BoundText):
    """A BoundText whose stored text belongs to whichever obstacle is selected: the
    detail panel commits it, changes the selection, then calls `show_stored`."""

    def commit_pending(self) -> None:
        """Save text typed but not saved yet (the typing pause has not passed). Nothing
        else: a field not being typed in may be about to show an undo's value."""
        if self.timer.isActive():
            self.commit()

    def show_stored(self) -> None:
        self.timer.stop()
        self._show(self.read(self.document.session) or "")


def _plain_edit(placeholder: str, name: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    edit.setFixedHeight(line * lines + 14)
    return edit


SOURCE_NAMES = {"box1": "Box 1", "difficulties": "difficulties list",
                "custom": "your own obstacle"}


class ObstacleDetail(QGroupBox):
    """Shows and edits one obstacle (`set_obstacle`); rating and vote buttons ask the
    page, which does the same as the keys do."""

    rate_requested = Signal(object)
    vote_requested = Signal(int)
    done = Signal()  # Escape (or Enter in a one-line field): back to the list

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__("Selected obstacle", parent)
        self.document = document
        self.obstacle_id: int | None = None
        writable = not document.read_only

        self.wording = _plain_edit("The obstacle, in the board's words (Esc: back to the list)",
                                   "Obstacle wording", 2)
        self.factor = QComboBox()
        self.factor.setAccessibleName("Factor")
        self.factor.addItem("No factor", None)
        for key in FACTORS:
            self.factor.addItem(frameworks.factor_label(key), key)
            self.factor.setItemData(self.factor.count() - 1,
                                    next(t.definition for t in frameworks.factors()
                                         if t.key == key), Qt.ItemDataRole.ToolTipRole)
        self.factor.setToolTip(frameworks.own_choice("factors"))
        self.factor.activated.connect(self._factor_chosen)
        self.factor.setEnabled(writable)

        self.rating_buttons: dict[int | None, QPushButton] = {}
        ratings = QGridLayout()
        ratings.setSpacing(4)
        for i, rating in enumerate((0, 1, 2, 3, None)):
            key = "Delete" if rating is None else str(rating)
            text = "not rated" if rating is None else obstacles.rating_text(rating)
            button = QPushButton(text)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click keeps the list's focus
            button.setToolTip((f"Rate {text} (key {key})" if rating is not None
                               else "Clear the rating (Delete)")
                              + "\n" + frameworks.own_choice("ratings"))
            button.setAccessibleName(f"Rate: {text}")
            background, colour, border = RATING_COLOURS[rating]
            button.setStyleSheet(
                f"QPushButton {{ background: {background}; color: {colour}; "
                f"border: 2px solid {border}; border-radius: 6px; padding: 4px 6px; "
                "font-weight: bold; }"
                "QPushButton:checked { border: 4px solid #000000; }")
            button.clicked.connect(lambda _=False, r=rating: self._rate_clicked(r))
            button.setEnabled(writable)
            self.rating_buttons[rating] = button
            ratings.addWidget(button, i // 3, i % 3)

        self.votes = QLabel()
        self.votes.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.votes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.vote_buttons = []
        vote_row = QHBoxLayout()
        for text, delta, tip in (("− vote", -1, "Take a vote off (-)"),
                                 ("+ vote", 1, "Add a vote (+)")):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _=False, d=delta: self.vote_requested.emit(d))
            button.setEnabled(writable)
            self.vote_buttons.append(button)
        vote_row.addWidget(self.vote_buttons[0])
        vote_row.addWidget(self.votes, 1)
        vote_row.addWidget(self.vote_buttons[1])

        self.notes = _plain_edit("What the board said about this obstacle (Esc: back to the "
                                 "list)", "Notes", 3)
        self.action_fields = {
            "text": long_line_edit(), "owner": long_line_edit(), "due": long_line_edit()}
        for field, (name, placeholder) in zip(ACTION_FIELDS, (
                ("Agreed action", "What the partnership will do"),
                ("Action owner", "Who"),
                ("Action due date", "By when: DD/MM/YYYY or YYYY-MM-DD")), strict=True):
            self.action_fields[field].setAccessibleName(name)
            self.action_fields[field].setPlaceholderText(placeholder)

        # Escape hands the keys back to the list, as in the Typology's rationale (the
        # text is saved on leaving): else rating keys typed next went into the text.
        # Enter too, where a line break means nothing: the wording and the action's
        # fields.
        for edit in (self.wording, self.notes, *self.action_fields.values()):
            widget_key(edit, Qt.Key.Key_Escape, self.done.emit)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            widget_key(self.wording, key, self.done.emit)
        for edit in self.action_fields.values():
            edit.returnPressed.connect(self.done)

        tables = ("obstacles", "actions")
        self.bindings = [
            SelectedObstacleText(document, self.wording, lambda s: self._field(s, "text"),
                                 self._write_wording, tables),
            SelectedObstacleText(document, self.notes, lambda s: self._field(s, "notes"),
                                 self._write_notes, tables),
        ] + [
            SelectedObstacleText(document, self.action_fields[f],
                                 lambda s, f=f: self._action_field(s, f),
                                 lambda e, v, f=f: self._write_action(e, f, v), tables)
            for f in ACTION_FIELDS
        ]

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.wording)
        form.addRow("Factor", self.factor)
        form.addRow(ratings)
        form.addRow(vote_row)
        self.room_line = QLabel()  # the room's rating and dot votes, once it has answered
        self.room_line.setWordWrap(True)
        self.room_line.setAccessibleName("The room's answers")
        self.room_line.setStyleSheet("color: #1d3b1d;")
        form.addRow(self.room_line)
        form.addRow("Notes", self.notes)
        action_heading = QLabel("<b>Agreed action</b> (also in the actions list)")
        form.addRow(action_heading)
        form.addRow("What", self.action_fields["text"])
        form.addRow("Who", self.action_fields["owner"])
        form.addRow("Due", self.action_fields["due"])
        self.body = QWidget()
        self.body.setLayout(form)
        self.empty = QLabel("Select an obstacle in the list.")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        document.changed.connect(self._on_changed)
        self.set_obstacle(None)

    # --- which obstacle -------------------------------------------------------------
    def obstacle(self, session: Session | None = None) -> Obstacle | None:
        session = session or self.document.session
        return next((o for o in session.obstacles if o.id == self.obstacle_id), None)

    def commit(self) -> None:
        """Save whatever is still being typed (before the selection changes)."""
        if self.obstacle() is None:
            return  # it was just removed (or its adding undone): nothing to save it to
        for binding in self.bindings:
            binding.commit_pending()

    def set_obstacle(self, obstacle_id: int | None) -> None:
        if obstacle_id == self.obstacle_id and obstacle_id is not None:
            return
        self.commit()  # the text typed belongs to the obstacle selected until now
        self.obstacle_id = obstacle_id
        for binding in self.bindings:
            binding.show_stored()
        self.refresh()

    def refresh(self) -> None:
        obstacle = self.obstacle()
        self.body.setVisible(obstacle is not None)
        self.empty.setVisible(obstacle is None)
        if obstacle is None:
            self.setTitle("Selected obstacle")
            return
        custom = obstacle.library == "custom"
        self.setTitle(f"Selected obstacle · {SOURCE_NAMES.get(obstacle.library, '')}")
        if custom:
            self.wording.setToolTip("The partnership's own obstacle: its wording can be "
                                    "edited (F2).")
        else:
            source = frameworks.seeds()[frameworks.seed_of(obstacle.library)]
            self.wording.setToolTip(f"From “{frameworks.title_of(obstacle.library)}”, "
                                    f"{source}. The wording is the source's and cannot be "
                                    "changed.")
        self.wording.setReadOnly(not custom or self.document.read_only)
        self.wording.setStyleSheet("" if custom else "background: #f0f0f0; color: #222;")
        self.factor.setCurrentIndex(max(0, self.factor.findData(obstacle.factor)))
        self.factor.setToolTip(frameworks.own_choice(
            "difficulties_factors" if obstacle.library == "difficulties" else "factors"))
        for rating, button in self.rating_buttons.items():
            button.setChecked(rating == obstacle.rating)
        self.votes.setText(f"{obstacle.votes} vote{'' if obstacle.votes == 1 else 's'}")
        self.vote_buttons[0].setEnabled(obstacle.votes > 0 and not self.document.read_only)
        session = self.document.session
        results = room_results.obstacles(session)
        if obstacle.id in results:
            self.room_line.setText(room_results.obstacle_text(
                *results[obstacle.id], session.room.anonymity_floor) + ".")
        elif room_results.answered(session, "obstacles"):
            self.room_line.setText("The room: no answers on this obstacle yet.")
        self.room_line.setVisible(obstacle.id in results
                                  or bool(room_results.answered(session, "obstacles")))

    def _on_changed(self, changeset: Changeset) -> None:
        if changeset.touches("obstacles", "actions", "responses", "respondents", "sessions"):
            self.refresh()

    def _rate_clicked(self, rating: int | None) -> None:
        self.refresh()  # the page's edit sets the checked button from what is stored
        self.rate_requested.emit(rating)

    def _factor_chosen(self, index: int) -> None:
        if self.obstacle_id is None:
            return
        obstacle_id, factor = self.obstacle_id, self.factor.itemData(index)
        if not self.document.edit(lambda e: obstacles.set_factor(e, obstacle_id, factor)):
            self.refresh()

    # --- reading and writing the texts ------------------------------------------------
    def _field(self, session: Session, name: str) -> str:
        obstacle = self.obstacle(session)
        return getattr(obstacle, name) if obstacle else ""

    def _action(self, session: Session) -> Action | None:
        return next((a for a in session.actions if a.obstacle_id == self.obstacle_id), None)

    def _action_field(self, session: Session, field: str) -> str:
        action = self._action(session)
        return (getattr(action, field) or "") if action else ""

    def _write_wording(self, editor: SessionEditor, value: str) -> Changeset:
        assert self.obstacle_id is not None
        return obstacles.edit_obstacle_text(editor, self.obstacle_id, value)

    def _write_notes(self, editor: SessionEditor, value: str) -> Changeset:
        assert self.obstacle_id is not None
        return obstacles.set_notes(editor, self.obstacle_id, value)

    def _write_action(self, editor: SessionEditor, field: str, value: str) -> Changeset:
        assert self.obstacle_id is not None
        stored = obstacle_action(editor, self.obstacle_id) or {}
        values = {f: stored.get(f) or "" for f in ACTION_FIELDS}
        values[field] = value
        return set_obstacle_action(editor, self.obstacle_id, values["text"], values["owner"],
                                   values["due"] or None)
