"""The main window: the sessions home, and each open session with its steps.

What only an open session, a dialog or an export needs is imported when first used, so
that the sessions list comes up without loading it (each module costs start-up time).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from gui import dialogs
from gui.actions import create_actions, widget_key
from gui.help import ABOUT_HTML, keyboard_html
from gui.home_page import DeleteSession, HomePage
from gui.settings import Settings
from gui.steps import STEPS, presenter_step, step_named
from gui.widgets.toast import Toast, shown_seconds
from model.errors import WorkshopError
from model.files import file_name_for
from model.store import Store

if TYPE_CHECKING:
    from PySide6.QtGui import (  # at run time they would create QEvent's 179 enums
        QCloseEvent,
        QKeyEvent,
    )

    from gui.document import SessionDocument
    from gui.room.panel import RoomWindow
    from gui.room.service import RoomService
    from gui.session_view import SessionView
    from model.changes import Changeset

APP_TITLE = "Partnership Workshop"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: Settings) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.documents: dict[str, SessionDocument] = {}
        self.views: dict[str, SessionView] = {}
        self.room: RoomService | None = None  # the room of the session on screen
        self.room_window: RoomWindow | None = None
        self.setWindowTitle(APP_TITLE)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1280, screen.width()), min(800, screen.height()))

        self.actions = create_actions(self)
        self.undo_group = QUndoGroup(self)
        self.home_stack = QUndoStack(self)
        self.undo_group.addStack(self.home_stack)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # Say what was undone or redone: it may be on another step than the one shown.
        self.undo_action.triggered.connect(
            lambda: self._say_undone("Undone", self.undo_group.redoText()))
        self.redo_action.triggered.connect(
            lambda: self._say_undone("Redone", self.undo_group.undoText()))
        self.step_actions: list[QAction] = []
        for step in sorted(STEPS, key=lambda s: s.number):
            action = QAction(f"{step.number}  {step.title}", self)
            action.setShortcut(QKeySequence(step.key))
            action.setObjectName(f"Go to {step.title}")
            action.triggered.connect(lambda _=False, n=step.number: self.show_step(n))
            self.step_actions.append(action)

        a = self.actions
        self.home = HomePage(store, [a.new_session, a.open_session, a.duplicate_session,
                                     a.delete_session, a.import_file, a.export_file,
                                     a.export_pdf, a.open_demo])
        self.home.open_requested.connect(self.open_session)
        self.home.message.connect(self.show_message)
        self.home.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.home.model.modelReset.connect(self._update_actions)
        # Not StandardKey.Delete: on X11 it is also Ctrl+D, which duplicates a session.
        widget_key(self.home.table, Qt.Key.Key_Delete, self.delete_selected)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        central = QWidget()
        self.message_bar = Toast(central, self._message_area)
        self.message_timer = QTimer(self, singleShot=True)
        self.message_timer.timeout.connect(self.message_bar.hide)
        # A message follows the window to the page shown (its free place differs).
        self.stack.currentChanged.connect(
            lambda _i: self.message_bar.isVisible() and self.message_bar.place())
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        if store.read_only:
            banner = QLabel(f"This database is open read-only ({store.path}): you can look "
                            "and export, but not change anything.")
            if store.read_only_reason:  # it should be writable: say why not, what to do
                banner.setText(f"Open read-only: you can look and export, but not change "
                               f"anything. {store.read_only_reason} Then restart the app.")
            banner.setWordWrap(True)
            banner.setStyleSheet("background: #f8d7da; color: #58151c; padding: 8px; "
                                 "font-weight: bold;")
            layout.addWidget(banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._connect_actions()
        self.restoreGeometry(settings.window_geometry)
        if not screen.contains(self.frameGeometry()):  # saved on a larger screen
            self.resize(min(self.width(), screen.width()), min(self.height(), screen.height()))
            self.move(screen.topLeft())
        self.show_home()

    # --- menus -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu("&File")
        for action in (a.new_session, a.open_session, a.duplicate_session, a.delete_session):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (a.import_file, a.export_file, a.export_pdf, a.export_csv):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.open_demo)
        file_menu.addAction(a.backups)
        file_menu.addAction(a.close_session)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(a.presenter)
        room_menu = self.menuBar().addMenu("&Room")
        room_menu.addAction(a.open_room)
        room_menu.addAction(a.close_room)
        room_menu.addSeparator()
        room_menu.addAction(a.paper_card)
        self.room_label = QLabel()
        self.room_label.setAccessibleName("The room")
        self.room_label.setStyleSheet("padding: 0 8px; color: #1f5fbf; font-weight: bold;")
        self.menuBar().setCornerWidget(self.room_label)
        self.steps_menu = self.menuBar().addMenu("&Steps")
        for action in self.step_actions:
            self.steps_menu.addAction(action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(a.keyboard_help)
        help_menu.addAction(a.about)

    def _connect_actions(self) -> None:
        a = self.actions
        a.new_session.triggered.connect(self.new_session)
        a.open_session.triggered.connect(self.open_selected)
        a.duplicate_session.triggered.connect(self.duplicate_selected)
        a.delete_session.triggered.connect(self.delete_selected)
        a.import_file.triggered.connect(self.import_file)
        a.export_file.triggered.connect(self.export_file)
        a.export_pdf.triggered.connect(self.export_pdf)
        a.export_csv.triggered.connect(self.export_csv)
        a.open_demo.triggered.connect(self.open_demo)
        a.close_session.triggered.connect(self.show_home)
        a.backups.triggered.connect(self.show_backups)
        a.quit.triggered.connect(self.close)
        a.presenter.triggered.connect(self.toggle_presenter)
        a.open_room.triggered.connect(self.open_room)
        a.close_room.triggered.connect(self.close_room)
        a.paper_card.triggered.connect(self.enter_paper_card)
        a.keyboard_help.triggered.connect(
            lambda: dialogs.show_help(self, "Keyboard shortcuts", keyboard_html()))
        a.about.triggered.connect(lambda: dialogs.show_help(self, APP_TITLE, ABOUT_HTML))

    def _update_actions(self) -> None:
        in_session = self.current_view() is not None
        selected = self.home.selected_id() is not None
        writable = not self.store.read_only
        a = self.actions
        a.new_session.setEnabled(writable)
        a.import_file.setEnabled(writable)
        a.open_session.setEnabled(not in_session and selected)
        a.duplicate_session.setEnabled(writable and not in_session and selected)
        a.delete_session.setEnabled(writable and not in_session and selected)
        a.export_file.setEnabled(in_session or selected)
        a.export_pdf.setEnabled(in_session or selected)
        a.export_csv.setEnabled(in_session or selected)
        a.close_session.setEnabled(in_session)
        a.backups.setEnabled(writable)
        a.presenter.setEnabled(in_session)
        a.open_room.setEnabled(in_session and writable)
        a.close_room.setEnabled(self.room is not None and self.room.is_open)
        a.paper_card.setEnabled(in_session and writable)
        for action in self.step_actions:
            action.setEnabled(in_session)

    # --- where we are ------------------------------------------------------------------

    def current_view(self) -> SessionView | None:
        widget = self.stack.currentWidget()
        return next((view for view in self.views.values() if view is widget), None)

    def current_session_id(self) -> str | None:
        view = self.current_view()
        return view.document.session_id if view else None

    def show_home(self) -> None:
        self._flush()
        self.close_room()
        self.stack.setCurrentWidget(self.home)
        self.undo_group.setActiveStack(self.home_stack)
        self.home.refresh(select=self.settings.last_session or None)
        self.setWindowTitle(APP_TITLE)
        self._update_actions()
        self.home.focus_main()

    def open_session(self, session_id: str, step: int | None = None) -> bool:
        """Show a session (on `step`, or where it was left); False if it does not exist."""
        self._flush()
        if session_id not in self.views:
            from gui.document import SessionDocument
            from gui.session_view import SessionView

            try:
                document = SessionDocument(self.store, session_id, self)
                document.session  # noqa: B018 - load now, so a missing session fails here
            except WorkshopError as error:
                self.show_message(dialogs.said(error))
                return False
            document.message.connect(self.show_message)
            document.changed.connect(lambda _c: self._clear_old_message())
            document.changed.connect(
                lambda c, d=document: c.touches("sessions") and self._update_title(d))
            self.undo_group.addStack(document.undo_stack)
            view = SessionView(document, self.settings)
            view.step_changed.connect(self._remember_step)
            self.documents[session_id], self.views[session_id] = document, view
            self.stack.addWidget(view)
        view = self.views[session_id]
        self.stack.setCurrentWidget(view)
        self.undo_group.setActiveStack(view.document.undo_stack)
        self.settings.last_session = session_id
        self._update_title(view.document)
        self._update_actions()
        if not view.show_step(step or view.current_step()):
            view.show_step(step_named("setup").number)  # a step since turned off
        return True

    def _remember_step(self, number: int) -> None:
        self.settings.last_step = number  # so a restart (even after a crash) goes back there

    def show_step(self, number: int) -> None:
        view = self.current_view()
        if view and not view.show_step(number):
            step = next((s for s in STEPS if s.number == number), None)
            if step is not None:
                self.show_message(f"The {step.title} step is off for this session: turn "
                                  f"it on in Set-up ({step_named('setup').key}).")

    def toggle_presenter(self) -> None:
        """F5: close the presenter view if it is up, else present the current step, or say
        that this step has none (set-up, the summary and compare have none)."""
        view = self.current_view()
        if view is None:
            return
        shown = self.shown_presenter()
        if shown is not None:
            shown.close()
            return
        number = view.current_step()
        page = view.page(number)
        if hasattr(page, "toggle_presenter"):
            page.toggle_presenter()
        else:
            title = next(s.title for s in STEPS if s.number == number)
            presenting = presenter_step()
            where = (f" F5 on the {presenting.title} ({presenting.key}) shows it "
                     "to the room." if presenting is not None else "")
            self.show_message(f"The {title} step has no presenter view.{where}")

    def shown_presenter(self) -> QWidget | None:
        """The open session's presenter window that is showing, if one is (the
        perception grid's, or an exercise table's)."""
        view = self.current_view()
        for page in (view.pages.values() if view else ()):
            presenter = getattr(page, "presenter", None)
            if presenter is not None and presenter.isVisible():
                return presenter
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc that no field took (an editor or a search box cancels with it first)
        # closes the presenter, as Help says: the laptop keeps the keyboard.
        shown = self.shown_presenter()
        if event.key() == Qt.Key.Key_Escape and not event.modifiers() and shown is not None:
            shown.close()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- the room --------------------------------------------------------------------

    def open_room(self) -> None:
        """Open the room of the session on screen (or show its join card again)."""
        view = self.current_view()
        if view is None or view.document.read_only:
            return
        from gui.room.panel import RoomWindow
        from gui.room.service import RoomService
        from room.network import default_bind

        if self.room is not None and self.room.document is not view.document:
            self.close_room()
        if self.room is None:
            self.room = RoomService(view.document, self)
            self.room.changed.connect(self._show_room_state)
            view.document.changed.connect(self._room_answers_changed)
        if not self.room.is_open:
            host = default_bind()
            try:
                self.room.open(host)
            except OSError as error:
                self.show_message(f"The room could not open on {host}: "
                                  f"{error.strerror or error}.")
                return
            self.show_message(f"The room is open at {self.room.address}: phones scan the "
                              "QR code to join.")
        if self.room_window is None:
            self.room_window = RoomWindow(self.room, view.document, self)
            self.room_window.close_requested.connect(self.close_room)
            self.room_window.paper_card_requested.connect(self.enter_paper_card)
        self.room_window.show()
        self.room_window.raise_()
        self.room_window.activateWindow()
        view.room_opened(self.room)

    def close_room(self) -> None:
        """Stop serving phones: the port is closed; answers given are kept."""
        if self.room is None:
            return
        room, window = self.room, self.room_window
        self.room = self.room_window = None
        room.document.changed.disconnect(self._room_answers_changed)
        was_open = room.is_open
        room.close()
        if window is not None:
            window.close()
            window.deleteLater()
        for view in self.views.values():
            view.room_opened(None)
        room.deleteLater()
        self._show_room_state()
        if was_open:
            self.show_message("The room is closed: phones can no longer answer.")

    def enter_paper_card(self) -> None:
        view = self.current_view()
        if view is None or view.document.read_only:
            return
        from gui.room.paper_card import PaperCardDialog

        open_now = self.room.room.open_exercises if self.room else frozenset({"perception"})
        dialogs.run_dialog(self, PaperCardDialog(view.document, open_now, self))

    def _room_answers_changed(self, changeset: Changeset) -> None:
        from gui.room.status import changes_room  # loaded with the room, not at start-up

        if changes_room(changeset):
            self._show_room_state()

    def _show_room_state(self) -> None:
        room = self.room
        if room is not None and room.is_open:
            from model.room.results import answered, expected

            session = room.document.session
            counts = [answered(session, e) for e in room.room.open_exercises] or [0]
            self.room_label.setText(f"Room open · {max(counts)} of {expected(session)} "
                                    "have answered")
        else:
            self.room_label.setText("")
        self.room_label.adjustSize()
        self.menuBar().adjustSize()  # the corner takes the label's new width
        self._update_actions()

    def close_document(self, session_id: str) -> None:
        if self.room is not None and self.room.document.session_id == session_id:
            self.close_room()
        view = self.views.pop(session_id, None)
        document = self.documents.pop(session_id, None)
        if view and document:
            self.undo_group.removeStack(document.undo_stack)
            self.stack.removeWidget(view)
            document.close()
            view.deleteLater()
            document.deleteLater()

    def close_all_sessions(self) -> None:
        self.show_home()
        for session_id in list(self.views):
            self.close_document(session_id)

    def use_store(self, store: Store) -> None:
        """Work on `store` from now on (a restored backup): every session is closed."""
        self.store = self.home.store = self.home.model.store = store
        self.close_all_sessions()
        self.home_stack.clear()
        self.show_home()

    def _update_title(self, document: SessionDocument) -> None:
        if self.current_view() and self.current_view().document is document:
            self.setWindowTitle(f"{document.session.title} — {APP_TITLE}")

    def _say_undone(self, done: str, what: str) -> None:
        """A session's edit undone or redone, in the message bar (the sessions list's
        own undo says what it brought back itself)."""
        if what and self.undo_group.activeStack() is not self.home_stack:
            self.show_message(f"{done}: {what}.")

    def show_message(self, text: str) -> None:
        """Tell the user something without stopping the room (no dialog to dismiss)."""
        self._message_shown_at = time.monotonic()
        self.message_bar.show_text(text)
        self.message_timer.start(int(shown_seconds(text) * 1000))

    def _message_area(self) -> QRect | None:
        """Where the page shown says a message covers nothing needed, in the central
        widget's coordinates (None: the page has no such place)."""
        page = self.stack.currentWidget()
        area = getattr(page, "message_area", None)
        if area is None:
            return None
        rect = area()
        return QRect(page.mapTo(self.centralWidget(), rect.topLeft()), rect.size())

    def _clear_old_message(self) -> None:
        """A later edit that went through makes an earlier warning out of date."""
        if self.message_bar.isVisible() and time.monotonic() - self._message_shown_at > 1:
            self.message_bar.hide()

    _message_shown_at = 0.0

    # --- session commands --------------------------------------------------------------

    def new_session(self) -> None:
        from model import starting_points

        session_id = self._add(starting_points.new_session())
        setup = step_named("setup").number
        if session_id and self.open_session(session_id, step=setup):
            title = self.views[session_id].page(setup).fields["title"]
            title.setFocus()
            title.selectAll()

    def open_selected(self) -> None:
        session_id = self.home.selected_id()
        if session_id:
            self.open_session(session_id)

    def open_demo(self) -> None:
        session_id = self.store.find_demo()
        if session_id is None:
            if self.store.read_only:
                self.show_message("The demo session cannot be added: the database is read-only.")
                return
            from model.demo import demo_session

            session_id = self._add(demo_session(), demo=True)
        if session_id:
            self.open_session(session_id)

    def duplicate_selected(self) -> None:
        session_id = self.home.selected_id()
        if not session_id:
            return
        from model.reviews import rerun

        try:
            copy_id = rerun(self.store, session_id)
        except WorkshopError as error:
            dialogs.error(self, "Cannot add the session", dialogs.said(error))
            return
        if copy_id:
            self.home.refresh(select=copy_id)
            self.show_message("Copied for a re-run: the same set-up and lists, with no results "
                              "yet. Open it to prepare the new workshop.")

    def delete_selected(self) -> None:
        summary = self.home.selected()
        if summary is None or self.store.read_only or self.current_view():
            return
        if not dialogs.confirm(self, "Delete session",
                               f"Delete the session “{summary.title}”?\n\nUndo (Ctrl+Z) "
                               "brings it back.", "Delete"):
            return
        self.close_document(summary.id)
        try:
            self.store.delete_session(summary.id)
        except WorkshopError as error:
            self.show_message(dialogs.said(error))
            return
        self.home_stack.push(DeleteSession(self.home, summary))
        self.show_message(f"Deleted “{summary.title}”. Undo (Ctrl+Z) brings it back.")

    def import_file(self) -> None:
        from model.session_file import read_session_file

        path = dialogs.open_file(self, "Import session file", dialogs.SESSION_FILES)
        if path is None:
            return
        from gui.background import Cancelled, run_in_background

        try:  # off the window's thread: a large file takes seconds to check
            session = run_in_background(self, f"Importing {path.name}…",
                                        lambda: read_session_file(path))
        except Cancelled:
            return
        except WorkshopError as error:
            dialogs.error(self, "Cannot import this file", dialogs.said(error))
            return
        session_id = self._add(session)
        if session_id:
            if self.current_view():
                self.show_home()
            self.home.refresh(select=session_id)
            self.show_message(f"Imported “{session.title}”.")

    def export_file(self) -> None:
        from model.session_file import write_session_file

        session_id = self.current_session_id() or self.home.selected_id()
        if not session_id:
            return
        self._flush()
        session = self.store.load(session_id)
        path = dialogs.save_file(self, "Export session file",
                                 file_name_for(session.title, ".json"), dialogs.SESSION_FILES)
        if path is None:
            return
        try:
            write_session_file(session, path)
        except WorkshopError as error:
            dialogs.error(self, "Cannot export the session", dialogs.said(error))
            return
        self.show_message(f"Saved the session file {path}.")

    def export_pdf(self) -> None:
        """The PDF summary of the open session, or of the one selected on the home page."""
        from gui.pdf_export import export_pdf

        session_id = self.current_session_id() or self.home.selected_id()
        if not session_id:
            return
        self._flush()
        session = self.store.load(session_id)
        path = export_pdf(self, session, self.settings, self.store.predecessor(session))
        if path is not None:
            self.show_message(f"Saved the PDF summary {path}.")

    def export_csv(self) -> None:
        """The CSV files of the open session, or of the one selected on the home page, in
        a folder named after it inside the folder the user chooses."""
        from model.csv_export import write_csv_folder

        session_id = self.current_session_id() or self.home.selected_id()
        if not session_id:
            return
        self._flush()
        session = self.store.load(session_id)
        last = self.settings.csv_folder
        chosen = dialogs.choose_folder(
            self, "Export CSV: choose where to put the session's folder of CSV files",
            Path(last) if last else None)
        if chosen is None:
            return
        folder = chosen / file_name_for(session.title, " - CSV")
        try:
            holds_files = folder.is_dir() and any(folder.iterdir())
        except OSError:
            holds_files = False  # the export says why it cannot write there
        if holds_files and not dialogs.confirm(
                self, "Replace the CSV files?",
                f"The folder\n{folder}\nalready holds files. Replace this session's CSV "
                "files in it? Other files are left as they are.", "Replace"):
            return
        try:
            written = write_csv_folder(session, folder, force=holds_files)
        except WorkshopError as error:
            dialogs.error(self, "Cannot export the CSV files", dialogs.said(error))
            return
        self.settings.csv_folder = str(chosen)
        self.show_message(f"Saved {len(written)} CSV files in {folder}.")

    def _add(self, session: object, demo: bool = False) -> str | None:
        try:
            session_id = self.store.add_session(session, demo=demo)  # type: ignore[arg-type]
        except WorkshopError as error:
            dialogs.error(self, "Cannot add the session", dialogs.said(error))
            return None
        self.home.refresh(select=session_id)
        return session_id

    def _flush(self) -> None:
        view = self.current_view()
        if view:
            view.flush()

    def show_backups(self) -> None:
        from gui.recovery import show_backups

        show_backups(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        from gui.recovery import may_quit_with_unsaved

        for view in self.views.values():
            view.flush()
        if not may_quit_with_unsaved(self, list(self.documents.values())):
            event.ignore()
            return
        self.close_room()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.reopen_last = self.current_view() is not None
        self.settings.sync()
        event.accept()
