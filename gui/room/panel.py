"""The room window: how phones join (QR code, address, code), which exercises they may
answer, the anonymity floor, how many have answered, and what to try when no phone
reaches the laptop."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.room.join_card import JoinCard
from gui.room.service import RoomService
from gui.room.status import changes_room, overjoined_line, progress_lines, waiting_line
from model.changes import Changeset
from model.room import EXERCISE_NAMES, EXERCISES, MAX_FLOOR
from model.room import answers as room_answers
from room.network import LOOPBACK, candidate_addresses

NO_PHONE_SECONDS = 60  # with no phone by then, say what to try

NO_PHONE_ADVICE = (
    "No phone has opened the page yet. Check that the phones are on the same Wi-Fi as "
    "this laptop. Guest Wi-Fi often keeps devices apart: then turn on this laptop's "
    "hotspot (or a phone's hotspot, and join this laptop to it too) and choose its "
    "address above.")


class RoomWindow(QWidget):
    """A window of its own, so it can go on the projector while phones join."""

    close_requested = Signal()
    paper_card_requested = Signal()

    def __init__(self, service: RoomService, document: SessionDocument,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.service = service
        self.document = document
        self.setAccessibleName("The room")
        self.card = JoinCard(point_size=16)

        self.addresses = QComboBox()
        self.addresses.setAccessibleName("Address phones use")
        self.addresses.setToolTip("Choose the network the phones are on, when this laptop "
                                  "is on several (Wi-Fi, hotspot, cable)")
        self.addresses.activated.connect(self._address_chosen)

        self.exercises: dict[str, QCheckBox] = {}
        boxes = QHBoxLayout()
        for exercise in EXERCISES:
            box = QCheckBox(EXERCISE_NAMES[exercise])
            box.setToolTip("Phones may answer it while ticked; untick to freeze it "
                           "(answers given so far are kept)")
            box.toggled.connect(lambda on, e=exercise: service.set_open(e, on))
            boxes.addWidget(box)
            self.exercises[exercise] = box
        boxes.addStretch(1)

        self.floor = QSpinBox()
        self.floor.setRange(1, MAX_FLOOR)
        self.floor.setAccessibleName("Anonymity floor")
        self.floor.setToolTip("A group's result shows only once at least this many of its "
                              "members have answered")
        self.floor.setSuffix(" members")
        self.floor.editingFinished.connect(self._floor_chosen)

        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.progress.setAccessibleName("Who has answered")
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet("color: #9a2a0a;")

        paper = QPushButton("Enter a &paper card…")
        paper.setToolTip("Enter the answers of someone without a phone; they count the "
                         "same as a phone's")
        paper.clicked.connect(self.paper_card_requested)
        close = QPushButton("&Close the room")
        close.clicked.connect(self.close_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(paper)
        buttons.addStretch(1)
        buttons.addWidget(close)

        form = QFormLayout()
        form.addRow("Phones reach this laptop at:", self.addresses)
        form.addRow("Phones may answer:", boxes)
        form.addRow("Anonymity floor:", self.floor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.card, 1)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.advice)
        layout.addLayout(buttons)

        self.timer = QTimer(self, interval=2000)  # phones reaching the page, and the advice
        self.timer.timeout.connect(self._refresh_reach)
        service.changed.connect(self.refresh)
        document.changed.connect(self._on_changed)
        self._fit_to_screen()
        self.refresh()

    def _fit_to_screen(self) -> None:
        """As tall as the QR code wants, but never past the screen (a projector may be
        720 pixels high), in the middle of the window it belongs to."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        width, height = min(560, screen.width()), min(760, screen.height() - 40)
        self.resize(width, height)
        centre = parent.window().frameGeometry().center() if parent else screen.center()
        self.move(max(screen.left(), min(centre.x() - width // 2, screen.right() - width)),
                  max(screen.top(), min(centre.y() - height // 2, screen.bottom() - height)))

    def refresh(self) -> None:
        """Show the room as it is now."""
        service = self.service
        session = self.document.session
        self.setWindowTitle(f"{session.title} — the room")
        if service.is_open:
            self.card.show_room(service.url, service.address, service.room.code)
            self.timer.start()
        else:
            self.card.qr.set_text("")
            self.card.caption.setText("The room is closed: phones cannot join or answer.")
            self.timer.stop()
        self._fill_addresses()
        for exercise, box in self.exercises.items():
            box.blockSignals(True)
            box.setChecked(exercise in service.room.open_exercises)
            box.blockSignals(False)
            # A step this session does not run (Set-up) is not offered to phones either.
            box.setEnabled(session.step_on(exercise))
        self.show_answers()

    def show_answers(self) -> None:
        """How many have answered, and the floor (on every answer: kept light)."""
        if not self.floor.hasFocus():
            self.floor.setValue(self.document.session.room.anonymity_floor)
        self.progress.setText(progress_text(self.document))
        self._refresh_reach()

    def _fill_addresses(self) -> None:
        self.addresses.blockSignals(True)
        self.addresses.clear()
        for address in candidate_addresses():
            self.addresses.addItem(address.label, address.ip)
        self.addresses.addItem(f"{LOOPBACK} (this laptop only: no phone can reach it)",
                               LOOPBACK)
        index = self.addresses.findData(self.service.host)
        self.addresses.setCurrentIndex(max(index, 0))
        self.addresses.blockSignals(False)

    def _address_chosen(self, index: int) -> None:
        host = self.addresses.itemData(index)
        if host and host != self.service.host:
            try:
                self.service.open(host)
            except OSError as error:
                self.advice.setText(f"Cannot serve on {host}: {error.strerror or error}.")

    def _floor_chosen(self) -> None:
        floor = self.floor.value()
        if floor != self.document.session.room.anonymity_floor:
            self.document.edit(lambda e: room_answers.set_anonymity_floor(e, floor))

    def _on_changed(self, changeset: Changeset) -> None:
        if changes_room(changeset):
            self.show_answers()

    def _refresh_reach(self) -> None:
        service = self.service
        waited = time.monotonic() - service.opened_at
        quiet = service.is_open and service.room.phones_seen == 0 \
            and waited >= NO_PHONE_SECONDS
        self.advice.setText(NO_PHONE_ADVICE if quiet else "")



def progress_text(document: SessionDocument) -> str:
    session = document.session
    lines = [*progress_lines(session), waiting_line(session), overjoined_line(session)]
    return "\n".join(line for line in lines if line)
