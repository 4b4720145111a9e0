"""Typology placements belong to their placer by id (issue 16): renaming or renumbering a
participant keeps their placements, deleting one takes them (undoably), and session
files still name placers by label, exactly as before."""

from __future__ import annotations

import copy
import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from model.edits import SessionEditor
from model.exercises.typology import Placer, place, placers, remove_placement
from model.session import Cell, Group, Participant, Session
from model.session_file import read_session_file, session_from_dict, write_session_file
from model.store import Store
from model.store.schema import SCHEMA_VERSION
from tests.store_support import old_database
from tests.test_session_file import FULL, dumps

CENTRE = Cell("co-ordination", "commissioning")
CORNER = Cell("integration", "delivery")
TOP_LEFT = Cell("co-operation", "strategic")


def apply(store: Store, changeset):
    store.apply(changeset)
    return changeset


def shown(store: Store, session_id: str) -> dict[tuple[str, str], Cell]:
    return {(p.by, p.horizon): p.cell for p in store.load(session_id).typology.placements}


def same(a: Session, b: Session) -> bool:
    """The same content (the change stamp aside)."""
    return dataclasses.replace(a, updated_at="") == dataclasses.replace(b, updated_at="")


def placer(store: Store, session_id: str, label: str) -> Placer:
    return next(p for p in placers(store.load(session_id)) if p.label == label)


@pytest.fixture
def three_blank(store: Store) -> tuple[SessionEditor, list[int]]:
    """Three participants with no names, each placed for now (and the third for needed)."""
    session_id = store.add_session(Session("Anonymous", participants=[
        Participant(""), Participant(""), Participant("")]))
    editor = SessionEditor(store, session_id)
    for label, cell in (("Participant 1", TOP_LEFT), ("Participant 2", CENTRE),
                        ("Participant 3", CORNER)):
        apply(store, place(editor, placer(store, session_id, label), "now", cell))
    apply(store, place(editor, placer(store, session_id, "Participant 3"), "needed", TOP_LEFT))
    return editor, [p.id for p in store.load(session_id).participants]


def test_renaming_a_participant_keeps_their_placements(store, three_blank):
    editor, ids = three_blank
    rename = apply(store, editor.update_participant(ids[2], name="Cara"))
    assert [c.table for c in rename.changes] == ["participants"]  # no placement touched
    assert shown(store, editor.session_id) == {
        ("Participant 1", "now"): TOP_LEFT, ("Participant 2", "now"): CENTRE,
        ("Cara", "now"): CORNER, ("Cara", "needed"): TOP_LEFT}
    store.apply(rename.inverse())
    assert shown(store, editor.session_id)[("Participant 3", "needed")] == TOP_LEFT


def test_deleting_participant_2_keeps_participant_3s_placements_with_them(store, three_blank):
    editor, ids = three_blank
    before = store.load(editor.session_id)
    removal = apply(store, editor.remove_participant(ids[1]))
    after = store.load(editor.session_id)
    # The third is now shown as "Participant 2", and their placements say so.
    assert [after.participant_label(i) for i in range(2)] == ["Participant 1", "Participant 2"]
    assert shown(store, editor.session_id) == {
        ("Participant 1", "now"): TOP_LEFT, ("Participant 2", "now"): CORNER,
        ("Participant 2", "needed"): TOP_LEFT}
    assert {p.participant_id for p in after.typology.placements} == {ids[0], ids[2]}
    store.apply(removal.inverse())
    assert same(store.load(editor.session_id), before)
    store.apply(removal)
    assert len(store.load(editor.session_id).typology.placements) == 3


def test_moving_a_participant_keeps_their_placements(store, three_blank):
    editor, ids = three_blank
    apply(store, editor.move_participant(ids[2], 0))
    assert shown(store, editor.session_id)[("Participant 1", "needed")] == TOP_LEFT


def test_a_group_keeps_its_placements_through_a_rename_and_takes_them_when_removed(store):
    session_id = store.add_session(Session("Groups", groups=[Group("Tenants"), Group("Staff")]))
    editor = SessionEditor(store, session_id)
    apply(store, place(editor, placer(store, session_id, "Staff"), "now", CENTRE))
    group_id = store.load(session_id).groups[1].id
    apply(store, editor.rename("stakeholder_groups", group_id, "Officers"))
    assert shown(store, session_id) == {("Officers", "now"): CENTRE}
    before = store.load(session_id)
    removal = apply(store, editor.remove_named("stakeholder_groups", group_id))
    assert shown(store, session_id) == {}
    store.apply(removal.inverse())
    assert same(store.load(session_id), before)


