"""Actions, and the link between an obstacle and its agreed action."""

import pytest

from model import actions
from model.edits import SessionEditor, checked_date
from model.errors import EditRefused
from model.starting_points import new_session


def setup(store):
    session_id = store.add_session(new_session("Actions"))
    return SessionEditor(store, session_id), store.load(session_id)


def test_obstacle_action_appears_in_actions_list_and_undo_removes_it(store):
    editor, session = setup(store)
    obstacle = session.obstacles[0]
    change = actions.set_obstacle_action(editor, obstacle.id, "Agree a vision", "Chair",
                                         "2027-01-31")
    store.apply(change)
    loaded = store.load(editor.session_id)
    assert loaded.obstacles[0].action == "Agree a vision"
    assert [(a.text, a.owner, a.due, a.obstacle_id) for a in loaded.actions] == [
        ("Agree a vision", "Chair", "2027-01-31", obstacle.id)]
    store.apply(change.inverse())
    loaded = store.load(editor.session_id)
    assert loaded.actions == [] and loaded.obstacles[0].action == ""


def test_editing_linked_action_text_updates_the_obstacle(store):
    editor, session = setup(store)
    obstacle_id = session.obstacles[2].id
    store.apply(actions.set_obstacle_action(editor, obstacle_id, "First wording"))
    action_id = store.load(editor.session_id).actions[0].id
    store.apply(actions.update_action(editor, action_id, text="Better wording", status="done"))
    loaded = store.load(editor.session_id)
    assert loaded.obstacles[2].action == "Better wording"
    assert loaded.actions[0].status == "done"


def test_removing_linked_action_clears_the_obstacle_and_undo_restores_both(store):
    editor, session = setup(store)
    obstacle_id = session.obstacles[1].id
    store.apply(actions.set_obstacle_action(editor, obstacle_id, "Do it"))
    action_id = store.load(editor.session_id).actions[0].id
    removal = actions.remove_action(editor, action_id)
    store.apply(removal)
    assert store.load(editor.session_id).obstacles[1].action == ""
    store.apply(removal.inverse())
    loaded = store.load(editor.session_id)
    assert loaded.obstacles[1].action == "Do it"
    assert loaded.actions[0].obstacle_id == obstacle_id


def test_blank_action_drops_the_link(store):
    editor, session = setup(store)
    obstacle_id = session.obstacles[0].id
    store.apply(actions.set_obstacle_action(editor, obstacle_id, "Something"))
    store.apply(actions.set_obstacle_action(editor, obstacle_id, "", ""))
    loaded = store.load(editor.session_id)
    assert loaded.actions == [] and loaded.obstacles[0].action == ""


def test_standalone_actions_add_move_and_bad_due_date_refused(store):
    editor, _ = setup(store)
    store.apply(actions.add_action(editor, text="A"))
    store.apply(actions.add_action(editor, text="B"))
    b = store.load(editor.session_id).actions[1]
    store.apply(actions.move_action(editor, b.id, 0))
    assert [a.text for a in store.load(editor.session_id).actions] == ["B", "A"]
    with pytest.raises(EditRefused):
        actions.update_action(editor, b.id, due="31/02/2027")


@pytest.mark.parametrize(("typed", "stored"), [
    ("2026-03-14", "2026-03-14"), ("14/03/2026", "2026-03-14"), ("3/4/2026", "2026-04-03"),
    ("14.03.2026", "2026-03-14"), (" 14-3-2026 ", "2026-03-14"), (" 2026-03-14 ", "2026-03-14"),
    (None, None)])
def test_a_date_typed_the_uk_way_is_stored_the_iso_way(typed, stored):
    assert checked_date(typed) == stored


@pytest.mark.parametrize("typed", ["31/02/2026", "14/13/2026", "2026-13-40", "03/14/2026",
                                   "next Tuesday", "14/03/26", "14/03.2026"])
def test_what_is_not_a_date_is_refused_with_both_forms_named(typed):
    with pytest.raises(EditRefused, match="YYYY-MM-DD or DD/MM/YYYY"):
        checked_date(typed)


def test_a_uk_due_date_is_saved_as_iso(store):
    session_id = store.add_session(new_session("Dates"))
    editor = SessionEditor(store, session_id)
    store.apply(actions.add_action(editor, text="Write the protocol", due="30/04/2026"))
    assert store.load(session_id).actions[0].due == "2026-04-30"
