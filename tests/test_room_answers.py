"""The room's answers and results at model level (no Qt, no server): who may join, which
answers are refused, and what the answers add up to behind the anonymity floor."""

from __future__ import annotations

import pytest

from model.demo import demo_session
from model.document import SessionDocument
from model.errors import EditRefused
from model.exercises import obstacles as obstacle_edits
from model.room import DOT_VOTES, MAX_FLOOR, results
from model.room import answers as room
from model.room.results import Result
from tests.room_support import answer, join


def stored(doc: SessionDocument, table: str) -> list[dict]:
    return [dict(r) for r in doc.store.database.query(
        f"SELECT * FROM {table} WHERE session_id = ? ORDER BY id", (doc.session_id,))]


def group_id(doc: SessionDocument, name: str) -> int:
    return next(g.id for g in doc.session.groups if g.name == name)


def set_floor(doc: SessionDocument, floor: int) -> None:
    doc.commit(lambda e: room.set_anonymity_floor(e, floor))


def first_row(doc: SessionDocument) -> int:
    return doc.session.perception.rows[0].id


# --- joining -------------------------------------------------------------------------

def test_join_as_a_named_participant_records_their_group(doc: SessionDocument) -> None:
    chair = doc.session.participants[0]
    respondent = join(doc, participant_id=chair.id, token_hash="h1")
    [row] = stored(doc, "respondents")
    assert row["id"] == respondent
    assert row["participant_id"] == chair.id
    assert row["group_id"] == group_id(doc, chair.group)
    assert (row["via"], row["token_hash"]) == ("phone", "h1")
    assert row["joined_at"]


def test_join_as_a_member_of_a_group(doc: SessionDocument) -> None:
    group = doc.session.groups[1].id
    respondent = join(doc, group_id=group)
    [row] = stored(doc, "respondents")
    assert (row["id"], row["participant_id"], row["group_id"]) == (respondent, None, group)


def test_second_phone_claiming_the_same_participant_is_refused_as_a_conflict(
        doc: SessionDocument) -> None:
    chair = doc.session.participants[0]
    join(doc, participant_id=chair.id, token_hash="first")
    with pytest.raises(room.RoomRefused) as refused:
        join(doc, participant_id=chair.id, token_hash="second")
    assert refused.value.conflict
    assert "already joined" in str(refused.value)
    assert [r["token_hash"] for r in stored(doc, "respondents")] == ["first"]


@pytest.mark.parametrize("who", [{}, {"participant_id": 1, "group_id": 1},
                                 {"participant_id": 10**6}, {"group_id": 10**6}])
def test_join_must_name_one_participant_or_one_group_of_this_session(
        doc: SessionDocument, who: dict) -> None:
    with pytest.raises(room.RoomRefused) as refused:
        join(doc, **who)
    assert not refused.value.conflict
    assert stored(doc, "respondents") == []


# --- answers refused -------------------------------------------------------------------

@pytest.fixture
def member(doc: SessionDocument) -> int:
    return join(doc, group_id=doc.session.groups[0].id)


@pytest.mark.parametrize("value", ["0", "6", "3.5", "-1", "", " 3", "three", "٣", "10"])
def test_a_score_outside_1_to_5_is_refused(doc: SessionDocument, member: int,
                                           value: str) -> None:
    with pytest.raises(room.RoomRefused, match="score is 1, 2, 3, 4 or 5"):
        answer(doc, member, "perception", first_row(doc), value)
    assert stored(doc, "responses") == []


@pytest.mark.parametrize("value", ["1", "5"])
def test_a_score_from_1_to_5_is_kept(doc: SessionDocument, member: int, value: str) -> None:
    answer(doc, member, "perception", first_row(doc), value)
    [row] = stored(doc, "responses")
    assert (row["respondent_id"], row["exercise"], row["item"], row["value"]) == (
        member, "perception", str(first_row(doc)), value)


@pytest.mark.parametrize("item", ["999999", "abc", "", "1e3"])
def test_an_unknown_perception_row_is_refused(doc: SessionDocument, member: int,
                                              item: str) -> None:
    with pytest.raises(room.RoomRefused, match="not in the grid"):
        answer(doc, member, "perception", item, "3")
    assert stored(doc, "responses") == []


