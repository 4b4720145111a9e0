"""`python main.py room ID` as contracts/room.md promises it, run as a separate process on
127.0.0.1: the join URL first on stdout, signals end it cleanly, mistakes are one
`error: ` line and exit status 2, and an acknowledged answer survives kill -9."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import sqlite3
import subprocess
from pathlib import Path

import aiohttp
import pytest

from room.guard import token_hash
from tests.room_support import (
    HOST,
    RoomProcess,
    bearer,
    call,
    demo_database,
    dump,
    join_phone,
    port_closed,
    request,
    room_command,
    room_env,
)
from tests.test_room_server import same_origin_only


@pytest.fixture
def session_id(db_path: Path) -> str:
    return demo_database(db_path)


def refused(db_path: Path, *args: str) -> str:
    """Run the room expecting it to refuse: exit 2, one `error: ` line, the database file
    as it was. The line."""
    before = db_path.read_bytes() if db_path.exists() else None
    result = subprocess.run(room_command(*args[:1], db_path, *args[1:]), cwd=db_path.parent,
                            env=room_env(db_path.parent), capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    after = db_path.read_bytes() if db_path.exists() else None
    assert after == before
    return lines[0]


def test_the_first_line_is_the_join_url_and_serves_the_page(db_path: Path,
                                                             session_id: str) -> None:
    with RoomProcess(session_id, db_path) as room:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/j/[A-Za-z0-9_-]{16,}", room.url)
        status, headers, html = call("GET", room.url)
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        same_origin_only(html)
        wrong = room.url[:-4] + ("AAAA" if not room.url.endswith("AAAA") else "BBBB")
        before = dump(db_path)
        for url in (wrong, f"{room.base}/j/", f"{room.base}/j/{room.join_token}x"):
            assert call("GET", url)[0] in (403, 404)
        assert room.stop()[0] == 0
    assert dump(db_path) == before


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_room_and_exits_0(db_path: Path, session_id: str,
                                              signum: int) -> None:
    with RoomProcess(session_id, db_path) as room:
        token = join_phone(room.base, room.join_token, {"group": 1})
        assert call("GET", f"{room.base}/api/state", headers=bearer(token))[0] == 200
        status, err = room.stop(signum)
        assert status == 0, err
        assert "Traceback" not in err
        assert port_closed(room.port)


def test_an_unknown_session_is_refused(db_path: Path, session_id: str) -> None:
    line = refused(db_path, "no-such-session", "--bind", HOST)
    assert "no-such-session" in line


@pytest.mark.parametrize("bind", ["203.0.113.7", "not-an-address", "999.1.1.1"])
def test_an_unusable_address_is_refused(db_path: Path, session_id: str, bind: str) -> None:
    refused(db_path, session_id, "--bind", bind)


def test_a_port_already_taken_is_refused(db_path: Path, session_id: str) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = refused(db_path, session_id, "--bind", HOST, "--port", str(port))
    assert str(port) in line


@pytest.mark.parametrize("port", ["65536", "abc", "--port=-1", "1.5", ""])
def test_a_bad_port_is_refused(db_path: Path, session_id: str, port: str) -> None:
    option = [port] if port.startswith("--") else ["--port", port]
    refused(db_path, session_id, "--bind", HOST, *option)


@pytest.mark.parametrize("content", [
    b"this is not a database file, only some text " * 200,
    b"SQLite format 3\x00" + b"\x00" * 84 + b"\xde\xad\xbe\xef" * 1000])
def test_a_damaged_database_is_refused_untouched(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    refused(db_path, "any-session", "--bind", HOST)
    assert db_path.read_bytes() == content


def test_a_database_from_a_newer_app_is_refused_untouched(db_path: Path,
                                                          session_id: str) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    refused(db_path, session_id, "--bind", HOST)


# --- kill -9 -----------------------------------------------------------------------

PHONES = 4
ACKNOWLEDGED = 20  # answers acknowledged before the kill; more are in flight at it


def test_every_acknowledged_answer_survives_kill_9(db_path: Path, session_id: str) -> None:
    with RoomProcess(session_id, db_path, "--open", "perception") as room:
        _, _, welcome = call("GET", f"{room.base}/api/welcome",
                             headers={"X-Room-Join": room.join_token})
        group = welcome["groups"][0]["id"]
        tokens = [join_phone(room.base, room.join_token, {"group": group})
                  for _ in range(PHONES)]
        _, _, state = call("GET", f"{room.base}/api/state", headers=bearer(tokens[0]))
        rows = [r["id"] for r in state["perception"]["rows"]]
        acknowledged: dict[tuple[str, str], str] = {}  # (token, row) -> value
        killed = asyncio.Event()

        async def phone(client: aiohttp.ClientSession, n: int, token: str) -> None:
            for i, row in enumerate(rows):  # each row once: a stored value is the one sent
                value = str((n + i) % 5 + 1)
                try:
                    status, _, body = await request(
                        client, "POST", f"{room.base}/api/answer", headers=bearer(token),
                        json={"exercise": "perception", "item": str(row), "value": value})
                except (TimeoutError, aiohttp.ClientError):
                    assert killed.is_set()
                    return
                assert status == 200, body
                acknowledged[(token, str(row))] = value  # "saved": must survive the kill
                if len(acknowledged) >= ACKNOWLEDGED and not killed.is_set():
                    room.process.kill()  # SIGKILL, while other phones' answers are in flight
                    killed.set()
                if killed.is_set():
                    return

        async def phones() -> None:
            async with aiohttp.ClientSession() as client:
                await asyncio.wait_for(asyncio.gather(
                    *(phone(client, n, t) for n, t in enumerate(tokens))), 60)
        asyncio.run(phones())
        assert killed.is_set() and len(acknowledged) >= ACKNOWLEDGED
        room.process.wait(30)
        assert room.process.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db_path)  # not read-only: it recovers the log
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {(h, item): value for h, item, value in conn.execute(
            "SELECT r.token_hash, s.item, s.value FROM responses s "
            "JOIN respondents r ON r.id = s.respondent_id WHERE s.exercise = 'perception'")}
    finally:
        conn.close()
    for (token, row), value in acknowledged.items():
        assert stored.get((token_hash(token), row)) == value, (row, value)
