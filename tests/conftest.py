"""Shared test set-up: offscreen Qt, a temporary database and temporary settings, and
modal dialogs that fail the test at once instead of hanging it."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt loads: no display needed

from pathlib import Path

import pytest

from model.store import Store


class UnexpectedDialog(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_modal_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """A dialog a test did not patch (in gui.dialogs) fails that test instead of hanging."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        return

    def refuse(*args, **kwargs):
        raise UnexpectedDialog(f"a modal dialog was opened: {args[1:3]!r}")

    from PySide6.QtWidgets import QColorDialog, QDialog, QFileDialog, QMessageBox

    monkeypatch.setattr(QDialog, "exec", refuse)
    for name in ("critical", "information", "question", "warning"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)
    monkeypatch.setattr(QColorDialog, "getColor", refuse)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workshop.sqlite3"


@pytest.fixture
def store(db_path: Path):
    store = Store.open(db_path)
    yield store
    store.close()


@pytest.fixture
def doc(store: Store):
    """The demo session, open in a Qt-free document on the temporary database."""
    from model.demo import demo_session
    from model.document import SessionDocument

    return SessionDocument(store, store.add_session(demo_session()))


@pytest.fixture
def plain_doc(store: Store):
    """The demo session without its optional exercises' content (Box 2, sharing, value
    for money, layers), open in a Qt-free document: a session whose every detail version 1
    of the session file can say, for the tests of what makes a file version 2."""
    from model.demo import demo_session
    from model.document import SessionDocument

    session = demo_session()
    session.accountability, session.parts = [], {}
    return SessionDocument(store, store.add_session(session))


@pytest.fixture
def settings(tmp_path: Path, qapp):
    from PySide6.QtCore import QSettings

    from gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, store: Store, settings):
    """The real main window on a temporary database, shown."""
    from gui.main_window import MainWindow

    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch):
    """Scripted answers for gui.dialogs: set `answers[name]`; calls are recorded."""
    from gui import dialogs as module

    class Script:
        def __init__(self) -> None:
            self.answers: dict[str, object] = {}
            self.calls: list[tuple[str, tuple]] = []

    script = Script()
    for name in ("error", "information", "confirm", "open_file", "save_file", "pick_colour",
                 "choose_folder"):
        def fake(*args, _name=name):
            script.calls.append((_name, args[1:]))
            if _name not in script.answers and _name not in ("error", "information"):
                raise UnexpectedDialog(f"unexpected dialog {_name}: {args[1:]!r}")
            return script.answers.get(_name)
        monkeypatch.setattr(module, name, fake)
    return script
