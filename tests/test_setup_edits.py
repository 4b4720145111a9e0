"""Set-up edits: partner bodies, groups, participants, details (no Qt)."""

from __future__ import annotations

import pytest

from model.edits import SessionEditor
from model.errors import EditRefused
from model.palette import PALETTE
from model.session import Placement, Session, Typology
from model.starting_points import copy_for_rerun, new_session
from model.store import Store


def editor_for(store: Store, session: Session | None = None) -> SessionEditor:
    return SessionEditor(store, store.add_session(session or new_session("Set-up")))


def apply(store: Store, changeset):
    store.apply(changeset)
    return changeset


def test_new_session_has_box1_and_default_rows_and_no_scores(store: Store):
    session = store.load(store.add_session(new_session("Fresh")))
    assert len(session.obstacles) == 11
    assert {o.library for o in session.obstacles} == {"box1"}
    assert [r.section for r in session.perception.rows].count("governance") == 10
    assert [r.section for r in session.perception.rows].count("quality-of-life") == 6
    assert session.perception.scores == []


def test_groups_get_distinct_palette_colours(store: Store):
    editor = editor_for(store)
    for _ in range(4):
        apply(store, editor.add_named("stakeholder_groups"))
    groups = store.load(editor.session_id).groups
    assert [g.colour for g in groups] == list(PALETTE[:4])
    assert [g.name for g in groups] == ["New stakeholder group", "New stakeholder group 2",
                                         "New stakeholder group 3", "New stakeholder group 4"]


@pytest.mark.parametrize("table", ["organisations", "stakeholder_groups"])
def test_blank_and_duplicate_names_are_refused(store: Store, table: str):
    editor = editor_for(store)
    apply(store, editor.add_named(table, "Council"))
    with pytest.raises(EditRefused, match="needs a name"):
        editor.add_named(table, "   ")
    with pytest.raises(EditRefused, match="already"):
        editor.add_named(table, "Council")
    other = apply(store, editor.add_named(table, "Police")).changes[-1].after["id"]
    with pytest.raises(EditRefused, match="already"):
        editor.rename(table, other, "Council")
    assert editor.add_named(table, "Council ")  # exact match only: a trailing space differs


def test_rename_move_remove_with_undo(store: Store):
    editor = editor_for(store)
    ids = [apply(store, editor.add_named("organisations", n)).changes[-1].after["id"]
           for n in ("A", "B", "C")]
    move = apply(store, editor.move("organisations", ids[2], 0, "Move"))
    assert [o.name for o in store.load(editor.session_id).organisations] == ["C", "A", "B"]
    store.apply(move.inverse())
    assert [o.name for o in store.load(editor.session_id).organisations] == ["A", "B", "C"]
    rename = apply(store, editor.rename("organisations", ids[1], "<b>B & co</b>"))
    assert store.load(editor.session_id).organisations[1].name == "<b>B & co</b>"
    store.apply(rename.inverse())
    removal = apply(store, editor.remove_named("organisations", ids[0]))
    assert [o.name for o in store.load(editor.session_id).organisations] == ["B", "C"]
    store.apply(removal.inverse())
    assert [o.name for o in store.load(editor.session_id).organisations] == ["A", "B", "C"]


def test_participant_references_follow_renames_and_clear_on_removal(store: Store):
    editor = editor_for(store)
    org = apply(store, editor.add_named("organisations", "NHS trust")).changes[-1].after["id"]
    group = apply(store, editor.add_named("stakeholder_groups", "Board")).changes[-1].after["id"]
    apply(store, editor.add_participant(name="Ann", organisation_id=org, group_id=group, tier=1))
    apply(store, editor.rename("organisations", org, "NHS Foundation Trust"))
    person = store.load(editor.session_id).participants[0]
    assert (person.organisation, person.group, person.tier) == ("NHS Foundation Trust", "Board", 1)
    removal = apply(store, editor.remove_named("organisations", org))
    assert store.load(editor.session_id).participants[0].organisation == ""
    store.apply(removal.inverse())
    assert store.load(editor.session_id).participants[0].organisation == "NHS Foundation Trust"


