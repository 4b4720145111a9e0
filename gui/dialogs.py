"""Every dialog the app shows goes through here, so tests patch one module."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QFileDialog, QMessageBox, QWidget

SESSION_FILES = "Partnership Workshop session (*.json);;All files (*)"
PDF_FILES = "PDF document (*.pdf)"


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def information(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before doing `action` (the button's words); True to go ahead."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go


def open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(name) if name else None


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(name) if name else None


def pick_colour(parent: QWidget | None, initial: str) -> str | None:
    colour = QColorDialog.getColor(QColor(initial), parent, "Stakeholder group colour")
    return colour.name() if colour.isValid() else None
