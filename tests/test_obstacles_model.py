"""The obstacles checklist without a screen: ranking, counts, and the exercise's edits."""

from __future__ import annotations

import pytest

from model import frameworks
from model.actions import set_obstacle_action
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises import obstacles
from model.session import Obstacle
from model.starting_points import new_session


def ob(text: str, rating: int | None = None, votes: int = 0, hidden: bool = False,
       factor: str | None = None) -> Obstacle:
    return Obstacle(text, "custom", factor, rating, votes, hidden=hidden)


def texts(items: list[Obstacle]) -> list[str]:
    return [o.text for o in items]


# --- pure ranking ---------------------------------------------------------------------

def test_priority_order_by_rating_then_votes_then_list_order():
    items = [ob("minor", 1), ob("none", 0, votes=9), ob("crit few", 3, 1),
             ob("unrated", None, 2), ob("crit many", 3, 4), ob("sig", 2),
             ob("crit few too", 3, 1), ob("unrated voted", None, 5), ob("unrated 2")]
    assert texts(obstacles.priority_order(items)) == [
        "crit many", "crit few", "crit few too", "sig", "minor", "none",
        "unrated voted", "unrated", "unrated 2"]


def test_priority_order_leaves_out_hidden_and_keeps_ties_in_list_order():
    items = [ob("a", 2, 1), ob("hidden", 3, 9, hidden=True), ob("b", 2, 1), ob("c", 2, 1)]
    assert texts(obstacles.priority_order(items)) == ["a", "b", "c"]
    assert obstacles.priority_order([]) == []


def test_rating_counts_always_has_all_five_keys_and_ignores_hidden():
    assert obstacles.rating_counts([]) == {3: 0, 2: 0, 1: 0, 0: 0, None: 0}
    items = [ob("a", 3), ob("b", 3), ob("c", 0), ob("d"), ob("e", 1, hidden=True)]
    assert obstacles.rating_counts(items) == {3: 2, 2: 0, 1: 0, 0: 1, None: 1}


def test_top_priorities_never_include_not_an_issue_or_unrated():
    items = [ob("none", 0, 10), ob("unrated", None, 10), ob("minor", 1),
             ob("sig", 2, 1), ob("sig more", 2, 3), ob("hidden crit", 3, hidden=True)]
    assert texts(obstacles.top_priorities(items)) == ["sig more", "sig", "minor"]
    assert texts(obstacles.top_priorities(items, n=1)) == ["sig more"]
    assert obstacles.top_priorities([ob("none", 0), ob("unrated")]) == []


def test_total_votes_counts_visible_obstacles():
    assert obstacles.total_votes([ob("a", votes=2), ob("b", votes=3),
                                  ob("c", votes=7, hidden=True)]) == 5


def test_by_factor_groups_in_the_seeds_order_with_no_factor_last():
    items = [ob("p", factor="performance"), ob("none"), ob("j", factor="justification"),
             ob("p2", factor="performance"), ob("hidden", factor="governance", hidden=True)]
    assert [(f, texts(g)) for f, g in obstacles.by_factor(items)] == [
        ("justification", ["j"]), ("performance", ["p", "p2"]), (None, ["none"])]


def test_rating_text_says_the_number_and_the_words():
    assert [obstacles.rating_text(r) for r in (None, 0, 1, 2, 3)] == [
        "not rated", "0 not an issue", "1 minor", "2 significant", "3 critical"]


# --- edits ----------------------------------------------------------------------------

@pytest.fixture
def editor(store):
    return SessionEditor(store, store.add_session(new_session("Obstacles")))


def apply(editor: SessionEditor, changeset):
    editor.store.apply(changeset)
    return editor.store.load(editor.session_id)


def test_rate_and_clear_and_undo(editor):
    first = editor.store.load(editor.session_id).obstacles[0]
    change = obstacles.rate(editor, first.id, 3)
    assert "3 critical" in change.label
    assert apply(editor, change).obstacles[0].rating == 3
    assert apply(editor, obstacles.rate(editor, first.id, None)).obstacles[0].rating is None
    with pytest.raises(EditRefused):
        obstacles.rate(editor, first.id, 4)


def test_votes_never_go_below_zero(editor):
    first = editor.store.load(editor.session_id).obstacles[0]
    assert not obstacles.remove_vote(editor, first.id)
    apply(editor, obstacles.add_vote(editor, first.id))
    assert apply(editor, obstacles.add_vote(editor, first.id)).obstacles[0].votes == 2
    apply(editor, obstacles.remove_vote(editor, first.id))
    assert apply(editor, obstacles.remove_vote(editor, first.id)).obstacles[0].votes == 0
    assert not obstacles.remove_vote(editor, first.id)


def test_notes_merge_key_is_per_obstacle(editor):
    a, b = editor.store.load(editor.session_id).obstacles[:2]
    first, second = obstacles.set_notes(editor, a.id, "x"), obstacles.set_notes(editor, a.id, "y")
    assert first.merge_key == second.merge_key != obstacles.set_notes(editor, b.id, "x").merge_key


