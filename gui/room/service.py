"""The room of the open session, served from a thread of its own while the window runs.

The server (room.server) runs on an asyncio loop in a background thread. Every read
and write it makes is handed to the window's thread, where the session's one document
lives (`QtWriter`): so phones' answers are committed by the same writer, in the same
order, as the facilitator's keys (those that arrive together in one transaction), and
the views hear of them through the same `changed` signal.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal, Slot

from gui.document import SessionDocument
from model.room import EXERCISES
from room.server import Refusal, Room, RoomServer
from room.writer import BatchWriter

START_SECONDS = 10.0  # the longest opening may take before it is given up
STOP_SECONDS = 8.0  # answers in flight get this long to finish when the room closes


class QtWriter(QObject):
    """The room's batching writer (room.writer) with its batches run on the window's
    thread: a queued signal posts each `drain` there, behind the window's own events.
    So the window's edits are never inside a batch, and the views hear of the phones'
    answers after their COMMIT, through the document's `changed` as ever."""

    _drain = Signal()

    def __init__(self, document: SessionDocument) -> None:
        super().__init__()
        self.document = document
        self.closing = False
        self.batches = BatchWriter(document.core, lambda _drain: self._drain.emit())
        self._drain.connect(self._run, Qt.ConnectionType.QueuedConnection)

    async def __call__(self, work: Callable[[Any], Any]) -> Any:
        if self.closing:  # the phone is told, and nothing is saved
            raise Refusal(503, "The room is closing: your answer was not saved.")
        return await self.batches(work)

    @Slot()
    def _run(self) -> None:
        self.batches.drain()


class RoomService(QObject):
    """Open and close the room of one session; `changed` when it opens or closes."""

    changed = Signal()

    def __init__(self, document: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.room = Room(document.session_id, open_exercises=frozenset({"perception"}))
        self.server: RoomServer | None = None
        self.host = ""
        self._writer: QtWriter | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self.opened_at = 0.0

    @property
    def is_open(self) -> bool:
        return self.server is not None

    @property
    def url(self) -> str:
        return self.server.url if self.server else ""

    @property
    def address(self) -> str:
        return self.server.address if self.server else ""

    def open(self, host: str, port: int = 0) -> None:
        """Start serving on `host`; raises OSError when it cannot listen there."""
        self.close()
        writer = QtWriter(self.document)
        server = RoomServer(self.room, writer, host, port)
        loop = asyncio.new_event_loop()
        started: concurrent.futures.Future = concurrent.futures.Future()

        def serve() -> None:
            asyncio.set_event_loop(loop)

            async def start() -> None:
                try:
                    await server.start()
                except BaseException as error:
                    started.set_exception(error)
                    raise
                started.set_result(None)
            try:
                loop.run_until_complete(start())
            except BaseException:
                loop.close()
                return
            loop.run_forever()
            loop.close()

        thread = threading.Thread(target=serve, name="room-server", daemon=True)
        thread.start()
        try:
            started.result(timeout=START_SECONDS)  # raises what start() raised
        except concurrent.futures.TimeoutError:
            # Never left listening with nothing holding it: stop the loop, which closes
            # the port if it opened after all.
            asyncio.run_coroutine_threadsafe(server.stop(), loop)
            loop.call_soon_threadsafe(loop.stop)
            raise OSError(f"the room did not start within {START_SECONDS:.0f} seconds"
                          ) from None
        self.server, self.host, self._writer = server, host, writer
        self._loop, self._thread = loop, thread
        self.opened_at = time.monotonic()
        self.changed.emit()

    def close(self) -> None:
        """Stop accepting, let answers in flight finish, close the port."""
        if self.server is None:
            return
        server, loop, thread, writer = self.server, self._loop, self._thread, self._writer
        self.server = self._loop = self._thread = self._writer = None
        assert loop is not None and thread is not None and writer is not None
        writer.closing = True
        stopping = asyncio.run_coroutine_threadsafe(server.stop(), loop)
        deadline = time.monotonic() + STOP_SECONDS
        # Answers in flight wait for this thread to commit them: keep serving them.
        while not stopping.done() and time.monotonic() < deadline:
            QCoreApplication.processEvents(
                QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(STOP_SECONDS)
        self.changed.emit()

    def set_open(self, exercise: str, is_open: bool) -> None:
        """Let phones answer `exercise`, or freeze it (earlier answers are kept)."""
        assert exercise in EXERCISES
        current = set(self.room.open_exercises)
        (current.add if is_open else current.discard)(exercise)
        self.room.open_exercises = frozenset(current)  # replaced whole: see Room
        self.changed.emit()
