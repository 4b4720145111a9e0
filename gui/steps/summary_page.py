"""Step 5, Summary: the key questions and the board's answers, the actions list, the key
findings (computed, never typed), and the PDF summary export (Ctrl+E)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.pdf_export import export_pdf
from gui.settings import Settings
from gui.widgets.bound_text import BoundText
from gui.widgets.list_editor import ListEditor, SessionListModel
from model import actions, findings, frameworks
from model.session import Action, Session

Index = QModelIndex | QPersistentModelIndex


class ActionsModel(SessionListModel):
    """Every action of the session (from any step, or added here)."""

    headers = ("Action", "Owner", "Due", "Done", "From obstacle")
    tables = ("actions", "obstacles")
    noun = "action"
    TEXT, OWNER, DUE, DONE, OBSTACLE = range(5)

    def items(self) -> list[Action]:
        session = self.document.session
        self._links = findings.action_obstacles(session)
        return session.actions

    def display(self, item: Action, column: int) -> Any:
        if column == self.TEXT:
            return item.text
        if column == self.OWNER:
            return item.owner
        if column == self.DUE:
            return item.due or ""
        if column == self.DONE:
            return "done" if item.status == "done" else "open"
        obstacle = self._links.get(self.row_of(item.id))
        return obstacle.text if obstacle else ""

    def extra_data(self, item: Action, column: int, role: int) -> Any:
        if column == self.DONE and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item.status == "done" else Qt.CheckState.Unchecked
        if column == self.OBSTACLE and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#555555"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DONE and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def editable(self, column: int) -> bool:
        return column in (self.TEXT, self.OWNER, self.DUE)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == self.DONE \
                and role == Qt.ItemDataRole.CheckStateRole:
            done = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._update(self.item(index.row()), status="done" if done else "open")
        return super().setData(index, value, role)

    def set_value(self, item: Action, column: int, value: Any) -> bool:
        field = {self.TEXT: "text", self.OWNER: "owner", self.DUE: "due"}.get(column)
        if field is None:
            return False
        value = str(value)
        return self._update(item, **{field: value.strip() if field == "due" else value})

    def _update(self, item: Action, **values: Any) -> bool:
        return self.document.edit(lambda e: actions.update_action(e, item.id, **values))

    def add(self, row: int) -> bool:
        return self.document.edit(lambda e: actions.add_action(e, index=row))

    def remove(self, item: Action) -> bool:
        return self.document.edit(lambda e: actions.remove_action(e, item.id))

    def move(self, item: Action, row: int) -> bool:
        return self.document.edit(lambda e: actions.move_action(e, item.id, row))

    def sort_by(self, key: str) -> bool:
        """Reorder the stored list (one undo step), not just the view."""
        return self.document.edit(lambda e: actions.sort_actions(e, key))


SORTS = (("due", "Sort by due date"), ("owner", "Sort by owner"), ("status", "Open first"))


def findings_html(session: Session) -> str:
    """The key findings as rich text for the page (every typed name escaped)."""
    parts = []
    for heading, sentences in findings.finding_sections(session):
        items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
        parts.append(f"<p><b>{html.escape(heading)}</b></p><ul>{items}</ul>")
    return "".join(parts)


class SummaryPage(QWidget):
    """What the board takes away: answers, actions and what the session found."""

    title = "Summary"

    def __init__(self, document: SessionDocument, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings

        questions = QGroupBox("Key questions")
        questions_layout = QVBoxLayout(questions)
        self.answers: dict[str, QPlainTextEdit] = {}
        self.bound: list[BoundText] = []
        for key, question in frameworks.key_questions():
            label = QLabel(f"<b>{html.escape(question)}</b>")
            answer = QPlainTextEdit()
            answer.setPlaceholderText("The board's answer")
            answer.setAccessibleName(question)
            answer.setTabChangesFocus(True)
            answer.setMinimumHeight(60)
            label.setBuddy(answer)
            self.bound.append(BoundText(document, answer,
                                        lambda s, k=key: getattr(s.key_questions, k),
                                        lambda e, v, k=key: e.set_detail(k, v)))
            questions_layout.addWidget(label)
            questions_layout.addWidget(answer)
            self.answers[key] = answer

        self.actions_model = ActionsModel(document, self)
        # Add appends (the list is read top to bottom); a blank action left with Esc
        # means nothing and goes.
        self.actions = ListEditor("Actions", self.actions_model, add_at_end=True,
                                  drop_blank=True)
        view = self.actions.view
        for column, width in ((1, 170), (2, 140), (3, 80)):
            view.setColumnWidth(column, width)
        # The action and the obstacle it came from share the rest of the width.
        view.horizontalHeader().setSectionResizeMode(ActionsModel.OBSTACLE,
                                                     QHeaderView.ResizeMode.Stretch)
        self.sort_choice = QComboBox()
        self.sort_choice.setAccessibleName("Sort the actions by")
        for _, words in SORTS:
            self.sort_choice.addItem(words)
        self.sort_button = QPushButton("Sort")
        self.sort_button.setToolTip("Reorder the actions list (Ctrl+Z undoes it)")
        self.sort_button.clicked.connect(self.sort_actions)
        self.sort_button.setEnabled(not document.read_only)
        self.actions.buttons.insertWidget(4, self.sort_choice)
        self.actions.buttons.insertWidget(5, self.sort_button)

        found = QGroupBox("Key findings (computed from the session)")
        found_layout = QVBoxLayout(found)
        self.findings = QTextBrowser()
        self.findings.setAccessibleName("Key findings")
        self.findings.setOpenLinks(False)
        self.findings.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.findings.document().setIndentWidth(16)
        found_layout.addWidget(self.findings, 1)
        self.export_button = QPushButton("Export PDF…")
        self.export_button.setToolTip("Save the PDF summary to circulate (Ctrl+E)")
        self.export_button.setMinimumHeight(34)
        self.export_button.clicked.connect(self.export)
        found_layout.addWidget(self.export_button)

        content = QWidget()
        grid = QGridLayout(content)
        grid.addWidget(questions, 0, 0)
        grid.addWidget(found, 0, 1)
        grid.addWidget(self.actions, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 3)  # the findings grow with every step the session runs
        grid.setRowStretch(1, 2)
        self.actions.view.setMinimumHeight(150)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        document.changed.connect(lambda _c: self.refresh_findings())
        self.refresh_findings()

    def refresh_findings(self) -> None:
        self.findings.setHtml(findings_html(self.document.session))

    def sort_actions(self) -> None:
        key = SORTS[self.sort_choice.currentIndex()][0]
        self.actions_model.sort_by(key)
        self.actions.select_row(0)
        self.actions.view.setFocus()

    def export(self) -> Path | None:
        for bound in self.bound:
            bound.commit()  # an answer still being typed goes into the PDF too
        session = self.document.session
        return export_pdf(self, session, self.settings,
                          self.document.store.predecessor(session))

    def focus_main(self) -> None:
        """Focus the actions list (first action selected), or the first answer."""
        self.refresh_findings()
        if self.actions_model.rowCount():
            if self.actions.current_row() < 0:
                self.actions.select_row(0)
            self.actions.view.setFocus()
        else:
            next(iter(self.answers.values())).setFocus()
