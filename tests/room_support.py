"""A real room server on 127.0.0.1 for tests: `ServedRoom` runs a RoomServer (port 0) in
an asyncio loop on a thread of its own, its writer the headless batching one over a
`SessionDocument` (as `python main.py room` has it), on a temporary database holding
the demo session. Requests go to 127.0.0.1 only, each with a time limit."""

from __future__ import annotations

import asyncio
import os
import queue
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from model.demo import demo_session
from model.document import SessionDocument
from model.room import EXERCISES
from model.room import answers as room_answers
from model.store import Store
from room.server import Room, RoomServer
from room.writer import BatchWriter

HOST = "127.0.0.1"
TIMEOUT = aiohttp.ClientTimeout(total=10)
START_SECONDS = 15.0


class ServedRoom:
    """`with ServedRoom(db_path) as served:` serves the demo session's room until the
    block ends (or `stop()`)."""

    def __init__(self, db_path: Path, open_exercises=EXERCISES,
                 joins_per_address: int = 10_000) -> None:
        """Every test phone comes from 127.0.0.1: the limit of joins per address is
        lifted unless a test sets it (tests of that limit do)."""
        self.db_path = db_path
        self.joins_per_address = joins_per_address
        self.open_exercises = frozenset(open_exercises)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.server: RoomServer | None = None
        self.room: Room | None = None
        self.document: SessionDocument | None = None
        self.writer: BatchWriter | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="room-server", daemon=True)

    # --- life ------------------------------------------------------------------------

    def __enter__(self) -> ServedRoom:
        self._thread.start()
        if not self._ready.wait(START_SECONDS):
            raise TimeoutError("the room server did not start")
        if self._error is not None:
            raise self._error
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the server (it closes its port) and wait for its thread to end."""
        if self._thread.is_alive() and self.loop is not None and self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(START_SECONDS)
        assert not self._thread.is_alive(), "the room server did not stop"

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # reported to the test by __enter__
            self._error = error
            self._ready.set()

    async def _serve(self) -> None:
        # SQLite connections belong to the thread that opened them: the server's.
        store = Store.open(self.db_path)
        try:
            session_id = store.add_session(demo_session())
            self.document = SessionDocument(store, session_id)

            self.writer = BatchWriter.on_this_loop(self.document)
            self.room = Room(session_id, open_exercises=self.open_exercises)
            self.server = RoomServer(self.room, self.writer, HOST, 0)
            self.server.joins.per_address = self.joins_per_address
            await self.server.start()
            self.loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            self._ready.set()
            await self._stop.wait()
        finally:
            if self.server is not None:
                await self.server.stop()
            store.close()

    # --- what tests use --------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self.server is not None
        return self.server.port

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def join_token(self) -> str:
        assert self.room is not None
        return self.room.join_token

    def in_server(self, work: Callable[[SessionDocument], Any]) -> Any:
        """Run `work(document)` on the server's thread (where its connection lives)."""
        assert self.loop is not None

        async def run() -> Any:
            return work(self.document)
        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(START_SECONDS)

    def session(self):
        return self.in_server(lambda d: d.session)


def join(doc: SessionDocument, **who) -> int:
    """A respondent joins `doc`'s room (participant_id= or group_id=); its id."""
    return room_answers.respondent_id(doc.commit(lambda e: room_answers.join(e, **who)))


def answer(doc: SessionDocument, respondent: int, exercise: str, item: object,
           value: str | None) -> None:
    doc.commit(lambda e: room_answers.answer(e, respondent, exercise, str(item), value))


def read_db(db_path: Path) -> sqlite3.Connection:
    """A second connection to the database, as another program would open it."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    conn.row_factory = sqlite3.Row
    return conn


def dump(db_path: Path) -> str:
    """Everything in the database, to compare before and after; not the statistics
    that closing the store (PRAGMA optimize) may gather for the query planner."""
    conn = read_db(db_path)
    try:
        return "\n".join(line for line in conn.iterdump()
                         if "sqlite_stat" not in line and not line.startswith("ANALYZE"))
    finally:
        conn.close()


def responses(db_path: Path) -> list[dict]:
    conn = read_db(db_path)
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM responses ORDER BY id")]
    finally:
        conn.close()


async def request(client: aiohttp.ClientSession, method: str, url: str,
                  **kwargs: Any) -> tuple[int, dict, Any]:
    """(status, headers, body: JSON when the answer is JSON, else text)."""
    async with client.request(method, url, timeout=TIMEOUT, **kwargs) as response:
        text = await response.text()
        body: Any = text
        if response.content_type == "application/json":
            body = await response.json()
        return response.status, dict(response.headers), body


def call(method: str, url: str, **kwargs: Any) -> tuple[int, dict, Any]:
    """One request from a fresh client, waited for."""
    async def go() -> tuple[int, dict, Any]:
        async with aiohttp.ClientSession() as client:
            return await request(client, method, url, **kwargs)
    return asyncio.run(go())


def join_phone(base: str, join_token: str, choice: dict) -> str:
    """Join as `choice` ({"group": id} or {"participant": id}); the phone's token."""
    status, _, body = call("POST", f"{base}/api/join", json=choice,
                           headers={"X-Room-Join": join_token})
    assert status == 200, body
    return body["token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- the headless room, as its own process -------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def demo_database(db_path: Path) -> str:
    """A database holding the demo session, closed again; the session's id."""
    store = Store.open(db_path)
    try:
        return store.add_session(demo_session())
    finally:
        store.close()


def room_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(home / "data")  # never the user's own database
    env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


def room_command(session_id: str, db_path: Path, *extra: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "room", session_id, "--db", str(db_path),
            *extra]


class RoomProcess:
    """`python main.py room ID --db … --bind 127.0.0.1` running; `url` is its first line."""

    def __init__(self, session_id: str, db_path: Path, *extra: str,
                 bind: str = HOST) -> None:
        self.process = subprocess.Popen(
            room_command(session_id, db_path, "--bind", bind, *extra), cwd=db_path.parent,
            env=room_env(db_path.parent), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8")
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.process.stdout.readline()),
                         daemon=True).start()
        try:
            self.url = lines.get(timeout=START_SECONDS * 2).rstrip("\n")
        except queue.Empty:
            self.kill()
            raise TimeoutError("the room printed no join URL") from None
        if not self.url:
            self.process.wait(START_SECONDS)
            raise AssertionError(f"the room ended: {self.process.stderr.read()}")
        address = urlsplit(self.url)
        self.port = address.port
        self.base = f"{address.scheme}://{address.netloc}"
        self.join_token = address.path.rsplit("/", 1)[1]

    def __enter__(self) -> RoomProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.kill()
        self.process.stdout.close()
        self.process.stderr.close()

    def stop(self, signum: int = signal.SIGTERM) -> tuple[int, str]:
        """Signal the room and wait for it: (exit status, stderr)."""
        self.process.send_signal(signum)
        try:
            _, err = self.process.communicate(timeout=START_SECONDS * 2)
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        return self.process.returncode, err

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(START_SECONDS)


def port_closed(port: int) -> bool:
    try:
        socket.create_connection((HOST, port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False
