"""Every dialog the app shows goes through here, so tests patch one module."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from model.errors import DatabaseDamaged, WorkshopError

SESSION_FILES = "Partnership Workshop session (*.json);;All files (*)"
PDF_FILES = "PDF document (*.pdf)"


def said(error: WorkshopError) -> str:
    """An error as the window says it: a damaged database with the window's remedy (the
    command line's names --db)."""
    if isinstance(error, DatabaseDamaged):
        return f"{error.problem} File ▸ Backups… restores a good backup."
    return str(error)


P = ParamSpec("P")
R = TypeVar("R")


def _gives_back(show: Callable[P, R]) -> Callable[P, R]:
    """After the dialog, the keyboard goes back to the window it was shown over. A window
    manager does that; without one (a kiosk or a projector set-up) no key would reach
    the window until a click."""
    @functools.wraps(show)
    def shown(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return show(*args, **kwargs)
        finally:
            parent = args[0] if args else None
            if isinstance(parent, QWidget):
                try:
                    parent.window().activateWindow()
                except RuntimeError:  # the window was closed while the dialog was up
                    pass
    return shown


def _message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
             rich: bool = False) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    # Messages quote what users typed ("<b>Board & co"): never read it as markup.
    box.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return box


@_gives_back
def error(parent: QWidget | None, title: str, text: str) -> None:
    _message(parent, QMessageBox.Icon.Critical, title, text).exec()


@_gives_back
def information(parent: QWidget | None, title: str, text: str) -> None:
    _message(parent, QMessageBox.Icon.Information, title, text).exec()


HELP_WIDTH = 760  # a help table's two columns read without wrapping every line
HELP_SCREEN_SHARE = 0.85  # of the screen's height at most, title bar and taskbar aside


def help_dialog(parent: QWidget | None, title: str, html: str) -> QDialog:
    """A help text written by us, in HTML, in a box that fits the screen and scrolls (a
    message box grew to the text's full height, its OK button off a laptop's screen)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    text = QTextBrowser()
    text.setAccessibleName(title)
    text.setOpenLinks(False)
    text.setHtml(html)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text, 1)
    layout.addWidget(buttons)
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    width = min(HELP_WIDTH, area.width() - 40)
    text.document().setTextWidth(width - 40)
    wanted = int(text.document().size().height()) + buttons.sizeHint().height() + 60
    dialog.resize(width, min(wanted, int(area.height() * HELP_SCREEN_SHARE)))
    text.setFocus()  # arrows and Page Up / Page Down scroll at once
    return dialog


@_gives_back
def show_help(parent: QWidget | None, title: str, html: str) -> None:
    """A help text written by us, in HTML."""
    help_dialog(parent, title, html).exec()


@_gives_back
def confirm(parent: QWidget | None, title: str, text: str, action: str,
            refuse: str | None = None) -> bool:
    """Ask before doing `action` (the button's words); True to go ahead. The other button
    says `refuse`, or Cancel."""
    box = _message(parent, QMessageBox.Icon.Question, title, text)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    if refuse is None:
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    else:
        box.setDefaultButton(box.addButton(refuse, QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is go


@_gives_back
def open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(name) if name else None


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home()))


@_gives_back
def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    """Ask where to save; a bare suggested name starts in the user's Documents folder."""
    if not Path(suggested).is_absolute():
        suggested = str(_documents() / suggested)
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(name) if name else None


@_gives_back
def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    """Ask for a folder, starting in `start` (the one used last) if it is still there,
    else in the user's Documents folder."""
    if start is None or not start.is_dir():
        start = _documents()
    name = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(name) if name else None


@_gives_back
def run_dialog(parent: QWidget | None, dialog: QDialog) -> bool:
    """A dialog of the app's own (a paper card…): True if it was accepted."""
    return bool(dialog.exec())


@_gives_back
def pick_colour(parent: QWidget | None, initial: str) -> str | None:
    colour = QColorDialog.getColor(QColor(initial), parent, "Stakeholder group colour")
    return colour.name() if colour.isValid() else None


DATABASE_FILES = "Partnership Workshop database (*.sqlite3 *.db);;All files (*)"


@_gives_back
def choose_backup(parent: QWidget | None, backups: list) -> object | None:
    """The Backups dialog: the backup the user chose to restore, or None."""
    from gui.recovery import BackupsDialog

    dialog = BackupsDialog(backups, parent)
    return dialog.chosen if dialog.exec() else None


@_gives_back
def damaged_database(parent: QWidget | None, text: str, backup_label: str | None) -> str | None:
    """A damaged database: "restore" (the newest good backup), "new" (a database
    elsewhere) or None (quit). `backup_label` describes the backup, None if there is none."""
    box = QMessageBox(QMessageBox.Icon.Critical, "The database is damaged", text, parent=parent)
    restore = None
    if backup_label:
        box.setInformativeText(f"The newest good backup is from {backup_label}.")
        restore = box.addButton("Restore the newest backup", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("Start a new database elsewhere…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    return "new" if clicked is new else None


@_gives_back
def unexpected(parent: QWidget | None, details: str) -> None:
    """An error the app did not expect (a bug): say that nothing saved is lost, and give
    the details to copy into a report."""
    box = _message(parent, QMessageBox.Icon.Warning, "Something went wrong",
                   "Something unexpected went wrong in Partnership Workshop; this is a bug. "
                   "Every edit shown as saved is in the database, and you can keep working.\n\n"
                   "To report it, click “Show Details…”, copy the text and send it to whoever "
                   "looks after the app, with what you were doing.")
    box.setDetailedText(details)
    box.exec()
