"""A partnership's reviews: the link a re-run keeps to the review it re-runs, in the
database, in session files and in the sessions list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from model.demo import demo_session
from model.reviews import rerun, review_groups, reviews_of
from model.session_file import (
    SessionFileError,
    read_session_file,
    session_from_dict,
    session_to_dict,
    write_session_file,
)
from model.starting_points import new_session
from model.store import SCHEMA_VERSION, Store
from tests.store_support import old_database

CTRL = Qt.KeyboardModifier.ControlModifier


def test_duplicate_for_a_rerun_links_the_copy_to_its_source(qtbot, window, store):
    source = store.add_session(demo_session())
    assert store.load(source).uid is None  # no uid until it is first re-run
    window.home.refresh(select=source)
    qtbot.keyClick(window.home.table, Qt.Key.Key_D, CTRL)
    copy_id = next(s.id for s in store.list_sessions() if s.id != source)
    original, copy = store.load(source), store.load(copy_id)
    assert original.uid and copy.review_of == original.uid
    assert store.predecessor(copy).id == source
    assert store.predecessor(original) is None
    # A re-run of the re-run links to it in turn; the first keeps its uid.
    third = rerun(store, copy_id)
    assert store.load(third).review_of == store.load(copy_id).uid
    assert store.load(source).uid == original.uid
    assert [s.id for s in reviews_of(store, store.load(source))] == [third, copy_id, source]


def test_the_link_survives_export_and_import(tmp_path: Path, store: Store):
    first = store.add_session(demo_session())
    second = rerun(store, first)
    for session_id, name in ((first, "a.json"), (second, "b.json")):
        write_session_file(store.load(session_id), tmp_path / name)
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert data["session"]["review_of"] == store.load(first).uid
    elsewhere = Store.open(tmp_path / "other.sqlite3")  # another laptop
    try:
        b = elsewhere.add_session(read_session_file(tmp_path / "b.json"))
        a = elsewhere.add_session(read_session_file(tmp_path / "a.json"))
        assert elsewhere.predecessor(elsewhere.load(b)).id == a
        assert elsewhere.load(a).uid == store.load(first).uid
        # Importing the same file twice: the second copy is a session of its own.
        again = elsewhere.add_session(read_session_file(tmp_path / "a.json"))
        assert elsewhere.load(again).uid not in (None, elsewhere.load(a).uid)
        assert elsewhere.predecessor(elsewhere.load(b)).id == a
    finally:
        elsewhere.close()


def test_a_file_without_links_imports_and_exports_as_it_was(tmp_path: Path, store: Store):
    data = session_to_dict(demo_session())
    assert "uid" not in data["session"] and "review_of" not in data["session"]
    loaded = store.load(store.add_session(session_from_dict(data)))
    assert loaded.uid is None and loaded.review_of is None
    assert session_to_dict(loaded) == data


@pytest.mark.parametrize(("field", "value", "message"), [
    ("uid", 7, "session.uid: 7 is not a string"),
    ("uid", "", 'session.uid: "" is not a session uid'),
    ("review_of", "a b", 'session.review_of: "a b" is not a session uid'),
    ("review_of", "x" * 65, "session.review_of: "),
])
def test_bad_links_are_refused_naming_the_field(field: str, value: object, message: str):
    data = session_to_dict(demo_session())
    data["session"][field] = value
    with pytest.raises(SessionFileError) as error:
        session_from_dict(data)
    assert str(error.value).startswith(message)


def test_a_database_of_the_previous_version_gains_the_link_columns(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old_database(path, 2)
    store = Store.open(path)
    try:
        assert store.database.pragma("user_version") == SCHEMA_VERSION
        assert store.load("old").uid is None
        copy = rerun(store, "old")
        assert store.load(copy).review_of == store.load("old").uid
    finally:
        store.close()


def _dated(title: str, day: str, partnership: str = "") -> object:
    session = new_session(title)
    session.date, session.partnership = day, partnership
    return session


def test_review_groups_gather_chains_newest_first(store: Store):
    y1 = store.add_session(_dated("Carrick 2009", "2009-12-04", "Carrick Housing"))
    other = store.add_session(_dated("Northshire", "2011-03-01", "Northshire YOT"))
    y2 = rerun(store, y1)
    store.database.conn.execute("UPDATE sessions SET date = '2010-12-01' WHERE id = ?", (y2,))
    y3 = rerun(store, y2)  # dated today: the newest of all
    groups = review_groups(store.list_sessions())
    assert [[s.id for s in g.sessions] for g in groups] == [[y3, y2, y1], [other]]
    assert groups[0].partnership == "Carrick Housing" and groups[0].linked
    assert not groups[1].linked
    # A deleted review breaks the chain there: the others are no longer linked to it.
    store.delete_session(y2)
    assert [[s.id for s in g.sessions] for g in review_groups(store.list_sessions())] == \
        [[y3], [other], [y1]]


def test_the_sessions_list_shows_a_partnerships_reviews_together(qtbot, window, store):
    y1 = store.add_session(_dated("Carrick 2009", "2009-12-04", "Carrick Housing"))
    store.add_session(_dated("Northshire", "2011-03-01", "Northshire YOT"))
    window.home.refresh(select=y1)
    qtbot.keyClick(window.home.table, Qt.Key.Key_D, CTRL)
    model = window.home.filter
    rows = [[model.index(r, c).data() for c in (0, 4)] for r in range(model.rowCount())]
    assert rows == [["Carrick 2009 (re-run)", "Carrick Housing: review 2 of 2"],
                    ["Carrick 2009", "Carrick Housing: review 1 of 2"],
                    ["Northshire", ""]]
    assert window.home.selected().title == "Carrick 2009 (re-run)"
    # Keyboard as before: Down moves through the list, Enter opens.
    qtbot.keyClick(window.home.table, Qt.Key.Key_Down)
    assert window.home.selected_id() == y1
    qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
    assert window.current_session_id() == y1
