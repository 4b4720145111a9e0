"""The room against a hostile phone on the venue's network (found in review): one
answer per item however its id is written, joins limited per address and in all, a
host name that is not the room's refused, JSON only, and the facilitator told when a
group has more joiners than members."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.room import answers, results
from tests.cli_runner import one_error_line, run
from tests.room_support import ServedRoom, bearer, call, dump, join, join_phone, responses


def test_an_item_written_with_leading_zeros_is_the_same_item(doc) -> None:
    session = doc.session
    row, obstacle = session.perception.rows[0].id, session.visible_obstacles()[0].id
    who = join(doc, group_id=session.groups[0].id)
    for item, value in ((str(row), "2"), (f"0{row}", "3"), (f"000{row}", "4")):
        doc.commit(lambda e, i=item, v=value: answers.answer(e, who, "perception", i, v))
    for item in (f"rating:{obstacle}", f"rating:0{obstacle}"):
        doc.commit(lambda e, i=item: answers.answer(e, who, "obstacles", i, "1"))
    stored = [(r.exercise, r.item, r.value) for r in doc.session.room.responses]
    assert stored == [("perception", str(row), "4"), ("obstacles", f"rating:{obstacle}", "1")]
    # One phone never passes the anonymity floor alone.
    assert results.perception(doc.session) == {}


def test_the_room_takes_at_most_max_respondents(doc, monkeypatch) -> None:
    monkeypatch.setattr(answers, "MAX_RESPONDENTS", 3)
    group = doc.session.groups[0].id
    for _ in range(3):
        join(doc, group_id=group)
    with pytest.raises(answers.RoomRefused, match="The room is full"):
        join(doc, group_id=group)
    assert len(doc.session.room.respondents) == 3


def test_the_facilitator_is_told_when_a_group_has_more_joiners_than_members(
        doc) -> None:
    session = doc.session
    board = next(g for g in session.groups if g.name == "Board members")
    members = sum(1 for p in session.participants if p.group == board.name and p.present)
    for _ in range(members):
        join(doc, group_id=board.id)
    assert results.overjoined(doc.session) == {}
    join(doc, group_id=board.id)
    assert results.overjoined(doc.session) == {board.id: (members + 1, members)}


def test_one_address_joins_at_most_five_times(tmp_path: Path) -> None:
    with ServedRoom(tmp_path / "w.db", joins_per_address=5) as served:
        group = served.session().groups[0].id
        for _ in range(5):
            join_phone(served.base, served.join_token, {"group": group})
        before = dump(served.db_path)
        status, _, body = call("POST", f"{served.base}/api/join", json={"group": group},
                               headers={"X-Room-Join": served.join_token})
        assert status == 429 and "paper card" in body["error"]
        assert dump(served.db_path) == before


def test_a_host_name_that_is_not_the_rooms_is_refused(tmp_path: Path) -> None:
    with ServedRoom(tmp_path / "w.db") as served:
        status, _, _ = call("GET", f"{served.base}/j/{served.join_token}",
                            headers={"Host": f"rebound.example:{served.port}"})
        assert status == 421
        status, _, _ = call("GET", f"{served.base}/j/{served.join_token}")
        assert status == 200


def test_a_request_that_is_not_json_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    with ServedRoom(tmp_path / "w.db") as served:
        session = served.session()
        token = join_phone(served.base, served.join_token, {"group": session.groups[0].id})
        before = dump(served.db_path)
        body = '{"exercise": "perception", "item": "1", "value": "3"}'
        status, _, _ = call("POST", f"{served.base}/api/answer", data=body,
                            headers={**bearer(token), "Content-Type": "text/plain"})
        assert status == 415
        assert dump(served.db_path) == before and responses(served.db_path) == []


@pytest.mark.parametrize("address", ["0.0.0.0", "::"])
def test_the_headless_room_refuses_to_listen_on_every_network(tmp_path: Path,
                                                              address: str) -> None:
    assert "phones" in one_error_line(run("room", "x", "--bind", address,
                                          "--db", str(tmp_path / "w.db"), home=tmp_path))


def test_the_headless_room_and_the_window_never_change_one_database_at_once(
        tmp_path: Path, qapp) -> None:
    from PySide6.QtCore import QLockFile

    from gui.app import lock_for
    from tests.room_support import RoomProcess, demo_database

    db = tmp_path / "w.db"
    session_id = demo_database(db)
    # The window has it: the room refuses, and changes nothing.
    window_lock = lock_for(db)
    assert window_lock.tryLock(100)
    before = db.read_bytes()
    refused = run("room", session_id, "--db", str(db), "--bind", "127.0.0.1", home=tmp_path)
    assert "already has this database open" in one_error_line(refused)
    assert db.read_bytes() == before
    window_lock.unlock()
    # The room has it: a window cannot take it.
    with RoomProcess(session_id, db) as room:
        second = lock_for(db)
        assert not second.tryLock(100)
        assert second.error() == QLockFile.LockError.LockFailedError
        assert room.stop()[0] == 0
    # Gone with the room; and a room killed outright leaves a stale lock, taken over.
    assert not Path(f"{db}.lock").exists()
    with RoomProcess(session_id, db) as room:
        room.kill()
    assert Path(f"{db}.lock").exists() and lock_for(db).tryLock(100)


def test_a_step_turned_off_at_set_up_is_not_offered_to_phones(tmp_path: Path) -> None:
    from model.session import DEFAULT_STEPS

    with ServedRoom(tmp_path / "w.db") as served:
        session = served.session()
        token = join_phone(served.base, served.join_token, {"group": session.groups[0].id})
        served.in_server(lambda d: d.commit(lambda e: e.update(
            "sessions", d.session_id, "Turn typology off",
            steps=" ".join(s for s in DEFAULT_STEPS if s != "typology"))))
        status, _, state = call("GET", f"{served.base}/api/state", headers=bearer(token))
        assert status == 200 and "typology" not in state["open"]
        assert "typology" not in state
        before = dump(served.db_path)
        status, _, _ = call("POST", f"{served.base}/api/answer", headers=bearer(token),
                            json={"exercise": "typology", "item": "now",
                                  "value": "integration/delivery"})
        assert status == 409 and dump(served.db_path) == before
