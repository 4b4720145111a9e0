"""Every menu command of the main window, created in one place with its shortcut."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

StandardKey = QKeySequence.StandardKey


@dataclass
class Actions:
    new_session: QAction
    open_session: QAction
    duplicate_session: QAction
    delete_session: QAction
    import_file: QAction
    export_file: QAction
    export_pdf: QAction
    export_csv: QAction
    open_demo: QAction
    backups: QAction
    close_session: QAction
    quit: QAction
    presenter: QAction
    open_room: QAction
    close_room: QAction
    paper_card: QAction
    keyboard_help: QAction
    about: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def widget_key(widget: QWidget, key: str | Qt.Key, slot: Callable[[], object]) -> QShortcut:
    """`key` runs `slot` while `widget` has the keyboard (not elsewhere on the page)."""
    shortcut = QShortcut(QKeySequence(key), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def _action(parent: QWidget, text: str, tip: str,
            *keys: str | QKeySequence.StandardKey) -> QAction:
    action = QAction(text, parent)
    sequences: list[QKeySequence] = []
    for key in keys:  # a standard key may have several bindings (Close: Ctrl+F4, Ctrl+W)
        sequences += QKeySequence.keyBindings(key) if isinstance(key, StandardKey) \
            else [QKeySequence(key)]
    action.setShortcuts(sequences)
    plain = text.replace("&", "").rstrip("…")
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    action.setStatusTip(tip)
    action.setWhatsThis(tip)
    action.setObjectName(plain)
    return action


def create_actions(parent: QWidget) -> Actions:
    return Actions(
        new_session=_action(parent, "&New session", "Start a new workshop session",
                            StandardKey.New),
        open_session=_action(parent, "&Open", "Open the selected session",
                             StandardKey.Open),
        duplicate_session=_action(parent, "D&uplicate for a re-run",
                                  "Copy the selected session's set-up and lists, with no "
                                  "results, to run the workshop again", "Ctrl+D"),
        delete_session=_action(parent, "&Delete session…",
                               "Delete the selected session (Ctrl+Z brings it back)"),
        import_file=_action(parent, "&Import session file…",
                            "Add a session from a session file (.json)", "Ctrl+I"),
        export_file=_action(parent, "E&xport session file…",
                            "Save the session as a file to move or archive it", "Ctrl+Shift+S"),
        export_pdf=_action(parent, "Export &PDF summary…",
                           "Save the session's summary as a PDF to circulate", "Ctrl+E"),
        export_csv=_action(parent, "Export C&SV…",
                           "Save the session as CSV files, one per exercise, for a "
                           "spreadsheet or an analyst"),
        open_demo=_action(parent, "Open the de&mo session",
                          "Open the built-in Carrick Housing demo session", "Ctrl+Shift+D"),
        backups=_action(parent, "&Backups…",
                        "See the automatic backups of this database and restore one"),
        close_session=_action(parent, "&Back to sessions",
                              "Close this session and go back to the sessions list",
                              StandardKey.Close),
        quit=_action(parent, "&Quit", "Quit (everything is already saved)", "Ctrl+Q"),
        presenter=_action(parent, "&Presenter", "Show the current step to the room in large "
                          "type, on the second screen if there is one (the perception grid "
                          "has a presenter view; F5 again or Esc closes it)", "F5"),
        open_room=_action(parent, "&Open the room",
                          "Let the room answer from their phones over this laptop's network: "
                          "shows the QR code to scan (again: shows it once more)", "Ctrl+R"),
        close_room=_action(parent, "&Close the room",
                           "Stop serving phones: the port closes, and phones say the room is "
                           "closed (answers given are kept)", "Ctrl+Shift+R"),
        paper_card=_action(parent, "Enter a &paper card…",
                           "Enter the answers of someone without a phone; they count the "
                           "same as a phone's", "Ctrl+Shift+P"),
        keyboard_help=_action(parent, "&Keyboard shortcuts", "Show the keyboard shortcuts",
                              StandardKey.HelpContents),
        about=_action(parent, "&About Partnership Workshop", "About this app"),
    )
