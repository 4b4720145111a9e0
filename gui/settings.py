"""The app's preferences, declared once (key, type, default) over a swappable QSettings.

Scores and anything else a user types about a session never go here: they are in the
database. A missing or unreadable settings file gives the defaults.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


class Setting(Generic[T]):
    """One declared setting: `settings.window_geometry` reads it, assignment writes it."""

    def __init__(self, key: str, kind: type, default: T) -> None:
        self.key, self.kind, self.default = key, kind, default

    def __get__(self, settings: Settings | None, owner: type) -> T:
        if settings is None:
            return self  # type: ignore[return-value]
        value: Any = settings.qsettings.value(self.key, self.default)
        if value is None or value == "":
            return self.default
        try:
            if self.kind is bool and isinstance(value, str):
                return value.lower() in ("true", "1")  # type: ignore[return-value]
            return value if isinstance(value, self.kind) else self.kind(value)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, settings: Settings, value: T) -> None:
        settings.qsettings.setValue(self.key, value)


class Settings:
    window_geometry = Setting("window/geometry", QByteArray, QByteArray())
    window_state = Setting("window/state", QByteArray, QByteArray())
    last_session = Setting("sessions/last", str, "")
    reopen_last = Setting("sessions/reopen_last", bool, False)
    presenter_font_size = Setting("presenter/font_size", int, 28)
    gap_threshold = Setting("perception/gap_threshold", int, 3)

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings()

    def sync(self) -> None:
        self.qsettings.sync()
