"""A message that floats over the window's bottom right corner for a while.

Over the content, not in its layout: a bar that pushed the page down when it showed and
up when it went made the next click land on the row or button below the one aimed at.
Clicks go through it to what is underneath, so it never costs one either.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from model.text import shortened

MARGIN = 12
WIDEST = 640
LONGEST = 400  # characters shown; a message quoting a pasted document is cut (tooltip: all)


class Toast(QLabel):
    """Shown over `parent` by `show_text`; follows the parent's size while shown."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it quotes typed names
        self.setAccessibleName("Message")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
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
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        parent = self.parentWidget()
        width = max(120, min(WIDEST, parent.width() - 2 * MARGIN))
        self.setFixedWidth(width)
        height = self.heightForWidth(width)
        # Never more than a third of the window, whatever the message quotes.
        self.setFixedHeight(min(height if height > 0 else self.sizeHint().height(),
                                max(40, parent.height() // 3)))
        self.move(max(MARGIN, parent.width() - width - MARGIN),
                  max(MARGIN, parent.height() - self.height() - MARGIN))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
