"""One-line text fields: any length of text, and the app's Ctrl+E let through.

Its own module, light to import: the sessions list's search field is one, and the list
comes up before anything of a session is loaded.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

# QLineEdit's default limit (32767) would silently cut a long paste.
MAX_TEXT_LENGTH = 10_000_000
EXPORT_KEY = QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_E)


class _ExportKeyFirst(QObject):
    """Qt's Linux key bindings make Ctrl+E "end of line" in a one-line field, where it
    would swallow the app's Ctrl+E (export the PDF summary). The field lets it pass
    (End still goes to the end of the line)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.keyCombination() == EXPORT_KEY):
            event.ignore()
            return True
        return False


_export_key_first = _ExportKeyFirst()


def long_line_edit(parent: QWidget | None = None) -> QLineEdit:
    """A one-line field that takes any length of text and lets Ctrl+E export."""
    edit = QLineEdit(parent)
    edit.setMaxLength(MAX_TEXT_LENGTH)
    edit.installEventFilter(_export_key_first)
    return edit