def test_an_unknown_exercise_or_respondent_is_refused(doc: SessionDocument,
                                                      member: int) -> None:
    with pytest.raises(room.RoomRefused):
        answer(doc, member, "voting", first_row(doc), "3")
    with pytest.raises(room.RoomRefused, match="join again"):
        answer(doc, member + 100, "perception", first_row(doc), "3")
    assert stored(doc, "responses") == []


def test_a_hidden_obstacle_cannot_be_rated_or_voted_on(doc: SessionDocument,
                                                       member: int) -> None:
    obstacle = doc.session.obstacles[0].id
    answer(doc, member, "obstacles", f"rating:{obstacle}", "2")  # while it is shown
    doc.commit(lambda e: obstacle_edits.hide(e, obstacle))
    for item, value in ((f"rating:{obstacle}", "3"), (f"votes:{obstacle}", "1")):
        with pytest.raises(room.RoomRefused, match="not on the list"):
            answer(doc, member, "obstacles", item, value)
    assert [r["value"] for r in stored(doc, "responses")] == ["2"]


@pytest.mark.parametrize("item", ["rating:", "stars:1", "votes:x", "rating:999999"])
def test_an_unknown_obstacle_item_is_refused(doc: SessionDocument, member: int,
                                             item: str) -> None:
    with pytest.raises(room.RoomRefused):
        answer(doc, member, "obstacles", item, "1")


def test_a_rating_is_0_to_3(doc: SessionDocument, member: int) -> None:
    obstacle = doc.session.obstacles[0].id
    answer(doc, member, "obstacles", f"rating:{obstacle}", "0")
    with pytest.raises(room.RoomRefused, match="rating is 0, 1, 2 or 3"):
        answer(doc, member, "obstacles", f"rating:{obstacle}", "4")
    assert [r["value"] for r in stored(doc, "responses")] == ["0"]


def test_dot_votes_stay_within_the_budget(doc: SessionDocument, member: int) -> None:
    assert DOT_VOTES == 3  # the numbers below spend exactly the budget
    a, b, c = (o.id for o in doc.session.obstacles[:3])
    answer(doc, member, "obstacles", f"votes:{a}", "2")
    answer(doc, member, "obstacles", f"votes:{b}", "1")
    with pytest.raises(room.RoomRefused, match="spent your 3 dot votes"):
        answer(doc, member, "obstacles", f"votes:{c}", "1")
    for value in ("0", "4"):
        with pytest.raises(room.RoomRefused, match="3 dot votes to spend"):
            answer(doc, member, "obstacles", f"votes:{a}", value)
    with pytest.raises(room.RoomRefused, match="spent your"):
        answer(doc, member, "obstacles", f"votes:{a}", "3")  # 3 here + 1 on B
    votes = {r["item"]: r["value"] for r in stored(doc, "responses")}
    assert votes == {f"votes:{a}": "2", f"votes:{b}": "1"}


def test_changing_a_vote_counts_the_others_not_itself(doc: SessionDocument,
                                                      member: int) -> None:
    a, b, c = (o.id for o in doc.session.obstacles[:3])
    answer(doc, member, "obstacles", f"votes:{a}", "2")
    answer(doc, member, "obstacles", f"votes:{a}", "3")  # 3 in all, not 2 + 3
    with pytest.raises(room.RoomRefused, match="spent your"):
        answer(doc, member, "obstacles", f"votes:{b}", "1")
    answer(doc, member, "obstacles", f"votes:{a}", "1")
    answer(doc, member, "obstacles", f"votes:{b}", "1")
    answer(doc, member, "obstacles", f"votes:{c}", "1")
    votes = {r["item"]: r["value"] for r in stored(doc, "responses")}
    assert votes == {f"votes:{a}": "1", f"votes:{b}": "1", f"votes:{c}": "1"}


@pytest.mark.parametrize(("item", "value"), [
    ("now", "co-operation"), ("now", "integration/"), ("now", "/delivery"),
    ("now", "delivery/integration"), ("now", "integration/delivery/x"),
    ("later", "integration/delivery")])
def test_a_typology_answer_must_be_a_cell_for_a_horizon(
        doc: SessionDocument, member: int, item: str, value: str) -> None:
    with pytest.raises(room.RoomRefused):
        answer(doc, member, "typology", item, value)
    assert stored(doc, "responses") == []


