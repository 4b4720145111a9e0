"""How the room joins: a large QR code with the join link, the address to type and the
short room code. The same card is on the laptop's room window and on the presenter."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


class QrCode(QWidget):
    """A QR code of `text`, drawn square and as large as the widget allows."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.matrix: tuple = ()
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        self.matrix = segno.make(text, error="m", micro=False).matrix if text else ()
        # Not the link itself: a screen reader's output may be recorded or overheard.
        self.setAccessibleName("QR code of the room's link" if text else "No QR code")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        # At the bottom of its room: just above the address and code that go with it.
        left, top = (self.width() - side) / 2, self.height() - side
        painter.fillRect(QRectF(left, top, side, side), QColor("#ffffff"))
        if not self.matrix:
            return
        modules = len(self.matrix) + 2 * QUIET_ZONE
        size = side / modules
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:  # a hair wider than the module, so no seams show between them
                    painter.drawRect(QRectF(left + (x + QUIET_ZONE) * size,
                                            top + (y + QUIET_ZONE) * size,
                                            size + 0.5, size + 0.5))


class JoinCard(QWidget):
    """QR code above the address and code, in type `point_size` large."""

    def __init__(self, point_size: int = 14, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qr = QrCode()
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setStyleSheet(f"font-size: {point_size}pt; color: #1b2430;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.caption)

    def show_room(self, url: str, address: str, code: str) -> None:
        self.qr.set_text(url)
        spaced = f"{code[:3]}-{code[3:]}"
        self.caption.setText(
            f"Scan to join, or open<br><b>{address}</b><br>and enter the code <b>{spaced}</b>"
            "<br><small>Ctrl+J hides this once everyone has joined</small>")
        self.caption.setAccessibleName(f"Open {address} and enter the code {spaced}")
