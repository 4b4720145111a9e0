"""An edit that cannot be committed (disk full, file made read-only) stays on screen, is
marked NOT saved, and is committed by itself once it can be, in order, with its undo.

A full disk is simulated with `PRAGMA max_page_count`: the database may not grow past
its present size, exactly as if the disk had no room left for it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.document import SessionDocument
from model.demo import demo_session
from model.store import Store

BIG = "A long note that needs new pages in the database. " * 380  # < MAX_TEXT


def fill_disk(store: Store) -> None:
    pages = store.database.pragma("page_count")
    store.database.conn.execute(f"PRAGMA max_page_count = {pages}")


def free_disk(store: Store) -> None:
    store.database.conn.execute("PRAGMA max_page_count = 1073741823")


@pytest.fixture
def document(qtbot, store: Store):
    session_id = store.add_session(demo_session())
    document = SessionDocument(store, session_id)
    document.retry_timer.setInterval(100)  # the same timer, quicker, to keep tests short
    yield document
    document.close()


def test_a_failed_edit_stays_shown_and_is_saved_when_it_can_be(qtbot, store: Store,
                                                               document: SessionDocument
                                                               ) -> None:
    sid = document.session_id
    saved: list[bool] = []
    messages: list[str] = []
    document.saved.connect(saved.append)
    document.message.connect(messages.append)
    fill_disk(store)
    assert document.edit(lambda e: e.set_detail("purpose", BIG))
    assert document.unsaved and saved[-1] is False
    assert document.session.purpose == BIG  # still on screen
    assert store.load(sid).purpose != BIG  # but not stored
    assert "NOT SAVED" in messages[-1] and "disk is full" in messages[-1]
    # The next edit goes after it, in order, also shown and pending.
    assert document.edit(lambda e: e.set_detail("venue", BIG + "venue"))
    assert len(document.pending) == 2 and document.session.venue == BIG + "venue"
    assert document.undo_stack.count() == 2
    free_disk(store)
    qtbot.waitUntil(lambda: not document.unsaved, timeout=10_000)  # the retry timer
    stored = store.load(sid)
    assert (stored.purpose, stored.venue) == (BIG, BIG + "venue")
    assert saved[-1] is True and "Saved" in messages[-1]
    document.undo_stack.undo()
    assert store.load(sid).venue == demo_session().venue
    document.undo_stack.undo()
    assert store.load(sid).purpose == demo_session().purpose


def test_the_next_edit_saves_the_pending_ones_first(qtbot, store: Store,
                                                    document: SessionDocument) -> None:
    fill_disk(store)
    assert document.edit(lambda e: e.set_detail("purpose", BIG))
    document.retry_timer.stop()  # only the next edit may save it now
    free_disk(store)
    assert document.edit(lambda e: e.set_detail("venue", "Room 2"))
    assert not document.unsaved
    stored = store.load(document.session_id)
    assert (stored.purpose, stored.venue) == (BIG, "Room 2")


def test_undo_while_edits_are_pending_is_queued_after_them(qtbot, store: Store,
                                                           document: SessionDocument) -> None:
    sid = document.session_id
    assert document.edit(lambda e: e.set_detail("venue", "Room 1"))
    fill_disk(store)
    assert document.edit(lambda e: e.set_detail("purpose", BIG))
    document.undo_stack.undo()  # undoes the pending edit: shown at once
    assert document.session.purpose == demo_session().purpose and document.unsaved
    document.undo_stack.undo()  # and then the saved one, after it
    assert document.session.venue == demo_session().venue
    assert store.load(sid).venue == "Room 1"
    free_disk(store)
    assert document.retry()
    assert store.load(sid).venue == demo_session().venue
    assert store.load(sid).purpose == demo_session().purpose


def test_a_refused_edit_is_still_refused_while_others_are_pending(
        qtbot, store: Store, document: SessionDocument) -> None:
    fill_disk(store)
    assert document.edit(lambda e: e.set_detail("purpose", BIG))
    assert not document.edit(lambda e: e.set_detail("date", "not a date"))
    assert len(document.pending) == 1


def test_in_the_window_typed_text_stays_and_says_not_saved(qtbot, window, store: Store,
                                                           dialogs) -> None:
    session_id = store.add_session(demo_session())
    window.open_session(session_id, step=1)
    view = window.current_view()
    view.document.retry_timer.setInterval(100)
    venue = view.page(1).fields["venue"]
    fill_disk(store)
    venue.setFocus()
    venue.selectAll()
    QApplication.clipboard().setText(BIG)
    qtbot.keyClick(venue, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(venue, Qt.Key.Key_Tab)  # leaving the field saves it
    qtbot.waitUntil(lambda: view.document.unsaved)
    assert venue.text() == BIG  # not put back: the edit is not lost from the screen
    assert "NOT" in view.saved_label.text()
    assert window.message_bar.isVisible() and "NOT SAVED" in window.message_bar.text()
    # Quitting now would lose it: the app asks, and staying is the safe answer.
    dialogs.answers["confirm"] = False
    window.close()
    assert window.isVisible()
    assert [name for name, _ in dialogs.calls] == ["confirm"]
    free_disk(store)
    qtbot.waitUntil(lambda: not view.document.unsaved, timeout=10_000)
    assert store.load(session_id).venue == BIG
    assert view.saved_label.text() == "✓ All changes saved"
    window.close()
    assert not window.isVisible()


def test_a_database_opened_read_only_keeps_nothing_pending(qtbot, db_path) -> None:
    store = Store.open(db_path)
    session_id = store.add_session(demo_session())
    store.close()
    read_only = Store.open(db_path, read_only=True)
    document = SessionDocument(read_only, session_id)
    messages: list[str] = []
    document.message.connect(messages.append)
    assert not document.edit(lambda e: e.set_detail("venue", "Room 2"))
    assert not document.unsaved and "read-only" in messages[-1]
    assert document.session.venue == demo_session().venue
    read_only.close()