def test_a_typology_cell_is_kept(doc: SessionDocument, member: int) -> None:
    answer(doc, member, "typology", "needed", "integration/delivery")
    assert [(r["item"], r["value"]) for r in stored(doc, "responses")] == [
        ("needed", "integration/delivery")]


def test_withdrawing_an_answer_deletes_it(doc: SessionDocument, member: int) -> None:
    row = first_row(doc)
    answer(doc, member, "perception", row, "4")
    answer(doc, member, "perception", row, "2")  # a change replaces, never adds
    assert [r["value"] for r in stored(doc, "responses")] == ["2"]
    answer(doc, member, "perception", row, None)
    assert stored(doc, "responses") == []
    answer(doc, member, "perception", row, None)  # nothing left to withdraw: no error
    assert stored(doc, "responses") == []
    assert doc.session.room.responses == []


def test_the_anonymity_floor_is_1_to_99(doc: SessionDocument) -> None:
    for floor in (0, MAX_FLOOR + 1):
        with pytest.raises(EditRefused):
            set_floor(doc, floor)
    set_floor(doc, MAX_FLOOR)
    assert doc.session.room.anonymity_floor == MAX_FLOOR


# --- results -----------------------------------------------------------------------------

def test_a_groups_result_is_the_lower_median_with_the_range(doc: SessionDocument) -> None:
    group = doc.session.groups[0].id
    row = first_row(doc)
    for score in ("5", "1", "4", "2"):
        answer(doc, join(doc, group_id=group), "perception", row, score)
    result = results.perception(doc.session)[(row, group)]
    assert result == Result(count=4, value=2, low=1, high=5)  # median_low of 1 2 4 5
    # The range is said from SPREAD_FROM answers: below, it would be each one's answer.
    assert result.spread == ""
    assert Result(5, 3, 1, 5).spread == "1–5" and Result(5, 3, 3, 3).spread == "3"


def test_below_the_floor_nothing_shows_and_waiting_says_how_many_more(
        doc: SessionDocument) -> None:
    assert doc.session.room.anonymity_floor == 3
    group, other = doc.session.groups[0].id, doc.session.groups[1].id
    row = first_row(doc)
    answer(doc, join(doc, group_id=group), "perception", row, "4")
    answer(doc, join(doc, group_id=group), "perception", row, "2")
    assert results.perception(doc.session) == {}
    assert results.perception_waiting(doc.session) == {group: 1}
    # A group that has not begun is not listed as waiting.
    assert other not in results.perception_waiting(doc.session)
    answer(doc, join(doc, group_id=group), "perception", row, "5")
    assert results.perception(doc.session) == {(row, group): Result(3, 4, 2, 5)}
    assert results.perception_waiting(doc.session) == {}
    set_floor(doc, 4)
    assert results.perception(doc.session) == {}
    assert results.perception_waiting(doc.session) == {group: 1}


def test_obstacle_ratings_are_behind_the_floor_but_votes_are_counted(
        doc: SessionDocument) -> None:
    obstacle = doc.session.obstacles[0].id
    group = doc.session.groups[0].id
    member = join(doc, group_id=group)
    answer(doc, member, "obstacles", f"rating:{obstacle}", "3")
    answer(doc, member, "obstacles", f"votes:{obstacle}", "2")
    assert results.obstacles(doc.session) == {obstacle: (None, 2)}
    set_floor(doc, 1)
    assert results.obstacles(doc.session) == {obstacle: (Result(1, 3, 3, 3), 2)}


def test_typology_counts_show_once_the_floor_is_reached(doc: SessionDocument) -> None:
    group = doc.session.groups[0].id
    for _ in range(2):
        answer(doc, join(doc, group_id=group), "typology", "now", "integration/delivery")
    assert results.typology(doc.session) == {}
    set_floor(doc, 2)
    [(horizon, cells)] = results.typology(doc.session).items()
    assert horizon == "now"
    assert {(c.collaboration, c.function): n for c, n in cells.items()} == {
        ("integration", "delivery"): 2}


