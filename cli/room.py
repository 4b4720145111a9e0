"""`room ID`: serve the room of a session without a window (contract: room.md).

The first line of stdout is the join URL; the rest of what it says goes to stderr. It
serves until SIGINT or SIGTERM, then stops accepting, finishes the answers in flight,
closes the port and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import signal
import sys

from model.document import SessionDocument
from model.errors import DatabaseReadOnly, UnknownSession, WorkshopError
from model.paths import database_path
from model.store import Store
from model.store.lock import held
from model.text import printable
from room.network import default_bind
from room.server import Room, RoomServer
from room.writer import BatchWriter


def run_room(args: argparse.Namespace) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    try:
        host = _host(args.bind) if args.bind is not None else default_bind()
        path = database_path(args.db)
        # The window's lock: one program changes a database at a time (else the window
        # would show a session the room has changed under it).
        with held(path):
            return _run(args, Store.open(path), host)
    except WorkshopError as error:
        return _fail(str(error))


def _run(args: argparse.Namespace, store: Store, host: str) -> int:
    try:
        if not store.exists(args.id):
            raise UnknownSession(f"there is no session {args.id!r} in {store.path}; "
                                 "`python main.py list` shows the sessions there.")
        if store.read_only:
            raise DatabaseReadOnly(f"{store.path}: the database is read-only, so the room "
                                   "could not save answers. Use a writable copy with --db.")
        document = SessionDocument(store, args.id)
        room = Room(args.id, open_exercises=frozenset(args.open))
        return asyncio.run(_serve(document, room, host, args.port))
    finally:
        store.close()


async def _serve(document: SessionDocument, room: Room, host: str, port: int) -> int:
    # One thread: the answers that arrive together are committed together, in turn.
    server = RoomServer(room, BatchWriter.on_this_loop(document), host, port)
    try:
        await server.start()
    except OSError as error:
        return _fail(f"cannot serve the room on {host} port {port}: {error.strerror or error}. "
                     "Choose another address with --bind or port with --port.")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except NotImplementedError:  # Windows: no loop signal handlers
            signal.signal(signum, lambda *_: loop.call_soon_threadsafe(stop.set))
    print(server.url, flush=True)
    title = printable(document.session.title)
    print(f"The room of “{title}” is open at {server.address} (room code {room.code}). "
          "Ctrl+C closes it.", file=sys.stderr, flush=True)
    try:
        await stop.wait()
    finally:
        await server.stop()
    print("The room is closed.", file=sys.stderr, flush=True)
    return 0


def _host(text: str) -> str:
    if text == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise WorkshopError(f"--bind {text!r} is not an IP address (for example "
                            "192.168.1.20, or 127.0.0.1 for this computer alone).") from None
    if address.is_unspecified:
        # Every network at once, and a join link no phone can open.
        raise WorkshopError(f"--bind {text} would listen on every network this computer "
                            "is on, and no phones could open the link it prints: give the "
                            "address phones reach, for example 192.168.1.20.")
    return str(address)


def _fail(message: str) -> int:
    print(f"error: {printable(message)}", file=sys.stderr)
    return 2
