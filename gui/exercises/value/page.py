"""The value for money page: the two key questions' answers (the session's own fields,
edited as the Summary edits them), each partner body's inputs (staff hours a month,
money a year, other inputs) with their totals, the outputs and outcomes, the board's
verdict and why, and where a service user who complains goes and how clear that is.
The verdicts, the route's marks and counting inputs this way are the app's own.

Keys on the inputs list: Up/Down select a partner body; F2 or Enter edits its hours,
Enter again its money, then its other inputs, then back; Esc goes back to the list
from any field; A/1, C/2, K/3 mark the verdict (the same key again clears it). Tab goes
on through the answers; Alt+underlined letter goes to a field.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.widgets.bound_text import BoundText
from gui.widgets.line_edit import long_line_edit
from gui.widgets.table_page import SelectedRowText, TablePage, read_only_cell, selected_of
from model import frameworks
from model.changes import Changeset
from model.edits import SessionEditor
from model.exercises import value
from model.exercises.value import Input
from model.session import Session

VERDICT_KEYS = {Qt.Key.Key_A: "adds-value", Qt.Key.Key_1: "adds-value",
                Qt.Key.Key_C: "costs-more", Qt.Key.Key_2: "costs-more",
                Qt.Key.Key_K: "not-known", Qt.Key.Key_3: "not-known"}
# The radio buttons' words, with their Alt+letter.
VERDICT_WORDS = {"adds-value": "&Adds value", "costs-more": "&Costs more than it adds",
                 "not-known": "Not yet &known"}
ROUTE_WORDS = {"clear": "C&lear to users", "unclear": "&Unclear to users",
               "none": "There is &none"}
COLUMNS = ("Partner body", "Hours a month", "£ a year", "Other inputs")
NUMBER_COLUMNS = (1, 2)
OWN = "the app's own"
WATCHED = (value.INPUTS_TABLE, value.TABLE, "organisations")


def _text_box(placeholder: str, name: str, lines: int = 2) -> QPlainTextEdit:
    """A multi-line answer: Tab moves on (it types no tab), a few lines high."""
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class ValuePage(TablePage):
    watches = WATCHED

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.bound: list[BoundText] = []
        seed, also = frameworks.seed_of("value"), "001_ccd9b21d42e56455.txt"
        head = self._head(
            frameworks.title_of("value"),
            f"“{frameworks.value_quote('analysis').split('. ')[1]}” "
            f"({frameworks.citation(seed)}). “"
            f"{frameworks.value_quote('extract').split('. ')[1]}” "
            f"({frameworks.citation(also)}). What is marked “{OWN}” is not the seeds': "
            "hover over it for why.",
            "Inputs list: Up/Down partner body · F2 or Enter: hours, Enter: money, Enter: "
            "other inputs · Delete: clear them · Esc: back to the list · Verdict: A or 1 adds "
            "value, C or 2 costs more than it adds, K or 3 not yet known (again: clear) · "
            "Tab: on through the answers · Alt+underlined letter: go there")
        for label in head[1:]:
            label.setToolTip(frameworks.own_choice("value"))

        # The two key questions: the session's own answers, edited as the Summary does.
        questions = QGroupBox("The two key questions (the same answers as on the Summary)")
        questions_layout = QGridLayout(questions)
        self.answers: dict[str, QPlainTextEdit] = {}
        mnemonics = {"in_charge": "W", "added_value": "d"}
        for column, (key, question) in enumerate(frameworks.key_questions()):
            answer = _text_box("The board's answer", question)
            letter = mnemonics[key]
            at = question.find(letter)
            label = self._buddy(f"{question[:at]}&{question[at:]}", answer)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self.bound.append(BoundText(document, answer,
                                        lambda s, k=key: getattr(s.key_questions, k),
                                        lambda e, v, k=key: e.set_detail(k, v)))
            questions_layout.addWidget(label, 0, column)
            questions_layout.addWidget(answer, 1, column)
            self.answers[key] = answer

        # Inputs, per partner body.
        inputs = QGroupBox(f"&Inputs, per partner body (counted this way: {OWN})")
        inputs.setToolTip(frameworks.own_choice("value"))
        self._make_table(COLUMNS, "Inputs, per partner body")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in NUMBER_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, tip in ((1, "Staff hours a month for the partnership's meetings and "
                                "their administration"), (2, "Money a year, in pounds"),
                            (3, "Rooms, data, staff seconded…")):
            self.table.horizontalHeaderItem(column).setToolTip(
                f"{tip}. {frameworks.own_choice('value')}")
        self.table.setMinimumHeight(110)
        self.empty = QLabel("No partner bodies yet: add them in Set-up (Ctrl+1).")
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.organisation = QLabel()
        self.organisation.setTextFormat(Qt.TextFormat.PlainText)  # a partner body's name
        self.organisation.setWordWrap(True)
        self.hours, self.hours_text = self._number_field("hours_a_month", "12 or 1,200")
        self.money, self.money_text = self._number_field("money_a_year", "£3,000")
        self.other, self.other_text = self._field(
            "Rooms, data, staff seconded… (Esc: back to the list)", "Other inputs",
            lambda s: self._input_of(s).other,
            lambda e, v: value.set_other(e, self.selected_organisation_id(), v), WATCHED)
        detail = QGridLayout()
        detail.addWidget(self.organisation, 0, 0, 1, 4)
        detail.addWidget(self._buddy("Staff hours a &month", self.hours), 1, 0)
        detail.addWidget(self.hours, 1, 1)
        detail.addWidget(self._buddy("Mone&y a year (£)", self.money), 1, 2)
        detail.addWidget(self.money, 1, 3)
        detail.addWidget(QLabel("Other inputs"), 2, 0)
        detail.addWidget(self.other, 2, 1, 1, 3)
        detail.setColumnStretch(1, 1)
        detail.setColumnStretch(3, 1)
        inputs_layout = QVBoxLayout(inputs)
        for widget in (self.empty, self.table, self.totals):
            inputs_layout.addWidget(widget, 1 if widget is self.table else 0)
        inputs_layout.addLayout(detail)

        # Outputs and outcomes, side by side.
        results = QGroupBox("What the partnership produced, and what changed")
        results_layout = QGridLayout(results)
        self.outputs = self._text("outputs", "What it produced", "Outputs")
        self.outcomes = self._text("outcomes", "What changed for people", "Outcomes")
        results_layout.addWidget(self._buddy("&Outputs", self.outputs), 0, 0)
        results_layout.addWidget(self.outputs, 1, 0)
        results_layout.addWidget(self._buddy("Ou&tcomes", self.outcomes), 0, 1)
        results_layout.addWidget(self.outcomes, 1, 1)

        # The verdict.
        verdict = QGroupBox(f"Verdict: does it add value, or extract it? (marks: {OWN})")
        verdict.setToolTip(frameworks.own_choice("value"))
        verdict_layout = QVBoxLayout(verdict)
        self.verdicts = self._marks(VERDICT_WORDS, self.choose_verdict)
        self.why = self._text("why", "The board's reasons", "Why")
        marks = QHBoxLayout()
        for button in self.verdicts.values():
            marks.addWidget(button)
        marks.addStretch(1)
        verdict_layout.addLayout(marks)
        verdict_layout.addWidget(self._buddy("Why? (the &board's reasons)", self.why))
        verdict_layout.addWidget(self.why)

        # Complaints and redress.
        redress = QGroupBox(f"Complaints and redress (question and marks: {OWN})")
        redress.setToolTip(frameworks.own_choice("value"))
        redress_layout = QGridLayout(redress)
        self.complaints_to = long_line_edit()
        self.complaints_to.setPlaceholderText("A team, a person, an address (Esc: back to "
                                              "the list)")
        self.complaints_to.setAccessibleName("A service user complains: to whom?")
        self.complaints_to.setToolTip(f"“{frameworks.value_quote('redress')}” "
                                      f"({frameworks.citation(seed)})")
        self.bound.append(BoundText(document, self.complaints_to,
                                    lambda s: value.stored(s).complaints_to,
                                    lambda e, v: value.set_text(e, "complaints_to", v),
                                    WATCHED))
        self.routes = self._marks(ROUTE_WORDS, self.choose_route)
        routes = QHBoxLayout()
        for button in self.routes.values():
            routes.addWidget(button)
        routes.addStretch(1)
        redress_layout.addWidget(self._buddy("A service user com&plains: to whom?",
                                             self.complaints_to), 0, 0)
        redress_layout.addWidget(self.complaints_to, 0, 1)
        redress_layout.addWidget(QLabel("That route is:"), 1, 0)
        redress_layout.addLayout(routes, 1, 1)
        redress_source = QLabel(f"“{frameworks.value_quote('redress').split('. ')[-1]}” "
                                f"({frameworks.citation(seed)})")
        redress_source.setWordWrap(True)
        redress_source.setStyleSheet("color: #555;")
        redress_layout.addWidget(redress_source, 2, 0, 1, 2)

        for widget in (*self.answers.values(), self.outputs, self.outcomes, self.why,
                       self.complaints_to, *self.verdicts.values(), *self.routes.values()):
            widget.installEventFilter(self)  # Esc: back to the inputs list

        columns = QGridLayout()
        columns.addWidget(questions, 0, 0, 1, 2)
        columns.addWidget(inputs, 1, 0, 4, 1)
        columns.addWidget(results, 1, 1)
        columns.addWidget(verdict, 2, 1)
        columns.addWidget(redress, 3, 1)
        columns.setRowStretch(4, 1)  # room to spare goes to the inputs list
        columns.setColumnStretch(0, 5)
        columns.setColumnStretch(1, 4)
        columns.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        body.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._order_tabs()

        layout = QVBoxLayout(self)
        for widget in head:
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        self.document.changed.connect(self._changed)
        self._fill()

    # --- building ----------------------------------------------------------------------

    @staticmethod
    def _buddy(words: str, widget: QWidget) -> QLabel:
        label = QLabel(words)
        label.setBuddy(widget)
        return label

    def _number_field(self, measure: str, example: str) -> tuple[QLineEdit, SelectedRowText]:
        field, text = self._field(
            f"{example} (blank: not known; Esc: back to the list)", value.WORDS[measure],
            lambda s: value.whole(getattr(self._input_of(s), measure)).replace(",", ""),
            lambda e, v: value.set_number(e, self.selected_organisation_id(), measure, v), WATCHED)
        field.setAlignment(Qt.AlignmentFlag.AlignRight)
        field.setProperty("takes", "whole numbers")  # tests/test_hostile_input.py
        return field, text

    def _text(self, name: str, placeholder: str, accessible: str) -> QPlainTextEdit:
        box = _text_box(f"{placeholder} (Tab: on; Esc: back to the list)", accessible)
        self.bound.append(BoundText(self.document, box,
                                    lambda s: getattr(value.stored(s), name),
                                    lambda e, v: value.set_text(e, name, v), WATCHED))
        return box

    def _marks(self, words: dict[str, str],
               choose: Callable[[str | None], None]) -> dict[str, QRadioButton]:
        """One radio button a mark; clicking the marked one again clears it."""
        buttons = {}
        for key, label in words.items():
            button = QRadioButton(label)
            button.setAutoExclusive(False)
            button.setToolTip(frameworks.own_choice("value"))
            button.clicked.connect(lambda checked, k=key: choose(k if checked else None))
            buttons[key] = button
        return buttons

    def _order_tabs(self) -> None:
        chain: list[QWidget] = [*self.answers.values(), self.table, self.hours, self.money,
                                self.other, self.outputs, self.outcomes,
                                *self.verdicts.values(), self.why, self.complaints_to,
                                *self.routes.values()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- what is shown ---------------------------------------------------------------

    def rows(self) -> list[Input]:
        return value.inputs(self.document.session)

    def _input_of(self, session: Session) -> Input:
        rows = value.inputs(session)
        return selected_of(rows, self.position) or Input("")

    def _fill(self) -> None:
        session = self.document.session
        rows = value.inputs(session)
        self.table.setRowCount(len(rows))
        self.empty.setVisible(not rows)
        for r, row in enumerate(rows):
            cells = (row.organisation, value.whole(row.hours_a_month),
                     value.whole(row.money_a_year), row.other)
            for column, shown in enumerate(cells):
                cell = read_only_cell(shown)
                if column in NUMBER_COLUMNS:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, column, cell)
        self.table.resizeRowsToContents()
        if rows and self.position >= len(rows):
            self.position = len(rows) - 1
        self.totals.setText(self._totals_text(session))
        data = value.stored(session)
        for key, button in self.verdicts.items():
            button.setChecked(data.verdict == key)
            button.setEnabled(not self.document.read_only)
        for key, button in self.routes.items():
            button.setChecked(data.redress == key)
            button.setEnabled(not self.document.read_only)
        self._show_detail()

    @staticmethod
    def _totals_text(session: Session) -> str:
        if not session.organisations:
            return ""
        hours = value.total(session, "hours_a_month")
        money = value.total(session, "money_a_year")
        count = len(session.organisations)
        parts = []
        if hours is not None:
            some = value.recorded(session, "hours_a_month")
            parts.append(f"<b>{hours:,}</b> staff hours a month (<b>{hours * 12:,}</b> a year)"
                         + (f", from {some} of {count} partner bodies" if some < count else ""))
        if money is not None:
            some = value.recorded(session, "money_a_year")
            parts.append(f"<b>£{money:,}</b> a year"
                         + (f", from {some} of {count} partner bodies" if some < count else ""))
        return ("Total: " + " · ".join(parts)) if parts else \
            "Total: nothing recorded yet (F2 or Enter on a partner body to give its hours)."

    def _show_detail(self) -> None:
        rows = self.rows()
        for field in (self.hours, self.money, self.other):
            field.setEnabled(bool(rows) and not self.document.read_only)
        if not rows:
            self.organisation.setText("")
            return
        row = rows[self.position]
        self.organisation.setText(f"{self.position + 1}. {row.organisation}")

    # --- edits: one document.edit each ------------------------------------------------

    def choose_verdict(self, verdict: str | None) -> None:
        self._mark(lambda e: value.set_verdict(e, verdict))

    def choose_route(self, route: str | None) -> None:
        self._mark(lambda e: value.set_redress(e, route))

    def _mark(self, build: Callable[[SessionEditor], Changeset]) -> None:
        for bound in self.bound:
            bound.commit()  # a text still being typed is its own undo step, first
        if not self.document.edit(build):
            self._fill()  # refused: show what is stored

    def toggle_verdict(self, verdict: str) -> None:
        current = value.stored(self.document.session).verdict
        self.choose_verdict(None if current == verdict else verdict)

    # --- keys ------------------------------------------------------------------------

    def table_key(self, key: int) -> bool:
        if key in VERDICT_KEYS:
            self.toggle_verdict(VERDICT_KEYS[key])
            return True
        if key == Qt.Key.Key_Delete and self.document.session.organisations:
            organisation_id = self.selected_organisation_id()
            self.document.edit(lambda e: value.clear_inputs(e, organisation_id))
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
                and watched not in (self.table, *(f for f, _ in self.fields))):
            for bound in self.bound:
                if bound.widget is watched:
                    bound.commit()
            self.focus_main()
            return True
        return super().eventFilter(watched, event)

