"""A full room at once, on 127.0.0.1 only: 60 phones join and answer concurrently, a
bounded number of times each; every acknowledged answer is stored exactly once, with
the last value acknowledged."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp

from room.guard import token_hash
from tests.room_support import ServedRoom, bearer, read_db, request

PHONES = 60
ANSWERS = 10  # each phone's, over ROWS rows: each row answered twice, the last one kept
ROWS = 5
TIME_CAP = 20.0  # seconds for the whole room


def phone_address(n: int) -> str:
    """Each phone its own loopback source address (127.0.0.2, …), as each phone at a
    venue has its own: the server's per-address limits see 60 phones, not one."""
    return f"127.0.0.{n + 2}"


def test_sixty_phones_answer_at_once_and_every_acknowledged_answer_is_stored_once(
        db_path: Path) -> None:
    with ServedRoom(db_path, open_exercises=("perception",)) as served:
        session = served.session()
        groups = [g.id for g in session.groups]
        rows = [str(r.id) for r in session.perception.rows[:ROWS]]
        acknowledged: dict[str, dict[str, str]] = {}  # token -> row -> last value
        statuses: list[int] = []

        async def phone(n: int) -> None:
            connector = aiohttp.TCPConnector(local_addr=(phone_address(n), 0))
            async with aiohttp.ClientSession(connector=connector) as client:
                status, _, body = await request(
                    client, "POST", f"{served.base}/api/join",
                    json={"group": groups[n % len(groups)]},
                    headers={"X-Room-Join": served.join_token})
                assert status == 200, body
                token = body["token"]
                mine = acknowledged.setdefault(token, {})
                for i in range(ANSWERS):
                    row, value = rows[i % ROWS], str((n + i) % 5 + 1)
                    status, _, body = await request(
                        client, "POST", f"{served.base}/api/answer", headers=bearer(token),
                        json={"exercise": "perception", "item": row, "value": value})
                    statuses.append(status)
                    assert status == 200, body
                    mine[row] = value

        async def room() -> None:
            await asyncio.wait_for(asyncio.gather(*(phone(n) for n in range(PHONES))),
                                   TIME_CAP)

        start = time.monotonic()
        asyncio.run(room())
        elapsed = time.monotonic() - start
        assert len(statuses) == PHONES * ANSWERS and set(statuses) == {200}
        assert elapsed < TIME_CAP

    conn = read_db(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall()[0][0] == "ok"
        hashes = {r["token_hash"]: r["id"] for r in conn.execute("SELECT * FROM respondents")}
        stored = conn.execute("SELECT respondent_id, exercise, item, value FROM responses"
                              ).fetchall()
        twice = conn.execute("SELECT respondent_id, exercise, item FROM responses "
                             "GROUP BY respondent_id, exercise, item HAVING COUNT(*) > 1"
                             ).fetchall()
    finally:
        conn.close()
    expected = {(hashes[token_hash(token)], "perception", row, value)
                for token, answers in acknowledged.items() for row, value in answers.items()}
    assert len(hashes) == PHONES
    assert twice == []
    assert len(stored) == PHONES * ROWS
    assert {tuple(r) for r in stored} == expected
