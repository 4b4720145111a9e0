"""Session file version 2 (docs/session-file-v2.md): version 1 plus the room's answers.

A session with no room data is still written as version 1, exactly as before; one with
room data round-trips through export, import and export; every rule the room enforces
is enforced on import, naming the field, with nothing imported."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from model.document import SessionDocument
from model.exercises import obstacles as obstacle_edits
from model.room import DOT_VOTES
from model.room import answers as room
from model.session_file import (
    MAX_ITEMS,
    SessionFileError,
    read_session_file,
    session_from_dict,
    session_to_dict,
    write_session_file,
)
from model.starting_points import copy_for_rerun
from model.store import Store
from tests.room_support import answer, join
from tests.test_session_file import FULL, dumps


def fill_room(doc: SessionDocument) -> None:
    """Answers of every kind: a named participant by phone (with a token), one entered
    from a paper card, an anonymous member of a group, and one who answered nothing."""
    s = doc.session
    rows, obstacles = s.perception.rows, s.obstacles
    chair = join(doc, participant_id=s.participants[0].id, token_hash="secret-hash-1")
    card = join(doc, participant_id=s.participants[3].id, via="laptop")
    member = join(doc, group_id=s.groups[2].id, token_hash="secret-hash-2")
    join(doc, group_id=s.groups[0].id, token_hash="secret-hash-3")
    answer(doc, chair, "perception", rows[0].id, "4")
    answer(doc, chair, "perception", rows[2].id, "1")
    answer(doc, chair, "obstacles", f"rating:{obstacles[1].id}", "2")
    answer(doc, chair, "obstacles", f"votes:{obstacles[1].id}", "2")
    answer(doc, chair, "obstacles", f"votes:{obstacles[4].id}", "1")
    answer(doc, chair, "typology", "now", "co-ordination/strategic")
    answer(doc, card, "typology", "needed", "integration/delivery")
    answer(doc, card, "perception", rows[0].id, "5")
    answer(doc, member, "obstacles", f"rating:{obstacles[0].id}", "0")
    answer(doc, member, "perception", rows[1].id, "3")
    doc.commit(lambda e: room.set_anonymity_floor(e, 2))


@pytest.fixture
def answered(doc: SessionDocument) -> SessionDocument:
    fill_room(doc)
    return doc


def exported(store: Store, session_id: str) -> dict[str, Any]:
    return session_to_dict(store.load(session_id))


# --- writing -------------------------------------------------------------------------------


def test_a_session_without_room_data_is_written_as_version_1_exactly_as_before(
        plain_doc: SessionDocument) -> None:
    data = exported(plain_doc.store, plain_doc.session_id)
    assert data["version"] == 1 and "room" not in data["session"]
    assert list(data["session"])[-1] == "actions"
    plain = session_from_dict(copy.deepcopy(FULL))
    assert dumps(session_to_dict(plain)) == dumps(FULL)


def test_a_floor_changed_alone_makes_version_2(plain_doc: SessionDocument) -> None:
    plain_doc.commit(lambda e: room.set_anonymity_floor(e, 5))
    data = exported(plain_doc.store, plain_doc.session_id)
    assert data["version"] == 2
    assert data["session"]["room"] == {"anonymity_floor": 5, "respondents": []}


def test_room_answers_are_written_by_name_and_index(answered: SessionDocument) -> None:
    s = answered.session
    data = exported(answered.store, answered.session_id)
    assert data["version"] == 2
    keys = list(data["session"])
    assert keys[keys.index("actions") + 1] == "room"  # the room follows the actions
    got = data["session"]["room"]
    rows = [r.label for r in s.perception.rows]
    assert got["anonymity_floor"] == 2
    assert got["respondents"] == [
        {"participant": s.participants[0].name, "participant_index": 0,
         "group": s.participants[0].group, "via": "phone", "answers": [
             {"exercise": "perception", "row": rows[0], "score": 4},
             {"exercise": "perception", "row": rows[2], "score": 1},
             {"exercise": "obstacles", "obstacle": 1, "rating": 2},
             {"exercise": "obstacles", "obstacle": 1, "votes": 2},
             {"exercise": "obstacles", "obstacle": 4, "votes": 1},
             {"exercise": "typology", "horizon": "now", "collaboration": "co-ordination",
              "function": "strategic"}]},
        {"participant": s.participants[3].name, "participant_index": 3,
         "group": s.participants[3].group, "via": "laptop", "answers": [
             {"exercise": "typology", "horizon": "needed", "collaboration": "integration",
              "function": "delivery"},
             {"exercise": "perception", "row": rows[0], "score": 5}]},
        {"participant": "", "participant_index": None, "group": s.groups[2].name,
         "via": "phone", "answers": [
             {"exercise": "obstacles", "obstacle": 0, "rating": 0},
             {"exercise": "perception", "row": rows[1], "score": 3}]},
        {"participant": "", "participant_index": None, "group": s.groups[0].name,
         "via": "phone", "answers": []},
    ]


def test_no_token_hash_travels(answered: SessionDocument, tmp_path: Path) -> None:
    out = tmp_path / "room.json"
    write_session_file(answered.store.load(answered.session_id), out)
    text = out.read_text(encoding="utf-8")
    assert "secret-hash" not in text and "token" not in text and "joined" not in text


def test_answers_to_a_hidden_obstacle_are_not_written(answered: SessionDocument) -> None:
    s = answered.session
    answered.commit(lambda e: obstacle_edits.hide(e, s.obstacles[1].id))
    data = exported(answered.store, answered.session_id)
    assert [o["text"] for o in data["session"]["obstacles"]] == \
        [o.text for i, o in enumerate(s.obstacles) if i != 1]
    chair = data["session"]["room"]["respondents"][0]["answers"]
    # Obstacle 1's rating and votes are gone; obstacle 4 is now the file's obstacle 3.
    assert [a for a in chair if a["exercise"] == "obstacles"] == \
        [{"exercise": "obstacles", "obstacle": 3, "votes": 1}]
    again = session_to_dict(session_from_dict(copy.deepcopy(data)))
    assert again == data


def test_a_respondent_whose_participant_was_removed_stays_a_member_of_their_group(
        answered: SessionDocument) -> None:
    s = answered.session
    chair = s.participants[0]
    answered.commit(lambda e: e.remove_participant(chair.id))
    respondent = exported(answered.store, answered.session_id)["session"]["room"][
        "respondents"][0]
    assert (respondent["participant"], respondent["participant_index"],
            respondent["group"]) == ("", None, chair.group)
    assert len(respondent["answers"]) == 6


def test_answers_to_a_removed_row_are_not_written(answered: SessionDocument) -> None:
    from model.exercises import perception

    row = answered.session.perception.rows[0]
    answered.commit(lambda e: perception.remove_row(e, row.id))
    data = exported(answered.store, answered.session_id)
    answers = [a for r in data["session"]["room"]["respondents"] for a in r["answers"]]
    assert all(a.get("row") != row.label for a in answers)
    assert session_to_dict(session_from_dict(copy.deepcopy(data))) == data


# --- round trip ------------------------------------------------------------------------------


def test_round_trip_export_import_export_gives_the_same_file(
        answered: SessionDocument, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    write_session_file(answered.store.load(answered.session_id), first)
    imported = answered.store.add_session(read_session_file(first))
    write_session_file(answered.store.load(imported), second)
    assert second.read_bytes() == first.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8"))["version"] == 2


def test_imported_room_refers_to_the_new_rows_with_no_tokens(
        answered: SessionDocument) -> None:
    store = answered.store
    data = exported(store, answered.session_id)
    new_id = store.add_session(session_from_dict(copy.deepcopy(data)))
    new = store.load(new_id)
    respondents = store.rows("respondents", new_id)
    assert [r["token_hash"] for r in respondents] == [None] * 4
    assert all(r["joined_at"] for r in respondents)
    assert [r.participant_id for r in new.room.respondents] == \
        [new.participants[0].id, new.participants[3].id, None, None]
    group_ids = {g.name: g.id for g in new.groups}
    assert [r.group_id for r in new.room.respondents] == \
        [group_ids[new.participants[0].group], group_ids[new.participants[3].group],
         new.groups[2].id, new.groups[0].id]
    own = {r.id for r in new.room.respondents}
    rows = {str(r.id) for r in new.perception.rows}
    obstacles = {o.id for o in new.obstacles}
    for response in new.room.responses:
        assert response.respondent_id in own
        if response.exercise == "perception":
            assert response.item in rows
        elif response.exercise == "obstacles":
            assert int(response.item.partition(":")[2]) in obstacles
    assert new.room.anonymity_floor == 2
    # The results the room shows are the same in the imported session.
    from model.room import results

    old = store.load(answered.session_id)
    assert sorted(results.perception(new).values(), key=repr) == \
        sorted(results.perception(old).values(), key=repr)


def test_a_version_1_file_with_a_room_field_ignores_it() -> None:
    data = copy.deepcopy(FULL)
    data["session"]["room"] = {"anonymity_floor": 7, "respondents": "anything"}
    session = session_from_dict(data)
    assert session.room.respondents == [] and session.room.anonymity_floor == 3
    assert session_to_dict(session) == FULL


def test_a_version_2_file_without_a_room_is_read_and_written_as_version_1() -> None:
    data = copy.deepcopy(FULL)
    data["version"] = 2
    assert session_to_dict(session_from_dict(data)) == FULL


def test_missing_room_fields_take_defaults() -> None:
    data = v2({"respondents": [{"answers": [{"exercise": "typology", "horizon": "now",
                                              "collaboration": "integration",
                                              "function": "delivery"}]}, {}]})
    got = session_to_dict(session_from_dict(data))["session"]["room"]
    assert got == {"anonymity_floor": 3, "respondents": [
        {"participant": "", "participant_index": None, "group": "", "via": "phone",
         "answers": [{"exercise": "typology", "horizon": "now",
                      "collaboration": "integration", "function": "delivery"}]},
        {"participant": "", "participant_index": None, "group": "", "via": "phone",
         "answers": []}]}


def test_duplicate_for_a_rerun_copies_no_room(answered: SessionDocument) -> None:
    store = answered.store
    copy_id = store.add_session(copy_for_rerun(store.load(answered.session_id)))
    assert store.rows("respondents", copy_id) == []
    assert store.rows("responses", copy_id) == []
    assert exported(store, copy_id)["version"] == 1


def test_a_stored_session_added_again_brings_its_room(answered: SessionDocument) -> None:
    store = answered.store
    again = store.add_session(store.load(answered.session_id))
    assert exported(store, again) == exported(store, answered.session_id)


# --- refusals --------------------------------------------------------------------------------


def v2(room_data: dict[str, Any]) -> dict[str, Any]:
    """FULL as version 2 with `room_data` as its room."""
    data = copy.deepcopy(FULL)
    data["version"] = 2
    data["session"]["room"] = room_data
    return data


def valid_room() -> dict[str, Any]:
    return {"anonymity_floor": 3, "respondents": [
        {"participant": "Bob", "participant_index": 1, "group": "Officers", "via": "phone",
         "answers": [{"exercise": "perception", "row": "Housing", "score": 4},
                     {"exercise": "obstacles", "obstacle": 0, "rating": 3}]},
        {"participant": "", "participant_index": None, "group": "Residents", "via": "laptop",
         "answers": [{"exercise": "obstacles", "obstacle": 2, "votes": 1},
                     {"exercise": "obstacles", "obstacle": 3, "votes": 1},
                     {"exercise": "typology", "horizon": "now",
                      "collaboration": "co-operation", "function": "strategic"}]},
        {"participant": "", "participant_index": 0, "group": "", "via": "phone",
         "answers": []},
    ]}


def test_the_valid_room_round_trips() -> None:
    data = v2(valid_room())
    assert dumps(session_to_dict(session_from_dict(copy.deepcopy(data)))) == dumps(data)


R = "session.room.respondents"


@pytest.mark.parametrize("path, value, message", [
    (("anonymity_floor",), 0, "session.room.anonymity_floor: 0 is not 1-99"),
    (("anonymity_floor",), "3", 'session.room.anonymity_floor: "3" is not 1-99'),
    (("respondents",), {}, "session.room.respondents: {} is not a list"),
    (("respondents", 0), "Bob", f'{R}[0]: "Bob" is not an object'),
    (("respondents", 0, "answers", 0, "score"), 7, f"{R}[0].answers[0].score: 7 is not 1-5"),
    (("respondents", 0, "answers", 0, "score"), "4",
     f'{R}[0].answers[0].score: "4" is not 1-5'),
    (("respondents", 0, "answers", 0, "row"), "Nowhere",
     f'{R}[0].answers[0].row: "Nowhere" is not the label of a row in '
     "session.perception.rows"),
    (("respondents", 0, "answers", 1, "rating"), 4, f"{R}[0].answers[1].rating: 4 is not 0-3"),
    (("respondents", 0, "answers", 1, "obstacle"), 4,
     f"{R}[0].answers[1].obstacle: 4 is not the index of an obstacle in session.obstacles"),
    (("respondents", 0, "answers", 1, "obstacle"), -1,
     f"{R}[0].answers[1].obstacle: -1 is not the index of an obstacle in session.obstacles"),
    (("respondents", 0, "answers", 1, "obstacle"), "0",
     f'{R}[0].answers[1].obstacle: "0" is not the index of an obstacle in '
     "session.obstacles"),
    (("respondents", 0, "answers", 1, "exercise"), "quiz",
     f'{R}[0].answers[1].exercise: "quiz" is not perception, obstacles or typology'),
    (("respondents", 1, "answers", 0, "votes"), 0, f"{R}[1].answers[0].votes: 0 is not 1-3"),
    (("respondents", 1, "answers", 1, "votes"), 3,
     f"{R}[1].answers[1].votes: 3 more dot votes make 4, more than the 3 each "
     "respondent has"),
    (("respondents", 1, "answers", 2, "horizon"), "later",
     f'{R}[1].answers[2].horizon: "later" is not now or needed'),
    (("respondents", 1, "answers", 2, "collaboration"), "merger",
     f'{R}[1].answers[2].collaboration: "merger" is not co-operation, co-ordination or '
     "integration"),
    (("respondents", 1, "answers", 2, "function"), None,
     f"{R}[1].answers[2].function: null is not strategic, commissioning or delivery"),
    (("respondents", 1, "via"), "email", f'{R}[1].via: "email" is not phone or laptop'),
    (("respondents", 1, "group"), "Nobody",
     f'{R}[1].group: "Nobody" is not the name of a group in session.groups'),
    (("respondents", 0, "participant_index"), 4,
     f"{R}[0].participant_index: 4 is not the index of a participant in "
     "session.participants, or null"),
    (("respondents", 0, "participant_index"), True,
     f"{R}[0].participant_index: true is not the index of a participant in "
     "session.participants, or null"),
    (("respondents", 0, "participant_index"), 2,
     f'{R}[0].participant: "Bob" is not the name of session.participants[2] ("Cath")'),
    (("respondents", 1, "participant"), "Bob",
     f'{R}[1].participant: "Bob" is not the name of anyone: participant_index is null'),
    (("respondents", 2, "participant_index"), 1,
     f"{R}[2].participant_index: a second respondent answering as "
     f"session.participants[1] (the first is {R}[0].participant_index)"),
])
def test_a_broken_room_rule_is_refused_naming_the_field(path: tuple, value: object,
                                                         message: str) -> None:
    data = v2(valid_room())
    parent: Any = data["session"]["room"]
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(data)
    assert str(caught.value) == message


@pytest.mark.parametrize("answer, message", [
    ({"exercise": "perception", "row": "Housing", "score": 2},
     f"{R}[0].answers[2]: a second answer to row \"Housing\" (the first is "
     f"{R}[0].answers[0])"),
    ({"exercise": "obstacles", "obstacle": 0, "rating": 1},
     f"{R}[0].answers[2]: a second answer to the rating of obstacle 0 (the first is "
     f"{R}[0].answers[1])"),
    ({"exercise": "obstacles", "obstacle": 0, "rating": 1, "votes": 1},
     f"{R}[0].answers[2]: has both a rating and votes: one answer is one of them"),
    ({"exercise": "obstacles", "obstacle": 0},
     f"{R}[0].answers[2]: has neither a rating nor votes"),
    ({"exercise": "perception", "score": 2},
     f"{R}[0].answers[2].row: missing (required)"),
])
def test_a_bad_extra_answer_is_refused(answer: dict, message: str) -> None:
    data = v2(valid_room())
    data["session"]["room"]["respondents"][0]["answers"].append(answer)
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(data)
    assert str(caught.value) == message


def test_a_second_typology_answer_for_one_horizon_is_refused() -> None:
    data = v2(valid_room())
    answers = data["session"]["room"]["respondents"][1]["answers"]
    answers.append(dict(answers[2], collaboration="integration"))
    with pytest.raises(SessionFileError, match=r"answers\[3\]: a second answer to the "
                                               r'typology for "now"'):
        session_from_dict(data)


def test_dot_votes_within_the_allowance_are_accepted() -> None:
    data = v2(valid_room())
    data["session"]["room"]["respondents"][1]["answers"][1]["votes"] = DOT_VOTES - 1
    session_from_dict(data)


def test_caps_on_respondents_and_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MAX_ITEMS, "respondents", 2)
    with pytest.raises(SessionFileError, match=r"^session\.room\.respondents: 3 items, "
                                               "more than the 2 a session file may hold"):
        session_from_dict(v2(valid_room()))
    monkeypatch.setitem(MAX_ITEMS, "respondents", 3)
    monkeypatch.setitem(MAX_ITEMS, "answers", 2)
    with pytest.raises(SessionFileError, match=r"^session\.room\.respondents\[1\]\.answers: "
                                               "3 items, more than the 2"):
        session_from_dict(v2(valid_room()))
    monkeypatch.setitem(MAX_ITEMS, "answers", 3)
    monkeypatch.setattr("model.session_file.MAX_ANSWERS", 4)
    with pytest.raises(SessionFileError, match=r"^session\.room\.respondents\[1\]\.answers"
                                               r"\[2\]: more than the 4 answers"):
        session_from_dict(v2(valid_room()))


def test_version_3_is_refused_as_newer() -> None:
    data = v2(valid_room())
    data["version"] = 3
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(data)
    assert str(caught.value) == (
        "made by a newer version of Partnership Workshop (file version 3, this app reads "
        "versions 1 and 2); update the app to import it")


def test_a_refused_file_imports_nothing(store: Store, tmp_path: Path) -> None:
    data = v2(valid_room())
    data["session"]["room"]["respondents"][1]["answers"][0]["votes"] = 9
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionFileError, match=r"answers\[0\]\.votes: 9 is not 1-3"):
        read_session_file(bad)
    assert store.list_sessions() == []


# --- the command line --------------------------------------------------------------------------


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    from tests.test_cli import run as run_cli

    return run_cli(*args, home=home)


def test_cli_export_and_import_version_2(answered: SessionDocument, tmp_path: Path,
                                         db_path: Path) -> None:
    answered.close()
    answered.store.close()
    out = tmp_path / "room.json"
    result = run("--db", str(db_path), "export", answered.session_id, "--json", str(out),
                 home=tmp_path)
    assert result.returncode == 0, result.stderr
    first = out.read_bytes()
    assert json.loads(first)["version"] == 2
    other = tmp_path / "other.sqlite3"
    imported = run("import", str(out), "--db", str(other), home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    again = tmp_path / "again.json"
    result = run("--db", str(other), "export", imported.stdout.strip(), "--json",
                 str(again), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == first


def test_cli_import_refuses_a_bad_room_and_creates_nothing(tmp_path: Path) -> None:
    data = v2(valid_room())
    data["session"]["room"]["respondents"][0]["answers"][0]["score"] = 7
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "new.sqlite3"
    result = run("import", str(bad), "--db", str(db), home=tmp_path)
    assert result.returncode != 0
    assert f"{R}[0].answers[0].score: 7 is not 1-5" in result.stderr
    assert not db.exists()