def test_place_and_remove_find_the_placer_by_id(store, three_blank):
    editor, ids = three_blank
    apply(store, editor.update_participant(ids[0], name="Ann"))
    # A placer as the page held it before the rename still finds its placement.
    stale = Placer("Participant 1", participant_id=ids[0])
    apply(store, place(editor, stale, "now", CORNER))
    assert shown(store, editor.session_id)[("Ann", "now")] == CORNER
    apply(store, remove_placement(editor, stale, "now"))
    assert ("Ann", "now") not in shown(store, editor.session_id)


def test_the_database_keeps_one_placement_per_placer_and_horizon(store, three_blank):
    editor, ids = three_blank
    with pytest.raises(sqlite3.IntegrityError), store.database.transaction() as conn:
        conn.execute("INSERT INTO placements (session_id, participant_id, horizon, "
                     "collaboration, function) VALUES (?, ?, 'now', 'integration', "
                     "'delivery')", (editor.session_id, ids[0]))
    with pytest.raises(sqlite3.IntegrityError), store.database.transaction() as conn:
        conn.execute("INSERT INTO placements (session_id, participant_id, by, horizon, "
                     "collaboration, function) VALUES (?, ?, 'Ann', 'needed', "
                     "'integration', 'delivery')", (editor.session_id, ids[0]))


# --- session files -----------------------------------------------------------------------


def test_a_file_round_trips_through_the_store_byte_for_byte(store: Store, tmp_path: Path):
    """FULL has participants, placements by groups, and one by someone not listed."""
    first = tmp_path / "first.json"
    first.write_text(dumps(FULL) + "\n", encoding="utf-8")
    session_id = store.add_session(read_session_file(first))
    stored = {(r["participant_id"] is not None, r["group_id"] is not None, r["by"])
              for r in store.rows("placements", session_id)}
    assert stored == {(False, True, None), (False, False, "someone not listed")}
    second = tmp_path / "second.json"
    write_session_file(store.load(session_id), second)
    assert second.read_bytes() == first.read_bytes()


def test_a_file_names_placers_by_their_label_now(store: Store, tmp_path: Path):
    data = copy.deepcopy(FULL)
    data["session"]["typology"]["placements"] = [
        {"by": "Participant 1", "horizon": "now", "collaboration": "integration",
         "function": "delivery"},
        {"by": "Cath", "horizon": "now", "collaboration": "co-operation",
         "function": "strategic"}]
    session_id = store.add_session(session_from_dict(data))
    editor = SessionEditor(store, session_id)
    ids = [p.id for p in store.load(session_id).participants]
    apply(store, editor.update_participant(ids[2], name="Catherine"))
    apply(store, editor.update_participant(ids[0], name="Abe"))
    out = tmp_path / "out.json"
    write_session_file(store.load(session_id), out)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [p["by"] for p in written["session"]["typology"]["placements"]] == \
        ["Abe", "Catherine"]
    # And that file comes back in with each placement on the same participant.
    again = store.load(store.add_session(read_session_file(out)))
    assert [(p.by, p.participant_id) for p in again.typology.placements] == \
        [("Abe", again.participants[0].id), ("Catherine", again.participants[2].id)]


def test_a_placement_naming_nobody_becomes_theirs_who_takes_that_name(store: Store):
    data = copy.deepcopy(FULL)
    session_id = store.add_session(session_from_dict(data))
    editor = SessionEditor(store, session_id)
    adding = apply(store, editor.add_participant(name="someone not listed"))
    new = store.load(session_id).participants[-1]
    mine = [p for p in store.load(session_id).typology.placements
            if p.by == "someone not listed"]
    assert [(p.participant_id, p.horizon) for p in mine] == [(new.id, "now")]
    store.apply(adding.inverse())
    rows = [r for r in store.rows("placements", session_id) if r["by"]]
    assert [(r["by"], r["participant_id"]) for r in rows] == [("someone not listed", None)]