def test_placements_follow_their_participant(store: Store):
    session = new_session("Placements")
    session.participants = []
    store_id = store.add_session(session)
    editor = SessionEditor(store, store_id)
    for name in ("", "", "Cara"):
        apply(store, editor.add_participant(name=name))
    ids = [p.id for p in store.load(store_id).participants]
    # Placements as the typology step stores them: by the participant's id.
    with store.database.transaction() as conn:
        for participant_id, cell in zip(ids, ("strategic", "delivery", "commissioning"),
                                        strict=True):
            conn.execute("INSERT INTO placements (session_id, participant_id, horizon, "
                         "collaboration, function) VALUES (?, ?, 'now', 'integration', ?)",
                         (store_id, participant_id, cell))
    swap = apply(store, editor.move_participant(ids[1], 0))  # the anonymous two swap labels
    by = {p.by: p.function for p in store.load(store_id).typology.placements}
    assert by == {"Participant 1": "delivery", "Participant 2": "strategic",
                  "Cara": "commissioning"}
    store.apply(swap.inverse())
    apply(store, editor.update_participant(ids[2], name="Cara Jones"))
    assert {p.by for p in store.load(store_id).typology.placements} == {
        "Participant 1", "Participant 2", "Cara Jones"}
    removal = apply(store, editor.remove_participant(ids[0]))
    assert {p.by: p.function for p in store.load(store_id).typology.placements} == {
        "Participant 1": "delivery", "Cara Jones": "commissioning"}
    store.apply(removal.inverse())
    assert len(store.load(store_id).typology.placements) == 3


def test_title_and_date_rules(store: Store):
    editor = editor_for(store)
    with pytest.raises(EditRefused, match="title"):
        editor.set_detail("title", "  ")
    with pytest.raises(EditRefused, match="YYYY-MM-DD"):
        editor.set_detail("date", "March 14th")
    with pytest.raises(EditRefused):
        editor.set_detail("date", "2026-02-30")
    apply(store, editor.set_detail("date", "14/03/2026"))  # the UK way, stored the ISO way
    assert store.load(editor.session_id).date == "2026-03-14"
    apply(store, editor.set_detail("date", ""))
    assert store.load(editor.session_id).date is None
    apply(store, editor.set_detail("purpose", "  leading spaces\nand a newline "))
    assert store.load(editor.session_id).purpose == "  leading spaces\nand a newline "


def test_copy_for_rerun_keeps_setup_and_clears_results(store: Store):
    from model.demo import demo_session

    copy = copy_for_rerun(demo_session())
    assert copy.title.endswith("(re-run)")
    assert [g.name for g in copy.groups] == [g.name for g in demo_session().groups]
    assert len(copy.participants) == len(demo_session().participants)
    assert all(o.rating is None and o.votes == 0 and not o.notes for o in copy.obstacles)
    assert copy.perception.scores == [] and copy.typology == Typology()
    assert copy.actions == [] and copy.key_questions.in_charge == ""
    store.load(store.add_session(copy))  # and it stores


def test_placement_dataclass_cell():
    assert Placement("A", "now", "integration", "delivery").cell.function == "delivery"


def test_participants_names_are_unique_and_not_an_unnamed_label(store: Store):
    editor = editor_for(store)
    apply(store, editor.add_participant(name="Dafydd"))
    apply(store, editor.add_participant(name=""))
    apply(store, editor.add_participant(name=""))  # two anonymous ones are fine
    with pytest.raises(EditRefused, match="already a participant"):
        editor.add_participant(name="Dafydd")
    second = store.load(editor.session_id).participants[1].id
    with pytest.raises(EditRefused, match="already a participant"):
        editor.update_participant(second, name="Dafydd")
    with pytest.raises(EditRefused, match="unnamed participant"):
        editor.update_participant(second, name="Participant 3")
    first = store.load(editor.session_id).participants[0].id
    apply(store, editor.update_participant(first, name="Dafydd", tier=2))  # its own name
