"""A message that floats for a few seconds over a part of the window nobody needs.

Over the content, not in its layout: a bar that pushed the page down when it showed and
up when it went made the next click land on the row or button below the one aimed at.
Where it floats is asked of the page on show (`area`): an open session puts it in the
empty part of the steps list, the sessions list under its last row. Over the bottom
right corner, where it used to be, it hid a page's buttons and a grid's last row for
twelve seconds, and clicks went through it to what it hid. A click on it now closes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from model.text import shortened

MARGIN = 12
WIDEST = 640
LONGEST = 400  # characters shown; a message quoting a pasted document is cut (tooltip: all)


def shown_seconds(text: str) -> float:
    """Long enough to read once (about 25 characters a second after a glance), short
    enough not to linger: 4 to 8 seconds."""
    return min(8.0, 3.0 + len(text) / 25)


class Toast(QLabel):
    """Shown over `parent` by `show_text`, in the rectangle `area` gives (in `parent`'s
    coordinates; None: the bottom right corner); follows the parent's size while shown."""

    def __init__(self, parent: QWidget,
                 area: Callable[[], QRect | None] | None = None) -> None:
        super().__init__(parent)
        self.area = area or (lambda: None)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it quotes typed names
        self.setAccessibleName("Message")
        self.setToolTip("Click to close")
        self.setStyleSheet("background: #fff3cd; color: #3d2c00; border: 1px solid #c9a640; "
                           "padding: 8px; font-size: 12pt;")
        self.full_text = ""
        self.hide()
        parent.installEventFilter(self)

    def text(self) -> str:  # Qt's name: what the message says, whole
        return self.full_text

    def show_text(self, text: str) -> None:
        self.full_text = text
        self.setText(shortened(text, LONGEST))
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        parent = self.parentWidget()
        area = self.area()
        if area is None or area.width() < 120 or area.height() < 40:
            area = QRect(0, 0, parent.width(), parent.height())
            width = max(120, min(WIDEST, parent.width() - 2 * MARGIN))
            bottom_right = True
        else:
            width = min(WIDEST, area.width())
            bottom_right = False
        self.setFixedWidth(width)
        height = self.heightForWidth(width)
        height = height if height > 0 else self.sizeHint().height()
        # In its area when it fits; never more than a third of the window, whatever the
        # message quotes.
        self.setFixedHeight(min(height, max(area.height() if not bottom_right else 0,
                                            40, parent.height() // 3)))
        if bottom_right:
            self.move(max(MARGIN, parent.width() - width - MARGIN),
                      max(MARGIN, parent.height() - self.height() - MARGIN))
        else:  # at the bottom right of its area, where the eye looks for it
            self.move(area.right() + 1 - width, max(area.top(), area.bottom() + 1 - self.height()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False
