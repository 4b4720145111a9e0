"""Automatic verified backups: when they are made, how many are kept, that a bad one
never pushes out a good one, and restoring one (model and the File ▸ Backups… dialog)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from model.demo import demo_session
from model.store import Store, backups
from model.store.backups import (
    backup_folder,
    list_backups,
    newest_good_backup,
    replaced_databases,
    restore_backup,
)
from model.store.schema import SCHEMA_VERSION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def titles_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute(
            "SELECT title FROM sessions WHERE deleted_at IS NULL ORDER BY title")]
    finally:
        conn.close()


@pytest.fixture
def filled(db_path: Path) -> Path:
    """A closed database holding the demo session."""
    store = Store.open(db_path)
    store.add_session(demo_session())
    store.close()
    return db_path


def test_a_new_database_has_no_backup(db_path: Path) -> None:
    Store.open(db_path).close()
    assert list_backups(db_path) == []


def test_opening_a_database_backs_it_up_beside_it(filled: Path) -> None:
    store = Store.open(filled)
    store.close()
    [backup] = list_backups(filled)
    assert backup.path.parent == filled.parent / "backups" == backup_folder(filled)
    assert backup.reason == "opened" and backup.good and backup.sessions == 1
    assert backup.size == backup.path.stat().st_size > 0
    assert titles_in(backup.path) == [demo_session().title]
    # A backup is one self-contained file: no -wal beside it, not in WAL mode.
    assert not Path(str(backup.path) + "-wal").exists()
    assert backup.path.read_bytes()[18:20] == b"\x01\x01"


def test_opening_an_unchanged_database_again_adds_no_backup(filled: Path) -> None:
    for _ in range(3):
        Store.open(filled).close()
    assert len(list_backups(filled)) == 1


def test_the_opening_backup_is_made_before_any_migration(db_path: Path) -> None:
    # A database of an older version (0): the backup must hold it as it was.
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('from the old app')")
    conn.commit()
    conn.close()
    store = Store.open(db_path)
    assert store.database.pragma("user_version") == SCHEMA_VERSION
    store.close()
    [backup] = list_backups(db_path)
    old = sqlite3.connect(backup.path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 0
    assert old.execute("SELECT text FROM notes").fetchall() == [("from the old app",)]
    assert old.execute("SELECT name FROM sqlite_master WHERE name = 'sessions'").fetchall() \
        == []
    old.close()


def test_edits_make_a_backup_every_few_minutes(store: Store) -> None:
    from model.edits import SessionEditor

    session_id = store.add_session(demo_session())
    editor = SessionEditor(store, session_id)
    store.apply(editor.set_detail("venue", "Room 1"))
    assert list_backups(store.path) == []  # not yet five minutes
    store.database.last_backup -= backups.INTERVAL_SECONDS
    store.apply(editor.set_detail("venue", "Room 2"))
    [backup] = list_backups(store.path)
    assert backup.reason == "periodic" and backup.good
    conn = sqlite3.connect(backup.path)
    assert conn.execute("SELECT venue FROM sessions").fetchone()[0] == "Room 2"
    conn.close()
    store.apply(editor.set_detail("venue", "Room 3"))
    assert len(list_backups(store.path)) == 1  # the clock started again


def test_imports_count_as_edits_for_the_periodic_backup(store: Store) -> None:
    store.add_session(demo_session())
    assert list_backups(store.path) == []
    store.database.last_backup -= backups.INTERVAL_SECONDS
    store.add_session(demo_session())
    [backup] = list_backups(store.path)
    assert backup.reason == "periodic" and backup.sessions == 2


def test_deleting_a_session_backs_up_first(store: Store) -> None:
    session_id = store.add_session(demo_session())
    store.delete_session(session_id)
    [backup] = list_backups(store.path)
    assert backup.reason == "before-delete"
    assert backup.sessions == 1  # the session is in the backup, not deleted
    assert store.list_sessions() == []


def test_only_the_newest_backups_are_kept(store: Store) -> None:
    store.add_session(demo_session())
    made = [store.database.backup("periodic") for _ in range(backups.KEEP + 5)]
    kept = list_backups(store.path)
    assert [b.path for b in kept] == list(reversed(made))[:backups.KEEP]
    assert all(not path.exists() for path in made[:5])


def test_a_backup_failing_its_check_is_deleted_and_pushes_out_nothing(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_session(demo_session())
    good = [store.database.backup("periodic") for _ in range(backups.KEEP)]

    def damaged_copy(source: sqlite3.Connection, target: Path) -> None:
        real_copy(source, target)
        with open(target, "r+b") as f:  # scribble over the second page
            f.seek(4096)
            f.write(b"\xff" * 4096)

    real_copy = backups._copy
    monkeypatch.setattr(backups, "_copy", damaged_copy)
    assert store.database.backup("periodic") is None
    assert [b.path for b in list_backups(store.path)] == list(reversed(good))
    assert all(b.good for b in list_backups(store.path))
    assert sorted(backup_folder(store.path).iterdir()) == sorted(good)  # no .partial left


def test_a_backup_that_cannot_be_written_does_not_stop_work(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    session_id = store.add_session(demo_session())

    def full_disk(source: sqlite3.Connection, target: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_copy", full_disk)
    store.delete_session(session_id)  # goes ahead without its backup
    assert store.list_sessions() == []
    assert list_backups(store.path) == []


def test_a_damaged_backup_is_listed_as_damaged_and_not_offered(filled: Path) -> None:
    Store.open(filled).close()
    [good] = list_backups(filled)
    bad = good.path.with_name(good.path.name.replace("-opened", "-periodic")
                              .replace(good.path.name[len(filled.name) + 1:][:8], "29991231"))
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    listed = list_backups(filled)
    assert [b.path for b in listed] == [bad, good.path]
    assert not listed[0].good and listed[0].sessions is None
    assert newest_good_backup(filled).path == good.path


def test_backups_of_a_database_with_a_longer_name_are_not_mixed_in(filled: Path) -> None:
    other = filled.with_name(filled.name + "-old")
    other.write_bytes(filled.read_bytes())
    Store.open(other).close()
    Store.open(filled).close()
    assert [b.path.name.startswith(filled.name + "-2") for b in list_backups(filled)] == [True]
    assert len(list_backups(other)) == 1


def test_restore_keeps_the_current_database_aside(filled: Path) -> None:
    store = Store.open(filled)  # backup: the demo session only
    [backup] = list_backups(filled)
    store.add_session(demo_session().__class__(title="Made after the backup"))
    store.close()
    before = digest(filled)
    aside = restore_backup(backup.path, filled)
    assert aside is not None and aside.parent == filled.parent
    assert aside.name.startswith(filled.name + ".replaced-")
    assert digest(aside) == before  # the current file, byte for byte
    assert titles_in(filled) == [demo_session().title]
    assert sorted(titles_in(aside)) == sorted([demo_session().title, "Made after the backup"])
    assert not Path(str(filled) + ".restoring").exists()
    restored = Store.open(filled)  # and the gatekeeper opens it
    assert [s.title for s in restored.list_sessions()] == [demo_session().title]
    restored.close()


def test_restore_moves_the_write_ahead_log_with_the_file(filled: Path) -> None:
    Store.open(filled).close()
    [backup] = list_backups(filled)
    # A database left by a crash: its last commits only in the -wal file.
    holder = sqlite3.connect(filled, isolation_level=None)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("UPDATE sessions SET title = 'only in the log'")
    wal = Path(str(filled) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    aside = restore_backup(backup.path, filled)
    holder.close()  # (its connection follows the renamed files)
    assert aside is not None
    assert not wal.exists()
    assert titles_in(aside) == ["only in the log"]
    assert titles_in(filled) == [demo_session().title]


def test_restore_of_a_damaged_backup_changes_nothing(filled: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 10)
    before = digest(filled)
    with pytest.raises(sqlite3.DatabaseError):
        restore_backup(bad, filled)
    assert digest(filled) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite3", filled.name]


# --- the app ------------------------------------------------------------------------------


def test_backups_dialog_lists_backups_and_restores_the_chosen_one(qtbot, filled: Path
                                                                  ) -> None:
    from gui.recovery import BackupsDialog

    Store.open(filled).close()
    listed = list_backups(filled)
    dialog = BackupsDialog(listed)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == "1"
    assert dialog.table.item(0, 1).text() == "when the database was opened"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen == listed[0] and dialog.result() == dialog.DialogCode.Accepted


def test_a_damaged_backup_is_shown_but_cannot_be_restored(qtbot, filled: Path) -> None:
    from gui.recovery import BackupsDialog

    Store.open(filled).close()
    [good] = list_backups(filled)
    damaged = good.path.with_name(good.path.name.replace("-opened", "-periodic"))
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    dialog = BackupsDialog(list_backups(filled))
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 1).text(): r for r in range(dialog.table.rowCount())}
    dialog.table.selectRow(rows["while editing"])
    assert dialog.table.item(rows["while editing"], 3).text() == "damaged"
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(rows["when the database was opened"])
    assert dialog.restore_button.isEnabled()


def test_restore_from_the_file_menu_reopens_the_database(
        qtbot, window, store: Store, dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    from gui import dialogs as dialogs_module

    kept = store.add_session(demo_session())
    made = store.database.backup("periodic")
    later = store.add_session(demo_session().__class__(title="After the backup"))
    window.open_session(later)
    shown: list = []
    monkeypatch.setattr(dialogs_module, "choose_backup",
                        lambda parent, listed: shown.append(listed) or listed[0])
    dialogs.answers["confirm"] = True
    window.actions.backups.trigger()
    assert [b.path for b in shown[0]] == [made]
    assert window.store is not store and not window.store.read_only
    assert [s.id for s in window.store.list_sessions()] == [kept]
    assert window.current_view() is None and window.documents == {}
    assert window.home.model.sessions[0].id == kept
    assert "Restored the backup" in window.message_bar.text()
    aside = [p for p in store.path.parent.iterdir() if ".replaced-" in p.name]
    assert len(aside) == 1 and titles_in(aside[0]) == sorted(
        [demo_session().title, "After the backup"])
    # The wrong backup? The database as it was is listed too, and restoring it undoes it.
    shown.clear()
    monkeypatch.setattr(dialogs_module, "choose_backup", lambda parent, listed: shown.append(
        listed) or next(b for b in listed if b.reason == "replaced"))
    window.actions.backups.trigger()
    [replaced] = [b for b in shown[0] if b.reason == "replaced"]
    assert replaced.path == aside[0] and replaced.good and replaced.sessions == 2
    assert sorted(s.title for s in window.store.list_sessions()) == sorted(
        [demo_session().title, "After the backup"])
    window.store.close()


def test_cancelling_the_restore_changes_nothing(qtbot, window, store: Store, dialogs,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from gui import dialogs as dialogs_module

    store.add_session(demo_session())
    store.database.backup("periodic")
    monkeypatch.setattr(dialogs_module, "choose_backup", lambda parent, listed: listed[0])
    dialogs.answers["confirm"] = False
    window.actions.backups.trigger()
    assert window.store is store
    assert not [p for p in store.path.parent.iterdir() if ".replaced-" in p.name]


def test_a_replaced_database_is_listed_but_never_taken_for_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "workshop.sqlite3"
    store = Store.open(db)
    store.add_session(demo_session())
    made = store.database.backup("periodic")
    store.close()
    assert replaced_databases(db) == []
    aside = restore_backup(made, db)
    [replaced] = replaced_databases(db)
    assert replaced.path == aside and replaced.reason == "replaced" and replaced.good
    assert newest_good_backup(db).path == made  # what a damaged database is offered
    assert aside not in [b.path for b in list_backups(db)]  # and never pruned

