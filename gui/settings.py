"""The app's preferences, declared once (key, type, default) over a swappable QSettings.

Scores and anything else a user types about a session never go here: they are in the
database. A missing or unreadable settings file gives the defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


class Setting(Generic[T]):
    """One declared setting: `settings.window_geometry` reads it, assignment writes it.

    Reading never fails: a missing, mistyped or out-of-range value (a settings file
    edited by hand, or half-written) gives the default. `valid` says which values
    of the right type are acceptable.
    """

    def __init__(self, key: str, kind: type, default: T,
                 valid: Callable[[Any], bool] | None = None) -> None:
        self.key, self.kind, self.default, self.valid = key, kind, default, valid

    def __get__(self, settings: Settings | None, owner: type) -> T:
        if settings is None:
            return self  # type: ignore[return-value]
        value = typed(settings.qsettings.value(self.key, self.default), self.kind)
        if value is None or (self.valid is not None and not self.valid(value)):
            return self.default
        return value  # type: ignore[return-value]

    def __set__(self, settings: Settings, value: T) -> None:
        settings.qsettings.setValue(self.key, value)


def typed(value: Any, kind: type) -> Any:
    """`value` as read from QSettings, as a `kind`; None if it is not one."""
    if value is None or value == "":
        return None
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower() if isinstance(value, str | int) else ""
        return {"true": True, "1": True, "false": False, "0": False}.get(text)
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return int(value.strip()) if isinstance(value, str) else None
        except ValueError:
            return None
    if kind is str:
        return value if isinstance(value, str) else None
    if isinstance(value, kind):
        return value
    if kind is QByteArray and isinstance(value, bytes | str):
        return QByteArray(value.encode("latin-1", "replace") if isinstance(value, str)
                          else value)
    return None


class Settings:
    window_geometry = Setting("window/geometry", QByteArray, QByteArray())
    window_state = Setting("window/state", QByteArray, QByteArray())
    last_session = Setting("sessions/last", str, "")
    reopen_last = Setting("sessions/reopen_last", bool, False)
    last_step = Setting("sessions/last_step", int, 1)
    presenter_font_size = Setting("presenter/font_size", int, 28, lambda v: 8 <= v <= 200)
    last_pdf_folder = Setting("export/last_pdf_folder", str, "")
    csv_folder = Setting("export/csv_folder", str, "")  # where CSV files went last

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings()

    def sync(self) -> None:
        self.qsettings.sync()
