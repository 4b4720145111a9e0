"""Where the app keeps its data on this computer."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "Partnership Workshop"


def data_folder() -> Path:
    """The per-user data folder (created if missing)."""
    import platformdirs

    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_path() -> Path:
    return data_folder() / "workshop.sqlite3"


def database_path(option: str | None) -> Path:
    """The database a command uses: `--db PATH`, or the default one."""
    return Path(option).expanduser() if option else default_database_path()
