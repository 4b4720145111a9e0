"""An open session: the list of steps on the left, the current step's page on the right."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.settings import Settings
from gui.step import Step
from gui.steps import STEPS, presenter_step
from gui.widgets.bound_text import BoundText


class SessionView(QWidget):
    step_changed = Signal(int)

    def __init__(self, document: SessionDocument, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.steps: list[Step] = sorted(STEPS, key=lambda s: s.number)
        self.pages: dict[int, QWidget] = {}
        self.holders: dict[int, QScrollArea] = {}  # each page in a scroll area

        self.step_list = QListWidget()
        self.step_list.setAccessibleName("Steps")
        self.step_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        for step in self.steps:
            item = QListWidgetItem(f"{step.number}  {step.title}")
            item.setToolTip(step.key)
            self.step_list.addItem(item)
        self.step_list.setStyleSheet(
            "QListWidget { font-size: 15pt; } QListWidget::item { padding: 10px 8px; }")
        self.step_list.ensurePolished()  # so the metrics of `_show_steps_on` are 15pt ones
        self.step_list.currentRowChanged.connect(self._show_row)
        self._show_steps_on()
        document.changed.connect(
            lambda c: c.touches("sessions") and self._show_steps_on())

        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setAccessibleName("Save status")
        document.saved.connect(self._show_saved)
        self._show_saved(True)

        left = QVBoxLayout()
        left.addWidget(self.step_list, 1)
        left.addWidget(self.saved_label)
        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(self.stack, 1)
        self.step_list.setCurrentRow(0)

    def step_on(self, number: int) -> bool:
        """Whether this session runs step `number` (set-up turns the exercises on or off)."""
        step = next((s for s in self.steps if s.number == number), None)
        return step is not None and self.document.session.step_on(step.name)

    def show_step(self, number: int) -> bool:
        """Go to step `number` (from 1); False if this build has no such step, or this
        session does not run it."""
        row = next((i for i, s in enumerate(self.steps) if s.number == number), None)
        if row is None or not self.step_on(number):
            return False
        self.step_list.setCurrentRow(row)
        self._focus(self.steps[row].number)
        return True

    def _show_steps_on(self) -> None:
        """Offer only the steps this session runs; leave a step that was turned off."""
        session = self.document.session
        for row, step in enumerate(self.steps):
            self.step_list.item(row).setHidden(not session.step_on(step.name))
        # As wide as the widest step shown: a long title that is off takes no room.
        metrics = self.step_list.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.step_list.item(row).text())
                     for row, step in enumerate(self.steps) if session.step_on(step.name))
        self.step_list.setFixedWidth(widest + 40)
        current = self.step_list.currentRow()
        if current >= 0 and not session.step_on(self.steps[current].name):
            self.step_list.setCurrentRow(0)

    def message_area(self) -> QRect:
        """Where a message may float (in this view's coordinates): the steps list's empty
        part, under its last step and above the save status."""
        last = self.step_list.visualItemRect(self.step_list.item(self.step_list.count() - 1))
        inside = self.step_list.viewport().rect().adjusted(6, last.bottom() + 16, -6, -6)
        return QRect(self.step_list.viewport().mapTo(self, inside.topLeft()), inside.size())

    def current_step(self) -> int:
        return self.steps[self.step_list.currentRow()].number

    def page(self, number: int) -> QWidget:
        """The page of step `number`, built the first time it is needed."""
        if number not in self.pages:
            step = next(s for s in self.steps if s.number == number)
            page = step.page(self.document, self.settings)
            self.pages[number] = page
            # A page wider than a small screen scrolls, rather than widening the window
            # past the screen's edge.
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            holder.setWidget(page)
            self.holders[number] = holder
            self.stack.addWidget(holder)
        return self.pages[number]

    def room_opened(self, room: object | None) -> None:
        """The room of this session opened (a RoomService) or closed (None): the
        page with the presenter view (the perception grid's) shows how to join it."""
        step = presenter_step()
        if step is not None:
            self.page(step.number).set_room(room)

    def flush(self) -> None:
        """Save any text still being typed (before closing or leaving the session)."""
        for page in self.pages.values():
            for bound in page.findChildren(BoundText):
                bound.commit()

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        number = self.steps[row].number
        self.page(number)
        self.stack.setCurrentWidget(self.holders[number])
        self._focus(number)
        self.step_changed.emit(number)

    def _focus(self, number: int) -> None:
        focus = getattr(self.page(number), "focus_main", None)
        if focus:
            focus()

    def _show_saved(self, ok: bool) -> None:
        if self.document.read_only:
            text, style = ("Read-only: changes cannot be saved",
                           "color: #8a5a00; font-weight: bold;")
        elif ok:
            text, style = "✓ All changes saved", "color: #1b6e2d;"
        else:
            text, style = ("⚠ Last change NOT saved — see the message above",
                           "color: #b00020; font-weight: bold;")
        # Told after every edit: setting the same style again would lay out and repaint
        # the window around the label on every score.
        if self.saved_label.styleSheet() != style:
            self.saved_label.setStyleSheet(style)
        self.saved_label.setText(text)
