"""Group commit in the room (room.writer): answers that arrive together are committed in
one transaction, and every guarantee of one-commit-per-answer still holds: "saved" only
after the COMMIT, a refusal refuses only itself, a failed COMMIT fails (and stores) every
answer of the batch, arrival order, reads that see the batch's earlier writes, listeners
told only after the COMMIT, no backup inside the transaction.

The batches here are run by hand (`post` keeps the drain instead of scheduling it), so
each test knows exactly what is in one batch."""

from __future__ import annotations

import asyncio
import concurrent.futures
import sqlite3
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from model.changes import Changeset
from model.demo import demo_session
from model.document import SessionDocument
from model.errors import DiskFull, StaleEdit
from model.exercises import obstacles
from model.room import DOT_VOTES
from model.room import answers as room_answers
from model.store import Store
from model.store import backups as backups_module
from room.writer import BatchWriter
from tests.room_support import ServedRoom, bearer, join_phone, read_db, request, responses

BIG = "A long note that needs new pages in the database. " * 380


class Room:
    """A document over the demo session, three phones joined to its first group, and a
    writer whose drains the test runs itself."""

    def __init__(self, store: Store, max_batch: int = 100) -> None:
        self.store = store
        self.document = SessionDocument(store, store.add_session(demo_session()))
        session = self.document.session
        self.rows = [str(r.id) for r in session.perception.rows]
        self.obstacles = [o.id for o in session.visible_obstacles()]
        self.respondents = [
            room_answers.respondent_id(self.document.commit(
                lambda e, n=n: room_answers.join(e, group_id=session.groups[0].id,
                                                 token_hash=f"phone{n}")))
            for n in range(3)]
        self.drains: list[Callable[[], None]] = []
        self.writer = BatchWriter(self.document, self.drains.append, max_batch)
        self.commits = 0
        store.database.conn.set_trace_callback(self._trace)

    def _trace(self, statement: str) -> None:
        self.commits += statement == "COMMIT"

    def answer(self, n: int, item: str, value: str | None,
               exercise: str = "perception") -> concurrent.futures.Future:
        respondent = self.respondents[n]
        return self.writer.submit(lambda d: d.commit(
            lambda e: room_answers.answer(e, respondent, exercise, item, value)))

    def run(self) -> None:
        """Run the drains posted so far (and any they post), as the writer's thread would."""
        while self.drains:
            self.drains.pop(0)()


def stored(db_path: Path) -> list[tuple]:
    return [(r["respondent_id"], r["item"], r["value"]) for r in responses(db_path)]


@pytest.fixture
def room(store: Store) -> Room:
    return Room(store)


def test_one_batch_is_one_commit_and_nothing_is_saved_before_it(room: Room,
                                                                db_path: Path) -> None:
    futures = [room.answer(n, room.rows[0], str(n + 2)) for n in range(3)]
    assert len(room.drains) == 1  # one drain for the whole batch
    assert stored(db_path) == [] and not any(f.done() for f in futures)
    room.run()
    assert room.commits == 1
    assert all(isinstance(f.result(), Changeset) for f in futures)
    assert stored(db_path) == [(room.respondents[n], room.rows[0], str(n + 2))
                               for n in range(3)]


def test_a_refused_answer_in_the_middle_refuses_only_itself(room: Room,
                                                           db_path: Path) -> None:
    first = room.answer(0, room.rows[0], "4")
    refused = room.answer(1, room.rows[0], "9")  # a score is 1 to 5
    last = room.answer(2, room.rows[0], "2")
    room.run()
    assert room.commits == 1
    with pytest.raises(room_answers.RoomRefused):
        refused.result()
    assert first.result() and last.result()
    assert stored(db_path) == [(room.respondents[0], room.rows[0], "4"),
                               (room.respondents[2], room.rows[0], "2")]


