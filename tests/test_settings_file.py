"""A corrupt or missing settings file never stops the app from starting: every setting
falls back to its default on any bad value."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from gui.settings import Settings
from model.demo import demo_session
from model.store import Store
from tests.app_runner import AppRun

DEFAULTS = {"window_geometry": QByteArray(), "window_state": QByteArray(),
            "last_session": "", "reopen_last": False, "presenter_font_size": 28}

# The [perception] gap_threshold lines are what an older version left behind: the
# threshold is the session's now, and the stale key is ignored.
GARBAGE = [
    b"\x00\xff\xfe garbage \x89PNG\r\n\x1a\n" * 50,
    b"[sessions]\nlast=@Variant(\\0\\0\\0\\x7f)\nreopen_last=maybe\n"
    b"[presenter]\nfont_size=huge\n[perception]\ngap_threshold=-7\n"
    b"[window]\ngeometry=not base64 at all\nstate=1, 2, 3\n",
    b"[sessions]\nlast=1, 2\nreopen_last=1, 2\n[presenter]\nfont_size=99999999\n"
    b"[perception]\ngap_threshold=2.5\n",
    b"[[[[\n=\n==\n[sessions\nlast\n\xc3\x28\n",
]


def read_all(settings: Settings) -> dict[str, object]:
    return {name: getattr(settings, name) for name in DEFAULTS}


def check_typed(values: dict[str, object]) -> None:
    for name, value in values.items():
        assert type(value) is type(DEFAULTS[name]), (name, value)


# Qt itself warns about some garbage ("QVariant::load: unknown user type"); that is the
# file's fault, reported by Qt, not ours.
@pytest.mark.qt_log_ignore("QVariant::load")
@pytest.mark.parametrize("content", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_in_the_settings_file_gives_defaults(qapp, tmp_path: Path,
                                                     content: bytes) -> None:
    ini = tmp_path / "settings.ini"
    ini.write_bytes(content)
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    values = read_all(settings)
    check_typed(values)
    assert values["presenter_font_size"] == 28
    assert values["reopen_last"] is False
    settings.presenter_font_size = 40  # and it can still be written
    settings.sync()
    assert Settings(QSettings(str(ini), QSettings.Format.IniFormat)).presenter_font_size == 40


def test_good_values_are_read_back(qapp, tmp_path: Path) -> None:
    ini = str(tmp_path / "settings.ini")
    settings = Settings(QSettings(ini, QSettings.Format.IniFormat))
    settings.last_session, settings.reopen_last = "abc", True
    settings.presenter_font_size = 36
    settings.window_geometry = QByteArray(b"\x01\x02")
    settings.sync()
    again = Settings(QSettings(ini, QSettings.Format.IniFormat))
    assert read_all(again) == {**DEFAULTS, "last_session": "abc", "reopen_last": True,
                               "presenter_font_size": 36,
                               "window_geometry": QByteArray(b"\x01\x02")}


def test_a_missing_or_unreadable_settings_file_gives_defaults(qapp, tmp_path: Path) -> None:
    missing = Settings(QSettings(str(tmp_path / "no" / "such" / "settings.ini"),
                                 QSettings.Format.IniFormat))
    assert read_all(missing) == DEFAULTS
    folder = tmp_path / "a folder.ini"
    folder.mkdir()
    unreadable = Settings(QSettings(str(folder), QSettings.Format.IniFormat))
    assert read_all(unreadable) == DEFAULTS
    unreadable.last_session = "x"
    unreadable.sync()  # cannot be saved, and says nothing: the app goes on


@pytest.mark.qt_log_ignore("QVariant::load")
@pytest.mark.parametrize("content", GARBAGE, ids=range(len(GARBAGE)))
def test_the_app_starts_with_a_corrupt_settings_file(qapp, tmp_path: Path, content: bytes,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "workshop.sqlite3"
    store = Store.open(database)
    store.add_session(demo_session())
    store.close()
    run = AppRun(monkeypatch, tmp_path)
    (tmp_path / "settings.ini").write_bytes(content)  # the file AppRun gives the app
    assert run(database) == 0
    assert run.called("error") == []
    assert run.seen == [(database, [demo_session().title])]
