"""Start the desktop app: one instance per database, a clear message if it cannot open."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gui import dialogs
from gui.main_window import APP_TITLE, MainWindow
from gui.settings import Settings
from model.errors import DatabaseDamaged, WorkshopError
from model.paths import database_path
from model.store import Store

# Beside the code as in the source tree; PyInstaller's bundle keeps the same layout.
ICON = Path(__file__).resolve().parent.parent / "resources" / "icon.png"
# Set to 1 by packaging/build.py: open the window, say so on stdout, quit by itself
# (a check that a bundle starts, where nobody can close the window).
SMOKE_TEST = "PARTNERSHIP_WORKSHOP_SMOKE_TEST"


def lock_for(path: Path) -> QLockFile:
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # a lock whose process has died is taken over at once
    return lock


def already_running_message(lock: QLockFile, path: Path) -> str:
    pid, host, _app = lock.getLockInfo()  # PySide6 gives (0, "", "") when it cannot tell
    who = f" (process {pid} on {host})" if pid else ""
    return (f"Partnership Workshop is already running with this database{who}:\n{path}\n\n"
            "Switch to that window; only one copy of the app can change a database at a "
            "time, so that no edit is lost.")


def prepare(app: QApplication) -> None:
    """Names (for QSettings) and a type size that reads on a projector."""
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName(APP_TITLE)
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    font = app.font()
    font.setPointSizeF(font.pointSizeF() + 1)
    app.setFont(font)


def run_app(db_path: str | None, session_id: str | None = None, demo: bool = False) -> int:
    if QApplication.instance() is None:
        from gui.system_check import window_problem

        # Before Qt loads its platform plugin, which would stop with a cryptic error.
        problem = window_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 2
    app = QApplication.instance() or QApplication(sys.argv)
    prepare(app)
    from gui.unexpected import install

    install()  # an unexpected error is a message with details, and the app stays up
    settings = Settings(QSettings())
    try:
        path = database_path(db_path).absolute()
    except OSError as error:
        dialogs.error(None, APP_TITLE, f"Cannot create the data folder: {error}")
        return 2
    if not path.parent.is_dir():
        dialogs.error(None, APP_TITLE, f"The folder {path.parent} does not exist.\n"
                                       "Create it first, or choose another place with --db.")
        return 2
    while True:
        lock = lock_for(path)
        if not lock.tryLock(200) and lock.error() == QLockFile.LockError.LockFailedError:
            dialogs.error(None, APP_TITLE, already_running_message(lock, path))
            return 1
        try:
            # A full disk or another program holding it: open to read and export.
            store = Store.open(path, or_read_only=True)
            break
        except DatabaseDamaged as error:
            from gui.recovery import recover_damaged

            lock.unlock()
            next_path = recover_damaged(path, error.problem)
            if next_path is None:
                return 2
            path = next_path.absolute()
        except WorkshopError as error:
            lock.unlock()
            dialogs.error(None, "Cannot open the database", dialogs.said(error))
            return 2
    window = MainWindow(store, settings)
    if demo:
        window.open_demo()
    elif session_id:
        if not window.open_session(session_id):
            dialogs.error(window, APP_TITLE, f"There is no session {session_id!r} in {path}.")
    elif settings.reopen_last and settings.last_session and store.exists(settings.last_session):
        window.open_session(settings.last_session, step=settings.last_step)
    window.show()
    # A window manager gives a new window the keyboard; without one (a kiosk or
    # projector set-up) the window would show but no shortcut would reach it.
    window.activateWindow()
    if os.environ.get(SMOKE_TEST) == "1":
        QTimer.singleShot(300, lambda: _smoke_done(window, app))
    try:
        return app.exec()
    finally:
        window.store.close()  # a restored backup replaces the store the window began with
        lock.unlock()


def _smoke_done(window: MainWindow, app: QApplication) -> None:
    if sys.stdout is not None:  # a windowed build on Windows has no stdout
        print(f"smoke test: window shown: {window.isVisible()}, "
              f"title {window.windowTitle()!r}", flush=True)
    window.close()
    app.quit()