def test_a_failed_save_inside_the_batch_that_keeps_the_transaction_fails_only_itself(
        room: Room, db_path: Path) -> None:
    stale = room.document.editor.set_detail("venue", "Hall B")  # built, not applied
    first = room.answer(0, room.rows[0], "4")
    venue = room.writer.submit(lambda d: d.commit(lambda e: e.set_detail("venue", "Hall A")))
    # Now `stale` no longer matches the row: the store refuses it inside its savepoint.
    failed = room.writer.submit(lambda d: d.commit(lambda e: stale))
    last = room.answer(2, room.rows[0], "2")
    room.run()
    assert room.commits == 1
    with pytest.raises(StaleEdit):
        failed.result()
    assert first.result() and venue.result() and last.result()
    assert len(stored(db_path)) == 2
    assert room.store.load(room.document.session_id).venue == "Hall A"


class FailingCommit:
    """The store's connection, but its COMMIT fails as on a disk that filled up just
    then (everything else goes through)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args):
        if sql == "COMMIT":
            self._conn.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def test_a_failed_commit_fails_every_answer_of_the_batch_and_stores_none(
        room: Room, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    heard: list[Changeset] = []
    room.document.changed.connect(heard.append)
    before = stored(db_path)
    futures = [room.answer(n, room.rows[1], "3") for n in range(3)]
    refused = room.answer(0, room.rows[1], "0")
    monkeypatch.setattr(room.store.database, "conn", FailingCommit(room.store.database.conn))
    room.run()
    for future in futures:
        with pytest.raises(DiskFull):
            future.result()
    with pytest.raises(room_answers.RoomRefused):  # its own refusal, not the disk's
        refused.result()
    assert stored(db_path) == before and heard == []
    assert room.document.session.room.responses == []  # not shown either
    monkeypatch.undo()
    # The next batch is a batch like any other.
    again = room.answer(0, room.rows[1], "3")
    room.run()
    assert again.result() and len(stored(db_path)) == 1 and len(heard) == 1


@pytest.mark.parametrize("grow", ["insert", "update"])
def test_a_disk_filling_mid_batch_loses_no_answer_told_saved(room: Room, db_path: Path,
                                                              grow: str) -> None:
    """On a full disk SQLite rolls back the failing statement alone when it has a
    statement journal (an UPDATE that may touch many rows), else the whole transaction
    (a one-row INSERT): then the answers before it in the batch are gone too, and must
    be failed, not told saved. Either way: stored == told saved."""
    database = room.store.database
    first = room.answer(0, room.rows[0], "4")

    def fill_and_grow(document: SessionDocument) -> None:
        database.conn.execute(f"PRAGMA max_page_count = {database.pragma('page_count')}")
        if grow == "insert":
            document.commit(lambda e: obstacles.add_custom_obstacle(e, BIG[:4000]))
        else:
            document.commit(lambda e: e.set_detail("purpose", BIG))
    grows = room.writer.submit(fill_and_grow)
    last = room.answer(2, room.rows[0], "2")
    room.run()
    with pytest.raises(DiskFull):
        grows.result()
    told_saved = [(room.respondents[n], room.rows[0], value)
                  for n, value, future in ((0, "4", first), (2, "2", last))
                  if future.exception() is None]
    assert stored(db_path) == told_saved
    if grow == "insert":  # the whole transaction was lost: every answer of it failed
        assert told_saved == []
        assert isinstance(first.exception(), DiskFull)
        assert isinstance(last.exception(), DiskFull)
    else:
        assert len(told_saved) == 2
    assert room.store.load(room.document.session_id).purpose != BIG
    database.conn.execute("PRAGMA max_page_count = 1073741823")
    again = room.answer(1, room.rows[0], "4")
    room.run()
    assert again.result() and len(stored(db_path)) == len(told_saved) + 1


def test_answers_are_applied_in_arrival_order(room: Room, db_path: Path) -> None:
    heard: list[Changeset] = []
    room.document.changed.connect(heard.append)
    values = ["1", "5", "3", "2"]
    futures = [room.answer(0, room.rows[0], v) for v in values]
    room.run()
    changesets = [f.result() for f in futures]
    assert heard == changesets  # told in the order applied, after the COMMIT
    assert [c.changes[0].after["value"] for c in changesets] == values
    assert stored(db_path) == [(room.respondents[0], room.rows[0], "2")]  # the last one


def test_a_read_in_a_batch_sees_the_writes_before_it(room: Room) -> None:
    """Dot votes are checked against the phone's other votes: two in one batch that
    together spend more than DOT_VOTES — the second is refused, as it would be alone."""
    a, b = (f"votes:{room.obstacles[i]}" for i in range(2))
    first = room.answer(0, a, str(DOT_VOTES), exercise="obstacles")
    seen = room.writer.submit(lambda d: [(r.item, r.value) for r in d.session.room.responses])
    second = room.answer(0, b, "1", exercise="obstacles")
    room.run()
    assert first.result()
    assert seen.result() == [(a, str(DOT_VOTES))]
    with pytest.raises(room_answers.RoomRefused, match="dot votes"):
        second.result()


def test_listeners_hear_only_after_the_commit(room: Room, db_path: Path) -> None:
    seen_then: list[tuple[bool, int]] = []

    def changed(_: Changeset) -> None:
        seen_then.append((room.store.database.conn.in_transaction, len(stored(db_path))))
    room.document.changed.connect(changed)
    for n in range(3):
        room.answer(n, room.rows[2], "5")
    room.run()
    assert seen_then == [(False, 3)] * 3  # each heard with all three committed


def test_a_batch_is_capped_and_the_rest_waits_for_the_next(store: Store) -> None:
    room = Room(store, max_batch=2)
    futures = [room.answer(n % 3, room.rows[n], "3") for n in range(5)]
    room.run()
    assert room.commits == 3
    assert all(f.result() for f in futures)


def test_no_backup_is_made_inside_the_batch(room: Room,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[bool] = []
    real = backups_module.make_backup

    def make_backup(conn, path, reason):
        made.append(conn.in_transaction)
        return real(conn, path, reason)
    monkeypatch.setattr(backups_module, "make_backup", make_backup)
    room.store.database.last_backup = 0.0  # one is due
    for n in range(3):
        room.answer(n, room.rows[0], "1")
    room.run()
    assert made == [False]  # once, after the COMMIT


def test_the_windows_pending_edits_go_first_and_block_the_batch_while_unsaved(
        room: Room, db_path: Path) -> None:
    database = room.store.database
    database.conn.execute(f"PRAGMA max_page_count = {database.pragma('page_count')}")
    assert room.document.edit(lambda e: e.set_detail("purpose", BIG))  # kept pending
    assert room.document.unsaved
    blocked = room.answer(0, room.rows[0], "4")
    room.run()
    with pytest.raises(DiskFull):
        blocked.result()
    assert stored(db_path) == []
    database.conn.execute("PRAGMA max_page_count = 1073741823")
    saved = room.answer(0, room.rows[0], "4")
    room.run()  # the pending edit is saved first, in its own transaction
    assert saved.result() and not room.document.unsaved
    assert room.store.load(room.document.session_id).purpose == BIG
    assert len(stored(db_path)) == 1


# --- over HTTP, as the headless room serves it ---------------------------------------

def test_phones_answering_at_once_share_commits_and_a_refusal_stays_its_own(
        db_path: Path) -> None:
    with ServedRoom(db_path, open_exercises=("perception",)) as served:
        session = served.session()
        row = str(session.perception.rows[0].id)
        tokens = [join_phone(served.base, served.join_token, {"group": session.groups[0].id})
                  for _ in range(12)]
        commits: list[str] = []
        served.in_server(lambda d: d.store.database.conn.set_trace_callback(
            lambda s: commits.append(s) if s == "COMMIT" else None))
        values = [str(n % 5 + 1) for n in range(12)]
        values[5] = "7"  # refused: a score is 1 to 5

        async def all_at_once() -> list[int]:
            async with aiohttp.ClientSession() as client:
                answers = await asyncio.gather(*(
                    request(client, "POST", f"{served.base}/api/answer",
                            headers=bearer(token),
                            json={"exercise": "perception", "item": row, "value": value})
                    for token, value in zip(tokens, values, strict=True)))
            return [status for status, _, _ in answers]
        statuses = asyncio.run(all_at_once())
        served.in_server(lambda d: d.store.database.conn.set_trace_callback(None))
    assert statuses == [422 if n == 5 else 200 for n in range(12)]
    assert len(commits) < 12  # answers that arrived together were committed together
    conn = read_db(db_path)
    try:
        kept = sorted(r["value"] for r in conn.execute("SELECT value FROM responses"))
    finally:
        conn.close()
    assert kept == sorted(v for n, v in enumerate(values) if n != 5)
