"""Text fields bound to a session field: typing is saved while you type.

A pause in typing (or leaving the field) commits the text as one edit; consecutive
commits of the same field merge into one undo step. When the stored value changes
(an undo), the field shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from gui.document import SessionDocument
from model.changes import Changeset
from model.edits import SessionEditor
from model.session import Session

TYPING_PAUSE_MS = 700

TextWidget = QLineEdit | QPlainTextEdit


class BoundText(QObject):
    """Keeps `widget` and one stored text in step.

    `read` gets the stored value from the session; `write` builds the edit.
    """

    def __init__(self, document: SessionDocument, widget: TextWidget,
                 read: Callable[[Session], str | None],
                 write: Callable[[SessionEditor, str], Changeset],
                 tables: tuple[str, ...] = ("sessions",)) -> None:
        super().__init__(widget)
        self.document, self.widget = document, widget
        self.read, self.write, self.tables = read, write, tables
        self._showing = False
        self.timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.timer.timeout.connect(lambda: self.commit(final=False))
        widget.setReadOnly(document.read_only)
        self._show(self.read(document.session) or "")
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: self.timer.start())
            widget.editingFinished.connect(self.commit)
        else:
            widget.textChanged.connect(self._typed)
        widget.installEventFilter(self)
        document.changed.connect(self._on_changed)

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def commit(self, final: bool = True) -> None:
        """Save what the field shows. A refused value stays on screen, outlined, with
        the message saying why, until it is put right: typing is never thrown away."""
        self.timer.stop()
        value = self.text()
        stored = self.read(self.document.session) or ""
        if value == stored or (stored, value) == self._shown:
            # The second test: a multi-line field shows "\r\n" (and U+2028, U+2029) as
            # "\n"; only leaving it must not rewrite an imported text the user never edited.
            return
        # A save while typing must not rewrite the field under the cursor (a date typed
        # 1/2/2026 is stored 2026-02-01): leaving the field shows the stored form.
        self._typing_save = not final
        try:
            saved = self.document.edit(lambda editor: self.write(editor, value),
                                       quiet=not final)
        finally:
            self._typing_save = False
        stored = self.read(self.document.session) or ""
        if saved:
            self._mark_refused(None)
            if final and stored != value:
                # Kept in another form (a blank action is no action): on leaving the
                # field, show what is stored, so the screen never shows what is not.
                self._show(stored)
        elif final:
            self._mark_refused(stored)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False

    def _typed(self) -> None:
        if not self._showing:
            self.timer.start()

    def _on_changed(self, changeset: Changeset) -> None:
        if self._typing_save or self.timer.isActive() or not changeset.touches(*self.tables):
            return
        stored = self.read(self.document.session) or ""
        if self._refused_over is not None and stored == self._refused_over:
            return  # another field changed: keep the refused text being put right
        if stored != self.text():
            self._show(stored)

    _typing_save = False  # saving what is being typed (not on leaving the field)
    _shown: tuple[str, str] = ("", "")  # (stored value, the field's text showing it)
    _refused_over: str | None = None  # the stored value a refused text stands over

    @property
    def refused(self) -> bool:
        """Whether the field shows a refused text, not yet put right."""
        return self._refused_over is not None

    def _mark_refused(self, stored: str | None) -> None:
        self._refused_over = stored
        self.widget.setStyleSheet("" if stored is None else
                                  "border: 2px solid #b00020; background: #fff0f0;")
        self.widget.setToolTip("" if stored is None else
                               "Not saved: see the message in the corner of the window.")

    def _show(self, value: str) -> None:
        self._showing = True
        try:
            if isinstance(self.widget, QLineEdit):
                self.widget.setText(value)
                self.widget.setCursorPosition(0)
            else:
                self.widget.setPlainText(value)
            self._shown = (value, self.text())
            self._mark_refused(None)
        finally:
            self._showing = False