def test_a_re_stored_session_keeps_its_placers(store: Store, three_blank):
    editor, _ids = three_blank
    loaded = store.load(editor.session_id)
    copy_id = store.add_session(loaded)
    again = store.load(copy_id)
    assert shown(store, copy_id) == shown(store, editor.session_id)
    assert {p.participant_id for p in again.typology.placements} == \
        {p.id for p in again.participants}


# --- the migration -------------------------------------------------------------------------


def test_a_version_6_database_gets_its_placements_by_id(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old_database(path, 6)
    conn = sqlite3.connect(path)
    conn.executescript("""
        INSERT INTO stakeholder_groups (id, session_id, position, name)
            VALUES (1, 'old', 0, 'Board'), (2, 'old', 1, 'Ann');
        INSERT INTO participants (id, session_id, position, name)
            VALUES (10, 'old', 0, 'Ann'), (11, 'old', 2, ''), (12, 'old', 1, '');
        INSERT INTO placements (id, session_id, by, horizon, collaboration, function) VALUES
            (1, 'old', 'Ann', 'now', 'integration', 'delivery'),
            (2, 'old', 'Participant 2', 'now', 'co-operation', 'strategic'),
            (3, 'old', 'Participant 3', 'needed', 'integration', 'delivery'),
            (4, 'old', 'Board', 'now', 'co-ordination', 'delivery'),
            (5, 'old', 'someone not listed', 'now', 'integration', 'delivery'),
            (9, 'old', 'Participant 4', 'now', 'integration', 'delivery');
        DELETE FROM placements WHERE id = 9;
    """)
    conn.commit()
    conn.close()
    store = Store.open(path)
    try:
        assert store.database.pragma("user_version") == SCHEMA_VERSION
        rows = {r["id"]: (r["participant_id"], r["group_id"], r["by"])
                for r in store.rows("placements", "old")}
        # A name is the participant's before the group's; a blank name is "Participant N"
        # by place in the list (12 is second); a row naming nobody keeps its label.
        assert rows == {1: (10, None, None), 2: (12, None, None), 3: (11, None, None),
                        4: (None, 1, None), 5: (None, None, "someone not listed")}
        session = store.load("old")
        assert [(p.by, p.horizon) for p in session.typology.placements] == [
            ("Ann", "now"), ("Participant 2", "now"), ("Participant 3", "needed"),
            ("Board", "now"), ("someone not listed", "now")]
        # The id sequence is kept: a new placement never reuses a deleted one's id.
        editor = SessionEditor(store, "old")
        change = place(editor, Placer("Participant 2", participant_id=12), "needed", CENTRE)
        assert change.changes[-1].after["id"] == 10
        # And the placements now follow their participant.
        store.apply(editor.remove_participant(12))
        assert [(p.by, p.horizon) for p in store.load("old").typology.placements] == [
            ("Ann", "now"), ("Participant 2", "needed"), ("Board", "now"),
            ("someone not listed", "now")]
    finally:
        store.close()


def test_a_participant_named_as_a_group_takes_its_placements_so_files_still_import(
        store: Store, tmp_path: Path):
    """Groups placed (no participants yet); then a participant is added with a group's
    name: the group's placement becomes theirs (a file names both by that label, and
    refuses two placements by one label for one horizon), and undo gives it back."""
    session_id = store.add_session(Session("Groups first", groups=[Group("Health"),
                                                                    Group("Police")]))
    editor = SessionEditor(store, session_id)
    apply(store, place(editor, placer(store, session_id, "Health"), "now", CENTRE))
    apply(store, place(editor, placer(store, session_id, "Police"), "now", CORNER))
    adding = apply(store, editor.add_participant(name="Health"))
    [health] = store.load(session_id).participants
    assert [(p.by, p.participant_id, p.group_id) for p in store.load(session_id)
            .typology.placements if p.by == "Health"] == [("Health", health.id, None)]
    write_session_file(store.load(session_id), tmp_path / "s.json")
    assert shown(store, store.add_session(read_session_file(tmp_path / "s.json"))) == \
        shown(store, session_id)
    store.apply(adding.inverse())
    assert {(r["group_id"] is not None, r["participant_id"]) for r in
            store.rows("placements", session_id)} == {(True, None)}
