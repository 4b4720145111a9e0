"""Tooltips that depend on where the pointer is in a widget that paints its own items
(the perception grid's chips, the typology grid's markers)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip, QWidget


def answered_tooltip(widget: QWidget, event: QEvent, text_at: Callable[[QPointF], str]) -> bool:
    """If `event` asks `widget` for a tooltip, show `text_at(the pointer)` (or none where
    it gives "") and say True; False for any other event."""
    if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
        return False
    text = text_at(QPointF(event.pos()))
    if text:
        QToolTip.showText(event.globalPos(), text, widget)
    else:
        QToolTip.hideText()
        event.ignore()
    return True
