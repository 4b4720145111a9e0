"""The room's one writer: every read and write the server makes, run in arrival order on
the thread that owns the session's document, many at once in one transaction.

Sixty phones voting at once used to be sixty FULL-sync commits one after another, the
last phone waiting for all of them. Here (group commit) work is queued as it arrives;
the first of a quiet spell posts one `drain` to the writer's thread, and by the time it
runs every request received meanwhile has been queued behind it. `drain` runs them all
inside `SessionDocument.batch()`: one BEGIN IMMEDIATE … COMMIT, each commit a savepoint.
So:
- a phone is told "saved" only after the COMMIT holding its answer has returned;
- an answer refused by a rule refuses only itself; the others of the batch are saved;
- a failed COMMIT (or a transaction SQLite rolled back: disk full, I/O error, busy)
  fails every piece of work of the batch with its StoreError, and stores none of it;
- reads see the writes queued before them (one connection), and the views hear of
  each change only after the COMMIT.

The writer's thread is the asyncio loop's own for the headless room (`on_this_loop`),
the window's for the room in the app (gui.room.service.QtWriter).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from model.document import SessionDocument

T = TypeVar("T")
MAX_BATCH = 100  # pieces of work per transaction: one batch never holds the lock long


class BatchWriter:
    """`await writer(work)` runs `work(document)` in the next batch and returns what it
    returned (or raises what it raised). `post(callback)` must run `callback` soon on
    the thread that owns `document`, after what is already waiting there."""

    def __init__(self, document: SessionDocument, post: Callable[[Callable[[], None]], Any],
                 max_batch: int = MAX_BATCH) -> None:
        self.document = document
        self.max_batch = max_batch
        self._post = post
        self._lock = threading.Lock()  # the queue is filled from the server's thread
        self._queue: list[tuple[Callable[[SessionDocument], Any],
                                concurrent.futures.Future]] = []
        self._posted = False  # a drain is posted and has not started yet

    @classmethod
    def on_this_loop(cls, document: SessionDocument, max_batch: int = MAX_BATCH
                     ) -> BatchWriter:
        """The headless writer: batches run on the running asyncio loop itself, after
        the callbacks already due (so the requests already received are queued)."""
        return cls(document, asyncio.get_running_loop().call_soon, max_batch)

    async def __call__(self, work: Callable[[SessionDocument], T]) -> T:
        return await asyncio.wrap_future(self.submit(work))

    def submit(self, work: Callable[[SessionDocument], T]) -> concurrent.futures.Future:
        """Queue `work`; its future is done when its batch is (any thread may call it)."""
        future: concurrent.futures.Future = concurrent.futures.Future()
        with self._lock:
            self._queue.append((work, future))
            post, self._posted = not self._posted, True
        if post:
            self._post(self.drain)
        return future

    def drain(self) -> None:
        """Run the work queued (at most `max_batch`, oldest first) as one batch; on the
        document's thread."""
        with self._lock:
            items, self._queue = self._queue[:self.max_batch], self._queue[self.max_batch:]
            more = self._posted = bool(self._queue)
        if more:  # the rest after whatever else is waiting on this thread
            self._post(self.drain)
        if not items:
            return
        # A request gone before its batch began (its future cancelled) is not run.
        items = [item for item in items if item[1].set_running_or_notify_cancel()]
        outcomes: list[tuple[bool, Any]] = []  # (ok, its result or its exception)
        batch = None
        try:
            with self.document.batch() as batch:
                for work, _ in items:
                    try:
                        outcomes.append((True, work(self.document)))
                    except BaseException as error:  # handed to the request, which says it
                        outcomes.append((False, error))
        except Exception as error:
            if batch is not None and batch.committed:
                raise  # a listener's bug after the COMMIT: the work is saved all the same
            # Nothing of the batch is stored: no one may be told otherwise.
            outcomes = [(False, error if ok else value) for ok, value in outcomes]
            outcomes += [(False, error)] * (len(items) - len(outcomes))
        finally:
            for (_, future), (ok, value) in zip(items, outcomes, strict=False):
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
            for _, future in items[len(outcomes):]:  # only if the batch itself was cut off
                future.set_exception(RuntimeError("the room's writer stopped"))