def test_custom_obstacle_added_reworded_and_removed(editor):
    session = apply(editor, obstacles.add_custom_obstacle(editor, "No shared data", "performance",
                                                          index=1))
    custom = session.obstacles[1]
    assert (custom.text, custom.library, custom.factor) == ("No shared data", "custom",
                                                           "performance")
    session = apply(editor, obstacles.edit_obstacle_text(editor, custom.id,
                                                         "No shared data, ¿ & <"))
    assert session.obstacles[1].text == "No shared data, ¿ & <"
    with pytest.raises(EditRefused):
        obstacles.edit_obstacle_text(editor, custom.id, "   ")
    with pytest.raises(EditRefused):
        obstacles.add_custom_obstacle(editor, "")
    with pytest.raises(EditRefused):  # already on the list
        obstacles.add_custom_obstacle(editor, session.obstacles[0].text)
    with pytest.raises(EditRefused):
        obstacles.add_custom_obstacle(editor, "Bad factor", "money")
    session = apply(editor, obstacles.remove(editor, custom.id))
    assert len(session.obstacles) == 11 and all(o.library == "box1" for o in session.obstacles)


def test_library_wording_cannot_be_edited_and_removing_hides(editor):
    first = editor.store.load(editor.session_id).obstacles[0]
    with pytest.raises(EditRefused, match="cannot be changed"):
        obstacles.edit_obstacle_text(editor, first.id, "something else")
    session = apply(editor, obstacles.remove(editor, first.id))
    assert session.obstacles[0].hidden and len(session.obstacles) == 11
    assert len(session.visible_obstacles()) == 10
    assert not apply(editor, obstacles.show(editor, first.id)).obstacles[0].hidden
    with pytest.raises(EditRefused):
        obstacles.hide(editor, apply(editor, obstacles.add_custom_obstacle(editor, "Own"))
                       .obstacles[-1].id)


def test_removing_own_obstacle_keeps_its_action_in_the_list_and_undo_relinks(editor):
    session = apply(editor, obstacles.add_custom_obstacle(editor, "Own"))
    own = session.obstacles[-1]
    apply(editor, set_obstacle_action(editor, own.id, "Fix it", "Chair"))
    removal = obstacles.remove(editor, own.id)
    session = apply(editor, removal)
    assert [(a.text, a.obstacle_id) for a in session.actions] == [("Fix it", None)]
    session = apply(editor, removal.inverse())
    assert session.actions[0].obstacle_id == own.id and session.obstacles[-1].action == "Fix it"


def test_factor_set_and_cleared(editor):
    first = editor.store.load(editor.session_id).obstacles[0]
    assert apply(editor, obstacles.set_factor(editor, first.id, "performance")) \
        .obstacles[0].factor == "performance"
    assert apply(editor, obstacles.set_factor(editor, first.id, None)).obstacles[0].factor is None
    with pytest.raises(EditRefused):
        obstacles.set_factor(editor, first.id, "vision")


def test_move_counts_visible_obstacles_only(editor):
    session = editor.store.load(editor.session_id)
    ids = [o.id for o in session.obstacles]
    apply(editor, obstacles.hide(editor, ids[1]))
    session = apply(editor, obstacles.move(editor, ids[2], 0))  # third shown first
    assert [o.id for o in session.visible_obstacles()][:3] == [ids[2], ids[0], ids[3]]
    session = apply(editor, obstacles.move(editor, ids[2], 99))
    assert session.visible_obstacles()[-1].id == ids[2]
    assert session.obstacles[-1].id == ids[2]


def test_difficulties_library_added_once_and_undone_as_one(editor):
    change = obstacles.add_library(editor, "difficulties")
    session = apply(editor, change)
    difficulties = frameworks.library_obstacles("difficulties")
    assert [o.text for o in session.obstacles[11:]] == [d.text for d in difficulties]
    assert {o.library for o in session.obstacles[11:]} == {"difficulties"}
    assert len({o.id for o in session.obstacles}) == 21
    with pytest.raises(EditRefused, match="already on the list"):
        obstacles.add_library(editor, "difficulties")
    session = apply(editor, change.inverse())
    assert len(session.obstacles) == 11
    # redo after undo gives the same rows back
    assert len(apply(editor, change).obstacles) == 21


def test_library_skips_texts_already_there_and_reshows_hidden_ones(editor):
    difficulties = frameworks.library_obstacles("difficulties")
    apply(editor, obstacles.add_custom_obstacle(editor, difficulties[4].text, "governance"))
    apply(editor, obstacles.add_library(editor, "difficulties"))
    session = editor.store.load(editor.session_id)
    hidden = next(o for o in session.obstacles if o.text == difficulties[0].text)
    apply(editor, obstacles.hide(editor, hidden.id))
    apply(editor, obstacles.hide(editor, session.obstacles[0].id))
    change = obstacles.add_library(editor, "difficulties")
    assert "1 shown again" in change.label
    session = apply(editor, change)
    assert [o.text for o in session.obstacles].count(difficulties[4].text) == 1
    assert len(session.obstacles) == 11 + 1 + 9
    # Box 1 comes back the same way
    session = apply(editor, obstacles.add_library(editor, "box1"))
    assert not any(o.hidden for o in session.obstacles) and len(session.obstacles) == 21


def test_box1_restored_after_an_import_that_dropped_it(store):
    session = new_session("Without box 1")
    session.obstacles = session.obstacles[3:5]
    editor = SessionEditor(store, store.add_session(session))
    loaded = apply(editor, obstacles.add_library(editor, "box1"))
    assert sorted(o.text for o in loaded.obstacles) == sorted(
        o.text for o in frameworks.library_obstacles("box1"))
