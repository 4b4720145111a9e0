"""Getting a facilitator's work back: the Backups dialog, restoring a backup into the
running app, and what to do when the database will not open because it is damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import dialogs
from model.errors import WorkshopError
from model.store import Store
from model.store.backups import (
    KEEP,
    Backup,
    list_backups,
    newest_good_backup,
    replaced_databases,
    restore_backup,
)

if TYPE_CHECKING:
    from gui.main_window import MainWindow

REASONS = {"opened": "when the database was opened", "periodic": "while editing",
           "before-delete": "before a session was deleted",
           "replaced": "the database as it was before a restore"}


def when(backup: Backup) -> str:
    return backup.created.astimezone().strftime("%-d %b %Y %H:%M:%S")


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BackupsDialog(QDialog):
    """The backups of the open database, newest first; Restore picks the selected one."""

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.backups = backups
        self.chosen: Backup | None = None
        folder = next((b.path.parent for b in backups if b.reason != "replaced"), None)
        intro = QLabel(
            f"The app backs up the database when it is opened, every few minutes while "
            f"you edit, and before a session is deleted; the newest {KEEP} are kept"
            + (f", in {folder}." if folder else ".")
            + " Restoring puts a backup in place of the database; the current database "
            "is kept beside it under a new name, never overwritten, and listed here: "
            "restoring it undoes the restore.")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), 4)
        self.table.setHorizontalHeaderLabels(["Made", "Why", "Size", "Sessions"])
        self.table.setAccessibleName("Backups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, backup in enumerate(backups):
            sessions = "damaged" if not backup.good else str(backup.sessions)
            for column, text in enumerate((when(backup), REASONS.get(backup.reason,
                                                                      backup.reason),
                                           size_text(backup.size), sessions)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore…")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        if not backups:
            layout.addWidget(QLabel("There are no backups of this database yet."))
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.table.itemSelectionChanged.connect(self._enable_restore)
        if backups:
            self.table.selectRow(0)
        self._enable_restore()

    def _enable_restore(self) -> None:
        """A damaged backup is listed (so the user sees it) but cannot be restored."""
        row = self.table.currentRow()
        self.restore_button.setEnabled(0 <= row < len(self.backups) and self.backups[row].good)

    def _restore(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.backups) and self.backups[row].good:
            self.chosen = self.backups[row]
            self.accept()


def show_backups(window: MainWindow) -> None:
    """File ▸ Backups…: list the backups; restore the chosen one and reopen the database."""
    path = window.store.path
    # With the databases restores replaced: restoring one undoes a wrong restore.
    backups = sorted(list_backups(path) + replaced_databases(path),
                     key=lambda backup: backup.created, reverse=True)
    backup = dialogs.choose_backup(window, backups)
    if not isinstance(backup, Backup):
        return
    if not dialogs.confirm(
            window, "Restore backup",
            f"Put the backup made {when(backup)} in place of the database?\n\n"
            f"Every open session is closed first. The current database is kept as a "
            f"separate file beside it, so nothing is lost.", "Restore"):
        return
    window.close_all_sessions()
    window.store.close()
    try:
        aside = restore_backup(backup.path, path)
    except (OSError, sqlite3.Error) as error:
        dialogs.error(window, "Cannot restore the backup", f"{error}\n\nThe database is "
                      "unchanged and open again.")
        aside = None
    try:
        store = Store.open(path)
    except WorkshopError as error:
        dialogs.error(window, "Cannot open the database", dialogs.said(error))
        window.close()
        return
    window.use_store(store)
    if aside is not None:
        window.show_message(f"Restored the backup made {when(backup)}. The database as it "
                            f"was is kept as {aside}.")


def recover_damaged(path: Path, text: str) -> Path | None:
    """The database at `path` is damaged: offer the newest good backup, or a new database
    elsewhere. Returns the database to open next, or None to quit. The damaged file is
    never changed: a restore moves it aside under a new name."""
    backup = newest_good_backup(path)
    label = f"{when(backup)} ({backup.sessions} sessions)" if backup else None
    choice = dialogs.damaged_database(None, text, label)
    if choice == "restore" and backup is not None:
        try:
            aside = restore_backup(backup.path, path)
        except (OSError, sqlite3.Error) as error:
            dialogs.error(None, "Cannot restore the backup", str(error))
            return None
        dialogs.information(None, "Backup restored",
                            f"Restored the backup made {when(backup)}.\n\nThe damaged "
                            f"database is kept, unchanged, as {aside}.")
        return path
    if choice == "new":
        return dialogs.save_file(None, "Start a new database",
                                 str(path.with_name("workshop-new.sqlite3")),
                                 dialogs.DATABASE_FILES)
    return None


def may_quit_with_unsaved(parent: QWidget, documents: list) -> bool:
    """On quitting: try once more to save pending edits; if some still cannot be saved,
    ask before losing them. True to go ahead and quit."""
    unsaved = [d for d in documents if d.unsaved and not d.retry()]
    if not unsaved:
        return True
    n = sum(len(d.pending) for d in unsaved)
    return dialogs.confirm(
        parent, "Edits not saved",
        f"{n} edit{'s' if n != 1 else ''} on screen could not be saved (see the message "
        "in the window). Quit anyway and lose them?\n\nChoose Cancel, free some disk "
        "space or fix the problem, and the app saves them by itself.", "Quit and lose them")
