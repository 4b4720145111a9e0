"""Run `gui.app.run_app` inside a test: dialogs scripted, settings in a temporary file,
and the event loop replaced by a look at each window the app opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


class AppRun:
    """run_app in this process, with dialogs scripted and the event loop not entered."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        import gui.app
        from gui import dialogs

        self.calls: list[tuple[str, tuple]] = []
        self.answers: dict[str, object] = {}
        self.windows: list = []
        for name in ("error", "information", "damaged_database", "save_file", "confirm"):
            monkeypatch.setattr(dialogs, name, self._fake(name))
        ini = str(tmp_path / "settings.ini")
        monkeypatch.setattr(gui.app, "QSettings",
                            lambda: QSettings(ini, QSettings.Format.IniFormat))
        self.seen: list[tuple[Path, list[str]]] = []  # each window's database, titles
        windows = self.windows

        def look_and_quit(*args: object) -> int:  # instead of the event loop
            for window in windows:
                self.seen.append((window.store.path,
                                  sorted(s.title for s in window.store.list_sessions())))
            return 0

        monkeypatch.setattr(QApplication, "exec", look_and_quit)

        class RecordedWindow(gui.app.MainWindow):
            def __init__(self, *args: object) -> None:
                super().__init__(*args)
                self.asked_for_keyboard = False
                windows.append(self)

            def activateWindow(self) -> None:  # Qt's name
                # The offscreen platform activates every window it shows: record the ask.
                self.asked_for_keyboard = True
                super().activateWindow()

        monkeypatch.setattr(gui.app, "MainWindow", RecordedWindow)

    def _fake(self, name: str) -> Callable:
        def fake(*args: object) -> object:
            self.calls.append((name, args[1:]))
            return self.answers.get(name)
        return fake

    def __call__(self, path: Path) -> int:
        from gui.app import run_app

        status = run_app(str(path))
        for window in self.windows:
            window.close()
            window.deleteLater()
        return status

    def called(self, name: str) -> list[tuple]:
        return [args for n, args in self.calls if n == name]
