"""A paper card read out: the answers of someone without a phone, entered on the laptop.

They are stored exactly as a phone's are (a respondent and its responses, through the
same edits), so they count the same; the whole card is one undo step.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from model import frameworks
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises.perception import ordered_rows
from model.room import DOT_VOTES, EXERCISE_NAMES, EXERCISES
from model.room import answers as room_answers
from model.session import SCORES
from model.store import Store
from model.text import shortened

NOT_ANSWERED = "—"


class PaperCardDialog(QDialog):
    """Choose whose card it is, set what it says, and OK enters it."""

    def __init__(self, document: SessionDocument, open_exercises: frozenset[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Enter a paper card")
        session = document.session
        self.who = QComboBox()
        self.who.setAccessibleName("Whose card")
        for group in session.groups:
            self.who.addItem(f"A member of {group.name}", f"group:{group.id}")
        by_phone = {r.participant_id for r in session.room.respondents if r.via == "phone"}
        for index, participant in enumerate(session.participants):
            if participant.id not in by_phone:
                self.who.addItem(session.participant_label(index),
                                 f"participant:{participant.id}")

        self.tabs = QTabWidget()
        self.scores: dict[str, QComboBox] = {}  # perception row id -> score
        self.ratings: dict[str, QComboBox] = {}  # "rating:<obstacle id>" -> rating
        self.votes: dict[str, QSpinBox] = {}  # "votes:<obstacle id>" -> dot votes
        self.placements: dict[str, QComboBox] = {}  # horizon -> "collaboration/function"
        pages = {"perception": self._perception_page, "obstacles": self._obstacles_page,
                 "typology": self._typology_page}
        for exercise in EXERCISES:
            self.tabs.addTab(pages[exercise](), EXERCISE_NAMES[exercise])
        first_open = next((i for i, e in enumerate(EXERCISES) if e in open_exercises), 0)
        self.tabs.setCurrentIndex(first_open)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("Whose card is it? Answers left at “—” are not entered.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.who)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(640, 620)
        self.who.setFocus()

    def _scrolling(self, form: QFormLayout) -> QScrollArea:
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _choice(self, options: list[tuple[str, str]], name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.addItem(NOT_ANSWERED, None)
        for label, value in options:
            box.addItem(label, value)
        return box

    def _perception_page(self) -> QWidget:
        form = QFormLayout()
        for row in ordered_rows(self.document.session):
            box = self._choice([(str(s), str(s)) for s in SCORES], row.label)
            self.scores[str(row.id)] = box
            form.addRow(shortened(row.label, 60), box)
        return self._scrolling(form)

    def _obstacles_page(self) -> QWidget:
        form = QFormLayout()
        form.addRow(QLabel(f"Each card may spend up to {DOT_VOTES} dot votes."))
        scale = [(f"{v} {frameworks.rating_label(v)}", str(v)) for v in range(4)]
        for obstacle in self.document.session.visible_obstacles():
            rating = self._choice(scale, f"Rating: {obstacle.text}")
            votes = QSpinBox()
            votes.setRange(0, DOT_VOTES)
            votes.setAccessibleName(f"Dot votes: {obstacle.text}")
            self.ratings[f"rating:{obstacle.id}"] = rating
            self.votes[f"votes:{obstacle.id}"] = votes
            form.addRow(shortened(obstacle.text, 60), rating)
            form.addRow("    dot votes", votes)
        return self._scrolling(form)

    def _typology_page(self) -> QWidget:
        form = QFormLayout()
        cells = [(f"{c.label} · {f.label}", f"{c.key}/{f.key}")
                 for c in frameworks.collaboration_levels() for f in frameworks.functions()]
        for horizon, label in (("now", "Now"), ("needed", "Where it needs to be")):
            box = self._choice(cells, label)
            self.placements[horizon] = box
            form.addRow(label, box)
        return self._scrolling(form)

    def answers(self) -> list[tuple[str, str, str]]:
        """(exercise, item, value) for every answer the card gives."""
        given = [("perception", item, box.currentData()) for item, box in self.scores.items()]
        given += [("obstacles", item, box.currentData()) for item, box in self.ratings.items()]
        given += [("obstacles", item, str(box.value()) if box.value() else None)
                  for item, box in self.votes.items()]
        given += [("typology", item, box.currentData())
                  for item, box in self.placements.items()]
        return [(exercise, item, value) for exercise, item, value in given if value]

    def accept(self) -> None:
        if self.enter():
            super().accept()

    def enter(self) -> bool:
        """Store the card as one undo step; False (the dialog stays) if it was refused."""
        answers = self.answers()
        if not answers:
            self.document.message.emit("The card gives no answer: nothing was entered.")
            return False
        if not self.who.currentData():
            self.document.message.emit("Set up a stakeholder group or a participant first.")
            return False
        kind, _, chosen = self.who.currentData().partition(":")
        refusal = self._refusal(kind, int(chosen), answers)
        if refusal:
            self.document.message.emit(f"{refusal} Nothing of the card was entered.")
            return False
        stack = self.document.undo_stack
        stack.beginMacro(f"Paper card: {self.who.currentText()}")
        try:
            respondent = self._respondent(kind, int(chosen))
            if respondent is None:
                return False
            for exercise, item, value in answers:
                if not self.document.edit(lambda e, x=exercise, i=item, v=value:
                                          room_answers.answer(e, respondent, x, i, v)):
                    return False
        finally:
            stack.endMacro()
        self.document.message.emit(f"Paper card entered: {len(answers)} answer(s), counted "
                                   "with the phones'.")
        return True

    def _refusal(self, kind: str, chosen: int, answers: list[tuple[str, str, str]]
                 ) -> str | None:
        """Why the card would be refused (too many dot votes…), found by entering it
        whole into a private copy of the database first: a card goes in whole or not
        at all, and OK again never enters it twice."""
        scratch = Store(self.document.store.database.in_memory_copy())
        try:
            editor = SessionEditor(scratch, self.document.session_id)
            respondent = self._earlier(kind, chosen)
            if respondent is None:
                joined = room_answers.join(editor, via="laptop", **{f"{kind}_id": chosen})
                scratch.apply(joined)
                respondent = room_answers.respondent_id(joined)
            for exercise, item, value in answers:
                scratch.apply(room_answers.answer(editor, respondent, exercise, item, value))
        except EditRefused as refusal:
            return str(refusal)
        finally:
            scratch.close()
        return None

    def _earlier(self, kind: str, chosen: int) -> int | None:
        """A participant's earlier card (their answers are changed, not added again)."""
        if kind != "participant":
            return None
        return next((r.id for r in self.document.session.room.respondents
                     if r.participant_id == chosen), None)

    def _respondent(self, kind: str, chosen: int) -> int | None:
        """The respondent the card is entered for: a participant's earlier card, or a
        new one."""
        earlier = self._earlier(kind, chosen)
        if earlier is not None:
            return earlier
        joined: list = []

        def join(editor):
            changeset = room_answers.join(
                editor, via="laptop", **{f"{kind}_id": chosen})
            joined.append(changeset)
            return changeset
        if not self.document.edit(join):
            return None
        return room_answers.respondent_id(joined[0])
