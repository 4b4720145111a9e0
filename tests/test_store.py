"""The store's gatekeeper, migrations, refusals, and changesets (no Qt)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from model.demo import demo_session
from model.edits import SessionEditor
from model.errors import DatabaseDamaged, DatabaseTooNew, DatabaseUnavailable, StaleEdit
from model.session_file import session_to_dict
from model.starting_points import new_session
from model.store import SCHEMA_VERSION, Store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_are_read_back(store: Store):
    db = store.database
    assert db.pragma("journal_mode") == "wal"
    assert db.pragma("synchronous") == 2  # FULL
    assert db.pragma("foreign_keys") == 1
    assert db.pragma("busy_timeout") >= 1000
    assert db.pragma("user_version") == SCHEMA_VERSION


def test_new_database_goes_through_the_migration_chain(db_path: Path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert {"sessions", "organisations", "stakeholder_groups", "participants", "obstacles",
            "placements", "perception_rows", "scores", "actions"} <= tables


def test_reopening_keeps_sessions(db_path: Path):
    store = Store.open(db_path)
    session_id = store.add_session(demo_session(), demo=True)
    store.close()
    store = Store.open(db_path)
    assert store.find_demo() == session_id
    store.close()


def test_newer_database_is_refused_without_a_write(db_path: Path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before, mtime = digest(db_path), db_path.stat().st_mtime_ns
    with pytest.raises(DatabaseTooNew, match="newer version"):
        Store.open(db_path)
    assert digest(db_path) == before and db_path.stat().st_mtime_ns == mtime
    assert not Path(str(db_path) + "-wal").exists()


@pytest.mark.parametrize("content", [
    b"this is a text file, not a database\n" * 10,
    b"SQLite format 3\x00" + b"\x00" * 20,  # truncated header
    b"\x00" * 4096,
])
def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path, content: bytes):
    db_path.write_bytes(content)
    with pytest.raises(DatabaseDamaged, match="has not been changed"):
        Store.open(db_path)
    assert db_path.read_bytes() == content


def test_a_truncated_database_is_refused_untouched(db_path: Path):
    store = Store.open(db_path)
    for _ in range(5):
        store.add_session(demo_session())
    store.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseDamaged):
        Store.open(db_path)
    assert db_path.read_bytes() == data[: len(data) // 2]


def test_missing_folder_is_not_created(tmp_path: Path):
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        Store.open(tmp_path / "nope" / "x.sqlite3")
    assert not (tmp_path / "nope").exists()


def test_add_and_load_round_trip_every_field(store: Store):
    demo = demo_session()
    loaded = store.load(store.add_session(demo))
    assert session_to_dict(loaded) == session_to_dict(demo)


def test_list_is_newest_first_and_skips_deleted(store: Store):
    old = store.add_session(_dated("Old", "2020-01-01"))
    new = store.add_session(_dated("New", "2025-06-01"))
    undated = store.add_session(_dated("Undated", None))
    assert [s.id for s in store.list_sessions()] == [new, old, undated]
    store.delete_session(new)
    assert [s.id for s in store.list_sessions()] == [old, undated]
    assert [s.id for s in store.list_sessions(deleted=True)] == [new]
    store.restore_session(new)
    assert store.list_sessions()[0].id == new


def _dated(title: str, date: str | None):
    session = new_session(title)
    session.date = date
    return session


def test_removing_a_group_takes_its_scores_and_undo_restores_everything(store: Store):
    session_id = store.add_session(demo_session())
    before = session_to_dict(store.load(session_id))
    editor = SessionEditor(store, session_id)
    board = next(g for g in store.load(session_id).groups if g.name == "Board members")
    removal = editor.remove_named("stakeholder_groups", board.id)
    store.apply(removal)
    after = store.load(session_id)
    assert all(s.group != "Board members" for s in after.perception.scores)
    assert all(p.group != "Board members" for p in after.participants)
    store.apply(removal.inverse())
    assert session_to_dict(store.load(session_id)) == before


def test_an_undo_that_no_longer_matches_is_refused_and_changes_nothing(store: Store):
    session_id = store.add_session(new_session("Stale"))
    editor = SessionEditor(store, session_id)
    rename = editor.set_detail("title", "First")
    store.apply(rename)
    store.apply(editor.set_detail("title", "Second"))
    with pytest.raises(StaleEdit):
        store.apply(rename.inverse())
    assert store.load(session_id).title == "Second"


def test_a_failed_edit_is_rolled_back_whole(store: Store):
    session_id = store.add_session(new_session("Atomic"))
    editor = SessionEditor(store, session_id)
    first = editor.add_named("organisations", "Council")
    store.apply(first)
    clash = editor.set_detail("title", "Changed")
    bad = clash.then(first)  # inserting the same row id again must fail
    with pytest.raises(sqlite3.IntegrityError):
        store.apply(bad)
    assert store.load(session_id).title == "Atomic"


def test_refresh_after_an_edit_equals_a_full_load(store: Store):
    """The document re-reads only what an edit touched; that must be what a full
    load gives, for an edit of every kind of row."""
    from model import actions
    from model.exercises import obstacles, perception, typology
    from model.session import Cell

    session_id = store.add_session(demo_session())
    editor = SessionEditor(store, session_id)
    s = store.load(session_id)
    edits = [
        lambda: editor.set_detail("title", "Renamed"),
        lambda: editor.rename("organisations", s.organisations[0].id, "Renamed body"),
        lambda: editor.rename("stakeholder_groups", s.groups[1].id, "Renamed group"),
        lambda: editor.remove_named("stakeholder_groups", s.groups[2].id),
        lambda: editor.update_participant(s.participants[0].id, name="", tier=2),
        lambda: obstacles.rate(editor, s.obstacles[1].id, 3),
        lambda: typology.place(editor, next(p for p in typology.placers(s)
                                            if p.label == "Chief executive"),
                               "now", Cell("integration", "strategic")),
        lambda: editor.rename("perception_rows", s.perception.rows[0].id, "Renamed row"),
        lambda: perception.set_score(editor, s.perception.rows[3].id, s.groups[0].id, 5),
        lambda: actions.add_action(editor, text="New action"),
    ]
    shown = store.load(session_id)
    for build in edits:
        changeset = build()
        store.apply(changeset)
        shown = store.refresh(shown, {change.table for change in changeset.changes})
        assert shown == store.load(session_id)
