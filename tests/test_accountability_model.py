"""Box 2's accountability processes in the core: the items as the seed words them, the
edits (rate, owner, date, add a gap to the actions list), their undo, the store's round
trip, the session file (version 2's optional `accountability` and `steps`, refusals by
path), the CSV, and the steps a session runs."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from model import frameworks, starting_points
from model.actions import remove_action, update_action
from model.csv_export import csv_files
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises import accountability
from model.session import DEFAULT_STEPS, AccountabilityItem, Action, Session
from model.session_file import SessionFileError, session_from_dict, session_to_dict
from model.steps import set_step
from model.store import Store

EXCERPT = Path(__file__).resolve().parent / "seed_excerpts" / "003_65e52aae779c7856.txt"


@pytest.fixture
def editor(store: Store) -> SessionEditor:
    return SessionEditor(store, store.add_session(starting_points.new_session()))


def apply(editor: SessionEditor, changeset):
    editor.store.apply(changeset)
    return changeset


def load(editor: SessionEditor) -> Session:
    return editor.store.load(editor.session_id)


def test_the_five_items_are_box_2_word_for_word() -> None:
    text = EXCERPT.read_text(encoding="utf-8")
    box = text[text.index("### Box 2"):].split("@@")[0]
    seed_items = [re.sub(r"(; and|;|\.)$", "", line[2:]) for line in box.splitlines()
                  if line.startswith("- ")]
    assert frameworks.accountability_processes() == seed_items
    assert len(seed_items) == 5
    assert frameworks.seed_of("box2") == EXCERPT.name


def test_the_rating_scale_says_it_is_the_apps_own() -> None:
    sentence = frameworks.own_choice("accountability")
    assert "the app's own" in sentence and "Box 2" in sentence
    text = EXCERPT.read_text(encoding="utf-8").casefold()
    box = text[text.index("### box 2"):].split("@@")[0]
    assert "partly" not in box  # Box 2 gives no scale: the labels are not its words
    assert [frameworks.accountability_rating_label(k) for k in ("in-place", "partly",
                                                                  "absent", None)] \
        == ["in place", "partly", "absent", "not rated"]


def test_a_new_session_has_the_five_items_unrated_and_box_2_off(editor) -> None:
    session = load(editor)
    assert session.accountability == []  # nothing stored until the first edit
    assert [i.text for i in accountability.items(session)] == \
        frameworks.accountability_processes()
    assert session.steps == list(DEFAULT_STEPS)
    assert not session.step_on("accountability") and session.step_on("summary")


def test_the_first_edit_stores_all_five_and_its_undo_removes_them(editor) -> None:
    first = apply(editor, accountability.rate(editor, 2, "absent"))
    session = load(editor)
    assert [i.rating for i in session.accountability] == [None, None, "absent", None, None]
    assert [i.text for i in session.accountability] == frameworks.accountability_processes()
    apply(editor, first.inverse())
    assert load(editor).accountability == []
    apply(editor, first)
    assert load(editor).accountability[2].rating == "absent"


def test_rate_owner_and_date_typed_the_uk_way(editor) -> None:
    apply(editor, accountability.rate(editor, 0, "partly"))
    apply(editor, accountability.set_owner(editor, 0, "Board chair"))
    change = apply(editor, accountability.set_due(editor, 0, "14/03/2026"))
    item = load(editor).accountability[0]
    assert (item.rating, item.owner, item.due) == ("partly", "Board chair", "2026-03-14")
    apply(editor, change.inverse())
    assert load(editor).accountability[0].due is None
    with pytest.raises(EditRefused, match="not a date"):
        accountability.set_due(editor, 0, "31/02/2026")
    with pytest.raises(EditRefused, match="in place, partly or absent"):
        accountability.rate(editor, 0, "maybe")
    apply(editor, accountability.rate(editor, 0, None))
    assert load(editor).accountability[0].rating is None


def test_a_gap_goes_to_the_actions_list_linked_and_once(editor) -> None:
    with pytest.raises(EditRefused, match="Only a gap"):
        accountability.add_to_actions(editor, 1)
    apply(editor, accountability.rate(editor, 1, "absent"))
    apply(editor, accountability.set_owner(editor, 1, "Clerk"))
    apply(editor, accountability.set_due(editor, 1, "2026-05-01"))
    apply(editor, accountability.add_to_actions(editor, 1))
    session = load(editor)
    [action] = session.actions
    item = session.accountability[1]
    assert action.text == f"Put in place (Box 2): {item.text}" == item.action
    assert (action.owner, action.due, action.accountability_id) == ("Clerk", "2026-05-01",
                                                                    item.id)
    with pytest.raises(EditRefused, match="already in the actions list"):
        accountability.add_to_actions(editor, 1)
    # Editing the action's text keeps the item's link text in step; removing it unlinks.
    apply(editor, update_action(editor, action.id, text="Agree a terms of reference"))
    assert load(editor).accountability[1].action == "Agree a terms of reference"
    removed = apply(editor, remove_action(editor, action.id))
    assert load(editor).accountability[1].action == ""
    apply(editor, removed.inverse())
    assert load(editor).actions[0].accountability_id == item.id
    assert load(editor).accountability[1].action == "Agree a terms of reference"


def test_adding_a_gap_before_any_edit_is_one_undo_step(store: Store) -> None:
    session = starting_points.new_session()
    session.accountability = [AccountabilityItem(t, rating="partly")
                              for t in frameworks.accountability_processes()]
    editor = SessionEditor(store, store.add_session(session))
    added = apply(editor, accountability.add_to_actions(editor, 4))
    assert load(editor).actions[0].text.startswith("Put fully in place (Box 2): risk")
    apply(editor, added.inverse())
    assert load(editor).actions == [] and load(editor).accountability[4].action == ""


def test_steps_turn_on_and_off_and_undo(editor) -> None:
    on = apply(editor, set_step(editor, "accountability", True))
    assert load(editor).steps == ["obstacles", "typology", "perception", "accountability"]
    apply(editor, set_step(editor, "typology", False))
    assert load(editor).steps == ["obstacles", "perception", "accountability"]
    assert not load(editor).step_on("typology")
    apply(editor, set_step(editor, "typology", True))
    apply(editor, on.inverse())
    assert load(editor).steps == list(DEFAULT_STEPS)
    with pytest.raises(EditRefused, match="always run"):
        set_step(editor, "summary", False)


def _filled(store: Store) -> Session:
    session = starting_points.new_session("Box 2 test")
    session.accountability = accountability.fresh_items()
    session.accountability[0].rating = "in-place"
    session.accountability[3] = AccountabilityItem(
        session.accountability[3].text, rating="absent", owner="=Chair", due="2026-04-01",
        action="Choose a project system")
    session.actions = [Action("Choose a project system", "Chair", "2026-04-01")]
    session.steps = ["perception", "accountability"]
    return session


def test_store_and_session_file_round_trip(store: Store) -> None:
    session_id = store.add_session(_filled(store))
    loaded = store.load(session_id)
    assert loaded.steps == ["perception", "accountability"]
    assert loaded.actions[0].accountability_id == loaded.accountability[3].id
    data = session_to_dict(loaded)
    assert data["version"] == 2
    assert data["session"]["steps"] == ["perception", "accountability"]
    assert data["session"]["accountability"][3] == {
        "text": frameworks.accountability_processes()[3], "library": "box2",
        "rating": "absent", "owner": "=Chair", "due": "2026-04-01",
        "action": "Choose a project system"}
    again = store.load(store.add_session(session_from_dict(data)))
    assert session_to_dict(again) == data
    assert again.actions[0].accountability_id == again.accountability[3].id


def test_a_session_without_box_2_or_own_steps_still_writes_version_1(editor) -> None:
    data = session_to_dict(load(editor))
    assert data["version"] == 1
    assert "accountability" not in data["session"] and "steps" not in data["session"]
    # A version 2 file without the new fields imports with the defaults.
    data["version"] = 2
    session = session_from_dict(data)
    assert session.accountability == [] and session.steps == list(DEFAULT_STEPS)
    # In a version 1 file the fields are unknown, and ignored.
    data["version"] = 1
    data["session"]["steps"] = ["accountability"]
    assert session_from_dict(data).steps == list(DEFAULT_STEPS)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("steps", "obstacles", "session.steps: \"obstacles\" is not a list"),
    ("steps", ["summary"], "session.steps[0]: \"summary\" is not"),
    ("steps", ["perception", "perception"], "session.steps[1]: \"perception\" is listed twice"),
    ("accountability", [{"text": ""}], "session.accountability[0].text: must not be blank"),
    ("accountability", [{"text": "x", "rating": 2}], "session.accountability[0].rating: 2 is not"),
    ("accountability", [{"text": "x", "due": "14/03/2026"}],
     "session.accountability[0].due: \"14/03/2026\" is not a date"),
    ("accountability", [{"text": "x", "library": "box1"}],
     "session.accountability[0].library: \"box1\" is not"),
    ("accountability", {"text": "x"}, "session.accountability: {\"text\": \"x\"} is not a list"),
    ("accountability", [{"text": "x"}] * 101, "session.accountability: 101 items"),
])
def test_refusals_name_the_field(field, value, message) -> None:
    data = {"format": "partnership-workshop-session", "version": 2,
            "session": {"title": "T", field: value}}
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(data)
    assert str(caught.value).startswith(message), str(caught.value)


def test_csv_has_the_items_and_links(store: Store) -> None:
    loaded = store.load(store.add_session(_filled(store)))
    files = csv_files(loaded)
    rows = list(csv.DictReader(io.StringIO(files["accountability.csv"].decode("utf-8-sig"))))
    assert len(rows) == 5 * 4
    fourth = {r["measure"]: r["value"] for r in rows if r["item_number"] == "4"}
    assert fourth == {"rating": "absent", "owner": "'=Chair", "due": "2026-04-01",
                      "action": "Choose a project system"}
    actions = list(csv.DictReader(io.StringIO(files["actions.csv"].decode("utf-8-sig"))))
    assert actions[0]["accountability_item"] == frameworks.accountability_processes()[3]
    session_row = next(csv.DictReader(io.StringIO(files["session.csv"].decode("utf-8-sig"))))
    assert session_row["steps"] == "perception accountability"
