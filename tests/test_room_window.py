"""The room in the window: Room ▸ Open the room serves phones, their answers reach the
grid and the presenter (behind the anonymity floor), paper cards count the same, and
closing the room (or the session, or quitting) closes the port."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from model.demo import demo_session
from model.store import Store


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The room serves on 127.0.0.1: tests never listen on a real network."""
    import room.network

    monkeypatch.setattr(room.network, "default_bind", lambda: "127.0.0.1")


@pytest.fixture
def phones():
    """HTTP calls from other threads, as phones make them while the window runs."""
    pool = ThreadPoolExecutor(max_workers=4)
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)


def call(base: str, method: str, path: str, body: dict | None = None,
         headers: dict | None = None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json",
                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def wait_for(qtbot, future: Future, timeout: int = 10_000):
    """The window keeps running (it commits the phones' answers) until `future` is done."""
    qtbot.waitUntil(future.done, timeout=timeout)
    return future.result()


def join_and_score(qtbot, phones, base: str, join_token: str, group_id: int, row_id: int,
                   score: int) -> None:
    status, joined = wait_for(qtbot, phones.submit(
        call, base, "POST", "/api/join", {"group": group_id}, {"X-Room-Join": join_token}))
    assert status == 200, joined
    auth = {"Authorization": f"Bearer {joined['token']}"}
    status, answer = wait_for(qtbot, phones.submit(
        call, base, "POST", "/api/answer",
        {"exercise": "perception", "item": str(row_id), "value": str(score)}, auth))
    assert (status, answer) == (200, {"saved": True})


def port_closed(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture
def room_window(qtbot, window, store: Store, loopback):
    session_id = store.add_session(demo_session())
    assert window.open_session(session_id, 4)
    window.actions.open_room.trigger()
    qtbot.waitUntil(lambda: window.room is not None and window.room.is_open)
    yield window
    window.close_room()


def test_phones_answers_reach_the_grid_behind_the_anonymity_floor(qtbot, room_window,
                                                                  phones, store) -> None:
    window = room_window
    room = window.room
    session = window.current_view().document.session
    board = next(g for g in session.groups if g.name == "Board members")
    row = session.perception.rows[0]
    # The demo's typed score for this group and row is removed, so the room's shows.
    typed = next((s for s in session.perception.scores
                  if s.row == row.label and s.group == board.name), None)
    document = window.current_view().document
    if typed is not None:
        from model.exercises.perception import set_score
        assert document.edit(lambda e: set_score(e, row.id, board.id, None))
    grid = window.current_view().page(4).grid
    base, token = room.address, room.room.join_token

    join_and_score(qtbot, phones, base, token, board.id, row.id, 2)
    join_and_score(qtbot, phones, base, token, board.id, row.id, 5)
    # Two of three: nothing of theirs shows, and the page says how many more.
    assert grid.score_of(row, board) is None
    page = window.current_view().page(4)
    assert "Board members, 1 more" in page.room_line.text()
    join_and_score(qtbot, phones, base, token, board.id, row.id, 4)
    # The third answer: the group's median (lower middle of 2, 4, 5 is 4) shows.
    qtbot.waitUntil(lambda: grid.score_of(row, board) == 4)
    assert "Board members" in grid.shown_chips(grid.rows.index(row), 4)
    assert "3 of" in page.room_line.text() and "median" in page.room_line.text()
    # Stored as individual answers, committed.
    stored = store.database.query("SELECT value FROM responses ORDER BY id")
    assert [r["value"] for r in stored] == ["2", "5", "4"]
    # A score typed for the group wins over the room's.
    from model.exercises.perception import set_score
    assert document.edit(lambda e: set_score(e, row.id, board.id, 1))
    assert grid.score_of(row, board) == 1
    document.undo_stack.undo()
    assert grid.score_of(row, board) == 4


def test_the_presenter_shows_how_to_join_and_the_count(qtbot, room_window) -> None:
    window = room_window
    window.actions.presenter.trigger()  # F5
    page = window.current_view().page(4)
    presenter = page.presenter
    qtbot.waitUntil(presenter.isVisible)
    assert presenter.join_card.isVisible()
    assert presenter.join_card.qr.text == window.room.url
    assert window.room.address in presenter.join_card.caption.text()
    assert "0 of" in presenter.room_status.text()
    page.toggle_join_card()
    assert not presenter.join_card.isVisible()
    page.toggle_join_card()
    window.close_room()
    assert not presenter.join_card.isVisible()
    presenter.close()


def test_closing_the_room_the_session_or_the_app_closes_the_port(qtbot, room_window,
                                                                 phones) -> None:
    window = room_window
    port = window.room.server.port
    assert not port_closed(port)
    window.actions.close_room.trigger()
    assert window.room is None and port_closed(port)
    assert "room is closed" in window.message_bar.text().lower()
    # Going back to the sessions list closes it too.
    window.actions.open_room.trigger()
    port = window.room.server.port
    window.show_home()
    assert window.room is None and port_closed(port)


def test_an_answer_on_a_closed_exercise_is_refused_and_changes_nothing(
        qtbot, room_window, phones, store) -> None:
    room = room_window.room
    room.set_open("perception", False)
    session = room_window.current_view().document.session
    status, joined = wait_for(qtbot, phones.submit(
        call, room.address, "POST", "/api/join", {"group": session.groups[0].id},
        {"X-Room-Join": room.room.join_token}))
    status, answer = wait_for(qtbot, phones.submit(
        call, room.address, "POST", "/api/answer",
        {"exercise": "perception", "item": str(session.perception.rows[0].id), "value": "3"},
        {"Authorization": f"Bearer {joined['token']}"}))
    assert status == 409 and "closed" in answer["error"]
    assert store.database.query("SELECT COUNT(*) AS n FROM responses")[0]["n"] == 0


def test_a_paper_card_counts_like_a_phone_and_is_one_undo_step(qtbot, window, store) -> None:
    from gui.room.paper_card import PaperCardDialog

    session_id = store.add_session(demo_session())
    assert window.open_session(session_id, 4)
    document = window.current_view().document
    session = document.session
    chair = session.participants[0]
    dialog = PaperCardDialog(document, frozenset({"perception"}), window)
    qtbot.addWidget(dialog)
    dialog.who.setCurrentIndex(dialog.who.findData(f"participant:{chair.id}"))
    row = session.perception.rows[0]
    box = dialog.scores[str(row.id)]
    box.setCurrentIndex(box.findData("3"))
    placement = dialog.placements["now"]
    placement.setCurrentIndex(placement.findData("integration/delivery"))
    steps = document.undo_stack.count()
    assert dialog.enter()
    stored = {(r["exercise"], r["value"]) for r in store.database.query(
        "SELECT exercise, value FROM responses")}
    assert stored == {("perception", "3"), ("typology", "integration/delivery")}
    respondent = store.database.query("SELECT * FROM respondents")[0]
    assert (respondent["via"], respondent["participant_id"]) == ("laptop", chair.id)
    assert document.undo_stack.count() == steps + 1
    document.undo_stack.undo()
    assert store.database.query("SELECT COUNT(*) AS n FROM responses")[0]["n"] == 0
    assert store.database.query("SELECT COUNT(*) AS n FROM respondents")[0]["n"] == 0


def test_the_obstacles_and_typology_pages_show_the_rooms_answers(qtbot, window,
                                                                 store) -> None:
    from model.room import answers

    session_id = store.add_session(demo_session())
    assert window.open_session(session_id, 2)
    document = window.current_view().document
    session = document.session
    obstacle = session.visible_obstacles()[0]
    obstacles_page = window.current_view().page(2)
    typology_page = window.current_view().page(3)
    for n, rating in enumerate((1, 3, 3)):
        who = answers.respondent_id(document.core.commit(
            lambda e: answers.join(e, group_id=session.groups[0].id)))
        document.core.commit(lambda e, w=who, r=rating: answers.answer(
            e, w, "obstacles", f"rating:{obstacle.id}", str(r)))
        document.core.commit(lambda e, w=who: answers.answer(e, w, "typology", "needed",
                                                              "integration/delivery"))
        if n == 1:  # two answers: below the floor of three, nothing but a count
            detail = obstacles_page.detail
            detail.set_obstacle(obstacle.id)
            assert "shown once 3 have answered" in detail.room_line.text()
            assert "2 of 9 have answered" in typology_page.room_label.text()
    detail.set_obstacle(obstacle.id)
    assert detail.room_line.text() == "The room: critical (median of 3 answers); 0 dot votes."
    assert typology_page.room_label.text() == (
        "The room (3 answers), where it needs to be: 3 in Integration × service delivery.")


def test_answers_committed_together_reach_the_grid_only_after_their_commit(
        qtbot, room_window, store) -> None:
    """Three phones' answers handed to the room's writer at once: one batch on the
    window's thread, one COMMIT, and the grid (and any view) hears of each only after
    it — never of an answer still inside the transaction."""
    from model.exercises.perception import set_score
    from model.room import answers
    from tests.room_support import read_db

    window = room_window
    document = window.current_view().document
    session = document.session
    board = next(g for g in session.groups if g.name == "Board members")
    row = session.perception.rows[0]
    if any(s.row == row.label and s.group == board.name for s in session.perception.scores):
        assert document.edit(lambda e: set_score(e, row.id, board.id, None))
    grid = window.current_view().page(4).grid
    phones = [answers.respondent_id(document.core.commit(
        lambda e, n=n: answers.join(e, group_id=board.id, token_hash=f"phone{n}")))
        for n in range(3)]

    def committed() -> int:
        conn = read_db(store.path)
        try:
            return conn.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        finally:
            conn.close()
    heard: list[tuple[bool, int]] = []
    document.changed.connect(
        lambda _: heard.append((store.database.conn.in_transaction, committed())))
    commits: list[str] = []
    store.database.conn.set_trace_callback(
        lambda s: commits.append(s) if s == "COMMIT" else None)
    try:
        writer = window.room._writer.batches
        futures = [writer.submit(lambda d, p=p, v=v: d.commit(lambda e: answers.answer(
            e, p, "perception", str(row.id), v))) for p, v in zip(phones, "254", strict=True)]
        assert grid.score_of(row, board) is None and committed() == 0
        qtbot.waitUntil(lambda: all(f.done() for f in futures))
    finally:
        store.database.conn.set_trace_callback(None)
    assert [f.exception() for f in futures] == [None] * 3
    assert len(commits) == 1
    assert heard == [(False, 3)] * 3
    assert grid.score_of(row, board) == 4


def test_a_paper_card_that_breaks_a_rule_enters_nothing(qtbot, window, store) -> None:
    from gui.room.paper_card import PaperCardDialog
    from model.room import DOT_VOTES

    session_id = store.add_session(demo_session())
    assert window.open_session(session_id, 2)
    document = window.current_view().document
    messages: list[str] = []
    document.message.connect(messages.append)
    dialog = PaperCardDialog(document, frozenset({"obstacles"}), window)
    qtbot.addWidget(dialog)
    row = document.session.perception.rows[0]
    dialog.scores[str(row.id)].setCurrentIndex(dialog.scores[str(row.id)].findData("4"))
    for spin in list(dialog.votes.values())[:2]:  # two obstacles, all the dots on each
        spin.setValue(DOT_VOTES)
    steps = document.undo_stack.count()
    assert not dialog.enter() and not dialog.enter()  # refused, and again
    assert "dot votes" in messages[-1] and "Nothing of the card" in messages[-1]
    assert store.database.query("SELECT COUNT(*) AS n FROM respondents")[0]["n"] == 0
    assert store.database.query("SELECT COUNT(*) AS n FROM responses")[0]["n"] == 0
    assert document.undo_stack.count() == steps