def test_a_named_participants_answers_follow_their_group(doc: SessionDocument) -> None:
    set_floor(doc, 1)
    chair = doc.session.participants[0]
    first, second = group_id(doc, chair.group), group_id(doc, "Voluntary groups")
    assert first != second
    row = first_row(doc)
    answer(doc, join(doc, participant_id=chair.id), "perception", row, "4")
    assert set(results.perception(doc.session)) == {(row, first)}
    doc.commit(lambda e: e.update_participant(chair.id, group_id=second))
    assert results.perception(doc.session) == {(row, second): Result(1, 4, 4, 4)}


def test_a_deleted_participants_answers_count_under_the_group_they_joined_in(
        doc: SessionDocument) -> None:
    set_floor(doc, 1)
    chair = doc.session.participants[0]
    joined_in = group_id(doc, chair.group)
    row = first_row(doc)
    respondent = join(doc, participant_id=chair.id)
    answer(doc, respondent, "perception", row, "2")
    doc.commit(lambda e: e.remove_participant(chair.id))
    assert chair.id not in {p.id for p in doc.session.participants}
    [who] = stored(doc, "respondents")
    assert (who["participant_id"], who["group_id"]) == (None, joined_in)
    assert results.perception(doc.session) == {(row, joined_in): Result(1, 2, 2, 2)}
    assert len(stored(doc, "responses")) == 1


def test_undoing_a_perception_row_delete_keeps_the_rooms_answers_to_it(
        doc: SessionDocument) -> None:
    set_floor(doc, 1)
    group = doc.session.groups[0].id
    row = first_row(doc)
    answer(doc, join(doc, group_id=group), "perception", row, "5")
    delete = doc.commit(lambda e: e.remove_named("perception_rows", row))
    assert row not in {r.id for r in doc.session.perception.rows}
    assert results.perception(doc.session) == {}  # a deleted row shows no result
    doc.commit(lambda e: delete.inverse())  # undo, as the window's stack does
    assert row in {r.id for r in doc.session.perception.rows}
    assert results.perception(doc.session) == {(row, group): Result(1, 5, 5, 5)}
    assert [r["item"] for r in stored(doc, "responses")] == [str(row)]


def test_progress_says_how_many_have_answered_of_how_many(doc: SessionDocument) -> None:
    present = sum(1 for p in doc.session.participants if p.present)
    assert present > 2
    assert results.progress(doc.session, "perception") == f"0 of {present} have answered"
    group = doc.session.groups[0].id
    first, second = join(doc, group_id=group), join(doc, group_id=group)
    answer(doc, first, "perception", first_row(doc), "3")
    answer(doc, first, "perception", doc.session.perception.rows[1].id, "3")
    answer(doc, second, "obstacles", f"rating:{doc.session.obstacles[0].id}", "1")
    assert results.progress(doc.session, "perception") == f"1 of {present} have answered"
    assert results.progress(doc.session, "obstacles") == f"1 of {present} have answered"
    assert results.progress(doc.session, "typology") == f"0 of {present} have answered"
    # More phones than participants present: all who joined could answer.
    for _ in range(present):
        join(doc, group_id=group)
    assert results.progress(doc.session, "perception") == \
        f"1 of {present + 2} have answered"


def test_an_absent_participant_cannot_join_by_phone_but_a_paper_card_may(store) -> None:
    from model.document import SessionDocument
    from model.room import answers as room_answers

    document = SessionDocument(store, store.add_session(demo_session()))
    person = document.session.participants[0]
    document.commit(lambda e: e.update_participant(person.id, present=False))
    with pytest.raises(room_answers.RoomRefused, match="marked absent"):
        document.commit(lambda e: room_answers.join(e, participant_id=person.id))
    assert document.commit(lambda e: room_answers.join(e, participant_id=person.id,
                                                       via="laptop"))


def test_a_hidden_obstacle_has_no_room_result(store) -> None:
    from model.document import SessionDocument
    from model.exercises.obstacles import hide
    from model.room import answers as room_answers
    from model.room import results

    document = SessionDocument(store, store.add_session(demo_session()))
    obstacle = document.session.visible_obstacles()[0]
    who = room_answers.respondent_id(document.commit(
        lambda e: room_answers.join(e, group_id=document.session.groups[0].id)))
    document.commit(lambda e: room_answers.answer(e, who, "obstacles",
                                                  f"votes:{obstacle.id}", "2"))
    assert obstacle.id in results.obstacles(document.session)
    document.commit(lambda e: hide(e, obstacle.id))
    assert obstacle.id not in results.obstacles(document.session)
