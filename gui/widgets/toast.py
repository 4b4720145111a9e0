"""A message that floats over the window's bottom right corner for a while.

Over the content, not in its layout: a bar that pushed the page down when it showed and
up when it went made the next click land on the row or button below the one aimed at.
A click on the message puts it away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

MARGIN = 12
WIDEST = 640


class Toast(QLabel):
    """Shown over `parent` by `show_text`; follows the parent's size while shown."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it quotes typed names
        self.setAccessibleName("Message")
        self.setToolTip("Click to put this message away")
        self.setStyleSheet("background: #fff3cd; color: #3d2c00; border: 1px solid #c9a640; "
                           "padding: 8px; font-size: 12pt;")
        self.hide()
        parent.installEventFilter(self)

    def show_text(self, text: str) -> None:
        self.setText(text)
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        parent = self.parentWidget()
        width = max(120, min(WIDEST, parent.width() - 2 * MARGIN))
        self.setFixedWidth(width)
        height = self.heightForWidth(width)
        self.setFixedHeight(height if height > 0 else self.sizeHint().height())
        self.move(parent.width() - width - MARGIN, parent.height() - self.height() - MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt's name
        self.hide()
