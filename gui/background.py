"""Long work (reading a session file, making a PDF) off the window's thread, with a
progress dialog, so the window keeps painting and answering.

The work runs on a plain Python thread and must not touch Qt objects or the store
(SQLite connections belong to the thread that opened them): it takes plain data and
returns plain data; the caller stores the result on the window's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
POLL_MS = 30


class Cancelled(Exception):
    """The user pressed Cancel; whatever the work returns later is dropped."""


class Job(Generic[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        self.result: T | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(work,), daemon=True)

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self.result = work()
        except BaseException as error:  # handed back to the window's thread
            self.error = error


def run_in_background(parent: QWidget | None, label: str, work: Callable[[], T],
                      cancellable: bool = True) -> T:
    """Run `work` on a thread while a progress dialog is up; its result, or its
    exception raised here. Raises Cancelled when the user cancels (the thread is left
    to finish, its result dropped: `work` must change nothing itself)."""
    job: Job[T] = Job(work)
    progress = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, parent)
    progress.setWindowTitle("Partnership Workshop")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)  # quick work shows no dialog at all
    if not cancellable:
        progress.setCancelButton(None)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    loop = QEventLoop()
    cancelled = False

    def cancel() -> None:
        nonlocal cancelled
        cancelled = True
        loop.quit()

    def check() -> None:
        if progress.wasCanceled():  # Escape, or the Cancel button
            cancel()
        elif not job.thread.is_alive():
            loop.quit()

    timer = QTimer(interval=POLL_MS)
    timer.timeout.connect(check)
    progress.canceled.connect(cancel)
    job.thread.start()
    timer.start()
    try:
        if job.thread.is_alive():
            loop.exec()
    finally:
        timer.stop()
        progress.canceled.disconnect(cancel)
        progress.close()
        progress.deleteLater()
    if cancelled and job.thread.is_alive():
        raise Cancelled
    if job.error is not None:
        raise job.error
    return job.result  # type: ignore[return-value]
